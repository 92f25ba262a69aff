/// `mockroom drill estimate`: problems against a clock, one field per step of the chain, and
/// after each, the ratio, the band, the steps right, the likely slip and the worked chain.
///
/// Time is the monotonic clock's: a problem's time is now − shown − time stepped away.
public struct EstimateDrill: ScreenModel, Equatable, Sendable {
  public enum Stage: Equatable, Sendable {
    case asking
    case answered(EstimateResult)
    case summary
  }

  public enum Overlay: Equatable, Sendable {
    case help, confirmQuit
  }

  public let info: DrillInfo
  public let problems: [EstimateProblem]
  public private(set) var index = 0
  public private(set) var stage = Stage.asking
  /// What is typed in each field of the current problem.
  public private(set) var fields: [String]
  public private(set) var focus = 0
  /// Why the last Enter was refused, shown under the form until the next key.
  public private(set) var refusal: String?
  public private(set) var results: [EstimateResult] = []
  public private(set) var overlay: Overlay?
  /// Whether the problem's text has the screen (Tab), for windows too small for it and the form.
  public private(set) var reading = false
  /// The current problem's clock.
  public private(set) var clock = DrillClock(at: Instant(ms: 0))
  private var drillStart = Instant(ms: 0)
  /// How the drill ended, once it has.
  public private(set) var ending: Ending?

  public init(info: DrillInfo, problems: [EstimateProblem]) {
    self.info = info
    self.problems = problems
    fields = Array(repeating: "", count: problems.first?.kind.steps.count ?? 1)
  }

  public var problem: EstimateProblem { problems[index] }

  /// The current problem's time so far; it stands still once answered.
  public func elapsed(at now: Instant) -> Millis {
    if case .answered(let result) = stage { return result.elapsed }
    return clock.elapsed(at: now)
  }

  /// The record's time: from the drill's start.
  private func t(_ now: Instant) -> Millis { max(0, now - drillStart) }

  /// The drill's first lines: it began, and the first problem went up.
  public mutating func start(at now: Instant) -> [Effect] {
    drillStart = now
    clock = DrillClock(at: now)
    let first = [
      Effect.record(Record(t: 0, entry: .drillStarted(info))),
      .record(Record(t: 0, entry: .problemShown(number: 1, problems[0]))),
    ]
    return first + HookWatch.drillCalls(after: first, info)
  }

  public mutating func update(_ input: Input, at now: Instant) -> [Effect] {
    let effects: [Effect]
    switch input {
    case .key(let key): effects = handle(key, at: now)
    case .stop(let signal): effects = end(.abandoned, .signal(signal), at: now)
    case .suspend:
      clock.stepAway(at: now)
      overlay = nil
      effects = [.stepAway]
    case .continued:
      clock.back(at: now)
      effects = [.redraw]
    case .resize, .viewport, .time, .slept, .request, .peers, .message, .hungUp, .recordBehind,
      .hookFinished, .notice:
      effects = []
    }
    return effects + HookWatch.drillCalls(after: effects, info)
  }

  public func nextWake(after now: Instant) -> Instant? {
    guard case .asking = stage else { return nil }
    return clock.nextSecond(after: now)
  }

  public func render(size: Size, at now: Instant, colors: Bool) -> Frame {
    DrillScreen.render(self, at: now, size: size)
  }

  // MARK: - Keys

  private mutating func handle(_ key: Key, at now: Instant) -> [Effect] {
    if let overlay {
      self.overlay = nil
      if overlay == .confirmQuit, key == .character("y") || key == .character("q") {
        return end(.abandoned, .quit, at: now)
      }
      return []
    }
    if key == .character("?") {
      overlay = .help
      return []
    }
    switch stage {
    case .asking:
      if key == .character("\t") {
        reading.toggle()
        return []
      }
      reading = false
      return type(key, at: now)
    case .answered:
      switch key {
      case .character(" "), .enter: return next(at: now)
      case .character("q"):
        overlay = .confirmQuit
        return []
      default: return []
      }
    case .summary:
      switch key {
      case .character("q"), .enter, .character(" "), .escape: return [.quit]
      default: return []
      }
    }
  }

  /// In the form: digits and the rest go in the focused field; Enter moves on or submits.
  private mutating func type(_ key: Key, at now: Instant) -> [Effect] {
    refusal = nil
    switch key {
    case .character("q") where fields[focus].isEmpty:
      overlay = .confirmQuit
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
      if !text.isEmpty, case .failure(let why) = NumberText.parse(text) {
        refusal = why.description
        return []
      }
      guard focus == fields.count - 1 else {
        focus += 1
        return []
      }
      guard !text.isEmpty else {
        refusal = "the final answer is needed; the steps may stay empty"
        return []
      }
      return submit(at: now)
    default: break
    }
    return []
  }

  private mutating func submit(at now: Instant) -> [Effect] {
    let values = fields.map { $0.isEmpty ? nil : try? NumberText.parse($0).get() }
    if let bad = fields.indices.first(where: { !fields[$0].isEmpty && values[$0] == nil }) {
      focus = bad
      refusal = "that does not read as a number"
      return []
    }
    let result = EstimateResult(
      problem, typed: fields, values: values, elapsed: elapsed(at: now), limit: info.limit)
    results.append(result)
    stage = .answered(result)
    return [.record(Record(t: t(now), entry: .problemAnswered(number: index + 1, result)))]
  }

  private mutating func next(at now: Instant) -> [Effect] {
    guard index + 1 < problems.count else {
      stage = .summary
      return end(.finished, .completed, at: now, quit: false)
    }
    index += 1
    stage = .asking
    reading = false
    fields = Array(repeating: "", count: problem.kind.steps.count)
    focus = 0
    clock = DrillClock(at: now)
    return [.record(Record(t: t(now), entry: .problemShown(number: index + 1, problem)))]
  }

  private mutating func end(
    _ outcome: Outcome, _ reason: EndReason, at now: Instant, quit: Bool = true
  )
    -> [Effect]
  {
    guard ending == nil else { return quit ? [.quit] : [] }
    let ending = Ending(outcome: outcome, reason: reason)
    self.ending = ending
    let line = Effect.record(Record(t: t(now), entry: .drillEnded(ending)))
    return quit ? [line, .quit] : [line]
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
