import Foundation

/// A linear map from data values to pixels.
public struct Scale: Equatable, Sendable {
  public var domain: ClosedRange<Double>
  /// The pixels `domain` maps onto, from its lower bound to its upper: for a vertical axis the
  /// start is the bottom, so it is the larger number.
  public var range: (start: Double, end: Double)

  public init(domain: ClosedRange<Double>, range: (Double, Double)) {
    self.domain = domain
    self.range = (range.0, range.1)
  }

  public static func == (a: Scale, b: Scale) -> Bool {
    a.domain == b.domain && a.range == b.range
  }

  public func callAsFunction(_ value: Double) -> Double {
    let span = domain.upperBound - domain.lowerBound
    guard span > 0 else { return range.start }
    let share = (value - domain.lowerBound) / span
    return range.start + share * (range.end - range.start)
  }

  /// Steps of time an axis may use: the first that gives at most `count` ticks up to `top`.
  public static func timeTicks(upTo top: Millis, count: Int = 6) -> [Millis] {
    let steps: [Millis] = [
      5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
      3_600_000, 7_200_000,
    ]
    let step = steps.first { top / $0 < Millis(count) } ?? (top / Millis(count) + 1)
    return stride(from: 0, through: top, by: Int(step)).map { $0 }
  }
}

/// The report's charts, each an SVG with `role="img"`, a `<title>` and a `<desc>`, and a
/// `<title>` on every mark; the numbers go in a table beside it (`Report`).
public enum Chart {
  /// A number for SVG: at most one decimal, no trailing zero.
  static func n(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }

  /// The hatching that marks time over a budget, so overrun is never colour alone.
  static func defs(_ id: String) -> Markup {
    el(
      "defs", [],
      el(
        "pattern",
        [
          ("id", "hatch-\(id)"), ("width", "6"), ("height", "6"),
          ("patternUnits", "userSpaceOnUse"), ("patternTransform", "rotate(45)"),
        ],
        el("rect", [("class", "hatch-bg"), ("width", "6"), ("height", "6")]),
        el("line", [("class", "hatch-line"), ("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6")])))
  }

