/// The screen as a pure function of the room, the instant and the terminal size.
public enum Screen {
  /// Which arrangement a size gets.
  public enum Layout: Equatable, Sendable {
    /// 80×24 and up: big five-row digits, the phase strip with times.
    case full
    /// 40×12 and up: three-row digits, a strip without times.
    case compact
    /// 20×5 and up: everything that matters on one line.
    case oneLine
    /// Smaller: a note to enlarge the terminal, and the clock if it fits.
    case tooSmall
  }

  /// A rectangle of the screen (the toolkit's).
  public typealias Area = MockCore.Area

  /// Where the prompt's text goes at `size`, or nil when that layout has no room for it. Full
  /// size has a panel under the clock; in the reading view (full or compact) the prompt takes
  /// every row but the header, a status line, the panel's rule and the hints.
  public static func promptArea(_ size: Size, reading: Bool) -> Area? {
    let (w, h) = (size.width, size.height)
    switch layout(for: size) {
    case .full:
      // Under the clock: header, rule, the clock block, then the panel's own rule; the bottom
      // rule and the hints keep the last two rows.
      let top = 2 + clockBlockWithPrompt + 1
      return reading
        ? Area(x: 2, y: 3, width: w - 4, height: h - 4)
        : Area(x: 2, y: top, width: w - 4, height: h - 2 - top)
    case .compact:
      return reading ? Area(x: 1, y: 3, width: w - 2, height: h - 4) : nil
    case .oneLine, .tooSmall:
      return nil
    }
  }

  /// Rows of the full layout's clock block when a prompt panel shares the screen: phase line,
  /// gap, five rows of digits, gap, budget line, gap, three rows of strip.
  static let clockBlockWithPrompt = 13

  public static func layout(for size: Size) -> Layout {
    if size.width >= 80 && size.height >= 24 { return .full }
    if size.width >= 40 && size.height >= 12 { return .compact }
    if size.width >= 20 && size.height >= 5 { return .oneLine }
    return .tooSmall
  }

  /// Draws the room at `now` into a frame of `size`. With `colors` false (NO_COLOR), only
  /// attributes are used: every state still reads from its text and from bold/reverse.
  public static func render(_ room: Room, at now: Instant, size: Size, colors: Bool = true)
    -> Frame
  {
    var frame = Frame(size: size)
    let readout = Readout(room.session, at: now)
    let layout = layout(for: size)
    switch layout {
    case .full, .compact:
      if room.reading, room.brief != nil {
        readingScreen(&frame, room, readout, at: now, wide: layout == .full)
      } else {
        clockScreen(&frame, room, readout, at: now, wide: layout == .full)
      }
    case .oneLine:
      oneLine(&frame, room, readout)
      if let newest = room.session.onScreen.first, room.overlay == nil {
        Bar.draw(
          into: &frame, y: 0, label: " \(newest.kind.label) ", message: newest.message,
          tone: Banners.tone(newest.kind))
      }
    case .tooSmall: tooSmall(&frame, readout)
    }
    if let behind = room.recordBehind, layout != .tooSmall {
      // Over the rule under the header in the full layout, else over the key hints: never
      // over the clock.
      Bar.draw(
        into: &frame, y: layout == .full ? 1 : size.height - 1, label: " RECORD BEHIND ",
        message: behind.message, tone: .over)
    }
    if !colors { frame = frame.withoutTones() }
    return frame
  }

  /// ` · check-ins 1/3` for a session with a target of check-ins; empty without one.
  static func checkins(_ session: Session) -> String {
    guard let target = session.schedule.options.checkinTarget else { return "" }
    return " · check-ins \(session.checkins.count)/\(target)"
  }

  // MARK: - Layouts

  /// The full and compact layouts: one arrangement, top to bottom — header, phase line and
  /// badge, the big clock, the budget line, the phase strip, key hints — at two scales.
  private static func clockScreen(
    _ frame: inout Frame, _ room: Room, _ r: Readout, at now: Instant, wide: Bool
  ) {
    let (w, h) = (frame.size.width, frame.size.height)
    Header.draw(
      into: &frame, title: room.session.info.title, right: rightOfHeader(room, r, wide: wide))
    if wide {
      Rule.draw(into: &frame, y: 1)
      Rule.draw(into: &frame, y: h - 2)
    }
    drawHints(&frame, room, at: now, wide: wide)

    let waiting = room.session.onScreen
    let digits = BigDigits.rows(r.clock, font: wide ? BigDigits.large : BigDigits.small)
    let info =
      (wide
        ? "budget \(r.budget) · spent \(r.spent) · \(r.balance)"
        : "budget \(r.budget) · \(r.balance)")
      + checkins(room.session)
    let panel = room.brief != nil ? promptArea(frame.size, reading: false) : nil
    // With a prompt or a banner the clock block sits at the top and they take the rows below.
    let anchored = panel != nil || !waiting.isEmpty
    // At compact size a banner takes the rows of the budget line and the strip; the phase line
    // and the digits stay.
    let tight = !wide && !waiting.isEmpty
    let gapAfterInfo = wide && !anchored ? 3 : 2
    let stripRows = wide ? 3 : 2
    // The middle block: phase line, gap, digits, gap, info, gap(s), strip; centred in the rows
    // between the header (and rule) and the hints (and rule), or at the top.
    let (top, bottom) = wide ? (2, 2) : (1, 1)
    let block = 2 + digits.count + 2 + gapAfterInfo - 1 + stripRows
    var y = anchored ? top : top + max(0, (h - top - bottom - block) / 2)
    phaseLine(&frame, r, y: y, long: wide)
    y += tight ? 1 : 2
    for row in digits {
      frame.center(row, y: y, style: r.clockStyle)
      y += 1
    }
    if !tight {
      y += 1
      frame.center(info.clipped(to: w), y: y)
      y += gapAfterInfo
      let margin = wide ? 2 : 1
      Strip.draw(
        into: &frame, session: room.session, at: now, x: margin, y: y, width: w - 2 * margin,
        withTimes: wide)
    }
    if !waiting.isEmpty {
      let barY = wide ? 2 + clockBlockWithPrompt : y
      let margin = wide ? 2 : 1
      let area = Area(
        x: margin, y: barY, width: w - 2 * margin, height: h - (wide ? 2 : 1) - barY)
      let used = Banners.draw(
        into: &frame, waiting, in: area, replan: room.session.pivotToReplan != nil)
      // The prompt keeps what the banners leave, under its own rule.
      if let panel, barY + used + 1 < panel.y + panel.height {
        let below = barY + used + 1
        promptPanel(
          &frame, room,
          in: Area(x: panel.x, y: below, width: panel.width, height: panel.y + panel.height - below)
        )
      }
    } else if let panel {
      promptPanel(&frame, room, in: panel)
    }
    overlay(&frame, room)
  }

