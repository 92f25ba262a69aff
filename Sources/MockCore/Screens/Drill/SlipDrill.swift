/// `mockroom drill slip`: a worked chain with one planted slip, against a clock; name the wrong
/// step, then give the corrected answer (the reset move: catch your own slip and say so).
public typealias SlipDrill = Drill<SlipItems>

extension Drill where Kind == SlipItems {
  public init(info: DrillInfo, slips: [SlipProblem], at now: Instant) {
    self.init(info: info, SlipItems(slips: slips), at: now)
  }

  public var slip: SlipProblem { kind.slips[index] }
}

/// The slip drill's chains: the two fields of the one up, and every result so far.
public struct SlipItems: DrillKindModel {
  public enum Step: Equatable, Sendable {
    case asking
    case answered(SlipResult)
  }

  public static let drill = DrillKind.slip
  public static let takesHelp = true
  public let slips: [SlipProblem]
  public private(set) var step = Step.asking
  /// The wrong step's number, then the corrected answer.
  public private(set) var fields = ["", ""]
  public private(set) var focus = 0
  /// When the step was named, on the item's clock.
  public private(set) var spotted: Millis?
  public private(set) var refusal: String?
  public private(set) var results: [SlipResult] = []

  public init(slips: [SlipProblem]) { self.slips = slips }

  public var count: Int { slips.count }
  public var tally: String { "\(passes) of \(results.count) caught" }
  public var typed: String { fields[focus] }
  public var passes: Int { results.filter(\.pass).count }

  public mutating func show(_ moment: DrillMoment) -> [Record] {
    step = .asking
    fields = ["", ""]
    focus = 0
    spotted = nil
    refusal = nil
    return [Record(t: moment.t, entry: .slipShown(number: moment.index + 1, slips[moment.index]))]
  }

  public var itemTime: Millis? {
    if case .answered(let result) = step { result.elapsed } else { nil }
  }

  public static func render(_ drill: SlipDrill, at now: Instant, size: Size) -> Frame {
    SlipScreen.render(drill, at: now, size: size)
  }

  public mutating func key(_ key: Key, _ moment: DrillMoment) -> DrillMove {
    if key == .character("?") { return .help }
    switch step {
    case .answered:
      switch key {
      case .character(" "), .enter: return .next
      case .character("q"): return .askQuit
      default: return .none
      }
    case .asking:
      refusal = nil
      switch key {
      case .character("q") where fields[focus].isEmpty: return .askQuit
      case .character(let c) where !c.isNewline && fields[focus].count < 24:
        fields[focus].append(c)
      case .backspace: if !fields[focus].isEmpty { fields[focus].removeLast() }
      case .escape: fields[focus] = ""
      case .up: focus = 0
      case .down where spotted != nil: focus = 1
      case .enter: return enter(moment)
      default: break
      }
      return .none
    }
  }

  private mutating func enter(_ moment: DrillMoment) -> DrillMove {
    let slip = slips[moment.index]
    let steps = slip.problem.kind.steps.count
    if focus == 0 {
      guard let named = Int(fields[0].trimmingCharacters(in: .whitespaces)),
        (1...steps).contains(named)
      else {
        refusal = "name the wrong step: a number from 1 to \(steps)"
        return .none
      }
      // The first naming is the time to spot it; a change of mind keeps it.
      if spotted == nil { spotted = moment.elapsed }
      focus = 1
      return .none
    }
    let read = NumberText.parse(fields[1], zero: slip.problem.answerMayBeZero)
    guard case .success(let value) = read else {
      if case .failure(let why) = read { refusal = why.description }
      return .none
    }
    let result = SlipResult(
      slip, named: Int(fields[0].trimmingCharacters(in: .whitespaces)) ?? 0, typed: fields[1],
      value: value, spotted: spotted ?? moment.elapsed, elapsed: moment.elapsed,
      limit: moment.info.limit)
    results.append(result)
    step = .answered(result)
    return .answered(
      Record(t: moment.t, entry: .slipAnswered(number: moment.index + 1, result)),
      DrillHeard(
        text: "\(result.slip.rawValue): step \(result.named), \(result.ratioText)",
        kind: result.slip.rawValue, result: result.pass ? "pass" : "fail"))
  }
}

extension SlipResult {
  public var ratioText: String { EstimateResult.ratioText(ratio) }
}

