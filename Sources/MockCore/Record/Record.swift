/// How the candidate arrived in a phase.
public enum PhaseMove: String, Equatable, Hashable, Sendable {
  case start, next, back
}

/// Who did what a record line says: the candidate at their screen, the interviewer at the
/// console, or a script through `mockroom ctl`. Lines the clock causes (a cue coming due) have
/// none.
public enum Source: String, CaseIterable, Equatable, Hashable, Sendable {
  case candidate, interviewer, ctl
}

/// One line of a session's append-only record: something that happened, and when.
public struct Record: Equatable, Sendable {
  /// What happened.
  public enum Entry: Equatable, Sendable {
    case sessionStarted(SessionStarted)
    case phaseEntered(PhaseEntered)
    case phaseLeft(PhaseLeft)
    case paused
    case resumed(pausedFor: Millis)
    case budgetChanged(BudgetChanged)
    case rebalanced(Rebalanced)
    case sessionEnded(SessionEnded)
    /// A cue fired and its banner went up.
    case cueFired(Banner)
    case acknowledged(Acknowledged)
    case replanned(Replanned)
    case marked(Mark)
    /// Ctrl-Z: the candidate stepped away.
    case suspended
    /// Back from Ctrl-Z after `stoppedFor`.
    case continued(stoppedFor: Millis)
    /// The machine slept (a laptop lid closed); the session's clocks stood still meanwhile.
    case slept(Millis)
    /// A debrief, written after the session (its `t` is the session's end): the candidate's,
    /// or with source interviewer, the interviewer's scores.
    case debrief(Debrief)
    /// A scheduled interjection will not fire at its time until released.
    case held(cue: String)
    /// A held interjection fires at its time again (at once, if that has passed).
    case released(cue: String)
    /// A scheduled interjection will not fire.
    case skipped(cue: String)
    /// A time-stamped note (the interviewer's, usually).
    case note(String)
    /// A hook failed, timed out or could not start; the session went on.
    case hookFailed(HookFailure)
    /// A drill's first line, in place of `sessionStarted`.
    case drillStarted(DrillInfo)
    case problemShown(ProblemShown)
    case problemAnswered(ProblemAnswered)
    case slipShown(SlipShown)
    case slipAnswered(SlipAnswered)
    /// A card of the numbers kit was answered and rescheduled.
    case cardReviewed(CardReview)
    /// The drill's last line.
    case drillEnded(Ending)
    case roundShown(RoundShown)
    /// The candidate named the recovery move they are using in a round.
    case moveChosen(RoundMove)
    case moveTakenBack(RoundMove)
    /// A move already used was tried again before all five had been used, and refused.
    case moveRefused(RoundMove)
    case roundRated(RoundRated)
    case pushbackAnswered(PushbackAnswered)
    case checkinCounted(CheckinCounted)
  }

  /// The record schema version written on every line.
  public static let schemaVersion = 4

  /// Session time of the event: milliseconds since the start, pauses included.
  public var t: Millis
  public var entry: Entry
  /// Who did it; nil for what the clock did.
  public var source: Source?

  public init(t: Millis, entry: Entry, source: Source? = nil) {
    self.t = t
    self.entry = entry
    self.source = source
  }

  /// What kind of line it is. Its raw value is the `type` field as written: the wire name is
  /// declared here once, and the coder, the tests and the README's table read it from here.
  public enum Kind: String, CaseIterable, Equatable, Hashable, Sendable {
    case sessionStarted = "session_started"
    case phaseEntered = "phase_entered"
    case phaseLeft = "phase_left"
    case paused
    case resumed
    case budgetChanged = "budget_changed"
    case rebalanced
    case sessionEnded = "session_ended"
    case cueFired = "cue_fired"
    case acknowledged
    case replanned
    case marked
    case suspended
    case continued
    case slept
    case debrief
    case held
    case released
    case skipped
    case note
    case hookFailed = "hook_failed"
    case drillStarted = "drill_started"
    case problemShown = "problem_shown"
    case problemAnswered = "problem_answered"
    case slipShown = "slip_shown"
    case slipAnswered = "slip_answered"
    case cardReviewed = "card_reviewed"
    case drillEnded = "drill_ended"
    case roundShown = "round_shown"
    case moveChosen = "move_chosen"
    case moveTakenBack = "move_taken_back"
    case moveRefused = "move_refused"
    case roundRated = "round_rated"
    case pushbackAnswered = "pushback_answered"
    case checkinCounted = "checkin_counted"
  }

  /// The `type` field of the line.
  public var type: String { entry.kind.rawValue }
}

