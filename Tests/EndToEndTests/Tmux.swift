import Foundation
import Glibc
import Testing

/// The built `mockroom` binary: `$MOCKROOM_BIN`, or the one beside this test bundle.
enum Binary {
  static let path: String = {
    if let path = ProcessInfo.processInfo.environment["MOCKROOM_BIN"] { return path }
    let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    return me.deletingLastPathComponent().appendingPathComponent("mockroom").path
  }()
}

struct Output {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs a program to completion and collects what it printed.
///
/// posix_spawn and waitpid rather than Foundation's Process, whose waitUntilExit can hang on
/// Linux under concurrent tests; output goes through temporary files, not pipes, because a
/// daemon the program starts (the tmux server) may hold a pipe open forever.
func runProcess(_ arguments: [String], environment: [String: String]? = nil) throws -> Output {
  let scratch = FileManager.default.temporaryDirectory
    .appendingPathComponent("mockroom-run-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: scratch) }
  let outPath = scratch.appendingPathComponent("out").path
  let errPath = scratch.appendingPathComponent("err").path

  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  // Nothing else the test process has open: another test may be writing a hook script at this
  // instant, and a child holding that file open for writing makes its exec fail with ETXTBSY
  // ("Text file busy") for as long as the child lives.
  closeFrom3(&actions)

  let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
  let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
  let envp = env.map { strdup($0) } + [nil]
  defer { (argv + envp).forEach { free($0) } }

  // The test runner may block signals, and a blocked mask is inherited: the tmux server and the
  // shells in its panes would then ignore the SIGHUP that kill-server sends, and outlive the
  // test. Start every child with no signal blocked and default handlers.
  var attributes = posix_spawnattr_t()
  posix_spawnattr_init(&attributes)
  defer { posix_spawnattr_destroy(&attributes) }
  var none = sigset_t()
  var all = sigset_t()
  sigemptyset(&none)
  sigfillset(&all)
  posix_spawnattr_setsigmask(&attributes, &none)
  posix_spawnattr_setsigdefault(&attributes, &all)
  posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

  var pid: pid_t = 0
  let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, envp)
  guard spawned == 0 else {
    throw Timeout(description: "cannot run \(arguments): \(String(cString: strerror(spawned)))")
  }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  // WIFEXITED / WEXITSTATUS are macros; decode by hand.
  let exited = status & 0x7f == 0
  return Output(
    status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
    stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
    stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
/// module does not import: found by name, and skipped where it is missing.
private func closeFrom3(_ actions: inout posix_spawn_file_actions_t) {
  typealias CloseFrom =
    @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32)
    -> Int32
  guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
  _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
}

struct Timeout: Error, CustomStringConvertible {
  let description: String
}

/// One private tmux server running one mockroom in one pane, with its own data directory (given
/// as MOCKROOM_HOME, or as XDG_DATA_HOME to test the fallback).
/// After mockroom exits the pane prints `EXIT=<status>` and `stty -a`, so a test can see how it
/// ended and whether the terminal was restored.
final class Pane {
  let directory: URL
  /// Whether mockroom runs as a job of an interactive bash.
  let jobControl: Bool
  /// Where this pane's session records are written.
  let sessions: String
  private let socket: String

  init(
    width: Int = 100, height: Int = 30, arguments: [String] = [],
    environment: [String: String] = [:],
    termOverride: String? = nil, dataVariable: String = "MOCKROOM_HOME",
    jobControl: Bool = false, binary: String = Binary.path, prefix: [String] = []
  ) throws {
    self.jobControl = jobControl
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mockroom-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let home = directory.appendingPathComponent("home").path
    sessions = home + (dataVariable == "MOCKROOM_HOME" ? "/sessions" : "/mockroom/sessions")
    socket = directory.appendingPathComponent("sock").path
    let pidFile = directory.appendingPathComponent("pid").path
    let words = (prefix + [binary] + arguments).map(quote).joined(separator: " ")
    var setTerm = ""
    if let termOverride {
      setTerm = termOverride.isEmpty ? "unset TERM; " : "export TERM=\(quote(termOverride)); "
    }
    // The inner shell records its pid and then becomes mockroom, so signals reach mockroom.
    let inner = "echo $$ > \(quote(pidFile)); \(setTerm)exec \(words)"
    let line = "sh -c \(quote(inner)); echo EXIT=$?; stty -a"
    // With job control, an interactive bash runs mockroom as a job that Ctrl-Z can stop and
    // `fg` continue; the line is typed into it once it is up.
    let command =
      jobControl ? "PS1='shell> ' bash --norc --noprofile -i" : line + "; sleep 600"
    var tmux = [
      "tmux", "-S", socket, "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)",
    ]
    let paneEnvironment = ["LANG": "C.UTF-8", dataVariable: home].merging(environment) { $1 }
    for (key, value) in paneEnvironment.sorted(by: { $0.key < $1.key }) {
      tmux += ["-e", "\(key)=\(value)"]
    }
    var serverEnvironment = ProcessInfo.processInfo.environment
    serverEnvironment["LANG"] = "C.UTF-8"
    serverEnvironment["LC_ALL"] = nil
    let started = try runProcess(tmux + [command], environment: serverEnvironment)
    guard started.status == 0 else {
      throw Timeout(description: "tmux did not start: \(started.stderr)")
    }
    if jobControl && !arguments.isEmpty {
      try waitFor("shell>")
      // mockroom alone, as a person types it: bash runs the rest of a line as soon as the job
      // stops, and a wrapping shell would stop before mockroom could restore the screen. The
      // exit status is asked for once mockroom has ended (see `exitStatus`).
      try type(words)
      try send("Enter")
    }
  }

  /// In a job-control pane: types a mockroom command line (the binary, then `arguments`).
  func run(_ arguments: [String]) throws {
    try waitFor("shell>")
    try type(([Binary.path] + arguments).map(quote).joined(separator: " "))
    try send("Enter")
  }

  /// Clears the pane's screen and history (between commands in a job-control pane).
  func clear() throws {
    try type("clear")
    try send("Enter")
    _ = try runProcess(["tmux", "-S", socket, "clear-history", "-t", "t"])
  }

  /// Types `text` literally (no key names).
  func type(_ text: String) throws {
    _ = try runProcess(["tmux", "-S", socket, "send-keys", "-t", "t", "-l", text])
  }

  deinit {
    _ = try? runProcess(["tmux", "-S", socket, "kill-server"])
    try? FileManager.default.removeItem(at: directory)
  }

  func screen() throws -> String {
    try runProcess(["tmux", "-S", socket, "capture-pane", "-p", "-t", "t"]).stdout
  }

  /// Waits (polling every 50 ms) until the screen satisfies `condition`; returns that screen.
  @discardableResult
  func waitFor(
    _ what: String, timeout: Double = 10, _ condition: (String) -> Bool
  ) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var last = ""
    while Date() < deadline {
      last = try screen()
      if condition(last) { return last }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw Timeout(description: "timed out waiting for \(what); the screen was:\n\(last)")
  }

  @discardableResult
  func waitFor(_ text: String, timeout: Double = 10) throws -> String {
    try waitFor("'\(text)'", timeout: timeout) { $0.contains(text) }
  }

  func send(_ keys: String...) throws {
    _ = try runProcess(["tmux", "-S", socket, "send-keys", "-t", "t"] + keys)
  }

  func resize(width: Int, height: Int) throws {
    _ = try runProcess(
      ["tmux", "-S", socket, "resize-window", "-t", "t", "-x", "\(width)", "-y", "\(height)"])
  }

  /// The pid of mockroom (the shell that wrote it became mockroom).
  func mockroomPID() throws -> Int32 {
    let file = directory.appendingPathComponent("pid").path
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
      if let text = try? String(contentsOfFile: file, encoding: .utf8),
        let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        return pid
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw Timeout(description: "mockroom's pid never appeared")
  }

  /// Sends `number` to mockroom, as kill(1) would (without needing procps installed).
  func signal(_ number: Int32) throws {
    guard kill(try mockroomPID(), number) == 0 else {
      throw Timeout(description: "kill failed: \(String(cString: strerror(errno)))")
    }
  }

  /// Waits for mockroom to exit and returns its exit status and the screen then. `EXIT=` is
  /// looked for anywhere on screen: a terminal left raw does not return the cursor to column 0.
  func exitStatus() throws -> (Int32, String) {
    if jobControl {
      try waitFor("mockroom: session")
      try type("echo \"EXIT\"=$?; stty -a")
      try send("Enter")
    }
    // A terminal left raw (mockroom killed outright) has no carriage returns, so stty's words
    // wrap wherever the line ends: `-ic` on one row and `anon` on the next.
    let screen = try waitFor("mockroom to exit") {
      $0.contains("EXIT=") && $0.replacingOccurrences(of: "\n", with: "").contains("icanon")
    }
    let digits = screen.components(separatedBy: "EXIT=")[1].prefix { $0.isNumber }
    guard let status = Int32(digits) else {
      throw Timeout(description: "no exit status after EXIT= on the screen:\n\(screen)")
    }
    return (status, screen)
  }

  /// Waits for mockroom to exit, expects `status` and a restored terminal, and returns the
  /// screen after the exit.
  @discardableResult
  func expectExit(
    _ status: Int32, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> String {
    let (actual, screen) = try exitStatus()
    #expect(actual == status, sourceLocation: sourceLocation)
    #expect(
      terminalRestored(screen), "stty -a shows the terminal left raw",
      sourceLocation: sourceLocation)
    return screen
  }

  /// Every session record written by this pane's mockroom, each as parsed JSON lines.
  func records() throws -> [[[String: Any]]] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: sessions)) ?? []
    return try files.sorted().map { name in
      let text = try String(contentsOfFile: sessions + "/" + name, encoding: .utf8)
      return try text.split(separator: "\n").map { line in
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
      }
    }
  }
}

