import Foundation
import Glibc
import Testing

/// A private runtime directory with a short path (a socket path must fit in 108 bytes).
final class Runtime {
  let path: String
  init(owner: uid_t? = nil) throws {
    path = "/tmp/mr-" + UUID().uuidString.prefix(8).lowercased()
    guard mkdir(path, 0o700) == 0 else { throw Timeout(description: "cannot make \(path)") }
    if let owner { chown(path, owner, owner) }
  }
  deinit { try? FileManager.default.removeItem(atPath: path) }
  var sockets: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path + "/mockroom")) ?? [])
      .filter { $0.hasSuffix(".sock") }.map { path + "/mockroom/" + $0 }
  }
  func waitForSocket() throws -> String {
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
      if let first = sockets.first { return first }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw Timeout(description: "no socket appeared in \(path)/mockroom")
  }
  /// Runs `mockroom ARGS` with this runtime directory.
  func mockroom(_ arguments: [String], home: String? = nil) throws -> Output {
    var env = ProcessInfo.processInfo.environment
    env["XDG_RUNTIME_DIR"] = path
    if let home { env["MOCKROOM_HOME"] = home }
    return try runProcess([Binary.path] + arguments, environment: env)
  }
}

/// A raw connection to a control socket, as a misbehaving client would make it.
final class RawClient {
  let fd: Int32
  private var pending: [UInt8] = []
  init(_ path: String) throws {
    fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (i, byte) in path.utf8.enumerated() { raw[i] = byte }
    }
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard result == 0 else {
      close(fd)
      throw Timeout(description: "connect: \(String(cString: strerror(errno)))")
    }
  }
  deinit { close(fd) }

  /// Writes all of `bytes` unless the other end closes; returns how many went.
  @discardableResult
  func write(_ bytes: [UInt8]) -> Int {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes {
        send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
      }
      if n <= 0 { break }
      offset += n
    }
    return offset
  }
  func write(_ text: String) { write(Array(text.utf8)) }

  /// The next line, or nil at the end of the connection or after `timeout` seconds.
  func line(timeout: Double = 5) -> String? {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      if let newline = pending.firstIndex(of: 10) {
        let line = String(decoding: pending[..<newline], as: UTF8.self)
        pending.removeSubrange(...newline)
        return line
      }
      var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
      let left = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
      guard left > 0, poll(&fds, 1, left) > 0 else { return nil }
      var buffer = [UInt8](repeating: 0, count: 65536)
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      guard n > 0 else { return nil }
      pending += buffer[0..<n]
    }
  }

  /// Reads until the session closes the connection; false if it is still open after `timeout`.
  func closedBySession(timeout: Double = 10) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    var buffer = [UInt8](repeating: 0, count: 65536)
    while Date() < deadline {
      var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
      guard poll(&fds, 1, 200) > 0 else { continue }
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n <= 0 { return true }
    }
    return false
  }
}

func json(_ line: String?) -> [String: Any] {
  guard let line, let data = line.data(using: .utf8),
    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
  else { return [:] }
  return object
}

