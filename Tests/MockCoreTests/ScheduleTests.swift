import Testing

@testable import MockCore

extension Clocked {
  /// The cues fired so far, by id, in order.
  var fired: [String] {
    records.compactMap {
      if case .cueFired(let banner) = $0.entry { return banner.cue }
      return nil
    }
  }

  var lastBanner: Banner? { session.banners.last }

  /// Moves on `count` phases at once, at the current instant.
  mutating func skip(_ count: Int) {
    for _ in 0..<count { send(.next) }
  }

  /// Advances to `worked` ms of session time and ticks there.
  mutating func tick(atWorked worked: Millis) {
    advance(worked - active)
    send(.tick)
  }
}

/// Each trigger kind, through the built-in cue that uses it: (cue, phases skipped at the start,
/// the schedule, the worked time of its point).
struct TriggerCase: CustomTestStringConvertible, Sendable {
  var cue: String
  var skip: Int
  var schedule: Schedule
  var point: Millis
  var testDescription: String { cue }

  static let pivotAtSix = Schedule(interjections: [
    Schedule.Placed(id: "p", kind: .pivot, text: "Now audio.", phase: .design, at: 360_000)
  ])

  static let all: [TriggerCase] = [
    // Time left in the session.
    TriggerCase(cue: "last-90s", skip: 0, schedule: Schedule(), point: 2_610_000),
    // Time left in a phase.
    TriggerCase(cue: "one-minute-clarify", skip: 0, schedule: Schedule(), point: 240_000),
    TriggerCase(cue: "clarify-over", skip: 0, schedule: Schedule(), point: 300_000),
    // Session time at a point of the plan.
    TriggerCase(cue: "drill-late", skip: 0, schedule: Schedule(), point: 1_500_000),
    TriggerCase(cue: "compressed-close", skip: 0, schedule: Schedule(), point: 2_400_000),
    // Time into a phase.
    TriggerCase(cue: "p", skip: 2, schedule: pivotAtSix, point: 360_000),
    // Design and drill time without a check-in.
    TriggerCase(
      cue: "checkin-reminder", skip: 2,
      schedule: Schedule(options: Schedule.Options(checkinEvery: 300_000)), point: 300_000),
  ]
}

@Suite struct Triggers {
  @Test(arguments: TriggerCase.all)
  func aCueFiresAtItsPointNotAMillisecondBefore(_ t: TriggerCase) {
    var c = Clocked(schedule: t.schedule)
    c.skip(t.skip)
    c.tick(atWorked: t.point - 1)
    #expect(!c.fired.contains(t.cue))
    c.tick(atWorked: t.point)
    #expect(c.fired.filter { $0 == t.cue }.count == 1)
    #expect(c.session.banners.first { $0.cue == t.cue }?.late == nil)
    c.tick(atWorked: t.point + 1)
    #expect(c.fired.filter { $0 == t.cue }.count == 1)
  }

  @Test(arguments: TriggerCase.all)
  func aTickAMillisecondPastThePointFiresItOnTime(_ t: TriggerCase) {
    var c = Clocked(schedule: t.schedule)
    c.skip(t.skip)
    c.tick(atWorked: t.point - 1_000)
    c.tick(atWorked: t.point + 1)
    let banner = c.session.banners.first { $0.cue == t.cue }
    #expect(banner != nil)
    #expect(banner?.late == nil)
  }

  @Test(arguments: TriggerCase.all)
  func theRunLoopIsWokenForTheCueToTheMillisecond(_ t: TriggerCase) {
    var c = Clocked(schedule: t.schedule)
    c.skip(t.skip)
    c.tick(atWorked: t.point - 1_500)
    // The next wake is the cue's point exactly, even between displayed seconds.
    #expect(c.session.nextCue(after: c.now) == c.now + 1_500)
  }

