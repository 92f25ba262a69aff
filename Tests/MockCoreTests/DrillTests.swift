import Foundation
import Testing

@testable import MockCore

@Suite struct NumbersAsTyped {
  @Test(arguments: [
    ("1200", 1200.0), ("1,200", 1200), ("12,000,000", 12e6), ("1.2k", 1200), ("3.5M", 3.5e6),
    ("2B", 2e9), ("2b", 2e9), ("2e5", 2e5), ("1.5E3", 1500), ("0.33", 0.33), (" 86400 ", 86400),
    ("6.9 k", 6900), ("1T", 1e12), ("1,234.5", 1234.5),
  ])
  func everyFormReads(_ typed: String, _ value: Double) throws {
    #expect(try NumberText.parse(typed).get() == value)
  }

  @Test(arguments: [
    ("", "type a number"), ("abc", "'abc' is not a number (try 1200, 1.2k or 2e5)"),
    ("-5", "give a positive number"), ("0", "give a number above zero"),
    ("1kk", "one suffix only: k, M, B or T"), ("12,00", "commas go between thousands, as in 1,200"),
    ("1,2345", "commas go between thousands, as in 1,200"),
    ("1.2.3", "'1.2.3' is not a number (try 1200, 1.2k or 2e5)"),
    ("e5", "'e5' is not a number (try 1200, 1.2k or 2e5)"),
    ("5$", "'5$' is not a number (try 1200, 1.2k or 2e5)"),
    ("1e999", "'1e999' is not a number (try 1200, 1.2k or 2e5)"),
    ("1e-309", "too small to be an estimate"), ("2e18k", "too large to be an estimate"),
  ])
  func everyBadFormIsRefusedWithAWordWhy(_ typed: String, _ why: String) {
    guard case .failure(let refused) = NumberText.parse(typed) else {
      Issue.record("\(typed) read as a number")
      return
    }
    #expect(refused.description == why)
  }

  @Test func numbersAreWrittenShortWithThreeFigures() {
    #expect(NumberText.short(15e9) == "15B" && NumberText.short(173_611) == "174k")
    #expect(NumberText.short(327_680) == "328k" && NumberText.short(0.3277) == "0.328")
    #expect(NumberText.short(6_944.4) == "6,940" && NumberText.short(1_000) == "1,000")
    #expect(NumberText.short(2.5e6) == "2.5M" && NumberText.short(86_400) == "86.4k")
  }
}

@Suite struct EstimateChains {
  static func problem(_ kind: EstimateKind, _ inputs: [String: Double]) -> EstimateProblem {
    EstimateProblem(kind: kind, inputs: inputs)!
  }

  static let fleet = problem(
    .gpus,
    [
      "dau": 1e6, "sessions_per_day": 5, "turns_per_session": 10, "tokens_per_turn": 300,
      "tokens_per_s_per_gpu": 1000, "peak_factor": 3, "headroom": 1.3,
    ])

