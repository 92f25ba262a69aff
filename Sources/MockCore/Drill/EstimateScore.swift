import Foundation

/// How close an estimate came: its ratio to the expected value and the band that puts it in.
public enum Band: String, CaseIterable, Sendable {
  case exact
  case close
  case ballpark
  case order = "order of magnitude"
  case miss

  /// The band of `ratio` (answer / expected), by e = |log10 ratio|: exact within 0.05
  /// (12%), close within log10 1.5 (0.176: a pass), ballpark within log10 2 (0.301), an order
  /// of magnitude within 1 (10x), else a miss. 1.5x itself is close, and 2x a ballpark.
  public init(ratio: Double) {
    let e = abs(log10(ratio))
    switch e {
    case ...0.05: self = .exact
    case ...(log10(1.5) + 1e-12): self = .close
    case ...(log10(2) + 1e-12): self = .ballpark
    case ...1.0: self = .order
    default: self = .miss
    }
  }

  /// The band in words, as the screens say it (the record keeps the raw value): a 3x miss is
  /// within ten times, not "an order of magnitude".
  public var name: String {
    switch self {
    case .order: "within 10x"
    default: rawValue
    }
  }

  /// Close or better.
  public var isRight: Bool { self == .exact || self == .close }
}

/// One answered problem.
public struct EstimateResult: Equatable, Sendable {
  public var kind: EstimateKind
  /// What was typed in each step's field, the final answer last ("" when left empty).
  public var typed: [String]
  /// Each typed step's value (nil when left empty).
  public var values: [Double?]
  public var ratio: Double
  public var band: Band
  public var elapsed: Millis
  public var limit: Millis
  /// Per step: whether it was right (nil when not typed).
  public var stepsRight: [Bool?]
  public var diagnosis: String?

  /// Close or better, and within the time.
  public var pass: Bool { band.isRight && elapsed <= limit }

  /// `2.9x high`, `1.3x low`, `right on`.
  public static func ratioText(_ ratio: Double) -> String {
    if abs(log10(ratio)) < 0.0005 { return "right on" }
    let factor = ratio >= 1 ? ratio : 1 / ratio
    guard factor.isFinite, factor < 1e15 else {
      return "over 10^15x \(ratio >= 1 ? "high" : "low")"
    }
    let shown =
      factor < 9.95 ? String(format: "%.1f", factor) : NumberText.significant(factor, 3)
    return "\(shown)x \(ratio >= 1 ? "high" : "low")"
  }

  public var ratioText: String { Self.ratioText(ratio) }

  /// The ratio of an answer above zero where the answer is 0.
  static let noneFitRatio = 1e16

  /// Scores `typed` (the final answer last, already read as a number) against `problem`.
  public init(
    _ problem: EstimateProblem, typed: [String], values: [Double?], elapsed: Millis,
    limit: Millis
  ) {
    kind = problem.kind
    self.typed = typed
    self.values = values
    self.elapsed = elapsed
    self.limit = limit
    let answer = values.last.flatMap { $0 } ?? 0
    if problem.target == 0 {
      // Not one whole request fits: 0 is right on, and any part of one is a miss however
      // small (scored as far off as the record can say).
      ratio = answer == 0 ? 1 : Self.noneFitRatio
    } else {
      ratio = answer > 0 ? answer / problem.target : .leastNonzeroMagnitude
    }
    band = Band(ratio: ratio)
    stepsRight = zip(values, problem.expected).map { value, expected in
      value.map { Band(ratio: $0 / expected).isRight }
    }
    // The answer is right as its band says (against the whole count, not the raw figure).
    if let last = values.last, last != nil { stepsRight[stepsRight.count - 1] = band.isRight }
    diagnosis = Diagnosis.of(problem, values: values, ratio: ratio)
  }

  /// A result read back from the record, as it was scored then.
  public init(
    kind: EstimateKind, typed: [String], values: [Double?], ratio: Double, band: Band,
    elapsed: Millis, limit: Millis, stepsRight: [Bool?], diagnosis: String?
  ) {
    self.kind = kind
    self.typed = typed
    self.values = values
    self.ratio = ratio
    self.band = band
    self.elapsed = elapsed
    self.limit = limit
    self.stepsRight = stepsRight
    self.diagnosis = diagnosis
  }
}

/// The likely slip behind a wrong estimate, from the first wrong step typed (or the answer's
/// ratio when no step was): the slips of DRILLS.md, each near a known factor.
public enum Diagnosis {
  /// Whether `ratio` is within about 15% of `factor`.
  static func near(_ ratio: Double, _ factor: Double) -> Bool {
    abs(log10(ratio) - log10(factor)) < 0.06
  }

