/// What to practise next, from the trends: the phase or dimension that is getting worse, or else
/// the one that stays stuck, and the practice that targets it, with the evidence. `stats` and
/// the report say it in one line.
public struct NextPractice: Equatable, Sendable {
  /// The phase or dimension, as it is named on screen.
  public var target: String
  /// What to do, with the command that does it.
  public var practice: String
  /// The figures it rests on.
  public var evidence: String

  /// `practise next: design: … (evidence)`.
  public var line: String { "practise next: \(target): \(practice) (\(evidence))" }

  /// Sessions over budget at least this often count as stuck when they are not improving.
  static let stuckRate = 0.5
  /// A self-score mean under this, not improving, counts as stuck.
  static let stuckScore = 3.0

  /// The practice for `stats`, or nil when fewer than `Trend.fewest` sessions say anything.
  public init?(_ stats: Stats) {
    let phases = stats.phases.filter { ($0.overrunTrend?.n ?? 0) >= Trend.fewest }
    // The budgets the sessions ran with: a shorter phase is said from them, not the standard.
    let budget = { (phase: Phase) in stats.phases.first { $0.phase == phase }?.budget ?? 0 }
    let scores = stats.scores.filter { ($0.scoreTrend?.n ?? 0) >= Trend.fewest }
    // Getting worse comes first, the steepest as a share of its budget.
    let worse = phases.filter { TrendText.reading($0.overrunTrend, .time) == .worse }
      .max { ($0.shareTrend?.slope ?? 0) < ($1.shareTrend?.slope ?? 0) }
    if let p = worse {
      self.init(
        phase: p.phase, budget: budget,
        evidence: "overrun " + TrendText.short(p.overrunTrend, .time) + ", over budget in "
          + ReviewText.percent(p.overrunRate) + " of \(p.sessions)")
      return
    }
    if let s = scores.filter({ TrendText.reading($0.scoreTrend, .score) == .worse })
      .min(by: { ($0.mean ?? 0) < ($1.mean ?? 0) })
    {
      self.init(
        dimension: s.dimension, budget: budget,
        evidence: "self-score " + TrendText.short(s.scoreTrend, .score) + ", mean "
          + String(format1: s.mean ?? 0))
      return
    }
    // Then stuck: often over budget and not improving.
    if let p = phases.filter({
      $0.overrunRate >= Self.stuckRate
        && TrendText.reading($0.overrunTrend, .time) != .improving
    }).max(by: { $0.overrunRate < $1.overrunRate }) {
      self.init(
        phase: p.phase, budget: budget,
        evidence: "over budget in " + ReviewText.percent(p.overrunRate) + " of \(p.sessions), "
          + TrendText.short(p.overrunTrend, .time))
      return
    }
    if let s = scores.filter({
      ($0.mean ?? 5) < Self.stuckScore && TrendText.reading($0.scoreTrend, .score) != .improving
    }).min(by: { ($0.mean ?? 0) < ($1.mean ?? 0) }) {
      self.init(
        dimension: s.dimension, budget: budget,
        evidence: "self-score mean " + String(format1: s.mean ?? 0) + ", "
          + TrendText.short(s.scoreTrend, .score))
      return
    }
    return nil
  }

  /// `--budget PHASE=…` for a phase given a share of the budget it ran with: whole minutes
  /// from two minutes up, else seconds.
  static func shorter(_ phase: Phase, _ budget: (Phase) -> Millis, to share: Double) -> String {
    let ms = Double(budget(phase)) * share
    let text =
      ms >= 120_000
      ? "\(Int((ms / 60_000).rounded()))m" : "\(max(1, Int((ms / 1_000).rounded())))s"
    return "--budget \(phase.name)=\(text)"
  }

  init(phase: Phase, budget: (Phase) -> Millis, evidence: String) {
    target = phase.name
    self.evidence = evidence
    let clarify = Self.shorter(.clarify, budget, to: 0.6)
    let design = Self.shorter(.design, budget, to: 0.8)
    practice =
      switch phase {
      case .clarify:
        "a plan with less time to clarify, so the questions come first "
          + "(mockroom run \(clarify))"
      case .estimate: "estimation drills until the sums come quickly (mockroom drill estimate)"
      case .design:
        "a plan with less time to design, and check-ins to stop and steer "
          + "(mockroom run \(design) --checkins 3)"
      case .drill:
        "recovery drills, so a deep dive that goes wrong is turned round sooner "
          + "(mockroom drill recovery)"
      case .ops:
        "a plan that leaves ops its time: a shorter design (mockroom run \(design))"
      }
  }

  init(dimension: Dimension, budget: (Phase) -> Millis, evidence: String) {
    target = dimension.title
    self.evidence = evidence
    let design = Self.shorter(.design, budget, to: 0.8)
    practice =
      switch dimension {
      case .judgment: "pushback on every choice (mockroom run --hostile)"
      case .numbers:
        "estimation and numbers drills (mockroom drill estimate, mockroom drill numbers)"
      case .tradeoffs: "pushback, to say what each choice gives up (mockroom run --hostile)"
      case .operations:
        "sessions that reach ops with time to spare (mockroom run \(design))"
      case .recovery: "recovery drills (mockroom drill recovery)"
      }
  }
}
