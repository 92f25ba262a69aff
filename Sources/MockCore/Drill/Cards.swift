/// The numbers kit as cards: each asks for one figure and takes its book value or a stated
/// range, and says where the figure comes from.
public struct NumberCard: Equatable, Sendable {
  public var id: String
  public var question: String
  /// The unit the answer is typed in, shown after the field.
  public var unit: String
  /// The book figure: typed within 2% of it (and fast), a card is Easy.
  public var value: Double
  /// What counts as right.
  public var accepted: ClosedRange<Double>
  /// Where the figure comes from, shown after the answer.
  public var source: String

  /// Right: within the accepted range. Exact: within 2% of the book figure.
  public func judge(_ answer: Double) -> (right: Bool, exact: Bool) {
    (accepted.contains(answer), abs(answer / value - 1) <= 0.02)
  }

  /// What it accepts, in words: `1,000 (700 to 1.5k)`.
  public var acceptedText: String {
    let book = NumberText.short(value)
    guard accepted.lowerBound != accepted.upperBound else { return book }
    return "\(book) (\(NumberText.short(accepted.lowerBound)) to "
      + "\(NumberText.short(accepted.upperBound)))"
  }

  /// The rating a result earns, with `limit` the time a card is given: wrong or timed out is
  /// Again; right but slow (past two thirds of the time) is Hard; exact within a third of it is
  /// Easy; any other right answer is Good.
  public static func rating(right: Bool, exact: Bool, elapsed: Millis, limit: Millis)
    -> FSRS.Rating
  {
    guard right, elapsed <= limit else { return .again }
    if elapsed > limit * 2 / 3 { return .hard }
    if exact && elapsed <= limit / 3 { return .easy }
    return .good
  }

