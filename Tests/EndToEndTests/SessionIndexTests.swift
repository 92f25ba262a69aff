import Foundation
import Glibc
import MockCore
import Testing

@testable import mockroom

/// The derived index: a summary goes in and comes back as it was, whatever it holds.
@Suite struct SessionIndexTests {
  static var rich: SessionSummary {
    let plan = Plan(name: "custom", budgets: [60_000, 120_000, 900_000, 600_000, 300_000])
    var pivot = Banner(
      number: 1, cue: "audio", kind: .pivot, text: "Now audio <b>&</b> 'quotes'", phase: .design,
      shownAt: 200_000, late: 2_500)
    pivot.fate = .acknowledged(at: 203_000)
    pivot.reply = .replanned(at: 240_000)
    var minute = Banner(
      number: 2, cue: "phase-minute", kind: .oneMinute, phase: .design, shownAt: 900_000)
    minute.fate = .retired(at: 960_000)
    var summary = SessionSummary(
      id: "20261121-100000-x", title: "Téléphone ☎ feed", prompt: nil,
      started: "2026-11-21T10:00:00.000Z", plan: plan, seed: UInt64.max - 3,
      ending: Ending(outcome: .abandoned, reason: .signal("SIGTERM")), active: 1_000_000,
      length: 1_100_000,
      phases: Phase.allCases.map {
        SessionSummary.PhaseTime(
          phase: $0, budget: plan[$0], actual: $0 <= .design ? 123_456 + Millis($0.rawValue) : 0,
          reached: $0 <= .design)
      }, drillStart: nil, opsStart: nil, banners: [pivot, minute],
      marks: [
        .init(t: 5, mark: .recovery(.similar), source: .interviewer),
        .init(t: 6, mark: .checkin),
        .init(t: 7, mark: .fabricatedNumber, source: .ctl),
      ],
      debrief: Debrief(
        scores: [.numbers: 2, .recovery: 5], overran: .clarify, why: "é", notes: ""),
      // Rebalanced on the way: clarify gave a minute to estimate.
      startPlan: Plan(name: "custom", budgets: [120_000, 60_000, 900_000, 600_000, 300_000]))
    summary.interviewerDebrief = Debrief(scores: [.judgment: 1], why: "", notes: "line\nbreak")
    summary.interviewerDebrief?.by = "Ana \"R\" ☎"
    summary.interviewer = "Ana"
    summary.notes = [.init(t: 9, text: "a \"note\"", source: .interviewer)]
    return summary
  }

  static func entry(_ summary: SessionSummary?, name: String, warnings: [String] = [])
    -> SessionIndex.Entry
  {
    SessionIndex.Entry(
      name: name,
      identity: .init(device: 1, inode: 2, size: 3, modifiedNs: 4, changedNs: 5),
      takenTo: 3, summary: summary, warnings: warnings)
  }

  @Test func aSummaryComesBackAsItWentIn() throws {
    let index = SessionIndex(path: nil)
    try index.store(
      [Self.entry(Self.rich, name: "a.jsonl", warnings: ["one", "two"])], removing: [],
      directory: "/d")
    let one = try #require(try index.entries(directory: "/d", name: "a.jsonl").first)
    #expect(one.summary == Self.rich)
    #expect(one.warnings == ["one", "two"])
    #expect(one.identity == .init(device: 1, inode: 2, size: 3, modifiedNs: 4, changedNs: 5))
    // Listing every record leaves the banners' words out (only `show` prints them).
    let all = try index.entries(directory: "/d")
    var withoutTexts = Self.rich
    for i in withoutTexts.banners.indices { withoutTexts.banners[i].text = nil }
    #expect(all.map(\.summary) == [withoutTexts])
    #expect(try index.entries(directory: "/elsewhere").isEmpty)
  }

  @Test func aRecordWithoutASessionAndAForgottenOneAreKeptApart() throws {
    let index = SessionIndex(path: nil)
    try index.store(
      [
        Self.entry(nil, name: "broken.jsonl", warnings: ["no start"]),
        Self.entry(Self.rich, name: "b.jsonl"),
      ], removing: [], directory: "/d")
    try index.store([], removing: ["b.jsonl"], directory: "/d")
    let left = try index.entries(directory: "/d")
    #expect(left.map(\.name) == ["broken.jsonl"])
    #expect(left.first?.summary == nil)
    #expect(left.first?.warnings == ["no start"])
  }

  @Test func anIndexOfAnotherVersionIsRebuiltAndOneThatIsBusyIsLeftAlone() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mockroom-index-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/index.sqlite"
    try SessionIndex(path: path).store(
      [Self.entry(Self.rich, name: "a.jsonl")], removing: [], directory: "/d")
    // Another process holds the index in an exclusive transaction: this one waits, gives up,
    // and keeps its answers in memory, without removing what the other is writing.
    do {
      let holder = try SQLiteDatabase(path: path)
      try holder.execute("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT")
      let busy = SessionIndex(path: path)
      #expect(busy.path == ":memory:", "a busy index is not used")
      #expect(busy.notices.first?.contains("locked") == true, "\(busy.notices)")
    }
    #expect(try SessionIndex(path: path).entries(directory: "/d").count == 1, "still there")
    // Another schema version: thrown away and made anew, empty.
    try SQLiteDatabase(path: path).execute("PRAGMA user_version = 99")
    let rebuilt = SessionIndex(path: path)
    #expect(rebuilt.path == path)
    #expect(try rebuilt.entries(directory: "/d").isEmpty)
  }

  @Test func anIndexOnDiskSurvivesReopeningAndRebuildsFromGarbage() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("mockroom-index-\(UUID().uuidString)/index.sqlite").path
    defer {
      try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
    try SessionIndex(path: path).store(
      [Self.entry(Self.rich, name: "a.jsonl")], removing: [], directory: "/d")
    #expect(try SessionIndex(path: path).entries(directory: "/d", name: "a.jsonl").count == 1)
    // Garbage where the index was: opened afresh, empty, and usable.
    for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
    try Data(repeating: 0xA5, count: 10_000).write(to: URL(fileURLWithPath: path))
    let rebuilt = SessionIndex(path: path)
    #expect(rebuilt.path == path)
    #expect(try rebuilt.entries(directory: "/d").isEmpty)
  }
}
