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

  init(
    room: Room, terminal: Terminal, log: SessionLogWriter, signals: SignalPipe, trace: Trace?,
    bell: Terminal.Bell
  ) {
    self.room = room
    self.terminal = terminal
    self.log = log
    self.signals = signals
    self.trace = trace
    self.bell = bell
  }

  func run() throws(SessionLogWriter.Failure) -> Ending {
    room.resize(to: terminal.size)
    try carryOut(room.start(at: MonotonicClock.now()))
    var first = true
    while !quit {
      if let slept = sleepWatch.slept() {
        try carryOut(room.slept(slept, at: MonotonicClock.now()))
      }
      // Cues that came due (on time, or late after the process was frozen) fire before the
      // frame that shows them.
      try carryOut(room.tick(at: MonotonicClock.now()))
      let now = MonotonicClock.now()
      let frame = Screen.render(room, at: now, size: terminal.size, colors: terminal.colors)
      if terminal.draw(frame) {
        trace?.drew(room.session, at: now, first: first)
        first = false
      }
      wait(until: room.nextWake(after: now))
      for arrival in signals.drain() where !quit {
        switch arrival {
        case .stop(let name):
          stoppedBy = stoppedBy ?? name
          try carryOut(room.stop(signal: name, at: MonotonicClock.now()))
        case .suspend:
          try suspend()
        }
      }
      for input in terminal.readInput() where !quit {
        switch input {
        case .resize:
          terminal.invalidate()
          room.resize(to: terminal.size)
        case .key(let key):
          try carryOut(room.handle(key, at: MonotonicClock.now()))
        }
      }
    }
    return stoppedBy.map(Ending.signal) ?? .done
  }

  /// Ctrl-Z: the pause is on record before the terminal is handed back and the process stops;
  /// after `fg` the session picks up where it was (running again only if it was running).
  private func suspend() throws(SessionLogWriter.Failure) {
    try carryOut(room.suspend(at: MonotonicClock.now()))
    terminal.stepAway()
    room.resize(to: terminal.size)
    try carryOut(room.resume(at: MonotonicClock.now()))
  }

  /// Sleeps in `poll` until input, a signal, or `deadline`; a signal ncurses handles itself
  /// (SIGWINCH) interrupts the poll too, and the resize is then read as a key.
  private func wait(until deadline: Instant?) {
    var fds = [
      pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
      pollfd(fd: signals.readEnd, events: Int16(POLLIN), revents: 0),
    ]
    var timeout: Int32 = -1
    if let deadline {
      // The clock reads whole milliseconds rounded down, so this never wakes before the second.
      timeout = Int32(clamping: max(0, deadline - MonotonicClock.now()))
    }
    _ = poll(&fds, nfds_t(fds.count), timeout)
  }

  private func carryOut(_ effects: [Effect]) throws(SessionLogWriter.Failure) {
    for effect in effects {
      switch effect {
      case .record(let record): try log.append(record)
      case .quit: quit = true
      case .alert: terminal.alert(bell)
      }
    }
  }
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
