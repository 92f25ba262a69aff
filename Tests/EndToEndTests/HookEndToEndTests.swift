import Foundation
import Glibc
import Testing

/// Hooks through the real binary: what a hook is given, that a slow one never holds the clock,
/// that a failure is kept, and the speak built-in making sound.
@Suite(.timeLimit(.minutes(2))) struct HookEndToEnd {
  typealias Home = PromptEndToEnd.Home

  /// A home with the timed-pivot prompt library and `config` as config.yaml.
  static func home(_ config: String) throws -> Home {
    let home = try Home()
    try home.write("config.yaml", config)
    return home
  }

  static func pane(_ home: Home, _ arguments: [String], scale: Int = 1) throws -> Pane {
    try Pane(
      width: 100, height: 30, arguments: ["run", "--bell", "off"] + arguments,
      environment: ["MOCKROOM_HOME": home.path].merging(fastClock(scale)) { $1 })
  }

  /// The session's record, read back after it ended.
  static func record(_ home: Home) throws -> [[String: Any]] {
    let sessions = home.path + "/sessions"
    let name = try #require(
      try FileManager.default.contentsOfDirectory(atPath: sessions).first { $0.hasSuffix(".jsonl") }
    )
    let text = try String(contentsOfFile: sessions + "/" + name, encoding: .utf8)
    return try text.split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
  }

  /// Waits for a file a hook writes whole (it writes elsewhere, then renames).
  static func waitForFile(_ path: String, timeout: Double = 10) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if let text = try? String(contentsOfFile: path, encoding: .utf8) { return text }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw Timeout(description: "\(path) never appeared")
  }

  @Test func aHookWritesItsEnvironmentOnEachCue() throws {
    let library = try InterjectionEndToEnd.Library()
    let out = library.scratch.path + "/out"
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    // The variables, written whole: into a scratch file first, then renamed by the cue's id.
    let script =
      "env | grep ^MOCKROOM_ | sort > \"$0/.$$\" && mv \"$0/.$$\" \"$0/$MOCKROOM_CUE.env\""
    let home = try Self.home(
      """
      hooks:
        cue-fired: [[sh, -c, '\(script)', \(out)]]

      """)
    // At four times the speed: the pivot at 1 s of session time, the last 90 s at 12 s.
    let pane = try Self.pane(
      home, ["--prompts", library.path, "--seed", "11"] + InterjectionEndToEnd.seconds, scale: 4)
    try pane.waitFor("PIVOT")
    let pivot = try Self.waitForFile(out + "/audio-now.env")
    let lines = Set(pivot.split(separator: "\n").map(String.init))
    for expected in [
      "MOCKROOM_EVENT=cue-fired", "MOCKROOM_CUE=audio-now", "MOCKROOM_KIND=pivot",
      "MOCKROOM_TEXT=From today most of the traffic is audio.", "MOCKROOM_PHASE=clarify",
      "MOCKROOM_BUDGET_S=10", "MOCKROOM_PROMPT=timed", "MOCKROOM_PLAN=custom",
    ] {
      #expect(lines.contains(expected), "\(expected) in \(pivot)")
    }
    #expect(lines.contains { $0.hasPrefix("MOCKROOM_ELAPSED_S=1") })
    // Total 102 s: the last 90 begin 12 s in, and that cue is heard too.
    let last = try Self.waitForFile(out + "/last-90s.env", timeout: 20)
    #expect(last.contains("MOCKROOM_KIND=last_90s"))
    try pane.send("q", "y")
    try pane.expectExit(0)

    let record = try Self.record(home)
    let id = try #require(record.first?["id"] as? String)
    #expect(lines.contains("MOCKROOM_SESSION=\(id)"))
    let recordPath = home.path + "/sessions/\(id).jsonl"
    #expect(lines.contains("MOCKROOM_RECORD=\(recordPath)"))
    #expect(!record.contains { $0["type"] as? String == "hook_failed" })
    let log = try String(contentsOfFile: home.path + "/hooks.log", encoding: .utf8)
    #expect(log.contains("cue-fired: sh -c"))
    #expect(log.contains(": exit 0 after "))
  }

  /// `session 0:07 / 45:00` at the top right: the session's clock as shown.
  static func shownClock(_ screen: String) -> String? {
    guard let range = screen.range(of: #"session \d+:\d\d"#, options: .regularExpression) else {
      return nil
    }
    return String(screen[range])
  }

  @Test func aHookThatSleepsNeverHoldsTheClockAndIsGoneWithinSixSeconds() async throws {
    try await offThePool {
      let home = try Self.home("")
      let out = home.path + "/pid"
      try home.write(
        "config.yaml",
        """
        hooks:
          session-started: [[sh, -c, 'echo $$ > "$0.new" && mv "$0.new" "$0" && exec sleep 60', \(out)]]

        """)
      let pane = try Self.pane(home, ["--no-pivots"])
      let pid = try #require(
        Int32(try Self.waitForFile(out).trimmingCharacters(in: .whitespacesAndNewlines)))
      let spawned = Date()
      // The clock shown changes every second while the hook sleeps.
      var seen: [String] = []
      while seen.count < 4 {
        let screen = try pane.waitFor("the session clock to move past \(seen.last ?? "nothing")") {
          guard let clock = Self.shownClock($0) else { return false }
          return clock != seen.last
        }
        seen.append(try #require(Self.shownClock(screen)))
        #expect(Date().timeIntervalSince(spawned) < 6, "the clock stood still: \(seen)")
      }
      // Stopped at its time (5 s), and reaped: not even a zombie is left.
      while kill(pid, 0) == 0 && Date().timeIntervalSince(spawned) < 8 {
        Thread.sleep(forTimeInterval: 0.05)
      }
      let gone = Date().timeIntervalSince(spawned)
      #expect(kill(pid, 0) == -1 && errno == ESRCH, "the hook outlived its time")
      #expect(gone < 6, "gone after \(gone) s")
      try waitForLines("the stopped hook's failure", read: { try Self.record(home) }) {
        count($0, "hook_failed") == 1
      }
      try pane.send("q", "y")
      try pane.expectExit(0)
      let failed = try Self.record(home).filter { $0["type"] as? String == "hook_failed" }
      #expect(failed.count == 1)
      #expect(failed.first?["event"] as? String == "session-started")
      #expect(failed.first?["why"] as? String == "still running after 5s, so stopped")
    }
  }

  /// Only the session's time runs faster: a hook's timeout is real time, at any scale.
  @Test func underAFastClockAHookStillHasItsTimeInRealSeconds() async throws {
    try await offThePool {
      let home = try Self.home("")
      let out = home.path + "/pid"
      try home.write(
        "config.yaml",
        """
        hook_timeout: 1s
        hooks:
          session-started: [[sh, -c, 'echo $$ > "$0.new" && mv "$0.new" "$0" && exec sleep 60', \(out)]]

        """)
      let pane = try Self.pane(home, ["--no-pivots"], scale: 20)
      _ = try Self.waitForFile(out)
      try waitForLines("the stopped hook's failure", read: { try Self.record(home) }) {
        count($0, "hook_failed") == 1
      }
      try pane.send("q", "y")
      try pane.expectExit(0)
      let failed = try Self.record(home).filter { $0["type"] as? String == "hook_failed" }
      #expect(failed.first?["why"] as? String == "still running after 1s, so stopped")
      // The log says how long it ran, spawn to reap: its real second (counted from the firing,
      // before the spawn the log counts from, which a loaded machine can delay), not a twentieth
      // of one (50 ms).
      let log = try String(contentsOfFile: home.path + "/hooks.log", encoding: .utf8)
      let ran = try #require(
        log.firstMatch(of: /still running after 1s, so stopped after (\d+\.\d+) ms/))
      #expect(try #require(Double(ran.1)) >= 500, "\(log)")
    }
  }

  @Test func aHookThatExitsThreeLeavesARecordLineAndNotExecutableIsSaidOnce() throws {
    let home = try Self.home("")
    try home.write("hooks/phase-entered", "#!/bin/sh\necho entering \"$MOCKROOM_PHASE\"\nexit 3\n")
    chmod(home.path + "/hooks/phase-entered", 0o755)
    try home.write("hooks/session-ended", "#!/bin/sh\nexit 0\n")
    let pane = try Self.pane(home, ["--no-pivots"])
    // Each failure's notice shows for three seconds, which a loaded machine can let pass between
    // two looks at the screen (a stress run did): the test waits for the failure's record line
    // instead, which is written before its notice, and is what it asserts. Quitting before the
    // second is written would lose it.
    try pane.waitFor("CLARIFY")
    try waitForLines("one failure", read: { try Self.record(home) }) {
      count($0, "hook_failed") == 1
    }
    try pane.send("Space")
    try pane.waitFor("ESTIMATE")
    try waitForLines("the second failure", read: { try Self.record(home) }) {
      count($0, "hook_failed") == 2
    }
    try pane.send("q", "y")
    try pane.expectExit(0)
    let failed = try Self.record(home).filter { $0["type"] as? String == "hook_failed" }
    let path = home.path + "/hooks/"
    #expect(
      failed.map { "\($0["event"]!) \($0["command"]!) \($0["why"]!)" } == [
        "phase-entered \(path)phase-entered exit 3", "phase-entered \(path)phase-entered exit 3",
        "session-ended hooks/session-ended could not start: \(path)session-ended is not "
          + "executable (chmod +x it)",
      ])
    let log = try String(contentsOfFile: home.path + "/hooks.log", encoding: .utf8)
    #expect(log.contains("entering clarify\n") && log.contains("entering estimate\n"))
    let check = try ConfigEndToEnd.mockroom(["config", "check"], home)
    #expect(check.status == 1)
    #expect(check.stdout.contains("\(path)session-ended is not executable (chmod +x it)"))
  }

  @Test func speakWithEspeakWritesSoundThroughItsOwnOptions() throws {
    for tool in ["espeak-ng", "sox"] {
      let found = try runProcess(["sh", "-c", "command -v \(tool)"])
      try #require(found.status == 0, "\(tool) is missing: scripts/setup --for-tests installs it")
    }
    let home = try Self.home("")
    let wav = home.path + "/said.wav"
    try home.write("config.yaml", "hooks:\n  phase-entered: [{speak: [-w, \(wav)]}]\n")
    let test = try ConfigEndToEnd.mockroom(["hooks", "test", "phase-entered"], home)
    #expect(test.status == 0, "\(test.stdout) \(test.stderr)")
    #expect(test.stdout.contains("phase-entered: speak -w \(wav): exit 0 after "))
    #expect(test.stdout.contains("espeak-ng -w \(wav) design"))
    // sox's figures of the file: long enough for a word, and not silence.
    let stat = try runProcess(["sox", wav, "-n", "stat"])
    #expect(stat.status == 0, "\(stat.stderr)")
    func figure(_ name: String) -> Double? {
      let line = stat.stderr.split(separator: "\n").first { $0.hasPrefix(name) }
      return line.flatMap {
        Double($0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces))
      }
    }
    let length = try #require(figure("Length (seconds)"))
    let rms = try #require(figure("RMS     amplitude"))
    #expect(length > 0.3, "\(stat.stderr)")
    #expect(rms > 0.01, "\(stat.stderr)")
  }

  @Test func aMissingProgramIsSaidAndTheRestStillRun() throws {
    let home = try Self.home(
      """
      hooks:
        session-started: [[no-such-program-here], [sh, -c, 'exit 0']]

      """)
    let test = try ConfigEndToEnd.mockroom(["hooks", "test", "session-started"], home)
    #expect(test.status == 1)
    #expect(
      test.stdout.contains(
        "session-started: no-such-program-here: could not start: no program "
          + "'no-such-program-here' found\n"), "\(test.stdout)")
    #expect(test.stdout.contains("session-started: sh -c exit 0: exit 0 after "))
    let none = try ConfigEndToEnd.mockroom(["hooks", "test", "phase-over"], home)
    #expect(none.status == 1)
    #expect(none.stderr.contains("no hook is set for phase-over"))
  }

  /// The time `hooks test` prints for each hook is the one the hook log has for it.
  @Test func hooksTestPrintsTheSpawnToReapTimeTheLogHas() throws {
    let home = try Self.home("hooks:\n  phase-over: [[sh, -c, 'sleep 0.05']]\n")
    let test = try ConfigEndToEnd.mockroom(["hooks", "test", "phase-over"], home)
    #expect(test.status == 0, "\(test.stdout) \(test.stderr)")
    #expect(test.stdout.contains("MOCKROOM_PROMPT=video-recs"))
    let printed = try #require(
      test.stdout.firstMatch(of: /phase-over: sh -c sleep 0.05: exit 0 after (\d+\.\d\d ms)\n/)?
        .1, "\(test.stdout)")
    let log = try String(contentsOfFile: home.path + "/hooks.log", encoding: .utf8)
    let logged = try #require(
      log.firstMatch(of: /phase-over: sh -c sleep 0.05: exit 0 after (\d+\.\d\d ms)\n/)?.1,
      "\(log)")
    #expect(printed == logged)
  }

  /// `mockroom hooks` alone lists, as `plans` alone does.
  @Test func hooksAloneLists() throws {
    let home = try Self.home("hooks:\n  cue-fired: [speak]\n")
    let alone = try ConfigEndToEnd.mockroom(["hooks"], home)
    let list = try ConfigEndToEnd.mockroom(["hooks", "list"], home)
    #expect(alone.status == 0, "\(alone.stderr)")
    #expect(alone.stdout == list.stdout)
    #expect(alone.stdout.contains("cue-fired") && alone.stdout.contains("speak"))
  }
}
