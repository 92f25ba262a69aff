/// `mockroom report`: one self-contained XHTML file, its style and SVG charts inline, no script,
/// nothing fetched. Every chart is a `<figure>` with a table of the same numbers under it.
public enum Report {
  /// One session: the phases against their budgets, the timeline, and the debrief.
  public static func session(
    _ s: SessionSummary, records: [Record], generated: String, program: String
  ) -> String {
    let end =
      s.ending.map { "\($0.outcome.rawValue) (\(ReviewText.reason($0.reason)))" }
      ?? "incomplete: the record stops at \(DurationText.clock(s.length))"
    var facts = [
      "started \(ReviewText.date(s.started)) UTC",
      "worked \(DurationText.clock(s.active)) of \(DurationText.clock(s.plan.total))", end,
      "plan \(s.plan.name)",
    ]
    if let seed = s.seed { facts.append("seed \(seed)") }
    let timeline = Timeline(s, records: records)
    var sections = [
      section(
        "Phases against their budgets",
        figure(
          Chart.phases(s.phases, id: "phases"),
          caption: "Filled: time spent within the budget (the outline). Hatched: time over it.",
          table: phaseTable(s))),
      section(
        "Timeline",
        figure(
          Chart.timeline(timeline, id: "timeline"),
          caption: "Session time, pauses included. Circles: banners (filled for interjections, "
            + "hollow for coaching cues), with a line to the acknowledgement and a tick at the "
            + "re-plan. Diamonds: marks. Squares: notes. Dashed lines: changes to the plan. "
            + "Shaded: paused.",
          table: eventTable(timeline.events))),
    ]
    sections.append(section("Debrief", debrief(s)))
    return page(
      title: "\(s.title): \(s.id)", heading: s.title, facts: [s.id] + facts, sections: sections,
      generated: generated, program: program)
  }

