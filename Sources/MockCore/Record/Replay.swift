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
    guard case .sessionStarted(let info, let plan, let schedule)? = records.first?.entry else {
      return nil
    }
    session = Session(info: info, plan: plan, schedule: schedule)
    session.followsRecord = true
    startPlan = plan
    for record in records { apply(record) }
  }

  /// One line more, as a copy following a running session takes them.
  public mutating func apply(_ record: Record) {
    session.apply(record)
    last = record.t
    let now = Instant(ms: record.t)
    // Only what the review needs besides the session: other lines are the session's alone.
    if case .phaseEntered(let phase, _) = record.entry {
      if phase == .drill, drillStart == nil { drillStart = session.active(at: now) }
      if phase == .ops, opsStart == nil { opsStart = session.active(at: now) }
    } else if case .marked(let mark) = record.entry {
      marks.append(MarkAt(t: record.t, mark: mark, source: record.source))
    } else if case .note(let text) = record.entry {
      notes.append(NoteAt(t: record.t, text: text, source: record.source))
    } else if case .debrief(let said) = record.entry {
      switch record.source {
      case .interviewer?: interviewerDebrief = said
      case .candidate?, nil: debrief = said
      case .ctl?: break
      }
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

  /// Feeds one recorded line back: the event it records goes through `handle`, and a banner
  /// goes up as recorded (a session that follows its record fires no cue by itself).
  mutating func apply(_ record: Record) {
    let now = Instant(ms: record.t)
    switch record.entry.replayed {
    case .event(let event): _ = handle(event, at: now)
    case .banner(let banner): restore(banner, at: now)
    case .nothing: break
    }
  }
}
