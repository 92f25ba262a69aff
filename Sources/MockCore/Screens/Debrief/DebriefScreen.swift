extension Screen {
  /// The debrief form at `size`: a heading, one row per field (the focused one marked), and the
  /// keys. Rows scroll to keep the focused field in view on a short terminal.
  public static func render(_ form: DebriefForm, size: Size, colors: Bool = true) -> Frame {
    var frame = Frame(size: size)
    let (w, h) = (size.width, size.height)
    guard w > 0, h > 0 else { return frame }
    var top = 0
    if h >= 8 {
      Header.draw(
        into: &frame, badge: form.byInterviewer ? " SCORES " : " DEBRIEF ", title: form.title)
      frame.put(" " + form.summary.clipped(to: max(0, w - 1)), x: 0, y: 1, style: Style(dim: true))
      Rule.draw(into: &frame, y: 2)
      top = 3
      if h >= 14 {
        let ask =
          form.byInterviewer
          ? " Score the candidate from 1 (weak) to 5 (strong); blank is fine."
          : " Score yourself from 1 (weak) to 5 (strong); blank is fine."
        frame.put(ask.clipped(to: w), x: 0, y: 3)
        top = 5
      }
    }
    var bottom = h
    if h >= 4 {
      bottom = h - 1
      Hints.draw(
        into: &frame,
        "↑↓ move · 1-5 score · ←→ change · type · Enter next (last row saves) · Esc skip",
        "↑↓ move 1-5 ←→ Enter Esc skip", "Esc skip", "")
    }
    let rows = bottom - top
    guard rows > 0 else { return colors ? frame : frame.withoutTones() }
    let fields = DebriefForm.Field.allCases
    // The focused field stays in view.
    let first = max(0, min(form.field.rawValue - rows / 2, fields.count - rows))
    let labelWidth = min(30, max(8, w / 2 - 2))
    for (offset, field) in fields.dropFirst(first).prefix(rows).enumerated() {
      let y = top + offset
      let focused = field == form.field
      frame.put(focused ? "▸" : " ", x: 0, y: y, style: Style(bold: true, tone: .accent))
      frame.put(
        field.label.clipped(to: labelWidth), x: 2, y: y, style: Style(bold: focused))
      // Scores are drawn " 1 2 3…": other values start under the first digit.
      let x = 2 + labelWidth + 1
      let room = w - x - 1
      guard room > 0 else { continue }
      if let dimension = field.dimension {
        var at = x
        let chosen = form.debrief.scores[dimension]
        for score in 1...5 where at + 2 <= w {
          let style =
            score == chosen ? Style(bold: true, reverse: true, tone: .accent) : Style(dim: true)
          at = frame.put(" \(score)", x: at, y: y, style: style)
        }
      } else if field == .overran {
        let name = form.debrief.overran?.name ?? "none"
        frame.put(
          (focused ? "◂ \(name) ▸" : name).clipped(to: room), x: x + 1, y: y,
          style: Style(bold: focused))
      } else {
        let text = field == .why ? form.debrief.why : form.debrief.notes
        // The end of the text shows, where typing happens.
        let shown = focused ? tail(text, room - 1) + "█" : text.clipped(to: room)
        frame.put(shown, x: x + 1, y: y, style: focused ? .plain : Style(dim: true))
      }
    }
    return colors ? frame : frame.withoutTones()
  }

  /// The last `width` columns of `text`.
  static func tail(_ text: String, _ width: Int) -> String {
    guard width > 0 else { return "" }
    var kept = String.UnicodeScalarView()
    var used = 0
    for scalar in text.unicodeScalars.reversed() {
      if used + scalar.columns > width { break }
      used += scalar.columns
      kept.insert(scalar, at: kept.startIndex)
    }
    return String(kept)
  }
}
