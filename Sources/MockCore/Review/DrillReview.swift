import Foundation

/// Drills over time: per estimate kind, how often it passes and how fast; per card, where its
/// memory stands.
public struct DrillStats: Equatable, Sendable {
  public struct KindStats: Equatable, Sendable {
    public var kind: EstimateKind
    public var attempts: Int
    public var passRate: Double
    public var medianTime: Millis
    /// The median of answer / expected.
    public var medianRatio: Double
    /// The mean error (|log10 ratio|) of the later half less that of the earlier half: negative
    /// is better. Nil with fewer than two answers.
    public var trend: Double?
    /// The pass rate of the latest ten.
    public var recentPassRate: Double
  }

  /// Where a card stands: its latest memory (nil: never reviewed) and how often it lapsed.
  public struct CardState: Equatable, Sendable {
    public var card: NumberCard
    public var memory: FSRS.Memory?
    public var reviews: Int
    public var lapses: Int
    public func isDue(on day: Double) -> Bool {
      memory.map { $0.due <= day.rounded(.down) } ?? false
    }
  }

  /// The slip drill's chains over every slip drill: how many, how many caught (the right step
  /// and a corrected answer that passes), and the median time.
  public struct SlipStats: Equatable, Sendable {
    public var chains: Int
    public var caught: Int
    public var medianTime: Millis
  }

  public var drills: Int
  public var kinds: [KindStats]
  /// Nil before any slip drill.
  public var slips: SlipStats?
  public var cards: [CardState]
  public var recovery: RecoveryStats
  /// Today, in days since the epoch.
  public var today: Double

  public init(_ drills: [DrillSummary], today: Double) {
    self.drills = drills.count
    self.today = today
    let answers = drills.flatMap(\.answers)
    kinds = EstimateKind.allCases.compactMap { kind in
      let mine = answers.filter { $0.kind == kind }
      guard !mine.isEmpty else { return nil }
      let ratios = mine.map(\.ratio).sorted()
      return KindStats(
        kind: kind, attempts: mine.count,
        passRate: Double(mine.filter(\.pass).count) / Double(mine.count),
        medianTime: Stats.median(mine.map(\.elapsed)) ?? 0,
        medianRatio: ratios.count % 2 == 1
          ? ratios[ratios.count / 2]
          : (ratios[ratios.count / 2 - 1] + ratios[ratios.count / 2]) / 2,
        trend: Stats.trend(mine.map { abs(log10($0.ratio)) }),
        recentPassRate: Double(mine.suffix(10).filter(\.pass).count) / Double(min(10, mine.count)))
    }
    cards = Self.cards(drills.flatMap(\.reviews))
    let chains = drills.flatMap(\.slips)
    slips =
      chains.isEmpty
      ? nil
      : SlipStats(
        chains: chains.count, caught: chains.filter(\.pass).count,
        medianTime: Stats.median(chains.map(\.elapsed)) ?? 0)
    recovery = RecoveryStats(drills.filter { $0.info.drill == .recovery })
  }

  /// Every card of the deck with its latest memory, from the reviews in order.
  public static func cards(_ reviews: [CardReview]) -> [CardState] {
    var latest: [String: CardReview] = [:]
    var counts: [String: (reviews: Int, lapses: Int)] = [:]
    for review in reviews {
      latest[review.card] = review
      counts[review.card, default: (0, 0)].reviews += 1
      if review.rating == .again { counts[review.card, default: (0, 0)].lapses += 1 }
    }
    return NumberCard.deck.map { card in
      let last = latest[card.id]
      return CardState(
        card: card,
        memory: last.map {
          FSRS.Memory(
            stability: $0.stability, difficulty: $0.difficulty, reviewed: $0.day,
            interval: $0.interval)
        }, reviews: counts[card.id]?.reviews ?? 0, lapses: counts[card.id]?.lapses ?? 0)
    }
  }

  public var due: [CardState] { cards.filter { $0.isDue(on: today) } }
  /// Learned: reviewed, and remembered for a week or more.
  public var learned: Int { cards.filter { ($0.memory?.stability ?? 0) >= 7 }.count }
  public var lapseRate: Double? {
    let reviews = cards.map(\.reviews).reduce(0, +)
    return reviews == 0 ? nil : Double(cards.map(\.lapses).reduce(0, +)) / Double(reviews)
  }

  /// The cards a numbers drill asks, `count` of them: due first (the longest overdue first),
  /// then new ones in the deck's order, and with `all`, then those not yet due, soonest first.
  public static func order(_ cards: [CardState], today: Double, count: Int, all: Bool = false)
    -> [NumberCard]
  {
    let due = cards.filter { $0.isDue(on: today) }.sorted { $0.memory!.due < $1.memory!.due }
    let new = cards.filter { $0.memory == nil }
    let later = all ? Self.later(cards, today: today) : []
    return Array((due + new + later).prefix(count)).map(\.card)
  }

  /// Cards reviewed before and not yet due, soonest first.
  static func later(_ cards: [CardState], today: Double) -> [CardState] {
    cards.filter { $0.memory != nil && !$0.isDue(on: today) }
      .sorted { $0.memory!.due < $1.memory!.due }
  }

  /// The ids of the cards not yet due: asked only with `--all`, and named as early.
  public static func early(_ cards: [CardState], today: Double) -> Set<String> {
    Set(later(cards, today: today).map(\.card.id))
  }
}

