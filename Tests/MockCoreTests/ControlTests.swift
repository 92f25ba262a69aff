import Foundation
import MockCore
import Testing

@Suite struct ProtocolCodec {
  static let requests: [Request] = [
    .hello(role: .interviewer, watch: true), .hello(role: .ctl, watch: false), .status,
    .fire(cue: "audio-first"), .custom(kind: .pivot, text: "Now audio."),
    .custom(kind: .silence, text: "…"), .hold(cue: "a"), .release(cue: "a"), .skip(cue: "a"),
    .pause, .resume, .next, .back, .adjust(60_000), .adjust(-30_000), .rebalance(60_000),
    .rebalance(-120_000),
    .mark(.missedEstimate), .mark(.recovery(.tradeoff)), .mark(.checkin), .note("no write path"),
    .end,
    .debrief(Debrief(scores: [.numbers: 2, .recovery: 5], overran: .design, why: "w", notes: "n")),
    .debrief(named(Debrief(scores: [.judgment: 1]), "Ana Ruiz")),
  ]

  static func named(_ debrief: Debrief, _ name: String) -> Debrief {
    var said = debrief
    said.by = name
    return said
  }

  @Test(arguments: requests)
  func everyRequestReadsBackAsWritten(_ request: Request) throws {
    let line = request.jsonLine(seq: 7)
    #expect(!line.contains("\n"))
    let (seq, read) = try Request.decode(Data(line.utf8))
    #expect(seq == 7)
    #expect(read == request)
  }