  /// The trends over `summaries` (oldest first), chosen as `chosen` says, and the drills'.
  public static func trends(
    _ summaries: [SessionSummary], drills: [DrillSummary] = [], today: Double = 0,
    chosen: String, generated: String, program: String
  ) -> String {
    let stats = Stats(summaries)
    let names = summaries.map { ReviewText.date($0.started) }
    // Past `mostBars` sessions a bar is a run of them, or bars would be thinner than a pixel.
    let runs = Self.runs(summaries.count)
    let bars = runs.map { Self.label(of: $0, names) }
    let grouped = runs.count < summaries.count
    let per = grouped ? " Each bar is a run of \(runs[0].count) sessions: its median." : ""
    var facts = [
      "\(stats.sessions) session\(stats.sessions == 1 ? "" : "s")"
        + (stats.incomplete > 0 ? " (\(stats.incomplete) incomplete)" : ""), chosen,
    ]
    if let first = summaries.first, let last = summaries.last {
      facts.append("from \(ReviewText.date(first.started)) to \(ReviewText.date(last.started))")
    }
    let drilled = drillSections(DrillStats(drills, today: today))
    // Drills alone: no session charts of nothing.
    guard !summaries.isEmpty else {
      return page(
        title: "mockroom: \(drills.count) drills", heading: "Drills over time",
        facts: ["\(drills.count) drill\(drills.count == 1 ? "" : "s")", chosen], sections: drilled,
        generated: generated, program: program)
    }
    var sections = [section("Where it is going", directions(stats))]
    let phaseSeries = Phase.allCases.map { phase in
      Chart.Series(
        label: phase.name,
        values: runs.map { run in
          let times = summaries[run].map { $0[phase] }
          return (
            Self.median(times.filter(\.reached).map { Double($0.actual) }),
            Self.median(times.map { Double($0.budget) })
          )
        })
    }
    sections.append(
      section(
        "Each phase, session by session",
        figure(
          Chart.bySession(
            phaseSeries, sessions: bars, id: "phases", title: "Time in each phase by session",
            desc: "One panel per phase and one bar per session, oldest first; the stepped line "
              + "is the budget, and time over it is hatched.", time: true),
          caption: "Bars: time spent, oldest session first. Line: the budget. Hatched: over it."
            + per,
          table: table(
            ["session"] + Phase.allCases.map(\.name),
            summaries.enumerated().map { i, s in
              [names[i]]
                + Phase.allCases.map {
                  let t = s[$0]
                  return t.reached
                    ? DurationText.clock(t.actual)
                      + (t.overrun > 0 ? " (+\(DurationText.clock(t.overrun)))" : "") : "-"
                }
            }))))
    let drill = Chart.Series(
      label: "drill start",
      values: runs.map { run in
        (
          Self.median(summaries[run].compactMap { $0.drillStart.map(Double.init) }),
          Self.median(summaries[run].map { Double($0.plan.start(of: .drill)) })
        )
      })
    sections.append(
      section(
        "When the drill began",
        figure(
          Chart.bySession(
            [drill], sessions: bars, id: "drill", title: "Time worked when the drill began",
            desc: "One bar per session that reached the drill; the line is the plan's drill "
              + "start, and a late start is hatched above it.", time: true, over: "late"),
          caption: "Bars: time worked when the drill began. Line: the plan's drill start. "
            + "Hatched: late." + per,
          table: table(
            ["session", "drill began", "plan's drill start"],
            summaries.enumerated().map { i, s in
              [
                names[i], s.drillStart.map(DurationText.clock) ?? "not reached",
                DurationText.clock(s.plan.start(of: .drill)),
              ]
            }))))
    var answered: [(label: String, value: Millis)] = []
    for kind in stats.interjections {
      if let ack = kind.medianToAcknowledge {
        answered.append(("\(kind.kind.label.lowercased()): acknowledge", ack))
      }
      if let replan = kind.medianToReplan {
        answered.append(("\(kind.kind.label.lowercased()): re-plan", replan))
      }
    }
    if !answered.isEmpty {
      sections.append(
        section(
          "Answering interjections",
          figure(
            Chart.labelled(
              answered, id: "answers", title: "Median time to acknowledge and re-plan, by kind",
              desc: answered.map { "\($0.label) \(DurationText.clock($0.value))" }
                .joined(separator: ", ") + "."),
            caption: "The median time from a banner going up to a (acknowledged) and, for "
              + "pivots, to r (re-planned).",
            table: table(
              ["kind", "fired", "acknowledged", "median to acknowledge", "median to re-plan"],
              stats.interjections.map {
                [
                  $0.kind.label.lowercased(), "\($0.fired)", "\($0.acknowledged)",
                  $0.medianToAcknowledge.map(DurationText.clock) ?? "-",
                  $0.medianToReplan.map(DurationText.clock) ?? "-",
                ]
              }))))
    }
    let markNames = [
      ("reset", "resets"), ("error_caught", "errors caught"), ("checkin", "check-ins"),
      ("recovery", "recovery moves"),
    ]
    let counts = summaries.map { s in
      Dictionary(grouping: s.marks.filter { $0.source == nil || $0.source == .candidate }) {
        $0.mark.name
      }.mapValues(\.count)
    }
    sections.append(
      section(
        "Your marks",
        figure(
          Chart.bySession(
            markNames.map { name, label in
              Chart.Series(
                label: label,
                values: runs.map { run in
                  (Self.mean(counts[run].map { Double($0[name] ?? 0) }), nil)
                })
            }, sessions: bars, id: "marks", title: "Your marks per session",
            desc: "One panel per kind of mark, one bar per session: "
              + markNames.map { "\($0.1) \(Chart.n(stats.marksPerSession[$0.0] ?? 0)) a session" }
              .joined(separator: ", ") + ".", time: false),
          caption: "The marks you made at your own screen, per session."
            + (grouped ? " Each bar is a run of \(runs[0].count) sessions: its mean." : ""),
          table: table(
            ["session"] + markNames.map(\.1),
            counts.enumerated().map { i, c in [names[i]] + markNames.map { "\(c[$0.0] ?? 0)" } }))))
    let debriefed = summaries.enumerated().filter {
      $0.element.debrief != nil || $0.element.interviewerDebrief != nil
    }
    if !debriefed.isEmpty {
      let points = Self.runs(debriefed.count)
      let labels = points.map { run in
        Self.label(of: run, debriefed.map { names[$0.offset] })
      }
      let panels = Dimension.allCases.map { d in
        (
          label: d.title,
          mine: points.map { run in
            Self.mean(debriefed[run].compactMap { $0.element.debrief?.scores[d].map(Double.init) })
          },
          theirs: points.map { run in
            Self.mean(
              debriefed[run].compactMap {
                $0.element.interviewerDebrief?.scores[d].map(Double.init)
              })
          }
        )
      }
      sections.append(
        section(
          "Debrief scores",
          figure(
            Chart.scores(panels, sessions: labels, id: "scores"),
            caption: "Circles and a solid line: your scores. Squares and a dashed line: the "
              + "interviewer's."
              + (points.count < debriefed.count
                ? " Each point is a run of \(points[0].count) debriefs: their mean." : ""),
            table: table(
              ["session"] + Dimension.allCases.map(\.title),
              debriefed.map { i, s in
                [names[i]]
                  + Dimension.allCases.map { d in
                    let mine = s.debrief?.scores[d].map(String.init) ?? "-"
                    guard let theirs = s.interviewerDebrief?.scores[d] else { return mine }
                    return "\(mine) (interviewer \(theirs))"
                  }
              }))))
    }
    sections += drilled
    return page(
      title: "mockroom: \(stats.sessions) sessions", heading: "Sessions over time", facts: facts,
      sections: sections, generated: generated, program: program)
  }