  @Test func pausedTimeNeverReachesACue() {
    var c = Clocked()
    c.advance(230_000)
    c.send(.pause)
    c.advance(600_000)
    c.send(.tick)
    #expect(c.fired.isEmpty)
    #expect(c.session.nextCue(after: c.now) == nil)
    c.send(.resume)
    c.tick(atWorked: 240_000)
    #expect(c.fired == ["one-minute-clarify"])
  }
}

@Suite struct TimeThatJumps {
  static let two = Schedule(interjections: [
    Schedule.Placed(id: "pivot", kind: .pivot, text: "Now audio.", phase: .design, at: 360_000),
    Schedule.Placed(id: "curve", kind: .curveball, text: "Exact?", phase: .design, at: 540_000),
  ])

  @Test func aFreezeFiresEveryCueItCrossedOnceInOrderAndSaysHowLate() {
    var c = Clocked(schedule: Self.two)
    c.skip(2)
    c.tick(atWorked: 180_000)
    // Frozen until 14:30 into design: the pivot, the curveball and design's last minute were
    // all crossed.
    c.advance(690_000)
    let effects = c.send(.tick)
    #expect(c.fired == ["pivot", "curve", "one-minute-design"])
    #expect(c.session.banners.map(\.late) == [510_000, 330_000, 30_000])
    // One alert for the lot.
    #expect(effects.filter { $0 == .alert }.count == 1)
    c.advance(1_000)
    c.send(.tick)
    c.send(.tick)
    #expect(c.fired.count == 3)
  }

  @Test func aShorterBudgetBringsCuesDueNowAndTheyAreNotLate() {
    var c = Clocked()
    c.tick(atWorked: 210_000)  // clarify 3:30: nothing due yet
    #expect(c.fired.isEmpty)
    // Two minutes off: the one-minute point (2:00) and the end (3:00) are both behind us now.
    c.send(.adjustBudget(-60_000))
    c.send(.adjustBudget(-60_000))
    #expect(c.fired == ["one-minute-clarify", "clarify-over"])
    #expect(c.session.banners.allSatisfy { $0.late == nil })
    #expect(c.session.banners.allSatisfy { $0.shownAt == 210_000 })
  }
}

@Suite struct CoachingCues {
  @Test(
    arguments: [
      (Plan.standard, 2_610_000),
      (Plan(name: "twenty", budgets: [120_000, 180_000, 360_000, 360_000, 180_000]), 1_110_000),
    ] as [(Plan, Millis)])
  func theLastNinetySecondsComeWhateverThePlan(_ plan: Plan, _ point: Millis) {
    var c = Clocked(plan: plan)
    c.skip(4)
    c.tick(atWorked: point - 1)
    #expect(!c.fired.contains("last-90s"))
    c.tick(atWorked: point)
    #expect(c.fired.last == "last-90s")
    #expect(c.session.totalRemaining(at: c.now) == 90_000)
  }

  @Test func aPlanOfNinetySecondsOrLessHasNoLastNinety() {
    var c = Clocked(plan: Plan(name: "tiny", budgets: [18_000, 18_000, 18_000, 18_000, 18_000]))
    c.tick(atWorked: 1)
    c.tick(atWorked: 120_000)
    #expect(!c.fired.contains("last-90s"))
  }

  @Test func theDrillAndOpsPointsMoveWithThePlansBoundaries() {
    // A 30-minute plan: the drill starts at 16:00 and ops at 26:00.
    let plan = Plan(name: "thirty", budgets: [180_000, 180_000, 600_000, 600_000, 240_000])
    var c = Clocked(plan: plan)
    c.tick(atWorked: 959_999)
    #expect(!c.fired.contains("drill-late"))
    c.tick(atWorked: 960_000)
    #expect(c.fired.last == "drill-late")
    c.tick(atWorked: 1_559_999)
    #expect(!c.fired.contains("compressed-close"))
    c.tick(atWorked: 1_560_000)
    #expect(c.fired.last == "compressed-close")
  }