@Suite(.timeLimit(.minutes(2))) struct PartnerEndToEnd {
  static let prompt = """
    ---
    title: Partner feed
    clarify:
      - question: How many users?
        answer: Forty million a day.
    interjections:
      - id: audio-now
        kind: pivot
        text: From today most of the traffic is audio.
        phase: clarify
        at: 30s
    notes: Push on the write path.
    ---
    Design a feed.
    """

  @Test func theInterviewerFiresAPivotTheCandidateSeesItAndBothScoresAreKept() throws {
    let runtime = try Runtime()
    let library = try PromptEndToEnd.Home()
    try library.write("prompts/feed.md", Self.prompt)
    let environment = ["XDG_RUNTIME_DIR": runtime.path]
    let candidate = try Pane(
      width: 100, height: 30,
      arguments: ["run", "--partner", "--prompts", library.path + "/prompts", "--bell", "off"],
      environment: environment)
    try candidate.waitFor("console may attach")
    let interviewer = try Pane(
      width: 120, height: 36, arguments: ["interviewer"], environment: environment)
    // The deck, the clarify answer and the notes come with the welcome: wait for all three.
    let console = try interviewer.waitFor("the console with the session's material") {
      $0.contains("DECK") && $0.contains("audio-now") && $0.contains("Forty million")
        && $0.contains("Push on the write")
    }
    #expect(console.contains("audio-now · pivot · clarify 0:30 · held"))
    #expect(console.contains("Forty million a day."))
    #expect(console.contains("Push on the write path."))
    try candidate.waitFor("interviewer attached")
    // In a partner session nothing fires by itself, even past its point.
    Thread.sleep(forTimeInterval: 1)
    #expect(!(try candidate.screen()).contains("PIVOT"))

    try interviewer.send("i")
    try interviewer.send("p")
    try interviewer.type("Now assume the traffic is audio.")
    try interviewer.send("Enter")
    let shown = try candidate.waitFor("Now assume the traffic is audio.")
    #expect(shown.contains("PIVOT"))
    try interviewer.waitFor("ON SCREEN PIVOT")

    // A third process reads the state.
    let status = try runtime.mockroom(["ctl", "status", "--json"])
    #expect(status.status == 0)
    let state = json(status.stdout.trimmingCharacters(in: .newlines))
    #expect(state["partner"] as? Bool == true)
    #expect(state["consoles"] as? Int == 1)
    #expect(state["phase"] as? String == "clarify")
    let banners = state["banners"] as? [[String: Any]] ?? []
    #expect(banners.first?["cue"] as? String == "custom-1")
    let line = try runtime.mockroom(["ctl", "status", "--format", "{phase} {remaining}"])
    #expect(line.stdout.hasPrefix("clarify 4:"))

    try interviewer.send("w")
    try interviewer.type("numbers from memory")
    try interviewer.send("Enter")
    try interviewer.send("E")
    try interviewer.send("y")
    try candidate.waitFor("Waiting for the interviewer's scores")
    try interviewer.waitFor("Score the candidate")
    try interviewer.send("4")
    for _ in 0..<6 { try interviewer.send("Down") }
    try interviewer.send("Enter")
    // The exit line comes after the last words: wait for it, not only for the words.
    let after = try interviewer.waitFor("the console's last words and its exit") {
      $0.contains("your scores are in session") && $0.contains("EXIT=")
    }
    #expect(after.contains("EXIT=0"))
    try candidate.expectExit(0)
    #expect(runtime.sockets.isEmpty, "the socket goes away with the session")

    let records = try #require(try candidate.records().first)
    let fired = records.filter { $0["type"] as? String == "cue_fired" && $0["source"] != nil }
    #expect(fired.count == 1)
    #expect(fired.first?["source"] as? String == "interviewer")
    #expect(fired.first?["text"] as? String == "Now assume the traffic is audio.")
    let note = records.first { $0["type"] as? String == "note" }
    #expect(note?["text"] as? String == "numbers from memory")
    #expect(note?["source"] as? String == "interviewer")
    let ended = records.first { $0["type"] as? String == "session_ended" }
    #expect(ended?["source"] as? String == "interviewer")
    let scores = records.last { $0["type"] as? String == "debrief" }
    #expect(scores?["source"] as? String == "interviewer")
    #expect((scores?["scores"] as? [String: Int])?["judgment"] == 4)

    let home = candidate.sessions.replacingOccurrences(of: "/sessions", with: "")
    let show = try runtime.mockroom(["show", "last"], home: home)
    #expect(show.stdout.contains("self   interviewer"))
    #expect(show.stdout.contains("NOTE"))
    #expect(show.stdout.contains("numbers from memory (interviewer)"))
  }

  @Test func garbageAHugeLineAndAClientThatNeverReadsHoldNothingUp() throws {
    let runtime = try Runtime()
    let candidate = try Pane(
      width: 80, height: 24, arguments: ["run", "--no-pivots", "--bell", "off"],
      environment: ["XDG_RUNTIME_DIR": runtime.path])
    let path = try runtime.waitForSocket()
    try candidate.waitFor("0:01 /")

    let garbage = try RawClient(path)
    garbage.write("hello there\n{\"op\":\"dance\"}\n{\"v\":1,\"op\":\"status\",\"seq\":5}\n")
    #expect(json(garbage.line())["code"] as? String == "bad_json")
    #expect(json(garbage.line())["code"] as? String == "unknown_op")
    #expect(json(garbage.line())["seq"] as? Int == 5)

    let huge = try RawClient(path)
    huge.write([UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20))
    #expect(huge.closedBySession(), "a line over 64 KiB ends the connection")

    // Watches, asks for the state thousands of times, and never reads a byte.
    let deaf = try RawClient(path)
    deaf.write("{\"op\":\"hello\",\"role\":\"interviewer\",\"watch\":true}\n")
    let flood = String(repeating: "{\"op\":\"status\"}\n", count: 4000)
    deaf.write(flood)

    // Meanwhile the session keeps its clock and another client is answered.
    let before = try candidate.screen()
    let started = Date()
    let status = try runtime.mockroom(["ctl", "status", "--format", "{status} {elapsed}"])
    #expect(status.status == 0)
    #expect(status.stdout.hasPrefix("running 0:"))
    #expect(Date().timeIntervalSince(started) < 3)
    try candidate.waitFor("the clock to move on") { $0 != before && $0.contains("CLARIFY") }
    #expect(deaf.closedBySession(), "a client with too much waiting is dropped")
    let again = try runtime.mockroom(["ctl", "pause"])
    #expect(again.status == 0)
    try candidate.waitFor("PAUSED")
    // A negative duration needs no `--`: clarify's 5:00 becomes 4:00.
    let shorter = try runtime.mockroom(["ctl", "extend", "-1m"])
    #expect(shorter.status == 0, "\(shorter.stderr)")
    let budget = try runtime.mockroom(["ctl", "status", "--json"])
    #expect(budget.stdout.contains("\"phase_budget_ms\":240000"), "\(budget.stdout)")

    try candidate.send("q")
    try candidate.send("y")
    try candidate.expectExit(0)
  }

  @Test func withoutASessionCtlSaysSoAndAStaleSocketIsCleared() throws {
    let runtime = try Runtime()
    let none = try runtime.mockroom(["ctl", "status"])
    #expect(none.status == 1)
    #expect(none.stderr.contains("no session is running"))
    // A socket whose session was killed: bound, never closed by its owner.
    mkdir(runtime.path + "/mockroom", 0o700)
    let stale = runtime.path + "/mockroom/20261121-000000-dead.sock"
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (i, byte) in stale.utf8.enumerated() { raw[i] = byte }
    }
    _ = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    close(fd)
    #expect(FileManager.default.fileExists(atPath: stale))
    let after = try runtime.mockroom(["ctl", "pause"])
    #expect(after.status == 1)
    #expect(after.stderr.contains("no session is running"))
    #expect(!FileManager.default.fileExists(atPath: stale))
    let unknown = try runtime.mockroom(["ctl", "--session", "nope", "status"])
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("no running session 'nope'"))
  }

  @Test(.enabled(if: getuid() == 0, "needs root to run a process as another user"))
  func anotherUserIsRefused() throws {
    let nobody: uid_t = 65534
    // The session runs as nobody, from a copy of the binary nobody can reach.
    let runtime = try Runtime(owner: nobody)
    let place = try Runtime(owner: nobody)
    let binary = place.path + "/mockroom"
    // Copied by cp, not by this process: a write descriptor here could leak into a process
    // another test forks meanwhile, and exec would fail with "text file busy".
    _ = try runProcess(["cp", Binary.path, binary])
    chmod(place.path, 0o755)
    chmod(binary, 0o755)
    let home = place.path + "/home"
    mkdir(home, 0o700)
    chown(home, nobody, nobody)
    let candidate = try Pane(
      width: 80, height: 24, arguments: ["run", "--no-pivots", "--bell", "off"],
      environment: ["XDG_RUNTIME_DIR": runtime.path, "MOCKROOM_HOME": home, "HOME": home],
      binary: binary,
      prefix: ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
    try candidate.waitFor("CLARIFY")
    let path = try runtime.waitForSocket()
    try candidate.waitFor("CLARIFY")
    // Root gets past the file modes; the session's own check of the peer refuses it.
    let client = try RawClient(path)
    client.write("{\"op\":\"status\"}\n")
    let refused = json(client.line())
    #expect(refused["code"] as? String == "refused")
    #expect((refused["message"] as? String)?.contains("another user") == true)
    #expect(client.closedBySession())
    let ctl = try runtime.mockroom(["ctl", "status"])
    #expect(ctl.status == 1)
    #expect(ctl.stderr.contains("belongs to another user"))
    #expect(try candidate.screen().contains("CLARIFY"))
    try candidate.send("q")
    try candidate.send("y")
    try candidate.expectExit(0)

    // And the other way: a root session's socket is closed to nobody by its modes.
    let own = try Runtime()
    let session = try Pane(
      width: 80, height: 24, arguments: ["run", "--no-pivots", "--bell", "off"],
      environment: ["XDG_RUNTIME_DIR": own.path])
    let socket = try own.waitForSocket()
    let denied = try runProcess(
      [
        "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", binary, "ctl", "--socket",
        socket, "status",
      ])
    #expect(denied.status == 1)
    #expect(denied.stderr.contains("Permission denied"))
    try session.send("q")
    try session.send("y")
    try session.expectExit(0)
  }
}
