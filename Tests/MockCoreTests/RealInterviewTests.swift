import Foundation
import Testing

@testable import MockCore

@Suite struct RealInterviewFiles {
  static func parse(_ text: String, id: String = "20261209-acme") -> (RealInterview?, [String]) {
    let parsed = RealInterviewFile.parse(
      file: "interviews/\(id).md", id: id, bytes: Array(text.utf8), localOffset: { _ in 3600 })
    return (parsed.interview, parsed.problems.map(\.description))
  }

  static let minimal = """
    ---
    company: Acme
    role: Staff ML engineer
    at: 2026-12-09T15:00
    ---
    """

  @Test func aMinimalFileReadsWithItsDefaults() throws {
    let (read, problems) = Self.parse(Self.minimal + "\n")
    #expect(problems.isEmpty)
    let interview = try #require(read)
    #expect(interview.company == "Acme")
    #expect(interview.role == "Staff ML engineer")
    #expect(interview.kind == .systemDesign)
    #expect(interview.minutes == 60)
    // Without an offset, the local one (here +01:00) is taken: 15:00 local is 14:00 UTC.
    #expect(CivilTime.format(interview.at, zone: 0) == "2026-12-09T14:00Z")
    #expect(interview.zone == 3600)
    #expect(interview.end == interview.at + 3600)
    #expect(interview.writeupDue == interview.end + 4 * 3600)
  }

  @Test func everyFieldReadsBackAsWritten() throws {
    var interview = RealInterview(
      id: "20261209-acme", company: "Acme \"Corp\"", role: "ML: staff\nengineer",
      kind: .mlDesign, at: 1_797_000_000, zone: -5 * 3600, minutes: 45)
    interview.who = "Ana"
    interview.plan = "quick"
    interview.outcome = .noAnswer
    interview.feedback = "liked the \\ estimate\ttab"
    interview.tags = ["capacity-math", "kv-cache"]
    interview.scores = ["numbers": 2, "judgment": 4]
    interview.written = 1_797_010_000
    interview.lateMinutes = 12
    interview.dueHookFired = 1_797_009_000
    interview.reminded = 1_796_950_000
    interview.number = "2M DAU x 20 msgs"
    interview.phrases = ["it depends on", "let me check the numbers"]
    interview.story = "I cut p99 in half."
    interview.notes = "Recruiter: Bo."
    interview.premortem = "1. freeze\n   Recovery move: measure"
    interview.writeup = "### Self-scores\n- numbers: 2"
    let text = RealInterviewFile.text(interview)
    let (read, problems) = Self.parse(text)
    #expect(problems.isEmpty)
    #expect(read == interview)
    // Written twice, the same bytes.
    #expect(read.map(RealInterviewFile.text) == text)
  }

  /// A write-up days late is written back as many minutes, and reads back: the reader once
  /// took only durations up to a day, so such an interview dropped out of every command.
  @Test(arguments: [0, 1_441, 2_047, 9_247, 200_000]) func anyLatenessWrittenReadsBack(
    minutes: Int
  ) throws {
    var interview = try #require(Self.parse(Self.minimal + "\n").0)
    interview.written = interview.writeupDue + Int64(minutes) * 60
    interview.lateMinutes = minutes
    let (read, problems) = Self.parse(RealInterviewFile.text(interview))
    #expect(problems.isEmpty)
    #expect(read?.lateMinutes == minutes)
  }

