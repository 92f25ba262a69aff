import Foundation

extension Room {
  /// What a request did: the effects, for the shell to carry out as for a key, and the banner
  /// it put up (only a fire puts one up; cues that came due meanwhile do not count).
  public struct Steered: Equatable, Sendable {
    public var effects: [Effect]
    public var banner: Int?
  }

  /// Carries out a control client's request (all but `hello` and `status`, which only
  /// report); an error says why nothing happened.
  public mutating func steer(
    _ request: Request, by source: Source, material: Material, at now: Instant
  ) throws(ControlError) -> Steered {
    if case .ended = session.status {
      guard case .debrief(let said) = request else {
        throw ControlError(.ended, "the session has ended")
      }
      // Scores from the socket are the interviewer's, beside the candidate's own: never in
      // their place.
      guard source == .interviewer else {
        throw ControlError(.notNow, "only the interviewer's console sends scores")
      }
      let scores = Record(t: session.sinceStart(at: now), entry: .debrief(said), source: source)
      return Steered(effects: [.record(scores)])
    }
    guard session.status != .ready else {
      throw ControlError(.notNow, "the session has not started")
    }
    // Only what the request itself did says whether it did anything, not cues that came due
    // as it ran. A refused request leaves the room as it was.
    // A refusal is said in the session's own words (ControlError(_:)): the console hears why,
    // "the session is stopped (Ctrl-Z)" rather than a guess such as "paused already".
    func run(_ event: Event, about cue: String? = nil) throws(ControlError) -> Steered {
      var trial = session
      let outcome = trial.handle(event, at: now, by: source)
      if let refusal = outcome.refusal { throw ControlError(refusal, about: cue) }
      session = trial
      let fired = outcome.applied.lazy.compactMap { record -> Int? in
        if case .cueFired(let banner) = record.entry { return banner.number }
        return nil
      }.first
      return Steered(effects: outcome.effects, banner: fired)
    }
    func scheduled(_ cue: String) throws(ControlError) -> DeckItem {
      guard let item = session.deck(at: now).first(where: { $0.placed.id == cue }) else {
        throw ControlError(.noSuchCue, "'\(cue)' is not in this session's schedule")
      }
      switch item.state {
      case .fired(let n): throw ControlError(.notNow, "'\(cue)' has fired (banner \(n))")
      case .skipped: throw ControlError(.notNow, "'\(cue)' was skipped")
      case .waiting, .held: return item
      }
    }
    switch request {
    case .hello, .status:
      return Steered(effects: [])
    case .fire(let cue):
      let placed =
        session.schedule.interjections.first { $0.id == cue }
        ?? (Hostile.isHostile(cue)
          ? session.deck(at: now).first { $0.placed.id == cue }?.placed : nil)
      guard
        let kind = placed.map({ CueKind($0.kind) })
          ?? material.entry(cue).flatMap({ CueKind(rawValue: $0.kind) }),
        let text = placed?.text ?? material.entry(cue)?.text
      else {
        throw ControlError(.noSuchCue, "no deck entry has the id '\(cue)'")
      }
      if let banner = session.banner(of: cue) {
        throw ControlError(.notNow, "'\(cue)' has fired (banner \(banner.number))")
      }
      return try run(.fire(cue: cue, kind: kind, text: text), about: cue)
    case .custom(let kind, let text):
      return try run(.fire(cue: nil, kind: kind, text: text))
    case .hold(let cue):
      if try scheduled(cue).state == .held {
        throw ControlError(.notNow, "'\(cue)' is held already")
      }
      return try run(.hold(cue), about: cue)
    case .release(let cue):
      if try scheduled(cue).state != .held { throw ControlError(.notNow, "'\(cue)' is not held") }
      return try run(.release(cue), about: cue)
    case .skip(let cue):
      _ = try scheduled(cue)
      return try run(.skip(cue), about: cue)
    case .pause: return try run(.pause)
    case .resume: return try run(.resume)
    case .next:
      guard session.phase.next != nil else {
        throw ControlError(.notNow, "ops is the last phase; send 'end' to finish")
      }
      return try run(.next)
    case .back: return try run(.back)
    case .adjust(let delta):
      return try run(.adjustBudget(delta))
    case .rebalance(let moved): return try run(.rebalance(moved))
    case .mark(let mark): return try run(.mark(mark))
    case .note(let text): return try run(.note(text))
    case .end:
      overlayClosed()
      return Steered(
        effects: endWith(
          session.phase == .ops ? .finish(.quit) : .abort(.quit), at: now, by: source))
    case .rate:
      throw ControlError(.notNow, "a rating is for a round of the recovery drill")
    case .debrief:
      throw ControlError(.notNow, "scores come once the session has ended")
    }
  }
}
