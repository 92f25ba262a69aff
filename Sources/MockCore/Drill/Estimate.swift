/// The three canonical estimations, generated in realistic ranges with every figure stated.
public enum EstimateKind: String, CaseIterable, Sendable {
  case gpus, kv, qps

  /// The kind `--kind` names, in any case: `gpus`, `GPUs`, `KV`.
  public init?(named name: String) { self.init(rawValue: name.lowercased()) }

  public var title: String {
    switch self {
    case .gpus: "GPU fleet"
    case .kv: "KV cache"
    case .qps: "QPS from DAU"
    }
  }

  /// The steps of the chain in order, the final answer last: the record's names, and the
  /// screen's labels.
  public var steps: [(name: String, label: String)] {
    switch self {
    case .gpus:
      [
        ("tokens_per_day", "tokens/day"), ("avg_tokens_per_s", "average tokens/s"),
        ("peak_tokens_per_s", "peak tokens/s"), ("gpus", "GPUs"),
      ]
    case .kv:
      [
        ("kv_bytes_per_token", "KV bytes per token"),
        ("kv_bytes_per_token_per_gpu", "KV bytes per token per GPU"),
        ("tokens_per_gpu", "tokens that fit per GPU"),
        ("requests_per_gpu", "requests in flight per GPU"),
      ]
    case .qps:
      [("avg_qps", "average QPS"), ("peak_qps", "peak QPS"), ("in_flight", "requests in flight")]
    }
  }

  /// The inputs a problem of this kind states, by the record's names, in order.
  public var inputNames: [String] {
    switch self {
    case .gpus:
      [
        "dau", "sessions_per_day", "turns_per_session", "tokens_per_turn", "tokens_per_s_per_gpu",
        "peak_factor", "headroom",
      ]
    case .kv:
      [
        "layers", "kv_heads", "head_dim", "bytes_per_value", "tensor_parallel", "free_gb_per_gpu",
        "tokens_per_request",
      ]
    case .qps: ["dau", "sessions_per_day", "requests_per_session", "peak_factor", "latency_s"]
    }
  }
}

/// One estimation problem: what it states, and what each step of the chain comes to.
public struct EstimateProblem: Equatable, Sendable {
  public let kind: EstimateKind
  /// Every figure the answer needs, by name (`EstimateKind.inputNames`).
  public let inputs: [String: Double]
  /// Each step's value, in the order of `kind.steps`.
  public let expected: [Double]
  /// The problem in words, and the worked chain: written once, not on every frame (a second's
  /// repaint would format every figure again).
  public private(set) var text: [String] = []
  public private(set) var chain: [String] = []
  /// Made outside the plausible ranges on purpose: the right move is to say the figure is
  /// implausible. (Not kept in the record: a problem read back is not marked.)
  public let sanity: Bool

  public static let secondsPerDay = 86_400.0

  /// The problem with these inputs; nil when one is missing or not above zero.
  public init?(kind: EstimateKind, inputs: [String: Double], sanity: Bool = false) {
    guard kind.inputNames.allSatisfy({ (inputs[$0] ?? 0) > 0 }) else { return nil }
    self.kind = kind
    self.inputs = inputs
    self.sanity = sanity
    func x(_ name: String) -> Double { inputs[name]! }
    switch kind {
    case .gpus:
      let perDay = x("dau") * x("sessions_per_day") * x("turns_per_session") * x("tokens_per_turn")
      let average = perDay / Self.secondsPerDay
      let peak = average * x("peak_factor")
      expected = [perDay, average, peak, peak / x("tokens_per_s_per_gpu") * x("headroom")]
    case .kv:
      let perToken = 2 * x("layers") * x("kv_heads") * x("head_dim") * x("bytes_per_value")
      let perGPU = perToken / x("tensor_parallel")
      let tokens = x("free_gb_per_gpu") * 1e9 / perGPU
      expected = [perToken, perGPU, tokens, tokens / x("tokens_per_request")]
    case .qps:
      let average =
        x("dau") * x("sessions_per_day") * x("requests_per_session") / Self.secondsPerDay
      let peak = average * x("peak_factor")
      expected = [average, peak, peak * x("latency_s")]
    }
    text = statement
    chain = workedChain
  }