  @Test(arguments: [
    (
      "---\nrole: r\nat: 2026-12-09T15:00\n---\n",
      "interviews/20261209-acme.md:2:1: missing field 'company'"
    ),
    (
      "---\ncompany: c\nrole: r\nat: 2026-12-09T15:00\nkind: sytem-design\n---\n",
      "interviews/20261209-acme.md:5:7: unknown kind 'sytem-design' (did you mean 'system-design'?)"
    ),
    (
      "---\ncompany: c\nrole: r\nat: 9 Dec 3pm\n---\n",
      "interviews/20261209-acme.md:4:5: 'at' must be a date and time like 2026-12-09T15:00"
    ),
    (
      "---\ncompany: c\nrole: r\nat: 2026-02-30T15:00\n---\n",
      "interviews/20261209-acme.md:4:5: 'at' must be a date"
    ),
    (
      "---\ncompany: c\nrole: r\nat: 2026-12-09T15:00\nlength: 5m\n---\n",
      "interviews/20261209-acme.md:5:9: 'length' must be a duration from 10m to 12h"
    ),
    (
      "---\ncompany: c\nrole: r\nat: 2026-12-09T15:00\noutcome: hired\n---\n",
      "interviews/20261209-acme.md:5:10: unknown outcome 'hired'"
    ),
    (
      "---\ncompany: c\nrole: r\nat: 2026-12-09T15:00\nscores: {numbers: 6}\n---\n",
      "interviews/20261209-acme.md:5:19: a score is a whole number from 1 to 5"
    ),
    (
      "---\ncompany: c\nrole: r\nat: 2026-12-09T15:00\nscores: {speed: 3}\n---\n",
      "interviews/20261209-acme.md:5:10: unknown dimension 'speed'"
    ),
    (
      "---\ncompany: c\nrole: r\nat: 2026-12-09T15:00\nscores: 3\n---\n",
      "interviews/20261209-acme.md:5:9: 'scores' must be a mapping"
    ),
    (
      "---\ncompany: c\nrole: r\nat: 2026-12-09T15:00\nphrases: [a, b, c, d]\n---\n",
      "interviews/20261209-acme.md:5:10: 'phrases' holds at most three"
    ),
    (
      "---\ncompany: c\nrole: r\nat: 2026-12-09T15:00\ncompnay: d\n---\n",
      "interviews/20261209-acme.md:5:1: unknown field 'compnay' (did you mean 'company'?)"
    ),
    (
      "---\ncompany: c\nrole: r\nat: 2026-12-09T15:00\nlate: soon\n---\n",
      "interviews/20261209-acme.md:5:7: 'late' must be a duration"
    ),
    (
      "---\ncompany: [c]\nrole: r\nat: 2026-12-09T15:00\n---\n",
      "interviews/20261209-acme.md:2:10: 'company' must be text, not a list"
    ),
    (
      "---\ncompany: c\nrole: r\nat: 2026-12-09T15:00\nrole: again\n---\n",
      "interviews/20261209-acme.md:"
    ),
    (
      "---\ncompany: c\nrole: r\nat: 2026-12-09T15:00\n  bad: [\n---\n",
      "interviews/20261209-acme.md:"
    ),
    (
      "---\ncompany: c\nrole: r\nat: 2026-12-09T15:00\n---\n## Write-up\na\n## Write-up\nb\n",
      "interviews/20261209-acme.md:8:1: '## Write-up' a second time (first on line 6)"
    ),
    ("company: c\n", "interviews/20261209-acme.md:1:1: no front matter"),
    (
      "---\ncompany: c\n",
      "interviews/20261209-acme.md:1:1: the front matter opened here is never closed"
    ),
  ])
  func aBadFileIsNamedAtItsLine(text: String, expected: String) {
    let (read, problems) = Self.parse(text)
    #expect(read == nil)
    #expect(problems.contains { $0.hasPrefix(expected) }, "\(problems)")
  }

