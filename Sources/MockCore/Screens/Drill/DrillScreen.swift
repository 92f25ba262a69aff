/// The estimation drill's screen: a clock, the problem, one field per step; then the result
/// and the worked chain; then the summary. Full size from 60x20, compact below it.
public enum DrillScreen {
  public static func render(_ drill: EstimateDrill, at now: Instant, size: Size) -> Frame {
    var frame = Frame(size: size)
    let (w, h) = (size.width, size.height)
    let wide = w >= 60 && h >= 20
    let elapsed = drill.elapsed(at: now)
    let limit = drill.info.limit
    let late = elapsed > limit
    let clock = ClockText.taken(elapsed, limit: limit)
    var title = "estimate drill"
    // The step of the problem up; nil once the summary is up.
    let step = drill.isSummary ? nil : drill.step
    if step == nil {
      title += " · done"
    } else {
      title += " · \(drill.index + 1) of \(drill.problems.count) · \(drill.problem.kind.title)"
    }
    let right: String
    switch step {
    case .asking?:
      right = wide ? "limit \(DurationText.clock(limit))" : clock + (late ? " LATE" : "")
    case .answered?, nil: right = drill.info.seed.map { "seed \($0)" } ?? ""
    }
    Header.draw(into: &frame, title: title, right: right)
    if wide {
      Rule.draw(into: &frame, y: 1)
      Rule.draw(into: &frame, y: h - 2)
    }
    var y = wide ? 3 : 2
    switch step {
    case .asking?:
      let tone: Tone = late ? .over : elapsed * 4 > limit * 3 ? .warn : .ok
      if drill.reading {
        reading(&frame, drill, from: wide ? 3 : 1, wide: wide)
        break
      }
      // Compact, the clock and LATE are in the header: the rows go to the problem.
      if wide {
        let badge =
          late
          ? " LATE: past the \(DurationText.clock(limit)) limit "
          : tone == .warn ? " last quarter of \(DurationText.clock(limit)) " : " on time "
        // The big clock only when the whole problem fits under it; else one line, and the
        // rows go to the problem (80x24 keeps every figure and the question on screen).
        let digits = BigDigits.rows(clock, font: BigDigits.large)
        if y + digits.count + 3 + formHeight(drill, width: w, margin: 2) <= h - 2 {
          for row in digits {
            frame.center(row, y: y, style: Style(bold: true, tone: tone))
            y += 1
          }
          y += 1
          frame.center(badge, y: y, style: Style(bold: true, reverse: true, tone: tone))
        } else {
          frame.center(
            " \(clock) ·" + badge, y: y - 1, style: Style(bold: true, reverse: true, tone: tone))
          y -= 2
        }
        y += 2
      } else {
        y = 1
      }
      form(&frame, drill, from: y, wide: wide)
    case .answered(let result)?:
      answered(&frame, drill, result, from: y, wide: wide)
    case nil:
      summary(&frame, drill, from: y)
    }
    hints(&frame, drill, wide: wide)
    overlay(&frame, drill)
    return frame
  }

  /// The rows the problem's text and its form take, with the gap between them.
  static func formHeight(_ drill: EstimateDrill, width: Int, margin: Int) -> Int {
    let text = drill.problem.text.reduce(0) {
      $0
        + TextLayout.wrap($1.split(separator: " ").map(String.init), width: width - 2 * margin)
        .count
    }
    return text + 1 + drill.problem.kind.steps.count + 1
  }