extension Record.Entry {
  /// What the line is, and the one value it writes beside `v`, `type`, `t_ms`, `wall` and
  /// `source` (nil: nothing more).
  var payload: (kind: Record.Kind, value: (any Encodable)?) {
    typealias One = Record.OneField
    return switch self {
    case .sessionStarted(let p): (.sessionStarted, p)
    case .phaseEntered(let p): (.phaseEntered, p)
    case .phaseLeft(let p): (.phaseLeft, p)
    case .paused: (.paused, nil)
    case .resumed(let ms): (.resumed, One(ms, "paused_ms"))
    case .budgetChanged(let p): (.budgetChanged, p)
    case .rebalanced(let p): (.rebalanced, p)
    case .sessionEnded(let p): (.sessionEnded, p)
    case .cueFired(let banner): (.cueFired, Record.CueFired(banner))
    case .acknowledged(let p): (.acknowledged, p)
    case .replanned(let p): (.replanned, p)
    case .marked(let mark): (.marked, mark)
    case .suspended: (.suspended, nil)
    case .continued(let ms): (.continued, One(ms, "stopped_ms"))
    case .slept(let ms): (.slept, One(ms, "slept_ms"))
    case .debrief(let debrief): (.debrief, debrief)
    case .held(let cue): (.held, One(cue, "cue"))
    case .released(let cue): (.released, One(cue, "cue"))
    case .skipped(let cue): (.skipped, One(cue, "cue"))
    case .note(let text): (.note, One(text, "text"))
    case .hookFailed(let failure): (.hookFailed, failure)
    case .drillStarted(let info): (.drillStarted, info)
    case .problemShown(let p): (.problemShown, p)
    case .problemAnswered(let p): (.problemAnswered, p)
    case .slipShown(let p): (.slipShown, p)
    case .slipAnswered(let p): (.slipAnswered, p)
    case .cardReviewed(let review): (.cardReviewed, review)
    case .drillEnded(let ending): (.drillEnded, ending)
    case .roundShown(let p): (.roundShown, p)
    case .moveChosen(let p): (.moveChosen, p)
    case .moveTakenBack(let p): (.moveTakenBack, p)
    case .moveRefused(let p): (.moveRefused, p)
    case .roundRated(let p): (.roundRated, p)
    case .pushbackAnswered(let p): (.pushbackAnswered, p)
    case .checkinCounted(let p): (.checkinCounted, p)
    }
  }

  public var kind: Record.Kind { payload.kind }
}

extension Record.Kind {
  /// Reads a line of this kind's own fields, from the line's decoder.
  func entry(from d: Decoder) throws -> Record.Entry {
    typealias R = Record
    return switch self {
    case .sessionStarted: .sessionStarted(try .init(from: d))
    case .phaseEntered: .phaseEntered(try .init(from: d))
    case .phaseLeft: .phaseLeft(try .init(from: d))
    case .paused: .paused
    case .resumed: .resumed(pausedFor: try R.time(d, "paused_ms"))
    case .budgetChanged: .budgetChanged(try .init(from: d))
    case .rebalanced: .rebalanced(try .init(from: d))
    case .sessionEnded: .sessionEnded(try .init(from: d))
    case .cueFired: .cueFired(try R.CueFired(from: d).banner)
    case .acknowledged: .acknowledged(try .init(from: d))
    case .replanned: .replanned(try .init(from: d))
    case .marked: .marked(try .init(from: d))
    case .suspended: .suspended
    case .continued: .continued(stoppedFor: try R.time(d, "stopped_ms"))
    case .slept: .slept(try R.time(d, "slept_ms"))
    case .debrief: .debrief(try .init(from: d))
    case .held: .held(cue: try R.text(d, "cue"))
    case .released: .released(cue: try R.text(d, "cue"))
    case .skipped: .skipped(cue: try R.text(d, "cue"))
    case .note: .note(try R.text(d, "text"))
    case .hookFailed: .hookFailed(try .init(from: d))
    case .drillStarted: .drillStarted(try .init(from: d))
    case .problemShown: .problemShown(try .init(from: d))
    case .problemAnswered: .problemAnswered(try .init(from: d))
    case .slipShown: .slipShown(try .init(from: d))
    case .slipAnswered: .slipAnswered(try .init(from: d))
    case .cardReviewed: .cardReviewed(try .init(from: d))
    case .drillEnded: .drillEnded(try .init(from: d))
    case .roundShown: .roundShown(try .init(from: d))
    case .moveChosen: .moveChosen(try .init(from: d))
    case .moveTakenBack: .moveTakenBack(try .init(from: d))
    case .moveRefused: .moveRefused(try .init(from: d))
    case .roundRated: .roundRated(try .init(from: d))
    case .pushbackAnswered: .pushbackAnswered(try .init(from: d))
    case .checkinCounted: .checkinCounted(try .init(from: d))
    }
  }
}
