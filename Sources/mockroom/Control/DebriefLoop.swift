import Glibc
import MockCore

/// The debrief screen's loop: draws the form, feeds it keys, and returns what the candidate
/// chose; nil when a signal ended it first (nothing is saved then).
///
/// With `serving`, the session's control socket keeps being answered meanwhile (an interviewer
/// may be sending scores).
func runDebrief(
  _ form: DebriefForm, terminal: Terminal, signals: SignalPipe, serving: RunLoop? = nil
) -> DebriefForm.Result? {
  var form = form
  terminal.invalidate()
  while true {
    terminal.draw(Screen.render(form, size: terminal.size, colors: terminal.colors))
    var fds = [
      pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
      pollfd(fd: signals.readEnd, events: Int16(POLLIN), revents: 0),
    ]
    fds += serving?.controlFDs ?? []
    _ = poll(&fds, nfds_t(fds.count), serving == nil ? -1 : 1000)
    serving?.serveAfter(fds[2...])
    for arrival in signals.drain() {
      switch arrival {
      case .stop: return nil
      case .suspend:
        // Nothing is timed here: step away and come back to the same form.
        terminal.stepAway()
      }
    }
    for input in terminal.readInput() {
      switch input {
      case .resize: terminal.invalidate()
      case .key(let key): form.handle(key)
      }
      if let result = form.result { return result }
    }
  }
}

extension DebriefForm {
  /// The form for a session that has just ended or was read back from its record.
  init(_ summary: SessionSummary) {
    var line = "\(summary.ending?.outcome.rawValue ?? "incomplete") · worked "
    line += "\(DurationText.clock(summary.active)) of \(DurationText.clock(summary.plan.total))"
    if let most = summary.mostOver {
      line += " · \(most.name) ran \(DurationText.clock(summary[most].overrun)) over"
    }
    self.init(
      title: summary.title, summary: line, mostOver: summary.mostOver, existing: summary.debrief)
  }
}

/// After a session with an interviewer attached: waits for their scores (they arrive through
/// the control socket), until they come, every console has gone, a key is pressed, or a signal.
func awaitInterviewer(_ loop: RunLoop, terminal: Terminal, signals: SignalPipe) {
  terminal.invalidate()
  while loop.consoles > 0, !loop.interviewerScored {
    terminal.draw(
      Screen.message(
        [
          "Waiting for the interviewer's scores…",
          "", "They are scoring the session at their console.", "Any key: stop waiting",
        ], size: terminal.size))
    var fds = [
      pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
      pollfd(fd: signals.readEnd, events: Int16(POLLIN), revents: 0),
    ]
    fds += loop.controlFDs
    _ = poll(&fds, nfds_t(fds.count), 1000)
    loop.serveAfter(fds[2...])
    for arrival in signals.drain() {
      switch arrival {
      case .stop: return
      case .suspend: terminal.stepAway()
      }
    }
    for input in terminal.readInput() {
      switch input {
      case .resize: terminal.invalidate()
      case .key: return
      }
    }
  }
}
