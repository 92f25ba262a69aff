/// The review commands' words: `history`, `show` and `stats` as text.
public enum ReviewText {
  /// `2026-11-21 14:30` from an RFC 3339 label (UTC).
  public static func date(_ wall: String) -> String {
    guard wall.count >= 16 else { return wall }
    return wall.prefix(10) + " " + wall.dropFirst(11).prefix(5)
  }

  static func clock(_ ms: Millis) -> String { DurationText.clock(ms) }

  /// The phases over budget: `clarify +1:10, design +2:00`, or `none`.
  static func overBudget(_ s: SessionSummary) -> String {
    let over = s.phases.filter { $0.overrun > 0 }
    return over.isEmpty
      ? "none" : over.map { "\($0.phase.name) +\(clock($0.overrun))" }.joined(separator: ", ")
  }

  /// One line per session, oldest first, under a header.
  public static func history(_ summaries: [SessionSummary], drills: [DrillSummary] = [])
    -> [String]
  {
    var rows = summaries.map { s in
      (
        s.started,
        [
          s.id, "session", date(s.started) + " UTC", s.prompt ?? "-", s.plan.name,
          "\(clock(s.active)) / \(clock(s.plan.total))", overBudget(s),
          (s.isIncomplete ? "incomplete" : (s.ending?.outcome.rawValue ?? ""))
            + composure(s),
        ]
      )
    }
    // Drills beside the sessions, in the order they happened.
    rows += drills.map { d in
      (
        d.started,
        [
          d.info.id, "drill " + d.info.drill.rawValue, date(d.started) + " UTC", "-", "-", "-", "-",
          DrillText.result(d),
        ]
      )
    }
    rows.sort { $0.0 < $1.0 }
    return table(
      ["id", "kind", "started", "prompt", "plan", "worked / plan", "over budget", "end"],
      rows.map(\.1))
  }

  /// `· pushback 3 held of 5 · check-ins 2/3` for a session run with `--hostile` or
  /// `--checkins`; empty otherwise.
  static func composure(_ s: SessionSummary) -> String {
    var out = ""
    if s.hostile != nil {
      let pushbacks = s.pushbacks
      out +=
        " · pushback \(pushbacks.filter { $0.answer == .held }.count) held of \(pushbacks.count)"
    }
    if let target = s.checkinTarget { out += " · check-ins \(s.checkins.count)/\(target)" }
    return out
  }

  /// A session's timeline: each phase's time against its budget as a bar, then every banner and
  /// mark in time, then the debrief.
  public static func show(_ s: SessionSummary, width: Int = 80) -> [String] {
    var out: [String] = []
    let end =
      s.isIncomplete
      ? "incomplete (the record stops at \(clock(s.length)))"
      : "\(s.ending!.outcome.rawValue) (\(reason(s.ending!.reason)))"
    out.append("\(s.title) — \(s.id)")
    out.append(
      "started \(date(s.started)) UTC · worked \(clock(s.active)) of \(clock(s.plan.total))"
        + " · \(end)" + (s.seed.map { " · seed \($0)" } ?? ""))
    out.append("")
    let barWidth = max(10, min(40, width - 40))
    let longest = s.phases.map { max($0.budget, $0.actual) }.max() ?? 1
    for p in s.phases {
      let bar = phaseBar(p, scale: longest, width: barWidth)
      let figures =
        p.reached
        ? "\(clock(p.actual)) / \(clock(p.budget))"
          + (p.overrun > 0 ? "  +\(clock(p.overrun)) over" : "")
        : "not reached (\(clock(p.budget)))"
      // The plan as it ended, beside the plan as it began where they differ.
      let began = s.startPlan[p.phase]
      let planned = began == p.budget ? "" : "  (began \(clock(began)))"
      out.append(p.phase.name.padding(9) + bar + "  " + figures + planned)
    }
    out.append("           █ within budget  ▓ over budget  ░ budget not used")
    let events = timeline(s)
    if !events.isEmpty {
      out.append("")
      out.append("Timeline (session time)")
      out += events
    }
    let composure = Composure.lines(s)
    if !composure.isEmpty {
      out.append("")
      out += composure
    }
    out.append("")
    out += scores(s)
    return out
  }

