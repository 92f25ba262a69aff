/// A trend in words, the same in `stats` and the report: the reading, the Theil–Sen change and
/// the Mann–Kendall p with the count it rests on.
public enum TrendText {
  /// What a trend's values are: time (ms), a share of the budget, or a score.
  public enum Unit: Sendable {
    /// Self-score less the interviewer's: lower is better, toward agreement from above.
    case time, share, score, gap

    var lowerIsBetter: Bool { self != .score }

    /// What one value is: a session's overrun, a debrief's score.
    var each: String { self == .score || self == .gap ? "debrief" : "session" }
  }

  /// `worse: +12 s a session (p 0.03, n 12)`, `no clear trend (p 0.41, n 10)`,
  /// `too few to tell (n 4)`.
  public static func short(_ trend: Trend?, _ unit: Unit) -> String {
    guard let trend else { return Trend.Reading.tooFew.rawValue }
    let reading = trend.reading(lowerIsBetter: unit.lowerIsBetter)
    switch reading {
    case .tooFew: return "\(reading.rawValue) (n \(trend.n))"
    case .unclear: return "\(reading.rawValue) (\(p(trend.p)), n \(trend.n))"
    case .improving, .worse, .flat:
      return "\(reading.rawValue): \(change(trend.slope, unit)) a \(unit.each) "
        + "(\(p(trend.p)), n \(trend.n))"
    }
  }

  /// The reading alone.
  public static func reading(_ trend: Trend?, _ unit: Unit) -> Trend.Reading {
    Trend.reading(trend, lowerIsBetter: unit.lowerIsBetter)
  }

  /// A sentence for the report: the change a session and a week, and what it rests on.
  public static func long(_ trend: Trend?, _ unit: Unit, of what: String) -> String {
    guard let trend else { return "no sessions to tell from" }
    let reading = trend.reading(lowerIsBetter: unit.lowerIsBetter)
    let values = "\(trend.n) \(unit.each)\(trend.n == 1 ? "" : "s")"
    let basis = "Mann–Kendall \(p(trend.p)) over \(values)"
    switch reading {
    case .tooFew:
      return "\(values), and \(Trend.fewest) are needed"
    case .unclear:
      return "\(what) goes up and down as chance alone could have it (\(basis))"
    case .improving, .worse, .flat:
      let week = trend.slopePerWeek.map { ", \(change($0, unit)) a week" } ?? ""
      return "\(what) \(change(trend.slope, unit)) a \(unit.each)\(week) (Theil–Sen; \(basis))"
    }
  }

  /// `p 0.03`, `p < 0.001`.
  public static func p(_ p: Double) -> String {
    if p < 0.001 { return "p < 0.001" }
    let hundredths = (p * 100).rounded()
    if hundredths >= 1 && p >= 0.01 {
      return "p " + decimal(p, places: 2)
    }
    return "p " + decimal(p, places: 3)
  }

  /// A change with its sign: `+12 s`, `-1:05`, `+3% of budget`, `+0.2`.
  public static func change(_ value: Double, _ unit: Unit) -> String {
    let sign = value < 0 ? "-" : "+"
    let size = abs(value)
    switch unit {
    case .time:
      if size < 9_950 {
        return sign + decimal(size / 1000, places: 1) + " s"
      }
      if size < 60_000 { return sign + "\(Int((size / 1000).rounded())) s" }
      return sign + DurationText.clock(Millis(size.rounded()))
    case .share: return sign + "\(Int((size * 100).rounded()))% of budget"
    case .score, .gap: return sign + decimal(size, places: 2)
    }
  }

  static func decimal(_ value: Double, places: Int) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let whole = Int((value * scale).rounded())
    let sign = whole < 0 ? "-" : ""
    let units = abs(whole) / Int(scale)
    let rest = String(abs(whole) % Int(scale))
    return sign + "\(units)." + String(repeating: "0", count: places - rest.count) + rest
  }
}
