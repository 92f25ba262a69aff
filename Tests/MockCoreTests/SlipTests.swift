import Foundation
import Testing

@testable import MockCore

/// `mockroom drill slip`: a planted slip, its chain, the scoring, the record (issue 26, part 3).
@Suite struct SlipDrills {
  static let fleet = EstimateChains.fleet
  static let kv = EstimateProblem(
    kind: .kv,
    inputs: [
      "layers": 80, "kv_heads": 8, "head_dim": 128, "bytes_per_value": 2, "tensor_parallel": 4,
      "free_gb_per_gpu": 20, "tokens_per_request": 2500,
    ])!

  /// Each slip goes where it can happen, carries through the rest of the chain, and is written
  /// as it would be made.
  @Test func eachSlipIsPlantedWhereItCanHappen() throws {
    let peak = try #require(SlipProblem(Self.fleet, .averageForPeak, step: 2))
    #expect(
      peak.shown[2] == Self.fleet.expected[1]
        && abs(peak.shown[3] * 3 - Self.fleet.expected[3]) < 1e-6)
    #expect(peak.lines[2] == "3. peak = 174k tokens/s")
    let day = try #require(SlipProblem(Self.fleet, .perDayAsPerSecond, step: 1))
    #expect(day.lines[1] == "2. 15B tokens a day = 15B tokens/s on average")
    let rate = try #require(SlipProblem(Self.fleet, .smallModelRate, step: 3))
    #expect(rate.lines[3].contains("/ 8,000 per GPU"))
    let once = try #require(SlipProblem(Self.kv, .kvOnce, step: 0))
    #expect(once.lines[0] == "1. 80 x 8 x 128 x 2 = 164k bytes a token")
    // Half the bytes a token: twice the tokens and requests.
    #expect(abs(once.shown[3] / Self.kv.expected[3] - 2) < 1e-9)
    let tp = try #require(SlipProblem(Self.kv, .tpMissed, step: 1))
    #expect(tp.lines[1] == "2. 328k bytes a token on each GPU")
    let bits = try #require(SlipProblem(Self.kv, .bitsForBytes, step: 0))
    #expect(bits.lines[0].contains("x 16 = "))
    let ten = try #require(SlipProblem(Self.fleet, .factorOfTen, step: 0, tenUp: false))
    #expect(ten.lines[0] == "1. 1M x 5 x 10 x 300 = 1.5B tokens/day")
    // Where a slip cannot happen, it is not planted.
    #expect(SlipProblem(Self.fleet, .kvOnce, step: 0) == nil)
    var seven = Self.fleet.inputs
    seven["tokens_per_s_per_gpu"] = 8000
    #expect(
      SlipProblem(EstimateProblem(kind: .gpus, inputs: seven)!, .smallModelRate, step: 3) == nil)
    var one = Self.kv.inputs
    one["tensor_parallel"] = 1
    #expect(SlipProblem(EstimateProblem(kind: .kv, inputs: one)!, .tpMissed, step: 1) == nil)
  }

  /// Every slip kind comes up across seeds, and every chain made differs from the right one at
  /// its planted step and not before.
  @Test func theGeneratorPlantsEveryKindOfSlip() {
    var seen = Set<SlipKind>()
    for seed in UInt64(1)...60 {
      for s in SlipProblem.set(of: EstimateKind.allCases, count: 3, seed: seed) {
        seen.insert(s.slip)
        #expect(s.shown.prefix(s.step) == s.problem.expected.prefix(s.step))
        #expect(s.shown[s.step] != s.problem.expected[s.step])
        #expect(s.lines.count == s.problem.kind.steps.count)
      }
    }
    #expect(seen == Set(SlipKind.allCases))
    #expect(
      SlipProblem.set(of: [.kv], count: 4, seed: 9) == SlipProblem.set(of: [.kv], count: 4, seed: 9)
    )
  }

  static func drill(_ slips: [SlipProblem]) -> SlipDrill {
    var d = SlipDrill(
      info: DrillInfo(
        id: "20261202-100000-drill-slip", program: "0", drill: .slip, seed: 5, limit: 90_000,
        count: slips.count), slips: slips, at: Instant(ms: 0))
    _ = d.start()
    return d
  }

  static func type(_ d: inout SlipDrill, _ text: String, at ms: Millis) -> [Effect] {
    var effects: [Effect] = []
    for c in text {
      effects += d.update(.key(c == "\n" ? .enter : .character(c)), at: Instant(ms: ms))
    }
    return effects
  }

  /// The step named first is the time to spot it; the answer is scored against the right
  /// chain; both make the pass; the record and the summary say so.
  @Test func namingTheStepAndFixingTheAnswerIsScoredOnBoth() throws {
    let peak = try #require(SlipProblem(Self.fleet, .averageForPeak, step: 2))
    let day = try #require(SlipProblem(Self.fleet, .perDayAsPerSecond, step: 1))
    var d = Self.drill([peak, day])
    _ = Self.type(&d, "9\n", at: 5_000)
    #expect(d.refusal == "name the wrong step: a number from 1 to 4")
    _ = d.update(.key(.backspace), at: Instant(ms: 5_000))
    _ = Self.type(&d, "3\n", at: 12_000)
    let effects = Self.type(&d, "678\n", at: 30_000)
    let line = try #require(effects.compactMap(\.record).first)
    guard case .slipAnswered(let answered) = line.entry else {
      Issue.record("\(line.entry)")
      return
    }
    let r = answered.result
    #expect(r.pass && r.stepRight && r.spotted == 12_000 && r.elapsed == 30_000)
    #expect(r.band == .exact)
    let shown = d.render(size: Size(width: 100, height: 30), at: Instant(ms: 30_000), colors: false)
      .text
    #expect(shown.contains("CAUGHT · step 3 right · answer right on, exact"))
    #expect(shown.contains("The slip, at step 3: the average used as the peak"))
    _ = d.update(.key(.character(" ")), at: Instant(ms: 31_000))
    // The wrong step named, the answer right: not caught.
    _ = Self.type(&d, "3\n678\n", at: 40_000)
    _ = d.update(.key(.character(" ")), at: Instant(ms: 41_000))
    #expect(d.isSummary && d.passes == 1)
    // The record replays to the same summary.
    let text = d.render(size: Size(width: 100, height: 30), at: Instant(ms: 41_000), colors: false)
      .text
    #expect(text.contains("1 of 2 caught"))
    #expect(text.contains("2. GPU fleet: step 3 named (the slip was at step 2)"))
  }

  @Test func theLinesReadBackAsWritten() throws {
    let s = try #require(SlipProblem(Self.kv, .tpMissed, step: 1))
    let shown = Record(t: 0, entry: .slipShown(number: 2, s))
    let line = shown.jsonLine(wall: "2026-12-08T00:00:00.000Z")
    #expect(line.contains("\"slip\":\"tp_missed\"") && line.contains("\"step\":2"))
    #expect(try Record.decode(jsonLine: line).record == shown)
    let r = SlipResult(
      s, named: 2, typed: "48", value: 48, spotted: 3_000, elapsed: 9_000, limit: 90_000)
    let answered = Record(t: 9_000, entry: .slipAnswered(number: 2, r))
    let back = try Record.decode(jsonLine: answered.jsonLine(wall: "2026-12-08T00:00:09.000Z"))
    #expect(back.record == answered)
    // A slip that cannot be at the step it names is refused with why.
    let bad = line.replacingOccurrences(of: "\"step\":2", with: "\"step\":4")
    #expect(throws: Record.DecodeError.self) { try Record.decode(jsonLine: bad) }
  }

  @Test(arguments: [
    Size(width: 100, height: 30), Size(width: 80, height: 24), Size(width: 50, height: 14),
  ])
  func slipFrames(_ size: Size) throws {
    let peak = try #require(SlipProblem(Self.fleet, .averageForPeak, step: 2))
    let once = try #require(SlipProblem(Self.kv, .kvOnce, step: 0))
    var d = Self.drill([peak, once])
    _ = Self.type(&d, "3\n", at: 21_000)
    try Golden.check(
      d.render(size: size, at: Instant(ms: 21_000), colors: true), name: "slip-asking-\(size)")
    _ = Self.type(&d, "678\n", at: 33_000)
    try Golden.check(
      d.render(size: size, at: Instant(ms: 33_000), colors: true), name: "slip-answered-\(size)")
    _ = d.update(.key(.character(" ")), at: Instant(ms: 34_000))
    _ = Self.type(&d, "2\n49\n", at: 60_000)
    _ = d.update(.key(.character(" ")), at: Instant(ms: 61_000))
    try Golden.check(
      d.render(size: size, at: Instant(ms: 61_000), colors: true), name: "slip-summary-\(size)")
  }
}