  /// The debrief: the candidate's self-scores, and beside them the interviewer's when a partner
  /// mock has them.
  static func scores(_ s: SessionSummary) -> [String] {
    guard s.debrief != nil || s.interviewerDebrief != nil else {
      return ["No debrief yet: mockroom debrief \(s.id)"]
    }
    var out: [String] = []
    let both = s.interviewerDebrief != nil
    func score(_ d: Debrief?, _ dimension: Dimension) -> String {
      d?.scores[dimension].map { "\($0)/5" } ?? "-"
    }
    let who = s.interviewerName.map { "interviewer (\($0))" } ?? "interviewer"
    out.append(both ? "Debrief".padding(32) + "self".padding(7) + who : "Debrief")
    for dimension in Dimension.allCases {
      var line = "  " + dimension.title.padding(30) + score(s.debrief, dimension)
      if both { line = line.padding(39) + score(s.interviewerDebrief, dimension) }
      out.append(line)
    }
    for (who, d) in [("", s.debrief), ("interviewer: ", s.interviewerDebrief)] {
      guard let d else { continue }
      if let phase = d.overran {
        out.append("  \(who)ran over: \(phase.name)" + (d.why.isEmpty ? "" : " — \(d.why)"))
      } else if !d.why.isEmpty {
        out.append("  \(who)why: \(d.why)")
      }
      if !d.notes.isEmpty { out.append("  \(who)next time: \(d.notes)") }
    }
    if s.debrief == nil { out.append("  No self-scores yet: mockroom debrief \(s.id)") }
    return out
  }

  public static func reason(_ reason: EndReason) -> String {
    switch reason {
    case .completed: "moved on past ops"
    case .quit: "quit"
    case .signal(let name): name
    }
  }

  static func phaseBar(_ p: SessionSummary.PhaseTime, scale: Millis, width: Int) -> String {
    func cells(_ ms: Millis) -> Int { Int((ms * Int64(width) + scale / 2) / max(1, scale)) }
    let within = cells(min(p.actual, p.budget))
    let over = cells(p.actual) - within
    let unused = max(0, cells(p.budget) - within)
    let bar =
      String(repeating: "█", count: within) + String(repeating: "▓", count: max(0, over))
      + String(repeating: "░", count: unused)
    return bar.padding(width)
  }

  static func timeline(_ s: SessionSummary) -> [String] {
    var items: [(Millis, String)] = []
    for b in s.banners {
      var line = "\(b.kind.label.padding(12)) \(b.message.clipped(to: 50))"
      var after: [String] = []
      if let late = b.late { after.append("came \(clock(late)) late") }
      if let ack = b.acknowledgedAt {
        after.append("acknowledged after \(clock(ack - b.shownAt))")
      } else if b.retired {
        after.append("taken down with its phase")
      } else {
        after.append("never acknowledged")
      }
      if let replan = b.replannedAt {
        after.append("re-planned after \(clock(replan - b.shownAt))")
      }
      line += " — " + after.joined(separator: ", ")
      items.append((b.shownAt, line))
    }
    for m in s.marks {
      let by = m.source == .interviewer || m.source == .ctl ? " (\(m.source!.rawValue))" : ""
      items.append((m.t, "MARK".padding(12) + " " + m.mark.label + by))
    }
    for n in s.notes {
      let by = n.source.map { " (\($0.rawValue))" } ?? ""
      items.append((n.t, "NOTE".padding(12) + " " + n.text + by))
    }
    return items.sorted { $0.0 < $1.0 }.map { "  \(clock($0.0).padding(6, left: true))  \($0.1)" }
  }

