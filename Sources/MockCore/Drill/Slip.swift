import Foundation

/// A slip the diagnosis knows, planted in a worked chain for `mockroom drill slip`.
public enum SlipKind: String, CaseIterable, Sendable {
  case averageForPeak = "average_for_peak"
  case perDayAsPerSecond = "per_day_as_per_second"
  case kvOnce = "kv_once"
  case smallModelRate = "small_model_rate"
  case factorOfTen = "factor_of_ten"
  case bitsForBytes = "bits_for_bytes"
  case tpMissed = "tp_missed"

  /// The slip in words, as the answer names it.
  public var words: String {
    switch self {
    case .averageForPeak: "the average used as the peak (the peak factor left out)"
    case .perDayAsPerSecond: "a per-day figure used as per second (the /86,400 left out)"
    case .kvOnce: "K and V counted once (the 2 left out)"
    case .smallModelRate: "the 7B rate (8,000 tokens/s) used for a 70B model (1,000)"
    case .factorOfTen: "a factor of ten in the arithmetic"
    case .bitsForBytes: "bits used for bytes (16 a value for BF16's 2)"
    case .tpMissed: "the tensor-parallel split missed (not divided over the GPUs)"
    }
  }
}

/// A worked chain with one planted slip: the problem, which step is wrong and how, and the
/// chain as the slip left it (every later step carrying it).
public struct SlipProblem: Equatable, Sendable {
  public let problem: EstimateProblem
  public let slip: SlipKind
  /// The wrong step, from 0.
  public let step: Int
  /// How far off the wrong step is (its value over the right one): 10 or 0.1 for a factor of
  /// ten, else the slip's own.
  public let factor: Double
  /// Each step's value as the slipped chain has it.
  public let shown: [Double]
  /// The slipped chain, a step a line, numbered.
  public private(set) var lines: [String] = []

  /// The slip `slip` planted at `step` of `problem`; nil when it cannot happen there (no
  /// tensor-parallel split to miss, a 7B model for the rate slip, a step the slip is not at).
  public init?(_ problem: EstimateProblem, _ slip: SlipKind, step: Int, tenUp: Bool = true) {
    let inputs = problem.inputs
    let kind = problem.kind
    guard problem.expected.indices.contains(step) else { return nil }
    let factor: Double
    switch (slip, kind, step) {
    case (.averageForPeak, .gpus, 2), (.averageForPeak, .qps, 1):
      factor = 1 / inputs["peak_factor"]!
    case (.perDayAsPerSecond, .gpus, 1), (.perDayAsPerSecond, .qps, 0): factor = 86_400
    case (.kvOnce, .kv, 0): factor = 0.5
    case (.bitsForBytes, .kv, 0): factor = 8
    case (.tpMissed, .kv, 1) where inputs["tensor_parallel"]! > 1:
      factor = inputs["tensor_parallel"]!
    case (.smallModelRate, .gpus, 3) where inputs["tokens_per_s_per_gpu"]! == 1000:
      factor = 1.0 / 8
    case (.factorOfTen, _, _): factor = tenUp ? 10 : 0.1
    default: return nil
    }
    self.problem = problem
    self.slip = slip
    self.step = step
    self.factor = factor
    // Every chain is a product of its steps, but the KV chain divides by its per-token bytes:
    // a slip there moves the tokens and requests the other way.
    shown = problem.expected.indices.map { i in
      let e = problem.expected[i]
      guard i >= step else { return e }
      return kind == .kv && step < 2 && i >= 2 ? e / factor : e * factor
    }
    lines = slippedChain
  }

  /// The steps a slip may be planted at in a problem of `kind`.
  static func places(_ slip: SlipKind, _ kind: EstimateKind) -> [Int] {
    switch (slip, kind) {
    case (.averageForPeak, .gpus): [2]
    case (.averageForPeak, .qps): [1]
    case (.perDayAsPerSecond, .gpus): [1]
    case (.perDayAsPerSecond, .qps): [0]
    case (.kvOnce, .kv), (.bitsForBytes, .kv): [0]
    case (.tpMissed, .kv): [1]
    case (.smallModelRate, .gpus): [3]
    case (.factorOfTen, _): Array(kind.steps.indices)
    default: []
    }
  }

  /// A problem from the estimate generator with a slip that fits it.
  public static func generate(_ kind: EstimateKind, _ random: inout SeededGenerator)
    -> SlipProblem
  {
    while true {
      let problem = EstimateProblem.generate(kind, &random)
      let slips = SlipKind.allCases.filter { !places($0, kind).isEmpty }
      let slip = slips[Int(random.next() % UInt64(slips.count))]
      let at = places(slip, kind)
      let step = at[Int(random.next() % UInt64(at.count))]
      if let made = SlipProblem(problem, slip, step: step, tenUp: random.next() % 2 == 0) {
        return made
      }
    }
  }

  /// `count` slip problems of `kinds`, each kind once before any comes again, as the seed says.
  public static func set(of kinds: [EstimateKind], count: Int, seed: UInt64) -> [SlipProblem] {
    var random = SeededGenerator(seed: seed ^ 0x51_1B)
    return (0..<count).map { index in
      generate(kinds[(index + Int(seed % UInt64(kinds.count))) % kinds.count], &random)
    }
  }