  public var answer: Double { expected.last! }

  /// The answer as it is scored: a whole number of GPUs (one at least, rounded up once the
  /// headroom is on), or of requests that fit (rounded down: a part of a request does not
  /// fit); the QPS chain's in-flight figure as it comes.
  public var target: Double {
    switch kind {
    case .gpus: max(1, answer.rounded(.up))
    case .kv: answer.rounded(.down)
    case .qps: answer
    }
  }

  /// The answer as scored, in words: a whole count written whole (`2,084`, not the three
  /// figures of `2,080`), the QPS chain's figure to three.
  public var targetText: String {
    kind == .qps ? NumberText.short(target) : NumberText.grouped(String(Int(target)))
  }

  /// Whether 0 is an answer this kind may be given: no request fits.
  public var answerMayBeZero: Bool { kind == .kv }

  // MARK: - Made up

  /// The models a KV problem may name: layers, KV heads and head dimension.
  static let shapes: [(name: String, layers: Double, heads: Double, dim: Double)] = [
    ("Llama-3 70B", 80, 8, 128), ("Llama-3 8B", 32, 8, 128), ("a 34B model", 48, 8, 128),
    ("a 13B model without grouped-query attention", 40, 40, 128),
  ]

  /// A problem whose inputs are in realistic ranges and whose result is plausible
  /// (`plausibleRanges`), except about one in twelve, made implausible on purpose and marked as
  /// a sanity problem.
  public static func generate(_ kind: EstimateKind, _ random: inout SeededGenerator)
    -> EstimateProblem
  {
    let sanity = random.next() % 12 == 0
    var problem = draw(kind, &random)
    // Drawn again until it is what was asked for: a few draws at most in practice.
    for _ in 0..<2_000 where problem.isPlausible == sanity {
      problem = draw(kind, &random)
    }
    return EstimateProblem(kind: kind, inputs: problem.inputs, sanity: !problem.isPlausible)!
  }

  /// Inputs in the ranges that keep them realistic (DAU 0.2-50M, 1-10 sessions, 3-30 turns or
  /// requests, 100-2,000 output tokens, 7B or 70B, peak 2-5x, latency 0.2-5 s, context 1k-16k,
  /// 1-8 GPUs), whatever they come to.
  static func draw(_ kind: EstimateKind, _ random: inout SeededGenerator) -> EstimateProblem {
    func pick<T>(_ choices: [T]) -> T { choices[Int(random.next() % UInt64(choices.count))] }
    let dau = pick([0.2, 0.5, 1, 2, 5, 10, 20, 50]) * 1e6
    var inputs: [String: Double]
    switch kind {
    case .gpus:
      inputs = [
        "dau": dau, "sessions_per_day": pick([1, 2, 3, 4, 5, 6, 8, 10]),
        "turns_per_session": pick([3, 5, 8, 10, 12, 15, 20, 25, 30]),
        "tokens_per_turn": pick([100, 200, 300, 400, 500, 800, 1000, 1500, 2000]),
        "tokens_per_s_per_gpu": pick([1000, 8000]), "peak_factor": pick([2, 3, 4, 5]),
        "headroom": pick([1.0, 1.3]),
      ]
    case .kv:
      let shape = pick(Array(shapes.indices))
      let (_, layers, heads, dim) = shapes[shape]
      inputs = [
        "layers": layers, "kv_heads": heads, "head_dim": dim, "bytes_per_value": pick([2, 1]),
        // The largest model is split over two GPUs at least: its weights alone fill one.
        "tensor_parallel": shape == 0 ? pick([2, 4, 8]) : pick([1, 2, 4]),
        "free_gb_per_gpu": pick([10, 20, 30, 40, 60]),
        "tokens_per_request": pick([1000, 2000, 2500, 4000, 8000, 16000]),
      ]
    case .qps:
      inputs = [
        "dau": dau, "sessions_per_day": pick([1, 2, 3, 4, 5, 8, 10]),
        "requests_per_session": pick([3, 5, 8, 10, 15, 20, 30]), "peak_factor": pick([2, 3, 4, 5]),
        "latency_s": pick([0.2, 0.5, 1, 2, 5]),
      ]
    }
    return EstimateProblem(kind: kind, inputs: inputs)!
  }

