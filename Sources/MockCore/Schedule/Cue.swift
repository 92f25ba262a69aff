/// What a banner is about: one of the interviewer's moves, or a coaching cue about time.
public enum CueKind: String, CaseIterable, Equatable, Hashable, Sendable {
  // Thrown in from the decks.
  case pivot, pushback, curveball, silence, checkin
  /// The last 90 seconds of the session: the candidate's questions.
  case lastStretch = "last_90s"
  /// One minute left in a phase.
  case oneMinute = "one_minute"
  /// Clarify has used its budget.
  case clarifyOver = "clarify_over"
  /// The drill has not started by its point in the plan (25:00 in the standard plan).
  case drillLate = "drill_late"
  /// Ops has not begun by its point in the plan (40:00): time for the compressed close.
  case compressedClose = "compressed_close"
  /// Design or drill has gone on for a while without a check-in mark.
  case checkinReminder = "checkin_reminder"

  public init(_ kind: Interjection.Kind) {
    switch kind {
    case .pivot: self = .pivot
    case .pushback: self = .pushback
    case .curveball: self = .curveball
    case .silence: self = .silence
    case .checkin: self = .checkin
    }
  }

  /// The phase this cue is waiting for: its banner comes down once the session reaches it.
  public var awaits: Phase? {
    switch self {
    case .drillLate: .drill
    case .compressedClose: .ops
    default: nil
    }
  }

  /// Whether the cue comes from a deck (an interjection) rather than the clock.
  public var isInterjection: Bool {
    switch self {
    case .pivot, .pushback, .curveball, .silence, .checkin: true
    default: false
    }
  }
}

/// The point at which a cue comes due. Every point is a moment of worked time (pauses do not
/// count) worked out from the session's plan as it is now, so a budget changed mid-session moves
/// the points that depend on it.
public enum Trigger: Equatable, Hashable, Sendable {
  /// Session time (worked) reaches the point where the plan starts `phase` (the budgets before
  /// it added up), plus `plus`: 25:00 for the drill of the standard plan.
  case phaseStart(Phase, plus: Millis)
  /// Time worked in `phase` reaches this.
  case intoPhase(Phase, Millis)
  /// Time left in `phase` falls to this.
  case phaseRemaining(Phase, Millis)
  /// Time left in the whole plan falls to this.
  case sessionRemaining(Millis)
  /// Time worked in design and drill together since the last check-in (or the last reminder)
  /// reaches this. The only trigger that repeats.
  case focusWithoutCheckin(Millis)
  /// Session time worked (all phases) reaches this: the hostile pushbacks.
  case worked(Millis)
}

/// What must hold when a cue's point is reached for it to fire. Checked once, at that point: a
/// cue whose condition fails is settled and never fires later.
public enum Condition: Equatable, Hashable, Sendable {
  /// The session has not yet reached this phase.
  case notReached(Phase)
  /// The phase's budget is longer than this (a "one minute left" cue means nothing in a phase
  /// of 90 seconds).
  case budgetAbove(Phase, Millis)
  /// The whole plan is longer than this (a plan of a minute has no "last 90 seconds").
  case planAbove(Millis)
}

/// One scheduled cue: a deck interjection placed in the session, or a coaching cue.
public struct Cue: Equatable, Hashable, Sendable {
  /// Unique in the schedule; records name the cue by it.
  public var id: String
  public var kind: CueKind
  public var trigger: Trigger
  public var conditions: [Condition]
  /// A phase-bound cue's banner is taken down when the session leaves that phase ("one minute
  /// left in clarify" means nothing once in estimate).
  public var boundTo: Phase?
  /// What the interviewer says, for a deck interjection.
  public var text: String?

  public init(
    id: String, kind: CueKind, trigger: Trigger, conditions: [Condition] = [],
    boundTo: Phase? = nil, text: String? = nil
  ) {
    self.id = id
    self.kind = kind
    self.trigger = trigger
    self.conditions = conditions
    self.boundTo = boundTo
    self.text = text
  }
}
