import Foundation
import Testing

@testable import MockCore

/// `drill estimate --sheet` and the plausible ranges (issue 26, parts 2 and 4).
@Suite struct Worksheets {
  @Test func theSheetStatesTheProblemsAndWithAnswersTheirChains() {
    let problems = EstimateProblem.set(of: EstimateKind.allCases, count: 3, seed: 42)
    let plain = Worksheet.text(problems, seed: 42, answers: false)
    #expect(plain.hasPrefix("Estimation worksheet · seed 42 · 3 problems\n"))
    for (index, p) in problems.enumerated() {
      #expect(plain.contains("\n\(index + 1). \(p.kind.title)"))
      #expect(plain.contains(p.text.last!))
    }
    #expect(!plain.contains("Worked:") && !plain.contains("Answer:"))
    let answered = Worksheet.text(problems, seed: 42, answers: true)
    #expect(answered.hasPrefix("Estimation worksheet · seed 42 · 3 problems · with answers"))
    #expect(answered.components(separatedBy: "   Worked:").count == 4)
    for p in problems {
      #expect(
        answered.contains("   Answer: \(p.targetText) \(p.kind.steps.last!.label)"))
    }
    // No line runs past the width.
    #expect(answered.split(separator: "\n").allSatisfy { $0.count <= 78 })
    #expect(
      Worksheet.text(Array(problems.prefix(1)), seed: 1, answers: false).contains("1 problem\n"))
  }

  /// The answer line reads back as the figure scored: a fleet of 2,084 is not written 2,080.
  @Test func theSheetsAnswerIsTheFigureScored() throws {
    for seed in UInt64(1)...60 {
      for p in EstimateProblem.set(of: [.gpus, .kv], count: 2, seed: seed) {
        let text = Worksheet.text([p], seed: seed, answers: true)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("   Answer: ") })
        let figure = String(line.dropFirst("   Answer: ".count).split(separator: " ")[0])
        #expect(try NumberText.parse(figure, zero: true).get() == p.target, "\(line)")
      }
    }
  }

  @Test func theJSONSheetCarriesInputsPlausibilityAndAnswersOnlyWhenAsked() throws {
    let problems = EstimateProblem.set(of: [.qps, .kv], count: 2, seed: 7)
    func read(_ answers: Bool) throws -> [String: Any] {
      let text = Worksheet.json(problems, seed: 7, answers: answers)
      return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
    let plain = try read(false)
    #expect(plain["v"] as? Int == 1 && plain["seed"] as? Int == 7)
    let items = try #require(plain["problems"] as? [[String: Any]])
    #expect(items.count == 2)
    #expect(items.allSatisfy { $0["answer"] == nil && $0["chain"] == nil })
    let qps = try #require(items.first { $0["kind"] as? String == "qps" })
    let kv = try #require(items.first { $0["kind"] as? String == "kv" })
    #expect(qps["peak_qps"] is Double && qps["in_flight_per_gpu"] == nil)
    #expect(kv["in_flight_per_gpu"] is Double && kv["sanity"] is Bool)
    let answered = try #require(try read(true)["problems"] as? [[String: Any]])
    #expect(
      answered.allSatisfy { $0["answer"] is Double && ($0["chain"] as? [String])?.count ?? 0 > 2 })
  }

  /// Seeds 1 to 500, three problems each: every problem not marked as a sanity problem is in
  /// the ranges interviews use, every marked one outside them, and there are some of each.
  @Test func fiveHundredSeedsStayInRangeButTheMarkedSanityProblems() {
    let r = EstimateProblem.plausibleRanges
    var sanity = 0
    var fleets: [Double] = []
    var peaks: [Double] = []
    var perGPU: [Double] = []
    for seed in UInt64(1)...500 {
      for p in EstimateProblem.set(of: EstimateKind.allCases, count: 3, seed: seed) {
        let s = p.scale
        let inside =
          (s.fleetGPUs.map(r.fleetGPUs.contains) ?? true)
          && (s.peakQPS.map(r.peakQPS.contains) ?? true)
          && (s.inFlightPerGPU.map(r.inFlightPerGPU.contains) ?? true)
        #expect(inside != p.sanity, "seed \(seed): \(p.kind) \(s) sanity \(p.sanity)")
        if p.sanity {
          sanity += 1
        } else {
          s.fleetGPUs.map { fleets.append($0) }
          s.peakQPS.map { peaks.append($0) }
          s.inFlightPerGPU.map { perGPU.append($0) }
        }
      }
    }
    // About one in twelve of 1,500.
    #expect((60...200).contains(sanity), "\(sanity) sanity problems")
    #expect(!fleets.isEmpty && !peaks.isEmpty && !perGPU.isEmpty)
  }

  @Test func theSanityReadNamesTheAnchor() throws {
    let big = try #require(
      EstimateProblem(
        kind: .qps,
        inputs: [
          "dau": 50e6, "sessions_per_day": 10, "requests_per_session": 30, "peak_factor": 3,
          "latency_s": 1,
        ]))
    #expect(!big.isPlausible)
    #expect(
      big.sanityRead(big.target) == "past 100,000 QPS: Twitter scale for chat; check sessions a day"
    )
    let fleet = EstimateChains.fleet
    #expect(fleet.isPlausible)
    #expect(fleet.sanityRead(678) == "tens to thousands of GPUs: the range interviews use")
    #expect(
      fleet.sanityRead(3)
        == "under 10 GPUs: a small product, or a slip of 1,000; check the daily users")
    #expect(fleet.sanityRead(678_000).hasPrefix("past 5,000 H100s"))
  }

  /// A sanity problem keeps its mark through the record.
  @Test func aSanityProblemIsMarkedInTheRecord() throws {
    var random = SeededGenerator(seed: 3)
    var problem = EstimateProblem.generate(.qps, &random)
    while !problem.sanity { problem = EstimateProblem.generate(.qps, &random) }
    let line = Record(t: 0, entry: .problemShown(number: 1, problem)).jsonLine(
      wall: "2026-12-08T00:00:00.000Z")
    #expect(line.contains("\"sanity\":true") && line.contains("\"answer\":"))
    let back = try Record.decode(jsonLine: line).record
    guard case .problemShown(let read) = back.entry else {
      Issue.record("read back as \(back.entry)")
      return
    }
    #expect(read.problem == problem)
  }
}