  @Test func theGPUFleetOfDRILLSmd() {
    let e = Self.fleet.expected
    #expect(e[0] == 15e9)
    #expect(abs(e[1] - 173_611.1) < 0.1 && abs(e[2] - 520_833.3) < 0.1)
    #expect(abs(e[3] - 677.08) < 0.01)
    var plain = Self.fleet.inputs
    plain["headroom"] = 1
    #expect(abs(Self.problem(.gpus, plain).answer - 520.83) < 0.01)
    // 1M DAU at 5k tokens a user a day: 174 GPUs, 226 with headroom.
    let small = Self.problem(
      .gpus,
      [
        "dau": 1e6, "sessions_per_day": 1, "turns_per_session": 10, "tokens_per_turn": 500,
        "tokens_per_s_per_gpu": 1000, "peak_factor": 3, "headroom": 1.3,
      ])
    #expect(abs(small.expected[1] - 57_870.4) < 0.1)
    #expect(abs(small.answer - 225.69) < 0.01)
    #expect(
      Self.fleet.chain.last == "521k / 1,000 per GPU = 520.8, x1.3 headroom = 677.1: 678 GPUs")
  }

  @Test func theKVCacheOfDRILLSmd() {
    let big = Self.problem(
      .kv,
      [
        "layers": 80, "kv_heads": 8, "head_dim": 128, "bytes_per_value": 2, "tensor_parallel": 2,
        "free_gb_per_gpu": 20, "tokens_per_request": 2500,
      ])
    #expect(big.expected[0] == 327_680 && big.expected[1] == 163_840)
    #expect(abs(big.expected[2] - 122_070.3) < 0.1 && abs(big.answer - 48.83) < 0.01)
    #expect(big.chain.first == "2 (K and V) x 80 x 8 x 128 x 2 = 327,680 bytes a token")
    let small = Self.problem(
      .kv,
      [
        "layers": 32, "kv_heads": 8, "head_dim": 128, "bytes_per_value": 2, "tensor_parallel": 1,
        "free_gb_per_gpu": 20, "tokens_per_request": 2500,
      ])
    #expect(small.expected[0] == 131_072)
    #expect(big.text[0].hasPrefix("Serving Llama-3 70B: 80 layers, 8 KV heads"))
  }

  @Test func theQPSOfDRILLSmd() {
    let one = Self.problem(
      .qps,
      [
        "dau": 1e6, "sessions_per_day": 3, "requests_per_session": 10, "peak_factor": 3,
        "latency_s": 1,
      ])
    #expect(abs(one.expected[0] - 347.2) < 0.1)
    let ten = Self.problem(
      .qps,
      [
        "dau": 10e6, "sessions_per_day": 3, "requests_per_session": 5, "peak_factor": 4,
        "latency_s": 0.5,
      ])
    #expect(abs(ten.expected[0] - 1_736.1) < 0.1 && abs(ten.expected[1] - 6_944.4) < 0.1)
    #expect(abs(ten.answer - 3_472.2) < 0.1)
  }

  @Test(arguments: EstimateKind.allCases)
  func generatedProblemsStayInRangeAndStateEveryFigure(_ kind: EstimateKind) {
    var random = SeededGenerator(seed: 7)
    for _ in 0..<400 {
      let p = EstimateProblem.generate(kind, &random)
      #expect(Set(p.inputs.keys) == Set(kind.inputNames))
      #expect(p.expected.count == kind.steps.count)
      #expect(p.expected.allSatisfy { $0.isFinite && $0 > 0 })
      let text = p.text.joined(separator: " ")
      for name in kind.inputNames where name != "headroom" {
        let shown = NumberText.short(p.inputs[name]!)
        #expect(text.contains(shown), "\(name) \(shown) in \(text)")
      }
      if let dau = p.inputs["dau"] { #expect((0.2e6...50e6).contains(dau)) }
      if let peak = p.inputs["peak_factor"] { #expect((2...5).contains(peak)) }
      if let tokens = p.inputs["tokens_per_turn"] { #expect((100...2000).contains(tokens)) }
      if let latency = p.inputs["latency_s"] { #expect((0.2...5).contains(latency)) }
      if let context = p.inputs["tokens_per_request"] { #expect((1000...16000).contains(context)) }
      if let tp = p.inputs["tensor_parallel"] { #expect([1, 2, 4, 8].contains(tp)) }
      if kind == .gpus {
        #expect(text.contains(p.inputs["headroom"]! > 1 ? "30% headroom" : "no headroom"))
      }
    }
  }

  @Test func theSameSeedMakesTheSameProblems() {
    var a = SeededGenerator(seed: 42)
    var b = SeededGenerator(seed: 42)
    for kind in EstimateKind.allCases {
      #expect(EstimateProblem.generate(kind, &a) == EstimateProblem.generate(kind, &b))
    }
  }
}

@Suite struct EstimateScoring {
  @Test(arguments: [
    (1.0, Band.exact), (pow(10, 0.05), .exact), (pow(10, 0.0501), .close), (1.5, .close),
    (1 / 1.5, .close), (1.5001, .ballpark), (2, .ballpark), (0.5, .ballpark), (2.001, .order),
    (10, .order), (10.01, .miss), (0.001, .miss),
  ])
  func bandsAtEachBoundary(_ ratio: Double, _ band: Band) {
    #expect(Band(ratio: ratio) == band)
  }

  @Test func aPassIsCloseWithinTheTime() {
    let p = EstimateChains.fleet
    let right = EstimateResult(
      p, typed: ["", "", "", "700"], values: [nil, nil, nil, 700], elapsed: 59_000, limit: 60_000)
    #expect(
      right.pass && right.band == .exact && right.ratioText == "1.0x high" && right.diagnosis == nil
    )
    let late = EstimateResult(
      p, typed: ["", "", "", "700"], values: [nil, nil, nil, 700], elapsed: 61_000, limit: 60_000)
    #expect(!late.pass)
    #expect(
      EstimateResult.ratioText(2.9) == "2.9x high"
        && EstimateResult.ratioText(1 / 3.0) == "3.0x low")
    #expect(
      EstimateResult.ratioText(1) == "right on"
        && EstimateResult.ratioText(86_400) == "86,400x high")
    // Ratios no answer here can reach still read in words, not a crash (found by the fuzzer).
    #expect(EstimateResult.ratioText(.leastNonzeroMagnitude) == "over 10^15x low")
    #expect(NumberText.significant(.infinity, 3) == "a vast number")
  }

  static func diagnosis(_ p: EstimateProblem, _ values: [Double?]) -> String? {
    EstimateResult(
      p, typed: values.map { $0.map { "\($0)" } ?? "" }, values: values, elapsed: 1, limit: 60_000
    ).diagnosis
  }

  @Test func eachSlipIsNamed() {
    let p = EstimateChains.fleet
    let e = p.expected
    #expect(Self.diagnosis(p, [nil, nil, nil, e[3] / 3]) == "the peak factor is missing: x3")
    #expect(
      Self.diagnosis(p, [nil, nil, nil, e[3] * 3]) == "the peak factor is taken twice: once is x3")
    #expect(Self.diagnosis(p, [nil, nil, nil, e[3] / 1.3]) == "the headroom is missing: x1.3")
    #expect(
      Self.diagnosis(p, [nil, nil, nil, e[3] / 8])
        == "the 7B throughput (8,000 tokens/s) used for a 70B model (1,000)")
    #expect(
      Self.diagnosis(p, [nil, e[0], nil, e[3] * 86_400])
        == "at average tokens/s: a per-day figure left per day: divide by 86,400")
    // The first wrong step typed is the one named.
    #expect(
      Self.diagnosis(p, [e[0], e[1], e[1], e[3] / 3])
        == "at peak tokens/s: the peak factor is missing: x3")
    #expect(
      Self.diagnosis(p, [nil, nil, nil, e[3] / 86_400])
        == "divided by 86,400 twice: multiply back by 86,400")
    var small = p.inputs
    small["tokens_per_s_per_gpu"] = 8000
    let seven = EstimateProblem(kind: .gpus, inputs: small)!
    #expect(
      Self.diagnosis(seven, [nil, nil, nil, seven.answer * 8])
        == "the 70B throughput (1,000 tokens/s) used for a 7B model (8,000)")
    var none = p.inputs
    none["headroom"] = 1
    let plain = EstimateProblem(kind: .gpus, inputs: none)!
    #expect(
      Self.diagnosis(plain, [nil, nil, nil, plain.answer * 1.3])
        == "headroom was added, but this problem asks for none")
    #expect(Self.diagnosis(p, [nil, nil, nil, e[3]]) == nil)
    #expect(
      Self.diagnosis(p, [nil, nil, nil, e[3] * 6.3])
        == "no single slip explains 6.3x high; compare your steps with the chain")

    let kv = EstimateProblem(
      kind: .kv,
      inputs: [
        "layers": 80, "kv_heads": 8, "head_dim": 128, "bytes_per_value": 2, "tensor_parallel": 4,
        "free_gb_per_gpu": 20, "tokens_per_request": 2500,
      ])!
    let k = kv.expected
    #expect(
      Self.diagnosis(kv, [nil, nil, nil, k[3] * 2])
        == "K and V counted once: the bytes per token are x2")
    #expect(
      Self.diagnosis(kv, [k[0] / 2, nil, nil, k[3] * 2])
        == "at KV bytes per token: K and V counted once: the bytes per token are x2")
    #expect(
      Self.diagnosis(kv, [nil, nil, nil, k[3] / 4])
        == "the tensor-parallel split is missing: each GPU holds 1/4 of a token's KV")
    #expect(
      Self.diagnosis(kv, [nil, k[1] * 4, nil, k[3] / 4])
        == "at KV bytes per token per GPU: the tensor-parallel split is missing: divide by 4 GPUs")
    #expect(
      Self.diagnosis(kv, [nil, nil, nil, k[3] * 1000])
        == "a unit slip of 1,000: MB against GB, or bytes against kB")

    let qps = EstimateProblem(
      kind: .qps,
      inputs: [
        "dau": 10e6, "sessions_per_day": 3, "requests_per_session": 5, "peak_factor": 4,
        "latency_s": 0.5,
      ])!
    let q = qps.expected
    #expect(Self.diagnosis(qps, [nil, nil, q[2] / 4]) == "the peak factor is missing: x4")
    #expect(
      Self.diagnosis(qps, [nil, nil, q[2] / 0.5])
        == "the latency is missing: in flight = QPS x 0.5 s (Little's law)")
    #expect(
      Self.diagnosis(qps, [nil, nil, q[2] * 20_000]) == "off by more than 1,000x: check the units")
  }
}

