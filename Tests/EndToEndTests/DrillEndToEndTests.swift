import Foundation
import Testing

/// The drills through the real binary in tmux: a seeded estimation drill answered right, wrong
/// by 3x and late, its record, stats over two drills, and a card drill moving due dates.
@Suite(.timeLimit(.minutes(2))) struct DrillEndToEnd {
  typealias Home = PromptEndToEnd.Home

  static func pane(_ home: Home, _ arguments: [String]) throws -> Pane {
    try Pane(
      width: 100, height: 30, arguments: ["drill"] + arguments,
      environment: ["MOCKROOM_HOME": home.path])
  }

  /// The record's lines so far (each written and fsynced before the screen shows it).
  static func lines(_ home: Home) throws -> [[String: Any]] {
    let sessions = home.path + "/sessions"
    let names = try FileManager.default.contentsOfDirectory(atPath: sessions).sorted()
    let name = try #require(names.last)
    let text = try String(contentsOfFile: sessions + "/" + name, encoding: .utf8)
    return try text.split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
  }

  /// The expected answer of the problem now showing, from its problem_shown line.
  static func expected(_ home: Home, number: Int) throws -> Double {
    let shown = try #require(
      try lines(home).first {
        $0["type"] as? String == "problem_shown" && $0["number"] as? Int == number
      })
    // The figure scored against: a whole count where the chain's last step is one.
    return try #require(shown["answer"] as? Double)
  }

  @Test func aSeededDrillAnsweredRightWrongByThreeAndLate() async throws {
    try await offThePool {
      let home = try Home()
      let pane = try Self.pane(home, ["estimate", "--seed", "11", "--time", "5s"])
      try pane.waitFor("1 of 3")
      try Self.answer(pane, home, number: 1, times: 1)
      try pane.waitFor("PASS · right on · exact")
      try pane.send("Space")
      try pane.waitFor("2 of 3")
      try Self.answer(pane, home, number: 2, times: 3)
      try pane.waitFor("NOT A PASS · 3.0x high")
      try pane.send("Space")
      try pane.waitFor("3 of 3")
      // Past the five seconds: the clock turns to LATE, and a right answer is too late.
      try pane.waitFor("LATE: past the 0:05 limit", timeout: 10)
      try Self.answer(pane, home, number: 3, times: 1)
      try pane.waitFor("(too late to pass)")
      try pane.send("Space")
      try pane.waitFor("1 of 3 passed")
      try pane.send("q")
      let after = try pane.expectExit(0)
      #expect(after.contains("mockroom: drill ") && after.contains(": 1 of 3 passed; record: "))

      let lines = try Self.lines(home)
      #expect(
        lines.map { $0["type"] as! String } == [
          "drill_started", "problem_shown", "problem_answered", "problem_shown", "problem_answered",
          "problem_shown", "problem_answered", "drill_ended",
        ])
      #expect(lines[0]["seed"] as? Int == 11 && lines[0]["limit_ms"] as? Int == 5_000)
      let answers = lines.filter { $0["type"] as? String == "problem_answered" }
      #expect(answers.map { $0["pass"] as? Bool } == [true, false, false])
      let bands = answers.map { $0["band"] as? String ?? "" }
      #expect(bands == ["exact", "order of magnitude", "exact"])
      #expect(abs((answers[1]["ratio"] as? Double ?? 0) - 3) < 0.01)
      #expect((answers[2]["elapsed_ms"] as? Int ?? 0) > 5_000)
      #expect(lines.last?["outcome"] as? String == "finished")

      // A second drill, then stats over both.
      let again = try Self.pane(
        home, ["estimate", "--seed", "12", "--count", "1", "--kind", "qps"])
      try again.waitFor("1 of 1 · QPS from DAU")
      try Self.answer(again, home, number: 1, times: 1)
      try again.waitFor("PASS · right on")
      try again.send("Space")
      try again.waitFor("1 of 1 passed")
      try again.send("q")
      try again.expectExit(0)
      let stats = try ConfigEndToEnd.mockroom(["stats", "--json"], home)
      #expect(stats.status == 0, "\(stats.stderr)")
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
      let drills = try #require((json["stats"] as? [String: Any])?["drills"] as? [String: Any])
      #expect(drills["drills"] as? Int == 2)
      let kinds = try #require(drills["estimate"] as? [[String: Any]])
      #expect(kinds.map { $0["attempts"] as? Int ?? 0 }.reduce(0, +) == 4)
      let history = try ConfigEndToEnd.mockroom(["history"], home)
      #expect(
        history.stdout.contains("drill estimate")
          && history.stdout.contains("finished: 1 of 3 passed"))
      // A debrief is a session's: of a drill it is refused in words. `last` is a session
      // everywhere; `last --drill` a drill.
      let debrief = try ConfigEndToEnd.mockroom(["debrief", "last"], home)
      #expect(debrief.status == 1 && debrief.stderr == "mockroom: no sessions yet, only drills\n")
      let none = try ConfigEndToEnd.mockroom(["show", "last"], home)
      #expect(none.status == 1 && none.stderr == "mockroom: no sessions yet, only drills\n")
      let show = try ConfigEndToEnd.mockroom(["show", "last", "--drill"], home)
      #expect(
        show.stdout.contains("estimate drill") && show.stdout.contains("QPS from DAU"),
        "\(show.stdout)")
    }
  }

  /// Types `times` the expected answer of problem `number` into its last field.
  static func answer(_ pane: Pane, _ home: Home, number: Int, times: Double) throws {
    let screen = try pane.screen()
    let steps = screen.contains("average QPS") ? 3 : 4
    for _ in 0..<(steps - 1) { try pane.send("Enter") }
    try pane.type(String(try expected(home, number: number) * times))
    try pane.send("Enter")
  }

  /// The worksheet: the problems without a clock, in a terminal and as JSON, and no record.
  @Test func aWorksheetPrintsTheProblemsWithoutAClock() throws {
    let home = try Home()
    let pane = try Self.pane(
      home, ["estimate", "--sheet", "--seed", "9", "--count", "1", "--kind", "GPUs"])
    let screen = try pane.expectExit(0)
    #expect(screen.contains("Estimation worksheet · seed 9 · 1 problem"))
    #expect(screen.contains("1. GPU fleet") && screen.contains("How many GPUs does it need?"))
    #expect(!screen.contains("Answer: "))
    let answered = try ConfigEndToEnd.mockroom(
      [
        "drill", "estimate", "--sheet", "--answers", "--seed", "9", "--count", "2", "--kind",
        "gpus",
      ],
      home)
    #expect(answered.stdout.contains("2. GPU fleet") && answered.stdout.contains("   Answer: "))
    #expect(answered.stdout.contains("Sanity: "))
    let sessions = (try? FileManager.default.contentsOfDirectory(atPath: home.path + "/sessions"))
    #expect(sessions?.isEmpty ?? true)
    let json = try ConfigEndToEnd.mockroom(
      ["drill", "estimate", "--sheet", "--json", "--seed", "9", "--count", "300"], home)
    #expect(json.status == 0, "\(json.stderr)")
    let sheet = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let problems = try #require(sheet["problems"] as? [[String: Any]])
    #expect(problems.count == 300 && problems.allSatisfy { $0["answer"] == nil })
    let refused = try ConfigEndToEnd.mockroom(["drill", "estimate", "--answers"], home)
    #expect(refused.status != 0 && refused.stderr.contains("--answers and --json go with --sheet"))
  }

  /// The slip drill: the planted step named and the answer fixed, then the record, history,
  /// stats and show.
  @Test func aSlipIsCaughtAndKeptLikeAnyDrill() throws {
    let home = try Home()
    let pane = try Self.pane(home, ["slip", "--seed", "4", "--count", "1", "--kind", "qps"])
    try pane.waitFor("slip drill · 1 of 1")
    try pane.waitFor("One step of this chain is wrong:")
    let shown = try #require(
      try Self.lines(home).first { $0["type"] as? String == "slip_shown" })
    let step = try #require(shown["step"] as? Int)
    let answer = try #require(shown["answer"] as? Double)
    try pane.type("\(step)")
    try pane.send("Enter")
    try pane.type(String(answer))
    try pane.send("Enter")
    try pane.waitFor("CAUGHT · step \(step) right")
    try pane.send("Space")
    try pane.waitFor("1 of 1 caught")
    try pane.send("q")
    let after = try pane.expectExit(0)
    #expect(after.contains(": 1 of 1 caught; record: "))
    let answered = try #require(
      try Self.lines(home).first { $0["type"] as? String == "slip_answered" })
    #expect(answered["pass"] as? Bool == true && answered["named"] as? Int == step)
    #expect((answered["spotted_ms"] as? Int ?? -1) <= (answered["elapsed_ms"] as? Int ?? 0))
    let history = try ConfigEndToEnd.mockroom(["history"], home)
    #expect(history.stdout.contains("drill slip") && history.stdout.contains("1 of 1 caught"))
    let stats = try ConfigEndToEnd.mockroom(["stats"], home)
    #expect(stats.stdout.contains("slip drill: 1 of 1 chain caught"), "\(stats.stdout)")
    // `last` is the newest session; `last --drill` the newest drill.
    let show = try ConfigEndToEnd.mockroom(["show", "last", "--drill"], home)
    #expect(
      show.stdout.contains("slip drill") && show.stdout.contains("step \(step) named (right)"))
  }

  @Test func ctrlZStepsAwayWithTheClockStandingStill() throws {
    let home = try Home()
    let pane = try Pane(
      width: 100, height: 30,
      arguments: ["drill", "estimate", "--seed", "3", "--count", "1", "--kind", "qps"],
      environment: ["MOCKROOM_HOME": home.path], jobControl: true)
    try pane.waitFor("1 of 1")
    try pane.type("12")
    // Typed and read before the stop: the terminal discards input not yet read when Ctrl-Z
    // arrives (ISIG without NOFLSH), so under load the keys could be lost with it.
    try pane.waitFor("[12_")
    try pane.send("C-z")
    try pane.waitFor("the shell to take the terminal back") { $0.contains("Stopped") }
    Thread.sleep(forTimeInterval: 2.5)
    try pane.type("fg")
    try pane.send("Enter")
    // Back where it was: the form, with what was typed.
    try pane.waitFor("[12_")
    try pane.send("Enter", "Enter")
    try pane.type("100")
    try pane.send("Enter")
    try pane.waitFor("answered in")
    try pane.send("Space")
    try pane.waitFor("of 1 passed")
    try pane.send("q")
    try pane.waitFor("mockroom: drill")
    let answered = try #require(
      try Self.lines(home).first { $0["type"] as? String == "problem_answered" })
    let elapsed = try #require(answered["elapsed_ms"] as? Int)
    let t = try #require(answered["t_ms"] as? Int)
    // The stop is not the problem's time: the record's time runs on, the answer's does not.
    #expect(t - elapsed >= 2_500, "t \(t), elapsed \(elapsed)")
  }

  @Test func aCardDrillMovesTheDueDates() throws {
    let home = try Home()
    let pane = try Self.pane(home, ["numbers", "--count", "2"])
    // New cards come in the deck's order: the 70B decode rate, then the 7B one.
    try pane.waitFor("70B BF16 model")
    try pane.type("1000")
    try pane.send("Enter")
    try pane.waitFor("RIGHT · easy")
    try pane.send("Space")
    try pane.waitFor("7B model, batched")
    try pane.type("3")
    try pane.send("Enter")
    try pane.waitFor("WRONG · again · next in 1 day")
    try pane.send("Space")
    // Missed, it comes back at the end of the drill until it is right.
    try pane.waitFor("numbers drill · 3 of 3")
    try pane.waitFor("7B model, batched")
    try pane.type("8000")
    try pane.send("Enter")
    try pane.waitFor("RIGHT · ")
    try pane.send("Space")
    try pane.waitFor("2 of 3 right")
    try pane.waitFor("came back until right: decode-7b (2 tries)")
    try pane.send("q")
    try pane.expectExit(0)
    let reviews = try Self.lines(home).filter { $0["type"] as? String == "card_reviewed" }
    #expect(reviews.map { $0["card"] as? String } == ["decode-70b", "decode-7b", "decode-7b"])
    #expect(reviews.map { $0["rating"] as? String } == ["easy", "again", "easy"])
    #expect(reviews.map { $0["interval_days"] as? Int } == [8, 1, 1])
    let status = try ConfigEndToEnd.mockroom(["drill", "status"], home)
    #expect(status.status == 0)
    let rows = status.stdout.split(separator: "\n").map {
      $0.split(separator: " ").joined(separator: " ")
    }
    #expect(rows.contains { $0.hasPrefix("decode-70b in 8 days 8.3 days") }, "\(status.stdout)")
    // Reviewed twice (again, then easy on the same day).
    #expect(rows.contains { $0.hasPrefix("decode-7b in 1 day 0.4 days 5.2 2") }, "\(status.stdout)")
    #expect(rows.contains { $0.hasPrefix("h100-hbm new") })
    // The next drill: nothing is due today, so the new cards come next.
    let next = try Self.pane(home, ["numbers", "--count", "1"])
    try next.waitFor("HBM on one H100 SXM?")
    try next.send("q", "y")
    try next.expectExit(0)
  }
}
