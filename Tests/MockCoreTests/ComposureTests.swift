import Testing

@testable import MockCore

/// The recovery drill's rules: the move lock, the round's clock and lights, questions without
/// repeats, the ratings (the interviewer's first in a partner drill).
@Suite struct RecoveryRounds {
  static func questions(_ n: Int) -> [RecoveryQuestion] {
    (1...n).map { RecoveryQuestion(id: "q\($0)", text: "Question \($0)?", strong: ["point \($0)"]) }
  }

  static func drill(rounds: Int = 5, partner: Bool = false, earlier: [RecoveryMove] = [])
    -> (RecoveryDrill, Instant)
  {
    let start = Instant(ms: 1_000_000)
    var drill = RecoveryDrill(
      info: DrillInfo(
        id: "20261202-100000-drill-recovery", program: "0", drill: .recovery, seed: 1,
        limit: 90_000, count: rounds), questions: questions(rounds), partner: partner,
      earlierFirsts: earlier, at: start)
    _ = drill.start()
    return (drill, start)
  }

  static func key(_ drill: inout RecoveryDrill, _ key: Key, at now: Instant) -> [Record] {
    drill.update(.key(key), at: now).compactMap(\.record)
  }

  static func char(_ c: Character) -> Key { .character(c) }

  func use(_ lock: inout MoveLock, _ move: RecoveryMove) -> Bool { lock.use(move) }

  @Test func aMoveUsedIsLockedUntilAllFiveHaveBeen() {
    var lock = MoveLock()
    #expect(use(&lock, .measure))
    #expect(lock.isLocked(.measure))
    #expect(!use(&lock, .measure))
    for move in [RecoveryMove.tradeoff, .provisional, .similar] {
      #expect(use(&lock, move))
      #expect(lock.isLocked(.measure))
    }
    #expect(lock.used == [.measure, .tradeoff, .provisional, .similar])
    // The fifth opens all five again.
    #expect(use(&lock, .question))
    #expect(lock.used.isEmpty)
    #expect(RecoveryMove.allCases.allSatisfy { !lock.isLocked($0) })
    #expect(use(&lock, .measure))
  }