@Suite struct Repetition {
  /// Stability, difficulty and the days to the next review, as py-fsrs 6.3.2 gives them for
  /// `Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)` and the same
  /// ratings on the same days (worked out there; no code taken).
  @Test(arguments: [
    (
      [(FSRS.Rating.good, 0.0), (.good, 2), (.good, 11)],
      [(2.3065, 2.1181, 2), (10.9643, 2.1112, 11), (46.2802, 2.1043, 46)]
    ),
    (
      [(.easy, 0), (.again, 8), (.hard, 1)],
      [(8.2956, 1.0, 8), (1.3886, 7.027, 1), (2.7155, 8.0116, 3)]
    ),
    (
      [(.again, 0), (.good, 0), (.good, 1)],
      [(0.212, 6.4133, 1), (0.2467, 6.4021, 1), (2.0215, 6.3909, 2)]
    ),
  ])
  func intervalsFollowTheReference(
    _ reviews: [(FSRS.Rating, Double)], _ expected: [(Double, Double, Int)]
  ) {
    var memory: FSRS.Memory?
    var day = 20_423.4
    for ((rating, after), (s, d, interval)) in zip(reviews, expected) {
      day += after
      memory = FSRS.review(memory, rating, on: day)
      #expect(abs(memory!.stability - s) < 0.0001, "\(rating) after \(after)")
      #expect(abs(memory!.difficulty - d) < 0.0001, "\(rating) after \(after)")
      #expect(memory!.interval == interval)
    }
  }