  static let errors: [(String, ControlError.Code, String)] = [
    ("{not json", .badJSON, "not a JSON object"),
    ("[1,2]", .badJSON, "not a JSON object"),
    ("{}", .badRequest, "needs the field 'op'"),
    (#"{"op":"dance"}"#, .unknownOp, "unknown op 'dance'"),
    (#"{"op":7}"#, .badRequest, "field 'op' has the wrong type"),
    (#"{"v":2,"op":"status"}"#, .newerVersion, "protocol version 2 is newer"),
    (#"{"op":"fire"}"#, .badRequest, "'fire' needs the field 'kind'"),
    (#"{"op":"fire","kind":"last_90s","text":"x"}"#, .badRequest, "kind 'last_90s'"),
    (#"{"op":"fire","kind":"pivot","text":"  "}"#, .badRequest, "'text' is empty"),
    (#"{"op":"hold"}"#, .badRequest, "needs the field 'cue'"),
    (#"{"op":"extend","ms":-5}"#, .badRequest, "takes a positive 'ms'"),
    (#"{"op":"rebalance","ms":0}"#, .badRequest, "must be non-zero"),
    (#"{"op":"rebalance"}"#, .badRequest, "needs the field 'ms'"),
    (#"{"op":"adjust","ms":0}"#, .badRequest, "non-zero"),
    (#"{"op":"adjust","ms":"5m"}"#, .badRequest, "field 'ms' has the wrong type"),
    (#"{"op":"mark","mark":"nap"}"#, .badRequest, "mark 'nap': use one of reset"),
    (#"{"op":"note"}"#, .badRequest, "needs the field 'text'"),
    (#"{"op":"hello","role":"candidate"}"#, .badRequest, "role 'candidate'"),
    (#"{"op":"debrief","scores":{"charm":3}}"#, .badRequest, "unknown dimension 'charm'"),
    (#"{"op":"debrief","scores":{"numbers":9}}"#, .badRequest, "must be 1 to 5"),
    (#"{"op":"debrief","overran":"lunch"}"#, .badRequest, "unknown phase 'lunch'"),
  ]

  @Test(arguments: errors)
  func aBadLineSaysWhatIsWrong(_ line: String, _ code: ControlError.Code, _ words: String) {
    #expect {
      _ = try Request.decode(Data(line.utf8))
    } throws: { error in
      guard let error = error as? ControlError else { return false }
      return error.code == code && error.message.contains(words)
    }
  }

  @Test func extendShortenAndPreviousAreSpellingsOfAdjustAndBack() throws {
    #expect(try Request.decode(Data(#"{"op":"extend","ms":1000}"#.utf8)).request == .adjust(1000))
    #expect(try Request.decode(Data(#"{"op":"shorten","ms":1000}"#.utf8)).request == .adjust(-1000))
    #expect(try Request.decode(Data(#"{"op":"previous"}"#.utf8)).request == .back)
  }

  @Test func repliesAndPushesReadBack() throws {
    let messages: [ControlMessage] = [
      .ok(op: "fire", seq: 3, banner: 2), .ok(op: "pause", seq: nil, banner: nil),
      .error(ControlError(.notNow, "the session is paused already"), seq: 4),
    ]
    for message in messages {
      #expect(ControlMessage.decode(Data(message.jsonLine().utf8)) == message)
    }
    let record = Record(t: 1200, entry: .note("x"), source: .interviewer)
    let line = ControlMessage.event(line: record.jsonLine(wall: "2026-11-21T00:00:00Z"))
    #expect(ControlMessage.decode(Data(line.utf8)) == .event(record))
    #expect(ControlMessage.decode(Data(#"{"type":"future","v":1}"#.utf8)) == nil)
  }

  @Test func theMarksCtlTakesAreEveryMark() {
    for name in Mark.names { #expect(Mark(name: name) != nil, "\(name)") }
    #expect(Mark(name: "measure") == .recovery(.measure))
    #expect(Mark(name: "recovery:similar_system") == .recovery(.similar))
    #expect(Mark(name: "nap") == nil)
  }
}

/// A room driven by control requests on a virtual clock.
struct Steered {
  var room: Room
  var now = Instant(ms: 5_000_000)
  var records: [Record] = []
  static let material = Material(
    prompt: Prompt(
      id: "p", title: "Prompt",
      interjections: [
        Interjection(id: "own-extra", kind: .curveball, text: "How many?", strong: ["measures"])
      ], notes: "private", body: "Say it."),
    generic: [Interjection(id: "gen", kind: .pushback, text: "Why?")])
  static let schedule = Schedule(
    interjections: [
      Schedule.Placed(id: "early", kind: .pivot, text: "Now audio.", phase: .clarify, at: 10_000),
      Schedule.Placed(id: "late", kind: .curveball, text: "Exact?", phase: .design, at: 60_000),
    ])

  init(partner: Bool = false) {
    var schedule = Self.schedule
    schedule.options.partner = partner
    room = Room(
      session: Session(
        info: SessionInfo(id: "s", title: "T", program: "0"), plan: .standard, schedule: schedule))
    for case .record(let r) in room.start(at: now) { records.append(r) }
  }

  mutating func steer(_ request: Request, by source: Source = .interviewer) throws(ControlError) {
    for case .record(let r) in try room.steer(
      request, by: source, material: Self.material, at: now
    ).effects {
      records.append(r)
    }
  }

  mutating func tick(_ ms: Millis) {
    now = now + ms
    for case .record(let r) in room.tick(at: now) { records.append(r) }
  }

  func refused(_ request: Request, _ code: ControlError.Code) -> Bool {
    var copy = self
    do {
      try copy.steer(request)
      return false
    } catch {
      return error.code == code
    }
  }
}

@Suite struct Steering {
  @Test func everyRequestIsLoggedWithItsSource() throws {
    var s = Steered()
    try s.steer(.fire(cue: "gen"), by: .ctl)
    try s.steer(.custom(kind: .pivot, text: "Now audio."))
    try s.steer(.hold(cue: "late"))
    try s.steer(.release(cue: "late"))
    try s.steer(.skip(cue: "late"))
    try s.steer(.pause)
    try s.steer(.resume)
    try s.steer(.adjust(60_000))
    try s.steer(.next)
    try s.steer(.back)
    try s.steer(.mark(.fabricatedNumber))
    try s.steer(.note("asked about reads only"))
    let steered = s.records.dropFirst(2)
    #expect(
      steered.map(\.type) == [
        "cue_fired", "cue_fired", "held", "released", "skipped", "paused", "resumed",
        "budget_changed", "phase_left", "phase_entered", "phase_left", "phase_entered", "marked",
        "note",
      ])
    #expect(steered.first?.source == .ctl)
    #expect(steered.dropFirst().allSatisfy { $0.source == .interviewer })
    #expect(s.room.session.banners.map(\.cue) == ["gen", "custom-1"])
    #expect(s.room.session.banners[0].text == "Why?")
    #expect(s.room.session.banners[0].kind == .pushback)
  }

  @Test func refusalsSayWhy() throws {
    var s = Steered()
    #expect(s.refused(.fire(cue: "nope"), .noSuchCue))
    #expect(s.refused(.hold(cue: "own-extra"), .noSuchCue))  // in the deck, not the schedule
    #expect(s.refused(.resume, .notNow))
    #expect(s.refused(.back, .notNow))
    #expect(s.refused(.release(cue: "late"), .notNow))
    #expect(s.refused(.debrief(Debrief()), .notNow))
    try s.steer(.fire(cue: "early"))
    #expect(s.refused(.fire(cue: "early"), .notNow))
    #expect(s.refused(.skip(cue: "early"), .notNow))
    try s.steer(.hold(cue: "late"))
    #expect(s.refused(.hold(cue: "late"), .notNow))
    try s.steer(.pause)
    #expect(s.refused(.pause, .notNow))
    for _ in 0..<4 { try s.steer(.next) }
    #expect(s.refused(.next, .notNow))
    try s.steer(.end)
    #expect(s.refused(.pause, .ended))
    #expect(s.refused(.note("x"), .ended))
  }

  @Test func theEndIsFinishedInOpsAndAbandonedBefore() throws {
    var early = Steered()
    try early.steer(.end)
    #expect(early.room.session.status == .ended(Ending(outcome: .abandoned, reason: .quit)))
    #expect(early.records.last?.source == .interviewer)
    var late = Steered()
    for _ in 0..<4 { try late.steer(.next) }
    try late.steer(.end)
    #expect(late.room.session.status == .ended(Ending(outcome: .finished, reason: .quit)))
  }

  @Test func theInterviewersScoresComeAfterTheEnd() throws {
    var s = Steered()
    s.tick(90_000)
    try s.steer(.end)
    let said = Debrief(scores: [.numbers: 2], why: "", notes: "practise estimates")
    try s.steer(.debrief(said))
    #expect(s.records.last == Record(t: 90_000, entry: .debrief(said), source: .interviewer))
  }

  @Test func aRequestThatDidNothingIsRefusedEvenWhenACueComesDueAtThatInstant() throws {
    // A partner session: the deck's interjections are held, the coaching cues are not.
    var s = Steered(partner: true)
    // Clarify's one-minute cue is due at 4:00; the request comes at 4:00.3, before any tick.
    s.tick(239_900)
    s.now = s.now + 400
    #expect(s.refused(.resume, .notNow), "resume on a running session did nothing")
    #expect(throws: ControlError.self) { try s.steer(.resume) }
    #expect(s.room.session.banners.isEmpty, "a refused request changes nothing")
    // The cue is not lost: the next tick fires it.
    s.tick(0)
    #expect(s.room.session.banners.map(\.kind) == [.oneMinute])
    // A request that does something still carries the cue that came due with it.
    var t = Steered(partner: true)
    t.tick(239_900)
    t.now = t.now + 400
    try t.steer(.pause)
    #expect(t.records.suffix(2).map(\.type) == ["cue_fired", "paused"])
  }

  @Test func scoresFromAnyoneButTheInterviewerAreRefused() throws {
    var s = Steered()
    s.tick(90_000)
    try s.steer(.end)
    for source in [Source.ctl, .candidate] {
      #expect(throws: ControlError.self) { try s.steer(.debrief(Debrief()), by: source) }
    }
    try s.steer(.debrief(Debrief(scores: [.numbers: 2])), by: .interviewer)
    #expect(s.records.last?.source == .interviewer)
  }

  @Test func aHeldInterjectionWaitsAndFiresAtOnceWhenReleasedLate() throws {
    var s = Steered()
    try s.steer(.hold(cue: "early"))
    s.tick(30_000)
    #expect(s.room.session.banners.isEmpty)
    // The loop's next wake is clarify's one minute left (4:00), not the held pivot's 0:10.
    #expect(s.room.session.nextCue(after: s.now).map { $0 - s.now } == 210_000)
    try s.steer(.release(cue: "early"))
    #expect(s.room.session.banners.map(\.cue) == ["early"])
    // Released after its point: it comes now, and is not counted late (it was held, not missed).
    #expect(s.room.session.banners[0].late == nil)
  }

  @Test func aSkippedInterjectionNeverFires() throws {
    var s = Steered()
    try s.steer(.skip(cue: "early"))
    s.tick(600_000)
    #expect(!s.room.session.banners.contains { $0.cue == "early" })
    #expect(s.room.session.deck(at: s.now).first?.state == .skipped)
  }

  @Test func aPartnerSessionFiresNoInterjectionByItselfButItsCoachingCues() throws {
    var s = Steered(partner: true)
    s.tick(400_000)
    try s.steer(.next)
    s.tick(200_000)
    #expect(!s.room.session.banners.contains { $0.kind.isInterjection })
    #expect(s.room.session.banners.contains { $0.kind == .clarifyOver })
    #expect(s.room.session.deck(at: s.now).map(\.state) == [.held, .held])
    try s.steer(.fire(cue: "late"))
    #expect(s.room.session.banners.last?.cue == "late")
  }

  @Test func firingAScheduledEntryByHandSettlesIt() throws {
    var s = Steered()
    try s.steer(.fire(cue: "early"))
    s.tick(60_000)
    #expect(s.room.session.banners.filter { $0.cue == "early" }.count == 1)
  }

  @Test func replayingAPartnerRecordEqualsTheLiveSession() throws {
    var s = Steered(partner: true)
    s.tick(3_000)
    try s.steer(.custom(kind: .curveball, text: "How many disks?"))
    try s.steer(.fire(cue: "early"))
    try s.steer(.release(cue: "late"))
    try s.steer(.hold(cue: "late"))
    try s.steer(.note("good"))
    s.tick(400_000)
    try s.steer(.next)
    try s.steer(.skip(cue: "late"))
    let replayed = Session.replay(s.records)
    var live = s.room.session
    _ = live.handle(.tick, at: s.now)
    // The replay's clock starts at zero; compare what each holds.
    #expect(replayed?.banners == live.banners)
    #expect(replayed?.book == live.book)
    #expect(replayed?.phase == live.phase)
  }

  @Test func theStateSaysWhereTheSessionStands() throws {
    var s = Steered()
    s.tick(12_500)
    try s.steer(.hold(cue: "late"))
    let state = ControlState(s.room.session, at: s.now, consoles: 2)
    #expect(state.status == "running")
    #expect(state.phase == "clarify")
    #expect(state.phaseRemainingMs == 287_500)
    #expect(state.tMs == 12_500)
    #expect(state.banners.map(\.cue) == ["early"])
    #expect(state.deck.map(\.state) == ["fired", "held"])
    #expect(state.deck[0].banner == 1)
    #expect(state.nextDue == "late")
    #expect(state.consoles == 2)
    let line = state.jsonLine()
    #expect(line.contains("\"phase_remaining_ms\":287500"))
    #expect(try ControlState.decode(Data(line.utf8)) == state)
    #expect(state.format("{phase} {remaining}") == "clarify 4:48")
    #expect(state.format("[{total}] {next} {nope} {") == "[44:48] late {nope} {")
  }

  @Test func anOverrunShowsWithAPlus() {
    var s = Steered()
    s.tick(301_000)
    #expect(ControlState(s.room.session, at: s.now, consoles: 0).format("{remaining}") == "+0:01")
  }
}

@Suite struct InterviewerConsole {
  static func console(_ s: Steered) -> (Console, Instant) {
    let lines = s.records.map { $0.jsonLine(wall: "w") }
    let welcome = ControlMessage.Welcome(
      seq: 1, role: .interviewer, material: Steered.material, records: lines,
      state: ControlState(s.room.session, at: s.now, consoles: 1))
    // The console's own clock is elsewhere: 1,000 s past the session's instant.
    return (Console(welcome: welcome, at: Instant(ms: s.now.ms + 1_000_000)), s.now)
  }

  @Test func itRebuildsTheSessionAndItsClockFromTheRecord() throws {
    var s = Steered()
    s.tick(42_000)
    let (console, _) = Self.console(s)
    let at = console.sessionNow(Instant(ms: s.now.ms + 1_000_000 + 3_000))
    #expect(console.session?.elapsed(.clarify, at: at) == 45_000)
    #expect(console.rows(at: at).map(\.id) == ["early", "late", "own-extra", "gen"])
    #expect(console.rows(at: at)[2].strong == ["measures"])
  }

  @Test func dueTimesCountFromTheSessionsNowNotFromItsStart() throws {
    var s = Steered()
    s.tick(120_000)
    try s.steer(.next)
    s.tick(120_000)
    try s.steer(.next)  // design entered at 4:00
    s.tick(25_000)
    let (console, _) = Self.console(s)
    let now = console.sessionNow(Instant(ms: s.now.ms + 1_000_000))
    let late = try #require(console.rows(at: now).first { $0.id == "late" })
    // 'late' is 1:00 into design: 35 s from now, as the header's "next" says too.
    #expect(late.item?.dueIn == 35_000)
    #expect(console.session?.nextDue(at: now)?.dueIn == 35_000)
    let frame = ConsoleScreen.render(
      console, at: Instant(ms: s.now.ms + 1_000_000), size: Size(width: 120, height: 36))
    let text = (0..<36).map { frame.row($0) }.joined(separator: "\n")
    #expect(text.contains("late · curveball · design 1:00 · auto, in 0:35"))
    #expect(text.contains("next: late, in 0:35"))
  }

  @Test func aConsoleThatAttachesAfterTheEndOffersTheScores() throws {
    var s = Steered()
    s.tick(60_000)
    try s.steer(.end)
    let (late, _) = Self.console(s)
    guard case .scoring = late.mode else {
      Issue.record("a console attaching after the end should score, but is \(late.mode)")
      return
    }
    // Once the interviewer's scores are on record, there is nothing left to give.
    try s.steer(.debrief(Debrief(scores: [.judgment: 4])))
    let (after, _) = Self.console(s)
    #expect(after.mode == .normal)
  }

  @Test func eachLineIsAppliedToTheCopyAndEqualsAReplayOfTheWhole() throws {
    var s = Steered()
    let (start, _) = Self.console(s)
    var c = start
    let seen = s.records.count
    s.tick(15_000)  // the early pivot fires
    try s.steer(.note("asked about reads"))
    try s.steer(.pause)
    try s.steer(.resume)
    try s.steer(.next)
    try s.steer(.mark(.checkin))
    for record in s.records.dropFirst(seen) { c.receive(.event(record), at: Instant(ms: 0)) }
    #expect(c.session == Session.replay(s.records))
    #expect(c.session?.phase == .estimate)
    #expect(c.session?.banners.map(\.cue) == ["early"])
  }

  @Test func keysBecomeRequests() {
    let (start, _) = Self.console(Steered())
    let t = Instant(ms: 0)
    var c = start
    #expect(c.handle(.character("f"), at: t) == [.fire(cue: "early")])
    #expect(c.handle(.down, at: t).isEmpty)
    #expect(c.handle(.character("h"), at: t) == [.hold(cue: "late")])
    #expect(c.handle(.character("s"), at: t) == [.skip(cue: "late")])
    #expect(c.handle(.character("p"), at: t) == [.pause])
    #expect(c.handle(.character("n"), at: t) == [.next])
    #expect(c.handle(.character("b"), at: t) == [.back])
    #expect(c.handle(.character("+"), at: t) == [.adjust(60_000)])
    #expect(c.handle(.character("-"), at: t) == [.adjust(-60_000)])
    #expect(c.handle(.character("m"), at: t).isEmpty)
    #expect(c.handle(.character("4"), at: t) == [.mark(.missedEstimate)])
    #expect(c.handle(.character("E"), at: t).isEmpty)
    #expect(c.handle(.character("y"), at: t) == [.end])
    // A deck entry outside the schedule fires, but cannot be held.
    _ = c.handle(.down, at: t)
    #expect(c.handle(.character("h"), at: t).isEmpty)
    #expect(c.notice?.text.contains("scheduled") == true)
  }

  @Test func typingACustomInterjectionAndANote() {
    var (c, _) = Self.console(Steered())
    let t = Instant(ms: 0)
    _ = c.handle(.character("i"), at: t)
    _ = c.handle(.character("p"), at: t)
    for ch in "Now q audio" { _ = c.handle(.character(ch), at: t) }
    _ = c.handle(.backspace, at: t)
    #expect(c.handle(.enter, at: t) == [.custom(kind: .pivot, text: "Now q audi")])
    _ = c.handle(.character("w"), at: t)
    for ch in "ok" { _ = c.handle(.character(ch), at: t) }
    #expect(c.handle(.enter, at: t) == [.note("ok")])
    // The note shows once the session has it on record.
    #expect(c.notes.isEmpty)
    c.receive(.event(Record(t: 9, entry: .note("ok"), source: .interviewer)), at: t)
    #expect(c.notes.map(\.text) == ["ok"])
    _ = c.handle(.character("w"), at: t)
    _ = c.handle(.character("z"), at: t)
    #expect(c.handle(.escape, at: t).isEmpty)
    #expect(c.mode == .normal)
  }

  @Test func theEndOpensTheScoresAndSavingSendsThem() throws {
    var s = Steered()
    let (start, _) = Self.console(s)
    var c = start
    try s.steer(.end)
    for record in s.records.suffix(2) { c.receive(.event(record), at: Instant(ms: 0)) }
    guard case .scoring(let form) = c.mode else {
      Issue.record("not scoring: \(c.mode)")
      return
    }
    #expect(form.byInterviewer)
    _ = c.handle(.character("3"), at: Instant(ms: 0))
    for _ in 0..<7 { _ = c.handle(.down, at: Instant(ms: 0)) }
    let sent = c.handle(.enter, at: Instant(ms: 0))
    #expect(sent == [.debrief(Debrief(scores: [.judgment: 3]))])
    c.receive(.ok(op: "debrief", seq: 9, banner: nil), at: Instant(ms: 0))
    #expect(c.mode == .done)
  }

  @Test func theConsolesNameGoesWithItsScores() throws {
    var s = Steered()
    var (c, _) = Self.console(s)
    c.name = "Bo"
    try s.steer(.end)
    for record in s.records.suffix(2) { c.receive(.event(record), at: Instant(ms: 0)) }
    _ = c.handle(.character("2"), at: Instant(ms: 0))
    for _ in 0..<7 { _ = c.handle(.down, at: Instant(ms: 0)) }
    let sent = c.handle(.enter, at: Instant(ms: 0))
    #expect(sent == [.debrief(ProtocolCodec.named(Debrief(scores: [.judgment: 2]), "Bo"))])
    // A name that is no name is refused on the wire, in words.
    let bad = #"{"op":"debrief","scores":{},"why":"","notes":"","by":"  "}"#
    #expect(throws: ControlError.self) { try Request.decode(Data(bad.utf8)) }
  }
}

@Suite struct ConsoleFrames {
  static func scene() throws -> (Console, Instant) {
    var s = Steered(partner: true)
    s.tick(200_000)
    try s.steer(.fire(cue: "early"))
    try s.steer(.note("asked about reads only"))
    let (console, _) = InterviewerConsole.console(s)
    return (console, Instant(ms: s.now.ms + 1_000_000))
  }

  @Test(arguments: [
    Size(width: 120, height: 36), Size(width: 80, height: 24), Size(width: 40, height: 12),
  ])
  func theConsole(_ size: Size) throws {
    let (console, now) = try Self.scene()
    try Golden.check(ConsoleScreen.render(console, at: now, size: size), name: "console-\(size)")
  }

  @Test func theMarksMenuAndTheNoteLine() throws {
    var (console, now) = try Self.scene()
    _ = console.handle(.character("m"), at: now)
    try Golden.check(
      ConsoleScreen.render(console, at: now, size: Size(width: 80, height: 24)),
      name: "console-marks")
    _ = console.handle(.escape, at: now)
    _ = console.handle(.character("w"), at: now)
    for ch in "numbers from memory" { _ = console.handle(.character(ch), at: now) }
    try Golden.check(
      ConsoleScreen.render(console, at: now, size: Size(width: 80, height: 24)),
      name: "console-note")
  }

  @Test func tooSmallAsksForMore() throws {
    let (console, now) = try Self.scene()
    let frame = ConsoleScreen.render(console, at: now, size: Size(width: 30, height: 8))
    #expect(frame.row(0) == "enlarge the terminal (40x12 or")
    #expect(frame.row(1).hasPrefix("more)"))
  }

  @Test(arguments: [Size(width: 80, height: 24), Size(width: 40, height: 12)])
  func theCandidateSeesWhetherAConsoleIsAttached(_ size: Size) throws {
    var s = Steered(partner: true)
    s.tick(5_000)
    let waiting = Screen.render(s.room, at: s.now, size: size)
    var attached = s.room
    attached.consoles = 1
    let shown = Screen.render(attached, at: s.now, size: size)
    if size.width >= 80 {
      #expect(waiting.row(0).contains("console may attach"))
      #expect(shown.row(0).contains("interviewer attached"))
    } else {
      #expect(waiting.row(0).contains("no console"))
      #expect(shown.row(0).contains("attached"))
    }
    try Golden.check(shown, name: "partner-attached-\(size)")
  }
}
