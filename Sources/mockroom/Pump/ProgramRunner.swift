import ArgumentParser
import Foundation
import Glibc
import MockCore

/// The one program runner: it opens what a command asks for (the terminal, the record, the
/// control socket, the hooks, a connection to a session), runs the command's screen on the
/// `EventPump`, closes them again in one order, and says how the process exits. `run`, every
/// drill, `debrief`, `interviewer` and `hooks test` go through it; a command only chooses.
final class ProgramRunner {
  let context: Context
  private var terminal: Terminal?
  private var signals: SignalPipe?
  private var bell: Terminal.Bell = .on
  /// The record being written, once `openRecord` opened it.
  private(set) var log: SessionLogWriter?
  private var server: ControlServer?
  private var hooks: HookRunner?
  private var hookTimeout: Millis = 0
  private var client: ControlClient?

  init(_ context: Context) { self.context = context }

  // A failure between opening the socket and the end still takes the socket away.
  deinit { server?.shutDown() }

  /// Starts curses; a terminal that cannot be used is said (exit 2).
  func openTerminal(color: Settings.Color = .auto, bell: Terminal.Bell = .on) throws(UserError) {
    do {
      terminal = try Terminal(environment: context.environment, color: color)
    } catch {
      throw UserError("\(error)", code: 2)
    }
    self.bell = bell
    signals = SignalPipe()
  }

  /// Starts curses as the settings ask (colour, bell).
  func openTerminal(_ settings: Settings) throws(UserError) {
    try openTerminal(color: settings.color, bell: Terminal.Bell(rawValue: settings.bell) ?? .on)
  }

  /// Opens a new record in `directory`, named after its start and `slug` (failure: exit 1).
  @discardableResult
  func openRecord(in directory: String, slug: String) throws(UserError) -> SessionLogWriter {
    do {
      let log = try SessionLogWriter(directory: directory, started: Date(), slug: slug)
      self.log = log
      return log
    } catch {
      throw failing("\(error)", code: 1)
    }
  }

  /// Listens on the record's control socket for consoles and `mockroom ctl`. When the command
  /// cannot go on without it, a failure is said (exit 1); otherwise it goes without.
  func listen(required: Bool) throws(UserError) {
    guard let log else { return }
    do {
      let directory = try ControlPaths.privateDirectory(context.environment)
      server = try ControlServer(path: directory + "/\(log.id).sock")
    } catch {
      if required { throw failing("cannot open the control socket: \(error)", code: 1) }
    }
  }

  /// The hooks the settings set, if any, told where the record is.
  func useHooks(_ settings: Settings) {
    hooks = HookRunner.configured(settings, context)
    hooks?.record = log?.path
    hookTimeout = settings.hookTimeout
  }

  /// The console's side: the connection to the session, read without blocking.
  func connect(_ client: ControlClient) {
    UnixSocket.setNonBlocking(client.fd)
    self.client = client
  }

  /// Runs `model` on the pump until it quits (`first`: effects the caller already has), then
  /// closes the socket and the terminal, and gives the hooks still running a moment to finish
  /// (not their whole time), saying on stderr which failed.
  func run<Model: ScreenModel>(
    _ model: inout Model, first: [Effect] = [],
    drew: ((Model, Instant, _ first: Bool) -> Void)? = nil
  ) {
    guard let terminal, let signals else { return }
    let pump = EventPump(
      terminal: terminal, signals: signals, clock: context.clock, bell: bell, log: log,
      server: server, client: client, hooks: hooks)
    pump.run(&model, first: first, drew: drew)
    server?.shutDown()
    terminal.end()
    for result in hooks?.finish(within: min(hookTimeout, 2_000)) ?? [] where result.failed {
      warn("hook \(result.event.rawValue) (\(result.command)): \(result.why)")
    }
  }

  /// Runs `call`'s hooks with no screen, until each has ended (a stop signal stops them at
  /// once), reading their output into the hook log as it comes; what each came to.
  func runHooks(_ hooks: HookRunner, _ call: HookCall) -> [HookResult] {
    let signals = self.signals ?? SignalPipe()
    self.signals = signals
    var results = hooks.fire(call, at: MonotonicClock.now())
    while hooks.running {
      var fds = [pollfd(fd: signals.readEnd, events: Int16(POLLIN), revents: 0)]
      fds += hooks.pollFDs
      let timeout = hooks.nextDeadline.map { max(0, $0 - MonotonicClock.now()) } ?? 1_000
      _ = poll(&fds, nfds_t(fds.count), Int32(clamping: timeout))
      var stopped: [HookResult] = []
      let reaped = hooks.wake(fds.dropFirst()) {
        if signals.drain().contains(where: { if case .stop = $0 { true } else { false } }) {
          stopped = hooks.finish(within: 0)
        }
      }
      results += stopped + reaped
    }
    // What a hook left running is stopped too, and the rest of its output read.
    return results + hooks.finish(within: 0)
  }

  /// The end: a record that never caught up is the bigger news (exit 1), then a stop by
  /// `signal` exits as the shell expects (128 + its number).
  func close(stoppedBy signal: String?) throws {
    try log?.finished(fallbacks: SessionLogWriter.fallbackPlaces(context.environment))
    if let signal { throw ExitCode(128 + SignalPipe.number(of: signal)) }
  }

  /// Ends the terminal, if it was started, so that `message` is read on a sane screen.
  private func failing(_ message: String, code: Int32) -> UserError {
    terminal?.end()
    return UserError(message, code: code)
  }
}

extension HookRunner {
  /// One wake's work for the hooks, in the one order the pump and `ProgramRunner.runHooks`
  /// share: what they wrote goes to the hook log (capped; never to the screen), `signals` takes
  /// what the signal pipe brought, then a hook that ended is reaped (SIGCHLD woke the poll) and
  /// one past its time stopped.
  func wake(_ polled: ArraySlice<pollfd>, signals: () -> Void) -> [HookResult] {
    if !polled.isEmpty { drain(polled) }
    signals()
    return running ? reap(at: MonotonicClock.now()) : []
  }
}