  @Test func aBadIdAndBytesThatAreNotTextAreSaid() {
    let (_, problems) = Self.parse(Self.minimal, id: "Acme Corp")
    #expect(problems.first?.contains("the file name 'Acme Corp' cannot be an id") == true)
    let parsed = RealInterviewFile.parse(
      file: "x.md", id: "x", bytes: Array("---\ncompany: \u{e9}\n".utf8) + [0xFF, 0x0A])
    #expect(
      parsed.problems.map(\.description) == ["x.md:3:1: not UTF-8 text: save the file as UTF-8"])
  }

  @Test func aFileTooLargeIsRefusedUnread() {
    let parsed = RealInterviewFile.parse(
      file: "x.md", id: "x", bytes: [UInt8](repeating: 0x20, count: RealInterviewFile.largest + 1))
    #expect(parsed.problems.first?.message.hasPrefix("larger than 1 MiB") == true)
  }

  @Test func theBodyIsNotesThenThePremortemThenTheWriteUp() throws {
    let (read, _) = Self.parse(
      Self.minimal + "\nfirst notes\n\n## pre-mortem\n\n1. freeze\n\n## Write-up\n\nwent ok\n")
    let interview = try #require(read)
    #expect(interview.notes == "first notes")
    #expect(interview.premortem == "1. freeze")
    #expect(interview.writeup == "went ok")
  }

  @Test func idsAreTheDateAndTheCompanyAndNeverCollide() {
    let at = CivilTime.parse("2026-12-09T23:30Z") { _ in 0 }!.seconds
    #expect(
      RealInterview.newID(company: "Acme Corp.", at: at, zone: 0, taken: []) == "20261209-acme-corp"
    )
    // The local date: half past midnight the next day two hours east.
    #expect(RealInterview.newID(company: "Acme", at: at, zone: 7200, taken: []) == "20261210-acme")
    #expect(
      RealInterview.newID(company: "Ünï", at: at, zone: 0, taken: ["20261209-uni"])
        == "20261209-uni-2")
    #expect(
      RealInterview.newID(company: "Ünïcödé 株式会社", at: at, zone: 0, taken: [])
        == "20261209-unicode")
    #expect(RealInterview.newID(company: "!!", at: at, zone: 0, taken: []) == "20261209")
  }
}

@Suite struct CivilTimes {
  @Test(arguments: [
    ("2026-12-09T15:00", "2026-12-09T15:00+01:00"),
    ("2026-12-09 15:00:30", "2026-12-09T15:00:30+01:00"),
    ("2026-12-09T15:00Z", "2026-12-09T15:00Z"),
    ("2026-12-09T15:00-05:30", "2026-12-09T15:00-05:30"),
    ("2026-12-09T15:00+0200", "2026-12-09T15:00+02:00"),
    ("2024-02-29T00:00Z", "2024-02-29T00:00Z"),
    ("1970-01-01T00:00Z", "1970-01-01T00:00Z"),
  ])
  func aTimeReadsAndIsWrittenTheSame(text: String, written: String) throws {
    let time = try #require(CivilTime.parse(text) { _ in 3600 })
    #expect(CivilTime.format(time.seconds, zone: time.zone) == written)
  }

  @Test(arguments: [
    "2026-13-01T10:00", "2026-12-09", "2026-12-09T24:00", "2025-02-29T10:00",
    "2026-12-09T10:00+15:00",
    "2026-12-09T10:00 UTC", "", "2026-12-09T1:00",
  ])
  func aTimeThatIsNotOneIsRefused(text: String) {
    #expect(CivilTime.parse(text) { _ in 0 } == nil)
  }

  @Test func theDayMathMatchesFoundation() {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    for seconds in stride(
      from: Int64(-86_400 * 400), to: 86_400 * 365 * 300, by: 86_400 * 37 + 3_599)
    {
      let parts = calendar.dateComponents(
        [.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: Double(seconds)))
      let ours = CivilTime.parts(seconds)
      let theirs: [Int] = [parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!]
      #expect(
        [ours.year, ours.month, ours.day, ours.hour, ours.minute]
          == theirs)
    }
    #expect(
      CivilTime.shown(CivilTime.parse("2026-12-09T15:00Z") { _ in 0 }!.seconds, zone: 0)
        == "Wed 9 Dec 2026 15:00")
    #expect(CivilTime.span(3 * 3600 + 11 * 60 + 1) == "3h12m")
    #expect(CivilTime.span(35 * 60) == "35m")
    // Past two days, days and hours: 154:08 would read as a time of day.
    #expect(CivilTime.span(154 * 3600 + 8 * 60) == "6d10h")
  }
}

