/// A length of time in milliseconds. Negative values appear only in differences (a balance).
public typealias Millis = Int64

/// A point on the monotonic clock, in milliseconds since an arbitrary origin.
///
/// The core never reads a clock: the shell reads `CLOCK_MONOTONIC` and hands instants in, and
/// tests hand in whatever instants they like. Wall-clock time never enters the core's arithmetic.
public struct Instant: Comparable, Hashable, Sendable, CustomStringConvertible {
  public var ms: Int64

  public init(ms: Int64) { self.ms = ms }

  public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.ms < rhs.ms }
  public static func + (lhs: Instant, rhs: Millis) -> Instant { Instant(ms: lhs.ms + rhs) }
  public static func - (lhs: Instant, rhs: Millis) -> Instant { Instant(ms: lhs.ms - rhs) }
  public static func - (lhs: Instant, rhs: Instant) -> Millis { lhs.ms - rhs.ms }

  public var description: String { "@\(ms)ms" }
}

extension Millis {
  /// `n` whole minutes, in milliseconds.
  public static func minutes(_ n: Int64) -> Millis { n * 60_000 }
}
