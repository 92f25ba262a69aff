import Foundation
import Testing

@testable import MockCore

/// Every kind of record line, through everything that reads lines: written and read back, then
/// replayed and projected. A new kind fails here until it has a line in the script.
@Suite struct EveryRecordEntry {
  static let schedule = Schedule(
    interjections: [
      Schedule.Placed(id: "p1", kind: .pivot, text: "Now audio.", phase: .design, at: 60_000),
      Schedule.Placed(id: "c1", kind: .curveball, text: "Exact?", phase: .drill, at: 60_000),
    ],
    options: Schedule.Options(
      hostile: Hostile(
        until: 600_000, times: [900_000],
        lines: [.clarify: [Hostile.Line(id: "push-clarify-1", text: "Why does it matter?")]]),
      checkinTarget: 3, questions: ["What slows the team down most?"]))
  static var lastStretch: Banner {
    var banner = Banner(number: 3, cue: "last-90s", kind: .lastStretch, shownAt: 16_500)
    banner.questions = ["What slows the team down most?"]
    return banner
  }
  static let info = SessionInfo(
    id: "20261201-000000-every", title: "Every", program: "0", prompt: "p", seed: 7)
  static let mine = Debrief(scores: [.judgment: 4], overran: .design, why: "w", notes: "n")
  static let theirs = Debrief(scores: [.numbers: 2], overran: nil, why: "", notes: "more")

  /// A session that writes one line (at least) of every kind, in an order it could.
  static let script: [Record] = [
    Record(t: 0, entry: .sessionStarted(info, .standard, schedule)),
    Record(t: 0, entry: .phaseEntered(.clarify, via: .start)),
    Record(t: 1_000, entry: .held(cue: "p1"), source: .interviewer),
    Record(t: 2_000, entry: .released(cue: "p1"), source: .interviewer),
    Record(t: 3_000, entry: .skipped(cue: "c1"), source: .ctl),
    Record(
      t: 4_000,
      entry: .cueFired(
        Banner(number: 1, cue: "gen", kind: .pushback, text: "Why?", shownAt: 4_000)),
      source: .interviewer),
    Record(
      t: 5_000, entry: .acknowledged(banner: 1, cue: "gen", kind: .pushback, after: 1_000),
      source: .candidate),
    Record(
      t: 6_000,
      entry: .cueFired(
        Banner(number: 2, cue: "custom-1", kind: .pivot, text: "Batch now.", shownAt: 6_000)),
      source: .interviewer),
    Record(
      t: 5_000, entry: .pushbackAnswered(banner: 1, cue: "gen", .held, after: 1_000),
      source: .candidate),
    Record(t: 7_000, entry: .replanned(banner: 2, cue: "custom-1", after: 1_000)),
    Record(t: 8_000, entry: .marked(.recovery(.measure)), source: .candidate),
    Record(t: 8_500, entry: .marked(.checkin), source: .candidate),
    Record(
      t: 8_500, entry: .checkinCounted(number: 1, target: 3, worked: 8_500), source: .candidate),
    Record(t: 9_000, entry: .note("asked about reads"), source: .interviewer),
    Record(t: 10_000, entry: .paused, source: .candidate),
    Record(t: 12_000, entry: .resumed(pausedFor: 2_000), source: .candidate),
    Record(t: 13_000, entry: .budgetChanged(.clarify, from: 300_000, to: 360_000)),
    Record(t: 13_500, entry: .rebalanced(.clarify, other: .estimate, moved: 60_000)),
    Record(t: 14_000, entry: .suspended, source: .candidate),
    Record(t: 15_000, entry: .continued(stoppedFor: 1_000), source: .candidate),
    Record(t: 16_000, entry: .slept(5_000)),
    Record(t: 16_500, entry: .cueFired(lastStretch)),
    Record(t: 17_000, entry: .phaseLeft(.clarify, elapsed: 14_000, budget: 420_000)),
    Record(t: 17_000, entry: .phaseEntered(.estimate, via: .next)),
    Record(t: 18_000, entry: .phaseLeft(.estimate, elapsed: 1_000, budget: 240_000)),
    Record(
      t: 18_000,
      entry: .sessionEnded(Ending(outcome: .finished, reason: .signal("SIGHUP")), active: 15_000)
    ),
    Record(t: 18_000, entry: .debrief(mine), source: .candidate),
    Record(t: 18_000, entry: .debrief(theirs), source: .interviewer),
    Record(
      t: 18_000,
      entry: .hookFailed(HookFailure(event: .sessionEnded, command: "notify", why: "exit 1"))),
    // A drill's lines, which a session never holds: they replay as nothing.
    Record(t: 0, entry: .drillStarted(drill)),
    Record(t: 0, entry: .problemShown(number: 1, problem)),
    Record(
      t: 40_000,
      entry: .problemAnswered(
        number: 1,
        EstimateResult(
          problem, typed: ["", "", "", "700"], values: [nil, nil, nil, 700], elapsed: 40_000,
          limit: 60_000))),
    Record(
      t: 50_000,
      entry: .cardReviewed(
        CardReview(
          card: "seconds-day", typed: "86,400", right: true, exact: true, rating: .easy,
          elapsed: 3_000, memory: FSRS.review(nil, .easy, on: 20_424)))),
    Record(t: 60_000, entry: .drillEnded(Ending(outcome: .finished, reason: .completed))),
    Record(t: 0, entry: .slipShown(number: 1, slip)),
    Record(
      t: 30_000,
      entry: .slipAnswered(
        number: 1,
        SlipResult(
          slip, named: 3, typed: "678", value: 678, spotted: 12_000, elapsed: 30_000,
          limit: 90_000))),
    // Before its round is shown, as a line of another drill: it replays as nothing.
    Record(t: 2_000, entry: .moveTakenBack(number: 1, .tradeoff, elapsed: 1_500)),
    Record(t: 0, entry: .roundShown(number: 1, question)),
    Record(t: 2_000, entry: .moveRefused(number: 1, .tradeoff, elapsed: 2_000)),
    Record(t: 3_000, entry: .moveChosen(number: 1, .measure, elapsed: 3_000)),
    Record(t: 40_000, entry: .roundRated(number: 1, move: .measure, rating: 3, elapsed: 39_000)),
    Record(
      t: 41_000, entry: .roundRated(number: 1, move: .measure, rating: 2, elapsed: 39_000),
      source: .ctl),
  ]
  static let question = RecoveryQuestion(
    id: "exact-number", text: "Exact throughput?", strong: ["does not make one up"],
    prompt: "p")
  static let drill = DrillInfo(
    id: "20261202-000000-drill-estimate", program: "0", drill: .estimate, seed: 5, limit: 60_000,
    count: 1)
  static let problem = EstimateProblem(
    kind: .gpus,
    inputs: [
      "dau": 1e6, "sessions_per_day": 5, "turns_per_session": 10, "tokens_per_turn": 300,
      "tokens_per_s_per_gpu": 1000, "peak_factor": 3, "headroom": 1.3,
    ])!

