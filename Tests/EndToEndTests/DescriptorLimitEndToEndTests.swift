import Foundation
import Glibc
import Testing

/// A session that has run out of file descriptors: it stops accepting, says so once, stays
/// idle, and accepts again once a connection closes.
@Suite(.timeLimit(.minutes(2))) struct DescriptorLimitEndToEndTests {
  static let limit = 40

  /// The CPU time a process has used, in seconds (user and system, from /proc/PID/stat).
  static func cpuSeconds(_ pid: Int32) throws -> Double {
    let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
    // Fields after the command's closing parenthesis: state is the 3rd field, utime the 14th.
    let fields = stat[stat.index(after: stat.lastIndex(of: ")")!)...].split(separator: " ")
    let ticks = Double(fields[11])! + Double(fields[12])!
    return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
  }

  static func openDescriptors(_ pid: Int32) -> Int {
    ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []).count
  }

  @Test func aSessionOutOfDescriptorsStaysIdleSaysSoOnceAndAcceptsAgain() throws {
    let runtime = try Runtime()
    let pane = try Pane(
      arguments: ["run", "--no-pivots", "--bell", "off"],
      environment: ["XDG_RUNTIME_DIR": runtime.path],
      prefix: ["sh", "-c", "ulimit -n \(Self.limit) && exec \"$@\"", "sh"])
    try pane.waitFor("CLARIFY")
    let socket = try runtime.waitForSocket()
    let pid = try pane.mockroomPID()
    // As many clients as the limit: the session takes some until its descriptors run out, and
    // the rest wait in the listener's queue (16 deep), which keeps it ready to accept.
    let spare = Self.limit - Self.openDescriptors(pid)
    #expect(spare > 0 && Self.limit - spare <= 16, "the session holds \(Self.limit - spare)")
    var clients = try (0..<Self.limit).map { _ in try RawClient(socket) }
    let deadline = Date().addingTimeInterval(10)
    while Self.openDescriptors(pid) < Self.limit, Date() < deadline {
      Thread.sleep(forTimeInterval: 0.05)
    }
    #expect(Self.openDescriptors(pid) == Self.limit, "the session never ran out")

    // Out of descriptors with connections waiting, the session stays near idle (it wakes about
    // once a second, a millisecond or so each time), and says why new consoles wait.
    let before = try Self.cpuSeconds(pid)
    let started = Date()
    let said = try? pane.waitFor("the open-file limit (\(Self.limit)) is reached")
    Thread.sleep(forTimeInterval: max(0, 3 - Date().timeIntervalSince(started)))
    let used = try Self.cpuSeconds(pid) - before
    let window = Date().timeIntervalSince(started)
    #expect(used < 0.1 * window, "\(used) s of CPU in \(window) s with descriptors exhausted")
    #expect(said != nil, "the session never said it ran out")
    // Said once: the notice goes by itself.
    try pane.waitFor("the notice to go") { !$0.contains("open-file limit") }

    // Once connections close, a new client is accepted and answered.
    clients.removeAll()
    let fresh = try RawClient(socket)
    fresh.write("{\"op\":\"status\",\"seq\":1}\n")
    #expect(json(fresh.line(timeout: 10))["type"] as? String == "state")
    #expect(!(try pane.screen()).contains("open-file limit"))
    try pane.send("q")
    try pane.send("y")
    try pane.expectExit(0)
  }
}
