extension Session {
  /// Rebuilds a session from its record by feeding the recorded events back through `handle`.
  ///
  /// Records carry session time with pauses included, so each line maps to one instant on a
  /// clock that starts at zero. The result equals the live session at its last recorded event:
  /// the record is the source of truth, and this proves it holds everything.
  public static func replay(_ records: [Record]) -> Session? {
    replay(records) { _, _ in }
  }

  /// Replays `records`, showing `observe` the session after each one.
  public static func replay(
    _ records: [Record], observe: (Record, Session) -> Void
  ) -> Session? {
    guard case .sessionStarted(let info, let plan, let schedule)? = records.first?.entry else {
      return nil
    }
    var session = Session(info: info, plan: plan, schedule: schedule)
    for record in records {
      session.apply(record)
      observe(record, session)
    }
    return session
  }

  /// Feeds one recorded line back through `handle`, as `replay` does for each: how a copy of
  /// the session (the interviewer's console) follows the record one line at a time.
  public mutating func apply(_ record: Record) {
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
    case .cueFired(let banner) where record.source != nil:
      // Thrown in by hand: by the interviewer or a script.
      event = .fire(cue: banner.cue, kind: banner.kind, text: banner.text ?? "")
    // The cue fires again from the same schedule at the same moment.
    case .cueFired: event = .tick
    case .acknowledged(let banner, _, _, _): event = .acknowledge(banner)
    case .replanned(let banner, _, _): event = .replan(banner)
    case .marked(let mark): event = .mark(mark)
    case .suspended: event = .suspend
    case .continued: event = .continue
    case .slept(let gap): event = .slept(gap)
    case .debrief: event = nil
    case .held(let cue): event = .hold(cue)
    case .released(let cue): event = .release(cue)
    case .skipped(let cue): event = .skip(cue)
    case .note(let text): event = .note(text)
    }
    if let event { _ = handle(event, at: now) }
  }
}
