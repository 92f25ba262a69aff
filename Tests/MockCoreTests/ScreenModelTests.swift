import Testing

@testable import MockCore

/// The candidate's whole program on a virtual clock, fed inputs as the pump feeds them.
struct Driven {
  var interview: Interview
  var now = Instant(ms: 70_000)
  var effects: [Effect] = []

  init(plan: Plan = .standard, schedule: Schedule = Steered.schedule) {
    interview = Interview(
      room: Room(
        session: Session(
          info: SessionInfo(id: "d", title: "Driven", program: "0"), plan: plan,
          schedule: schedule)),
      material: Steered.material)
    effects = interview.start(at: now)
    feed(.resize(Size(width: 80, height: 24)))
  }

  @discardableResult
  mutating func feed(_ input: Input) -> [Effect] {
    let out = interview.update(input, at: now)
    effects += out
    return out
  }

  mutating func keys(_ text: String) {
    for ch in text { feed(.key(.character(ch))) }
  }

  mutating func request(_ request: Request, peer: Int = 7, as source: Source = .interviewer)
    -> [Effect]
  {
    feed(.request(.success(request), seq: 3, from: Peer(id: peer, source: source)))
  }

  var quit: Bool { effects.contains(.quit) }
  var recorded: [Record] { effects.recorded }

  /// Moves through all five phases and finishes, a minute in each.
  mutating func finish() {
    for _ in 0..<5 {
      now = now + 60_000
      feed(.time)
      keys("n")
    }
    keys("y")
  }
}

@Suite struct Refusals {
  @Test func eventsThatMakeNoSenseNowSayWhy() {
    var c = Clocked(start: false)
    #expect(c.session.handle(.pause, at: c.now).refusal == .notStarted)
    c.send(.start)
    #expect(c.session.handle(.start, at: c.now).refusal == .started)
    #expect(c.session.handle(.resume, at: c.now).refusal == .notPaused)
    #expect(c.session.handle(.back, at: c.now).refusal == .firstPhase)
    #expect(c.session.handle(.continue, at: c.now).refusal == .notSuspended)
    #expect(c.session.handle(.acknowledge(nil), at: c.now).refusal == .noBanner)
    #expect(c.session.handle(.replan(nil), at: c.now).refusal == .noPivot)
    #expect(c.session.handle(.hold("nothing"), at: c.now).refusal == .notSteerable)
    c.send(.pause)
    #expect(c.session.handle(.pause, at: c.now).refusal == .paused)
    c.send(.suspend)
    #expect(c.session.handle(.suspend, at: c.now).refusal == .suspended)
    #expect(c.session.handle(.pause, at: c.now).refusal == .suspended)
    #expect(c.session.handle(.resume, at: c.now).refusal == .suspended)
    c.send(.continue)
    c.send(.resume)
    for _ in 0..<4 { c.send(.next) }
    #expect(c.session.handle(.next, at: c.now).refusal == .lastPhase)
    c.send(.finish(.completed))
    #expect(c.session.handle(.note("late"), at: c.now).refusal == .ended)
    #expect(c.session.handle(.finish(.quit), at: c.now).refusal == .ended)
  }

  @Test func aBudgetAtItsLimitIsRefused() {
    var c = Clocked()
    for _ in 0..<4 { c.send(.adjustBudget(-.minutes(1))) }
    #expect(c.session.plan[.clarify] == .minutes(1))
    #expect(c.session.handle(.adjustBudget(-.minutes(1)), at: c.now).refusal == .budgetLimit)
  }

  @Test func cuesThatCameDueAreApartFromWhatTheEventDid() {
    var c = Clocked(schedule: Steered.schedule)
    c.advance(10_000)  // the early pivot is due now
    let handled = c.session.handle(.resume, at: c.now, by: .ctl)
    #expect(handled.refusal == .notPaused)
    #expect(handled.applied.isEmpty)
    #expect(handled.dueFirst.map(\.type) == ["cue_fired"])
    #expect(handled.effects.last == .alert)
    let note = c.session.handle(.note("n"), at: c.now, by: .ctl)
    #expect(note.dueFirst.isEmpty)
    #expect(note.applied.map(\.source) == [.ctl])
    #expect(!note.alerts)
  }