  @Test func theRatingComesFromTheResult() {
    let limit: Millis = 30_000
    #expect(NumberCard.rating(right: false, exact: false, elapsed: 1_000, limit: limit) == .again)
    #expect(NumberCard.rating(right: true, exact: true, elapsed: 31_000, limit: limit) == .again)
    #expect(NumberCard.rating(right: true, exact: true, elapsed: 25_000, limit: limit) == .hard)
    #expect(NumberCard.rating(right: true, exact: true, elapsed: 5_000, limit: limit) == .easy)
    #expect(NumberCard.rating(right: true, exact: false, elapsed: 5_000, limit: limit) == .good)
    #expect(NumberCard.rating(right: true, exact: true, elapsed: 15_000, limit: limit) == .good)
  }

  @Test func aCardTakesItsRangeAndKnowsItsBookFigure() {
    let card = NumberCard.deck.first { $0.id == "kv-70b" }!
    #expect(card.judge(0.4) == (true, false) && card.judge(0.33) == (true, true))
    #expect(card.judge(0.25) == (false, false))
    #expect(card.acceptedText == "0.33 (0.3 to 0.5)")
    #expect(Set(NumberCard.deck.map(\.id)).count == NumberCard.deck.count)
    #expect(NumberCard.deck.allSatisfy { $0.accepted.contains($0.value) })
  }
}
