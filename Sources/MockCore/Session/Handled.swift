/// What an event did: the cues that came due before it (time had passed), the lines the event
/// itself recorded, the cues it brought due (a shorter budget moves a point), or why it did
/// nothing. Callers read what they need instead of guessing from the lines.
public struct Handled: Equatable, Sendable {
  public var dueFirst: [Record] = []
  public var applied: [Record] = []
  public var dueAfter: [Record] = []
  public var refusal: Refusal?

  /// Every line, in the order it is written.
  public var records: [Record] { dueFirst + applied + dueAfter }
  /// A banner went up.
  public var alerts: Bool { records.contains(where: \.isCueFired) }
  /// What the shell carries out: the lines, then the bell if a banner went up.
  public var effects: [Effect] { records.map(Effect.record) + (alerts ? [.alert] : []) }
}

/// Why an event did nothing.
public enum Refusal: Error, Equatable, Sendable {
  case notStarted, started, ended
  case paused, notPaused, suspended, notSuspended
  case firstPhase, lastPhase, budgetLimit
  /// Rebalancing needs a later phase still to start.
  case noLaterPhase
  case noBanner, noPivot
  /// The deck entry has fired (a deck entry fires once).
  case fired
  /// Not a scheduled interjection still to fire.
  case notSteerable
  case held, notHeld
  /// No pushback is waiting for its answer.
  case noPushback

  /// What to tell whoever asked.
  public var message: String {
    switch self {
    case .notStarted: "the session has not started"
    case .started: "the session has started already"
    case .ended: "the session has ended"
    case .paused: "the session is paused already"
    case .notPaused: "the session is not paused"
    case .suspended: "the session is stopped (Ctrl-Z)"
    case .notSuspended: "the session is not stopped"
    case .firstPhase: "clarify is the first phase"
    case .lastPhase: "ops is the last phase"
    case .budgetLimit: "the budget is at its limit (a phase keeps at least a minute)"
    case .noLaterPhase: "no later phase is still to start"
    case .noBanner: "no banner to acknowledge"
    case .noPivot: "no pivot waiting to be re-planned"
    case .fired: "that entry has fired"
    case .notSteerable: "not a scheduled interjection still to fire"
    case .held: "held already"
    case .notHeld: "not held"
    case .noPushback: "no pushback waiting for an answer"
    }
  }
}