  @Test func aLockedMoveIsRefusedWithAWordAndARecordLine() throws {
    var (d, t) = Self.drill()
    t = t + 0
    var lines = Self.key(&d, Self.char("2"), at: t + 1_000)
    #expect(lines.map(\.entry) == [.moveChosen(number: 1, .tradeoff, elapsed: 1_000)])
    _ = Self.key(&d, .enter, at: t + 2_000)
    _ = Self.key(&d, Self.char("4"), at: t + 3_000)
    _ = Self.key(&d, Self.char(" "), at: t + 4_000)
    lines = Self.key(&d, Self.char("2"), at: t + 4_500)
    #expect(lines.map(\.entry) == [.moveRefused(number: 2, .tradeoff, elapsed: 500)])
    #expect(d.round.move == nil)
    let said = try #require(d.said)
    #expect(said.contains("locked: the tradeoff named"))
    #expect(said.contains("1 what I'd measure") && !said.contains("2 the tradeoff"))
    #expect(
      d.render(size: Size(width: 100, height: 30), at: t + 4_500, colors: true).text
        .contains("2 the tradeoff named · locked"))
    // Another move is taken; a second key in the round does not change it.
    #expect(Self.key(&d, Self.char("1"), at: t + 5_000).count == 1)
    #expect(Self.key(&d, Self.char("3"), at: t + 5_500).isEmpty)
    #expect(d.round.move == .measure && d.round.refused == [.tradeoff])
  }

  @Test func theRoundsClockShowsItsLightAndEndsTheRoundAtTheLimit() {
    let (d0, t) = Self.drill()
    var d = d0
    #expect(d.light(at: t + 29_999) == .green)
    #expect(d.light(at: t + 30_000) == .yellow)
    #expect(d.light(at: t + 59_999) == .yellow)
    #expect(d.light(at: t + 60_000) == .red)
    // The wake comes at the limit, and the round ends there, not at the next key.
    #expect(d.nextWake(after: t + 89_400) == t + 90_000)
    _ = d.update(.time, at: t + 90_050)
    #expect(d.step == .rating)
    #expect(d.round.elapsed == 90_000)
    #expect(d.elapsed(at: t + 200_000) == 90_000)
    #expect(d.nextWake(after: t + 90_050) == nil)
  }

  @Test func ctrlZStandsTheRoundsClockStill() {
    var (d, t) = Self.drill()
    _ = d.update(.key(.character("1")), at: t + 10_000)
    _ = d.update(.suspend, at: t + 20_000)
    _ = d.update(.continued, at: t + 80_000)
    #expect(d.elapsed(at: t + 85_000) == 25_000)
    #expect(d.light(at: t + 85_000) == .green)
  }

  @Test func afterTheRoundTheRatingIsRecordedAndTheStrongPointsShow() {
    var (d, t) = Self.drill()
    _ = Self.key(&d, Self.char("5"), at: t + 1_000)
    _ = Self.key(&d, .enter, at: t + 40_000)
    #expect(d.step == .rating)
    let frame = d.render(size: Size(width: 100, height: 30), at: t + 40_000, colors: true).text
    #expect(frame.contains("A strong answer covers:") && frame.contains("point 1"))
    #expect(frame.contains(RecoveryMove.question.line))
    // Not a rating: nothing.
    #expect(Self.key(&d, Self.char("7"), at: t + 41_000).isEmpty)
    let lines = Self.key(&d, Self.char("4"), at: t + 41_000)
    #expect(
      lines.map(\.entry) == [.roundRated(number: 1, move: .question, rating: 4, elapsed: 40_000)])
    #expect(d.step == .rated)
    // Space: the next question, with its record line.
    let next = Self.key(&d, Self.char(" "), at: t + 42_000)
    #expect(next.map(\.entry) == [.roundShown(number: 2, Self.questions(5)[1])])
  }

  @Test func theSummaryHasTheMovesInOrderAndTheFirstChoiceAcrossDrills() {
    var (d, t) = Self.drill(rounds: 2, earlier: [.similar, .tradeoff, .similar])
    for (move, rating) in [(Character("4"), Character("2")), ("1", "5")] {
      _ = Self.key(&d, Self.char(move), at: t)
      _ = Self.key(&d, .enter, at: t)
      _ = Self.key(&d, Self.char(rating), at: t)
      let end = Self.key(&d, Self.char(" "), at: t)
      t = t + 1_000
      if d.isSummary { #expect(end.last?.entry.kind == .drillEnded) }
    }
    #expect(d.stage == .summary(Ending(outcome: .finished, reason: .completed)))
    #expect(d.rounds.map(\.move) == [.similar, .measure])
    #expect(d.rounds.map(\.rating) == [2, 5])
    let first = d.firstChoice
    #expect(first?.move == .similar && first?.times == 3 && first?.of == 4)
    let text = d.render(size: Size(width: 100, height: 30), at: t, colors: true).text
    #expect(text.contains("1. a similar system: rated 2"))
    #expect(text.contains("2. what I'd measure: rated 5"))
    #expect(text.contains("You reach for a similar system first (3 of 4 drills)."))
  }

  @Test func inAPartnerDrillTheInterviewerRatesFirstAndTheGapIsKept() {
    var (d, t) = Self.drill(partner: true)
    let ctl = Peer(id: 3, source: .ctl)
    _ = Self.key(&d, Self.char("3"), at: t + 1_000)
    _ = Self.key(&d, .enter, at: t + 30_000)
    #expect(d.waitingForInterviewer)
    #expect(Self.key(&d, Self.char("4"), at: t + 31_000).isEmpty)
    #expect(d.said?.contains("the interviewer rates first") == true)
    // What ctl status shows: the question and its strong points.
    let status = d.update(.request(.success(.status), seq: 1, from: ctl), at: t + 32_000)
    guard case .reply(.round(let state), to: 3)? = status.first else {
      Issue.record("no round state")
      return
    }
    #expect(state.question == "Question 1?" && state.strong == ["point 1"])
    #expect(state.stage == "rating" && state.move == "provisional")
    let rated = d.update(.request(.success(.rate(2)), seq: 2, from: ctl), at: t + 33_000)
    #expect(
      rated.compactMap(\.record) == [
        Record(
          t: 33_000, entry: .roundRated(number: 1, move: .provisional, rating: 2, elapsed: 30_000),
          source: .ctl)
      ])
    #expect(rated.contains(.reply(.ok(op: "rate", seq: 2, banner: nil), to: 3)))
    // A second rating of the same round is refused.
    let again = d.update(.request(.success(.rate(3)), seq: 3, from: ctl), at: t + 33_500)
    #expect(again.compactMap(\.record).isEmpty)
    _ = Self.key(&d, Self.char("4"), at: t + 34_000)
    #expect(d.round.gap == 2)
    #expect(
      d.render(size: Size(width: 100, height: 30), at: t + 34_000, colors: true).text
        .contains("You rated it 4; the interviewer, 2."))
  }

  @Test func withoutPartnerARatingRequestIsRefused() {
    var (d, t) = Self.drill()
    let effects = d.update(
      .request(.success(.rate(3)), seq: 1, from: Peer(id: 1, source: .ctl)), at: t)
    #expect(effects.compactMap(\.record).isEmpty)
    #expect(effects.contains { if case .reply(.error, _) = $0 { true } else { false } })
  }

  @Test func qAsksFirstAndTheEndIsRecorded() {
    var (d, t) = Self.drill()
    _ = d.update(.key(.character("q")), at: t)
    #expect(d.overlay == .confirmQuit)
    let effects = d.update(.key(.character("y")), at: t + 500)
    #expect(effects.contains(.quit))
    #expect(d.ending == Ending(outcome: .abandoned, reason: .quit))
  }

  @Test func questionsComeOnceEachBeforeAnyComesAgainAndTheSeedRepeatsThem() {
    let first = Self.questions(3)
    let rest = (4...8).map { RecoveryQuestion(id: "g\($0)", text: "G\($0)", strong: []) }
    for seed in UInt64(0)..<50 {
      let chosen = RecoveryQuestion.choose(first: first, rest: rest, count: 8, seed: seed)
      #expect(Set(chosen.map(\.id)).count == 8)
      // The prompt's own first.
      #expect(Set(chosen.prefix(3).map(\.id)) == Set(first.map(\.id)))
      #expect(chosen == RecoveryQuestion.choose(first: first, rest: rest, count: 8, seed: seed))
      let more = RecoveryQuestion.choose(first: first, rest: rest, count: 12, seed: seed)
      #expect(Set(more.prefix(8).map(\.id)).count == 8)
    }
    #expect(
      RecoveryQuestion.choose(first: first, rest: rest, count: 8, seed: 1).map(\.id)
        != RecoveryQuestion.choose(first: first, rest: rest, count: 8, seed: 2).map(\.id))
  }

  @Test func theLibraryHasTwentyCurveballsWithStrongPoints() throws {
    let library = BundledPrompts.library
    var decks: [(prompt: String?, entries: [Interjection])] = []
    for entry in library.entries {
      guard case .bytes(let bytes) = BundledPrompts.read(entry.summary.id + ".md").contents,
        let prompt = PromptParser.prompt(
          file: entry.summary.id, id: entry.summary.id, bytes: bytes
        ).prompt
      else { continue }
      decks.append((prompt.id, prompt.interjections))
    }
    decks.append((nil, library.deck))
    let pool = RecoveryQuestion.pool(decks)
    #expect(pool.count >= 20)
    #expect(pool.allSatisfy { !$0.strong.isEmpty })
  }
}

