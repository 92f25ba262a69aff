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
    case sessionStarted(SessionInfo, Plan, Schedule)
    case phaseEntered(Phase, via: PhaseMove)
    /// `elapsed` is the phase's whole active time so far, over every stint in it.
    case phaseLeft(Phase, elapsed: Millis, budget: Millis)
    case paused
    case resumed(pausedFor: Millis)
    case budgetChanged(Phase, from: Millis, to: Millis)
    /// The current phase (`phase`) took `moved` from `other`, the next phase still to start
    /// (negative: gave it back); the plan's total is as it was.
    case rebalanced(Phase, other: Phase, moved: Millis)
    case sessionEnded(Ending, active: Millis)
    /// A cue fired and its banner went up.
    case cueFired(Banner)
    /// `after`: from the banner going up to the acknowledgement.
    case acknowledged(banner: Int, cue: String, kind: CueKind, after: Millis)
    /// `after`: from the pivot's banner going up to the re-plan.
    case replanned(banner: Int, cue: String, after: Millis)
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
    /// An estimation problem went up (`number` from 1).
    case problemShown(number: Int, EstimateProblem)
    /// It was answered and scored.
    case problemAnswered(number: Int, EstimateResult)
    /// A card of the numbers kit was answered and rescheduled.
    case cardReviewed(CardReview)
    /// The drill's last line.
    case drillEnded(Ending)
    /// A round of the recovery drill began with this question.
    case roundShown(number: Int, RecoveryQuestion)
    /// The candidate named the recovery move they are using in a round.
    case moveChosen(number: Int, RecoveryMove, elapsed: Millis)
    /// A move already used was tried again before all five had been used, and refused.
    case moveRefused(number: Int, RecoveryMove, elapsed: Millis)
    /// A round was rated, 1-5, by the candidate or (source interviewer or ctl) the interviewer.
    case roundRated(number: Int, move: RecoveryMove?, rating: Int, elapsed: Millis)
    /// The candidate said how they answered a pushback.
    case pushbackAnswered(banner: Int, cue: String, PushbackAnswer, after: Millis)
    /// A check-in counted towards the session's target (`--checkins`), at this worked time.
    case checkinCounted(number: Int, target: Int, worked: Millis)
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
    case cardReviewed = "card_reviewed"
    case drillEnded = "drill_ended"
    case roundShown = "round_shown"
    case moveChosen = "move_chosen"
    case moveRefused = "move_refused"
    case roundRated = "round_rated"
    case pushbackAnswered = "pushback_answered"
    case checkinCounted = "checkin_counted"
  }

  /// The `type` field of the line.
  public var type: String { entry.kind.rawValue }
}

extension Record.Entry {
  /// What replaying the line does to the session.
  public enum Replayed: Equatable, Sendable {
    /// The event the line records, fed back through `Session.handle`.
    case event(Event)
    /// A banner going up, exactly as recorded.
    case banner(Banner)
    /// Nothing: the line follows from others (`phase_left`) or is for the review (`debrief`).
    case nothing
  }

  public var replayed: Replayed {
    switch self {
    case .sessionStarted: .event(.start)
    case .phaseEntered(_, .start): .nothing
    case .phaseEntered(_, .next): .event(.next)
    case .phaseEntered(_, .back): .event(.back)
    case .phaseLeft: .nothing
    case .paused: .event(.pause)
    case .resumed: .event(.resume)
    case .budgetChanged(_, let from, let to): .event(.adjustBudget(to - from))
    case .rebalanced(_, _, let moved): .event(.rebalance(moved))
    case .sessionEnded(let ending, _):
      .event(ending.outcome == .finished ? .finish(ending.reason) : .abort(ending.reason))
    case .cueFired(let banner): .banner(banner)
    case .acknowledged(let banner, _, _, _): .event(.acknowledge(banner))
    case .replanned(let banner, _, _): .event(.replan(banner))
    case .marked(let mark): .event(.mark(mark))
    case .suspended: .event(.suspend)
    case .continued: .event(.continue)
    case .slept(let gap): .event(.slept(gap))
    case .debrief: .nothing
    case .held(let cue): .event(.hold(cue))
    case .released(let cue): .event(.release(cue))
    case .skipped(let cue): .event(.skip(cue))
    case .note(let text): .event(.note(text))
    case .hookFailed: .nothing
    // A drill is not a session: replaying one does nothing to a session.
    case .drillStarted, .problemShown, .problemAnswered, .cardReviewed, .drillEnded, .roundShown,
      .moveChosen, .moveRefused, .roundRated:
      .nothing
    case .pushbackAnswered(let banner, _, let answer, _): .event(.answer(banner, answer))
    // Follows from the check-in mark before it.
    case .checkinCounted: .nothing
    }
  }

  public var kind: Record.Kind {
    switch self {
    case .sessionStarted: .sessionStarted
    case .phaseEntered: .phaseEntered
    case .phaseLeft: .phaseLeft
    case .paused: .paused
    case .resumed: .resumed
    case .budgetChanged: .budgetChanged
    case .rebalanced: .rebalanced
    case .sessionEnded: .sessionEnded
    case .cueFired: .cueFired
    case .acknowledged: .acknowledged
    case .replanned: .replanned
    case .marked: .marked
    case .suspended: .suspended
    case .continued: .continued
    case .slept: .slept
    case .debrief: .debrief
    case .held: .held
    case .released: .released
    case .skipped: .skipped
    case .note: .note
    case .hookFailed: .hookFailed
    case .drillStarted: .drillStarted
    case .problemShown: .problemShown
    case .problemAnswered: .problemAnswered
    case .cardReviewed: .cardReviewed
    case .drillEnded: .drillEnded
    case .roundShown: .roundShown
    case .moveChosen: .moveChosen
    case .moveRefused: .moveRefused
    case .roundRated: .roundRated
    case .pushbackAnswered: .pushbackAnswered
    case .checkinCounted: .checkinCounted
    }
  }
}
