import Glibc

/// Which way a series of values goes, and how sure that is: the Theil–Sen slope (the median of
/// the slopes between every two points, so one wild session moves it little) and the
/// Mann–Kendall test (does the series rise or fall more often than chance would have it).
///
/// The figures are the same as `pymannkendall.original_test` gives (the tests check them
/// against it): S counts the pairs that rise less those that fall; its variance is corrected
/// for ties; z has the continuity correction; p is two-sided, from the normal distribution.
public struct Trend: Equatable, Sendable {
  /// How many values.
  public var n: Int
  /// Mann–Kendall's S: pairs (earlier, later) that rise, less those that fall.
  public var s: Int
  /// S's variance under no trend, corrected for tied values.
  public var variance: Double
  public var z: Double
  /// The two-sided p-value: how likely a series with no trend would show one this strong.
  public var p: Double
  /// Kendall's tau: S over the number of pairs.
  public var tau: Double
  /// Theil–Sen: the median change from one value to the next (per session).
  public var slope: Double
  /// Theil–Sen over time: the median change a week, when each value has its time.
  public var slopePerWeek: Double?

  /// The fewest values that are read as a direction, and the p under which they are.
  public static let fewest = 5
  public static let significance = 0.1

  /// What the trend says, in the words `stats` and the report use.
  public enum Reading: String, Equatable, Sendable, CaseIterable {
    case improving
    case worse
    /// A clear tendency whose typical change is none (ties dominate).
    case flat
    case tooFew = "too few to tell"
    case unclear = "no clear trend"
  }

  /// The shortest span of time, in weeks, over which a change a week is given.
  public static let shortestSpanInWeeks = 2.0

  /// The trend of `values`, oldest first; `weeks`, when given, is each value's time in weeks
  /// (any origin) for the slope a week, given when they span two weeks or more. Nil when
  /// there are fewer than two values.
  public init?(_ values: [Double], weeks: [Double]? = nil) {
    let n = values.count
    guard n >= 2 else { return nil }
    self.n = n
    var s = 0
    var slopes: [Double] = []
    slopes.reserveCapacity(n * (n - 1) / 2)
    for i in 0..<(n - 1) {
      for j in (i + 1)..<n {
        let d = values[j] - values[i]
        s += d > 0 ? 1 : d < 0 ? -1 : 0
        slopes.append(d / Double(j - i))
      }
    }
    self.s = s
    // Ties: each group of t equal values takes t(t−1)(2t+5) off the variance.
    var groups: [Double: Int] = [:]
    for value in values { groups[value, default: 0] += 1 }
    let nn = Double(n)
    var variance = nn * (nn - 1) * (2 * nn + 5)
    for t in groups.values where t > 1 {
      let tt = Double(t)
      variance -= tt * (tt - 1) * (2 * tt + 5)
    }
    variance /= 18
    self.variance = variance
    let z: Double =
      s > 0
      ? Double(s - 1) / variance.squareRoot()
      : s < 0 ? Double(s + 1) / variance.squareRoot() : 0
    self.z = z
    // 2·(1 − Φ(|z|)) = erfc(|z|/√2).
    p = erfc(abs(z) / 2.0.squareRoot())
    tau = Double(s) / (nn * (nn - 1) / 2)
    slope = Self.median(&slopes)
    // A change a week only over two weeks and more: sessions minutes apart would make a
    // minute's change a week's hundreds.
    if let weeks, weeks.count == n, let first = weeks.min(), let last = weeks.max(),
      last - first >= Self.shortestSpanInWeeks
    {
      var timed: [Double] = []
      for i in 0..<(n - 1) {
        for j in (i + 1)..<n where weeks[j] != weeks[i] {
          timed.append((values[j] - values[i]) / (weeks[j] - weeks[i]))
        }
      }
      slopePerWeek = timed.isEmpty ? nil : Self.median(&timed)
    } else {
      slopePerWeek = nil
    }
  }

  /// The words: a direction only from `fewest` values on and with p under `significance`.
  /// `lowerIsBetter` for overruns; scores are better higher.
  public func reading(lowerIsBetter: Bool) -> Reading {
    guard n >= Self.fewest else { return .tooFew }
    guard p < Self.significance else { return .unclear }
    if slope == 0 { return .flat }
    return (slope < 0) == lowerIsBetter ? .improving : .worse
  }

  /// The reading of `trend`, or too few to tell when there is none (under two values).
  public static func reading(_ trend: Trend?, lowerIsBetter: Bool) -> Reading {
    trend?.reading(lowerIsBetter: lowerIsBetter) ?? .tooFew
  }

  static func median(_ values: inout [Double]) -> Double {
    values.sort()
    let middle = values.count / 2
    return values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
  }
}
