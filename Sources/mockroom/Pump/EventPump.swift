import Foundation
import Glibc
import MockCore

/// The one event pump: a single `poll()` over the terminal, the signal pipe, the session's
/// control socket and its clients (or, in the console, its connection to the session), woken
/// for the screen's next change. Whatever arrives becomes one `Input` for the screen model;
/// the effects that come back are carried out here, in order.
///
/// It wakes when the screen asks (a displayed second changes, at the session's own second
/// boundaries, not every N ms), on a key, a resize, a signal or a socket; an idle session costs
/// about one short wake a second. Each wake repaints only if the frame changed. The screen is
/// handed `SessionClock` instants; hooks and the record's retries keep real time.
final class EventPump {
  private let terminal: Terminal
  private let signals: SignalPipe
  /// The context's session clock, for the screens' instants and their next wake.
  private let clock: SessionClock.Type
  private let bell: Terminal.Bell
  /// The session's record (the candidate's side).
  private let log: SessionLogWriter?
  /// The session's control socket (the candidate's side).
  private let server: ControlServer?
  /// The connection to the session (the console's side), while it is open.
  private var client: ControlClient?
  /// The hooks, when any are set: spawned here, reaped here, never waited for.
  private let hooks: HookRunner?
  private var sleepWatch = SleepWatch()
  /// What the screen was last told about the record and the socket's clients.
  private var toldBehind: RecordBehind?
  private var toldPeers: (consoles: Int, watchers: Bool) = (0, false)
  private var toldViewport: Viewport?

  init(
    terminal: Terminal, signals: SignalPipe, clock: SessionClock.Type, bell: Terminal.Bell = .on,
    log: SessionLogWriter? = nil, server: ControlServer? = nil, client: ControlClient? = nil,
    hooks: HookRunner? = nil
  ) {
    self.hooks = hooks
    self.terminal = terminal
    self.signals = signals
    self.clock = clock
    self.bell = bell
    self.log = log
    self.server = server
    self.client = client
  }

  /// Runs `model` until it quits, starting with `first` (effects the caller already has, such
  /// as the session's start). `drew` hears of every frame that reached the screen.
  func run<Model: ScreenModel>(
    _ model: inout Model, first: [Effect] = [],
    drew: ((Model, Instant, _ first: Bool) -> Void)? = nil
  ) {
    var done = false
    func feed(_ input: Input) {
      guard !done else { return }
      carryOut(model.update(input, at: clock.now()))
    }
    func carryOut(_ effects: [Effect]) {
      for effect in effects {
        switch effect {
        case .record(let record):
          guard let log else { continue }
          let line = log.record(record)
          server?.broadcast(ControlMessage.event(line: line))
          noteRecord(feed)
        case .alert: terminal.alert(bell)
        case .reply(let message, let id): server?.send(message.jsonLine(), toClient: id)
        case .welcome(var welcome, let id):
          welcome.records = log?.lines ?? []
          server?.send(ControlMessage.welcome(welcome).jsonLine(), toClient: id)
        case .broadcast(let message): server?.broadcast(message.jsonLine())
        case .send(let request): _ = client?.send(request)
        case .hook(let call):
          for result in hooks?.fire(call, at: MonotonicClock.now()) ?? [] {
            feed(.hookFinished(result))
          }
        case .stepAway:
          terminal.stepAway()
          feed(.resize(terminal.size))
          feed(.continued)
        case .redraw: terminal.invalidate()
        case .quit: done = true
        }
      }
    }

    terminal.invalidate()
    feed(.resize(terminal.size))
    carryOut(first)
    var firstFrame = true
    while !done {
      // A record that is behind is tried again on every wake, in order.
      if log?.behind != nil {
        log?.flush()
        noteRecord(feed)
      }
      if let slept = sleepWatch.slept() { feed(.slept(slept)) }
      // Cues that came due (on time, or late after the process was frozen) fire before the
      // frame that shows them.
      feed(.time)
      guard !done else { break }
      let now = clock.now()
      let frame = model.render(size: terminal.size, at: now, colors: terminal.colors)
      if terminal.draw(frame) {
        drew?(model, now, firstFrame)
        firstFrame = false
      }
      // What the frame showed of its scrolling panel goes back to the screen, which keeps its
      // offset in range with it (the frame itself was clamped already).
      if frame.panel != toldViewport {
        toldViewport = frame.panel
        feed(.viewport(frame.panel))
      }
      let polled = wait(screen: model.nextWake(after: now), hooks: hooks?.nextDeadline)
      serve(polled.server, feed)
      listen(polled.client, feed)
      if let hooks {
        for result in hooks.wake(polled.hooks, signals: { readSignals(feed) }) {
          feed(.hookFinished(result))
        }
      } else {
        readSignals(feed)
      }
      for input in terminal.readInput() {
        switch input {
        case .resize:
          terminal.invalidate()
          feed(.resize(terminal.size))
        case .key(let key): feed(.key(key))
        }
      }
    }
  }

