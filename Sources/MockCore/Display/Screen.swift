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

  /// A rectangle of the screen.
  public struct Area: Equatable, Sendable {
    public var x, y, width, height: Int
  }

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
        let style = Style(reverse: true, tone: Banners.tone(newest.kind))
        frame.put(String(repeating: " ", count: size.width), x: 0, y: 0, style: style)
        let end = frame.put(
          " \(newest.kind.label) ", x: 0, y: 0,
          style: Style(bold: true, reverse: true, tone: Banners.tone(newest.kind)))
        frame.put(
          newest.message.clipped(to: max(0, size.width - end - 1)), x: end, y: 0,
          style: style)
      }
    case .tooSmall: tooSmall(&frame, readout)
    }
    if let behind = room.recordBehind, layout != .tooSmall {
      // Over the rule under the header in the full layout, else over the key hints: never
      // over the clock.
      recordBehindBar(&frame, behind, y: layout == .full ? 1 : size.height - 1)
    }
    if !colors { frame = frame.withoutTones() }
    return frame
  }

  /// The record cannot be written: a bar says so until the lines are written.
  private static func recordBehindBar(_ frame: inout Frame, _ behind: RecordBehind, y: Int) {
    let style = Style(reverse: true, tone: .over)
    frame.put(String(repeating: " ", count: frame.size.width), x: 0, y: y, style: style)
    let end = frame.put(
      " RECORD BEHIND ", x: 0, y: y, style: Style(bold: true, reverse: true, tone: .over))
    frame.put(
      behind.message.clipped(to: max(0, frame.size.width - end - 1)), x: end, y: y, style: style)
  }

  // MARK: - Layouts

  /// The full and compact layouts: one arrangement, top to bottom — header, phase line and
  /// badge, the big clock, the budget line, the phase strip, key hints — at two scales.
  private static func clockScreen(
    _ frame: inout Frame, _ room: Room, _ r: Readout, at now: Instant, wide: Bool
  ) {
    let (w, h) = (frame.size.width, frame.size.height)
    header(&frame, title: room.session.info.title, session: rightOfHeader(room, r, wide: wide))
    if wide {
      frame.put(String(repeating: "─", count: w), x: 0, y: 1, style: Style(dim: true))
      frame.put(String(repeating: "─", count: w), x: 0, y: h - 2, style: Style(dim: true))
    }
    drawHints(&frame, room, at: now, wide: wide)

    let waiting = room.session.onScreen
    let digits = BigDigits.rows(r.clock, font: wide ? BigDigits.large : BigDigits.small)
    let info =
      wide
      ? "budget \(r.budget) · spent \(r.spent) · \(r.balance)" : "budget \(r.budget) · \(r.balance)"
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
    header(&frame, title: room.session.info.title, session: rightOfHeader(room, r, wide: wide))
    var parts: [(String, Style)] = [
      (r.phase.name.uppercased(), Style(bold: true, tone: .accent)), (r.clock, r.clockStyle),
      (r.badge.rawValue, r.badgeStyle),
    ]
    if wide { parts.append(("· budget \(r.budget) · \(r.balance)", Style(dim: true))) }
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
    let ruleY = area.y - 1
    frame.put(
      String(repeating: "─", count: frame.size.width), x: 0, y: ruleY, style: Style(dim: true))
    let label = frame.put(" PROMPT ", x: area.x, y: ruleY, style: Style(bold: true, tone: .accent))
    var where_ = ""
    if lines.count > rows, rows > 0 {
      where_ = " \(first + 1)–\(first + shown.count) of \(lines.count) · j/k PgUp PgDn "
      if where_.columns > frame.size.width - label - 2 {
        where_ = " \(first + 1)–\(first + shown.count)/\(lines.count) "
      }
    }
    if !where_.isEmpty, where_.columns <= frame.size.width - label - 2 {
      frame.put(where_, x: area.x + area.width - where_.columns, y: ruleY, style: Style(dim: true))
    }
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
    let (w, h) = (frame.size.width, frame.size.height)
    guard w > 0, h > 0 else { return }
    var lines = TextLayout.wrap(["enlarge", "the", "terminal", "(20x5", "or", "more)"], width: w)
    if lines.count >= h { lines = TextLayout.wrap(["enlarge", "terminal"], width: w) }
    let status = "\(String(r.phase.name.uppercased().prefix(3))) \(r.clock)"
    for (y, line) in lines.prefix(h).enumerated() {
      frame.put(line, x: 0, y: y, style: Style(bold: true))
    }
    if lines.count < h {
      frame.put(status.clipped(to: w), x: 0, y: lines.count, style: r.clockStyle)
    }
  }

  // MARK: - Pieces

  private static func header(_ frame: inout Frame, title: String, session: String) {
    let w = frame.size.width
    // The session clock on the right when there is room; the title takes what is left.
    let right = session.count < w - 10 ? session : ""
    let titleEnd = w - right.count - 2
    let x = frame.put(" mockroom", x: 0, y: 0, style: Style(bold: true, tone: .accent))
    if titleEnd - x > 3 {
      frame.put("  " + title.clipped(to: titleEnd - x - 2), x: x, y: 0, style: Style(bold: true))
    }
    frame.put(right, x: w - right.count - 1, y: 0)
  }

  /// The session clock, after whether an interviewer's console is attached (when one is, or
  /// in a partner session, where one is expected).
  static func rightOfHeader(_ room: Room, _ r: Readout, wide: Bool) -> String {
    let clock = (wide ? "session " : "") + r.session
    let partner = room.session.schedule.options.partner
    switch (room.consoles, partner, wide) {
    case (0, false, _): return clock
    case (0, true, true): return "console may attach · " + clock
    case (0, true, false): return "no console · " + clock
    case (_, _, true): return "interviewer attached · " + clock
    case (_, _, false): return "attached · " + clock
    }
  }

  private static func phaseLine(_ frame: inout Frame, _ r: Readout, y: Int, long: Bool) {
    let name = r.phase.name.uppercased()
    let position = long ? "phase \(r.phase.number) of 5" : "\(r.phase.number)/5"
    let badge = " \(r.badge.rawValue) "
    let total = name.count + 3 + position.count + 4 + badge.count
    var x = max(0, (frame.size.width - total) / 2)
    x = frame.put(name, x: x, y: y, style: Style(bold: true, tone: .accent))
    x = frame.put(" · " + position, x: x, y: y, style: Style(dim: true))
    frame.put(badge, x: x + 4, y: y, style: r.badgeStyle)
  }

  /// The key hints on the bottom row, or a notice in their place while it lasts.
  private static func drawHints(_ frame: inout Frame, _ room: Room, at now: Instant, wide: Bool) {
    let y = frame.size.height - 1
    if let notice = room.notice, notice.until > now {
      frame.center(notice.text.clipped(to: frame.size.width), y: y, style: Style(bold: true))
    } else {
      frame.center(hints(room, wide: wide), y: y, style: Style(dim: true))
    }
  }

  private static func hints(_ room: Room, wide: Bool) -> String {
    let next = room.session.phase.next == nil ? "finish" : "next"
    let pause = room.session.status == .paused ? "resume" : "pause"
    let banner = !room.session.onScreen.isEmpty
    let replan = room.session.pivotToReplan != nil
    if banner || replan {
      var keys = banner ? ["a got it"] : []
      if replan { keys.append("r re-planned") }
      if wide {
        return (keys + ["Space \(next)", "p \(pause)", "m mark", "? help", "q quit"])
          .joined(separator: " · ")
      }
      return (keys.prefix(1) + ["n \(next)", "m mark", "? help"]).joined(separator: " ")
    }
    switch (room.brief != nil, room.reading, wide) {
    case (false, _, true):
      return "Space \(next) · b back · p \(pause) · +/- budget · m mark · ? help · q quit"
    case (false, _, false): return "n \(next) b back p \(pause) ? help q quit"
    case (true, false, true):
      return "Space \(next) · b back · p \(pause) · +/- budget · t prompt · ? help · q quit"
    case (true, false, false): return "n \(next) p \(pause) t prompt ? help q quit"
    case (true, true, true):
      return "t clock · j/k PgUp/PgDn scroll · Space \(next) · p \(pause) · ? help · q quit"
    case (true, true, false): return "t clock j/k scroll n \(next) q quit"
    }
  }

  // MARK: - Overlays

  static func lines(of overlay: Overlay, phase: Phase) -> [String] {
    switch overlay {
    case .help:
      [
        "Space n  next phase (ops: finish)",
        "b        back to the last phase",
        "p        pause or resume",
        "+ -      phase budget ±1 minute",
        "t Tab    prompt view / clock view",
        "j k ↑ ↓  scroll (PgUp PgDn Home End)",
        "a r      got it · re-planned (pivot)",
        "m        mark a moment (x e c 1-5)",
        "? h q    this help · quit (asks)",
        "Any key closes this help.",
      ]
    case .marks:
      ["Mark a moment"]
        + Room.markKeys.map { "\($0.key)  \($0.mark.label)" }
        + ["Any other key: close"]
    case .confirmQuit:
      phase == .ops
        ? ["End the session now?", "It is saved as finished.", "q or y: end · other key: stay"]
        : ["Quit this session?", "It is saved as abandoned.", "q or y: quit · other key: stay"]
    case .confirmFinish:
      ["Finish the session?", "It is saved as finished.", "n or y: finish · other: stay"]
    }
  }

  private static func shortText(_ overlay: Overlay) -> String {
    switch overlay {
    case .help: "n next b back p pause +- budget q quit"
    case .confirmQuit: "Quit? q/y yes, other key no"
    case .confirmFinish: "Finish? n/y yes, other key no"
    case .marks: "x reset e error c check-in 1-5"
    }
  }

  private static func overlay(_ frame: inout Frame, _ room: Room) {
    guard let overlay = room.overlay else { return }
    let body = lines(of: overlay, phase: room.session.phase)
    let inner = min(body.map(\.columns).max() ?? 0, frame.size.width - 4)
    let boxWidth = inner + 4
    let boxHeight = min(body.count + 2, frame.size.height)
    let x = (frame.size.width - boxWidth) / 2
    let y = max(0, (frame.size.height - boxHeight) / 2)
    let edge = String(repeating: "─", count: inner + 2)
    // Help names itself in its top edge; a question's first line is the question, in bold.
    let titled = overlay == .help
    let top = titled ? String(("─ Keys " + edge).prefix(inner + 2)) : edge
    frame.put("┌" + top + "┐", x: x, y: y, style: Style(bold: true))
    for (index, line) in body.prefix(boxHeight - 2).enumerated() {
      let style = Style(bold: index == 0 && !titled)
      frame.put("│ ", x: x, y: y + 1 + index, style: Style(bold: true))
      frame.put(line.clipped(to: inner).padded(to: inner), x: x + 2, y: y + 1 + index, style: style)
      frame.put(" │", x: x + inner + 2, y: y + 1 + index, style: Style(bold: true))
    }
    frame.put("└" + edge + "┘", x: x, y: y + boxHeight - 1, style: Style(bold: true))
  }

}
