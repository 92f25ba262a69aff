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
    case .notice(let text):
      say(text, at: now)
      return []
    case .resize, .request, .message, .hungUp, .hookFinished: return []
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
      .recordBehind, .hookFinished, .notice:
      return []
    }
  }

  public func render(size: Size, at now: Instant, colors: Bool) -> Frame {
    Screen.render(self, size: size, colors: colors)
  }

  public func nextWake(after now: Instant) -> Instant? { nil }

  /// The form for a session read back from its record (`mockroom debrief`).
  public init(_ summary: SessionSummary) {
    self.init(
      title: summary.title,
      summary: Self.heading(
        summary.ending?.outcome, worked: summary.active, of: summary.plan.total,
        mostOver: summary.mostOver.map { ($0, summary[$0].overrun) },
        checkins: summary.checkinTarget.map { (summary.checkins, $0) }),
      mostOver: summary.mostOver, existing: summary.debrief)
  }

  /// The form for the session that has just ended on this screen.
  public init(ended session: Session) {
    // An ended session's clock stands still: any instant reads its end.
    let end = Instant(ms: 0)
    let most = session.mostOver(at: end)
    var outcome: Outcome?
    if case .ended(let ending) = session.status { outcome = ending.outcome }
    self.init(
      title: session.info.title,
      summary: Self.heading(
        outcome, worked: session.active(at: end), of: session.plan.total,
        mostOver: most.map { ($0, session.overrun($0, at: end)) },
        checkins: session.schedule.options.checkinTarget.map { (session.checkins, $0) }),
      mostOver: most)
  }

  /// `finished · worked 40:10 of 45:00 · design ran 3:05 over`, and with a target of
  /// check-ins, `· check-ins 2 of 3 (3:10, 9:40): not met`.
  private static func heading(
    _ outcome: Outcome?, worked: Millis, of total: Millis, mostOver: (Phase, Millis)?,
    checkins: (times: [Millis], target: Int)?
  ) -> String {
    var line = "\(outcome?.rawValue ?? "incomplete") · worked "
    line += "\(DurationText.clock(worked)) of \(DurationText.clock(total))"
    if let (phase, overrun) = mostOver {
      line += " · \(phase.name) ran \(DurationText.clock(overrun)) over"
    }
    if let (times, target) = checkins {
      line += " · check-ins \(times.count) of \(target)"
      if !times.isEmpty {
        line += " (" + times.map(DurationText.clock).joined(separator: ", ") + ")"
      }
      line += times.count >= target ? ": met" : ": not met"
    }
    return line
  }
}

/// After a session with an interviewer attached: the wait for their scores.
public struct Waiting: Equatable, Sendable {
  public static let lines = [
    "Waiting for the interviewer's scores…",
    "", "They are scoring the session at their console.", "Any key: stop waiting",
  ]

  public init() {}

  public func render(size: Size) -> Frame {
    var frame = Frame(size: size)
    Message.draw(into: &frame, Self.lines)
    return frame
  }
}
