import MockCore
import Testing

/// One fate per cue: what the cue book says of each as a session goes.
@Suite struct CueBookFates {
  static let schedule = Schedule(
    interjections: [
      Schedule.Placed(id: "early", kind: .pivot, text: "Now audio.", phase: .clarify, at: 10_000),
      Schedule.Placed(id: "late", kind: .curveball, text: "Exact?", phase: .design, at: 60_000),
    ])

  @Test func aCueIsPendingUntilItFiresThenCarriesItsBannerNumber() {
    var c = Clocked(schedule: Self.schedule)
    #expect(c.session.book["early"] == .pending)
    c.advance(10_000)
    c.send(.tick)
    let banner = c.session.banners.first { $0.cue == "early" }
    #expect(banner != nil)
    #expect(c.session.book["early"] == .fired(banner: banner?.number ?? 0))
    #expect(!c.session.book["early"].isOpen)
  }

  @Test func aPartnerSessionsInterjectionsStartHeldAndReleaseToPending() {
    var schedule = Self.schedule
    schedule.options.partner = true
    var c = Clocked(schedule: schedule)
    #expect(c.session.book.cues(.held) == ["early", "late"])
    c.send(.release("early"))
    #expect(c.session.book["early"] == .pending)
    c.send(.hold("early"))
    #expect(c.session.book["early"] == .held)
    // Held past its point, it waits.
    c.advance(20_000)
    c.send(.tick)
    #expect(c.session.book["early"] == .held)
    #expect(c.session.banners.isEmpty)
  }

  @Test func aSkippedCueNeverFiresAndCannotBeHeld() {
    var c = Clocked(schedule: Self.schedule)
    c.send(.skip("late"))
    #expect(c.session.book["late"] == .skipped)
    #expect(c.session.handle(.hold("late"), at: c.now).refusal == .notSteerable)
    c.send(.next)
    c.send(.next)
    c.advance(120_000)
    c.send(.tick)
    #expect(!c.session.banners.contains { $0.cue == "late" })
  }

  /// "Drill late" comes due at 25:00 only while the drill is not reached: reached before
  /// then, its point passes and it lapses, and never fires later.
  @Test func aCueWhoseConditionFailsAtItsPointLapses() {
    var c = Clocked()
    for _ in 0..<3 { c.send(.next) }  // in the drill within seconds
    c.advance(26 * 60_000)
    c.send(.tick)
    #expect(c.session.book["drill-late"] == .lapsed)
    #expect(!c.session.banners.contains { $0.cue == "drill-late" })
  }

  /// The check-in reminder repeats: after each banner it is pending again.
  @Test func aRepeatingReminderStaysPending() {
    var schedule = Schedule()
    schedule.options.checkinEvery = 300_000
    var c = Clocked(schedule: schedule)
    c.send(.next)
    c.send(.next)
    c.advance(300_000)
    c.send(.tick)
    let reminders = c.session.banners.filter { $0.kind == .checkinReminder }
    #expect(reminders.count == 1)
    #expect(c.session.book[reminders.first?.cue ?? ""] == .pending)
  }

  @Test func aRecordReplayedHasTheSameBook() {
    var schedule = Self.schedule
    schedule.options.partner = true
    var c = Clocked(schedule: schedule)
    c.send(.release("early"))
    c.send(.skip("late"))
    c.advance(15_000)
    c.send(.tick)
    #expect(Session.replay(c.records)?.book == c.session.book)
  }
}

/// A refused request tells the console the session's own reason, once, the same way.
@Suite struct RefusalsAsControlErrors {
  @Test func aPauseRefusedWhileStoppedSaysItIsStopped() {
    var s = Steered()
    for case .record(let r) in s.room.suspend(at: s.now) { s.records.append(r) }
    do {
      try s.steer(.pause)
      Issue.record("a pause while stopped was taken")
    } catch {
      #expect(error.code == .notNow)
      #expect(error.message == "the session is stopped (Ctrl-Z)")
    }
  }

  @Test func aRefusalAboutACueNamesIt() {
    var s = Steered(partner: true)
    do {
      try s.steer(.release(cue: "early"))
      try s.steer(.release(cue: "early"))
      Issue.record("a second release was taken")
    } catch {
      #expect(error == ControlError(.notNow, "'early' is not held"))
    }
  }

  @Test(arguments: [Refusal.ended, .paused, .noPushback, .held])
  func eachRefusalMapsToOneCodeAndItsOwnWords(_ refusal: Refusal) {
    let error = ControlError(refusal)
    #expect(error.code == (refusal == .ended ? .ended : .notNow))
    #expect(error.message == refusal.message)
  }
}