/// Waits (polling every 50 ms) until the record lines `read` returns satisfy `condition`. A
/// notice on the screen lasts three seconds, which a loaded machine can let pass between two
/// looks; the line the notice follows is written and fsynced before it shows, and stays.
func waitForLines(
  _ what: String, timeout: Double = 10, read: () throws -> [[String: Any]],
  _ condition: ([[String: Any]]) -> Bool
) throws {
  let deadline = Date().addingTimeInterval(timeout)
  var last: [[String: Any]] = []
  while Date() < deadline {
    last = (try? read()) ?? []
    if condition(last) { return }
    Thread.sleep(forTimeInterval: 0.05)
  }
  throw Timeout(description: "timed out waiting for \(what) in the record (\(last.count) lines)")
}

/// How many of `lines` are of `type`.
func count(_ lines: [[String: Any]], _ type: String) -> Int {
  lines.filter { $0["type"] as? String == type }.count
}

/// Whether `stty -a` output shows a terminal back in its normal (cooked, echoing) mode.
func terminalRestored(_ screen: String) -> Bool {
  let words = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }))
  return words.contains("icanon") && words.contains("echo") && !words.contains("-icanon")
    && !words.contains("-echo")
}

private func quote(_ word: String) -> String {
  "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// Runs blocking work (a long child process) on a Dispatch thread, so that a slow test does not
/// hold one of the few threads Swift Testing runs every test on: on a two-core machine a test
/// that blocks both would stall the others until their time limits ran out.
func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
  }
}

/// The pane environment that runs session time `scale` times faster: the test-only
/// `MOCKROOM_TEST_TIME_SCALE` (README, "Tests"), for a test whose subject is minutes of session
/// time. What it asserts stays in session time (the record's `t_ms`, the clock shown).
func fastClock(_ scale: Int) -> [String: String] { ["MOCKROOM_TEST_TIME_SCALE": "\(scale)"] }

extension Pane {
  /// Waits until the header's session clock shows at least `ms` (in whole seconds): at a fast
  /// scale a second shows for less than a poll, so a test waits for "at least", not for a text.
  @discardableResult
  func waitForSessionClock(atLeast ms: Int, timeout: Double = 10) throws -> String {
    try waitFor("the session clock to reach \(ms / 1_000) s", timeout: timeout) { screen in
      guard let shown = screen.firstMatch(of: /session (\d+):(\d\d)/),
        let minutes = Int(shown.1), let seconds = Int(shown.2)
      else { return false }
      return (minutes * 60 + seconds) * 1_000 >= ms
    }
  }
}
