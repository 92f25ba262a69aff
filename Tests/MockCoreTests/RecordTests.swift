import Foundation
import MockCore
import Testing

@Suite struct RecordLines {
  static let info = SessionInfo(id: "20261121-143005-practice", title: "Practice", program: "0.1.0")
  static let entries: [Record.Entry] = [
    .sessionStarted(info, .standard),
    .phaseEntered(.design, via: .back),
    .phaseLeft(.drill, elapsed: 910_000, budget: 900_000),
    .paused,
    .resumed(pausedFor: 12_345),
    .budgetChanged(.ops, from: 300_000, to: 360_000),
    .sessionEnded(Ending(outcome: .finished, reason: .completed), active: 2_700_000),
    .sessionEnded(Ending(outcome: .abandoned, reason: .quit), active: 10),
    .sessionEnded(Ending(outcome: .abandoned, reason: .signal("SIGHUP")), active: 10),
  ]

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
    #expect(object["v"] as? Int == 1)
    #expect(object["type"] as? String == Record(t: 5, entry: entry).type)
    #expect(object["t_ms"] as? Int == 5)
    #expect(object["wall"] as? String == "w")
  }

  @Test func theStartLineCarriesThePlanByPhaseName() throws {
    let line = Record(t: 0, entry: .sessionStarted(Self.info, .standard)).jsonLine(wall: "w")
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
