import Foundation
import Glibc
import MockCore

/// Runs the hooks: each one a child process in its own process group, with stdin from
/// `/dev/null` and its output appended to the hook log, never to the screen. Nothing here
/// waits: the pump spawns, wakes on SIGCHLD (through the signal pipe) or at a deadline, and
/// reaps. A hook past its time gets TERM to its group, then KILL. A hook's output comes
/// through a pipe the pump drains, so that the log can be kept under its cap.
final class HookRunner {
  /// The commands for each event: `hooks:` in config.yaml, then the executable `hooks/EVENT`.
  let commands: [HookEvent: [HookCommand]]
  let timeout: Millis
  /// Where the hooks' output and what became of each are written.
  var logPath: String { output.path }
  /// The session's record, for `MOCKROOM_RECORD`.
  var record: String?
  /// `hooks/EVENT` files that cannot be run, and why; each is said once, when its event comes.
  private var unusable: [HookEvent: String]
  /// Problems said once (no speech program, no notification service); after that, quiet.
  private var said: Set<String> = []
  private var children: [Child] = []
  /// The hook log, and the pipes that feed it.
  private let output: HookLog

  /// How long a hook has after TERM before KILL.
  static let graceAfterTerm: Millis = 500
  /// The most `speak` is given whatever `hook_timeout` says: a pivot read aloud is about 8 s
  /// of speech, and one stopped halfway is worse than none.
  static let speakTimeout: Millis = 20_000

  private struct Child {
    /// The leader's pid, which is also its group's id.
    var pid: pid_t
    var event: HookEvent
    var command: HookCommand
    var started: Instant
    var timeout: Millis
    /// The spawn on the monotonic clock in nanoseconds, for the log's spawn-to-reap time.
    var spawnedNS: Int64
    var terminatedAt: Instant?
    /// TERM was sent because the program is ending, not because the hook ran past its time.
    var atExit = false
    /// The leader was reaped; the entry stays until its group got KILL after the grace.
    var reaped = false
  }

  /// The hooks a session runs with, from the settings and the config directory's `hooks/`;
  /// nil when there are none.
  static func configured(_ settings: Settings, _ context: Context) -> HookRunner? {
    let runner = context.hooks(settings)
    return runner.isEmpty ? nil : runner
  }

  init(
    settings: Settings, directory: String, logPath: String,
    environment: [String: String]
  ) {
    var commands = settings.hooks
    var unusable: [HookEvent: String] = [:]
    for event in HookEvent.allCases {
      let path = directory + "/hooks/" + event.rawValue
      var status = stat()
      guard stat(path, &status) == 0 else { continue }
      if status.st_mode & S_IFMT != S_IFREG {
        unusable[event] = "\(path) is not a regular file"
      } else if access(path, X_OK) != 0 {
        unusable[event] = "\(path) is not executable (chmod +x it)"
      } else {
        commands[event, default: []].append(.program([path]))
      }
    }
    self.commands = commands
    self.unusable = unusable
    self.timeout = settings.hookTimeout
    self.output = HookLog(path: logPath)
    self.path = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
      .map(String.init)
    self.environment = environment.filter { !$0.key.hasPrefix("MOCKROOM_") }
      .map { "\($0.key)=\($0.value)" }
  }

  private let path: [String]
  /// The program's own environment, without any `MOCKROOM_` variable: a hook sees only the
  /// event's.
  private let environment: [String]

  /// Whether any hook is set or any `hooks/` file needs saying.
  var isEmpty: Bool { commands.isEmpty && unusable.isEmpty }

  /// The `hooks/` files that cannot run, for `config check` and `hooks test`.
  var problems: [String] { unusable.keys.sorted().map { unusable[$0]! } }

  /// Whether hooks are still running (or a group waits for its KILL).
  var running: Bool { !children.isEmpty }

  /// The hooks' output pipes, for the pump's poll.
  var pollFDs: [pollfd] { output.pollFDs }

  /// Copies what the hooks wrote into the log: from the pipes `polled` says are ready, or
  /// from every pipe with nil.
  func drain(_ polled: ArraySlice<pollfd>? = nil) { output.drain(polled) }

  /// Starts every hook for `call`. What could not start comes back at once.
  func fire(_ call: HookCall, at now: Instant) -> [HookResult] {
    var results: [HookResult] = []
    if let why = unusable.removeValue(forKey: call.event) {
      results.append(
        HookResult(
          event: call.event, command: "hooks/\(call.event.rawValue)", outcome: .notStarted(why),
          took: 0))
    }
    var variables = call
    if let record { variables.variables["RECORD"] = record }
    for command in commands[call.event] ?? [] {
      switch argv(command, variables) {
      case .failure(let why):
        // Said once, then the built-in is quiet.
        if said.insert(why.message).inserted {
          results.append(
            HookResult(
              event: call.event, command: command.shown, outcome: .notStarted(why.message), took: 0)
          )
        }
      case .success(let argv):
        if let failed = spawn(argv, command, variables, at: now) { results.append(failed) }
      }
    }
    return results
  }