  private func x(_ name: String) -> Double { problem.inputs[name]! }
  private func n(_ value: Double) -> String { NumberText.short(value) }

  /// The chain as written with the slip in it: the right formula with a wrong result, a step
  /// left out, or a wrong figure in it, as the slip would be made.
  private var slippedChain: [String] {
    let v = shown
    let at = { (i: Int, s: SlipKind) in step == i && slip == s }
    var out: [String]
    switch problem.kind {
    case .gpus:
      let rate = at(3, .smallModelRate) ? 8_000 : x("tokens_per_s_per_gpu")
      out = [
        "\(n(x("dau"))) x \(n(x("sessions_per_day"))) x \(n(x("turns_per_session"))) x "
          + "\(n(x("tokens_per_turn"))) = \(n(v[0])) tokens/day",
        at(1, .perDayAsPerSecond)
          ? "\(n(v[0])) tokens a day = \(n(v[1])) tokens/s on average"
          : "\(n(v[0])) / 86,400 s = \(n(v[1])) tokens/s on average",
        at(2, .averageForPeak)
          ? "peak = \(n(v[2])) tokens/s" : "x \(n(x("peak_factor"))) peak = \(n(v[2])) tokens/s",
        "\(n(v[2])) / \(n(rate)) per GPU" + (x("headroom") > 1 ? ", x1.3 headroom" : "")
          + " = \(n(v[3])) GPUs",
      ]
    case .kv:
      let tp = x("tensor_parallel")
      let bytes = at(0, .bitsForBytes) ? x("bytes_per_value") * 8 : x("bytes_per_value")
      let pair = at(0, .kvOnce) ? "" : "2 x "
      out = [
        "\(pair)\(n(x("layers"))) x \(n(x("kv_heads"))) x \(n(x("head_dim"))) x \(n(bytes)) = "
          + "\(n(v[0])) bytes a token",
        at(1, .tpMissed)
          ? "\(n(v[1])) bytes a token on each GPU"
          : "/ \(n(tp)) GPU\(tp == 1 ? "" : "s") = \(n(v[1])) bytes a token on each",
        "\(n(x("free_gb_per_gpu"))) GB / \(n(v[1])) = \(n(v[2])) tokens per GPU",
        "/ \(n(x("tokens_per_request"))) a request = \(n(v[3])) requests per GPU",
      ]
    case .qps:
      out = [
        "\(n(x("dau"))) x \(n(x("sessions_per_day"))) x \(n(x("requests_per_session")))"
          + (at(0, .perDayAsPerSecond) ? "" : " / 86,400 s") + " = \(n(v[0])) QPS on average",
        at(1, .averageForPeak)
          ? "peak = \(n(v[1])) QPS" : "x \(n(x("peak_factor"))) peak = \(n(v[1])) QPS",
        "x \(n(x("latency_s"))) s (Little's law) = \(n(v[2])) in flight",
      ]
    }
    return out.enumerated().map { "\($0.offset + 1). \($0.element)" }
  }
}

/// One slip problem answered: the step named and the corrected answer, each scored, and the
/// time to spot the slip.
public struct SlipResult: Equatable, Sendable {
  public var kind: EstimateKind
  public var slip: SlipKind
  /// The wrong step and the one named, from 1.
  public var planted: Int
  public var named: Int
  /// The corrected answer as typed, and as read.
  public var typed: String
  public var value: Double
  public var ratio: Double
  public var band: Band
  /// When the step was named, and when the answer came, on the problem's clock.
  public var spotted: Millis
  public var elapsed: Millis
  public var limit: Millis

  public var stepRight: Bool { named == planted }
  /// The right step, a corrected answer close or better, inside the time.
  public var pass: Bool { stepRight && band.isRight && elapsed <= limit }

  public init(
    _ p: SlipProblem, named: Int, typed: String, value: Double, spotted: Millis, elapsed: Millis,
    limit: Millis
  ) {
    let target = p.problem.target
    let ratio =
      target == 0
      ? (value == 0 ? 1 : EstimateResult.noneFitRatio)
      : value > 0 ? value / target : .leastNonzeroMagnitude
    self.init(
      kind: p.problem.kind, slip: p.slip, planted: p.step + 1, named: named, typed: typed,
      value: value, ratio: ratio, band: Band(ratio: ratio), spotted: spotted, elapsed: elapsed,
      limit: limit)
  }

  public init(
    kind: EstimateKind, slip: SlipKind, planted: Int, named: Int, typed: String, value: Double,
    ratio: Double, band: Band, spotted: Millis, elapsed: Millis, limit: Millis
  ) {
    self.kind = kind
    self.slip = slip
    self.planted = planted
    self.named = named
    self.typed = typed
    self.value = value
    self.ratio = ratio
    self.band = band
    self.spotted = spotted
    self.elapsed = elapsed
    self.limit = limit
  }

  /// The result in a line: `step 3 named (right), spotted in 0:12; answer 1.0x high, exact`.
  public var summary: String {
    "step \(named) named (\(stepRight ? "right" : "the slip was at step \(planted)")), spotted "
      + "in \(DurationText.clock(spotted)); answer \(EstimateResult.ratioText(ratio)), \(band.name)"
  }
}
