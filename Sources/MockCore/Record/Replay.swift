extension Session {
  /// Rebuilds a session from its record by feeding the recorded events back through `handle`.
  ///
  /// Records carry session time with pauses included, so each line maps to one instant on a
  /// clock that starts at zero. The result equals the live session at its last recorded event:
  /// the record is the source of truth, and this proves it holds everything.
  public static func replay(_ records: [Record]) -> Session? {
    guard case .sessionStarted(let info, let plan)? = records.first?.entry else { return nil }
    var session = Session(info: info, plan: plan)
    for record in records {
      let now = Instant(ms: record.t)
      let event: Event?
      switch record.entry {
      case .sessionStarted: event = .start
      case .phaseEntered(_, let via): event = via == .next ? .next : via == .back ? .back : nil
      case .phaseLeft: event = nil
      case .paused: event = .pause
      case .resumed: event = .resume
      case .budgetChanged(_, let from, let to): event = .adjustBudget(to - from)
      case .sessionEnded(let ending, _):
        event = ending.outcome == .finished ? .finish(ending.reason) : .abort(ending.reason)
      }
      if let event { _ = session.handle(event, at: now) }
    }
    return session
  }
}
