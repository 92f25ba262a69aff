import Foundation
import MockCore
import Testing

@Suite struct RecordLines {
  static let info = SessionInfo(
    id: "20261121-143005-practice", title: "Practice", program: "0.1.0", prompt: "video-recs",
    seed: 42)
  static let schedule = Schedule(
    interjections: [
      Schedule.Placed(id: "p1", kind: .pivot, text: "Now audio.", phase: .design, at: 360_000),
      Schedule.Placed(id: "c1", kind: .curveball, text: "Exact?", phase: .drill, at: 1_000),
    ], options: Schedule.Options(drillGrace: 60_000, checkinEvery: 300_000))
  static let banner = Banner(
    number: 3, cue: "one-minute-design", kind: .oneMinute, phase: .design, shownAt: 98_765,
    late: 4_000)
  static let entries: [Record.Entry] = [
    .sessionStarted(info, .standard, schedule),
    .sessionStarted(SessionInfo(id: "x", title: "Plain", program: "0"), .standard, Schedule()),
    .phaseEntered(.design, via: .back),
    .phaseLeft(.drill, elapsed: 910_000, budget: 900_000),
    .paused,
    .resumed(pausedFor: 12_345),
    .budgetChanged(.ops, from: 300_000, to: 360_000),
    .sessionEnded(Ending(outcome: .finished, reason: .completed), active: 2_700_000),
    .sessionEnded(Ending(outcome: .abandoned, reason: .quit), active: 10),
    .sessionEnded(Ending(outcome: .abandoned, reason: .signal("SIGHUP")), active: 10),
    .cueFired(banner),
    .cueFired(
      Banner(number: 1, cue: "p1", kind: .pivot, text: "Now audio.", shownAt: 98_765)),
    .acknowledged(banner: 1, cue: "p1", kind: .pivot, after: 2_500),
    .replanned(banner: 1, cue: "p1", after: 40_000),
    .marked(.reset), .marked(.errorCaught), .marked(.checkin),
    .marked(.recovery(.measure)), .marked(.recovery(.question)),
    .suspended,
    .continued(stoppedFor: 61_000),
    .slept(3_600_000),
    .held(cue: "p1"), .released(cue: "p1"), .skipped(cue: "c1"), .note("Skipped the write path."),
    .marked(.missedEstimate), .marked(.fabricatedNumber), .marked(.skippedOps),
    .sessionStarted(
      info, .standard,
      Schedule(interjections: schedule.interjections, options: Schedule.Options(partner: true))),
  ]

  @Test(arguments: Source.allCases)
  func aSourceIsWrittenAndReadBack(_ source: Source) throws {
    let record = Record(t: 5, entry: .marked(.reset), source: source)
    let line = record.jsonLine(wall: "w")
    #expect(line.contains("\"source\":\"\(source.rawValue)\""))
    #expect(try Record.decode(jsonLine: line).record == record)
  }