@Suite struct RealInterviewFormsTests {
  static let interview = RealInterview(
    id: "20261209-acme", company: "Acme", role: "staff", at: 1_797_000_000)

  @Test func anUntouchedTemplateIsNothingAndAnyWordIsSomething() {
    let template = RealInterviewForms.premortemTemplate(Self.interview)
    #expect(RealInterviewForms.isUntouched(template, template: template))
    #expect(RealInterviewForms.isUntouched(template + "\n\n  \n", template: template))
    #expect(RealInterviewForms.isUntouched("", template: template))
    let edited = template.replacingOccurrences(of: "1. \n", with: "1. I freeze on the estimate\n")
    #expect(!RealInterviewForms.isUntouched(edited, template: template))
    // The guidance comments go; what was written stays.
    let cleaned = RealInterviewForms.cleaned(edited)
    #expect(!cleaned.contains("<!--") && !cleaned.contains("Imagine it"))
    #expect(cleaned.contains("1. I freeze on the estimate"))
  }

  @Test func aRecoveryMoveMustBeOneOfTheFive() {
    let text =
      "1. x\n   Recovery move: measure\n2. y\n   Recovery move: similar system\n3. z\n   Recovery move: panic\n   Recovery move: \n"
    let problems = RealInterviewForms.premortemProblems(text, file: "/tmp/p.md")
    #expect(
      problems.map(\.description) == [
        "/tmp/p.md:6:1: 'panic' is not a recovery move; name one of measure, tradeoff, "
          + "provisional, similar_system, question"
      ])
  }

  @Test func theWriteUpsScoresAndTagsAreRead() {
    let template = RealInterviewForms.writeupTemplate(Self.interview)
    let filled = template.replacingOccurrences(of: "- numbers: \n", with: "- numbers: 2\n")
      .replacingOccurrences(of: "- recovery: \n", with: "- recovery: 4\n")
      .replacingOccurrences(of: "tags: \n", with: "tags: Capacity-math, kv-cache,\n")
    let read = RealInterviewForms.writeupFields(filled, file: "w.md")
    #expect(read.problems.isEmpty)
    #expect(read.scores == ["numbers": 2, "recovery": 4])
    #expect(read.tags == ["capacity-math", "kv-cache"])
    let bad = template.replacingOccurrences(of: "- numbers: \n", with: "- numbers: 7\n")
    let line =
      bad.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
        $0.hasPrefix("- numbers")
      }! + 1
    #expect(
      RealInterviewForms.writeupFields(bad, file: "w.md").problems.map(\.description) == [
        "w.md:\(line):1: numbers: '7' is not a score; give a whole number from 1 to 5, or leave it blank"
      ])
  }

  @Test func scoresForScriptsTakeTheDimensionsWords() throws {
    let numerical = try RealInterviewForms.score("numerical=2").get()
    #expect(numerical.0 == .numbers && numerical.1 == 2)
    #expect(try RealInterviewForms.score("operational=5").get().0 == .operations)
    #expect(try RealInterviewForms.score("tradeoff=3").get().0 == .tradeoffs)
    for bad in ["speed=2", "numbers=0", "numbers", "numbers=two"] {
      #expect((try? RealInterviewForms.score(bad).get()) == nil)
    }
  }

  @Test func theWriteUpQuotesWhatThePremortemFeared() {
    var interview = Self.interview
    interview.premortem =
      "1. freeze on numbers\n   Recovery move: measure\n2. run out of time\n3.\n   Recovery move:"
    let template = RealInterviewForms.writeupTemplate(interview)
    #expect(template.contains("> 1. freeze on numbers\n> 2. run out of time\nDid what"))
  }

  @Test func thePhasesAWriteUpNamesAreFound() {
    #expect(
      RealInterviewForms.phasesNamed("Ran long in Design; the drill was rushed.") == [
        .design, .drill,
      ])
  }
}