/// The slip drill's screen: the problem, the chain with its slip, the two fields; then the
/// verdict, the slip in words and the right chain; then the summary.
public enum SlipScreen {
  public static func render(_ drill: SlipDrill, at now: Instant, size: Size) -> Frame {
    var frame = Frame(size: size)
    let (w, h) = (size.width, size.height)
    let margin = w >= 60 ? 2 : 1
    let elapsed = drill.elapsed(at: now)
    let limit = drill.info.limit
    let late = elapsed > limit
    let done = drill.isSummary
    var title = "slip drill"
    title += done ? " · done" : " · \(drill.index + 1) of \(drill.slips.count)"
    let clock = ClockText.taken(elapsed, limit: limit)
    let step = done ? nil : drill.step
    let right: String
    switch step {
    case .asking?: right = clock + (late ? " LATE" : " of \(DurationText.clock(limit))")
    default: right = drill.info.seed.map { "seed \($0)" } ?? ""
    }
    Header.draw(into: &frame, title: title, right: right)
    var rows: [(String, Style)] = []
    func add(_ text: String, _ style: Style = .plain) {
      guard !text.isEmpty else {
        rows.append(("", .plain))
        return
      }
      for line in TextLayout.wrap(
        text.split(separator: " ").map(String.init), width: w - 2 * margin)
      {
        rows.append((line, style))
      }
    }
    let bottom = h - 1
    switch step {
    case .asking?:
      let slip = drill.slip
      for paragraph in slip.problem.text.dropLast() { add(paragraph, Style(dim: true)) }
      add("")
      add("One step of this chain is wrong:", Style(bold: true))
      for line in slip.lines { add("  " + line) }
      add("")
      let fields = [
        ("wrong step", drill.fields[0]),
        ("right \(slip.problem.kind.steps.last!.label)", drill.fields[1]),
      ]
      // The fields and any refusal stay in view: the text above gives way first.
      var form: [(String, Style)] = []
      for (index, (label, text)) in fields.enumerated() {
        let focused = index == drill.focus
        let box = "[" + (text + (focused ? "_" : "")).clipped(to: 16).padded(to: 16) + "]"
        form.append(
          ("\(label.clipped(to: 24).padded(to: 24)) \(box)", Style(bold: focused, reverse: false)))
      }
      if let refusal = drill.refusal { form.append((refusal, Style(bold: true, tone: .over))) }
      let room = max(0, bottom - 1 - form.count)
      var y = 1
      for (text, style) in rows.suffix(room) {
        frame.put(text.clipped(to: w - 2 * margin), x: margin, y: y, style: style)
        y += 1
      }
      for (text, style) in form where y < bottom {
        frame.put(text.clipped(to: w - 2 * margin), x: margin, y: y, style: style)
        y += 1
      }
    case .answered(let r)?:
      let slip = drill.slip
      add(
        "\(r.pass ? "CAUGHT" : "NOT CAUGHT") · step \(r.named) \(r.stepRight ? "right" : "wrong")"
          + " · answer \(r.ratioText), \(r.band.name)",
        Style(bold: true, tone: r.pass ? .ok : .over))
      add(
        "spotted in \(DurationText.clock(r.spotted)), answered in \(DurationText.clock(r.elapsed))"
          + " of \(DurationText.clock(r.limit))" + (r.elapsed > r.limit ? " (too late)" : ""),
        Style(dim: true))
      add("")
      add("The slip, at step \(r.planted): \(slip.slip.words).", Style(bold: true))
      add("The right answer: \(slip.problem.targetText).")
      add("")
      for line in slip.problem.chain { add("  " + line) }
      for (offset, (text, style)) in rows.prefix(bottom - 1).enumerated() {
        frame.put(text, x: margin, y: 1 + offset, style: style)
      }
    case nil:
      add("\(drill.passes) of \(drill.results.count) caught", Style(bold: true))
      add("")
      for (index, r) in drill.results.enumerated() {
        add("\(index + 1). \(r.kind.title): \(r.summary)", Style(tone: r.pass ? .ok : .over))
      }
      for (offset, (text, style)) in rows.prefix(bottom - 1).enumerated() {
        frame.put(text, x: margin, y: 1 + offset, style: style)
      }
    }
    let hint: String
    switch step {
    case .asking?: hint = "Enter next · ↑↓ field · Esc clear · ? help · q quit"
    case .answered?: hint = "Space next · q quit"
    case nil: hint = "q or Enter: done"
    }
    Hints.draw(into: &frame, hint)
    overlay(&frame, drill)
    return frame
  }

  static let help = [
    "Slip drill",
    "",
    "One step of the worked chain is wrong.",
    "Type its number and Enter, then the",
    "corrected answer and Enter.",
    "A pass: the right step, the answer within",
    "1.5x, inside the time. The time to spot",
    "it is when you named the step.",
    "",
    "Any key closes this.",
  ]

  static func overlay(_ frame: inout Frame, _ drill: SlipDrill) {
    DrillScreen.overlay(&frame, drill.overlay, help: help)
  }
}
