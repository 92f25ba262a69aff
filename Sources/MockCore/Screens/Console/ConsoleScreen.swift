/// The interviewer's console drawn: the clocks and strip on top, the deck with the schedule on
/// the left (or above, when narrow), everything only the interviewer sees on the right (or
/// below), and the keys or the line being typed at the bottom.
public enum ConsoleScreen {
  public static let minimum = Size(width: 40, height: 12)

  public static func render(_ console: Console, at now: Instant, size: Size, colors: Bool = true)
    -> Frame
  {
    var frame = Frame(size: size)
    let (w, h) = (size.width, size.height)
    if case .scoring(let form) = console.mode {
      return Screen.render(form, size: size, colors: colors)
    }
    if case .done = console.mode {
      Message.draw(into: &frame, ["Scores sent.", "", "q closes the console."])
      return frame
    }
    guard w >= minimum.width, h >= minimum.height else {
      TooSmall.draw(into: &frame, minimum: minimum)
      return frame
    }
    guard let session = console.session else {
      frame.center("waiting for the session…", y: h / 2)
      return frame
    }
    let at = console.sessionNow(now)
    let r = Readout(session, at: at)
    let wide = w >= 100
    Header.draw(
      into: &frame, badge: " INTERVIEWER ", title: session.info.title,
      right: (wide ? "session " : "") + r.session)
    // Phase line: name, clock, badge, budget and balance.
    var line = frame.put(
      " " + r.phase.name.uppercased(), x: 0, y: 1, style: Style(bold: true, tone: .accent))
    line = frame.put(" \(r.phase.number)/5  ", x: line, y: 1, style: Style(dim: true))
    line = frame.put(r.clock, x: line, y: 1, style: r.clockStyle)
    line = frame.put("  ", x: line, y: 1)
    line = frame.put(" \(r.badge.rawValue) ", x: line, y: 1, style: r.badgeStyle)
    frame.put(
      ("  budget \(r.budget) · " + r.balance).clipped(to: max(0, w - line)), x: line, y: 1,
      style: Style(dim: true))
    Strip.draw(into: &frame, session: session, at: at, x: 1, y: 2, width: w - 2, withTimes: wide)
    var y = wide ? 5 : 4
    // What the candidate has on screen now.
    for banner in session.onScreen.prefix(2) {
      let label = " ON SCREEN \(banner.kind.label) "
      let end = frame.put(
        label, x: 0, y: y, style: Style(bold: true, reverse: true, tone: Banners.tone(banner.kind)))
      frame.put(" " + banner.message.clipped(to: max(0, w - end - 1)), x: end, y: y)
      y += 1
    }
    Rule.draw(into: &frame, y: y)
    let bodyTop = y + 1
    let bodyBottom = h - 2
    let rows = console.rows(at: at)
    let deckArea: Screen.Area
    let materialArea: Screen.Area
    if wide {
      let deckWidth = w * 45 / 100
      deckArea = Screen.Area(
        x: 1, y: bodyTop, width: deckWidth - 2, height: bodyBottom - bodyTop + 1)
      for row in bodyTop...bodyBottom {
        frame.put("│", x: deckWidth, y: row, style: Style(dim: true))
      }
      materialArea = Screen.Area(
        x: deckWidth + 2, y: bodyTop, width: w - deckWidth - 3, height: bodyBottom - bodyTop + 1)
    } else {
      let deckRows = min(rows.count + 1, max(3, (bodyBottom - bodyTop + 1) / 3))
      deckArea = Screen.Area(x: 1, y: bodyTop, width: w - 2, height: deckRows)
      Rule.draw(into: &frame, y: bodyTop + deckRows)
      materialArea = Screen.Area(
        x: 1, y: bodyTop + deckRows + 1, width: w - 2, height: bodyBottom - bodyTop - deckRows)
    }
    drawDeck(&frame, console, rows, session: session, at: at, in: deckArea)
    drawMaterial(&frame, console, rows, in: materialArea)
    Rule.draw(into: &frame, y: h - 2)
    bottomLine(&frame, console, at: now, wide: wide)
    overlay(&frame, console)
    if !colors { frame = frame.withoutTones() }
    return frame
  }

