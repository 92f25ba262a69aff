import Testing

@testable import MockCore

/// Builds session records on a virtual clock, as a live session writes them.
struct Made {
  var c: Clocked
  init(plan: Plan = .standard, schedule: Schedule = Schedule(), seed: UInt64? = nil) {
    c = Clocked(plan: plan, schedule: schedule)
  }

  /// Spends `ms` in the current phase with a tick each second, then moves on (or not).
  mutating func spend(_ ms: Millis, next: Bool = true) {
    let end = c.now + ms
    while c.now < end {
      c.advance(min(1_000, end - c.now))
      c.send(.tick)
    }
    if next { c.send(.next) }
  }

  /// A session that spends these times in the phases, in order, then finishes.
  static func session(_ times: [Millis], finish: Bool = true) -> SessionSummary {
    var m = Made()
    for (index, time) in times.enumerated() { m.spend(time, next: index < times.count - 1) }
    if finish { m.c.send(.finish(.completed)) }
    return m.summary
  }

  var summary: SessionSummary {
    SessionSummary(SessionLog(file: "t", records: c.records, started: "w"))!
  }
}

@Suite struct StatsMaths {
  static let m = Millis.minutes

  @Test func mediansRatesAndTrendsOfFourSessions() {
    // Clarify: 6:00, 5:00, 7:00, 4:00 against 5:00.
    let sessions = [6, 5, 7, 4].map { Made.session([Self.m($0), Self.m(5)]) }
    let clarify = Stats(sessions).phases[0]
    #expect(clarify.sessions == 4)
    #expect(clarify.budget == Self.m(5))
    #expect(clarify.median == 330_000)  // (5:00 + 6:00) / 2
    #expect(clarify.p90 == Self.m(7))  // the 4th of 4 (⌈3.6⌉)
    #expect(clarify.overrunRate == 0.5)
    #expect(clarify.meanOverrun == 45_000)  // (60 + 0 + 120 + 0) / 4
    #expect(clarify.worstOverrun == 120_000)
    #expect(clarify.overruns == [60_000, 0, 120_000, 0])
    #expect(clarify.trend == 30_000)  // later half 60 s, earlier half 30 s
    #expect(Stats.sparkline(clarify.overruns) == "▅▁█▁")
    // Estimate was reached by all, design by none.
    #expect(Stats(sessions).phases[1].sessions == 4)
    #expect(Stats(sessions).phases[2].sessions == 0)
  }

  /// The phase an unfinished session stopped in is not a whole phase: counted, its minute of
  /// design would read as a short design and pull the median and the rate down.
  @Test func thePhaseAnUnfinishedSessionStoppedInIsLeftOut() {
    let finished = Made.session([Self.m(5), Self.m(5), Self.m(12)])
    let stopped = Made.session([Self.m(5), Self.m(5), Self.m(1)], finish: false)
    let design = Stats([finished, stopped]).phases[Phase.design.rawValue]
    #expect(design.sessions == 1)
    #expect(design.median == Self.m(12))
    #expect(design.overruns.count == 1)
    // Its clarify and estimate were whole, and count.
    #expect(Stats([finished, stopped]).phases[Phase.estimate.rawValue].sessions == 2)
  }

  @Test func medianAndP90Definitions() {
    #expect(Stats.median([]) == nil)
    #expect(Stats.median([7]) == 7)
    #expect(Stats.median([3, 1, 2]) == 2)
    #expect(Stats.median([4, 1, 3, 2]) == 2)  // (2 + 3) / 2 rounds toward zero
    #expect(Stats.p90([5]) == 5)
    #expect(Stats.p90(Array(1...10)) == 9)
    #expect(Stats.p90(Array(1...11)) == 10)
    #expect(Stats.p90(Array(1...20)) == 18)
  }

  @Test func aTrendLeavesTheMiddleOfAnOddCountOut() {
    #expect(Stats.trend([1]) == nil)
    #expect(Stats.trend([1, 3]) == 2)
    #expect(Stats.trend([1, 100, 5]) == 4)
    #expect(Stats.trend([4, 4, 1, 1]) == -3)
  }

  @Test func drillStartOpsAndTheCompressedClose() {
    let onTime = Made.session([Self.m(5), Self.m(5), Self.m(14), Self.m(15), Self.m(5)])
    let late = Made.session([Self.m(6), Self.m(6), Self.m(16), Self.m(10), Self.m(5)])
    // Never got past design: the compressed close fired at 40:00.
    let stuck = Made.session([Self.m(5), Self.m(5), Self.m(31)])
    let stats = Stats([onTime, late, stuck])
    #expect(stats.drillStartMedian == (Self.m(24) + Self.m(28)) / 2)
    #expect(stats.drillLateShare == 0.5)
    #expect(stats.reachedOpsShare == 2.0 / 3.0)
    #expect(stats.compressedCloses == 1)
    #expect(stuck.compressedClose)
    #expect(!onTime.compressedClose)
  }