  /// What `poll` said of the socket descriptors.
  private struct Polled {
    var server: ArraySlice<pollfd>
    var client: pollfd?
    var hooks: ArraySlice<pollfd>
  }

  /// Sleeps in `poll` until input, a signal, a socket, the screen's next wake (session time) or
  /// the hooks' next deadline (real time); a signal ncurses handles itself (SIGWINCH) interrupts
  /// the poll too, and the resize is then read as a key.
  private func wait(screen: Instant?, hooks deadline: Instant?) -> Polled {
    var fds = [
      pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
      pollfd(fd: signals.readEnd, events: Int16(POLLIN), revents: 0),
    ]
    let serverFDs = server?.pollFDs ?? []
    fds += serverFDs
    let hookFDs = hooks?.pollFDs ?? []
    fds += hookFDs
    if let client { fds.append(pollfd(fd: client.fd, events: Int16(POLLIN), revents: 0)) }
    // Both clocks read whole milliseconds rounded down, and the session's wait is rounded up
    // into real time, so this never wakes before the second.
    let waits = [
      screen.map { clock.realMillis(until: $0) },
      deadline.map { max(0, $0 - MonotonicClock.now()) },
    ]
    var timeout = waits.compactMap { $0 }.min().map { Int32(clamping: $0) } ?? -1
    // A record that is behind is tried again at least once a second, paused or not.
    if log?.behind != nil { timeout = timeout < 0 ? 1000 : min(timeout, 1000) }
    _ = poll(&fds, nfds_t(fds.count), timeout)
    let serverPart = fds[2..<(2 + serverFDs.count)]
    let hookPart = fds[(2 + serverFDs.count)..<(2 + serverFDs.count + hookFDs.count)]
    return Polled(server: serverPart, client: client == nil ? nil : fds.last, hooks: hookPart)
  }

  /// Hands the screen the signals that arrived (a child's ending is the hooks' business).
  private func readSignals(_ feed: (Input) -> Void) {
    for arrival in signals.drain() {
      switch arrival {
      case .stop(let name): feed(.stop(signal: name))
      case .suspend: feed(.suspend)
      case .child: break
      }
    }
  }

  /// Tells the screen whether the record is behind, when that changed.
  private func noteRecord(_ feed: (Input) -> Void) {
    let behind = log?.behind.map { RecordBehind(reason: $0.reason, lines: $0.lines) }
    guard behind != toldBehind else { return }
    toldBehind = behind
    feed(.recordBehind(behind))
  }

  /// Hands the screen what control clients sent. A `hello` names the client (its role, and
  /// whether it watches) before the screen sees it: that is the connection's business.
  private func serve(_ polled: ArraySlice<pollfd>, _ feed: (Input) -> Void) {
    guard let server else { return }
    for arrival in server.service(polled) {
      if case .success(.hello(let role, let watch)) = arrival.request {
        arrival.client.source = role
        arrival.client.watching = watch
        notePeers(feed)
      }
      feed(.request(arrival.request, seq: arrival.seq, from: arrival.client.peer))
    }
    if let notice = server.takeNotice() { feed(.notice(notice)) }
    notePeers(feed)
  }

  private func notePeers(_ feed: (Input) -> Void) {
    guard let server else { return }
    let now = (consoles: server.consoles, watchers: server.watchers)
    guard now != toldPeers else { return }
    toldPeers = now
    feed(.peers(consoles: now.consoles, watchers: now.watchers))
  }

  /// Hands the console what the session sent, and that it hung up.
  private func listen(_ polled: pollfd?, _ feed: (Input) -> Void) {
    guard let client, let polled, polled.revents != 0 else { return }
    let open = client.fill()
    for line in client.lines() {
      if let message = ControlMessage.decode(line) { feed(.message(message)) }
    }
    if !open {
      self.client = nil
      feed(.hungUp)
    }
  }
}
