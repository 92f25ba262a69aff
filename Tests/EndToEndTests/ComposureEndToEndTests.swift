import Foundation
import Glibc
import Testing

/// The composure drills through the real binary in tmux: a seeded recovery drill with a move
/// refused, a partner rating through ctl, ten minutes of pushback shrunk to two, check-in
/// targets met and not met, and closing questions on the last-90 banner.
/// The sessions whose subject is tens of seconds of session time (the pushbacks at 45 s and 94 s,
/// check-ins 11 s apart, the last 90 s beginning 10 s in) run it faster (`fastClock`); what they
/// assert is still session time, from the record and the clock shown.
@Suite(.timeLimit(.minutes(2))) struct ComposureEndToEnd {
  typealias Home = PromptEndToEnd.Home

  /// Every phase 20 s: the plan is 1:40, the last 90 s begin 10 s in.
  static let twenty = ["clarify", "estimate", "design", "drill", "ops"].flatMap {
    ["--budget", "\($0)=20s"]
  }

  static func lines(_ home: Home) throws -> [[String: Any]] { try DrillEndToEnd.lines(home) }

  static func of(_ lines: [[String: Any]], _ type: String) -> [[String: Any]] {
    lines.filter { $0["type"] as? String == type }
  }

  static func json(_ output: Output) throws -> [String: Any] {
    #expect(output.status == 0, "\(output.stderr)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
  }

  /// One round: the move's key (waiting for the screen to show it taken), Enter, the rating,
  /// Space.
  static func round(
    _ pane: Pane, number: Int, of total: Int, move: String, title: String, rating: Int
  ) throws {
    try pane.waitFor("round \(number) of \(total)")
    try pane.send(move)
    try pane.waitFor("\(move) \(title) · this round")
    try pane.send("Enter")
    try pane.waitFor("How well did it land?")
    try pane.send("\(rating)")
    try pane.waitFor("You rated it \(rating).")
    try pane.send("Space")
  }

  /// A move pressed by mistake, taken back with Backspace, another named; the summary names the
  /// moves left unused.
  @Test func aMoveTakenBackInTheRoundLeavesTheOneThatStood() async throws {
    try await offThePool {
      let home = try Home()
      let pane = try Pane(
        width: 100, height: 30,
        arguments: ["drill", "recovery", "--rounds", "1", "--seed", "5", "--time", "60s"],
        environment: ["MOCKROOM_HOME": home.path])
      try pane.waitFor("round 1 of 1")
      try pane.send("1")
      try pane.waitFor("1 what I'd measure · this round")
      try pane.send("BSpace")
      try pane.waitFor("taken back: what I'd measure")
      try Self.round(pane, number: 1, of: 1, move: "2", title: "the tradeoff named", rating: 4)
      let summary = try pane.waitFor("Moves left unused:")
      #expect(summary.contains("1. the tradeoff named: rated 4"))
      try pane.send("q")
      try pane.expectExit(0)
      let lines = try Self.lines(home)
      #expect(
        Self.of(lines, "move_taken_back").map { $0["move"] as? String } == ["measure"])
      #expect(Self.of(lines, "round_rated").first?["move"] as? String == "tradeoff")
    }
  }

  @Test func aSeededRecoveryDrillWhoseFourthRoundTriesAUsedMove() async throws {
    try await offThePool {
      let home = try Home()
      let pane = try Pane(
        width: 100, height: 30, arguments: ["drill", "recovery", "--seed", "5", "--time", "60s"],
        environment: ["MOCKROOM_HOME": home.path])
      try Self.round(pane, number: 1, of: 5, move: "1", title: "what I'd measure", rating: 4)
      try Self.round(pane, number: 2, of: 5, move: "2", title: "the tradeoff named", rating: 3)
      try Self.round(
        pane, number: 3, of: 5, move: "3", title: "a provisional commitment", rating: 5)
      // Round 4: the first move again is locked, and said so.
      try pane.waitFor("round 4 of 5")
      try pane.send("1")
      let refused = try pane.waitFor("locked: what I'd measure was used")
      #expect(refused.contains("1 what I'd measure · locked"))
      #expect(refused.contains("Open: 4 a similar"))
      try pane.send("4")
      try pane.waitFor("4 a similar system · this round")
      try pane.send("Enter")
      try pane.waitFor("How well did it land?")
      try pane.send("2")
      try pane.waitFor("You rated it 2.")
      try pane.send("Space")
      try Self.round(pane, number: 5, of: 5, move: "5", title: "a pointed question", rating: 4)
      let summary = try pane.waitFor("Moves in the order used:")
      #expect(summary.contains("4. a similar system: rated 2"))
      #expect(summary.contains("You reach for what I'd measure first (1 of 1 drill)."))
      try pane.send("q")
      let after = try pane.expectExit(0)
      #expect(after.contains(": 5 of 5 rounds rated; record: "))

      let lines = try Self.lines(home)
      #expect(lines.first?["drill"] as? String == "recovery" && lines.first?["seed"] as? Int == 5)
      let shown = Self.of(lines, "round_shown")
      #expect(shown.count == 5)
      #expect(Set(shown.compactMap { $0["cue"] as? String }).count == 5)
      #expect(shown.allSatisfy { !(($0["strong"] as? [String]) ?? []).isEmpty })
      #expect(
        Self.of(lines, "move_chosen").compactMap { $0["move"] as? String } == [
          "measure", "tradeoff", "provisional", "similar_system", "question",
        ])
      let refusedLines = Self.of(lines, "move_refused")
      #expect(refusedLines.count == 1)
      #expect(refusedLines.first?["number"] as? Int == 4)
      #expect(refusedLines.first?["move"] as? String == "measure")
      #expect(Self.of(lines, "round_rated").compactMap { $0["rating"] as? Int } == [4, 3, 5, 2, 4])
      #expect(lines.last?["type"] as? String == "drill_ended")

      // The same seed asks the same questions.
      let again = try Pane(
        width: 100, height: 30, arguments: ["drill", "recovery", "--seed", "5", "--rounds", "2"],
        environment: ["MOCKROOM_HOME": home.path])
      // Waited for whole: a look can land between the header and the rest of a frame (a loaded
      // run saw only the header), so the test waits for the question it asserts.
      let question = try #require(shown.first?["text"] as? String)
      let first = try again.waitFor("round 1 of 2 with the first run's first question") {
        $0.contains("round 1 of 2") && $0.contains(String(question.prefix(40)))
      }
      #expect(first.contains(String(question.prefix(40))))
      try again.send("q", "y")
      try again.expectExit(0)

      let stats = try Self.json(try ConfigEndToEnd.mockroom(["stats", "--json"], home))
      let drills = try #require((stats["stats"] as? [String: Any])?["drills"] as? [String: Any])
      let recovery = try #require(drills["recovery"] as? [String: Any])
      #expect(recovery["drills"] as? Int == 2 && recovery["refusals"] as? Int == 1)
      #expect(recovery["first_move"] as? String == "measure")
      let moves = try #require(recovery["moves"] as? [[String: Any]])
      #expect(
        moves.first { $0["move"] as? String == "similar_system" }?["mean_rating"] as? Double == 2)
      let id = try #require(lines.first?["id"] as? String)
      let show = try ConfigEndToEnd.mockroom(["show", id], home)
      #expect(show.stdout.contains("refused: what I'd measure, already used"), "\(show.stdout)")
      let history = try ConfigEndToEnd.mockroom(["history"], home)
      #expect(history.stdout.contains("drill recovery"))
      #expect(history.stdout.contains("5 of 5 rounds rated, mean rating 3.6"))
    }
  }

  @Test func inAPartnerDrillTheInterviewerRatesFirstThroughCtl() async throws {
    try await offThePool {
      let home = try Home()
      let runtime = try Runtime()
      let pane = try Pane(
        width: 100, height: 30,
        arguments: ["drill", "recovery", "--partner", "--rounds", "1", "--seed", "8"],
        environment: ["MOCKROOM_HOME": home.path, "XDG_RUNTIME_DIR": runtime.path])
      try pane.waitFor("round 1 of 1")
      _ = try runtime.waitForSocket()
      let status = try runtime.mockroom(["ctl", "status"], home: home.path)
      #expect(status.status == 0, "\(status.stderr)")
      let question = try #require(Self.of(try Self.lines(home), "round_shown").first)
      #expect(status.stdout.contains("question: \(question["text"] as? String ?? "?")"))
      let strong = try #require((question["strong"] as? [String])?.first)
      #expect(status.stdout.contains("strong: \(strong)"))
      try pane.send("3")
      try pane.waitFor("3 a provisional commitment · this round")
      try pane.send("Enter")
      try pane.waitFor("Waiting for the interviewer's rating")
      // The candidate's rating waits for the interviewer's.
      try pane.send("5")
      try pane.waitFor("the interviewer rates first")
      let rated = try runtime.mockroom(["ctl", "rate", "2"], home: home.path)
      #expect(rated.status == 0, "\(rated.stderr)")
      try pane.waitFor("How well did it land?")
      try pane.send("4")
      try pane.waitFor("You rated it 4; the interviewer, 2.")
      let twice = try runtime.mockroom(["ctl", "rate", "3"], home: home.path)
      #expect(twice.status == 1 && twice.stderr.contains("has been rated"))
      try pane.send("Space")
      try pane.waitFor("Against the interviewer: +2.0 a round")
      try pane.send("q")
      try pane.expectExit(0)
      let ratings = Self.of(try Self.lines(home), "round_rated")
      #expect(ratings.map { $0["source"] as? String } == ["ctl", nil])
      #expect(ratings.map { $0["rating"] as? Int } == [2, 4])
      let stats = try Self.json(try ConfigEndToEnd.mockroom(["stats", "--json"], home))
      let drills = try #require((stats["stats"] as? [String: Any])?["drills"] as? [String: Any])
      #expect((drills["recovery"] as? [String: Any])?["mean_gap"] as? Double == 2)
    }
  }

  /// Waits for a pushback banner with its answer keys.
  static func pushback(_ pane: Pane, _ which: String, timeout: Double) throws -> String {
    try pane.waitFor("\(which) pushback", timeout: timeout) {
      $0.contains("PUSHBACK") && $0.contains("s held · v changed · g gave way")
    }
  }

  @Test func twoMinutesOfPushbackAtTheSeededTimesWithTwoAnswers() async throws {
    try await offThePool {
      let home = try Home()
      // Seed 2 puts the pushbacks at 45 s and 94 s of worked time: 4.5 s and 9.4 s of real time
      // at ten times the speed.
      let pane = try Pane(
        width: 100, height: 30,
        arguments: [
          "run", "--prompt", "video-recs", "--seed", "2", "--hostile", "2m", "--bell", "off",
        ]
          + Self.twenty, environment: ["MOCKROOM_HOME": home.path].merging(fastClock(10)) { $1 })
      try pane.waitFor("CLARIFY")
      let start = try #require(try Self.lines(home).first)
      let hostile = try #require(
        (start["schedule"] as? [String: Any])?["hostile"] as? [String: Any])
      #expect(hostile["at_ms"] as? [Int] == [45_000, 94_000])
      #expect(hostile["until_ms"] as? Int == 120_000)
      let lines = try #require(hostile["lines"] as? [String: [[String: String]]])
      func words(_ phase: String) -> [String] { (lines[phase] ?? []).compactMap { $0["text"] } }
      #expect(words("estimate").count >= 8 && words("design").count >= 8)
      // Into estimate: the first lands there, worded for it.
      try pane.send("Space")
      try pane.waitFor("ESTIMATE")
      let first = try Self.pushback(pane, "the first", timeout: 55)
      #expect(words("estimate").contains { first.contains(String($0.prefix(30))) }, "\(first)")
      try pane.send("s")
      try waitForLines("the first answer", read: { try Self.lines(home) }) {
        count($0, "pushback_answered") == 1
      }
      // Into design: the second lands there.
      try pane.send("Space")
      try pane.waitFor("DESIGN")
      let second = try Self.pushback(pane, "the second", timeout: 60)
      #expect(words("design").contains { second.contains(String($0.prefix(30))) }, "\(second)")
      try pane.send("g")
      try waitForLines("the second answer", read: { try Self.lines(home) }) {
        count($0, "pushback_answered") == 2
      }
      try pane.send("q", "y")
      try pane.expectExit(0)

      let record = try Self.lines(home)
      let fired = Self.of(record, "cue_fired").filter {
        ($0["cue"] as? String ?? "").hasPrefix("hostile-")
      }
      #expect(fired.map { $0["cue"] as? String } == ["hostile-1", "hostile-2"])
      // Nothing paused: worked time is session time, and each came at its seeded point.
      #expect((45_000..<46_500).contains(fired[0]["t_ms"] as? Int ?? 0))
      #expect((94_000..<95_500).contains(fired[1]["t_ms"] as? Int ?? 0))
      #expect(fired.allSatisfy { $0["kind"] as? String == "pushback" })
      let answers = Self.of(record, "pushback_answered")
      #expect(answers.map { $0["answer"] as? String } == ["held", "gave_way"])
      #expect(answers.map { $0["cue"] as? String } == ["hostile-1", "hostile-2"])
      #expect(answers.allSatisfy { ($0["after_ms"] as? Int ?? 0) > 0 })
      #expect(answers.allSatisfy { $0["source"] as? String == "candidate" })

      let id = try #require(start["id"] as? String)
      let show = try ConfigEndToEnd.mockroom(["show", id], home)
      #expect(
        show.stdout.contains(
          "Pushback: 2 (hostile for the first 2:00) · held 1 · changed 0 · gave way 1"),
        "\(show.stdout)")
      #expect(show.stdout.contains("To fix: you gave way 1 time of 2."))
      let shown = try Self.json(try ConfigEndToEnd.mockroom(["show", id, "--json"], home))
      let banners = try #require((shown["show"] as? [String: Any])?["banners"] as? [[String: Any]])
      #expect(banners.compactMap { $0["answer"] as? String } == ["held", "gave_way"])
      #expect(
        (((shown["show"] as? [String: Any])?["session"] as? [String: Any])?["hostile_ms"] as? Int)
          == 120_000)
      let stats = try Self.json(try ConfigEndToEnd.mockroom(["stats", "--json"], home))
      let composure = try #require(
        (stats["stats"] as? [String: Any])?["composure"] as? [String: Any])
      #expect(composure["pushbacks"] as? Int == 2)
      let counts = (composure["answers"] as? [[String: Any]] ?? []).map {
        "\($0["answer"] as? String ?? "")=\($0["count"] as? Int ?? -1)"
      }
      #expect(counts == ["held=1", "changed=0", "gave_way=1"])
      #expect((composure["median_to_answer_ms"] as? Int ?? 0) > 0)
      let csv = try ConfigEndToEnd.mockroom(["stats", "--csv"], home)
      #expect(
        csv.stdout.hasPrefix(
          "session,started,prompt,phase,budget_ms,actual_ms,overrun_ms,reached,incomplete,hostile_ms,held,changed,gave_way,checkins,checkin_target\n"
        ))
      #expect(csv.stdout.contains(",120000,1,0,1,,\n"))
      let history = try ConfigEndToEnd.mockroom(["history"], home)
      #expect(history.stdout.contains("abandoned · pushback 1 held of 2"), "\(history.stdout)")
      let text = try ConfigEndToEnd.mockroom(["stats"], home)
      #expect(text.stdout.contains("pushback: 2 · held 1 · changed 0 · gave way 1"))
    }
  }

  /// Three check-ins with 20 s phases (the spacing 11 s: five minutes in proportion to the
  /// 45-minute plan), one too soon between them; a second session with one check-in.
  @Test func aCheckinTargetMetAndNotMet() async throws {
    try await offThePool {
      let home = try Home()
      // Five times the speed: the second check-in, sent at once, is still well inside the 11 s
      // (2.2 s of real time).
      let pane = try Pane(
        width: 100, height: 30,
        arguments: ["run", "--prompt", "video-recs", "--checkins", "3", "--bell", "off"]
          + Self.twenty, environment: ["MOCKROOM_HOME": home.path].merging(fastClock(5)) { $1 })
      try pane.waitFor("check-ins 0/3")
      try pane.send("c")
      try pane.waitFor("check-ins 1/3")
      try pane.send("c")
      // Too soon: marked, and not counted.
      try waitForLines("the second check-in", read: { try Self.lines(home) }) {
        count($0, "marked") == 2
      }
      #expect(count(try Self.lines(home), "checkin_counted") == 1)
      // Each later one once the session clock is the spacing past the last one counted.
      for n in 2...3 {
        let last = try #require(Self.of(try Self.lines(home), "checkin_counted").last)
        let due = try #require(last["worked_ms"] as? Int) + 11_000
        try pane.waitForSessionClock(atLeast: due + 1_000, timeout: 30)
        try pane.send("c")
        try pane.waitFor("check-ins \(n)/3")
      }
      try pane.waitFor("check-ins 3/3")
      try pane.send("q", "y")
      try pane.expectExit(0)
      let record = try Self.lines(home)
      let counted = Self.of(record, "checkin_counted")
      #expect(counted.map { $0["number"] as? Int } == [1, 2, 3])
      #expect(Self.of(record, "marked").count == 4)
      let schedule = try #require(record.first?["schedule"] as? [String: Any])
      #expect(
        schedule["checkin_target"] as? Int == 3 && schedule["checkin_spacing_ms"] as? Int == 11_000)
      let worked = counted.compactMap { $0["worked_ms"] as? Int }
      #expect(zip(worked.dropFirst(), worked).allSatisfy { $0 - $1 >= 11_000 })
      let metID = try #require(record.first?["id"] as? String)

      let other = try Pane(
        width: 100, height: 30,
        arguments: ["run", "--prompt", "video-recs", "--checkins", "3"] + Self.twenty,
        environment: ["MOCKROOM_HOME": home.path])
      try other.waitFor("check-ins 0/3")
      try other.send("c")
      try other.waitFor("check-ins 1/3")
      try other.send("q", "y")
      try other.expectExit(0)
      let notMetID = try #require(try Self.lines(home).first?["id"] as? String)

      let history = try ConfigEndToEnd.mockroom(["history"], home)
      #expect(history.stdout.contains("abandoned · check-ins 3/3"), "\(history.stdout)")
      #expect(history.stdout.contains("abandoned · check-ins 1/3"))
      let met = try ConfigEndToEnd.mockroom(["show", metID], home)
      #expect(met.stdout.contains("Check-ins: 3 of 3, target met"), "\(met.stdout)")
      let notMet = try ConfigEndToEnd.mockroom(["show", notMetID], home)
      #expect(notMet.stdout.contains("Check-ins: 1 of 3, target not met"), "\(notMet.stdout)")
      let json = try Self.json(try ConfigEndToEnd.mockroom(["show", notMetID, "--json"], home))
      let session = (json["show"] as? [String: Any])?["session"] as? [String: Any]
      #expect(session?["checkins_met"] as? Bool == false && session?["checkin_target"] as? Int == 3)
      let stats = try Self.json(try ConfigEndToEnd.mockroom(["stats", "--json"], home))
      let composure = (stats["stats"] as? [String: Any])?["composure"] as? [String: Any]
      #expect(
        composure?["checkin_targets"] as? Int == 2 && composure?["checkin_targets_met"] as? Int == 1
      )
    }
  }

  @Test func theQuestionsFileIsShownAtTheLastNinetySeconds() async throws {
    try await offThePool {
      let home = try Home()
      try home.write(
        "questions.md",
        """
        # Closing questions
        - What is the bottleneck the team spends most of its time on?
        - What was the last incident that paged someone?
        - What does the tech stack look like?

        """)
      let check = try ConfigEndToEnd.mockroom(["questions", "check"], home)
      #expect(check.status == 1)
      #expect(
        check.stdout.contains("questions.md:4: tech stack: What does the tech stack look like?"))
      let pane = try Pane(
        width: 100, height: 30,
        arguments: ["run", "--prompt", "video-recs", "--bell", "off"] + Self.twenty,
        environment: ["MOCKROOM_HOME": home.path].merging(fastClock(5)) { $1 })
      let banner = try pane.waitFor("the last 90 seconds' questions", timeout: 20) {
        $0.contains("LAST 90 S") && $0.contains("? What was the last incident that paged")
      }
      #expect(banner.contains("? What is the bottleneck the team spends most of its time on?"))
      #expect(!banner.contains("tech stack"))
      try pane.send("q", "y")
      try pane.expectExit(0)
      let fired = Self.of(try Self.lines(home), "cue_fired").first {
        $0["cue"] as? String == "last-90s"
      }
      #expect(
        fired?["questions"] as? [String] == [
          "What is the bottleneck the team spends most of its time on?",
          "What was the last incident that paged someone?",
        ])
      // `questions edit` runs the editor on the file; what it writes is listed.
      try home.write(
        "editor.sh", "#!/bin/sh\necho '- Which decision would the team reverse?' >> \"$1\"\n")
      chmod(home.path + "/editor.sh", 0o755)
      let edit = try ConfigEndToEnd.mockroom(
        ["questions", "edit"], home, ["EDITOR": home.path + "/editor.sh", "VISUAL": ""])
      #expect(edit.status == 0, "\(edit.stderr)")
      // Shown now: the strong one never shown is next, then the least recently shown strong
      // one; the weak one never is, though never shown.
      let list = try ConfigEndToEnd.mockroom(["questions"], home)
      let rows = list.stdout.split(separator: "\n").map(String.init)
      #expect(
        rows.first { $0.contains("tech stack") }?.hasPrefix("next") == false, "\(list.stdout)")
      #expect(rows.first { $0.contains("bottleneck") }?.contains("never") == false)
      #expect(rows.first { $0.contains("bottleneck") }?.hasPrefix("next") == true)
      #expect(rows.first { $0.contains("would the team reverse") }?.hasPrefix("next") == true)
      // The next session shows those two: the least recently shown come first.
      let again = try Pane(
        width: 100, height: 30,
        arguments: ["run", "--prompt", "video-recs", "--bell", "off"] + Self.twenty,
        environment: ["MOCKROOM_HOME": home.path].merging(fastClock(5)) { $1 })
      let next = try again.waitFor("the next session's questions", timeout: 20) {
        $0.contains("LAST 90 S") && $0.contains("? Which decision would the team reverse?")
      }
      #expect(next.contains("? What is the bottleneck the team spends most of its time on?"))
      #expect(!next.contains("tech stack") && !next.contains("? What was the last incident"))
      try again.send("q", "y")
      try again.expectExit(0)
    }
  }

  /// A file of weak questions only: the banner shows none of them, and says so.
  @Test func aFileOfWeakQuestionsOnlyIsSaidOnTheBanner() async throws {
    try await offThePool {
      let home = try Home()
      try home.write(
        "questions.md", "- What does the tech stack look like?\n- What is the culture like?\n")
      let pane = try Pane(
        width: 100, height: 30,
        arguments: ["run", "--prompt", "video-recs", "--bell", "off"] + Self.twenty,
        environment: ["MOCKROOM_HOME": home.path].merging(fastClock(5)) { $1 })
      let banner = try pane.waitFor("the last 90 seconds' banner", timeout: 20) {
        $0.contains("LAST 90 S") && $0.contains("no strong closing question")
      }
      #expect(!banner.contains("tech stack") && !banner.contains("culture like"))
      try pane.send("q", "y")
      try pane.expectExit(0)
      let fired = Self.of(try Self.lines(home), "cue_fired").first {
        $0["cue"] as? String == "last-90s"
      }
      #expect(fired?["questions"] == nil)
      #expect((fired?["text"] as? String)?.contains("'mockroom questions check' says why") == true)
    }
  }
}
