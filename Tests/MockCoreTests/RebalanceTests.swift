import Testing

@testable import MockCore

@Suite struct Rebalancing {
  @Test func thePhaseTakesAMinuteFromTheNextPhaseStillToStartAndTheTotalStays() throws {
    var c = Clocked()
    c.send(.next)  // estimate; design is the next phase still to start
    let handled = c.session.handle(.rebalance(.minutes(1)), at: c.now, by: .candidate)
    #expect(handled.refusal == nil)
    #expect(handled.applied.map(\.entry) == [.rebalanced(.estimate, other: .design, moved: 60_000)])
    #expect(handled.applied.first?.source == .candidate)
    #expect(c.session.plan[.estimate] == .minutes(6))
    #expect(c.session.plan[.design] == .minutes(14))
    #expect(c.session.plan.total == Plan.standard.total)
    c.send(.rebalance(-.minutes(2)))  // and gives two back
    #expect(c.session.plan[.estimate] == .minutes(4))
    #expect(c.session.plan[.design] == .minutes(16))
  }

  @Test func noPhaseDropsBelowAMinute() {
    var c = Clocked(plan: Plan(name: "t", budgets: [120_000, 90_000, 60_000, 60_000, 60_000]))
    #expect(c.session.handle(.rebalance(.minutes(1)), at: c.now).refusal == .budgetLimit)
    c.send(.rebalance(-.minutes(1)))
    #expect(c.session.plan[.clarify] == .minutes(1))
    #expect(c.session.handle(.rebalance(-.minutes(1)), at: c.now).refusal == .budgetLimit)
  }

  @Test func aPhaseAlreadyStartedIsNotTakenFromAndOpsHasNoneAfterIt() {
    var c = Clocked()
    c.send(.next)
    c.send(.next)  // design
    c.send(.back)  // estimate again: design has started, so drill is the one still to start
    c.send(.rebalance(.minutes(1)))
    #expect(c.records.last?.entry == .rebalanced(.estimate, other: .drill, moved: 60_000))
    for _ in 0..<4 { c.send(.next) }
    #expect(c.session.phase == .ops)
    #expect(c.session.handle(.rebalance(.minutes(1)), at: c.now).refusal == .noLaterPhase)
  }

  @Test func theCuePointsMoveWithTheBudgets() {
    var c = Clocked()
    c.send(.next)
    c.send(.next)  // design: the drill is late from 25:00 of work
    let before = c.session.dueIn(.phaseStart(.drill, plus: 0), at: c.now)
    c.send(.rebalance(.minutes(1)))
    #expect(c.session.dueIn(.phaseStart(.drill, plus: 0), at: c.now) == before.map { $0 + 60_000 })
    #expect(c.session.dueIn(.phaseStart(.ops, plus: 0), at: c.now) == before.map { $0 + 900_000 })
  }
}

@Suite struct RebalancingKeys {
  @Test func bracketsMoveAMinuteAndSaySoOrSayWhyNot() {
    var r = KeyedRoom()
    r.press("]")
    #expect(r.room.notice?.text == "took 1:00 from estimate")
    #expect(r.records.last?.entry == .rebalanced(.clarify, other: .estimate, moved: 60_000))
    r.press("[[")
    #expect(r.room.notice?.text == "gave 1:00 to estimate")
    #expect(r.room.session.plan[.clarify] == .minutes(4))
    for _ in 0..<4 { r.press("n") }
    let lines = r.records.count
    r.press("]")
    #expect(r.room.notice?.text == "no later phase is still to start")
    #expect(r.records.count == lines)
  }

  @Test func theConsoleSendsTheSameRequest() {
    var c = InterviewerConsole.console(Steered()).0
    #expect(c.update(.key(.character("]")), at: Instant(ms: 0)) == [.send(.rebalance(60_000))])
    #expect(c.update(.key(.character("[")), at: Instant(ms: 0)) == [.send(.rebalance(-60_000))])
  }
}
