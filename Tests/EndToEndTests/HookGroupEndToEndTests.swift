import Foundation
import Glibc
import Testing

/// What a hook leaves behind: its whole process group ends with it, its output is capped, and
/// speech has time to be heard.
@Suite(.timeLimit(.minutes(2))) struct HookGroupEndToEnd {
  typealias Home = PromptEndToEnd.Home

  /// A `hooks/session-started` script: it starts a grandchild in its group that ignores TERM,
  /// notes both pids, and sleeps (the leader itself dies of TERM).
  static func home(timeout: String = "5s") throws -> (Home, leader: String, grandchild: String) {
    let home = try Home()
    let leader = home.path + "/leader"
    let grandchild = home.path + "/grandchild"
    try home.write("config.yaml", "hook_timeout: \(timeout)\n")
    try home.write(
      "hooks/session-started",
      """
      #!/bin/sh
      sh -c 'trap "" TERM; exec sleep 60' &
      echo $! > \(grandchild).new && mv \(grandchild).new \(grandchild)
      echo $$ > \(leader).new && mv \(leader).new \(leader)
      exec sleep 60

      """)
    chmod(home.path + "/hooks/session-started", 0o755)
    return (home, leader, grandchild)
  }

  static func pid(_ path: String) throws -> Int32 {
    try #require(
      Int32(try HookEndToEnd.waitForFile(path).trimmingCharacters(in: .whitespacesAndNewlines)))
  }

  /// The processes of group `pgid` that are alive (a zombie is not).
  static func members(of pgid: Int32) -> [Int32] {
    let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [])
      .compactMap(Int32.init)
    return pids.filter { pid in
      guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { return false }
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      return fields.count > 2 && fields[0] != "Z" && Int32(fields[2]) == pgid
    }
  }

  /// Processes that hold `path` open.
  static func holders(of path: String) -> [Int32] {
    let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [])
      .compactMap(Int32.init)
    return pids.filter { pid in
      let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
      return fds.contains {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)"))
          == path
      }
    }
  }

  @Test func hookGrandchildIsKilledWithItsGroupAtExit() throws {
    let (home, leaderFile, grandchildFile) = try Self.home()
    let pane = try HookEndToEnd.pane(home, ["--no-pivots"])
    let leader = try Self.pid(leaderFile)
    let grandchild = try Self.pid(grandchildFile)
    #expect(Self.members(of: leader).contains(grandchild))
    try pane.send("q", "y")
    let screen = try pane.expectExit(0)
    #expect(screen.contains("hook session-started"), "\(screen)")
    #expect(screen.contains("stopped at exit"), "\(screen)")
    #expect(Self.members(of: leader).isEmpty, "left alive: \(Self.members(of: leader))")
    let log = home.path + "/hooks.log"
    #expect(Self.holders(of: log).isEmpty, "the hook log is held open")
    let text = try String(contentsOfFile: log, encoding: .utf8)
    #expect(text.contains("stopped at exit"), "\(text)")
    #expect(!text.contains("still running after"), "\(text)")
  }

  @Test func hookGroupGetsKillAfterTheGraceEvenWhenItsLeaderDiedOfTerm() throws {
    let (home, leaderFile, grandchildFile) = try Self.home(timeout: "1s")
    let pane = try HookEndToEnd.pane(home, ["--no-pivots"])
    let leader = try Self.pid(leaderFile)
    _ = try Self.pid(grandchildFile)
    try waitForLines("the stopped hook's failure", read: { try HookEndToEnd.record(home) }) {
      count($0, "hook_failed") == 1
    }
    // TERM at 1 s, KILL half a second later: the session is still running meanwhile.
    let deadline = Date().addingTimeInterval(5)
    while !Self.members(of: leader).isEmpty, Date() < deadline {
      Thread.sleep(forTimeInterval: 0.05)
    }
    #expect(Self.members(of: leader).isEmpty, "left alive: \(Self.members(of: leader))")
    #expect(try pane.screen().contains("CLARIFY"))
    try pane.send("q", "y")
    try pane.expectExit(0)
  }

  @Test func theHookLogIsRotatedPastItsCap() throws {
    let home = try Home()
    let done = home.path + "/done"
    // Ten megabytes of lines, then a word that it is done.
    try home.write(
      "config.yaml",
      """
      hooks:
        session-started: [[sh, -c, 'yes 0123456789abcdef | head -c 10000000; echo LAST; touch $0', \(done)]]

      """)
    let pane = try HookEndToEnd.pane(home, ["--no-pivots"])
    let log = home.path + "/hooks.log"
    let deadline = Date().addingTimeInterval(30)
    var text = ""
    while Date() < deadline {
      text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
      if text.contains(": exit 0 after ") { break }
      Thread.sleep(forTimeInterval: 0.1)
    }
    #expect(text.contains(": exit 0 after "), "the hook's end is logged")
    #expect(text.contains("LAST\n"), "the newest output is kept")
    func size(_ path: String) -> Int? {
      (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int
    }
    let cap = 4 << 20
    #expect((size(log) ?? .max) <= cap, "hooks.log is \(size(log) ?? -1) bytes")
    #expect((size(log + ".1") ?? .max) <= cap, "hooks.log.1 is \(size(log + ".1") ?? -1) bytes")
    #expect(!FileManager.default.fileExists(atPath: log + ".2"))
    try pane.send("q", "y")
    try pane.expectExit(0)
  }

  /// A typical pivot is about 8 s of speech: a speech program that takes that long is heard
  /// out, whatever `hook_timeout` says.
  @Test func speakHasTimeToReadACueWhole() throws {
    let home = try Home()
    let bin = home.path + "/bin"
    try home.write("bin/espeak-ng", "#!/bin/sh\nsleep 8\n")
    chmod(bin + "/espeak-ng", 0o755)
    try home.write("config.yaml", "hooks:\n  cue-fired: [speak]\n")
    let path = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    let test = try ConfigEndToEnd.mockroom(["hooks", "test", "cue-fired"], home, ["PATH": path])
    #expect(test.status == 0, "\(test.stdout) \(test.stderr)")
    #expect(test.stdout.contains("cue-fired: speak: exit 0 after "), "\(test.stdout)")
  }
}
