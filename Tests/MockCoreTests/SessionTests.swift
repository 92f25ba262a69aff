import MockCore
import Testing

@Suite struct SessionTime {
  @Test func clockStandsStillBeforeStart() {
    var c = Clocked(start: false)
    c.advance(.minutes(3))
    #expect(c.active == 0)
    #expect(c.session.status == .ready)
  }

  @Test func activeTimeIsNowMinusStartMinusPaused() {
    var c = Clocked()
    c.advance(10_000)
    c.send(.pause)
    c.advance(7_000)
    #expect(c.active == 10_000)
    c.send(.resume)
    c.advance(2_500)
    #expect(c.active == 12_500)
    #expect(c.session.paused(at: c.now) == 7_000)
    #expect(c.session.sinceStart(at: c.now) == 19_500)
  }

  @Test func pausingTwiceOrResumingTwiceChangesNothing() {
    var c = Clocked()
    c.advance(1_000)
    #expect(c.send(.pause).count == 1)
    c.advance(1_000)
    #expect(c.send(.pause).isEmpty)
    c.advance(1_000)
    #expect(c.send(.resume).count == 1)
    #expect(c.send(.resume).isEmpty)
    c.advance(1_000)
    #expect(c.active == 2_000)
    #expect(c.types == ["session_started", "phase_entered", "paused", "resumed"])
  }

  @Test func mashingPauseNeitherStallsNorSpeedsTheClock() {
    var c = Clocked()
    var running: Millis = 0
    var generator = SeededGenerator(seed: 42)
    for _ in 0..<500 {
      let step = Millis(generator.next() % 900)
      if c.session.status == .running { running += step }
      c.advance(step)
      c.send(generator.next() % 2 == 0 ? .pause : .resume)
    }
    #expect(c.active == running)
  }

  @Test func aJumpOfFourHundredSecondsCountsOnceAndFiresTheCuesItCrossedLate() {
    var c = Clocked()
    c.advance(400_000)
    #expect(c.active == 400_000)
    #expect(c.session.overrun(.clarify, at: c.now) == 100_000)
    #expect(c.session.nextSecond(after: c.now) == c.now + 1_000)
    // Time passing writes nothing; the next event records the whole jump, once, after the two
    // cues it crossed (each saying how late it came).
    #expect(c.records.count == 2)
    c.send(.next)
    #expect(
      c.records.dropFirst(2).map(\.entry) == [
        .cueFired(
          Banner(
            number: 1, cue: "one-minute-clarify", kind: .oneMinute, phase: .clarify,
            shownAt: 400_000, late: 160_000)),
        .cueFired(
          Banner(
            number: 2, cue: "clarify-over", kind: .clarifyOver, phase: .clarify, shownAt: 400_000,
            late: 100_000)),
        .phaseLeft(.clarify, elapsed: 400_000, budget: .minutes(5)),
        .phaseEntered(.estimate, via: .next),
      ])
    #expect(c.records.last?.t == 400_000)
  }

  @Test func nextSecondIsAlignedToTheSessionsOwnSeconds() {
    var c = Clocked()
    let start = c.now
    c.advance(1_500)
    #expect(c.session.nextSecond(after: c.now) == start + 2_000)
    c.send(.pause)
    c.advance(300)
    #expect(c.session.nextSecond(after: c.now) == nil)
    c.send(.resume)
    #expect(c.session.nextSecond(after: c.now) == start + 2_300)
    c.advance(500)
    #expect(c.session.nextSecond(after: c.now) == start + 3_300)
  }

  @Test func timeStopsWhenTheSessionEnds() {
    var c = Clocked()
    c.advance(65_000)
    c.send(.abort(.quit))
    c.advance(100_000)
    #expect(c.active == 65_000)
    #expect(c.elapsed(.clarify) == 65_000)
    #expect(c.session.nextSecond(after: c.now) == nil)
  }

  @Test func endingWhilePausedKeepsThePauseOutOfWorkedTime() {
    var c = Clocked()
    c.advance(5_000)
    c.send(.pause)
    c.advance(20_000)
    c.send(.finish(.quit))
    #expect(c.active == 5_000)
    #expect(
      c.records.last?.entry
        == .sessionEnded(Ending(outcome: .finished, reason: .quit), active: 5_000))
    #expect(c.records.last?.t == 25_000)
  }
}

