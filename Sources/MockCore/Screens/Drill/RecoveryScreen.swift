/// The recovery drill's screen: the round's clock and light, the question, the five moves
/// with the locked ones shown so; then the rating, what a strong answer covers and the move's
/// line; then the summary. Full size from 60x20, compact below it.
public enum RecoveryScreen {
  public static func render(_ drill: RecoveryDrill, at now: Instant, size: Size) -> Frame {
    var frame = Frame(size: size)
    let (w, h) = (size.width, size.height)
    let wide = w >= 60 && h >= 20
    let margin = wide ? 2 : 1
    let elapsed = drill.elapsed(at: now)
    let light = drill.light(at: now)
    let limit = DurationText.clock(drill.info.limit)
    let done = drill.isSummary
    // The step of the round up; nil once the summary is up.
    let step = done ? nil : drill.step
    let title =
      done
      ? "recovery drill · done"
      : "recovery drill · round \(drill.round.number) of \(drill.questions.count)"
    let right =
      step == .running && !wide
      ? "\(DurationText.clock(elapsed)) \(light.rawValue.uppercased())"
      : drill.info.seed.map { "seed \($0)" } ?? ""
    Header.draw(into: &frame, title: title, right: right)
    if wide {
      Rule.draw(into: &frame, y: 1)
      Rule.draw(into: &frame, y: h - 2)
    }
    let bottom = h - (wide ? 2 : 1)
    var y = wide ? 3 : 2
    func say(_ text: String, _ style: Style = .plain, lead: String = "", hang: String = "") {
      for line in TextLayout.wrap(
        text.split(separator: " ").map(String.init), width: w - 2 * margin, lead: lead, hang: hang)
      where y < bottom {
        frame.put(line, x: margin, y: y, style: style)
        y += 1
      }
    }
    switch step {
    case .running?:
      if wide {
        for row in BigDigits.rows(DurationText.clock(elapsed), font: BigDigits.small) {
          frame.center(row, y: y, style: Style(bold: true, tone: light.tone))
          y += 1
        }
        y += 1
        frame.center(
          " \(light.rawValue.uppercased()) · \(DurationText.clock(elapsed)) of \(limit) ", y: y,
          style: Style(bold: true, reverse: true, tone: light.tone))
        y += 2
      }
      say(drill.round.question.text, Style(bold: true))
      y += 1
      moves(&frame, drill, x: margin, y: &y, bottom: bottom, width: w - 2 * margin)
    case .rating?, .rated?:
      let r = drill.round
      say(
        "Round over at \(DurationText.clock(r.elapsed ?? 0)) · move: \(r.move?.title ?? "none named")",
        Style(bold: true))
      if step == .rating {
        if drill.waitingForInterviewer {
          say("Waiting for the interviewer's rating (mockroom ctl rate N).", Style(tone: .warn))
        } else {
          say("How well did it land? 1 (not at all) to 5 (well).", Style(bold: true, tone: .accent))
        }
      } else {
        var rated = "You rated it \(r.rating ?? 0)"
        if let theirs = r.interviewerRating { rated += "; the interviewer, \(theirs)" }
        say(rated + ".", Style(bold: true, tone: .accent))
      }
      if let theirs = r.interviewerRating, step == .rating {
        say("The interviewer rated it \(theirs).", Style(dim: true))
      }
      y += 1
      if !r.question.strong.isEmpty {
        say("A strong answer covers:", Style(bold: true))
        for point in r.question.strong { say(point, lead: "- ", hang: "  ") }
        y += 1
      }
      if let move = r.move { say(move.line, Style(tone: .accent), lead: "→ ", hang: "  ") }
    case nil:
      summary(drill, say: say)
    }
    // Under the moves when there is room; in a small window, over the key hints.
    if let said = drill.said, wide {
      y += 1
      say(said, Style(bold: true, tone: .over))
    }
    let hint: String
    switch step {
    case .running?:
      hint =
        wide
        ? "1-5 name your move · Enter end the round · ? help · q quit"
        : "1-5 move · Enter end · q quit"
    case .rating?:
      hint =
        drill.waitingForInterviewer ? "Enter rate without waiting · q quit" : "1-5 rate · q quit"
    case .rated?: hint = "Space next round · q quit"
    case nil: hint = "q or Enter: done"
    }
    if let said = drill.said, !wide {
      Hints.draw(into: &frame, said, style: Style(bold: true, tone: .over))
    } else {
      Hints.draw(into: &frame, hint)
    }
    overlay(&frame, drill)
    return frame
  }