/// `run --hostile`: the schedule of pushbacks, their words by phase, and the three answers.
@Suite struct HostilePushback {
  static func pushbacks(_ phase: Phase?, _ n: Int) -> [Interjection] {
    (1...n).map {
      Interjection(
        id: "\(phase?.name ?? "any")-\($0)", kind: .pushback,
        text: "\(phase?.name ?? "any") \($0)?",
        timing: phase.map { Interjection.Timing(phase: $0, offset: nil) })
    }
  }

  static let generic = Phase.allCases.flatMap { pushbacks($0, 3) }

  @Test func theyComeEvery45To75SecondsForTheStretchAndTheSeedRepeatsThem() {
    for seed in UInt64(0)..<200 {
      let h = Hostile.place(until: .minutes(10), own: [], generic: Self.generic, seed: seed)
      var last: Millis = 0
      for at in h.times {
        #expect((45_000...75_000).contains(at - last))
        #expect(at % 1000 == 0)
        last = at
      }
      #expect(last < .minutes(10))
      #expect(.minutes(10) - last <= 75_000)
      #expect(h.times.count >= 7 && h.times.count <= 13)
      #expect(h == Hostile.place(until: .minutes(10), own: [], generic: Self.generic, seed: seed))
    }
    let a = Hostile.place(until: .minutes(10), own: [], generic: Self.generic, seed: 1)
    let b = Hostile.place(until: .minutes(10), own: [], generic: Self.generic, seed: 2)
    #expect(a.times != b.times)
  }