  public static func of(_ problem: EstimateProblem, values: [Double?], ratio: Double) -> String? {
    // Exact needs nothing said; a close answer may still show a slip (a missing x1.3).
    guard Band(ratio: ratio) != .exact || values.dropLast().contains(where: { $0 != nil }) else {
      return nil
    }
    // The first step typed that is off, or the answer itself.
    let steps = problem.kind.steps
    var at = steps.count - 1
    var off = ratio
    for (index, value) in values.enumerated() {
      guard let value, index < problem.expected.count else { continue }
      let stepRatio = value / problem.expected[index]
      if !Band(ratio: stepRatio).isRight {
        at = index
        off = stepRatio
        break
      }
    }
    if problem.target == 0, at == steps.count - 1, ratio != 1 {
      return "not one whole request fits (\(n(problem.answer)) of one): the answer is 0"
    }
    guard Band(ratio: off) != .exact else { return nil }
    let place = at == steps.count - 1 ? "" : "at \(steps[at].label): "
    // A wrong step and a right answer: two slips cancelled, and luck is not a method.
    let cancels = at < steps.count - 1 && Band(ratio: ratio) == .exact
    if let slip = slip(problem, step: at, ratio: off) {
      return cancels
        ? "two slips cancel: \(place)\(slip); the answer is right only because another step "
          + "makes up for it"
        : place + slip
    }
    if cancels {
      return "two slips cancel: \(place)\(EstimateResult.ratioText(off)); the answer is right "
        + "only because another step makes up for it"
    }
    // A pass that no slip explains is only a little off: nothing to say.
    guard !Band(ratio: off).isRight else { return nil }
    return place + "no single slip explains \(EstimateResult.ratioText(off)); compare your steps "
      + "with the chain"
  }

  /// Which slip fits `ratio` at step `step`, if any.
  static func slip(_ problem: EstimateProblem, step: Int, ratio: Double) -> String? {
    let inputs = problem.inputs
    // Too big by 86,400: a per-day figure not divided; too small: divided twice.
    if near(ratio, 86_400) { return "a per-day figure left per day: divide by 86,400" }
    if near(ratio, 1 / 86_400) { return "divided by 86,400 twice: multiply back by 86,400" }
    switch problem.kind {
    case .gpus:
      let peak = inputs["peak_factor"]!
      let perGPU = inputs["tokens_per_s_per_gpu"]!
      let headroom = inputs["headroom"]!
      if step >= 2, near(ratio, 1 / peak) { return "the peak factor is missing: x\(n(peak))" }
      if step >= 2, near(ratio, peak) {
        return "the peak factor is taken twice: once is x\(n(peak))"
      }
      if step == 3, headroom > 1, near(ratio, 1 / headroom) {
        return "the headroom is missing: x1.3"
      }
      if step == 3, headroom == 1, near(ratio, 1.3) {
        return "headroom was added, but this problem asks for none"
      }
      if step == 3, perGPU == 1000, near(ratio, 1.0 / 8) {
        return "the 7B throughput (8,000 tokens/s) used for a 70B model (1,000)"
      }
      if step == 3, perGPU == 8000, near(ratio, 8) {
        return "the 70B throughput (1,000 tokens/s) used for a 7B model (8,000)"
      }
    case .kv:
      let tp = inputs["tensor_parallel"]!
      // Bytes per token half as large (K and V once) means twice the tokens and requests.
      if step == 0, near(ratio, 0.5) { return "K and V counted once: the bytes per token are x2" }
      if step >= 2, near(ratio, 2) { return "K and V counted once: the bytes per token are x2" }
      if tp > 1, step == 1, near(ratio, tp) {
        return "the tensor-parallel split is missing: divide by \(n(tp)) GPUs"
      }
      if tp > 1, step >= 2, near(ratio, 1 / tp) {
        return "the tensor-parallel split is missing: each GPU holds 1/\(n(tp)) of a token's KV"
      }
      if near(ratio, 1000) || near(ratio, 1 / 1000.0) {
        return "a unit slip of 1,000: MB against GB, or bytes against kB"
      }
    case .qps:
      let peak = inputs["peak_factor"]!
      let latency = inputs["latency_s"]!
      if step >= 1, near(ratio, 1 / peak) { return "the peak factor is missing: x\(n(peak))" }
      if step >= 1, near(ratio, peak) {
        return "the peak factor is taken twice: once is x\(n(peak))"
      }
      if step == 2, latency != 1, near(ratio, 1 / latency) {
        return "the latency is missing: in flight = QPS x \(n(latency)) s (Little's law)"
      }
    }
    if near(ratio, 1000) || near(ratio, 1 / 1000.0) {
      return "a unit slip of 1,000: thousands against millions, or per second against per ms"
    }
    if abs(log10(ratio)) > 3 { return "off by more than 1,000x: check the units" }
    return nil
  }

  private static func n(_ value: Double) -> String { NumberText.short(value) }
}