  @Test func drillLateWaitsForItsGrace() {
    var c = Clocked(schedule: Schedule(options: Schedule.Options(drillGrace: 120_000)))
    c.tick(atWorked: 1_619_999)
    #expect(!c.fired.contains("drill-late"))
    c.tick(atWorked: 1_620_000)
    #expect(c.fired.last == "drill-late")
  }

  @Test func conditionalCuesStaySilentWhenTheirConditionFails() {
    var c = Clocked()
    c.skip(3)  // in drill from the start
    c.tick(atWorked: 1_500_000)
    #expect(!c.fired.contains("drill-late"))
    c.send(.next)  // ops reached before 40:00
    c.tick(atWorked: 2_400_000)
    #expect(!c.fired.contains("compressed-close"))
    // Settled: they do not fire later either.
    c.tick(atWorked: 2_700_000)
    #expect(!c.fired.contains("drill-late"))
    #expect(!c.fired.contains("compressed-close"))
  }

  @Test func conditionalCuesFireWhenTheirConditionHolds() {
    var c = Clocked()
    c.skip(2)  // still in design at 25:00 and at 40:00
    c.tick(atWorked: 1_500_000)
    c.tick(atWorked: 2_400_000)
    #expect(
      c.fired.filter { ["drill-late", "compressed-close"].contains($0) } == [
        "drill-late", "compressed-close",
      ])
  }

  @Test func aPhaseTooShortForAOneMinuteWarningGetsNone() {
    let plan = Plan(name: "short", budgets: [120_000, 300_000, 900_000, 900_000, 300_000])
    var c = Clocked(plan: plan)
    c.tick(atWorked: 120_000)
    #expect(c.fired == ["clarify-over"])
  }

  @Test func leavingAPhaseTakesDownItsOwnBanners() {
    var c = Clocked()
    c.tick(atWorked: 300_000)
    #expect(c.session.onScreen.map(\.cue) == ["clarify-over", "one-minute-clarify"])
    c.send(.next)
    #expect(c.session.onScreen.isEmpty)
    #expect(c.session.banners.allSatisfy { $0.retired })
  }

  @Test func theCheckinReminderRepeatsAndACheckinMarkRestartsIt() {
    var c = Clocked(schedule: Schedule(options: Schedule.Options(checkinEvery: 300_000)))
    c.tick(atWorked: 600_000)  // ten minutes of clarify and estimate do not count
    c.skip(2)
    c.tick(atWorked: 900_000)
    #expect(c.fired.filter { $0 == "checkin-reminder" }.count == 1)
    c.tick(atWorked: 1_000_000)
    c.send(.mark(.checkin))
    c.tick(atWorked: 1_299_999)
    #expect(c.fired.filter { $0 == "checkin-reminder" }.count == 1)
    c.tick(atWorked: 1_300_000)
    #expect(c.fired.filter { $0 == "checkin-reminder" }.count == 2)
  }

  @Test func aCheckinMarkAnswersTheReminderOnScreen() {
    var c = Clocked(schedule: Schedule(options: Schedule.Options(checkinEvery: 300_000)))
    c.skip(2)
    c.tick(atWorked: 300_000)
    #expect(c.session.onScreen.map(\.cue) == ["checkin-reminder"])
    c.advance(7_000)
    c.send(.mark(.checkin))
    #expect(c.session.onScreen.isEmpty)
    #expect(
      c.records.suffix(2).map(\.entry) == [
        .marked(.checkin),
        .acknowledged(banner: 1, cue: "checkin-reminder", kind: .checkinReminder, after: 7_000),
      ])
  }

  @Test func theCheckinReminderIsOffByDefault() {
    var c = Clocked()
    c.skip(2)
    c.tick(atWorked: 1_500_000)
    #expect(!c.fired.contains("checkin-reminder"))
  }
}