  @Test func eachIsWordedForThePhaseItLandsIn() {
    let own = Self.pushbacks(nil, 2)
    let h = Hostile.place(until: .minutes(10), own: own, generic: Self.generic, seed: 4)
    for phase in [Phase.clarify, .estimate, .ops] {
      #expect(Set(h.lines[phase]!.map(\.id)) == Set((1...3).map { "\(phase.name)-\($0)" }))
    }
    // A prompt's own pushback without a phase fits design and drill.
    #expect(h.lines[.design]!.count == 5 && h.lines[.design]!.contains { $0.id == "any-1" })
    #expect(!h.lines[.clarify]!.contains { $0.id == "any-1" })
    // In turn, and round again.
    let words = (0..<4).map { h.words(in: .clarify, after: $0).id }
    #expect(Set(words.prefix(3)).count == 3 && words[3] == words[0])
  }

  static func session(partner: Bool = false) -> Clocked {
    let h = Hostile(
      until: 120_000, times: [50_000, 100_000],
      lines: [
        .clarify: [Hostile.Line(id: "c", text: "Why does that matter?")],
        .estimate: [Hostile.Line(id: "e", text: "Where does that number come from?")],
      ])
    let plan = Plan(name: "short", budgets: [60_000, 60_000, 60_000, 60_000, 60_000])
    return Clocked(
      plan: plan, schedule: Schedule(options: Schedule.Options(partner: partner, hostile: h)))
  }

  @Test func theyArriveAsPushbackBannersAtWorkedTimeInThePhaseTheyLandIn() {
    var c = Self.session()
    c.advance(49_999)
    c.send(.tick)
    #expect(c.session.banners.isEmpty)
    c.advance(1)
    c.send(.tick)
    #expect(c.session.banners.last?.kind == .pushback)
    #expect(c.session.banners.last?.text == "Why does that matter?")
    #expect(c.session.banners.last?.cue == "hostile-1")
    // A pause does not count: the second comes at 100 s of worked time, in estimate.
    c.send(.next)
    c.send(.pause)
    c.advance(30_000)
    c.send(.resume)
    c.advance(49_999)
    c.send(.tick)
    #expect(c.session.banners.count == 1)
    c.advance(1)
    c.send(.tick)
    #expect(c.session.banners.last?.text == "Where does that number come from?")
    #expect(c.session.banners.map(\.cue) == ["hostile-1", "hostile-2"])
  }

