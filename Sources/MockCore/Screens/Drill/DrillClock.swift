/// The clock of a drill's problem or card: from the moment it went up, less the time the
/// drill was stepped away from (Ctrl-Z). Counted from the monotonic clock, never in ticks.
public struct DrillClock: Equatable, Sendable {
  public private(set) var shownAt: Instant
  private var away: Millis = 0
  private var awaySince: Instant?

  public init(at now: Instant) { shownAt = now }

  public func elapsed(at now: Instant) -> Millis {
    max(0, (awaySince ?? now) - shownAt - away)
  }

  /// Ctrl-Z: the clock stands still until `back`.
  public mutating func stepAway(at now: Instant) { awaySince = awaySince ?? now }

  public mutating func back(at now: Instant) {
    if let since = awaySince { away += max(0, now - since) }
    awaySince = nil
  }

  /// The next displayed second, on the clock's own second boundaries; nil while away.
  public func nextSecond(after now: Instant) -> Instant? {
    awaySince == nil ? now + (1000 - elapsed(at: now) % 1000) : nil
  }
}
