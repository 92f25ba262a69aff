/// How banners read and how they are drawn: a reverse-video bar with a label, what happened,
/// and one line naming the move that answers it.
enum Banners {
  static func label(_ kind: CueKind) -> String {
    switch kind {
    case .pivot: "PIVOT"
    case .pushback: "PUSHBACK"
    case .curveball: "CURVEBALL"
    case .silence: "SILENCE"
    case .checkin: "CHECK-IN"
    case .lastStretch: "LAST 90 S"
    case .oneMinute: "1 MIN LEFT"
    case .clarifyOver: "CLARIFY OVER"
    case .drillLate: "DRILL LATE"
    case .compressedClose: "CLOSE NOW"
    case .checkinReminder: "CHECK IN"
    }
  }

  /// What happened: the interviewer's words for an interjection, ours for a coaching cue.
  static func message(_ banner: Banner) -> String {
    if let text = banner.text { return text }
    switch banner.kind {
    case .lastStretch: return "The last 90 seconds: time for your questions to the interviewer."
    case .oneMinute: return "One minute left in \(banner.phase?.name ?? "this phase")."
    case .clarifyOver: return "Clarify has used its whole budget."
    case .drillLate: return "By the plan, the drill should have started by now."
    case .compressedClose: return "Ops has not begun and the plan is nearly spent."
    case .checkinReminder: return "A long stretch of design and drill without checking in."
    default: return ""
    }
  }

  /// The move that answers it, in one line.
  static func move(_ kind: CueKind) -> String {
    switch kind {
    case .pivot:
      "Say it back, keep what still holds, change what must, drill the change."
    case .pushback:
      "Don't fold or dig in: restate your reason, ask what constraint they mean."
    case .curveball:
      "Invent no figures: say how you'd measure it, state an assumption, go on."
    case .silence:
      "Brief: let them think. Long: draw, go a level deeper, or ask if it lands."
    case .checkin:
      "Ask whether this is where they want the time to go."
    case .lastStretch:
      "Ask specifics: their worst bottleneck, a recent incident, early success."
    case .oneMinute:
      "Land the point you are on and say what comes next."
    case .clarifyOver:
      "Read your assumptions back in one sentence, get a nod, go to the numbers."
    case .drillLate:
      "Close the diagram; pick the component that matters most and go deep."
    case .compressedClose:
      "Compressed close: a minute on scaling, metrics, rollout, failure modes."
    case .checkinReminder:
      "Ask: is this the direction you want, or should I go deeper elsewhere?"
    }
  }

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
      " \(label(newest.kind)) ", x: area.x > 0 ? area.x - 1 : 0, y: area.y,
      style: Style(bold: true, reverse: true, tone: tone(newest.kind)))
    var notes: [String] = []
    if let late = newest.late { notes.append("came \(DurationText.clock(late)) late") }
    if waiting.count > 1 { notes.append("+\(waiting.count - 1) more") }
    let keys = newest.kind == .pivot && replan ? "a got it · r re-planned " : "a got it "
    let shortKeys = "a "
    for note in notes where x + note.columns + 3 + shortKeys.columns <= w {
      x = frame.put("· " + note + " ", x: x, y: area.y, style: barStyle)
    }
    let right = [keys, shortKeys].first { x + $0.columns <= w } ?? ""
    frame.put(right, x: w - right.columns, y: area.y, style: barStyle)

    var y = area.y + 1
    let bottom = area.y + area.height
    let words = message(newest).split(separator: " ").map(String.init)
    let moveLines = TextLayout.wrap(
      move(newest.kind).split(separator: " ").map(String.init), width: area.width, lead: "→ ",
      hang: "  ")
    // The message and the move share the rows under the bar: the message gives up lines first
    // (to one), then the move; a cut line ends with an ellipsis.
    var text = TextLayout.wrap(words, width: area.width)
    var (textRows, moveRows) = (min(3, text.count), moveLines.count)
    let rows = bottom - y
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
    for line in cut(moveLines, to: moveRows) where y < bottom {
      frame.put(line, x: area.x, y: y, style: Style(tone: .accent))
      y += 1
    }
    for older in waiting.dropFirst() where y < bottom {
      let tag = label(older.kind)
      let end = frame.put(
        tag, x: area.x, y: y, style: Style(bold: true, tone: tone(older.kind)))
      let rest = area.x + area.width - end - 2
      if rest > 0 { frame.put(message(older).clipped(to: rest), x: end + 2, y: y) }
      y += 1
    }
    return y - area.y
  }
}