  @Test(arguments: PushbackAnswer.allCases)
  func eachAnswerIsRecordedWithHowLongAfterTheBanner(_ answer: PushbackAnswer) throws {
    var c = Self.session()
    c.advance(50_000)
    c.send(.tick)
    c.advance(7_250)
    var room = Room(session: c.session)
    let records = room.handle(.character(answer.key), at: c.now).compactMap(\.record)
    #expect(
      records.map(\.entry) == [
        .acknowledged(banner: 1, cue: "hostile-1", kind: .pushback, after: 7_250),
        .pushbackAnswered(banner: 1, cue: "hostile-1", answer, after: 7_250),
      ])
    #expect(records.allSatisfy { $0.source == .candidate })
    #expect(room.session.banners[0].answer == answer)
    #expect(room.notice?.text == "answered: \(answer.label)")
    // Once answered, the keys have nothing to answer.
    #expect(room.handle(.character("g"), at: c.now).isEmpty)
    #expect(room.notice?.text == "no pushback waiting for an answer")
  }

  @Test func theBannerShowsTheAnswerKeys() {
    var c = Self.session()
    c.advance(50_000)
    c.send(.tick)
    let frame = Screen.render(
      Room(session: c.session), at: c.now, size: Size(width: 80, height: 24))
    #expect(frame.text.contains("s held · v changed · g gave way"))
    #expect(frame.text.contains("s/v/g answer"))
  }

  @Test func inAPartnerSessionTheyWaitOnTheInterviewersDeckAsDueEntries() {
    var c = Self.session(partner: true)
    c.advance(60_000)
    c.send(.tick)
    #expect(!c.session.banners.contains { $0.kind == .pushback })
    let deck = c.session.deck(at: c.now)
    let first = deck.first { $0.placed.id == "hostile-1" }
    #expect(first?.state == .held)
    #expect(first?.dueIn == -10_000)
    #expect(first?.placed.text == "Why does that matter?")
    // Fired by the interviewer: the words of the phase it lands in.
    c.send(.next)
    var room = Room(session: c.session)
    let steered = try? room.steer(
      .fire(cue: "hostile-1"), by: .interviewer, material: Material(prompt: nil, generic: []),
      at: c.now)
    #expect(steered?.banner == room.session.banners.count)
    #expect(room.session.banners.last?.cue == "hostile-1")
    #expect(room.session.banners.last?.text == "Where does that number come from?")
  }
}

/// `--checkins N`: a check-in counts only five minutes or more after the last one counted.
@Suite struct CheckinTargets {
  @Test func aCheckinCountsFiveMinutesAfterTheLastAndTheStripSaysSo() {
    var c = Clocked(schedule: Schedule(options: Schedule.Options(checkinTarget: 3)))
    var room = Room(session: c.session)
    c.advance(60_000)
    var lines = room.handle(.character("c"), at: c.now).compactMap(\.record)
    #expect(lines.map(\.type) == ["marked", "checkin_counted"])
    #expect(lines.last?.entry == .checkinCounted(number: 1, target: 3, worked: 60_000))
    #expect(room.notice?.text == "checked in: 1 of 3")
    c.advance(.minutes(5) - 1)
    lines = room.handle(.character("c"), at: c.now).compactMap(\.record)
    #expect(lines.map(\.type).filter { $0 != "cue_fired" } == ["marked"])
    #expect(room.notice?.text == "checked in, too soon to count: the next counts from 6:00")
    c.advance(1)
    lines = room.handle(.character("c"), at: c.now).compactMap(\.record)
    #expect(lines.last?.entry == .checkinCounted(number: 2, target: 3, worked: 360_000))
    #expect(room.session.checkins == [60_000, 360_000])
    let strip = Screen.render(room, at: c.now, size: Size(width: 80, height: 24)).text
    #expect(strip.contains("check-ins 2/3"))
  }

  @Test func theTargetIsMetOrNotInTheReview() {
    for (count, met) in [(3, true), (2, false)] {
      var c = Clocked(schedule: Schedule(options: Schedule.Options(checkinTarget: 3)))
      for _ in 0..<count {
        c.advance(.minutes(6))
        c.send(.mark(.checkin))
      }
      c.send(.abort(.quit))
      let summary = SessionSummary(Projection(c.records)!, started: "w")
      #expect(summary.checkinsMet == met)
      let line = Composure.checkinLines(summary).joined()
      #expect(line.contains("Check-ins: \(count) of 3, target \(met ? "met" : "not met")"))
      #expect(line.contains(met ? "6:00, 12:00, 18:00" : "6:00, 12:00"))
      let form = DebriefForm(ended: c.session)
      #expect(
        form.summary.contains("check-ins \(count) of 3")
          && form.summary.hasSuffix(met ? ": met" : ": not met"))
    }
  }
}

