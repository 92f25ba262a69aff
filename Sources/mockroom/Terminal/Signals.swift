import CNcurses
import Glibc
import Synchronization

/// The write end of the self-pipe: a signal handler may only do async-signal-safe things, so it
/// writes the signal's number here and the run loop, woken by `poll`, does the rest.
private let signalPipeWriteEnd = Atomic<Int32>(-1)

/// Turns SIGINT, SIGTERM, SIGHUP, SIGTSTP and SIGCHLD into bytes on a pipe the run loop polls, and
/// restores the terminal if the process crashes.
///
/// Why our own handlers: ncurses restores the terminal on SIGINT/SIGTERM only while they are at
/// their default, and then exits at once, losing the end of the record. Ending from the run loop
/// lets the record be closed first.
final class SignalPipe {
  static let stopping: [(Int32, String)] = [
    (SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP"),
  ]
  static let fatal: [Int32] = [SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP]

  /// What arrived on the pipe.
  enum Arrival: Equatable {
    /// A signal that ends the session, by name.
    case stop(String)
    /// Ctrl-Z.
    case suspend
    /// A child (a hook) ended: time to reap.
    case child
  }

  /// The end the run loop polls.
  let readEnd: Int32

  init() {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else {
      preconditionFailure("pipe failed: \(String(cString: strerror(errno)))")
    }
    for end in ends {
      _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
      _ = fcntl(end, F_SETFD, FD_CLOEXEC)
    }
    readEnd = ends[0]
    signalPipeWriteEnd.store(ends[1], ordering: .sequentiallyConsistent)
    for (number, _) in Self.stopping {
      install(number, flags: 0, toPipe)
    }
    Self.catchSuspend()
    install(SIGCHLD, flags: Int32(SA_NOCLDSTOP | SA_RESTART), toPipe)
    signal(SIGPIPE, SIG_IGN)
  }

  /// Ctrl-Z goes to the run loop too, which pauses the session and restores the terminal before
  /// the process stops. (Installed after curses starts, so it replaces ncurses' own handler.)
  static func catchSuspend() {
    install(SIGTSTP, flags: 0, toPipe)
  }

  /// Stops the process the way Ctrl-Z would have, and returns once it is continued (`fg`).
  static func stopProcess() {
    signal(SIGTSTP, SIG_DFL)
    kill(getpid(), SIGTSTP)
    catchSuspend()
  }

  /// A parent may hand us a signal mask that blocks signals (a test runner's thread, say).
  /// Blocked, SIGTERM or ncurses' SIGWINCH would never arrive and a resize would go unseen;
  /// mockroom blocks nothing, so it starts from an empty mask.
  static func clearInheritedMask() {
    var none = sigset_t()
    sigemptyset(&none)
    sigprocmask(SIG_SETMASK, &none, nil)
  }

  /// After a crash the terminal must still come back: end curses, then let the signal do what
  /// it would have done (the handler resets itself first, so raising again is the default).
  static func restoreTerminalOnCrash() {
    for number in fatal {
      install(number, flags: Int32(bitPattern: UInt32(SA_RESETHAND))) { signal in
        endwin()
        raise(signal)
      }
    }
  }

  /// The signals that arrived since the last call, in order.
  func drain() -> [Arrival] {
    var arrivals: [Arrival] = []
    var byte: UInt8 = 0
    while read(readEnd, &byte, 1) == 1 {
      if Int32(byte) == SIGTSTP {
        arrivals.append(.suspend)
      } else if Int32(byte) == SIGCHLD {
        if arrivals.last != .child { arrivals.append(.child) }
      } else if let name = Self.stopping.first(where: { $0.0 == Int32(byte) })?.1 {
        arrivals.append(.stop(name))
      }
    }
    return arrivals
  }

  static func number(of name: String) -> Int32 {
    stopping.first { $0.1 == name }?.0 ?? SIGTERM
  }
}

/// Writes the signal's number to the pipe: all a handler may safely do.
private func toPipe(_ signal: Int32) {
  var byte = UInt8(truncatingIfNeeded: signal)
  _ = write(signalPipeWriteEnd.load(ordering: .relaxed), &byte, 1)
}

private func install(
  _ number: Int32, flags: Int32, _ handler: @escaping @convention(c) (Int32) -> Void
) {
  var action = sigaction()
  action.__sigaction_handler.sa_handler = handler
  sigemptyset(&action.sa_mask)
  action.sa_flags = flags
  sigaction(number, &action, nil)
}