  /// The reading view: the prompt takes the screen; the clock stays on the status line.
  private static func readingScreen(
    _ frame: inout Frame, _ room: Room, _ r: Readout, at now: Instant, wide: Bool
  ) {
    let w = frame.size.width
    Header.draw(
      into: &frame, title: room.session.info.title, right: rightOfHeader(room, r, wide: wide))
    var parts: [(String, Style)] = [
      (r.phase.name.uppercased(), Style(bold: true, tone: .accent)), (r.clock, r.clockStyle),
      (r.badge.rawValue, r.badgeStyle),
    ]
    if wide {
      parts.append(
        ("· budget \(r.budget) · \(r.balance)\(checkins(room.session))", Style(dim: true)))
    }
    let width = parts.map(\.0.columns).reduce(0, +) + parts.count - 1
    var x = max(0, (w - width) / 2)
    for (text, style) in parts {
      x = frame.put(text, x: x, y: 1, style: style) + 1
    }
    drawHints(&frame, room, at: now, wide: wide)
    if var area = promptArea(frame.size, reading: true) {
      let waiting = room.session.onScreen
      if !waiting.isEmpty {
        // Banners over the top of the prompt, which keeps the rows below them.
        let bannerRows = min(7, area.height)
        let used = Banners.draw(
          into: &frame, waiting,
          in: Area(x: area.x, y: area.y - 1, width: area.width, height: bannerRows),
          replan: room.session.pivotToReplan != nil)
        area.height -= used
        area.y += used
      }
      if area.height > 0 { promptPanel(&frame, room, in: area) }
    }
    overlay(&frame, room)
  }

  /// The prompt's text in `area`, under a rule (on the row above it) that says which lines show.
  private static func promptPanel(_ frame: inout Frame, _ room: Room, in area: Area) {
    guard let brief = room.brief, area.width > 0 else { return }
    let lines =
      room.promptLines.width == area.width
      ? room.promptLines.lines : TextLayout.lines(markdown: brief.body, width: area.width)
    let rows = max(0, area.height)
    let view = Viewport(width: area.width, rows: rows, lines: lines.count)
    frame.panel = view
    // The room's offset is clamped here, where the panel's height is known.
    let first = max(0, min(room.scroll, view.lastFirst))
    let shown = lines.dropFirst(first).prefix(rows)
    // Which lines show, when not all of them do.
    let notes =
      lines.count > rows && rows > 0
      ? [
        " \(first + 1)–\(first + shown.count) of \(lines.count) · j/k PgUp PgDn ",
        " \(first + 1)–\(first + shown.count)/\(lines.count) ",
      ] : []
    Panel.draw(into: &frame, over: area, title: " PROMPT ", notes: notes)
    for (offset, line) in shown.enumerated() {
      frame.put(
        line.text.clipped(to: area.width), x: area.x, y: area.y + offset,
        style: Style(bold: line.bold))
    }
  }

  private static func oneLine(_ frame: inout Frame, _ room: Room, _ r: Readout) {
    let w = frame.size.width
    let y = frame.size.height / 2
    if let question = room.overlay.map(shortText) {
      frame.center(question.clipped(to: w), y: y, style: Style(bold: true, reverse: true))
      return
    }
    let name = r.phase.name.uppercased()
    let clock = (r.clock, r.clockStyle)
    let badge = (r.badge.rawValue, r.badgeStyle)
    let session = (" " + r.session, Style.plain)
    // Widest first; the first that fits is drawn.
    let options: [[(String, Style)]] = [
      [(name, Style(bold: true)), clock, badge, session],
      [(name, Style(bold: true)), clock, badge],
      [(String(name.prefix(3)), Style(bold: true)), clock, badge],
      [clock, badge],
    ]
    func width(_ parts: [(String, Style)]) -> Int {
      parts.map(\.0.count).reduce(0, +) + parts.count - 1
    }
    let parts = options.first { width($0) <= w } ?? options.last!
    var x = max(0, (w - width(parts)) / 2)
    for (text, style) in parts {
      x = frame.put(text, x: x, y: y, style: style) + 1
    }
  }

  private static func tooSmall(_ frame: inout Frame, _ r: Readout) {
    let status = "\(String(r.phase.name.uppercased().prefix(3))) \(r.clock)"
    TooSmall.draw(into: &frame, minimum: Size(width: 20, height: 5), status: (status, r.clockStyle))
  }
}