/// The closing questions: read from the file, checked, and chosen least recently shown first.
@Suite struct ClosingQuestionsFile {
  @Test func questionsAreReadOnePerLineOrBullet() {
    let text = """
      # Mine
      - What slows the team down most?
      * [ ] What paged someone last?
      2) What would make the first months a win?
      <!-- a comment
      - not a question -->

      Which decision would you reverse?
      """
    let questions = ClosingQuestions.parse(text)
    #expect(
      questions.map(\.text) == [
        "What slows the team down most?", "What paged someone last?",
        "What would make the first months a win?", "Which decision would you reverse?",
      ])
    #expect(questions.map(\.line) == [2, 3, 4, 8])
  }

  @Test(arguments: [
    ("What is your tech stack?", ClosingQuestions.Weakness.techStack),
    ("Which frameworks do you use?", .techStack),
    ("How would you describe the culture?", .culture),
    ("What are the working hours like?", .hours),
    ("Is remote work possible?", .hours),
    ("What growth opportunities are there?", .vagueGrowth),
    ("How does career progression work?", .vagueGrowth),
    ("What does the team do?", .posting),
    ("What are the benefits?", .posting),
  ])
  func weakKindsAreFlagged(_ question: String, _ kind: ClosingQuestions.Weakness) {
    #expect(ClosingQuestions.weakness(of: question) == kind)
    #expect(!kind.reason.isEmpty)
  }

  @Test(arguments: [
    "What is the bottleneck the team spends most of its time on?",
    "What was the last incident that paged someone, and what changed after it?",
    "What would make the first three months a clear win for this role?",
    "Which decision in this system would the team reverse if it could?",
  ])
  func strongKindsPass(_ question: String) {
    #expect(ClosingQuestions.weakness(of: question) == nil)
  }

  @Test func theLeastRecentlyShownComeFirst() {
    let all = ["a", "b", "c", "d"]
    #expect(ClosingQuestions.choose(all, lastShown: [:]) == ["a", "b"])
    #expect(
      ClosingQuestions.choose(all, lastShown: ["a": "2026-12-01", "b": "2026-11-01"]) == ["c", "d"])
    #expect(
      ClosingQuestions.choose(
        all,
        lastShown: ["a": "2026-12-01", "b": "2026-11-01", "c": "2026-12-02", "d": "2026-11-15"])
        == ["b", "d"])
    #expect(ClosingQuestions.choose(["a"], lastShown: [:]) == ["a"])
  }

  @Test func theLast90BannerShowsTheQuestions() {
    let options = Schedule.Options(questions: ["What slows you down?", "What paged someone?"])
    var c = Clocked(
      plan: Plan(name: "p", budgets: [60_000, 60_000, 60_000, 60_000, 60_000]),
      schedule: Schedule(options: options))
    c.advance(210_000)
    c.send(.tick)
    let banner = c.session.banners.first { $0.kind == .lastStretch }
    #expect(banner?.questions == ["What slows you down?", "What paged someone?"])
    let text = Screen.render(Room(session: c.session), at: c.now, size: Size(width: 80, height: 24))
      .text
    #expect(text.contains("? What slows you down?") && text.contains("? What paged someone?"))
  }
}

/// The composure drills' screens at three sizes: a recovery round running, a locked move
/// refused, a pushback banner with its keys, and the last-90 banner with the questions.
@Suite struct ComposureFrames {
  static let sizes = [
    Size(width: 100, height: 30), Size(width: 80, height: 24), Size(width: 40, height: 12),
  ]

  enum Scene: String, CaseIterable {
    case running, locked, pushback, questions
  }