  @Test func aLineWithoutASourceHasNone() throws {
    let line = Record(t: 5, entry: .paused).jsonLine(wall: "w")
    #expect(!line.contains("source"))
    #expect(try Record.decode(jsonLine: line).record.source == nil)
    #expect(throws: Record.DecodeError.self) {
      try Record.decode(
        jsonLine: line.replacingOccurrences(of: "\"t_ms\"", with: "\"source\":\"robot\",\"t_ms\""))
    }
  }

  @Test(arguments: entries)
  func everyEntryReadsBackAsItWasWritten(_ entry: Record.Entry) throws {
    let record = Record(t: 98_765, entry: entry)
    let line = record.jsonLine(wall: "2026-11-21T14:30:05.123Z")
    #expect(!line.contains("\n"))
    let decoded = try Record.decode(jsonLine: line)
    #expect(decoded.record == record)
    #expect(decoded.wall == "2026-11-21T14:30:05.123Z")
  }

  @Test(arguments: entries)
  func everyLineCarriesVersionTypeTimeAndWall(_ entry: Record.Entry) throws {
    let line = Record(t: 5, entry: entry).jsonLine(wall: "w")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(object["v"] as? Int == Record.schemaVersion)
    #expect(object["type"] as? String == Record(t: 5, entry: entry).type)
    #expect(object["t_ms"] as? Int == 5)
    #expect(object["wall"] as? String == "w")
  }

  @Test func theStartLineCarriesThePlanByPhaseName() throws {
    let line = Record(t: 0, entry: .sessionStarted(Self.info, .standard, Schedule()))
      .jsonLine(wall: "w")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    let plan = try #require(object["plan"] as? [String: Any])
    let budgets = try #require(plan["budgets_ms"] as? [String: Int])
    #expect(
      budgets == [
        "clarify": 300_000, "estimate": 300_000, "design": 900_000, "drill": 900_000,
        "ops": 300_000,
      ])
    #expect(plan["name"] as? String == "standard")
  }

  @Test func theStartLineCarriesTheSeedAndTheWholeSchedule() throws {
    let line = Record(t: 0, entry: .sessionStarted(Self.info, .standard, Self.schedule))
      .jsonLine(wall: "w")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(object["seed"] as? Int == 42)
    let schedule = try #require(object["schedule"] as? [String: Any])
    #expect(schedule["drill_grace_ms"] as? Int == 60_000)
    #expect(schedule["checkin_every_ms"] as? Int == 300_000)
    let items = try #require(schedule["interjections"] as? [[String: Any]])
    #expect(items.count == 2)
    #expect(items[0]["id"] as? String == "p1")
    #expect(items[0]["kind"] as? String == "pivot")
    #expect(items[0]["phase"] as? String == "design")
    #expect(items[0]["at_ms"] as? Int == 360_000)
    #expect(items[0]["text"] as? String == "Now audio.")
  }

  @Test func aVersionOneStartLineStillReads() throws {
    let line =
      "{\"id\":\"old\",\"plan\":{\"budgets_ms\":{\"clarify\":300000,\"design\":900000,"
      + "\"drill\":900000,\"estimate\":300000,\"ops\":300000},\"name\":\"standard\"},"
      + "\"program\":\"0.1.0\",\"t_ms\":0,\"title\":\"Old\",\"type\":\"session_started\","
      + "\"v\":1,\"wall\":\"w\"}"
    let record = try Record.decode(jsonLine: line).record
    guard case .sessionStarted(let start) = record.entry else {
      Issue.record("not a start: \(record)")
      return
    }
    let (info, plan, schedule) = (start.info, start.plan, start.schedule)
    #expect(info.id == "old")
    #expect(info.seed == nil)
    #expect(plan == .standard)
    #expect(schedule == Schedule())
  }

  @Test func phaseLeftStatesItsOverrun() {
    let line = Record(t: 0, entry: .phaseLeft(.design, elapsed: 1_030_000, budget: 900_000))
      .jsonLine(wall: "w")
    #expect(line.contains("\"overrun_ms\":130000"))
  }

  @Test(arguments: [
    ("{\"v\":1,\"type\":\"paused\",\"t_ms\":5,\"wa", "not valid JSON"),
    ("{\"v\":1,\"type\":\"paused\",\"wall\":\"w\"}", "missing field 't_ms'"),
    ("{\"v\":1,\"type\":\"jumped\",\"t_ms\":5,\"wall\":\"w\"}", "unknown type 'jumped'"),
    (
      "{\"v\":1,\"type\":\"paused\",\"t_ms\":\"soon\",\"wall\":\"w\"}",
      "field 't_ms' has the wrong type"
    ),
    ("{\"v\":7,\"type\":\"paused\",\"t_ms\":5,\"wall\":\"w\"}", "schema version 7 is newer"),
    (
      "{\"v\":1,\"type\":\"phase_entered\",\"t_ms\":5,\"wall\":\"w\",\"phase\":\"lunch\",\"via\":\"next\"}",
      "unknown phase 'lunch'"
    ),
    (
      "{\"v\":2,\"type\":\"cue_fired\",\"t_ms\":5,\"wall\":\"w\",\"banner\":1,\"cue\":\"x\",\"kind\":\"joke\"}",
      "unknown cue kind 'joke'"
    ),
    (
      "{\"v\":2,\"type\":\"marked\",\"t_ms\":5,\"wall\":\"w\",\"mark\":\"recovery\",\"move\":\"bluff\"}",
      "unknown recovery move 'bluff'"
    ),
  ])
  func unreadableLinesSayWhatIsWrong(_ line: String, _ problem: String) {
    #expect {
      try Record.decode(jsonLine: line)
    } throws: { error in
      "\(error)".contains(problem)
    }
  }
}

@Suite struct Replaying {
  @Test func replayingTheRecordGivesTheLiveSessionBack() throws {
    var c = Clocked()
    let script: [(Millis, Event)] = [
      (200_000, .next), (10_000, .pause), (30_000, .resume), (5_000, .adjustBudget(60_000)),
      (400_000, .next), (1_000, .back), (2_000, .next), (950_000, .next),
      (3_000, .adjustBudget(-60_000)), (500_000, .next), (20_000, .pause),
      (1_000, .finish(.quit)),
    ]
    for (step, event) in script {
      c.advance(step)
      c.send(event)
    }
    let lines = c.records.map { $0.jsonLine(wall: "w") }
    let decoded = try lines.map { try Record.decode(jsonLine: $0).record }
    let replayed = try #require(Session.replay(decoded))
    // The live session's clock started at an arbitrary instant; the replay's at zero.
    let liveEnd = c.now
    let replayEnd = Instant(ms: c.records.last!.t)
    #expect(replayed.status == c.session.status)
    #expect(replayed.plan == c.session.plan)
    #expect(replayed.phase == c.session.phase)
    #expect(replayed.active(at: replayEnd) == c.session.active(at: liveEnd))
    for phase in Phase.allCases {
      #expect(replayed.elapsed(phase, at: replayEnd) == c.session.elapsed(phase, at: liveEnd))
    }
  }

