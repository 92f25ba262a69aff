/// Something that happened to a session. Named for what happened, not for what it causes.
public enum Event: Equatable, Sendable {
  /// The clock starts and clarify begins.
  case start
  /// The candidate moves on to the next phase.
  case next
  /// The candidate steps back to the previous phase (to undo an accidental advance).
  case back
  case pause
  case resume
  /// The current phase's budget grows (positive) or shrinks (negative) by this much.
  case adjustBudget(Millis)
  /// The current phase takes this much from the next phase still to start (negative: gives it
  /// back), so that the plan's total stays as it was.
  case rebalance(Millis)
  /// The candidate declares the session done.
  case finish(EndReason)
  /// The session stops before it is done: quit, a signal, or a crash found later.
  case abort(EndReason)
  /// Time has passed: fire the cues it crossed.
  case tick
  /// The candidate has seen this banner (by number; nil: the newest still on screen).
  case acknowledge(Int?)
  /// The candidate has re-planned after this pivot (nil: the latest pivot not yet re-planned).
  case replan(Int?)
  /// The candidate marks a moment to count in the review.
  case mark(Mark)
  /// The candidate stepped away (Ctrl-Z): the stop counts as a pause.
  case suspend
  /// Back from Ctrl-Z (`fg`).
  case `continue`
  /// The machine slept this long (the monotonic clock stood still, so it is already a pause).
  case slept(Millis)
  /// The interviewer throws in an interjection now: a deck entry by its id (a scheduled one
  /// then does not fire again at its time), or, with a nil id, one of their own words.
  case fire(cue: String?, kind: CueKind, text: String)
  /// A scheduled interjection waits until released (or fired by hand).
  case hold(String)
  /// A held interjection fires at its time again; at once if that has passed.
  case release(String)
  /// A scheduled interjection will not fire.
  case skip(String)
  /// A time-stamped note.
  case note(String)
  /// The candidate says how they answered a pushback (by banner number; nil: the newest
  /// pushback not yet answered).
  case answer(Int?, PushbackAnswer)
}

/// Why a session ended.
public enum EndReason: Equatable, Hashable, Sendable {
  /// The candidate moved on past the last phase.
  case completed
  /// The candidate quit with `q`.
  case quit
  /// The process was told to stop by a signal, named as `SIGTERM` etc.
  case signal(String)
}

extension EndReason {
  /// The record's `reason` field: `completed`, `quit` or `signal` (the signal's own name goes
  /// beside it, in `signal`).
  public var name: String {
    switch self {
    case .completed: "completed"
    case .quit: "quit"
    case .signal: "signal"
    }
  }

  /// The signal's name, for an end by signal.
  public var signal: String? {
    if case .signal(let name) = self { return name }
    return nil
  }

  /// Reads `name` (and, for `signal`, the signal's name) back.
  public init?(name: String, signal: String?) {
    switch (name, signal) {
    case ("completed", _): self = .completed
    case ("quit", _): self = .quit
    case ("signal", let signal?): self = .signal(signal)
    default: return nil
    }
  }

  /// Both in one string, `signal:SIGTERM` for a signal: the index's column.
  public var tag: String { signal.map { "signal:" + $0 } ?? name }

  public init?(tag: String) {
    let parts = tag.split(separator: ":", maxSplits: 1).map(String.init)
    self.init(name: parts[0], signal: parts.count > 1 ? parts[1] : nil)
  }
}

/// How a session ended: finished if the candidate saw it through ops, abandoned otherwise.
public enum Outcome: String, Equatable, Hashable, Sendable {
  case finished, abandoned
}

/// The end of a session: its outcome and why it came.
public struct Ending: Equatable, Hashable, Sendable {
  public var outcome: Outcome
  public var reason: EndReason
  public init(outcome: Outcome, reason: EndReason) {
    self.outcome = outcome
    self.reason = reason
  }
}