  /// The drills' part of the trends: pass rate and time by estimate kind, and the cards.
  static func drillSections(_ s: DrillStats) -> [Markup] {
    var out: [Markup] = []
    if !s.kinds.isEmpty {
      out.append(
        section(
          "Estimation drills",
          figure(
            Chart.labelled(
              s.kinds.map {
                ("\($0.kind.title) (\(Int(($0.passRate * 100).rounded()))% pass)", $0.medianTime)
              },
              id: "estimates", title: "Median time to answer, by kind of estimate",
              desc: s.kinds.map {
                "\($0.kind.title): \($0.attempts) attempts, \(Int(($0.passRate * 100).rounded()))% "
                  + "passed, median \(DurationText.clock($0.medianTime))"
              }.joined(separator: "; ") + "."),
            caption: "Bars: the median time to answer; the pass rate in brackets.",
            table: table(
              ["kind", "attempts", "pass rate", "median time", "median ratio"],
              s.kinds.map {
                [
                  $0.kind.title, "\($0.attempts)", "\(Int(($0.passRate * 100).rounded()))%",
                  DurationText.clock($0.medianTime), EstimateResult.ratioText($0.medianRatio),
                ]
              }))))
    }
    let seen = s.cards.filter { $0.memory != nil }
    if !seen.isEmpty {
      out.append(
        section(
          "Cards",
          figure(
            Chart.labelled(
              seen.map { ($0.card.id, Millis(($0.memory!.stability * 86_400_000).rounded())) },
              id: "cards", title: "How long each card is remembered (stability)",
              desc: "\(s.learned) of \(s.cards.count) cards learned (stable a week or more); "
                + "\(s.due.count) due."),
            caption: "Bars: each card's stability, the time over which recall falls to 90%; "
              + "\(s.learned) learned of \(s.cards.count), \(s.due.count) due.",
            table: table(
              ["card", "stability", "reviews", "lapses"],
              seen.map {
                [
                  $0.card.id, String(format: "%.1f days", $0.memory!.stability), "\($0.reviews)",
                  "\($0.lapses)",
                ]
              }))))
    }
    let r = s.recovery
    if r.drills > 0 {
      var lines = [
        "\(r.drills) recovery drill\(r.drills == 1 ? "" : "s"), \(r.rounds) rounds, "
          + "\(r.refusals) locked move\(r.refusals == 1 ? "" : "s") tried."
      ]
      if let first = r.first {
        lines.append(
          "Reached for first: \(first.move.title) (\(first.times) of \(r.firsts.count)).")
      }
      if let gap = r.meanGap {
        lines.append("Your rating less the interviewer's: \(String(format: "%+.1f", gap)) a round.")
      }
      let used = r.moves.filter { $0.uses > 0 }
      let rating = { (m: RecoveryStats.MoveStats) in
        m.meanRating.map { String(format: "%.1f", $0) } ?? "-"
      }
      out.append(
        section(
          "Recovery moves",
          el(
            "div", [],
            lines.map { el("p", text: $0) } + [
              figure(
                Chart.labelled(
                  used.map { ("\($0.move.title) (\(rating($0)))", $0.medianTime ?? 0) },
                  id: "recovery", title: "Median round time, by recovery move",
                  desc: used.map {
                    "\($0.move.title): \($0.uses) rounds, mean rating \(rating($0))"
                  }
                  .joined(separator: "; ") + "."),
                caption: "Bars: the median round time with each move; the mean rating in brackets.",
                table: table(
                  ["move", "rounds", "mean rating", "median time"],
                  r.moves.map {
                    [
                      $0.move.title, "\($0.uses)", rating($0),
                      $0.medianTime.map(DurationText.clock) ?? "-",
                    ]
                  }))
            ])))
    }
    return out
  }

