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
            + "hollow for coaching cues) with their kind's letter over them (P pivot, B pushback, "
            + "C curveball, S silence, K check-in, T a coaching cue about time), with a line to "
            + "the acknowledgement and a tick at the "
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
    interviews: InterviewPatterns? = nil, chosen: String, generated: String, program: String
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
    var drilled = drillSections(DrillStats(drills, today: today))
    if let interviews, !interviews.interviews.isEmpty {
      drilled.append(section("Real interviews", interviewPattern(interviews)))
    }
    // Drills alone: no session charts of nothing.
    guard !summaries.isEmpty else {
      return page(
        title: "mockroom: \(Plural.of(drills.count, "drill"))", heading: "Drills over time",
        facts: [Plural.of(drills.count, "drill"), chosen], sections: drilled,
        generated: generated, program: program)
    }
    var sections = [
      section("Where it is going", el("div", [], headline(summaries), directions(stats)))
    ]
    let weeks = Weeks(summaries, drills: drills)
    if weeks.weeks.count > 1 {
      sections.append(
        section(
          "Week by week",
          table(
            [
              "week", "from", "sessions", "finished", "median over", "interviewed", "drills",
              "problem pass rate", "cards right",
            ],
            weeks.weeks.map {
              [
                $0.label, $0.monday, "\($0.sessions)", "\($0.finished)",
                $0.medianOverrun.map(DurationText.clock) ?? "-", "\($0.interviewed)",
                "\($0.drills)",
                $0.passRate.map { "\(Int(($0 * 100).rounded()))%" } ?? "-",
                $0.cardRate.map { "\(Int(($0 * 100).rounded()))%" } ?? "-",
              ]
            })))
    }
    let phaseSeries = Phase.allCases.map { phase in
      Chart.Series(
        label: phase.name,
        values: runs.map { run in
          let times = summaries[run].map { $0[phase] }
          // Only whole phases: the one an abandoned session stopped in would flatten nothing
          // and mislead, and an unreached one has no time at all.
          let whole = summaries[run].filter { $0.isWhole(phase) }.map { Double($0[phase].actual) }
          return (
            Self.median(whole),
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
            desc: "One panel per phase and one bar per session, oldest first, all on one "
              + "scale; the stepped line is the budget, and time over it is hatched.", time: true,
            shared: true),
          caption: "Bars: time spent, oldest session first, every panel on one scale. Line: the "
            + "budget. Hatched: over it. A phase an abandoned or unfinished session stopped in "
            + "has no bar." + per,
          table: table(
            ["session"] + Phase.allCases.map(\.name),
            summaries.enumerated().map { i, s in
              [names[i]]
                + Phase.allCases.map {
                  let t = s[$0]
                  // The budget as it began beside as it ended, when the session changed it.
                  let began = s.startPlan[$0]
                  let budget =
                    began == t.budget
                    ? ""
                    : " (budget \(DurationText.clock(t.budget)), began "
                      + "\(DurationText.clock(began)))"
                  return t.reached
                    ? DurationText.clock(t.actual)
                      + (t.overrun > 0 ? " (+\(DurationText.clock(t.overrun)))" : "") + budget
                    : "-"
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
    if !stats.interviewers.isEmpty {
      sections.append(
        section(
          "Scores by interviewer",
          el(
            "div", [],
            el(
              "p",
              text: "Each interviewer's scores apart, so that a harsher partner does not read as "
                + "a decline; and your self-score less theirs on the sessions both scored."),
            table(
              [
                "interviewer", "dimension", "their mean", "their trend", "you less them",
                "the gap's trend",
              ],
              stats.interviewers.flatMap { i in
                i.dimensions.filter { $0.count > 0 }.map {
                  [
                    "\(i.name ?? "unnamed") (\(i.sessions) session\(i.sessions == 1 ? "" : "s"))",
                    $0.dimension.title, $0.mean.map { Chart.n($0) } ?? "-",
                    TrendText.short($0.trend, .score),
                    $0.meanGap.map { ($0 > 0 ? "+" : "") + Chart.n($0) } ?? "-",
                    TrendText.short($0.gapTrend, .gap),
                  ]
                }
              }))))
    }
    sections += drilled
    return page(
      title: "mockroom: \(stats.sessions) sessions", heading: "Sessions over time", facts: facts,
      sections: sections, generated: generated, program: program)
  }

  /// The pattern over real interviews, as `interview patterns` says it: a line a paragraph.
  static func interviewPattern(_ patterns: InterviewPatterns) -> Markup {
    el(
      "div", [("class", "interviews")],
      patterns.lines.filter { !$0.isEmpty }.map {
        el("p", text: $0.trimmingWhitespace)
      })
  }
}
