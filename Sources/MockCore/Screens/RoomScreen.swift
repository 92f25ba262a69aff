extension Room: ScreenModel {
  /// The session screen's inputs. Ending the session (by key, by signal, or from the socket)
  /// comes out as `.quit`; `Interview` decides what follows.
  public mutating func update(_ input: Input, at now: Instant) -> [Effect] {
    switch input {
    case .key(let key): return handle(key, at: now)
    case .viewport(let view):
      shown(view)
      return []
    case .time: return tick(at: now)
    case .slept(let gap): return slept(gap, at: now)
    case .stop(let signal): return stop(signal: signal, at: now)
    // The pause is on record before the terminal is handed back and the process stops.
    case .suspend: return suspend(at: now) + [.stepAway]
    case .continued: return continued(at: now)
    case .recordBehind(let behind):
      recordBehind = behind
      return []
    case .peers(let consoles, _):
      self.consoles = consoles
      return []
    case .resize, .request, .message, .hungUp, .childExited: return []
    }
  }

  public func render(size: Size, at now: Instant, colors: Bool) -> Frame {
    Screen.render(self, at: now, size: size, colors: colors)
  }
}

extension DebriefForm: ScreenModel {
  /// The form on its own (`mockroom debrief`): it quits once saved or skipped, and a signal
  /// quits with nothing saved.
  public mutating func update(_ input: Input, at now: Instant) -> [Effect] {
    switch input {
    case .key(let key):
      handle(key)
      return result == nil ? [] : [.quit]
    case .stop: return [.quit]
    // Nothing is timed here: step away and come back to the same form.
    case .suspend: return [.stepAway]
    case .resize, .viewport, .time, .slept, .continued, .request, .peers, .message, .hungUp,
      .recordBehind, .childExited:
      return []
    }
  }

  public func render(size: Size, at now: Instant, colors: Bool) -> Frame {
    Screen.render(self, size: size, colors: colors)
  }

  public func nextWake(after now: Instant) -> Instant? { nil }

  /// The form for a session that has just ended or was read back from its record.
  public init(_ summary: SessionSummary) {
    var line = "\(summary.ending?.outcome.rawValue ?? "incomplete") · worked "
    line += "\(DurationText.clock(summary.active)) of \(DurationText.clock(summary.plan.total))"
    if let most = summary.mostOver {
      line += " · \(most.name) ran \(DurationText.clock(summary[most].overrun)) over"
    }
    self.init(
      title: summary.title, summary: line, mostOver: summary.mostOver, existing: summary.debrief)
  }
}

/// After a session with an interviewer attached: the wait for their scores.
public struct Waiting: Equatable, Sendable {
  public static let lines = [
    "Waiting for the interviewer's scores…",
    "", "They are scoring the session at their console.", "Any key: stop waiting",
  ]

  public init() {}

  public func render(size: Size) -> Frame { Screen.message(Self.lines, size: size) }
}
