import Foundation
import Testing

/// config.yaml through the real binary: what it sets, where each value came from, and what
/// a mistake in it does.
@Suite(.timeLimit(.minutes(2))) struct ConfigEndToEnd {
  typealias Home = PromptEndToEnd.Home

  static func mockroom(_ arguments: [String], _ home: Home, _ extra: [String: String] = [:])
    throws -> Output
  {
    try runProcess(
      ["timeout", "20", Binary.path] + arguments,
      environment: home.environment.merging(extra) { $1 })
  }

  @Test func aTypoIsAWarningAndTheRestIsUsed() throws {
    let home = try Home()
    try home.write("config.yaml", "plan: screen-35\npivot: 2\n")
    let check = try Self.mockroom(["config", "check"], home)
    #expect(check.status == 1)
    #expect(
      check.stdout.contains(
        home.path + "/config.yaml:2:1: unknown setting 'pivot' (did you mean 'pivots'?)"),
      "\(check.stdout)")
    let pane = try Pane(
      width: 100, height: 30, arguments: ["run", "--no-pivots"],
      environment: ["MOCKROOM_HOME": home.path])
    try pane.waitFor("/ 35:00")  // the plan from the file
    try pane.send("q", "y")
    try pane.expectExit(0)
  }

  @Test func aValueOfTheWrongKindStopsTheRunWithItsPlace() throws {
    let home = try Home()
    try home.write("config.yaml", "bell: on\npivots: many\n")
    let run = try Self.mockroom(["run"], home)
    #expect(run.status == 2)
    #expect(
      run.stderr == "mockroom: \(home.path)/config.yaml:2:9: 'pivots': give a number "
        + "from 0 to 9\n", "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: home.path + "/sessions"))
    // --help and --version never read it.
    #expect(try Self.mockroom(["--version"], home).status == 0)
    #expect(try Self.mockroom(["run", "--help"], home).status == 0)
  }

  @Test func showSaysWhereEveryValueCameFrom() throws {
    let home = try Home()
    try home.write("config.yaml", "bell: off\npivots: 4\n")
    let show = try Self.mockroom(
      ["config", "show", "--pivots", "1", "--no-checkin-reminder"], home,
      ["MOCKROOM_PLAN": "loop-60"])
    #expect(show.status == 0, "\(show.stderr)")
    let rows = show.stdout.split(separator: "\n").map {
      $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    }
    #expect(rows.contains(["plan", "loop-60", "environment"]), "\(show.stdout)")
    #expect(rows.contains(["bell", "off", "file"]))
    #expect(rows.contains(["pivots", "1", "flag"]))
    #expect(rows.contains(["checkin_reminder", "false", "flag"]))
    #expect(rows.contains(["color", "auto", "default"]))
  }

  @Test func initWritesTheDefaultsOnceAndReplacesThemOnlyWhenTold() throws {
    let home = try Home()
    let first = try Self.mockroom(["config", "init"], home)
    #expect(first.status == 0)
    let path = home.path + "/config.yaml"
    #expect(try String(contentsOfFile: path, encoding: .utf8).contains("plan: standard"))
    #expect(try Self.mockroom(["config", "check"], home).status == 0)
    try home.write("config.yaml", "bell: off\n")
    let again = try Self.mockroom(["config", "init"], home)
    #expect(again.status == 1)
    #expect(again.stderr.contains("exists; 'mockroom config init --force' replaces it"))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "bell: off\n")
    #expect(try Self.mockroom(["config", "init", "--force"], home).status == 0)
    #expect(try String(contentsOfFile: path, encoding: .utf8).contains("plan: standard"))
    #expect(try Self.mockroom(["config", "path"], home).stdout == path + "\n")
  }
}
