/// The pieces every report page is built of: runs of sessions, medians, tables, figures.
extension Report {
  /// The most bars a chart draws by session, as `stats` shows the last 30; past it, a bar is
  /// a run of sessions (the latest runs as short as the older ones).
  public static let mostBars = 30

  /// `count` sessions cut into at most `mostBars` runs of equal length (the last may be short).
  static func runs(_ count: Int) -> [Range<Int>] {
    let size = max(1, (count + mostBars - 1) / mostBars)
    return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
  }

  /// A run's name: its one session, or its first and last.
  static func label(of run: Range<Int>, _ names: [String]) -> String {
    run.count == 1
      ? names[run.lowerBound] : "\(names[run.lowerBound]) to \(names[run.upperBound - 1])"
  }

  static func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  static func mean(_ values: [Double]) -> Double? {
    values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
  }

  /// Per phase and dimension: which way it goes and how sure that is, by the rules `stats`
  /// uses (Theil–Sen and Mann–Kendall; a direction only from 5 values with p under 0.1).
  static func directions(_ stats: Stats) -> Markup {
    var items: [Markup] = []
    func item(_ name: String, _ reading: Trend.Reading, _ change: String) {
      items.append(
        el(
          "li", reading == .worse ? [("class", "worse")] : [],
          el("strong", text: "\(name): \(reading.rawValue)"), .text(", \(change)")))
    }
    for p in stats.phases where p.overrunTrend != nil {
      item(
        p.phase.name, TrendText.reading(p.overrunTrend, .time),
        TrendText.long(p.overrunTrend, .time, of: "overrun"))
    }
    for score in stats.scores where score.scoreTrend != nil {
      item(
        score.dimension.title, TrendText.reading(score.scoreTrend, .score),
        TrendText.long(score.scoreTrend, .score, of: "self-score"))
    }
    // An interviewer's scores, once there are enough of them to read.
    for i in stats.interviewers {
      for d in i.dimensions where (d.trend?.n ?? 0) >= Trend.fewest {
        item(
          "\(d.dimension.title), scored by \(i.name ?? "an unnamed interviewer")",
          TrendText.reading(d.trend, .score), TrendText.long(d.trend, .score, of: "their score"))
      }
    }
    guard !items.isEmpty else {
      return el("p", text: "Two sessions or more are needed to see a direction.")
    }
    let next =
      NextPractice(stats).map {
        el(
          "p", [("class", "next")], el("strong", text: "Practise next: \($0.target)."),
          .text(" \($0.practice.prefix(1).uppercased() + $0.practice.dropFirst()). "),
          .text("The evidence: \($0.evidence)."))
      }
      ?? el(
        "p", [("class", "next")],
        text: "Practise next: nothing stands out yet (a trend needs \(Trend.fewest) sessions).")
    return el("div", [], next, el("ul", [("class", "directions")], items))
  }

  /// The plan most of `summaries` ran on (the latest used on a tie), and how many other plans
  /// they used; nil when they all ran on one.
  public static func mostUsedPlan(_ summaries: [SessionSummary]) -> (String, Int)? {
    var counts: [String: Int] = [:]
    var latest: [String: Int] = [:]
    for (i, s) in summaries.enumerated() {
      counts[s.plan.name, default: 0] += 1
      latest[s.plan.name] = i
    }
    guard counts.count > 1,
      let best = counts.max(by: { ($0.value, latest[$0.key]!) < ($1.value, latest[$1.key]!) })
    else { return nil }
    return (best.key, counts.count - 1)
  }

  /// The median overrun a session (every whole phase's overrun added) then and now: the first
  /// sessions against the latest, at most five each, never the same one twice.
  static func headline(_ summaries: [SessionSummary]) -> Markup {
    let totals = summaries.map { s in
      Double(Phase.allCases.filter { s.isWhole($0) }.map { s[$0].overrun }.reduce(0, +))
    }
    let each = min(5, totals.count / 2)
    guard each > 0, let then = median(Array(totals.prefix(each))),
      let now = median(Array(totals.suffix(each)))
    else {
      return el("p", [("class", "headline")], text: "One session: nothing to compare yet.")
    }
    let words = { (ms: Double) in DurationText.clock(Millis(ms.rounded())) }
    return el(
      "p", [("class", "headline")],
      el("strong", text: "Median overrun a session: \(words(then)) then, \(words(now)) now."),
      .text(
        " The first \(each) session\(each == 1 ? "" : "s") against the latest \(each), every "
          + "phase's time over budget added."))
  }

  static func phaseTable(_ s: SessionSummary) -> Markup {
    table(
      ["phase", "budget", "as planned", "spent", "over"],
      s.phases.map { p in
        [
          p.phase.name, DurationText.clock(p.budget), DurationText.clock(s.startPlan[p.phase]),
          p.reached ? DurationText.clock(p.actual) : "not reached",
          p.overrun > 0 ? DurationText.clock(p.overrun) : "-",
        ]
      })
  }

  static func eventTable(_ events: [Timeline.Event]) -> Markup {
    table(
      ["time", "what", "detail", "by"],
      events.map { [DurationText.clock($0.t), $0.what, $0.detail, $0.by] })
  }

  static func debrief(_ s: SessionSummary) -> Markup {
    guard s.debrief != nil || s.interviewerDebrief != nil else {
      return el("p", text: "No debrief yet: mockroom debrief \(s.id)")
    }
    let both = s.interviewerDebrief != nil
    var rows = Dimension.allCases.map { d -> [String] in
      var row = [d.title, s.debrief?.scores[d].map { "\($0)/5" } ?? "-"]
      if both { row.append(s.interviewerDebrief?.scores[d].map { "\($0)/5" } ?? "-") }
      return row
    }
    for (label, pick) in [
      ("ran over", { (d: Debrief) in d.overran?.name ?? "none" }), ("why", { $0.why }),
      ("notes", { $0.notes }),
    ] {
      var row = [label, s.debrief.map(pick) ?? "-"]
      if both { row.append(s.interviewerDebrief.map(pick) ?? "-") }
      rows.append(row)
    }
    return table(both ? ["", "self", "interviewer"] : ["", "self"], rows, class: "debrief")
  }

  static func table(_ header: [String], _ rows: [[String]], class name: String? = nil) -> Markup {
    el(
      "table", name.map { [("class", $0)] } ?? [],
      el("thead", [], el("tr", [], header.map { el("th", [("scope", "col")], text: $0) })),
      el("tbody", [], rows.map { row in el("tr", [], row.map { el("td", text: $0) }) }))
  }

  static func figure(_ chart: Markup, caption: String, table: Markup) -> Markup {
    el(
      "figure", [], chart, el("figcaption", text: caption),
      el("details", [], el("summary", text: "The numbers"), table))
  }

  static func section(_ heading: String, _ content: Markup) -> Markup {
    el("section", [], el("h2", text: heading), content)
  }
}
