import Foundation
import Glibc
import Testing

/// The review commands through the real binary, over sessions run in tmux.
@Suite(.timeLimit(.minutes(2))) struct ReviewEndToEnd {
  static let quick = [
    "run", "--no-pivots", "--prompt", "video-recs", "--budget", "clarify=1s", "--budget",
    "estimate=1s", "--budget", "design=1s", "--budget", "drill=1s", "--budget", "ops=1s",
  ]

  static func review(_ pane: Pane, _ arguments: String...) throws -> Output {
    var environment = ProcessInfo.processInfo.environment
    environment["MOCKROOM_HOME"] = pane.directory.appendingPathComponent("home").path
    return try runProcess([Binary.path] + arguments, environment: environment)
  }

  /// `mockroom debrief last`, scored judgment 5 and tradeoffs 3, with "left too early" as what
  /// to change next time.
  static func debriefLast(_ pane: Pane) throws {
    try pane.run(["debrief", "last"])
    try pane.waitFor("DEBRIEF")
    try pane.send("Down", "Down", "3", "Up", "Up", "Up", "5")
    try pane.send("Down", "Down", "Down", "Down", "Down", "Enter")
    try pane.type("left too early")
    try pane.send("Enter")
  }

  @Test func twoSessionsThenStatsReportsWhatTheyDid() throws {
    let pane = try Pane(width: 80, height: 24, jobControl: true)
    for round in 0..<2 {
      try pane.run(Self.quick)
      try pane.waitFor("CLARIFY · phase 1 of 5")
      // Clarify a whole second over its second: under a second past is not an overrun.
      try pane.waitFor("spent 0:02")
      for _ in 0..<4 { try pane.send("Space") }
      try pane.waitFor("OPS · phase 5 of 5")
      try pane.send("q", "y")
      try pane.waitFor("DEBRIEF")
      try pane.send("Escape")
      try pane.waitFor("mockroom: session")
      if round == 0 { try pane.clear() }
    }
    let out = try Self.review(pane, "stats", "--json")
    #expect(out.status == 0)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    #expect(json["v"] as? Int == 1)
    let stats = try #require(json["stats"] as? [String: Any])
    #expect(stats["sessions"] as? Int == 2)
    #expect(stats["incomplete"] as? Int == 0)
    #expect(stats["reached_ops_share"] as? Double == 1)
    let phases = try #require(stats["phases"] as? [[String: Any]])
    let clarify = try #require(phases.first)
    #expect(clarify["phase"] as? String == "clarify")
    #expect(clarify["sessions"] as? Int == 2)
    #expect(clarify["budget_ms"] as? Int == 1_000)
    #expect(clarify["overrun_rate"] as? Double == 1)
    #expect((clarify["median_ms"] as? Int ?? 0) > 1_000)
    #expect((clarify["overruns_ms"] as? [Int])?.count == 2)
    let history = try Self.review(pane, "history")
    #expect(history.stdout.split(separator: "\n").count == 3)
    #expect(history.stdout.contains("clarify +0:0"))
    let csv = try Self.review(pane, "stats", "--csv")
    #expect(csv.stdout.split(separator: "\n").count == 1 + 2 * 5)
  }

  @Test func aSessionKilledInDesignIsIncompleteAndShowsItsPhasesUpToTheKill() throws {
    let pane = try Pane(
      width: 80, height: 24,
      arguments: ["run", "--budget", "clarify=1s", "--budget", "estimate=1s"])
    try pane.waitFor("CLARIFY")
    try pane.send("Space")
    try pane.waitFor("ESTIMATE")
    try pane.send("Space")
    try pane.waitFor("DESIGN · phase 3 of 5")
    Thread.sleep(forTimeInterval: 1.1)
    let pid = try pane.mockroomPID()
    try pane.signal(SIGKILL)
    // Nothing can restore the terminal after SIGKILL and the pane's output lands garbled on a
    // raw screen, so wait for the process to be gone rather than for what it printed.
    let deadline = Date().addingTimeInterval(10)
    while kill(pid, 0) == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    #expect(kill(pid, 0) != 0)
    let history = try Self.review(pane, "history")
    #expect(history.status == 0)
    #expect(history.stdout.contains("incomplete"))
    let show = try Self.review(pane, "show", "last")
    #expect(show.status == 0)
    #expect(show.stdout.contains("incomplete (the record stops at"))
    #expect(show.stdout.contains("drill    "))
    #expect(show.stdout.contains("not reached"))
    let json = try Self.review(pane, "show", "last", "--json")
    let detail = try #require(
      (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["show"]
        as? [String: Any])
    let session = try #require(detail["session"] as? [String: Any])
    #expect(session["incomplete"] as? Bool == true)
    #expect(session["reason"] as? String == "found_incomplete")
    #expect(session["outcome"] == nil)
    let phases = try #require(session["phases"] as? [[String: Any]])
    #expect(phases.map { $0["reached"] as? Bool } == [true, true, true, false, false])
  }

  @Test func theDebriefIsFilledWithKeysAndAppearsInShow() throws {
    let pane = try Pane(width: 80, height: 24, arguments: Self.quick)
    try pane.waitFor("CLARIFY")
    for _ in 0..<4 { try pane.send("Space") }
    try pane.waitFor("OPS")
    try pane.send("Space")
    try pane.waitFor("Finish the session?")
    try pane.send("y")
    try pane.waitFor("DEBRIEF")
    try pane.send("4", "3", "5", "2", "4", "Right", "Enter")
    try pane.type("too many questions")
    try pane.send("Enter")
    try pane.type("cap clarify")
    try pane.send("Enter")
    try pane.expectExit(0)
    let show = try Self.review(pane, "show", "last")
    #expect(show.stdout.contains("judgment under ambiguity      4/5"))
    #expect(show.stdout.contains("operational realism           2/5"))
    #expect(show.stdout.contains("— too many questions"))
    #expect(show.stdout.contains("next time: cap clarify"))
    let records = try #require(try pane.records().first)
    #expect(records.last?["type"] as? String == "debrief")
  }

  @Test func debriefLastFillsInAnAbandonedSessionLater() throws {
    let pane = try Pane(width: 80, height: 24, jobControl: true)
    try pane.run(Self.quick)
    try pane.waitFor("CLARIFY")
    try pane.send("q", "y")  // abandoned in clarify: no debrief screen
    try pane.waitFor("mockroom: session")
    try Self.debriefLast(pane)
    try pane.waitFor("saved in")
    let show = try Self.review(pane, "show", "last")
    #expect(show.stdout.contains("judgment under ambiguity      5/5"))
    #expect(show.stdout.contains("tradeoff awareness            3/5"))
    #expect(show.stdout.contains("numerical fluency             -"))
    #expect(show.stdout.contains("next time: left too early"))
  }

  /// The sessions directory mounted read-only (tests run as root, whom chmod does not stop):
  /// the debrief typed is kept in a file of its own, said with the way to add it, and once the
  /// directory can be written, adding it as said puts it in the session's review.
  @Test(.enabled(if: TinyDisk.available))
  func aDebriefTypedIntoAReadOnlyDirectoryIsKeptAndSaidWhere() throws {
    let keep = FileManager.default.temporaryDirectory
      .appendingPathComponent("mockroom-keep-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: keep) }
    let pane = try Pane(width: 80, height: 24, environment: ["TMPDIR": keep], jobControl: true)
    try pane.run(Self.quick)
    try pane.waitFor("CLARIFY")
    try pane.send("q", "y")
    try pane.waitFor("mockroom: session")
    let sessions = pane.sessions
    let record = try #require(try FileManager.default.contentsOfDirectory(atPath: sessions).first)
    // The record's last line torn, as a crash leaves it: the line kept must still stand alone
    // when added as the message says.
    let handle0 = try FileHandle(forWritingTo: URL(fileURLWithPath: sessions + "/" + record))
    handle0.seekToEndOfFile()
    handle0.write(Data("{\"v\":4,\"typ".utf8))
    try handle0.close()
    let before = try String(contentsOfFile: sessions + "/" + record, encoding: .utf8)
    #expect(try runProcess(["mount", "--bind", sessions, sessions]).status == 0)
    defer { _ = try? runProcess(["umount", "-l", sessions]) }
    #expect(try runProcess(["mount", "-o", "remount,bind,ro", sessions]).status == 0)
    try Self.debriefLast(pane)
    // The whole message, to its last word (the record's path, wrapped across rows), not only
    // its start: the assertions below read all of it.
    let target = sessions + "/" + record
    let screen = try pane.waitFor("the whole message") {
      $0.replacingOccurrences(of: "\n", with: "").contains(">> " + target)
    }
    #expect(screen.contains("read-only file system"), "\(screen)")
    let kept = try FileManager.default.contentsOfDirectory(atPath: keep).filter {
      $0.hasSuffix("-debrief.jsonl")
    }
    #expect(kept.count == 1)
    let file = keep + "/" + (kept.first ?? "")
    let line = try String(contentsOfFile: file, encoding: .utf8)
    #expect(line.contains("\"type\":\"debrief\""))
    #expect(line.contains("left too early"))
    #expect(try String(contentsOfFile: sessions + "/" + record, encoding: .utf8) == before)
    // Writable again: the line added as the message says is the session's debrief, and the
    // torn line is named and skipped.
    #expect(try runProcess(["umount", sessions]).status == 0)
    #expect(screen.replacingOccurrences(of: "\n", with: "").contains("cat \(file) >> \(target)"))
    #expect(try runProcess(["sh", "-c", "cat '\(file)' >> '\(target)'"]).status == 0)
    let show = try Self.review(pane, "show", "last")
    #expect(show.stdout.contains("next time: left too early"), "\(show.stdout)")
    #expect(show.stderr.contains("not valid JSON; line skipped"), "\(show.stderr)")
  }

  @Test func noSessionsYetIsFriendlyAndAcorruptLineIsNamed() throws {
    let home = try PromptEndToEnd.Home()
    for command in [["history"], ["stats"], ["show", "last"]] {
      let out = try runProcess([Binary.path] + command, environment: home.environment)
      #expect(out.status == 0)
      #expect(out.stdout.hasPrefix("no sessions yet"))
    }
    try home.write(
      "sessions/20261121-100000-x.jsonl",
      "{\"v\":2,\"type\":\"session_started\",\"t_ms\":0,\"wall\":\"2026-11-21T10:00:00.000Z\","
        + "\"id\":\"20261121-100000-x\",\"title\":\"X\",\"program\":\"0\",\"plan\":"
        + "{\"name\":\"standard\",\"budgets_ms\":{\"clarify\":300000,\"estimate\":300000,"
        + "\"design\":900000,\"drill\":900000,\"ops\":300000}}}\n{oops\n")
    try home.write("sessions/20261121-110000-y.jsonl", "{\"v\":7,\"type\":\"paused\"}\n")
    let out = try runProcess([Binary.path, "history"], environment: home.environment)
    #expect(out.status == 0)
    #expect(out.stderr.contains("20261121-100000-x.jsonl:2: not valid JSON; line skipped"))
    #expect(out.stderr.contains("20261121-110000-y.jsonl:1: written by a newer mockroom"))
    #expect(out.stdout.contains("20261121-100000-x"))
    #expect(out.stdout.contains("incomplete"))
    // Again, from the index: the same lines and the same warnings.
    let again = try runProcess([Binary.path, "history"], environment: home.environment)
    #expect(again.stdout == out.stdout)
    #expect(again.stderr == out.stderr)
    #expect(FileManager.default.fileExists(atPath: home.path + "/cache/index.sqlite"))
    // A damaged index is rebuilt: everything is read again.
    try home.write("cache/index.sqlite", "not an index")
    let damaged = try runProcess([Binary.path, "history"], environment: home.environment)
    #expect(damaged.stdout == out.stdout)
    // A record that grows is read again, not served stale from the index.
    let handle = try #require(
      FileHandle(forWritingAtPath: home.path + "/sessions/20261121-100000-x.jsonl"))
    handle.seekToEndOfFile()
    handle.write(
      Data(
        ("{\"v\":2,\"type\":\"session_ended\",\"t_ms\":1000,\"wall\":\"w\","
          + "\"outcome\":\"abandoned\",\"reason\":\"quit\",\"active_ms\":1000}\n").utf8))
    handle.closeFile()
    let grown = try runProcess([Binary.path, "history"], environment: home.environment)
    #expect(!grown.stdout.contains("incomplete"))
    #expect(grown.stdout.contains("abandoned"))
  }
}
