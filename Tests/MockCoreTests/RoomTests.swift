import Testing

@testable import MockCore

/// A room on a virtual clock, driven by keys.
struct KeyedRoom {
  var room: Room
  var now = Instant(ms: 50_000)
  var records: [Record] = []
  var quit = false
  var alerts = 0

  init(plan: Plan = .standard, schedule: Schedule = Schedule()) {
    room = Room(
      session: Session(
        info: SessionInfo(id: "t", title: "T", program: "0"), plan: plan, schedule: schedule))
    collect(room.start(at: now))
  }

  /// Lets `ms` pass with a tick each second, as the run loop does.
  mutating func wait(_ ms: Millis) {
    let end = now + ms
    while now < end {
      now = min(end, now + 1_000)
      collect(room.tick(at: now))
    }
  }

  mutating func press(_ keys: String) {
    for ch in keys { collect(room.handle(.character(ch), at: now)) }
  }

  mutating func press(_ key: Key) { collect(room.handle(key, at: now)) }

  mutating func collect(_ effects: [Effect]) {
    for effect in effects {
      switch effect {
      case .record(let record): records.append(record)
      case .quit: quit = true
      case .alert: alerts += 1
      case .reply, .welcome, .broadcast, .send, .stepAway, .redraw, .hook:
        Issue.record("a room alone never talks to clients or the terminal: \(effect)")
      }
    }
  }

  var phase: Phase { room.session.phase }
  var ending: Ending? {
    if case .ended(let ending) = room.session.status { return ending }
    return nil
  }
}

@Suite struct RoomKeys {
  @Test(arguments: [" ", "n"] as [Character])
  func spaceAndNMoveOn(_ key: Character) {
    var r = KeyedRoom()
    r.press(String(key))
    #expect(r.phase == .estimate)
  }

  @Test func bGoesBackAndPTogglesThePause() {
    var r = KeyedRoom()
    r.press("nnb")
    #expect(r.phase == .estimate)
    r.press("p")
    #expect(r.room.session.status == .paused)
    r.press("p")
    #expect(r.room.session.status == .running)
  }

  @Test func plusAndMinusChangeTheBudget() {
    var r = KeyedRoom()
    r.press("++=-")
    #expect(r.room.session.plan[.clarify] == .minutes(7))
    r.press("_")
    #expect(r.room.session.plan[.clarify] == .minutes(6))
  }

  @Test(arguments: ["q", "y", "Y"] as [Character])
  func qAsksFirstAndThenQuits(_ answer: Character) {
    var r = KeyedRoom()
    r.press("q")
    #expect(r.room.overlay == .confirmQuit)
    #expect(!r.quit)
    r.press(String(answer))
    #expect(r.quit)
    #expect(r.ending == Ending(outcome: .abandoned, reason: .quit))
    #expect(r.records.last?.type == "session_ended")
  }

  @Test(arguments: [Key.character("x"), .character("n"), .escape, .other])
  func anyOtherKeyCancelsTheQuestion(_ key: Key) {
    var r = KeyedRoom()
    r.press("q")
    r.press(key)
    #expect(r.room.overlay == nil)
    #expect(!r.quit)
    #expect(r.phase == .clarify)
  }

  @Test func quittingDuringOpsFinishesTheSession() {
    var r = KeyedRoom()
    r.press("nnnnqy")
    #expect(r.ending == Ending(outcome: .finished, reason: .quit))
  }

  @Test func movingOnFromOpsAsksThenFinishes() {
    var r = KeyedRoom()
    r.press("nnnn ")
    #expect(r.room.overlay == .confirmFinish)
    #expect(!r.quit)
    r.press(" ")
    #expect(r.quit)
    #expect(r.ending == Ending(outcome: .finished, reason: .completed))
  }

  @Test func helpOpensAndAnyKeyClosesItWithoutActing() {
    var r = KeyedRoom()
    r.press("?")
    #expect(r.room.overlay == .help)
    r.press("n")
    #expect(r.room.overlay == nil)
    #expect(r.phase == .clarify)
  }

  @Test func aSignalEndsTheSessionAndQuitsWithoutAsking() {
    var r = KeyedRoom()
    r.press("q")
    r.collect(r.room.stop(signal: "SIGTERM", at: r.now))
    #expect(r.quit)
    #expect(r.room.overlay == nil)
    #expect(r.ending == Ending(outcome: .abandoned, reason: .signal("SIGTERM")))
  }

  @Test func keysAfterTheEndDoNothing() {
    var r = KeyedRoom()
    r.press("qy")
    let count = r.records.count
    r.press("nbp+q")
    #expect(r.records.count == count)
  }

  @Test func unmappedKeysDoNothing() {
    var r = KeyedRoom()
    let before = r.room
    r.press("zZ9!")
    r.press(.escape)
    r.press(.other)
    #expect(r.room == before)
  }
}

