/// What a session's record says happened, line by line: the one reading of record lines. The
/// session rebuilt (its clocks, phases, and every banner as it was shown, acknowledged,
/// re-planned or retired; which interjections were held, fired or skipped), and beside it what
/// only the review needs: marks, notes, and who scored what.
///
/// Banners come from the record's own lines, never from firing the cues again: a later mockroom
/// with other cue rules still reports what this session showed, and a copy of a running
/// session (the interviewer's console) shows what the candidate's screen shows.
public struct Projection: Equatable, Sendable {
  /// A mark, with its session time and who marked it.
  public typealias MarkAt = SessionSummary.MarkAt
  public typealias NoteAt = SessionSummary.NoteAt

  public private(set) var session: Session
  /// The plan as the session began (the session's own is the plan as it stands).
  public let startPlan: Plan
  public private(set) var marks: [MarkAt] = []
  public private(set) var notes: [NoteAt] = []
  /// The candidate's latest debrief (from their screen or a later `mockroom debrief`); scores
  /// from any other source never take its place.
  public private(set) var debrief: Debrief?
  /// The interviewer's latest scores.
  public private(set) var interviewerDebrief: Debrief?
  /// Time worked when the drill was first entered; nil if it never was.
  public private(set) var drillStart: Millis?
  /// Time worked when ops was first entered; nil if it never was.
  public private(set) var opsStart: Millis?
  /// The session time of the last line.
  public private(set) var last: Millis = 0

  /// The projection of `records`; nil unless the first is a session's start.
  public init?(_ records: [Record]) {
    guard case .sessionStarted(let start)? = records.first?.entry else { return nil }
    session = Session(info: start.info, plan: start.plan, schedule: start.schedule)
    session.followsRecord = true
    startPlan = start.plan
    for record in records { apply(record) }
  }

  /// One line more, as a copy following a running session takes them: what it does to the
  /// session (the event it records goes through `handle`; a banner goes up as recorded, since a
  /// session that follows its record fires no cue by itself), and what the review keeps of it.
  public mutating func apply(_ record: Record) {
    last = record.t
    let now = Instant(ms: record.t)
    func replay(_ event: Event) { _ = session.handle(event, at: now) }
    switch record.entry {
    case .sessionStarted: replay(.start)
    case .phaseEntered(let entered):
      switch entered.via {
      case .start: break
      case .next: replay(.next)
      case .back: replay(.back)
      }
      let phase = entered.phase
      if phase == .drill, drillStart == nil { drillStart = session.active(at: now) }
      if phase == .ops, opsStart == nil { opsStart = session.active(at: now) }
    // Follows from the phase entered next, or the end.
    case .phaseLeft: break
    case .paused: replay(.pause)
    case .resumed: replay(.resume)
    case .budgetChanged(let change): replay(.adjustBudget(change.to - change.from))
    case .rebalanced(let moved): replay(.rebalance(moved.moved))
    case .sessionEnded(let end):
      let ending = end.ending
      replay(ending.outcome == .finished ? .finish(ending.reason) : .abort(ending.reason))
    case .cueFired(let banner): session.restore(banner, at: now)
    case .acknowledged(let seen): replay(.acknowledge(seen.banner))
    case .replanned(let replanned): replay(.replan(replanned.banner))
    case .marked(let mark):
      replay(.mark(mark))
      marks.append(MarkAt(t: record.t, mark: mark, source: record.source))
    case .suspended: replay(.suspend)
    case .continued: replay(.continue)
    case .slept(let gap): replay(.slept(gap))
    case .debrief(let said):
      switch record.source {
      case .interviewer?: interviewerDebrief = said
      case .candidate?, nil: debrief = said
      case .ctl?: break
      }
    case .held(let cue): replay(.hold(cue))
    case .released(let cue): replay(.release(cue))
    case .skipped(let cue): replay(.skip(cue))
    case .note(let text):
      replay(.note(text))
      notes.append(NoteAt(t: record.t, text: text, source: record.source))
    case .hookFailed: break
    case .pushbackAnswered(let said): replay(.answer(said.banner, said.answer))
    // Follows from the check-in mark before it.
    case .checkinCounted: break
    // A drill is not a session: replaying one does nothing to a session.
    case .drillStarted, .problemShown, .problemAnswered, .cardReviewed, .drillEnded, .roundShown,
      .moveChosen, .moveTakenBack, .moveRefused, .roundRated, .slipShown, .slipAnswered:
      break
    }
  }
}

extension Session {
  /// Rebuilds a session from its record. Records carry session time with pauses included, so
  /// each line maps to one instant on a clock that starts at zero. The result equals the live
  /// session at its last recorded event: the record is the source of truth.
  public static func replay(_ records: [Record]) -> Session? {
    Projection(records)?.session
  }
}
