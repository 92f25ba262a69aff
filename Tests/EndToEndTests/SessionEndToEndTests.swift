import Foundation
import Glibc
import Testing

/// Drives the real built binary in tmux: keys in, screen and saved record out.
@Suite(.timeLimit(.minutes(2))) struct SessionEndToEnd {
  static let shortPlan = [
    "--budget", "clarify=2s", "--budget", "estimate=2s", "--budget", "design=2s",
    "--budget", "drill=2s", "--budget", "ops=1s",
  ]

  @Test func aWholeSessionRunsThroughAllFivePhasesAndIsRecorded() throws {
    let pane = try Pane(arguments: Self.shortPlan)
    let first = try pane.waitFor("CLARIFY · phase 1 of 5")
    // The big block-digit countdown changes on its own, second by second.
    try pane.waitFor("the countdown digits to change") { bigDigits($0) != bigDigits(first) }
    try pane.waitFor("spent 0:01")
    try pane.waitFor("OVER")
    for name in ["ESTIMATE · phase 2", "DESIGN · phase 3", "DRILL · phase 4", "OPS · phase 5"] {
      try pane.send("Space")
      try pane.waitFor(name)
    }
    try pane.waitFor("OVER")
    try pane.send("q")
    try pane.waitFor("End the session now?")
    try pane.send("x")  // any other key keeps going
    try pane.waitFor("keeps going") { !$0.contains("End the session now?") && $0.contains("OPS") }
    try pane.send("q")
    try pane.waitFor("End the session now?")
    try pane.send("y")
    // A finished session asks for a debrief; Esc skips it and writes nothing.
    try pane.waitFor("DEBRIEF")
    try pane.send("Escape")
    let screen = try pane.expectExit(0)
    #expect(screen.contains("finished after"))

    let records = try pane.records()
    try #require(records.count == 1)
    let lines = records[0]
    // The phases, with the coaching cues they crossed (clarify over, drill late, …) set aside.
    #expect(
      lines.map { $0["type"] as? String }.filter { $0 != "cue_fired" } == [
        "session_started", "phase_entered",
        "phase_left", "phase_entered", "phase_left", "phase_entered",
        "phase_left", "phase_entered", "phase_left", "phase_entered",
        "phase_left", "session_ended",
      ])
    #expect(lines.contains { $0["type"] as? String == "cue_fired" })
    for line in lines {
      #expect(line["v"] as? Int == 4)
      #expect((line["wall"] as? String)?.hasSuffix("Z") == true)
    }
    let times = lines.compactMap { $0["t_ms"] as? Int }
    #expect(times == times.sorted())
    let started = lines[0]
    let budgets = (started["plan"] as? [String: Any])?["budgets_ms"] as? [String: Int]
    #expect(
      budgets == ["clarify": 2000, "estimate": 2000, "design": 2000, "drill": 2000, "ops": 1000])
    let clarify = try #require(lines.first { $0["type"] as? String == "phase_left" })
    #expect(clarify["phase"] as? String == "clarify")
    #expect((clarify["elapsed_ms"] as? Int ?? 0) >= 2000)
    #expect((clarify["overrun_ms"] as? Int ?? 0) > 0)
    let ended = lines.last!
    #expect(ended["outcome"] as? String == "finished")
    #expect(ended["reason"] as? String == "quit")
  }

  @Test(arguments: [("SIGINT", 130), ("SIGTERM", 143), ("SIGHUP", 129)])
  func aSignalEndsTheSessionCleanly(_ signal: String, _ expectedStatus: Int32) throws {
    let pane = try Pane(arguments: Self.shortPlan)
    try pane.waitFor("CLARIFY")
    try pane.send("Space")
    try pane.waitFor("ESTIMATE")
    if signal == "SIGINT" {
      try pane.send("C-c")  // through the terminal, as a person would
    } else {
      try pane.signal(signal == "SIGTERM" ? SIGTERM : SIGHUP)
    }
    try pane.expectExit(expectedStatus)
    let lines = try #require(try pane.records().first)
    let ended = try #require(lines.last)
    #expect(ended["type"] as? String == "session_ended")
    #expect(ended["outcome"] as? String == "abandoned")
    #expect(ended["reason"] as? String == "signal")
    #expect(ended["signal"] as? String == signal)
    #expect(lines.dropLast().last?["phase"] as? String == "estimate")
  }

  /// A crash is simulated by sending the signal a crash raises: the same handler runs.
  @Test(arguments: [(SIGSEGV, 139), (SIGABRT, 134)] as [(Int32, Int32)])
  func aCrashRestoresTheTerminalAndKeepsTheRecord(_ signal: Int32, _ expectedStatus: Int32)
    throws
  {
    let pane = try Pane(arguments: Self.shortPlan)
    try pane.waitFor("CLARIFY")
    try pane.send("Space")
    try pane.waitFor("ESTIMATE")
    try pane.signal(signal)
    try pane.expectExit(expectedStatus)
    let lines = try #require(try pane.records().first)
    // Everything up to the crash is there; there is no end line, so readers see it incomplete.
    #expect(
      lines.map { $0["type"] as? String }.filter { $0 != "cue_fired" } == [
        "session_started", "phase_entered", "phase_left", "phase_entered",
      ])
  }

  @Test func quittingFromTheFirstPhaseIsSavedAsAbandoned() throws {
    let pane = try Pane()
    try pane.waitFor("CLARIFY")
    try pane.send("q")
    try pane.waitFor("Quit this session?")
    try pane.send("q")
    try pane.expectExit(0)
    let ended = try #require(try pane.records().first?.last)
    #expect(ended["outcome"] as? String == "abandoned")
    #expect(ended["reason"] as? String == "quit")
  }

  @Test func withoutMockroomHomeRecordsGoUnderXDGDataHome() throws {
    let pane = try Pane(arguments: Self.shortPlan, dataVariable: "XDG_DATA_HOME")
    try pane.waitFor("CLARIFY")
    try pane.send("q", "y")
    let screen = try pane.expectExit(0)
    #expect(screen.contains("/home/mockroom/sessions/"))
    let lines = try #require(try pane.records().first)
    #expect(lines.first?["type"] as? String == "session_started")
  }

  @Test func aRecordThatCannotBeCreatedIsExplainedAndNothingRuns() throws {
    let pane = try Pane(environment: ["MOCKROOM_HOME": "/proc/mockroom-cannot-be-here"])
    let screen = try pane.expectExit(1)
    #expect(screen.contains("mockroom: cannot create /proc/mockroom-cannot-be-here/sessions"))
    #expect(!screen.contains("CLARIFY"))
  }

  @Test func resizingRedrawsInTheLayoutThatFits() throws {
    let pane = try Pane()
    try pane.waitFor("CLARIFY · phase 1 of 5")
    try pane.resize(width: 50, height: 14)
    try pane.waitFor("the compact layout") {
      $0.contains("CLARIFY · 1/5") && $0.contains("n next p pause t prompt")
        && !$0.contains("phase 1 of 5")
    }
    try pane.resize(width: 25, height: 6)
    try pane.waitFor("the one-line layout") {
      $0.contains("CLARIFY") && $0.contains(" OK") && !$0.contains("1/5")
    }
    try pane.resize(width: 10, height: 3)
    try pane.waitFor("the note to enlarge") { $0.contains("enlarge") }
    try pane.resize(width: 100, height: 30)
    try pane.waitFor("CLARIFY · phase 1 of 5")
  }

  @Test func pauseStopsTheClockAndIsRecorded() throws {
    let pane = try Pane()
    try pane.waitFor("spent 0:01")
    try pane.send("p")
    let paused = try pane.waitFor("PAUSED")
    let spent = paused.split(separator: "\n").first { $0.contains("spent") }.map(String.init)
    Thread.sleep(forTimeInterval: 1.5)
    #expect(
      try pane.screen().split(separator: "\n").first { $0.contains("spent") }.map(String.init)
        == spent)
    try pane.send("p")
    try pane.waitFor("running again") {
      !$0.contains("PAUSED") && $0.contains("phase 1 of 5     OK")
    }
    try pane.send("?")
    try pane.waitFor("Any key closes this help.")
    try pane.send("x")
    try pane.waitFor("help closed") { !$0.contains("Any key closes") }
    try pane.send("q", "y")
    try pane.expectExit(0)
    let types = try #require(try pane.records().first).map { $0["type"] as? String }
    #expect(types.contains("paused"))
    #expect(types.contains("resumed"))
  }

  @Test(arguments: ["nosuchterminal", "", "dumb"])
  func anUnusableTerminalGetsOneClearLineAndExit2(_ term: String) throws {
    let pane = try Pane(termOverride: term)
    let screen = try pane.expectExit(2)
    let message = screen.split(separator: "\n").filter { $0.hasPrefix("mockroom:") }
    #expect(message.count == 1)
    let why = [
      "": "TERM is not set", "dumb": "'dumb' cannot move the cursor",
    ][term, default: "'\(term)' is not known"]
    #expect(message.first?.contains(why) == true, "\(screen)")
    #expect(try pane.records().isEmpty)
  }
}