  @Test func replayRebuildsBannersAcknowledgementsAndSuspensions() throws {
    var c = Clocked(schedule: RecordLines.schedule)
    // Ticks every second, as the run loop sends them, with keys and a freeze in between.
    func run(_ ms: Millis, then event: Event? = nil) {
      let end = c.now + ms
      while c.now < end {
        c.advance(min(1_000, end - c.now))
        c.send(.tick)
      }
      if let event { c.send(event) }
    }
    run(250_000, then: .next)  // clarify's one-minute cue came and was taken down
    run(300_000, then: .next)
    run(370_000)  // the pivot at 6:00 into design is up
    c.send(.acknowledge(nil))
    run(30_000, then: .replan(nil))
    run(5_000, then: .mark(.recovery(.similar)))
    c.send(.suspend)
    c.advance(120_000)
    c.send(.continue)
    c.advance(400_000)  // frozen: no ticks
    run(1_000, then: .next)
    run(2_000, then: .mark(.checkin))
    run(10_000, then: .finish(.quit))
    #expect(c.types.contains("cue_fired"))
    #expect(c.session.banners.contains { $0.late != nil })
    let lines = c.records.map { $0.jsonLine(wall: "w") }
    let decoded = try lines.map { try Record.decode(jsonLine: $0).record }
    let replayed = try #require(Session.replay(decoded))
    #expect(replayed.banners == c.session.banners)
    #expect(replayed.status == c.session.status)
    #expect(replayed.paused(at: Instant(ms: c.records.last!.t)) == c.session.paused(at: c.now))
  }

  @Test func aRecordCutShortReplaysUpToItsLastLine() throws {
    var c = Clocked()
    c.advance(300_000)
    c.send(.next)
    c.advance(100_000)
    c.send(.next)
    let replayed = try #require(Session.replay(c.records))
    #expect(replayed.phase == .design)
    #expect(replayed.status == .running)
    #expect(replayed.elapsed(.estimate, at: Instant(ms: 400_000)) == 100_000)
  }

  @Test func aRecordWithoutAStartCannotBeReplayed() {
    #expect(Session.replay([Record(t: 0, entry: .paused)]) == nil)
    #expect(Session.replay([]) == nil)
  }
}

@Suite struct TheDocumentedExample {
  /// The example session in README.md, line by line.
  static func lines() throws -> [String] {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    let start = try #require(text.range(of: "```json\n"))
    let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
    return text[start.upperBound..<end.lowerBound].split(separator: "\n").map(String.init)
  }

  @Test func theReadmeExampleReadsAndReplaysToWhatItSays() throws {
    let records = try Self.lines().map { try Record.decode(jsonLine: $0).record }
    #expect(records.count == 18)
    let session = try #require(Session.replay(records))
    let end = Instant(ms: records.last!.t)
    // The replay fires the same cues at the same moments from the recorded schedule.
    let fired = records.compactMap { record -> Banner? in
      if case .cueFired(let banner) = record.entry { return banner }
      return nil
    }
    #expect(session.banners.map(\.cue) == fired.map(\.cue))
    #expect(session.banners.map(\.shownAt) == fired.map(\.shownAt))
    #expect(session.banners.map(\.acknowledgedAt) == [nil, 11_000, 15_200])
    #expect(session.banners[0].retired)
    #expect(session.banners[2].replannedAt == 18_000)
    // Each banner's fate and reply carry their moment: the first came down with its phase.
    #expect(session.banners[0].fate == .retired(at: 5_210))
    #expect(session.banners[1].fate == .acknowledged(at: 11_000))
    #expect(session.banners[1].reply == .none)
    #expect(session.banners[2].reply == .replanned(at: 18_000))
    // The figures on the lines agree with the replayed clock.
    #expect(session.elapsed(.clarify, at: end) == 5_210)
    #expect(session.elapsed(.estimate, at: end) == 4_140)
    #expect(session.elapsed(.design, at: end) == 7_100)
    #expect(session.active(at: end) == 16_450)
    #expect(
      records.last?.entry
        == .sessionEnded(Ending(outcome: .abandoned, reason: .quit), active: 16_450))
  }
}