  static func svg(
    id: String, width: Double, height: Double, title: String, desc: String, _ body: [Markup]
  ) -> Markup {
    el(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"), ("role", "img"),
        ("aria-labelledby", "t-\(id) d-\(id)"), ("viewBox", "0 0 \(n(width)) \(n(height))"),
        ("width", n(width)), ("height", n(height)),
      ],
      [
        el("title", [("id", "t-\(id)")], text: title), el("desc", [("id", "d-\(id)")], text: desc),
        defs(id),
      ] + body)
  }

  static func text(
    _ words: String, x: Double, y: Double, anchor: String = "start", class name: String = "label"
  ) -> Markup {
    el(
      "text", [("x", n(x)), ("y", n(y)), ("text-anchor", anchor), ("class", name)], text: words)
  }

  static func rect(
    x: Double, y: Double, width: Double, height: Double, class name: String, fill: String? = nil,
    title: String? = nil
  ) -> Markup {
    var attributes = [
      ("x", n(x)), ("y", n(y)), ("width", n(max(0, width))), ("height", n(max(0, height))),
      ("class", name),
    ]
    if let fill { attributes.append(("fill", fill)) }
    return el("rect", attributes, title.map { [el("title", text: $0)] } ?? [])
  }

  static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class name: String)
    -> Markup
  {
    el(
      "line", [("x1", n(x1)), ("y1", n(y1)), ("x2", n(x2)), ("y2", n(y2)), ("class", name)])
  }

  /// A time axis along the bottom, with a grid line at each tick.
  static func timeAxis(_ scale: Scale, top: Millis, y: Double, gridFrom: Double) -> [Markup] {
    var out: [Markup] = [line(scale.range.start, y, scale.range.end, y, class: "axis")]
    for tick in Scale.timeTicks(upTo: top) {
      let x = scale(Double(tick))
      out.append(line(x, gridFrom, x, y, class: "grid"))
      out.append(text(DurationText.clock(tick), x: x, y: y + 14, anchor: "middle", class: "tick"))
    }
    return out
  }

  // MARK: - Phases against budgets

  /// One horizontal bar per phase: the budget as an outline, the time spent filled, and the
  /// time over the budget hatched and labelled.
  public static func phases(_ phases: [SessionSummary.PhaseTime], id: String) -> Markup {
    let left = 80.0
    let right = 600.0
    let row = 30.0
    let top = phases.map { max($0.budget, $0.actual) }.max() ?? 1
    let scale = Scale(domain: 0...Double(max(top, 1)), range: (left, right))
    let axisY = 10 + Double(phases.count) * row + 4
    // The axis and its grid first, so the bars are drawn over them.
    var body = timeAxis(scale, top: top, y: axisY, gridFrom: 6)
    for (index, p) in phases.enumerated() {
      let y = 10 + Double(index) * row
      body.append(text(p.phase.name, x: left - 8, y: y + 15, anchor: "end"))
      body.append(
        rect(
          x: left, y: y + 2, width: scale(Double(p.budget)) - left, height: 18, class: "budget",
          title: "\(p.phase.name): budget \(DurationText.clock(p.budget))"))
      guard p.reached else {
        body.append(text("not reached", x: scale(Double(p.budget)) + 6, y: y + 15, class: "note"))
        continue
      }
      let within = min(p.actual, p.budget)
      body.append(
        rect(
          x: left, y: y + 5, width: scale(Double(within)) - left, height: 12, class: "within",
          title: "\(p.phase.name): \(DurationText.clock(p.actual)) spent"))
      var label = DurationText.clock(p.actual)
      if p.overrun > 0 {
        body.append(
          rect(
            x: scale(Double(p.budget)), y: y + 5,
            width: scale(Double(p.actual)) - scale(Double(p.budget)), height: 12, class: "over",
            fill: "url(#hatch-\(id))",
            title: "\(p.phase.name): \(DurationText.clock(p.overrun)) over its budget"))
        label += " (+\(DurationText.clock(p.overrun)) over)"
      }
      body.append(
        text(label, x: scale(Double(max(p.actual, p.budget))) + 6, y: y + 15, class: "value"))
    }
    let over = phases.filter { $0.overrun > 0 }.map {
      "\($0.phase.name) \(DurationText.clock($0.overrun)) over"
    }
    return svg(
      id: id, width: 760, height: axisY + 22, title: "Time in each phase against its budget",
      desc: over.isEmpty
        ? "Every phase reached kept within its budget."
        : "Over budget: " + over.joined(separator: ", ") + ".",
      body)
  }

  // MARK: - Bars by session

  /// One bar per session, oldest first, on a shared scale: the part past `limit` (a budget, the
  /// plan's drill start) hatched, and the limits joined as a stepped line.
  public struct Series: Sendable {
    public var label: String
    /// Per session: the value (nil: not reached) and the limit it is held to, if any.
    public var values: [(value: Double?, limit: Double?)]
    public init(label: String, values: [(value: Double?, limit: Double?)]) {
      self.label = label
      self.values = values
    }
  }

  /// Small multiples: one panel per series, one bar per session. `format` writes a value.
  public static func bySession(
    _ series: [Series], sessions: [String], id: String, title: String, desc: String,
    time: Bool, over: String = "over", shared: Bool = false
  ) -> Markup {
    let left = 110.0
    let right = 730.0
    let panel = 64.0
    let count = max(1, sessions.count)
    let slot = (right - left) / Double(count)
    let barWidth = max(0.6, slot * 0.7)
    func words(_ value: Double) -> String {
      time ? DurationText.clock(Millis(value)) : Chart.n(value)
    }
    var body: [Markup] = []
    // One scale for every panel when `shared`, so that panels compare by eye.
    let tallest = series.flatMap(\.values).map { max($0.value ?? 0, $0.limit ?? 0) }.max() ?? 0
    for (index, s) in series.enumerated() {
      let top = 8 + Double(index) * (panel + 14)
      let bottom = top + panel
      let highest =
        shared ? tallest : s.values.map { max($0.value ?? 0, $0.limit ?? 0) }.max() ?? 0
      let scale = Scale(domain: 0...max(highest, time ? 60_000 : 1), range: (bottom, top))
      body.append(text(s.label, x: left - 8, y: top + 14, anchor: "end"))
      body.append(
        text(
          "top \(words(scale.domain.upperBound))", x: left - 8, y: top + 28, anchor: "end",
          class: "tick"))
      body.append(line(left, bottom, right, bottom, class: "axis"))
      var step: [String] = []
      for (i, v) in s.values.enumerated() {
        let x = left + Double(i) * slot + (slot - barWidth) / 2
        if let limit = v.limit {
          let y = scale(limit)
          step.append(
            "\(n(left + Double(i) * slot)),\(n(y)) \(n(left + Double(i + 1) * slot)),\(n(y))")
        }
        // No bar for nothing: a zero has no height to hover on, and costs bytes at scale.
        guard let value = v.value, value > 0 else { continue }
        let within = min(value, v.limit ?? value)
        let name = "\(sessions[i]) \(s.label): \(words(value))"
        body.append(
          rect(
            x: x, y: scale(within), width: barWidth, height: bottom - scale(within),
            class: "within", title: v.limit.map { name + " of \(words($0))" } ?? name))
        if let limit = v.limit, value > limit {
          body.append(
            rect(
              x: x, y: scale(value), width: barWidth, height: scale(limit) - scale(value),
              class: "over", fill: "url(#hatch-\(id))",
              title: "\(sessions[i]) \(s.label): \(words(value - limit)) \(over)"))
        }
      }
      if !step.isEmpty {
        body.append(
          el("polyline", [("points", step.joined(separator: " ")), ("class", "limit")]))
      }
    }
    // The sessions under the last panel: the first, the last, and a few between, so a bar
    // can be found by its date without hovering.
    let axis = 8 + Double(series.count) * (panel + 14)
    let marks =
      count <= 1
      ? [0] : Array(Set(stride(from: 0, to: count, by: max(1, count / 4)) + [count - 1])).sorted()
    for i in marks where i < sessions.count {
      let x = left + (Double(i) + 0.5) * slot
      let anchor = i == 0 && count > 1 ? "start" : i == count - 1 && count > 1 ? "end" : "middle"
      let label = sessions[i].split(separator: " to ").last.map(String.init) ?? sessions[i]
      body.append(line(x, axis - 14, x, axis - 10, class: "axis"))
      body.append(
        text(
          String(label.prefix(10)),
          x: anchor == "start" ? x - slot * 0.35 : anchor == "end" ? x + slot * 0.35 : x,
          y: axis + 4, anchor: anchor, class: "tick"))
    }
    let height = axis + 12
    return svg(id: id, width: 760, height: height, title: title, desc: desc, body)
  }

  // MARK: - Labelled bars

  /// Horizontal bars, one per row, on a shared time scale; with `limit`, a dashed line at it;
  /// the rows in `failed` hatched, so a miss is not told by colour alone.
  public static func labelled(
    _ rows: [(label: String, value: Millis)], id: String, title: String, desc: String,
    limit: Millis? = nil, failed: Set<Int> = []
  ) -> Markup {
    let left = 200.0
    let right = 640.0
    let row = 24.0
    let top = max(rows.map(\.value).max() ?? 0, limit ?? 0, 10_000)
    let scale = Scale(domain: 0...Double(top), range: (left, right))
    let axisY = 8 + Double(rows.count) * row + 4
    var body = timeAxis(scale, top: top, y: axisY, gridFrom: 4)
    for (index, r) in rows.enumerated() {
      let y = 8 + Double(index) * row
      body.append(text(r.label, x: left - 8, y: y + 14, anchor: "end"))
      let missed = failed.contains(index)
      body.append(
        rect(
          x: left, y: y + 3, width: scale(Double(r.value)) - left, height: 14,
          class: missed ? "over" : "within", fill: missed ? "url(#hatch-\(id))" : nil,
          title: "\(r.label): \(DurationText.clock(r.value))" + (missed ? ", not a pass" : "")))
      body.append(
        text(
          DurationText.clock(r.value) + (missed ? " ✗" : ""), x: scale(Double(r.value)) + 6,
          y: y + 14, class: "value"))
    }
    if let limit {
      body.append(
        el(
          "polyline",
          [
            ("points", "\(n(scale(Double(limit)))),4 \(n(scale(Double(limit)))),\(n(axisY))"),
            ("class", "limit"),
          ]))
    }
    return svg(id: id, width: 760, height: axisY + 22, title: title, desc: desc, body)
  }

  /// Horizontal bars, one per row, on a scale of days (a card's stability): ticks a whole
  /// number of days apart, values to a tenth of a day.
  public static func labelledDays(
    _ rows: [(label: String, days: Double)], id: String, title: String, desc: String
  ) -> Markup {
    let left = 200.0
    let right = 640.0
    let row = 24.0
    let highest = max(rows.map(\.days).max() ?? 0, 1)
    let step = [1.0, 2, 5, 7, 14, 30, 60, 90, 180, 365].first { highest / $0 <= 6 } ?? 365
    let top = (highest / step).rounded(.up) * step
    let scale = Scale(domain: 0...top, range: (left, right))
    let axisY = 8 + Double(rows.count) * row + 4
    var body: [Markup] = [line(left, axisY, right, axisY, class: "axis")]
    for tick in stride(from: 0.0, through: top, by: step) {
      body.append(line(scale(tick), 4, scale(tick), axisY, class: "grid"))
      body.append(
        text("\(n(tick)) d", x: scale(tick), y: axisY + 14, anchor: "middle", class: "tick"))
    }
    func words(_ days: Double) -> String { "\(n(days)) day\(days == 1 ? "" : "s")" }
    for (index, r) in rows.enumerated() {
      let y = 8 + Double(index) * row
      body.append(text(r.label, x: left - 8, y: y + 14, anchor: "end"))
      body.append(
        rect(
          x: left, y: y + 3, width: scale(r.days) - left, height: 14, class: "within",
          title: "\(r.label): \(words(r.days))"))
      body.append(text(words(r.days), x: scale(r.days) + 6, y: y + 14, class: "value"))
    }
    return svg(id: id, width: 760, height: axisY + 22, title: title, desc: desc, body)
  }

  // MARK: - Scores over time

  /// One panel per dimension, scores 1-5 by debrief: the candidate's as circles on a solid
  /// line, the interviewer's as squares on a dashed one.
  public static func scores(
    _ panels: [(label: String, mine: [Double?], theirs: [Double?])], sessions: [String],
    id: String
  ) -> Markup {
    let left = 200.0
    let right = 730.0
    let panel = 60.0
    let slot = (right - left) / Double(max(1, sessions.count))
    var body: [Markup] = []
    for (index, p) in panels.enumerated() {
      let top = 12 + Double(index) * (panel + 26)
      let scale = Scale(domain: 1...5, range: ((top + panel), top))
      body.append(text(p.label, x: left - 30, y: top + panel / 2 + 4, anchor: "end"))
      for score in [1.0, 3, 5] {
        body.append(line(left, scale(score), right, scale(score), class: "grid"))
        body.append(text(n(score), x: left - 8, y: scale(score) + 4, anchor: "end", class: "tick"))
      }
      for (who, values, shape) in [("self", p.mine, "mine"), ("interviewer", p.theirs, "theirs")] {
        var points: [String] = []
        for (i, value) in values.enumerated() {
          guard let value else { continue }
          let x = left + (Double(i) + 0.5) * slot
          let y = scale(value)
          points.append("\(n(x)),\(n(y))")
          let tip = "\(sessions[i]) \(p.label), \(who): \(n(value))/5"
          if shape == "mine" {
            body.append(
              el(
                "circle", [("cx", n(x)), ("cy", n(y)), ("r", "3.5"), ("class", "mine")],
                el("title", text: tip)))
          } else {
            body.append(
              rect(x: x - 3.5, y: y - 3.5, width: 7, height: 7, class: "theirs", title: tip))
          }
        }
        if points.count > 1 {
          body.append(
            el("polyline", [("points", points.joined(separator: " ")), ("class", "\(shape)-line")]))
        }
      }
    }
    let height = 12 + Double(panels.count) * (panel + 26)
    return svg(
      id: id, width: 760, height: height, title: "Debrief scores over time, by dimension",
      desc: "Each panel is one dimension scored 1 to 5; circles on a solid line are your own "
        + "scores, squares on a dashed line the interviewer's.", body)
  }
}