  @Test func aStopFromAPauseComesBackPausedAndFromRunningComesBackRunning() {
    var c = Clocked()
    c.advance(5_000)
    c.send(.suspend)
    c.advance(7_000)
    #expect(c.active == 5_000)
    c.send(.continue)
    #expect(c.session.status == .running)
    c.send(.pause)
    c.advance(1_000)
    c.send(.suspend)
    c.advance(3_000)
    c.send(.continue)
    #expect(c.session.status == .paused)
    #expect(c.active == 5_000)
    #expect(c.session.paused(at: c.now) == 11_000)
  }
}

@Suite struct InterviewScreens {
  @Test func aFinishedSessionIsDebriefedAndTheDebriefIsRecordedAtTheEnd() throws {
    var d = Driven()
    d.finish()
    guard case .debrief = d.interview.scene else {
      Issue.record("expected the debrief, got \(d.interview.scene)")
      return
    }
    #expect(!d.quit)
    #expect(d.effects.contains(.redraw))
    let end = try #require(d.recorded.last)
    d.keys("54321")
    for _ in 0..<3 { d.feed(.key(.enter)) }
    let debrief = try #require(d.recorded.last)
    guard case .debrief(let said) = debrief.entry else {
      Issue.record("expected a debrief line, got \(debrief.type)")
      return
    }
    #expect(said.scores[.judgment] == 5)
    #expect(debrief.source == .candidate)
    #expect(debrief.t == end.t)
    #expect(d.quit)
  }

  @Test func anAbandonedSessionQuitsWithoutADebrief() {
    var d = Driven()
    d.keys("qy")
    #expect(d.quit)
    #expect(d.interview.scene == .room)
    #expect(d.interview.stoppedBy == nil)
  }

  @Test func aSignalEndsTheProgramAtOnceAndSaysWhich() {
    var d = Driven()
    d.feed(.peers(consoles: 1, watchers: true))
    d.feed(.stop(signal: "SIGTERM"))
    #expect(d.quit)
    #expect(d.interview.stoppedBy == "SIGTERM")
    #expect(d.recorded.last?.type == "session_ended")
  }

  @Test func withAnInterviewerAttachedTheirScoresAreAwaited() {
    var d = Driven()
    d.feed(.peers(consoles: 1, watchers: true))
    d.finish()
    d.feed(.key(.escape))  // skip the debrief
    #expect(d.interview.scene == .waiting(Waiting()))
    #expect(!d.quit)
    let frame = d.interview.render(size: Size(width: 60, height: 10), at: d.now, colors: false)
    #expect(frame.text.contains("Waiting for the interviewer's scores"))
    let answer = d.request(.debrief(Debrief(overran: nil)))
    #expect(answer.contains(.reply(.ok(op: "debrief", seq: 3, banner: nil), to: 7)))
    #expect(d.quit)
    #expect(d.interview.interviewerScored)
  }

  @Test func waitingEndsWhenTheLastConsoleGoesOrAKeyIsPressed() {
    var gone = Driven()
    gone.feed(.peers(consoles: 1, watchers: true))
    gone.keys("qy")
    #expect(gone.interview.scene == .waiting(Waiting()))
    gone.feed(.peers(consoles: 0, watchers: false))
    #expect(gone.quit)

    var pressed = Driven()
    pressed.feed(.peers(consoles: 1, watchers: true))
    pressed.keys("qy")
    pressed.keys("x")
    #expect(pressed.quit)
  }

  @Test func theSocketIsAnsweredByWhoAsked() {
    var d = Driven()
    let hello = d.request(.hello(role: .interviewer, watch: true), peer: 4)
    guard case .welcome(let welcome, 4)? = hello.first else {
      Issue.record("expected a welcome for client 4, got \(hello)")
      return
    }
    #expect(welcome.records.isEmpty)  // the shell adds the lines as written
    #expect(welcome.material == Steered.material)
    guard case .reply(.state(let state), 5)? = d.request(.status, peer: 5).first else {
      Issue.record("expected a state for client 5")
      return
    }
    #expect(state.seq == 3)
    d.now = d.now + 1_000
    let fired = d.request(.fire(cue: "gen"))
    #expect(fired.contains(.reply(.ok(op: "fire", seq: 3, banner: 1), to: 7)))
    #expect(fired.contains(.alert))
    let twice = d.request(.fire(cue: "gen"))
    guard case .reply(.error(let error, 3), 7)? = twice.first else {
      Issue.record("expected an error for a second fire, got \(twice)")
      return
    }
    #expect(error.code == .notNow)
    let bad = d.feed(
      .request(
        .failure(ControlError(.badJSON, "no")), seq: nil, from: Peer(id: 9, source: .ctl)))
    #expect(bad == [.reply(.error(ControlError(.badJSON, "no"), seq: nil), to: 9)])
  }