@Suite struct Acknowledging {
  /// A session in design whose pivot has just gone up.
  static func pivotUp() -> Clocked {
    var c = Clocked(schedule: TriggerCase.pivotAtSix)
    c.skip(2)
    c.tick(atWorked: 360_000)
    return c
  }

  @Test func acknowledgingTakesTheBannerDownAndRecordsHowLongItTook() {
    var c = Self.pivotUp()
    c.advance(4_200)
    c.send(.acknowledge(nil))
    #expect(c.session.onScreen.isEmpty)
    #expect(
      c.records.last?.entry == .acknowledged(banner: 1, cue: "p", kind: .pivot, after: 4_200))
    // Twice changes nothing.
    #expect(c.send(.acknowledge(1)).isEmpty)
  }

  @Test func replanningAPivotAcknowledgesItFirst() {
    var c = Self.pivotUp()
    c.advance(30_000)
    c.send(.replan(nil))
    #expect(
      c.records.suffix(2).map(\.entry) == [
        .acknowledged(banner: 1, cue: "p", kind: .pivot, after: 30_000),
        .replanned(banner: 1, cue: "p", after: 30_000),
      ])
    #expect(c.session.pivotToReplan == nil)
    #expect(c.send(.replan(nil)).isEmpty)
  }

  @Test func onlyPivotsAreReplanned() {
    var c = Clocked()
    c.tick(atWorked: 240_000)
    #expect(c.send(.replan(1)).isEmpty)
    #expect(c.session.pivotToReplan == nil)
  }

  @Test func newestFirst() {
    var c = Clocked(schedule: TimeThatJumps.two)
    c.skip(2)
    c.tick(atWorked: 600_000)
    #expect(c.session.onScreen.map(\.cue) == ["curve", "pivot"])
    c.send(.acknowledge(nil))
    #expect(c.session.onScreen.map(\.cue) == ["pivot"])
  }
}

@Suite struct SteppingAway {
  @Test func aSuspendCountsAsAPauseAndContinueResumes() {
    var c = Clocked()
    c.advance(60_000)
    c.send(.suspend)
    #expect(c.session.status == .paused)
    c.advance(300_000)
    c.send(.tick)
    #expect(c.fired.isEmpty)
    c.send(.continue)
    #expect(c.session.status == .running)
    #expect(c.active == 60_000)
    #expect(c.records.last?.entry == .continued(stoppedFor: 300_000))
    #expect(c.session.paused(at: c.now) == 300_000)
  }

  @Test func aSuspendWhilePausedStaysPausedAfterContinue() {
    var c = Clocked()
    c.advance(60_000)
    c.send(.pause)
    c.send(.suspend)
    c.advance(10_000)
    c.send(.continue)
    #expect(c.session.status == .paused)
    #expect(c.types.suffix(3) == ["paused", "suspended", "continued"])
  }

  @Test func theMachineSleepingIsRecordedWithoutMovingTheClock() {
    var c = Clocked()
    c.advance(10_000)
    c.send(.slept(3_600_000))
    #expect(c.records.last?.entry == .slept(3_600_000))
    #expect(c.active == 10_000)
  }
}

@Suite struct PlacingInterjections {
  static func entry(
    _ id: String, _ kind: Interjection.Kind, _ timing: Interjection.Timing? = nil
  ) -> Interjection {
    Interjection(id: id, kind: kind, text: "text of \(id)", timing: timing)
  }

  static let own = [
    entry("own-pivot-1", .pivot), entry("own-pivot-2", .pivot), entry("own-pivot-3", .pivot),
    entry("own-push", .pushback), entry("own-curve", .curveball),
  ]
  static let generic = [
    entry("gen-pivot", .pivot), entry("gen-push", .pushback), entry("gen-curve", .curveball),
    entry("gen-curve-2", .curveball), entry("gen-silence", .silence),
    entry("gen-checkin", .checkin),
  ]