  /// The problem's text, then a field per step; the text gives way to the fields.
  static func form(_ frame: inout Frame, _ drill: EstimateDrill, from top: Int, wide: Bool) {
    let (w, h) = (frame.size.width, frame.size.height)
    let margin = wide ? 2 : 1
    let steps = drill.problem.kind.steps
    let bottom = h - (wide ? 2 : 1)
    let formRows = steps.count + 1
    func wrapped(_ paragraphs: [String]) -> [String] {
      paragraphs.flatMap {
        TextLayout.wrap($0.split(separator: " ").map(String.init), width: w - 2 * margin)
      }
    }
    // The question is the last paragraph: when the text is cut, it is the rest that gives way.
    let question = wrapped(Array(drill.problem.text.suffix(1)))
    let body = wrapped(Array(drill.problem.text.dropLast()))
    let room = max(0, bottom - top - formRows - 1)
    var y = top
    let cut = body.count + question.count > room
    let shown =
      !cut
      ? body + question
      : room > question.count
        ? Array(body.prefix(room - question.count)) + question
        : Array((body + question).prefix(room))
    let marked = cut ? (room > question.count ? room - question.count - 1 : room - 1) : -1
    for (index, line) in shown.enumerated() {
      frame.put(line, x: margin, y: y, style: Style(bold: cut && index > marked))
      if index == marked {
        let more = " (Tab: all of it)"
        frame.put(more, x: max(margin, w - margin - more.count), y: y, style: Style(dim: true))
      }
      y += 1
    }
    y += 1
    let labelWidth = min(steps.map(\.label.count).max() ?? 10, w / 2 - 2)
    for (index, step) in steps.enumerated() where y < bottom {
      let last = index == steps.count - 1
      let label = step.label.clipped(to: labelWidth)
      let x = margin + labelWidth - label.count
      frame.put(label, x: x, y: y, style: Style(bold: last))
      let focused = index == drill.focus
      let boxWidth = max(6, min(20, w - margin - labelWidth - 6))
      var shown = drill.fields[index]
      if focused { shown += "_" }
      // Longer than the box, the end of what is typed shows: the digits being typed.
      let tail = String(shown.suffix(boxWidth - 2))
      let box = "[" + tail.padded(to: boxWidth - 2) + "]"
      frame.put(
        box, x: margin + labelWidth + 2, y: y, style: Style(bold: focused, reverse: focused))
      if last, margin + labelWidth + 2 + boxWidth + 11 <= w {
        frame.put(
          " the answer", x: margin + labelWidth + 2 + boxWidth, y: y, style: Style(dim: true))
      }
      y += 1
    }
    if let refusal = drill.refusal, y < bottom {
      frame.put(
        refusal.clipped(to: w - 2 * margin), x: margin, y: y, style: Style(bold: true, tone: .over))
    }
  }

  /// The problem's whole text, for a window too small to show it with the form.
  static func reading(_ frame: inout Frame, _ drill: EstimateDrill, from top: Int, wide: Bool) {
    let margin = wide ? 2 : 1
    var y = top
    for paragraph in drill.problem.text {
      for line in TextLayout.wrap(
        paragraph.split(separator: " ").map(String.init), width: frame.size.width - 2 * margin)
      where y < frame.size.height - 1 {
        frame.put(line, x: margin, y: y)
        y += 1
      }
    }
  }

  static func answered(
    _ frame: inout Frame, _ drill: EstimateDrill, _ r: EstimateResult, from top: Int, wide: Bool
  ) {
    let (w, h) = (frame.size.width, frame.size.height)
    let margin = wide ? 2 : 1
    let bottom = h - (wide ? 2 : 1)
    let verdict = r.pass ? "PASS" : "NOT A PASS"
    let head = "\(verdict) · \(r.ratioText) · \(r.band.name)"
    var rows: [(String, Style)] = [
      (head.clipped(to: w - 2 * margin), Style(bold: true, tone: r.pass ? .ok : .over))
    ]
    var when = "answered in \(DurationText.clock(r.elapsed)) of \(DurationText.clock(r.limit))"
    if !r.pass { when += r.elapsed > r.limit ? " (too late to pass)" : " (a pass is within 1.5x)" }
    rows.append((when.clipped(to: w - 2 * margin), Style(dim: true)))
    if wide { rows.append(("", .plain)) }
    var lines: [(String, Style)] = []
    let steps = drill.problem.kind.steps
    for (index, step) in steps.enumerated() {
      guard let right = r.stepsRight[index] else { continue }
      let mark = right ? "right" : "off"
      let expected =
        index == steps.count - 1
        ? drill.problem.targetText : NumberText.short(drill.problem.expected[index])
      lines.append(
        (
          "\(step.label): \(r.typed[index]) (\(mark); \(expected))",
          Style(tone: right ? .ok : .over)
        ))
    }
    if let diagnosis = r.diagnosis {
      lines.append(("Likely slip: \(diagnosis)", Style(bold: true)))
    }
    if let answer = r.values.last ?? nil {
      lines.append(("Sanity: \(drill.problem.sanityRead(answer))", Style(dim: true)))
    }
    if drill.problem.sanity {
      lines.append(
        (
          "A sanity problem: its figures are implausible on purpose, and the move is to say so.",
          Style(bold: true, tone: .warn)
        ))
    }
    lines.append(("", .plain))
    for line in drill.problem.chain { lines.append(("  " + line, .plain)) }
    for (text, style) in lines {
      if text.isEmpty {
        rows.append(("", .plain))
        continue
      }
      for piece in TextLayout.wrap(
        text.split(separator: " ").map(String.init), width: w - 2 * margin
      )
      .prefix(3) {
        rows.append((piece, style))
      }
    }
    // Longer than the window, ↑↓ scroll it (never past its end).
    let room = max(1, bottom - top)
    let first = min(drill.scroll, max(0, rows.count - room))
    var y = top
    for (piece, style) in rows.dropFirst(first).prefix(room) {
      frame.put(piece, x: margin, y: y, style: style)
      y += 1
    }
  }