@Suite struct SessionPhases {
  @Test(arguments: Phase.allCases.dropLast())
  func nextLeavesThePhaseWithItsTimeAndEntersTheNext(_ phase: Phase) {
    var c = Clocked()
    while c.session.phase < phase { c.send(.next) }
    c.records.removeAll()
    c.advance(42_000)
    c.send(.next)
    #expect(
      c.records.map(\.entry) == [
        .phaseLeft(phase, elapsed: 42_000, budget: Plan.standard[phase]),
        .phaseEntered(phase.next!, via: .next),
      ])
    #expect(c.session.phase == phase.next)
  }

  @Test(arguments: Phase.allCases)
  func eachPhaseCountsOnlyItsOwnTime(_ phase: Phase) {
    var c = Clocked()
    while c.session.phase < phase {
      c.advance(1_000)
      c.send(.next)
    }
    c.advance(30_000)
    #expect(c.elapsed(phase) == 30_000)
    for other in Phase.allCases where other != phase {
      #expect(c.elapsed(other) == (other < phase ? 1_000 : 0))
    }
  }

  @Test func nextFromOpsIsLeftToTheRoomToConfirm() {
    var c = Clocked()
    for _ in 0..<4 { c.send(.next) }
    #expect(c.session.phase == .ops)
    #expect(c.send(.next).isEmpty)
    #expect(c.session.status == .running)
  }

  @Test func backFromClarifyDoesNothing() {
    var c = Clocked()
    #expect(c.send(.back).isEmpty)
    #expect(c.session.phase == .clarify)
  }

  @Test func backResumesThePreviousPhaseKeepingItsTime() {
    var c = Clocked()
    c.advance(180_000)
    c.send(.next)
    c.advance(4_000)
    let effects = c.send(.back)
    #expect(
      effects.compactMap(\.record).map(\.entry) == [
        .phaseLeft(.estimate, elapsed: 4_000, budget: .minutes(5)),
        .phaseEntered(.clarify, via: .back),
      ])
    c.advance(10_000)
    #expect(c.elapsed(.clarify) == 190_000)
    #expect(c.elapsed(.estimate) == 4_000)
    #expect(c.session.furthest == .estimate)
  }

  @Test func phasesCanChangeWhilePaused() {
    var c = Clocked()
    c.advance(2_000)
    c.send(.pause)
    c.advance(9_000)
    c.send(.next)
    c.advance(9_000)
    #expect(c.elapsed(.clarify) == 2_000)
    #expect(c.elapsed(.estimate) == 0)
    c.send(.resume)
    c.advance(1_000)
    #expect(c.elapsed(.estimate) == 1_000)
  }

  @Test func afterOpsRunsOutTheSessionKeepsRunningInOverrun() {
    var c = Clocked()
    for phase in Phase.allCases.dropLast() {
      c.advance(Plan.standard[phase])
      c.send(.next)
    }
    c.advance(Plan.standard[.ops] + 90_000)
    #expect(c.session.status == .running)
    #expect(c.session.overrun(.ops, at: c.now) == 90_000)
    #expect(c.session.totalRemaining(at: c.now) == -90_000)
  }

  @Test func eventsAfterTheEndChangeNothing() {
    var c = Clocked()
    c.send(.finish(.completed))
    let ended = c.session
    for event in [Event.start, .next, .back, .pause, .resume, .adjustBudget(60_000), .abort(.quit)]
    {
      #expect(c.send(event).isEmpty)
    }
    #expect(c.session == ended)
  }

  @Test func startTwiceStartsOnce() {
    var c = Clocked()
    c.advance(5_000)
    #expect(c.send(.start).isEmpty)
    #expect(c.active == 5_000)
  }

  @Test func abortBeforeStartEndsWithoutARecord() {
    var c = Clocked(start: false)
    #expect(c.send(.abort(.signal("SIGTERM"))).isEmpty)
    #expect(c.session.status == .ended(Ending(outcome: .abandoned, reason: .signal("SIGTERM"))))
  }
}