/// The rows of the screen drawn in block characters: the big countdown.
func bigDigits(_ screen: String) -> [Substring] {
  screen.split(separator: "\n").filter { $0.contains("██") && !$0.contains("░") }
}

/// The command line, run directly without a terminal.
@Suite struct CommandLineEndToEnd {
  @Test func versionPrintsTheVersion() throws {
    let out = try runProcess([Binary.path, "--version"])
    #expect(out.status == 0)
    #expect(out.stdout == "0.1.0\n")
  }

  @Test func helpIsWrittenForPeople() throws {
    let out = try runProcess([Binary.path, "run", "--help"])
    #expect(out.status == 0)
    // Help is wrapped to the width; compare with runs of white space folded to one space.
    let text = out.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(text.contains("--budget <phase=duration>"))
    #expect(text.contains("design=20m"))
    #expect(text.contains("Durations: 90s, 5m, 1m30s, 1h, 4:30"))
    #expect(text.contains("q quit (asks first)"))
  }

  @Test(arguments: [
    ("design=abc", "'abc' is not a duration"),
    ("desgn=5m", "'desgn' is not a phase; use one of clarify, estimate, design, drill, ops"),
    ("design", "write PHASE=DURATION"),
    ("ops=0s", "it must be longer than zero"),
  ])
  func aBadBudgetNamesTheValueAndWhatIsAcceptedAndExits2(_ value: String, _ message: String) throws
  {
    let out = try runProcess([Binary.path, "--budget", value])
    #expect(out.status == 2)
    #expect(out.stderr.contains("'\(value)'"))
    #expect(out.stderr.contains(message))
  }

  @Test func anUnknownOptionExits2() throws {
    let out = try runProcess([Binary.path, "--bugdet", "design=5m"])
    #expect(out.status == 2)
    #expect(out.stderr.contains("--bugdet"))
  }

  @Test func withoutATerminalItSaysSoAndExits2() throws {
    var environment = ProcessInfo.processInfo.environment
    environment["TERM"] = "xterm"
    let out = try runProcess([Binary.path], environment: environment)
    #expect(out.status == 2)
    #expect(out.stderr.contains("needs a terminal"))
  }
}
