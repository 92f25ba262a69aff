import Foundation
import ReportCheck
import Testing

@testable import MockCore

/// Sessions with something of everything a report draws, the same every time.
enum ReportFixtures {
  static let hostile = "\"><script>alert('x')</script> & more"

  /// The `i`th of a set of sessions: times vary with `i`; a pivot in design, acknowledged and
  /// re-planned; a check-in; a pause in estimate on even sessions; a rebalance in the fourth;
  /// debriefs in two of three, and the interviewer's scores and a note in the first.
  static func records(_ i: Int) -> [Record] {
    let info = SessionInfo(
      id: String(format: "202611%02d-100000-video-recs", i + 1),
      title: "Short-video recommendations",
      program: "0.1.0", prompt: "video-recs", seed: UInt64(100 + i))
    var out = [
      Record(t: 0, entry: .sessionStarted(info, .standard, Schedule())),
      Record(t: 0, entry: .phaseEntered(.clarify, via: .start)),
    ]
    var t: Millis = 0
    var active: Millis = 0
    var banner = 0
    for phase in Phase.allCases {
      var budget = Plan.standard[phase]
      let spent = budget * Millis(8 + (i + phase.rawValue) % 5) / 10
      if phase == .estimate, i % 2 == 0 {
        out.append(Record(t: t + 60_000, entry: .paused, source: .candidate))
        out.append(Record(t: t + 120_000, entry: .resumed(pausedFor: 60_000), source: .candidate))
        t += 60_000
      }
      if phase == .design {
        if i == 3 {
          out.append(
            Record(t: t + 1_000, entry: .rebalanced(.design, other: .drill, moved: 60_000)))
          budget += 60_000
        }
        banner += 1
        let shown = t + 360_000
        out.append(
          Record(
            t: shown,
            entry: .cueFired(
              Banner(
                number: banner, cue: "audio-first", kind: .pivot,
                text: "Most traffic is now audio. What changes?", phase: nil, shownAt: shown))))
        out.append(
          Record(
            t: shown + Millis(2_000 + i * 500),
            entry: .acknowledged(
              banner: banner, cue: "audio-first", kind: .pivot, after: Millis(2_000 + i * 500)),
            source: .candidate))
        out.append(
          Record(
            t: shown + 40_000, entry: .replanned(banner: banner, cue: "audio-first", after: 40_000),
            source: .candidate))
        out.append(Record(t: t + 480_000, entry: .marked(.checkin), source: .candidate))
        if i == 0 {
          out.append(Record(t: t + 500_000, entry: .note(hostile), source: .interviewer))
          out.append(Record(t: t + 510_000, entry: .marked(.errorCaught), source: .interviewer))
        }
      }
      t += spent
      active += spent
      out.append(Record(t: t, entry: .phaseLeft(phase, elapsed: spent, budget: budget)))
      if let next = Phase(rawValue: phase.rawValue + 1) {
        out.append(Record(t: t, entry: .phaseEntered(next, via: .next), source: .candidate))
      }
    }
    out.append(
      Record(
        t: t, entry: .sessionEnded(Ending(outcome: .finished, reason: .completed), active: active),
        source: .candidate))
    if i % 3 != 2 {
      let scores: [MockCore.Dimension: Int] = [
        .judgment: 2 + i % 3, .numbers: 1 + i / 3, .tradeoffs: 3, .operations: 3, .recovery: 4,
      ]
      out.append(
        Record(
          t: t,
          entry: .debrief(
            Debrief(scores: scores, overran: .design, why: "drew too much", notes: hostile)),
          source: .candidate))
    }
    if i == 0 {
      out.append(
        Record(
          t: t,
          entry: .debrief(
            Debrief(scores: [.judgment: 3, .numbers: 2], overran: nil, why: "", notes: "")),
          source: .interviewer))
    }
    return out
  }

  static func summary(_ i: Int) -> SessionSummary {
    SessionSummary(
      Projection(records(i))!, started: String(format: "2026-11-%02dT10:00:00.000Z", i + 1))
  }