  // MARK: - Plausible

  /// The figures whose size says whether a problem is one interviews use.
  public struct Scale: Equatable, Sendable {
    /// The fleet, for a GPU problem.
    public var fleetGPUs: Double?
    /// The peak QPS, for a QPS problem.
    public var peakQPS: Double?
    /// Requests in flight per GPU, for a KV problem.
    public var inFlightPerGPU: Double?
  }

  /// The ranges interviews use: a fleet in the tens to thousands of GPUs, a peak in the
  /// hundreds to tens of thousands of QPS, a handful to a few hundred requests in flight per GPU.
  public static let plausibleRanges = (
    fleetGPUs: 10.0...5_000, peakQPS: 100.0...50_000, inFlightPerGPU: 4.0...400
  )

  public var scale: Scale {
    switch kind {
    case .gpus: Scale(fleetGPUs: target)
    case .kv: Scale(inFlightPerGPU: target)
    case .qps: Scale(peakQPS: expected[1])
    }
  }

  /// Whether every figure of `scale` is in its range.
  public var isPlausible: Bool {
    let r = Self.plausibleRanges
    let s = scale
    return (s.fleetGPUs.map(r.fleetGPUs.contains) ?? true)
      && (s.peakQPS.map(r.peakQPS.contains) ?? true)
      && (s.inFlightPerGPU.map(r.inFlightPerGPU.contains) ?? true)
  }

  /// One line on `answer` against the kit's anchors: in range, or which check it calls for.
  public func sanityRead(_ answer: Double) -> String {
    let r = Self.plausibleRanges
    switch kind {
    case .gpus:
      if answer < r.fleetGPUs.lowerBound {
        return "under 10 GPUs: a small product, or a slip of 1,000; check the daily users"
      }
      if answer > r.fleetGPUs.upperBound {
        return "past 5,000 H100s: a frontier lab's fleet for one product; check tokens a turn "
          + "and sessions a day"
      }
      return "tens to thousands of GPUs: the range interviews use"
    case .kv:
      if answer < r.inFlightPerGPU.lowerBound {
        return "under a handful in flight per GPU: too small a batch to pay; a shorter context, "
          + "FP8 or more GPUs"
      }
      if answer > r.inFlightPerGPU.upperBound {
        return "past a few hundred in flight per GPU: decode is compute-bound long before; "
          + "check the bytes per token"
      }
      return "a handful to a few hundred in flight per GPU: the range interviews use"
    case .qps:
      // The answer is in flight; the anchor is the peak it implies (Little's law backwards).
      let peak = answer / x("latency_s")
      if peak > 100_000 { return "past 100,000 QPS: Twitter scale for chat; check sessions a day" }
      if peak > r.peakQPS.upperBound {
        return "past 50,000 QPS at the peak: a very large product; check requests a session"
      }
      if peak < r.peakQPS.lowerBound {
        return "under 100 QPS at the peak: one server's work; check the daily users"
      }
      return "hundreds to tens of thousands of QPS at the peak: the range interviews use"
    }
  }

  // MARK: - In words

  private func x(_ name: String) -> Double { inputs[name]! }
  private func n(_ value: Double) -> String { NumberText.short(value) }

  /// `1 session`, `4 sessions`.
  private var sessions: String {
    let count = x("sessions_per_day")
    return "\(n(count)) session\(count == 1 ? "" : "s")"
  }