@Suite struct RealInterviewNotices {
  static func interview(_ at: String) -> RealInterview {
    let time = CivilTime.parse(at) { _ in 0 }!
    return RealInterview(
      id: "acme", company: "Acme", role: "staff", at: time.seconds, zone: time.zone)
  }
  static func time(_ text: String) -> Int64 { CivilTime.parse(text) { _ in 0 }!.seconds }

  @Test func theFourHoursCountDownFromTheEndThenTheLatenessShows() {
    let interview = Self.interview("2026-12-09T15:00+01:00")
    // Before its end: nothing.
    #expect(
      RealInterviewNotice.notices([interview], now: Self.time("2026-12-09T15:59+01:00")).isEmpty)
    let at = Self.time("2026-12-09T16:48+01:00")
    let notice = RealInterviewNotice.notices([interview], now: at)
    let left: Int64 = 3 * 3600 + 12 * 60
    #expect(notice.map(\.kind) == [RealInterviewNotice.Kind.writeupDue(left: left)])
    #expect(
      notice.first?.text
        == "3h12m left of the four hours to write up Acme, staff: mockroom interview writeup acme")
    #expect(notice.first?.fireHook == true)
    // Once fired, it is not fired again; the countdown still shows.
    let fired = notice[0].applied(to: interview, at: at)
    #expect(fired.dueHookFired == at)
    #expect(RealInterviewNotice.notices([fired], now: at + 60).first?.fireHook == false)
    let late = RealInterviewNotice.notices([fired], now: Self.time("2026-12-09T21:30+01:00"))
    #expect(
      late.first?.text.hasPrefix("the write-up of Acme, staff is 1h30m past its four hours") == true
    )
    // Written, or a week on: quiet.
    var written = fired
    written.written = at
    #expect(RealInterviewNotice.notices([written], now: at + 60).isEmpty)
    #expect(RealInterviewNotice.notices([fired], now: interview.end + 7 * 86_400).isEmpty)
  }

  @Test func theEveningBeforeRemindsOnce() {
    var interview = Self.interview("2026-12-09T09:30+01:00")
    interview.premortem = "1. freeze"
    #expect(
      RealInterviewNotice.notices([interview], now: Self.time("2026-12-08T17:59+01:00")).isEmpty)
    let at = Self.time("2026-12-08T18:00+01:00")
    let notices = RealInterviewNotice.notices([interview], now: at)
    #expect(notices.map(\.kind) == [.eveningBefore(premortem: true)])
    #expect(
      notices.first?.text.contains("your pre-mortem is there to read: mockroom interview show acme")
        == true)
    let reminded = notices[0].applied(to: interview, at: at)
    #expect(RealInterviewNotice.notices([reminded], now: at + 3600).isEmpty)
    interview.premortem = nil
    #expect(
      RealInterviewNotice.notices([interview], now: at).first?.text.hasSuffix(
        "no pre-mortem yet: mockroom interview premortem acme") == true)
  }

  @Test func theNightBeforeIsUnderEighteenHoursAhead() {
    let interview = Self.interview("2026-12-09T09:00Z")
    #expect(
      RealInterviewNotice.nightBefore([interview], now: Self.time("2026-12-08T15:00Z")) == nil)
    #expect(
      RealInterviewNotice.nightBefore([interview], now: Self.time("2026-12-08T15:01Z")) == interview
    )
    #expect(
      RealInterviewNotice.nightBefore([interview], now: Self.time("2026-12-09T09:00Z")) == nil)
  }
}

@Suite struct InterviewPatternTests {
  static func made(
    _ n: Int, _ outcome: RealInterview.Outcome, _ scores: [String: Int], tags: [String] = [],
    writeup: String? = nil
  ) -> RealInterview {
    var interview = RealInterview(
      id: "i\(n)", company: "Co\(n)", role: "staff", at: 1_790_000_000 + Int64(n) * 604_800)
    interview.outcome = outcome
    interview.scores = scores
    interview.tags = tags
    interview.writeup = writeup
    return interview
  }