  @Test func timeToAcknowledgeAndReplanByKind() {
    let schedule = Schedule(interjections: [
      Schedule.Placed(id: "p", kind: .pivot, text: "Now audio.", phase: .clarify, at: 10_000),
      Schedule.Placed(id: "c", kind: .curveball, text: "Exact?", phase: .clarify, at: 20_000),
    ])
    func run(ack: Millis, replan: Millis) -> SessionSummary {
      var m = Made(schedule: schedule)
      m.spend(10_000, next: false)
      m.spend(ack, next: false)
      m.c.send(.acknowledge(1))
      m.spend(replan - ack, next: false)
      m.c.send(.replan(1))
      m.spend(30_000, next: false)  // the curveball is never acknowledged
      return m.summary
    }
    let stats = Stats([run(ack: 2_000, replan: 30_000), run(ack: 4_000, replan: 50_000)])
    let pivot = stats.interjections.first { $0.kind == .pivot }
    #expect(pivot?.fired == 2)
    #expect(pivot?.acknowledged == 2)
    #expect(pivot?.medianToAcknowledge == 3_000)
    #expect(pivot?.medianToReplan == 40_000)
    let curveball = stats.interjections.first { $0.kind == .curveball }
    #expect(curveball?.fired == 2)
    #expect(curveball?.acknowledged == 0)
    #expect(curveball?.medianToAcknowledge == nil)
    // Coaching cues are not interjections.
    #expect(stats.interjections.map(\.kind) == [.pivot, .curveball])
  }

  @Test func marksAreCountedPerSourceSoACheckinMarkedAtBothEndsCountsOnceForEach() throws {
    var m = Made()
    m.c.send(.mark(.checkin))
    let t = m.c.records.last!.t
    m.c.records.append(Record(t: t, entry: .marked(.checkin), source: .interviewer))
    m.c.records.append(Record(t: t, entry: .marked(.missedEstimate), source: .interviewer))
    m.c.records.append(Record(t: t, entry: .marked(.checkin), source: .ctl))
    let stats = Stats([m.summary])
    #expect(stats.marksPerSession["checkin"] == 1)
    #expect(stats.marksBySource["interviewer"] == ["checkin": 1, "missed_estimate": 1])
    #expect(stats.marksBySource["ctl"] == ["checkin": 1])
    #expect(stats.marksBySource["candidate"] == nil)
    let json = ReviewJSON.stats(stats)
    #expect(json.contains("\"marks_by_source\":{\"ctl\":{\"checkin\":1}"))
    let text = ReviewText.stats(stats).joined(separator: "\n")
    #expect(text.contains("marked by the interviewer: checkin 1.0, missed_estimate 1.0"))
  }

  @Test func marksPerSessionAndScoresWithTheirTrend() {
    var sessions: [SessionSummary] = []
    for (index, score) in [2, 2, 4, 4].enumerated() {
      var m = Made()
      m.spend(1_000, next: false)
      m.c.send(.mark(.reset))
      if index == 0 { m.c.send(.mark(.recovery(.similar))) }
      m.c.send(.finish(.completed))
      m.c.records.append(
        Record(
          t: m.c.records.last!.t,
          entry: .debrief(Debrief(scores: [.numbers: 5], why: "first"))))
      // A later debrief replaces the earlier one.
      m.c.records.append(
        Record(t: m.c.records.last!.t, entry: .debrief(Debrief(scores: [.judgment: score]))))
      sessions.append(m.summary)
    }
    let stats = Stats(sessions)
    #expect(stats.marksPerSession["reset"] == 1)
    #expect(stats.marksPerSession["recovery"] == 0.25)
    #expect(stats.marksPerSession["checkin"] == 0)
    let judgment = stats.scores.first { $0.dimension == .judgment }
    #expect(judgment?.count == 4)
    #expect(judgment?.mean == 3)
    #expect(judgment?.trend == 2)
    #expect(stats.scores.first { $0.dimension == .numbers }?.count == 0)
  }
}

@Suite struct ReadingRecords {
  static func lines(_ made: Made) -> [String] {
    made.c.records.map { $0.jsonLine(wall: "2026-11-21T14:30:05.000Z") }
  }

  static var threePhases: Made {
    var m = Made()
    m.spend(300_000)
    m.spend(300_000)
    m.spend(100_000, next: false)
    return m
  }

  @Test func aTornLastLineIsSkippedWithAWarningAndTheRestIsKept() {
    var lines = Self.lines(Self.threePhases)
    let torn = String(lines.removeLast().prefix(20))
    let log = SessionLog.read(file: "s.jsonl", text: (lines + [torn]).joined(separator: "\n"))
    #expect(log.records.count == lines.count)
    #expect(log.warnings.count == 1)
    #expect(log.warnings[0].hasPrefix("s.jsonl:\(lines.count + 1): cut short"))
    let summary = SessionSummary(log)
    // The torn line was the entry into design: the session stands in estimate.
    #expect(summary?.isIncomplete == true)
    #expect(summary?[.estimate].reached == true)
    #expect(summary?[.design].reached == false)
  }

