/// The pieces of the session screen: the right of the header, the phase line, the key hints, and the
/// overlays (help, the questions, the marks menu).
extension Screen {
  // MARK: - Pieces

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

  static func phaseLine(_ frame: inout Frame, _ r: Readout, y: Int, long: Bool) {
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
  static func drawHints(_ frame: inout Frame, _ room: Room, at now: Instant, wide: Bool) {
    if let notice = room.notice, notice.until > now {
      Hints.draw(into: &frame, notice.text, style: Style(bold: true))
    } else {
      Hints.draw(into: &frame, hints(room, wide: wide))
    }
  }

  static func hints(_ room: Room, wide: Bool) -> String {
    let next = room.session.phase.next == nil ? "finish" : "next"
    let pause = room.session.status == .paused ? "resume" : "pause"
    let banner = !room.session.onScreen.isEmpty
    let replan = room.session.pivotToReplan != nil
    if banner || replan {
      var keys = banner ? ["a got it"] : []
      if room.session.onScreen.first?.kind == .pushback { keys = ["s/v/g answer"] }
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
        "b p      back a phase · pause/resume",
        "+ -      phase budget ±1 minute",
        "] [      a minute from / to the next",
        "t Tab    prompt view / clock view",
        "j k ↑ ↓  scroll (PgUp PgDn Home End)",
        "a r      got it · re-planned (pivot)",
        "s v g    held · changed · gave way",
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

  static func shortText(_ overlay: Overlay) -> String {
    switch overlay {
    case .help: "n next b back p pause +- budget q quit"
    case .confirmQuit: "Quit? q/y yes, other key no"
    case .confirmFinish: "Finish? n/y yes, other key no"
    case .marks: "x reset e error c check-in 1-5"
    }
  }

  static func overlay(_ frame: inout Frame, _ room: Room) {
    guard let overlay = room.overlay else { return }
    Box.draw(into: &frame, lines(of: overlay, phase: room.session.phase), titled: overlay == .help)
  }
}