  @Test func belowFiveRejectionsItIsTooEarly() {
    let four = (1...4).map { Self.made($0, .rejected, ["numbers": 1, "judgment": 3]) }
    let patterns = InterviewPatterns(four)
    #expect(patterns.tooEarly)
    #expect(patterns.recurring.isEmpty)
    #expect(patterns.lines.contains { $0.hasPrefix("Too early to call a pattern: 4 rejections") })
  }

  @Test func overSixInterviewsTheRecurringWeakestDimensionIsNamed() {
    let six = [
      Self.made(
        1, .rejected, ["numbers": 2, "judgment": 4], tags: ["kv-cache"], writeup: "design ran long"),
      Self.made(2, .offer, ["numbers": 1, "judgment": 5]),
      Self.made(
        3, .rejected, ["numbers": 2, "tradeoffs": 3], tags: ["kv-cache"],
        writeup: "the design was thin"),
      Self.made(4, .rejected, ["operations": 1, "numbers": 3]),
      Self.made(5, .rejected, ["numbers": 1, "recovery": 2], tags: ["capacity"]),
      Self.made(6, .rejected, ["numbers": 2, "operations": 2]),
    ]
    let mocks = [
      (started: six[0].at - 86_400, scores: [Dimension.numbers: 3]),
      (started: six[0].at - 20 * 86_400, scores: [Dimension.numbers: 1]),
    ]
    let patterns = InterviewPatterns(six, mocks: mocks)
    #expect(!patterns.tooEarly)
    #expect(patterns.rejections.count == 5)
    #expect(patterns.weakestCounts[.numbers] == 4)
    #expect(patterns.recurring == [.numbers])
    #expect(
      patterns.lines.contains("Recurring weakest dimension: numerical fluency (4 of 5 rejections).")
    )
    #expect(patterns.tags.map(\.0) == ["kv-cache"])
    #expect(patterns.phases.map(\.0) == [.design])
    // Only the mock in the two weeks before counts.
    #expect(patterns.rejections[0].mocks == 1)
    #expect(patterns.rejections[0].mockMean == 3)
  }
}

@Suite struct InterviewSheetTests {
  @Test func theMarginHasTheCardsHeldLeastWellAndNeverOnesUnreviewed() {
    let deck = NumberCard.deck
    func state(_ index: Int, _ stability: Double?) -> DrillStats.CardState {
      DrillStats.CardState(
        card: deck[index],
        memory: stability.map {
          FSRS.Memory(stability: $0, difficulty: 5, reviewed: 20_000, interval: 1)
        }, reviews: stability == nil ? 0 : 3, lapses: 0)
    }
    let misses = InterviewSheet.misses(
      [state(0, 9), state(1, nil), state(2, 0.5), state(3, 2), state(4, 30)], count: 3)
    #expect(misses.map(\.question) == [deck[2].question, deck[3].question, deck[0].question])
    #expect(misses.first?.answer == "80 GB")
  }

  @Test func thePageHasThePlansBudgetsAndEscapesWhatCameFromTheFile() {
    var interview = RealInterview(
      id: "x", company: "A&B <script>", role: "staff", at: 1_797_000_000)
    interview.phrases = ["\"quoted\""]
    var plan = Plan.standard
    plan[.design] = .minutes(20)
    let html = InterviewSheet.html(
      interview, plan: plan, misses: [.init(question: "HBM?", answer: "80 GB")], paper: .letter)
    #expect(html.contains("A&amp;B &lt;script&gt;"))
    #expect(!html.contains("<script"))
    #expect(html.contains("&quot;quoted&quot;"))
    #expect(html.contains("<tr><td>design</td><td>20:00</td><td>from 10:00</td></tr>"))
    #expect(html.contains("<tr><td>total</td><td>50:00</td>"))
    #expect(html.contains("@page { size: letter;"))
    #expect(html.contains("HBM?<br/><b>80 GB</b>"))
    #expect(html.contains("(none yet: add &#39;number:&#39;"))
  }
}