  /// The five moves: the chosen one highlighted, the locked ones marked.
  static func moves(
    _ frame: inout Frame, _ drill: RecoveryDrill, x: Int, y: inout Int, bottom: Int, width: Int
  ) {
    for move in RecoveryMove.allCases where y < bottom {
      let chosen = drill.round.move == move
      let locked = !chosen && drill.lock.isLocked(move)
      var text = "\(move.rawValue) \(move.title)"
      if chosen { text += " · this round" } else if locked { text += " · locked" }
      frame.put(
        text.clipped(to: width), x: x, y: y,
        style: chosen ? Style(bold: true, reverse: true, tone: .accent) : Style(dim: locked))
      y += 1
    }
  }

  static func summary(
    _ drill: RecoveryDrill, say: (String, Style, String, String) -> Void
  ) {
    let rated = drill.rounds.compactMap(\.rating)
    say(
      "\(drill.rounds.count) round\(drill.rounds.count == 1 ? "" : "s"), \(rated.count) rated",
      Style(bold: true), "", "")
    say("Moves in the order used:", .plain, "", "")
    for r in drill.rounds {
      var line = "\(r.number). \(r.move?.title ?? "no move named"): "
      line += r.rating.map { "rated \($0)" } ?? "not rated"
      if let theirs = r.interviewerRating { line += ", interviewer \(theirs)" }
      say(line, .plain, "  ", "     ")
    }
    // The moves never reached for in this drill: the ones to practise next.
    let used = Set(drill.rounds.compactMap(\.move))
    let unused = RecoveryMove.allCases.filter { !used.contains($0) }
    if !unused.isEmpty {
      say(
        "Moves left unused: " + unused.map(\.title).joined(separator: ", ") + ".",
        Style(bold: true), "", "")
    }
    if let first = drill.firstChoice {
      say(
        "You reach for \(first.move.title) first (\(first.times) of \(Plural.of(first.of, "drill"))).",
        Style(bold: true, tone: .accent), "", "")
    }
    let gaps = drill.rounds.compactMap(\.gap)
    if !gaps.isEmpty {
      let mean = Double(gaps.reduce(0, +)) / Double(gaps.count)
      let words =
        abs(mean) < 0.5
        ? "your ratings and the interviewer's agree"
        : mean > 0 ? "you rate yourself higher than the interviewer" : "you rate yourself lower"
      say(
        "Against the interviewer: \(String(format: "%+.1f", mean)) a round; \(words).",
        .plain, "", "")
    }
  }

  static func overlay(_ frame: inout Frame, _ drill: RecoveryDrill) {
    guard let overlay = drill.overlay else { return }
    let lines: [String]
    switch overlay {
    case .help:
      lines = [
        "1-5    name the move you are using",
        "       (a used move is locked until all",
        "       five have been used)",
        "Bksp   take the move back, in the round",
        "Enter  end the round (or the clock does)",
        "1-5    then rate how well it landed",
        "Space  the next round",
        "q      quit (asks first)",
        "Any key closes this help.",
      ]
    case .confirmQuit:
      lines = ["Quit the drill?", "Rounds rated so far are kept.", "y or q: quit · other: stay"]
    }
    Box.draw(into: &frame, lines, titled: overlay == .help)
  }
}