  /// Whether the answered screen runs past the window (the hint offers ↑↓).
  static func answeredRunsOver(_ drill: EstimateDrill, size: Size) -> Bool {
    guard case .answered(let r) = drill.step else { return false }
    let wide = size.width >= 60 && size.height >= 20
    let steps = r.stepsRight.compactMap { $0 }.count
    let chain = drill.problem.chain.count
    let rows = 2 + (wide ? 1 : 0) + steps + (r.diagnosis == nil ? 0 : 2) + 1 + chain
    return rows > size.height - (wide ? 5 : 3)
  }

  static func summary(_ frame: inout Frame, _ drill: EstimateDrill, from top: Int) {
    let (w, h) = (frame.size.width, frame.size.height)
    let margin = 2
    var y = top
    let done = drill.results.count
    frame.put(
      "\(drill.passes) of \(done) passed".clipped(to: w - 2 * margin), x: margin, y: y,
      style: Style(bold: true, tone: drill.passes == done ? .ok : .warn))
    y += 2
    for (index, r) in drill.results.enumerated() where y < h - 3 {
      let line =
        "\(index + 1). \(r.kind.title): \(r.ratioText), \(r.band.name), "
        + "\(DurationText.clock(r.elapsed)) · \(r.pass ? "pass" : "not a pass")"
      frame.put(
        line.clipped(to: w - 2 * margin), x: margin, y: y, style: Style(tone: r.pass ? .ok : .over))
      y += 1
    }
    if let slowest = drill.slowestKind, y + 1 < h - 2 {
      frame.put("Slowest: \(slowest.title).".clipped(to: w - 2 * margin), x: margin, y: y + 1)
    }
  }

  static func hints(_ frame: inout Frame, _ drill: EstimateDrill, wide: Bool) {
    let text: String
    switch drill.isSummary ? nil : drill.step {
    case .asking? where drill.reading: text = "Tab: back to the answer"
    case .asking?:
      text =
        wide
        ? "Enter next field · Enter on the answer submits · ↑↓ move · Esc clear · ? help · q quit"
        : "Enter next · Tab problem · ? help"
    case .answered?:
      let next = drill.index + 1 < drill.problems.count ? "next problem" : "the summary"
      let scrolls = answeredRunsOver(drill, size: frame.size)
      text = "Space \(next)" + (scrolls ? " · ↑↓ scroll" : "") + " · ? help · q quit"
    case nil: text = "q or Enter: done"
    }
    Hints.draw(into: &frame, text)
  }

  static let help = [
    "Estimation drill",
    "",
    "Work the chain step by step; each field is",
    "optional but the last, the answer.",
    "Numbers: 1200, 1,200, 55 600, 1.2k, ~3.5M,",
    "2B, 2e5, 30%; a unit after (80GB) is dropped.",
    "Up/Down scroll an answer too long to fit.",
    "Enter: next field; on the answer, submit.",
    "Up/Down: move between fields. Esc: clear one.",
    "Tab: the whole problem, in a small window.",
    "A pass: within 1.5x, inside the time limit.",
    "Ctrl-Z steps away; the clock stands still.",
    "",
    "Any key closes this.",
  ]

  static func overlay(_ frame: inout Frame, _ drill: EstimateDrill) {
    overlay(&frame, drill.overlay, help: help)
  }

  /// A drill's overlay, as the estimation and slip drills draw it: the quit question on the
  /// last row, or `help` in a reversed box.
  static func overlay<Kind>(_ frame: inout Frame, _ overlay: Drill<Kind>.Overlay?, help: [String]) {
    let (w, h) = (frame.size.width, frame.size.height)
    switch overlay {
    case nil: return
    case .confirmQuit:
      let text = "Quit the drill? y or q quits; any other key goes on"
      frame.put(String(repeating: " ", count: w), x: 0, y: h - 1, style: Style(reverse: true))
      frame.center(text.clipped(to: w), y: h - 1, style: Style(bold: true, reverse: true))
    case .help:
      let width = min(w - 2, (help.map(\.count).max() ?? 0) + 4)
      let rows = min(h - 2, help.count + 2)
      let x = (w - width) / 2
      let top = (h - rows) / 2
      for row in 0..<rows {
        frame.put(
          String(repeating: " ", count: width), x: x, y: top + row, style: Style(reverse: true))
      }
      for (index, line) in help.prefix(rows - 2).enumerated() {
        frame.put(
          line.clipped(to: width - 4), x: x + 2, y: top + 1 + index,
          style: Style(bold: index == 0, reverse: true))
      }
    }
  }
}