/// The drills in words, for `history`, `show`, `stats` and `drill status`.
public enum DrillText {
  public static func result(_ d: DrillSummary) -> String {
    let end = d.ending.map { $0.outcome.rawValue } ?? "incomplete"
    switch d.info.drill {
    case .estimate: return "\(end): \(d.passes) of \(d.answers.count) passed"
    case .numbers:
      return "\(end): \(d.reviews.filter(\.right).count) of \(d.reviews.count) right"
    case .recovery:
      let rated = d.rounds.compactMap(\.rating)
      let mean =
        rated.isEmpty ? "" : String(format: ", mean rating %.1f", RecoveryStats.mean(rated))
      return "\(end): \(rated.count) of \(d.info.count) rounds rated\(mean)"
    case .slip: return "\(end): \(d.slips.filter(\.pass).count) of \(d.slips.count) caught"
    }
  }

  public static func show(_ d: DrillSummary) -> [String] {
    var out = [
      "\(d.info.drill.rawValue) drill — \(d.info.id)",
      "started \(ReviewText.date(d.started)) UTC · \(result(d))"
        + (d.info.seed.map { " · seed \($0)" } ?? "")
        + " · \(DurationText.clock(d.info.limit)) each",
      "",
    ]
    switch d.items {
    case .estimate(let answers), .slip(let answers):
      for a in answers {
        let ratio = EstimateResult.ratioText(a.ratio).padding(12)
        let band = a.band.name.padding(18)
        let time = DurationText.clock(a.elapsed).padding(6, left: true)
        out.append(
          "  \(a.number). \(a.kind.title.padding(14)) \(ratio) \(band) \(time)"
            + "  \(a.pass ? "pass" : "not a pass")")
        if let diagnosis = a.diagnosis { out.append("       \(diagnosis)") }
      }
    case .numbers(let reviews):
      for r in reviews {
        out.append(
          "  \(r.card.padding(15)) \(r.typed.padding(10)) \(r.right ? "right" : "wrong")"
            + " · \(r.rating.name) · next in \(r.interval) day\(r.interval == 1 ? "" : "s")")
      }
    case .recovery(let rounds):
      for r in rounds {
        var line = "  \(r.number). \((r.move?.title ?? "no move named").padding(26))"
        line += " \(r.rating.map { "rated \($0)" } ?? "not rated")"
        if let theirs = r.interviewerRating { line += " · interviewer \(theirs)" }
        if let elapsed = r.elapsed { line += " · \(DurationText.clock(elapsed))" }
        out.append(line)
        out.append("       \(r.question.text)")
        for move in r.refused { out.append("       refused: \(move.title), already used") }
      }
    }
    return out
  }

  public static func stats(_ s: DrillStats) -> [String] {
    guard s.drills > 0 else { return [] }
    var out = ["", "Drills: \(s.drills)"]
    if let slips = s.slips {
      out.append(
        "slip drill: \(slips.caught) of \(Plural.of(slips.chains, "chain")) caught, median "
          + "time \(DurationText.clock(slips.medianTime))")
    }
    if !s.kinds.isEmpty {
      out += ReviewText.table(
        ["estimate", "attempts", "pass rate", "median time", "median ratio", "trend"],
        s.kinds.map {
          [
            $0.kind.title, "\($0.attempts)", "\(Int(($0.passRate * 100).rounded()))%",
            DurationText.clock($0.medianTime), EstimateResult.ratioText($0.medianRatio),
            $0.trend.map { abs($0) < 0.05 ? "steady" : $0 < 0 ? "closer" : "further off" } ?? "-",
          ]
        })
    }
    out += RecoveryText.stats(s.recovery)
    let reviewed = s.cards.filter { $0.reviews > 0 }.count
    if reviewed > 0 {
      out.append(
        "cards: \(s.due.count) due, \(s.learned) learned of \(s.cards.count), \(reviewed) seen"
          + (s.lapseRate.map { ", lapse rate \(Int(($0 * 100).rounded()))%" } ?? ""))
    }
    return out
  }

  /// `drill status`: what is due, each card's stability, and the estimate kinds' pass rates.
  public static func status(_ s: DrillStats) -> [String] {
    var out: [String] = []
    let rows = s.cards.map { c -> [String] in
      guard let m = c.memory else { return [c.card.id, "new", "-", "-", "0"] }
      let due = m.due - s.today.rounded(.down)
      return [
        c.card.id, due <= 0 ? "due" : "in \(Int(due)) day\(due == 1 ? "" : "s")",
        String(format: "%.1f days", m.stability), String(format: "%.1f", m.difficulty),
        "\(c.reviews)",
      ]
    }
    out += ReviewText.table(["card", "due", "stability", "difficulty", "reviews"], rows)
    out.append("")
    out.append(
      "\(s.due.count) due, \(s.cards.filter { $0.memory == nil }.count) new, \(s.learned) learned")
    if !s.kinds.isEmpty {
      out.append("")
      out += ReviewText.table(
        ["estimate", "attempts", "pass rate (recent 10)"],
        s.kinds.map { k in
          [k.kind.title, "\(k.attempts)", "\(Int((k.recentPassRate * 100).rounded()))%"]
        })
    }
    return out
  }
}
