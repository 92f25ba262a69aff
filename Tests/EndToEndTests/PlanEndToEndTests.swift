import Foundation
import Testing

/// Plans through the real binary: the commands, a session on a plan of one's own, and what the
/// review makes of it.
@Suite(.timeLimit(.minutes(2))) struct PlanEndToEnd {
  typealias Home = PromptEndToEnd.Home

  static func mockroom(_ arguments: [String], _ home: Home) throws -> Output {
    try runProcess(["timeout", "20", Binary.path] + arguments, environment: home.environment)
  }

  static let quick = "description: A quick screen.\nbudgets: {design: 12m, ops: 90s}\n"

  @Test func listShowAndCheckNameEveryPlanAndEveryProblemWithItsPlace() throws {
    let home = try Home()
    try home.write("plans/quick.yaml", Self.quick)
    try home.write("plans/typo.yaml", "description: x\nbudgets: {desing: 12m}\n")
    let where_ =
      home.path + "/plans/typo.yaml:2:11: unknown phase 'desing' (did you mean 'design'?)"

    let list = try Self.mockroom(["plans", "list"], home)
    #expect(list.status == 0, "\(list.stderr)")
    for name in ["standard", "screen-35", "loop-60"] {
      #expect(list.stdout.contains("\(name) "), "\(name) in \(list.stdout)")
    }
    #expect(list.stdout.contains("quick      38:30"), "\(list.stdout)")
    #expect(list.stderr.contains("mockroom: " + where_), "\(list.stderr)")

    let check = try Self.mockroom(["plans", "check"], home)
    #expect(check.status == 1)
    #expect(check.stdout.contains(where_), "\(check.stdout)")
    #expect(check.stdout.contains("5 plan files checked; 1 with problems."), "\(check.stdout)")
    let one = try Self.mockroom(["plans", "check", home.path + "/plans/quick.yaml"], home)
    #expect(one.status == 0, "\(one.stdout)")

    let shown = try Self.mockroom(["plans", "show", "quick"], home)
    #expect(shown.status == 0)
    #expect(shown.stdout.hasPrefix("quick: 38:30 (user)\nA quick screen.\n"), "\(shown.stdout)")
    let unknown = try Self.mockroom(["plans", "show", "quik"], home)
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("no plan 'quik'. Did you mean 'quick'?"), "\(unknown.stderr)")
  }

  @Test func aSessionOnAPlanOfOnesOwnIsRecordedByNameAndReviewedByIt() throws {
    let home = try Home()
    try home.write("plans/quick.yaml", Self.quick)
    let pane = try Pane(
      width: 100, height: 30,
      arguments: ["run", "--plan", "quick", "--budget", "ops=2m", "--no-pivots"],
      environment: ["MOCKROOM_HOME": home.path])
    // The session line reads 0:00 / 39:00: the plan's 38:30 with ops at 2 minutes.
    try pane.waitFor("/ 39:00")
    try pane.send("q", "y")
    try pane.expectExit(0)

    let names = try FileManager.default.contentsOfDirectory(atPath: home.path + "/sessions")
    let record = try #require(names.first)
    let first = try #require(
      try String(contentsOfFile: home.path + "/sessions/" + record, encoding: .utf8)
        .split(separator: "\n").first)
    let start = try #require(
      try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
    let plan = try #require(start["plan"] as? [String: Any])
    #expect(plan["name"] as? String == "quick")
    let budgets = try #require(plan["budgets_ms"] as? [String: Int])
    #expect(
      budgets == [
        "clarify": 300_000, "estimate": 300_000, "design": 720_000,
        "drill": 900_000, "ops": 120_000,
      ])

    let history = try Self.mockroom(["history"], home)
    #expect(history.stdout.contains(" quick "), "\(history.stdout)")
    func sessions(_ plan: String) throws -> Int? {
      let out = try Self.mockroom(["stats", "--json", "--plan", plan], home)
      let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
      return (json?["stats"] as? [String: Any])?["sessions"] as? Int
    }
    #expect(try sessions("quick") == 1)
    #expect(try sessions("standard") == 0)
  }

  @Test func aPlanFileWithAProblemStopsTheRunWithItsPlaceAndWritesNoRecord() throws {
    let home = try Home()
    try home.write("bad.yaml", "description: x\nbudgets: {design: soon}\n")
    let out = try Self.mockroom(["run", "--plan", home.path + "/bad.yaml"], home)
    #expect(out.status == 2)
    #expect(
      out.stderr.hasPrefix("mockroom: \(home.path)/bad.yaml:2:19: 'design': 'soon' is not a "),
      "\(out.stderr)")
    #expect(!FileManager.default.fileExists(atPath: home.path + "/sessions"))
  }

  /// Time moves between phases by key and by `ctl`, keeps the total, is in the record with who
  /// moved it, and `show` puts the plan as it began beside the plan as it ended.
  @Test func rebalancingByKeyAndByCtlKeepsTheTotalAndShowsThePlanAsItBegan() throws {
    let home = try Home()
    let runtime = try Runtime()
    let pane = try Pane(
      width: 100, height: 30, arguments: ["run", "--no-pivots"],
      environment: ["MOCKROOM_HOME": home.path, "XDG_RUNTIME_DIR": runtime.path])
    try pane.waitFor("CLARIFY")
    try pane.send("n")
    try pane.waitFor("ESTIMATE")
    try pane.send("]")
    // The strip's estimate budget, which stays (the notice that says so lasts three seconds).
    try pane.waitFor("/ 6:00")
    _ = try runtime.waitForSocket()
    let back = try runtime.mockroom(["ctl", "rebalance", "-2m"])
    #expect(back.status == 0, "\(back.stderr)")
    let status = try runtime.mockroom(["ctl", "status", "--json"])
    #expect(status.stdout.contains("\"phase_budget_ms\":240000"), "\(status.stdout)")
    #expect(status.stdout.contains("\"plan_ms\":2700000"), "\(status.stdout)")
    let tooMuch = try runtime.mockroom(["ctl", "rebalance", "-4m"])
    #expect(tooMuch.status == 1)
    #expect(tooMuch.stderr.contains("a phase keeps at least a minute"), "\(tooMuch.stderr)")
    try pane.send("q", "y")
    try pane.expectExit(0)

    let names = try FileManager.default.contentsOfDirectory(atPath: home.path + "/sessions")
    let text = try String(
      contentsOfFile: home.path + "/sessions/" + (try #require(names.first)), encoding: .utf8)
    let moves = try text.split(separator: "\n").compactMap { line -> [String: Any]? in
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      return object?["type"] as? String == "rebalanced" ? object : nil
    }
    #expect(moves.map { $0["moved_ms"] as? Int } == [60_000, -120_000])
    #expect(moves.map { $0["source"] as? String } == ["candidate", "ctl"])
    #expect(
      moves.allSatisfy {
        $0["phase"] as? String == "estimate" && $0["other"] as? String == "design"
      })

    let show = try Self.mockroom(["show", "last"], home)
    let lines = show.stdout.split(separator: "\n")
    #expect(
      lines.contains { $0.hasPrefix("estimate") && $0.hasSuffix("/ 4:00  (began 5:00)") },
      "\(show.stdout)")
    #expect(
      lines.contains {
        $0.hasPrefix("design") && $0.hasSuffix("not reached (16:00)  (began 15:00)")
      }, "\(show.stdout)")
    #expect(lines.contains { $0.hasPrefix("clarify") && !$0.contains("began") })
  }
}
