import Foundation
import ReportCheck
import Testing

@testable import mockroom

/// Real interviews through the real binary, at times set with Debian's faketime, and with a
/// stand-in editor (a shell script that fills the form as a person would).
@Suite(.timeLimit(.minutes(3))) struct InterviewEndToEnd {
  typealias Home = PromptEndToEnd.Home

  /// The interview every test has: Wednesday 9 December 2026, 15:00 to 16:00 UTC.
  static let id = "20261209-acme"

  static func requireFaketime() throws {
    try #require(
      try runProcess(["sh", "-c", "command -v faketime"]).status == 0,
      "faketime is missing: scripts/setup --for-tests installs it")
    forgetStaleFaketimes()
  }

  /// The `faketime` wrapper shares its clock through a semaphore and a shared memory object
  /// named by its own pid, and removes them when it ends; one that was killed (a test's pane
  /// closed under it) leaves them, and a later wrapper given the same pid then refuses to
  /// start ("sem_open: File exists"). Those of wrappers no longer running are removed.
  static func forgetStaleFaketimes() {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/shm")) ?? []
    for name in names {
      guard let pid = name.split(separator: "_").last.flatMap({ Int32($0) }),
        name.hasPrefix("faketime_shm_") || name.hasPrefix("sem.faketime_sem_"),
        kill(pid, 0) != 0, errno == ESRCH
      else { continue }
      unlink("/dev/shm/" + name)
    }
  }

  /// mockroom at the wall-clock time `at` (UTC), frozen there.
  static func mockroom(
    _ arguments: [String], _ home: Home, at: String, _ extra: [String: String] = [:]
  ) throws -> Output {
    var environment = home.environment.merging(extra) { $1 }
    environment["TZ"] = "UTC"
    return try runProcess(
      ["timeout", "20", "faketime", at, Binary.path] + arguments, environment: environment)
  }

  static func added(_ home: Home) throws {
    let made = try mockroom(
      [
        "interview", "new", "--company", "Acme", "--role", "Staff ML engineer", "--at",
        "2026-12-09T15:00Z",
      ], home, at: "2026-12-01 10:00:00")
    #expect(made.status == 0, "\(made.stderr)")
    #expect(made.stdout.hasPrefix("mockroom: added \(id): \(home.path)/interviews/\(id).md\n"))
  }

  /// A stand-in editor: fills the pre-mortem's first risk and move, or the write-up's answer
  /// to the first question, a score and a tag.
  static func editor(_ home: Home) throws -> String {
    try home.write(
      "bin/editor",
      """
      #!/bin/sh
      echo "$1" >> "$(dirname "$0")/edited"
      sed -i -e 's/^1\\. $/1. I freeze on the KV math/' \\
        -e '0,/Recovery move: $/s//Recovery move: measure/' \\
        -e 's/^- numbers: $/- numbers: 2/' -e 's/^tags: $/tags: kv-cache/' \\
        -e 's/^### The design questions asked$/&\\nA chat service for 10M users./' "$1"

      """)
    chmod(home.path + "/bin/editor", 0o755)
    return home.path + "/bin/editor"
  }

  @Test func aNewInterviewIsAReadableFileListedAndShown() throws {
    try Self.requireFaketime()
    let home = try Home()
    try Self.added(home)
    let file = try String(contentsOfFile: home.path + "/interviews/\(Self.id).md", encoding: .utf8)
    #expect(
      file
        == "---\ncompany: \"Acme\"\nrole: \"Staff ML engineer\"\nkind: system-design\n"
        + "at: 2026-12-09T15:00Z\nlength: 60m\n---\n")
    let list = try Self.mockroom(["interview", "list"], home, at: "2026-12-01 10:00:00")
    #expect(list.stdout.contains("\(Self.id)  2026-12-09T15:00Z  Acme     Staff ML engineer"))
    let json = try Self.mockroom(["interview", "list", "--json"], home, at: "2026-12-01 10:00:00")
    // As the other JSON: one line, a version, the list under its name, snake_case fields.
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(object?["v"] as? Int == 1)
    let array = object?["interviews"] as? [[String: Any]]
    #expect(array?.first?["company"] as? String == "Acme")
    #expect(array?.first?["at"] as? Int == 1_796_828_400)
    let keys = array?.first?.keys.sorted() ?? []
    #expect(!keys.isEmpty && keys.allSatisfy { $0 == $0.lowercased() }, "\(keys)")
    #expect(array?.first?["minutes"] as? Int == 60)
    #expect(json.stdout.split(separator: "\n").count == 1)
    // No company's answer before the interview.
    let beforeIt = try Self.mockroom(
      ["interview", "outcome", Self.id, "offer"], home, at: "2026-12-05 10:00:00")
    #expect(beforeIt.status == 1)
    #expect(beforeIt.stderr.contains("its outcome comes after it"), "\(beforeIt.stderr)")
    let outcome = try Self.mockroom(
      ["interview", "outcome", Self.id, "rejected", "--feedback", "numbers were shaky"], home,
      at: "2026-12-12 10:00:00")
    #expect(outcome.status == 0, "\(outcome.stderr)")
    // A prefix that names one interview is enough, as for a session.
    let show = try Self.mockroom(
      ["interview", "show", "20261209"], home, at: "2026-12-12 10:00:00")
    #expect(show.stdout.contains("outcome:  rejected\nfeedback: numbers were shaky\n"))
    // An id is a name in the directory, never a path out of it.
    try home.write("secret.md", "---\ncompany: x\nrole: y\nat: 2026-12-09T15:00Z\n---\n")
    let escape = try Self.mockroom(
      ["interview", "show", "../secret"], home, at: "2026-12-12 10:00:00")
    #expect(escape.status == 2)
    #expect(escape.stderr.contains("no interview '../secret'"), "\(escape.stderr)")
    // A write-up before the interview: refused, in words.
    let early = try Self.mockroom(
      ["interview", "writeup", Self.id, "--score", "numbers=3"], home, at: "2026-12-09 14:00:00")
    #expect(early.status == 1)
    #expect(early.stderr.contains("is at Wed 9 Dec 2026 15:00: write it up after it."))
    // A flag given empty is said as such.
    let empty = try Self.mockroom(
      ["interview", "new", "--company", "", "--role", "r", "--at", "2026-12-20T10:00Z"], home,
      at: "2026-12-01 10:00:00")
    #expect(empty.status == 2)
    #expect(empty.stderr.contains("--company is empty: give it a value"), "\(empty.stderr)")
    // A sheet into a folder that is not there: said so, before Chromium is asked.
    let nowhere = try Self.mockroom(
      ["interview", "sheet", Self.id, "-o", home.path + "/missing/s.pdf"], home,
      at: "2026-12-01 10:00:00")
    #expect(nowhere.status == 1)
    #expect(
      nowhere.stderr.contains("\(home.path)/missing is not a folder that can be written"),
      "\(nowhere.stderr)")
    // Without a terminal, what is missing is said, not asked.
    let missing = try Self.mockroom(
      ["interview", "new", "--company", "Acme"], home, at: "2026-12-01 10:00:00")
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("give --role: it is asked for only at a terminal"))
  }

  /// The interviews are indexed like sessions: a file the index remembers, unchanged, is
  /// taken from it; one changed is read again; one that no longer reads is forgotten and said.
  @Test func interviewsAreIndexedByTheirFilesIdentity() throws {
    try Self.requireFaketime()
    let home = try Home()
    try Self.added(home)
    let at = "2026-12-01 10:00:00"
    // A file's times as they are: libfaketime shifts them by an offset that differs from one
    // process to the next, and the index knows a file by them.
    let real = ["NO_FAKE_STAT": "1"]
    #expect(try Self.mockroom(["interview", "list"], home, at: at, real).status == 0)
    let index = home.path + "/cache/index.sqlite"
    func rows() throws -> Int64? {
      try SQLiteDatabase(path: index).integer("SELECT count(*) FROM interviews")
    }
    #expect(try rows() == 1)
    // What the index holds is what is listed while the file is as it was.
    try SQLiteDatabase(path: index).execute(
      "UPDATE interviews SET interview = replace(interview, '\"Acme\"', '\"Remembered\"')")
    let remembered = try Self.mockroom(["interview", "list"], home, at: at, real)
    #expect(remembered.stdout.contains("Remembered"), "\(remembered.stdout)")
    // The file changed: read again, and the index follows.
    try home.write(
      "interviews/\(Self.id).md",
      "---\ncompany: \"Beta\"\nrole: \"Staff ML engineer\"\nat: 2026-12-09T15:00Z\n---\n")
    let changed = try Self.mockroom(["interview", "list"], home, at: at, real)
    #expect(changed.stdout.contains("Beta") && !changed.stdout.contains("Remembered"))
    #expect(try rows() == 1)
    // It no longer reads: said with its line, each time, and forgotten by the index.
    try home.write(
      "interviews/\(Self.id).md", "---\ncompany: Beta\nrole: r\nat: 2026-13-09T15:00Z\n---\n")
    for _ in 0..<2 {
      let broken = try Self.mockroom(["interview", "list"], home, at: at, real)
      #expect(broken.stderr.contains("\(Self.id).md:4:"), "\(broken.stderr)")
    }
    #expect(try rows() == 0)
  }

  @Test func aMalformedFrontMatterIsNamedWithItsLine() throws {
    try Self.requireFaketime()
    let home = try Home()
    try home.write(
      "interviews/\(Self.id).md",
      "---\ncompany: Acme\nrole: staff\nat: 2026-12-09T15:00Z\noutcome: hired\n---\n")
    let show = try Self.mockroom(["interview", "show", Self.id], home, at: "2026-12-01 10:00:00")
    #expect(show.status == 1)
    #expect(
      show.stderr.contains(
        "\(home.path)/interviews/\(Self.id).md:5:10: unknown outcome 'hired'"), "\(show.stderr)")
    // A list goes on without it, and says why.
    let list = try Self.mockroom(["interview", "list"], home, at: "2026-12-01 10:00:00")
    #expect(list.status == 0)
    #expect(list.stderr.contains("\(Self.id).md:5:10: unknown outcome"))
    // Not a regular file: refused, unread.
    try FileManager.default.removeItem(atPath: home.path + "/interviews/\(Self.id).md")
    #expect(mkfifo(home.path + "/interviews/\(Self.id).md", 0o600) == 0)
    let fifo = try Self.mockroom(["interview", "show", Self.id], home, at: "2026-12-01 10:00:00")
    #expect(fifo.stderr.contains("a FIFO (named pipe), not a regular file"), "\(fifo.stderr)")
  }

  @Test func thePremortemIsWrittenInTheEditorAndAnUntouchedOneIsNotSaved() throws {
    try Self.requireFaketime()
    let home = try Home()
    try Self.added(home)
    let file = home.path + "/interviews/\(Self.id).md"
    let before = try String(contentsOfFile: file, encoding: .utf8)
    let untouched = try Self.mockroom(
      ["interview", "premortem", Self.id], home, at: "2026-12-08 17:00:00",
      ["VISUAL": "", "EDITOR": "true"])
    #expect(untouched.stdout == "mockroom: the pre-mortem was left as it was: nothing saved\n")
    #expect(try String(contentsOfFile: file, encoding: .utf8) == before)

    let editor = try Self.editor(home)
    let written = try Self.mockroom(
      ["interview", "premortem", Self.id], home, at: "2026-12-08 17:00:00", ["VISUAL": editor])
    #expect(written.status == 0, "\(written.stderr)")
    let after = try String(contentsOfFile: file, encoding: .utf8)
    #expect(
      after.contains(
        "## Pre-mortem\n\n### The three things most likely to go wrong\n\n"
          + "1. I freeze on the KV math\n   Recovery move: measure\n"))
    #expect(!after.contains("<!--"))
    // The form's own file is gone once saved.
    let edited = try String(contentsOfFile: home.path + "/bin/edited", encoding: .utf8)
    let form = String(edited.split(separator: "\n").last ?? "")
    #expect(!FileManager.default.fileExists(atPath: form))

    // The evening before (from 18:00), the next command reminds once.
    let evening = try Self.mockroom(["interview", "list"], home, at: "2026-12-08 19:30:00")
    #expect(
      evening.stderr.contains(
        "your pre-mortem is there to read: mockroom interview show \(Self.id)"))
    let again = try Self.mockroom(["interview", "list"], home, at: "2026-12-08 19:31:00")
    #expect(!again.stderr.contains("pre-mortem"), "\(again.stderr)")

    // After it began: refused in words.
    let late = try Self.mockroom(
      ["interview", "premortem", Self.id], home, at: "2026-12-09 15:30:00", ["VISUAL": editor])
    #expect(late.status == 1)
    #expect(
      late.stderr.contains(
        "Acme, Staff ML engineer began at Wed 9 Dec 2026 15:00: a pre-mortem is for before it."))
  }

  @Test func aMoveThatIsNoneOfTheFiveKeepsWhatWasTyped() throws {
    try Self.requireFaketime()
    let home = try Home()
    try Self.added(home)
    try home.write(
      "bin/editor",
      "#!/bin/sh\nsed -i 's/Recovery move: $/Recovery move: panic/' \"$1\"\n")
    chmod(home.path + "/bin/editor", 0o755)
    let out = try Self.mockroom(
      ["interview", "premortem", Self.id], home, at: "2026-12-08 19:00:00",
      ["VISUAL": home.path + "/bin/editor", "TMPDIR": home.path])
    #expect(out.status == 1)
    let pattern = "\(home.path)/mockroom-\(Self.id)-premortem.md:"
    #expect(out.stderr.contains(pattern), "\(out.stderr)")
    #expect(out.stderr.contains("'panic' is not a recovery move"))
    let kept = try String(
      contentsOfFile: home.path + "/mockroom-\(Self.id)-premortem.md", encoding: .utf8)
    #expect(kept.contains("Recovery move: panic"))
  }

  @Test func theFourHoursCountDownTheHookFiresOnceAndTheLatenessIsKept() throws {
    try Self.requireFaketime()
    let home = try Home()
    try Self.added(home)
    try home.write(
      "hooks/writeup-due",
      "#!/bin/sh\necho \"$MOCKROOM_EVENT $MOCKROOM_INTERVIEW $MOCKROOM_LEFT_S $MOCKROOM_DUE\" "
        + ">> \"$(dirname \"$0\")/../fired\"\n")
    chmod(home.path + "/hooks/writeup-due", 0o755)
    // Before the end: nothing said, nothing fired.
    let during = try Self.mockroom(["interview", "list"], home, at: "2026-12-09 15:59:00")
    #expect(!during.stderr.contains("write up"))
    #expect(!FileManager.default.fileExists(atPath: home.path + "/fired"))
    // After it, any command says what is left of the four hours.
    let first = try Self.mockroom(["prompts", "list"], home, at: "2026-12-09 16:48:00")
    #expect(
      first.stderr.contains(
        "mockroom: 3h12m left of the four hours to write up Acme, Staff ML engineer: "
          + "mockroom interview writeup \(Self.id)"), "\(first.stderr)")
    let second = try Self.mockroom(["interview", "list"], home, at: "2026-12-09 18:00:00")
    #expect(second.stderr.contains("mockroom: 2h00m left of the four hours"))
    #expect(second.stdout.contains("due in 2h00m"))
    let fired = try String(contentsOfFile: home.path + "/fired", encoding: .utf8)
    // Once, with what was left (faketime's clock runs on from where it is set).
    let words = fired.split(separator: " ")
    #expect(fired.hasSuffix(" 2026-12-09T20:00Z\n") && fired.split(separator: "\n").count == 1)
    #expect(words.prefix(2) == ["writeup-due", "\(Self.id)"])
    #expect((11_500...11_520).contains(Int(words[2]) ?? 0), "\(fired)")

    // Past the four hours, written with the stand-in editor: 35 minutes late, kept.
    let editor = try Self.editor(home)
    let written = try Self.mockroom(
      ["interview", "writeup", Self.id, "--score", "judgment=4"], home, at: "2026-12-09 20:35:00",
      ["VISUAL": editor])
    // --score alone saves only the scores: no editor.
    #expect(written.status == 0, "\(written.stderr)")
    #expect(written.stdout.hasSuffix(", 35m late\n"))
    #expect(!FileManager.default.fileExists(atPath: home.path + "/bin/edited"))
    let file = try String(
      contentsOfFile: home.path + "/interviews/\(Self.id).md", encoding: .utf8)
    #expect(file.contains("scores: {judgment: 4}\nwritten: 2026-12-09T20:35Z\nlate: 35m\n"))
    let edited = try Self.mockroom(
      ["interview", "writeup", Self.id], home, at: "2026-12-09 21:00:00", ["VISUAL": editor])
    #expect(edited.status == 0, "\(edited.stderr)")
    let after = try String(
      contentsOfFile: home.path + "/interviews/\(Self.id).md", encoding: .utf8)
    #expect(after.contains("tags: [\"kv-cache\"]\nscores: {judgment: 4, numbers: 2}\n"))
    #expect(after.contains("late: 35m\n"), "the lateness is the first write-up's")
    #expect(after.contains("### The design questions asked\nA chat service for 10M users."))
    // Written: quiet again.
    let quiet = try Self.mockroom(["interview", "list"], home, at: "2026-12-09 21:10:00")
    #expect(!quiet.stderr.contains("write up"), "\(quiet.stderr)")
    #expect(quiet.stdout.contains("written 35m late"))
  }

  @Test func aWriteUpThatCannotBeSavedIsKeptAndSaidWhere() throws {
    try Self.requireFaketime()
    let home = try Home()
    try Self.added(home)
    // The file's new copy cannot be made: a directory sits where it would go.
    try FileManager.default.createDirectory(
      atPath: home.path + "/interviews/.\(Self.id).md.new", withIntermediateDirectories: true)
    let editor = try Self.editor(home)
    try FileManager.default.createDirectory(
      atPath: home.path + "/tmp", withIntermediateDirectories: true)
    let out = try Self.mockroom(
      ["interview", "writeup", Self.id], home, at: "2026-12-09 17:00:00",
      ["VISUAL": editor, "TMPDIR": home.path + "/tmp"])
    #expect(out.status == 1)
    let form = home.path + "/tmp/mockroom-\(Self.id)-writeup.md"
    #expect(out.stderr.contains("Your writeup as you wrote it is in \(form)"), "\(out.stderr)")
    #expect(
      try String(contentsOfFile: form, encoding: .utf8).contains("A chat service for 10M users."))
    try FileManager.default.removeItem(atPath: home.path + "/interviews/.\(Self.id).md.new")
    let back = try Self.mockroom(
      ["interview", "writeup", Self.id, "--from", form], home, at: "2026-12-09 17:05:00")
    #expect(back.status == 0, "\(back.stderr)")
    #expect(
      try String(contentsOfFile: home.path + "/interviews/\(Self.id).md", encoding: .utf8)
        .contains("A chat service for 10M users."))
  }

  @Test func theNightBeforeAFullMockAsksFirst() throws {
    try Self.requireFaketime()
    let home = try Home()
    try Self.added(home)
    func pane(_ arguments: [String]) throws -> Pane {
      try Pane(
        arguments: arguments,
        environment: [
          "MOCKROOM_HOME": home.path, "TZ": "UTC", "DONT_FAKE_MONOTONIC": "1",
          "MOCKROOM_PROMPTS": PromptEndToEnd.bundled,
        ],
        prefix: ["faketime", "-f", "@2026-12-08 21:30:00"])
    }
    let asked = try pane(["run"])
    try asked.waitFor("a numbers drill instead? [Y/n]")
    try asked.send("Enter")
    let screen = try asked.expectExit(0)
    #expect(screen.contains("No mock tonight. Try: mockroom drill numbers"))
    #expect(try asked.records().isEmpty)

    let anyway = try pane(["run"])
    try anyway.waitFor("a numbers drill instead? [Y/n]")
    // Neither a yes nor a no: asked again, not taken for a yes.
    try anyway.send("x", "Enter")
    try anyway.waitFor("Answer y (a drill instead) or n (the mock anyway):")
    try anyway.send("n", "Enter")
    try anyway.waitFor("CLARIFY")
    try anyway.send("q", "y")
    try anyway.expectExit(0)

    let yes = try pane(["run", "--yes"])
    try yes.waitFor("CLARIFY")
    #expect(!(try yes.screen()).contains("numbers drill instead"))
    try yes.send("q", "y")
    try yes.expectExit(0)

    // A short plan is no full mock: not asked.
    let short = try pane(["run", "--budget", "design=5m", "--budget", "drill=5m"])
    try short.waitFor("CLARIFY")
    try short.send("q", "y")
    try short.expectExit(0)
  }

  @Test func newAsksForWhatTheFlagsDoNotGiveAtATerminal() throws {
    let home = try Home()
    let pane = try Pane(
      arguments: ["interview", "new", "--role", "Staff"],
      environment: ["MOCKROOM_HOME": home.path, "TZ": "UTC"])
    try pane.waitFor("Company?")
    try pane.type("Globex")
    try pane.send("Enter")
    try pane.waitFor("When (like 2026-12-09T15:00)?")
    // A day the calendar has not: asked again, the company typed before it kept.
    try pane.type("2030-02-30T10:00")
    try pane.send("Enter")
    try pane.waitFor("'2030-02-30T10:00' is not a date and time that exists: When")
    try pane.type("2030-01-02T10:00")
    try pane.send("Enter")
    try pane.expectExit(0)
    let file = try String(
      contentsOfFile: home.path + "/interviews/20300102-globex.md", encoding: .utf8)
    #expect(file.contains("company: \"Globex\"\nrole: \"Staff\"\n"))
    #expect(file.contains("at: 2030-01-02T10:00Z\n"))
  }
}