  /// When the pump must wake for a hook past its time; nil with none running.
  var nextDeadline: Instant? {
    children.map { $0.terminatedAt.map { $0 + Self.graceAfterTerm } ?? $0.started + $0.timeout }
      .min()
  }

  /// Reaps the hooks that ended, and stops those past their time. A group that was sent TERM
  /// gets KILL after the grace whatever its leader did: a process in it that ignores TERM
  /// would otherwise outlive the hook, and the session.
  func reap(at now: Instant) -> [HookResult] {
    var results: [HookResult] = []
    var still: [Child] = []
    for var child in children {
      if child.reaped {
        if let terminated = child.terminatedAt, now < terminated + Self.graceAfterTerm {
          still.append(child)
        } else {
          kill(-child.pid, SIGKILL)
        }
        continue
      }
      var status: Int32 = 0
      let reaped = waitpid(child.pid, &status, WNOHANG)
      if reaped == child.pid || (reaped < 0 && errno == ECHILD) {
        // What it wrote before it ended goes in the log before the line that says it ended.
        drain()
        let outcome: HookResult.Outcome
        if child.atExit {
          outcome = .stoppedAtExit
        } else if child.terminatedAt != nil {
          outcome = .timedOut(after: child.timeout)
        } else if status & 0x7f == 0 {
          outcome = .exited((status >> 8) & 0xff)
        } else {
          outcome = .killedBy(signal: status & 0x7f)
        }
        let result = HookResult(
          event: child.event, command: child.command.shown, outcome: outcome,
          took: now - child.started,
          tookNanoseconds: MonotonicClock.nanoseconds() - child.spawnedNS)
        log("\(result.event.rawValue): \(result.command): \(result.why) after \(result.tookShown)")
        if let kept = quieted(result, child.command) { results.append(kept) }
        if let terminated = child.terminatedAt {
          child.reaped = true
          if now < terminated + Self.graceAfterTerm {
            still.append(child)
          } else {
            kill(-child.pid, SIGKILL)
          }
        }
        continue
      }
      if let terminated = child.terminatedAt {
        if now >= terminated + Self.graceAfterTerm { kill(-child.pid, SIGKILL) }
      } else if now >= child.started + child.timeout {
        kill(-child.pid, SIGTERM)
        child.terminatedAt = now
      }
      still.append(child)
    }
    children = still
    return results
  }

  /// The program is ending: hooks still running get up to `within` to finish (a hook for
  /// session-ended has only just started), then TERM, a moment, and KILL. What became of each
  /// goes to the hook log.
  /// A group that a hook which ended left running, still holding its output, is stopped the
  /// same way, so that nothing of a hook outlives the program.
  func finish(within: Millis) -> [HookResult] {
    var results: [HookResult] = []
    let until = MonotonicClock.now() + within
    while running, MonotonicClock.now() < until {
      drain()
      results += reap(at: MonotonicClock.now())
      if running { usleep(5_000) }
    }
    let now = MonotonicClock.now()
    for index in children.indices where children[index].terminatedAt == nil {
      kill(-children[index].pid, SIGTERM)
      children[index].terminatedAt = now
      children[index].atExit = true
    }
    // What a hook that ended left behind, still writing to its pipe.
    let groups = Set(children.map(\.pid))
    for group in output.groups where !groups.contains(group) {
      guard kill(-group, SIGTERM) == 0 else { continue }
      log("a process that a hook left running (group \(group)) was stopped at exit")
      children.append(
        Child(
          pid: group, event: .sessionEnded, command: .program([]), started: now,
          timeout: 0, spawnedNS: 0, terminatedAt: now, reaped: true))
    }
    while running {
      drain()
      results += reap(at: MonotonicClock.now())
      if running { usleep(5_000) }
    }
    // Every group got KILL: what is left of the output is read, and the pipes closed.
    let deadline = MonotonicClock.now() + 1_000
    while output.isOpen, MonotonicClock.now() < deadline {
      drain()
      if output.isOpen { usleep(5_000) }
    }
    output.closePipes()
    return results
  }

  /// A notification that failed is said once: most often no notification service answers,
  /// and saying so at every cue would only repeat it.
  private func quieted(_ result: HookResult, _ command: HookCommand) -> HookResult? {
    guard result.failed else { return result }
    guard case .notify = command else { return result }
    let why = "no notification service answered (notify-send: \(result.why))"
    guard said.insert("notify failed").inserted else { return nil }
    return HookResult(
      event: result.event, command: result.command, outcome: .notStarted(why), took: result.took)
  }

  // MARK: - Starting one