  private static func drawDeck(
    _ frame: inout Frame, _ console: Console, _ rows: [Console.Row], session: Session, at: Instant,
    in area: Screen.Area
  ) {
    guard area.height > 0 else { return }
    var title = " DECK"
    if let next = session.nextDue(at: at) {
      title +=
        " · next: \(next.placed.id)"
        + (next.dueIn == nil ? " in \(next.placed.phase.name)" : ", " + due(next))
    }
    frame.put(
      title.clipped(to: area.width), x: area.x - 1, y: area.y,
      style: Style(bold: true, tone: .accent))
    let visible = area.height - 1
    guard visible > 0 else { return }
    let first = max(0, min(console.selected - visible + 1, rows.count - visible))
    for (offset, row) in rows.dropFirst(first).prefix(visible).enumerated() {
      let index = first + offset
      var text = (index == console.selected ? "› " : "  ") + row.id + " · " + row.kind.rawValue
      if let item = row.item {
        text += " · \(item.placed.phase.name) \(DurationText.clock(item.placed.at)) · "
        let when = item.dueIn == nil ? "" : ", " + due(item)
        switch item.state {
        case .waiting: text += "auto" + when
        case .held: text += "held" + when
        case .fired(let n): text += "fired (\(n))"
        case .skipped: text += "skipped"
        }
      } else if let banner = row.banner {
        text += " · fired (\(banner))"
      }
      let fired = row.banner != nil || row.item?.state == .skipped
      frame.put(
        text.clipped(to: area.width), x: area.x, y: area.y + 1 + offset,
        style: Style(
          bold: index == console.selected, reverse: index == console.selected,
          dim: fired && index != console.selected))
    }
  }

  static func due(_ item: DeckItem) -> String {
    guard let left = item.dueIn else { return "later" }
    return left <= 0 ? "due now" : "in \(DurationText.clock(left))"
  }

  /// The material as Markdown: the selected entry and what a strong answer covers, then the
  /// prompt, the numbers, the answers, the drill and ops points, the private notes, and the
  /// notes written so far.
  static func materialText(_ console: Console, _ rows: [Console.Row]) -> String {
    let m = console.material
    var parts: [String] = []
    if rows.indices.contains(console.selected) {
      let row = rows[console.selected]
      var part = "# \(row.kind.rawValue.uppercased()) \(row.id)\n\n\(row.text)"
      if !row.strong.isEmpty {
        part += "\n\nStrong answers:\n\n" + row.strong.map { "- \($0)" }.joined(separator: "\n")
      }
      parts.append(part)
    }
    if !m.body.isEmpty { parts.append("# Prompt\n\n" + m.body) }
    if !m.scale.isEmpty {
      parts.append(
        "# Scale\n\n" + m.scale.map { "- \($0.name): \($0.value)" }.joined(separator: "\n"))
    }
    if !m.clarify.isEmpty {
      parts.append(
        "# Clarify\n\n" + m.clarify.map { "- \($0.name) → \($0.value)" }.joined(separator: "\n"))
    }
    if !m.drill.isEmpty {
      parts.append(
        "# Drill\n\n" + m.drill.map { "- \($0.name): \($0.value)" }.joined(separator: "\n"))
    }
    if !m.ops.isEmpty {
      parts.append("# Ops\n\n" + m.ops.map { "- \($0)" }.joined(separator: "\n"))
    }
    if !m.notes.isEmpty { parts.append("# Notes for you\n\n" + m.notes) }
    if !console.notes.isEmpty {
      parts.append(
        "# Your notes\n\n"
          + console.notes.map { "- \(DurationText.clock($0.t)) \($0.text)" }.joined(separator: "\n")
      )
    }
    return parts.joined(separator: "\n\n")
  }