  static let slip = SlipProblem(problem, .averageForPeak, step: 2)!

  @Test func theScriptHasEveryKind() {
    #expect(Set(Self.script.map(\.entry.kind)) == Set(Record.Kind.allCases))
  }

  @Test(arguments: script)
  func eachLineIsWrittenUnderItsWireNameAndReadsBack(_ record: Record) throws {
    let line = record.jsonLine(wall: "w")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(object["type"] as? String == record.entry.kind.rawValue)
    #expect(object["source"] as? String == record.source?.rawValue)
    #expect(try Record.decode(jsonLine: line).record == record)
  }

  @Test func theLinesReadBackReplayAndProjectAsWritten() throws {
    let read = try Self.script.map { try Record.decode(jsonLine: $0.jsonLine(wall: "w")).record }
    let projection = try #require(Projection(read))
    #expect(Projection(Self.script) == projection)
    #expect(Session.replay(read) == projection.session)

    let session = projection.session
    let end = Instant(ms: 18_000)
    #expect(session.status == .ended(Ending(outcome: .finished, reason: .signal("SIGHUP"))))
    #expect(session.active(at: end) == 15_000)
    #expect(session.paused(at: end) == 3_000)
    #expect(session.plan[.clarify] == 420_000)
    #expect(session.plan[.estimate] == 240_000)
    #expect(session.plan.total == Plan.standard.total + 60_000)
    #expect(session.furthest == .estimate)
    #expect(session.book.cues(.held).isEmpty)
    #expect(session.book.cues(.skipped) == ["c1"])
    #expect(session.banners.map(\.cue) == ["gen", "custom-1", "last-90s"])
    #expect(session.banners.map(\.acknowledgedAt) == [5_000, 7_000, nil])
    #expect(session.banners.map(\.replannedAt) == [nil, 7_000, nil])
    #expect(session.banners.map(\.answer) == [.held, nil, nil])
    #expect(session.banners[2].questions == ["What slows the team down most?"])
    #expect(session.checkins == [8_500])
    #expect(session.deck(at: end).map(\.state) == [.waiting, .skipped, .waiting])
    #expect(
      projection.marks == [
        .init(t: 8_000, mark: .recovery(.measure), source: .candidate),
        .init(t: 8_500, mark: .checkin, source: .candidate),
      ])
    #expect(projection.notes == [.init(t: 9_000, text: "asked about reads", source: .interviewer)])
    #expect(projection.debrief == Self.mine)
    #expect(projection.interviewerDebrief == Self.theirs)

    let summary = SessionSummary(projection, started: "w")
    #expect(summary.banners == session.banners)
    #expect(summary.ending == Ending(outcome: .finished, reason: .signal("SIGHUP")))
    #expect(summary[.clarify].actual == 14_000)
    #expect(summary.hostile == 600_000)
    #expect(summary.checkins == [8_500])
    #expect(summary.checkinsMet == false)
  }

  @Test func aRecoveryDrillsLinesMakeItsRounds() throws {
    let lines = [Record(t: 0, entry: .drillStarted(Self.recovery))] + Self.script.suffix(5)
    let text = lines.map { $0.jsonLine(wall: "w") }.joined(separator: "\n")
    let drill = try #require(DrillSummary(SessionLog.read(file: "f", text: text)))
    #expect(drill.rounds.count == 1)
    let round = try #require(drill.rounds.first)
    #expect(round.question == Self.question)
    #expect(round.move == .measure)
    #expect(round.refused == [.tradeoff])
    #expect(round.rating == 3)
    #expect(round.interviewerRating == 2)
    #expect(round.gap == 1)
    #expect(round.elapsed == 39_000)
  }
  static let recovery = DrillInfo(
    id: "20261202-000000-drill-recovery", program: "0", drill: .recovery, seed: 5, limit: 90_000,
    count: 1)

  @Test(arguments: [EndReason.completed, .quit, .signal("SIGTERM")])
  func anEndReasonReadsBackFromItsNames(_ reason: EndReason) {
    #expect(EndReason(name: reason.name, signal: reason.signal) == reason)
    #expect(EndReason(tag: reason.tag) == reason)
  }
}