/// The cheat sheet, printed by headless Chromium and read back with poppler.
@Suite(.timeLimit(.minutes(3))) struct InterviewSheetEndToEnd {
  @Test func theSheetIsOnePageWithTheNumbersAndThePlansBudgets() async throws {
    try await offThePool {
      for tool in ["chromium", "pdfinfo", "pdftotext"] {
        try #require(
          try runProcess(["sh", "-c", "command -v \(tool)"]).status == 0,
          "\(tool) is missing: scripts/setup --for-tests installs it")
      }
      let home = try InterviewEndToEnd.Home()
      try home.write("plans/onsite.yaml", "description: longer design\nbudgets: {design: 20m}\n")
      // Every text field as long as the file allows, so the page is as full as it gets.
      let long = String(repeating: "wide words ", count: 12)
      let phrase = String(long.prefix(RealInterviewLimits.phrase))
      try home.write(
        "interviews/20261209-acme.md",
        """
        ---
        company: "Acme <b>Corp</b>"
        role: "Staff ML engineer, inference platform"
        at: 2026-12-09T15:00Z
        plan: onsite
        number: "Chat at 10M DAU, 20 messages each: 2,300 QPS mean"
        phrases: ["\(phrase)", "\(phrase)", "The tradeoff here is latency against cost"]
        story: "\(String(repeating: "I halved the fleet by paging the KV cache. ", count: 9).prefix(400))"
        ---

        """)
      for paper in ["a4", "letter"] {
        let pdf = home.path + "/sheet-\(paper).pdf"
        let out = try ConfigEndToEnd.mockroom(
          ["interview", "sheet", "20261209-acme", "-o", pdf, "--paper", paper], home)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == "mockroom: wrote \(pdf)\n")
        #expect(!out.stderr.contains("pages"), "\(out.stderr)")
        let info = try runProcess(["pdfinfo", pdf]).stdout
        #expect(info.contains("Pages:           1\n"), "\(paper): \(info)")
        #expect(info.contains(paper == "a4" ? "(A4)" : "(letter)"), "\(info)")
        let text = try runProcess(["pdftotext", "-layout", pdf, "-"]).stdout
        for words in [
          "about 1,000 output tokens/s", "327,680 B", "1,160 QPS mean", "2,300 QPS mean",
          "The phases (plan: onsite)", "The tradeoff here is latency against cost",
          "I halved the fleet", "Acme <b>Corp</b>",
        ] {
          #expect(text.contains(words), "\(paper): no '\(words)' in:\n\(text)")
        }
        // The plan's budgets, and where each phase starts: design 20 minutes from 10:00.
        #expect(
          text.range(of: #"design\s+20:00\s+from 10:00"#, options: .regularExpression) != nil)
        #expect(text.range(of: #"ops\s+5:00\s+from 45:00"#, options: .regularExpression) != nil)
        #expect(text.range(of: #"total\s+50:00"#, options: .regularExpression) != nil)
      }
      // HTML for any other name, with what came from the file escaped.
      let html = home.path + "/sheet.html"
      let out = try ConfigEndToEnd.mockroom(
        ["interview", "sheet", "20261209-acme", "-o", html], home)
      #expect(out.status == 0, "\(out.stderr)")
      let page = try String(contentsOfFile: html, encoding: .utf8)
      #expect(page.contains("Acme &lt;b&gt;Corp&lt;/b&gt;"))
      #expect(!page.contains("<b>Corp"))
    }
  }
}

