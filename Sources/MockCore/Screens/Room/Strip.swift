/// The strip of all five phases, each as wide as its share of the plan: the current one
/// highlighted, finished ones with their actual time, later ones with their budget.
enum Strip {
  static let shortNames: [Phase: String] = [
    .clarify: "clar", .estimate: "est", .design: "design", .drill: "drill", .ops: "ops",
  ]

  /// Draws the strip at row `y` from column `x`: names, then a bar, then (if `withTimes`) times.
  static func draw(
    into frame: inout Frame, session: Session, at now: Instant, x: Int, y: Int, width: Int,
    withTimes: Bool
  ) {
    let widths = proportion(Phase.allCases.map { session.plan[$0] }, into: width)
    var left = x
    for phase in Phase.allCases {
      let cellWidth = max(0, widths[phase.rawValue] - 1)  // one column between segments
      defer { left += widths[phase.rawValue] }
      guard cellWidth > 0 else { continue }
      let isCurrent = phase == session.phase
      let reached = phase <= session.furthest
      let elapsed = session.elapsed(phase, at: now)
      let budget = session.plan[phase]
      // Only the current phase can be in its last minute; a phase left early is simply ok.
      var tone = Tone(remaining: budget - elapsed)
      if tone == .warn && !isCurrent { tone = .ok }

      let name = label(for: phase, width: cellWidth)
      let nameStyle = isCurrent ? Style(bold: true, reverse: true) : Style(dim: !reached)
      frame.put(
        name.padded(to: isCurrent ? cellWidth : name.count), x: left, y: y, style: nameStyle)

      let filled = budget > 0 ? Int(min(elapsed, budget) * Int64(cellWidth) / budget) : 0
      let shown = reached && elapsed > 0 ? max(filled, 1) : 0
      frame.put(String(repeating: "█", count: shown), x: left, y: y + 1, style: Style(tone: tone))
      frame.put(
        String(repeating: "░", count: cellWidth - shown), x: left + shown, y: y + 1,
        style: Style(dim: true))

      guard withTimes else { continue }
      let time = timeLabel(
        elapsed: elapsed, budget: budget, isCurrent: isCurrent, reached: reached, width: cellWidth)
      let timeStyle = reached ? Style(tone: tone == .over ? .over : nil) : Style(dim: true)
      frame.put(time, x: left, y: y + 2, style: timeStyle)
    }
  }

  static func label(for phase: Phase, width: Int) -> String {
    if phase.name.count <= width { return phase.name }
    let short = shortNames[phase] ?? phase.name
    return String(short.prefix(width))
  }

  static func timeLabel(
    elapsed: Millis, budget: Millis, isCurrent: Bool, reached: Bool, width: Int
  ) -> String {
    let spent = DurationText.clock(elapsed)
    let candidates: [String]
    if !reached {
      candidates = [DurationText.clock(budget)]
    } else if isCurrent {
      candidates = [
        "\(spent) / \(DurationText.clock(budget))", "\(spent)/\(DurationText.clock(budget))", spent,
      ]
    } else if elapsed > budget {
      candidates = ["\(spent) +\(DurationText.clock(elapsed - budget))", spent]
    } else {
      candidates = [spent]
    }
    return (candidates.first { $0.count <= width } ?? candidates.last!).clipped(to: width)
  }

  /// Splits `width` columns among phases: each first gets a floor (up to five columns, so a
  /// short phase still shows its name), and the rest goes in proportion to `weights`, largest
  /// remainders first.
  static func proportion(_ weights: [Millis], into width: Int) -> [Int] {
    let total = weights.reduce(0, +)
    guard total > 0, width > 0 else { return weights.map { _ in 0 } }
    let floor = min(5, width / weights.count)
    let shared = width - floor * weights.count
    var parts = weights.map { floor + Int($0 * Int64(shared) / total) }
    let remainders = weights.enumerated().map { ($0.offset, $0.element * Int64(shared) % total) }
    var spare = width - parts.reduce(0, +)
    for (index, _) in remainders.sorted(by: { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) })
    where spare > 0 {
      parts[index] += 1
      spare -= 1
    }
    return parts
  }
}
