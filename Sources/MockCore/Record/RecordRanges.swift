/// What a session can hold, for checking the numbers a record brings in. A record is outside
/// input: a hand edit, a disk fault or a newer program can put anything JSON allows in it.
extension Record {
  /// The longest time a record may carry: about three years, in milliseconds. No session runs
  /// that long, and a record would need some 90 million lines of it before a sum overflowed.
  public static let longest: Millis = 100_000_000_000
  /// The largest count or ordinal (a banner's number, a target, an interval in days).
  public static let mostCount = 1_000_000
  /// The largest figure (an estimate's input, a ratio, a card's stability): as typed numbers.
  public static let largestFigure = 1e18

  /// `ms` when it is a time a session can hold (0 to `longest`, or ± that when `signed`).
  static func checked(_ ms: Millis, _ field: String, signed: Bool = false) throws(DecodeError)
    -> Millis
  {
    let range = (signed ? -longest : 0)...longest
    guard range.contains(ms) else {
      throw DecodeError(
        description: "field '\(field)' is out of range (\(ms); a time is "
          + "\(range.lowerBound) to \(range.upperBound) ms)")
    }
    return ms
  }

  /// `n` when it is a count a record can hold (0 to `mostCount`).
  static func checked(count n: Int, _ field: String) throws(DecodeError) -> Int {
    guard (0...mostCount).contains(n) else {
      throw DecodeError(
        description: "field '\(field)' is out of range (\(n); a count is 0 to \(mostCount))")
    }
    return n
  }

  /// `x` when it is a finite figure no larger than `largestFigure` either way.
  static func checked(figure x: Double, _ field: String) throws(DecodeError) -> Double {
    guard x.isFinite, abs(x) <= largestFigure else {
      throw DecodeError(
        description: "field '\(field)' is out of range (\(x); a figure is at most 1e18 either way)"
      )
    }
    return x
  }
}