  static var session: String {
    Report.session(
      summary(0), records: records(0), generated: "2026-12-02 09:00 UTC", program: "0.1.0")
  }

  static var trends: String {
    Report.trends(
      (0..<10).map(summary), chosen: "every session", generated: "2026-12-02 09:00 UTC",
      program: "0.1.0")
  }
}

@Suite struct ReportMarkup {
  @Test func theOneEscapeCoversTextAndAttributesAlike() {
    #expect(Markup.escape("a&b<c>\"d'e") == "a&amp;b&lt;c&gt;&quot;d&#39;e")
    #expect(Markup.escape("bell\u{7}tab\tline\n") == "bell\u{FFFD}tab\tline\n")
    let node = el("p", [("title", "\"><script>")], text: "<b>&")
    #expect(node.rendered == "<p title=\"&quot;&gt;&lt;script&gt;\">&lt;b&gt;&amp;</p>")
  }

  @Test func onlyWhatHTMLReadsAsEmptyClosesItself() {
    #expect(el("td", [], []).rendered == "<td></td>")
    #expect(el("rect", [("x", "1")], []).rendered == "<rect x=\"1\"/>")
    #expect(el("meta", [("charset", "utf-8")], []).rendered == "<meta charset=\"utf-8\"/>")
  }

  @Test func aHostileNoteIsTextInTheReport() {
    let html = ReportFixtures.session
    #expect(!html.contains("<script"))
    #expect(html.contains("&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"))
  }
}

@Suite struct ReportCharts {
  @Test func aScaleMapsTheDomainOntoItsRangeEitherWay() {
    let across = Scale(domain: 0...100, range: (10, 110))
    #expect(across(0) == 10 && across(50) == 60 && across(100) == 110)
    let up = Scale(domain: 1...5, range: (70, 10))
    #expect(up(1) == 70 && up(5) == 10 && up(3) == 40)
    #expect(Scale(domain: 0...0, range: (5, 9))(3) == 5)
  }

  @Test func timeTicksAreRoundStepsUnderTheCount() {
    #expect(Scale.timeTicks(upTo: 1_035_000) == [0, 300_000, 600_000, 900_000])
    #expect(Scale.timeTicks(upTo: 2_700_000) == [0, 600_000, 1_200_000, 1_800_000, 2_400_000])
    #expect(Scale.timeTicks(upTo: 40_000) == [0, 10_000, 20_000, 30_000, 40_000])
  }