  static func place(
    own: [Interjection] = own, generic: [Interjection] = generic, plan: Plan = .standard,
    count: Int = Schedule.defaultCount, seed: UInt64 = 1
  ) -> Schedule {
    Schedule.place(own: own, generic: generic, plan: plan, count: count, seed: seed)
  }

  @Test func theDefaultIsAPivotInDesignAPivotOrPushbackInDrillAndACurveball() {
    for seed in 0..<50 as Range<UInt64> {
      let placed = Self.place(seed: seed).interjections
      #expect(placed.count == 3)
      #expect(placed.contains { $0.kind == .pivot && $0.phase == .design })
      #expect(placed.contains { [.pivot, .pushback].contains($0.kind) && $0.phase == .drill })
      #expect(
        placed.contains {
          $0.kind == .curveball && [.estimate, .design, .drill].contains($0.phase)
        }
      )
      // The prompt's own deck comes first.
      #expect(placed.allSatisfy { $0.id.hasPrefix("own-") })
    }
  }

  @Test func theSameSeedGivesTheSameScheduleAndSeedsDiffer() {
    #expect(Self.place(seed: 7) == Self.place(seed: 7))
    let schedules = Set((0..<20 as Range<UInt64>).map { Self.place(seed: $0) })
    #expect(schedules.count >= 10)
  }

  @Test func theGenericDeckFillsWhatThePromptLacks() {
    let placed = Self.place(own: [Self.entry("own-pivot-1", .pivot)], count: 5).interjections
    #expect(placed.map(\.id).contains("own-pivot-1"))
    #expect(placed.contains { $0.id == "gen-silence" })
    // Every other one from the generic deck; a slot whose kinds are used up stays empty (one
    // pushback in the generic deck for two slots that take one).
    #expect(placed.filter { $0.id.hasPrefix("gen-") }.count == placed.count - 1)
    #expect(placed.count >= 4)
  }

  @Test func countAndNoPivots() {
    #expect(Self.place(count: 0).interjections.isEmpty)
    #expect(Self.place(count: 1).interjections.count == 1)
    #expect(
      Self.place(count: Schedule.maximumCount).interjections.count
        == Set(Self.place(count: Schedule.maximumCount).interjections.map(\.id)).count)
    // Only as many as the decks can give.
    #expect(Self.place(own: [], generic: [], count: 5).interjections.isEmpty)
  }

  @Test func aDeckEntrysTimingWinsAndScalesWithThePhasesBudget() {
    let hinted = [
      Self.entry("hinted", .pivot, Interjection.Timing(phase: .drill, offset: 360_000))
    ]
    let standard = Self.place(own: hinted, generic: [], count: 1).interjections
    #expect(
      standard == [
        Schedule.Placed(
          id: "hinted", kind: .pivot, text: "text of hinted", phase: .drill, at: 360_000)
      ])
    let long = Plan.standard.overriding([.drill: 1_800_000])
    #expect(
      Self.place(own: hinted, generic: [], plan: long, count: 1).interjections.first?.at == 720_000)
  }

  @Test func unhintedInterjectionsLandInTheMiddleOfThePhaseOnWholeSeconds() {
    for seed in 0..<50 as Range<UInt64> {
      for placed in Self.place(count: 6, seed: seed).interjections {
        let budget = Plan.standard[placed.phase]
        #expect(placed.at % 1000 == 0)
        #expect(placed.at >= budget / 4)
        // Spacing may push a second one on, but never past the phase's budget here.
        #expect(placed.at < budget)
      }
    }
  }

  @Test func twoInOnePhaseAreAMinuteApart() {
    for seed in 0..<50 as Range<UInt64> {
      let placed = Self.place(count: Schedule.maximumCount, seed: seed).interjections
      for (a, b) in zip(placed, placed.dropFirst()) where a.phase == b.phase {
        #expect(b.at - a.at >= 60_000)
      }
    }
  }
}
