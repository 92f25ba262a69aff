import Testing

@testable import MockCore

/// What to practise next: the worsening phase or dimension first, then the stuck one, with the
/// practice that targets it and the figures it rests on.
@Suite struct NextPracticeTests {
  /// Sessions that spend `clarify[i]` seconds over clarify's 5:00, then a minute in estimate.
  static func sessions(overClarify: [Millis]) -> [SessionSummary] {
    overClarify.map { Made.session([Millis.minutes(5) + $0 * 1_000, 60_000]) }
  }

  @Test func aWorseningPhaseComesFirstWithItsEvidence() throws {
    let next = try #require(
      NextPractice(Stats(Self.sessions(overClarify: [0, 10, 20, 30, 40, 50]))))
    #expect(next.target == "clarify")
    #expect(next.practice.contains("mockroom run --budget clarify=3m"))
    #expect(
      next.evidence == "overrun worse: +10 s a session (p 0.009, n 6), over budget in 83% of 6")
    #expect(next.line.hasPrefix("practise next: clarify: a plan with less time to clarify"))
  }

  /// The shorter phase is said from the budget the sessions ran with, not the standard one:
  /// with clarify at 0:05, "3m" would be 36 times the time in use.
  @Test func theShorterPlanIsSaidFromTheBudgetsInUse() throws {
    var sessions = Self.sessions(overClarify: [0, 10, 20, 30, 40, 50])
    for i in sessions.indices { sessions[i].phases[0].budget = 5_000 }
    let next = try #require(NextPractice(Stats(sessions)))
    #expect(next.target == "clarify")
    #expect(next.practice.contains("mockroom run --budget clarify=3s"), "\(next.practice)")
  }

  @Test func aStuckPhaseWhenNothingIsWorse() throws {
    // Over by 30 s every time: no trend, but over budget in every session.
    let next = try #require(NextPractice(Stats(Self.sessions(overClarify: [30, 30, 30, 30, 30]))))
    #expect(next.target == "clarify")
    #expect(next.evidence == "over budget in 100% of 5, no clear trend (p 1.00, n 5)")
  }

  @Test func aWorseningScoreWhenThePhasesAreFine() throws {
    var sessions = Self.sessions(overClarify: [0, 0, 0, 0, 0])
    for (i, score) in [4, 4, 3, 2, 1].enumerated() {
      sessions[i].debrief = Debrief(scores: [.numbers: score, .judgment: 4])
    }
    let next = try #require(NextPractice(Stats(sessions)))
    #expect(next.target == "numerical fluency")
    #expect(next.practice.contains("mockroom drill estimate"))
    #expect(next.evidence.hasPrefix("self-score worse: -1.00 a debrief (p 0.04, n 5), mean 2.8"))
  }

  @Test func tooFewSessionsSayNothing() {
    #expect(NextPractice(Stats(Self.sessions(overClarify: [0, 60, 120, 180]))) == nil)
    let text = ReviewText.stats(Stats(Self.sessions(overClarify: [0, 60, 120, 180])))
    #expect(text[1].hasPrefix("practise next: too few sessions to tell (5 are needed)"))
  }
}
