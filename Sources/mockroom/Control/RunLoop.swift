import Foundation
import Glibc
import MockCore

/// The imperative shell around a room: one thread, one `poll()`, effects carried out in order.
///
/// It wakes when a displayed second changes (at the session's own second boundaries, not every
/// N ms), on a key, on a resize or on a signal; an idle session costs about one short wake a
/// second. Each wake feeds events to the core, writes records, and repaints only if the frame
/// changed.
final class RunLoop {
  /// How the loop ended.
  enum Ending {
    case done
    case signal(String)
  }

  private(set) var room: Room
  private let terminal: Terminal
  private let log: SessionLogWriter
  private let signals: SignalPipe
  private let trace: Trace?
  private let bell: Terminal.Bell
  private var sleepWatch = SleepWatch()
  private var quit = false
  private var stoppedBy: String?
  /// The control socket, and what the interviewer may see and fire.
  private let server: ControlServer?
  private let material: Material
  /// Something changed since the last state pushed to watchers.
  private var changed = true
  private var lastPush: Instant?
  /// Whether an interviewer's scores arrived.
  private(set) var interviewerScored = false

  init(
    room: Room, terminal: Terminal, log: SessionLogWriter, signals: SignalPipe, trace: Trace?,
    bell: Terminal.Bell, server: ControlServer?, material: Material
  ) {
    self.room = room
    self.terminal = terminal
    self.log = log
    self.signals = signals
    self.trace = trace
    self.bell = bell
    self.server = server
    self.material = material
  }

  func run() -> Ending {
    room.resize(to: terminal.size)
    carryOut(room.start(at: MonotonicClock.now()))
    var first = true
    while !quit {
      retryRecord()
      if let slept = sleepWatch.slept() {
        carryOut(room.slept(slept, at: MonotonicClock.now()))
      }
      // Cues that came due (on time, or late after the process was frozen) fire before the
      // frame that shows them.
      carryOut(room.tick(at: MonotonicClock.now()))
      let now = MonotonicClock.now()
      let frame = Screen.render(room, at: now, size: terminal.size, colors: terminal.colors)
      if terminal.draw(frame) {
        trace?.drew(room.session, at: now, first: first)
        first = false
      }
      pushState(at: now)
      let polled = wait(until: room.nextWake(after: now))
      serve(polled)
      for arrival in signals.drain() where !quit {
        switch arrival {
        case .stop(let name):
          stoppedBy = stoppedBy ?? name
          carryOut(room.stop(signal: name, at: MonotonicClock.now()))
        case .suspend:
          suspend()
        }
      }
      for input in terminal.readInput() where !quit {
        switch input {
        case .resize:
          terminal.invalidate()
          room.resize(to: terminal.size)
        case .key(let key):
          carryOut(room.handle(key, at: MonotonicClock.now()))
        }
      }
    }
    return stoppedBy.map(Ending.signal) ?? .done
  }

  /// Ctrl-Z: the pause is on record before the terminal is handed back and the process stops;
  /// after `fg` the session picks up where it was (running again only if it was running).
  private func suspend() {
    carryOut(room.suspend(at: MonotonicClock.now()))
    terminal.stepAway()
    room.resize(to: terminal.size)
    carryOut(room.resume(at: MonotonicClock.now()))
  }

  /// Sleeps in `poll` until input, a signal, a control client, or `deadline`; a signal ncurses
  /// handles itself (SIGWINCH) interrupts the poll too, and the resize is then read as a key.
  /// Returns the control socket's part of the poll.
  private func wait(until deadline: Instant?) -> ArraySlice<pollfd> {
    var fds = [
      pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
      pollfd(fd: signals.readEnd, events: Int16(POLLIN), revents: 0),
    ]
    fds += server?.pollFDs ?? []
    var timeout: Int32 = -1
    if let deadline {
      // The clock reads whole milliseconds rounded down, so this never wakes before the second.
      timeout = Int32(clamping: max(0, deadline - MonotonicClock.now()))
    }
    // A record that is behind is tried again at least once a second, paused or not.
    if log.behind != nil { timeout = timeout < 0 ? 1000 : min(timeout, 1000) }
    _ = poll(&fds, nfds_t(fds.count), timeout)
    return fds[2...]
  }

  private func carryOut(_ effects: [Effect]) {
    for effect in effects {
      switch effect {
      case .record(let record):
        let line = log.record(record)
        noteRecordState()
        changed = true
        server?.broadcast(ControlMessage.event(line: line))
      case .quit: quit = true
      case .alert: terminal.alert(bell)
      }
    }
  }