  // MARK: - Pieces

  /// The most bars a chart draws by session; past it, a bar is a run of sessions.
  public static let mostBars = 200

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

  /// Per phase and dimension: improving, stagnating or getting worse, by the rules `stats` uses.
  static func directions(_ stats: Stats) -> Markup {
    var items: [Markup] = []
    func item(_ name: String, _ direction: Stats.Direction, _ change: String) {
      items.append(
        el(
          "li", direction == .worsening ? [("class", "worse")] : [],
          el("strong", text: "\(name): \(direction.rawValue)"), .text(", \(change)")))
    }
    for p in stats.phases {
      guard let direction = Stats.direction(overrun: p.trend), let trend = p.trend else {
        continue
      }
      let change =
        direction == .steady
        ? "overrun within a second of where it was"
        : "overrun \(trend < 0 ? "down" : "up") \(DurationText.clock(abs(trend))) a session "
          + "(later half against earlier half)"
      item(p.phase.name, direction, change)
    }
    for score in stats.scores {
      guard let direction = Stats.direction(score: score.trend), let trend = score.trend else {
        continue
      }
      let change =
        direction == .steady
        ? "self-score within a quarter point of where it was"
        : "self-score \(trend > 0 ? "up" : "down") \(Chart.n(abs(trend))) (later half against "
          + "earlier half)"
      item(score.dimension.title, direction, change)
    }
    guard !items.isEmpty else {
      return el("p", text: "Two sessions or more are needed to see a direction.")
    }
    return el("ul", [("class", "directions")], items)
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

  static func page(
    title: String, heading: String, facts: [String], sections: [Markup], generated: String,
    program: String
  ) -> String {
    let html = el(
      "html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "en")],
      el(
        "head", [], el("meta", [("charset", "utf-8")]),
        el("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
        el("meta", [("name", "color-scheme"), ("content", "light dark")]),
        el("title", text: title), el("style", [], .trusted(style))),
      el(
        "body", [],
        el(
          "header", [], el("h1", text: heading),
          el("p", [("class", "facts")], text: facts.joined(separator: " · "))),
        el("main", [], sections),
        el("footer", [], el("p", text: "Made by mockroom \(program) on \(generated)."))))
    return "<!DOCTYPE html>\n" + html.rendered + "\n"
  }

  /// The style sheet: light and dark by the reader's setting, light in print, and no chart cut
  /// across pages. It holds no `<` or `&`, so the page still reads as XML.
  static let style = """
    :root { color-scheme: light dark; --fg: #1d2125; --muted: #5c6670; --bg: #ffffff;
      --panel: #f3f5f7; --ok: #2f6f9f; --bad: #b3261e; --grid: #d9dee3; --phase-a: #dce8f2;
      --phase-b: #c4d7e8; --pause: rgba(120, 120, 120, 0.18); --mark: #7a4fb5; --note: #1e7b52; }
    @media (prefers-color-scheme: dark) {
      :root { --fg: #e6e9ec; --muted: #a3adb7; --bg: #16191c; --panel: #21262b; --ok: #6fb3e3;
        --bad: #ff8a80; --grid: #343b42; --phase-a: #243543; --phase-b: #2e4558;
        --pause: rgba(200, 200, 200, 0.16); --mark: #c3a2f0; --note: #6fd3a4; }
    }
    @media print {
      :root { color-scheme: light; --fg: #000000; --muted: #444444; --bg: #ffffff;
        --panel: #ffffff; --ok: #2f6f9f; --bad: #b3261e; --grid: #cccccc; --phase-a: #e4ecf3;
        --phase-b: #cddbe8; --pause: rgba(0, 0, 0, 0.12); --mark: #5b2f96; --note: #145c3c; }
      figure, table, section > ul { break-inside: avoid; page-break-inside: avoid; }
      body { margin: 0; max-width: none; }
    }
    body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      color: var(--fg); background: var(--bg); margin: 2rem auto; max-width: 800px;
      padding: 0 1rem; }
    h1 { font-size: 1.6rem; margin: 0 0 0.3rem; }
    h2 { font-size: 1.15rem; margin: 2rem 0 0.6rem; border-bottom: 1px solid var(--grid);
      padding-bottom: 0.2rem; break-after: avoid; page-break-after: avoid; }
    .facts, figcaption, footer { color: var(--muted); font-size: 0.9rem; }
    figure { margin: 0; }
    svg { max-width: 100%; height: auto; display: block; }
    svg text { fill: var(--fg); font-size: 12px; font-family: inherit; }
    svg text.tick, svg text.note { fill: var(--muted); font-size: 11px; }
    svg text.phase-name { font-size: 11px; }
    .axis { stroke: var(--muted); stroke-width: 1; }
    .grid { stroke: var(--grid); stroke-width: 1; }
    .budget { fill: none; stroke: var(--muted); stroke-width: 1; stroke-dasharray: 3 2; }
    .within { fill: var(--ok); }
    .over { stroke: var(--bad); stroke-width: 1; }
    .hatch-bg { fill: var(--bg); }
    .hatch-line { stroke: var(--bad); stroke-width: 3; }
    .limit { fill: none; stroke: var(--fg); stroke-width: 1.5; stroke-dasharray: 5 3; }
    .phase-0 { fill: var(--phase-a); }
    .phase-1 { fill: var(--phase-b); }
    .pause { fill: var(--pause); }
    .cue { stroke: var(--bad); stroke-width: 2; }
    .cue.interjection { fill: var(--bad); }
    .cue.coaching { fill: var(--bg); }
    .wait { stroke: var(--bad); stroke-width: 2; }
    .replan { stroke: var(--fg); stroke-width: 2; }
    .mark { fill: var(--mark); }
    .note-mark { fill: var(--note); }
    .change { stroke: var(--fg); stroke-width: 1; stroke-dasharray: 4 3; }
    .mine { fill: var(--ok); }
    .theirs { fill: var(--mark); }
    .mine-line { fill: none; stroke: var(--ok); stroke-width: 1.5; }
    .theirs-line { fill: none; stroke: var(--mark); stroke-width: 1.5; stroke-dasharray: 5 3; }
    details { margin: 0.4rem 0 0; }
    summary { cursor: pointer; color: var(--muted); font-size: 0.9rem; }
    table { border-collapse: collapse; font-size: 0.88rem; margin: 0.4rem 0; }
    th, td { text-align: left; padding: 0.2rem 0.7rem 0.2rem 0; vertical-align: top;
      border-bottom: 1px solid var(--grid); }
    th { font-weight: 600; }
    table.debrief td:first-child { color: var(--muted); }
    ul.directions li.worse strong { color: var(--bad); }
    """
}
