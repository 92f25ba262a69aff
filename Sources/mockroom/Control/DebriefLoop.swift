import Glibc
import MockCore

/// The debrief screen's loop: draws the form, feeds it keys, and returns what the candidate
/// chose; nil when a signal ended it first (nothing is saved then).
func runDebrief(_ form: DebriefForm, terminal: Terminal, signals: SignalPipe) -> DebriefForm.Result?
{
  var form = form
  terminal.invalidate()
  while true {
    terminal.draw(Screen.render(form, size: terminal.size, colors: terminal.colors))
    var fds = [
      pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
      pollfd(fd: signals.readEnd, events: Int16(POLLIN), revents: 0),
    ]
    _ = poll(&fds, nfds_t(fds.count), -1)
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