  private static func drawMaterial(
    _ frame: inout Frame, _ console: Console, _ rows: [Console.Row], in area: Screen.Area
  ) {
    guard area.height > 0, area.width > 4 else { return }
    let lines = TextLayout.lines(markdown: materialText(console, rows), width: area.width)
    let view = Viewport(width: area.width, rows: area.height, lines: lines.count)
    frame.panel = view
    let first = max(0, min(console.scroll, view.lastFirst))
    for (offset, line) in lines.dropFirst(first).prefix(area.height).enumerated() {
      frame.put(
        line.text.clipped(to: area.width), x: area.x, y: area.y + offset,
        style: Style(bold: line.bold))
    }
  }

  private static func bottomLine(
    _ frame: inout Frame, _ console: Console, at now: Instant, wide: Bool
  ) {
    let (w, y) = (frame.size.width, frame.size.height - 1)
    switch console.mode {
    case .custom(let kind?, let text):
      let prompt = " \(kind.rawValue): "
      let end = frame.put(prompt, x: 0, y: y, style: Style(bold: true))
      frame.put(String(text.suffix(max(0, w - end - 2))) + "▏", x: end, y: y)
      return
    case .note(let text):
      let end = frame.put(" note: ", x: 0, y: y, style: Style(bold: true))
      frame.put(String(text.suffix(max(0, w - end - 2))) + "▏", x: end, y: y)
      return
    default: break
    }
    if let notice = console.notice, notice.until > now {
      frame.center(notice.text.clipped(to: w), y: y, style: Style(bold: true))
      return
    }
    let hints =
      wide
      ? "↑↓ choose · f fire · h hold · s skip · i your own · m mark · w note · p pause · n next · +/- time · ? help · q close"
      : "f fire h hold i own m mark w note ? help"
    frame.center(hints.clipped(to: w), y: y, style: Style(dim: true))
  }

  static func overlayLines(_ console: Console) -> [String] {
    switch console.mode {
    case .help:
      return [
        "↑↓ j k   choose a deck entry",
        "f Enter  fire it now",
        "h        hold it (again: release)",
        "s        skip it",
        "i        an interjection in your words",
        "m        mark what you saw",
        "w        write a time-stamped note",
        "p        pause or resume",
        "n b      next phase, back",
        "+ -      a minute more or less",
        "] [      a minute from / to the next",
        "PgUp/Dn  scroll your material",
        "E        end the session",
        "q        close the console",
      ]
    case .marks:
      return Console.markKeys.map { "\($0.key)  \($0.mark.label)" } + [
        "", "any other key: cancel",
      ]
    case .custom(nil, _):
      return Console.customKinds.map { "\($0.key)  \($0.kind.rawValue)" } + [
        "", "any other key: cancel",
      ]
    case .confirmEnd:
      return ["End the session now?", "", "y end · any other key: no"]
    default:
      return []
    }
  }

  private static func overlay(_ frame: inout Frame, _ console: Console) {
    let lines = overlayLines(console)
    guard !lines.isEmpty else { return }
    let title: String
    switch console.mode {
    case .help: title = " Keys "
    case .marks: title = " Mark "
    case .custom: title = " Kind "
    default: title = " End "
    }
    let width = min(frame.size.width - 2, (lines.map(\.columns).max() ?? 0) + 4)
    let height = min(frame.size.height - 2, lines.count + 2)
    let x = (frame.size.width - width) / 2
    let top = (frame.size.height - height) / 2
    for row in 0..<height {
      let text: String
      if row == 0 {
        text = "┌" + Rule.line(width - 2, title: title) + "┐"
      } else if row == height - 1 {
        text = "└" + Rule.line(width - 2) + "┘"
      } else {
        text = "│ " + lines[row - 1].clipped(to: width - 4).padded(to: width - 4) + " │"
      }
      frame.put(text, x: x, y: top + row, style: row == 0 ? Style(bold: true) : .plain)
    }
  }
}