/// The limits the file's reader holds the sheet's fields to (RealInterviewFile's).
enum RealInterviewLimits {
  static let phrase = 140
}

/// The pattern over six made-up interviews, in words and in the report.
@Suite(.timeLimit(.minutes(3))) struct InterviewPatternEndToEnd {
  static func write(_ home: InterviewEndToEnd.Home, rejections: Int) throws {
    // Five rejections (numbers the weakest in four) and an offer, a week apart from 4 Nov.
    let scores = [
      "{numbers: 2, judgment: 4}", "{numbers: 1, judgment: 5}", "{numbers: 2, tradeoffs: 3}",
      "{operations: 1, numbers: 3}", "{numbers: 1, recovery: 2}", "{numbers: 2, judgment: 3}",
    ]
    for index in 0..<6 {
      let day = 4 + 7 * index
      let date =
        "2026-\(day > 30 ? "12" : "11")-\(String(format: "%02d", day > 30 ? day - 30 : day))"
      let outcome = index == 1 || index > rejections ? "offer" : "rejected"
      try home.write(
        "interviews/\(date.replacingOccurrences(of: "-", with: ""))-co\(index).md",
        """
        ---
        company: "Co\(index)"
        role: "Staff"
        at: \(date)T15:00Z
        outcome: \(outcome)
        tags: [\(index % 2 == 0 ? "kv-cache" : "capacity")]
        scores: \(scores[index])
        ---

        ## Write-up

        The design ran long.

        """)
    }
  }

  @Test func sixInterviewsNameTheRecurringWeakestDimension() throws {
    let home = try InterviewEndToEnd.Home()
    try ReportEndToEnd.write(home)
    try Self.write(home, rejections: 5)
    let out = try ConfigEndToEnd.mockroom(["interview", "patterns"], home)
    #expect(out.status == 0, "\(out.stderr)")
    #expect(
      out.stdout.contains("Recurring weakest dimension: numerical fluency (4 of 5 rejections)."),
      "\(out.stdout)")
    #expect(out.stdout.contains("Gaps named more than once: capacity (3), kv-cache (3)"))
    #expect(out.stdout.contains("Phases the write-ups keep naming: design (6)"))
    // The sessions of 1-3 November come before the first rejection, on 4 November.
    #expect(
      out.stdout.contains(
        "2026-11-04  Co0, Staff: weakest numerical fluency; 3 mocks in the two weeks before, "
          + "scoring 2.0 on numbers"), "\(out.stdout)")
    let report = try ConfigEndToEnd.mockroom(["report", "-o", "-"], home)
    #expect(report.status == 0, "\(report.stderr)")
    #expect(report.stdout.contains("<h2>Real interviews</h2>"))
    #expect(report.stdout.contains("Recurring weakest dimension: numerical fluency"))
    let problems = ReportCheck.problems(report.stdout)
    #expect(problems.isEmpty, "\(problems)")
  }

  @Test func belowFiveRejectionsItIsTooEarly() throws {
    let home = try InterviewEndToEnd.Home()
    try Self.write(home, rejections: 4)
    let out = try ConfigEndToEnd.mockroom(["interview", "patterns"], home)
    #expect(out.stdout.contains("Rejections: 4."))
    #expect(out.stdout.contains("Too early to call a pattern: 4 rejections"), "\(out.stdout)")
    #expect(!out.stdout.contains("Recurring weakest"))
  }
}