  static func recovery() -> (RecoveryDrill, Instant) {
    let questions = [
      RecoveryQuestion(
        id: "exact-number", text: "What is the exact throughput of that component on one machine?",
        strong: ["does not make up a figure"]),
      RecoveryQuestion(
        id: "gpu-failures", text: "How many GPUs in a fleet this size fail in a month?",
        strong: ["honest that they do not know the rate"]),
    ]
    var drill = RecoveryDrill(
      info: DrillInfo(
        id: "20261202-100000-drill-recovery", program: "0", drill: .recovery, seed: 9,
        limit: 90_000, count: 2), questions: questions, at: Instant(ms: 1_000_000))
    let start = drill.started
    _ = drill.start()
    return (drill, start)
  }

  static func session(_ schedule: Schedule) -> Room {
    let session = Session(
      info: SessionInfo(
        id: "20261202-100000-video-recs", title: "Short-video recommendations",
        program: "0"),
      plan: Plan(name: "p", budgets: [60_000, 60_000, 60_000, 60_000, 60_000]), schedule: schedule)
    return Room(session: session)
  }

  static func frame(_ scene: Scene, _ size: Size) -> Frame {
    let start = Instant(ms: 1_000_000)
    switch scene {
    case .running, .locked:
      var (d, t) = recovery()
      if scene == .locked {
        _ = d.update(.key(.character("1")), at: t + 5_000)
        _ = d.update(.key(.enter), at: t + 50_000)
        _ = d.update(.key(.character("4")), at: t + 51_000)
        _ = d.update(.key(.character(" ")), at: t + 52_000)
        t = t + 52_000
      }
      _ = d.update(.key(.character(scene == .locked ? "1" : "2")), at: t + 40_300)
      return d.render(size: size, at: t + 40_300, colors: true)
    case .pushback:
      let hostile = Hostile(
        until: 120_000, times: [50_000],
        lines: [
          .clarify: [Hostile.Line(id: "c", text: "Why does that matter? We have not started yet.")]
        ])
      var room = session(Schedule(options: Schedule.Options(hostile: hostile)))
      _ = room.start(at: start)
      _ = room.tick(at: start + 50_000)
      return Screen.render(room, at: start + 53_000, size: size)
    case .questions:
      let options = Schedule.Options(questions: [
        "What is the bottleneck the team spends the most time on right now?",
        "What was the last incident that paged someone, and what changed after it?",
      ])
      var room = session(Schedule(options: options))
      _ = room.start(at: start)
      for phase in 1...3 {
        _ = room.handle(.character(" "), at: start + Millis(phase) * 60_000)
      }
      _ = room.tick(at: start + 210_000)
      return Screen.render(room, at: start + 211_000, size: size)
    }
  }

  @Test(arguments: Scene.allCases, sizes)
  func composureFrames(_ scene: Scene, _ size: Size) throws {
    try Golden.check(Self.frame(scene, size), name: "composure-\(scene.rawValue)-\(size)")
  }

  @Test func theFramesSayWhatTheySay() {
    let big = Size(width: 100, height: 30)
    let running = Self.frame(.running, big).text
    #expect(running.contains("YELLOW · 0:40 of 1:30"))
    #expect(running.contains("2 the tradeoff named · this round"))
    let locked = Self.frame(.locked, big).text
    #expect(locked.contains("1 what I'd measure · locked"))
    #expect(locked.contains("locked: what I'd measure was used"))
    let pushback = Self.frame(.pushback, big).text
    #expect(pushback.contains("PUSHBACK") && pushback.contains("s held · v changed · g gave way"))
    #expect(pushback.contains("Why does that matter?"))
    let questions = Self.frame(.questions, big).text
    #expect(questions.contains("LAST 90 S"))
    #expect(questions.contains("? What is the bottleneck the team spends the most time on"))
    // Small windows keep the clock and the keys.
    let small = Size(width: 40, height: 12)
    #expect(Self.frame(.running, small).text.contains("0:40 YELLOW"))
    #expect(Self.frame(.pushback, small).text.contains("s v g"))
  }
}
