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

  /// Without `timeout`: these tests set PATH to a folder of their own.
  static func bare(_ arguments: [String], _ home: Home, _ extra: [String: String]) throws -> Output
  {
    try runProcess([Binary.path] + arguments, environment: home.environment.merging(extra) { $1 })
  }

  @Test func showTakesRunsBudgetsAndSaysThePlanAsRunWouldStartIt() throws {
    let home = try Home()
    let show = try Self.mockroom(["config", "show", "--budget", "design=20m"], home)
    #expect(show.status == 0, "\(show.stderr)")
    #expect(
      show.stdout.contains(
        "clarify 5:00, estimate 5:00, design 20:00, drill 15:00, ops 5:00 (50:00)  flag"),
      "\(show.stdout)")
    let plain = try Self.mockroom(["config", "show", "--plan", "screen-35"], home)
    #expect(plain.stdout.contains("(35:00)  plan"), "\(plain.stdout)")
    let bad = try Self.mockroom(["config", "show", "--budget", "desing=20m"], home)
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("'desing' is not a phase"), "\(bad.stderr)")
  }

  /// config check finds what run refuses, and what would fail each time it came: a plan that
  /// does not exist (in the file and in a variable), a hook program not on PATH, speak and
  /// notify with nothing to use, and a hooks/ file whose name is no event.
  @Test func checkFindsWhatRunWouldRefuseOrFailAt() throws {
    let home = try Home()
    let bin = home.path + "/bin"
    try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
    try home.write(
      "config.yaml",
      "plan: screen35\nhooks:\n  cue-fired:\n    - [no-such-program-here, x]\n    - speak\n"
        + "    - notify\n  session-ended:\n    - [true]\n")
    try home.write("hooks/cue-fird", "#!/bin/sh\n")
    chmod(home.path + "/hooks/cue-fird", 0o755)
    let bare = ["PATH": bin, "DBUS_SESSION_BUS_ADDRESS": "", "XDG_RUNTIME_DIR": ""]
    let check = try Self.bare(["config", "check"], home, bare)
    #expect(check.status == 1)
    let file = home.path + "/config.yaml"
    for expected in [
      "\(file):1:7: 'plan': no plan 'screen35'. Did you mean 'screen-35'?",
      "\(file):4:7: a hook of 'cue-fired': no program 'no-such-program-here' on PATH",
      "\(file):5:7: a hook of 'cue-fired': speak finds no speech program on PATH",
      "\(file):6:7: a hook of 'cue-fired': notify needs notify-send, which is not on PATH",
      "\(home.path)/hooks/cue-fird: no event is called 'cue-fird' (did you mean 'cue-fired'?)",
      "\(file): 6 problems.",
    ] {
      #expect(check.stdout.contains(expected), "\(expected)\n\(check.stdout)")
    }
    // `true` is not on this PATH either: the sixth problem is its hook.
    #expect(check.stdout.contains("no program 'true' on PATH"))
    // run refuses the plan in the same words.
    let run = try Self.mockroom(["run"], home)
    #expect(run.status == 2)
    #expect(
      run.stderr.contains("\(file):1:7: 'plan': no plan 'screen35'. Did you mean 'screen-35'?"),
      "\(run.stderr)")
    // And config show, which says where each setting comes from, says where this one did.
    let show = try Self.mockroom(["config", "show", "--budget", "design=20m"], home)
    #expect(show.status == 2)
    #expect(show.stderr.contains("\(file):1:7: 'plan': no plan 'screen35'"), "\(show.stderr)")
    // The hooks' listing names the stray file too.
    let hooks = try Self.bare(["hooks"], home, ["PATH": bin])
    #expect(
      hooks.stderr.contains("hooks/cue-fird: no event is called 'cue-fird'"), "\(hooks.stderr)")
    // A variable's plan is named by the variable.
    try home.write("config.yaml", "bell: off\n")
    try FileManager.default.removeItem(atPath: home.path + "/hooks/cue-fird")
    let variable = try Self.mockroom(["config", "check"], home, ["MOCKROOM_PLAN": "nope"])
    #expect(variable.status == 1)
    #expect(variable.stdout.contains("MOCKROOM_PLAN: no plan 'nope'."), "\(variable.stdout)")
    #expect(try Self.mockroom(["config", "check"], home).status == 0)
  }

  @Test func notifyWithoutADesktopSessionIsSaid() throws {
    let home = try Home()
    let bin = home.path + "/bin"
    try home.write("bin/notify-send", "#!/bin/sh\n")
    chmod(bin + "/notify-send", 0o755)
    try home.write("config.yaml", "hooks:\n  phase-entered:\n    - notify\n")
    let env = ["PATH": bin, "DBUS_SESSION_BUS_ADDRESS": "", "XDG_RUNTIME_DIR": home.path]
    let check = try Self.bare(["config", "check"], home, env)
    #expect(check.status == 1)
    #expect(check.stdout.contains(":3:7: a hook of 'phase-entered': notify has no desktop session"))
    let withBus = try Self.bare(
      ["config", "check"], home, env.merging(["DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"]) { $1 })
    #expect(withBus.status == 0, "\(withBus.stdout)")
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