  @Test func watchersHearTheStateWhenItChangesAndOnceASecond() {
    var d = Driven()
    #expect(d.feed(.time).isEmpty)  // nobody watches
    d.feed(.peers(consoles: 1, watchers: true))
    #expect(d.feed(.time).count == 1)
    d.now = d.now + 400
    #expect(d.feed(.time).isEmpty)
    d.now = d.now + 600
    #expect(d.feed(.time).count == 1)
  }

  @Test func ctrlZRecordsTheStopAndStepsAway() {
    var d = Driven()
    let out = d.feed(.suspend)
    #expect(out.recorded.map(\.type) == ["suspended"])
    #expect(out.last == .stepAway)
    #expect(d.feed(.continued).recorded.map(\.type) == ["continued"])
  }
}

@Suite struct ConsoleScreenModel {
  static func console() -> Console {
    InterviewerConsole.console(Steered()).0
  }

  @Test func qClosesTheConsoleButNotWhileTyping() {
    var c = Self.console()
    _ = c.update(.key(.character("w")), at: Instant(ms: 0))
    #expect(c.update(.key(.character("q")), at: Instant(ms: 0)).isEmpty)
    _ = c.update(.key(.escape), at: Instant(ms: 0))
    #expect(c.update(.key(.character("q")), at: Instant(ms: 0)) == [.quit])
  }

  @Test(arguments: [Size(width: 80, height: 24), Size(width: 100, height: 30)])
  func theMaterialScrollsToItsEndAndNoFurther(_ size: Size) throws {
    let s = Steered()
    var material = Steered.material
    material.notes = (1...60).map { "Private note \($0)." }.joined(separator: "\n\n")
    let welcome = ControlMessage.Welcome(
      seq: 1, role: .interviewer, material: material,
      records: s.records.map { $0.jsonLine(wall: "w") },
      state: ControlState(s.room.session, at: s.now, consoles: 1))
    var c = Console(welcome: welcome, at: s.now)
    let at = s.now
    let view = try #require(c.render(size: size, at: at, colors: false).panel)
    try #require(view.lastFirst > 0, "the material is longer than its panel at \(size)")
    _ = c.update(.viewport(view), at: at)
    for _ in 0..<50 { _ = c.update(.key(.pageDown), at: at) }
    #expect(c.scroll == view.lastFirst)
    _ = c.update(.key(.pageUp), at: at)
    #expect(c.scroll == max(0, view.lastFirst - 10))
  }

  @Test func keysBecomeRequestsForTheSession() {
    var c = Self.console()
    #expect(c.update(.key(.character("p")), at: Instant(ms: 0)) == [.send(.pause)])
  }

  @Test func aSessionThatClosesEndsTheConsoleUnlessItIsScoring() throws {
    var open = Self.console()
    #expect(open.update(.hungUp, at: Instant(ms: 0)) == [.quit])

    var s = Steered()
    try s.steer(.end)
    var scoring = InterviewerConsole.console(s).0
    #expect(scoring.update(.hungUp, at: Instant(ms: 0)).isEmpty)
    for key in "4" { _ = scoring.update(.key(.character(key)), at: Instant(ms: 0)) }
    var last: [Effect] = []
    for _ in 0..<8 { last = scoring.update(.key(.enter), at: Instant(ms: 0)) }
    #expect(last == [.quit])
    #expect(scoring.unsent?.scores[.judgment] == 4)
  }

  @Test func theSessionsOkForTheScoresEndsTheConsole() throws {
    var s = Steered()
    try s.steer(.end)
    var c = InterviewerConsole.console(s).0
    let sent = (0..<8).flatMap { _ in c.update(.key(.enter), at: Instant(ms: 0)) }
    #expect(sent.contains { if case .send(.debrief) = $0 { true } else { false } })
    #expect(
      c.update(.message(.ok(op: "debrief", seq: 2, banner: nil)), at: Instant(ms: 0)) == [.quit])
  }
}