@Suite struct StripWidths {
  @Test(arguments: [5, 12, 36, 76, 96, 200])
  func partsFillTheWidthExactly(_ width: Int) {
    let parts = Strip.proportion(Phase.allCases.map { Plan.standard[$0] }, into: width)
    #expect(parts.reduce(0, +) == width)
    #expect(parts.allSatisfy { $0 >= min(5, width / 5) })
  }

  @Test func partsFollowTheBudgets() {
    #expect(
      Strip.proportion(Phase.allCases.map { Plan.standard[$0] }, into: 45 + 25) == [
        10, 10, 20, 20, 10,
      ])
  }

  @Test func aTinyPhaseStillGetsRoomForItsName() {
    let parts = Strip.proportion([5_000, 70_000, 900_000, 900_000, 300_000], into: 96)
    #expect(parts[0] >= 5)
  }
}

@Suite struct BannerKeys {
  static let pivot = Schedule(interjections: [
    Schedule.Placed(id: "p", kind: .pivot, text: "Now audio.", phase: .clarify, at: 10_000)
  ])

  @Test func aBannerRingsOnceAndAAcknowledgesIt() {
    var r = KeyedRoom(schedule: Self.pivot)
    r.wait(10_000)
    #expect(r.alerts == 1)
    #expect(r.room.session.onScreen.map(\.cue) == ["p"])
    r.press("a")
    #expect(r.room.session.onScreen.isEmpty)
    #expect(r.records.last?.type == "acknowledged")
  }

  @Test func rMarksThePivotReplannedAfterItWasAcknowledged() {
    var r = KeyedRoom(schedule: Self.pivot)
    r.wait(10_000)
    r.press("a")
    r.wait(20_000)
    r.press("r")
    #expect(r.records.last?.entry == .replanned(banner: 1, cue: "p", after: 20_000))
    #expect(r.room.notice?.text == "re-planned after the pivot")
  }

  @Test func aAndRWithNothingToActOnSaySoAndRecordNothing() {
    var r = KeyedRoom()
    let count = r.records.count
    r.press("a")
    #expect(r.room.notice?.text == "no banner to acknowledge")
    r.press("r")
    #expect(r.room.notice?.text == "no pivot waiting to be re-planned")
    #expect(r.records.count == count)
  }

  @Test func aAcknowledgesTheBannerOnScreenNotOneDueThisVeryInstant() {
    let two = Schedule(interjections: [
      Schedule.Placed(id: "p", kind: .pivot, text: "Now audio.", phase: .clarify, at: 10_000),
      Schedule.Placed(id: "c", kind: .curveball, text: "Exact?", phase: .clarify, at: 20_000),
    ])
    var r = KeyedRoom(schedule: two)
    r.wait(19_000)
    r.now = r.now + 1_000  // the curveball is due, but no tick has shown it yet
    r.press("a")
    #expect(r.room.session.banners.map(\.cue) == ["p", "c"])
    #expect(r.room.session.onScreen.map(\.cue) == ["c"])
  }

  @Test func theNoticeGoesByItselfAndWakesTheLoopToGo() {
    var r = KeyedRoom()
    r.press("c")
    #expect(r.room.notice?.text == "marked: checked in")
    #expect(r.room.nextWake(after: r.now) == r.now + 1_000)
    r.wait(Notice.lasts)
    #expect(r.room.notice == nil)
  }

  @Test func theNextWakeIsTheSoonerOfTheSecondAndTheCue() {
    let soon = Schedule(interjections: [
      Schedule.Placed(id: "p", kind: .pivot, text: "Now audio.", phase: .clarify, at: 10_250)
    ])
    var r = KeyedRoom(schedule: soon)
    r.wait(10_000)
    #expect(r.room.nextWake(after: r.now) == r.now + 250)
  }
}

@Suite struct MarkKeys {
  static let expected: [(String, Mark)] = [
    ("x", .reset), ("e", .errorCaught), ("c", .checkin), ("1", .recovery(.measure)),
    ("2", .recovery(.tradeoff)), ("3", .recovery(.provisional)), ("4", .recovery(.similar)),
    ("5", .recovery(.question)),
  ]

  @Test func eachMarkKeyRecordsItsMark() {
    for (key, mark) in Self.expected {
      var r = KeyedRoom()
      r.press(key)
      #expect(r.records.last?.entry == .marked(mark))
    }
  }

  @Test func theMenuTakesTheSameKeysAndClosesAfterOne() {
    for (key, mark) in Self.expected {
      var r = KeyedRoom()
      r.press("m")
      #expect(r.room.overlay == .marks)
      r.press(key)
      #expect(r.records.last?.entry == .marked(mark))
      #expect(r.room.overlay == nil)
    }
  }

  @Test func anyOtherKeyClosesTheMenuWithoutAMark() {
    var r = KeyedRoom()
    let count = r.records.count
    r.press("m")
    r.press(.escape)
    #expect(r.room.overlay == nil)
    r.press("m")
    r.press("n")
    #expect(r.phase == .clarify)
    #expect(r.records.count == count)
  }
}