  @Test func barsStandAgainstTheirBudgetsAndTheOverrunIsHatchedAndSaid() {
    let phases = [
      SessionSummary.PhaseTime(phase: .clarify, budget: 300_000, actual: 200_000, reached: true),
      SessionSummary.PhaseTime(phase: .design, budget: 900_000, actual: 1_035_000, reached: true),
      SessionSummary.PhaseTime(phase: .ops, budget: 300_000, actual: 0, reached: false),
    ]
    let svg = Chart.phases(phases, id: "p").rendered
    // 0 to 17:15 across x 80 to 600: 5:00 of budget ends at 230.7, 15:00 at 532.2.
    #expect(
      svg.contains(
        "<rect x=\"80\" y=\"12\" width=\"150.7\" height=\"18\" class=\"budget\"><title>clarify: budget 5:00</title></rect>"
      ))
    #expect(
      svg.contains(
        "<rect x=\"80\" y=\"15\" width=\"100.5\" height=\"12\" class=\"within\"><title>clarify: 3:20 spent</title></rect>"
      ))
    #expect(
      svg.contains(
        "<rect x=\"532.2\" y=\"45\" width=\"67.8\" height=\"12\" class=\"over\" fill=\"url(#hatch-p)\"><title>design: 2:15 over its budget</title></rect>"
      ))
    #expect(svg.contains(">17:15 (+2:15 over)</text>"))
    #expect(svg.contains(">not reached</text>"))
    #expect(svg.contains("<desc id=\"d-p\">Over budget: design 2:15 over.</desc>"))
    // The hatching is a pattern, so overrun is never colour alone.
    #expect(svg.contains("<pattern id=\"hatch-p\""))
  }

  @Test func theTimelineHoldsEveryEventOfTheRecordInOrder() {
    let records = ReportFixtures.records(0)
    let timeline = Timeline(ReportFixtures.summary(0), records: records)
    #expect(timeline.phases.map(\.name) == Phase.allCases.map(\.name))
    #expect(timeline.pauses.map { $0.to - $0.from } == [60_000])
    #expect(timeline.banners.count == 1 && timeline.marks.count == 2 && timeline.notes.count == 1)
    let whats = timeline.events.map(\.what)
    #expect(whats.filter { $0 == "phase" }.count == 5)
    #expect(whats.contains("PIVOT") && whats.contains("paused") && whats.contains("note"))
    #expect(timeline.events.map(\.t) == timeline.events.map(\.t).sorted())
    let rebalanced = Timeline(ReportFixtures.summary(3), records: ReportFixtures.records(3))
    #expect(rebalanced.changes.map(\.detail) == ["design took 1:00 from drill"])
  }

  @Test func trendWordsFollowTheRulesStatsUses() throws {
    // The report and stats read a trend through the same words (see TrendTests).
    let rising = try #require(Trend([1_000, 2_000, 3_000, 4_000, 5_000, 6_000]))
    #expect(TrendText.reading(rising, .time) == .worse)
    #expect(TrendText.reading(rising, .score) == .improving)
    #expect(TrendText.reading(nil, .score) == .tooFew)
    #expect(
      TrendText.long(rising, .time, of: "overrun").hasPrefix("overrun +1.0 s a session"))
  }
}

/// What every report must be (`ReportCheck`), on the reports of the fixtures.
@Suite struct ReportStructure {
  static func check(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let problems = ReportCheck.problems(html)
    #expect(problems.isEmpty, "\(problems)", sourceLocation: sourceLocation)
  }

  @Test func theCheckFindsWhatIsWrong() {
    let bad =
      "<html><body><svg><rect/></svg><img src=\"http://x/y.png\"/><script>1</script></body></html>"
    let problems = ReportCheck.problems(bad)
    #expect(problems.contains("1 charts lack role=img, a title or a desc"))
    #expect(problems.contains("points off the file: src=http://x/y.png"))
    #expect(problems.contains("has a script"))
    #expect(problems.contains("a chart is not in a figure of its own"))
    #expect(ReportCheck.problems("<p>unclosed").first?.hasPrefix("does not parse as XML") == true)
  }

  @Test func oneSessionsReportIsWellFormedAndSelfContained() {
    Self.check(ReportFixtures.session)
  }

  @Test func theTrendsReportIsWellFormedAndSelfContained() {
    Self.check(ReportFixtures.trends)
    Self.check(
      Report.trends([ReportFixtures.summary(1)], chosen: "one", generated: "g", program: "0"))
  }

  @Test func theReportsMatchTheirGoldenFiles() throws {
    // Compared tag by tag: the page is one long line.
    try Golden.compare(
      ReportFixtures.session, file: "report-session.html", by: ">", sourceLocation: #_sourceLocation
    )
    try Golden.compare(
      ReportFixtures.trends, file: "report-trends.html", by: ">", sourceLocation: #_sourceLocation)
  }

  @Test func theTrendsSayWhichWayEachPhaseAndScoreIsGoing() {
    let html = ReportFixtures.trends
    #expect(html.contains("<strong>design: "))
    #expect(html.contains("<strong>numerical fluency: improving</strong>"))
    #expect(
      html.contains("10 sessions · every session · from 2026-11-01 10:00 to 2026-11-10 10:00"))
  }
}

