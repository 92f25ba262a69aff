/// A session's figures of time, all derived from the instant handed in: never counted.
extension Session {
  /// The clock, and the instant time stood still at (nil while it runs).
  var clock: (Clock, frozenAt: Instant?)? {
    switch stage {
    case .ready: nil
    case .running(let clock): (clock, nil)
    case .paused(let clock, let since): (clock, since)
    case .suspended(let clock, let since, .running): (clock, since)
    case .suspended(let clock, _, .paused(let since)): (clock, since)
    case .ended(let clock, let at, _): (clock, at)
    }
  }

  /// Time worked: now − start − time paused. Stands still while paused and once ended.
  public func active(at now: Instant) -> Millis {
    guard let (clock, frozenAt) = clock else { return 0 }
    return max(0, (frozenAt ?? now) - clock.startedAt - clock.pausedTotal)
  }

  /// Time since the start, pauses included: the `t_ms` of records.
  public func sinceStart(at now: Instant) -> Millis {
    switch stage {
    case .ready: 0
    case .ended(let clock, let at, _): max(0, at - clock.startedAt)
    case .running(let clock), .paused(let clock, _), .suspended(let clock, _, _):
      max(0, now - clock.startedAt)
    }
  }

  /// Time paused so far, including a pause still going on.
  public func paused(at now: Instant) -> Millis {
    guard let (clock, frozenAt) = clock else { return 0 }
    switch stage {
    case .paused, .suspended: return clock.pausedTotal + max(0, now - (frozenAt ?? now))
    case .ready, .running, .ended: return clock.pausedTotal
    }
  }

  /// Active time spent in `phase`, over every stint in it.
  public func elapsed(_ phase: Phase, at now: Instant) -> Millis {
    var total = banked[phase.rawValue]
    if phase == self.phase, isLive { total += active(at: now) - stintBegan }
    return total
  }

  /// Budget left in `phase`; negative once it has run over.
  public func remaining(_ phase: Phase, at now: Instant) -> Millis {
    plan[phase] - elapsed(phase, at: now)
  }

  /// How far `phase` has run past its budget; zero while within it.
  public func overrun(_ phase: Phase, at now: Instant) -> Millis {
    max(0, -remaining(phase, at: now))
  }

  /// Whether `phase` has used its whole budget.
  public func isOver(_ phase: Phase, at now: Instant) -> Bool {
    remaining(phase, at: now) <= 0
  }

  /// The phase that has run furthest over its budget by `now`, if any has.
  public func mostOver(at now: Instant) -> Phase? {
    let worst = Phase.allCases.max { overrun($0, at: now) < overrun($1, at: now) }
    return worst.flatMap { overrun($0, at: now) > 0 ? $0 : nil }
  }

  /// Plan length minus time worked; negative once the whole plan has run out.
  public func totalRemaining(at now: Instant) -> Millis { plan.total - active(at: now) }

  /// The running balance against the plan: positive when ahead, negative when behind.
  ///
  /// Phases already left count what they saved or lost; the current and later phases count only
  /// their overrun so far (time not yet used is not yet saved). So when design is 2:10 over, the
  /// balance is −2:10: the rest of the plan has 2:10 less.
  public func balance(at now: Instant) -> Millis {
    Phase.allCases.reduce(0) { sum, p in
      let left = remaining(p, at: now)
      return sum + (p < phase ? left : min(0, left))
    }
  }

  /// The next instant at which a displayed second changes, aligned to the session's own second
  /// boundaries; nil when time stands still (not started, paused, ended).
  public func nextSecond(after now: Instant) -> Instant? {
    guard case .running(let clock) = stage else { return nil }
    let worked = active(at: now)
    return clock.startedAt + clock.pausedTotal + (worked / 1000 + 1) * 1000
  }

  var isLive: Bool {
    switch stage {
    case .running, .paused, .suspended: true
    case .ready, .ended: false
    }
  }
}