  /// The problem as the screen states it: every figure the answer needs, and the question.
  private var statement: [String] {
    switch kind {
    case .gpus:
      let big = x("tokens_per_s_per_gpu") < 4000
      var lines = [
        "A chat assistant has \(n(x("dau"))) daily users. Each has "
          + "\(sessions) a day of \(n(x("turns_per_session"))) turns, and each turn generates "
          + "\(n(x("tokens_per_turn"))) output tokens.",
        "It serves a \(big ? "70B" : "7B") model in BF16 on H100s: about "
          + "\(n(x("tokens_per_s_per_gpu"))) output tokens/s per GPU with continuous batching.",
      ]
      lines.append(
        "Plan for a peak of \(n(x("peak_factor")))x the average"
          + (x("headroom") > 1
            ? ", with 30% headroom on top (x1.3)." : "; no headroom is asked for."))
      lines.append("How many GPUs does it need?")
      return lines
    case .kv:
      let name =
        Self.shapes.first {
          $0.layers == x("layers") && $0.heads == x("kv_heads") && $0.dim == x("head_dim")
        }?.name ?? "A model"
      let tp = x("tensor_parallel")
      return [
        "Serving \(name): \(n(x("layers"))) layers, \(n(x("kv_heads"))) KV heads, head "
          + "dimension \(n(x("head_dim"))), \(x("bytes_per_value") == 2 ? "BF16" : "FP8") "
          + "(\(n(x("bytes_per_value"))) byte\(x("bytes_per_value") == 1 ? "" : "s") a value).",
        (tp == 1 ? "On one GPU" : "Split by tensor parallelism over \(n(tp)) GPUs")
          + ", each GPU has \(n(x("free_gb_per_gpu"))) GB left for the KV cache "
          + "(GB = 10^9 bytes).",
        "Each request holds \(n(x("tokens_per_request"))) tokens of context.",
        "How many requests fit in flight per GPU?",
      ]
    case .qps:
      return [
        "A product has \(n(x("dau"))) daily users, each with \(sessions) a day of "
          + "\(n(x("requests_per_session"))) requests.",
        "The peak is \(n(x("peak_factor")))x the average, and a request takes "
          + "\(n(x("latency_s"))) s to serve.",
        "How many requests are in flight at the peak?",
      ]
    }
  }

  /// The worked chain, a step a line.
  private var workedChain: [String] {
    let e = expected
    switch kind {
    case .gpus:
      // The GPUs at the peak to three figures, then the whole count the answer is: rounded up
      // once, at the end, so the last figure is the one scored.
      let raw = e[2] / x("tokens_per_s_per_gpu")
      let whole = targetText + (target == 1 ? " GPU" : " GPUs")
      // Tenths below 10,000, so the rounding up is plain to see (677.1: 678).
      func part(_ v: Double) -> String {
        v < 1 || v >= 10_000 ? n(v) : NumberText.grouped(String(format: "%.1f", v))
      }
      var last = "\(n(e[2])) / \(n(x("tokens_per_s_per_gpu"))) per GPU = \(part(raw))"
      if x("headroom") > 1 { last += ", x1.3 headroom = \(part(e[3]))" }
      last += ": \(whole)"
      return [
        "\(n(x("dau"))) x \(n(x("sessions_per_day"))) x \(n(x("turns_per_session"))) x "
          + "\(n(x("tokens_per_turn"))) = \(n(e[0])) tokens/day",
        "\(n(e[0])) / 86,400 s = \(n(e[1])) tokens/s on average",
        "x \(n(x("peak_factor"))) peak = \(n(e[2])) tokens/s", last,
      ]
    case .kv:
      return [
        "2 (K and V) x \(n(x("layers"))) x \(n(x("kv_heads"))) x \(n(x("head_dim"))) x "
          + "\(n(x("bytes_per_value"))) = \(NumberText.grouped(String(Int(e[0])))) bytes a token",
        "/ \(n(x("tensor_parallel"))) GPU\(x("tensor_parallel") == 1 ? "" : "s") = "
          + "\(n(e[1])) bytes a token on each",
        "\(n(x("free_gb_per_gpu"))) GB / \(n(e[1])) = \(n(e[2])) tokens per GPU",
        "/ \(n(x("tokens_per_request"))) a request = \(n(e[3])) requests per GPU",
      ]
    case .qps:
      return [
        "\(n(x("dau"))) x \(n(x("sessions_per_day"))) x \(n(x("requests_per_session"))) / "
          + "86,400 s = \(n(e[0])) QPS on average",
        "x \(n(x("peak_factor"))) peak = \(n(e[1])) QPS",
        "x \(n(x("latency_s"))) s (Little's law) = \(n(e[2])) in flight",
      ]
    }
  }
}