@Suite struct DrillReports {
  static var drill: DrillSummary {
    let (d, start) = DrillFrames.drill()
    var drill = EstimateDrill(info: d.info, problems: d.problems, at: start)
    var records = drill.start().recorded
    for c in "\n\n\n226\n" {
      records += drill.update(.key(c == "\n" ? .enter : .character(c)), at: start + 42_000).recorded
    }
    records += drill.update(.key(.character(" ")), at: start + 43_000).recorded
    for c in "\n\n3472\n" {
      records += drill.update(.key(c == "\n" ? .enter : .character(c)), at: start + 80_000).recorded
    }
    records += drill.update(.key(.character(" ")), at: start + 81_000).recorded
    let log = SessionLog(file: "d", records: records, started: "2026-12-02T10:00:00.000Z")
    return DrillSummary(log)!
  }

  @Test func aDrillsReportShowsItsProblemsAndSlips() {
    let html = Report.drill(Self.drill, generated: "g", program: "0")
    #expect(ReportCheck.problems(html).isEmpty, "\(ReportCheck.problems(html))")
    #expect(html.contains("<strong>1. GPU fleet:</strong> the peak factor is missing: x3"))
    #expect(html.contains("2. QPS from DAU: right on"))
  }

  static var recovery: DrillSummary {
    var first = RecoveryRound(
      number: 1, question: RecoveryQuestion(id: "q1", text: "Exact throughput?", strong: ["s"]))
    first.move = .measure
    first.elapsed = 40_000
    first.rating = 4
    first.interviewerRating = 2
    var second = RecoveryRound(
      number: 2, question: RecoveryQuestion(id: "q2", text: "GPU failures a month?", strong: []))
    second.move = .tradeoff
    second.elapsed = 90_000
    second.rating = 3
    second.refused = [.measure]
    return DrillSummary(
      info: DrillInfo(
        id: "20261202-110000-drill-recovery", program: "0", drill: .recovery, seed: 5,
        limit: 90_000, count: 2), started: "2026-12-02T11:00:00.000Z",
      ending: Ending(outcome: .finished, reason: .completed), answers: [], reviews: [],
      rounds: [first, second])
  }

  @Test func aRecoveryDrillsReportShowsItsRoundsAndTheTrendsItsMoves() {
    let html = Report.drill(Self.recovery, generated: "g", program: "0")
    #expect(ReportCheck.problems(html).isEmpty, "\(ReportCheck.problems(html))")
    #expect(html.contains("<h1>Recovery drill</h1>"))
    #expect(html.contains("1. what I&#39;d measure (4)"))
    #expect(
      html.contains("<td>GPU failures a month?</td>")
        && html.contains("<td>what I&#39;d measure</td>"))
    let trends = Report.trends(
      [], drills: [Self.recovery], today: 20_424, chosen: "all", generated: "g", program: "0")
    #expect(ReportCheck.problems(trends).isEmpty, "\(ReportCheck.problems(trends))")
    #expect(trends.contains("<h2>Recovery moves</h2>"))
    #expect(trends.contains("Your rating less the interviewer&#39;s: +2.0 a round."))
  }

  @Test func theTrendsHoldTheDrills() {
    let html = Report.trends(
      [ReportFixtures.summary(0)], drills: [Self.drill], today: 20_424, chosen: "all",
      generated: "g", program: "0")
    #expect(ReportCheck.problems(html).isEmpty, "\(ReportCheck.problems(html))")
    #expect(html.contains("<h2>Estimation drills</h2>"))
    #expect(html.contains("GPU fleet (0% pass)") && html.contains("QPS from DAU (100% pass)"))
    // Drills alone draw no session charts of nothing.
    let alone = Report.trends(
      [], drills: [Self.drill], today: 20_424, chosen: "all", generated: "g", program: "0")
    #expect(ReportCheck.problems(alone).isEmpty, "\(ReportCheck.problems(alone))")
    #expect(alone.contains("<h1>Drills over time</h1>") && !alone.contains("Each phase"))
  }
}

