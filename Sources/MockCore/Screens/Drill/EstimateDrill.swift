/// `mockroom drill estimate`: problems against a clock, one field per step of the chain, and
/// after each, the ratio, the band, the steps right, the likely slip and the worked chain.
public typealias EstimateDrill = Drill<EstimateItems>

extension Drill where Kind == EstimateItems {
  public init(info: DrillInfo, problems: [EstimateProblem], at now: Instant) {
    self.init(info: info, EstimateItems(problems: problems), at: now)
  }

  public var problem: EstimateProblem { kind.problems[index] }
}

/// The estimation drill's problems: the form of the one up, and every result so far.
public struct EstimateItems: DrillKindModel {
  /// Where the problem up stands.
  public enum Step: Equatable, Sendable {
    case asking
    case answered(EstimateResult)
  }

  public static let drill = DrillKind.estimate
  public static let takesHelp = true
  public let problems: [EstimateProblem]
  public private(set) var step = Step.asking
  /// What is typed in each field of the current problem.
  public private(set) var fields: [String] = []
  public private(set) var focus = 0
  /// Why the last Enter was refused, shown under the form until the next key.
  public private(set) var refusal: String?
  public private(set) var results: [EstimateResult] = []
  /// Whether the problem's text has the screen (Tab), for windows too small for it and the form.
  public private(set) var reading = false
  /// How far the answered screen is scrolled (↑↓), for windows too small for the whole chain.
  public private(set) var scroll = 0

  public init(problems: [EstimateProblem]) { self.problems = problems }

  public var count: Int { problems.count }
  public var tally: String { "\(passes) of \(results.count) passed" }
  public var typed: String { fields.indices.contains(focus) ? fields[focus] : "" }

  public mutating func show(_ moment: DrillMoment) -> [Record] {
    let problem = problems[moment.index]
    step = .asking
    reading = false
    scroll = 0
    fields = Array(repeating: "", count: problem.kind.steps.count)
    focus = 0
    return [Record(t: moment.t, entry: .problemShown(number: moment.index + 1, problem))]
  }

  /// The time the problem took, once answered.
  public var itemTime: Millis? {
    if case .answered(let result) = step { result.elapsed } else { nil }
  }

  public static func render(_ drill: EstimateDrill, at now: Instant, size: Size) -> Frame {
    DrillScreen.render(drill, at: now, size: size)
  }

  // MARK: - Keys

  public mutating func key(_ key: Key, _ moment: DrillMoment) -> DrillMove {
    if key == .character("?") { return .help }
    switch step {
    case .asking:
      if key == .character("\t") {
        reading.toggle()
        return .none
      }
      reading = false
      return type(key, moment)
    case .answered:
      switch key {
      case .character(" "), .enter: return .next
      case .character("q"): return .askQuit
      case .down, .character("j"):
        scroll = min(scroll + 1, 40)
        return .none
      case .up, .character("k"):
        scroll = max(scroll - 1, 0)
        return .none
      default: return .none
      }
    }
  }

  /// In the form: digits and the rest go in the focused field; Enter moves on or submits.
  private mutating func type(_ key: Key, _ moment: DrillMoment) -> DrillMove {
    refusal = nil
    switch key {
    case .character("q") where fields[focus].isEmpty:
      return .askQuit
    case .character(let c) where !c.isNewline && fields[focus].count < 24:
      fields[focus].append(c)
    case .backspace:
      if !fields[focus].isEmpty { fields[focus].removeLast() }
    case .up:
      focus = max(0, focus - 1)
    case .down:
      focus = min(fields.count - 1, focus + 1)
    case .escape:
      fields[focus] = ""
    case .enter:
      let text = fields[focus]
      if !text.isEmpty, case .failure(let why) = read(text, at: focus, moment) {
        refusal = why.description
        return .none
      }
      guard focus == fields.count - 1 else {
        focus += 1
        return .none
      }
      guard !text.isEmpty else {
        refusal = "the final answer is needed; the steps may stay empty"
        return .none
      }
      return submit(moment)
    default: break
    }
    return .none
  }

  /// A field's text as a number: 0 only for the answer of a kind whose answer may be none.
  private func read(_ text: String, at field: Int, _ moment: DrillMoment) -> Result<
    Double, NumberText.Refused
  > {
    let problem = problems[moment.index]
    return NumberText.parse(
      text, zero: field == fields.count - 1 && problem.answerMayBeZero)
  }

  private mutating func submit(_ moment: DrillMoment) -> DrillMove {
    let values = fields.indices.map { index in
      fields[index].isEmpty ? nil : try? read(fields[index], at: index, moment).get()
    }
    if let bad = fields.indices.first(where: { !fields[$0].isEmpty && values[$0] == nil }) {
      focus = bad
      refusal = "that does not read as a number"
      return .none
    }
    let result = EstimateResult(
      problems[moment.index], typed: fields, values: values, elapsed: moment.elapsed,
      limit: moment.info.limit)
    results.append(result)
    step = .answered(result)
    let line = Record(t: moment.t, entry: .problemAnswered(number: moment.index + 1, result))
    return .answered(
      line,
      DrillHeard(
        text: "\(result.kind.rawValue): \(result.ratioText), in \(result.elapsed / 1000) seconds",
        kind: result.kind.rawValue, result: result.pass ? "pass" : "fail"))
  }

  // MARK: - The summary

  public var passes: Int { results.filter(\.pass).count }

  /// The kind that took longest on average, when more than one kind was answered.
  public var slowestKind: EstimateKind? {
    let kinds = Dictionary(grouping: results, by: \.kind)
    guard kinds.count > 1 else { return nil }
    return kinds.max { a, b in
      let mean = { (r: [EstimateResult]) in r.map(\.elapsed).reduce(0, +) / Millis(r.count) }
      return mean(a.value) < mean(b.value)
    }?.key
  }
}