  /// The overrun review.
  public static func stats(_ st: Stats) -> [String] {
    var out: [String] = []
    out.append(
      "\(st.sessions) session\(st.sessions == 1 ? "" : "s")"
        + (st.incomplete > 0 ? " (\(st.incomplete) incomplete)" : ""))
    out.append(
      NextPractice(st)?.line
        ?? "practise next: too few sessions to tell (\(Trend.fewest) are needed), or nothing "
        + "stands out")
    out.append("")
    let header = ["phase", "sessions", "budget", "median", "p90", "over", "mean +", "worst +"]
    var rows: [[String]] = []
    for p in st.phases {
      rows.append(
        p.sessions == 0
          ? [p.phase.name, "0", "-", "-", "-", "-", "-", "-"]
          : [
            p.phase.name, "\(p.sessions)", clock(p.budget), clock(p.median), clock(p.p90),
            percent(p.overrunRate), clock(p.meanOverrun), clock(p.worstOverrun),
          ])
    }
    let lines = table(
      header + ["trend", "overrun by session"],
      rows.enumerated().map { i, row in
        let p = st.phases[i]
        return row + [
          TrendText.short(p.overrunTrend, .time), Stats.sparkline(Array(p.overruns.suffix(30))),
        ]
      })
    out += lines
    out.append("")
    out.append(
      "drill began at \(st.drillStartMedian.map(clock) ?? "-") (median); "
        + "late in \(st.drillLateShare.map(percent) ?? "-") of the sessions that reached it")
    out.append(
      "ops reached in \(st.reachedOpsShare.map(percent) ?? "-") of sessions; "
        + "compressed close called \(st.compressedCloses) time\(st.compressedCloses == 1 ? "" : "s")"
    )
    if !st.interjections.isEmpty {
      out.append("")
      out += table(
        ["interjection", "fired", "acknowledged", "median to ack", "median to re-plan"],
        st.interjections.map {
          [
            $0.kind.rawValue, "\($0.fired)", "\($0.acknowledged)",
            $0.medianToAcknowledge.map(clock) ?? "-", $0.medianToReplan.map(clock) ?? "-",
          ]
        })
    }
    out.append("")
    out.append(
      "marks per session: "
        + ["reset", "error_caught", "checkin", "recovery"].map {
          "\($0) \(String(format1: st.marksPerSession[$0] ?? 0))"
        }.joined(separator: ", "))
    for (source, marks) in st.marksBySource.sorted(by: { $0.key < $1.key }) {
      out.append(
        "marked by \(source == "ctl" ? "ctl" : "the " + source): "
          + marks.sorted(by: { $0.key < $1.key }).map { "\($0.key) \(String(format1: $0.value))" }
          .joined(separator: ", "))
    }
    let c = st.composure
    if c.pushbacks > 0 {
      out.append("")
      out.append(
        "pushback: \(c.pushbacks) · \(c.answerLine)"
          + (c.medianAfter.map { " · answered in \(clock($0)) (median)" } ?? ""))
      if let fix = c.toFix { out.append(fix) }
    }
    if c.targets > 0 {
      out.append("check-in target met in \(c.targetsMet) of \(c.targets) sessions")
    }
    if st.scores.contains(where: { $0.count > 0 }) {
      out.append("")
      out += table(
        ["self-score", "debriefs", "mean", "trend"],
        st.scores.map {
          [
            $0.dimension.title, "\($0.count)", $0.mean.map { String(format1: $0) } ?? "-",
            TrendText.short($0.scoreTrend, .score),
          ]
        })
    }
    for i in st.interviewers {
      out.append("")
      out += table(
        [
          "scored by \(i.name ?? "an unnamed interviewer") (\(i.sessions))", "mean", "trend",
          "you less them",
        ],
        i.dimensions.map {
          [
            $0.dimension.title, $0.mean.map { String(format1: $0) } ?? "-",
            TrendText.short($0.trend, .score),
            $0.meanGap.map { ($0 > 0 ? "+" : "") + String(format1: $0) } ?? "-",
          ]
        })
    }
    return out
  }

  static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

  /// Left-aligned columns, two spaces apart.
  public static func table(_ header: [String], _ rows: [[String]]) -> [String] {
    let all = [header] + rows
    let widths = header.indices.map { i in all.map { $0[i].columns }.max() ?? 0 }
    return all.map { row in
      row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padding(widths[i]) }
        .joined(separator: "  ")
    }
  }
}

extension String {
  /// Padded with spaces to `width` columns (on the left when `left`).
  func padding(_ width: Int, left: Bool = false) -> String {
    let pad = String(repeating: " ", count: max(0, width - columns))
    return left ? pad + self : self + pad
  }

  /// One decimal place, without Foundation.
  init(format1 value: Double) {
    let tenths = Int((value * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    self = "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
  }
}