  public static let deck: [NumberCard] = [
    NumberCard(
      id: "decode-70b",
      question: "Output tokens/s one H100 decodes for a 70B BF16 model, with continuous batching?",
      unit: "tokens/s", value: 1_000, accepted: 700...1_500,
      source: "Serving benchmarks put a 70B model on one H100 near a thousand tokens/s."),
    NumberCard(
      id: "decode-7b", question: "Output tokens/s one H100 decodes for a 7B model, batched?",
      unit: "tokens/s", value: 8_000, accepted: 5_000...12_000,
      source: "A 7B model moves about a tenth of the bytes a 70B one does: roughly 8x faster."),
    NumberCard(
      id: "h100-hbm", question: "HBM on one H100 SXM?", unit: "GB", value: 80, accepted: 80...80,
      source: "The H100 SXM ships with 80 GB of HBM3."),
    NumberCard(
      id: "weights-70b", question: "Weights of a 70B model in BF16?", unit: "GB", value: 140,
      accepted: 130...150, source: "70 billion parameters x 2 bytes = 140 GB."),
    NumberCard(
      id: "gpus-70b", question: "H100s needed just to hold a 70B model's BF16 weights?",
      unit: "GPUs", value: 2, accepted: 2...2,
      source: "140 GB of weights does not fit in 80 GB: two GPUs, before any KV cache."),
    NumberCard(
      id: "kv-70b", question: "KV cache per token for Llama-3 70B in BF16?", unit: "MB",
      value: 0.33, accepted: 0.3...0.5,
      source: "2 x 80 layers x 8 KV heads x 128 x 2 bytes = 327,680 bytes."),
    NumberCard(
      id: "kv-8b", question: "KV cache per token for Llama-3 8B in BF16?", unit: "MB",
      value: 0.13, accepted: 0.1...0.14,
      source: "2 x 32 layers x 8 KV heads x 128 x 2 bytes = 131,072 bytes."),
    NumberCard(
      id: "seconds-day", question: "Seconds in a day?", unit: "s", value: 86_400,
      accepted: 86_400...86_400, source: "24 x 60 x 60."),
    NumberCard(
      id: "consumer-peak",
      question: "A consumer product's peak traffic, as a multiple of its average?",
      unit: "x", value: 3, accepted: 3...5,
      source: "Daily cycles put the busiest hour at 3-5x the day's mean."),
    NumberCard(
      id: "headroom", question: "The headroom factor to plan a fleet with?", unit: "x", value: 1.3,
      accepted: 1.25...1.35, source: "About 30% spare for failures, deploys and spikes."),
    NumberCard(
      id: "batch-flat", question: "Batch size past which batching gains flatten?", unit: "requests",
      value: 32, accepted: 16...64,
      source:
        "Decode turns compute-bound as the batch grows; past about 32 the gain per step shrinks."),
    NumberCard(
      id: "littles-law", question: "Requests in flight at 200 QPS and 0.5 s each?",
      unit: "requests",
      value: 100, accepted: 100...100, source: "Little's law: in flight = throughput x latency."),
    NumberCard(
      id: "chat-qps-check",
      question:
        "Above how many QPS should a chat product's estimate make you re-check sessions a day?",
      unit: "QPS", value: 100_000, accepted: 50_000...200_000,
      source: "Even the largest chat products average well under 100k QPS; more means a slip."),
    // The rest of the method's kit and its three worked chains.
    NumberCard(
      id: "decode-scaling",
      question: "A 70B model decodes about how many times slower than a 7B one on one H100?",
      unit: "x", value: 8, accepted: 6...10,
      source: "Decode speed goes roughly inverse to parameter count: 8,000 against 1,000."),
    NumberCard(
      id: "kv-formula",
      question: "KV bytes per token = N x layers x KV heads x head dim x bytes a value. N?",
      unit: "x", value: 2, accepted: 2...2,
      source: "One K and one V vector per layer and KV head: the 2 is the pair."),
    NumberCard(
      id: "kv-room-70b",
      question: "HBM left for the KV cache on each of two H100s serving a 70B BF16 model?",
      unit: "GB", value: 20, accepted: 10...25,
      source: "Two 80 GB GPUs less 140 GB of weights and some overhead: the kit says ~20 GB."),
    NumberCard(
      id: "kv-tokens-gpu", question: "Tokens of KV that 20 GB holds at 0.25 MB a token?",
      unit: "tokens", value: 80_000, accepted: 75_000...85_000,
      source: "20 GB / 0.25 MB = 80,000 tokens a GPU."),
    NumberCard(
      id: "in-flight-2500", question: "Requests of 2,500 tokens that fit in 80k tokens of KV?",
      unit: "requests", value: 32, accepted: 30...34, source: "80,000 / 2,500 = 32 in flight."),
    NumberCard(
      id: "chain-tokens-day",
      question: "1M DAU x 5 sessions x 10 turns x 300 output tokens: tokens a day?",
      unit: "tokens", value: 15e9, accepted: 15e9...15e9, source: "1M x 5 x 10 x 300 = 15B."),
    NumberCard(
      id: "chain-tokens-s", question: "15B tokens a day: tokens/s on average?", unit: "tokens/s",
      value: 173_611, accepted: 170_000...180_000, source: "15B / 86,400 s = 174k tokens/s."),
    NumberCard(
      id: "chain-peak", question: "174k tokens/s on average, at a 3x peak?", unit: "tokens/s",
      value: 520_833, accepted: 500_000...530_000,
      source: "174k x 3 = 521k: the method rounds it to ~500k."),
    NumberCard(
      id: "chain-gpus",
      question: "~500k tokens/s of 70B decode at the peak: H100s, before headroom?",
      unit: "GPUs", value: 500, accepted: 480...530,
      source: "500k / 1,000 tokens/s a GPU = ~500 H100s (521 exactly; x1.3 = 677)."),
    NumberCard(
      id: "qps-30", question: "1M DAU x 30 requests a user a day: average QPS?", unit: "QPS",
      value: 347, accepted: 340...350, source: "30M / 86,400 s = 347 QPS."),
  ]
}