  /// The words to run for `command`: its own, or the built-in's program with the text.
  private func argv(_ command: HookCommand, _ call: HookCall) -> Result<[String], Refusal> {
    let text = call.variables["TEXT"] ?? call.variables["PHASE"] ?? call.event.rawValue
    switch command {
    case .program(let words): return .success(words)
    case .speak(let options):
      guard let program = HookCommand.speechPrograms.first(where: found) else {
        return .failure(Refusal("no speech program found (espeak-ng, spd-say or say)"))
      }
      return .success([program] + options + [text])
    case .notify(let options):
      guard found("notify-send") else {
        return .failure(Refusal("notify-send is not installed (Debian: libnotify-bin)"))
      }
      return .success(["notify-send"] + options + ["mockroom", text])
    }
  }

  private struct Refusal: Error, Hashable {
    var message: String
    init(_ message: String) { self.message = message }
  }

  private func found(_ program: String) -> Bool { Self.runnable(program, path: path) }

  /// Whether `program` can be run: a path to an executable regular file, or such a file in one
  /// of `path`'s folders. The built-ins and `config check` ask it the same way.
  static func runnable(_ program: String, path: [String]) -> Bool {
    func executableFile(_ file: String) -> Bool {
      var status = stat()
      return access(file, X_OK) == 0 && stat(file, &status) == 0
        && status.st_mode & S_IFMT == S_IFREG
    }
    if program.contains("/") { return executableFile(program) }
    return path.contains { executableFile($0 + "/" + program) }
  }

  private func spawn(_ argv: [String], _ command: HookCommand, _ call: HookCall, at now: Instant)
    -> HookResult?
  {
    log("\(call.event.rawValue): \(argv.joined(separator: " "))")
    // Output through a pipe the pump drains into the log; without one (no descriptor to spare),
    // straight into the log as it is.
    var ends: [Int32] = [-1, -1]
    let piped = pipe(&ends) == 0
    defer { if piped { close(ends[1]) } }
    if piped {
      // Neither end passes to another hook; the child gets the writing end as 1 and 2.
      for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
      _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
    }
    let target = piped ? ends[1] : output.descriptor()
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    if target >= 0 {
      posix_spawn_file_actions_adddup2(&actions, target, 1)
      posix_spawn_file_actions_adddup2(&actions, target, 2)
    } else {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
      posix_spawn_file_actions_adddup2(&actions, 1, 2)
    }
    // Nothing else of ours reaches the hook: descriptors not closed on exec already are closed.
    for fd in Self.inheritable() { posix_spawn_file_actions_addclose(&actions, fd) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // Its own process group, so TERM and KILL reach whatever it started too; every signal at
    // its default and none blocked, whatever this process does with them.
    posix_spawnattr_setpgroup(&attributes, 0)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigdefault(&attributes, &all)
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    let env = environment + call.environment
    var pid: pid_t = 0
    let spawnedNS = MonotonicClock.nanoseconds()
    let error = withCStrings(argv) { args in
      withCStrings(env) { envp in posix_spawnp(&pid, argv[0], &actions, &attributes, args, envp) }
    }
    guard error == 0 else {
      if piped { close(ends[0]) }
      let why =
        switch error {
        case ENOENT: "no program '\(argv[0])' found"
        case EACCES: "'\(argv[0])' is not executable"
        default: "\(argv[0]): \(String(cString: strerror(error)))"
        }
      log("\(call.event.rawValue): \(argv.joined(separator: " ")): could not start: \(why)")
      return HookResult(
        event: call.event, command: command.shown, outcome: .notStarted(why), took: 0)
    }
    if piped { output.adopt(ends[0], group: pid) }
    var limit = timeout
    if case .speak = command { limit = max(timeout, Self.speakTimeout) }
    children.append(
      Child(
        pid: pid, event: call.event, command: command, started: now, timeout: limit,
        spawnedNS: spawnedNS))
    return nil
  }

  /// This process's descriptors above stderr that an exec would pass on.
  private static func inheritable() -> [Int32] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else {
      return []
    }
    return names.compactMap(Int32.init).filter { fd in
      guard fd > 2 else { return false }
      let flags = fcntl(fd, F_GETFD)
      return flags >= 0 && flags & FD_CLOEXEC == 0
    }
  }

  /// A dated line of the hook log.
  private func log(_ line: String) { output.line(line) }
}

/// `body` with `strings` as a NULL-ended array of C strings, as exec takes them.
private func withCStrings<R>(
  _ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R
) -> R {
  var pointers = strings.map { strdup($0) }
  pointers.append(nil)
  defer { for pointer in pointers { free(pointer) } }
  return body(pointers)
}

extension HookResult {
  /// The spawn-to-reap time as the hook log and `hooks test` print it: `12.34 ms`.
  var tookShown: String {
    tookNanoseconds.map { String(format: "%.2f ms", Double($0) / 1e6) } ?? "\(took) ms"
  }
}
