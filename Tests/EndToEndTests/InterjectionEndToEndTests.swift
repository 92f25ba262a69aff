import Foundation
import Glibc
import Testing

/// Interjections and cues through the real binary, with budgets of seconds.
@Suite(.timeLimit(.minutes(2))) struct InterjectionEndToEnd {
  /// A prompt directory with one prompt whose pivot is hinted at 30 s into clarify: with a
  /// 10-second clarify (a thirtieth of the standard five minutes) it comes at 1 s.
  final class Library {
    let scratch: PromptEndToEnd.Home
    var path: String { scratch.path + "/prompts" }
    init() throws {
      scratch = try PromptEndToEnd.Home()
      try scratch.write(
        "prompts/timed.md",
        """
        ---
        title: Timed pivots
        interjections:
          - id: audio-now
            kind: pivot
            text: From today most of the traffic is audio.
            phase: clarify
            at: 30s
        ---
        Design a feed.
        """)
    }
  }

  static let seconds = [
    "--budget", "clarify=10s", "--budget", "estimate=10s", "--budget", "design=10s",
    "--budget", "drill=10s", "--budget", "ops=62s",
  ]

  static func entries(_ records: [[String: Any]], _ type: String) -> [[String: Any]] {
    records.filter { $0["type"] as? String == type }
  }

  @Test func aPivotComesOnTimeAndAAndRAreLoggedThenTheLastNinetySeconds() throws {
    let library = try Library()
    // At three times the speed: the pivot at 1 s of session time, the last 90 s at 12 s (4 s of
    // real time, ample for the keys between).
    let pane = try Pane(
      width: 80, height: 24,
      arguments: ["run", "--prompts", library.path, "--seed", "11", "--bell", "off"]
        + Self.seconds, environment: fastClock(3))
    let shown = try pane.waitFor("PIVOT")
    #expect(shown.contains("From today most of the traffic is audio."))
    #expect(shown.contains("a got it · r re-planned"))
    try pane.send("a")
    _ = try pane.waitFor("the pivot's banner to come down") { !$0.contains("PIVOT") }
    try pane.send("r")
    try waitForLines("the re-plan", read: { try pane.records().first ?? [] }) {
      count($0, "replanned") == 1
    }
    // Total 102 s: the last 90 begin 12 s in.
    let last = try pane.waitFor("LAST 90 S", timeout: 15)
    #expect(last.contains("time for your questions"))
    try pane.send("q", "y")
    try pane.expectExit(0)

    let records = try #require(try pane.records().first)
    let start = try #require(records.first)
    #expect(start["seed"] as? Int == 11)
    let schedule = try #require(start["schedule"] as? [String: Any])
    let placed = try #require(schedule["interjections"] as? [[String: Any]])
    #expect(placed.map { $0["id"] as? String } == ["audio-now"])
    #expect(placed.first?["at_ms"] as? Int == 1_000)

    let fired = Self.entries(records, "cue_fired")
    let pivot = try #require(fired.first { $0["cue"] as? String == "audio-now" })
    let pivotAt = try #require(pivot["t_ms"] as? Int)
    #expect((1_000..<2_000).contains(pivotAt))
    #expect(pivot["late_ms"] == nil)
    let ack = try #require(Self.entries(records, "acknowledged").first)
    #expect(ack["cue"] as? String == "audio-now")
    #expect(ack["kind"] as? String == "pivot")
    #expect((ack["after_ms"] as? Int ?? -1) > 0)
    let replan = try #require(Self.entries(records, "replanned").first)
    #expect(replan["banner"] as? Int == pivot["banner"] as? Int)
    let lastStretch = try #require(fired.first { $0["cue"] as? String == "last-90s" })
    #expect((12_000..<14_000).contains(lastStretch["t_ms"] as? Int ?? 0))
  }

  @Test(arguments: [
    (["--pivots", "12"], "--pivots '12': give a number from 0 to 9."),
    (["--pivots", "2", "--no-pivots"], "give --pivots or --no-pivots, not both."),
    (["--bell", "loud"], "--bell 'loud': use on, off or flash."),
    (["--drill-grace", "soon"], "--drill-grace 'soon': 'soon' is not a duration"),
  ])
  func badOptionsAreUsageErrorsThatSayWhy(_ options: [String], _ message: String) throws {
    let out = try runProcess([Binary.path, "run"] + options)
    #expect(out.status == 2)
    #expect(out.stderr.contains(message))
  }

  @Test func theSameSeedPlacesTheSameInterjections() throws {
    var schedules: [[String: Any]] = []
    for _ in 0..<2 {
      let pane = try Pane(
        width: 80, height: 24, arguments: ["run", "--prompt", "video-recs", "--seed", "2024"])
      try pane.waitFor("CLARIFY")
      try pane.send("q", "y")
      try pane.expectExit(0)
      let start = try #require(try pane.records().first?.first)
      schedules.append(try #require(start["schedule"] as? [String: Any]))
    }
    let first = try JSONSerialization.data(withJSONObject: schedules[0], options: .sortedKeys)
    let second = try JSONSerialization.data(withJSONObject: schedules[1], options: .sortedKeys)
    #expect(first == second)
    let placed = try #require(schedules[0]["interjections"] as? [[String: Any]])
    #expect(placed.count == 3)
  }

  @Test func noPivotsMeansNoInterjectionsButTheCuesStay() throws {
    let library = try Library()
    // Clarify's 10 s at five times the speed.
    let pane = try Pane(
      width: 80, height: 24,
      arguments: ["run", "--prompts", library.path, "--no-pivots", "--bell", "flash"]
        + Self.seconds, environment: fastClock(5))
    try pane.waitFor("CLARIFY OVER", timeout: 15)
    #expect(try !pane.screen().contains("PIVOT"))
    try pane.send("q", "y")
    try pane.expectExit(0)
    let start = try #require(try pane.records().first?.first)
    let schedule = try #require(start["schedule"] as? [String: Any])
    #expect((schedule["interjections"] as? [Any])?.isEmpty == true)
  }

  @Test func ctrlZRestoresTheTerminalCountsAsAPauseAndFgRedraws() throws {
    let launched = Date()
    let pane = try Pane(width: 80, height: 24, arguments: ["run"], jobControl: true)
    try pane.waitFor("CLARIFY")
    Thread.sleep(forTimeInterval: 1.2)
    try pane.send("C-z")
    let stopped = try pane.waitFor("the shell to take the terminal back") {
      $0.contains("Stopped")
    }
    #expect(!stopped.contains("CLARIFY · phase 1 of 5"))
    Thread.sleep(forTimeInterval: 2.5)
    try pane.type("fg")
    try pane.send("Enter")
    let back = try pane.waitFor("CLARIFY · phase 1 of 5")
    // The stop was a pause: the session clock is behind the wall clock by at least the stop.
    let wall = Date().timeIntervalSince(launched)
    let shown = try #require(back.firstMatch(of: /session (\d+):(\d\d) \//))
    let seconds = Double(Int(shown.1)! * 60 + Int(shown.2)!)
    #expect(seconds <= wall - 2.5 + 1)
    try pane.send("q", "y")
    try pane.expectExit(0)

    let records = try #require(try pane.records().first)
    let types = records.compactMap { $0["type"] as? String }
    #expect(
      types.filter { ["suspended", "continued"].contains($0) } == ["suspended", "continued"])
    let continued = try #require(Self.entries(records, "continued").first)
    let stoppedFor = try #require(continued["stopped_ms"] as? Int)
    #expect(stoppedFor >= 2_500)
    // Worked time is the whole session less the stop, to the millisecond.
    let end = try #require(Self.entries(records, "session_ended").first)
    let active = try #require(end["active_ms"] as? Int)
    let total = try #require(end["t_ms"] as? Int)
    #expect(active + stoppedFor == total)
  }

  @Test func aFrozenProcessShowsTheCuesItMissedAsLate() throws {
    let library = try Library()
    // At four times the speed a frozen real 3.5 s is 14 s of session time.
    let scale = 4
    let pane = try Pane(
      width: 80, height: 24,
      arguments: ["run", "--prompts", library.path, "--no-pivots"] + Self.seconds,
      environment: fastClock(scale))
    try pane.waitFor("CLARIFY")
    let pid = try pane.mockroomPID()
    kill(pid, SIGSTOP)
    Thread.sleep(forTimeInterval: 14 / Double(scale))
    kill(pid, SIGCONT)
    let screen = try pane.waitFor("the late cues") { $0.contains("late") && $0.contains("LAST 90") }
    #expect(screen.contains("LAST 90 S"))
    try pane.send("q", "y")
    try pane.expectExit(0)
    let records = try #require(try pane.records().first)
    let fired = Self.entries(records, "cue_fired")
    // Clarify's end (10 s) and the last 90 s (12 s) were both crossed in the freeze, once
    // each, in order.
    #expect(fired.compactMap { $0["cue"] as? String } == ["clarify-over", "last-90s"])
    #expect(fired.allSatisfy { ($0["late_ms"] as? Int ?? 0) >= 1_500 })
  }
}