  /// Lines a failed write left in memory are tried again on every wake, in order.
  private func retryRecord() {
    guard log.behind != nil else { return }
    log.flush()
    noteRecordState()
  }

  /// Shows on screen whether the record is behind (and clears it once it has caught up).
  private func noteRecordState() {
    room.recordBehind = log.behind.map { RecordBehind(reason: $0.reason, lines: $0.lines) }
  }

  // MARK: - The control socket

  /// Answers what control clients sent.
  private func serve(_ polled: ArraySlice<pollfd>) {
    guard let server else { return }
    let before = server.consoles
    for arrival in server.service(polled) {
      answer(arrival, server: server)
    }
    if server.consoles != before {
      room.consoles = server.consoles
      changed = true
    }
  }

  private func answer(_ arrival: ControlServer.Arrival, server: ControlServer) {
    let client = arrival.client
    let now = MonotonicClock.now()
    let request: Request
    switch arrival.request {
    case .failure(let error):
      server.send(ControlMessage.error(error, seq: arrival.seq).jsonLine(), to: client)
      return
    case .success(let read): request = read
    }
    switch request {
    case .hello(let role, let watch):
      client.source = role
      client.watching = watch
      room.consoles = server.consoles
      let welcome = ControlMessage.Welcome(
        seq: arrival.seq, role: role, material: material, records: log.lines,
        state: state(at: now, seq: nil))
      server.send(ControlMessage.welcome(welcome).jsonLine(), to: client)
      changed = true
    case .status:
      server.send(state(at: now, seq: arrival.seq).jsonLine(), to: client)
    default:
      let effects: [Effect]
      do {
        effects = try room.steer(request, by: client.source, material: material, at: now)
      } catch {
        server.send(ControlMessage.error(error, seq: arrival.seq).jsonLine(), to: client)
        return
      }
      let banners = room.session.banners.count
      carryOut(effects)
      if case .debrief = request { interviewerScored = true }
      // The banner a fire put up is the newest (cues that came due with it fired first); any
      // other request answers without one, even when a cue came due as it ran.
      let fired: Int?
      switch request {
      case .fire, .custom: fired = banners
      default: fired = nil
      }
      server.send(
        ControlMessage.ok(op: request.op, seq: arrival.seq, banner: fired).jsonLine(), to: client)
    }
  }

  private func state(at now: Instant, seq: Int?) -> ControlState {
    var state = ControlState(room.session, at: now, consoles: server?.consoles ?? 0)
    state.seq = seq
    return state
  }

  /// Sends watchers the state when it changed, and about once a second as time passes.
  private func pushState(at now: Instant) {
    guard let server, server.watchers else { return }
    let due = lastPush.map { now - $0 >= 1000 } ?? true
    guard changed || (due && room.session.status == .running) else { return }
    server.broadcast(state(at: now, seq: nil).jsonLine())
    changed = false
    lastPush = now
  }

  /// After the session: keeps answering the socket (so an interviewer can send scores), and
  /// trying a record that is behind, while another screen runs: the debrief and the wait for
  /// the interviewer, each of which wakes at least once a second.
  func serveAfter(_ polled: ArraySlice<pollfd>) {
    retryRecord()
    serve(polled)
    pushState(at: MonotonicClock.now())
  }

  var controlFDs: [pollfd] { server?.pollFDs ?? [] }
  /// Interviewer consoles still attached.
  var consoles: Int { server?.consoles ?? 0 }
}

/// Timing figures for `scripts/bench`, written only when `MOCKROOM_TRACE` names a file: when the
/// first frame was drawn, and how late each flip of the displayed second reached the screen.
final class Trace {
  private let handle: FileHandle
  private var lastSecond: Int64 = -1

  init?(path: String?) {
    guard let path, !path.isEmpty, FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { return nil }
    self.handle = handle
  }

  func drew(_ session: Session, at now: Instant, first: Bool) {
    let doneNs = MonotonicClock.nanoseconds()
    if first {
      var spec = timespec()
      clock_gettime(CLOCK_REALTIME, &spec)
      let realtime = Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
      write("first_frame_realtime_ns \(realtime)")
    }
    let active = session.active(at: now)
    let second = active / 1000
    guard session.status == .running, second != lastSecond else { return }
    if lastSecond >= 0 {
      // The instant this second began on the core's clock: now − (active time past the second).
      let boundaryNs = (now.ms - (active - second * 1000)) * 1_000_000
      write("flip \(second) late_us \((doneNs - boundaryNs) / 1000)")
    }
    lastSecond = second
  }

  private func write(_ line: String) {
    handle.write(Data((line + "\n").utf8))
  }
}