/// A report that survives real data: an abandoned long session among ten short ones.
@Suite struct ReportOnRealData {
  /// The fixtures' ten sessions and, between them, one abandoned 40 minutes into design on a
  /// plan twice as long.
  static var sessions: [SessionSummary] {
    var all = (0..<10).map(ReportFixtures.summary)
    var long = Made.session(
      [Millis.minutes(9), Millis.minutes(9), Millis.minutes(40)], finish: false)
    long.started = "2026-11-05T18:00:00.000Z"
    long.plan = Plan(name: "long", budgets: Phase.allCases.map { Plan.standard[$0] * 2 })
    long.ending = Ending(outcome: .abandoned, reason: .quit)
    all.insert(long, at: 5)
    return all
  }

  static func tops(_ html: String) -> [String] {
    guard
      let start = html.range(
        of: "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"t-phases")
    else { return [] }
    let chart = html[start.lowerBound...].prefix { _ in true }
    let end = chart.range(of: "</svg>")!.lowerBound
    return chart[..<end].matches(of: /class="tick">top ([0-9:]+)</).map { String($0.1) }
  }

  @Test func anAbandonedPhaseStaysOutOfTheOneScale() {
    let html = Report.trends(Self.sessions, chosen: "every session", generated: "g", program: "0")
    let tops = Self.tops(html)
    // One scale for all five panels, set by the whole phases (18:00 of design and drill), not
    // by the 40 minutes of a design that was abandoned.
    #expect(tops == Array(repeating: "18:00", count: 5), "\(tops)")
    #expect(ReportCheck.problems(html).isEmpty, "\(ReportCheck.problems(html))")
    #expect(html.contains("Median overrun a session: "))
    // Session labels under the panels: the first and the last day at least.
    #expect(html.contains(">2026-11-01</text>") && html.contains(">2026-11-10</text>"))
  }

  @Test func aChangedBudgetIsShownAsItBeganBesideAsItEnded() {
    // The fourth fixture session moved a minute from drill to design.
    let html = ReportFixtures.trends
    #expect(html.contains("(budget 16:00, began 15:00)"), "design's budget as it began")
  }

  @Test func theMostUsedPlanIsTheDefaultAndSaidSo() throws {
    let (plan, others) = try #require(Report.mostUsedPlan(Self.sessions))
    #expect(plan == "standard" && others == 1)
    #expect(Report.mostUsedPlan((0..<3).map(ReportFixtures.summary)) == nil)
  }

  @Test func cueKindsAreToldApartByALetterNotColourAlone() {
    let html = ReportFixtures.session
    #expect(html.contains("class=\"tick\">P</text>"))
    #expect(Chart.letter(.curveball) == "C" && Chart.letter(.oneMinute) == "T")
  }

  @Test func theDrillsLimitIsALineAndAMissIsHatched() {
    let svg = Chart.labelled(
      [("a", 1_000), ("b", 70_000)], id: "p", title: "t", desc: "d", limit: 60_000, failed: [1]
    ).rendered
    #expect(svg.contains("class=\"limit\""))
    #expect(svg.contains("class=\"over\" fill=\"url(#hatch-p)\"><title>b: 1:10, not a pass"))
    #expect(svg.contains(">1:10 ✗</text>") && svg.contains(">0:01</text>"))
  }

  @Test func cardsAreChartedInDays() {
    let svg = Chart.labelledDays(
      [("a", 3.5), ("b", 12)], id: "c", title: "t", desc: "d"
    ).rendered
    #expect(svg.contains(">3.5 days</text>") && svg.contains(">12 days</text>"))
    #expect(svg.contains(">12 d</text>") && !svg.contains(">14 d</text>"))
    #expect(!svg.contains(":00"))
  }

  @Test func manySessionsAreAtMostThirtyBars() {
    #expect(Report.runs(1_000).count <= Report.mostBars && Report.mostBars == 30)
    #expect(Report.runs(30).count == 30 && Report.runs(31).count == 16)
  }
}