  @Test func aCorruptLineInTheMiddleCostsOnlyThatLine() {
    var lines = Self.lines(Self.threePhases)
    lines[3] = "{not json"
    let log = SessionLog.read(file: "s.jsonl", text: lines.joined(separator: "\n") + "\n")
    #expect(log.records.count == lines.count - 1)
    #expect(log.warnings == ["s.jsonl:4: not valid JSON; line skipped"])
  }

  @Test func withoutAStartThereIsNoSummary() {
    let lines = Self.lines(Self.threePhases).dropFirst()
    let log = SessionLog.read(file: "s.jsonl", text: lines.joined(separator: "\n") + "\n")
    #expect(SessionSummary(log) == nil)
  }

  @Test func anIncompleteSessionHasItsPhasesUpToTheLastLine() {
    let summary = SessionSummary(
      SessionLog.read(
        file: "s", text: Self.lines(Self.threePhases).joined(separator: "\n") + "\n"))
    #expect(summary?.isIncomplete == true)
    #expect(summary?.phases.map(\.actual) == [300_000, 300_000, 0, 0, 0])
    #expect(summary?.active == 600_000)
  }

  @Test func bannersAreWhatTheRecordSaysNotWhatTheRulesWouldFireNow() {
    // A record from a mockroom whose rules had no "one minute left": the pivot was banner 1
    // and was acknowledged; today's rules would fire clarify's minute too.
    var m = Made(schedule: TriggerCase.pivotAtSix)
    m.c.skip(2)
    m.spend(360_000, next: false)
    m.c.send(.acknowledge(nil))
    m.spend(600_000, next: false)  // design's last minute fires today
    m.c.send(.finish(.quit))
    let old = m.c.records.filter {
      if case .cueFired(let b) = $0.entry { return b.cue == "p" }
      return true
    }
    let summary = SessionSummary(SessionLog(file: "old", records: old, started: "w"))!
    #expect(summary.banners.map(\.cue) == ["p"])
    #expect(summary.banners[0].acknowledgedAt != nil)
    // The replay is the same projection: it shows what the record says, not today's rules.
    #expect(Session.replay(old)!.banners == summary.banners)
  }

  @Test func replayingTheLogGivesTheLiveSessionBack() {
    var m = Self.threePhases
    m.c.send(.finish(.quit))
    let log = SessionLog.read(file: "s", text: Self.lines(m).joined(separator: "\n") + "\n")
    let summary = SessionSummary(log)!
    let live = m.c.session
    #expect(summary.ending == Ending(outcome: .finished, reason: .quit))
    #expect(summary.active == live.active(at: m.c.now))
    for phase in Phase.allCases {
      #expect(summary[phase].actual == live.elapsed(phase, at: m.c.now))
    }
    #expect(summary.banners == live.banners)
  }
}

@Suite struct DebriefKeys {
  static func form() -> DebriefForm {
    DebriefForm(title: "T", summary: "finished", mostOver: .design)
  }

  @Test func digitsScoreARowEachAndThePhaseIsPrefilled() {
    var f = Self.form()
    for key in "43524" { f.handle(.character(key)) }
    #expect(
      f.debrief.scores == [.judgment: 4, .numbers: 3, .tradeoffs: 5, .operations: 2, .recovery: 4])
    #expect(f.field == .overran)
    #expect(f.debrief.overran == .design)
    f.handle(.right)
    #expect(f.debrief.overran == .drill)
    f.handle(.left)
    f.handle(.left)
    #expect(f.debrief.overran == .estimate)
  }

  @Test func textIsTypedAndEditedAndEnterOnTheLastRowSaves() {
    var f = Self.form()
    for _ in 0..<6 { f.handle(.down) }
    for key in "why notx" { f.handle(.character(key)) }
    f.handle(.backspace)
    f.handle(.enter)
    for key in "cap it" { f.handle(.character(key)) }
    #expect(f.result == nil)
    f.handle(.enter)
    #expect(f.result == .saved(Debrief(overran: .design, why: "why not", notes: "cap it")))
  }

  @Test func escapeSkipsAndNothingMoreHappens() {
    var f = Self.form()
    f.handle(.character("3"))
    f.handle(.escape)
    #expect(f.result == .skipped)
    f.handle(.character("5"))
    #expect(f.debrief.scores == [.judgment: 3])
  }

  @Test func anEarlierDebriefPrefillsTheForm() {
    let earlier = Debrief(scores: [.recovery: 2], overran: .ops, why: "w", notes: "n")
    let f = DebriefForm(title: "T", summary: "s", mostOver: .design, existing: earlier)
    #expect(f.debrief == earlier)
  }
}
