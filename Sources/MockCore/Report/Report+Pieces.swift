import Foundation

/// The pieces every report page is built of: runs of sessions, medians, tables, figures.
extension Report {
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

  /// The session's audio, played by the browser (no script), and a link to each chapter's
  /// moment in it as a media fragment (`file.mka#t=12.3`).
  static func listening(
    _ records: [Record], track: AudioTrack, audio: (url: String, length: Millis)
  ) -> Markup {
    let chapters = Chapters.of(records, track: track, length: audio.length)
    let items = chapters.map { chapter in
      let seconds = "\(chapter.start / 1000).\(String(format: "%03d", chapter.start % 1000))"
      let at = DurationText.clock(track.sessionTime(chapter.start))
      return el(
        "li", [], el("a", [("href", "\(audio.url)#t=\(seconds)")], text: "\(at) \(chapter.title)"))
    }
    return el(
      "div", [("class", "audio")],
      el(
        "audio", [("controls", "controls"), ("preload", "metadata"), ("src", audio.url)], text: ""),
      el("p", text: "Each chapter at its moment in the recording (session time):"),
      el("ol", [("class", "chapters")], items))
  }

  static func section(_ heading: String, _ content: Markup) -> Markup {
    el("section", [], el("h2", text: heading), content)
  }
}
