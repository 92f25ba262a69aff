import Foundation

extension EstimateProblem {
  /// `count` problems of `kinds`, in an order `seed` decides, each kind once before any comes
  /// again: the drill's problems and the worksheet's.
  public static func set(of kinds: [EstimateKind], count: Int, seed: UInt64) -> [EstimateProblem] {
    var random = SeededGenerator(seed: seed)
    var out: [EstimateProblem] = []
    var round: [EstimateKind] = []
    while out.count < count {
      if round.isEmpty {
        round = kinds
        // Fisher-Yates by hand: the stdlib's shuffle may change how it draws.
        for i in stride(from: round.count - 1, to: 0, by: -1) {
          round.swapAt(i, Int(random.next() % UInt64(i + 1)))
        }
      }
      out.append(EstimateProblem.generate(round.removeFirst(), &random))
    }
    return out
  }
}

/// `drill estimate --sheet`: the problems on paper, without a clock; with `--answers`, each
/// worked chain and answer too.
public enum Worksheet {
  /// The worksheet as text, wrapped to `width`.
  public static func text(
    _ problems: [EstimateProblem], seed: UInt64, answers: Bool, width: Int = 78
  ) -> String {
    var out = [
      "Estimation worksheet · seed \(seed) · \(Plural.of(problems.count, "problem"))"
        + (answers ? " · with answers" : "")
    ]
    func wrap(_ text: String, indent: Int) -> [String] {
      TextLayout.wrap(text.split(separator: " ").map(String.init), width: width - indent).map {
        String(repeating: " ", count: indent) + $0
      }
    }
    for (index, p) in problems.enumerated() {
      out.append("")
      out.append("\(index + 1). \(p.kind.title)" + (p.sanity ? " (a sanity problem)" : ""))
      for paragraph in p.text { out += wrap(paragraph, indent: 3) }
      out += wrap("Steps: " + p.kind.steps.map(\.label).joined(separator: " → "), indent: 3)
      guard answers else { continue }
      out.append("   Worked:")
      for line in p.chain { out += wrap(line, indent: 5) }
      out.append("   Answer: \(p.targetText) \(p.kind.steps.last!.label)")
      out += wrap("Sanity: " + p.sanityRead(p.target), indent: 3)
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// One problem as `--json` writes it.
  struct Item: Encodable {
    var number: Int
    var kind: String
    var title: String
    var inputs: [String: Double]
    var text: [String]
    var steps: [String]
    var sanity: Bool
    var fleetGPUs: Double?
    var peakQPS: Double?
    var inFlightPerGPU: Double?
    var expected: [Double]?
    var answer: Double?
    var chain: [String]?

    enum CodingKeys: String, CodingKey {
      case number, kind, title, inputs, text, steps, sanity, expected, answer, chain
      case fleetGPUs = "fleet_gpus", peakQPS = "peak_qps", inFlightPerGPU = "in_flight_per_gpu"
    }
  }

  struct Sheet: Encodable {
    var v = 1
    var seed: UInt64
    var problems: [Item]
  }

  /// The worksheet as one JSON document: each problem's inputs, text and step names; its
  /// plausibility figures; with `answers`, each step's value, the answer and the chain.
  public static func json(_ problems: [EstimateProblem], seed: UInt64, answers: Bool) -> String {
    let items = problems.enumerated().map { index, p in
      let scale = p.scale
      return Item(
        number: index + 1, kind: p.kind.rawValue, title: p.kind.title, inputs: p.inputs,
        text: p.text, steps: p.kind.steps.map(\.name), sanity: p.sanity,
        fleetGPUs: scale.fleetGPUs, peakQPS: scale.peakQPS, inFlightPerGPU: scale.inFlightPerGPU,
        expected: answers ? p.expected : nil, answer: answers ? p.target : nil,
        chain: answers ? p.chain : nil)
    }
    return WireJSON.text(Sheet(seed: seed, problems: items), pretty: true)
  }
}
