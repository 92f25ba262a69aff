import Testing

@testable import MockCore

/// A room on a virtual clock, driven by keys.
struct KeyedRoom {
  var room: Room
  var now = Instant(ms: 50_000)
  var records: [Record] = []
  var quit = false

  init(plan: Plan = .standard) {
    room = Room(session: Session(info: SessionInfo(id: "t", title: "T", program: "0"), plan: plan))
    collect(room.start(at: now))
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
    r.press("xz1")
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
