/// Watches a session for the moments hooks hear of: what its record lines say (started,
/// entered, a cue fired, ended), and the instant the current phase uses its whole budget, which
/// no line records.
public struct HookWatch: Equatable, Sendable {
  /// The phases already said to be over, at the budget they ran past: giving a phase more time
  /// lets it run over again.
  private var toldOver: Set<Told> = []

  private struct Told: Hashable, Sendable {
    var phase: Phase
    var budget: Millis
  }

  public init() {}

  /// The calls for what `effects` recorded, and for a phase that ran out by `now`, in order.
  public mutating func calls(after effects: [Effect], in session: Session, at now: Instant)
    -> [Effect]
  {
    var calls: [HookCall] = []
    for record in effects.recorded {
      switch record.entry {
      case .sessionStarted:
        calls.append(
          call(.sessionStarted, session, at: now, text: "session started: \(session.info.title)"))
      case .phaseEntered(let entered):
        calls.append(call(.phaseEntered, session, at: now, text: entered.phase.name))
      case .cueFired(let banner):
        var made = call(.cueFired, session, at: now, text: banner.message)
        made.variables["CUE"] = banner.cue
        made.variables["KIND"] = banner.kind.rawValue
        calls.append(made)
      case .sessionEnded(let end):
        let ending = end.ending
        let worked = DurationText.clock(end.active)
        calls.append(
          call(
            .sessionEnded, session, at: now,
            text: "session \(ending.outcome.rawValue) after \(worked)"))
      case .phaseLeft, .paused, .resumed, .budgetChanged, .rebalanced, .acknowledged, .replanned,
        .marked, .suspended, .continued, .slept, .debrief, .held, .released, .skipped, .note,
        .hookFailed, .drillStarted, .problemShown, .problemAnswered, .cardReviewed, .drillEnded,
        .roundShown, .moveChosen, .moveTakenBack, .moveRefused, .roundRated, .pushbackAnswered,
        .checkinCounted,
        .slipShown, .slipAnswered:
        // A drill's moments are told by the drill itself (`Drill`).
        break
      }
    }
    if session.status == .running, session.isOver(session.phase, at: now) {
      let told = Told(phase: session.phase, budget: session.plan[session.phase])
      if toldOver.insert(told).inserted {
        calls.append(
          call(.phaseOver, session, at: now, text: "\(session.phase.name) is over its budget"))
      }
    }
    return calls.map(Effect.hook)
  }

  /// The instant the current phase will use its whole budget, while it runs and has not.
  public func nextWake(_ session: Session, after now: Instant) -> Instant? {
    guard session.status == .running else { return nil }
    let left = session.remaining(session.phase, at: now)
    return left > 0 ? now + left : nil
  }

  /// The variables every session event has: the session, its plan, and the current phase's
  /// time in whole seconds.
  private func call(_ event: HookEvent, _ session: Session, at now: Instant, text: String)
    -> HookCall
  {
    let phase = session.phase
    var variables = [
      "SESSION": session.info.id, "PLAN": session.plan.name, "PHASE": phase.name,
      "BUDGET_S": "\(session.plan[phase] / 1000)",
      "ELAPSED_S": "\(session.elapsed(phase, at: now) / 1000)",
      "REMAINING_S": "\(session.remaining(phase, at: now) / 1000)", "TEXT": text,
    ]
    if let prompt = session.info.prompt { variables["PROMPT"] = prompt }
    return HookCall(event: event, variables: variables)
  }
}