@Suite struct SessionBudgets {
  @Test func plusAndMinusChangeTheCurrentPhaseByAMinute() {
    var c = Clocked()
    c.send(.next)
    c.send(.adjustBudget(.minutes(1)))
    #expect(c.session.plan[.estimate] == .minutes(6))
    c.send(.adjustBudget(-.minutes(1)))
    c.send(.adjustBudget(-.minutes(1)))
    #expect(c.session.plan[.estimate] == .minutes(4))
    #expect(c.session.plan[.clarify] == .minutes(5))
    #expect(
      c.records.suffix(3).map(\.entry) == [
        .budgetChanged(.estimate, from: .minutes(5), to: .minutes(6)),
        .budgetChanged(.estimate, from: .minutes(6), to: .minutes(5)),
        .budgetChanged(.estimate, from: .minutes(5), to: .minutes(4)),
      ])
  }

  @Test func shorteningStopsAtOneMinute() {
    var c = Clocked(plan: Plan(name: "p", budgets: [90_000, 1, 1, 1, 1].map(Millis.init)))
    c.send(.adjustBudget(-.minutes(1)))
    #expect(c.session.plan[.clarify] == .minutes(1))
    #expect(c.send(.adjustBudget(-.minutes(1))).isEmpty)
  }

  @Test func shorteningNeverLengthensABudgetUnderAMinute() {
    var c = Clocked(plan: Plan(name: "p", budgets: [5_000, 1, 1, 1, 1].map(Millis.init)))
    #expect(c.send(.adjustBudget(-.minutes(1))).isEmpty)
    #expect(c.session.plan[.clarify] == 5_000)
    c.send(.adjustBudget(.minutes(1)))
    #expect(c.session.plan[.clarify] == 65_000)
  }

  @Test func lengtheningStopsAtADay() {
    var c = Clocked(plan: Plan(name: "p", budgets: [DurationText.maximum - 30_000, 1, 1, 1, 1]))
    c.send(.adjustBudget(.minutes(1)))
    #expect(c.session.plan[.clarify] == DurationText.maximum)
  }

  @Test func aLongerBudgetTurnsOverrunBackIntoTimeLeft() {
    var c = Clocked()
    c.advance(.minutes(5) + 20_000)
    #expect(c.session.isOver(.clarify, at: c.now))
    c.send(.adjustBudget(.minutes(1)))
    #expect(c.session.remaining(.clarify, at: c.now) == 40_000)
  }
}

@Suite struct SessionOverrunAndBalance {
  @Test func remainingGoesNegativeAndOverrunCountsUpFromTheBudget() {
    var c = Clocked()
    c.advance(.minutes(5) - 1)
    #expect(!c.session.isOver(.clarify, at: c.now))
    #expect(c.session.remaining(.clarify, at: c.now) == 1)
    c.advance(1)
    #expect(c.session.isOver(.clarify, at: c.now))
    #expect(c.session.overrun(.clarify, at: c.now) == 0)
    c.advance(1)
    #expect(c.session.overrun(.clarify, at: c.now) == 1)
    #expect(c.session.remaining(.clarify, at: c.now) == -1)
  }

  @Test func overrunInTheCurrentPhaseIsTakenFromTheRestOfThePlan() {
    var c = Clocked()
    c.advance(.minutes(5))
    c.send(.next)
    c.advance(.minutes(5))
    c.send(.next)
    c.advance(.minutes(15) + 130_000)
    #expect(c.session.balance(at: c.now) == -130_000)
  }

  @Test func timeSavedInAFinishedPhaseCountsAhead() {
    var c = Clocked()
    c.advance(.minutes(3))
    c.send(.next)
    c.advance(.minutes(2))
    // Two minutes saved in clarify; estimate is within budget so far and counts nothing yet.
    #expect(c.session.balance(at: c.now) == 120_000)
    c.send(.next)
    c.advance(.minutes(16))
    #expect(c.session.balance(at: c.now) == 120_000 + 180_000 - 60_000)
  }

  @Test func unusedTimeInTheCurrentPhaseIsNotYetSaved() {
    var c = Clocked()
    c.advance(60_000)
    #expect(c.session.balance(at: c.now) == 0)
  }

  @Test(arguments: Phase.allCases)
  func aPhaseRunningOverMakesTheBalanceNegativeByItsOverrun(_ phase: Phase) {
    var c = Clocked()
    while c.session.phase < phase {
      c.advance(c.session.plan[c.session.phase])
      c.send(.next)
    }
    c.advance(c.session.plan[phase] + 7_000)
    #expect(c.session.balance(at: c.now) == -7_000)
  }
}
