/// How banners are drawn: a reverse-video bar with the kind's label, what happened, and one
/// line naming the move that answers it (the words are the domain's: `CueKind`, `Banner`).
enum Banners {
  static func tone(_ kind: CueKind) -> Tone {
    switch kind {
    case .lastStretch, .clarifyOver, .drillLate, .compressedClose: .over
    case .oneMinute: .accent
    default: .warn
    }
  }

  /// Draws the waiting banners, newest first, in `area`: the newest whole (a bar across the
  /// screen's width on the area's first row, its message, its move), older ones a line each
  /// while rows remain. Returns the rows used.
  @discardableResult
  static func draw(
    into frame: inout Frame, _ waiting: [Banner], in area: Screen.Area, replan: Bool
  ) -> Int {
    guard let newest = waiting.first, area.height > 0, area.width > 0 else { return 0 }
    let w = frame.size.width
    let barStyle = Style(reverse: true, tone: tone(newest.kind))
    frame.put(String(repeating: " ", count: w), x: 0, y: area.y, style: barStyle)
    var x = frame.put(
      " \(newest.kind.label) ", x: area.x > 0 ? area.x - 1 : 0, y: area.y,
      style: Style(bold: true, reverse: true, tone: tone(newest.kind)))
    var notes: [String] = []
    if let late = newest.late { notes.append("came \(DurationText.clock(late)) late") }
    if waiting.count > 1 { notes.append("+\(waiting.count - 1) more") }
    let keys: String
    let shortKeys: String
    if newest.kind == .pushback {
      // The answer keys; a pushback answered is one acknowledged.
      keys = PushbackAnswer.allCases.map { "\($0.key) \($0.short)" }.joined(separator: " · ") + " "
      shortKeys = "s v g "
    } else {
      keys = newest.kind == .pivot && replan ? "a got it · r re-planned " : "a got it "
      shortKeys = "a "
    }
    for note in notes where x + note.columns + 3 + shortKeys.columns <= w {
      x = frame.put("· " + note + " ", x: x, y: area.y, style: barStyle)
    }
    let right = [keys, shortKeys].first { x + $0.columns <= w } ?? ""
    frame.put(right, x: w - right.columns, y: area.y, style: barStyle)

    var y = area.y + 1
    let bottom = area.y + area.height
    let words = newest.message.split(separator: " ").map(String.init)
    let moveLines = TextLayout.wrap(
      newest.move.split(separator: " ").map(String.init), width: area.width, lead: "→ ",
      hang: "  ")
    // The message and the move share the rows under the bar: the message gives up lines first
    // (to one), then the move; a cut line ends with an ellipsis.
    var text = TextLayout.wrap(words, width: area.width)
    // The closing questions come before the move: they are what the candidate asks now.
    let questions = newest.questions.map { question in
      TextLayout.wrap(
        question.split(separator: " ").map(String.init), width: area.width, lead: "? ", hang: "  ")
    }
    var (textRows, moveRows) = (min(3, text.count), moveLines.count)
    // Whole questions only, as many as leave a row for the message and one for the move.
    var asked: [String] = []
    for lines in questions {
      guard asked.count + lines.count <= bottom - y - 2 else { break }
      asked += lines
    }
    let askedRows = asked.count
    let rows = bottom - y - askedRows
    while textRows + moveRows > rows, textRows > 1 { textRows -= 1 }
    while textRows + moveRows > rows, moveRows > 1 { moveRows -= 1 }
    func cut(_ lines: [String], to count: Int) -> [String] {
      guard lines.count > count, count > 0 else { return lines }
      var kept = Array(lines.prefix(count))
      kept[count - 1] = (kept[count - 1] + "…").clipped(to: area.width)
      return kept
    }
    text = cut(text, to: textRows)
    for line in text where y < bottom {
      frame.put(line, x: area.x, y: y, style: Style(bold: true))
      y += 1
    }
    for line in asked.prefix(askedRows) where y < bottom {
      frame.put(line, x: area.x, y: y, style: Style(bold: true, tone: .accent))
      y += 1
    }
    for line in cut(moveLines, to: moveRows) where y < bottom {
      frame.put(line, x: area.x, y: y, style: Style(tone: .accent))
      y += 1
    }
    for older in waiting.dropFirst() where y < bottom {
      let tag = older.kind.label
      let end = frame.put(
        tag, x: area.x, y: y, style: Style(bold: true, tone: tone(older.kind)))
      let rest = area.x + area.width - end - 2
      if rest > 0 { frame.put(older.message.clipped(to: rest), x: end + 2, y: y) }
      y += 1
    }
    return y - area.y
  }
}
