import Foundation
import Glibc
import Testing

/// A disk that fills in the middle of a mock: the session goes on, the screen says the record
/// is behind, and every line reaches a file.
@Suite(.timeLimit(.minutes(2)), .enabled(if: TinyDisk.available, "mounting a tmpfs needs root"))
struct DiskFullEndToEnd {
  /// A session whose records go to a tiny disk, with fallbacks written to `elsewhere`.
  final class Scene {
    let home: PromptEndToEnd.Home
    let disk: TinyDisk
    let elsewhere: String
    let pane: Pane

    init() throws {
      home = try PromptEndToEnd.Home()
      disk = try TinyDisk(at: home.path + "/sessions", kilobytes: 16)
      elsewhere = home.path + "/elsewhere"
      try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
      pane = try Pane(
        width: 100, height: 30, arguments: ["run", "--no-pivots", "--bell", "off"],
        environment: ["MOCKROOM_HOME": home.path, "TMPDIR": elsewhere])
      try pane.waitFor("CLARIFY · phase 1 of 5")
    }

    /// Fills the disk, then marks moments (a line each) until the screen says the record is
    /// behind; returns how many marks were made.
    func fillUntilBehind() throws -> Int {
      disk.fill()
      for presses in 1...300 {
        try pane.send("x")
        // Each mark shows its notice: wait for the keypress to be taken before the next.
        if presses % 10 == 0 || presses > 250 {
          let screen = try pane.screen()
          if screen.contains("RECORD BEHIND") { return presses }
        }
      }
      let screen = try pane.waitFor("RECORD BEHIND", timeout: 5)
      #expect(screen.contains("no space left on device"))
      return 300
    }

    /// The session clock on screen (`session 0:12 / 45:00`).
    func sessionClock() throws -> String {
      let screen = try pane.screen()
      return screen.firstMatch(of: /session (\d+:\d\d) \//).map { String($0.1) } ?? ""
    }

    func marks(in path: String) throws -> Int {
      try lines(of: path).filter { ($0["type"] as? String) == "marked" }.count
    }

    /// Every line of a file, each required to be one whole JSON object.
    func lines(of path: String) throws -> [[String: Any]] {
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(text.hasSuffix("\n"))
      return try text.split(separator: "\n").map { line in
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any], "not one JSON line: \(line)")
      }
    }
  }

  @Test func theSessionGoesOnWhileTheDiskIsFullAndCatchesUpWhenItIsFreed() throws {
    let scene = try Scene()
    let presses = try scene.fillUntilBehind()
    let behind = try scene.pane.waitFor("the banner with its reason") {
      $0.contains("RECORD BEHIND") && $0.contains("no space left on device")
    }
    #expect(behind.contains("held, retrying"))
    // The clock keeps counting while the record is behind.
    let before = try scene.sessionClock()
    try #require(!before.isEmpty, "the header shows the session clock")
    try scene.pane.waitFor("the session clock to move on") {
      ($0.firstMatch(of: /session (\d+:\d\d) \//).map { String($0.1) } ?? before) != before
    }
    scene.disk.free()
    try scene.pane.waitFor("the record to catch up", timeout: 5) { !$0.contains("RECORD BEHIND") }
    // Everything was written once there was room: the presses typed after the banner too.
    try scene.pane.send("x")
    try scene.pane.send("q", "y")
    try scene.pane.expectExit(0)
    let record = try #require(
      try FileManager.default.contentsOfDirectory(atPath: scene.disk.path).first {
        $0.hasSuffix(".jsonl")
      })
    let path = scene.disk.path + "/" + record
    #expect(try scene.marks(in: path) == presses + 1)
    let lines = try scene.lines(of: path)
    #expect(lines.first?["type"] as? String == "session_started")
    #expect(lines.last?["type"] as? String == "session_ended")
  }

  @Test func aDiskStillFullAtTheEndSendsTheWholeRecordToAFallbackAndExits1() throws {
    let scene = try Scene()
    let presses = try scene.fillUntilBehind()
    try scene.pane.waitFor("RECORD BEHIND")
    try scene.pane.send("q", "y")
    let screen = try scene.pane.expectExit(1)
    #expect(screen.contains("the record is incomplete"))
    let fallback = try #require(
      try FileManager.default.contentsOfDirectory(atPath: scene.elsewhere).first {
        $0.hasPrefix("mockroom-") && $0.hasSuffix(".jsonl")
      })
    let flat = screen.replacingOccurrences(of: "\n", with: "")
    #expect(flat.contains("The whole record is in"))
    let lines = try scene.lines(of: scene.elsewhere + "/" + fallback)
    #expect(lines.first?["type"] as? String == "session_started")
    #expect(lines.last?["type"] as? String == "session_ended")
    #expect(lines.filter { $0["type"] as? String == "marked" }.count == presses)
  }
}

/// What the record's writer asks of the disk, seen with strace.
@Suite(.timeLimit(.minutes(2))) struct RecordDurabilityEndToEnd {
  @Test func aNewRecordsDirectoryIsFsyncedAfterTheFileIsCreated() throws {
    let home = try PromptEndToEnd.Home()
    let trace = home.path + "/trace.txt"
    let pane = try Pane(
      width: 80, height: 24, arguments: ["run", "--no-pivots", "--bell", "off"],
      environment: ["MOCKROOM_HOME": home.path],
      prefix: ["strace", "-f", "-e", "trace=openat,fsync", "-o", trace])
    try pane.waitFor("CLARIFY")
    try pane.send("q", "y")
    try pane.expectExit(0)
    let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
    let sessions = home.path + "/sessions"
    // The record is created, then its directory is opened and fsynced.
    let created = try #require(
      lines.firstIndex {
        $0.contains("openat(") && $0.contains(sessions + "/") && $0.contains("O_CREAT")
      })
    let opened = try #require(
      lines[created...].firstIndex {
        $0.contains("openat(") && $0.contains("\"\(sessions)\"") && $0.contains("O_DIRECTORY")
      }, "the directory is opened after the record is created")
    let fd = try #require(lines[opened].firstMatch(of: /= (\d+)$/).map { String($0.1) })
    #expect(
      lines[opened...].contains {
        $0.replacingOccurrences(of: " ", with: "").hasSuffix("fsync(\(fd))=0")
      },
      "the directory's descriptor is fsynced")
  }
}
