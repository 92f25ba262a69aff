import Testing

@testable import MockCore

/// The estimation drill's screen at three sizes: a problem running, overtime, an answer with a
/// diagnosis, and the summary.
@Suite struct DrillFrames {
  static let sizes = [
    Size(width: 100, height: 30), Size(width: 80, height: 24), Size(width: 50, height: 14),
    Size(width: 40, height: 12),
  ]

  static func drill() -> (EstimateDrill, Instant) {
    let problems = [
      EstimateChains.fleet,
      EstimateProblem(
        kind: .qps,
        inputs: [
          "dau": 10e6, "sessions_per_day": 3, "requests_per_session": 5, "peak_factor": 4,
          "latency_s": 0.5,
        ])!,
    ]
    let start = Instant(ms: 1_000_000)
    var drill = EstimateDrill(
      info: DrillInfo(
        id: "20261202-100000-drill-estimate", program: "0", drill: .estimate, seed: 42,
        limit: 60_000, count: 2), problems: problems, at: start)
    _ = drill.start()
    return (drill, start)
  }

  static func type(_ drill: inout EstimateDrill, _ text: String, at now: Instant) {
    for c in text { _ = drill.update(.key(c == "\n" ? .enter : .character(c)), at: now) }
  }

  enum Scene: String, CaseIterable {
    case running, overtime, answered, summary
  }

  static func frame(_ scene: Scene, _ size: Size) -> Frame {
    var (d, start) = drill()
    var now = start + 42_300
    switch scene {
    case .running:
      type(&d, "15B\n174k\n", at: now)
    case .overtime:
      now = start + 65_000
      type(&d, "15B\n", at: now)
    case .answered:
      // The peak left out: a third of the GPUs.
      type(&d, "15B\n173.6k\n173.6k\n226\n", at: now)
    case .summary:
      type(&d, "\n\n\n677\n", at: now)
      _ = d.update(.key(.character(" ")), at: now)
      now = now + 50_000
      type(&d, "\n\n900\n", at: now)
      _ = d.update(.key(.character(" ")), at: now)
    }
    return d.render(size: size, at: now, colors: true)
  }

  @Test(arguments: Scene.allCases, sizes)
  func drillFrames(_ scene: Scene, _ size: Size) throws {
    try Golden.check(Self.frame(scene, size), name: "drill-\(scene.rawValue)-\(size)")
  }

  @Test func theFramesSayWhatTheySay() {
    let size = Size(width: 100, height: 30)
    #expect(Self.frame(.running, size).text.contains("on time"))
    #expect(Self.frame(.overtime, size).text.contains("LATE: past the 1:00 limit"))
    let answered = Self.frame(.answered, size).text
    #expect(answered.contains("NOT A PASS · 3.0x low · within 10x"))
    #expect(answered.contains("Likely slip: at peak tokens/s: the peak factor is missing: x3"))
    // A small window shows part of the problem; Tab gives it the screen, and any other key
    // goes back to the form.
    var (d, start) = Self.drill()
    let small = Size(width: 40, height: 12)
    #expect(d.render(size: small, at: start, colors: true).text.contains("(Tab: all of it)"))
    _ = d.update(.key(.character("\t")), at: start)
    let reading = d.render(size: small, at: start, colors: true).text
    #expect(reading.contains("How many GPUs does it need?") && !reading.contains("tokens/day  ["))
    _ = d.update(.key(.character("1")), at: start)
    #expect(!d.reading && d.fields[0] == "1")
    let summary = Self.frame(.summary, size).text
    #expect(summary.contains("1 of 2 passed") && summary.contains("Slowest: QPS from DAU."))
  }
}
