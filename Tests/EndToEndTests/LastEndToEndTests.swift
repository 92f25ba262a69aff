import Foundation
import Testing

/// `last` is the newest session for every command that takes an id, and `last --drill` the
/// newest drill; a `--since` day that no calendar has is refused in words.
@Suite(.timeLimit(.minutes(2))) struct LastEndToEnd {
  typealias Home = PromptEndToEnd.Home

  static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "Fuzz/seeds/FuzzRecord")

  /// A partner session on 1 December, then an estimate drill on 2 December (the newer).
  static func sessionThenDrill() throws -> Home {
    let home = try Home()
    for (seed, id) in [
      ("partner-session", "20261201-212057-llm-chat-serving"),
      ("drill-estimate", "20261202-020516-drill-estimate"),
    ] {
      let text = try String(
        contentsOf: seeds.appendingPathComponent(seed + ".jsonl"), encoding: .utf8)
      try home.write("sessions/\(id).jsonl", text)
    }
    return home
  }

  @Test func lastIsTheNewestSessionAndLastDrillTheNewestDrill() throws {
    let home = try Self.sessionThenDrill()
    let show = try ConfigEndToEnd.mockroom(["show", "last"], home)
    #expect(show.status == 0, "\(show.stderr)")
    #expect(show.stdout.contains("20261201-212057-llm-chat-serving"), "\(show.stdout)")
    #expect(!show.stdout.contains("estimate drill"), "\(show.stdout)")
    let json = try ConfigEndToEnd.mockroom(["show", "last", "--json"], home)
    #expect(json.stdout.contains("\"show\""), "\(json.stdout)")
    let drill = try ConfigEndToEnd.mockroom(["show", "last", "--drill"], home)
    #expect(drill.status == 0, "\(drill.stderr)")
    #expect(drill.stdout.contains("estimate drill"), "\(drill.stdout)")
    let report = try ConfigEndToEnd.mockroom(["report", "last", "-o", "-"], home)
    #expect(report.status == 0, "\(report.stderr)")
    #expect(report.stdout.contains("20261201-212057-llm-chat-serving"))
    #expect(!report.stdout.contains("20261202-020516-drill-estimate"))
    let drillReport = try ConfigEndToEnd.mockroom(["report", "last", "--drill", "-o", "-"], home)
    #expect(drillReport.status == 0, "\(drillReport.stderr)")
    #expect(drillReport.stdout.contains("20261202-020516-drill-estimate"))
    // --drill is about `last`: a session named outright is not a drill.
    let named = try ConfigEndToEnd.mockroom(["show", "20261201", "--drill"], home)
    #expect(named.status == 1)
    #expect(
      named.stderr == "mockroom: 20261201-212057-llm-chat-serving is a session, not a drill\n",
      "\(named.stderr)")
  }

  @Test func lastDrillWithNoDrillSaysSo() throws {
    let home = try Home()
    let text = try String(
      contentsOf: Self.seeds.appendingPathComponent("partner-session.jsonl"), encoding: .utf8)
    try home.write("sessions/20261201-212057-llm-chat-serving.jsonl", text)
    let drill = try ConfigEndToEnd.mockroom(["show", "last", "--drill"], home)
    #expect(drill.status == 1)
    #expect(drill.stderr == "mockroom: no drills yet, only sessions\n", "\(drill.stderr)")
  }

  @Test(arguments: [
    ("2026-02-30", "2026-02-30: February 2026 has 28 days"),
    ("2026-13-01", "2026-13-01: there is no month 13"),
    ("2028-02-30", "2028-02-30: February 2028 has 29 days"),
    ("2026-04-31", "2026-04-31: April 2026 has 30 days"),
    ("2026-00-10", "2026-00-10: there is no month 0"),
    ("2026-05-00", "2026-05-00: there is no day 0"),
  ])
  func anImpossibleDayIsRefusedInWords(day: String, words: String) throws {
    let home = try Self.sessionThenDrill()
    for command in ["stats", "report"] {
      let out = try ConfigEndToEnd.mockroom(
        [command, "--since", day, "-o", "-"].filter {
          command == "report" || ($0 != "-o" && $0 != "-")
        }, home)
      #expect(out.status == 2, "\(command) \(day): \(out.stdout.prefix(200))")
      #expect(out.stderr.contains("--since \(words)"), "\(out.stderr)")
    }
    let fine = try ConfigEndToEnd.mockroom(["stats", "--since", "2028-02-29"], home)
    #expect(fine.status == 0, "\(fine.stderr)")
  }
}

/// Who interviewed, as the command line takes it: with --partner only, and a name that is one.
@Suite(.timeLimit(.minutes(2))) struct InterviewerNameEndToEnd {
  @Test func anInterviewerGoesWithPartnerAndIsAName() throws {
    let home = try PromptEndToEnd.Home()
    let alone = try ConfigEndToEnd.mockroom(["run", "--interviewer", "Bo"], home)
    #expect(alone.status == 2)
    #expect(alone.stderr.contains("--interviewer goes with --partner."), "\(alone.stderr)")
    let blank = try ConfigEndToEnd.mockroom(["run", "--partner", "--interviewer", " "], home)
    #expect(blank.status == 2)
    #expect(
      blank.stderr.contains(
        "--interviewer ' ': give a name of 1 to 40 characters, without control characters."),
      "\(blank.stderr)")
    let console = try ConfigEndToEnd.mockroom(["interviewer", "--name", ""], home)
    #expect(console.status == 2 && console.stderr.contains("--name '': give a name"))
  }
}

/// `stats --by week` through the real binary: the session and the drill of one week.
@Suite(.timeLimit(.minutes(2))) struct WeeksEndToEnd {
  @Test func statsByWeekCountsTheWeeksSessionsAndDrills() throws {
    let home = try LastEndToEnd.sessionThenDrill()
    let text = try ConfigEndToEnd.mockroom(["stats", "--by", "week"], home)
    #expect(text.status == 0, "\(text.stderr)")
    let lines = text.stdout.split(separator: "\n")
    #expect(lines.count == 2 && lines[1].hasPrefix("2026-W49  2026-11-30  1"), "\(text.stdout)")
    #expect(lines[1].contains("2 of 3"), "\(text.stdout)")
    let json = try ConfigEndToEnd.mockroom(["stats", "--by", "week", "--json"], home)
    #expect(json.stdout.contains(#""week":"2026-W49""#) && json.stdout.contains(#""drills":1"#))
    let bad = try ConfigEndToEnd.mockroom(["stats", "--by", "month"], home)
    #expect(bad.status == 2 && bad.stderr.contains("--by 'month': the one grouping is week."))
  }
}
