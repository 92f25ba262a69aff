import ArgumentParser
import Foundation
import Glibc
import MockCore

/// `mockroom interview`: the real interviews the mocks are practice for.
struct InterviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "interview",
    abstract: "Real interviews: the night before, the write-up within four hours, the pattern.",
    discussion: """
      Each real interview is a Markdown file with YAML front matter, interviews/<id>.md under \
      the data directory ($MOCKROOM_HOME, or $XDG_DATA_HOME/mockroom): readable, \
      git-friendly, and edited with $VISUAL or $EDITOR. The evening before, any mockroom \
      command reminds you once of the pre-mortem; from the interview's end, every command \
      says how long is left of the four hours to write it up, and the writeup-due hook fires \
      once. A full mock less than 18 hours before one asks first.
      """,
    subcommands: [
      New.self, List.self, Show.self, Outcome.self, Edit.self, Premortem.self, Writeup.self,
      Sheet.self, Patterns.self,
    ],
    defaultSubcommand: List.self)

  /// The ids, for Tab: the latest first.
  @Sendable static func ids(_ words: [String], _ at: Int, _ prefix: String) -> [String] {
    guard let store = try? InterviewStore(Context.process()) else { return [] }
    return ((try? store.ids()) ?? []).reversed().filter { $0.hasPrefix(prefix) }
  }

  struct New: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add a real interview (asked for what the flags do not give, at a terminal).")

    @Option(help: ArgumentHelp("The company.", valueName: "name")) var company: String?
    @Option(help: ArgumentHelp("The role.", valueName: "title")) var role: String?
    @Option(
      help: ArgumentHelp(
        "When it starts: 2026-12-09T15:00 (local time), or with an offset (+01:00, Z).",
        valueName: "time"))
    var at: String?
    @Option(
      help: ArgumentHelp(
        "The round: \(RealInterview.Kind.allCases.map(\.rawValue).joined(separator: ", ")) "
          + "(default system-design).", valueName: "kind"),
      completion: .list(RealInterview.Kind.allCases.map(\.rawValue)))
    var kind: String?
    @Option(help: ArgumentHelp("Who interviews, if known.", valueName: "name")) var who: String?
    @Option(
      help: ArgumentHelp(
        "How long it is (default 60m); the write-up is due 4h after.",
        valueName: "duration"))
    var length: String?

    func run(in context: Context) throws {
      let store = try InterviewStore(context)
      let asking = isatty(0) == 1
      func value(_ given: String?, _ flag: String, _ question: String) throws -> String {
        if let given {
          guard !given.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw UserError("--\(flag) is empty: give it a value", code: 2)
          }
          return given
        }
        guard asking else {
          throw UserError("give --\(flag): it is asked for only at a terminal", code: 2)
        }
        print(question, terminator: " ")
        fflush(nil)
        guard let line = readLine(), !line.trimmingCharacters(in: .whitespaces).isEmpty else {
          throw UserError("no \(flag) given: nothing added", code: 2)
        }
        return line.trimmingCharacters(in: .whitespaces)
      }
      let company = try value(company, "company", "Company?")
      let role = try value(role, "role", "Role?")
      let question = "When (like 2026-12-09T15:00)?"
      var atText = try value(at, "at", question)
      var time = CivilTime.parse(atText, localOffset: InterviewStore.localOffset)
      // At a terminal, a time that does not read is asked for again: what was typed before
      // it is kept.
      while time == nil, asking, at == nil {
        print("'\(atText)' is not a date and time that exists: ", terminator: "")
        atText = try value(nil, "at", question)
        time = CivilTime.parse(atText, localOffset: InterviewStore.localOffset)
      }
      guard let time else {
        throw UserError(
          "--at '\(atText)': give a date and time that exists, like 2026-12-09T15:00 (an "
            + "offset such as +01:00 may follow)", code: 2)
      }
      var kindValue = RealInterview.Kind.systemDesign
      if let kind {
        guard let named = RealInterview.Kind(rawValue: kind.lowercased()) else {
          throw UserError.unknown(
            "kind", kind, among: RealInterview.Kind.allCases.map(\.rawValue),
            seeAll: "mockroom interview new --help")
        }
        kindValue = named
      }
      var minutes = RealInterview.defaultMinutes
      if let length {
        guard let ms = try? DurationText.parse(length), (10...720).contains(ms / 60_000) else {
          throw UserError("--length '\(length)': give a duration from 10m to 12h", code: 2)
        }
        minutes = Int(ms / 60_000)
      }
      let id = try store.newID(company: company, at: time.seconds, zone: time.zone)
      var interview = RealInterview(
        id: id, company: company, role: role, kind: kindValue, at: time.seconds, zone: time.zone,
        minutes: minutes)
      interview.who = who
      try store.save(interview)
      print("mockroom: added \(id): \(store.path(id))")
      let now = InterviewStore.now()
      if interview.at > now {
        print(
          "next: mockroom interview premortem \(id)   (the night before: the sheet, a numbers drill)"
        )
      }
    }
  }

  struct List: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print every real interview, the latest last, with where its write-up stands.")

    @Flag(help: "Print JSON: each interview's summary, every field.") var json = false

    func run(in context: Context) throws {
      let interviews = try InterviewStore(context).all()
      if json {
        print(ReviewJSON.interviews(interviews))
        return
      }
      guard !interviews.isEmpty else {
        print("no real interviews yet: 'mockroom interview new' adds one")
        return
      }
      let now = InterviewStore.now()
      let rows = interviews.map { i in
        [
          i.id, CivilTime.format(i.at, zone: i.zone), i.company, i.role, i.kind.rawValue,
          i.outcome?.rawValue ?? "-", InterviewCommand.writeupState(i, now: now),
        ]
      }
      ReviewText.table(["ID", "AT", "COMPANY", "ROLE", "KIND", "OUTCOME", "WRITE-UP"], rows)
        .forEach { print($0) }
    }
  }

  /// `due in 3:12`, `1:05 late`, `written`, `written 0:40 late`, `-` (not yet held).
  static func writeupState(_ interview: RealInterview, now: Int64) -> String {
    if interview.written != nil {
      let late = interview.lateMinutes ?? 0
      return late == 0 ? "written" : "written \(CivilTime.span(Int64(late) * 60)) late"
    }
    guard now >= interview.end else { return "-" }
    let left = interview.writeupDue - now
    return left > 0 ? "due in \(CivilTime.span(left))" : "\(CivilTime.span(-left)) late"
  }

  struct Show: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print one real interview: its details, pre-mortem and write-up.")

    @Argument(help: "The interview's id.", completion: .custom(InterviewCommand.ids))
    var id: String

    func run(in context: Context) throws {
      let store = try InterviewStore(context)
      let i = try store.read(id)
      let now = InterviewStore.now()
      print("\(i.title) (\(i.kind.rawValue))")
      print("at:       \(CivilTime.shown(i.at, zone: i.zone)), \(i.minutes) min")
      if let who = i.who { print("with:     \(who)") }
      print("outcome:  \(i.outcome?.rawValue ?? "not yet")")
      if let feedback = i.feedback { print("feedback: \(feedback)") }
      print("write-up: \(InterviewCommand.writeupState(i, now: now))")
      let scores = Dimension.allCases.compactMap { d in
        i.scores[d.rawValue].map { "\(d.rawValue) \($0)" }
      }
      if !scores.isEmpty { print("scores:   \(scores.joined(separator: ", "))") }
      if !i.tags.isEmpty { print("gaps:     \(i.tags.joined(separator: ", "))") }
      print("file:     \(store.path(i.id))")
      if !i.notes.isEmpty { print("\n" + i.notes) }
      if let premortem = i.premortem {
        print("\n\(RealInterviewFile.premortemHeading)\n\n\(premortem)")
      }
      if let writeup = i.writeup { print("\n\(RealInterviewFile.writeupHeading)\n\n\(writeup)") }
    }
  }

  struct Outcome: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record how it ended: offer, rejected, withdrawn or no-answer.")

    @Argument(help: "The interview's id.", completion: .custom(InterviewCommand.ids))
    var id: String
    @Argument(
      help: ArgumentHelp(
        "offer, rejected, withdrawn or no-answer.", valueName: "outcome"),
      completion: .list(RealInterview.Outcome.allCases.map(\.rawValue)))
    var outcome: String
    @Option(help: ArgumentHelp("What they said, in a line.", valueName: "text"))
    var feedback: String?

    func run(in context: Context) throws {
      guard let value = RealInterview.Outcome(rawValue: outcome.lowercased()) else {
        throw UserError.unknown(
          "outcome", outcome, among: RealInterview.Outcome.allCases.map(\.rawValue),
          seeAll: "mockroom interview outcome --help")
      }
      let store = try InterviewStore(context)
      var interview = try store.read(id)
      // One can withdraw beforehand; a company's answer comes after the interview.
      guard value == .withdrawn || InterviewStore.now() >= interview.at else {
        throw UserError(
          "\(interview.title) is at \(CivilTime.shown(interview.at, zone: interview.zone)): "
            + "its outcome comes after it (before it, only 'withdrawn')", code: 1)
      }
      interview.outcome = value
      if let feedback { interview.feedback = feedback }
      try store.save(interview)
      print("mockroom: \(interview.id): \(value.rawValue)")
    }
  }

  struct Edit: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Open an interview's file in $VISUAL or $EDITOR (else vi), then check it.")

    @Argument(help: "The interview's id.", completion: .custom(InterviewCommand.ids))
    var id: String

    func run(in context: Context) throws {
      let store = try InterviewStore(context)
      let path = store.path(id)
      var info = stat()
      guard lstat(path, &info) == 0 else { _ = try store.read(id); return }
      try Editor.open(path, context.environment)
      _ = try store.read(id)
    }
  }

  /// Where an edited form is kept while the editor has it: a file of its own beside the
  /// temporary files, removed once saved, kept (and said) when saving fails.
  static func form(_ text: String, id: String, what: String, _ context: Context) throws(UserError)
    -> String
  {
    guard
      let path = SessionLogWriter.keep(
        Array(text.utf8), as: "mockroom-\(id)-\(what)", ext: "md",
        in: SessionLogWriter.fallbackPlaces(context.environment))
    else { throw UserError("cannot make a file to edit the \(what) in", code: 1) }
    return path
  }

  /// The text of `path`, a regular file.
  static func text(of path: String) throws(UserError) -> String {
    switch RegularFile.read(path, limit: RealInterviewFile.largest) {
    case .success(let bytes):
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw UserError("\(path): not UTF-8 text", code: 1)
      }
      return text
    case .failure(let failure): throw UserError("\(path): \(failure.reason)", code: 1)
    }
  }

  /// Opens the form in the editor (or takes `from`), and returns what was written; nil when it
  /// is the template untouched. The form's file is kept until `saved` is called.
  static func edit(
    template: String, from: String?, id: String, what: String, _ context: Context
  ) throws -> (text: String, file: String)? {
    if let from {
      let text = try text(of: from)
      return RealInterviewForms.isUntouched(text, template: template) ? nil : (text, from)
    }
    let file = try form(template, id: id, what: what, context)
    do {
      try Editor.open(file, context.environment)
    } catch {
      throw UserError("\(error.message); what you wrote is in \(file)", code: error.code)
    }
    let text = try text(of: file)
    if RealInterviewForms.isUntouched(text, template: template) {
      unlink(file)
      return nil
    }
    return (text, file)
  }

  /// Saves, or says where what was typed is kept.
  static func save(
    _ interview: RealInterview, _ store: InterviewStore, form: String, fromFlag: Bool,
    what: String
  ) throws {
    do {
      try store.save(interview)
    } catch {
      throw UserError(
        "\(error.message)\nYour \(what) as you wrote it is in \(form); once the problem is "
          + "fixed, give it back with: mockroom interview \(what) \(interview.id) --from \(form)",
        code: 1)
    }
    if !fromFlag { unlink(form) }
  }

  struct Premortem: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the pre-mortem: what is most likely to go wrong, the move for each, "
        + "and what good enough looks like in each phase.",
      discussion: "Opens a template in $VISUAL or $EDITOR; a template left as it was is not "
        + "saved. Only for an interview still to come.")

    @Argument(help: "The interview's id.", completion: .custom(InterviewCommand.ids))
    var id: String
    @Option(
      help: ArgumentHelp(
        "Take the pre-mortem from this file instead of opening the editor.", valueName: "file"),
      completion: .file())
    var from: String?

    func run(in context: Context) throws {
      let store = try InterviewStore(context)
      var interview = try store.read(id)
      let now = InterviewStore.now()
      guard now < interview.at else {
        throw UserError(
          "\(interview.title) began at \(CivilTime.shown(interview.at, zone: interview.zone)): "
            + "a pre-mortem is for before it. Write it up instead: mockroom interview writeup "
            + "\(interview.id)", code: 1)
      }
      let template =
        interview.premortem.map { $0 + "\n" } ?? RealInterviewForms.premortemTemplate(interview)
      guard
        let (text, file) = try InterviewCommand.edit(
          template: template, from: from, id: interview.id, what: "premortem", context)
      else {
        print("mockroom: the pre-mortem was left as it was: nothing saved")
        return
      }
      let problems = RealInterviewForms.premortemProblems(text, file: file)
      guard problems.isEmpty else {
        throw UserError(
          problems.map(\.description).joined(separator: "\n") + "\nNothing saved; what you "
            + "wrote is in \(file): fix it and give it back with: mockroom interview premortem "
            + "\(interview.id) --from \(file)", code: 1)
      }
      interview.premortem = RealInterviewForms.cleaned(text)
      try InterviewCommand.save(
        interview, store, form: file, fromFlag: from != nil, what: "premortem")
      print("mockroom: pre-mortem saved in \(store.path(interview.id))")
    }
  }

  struct Writeup: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the interview up, within four hours of its end.",
      discussion: "Opens a template in $VISUAL or $EDITOR: the questions asked, the moments of "
        + "doubt, what you could not answer, the stories and their follow-ups, the "
        + "interviewer's signals, the pre-mortem checked, the five self-scores and the three "
        + "after-action questions. With --score and no --from, only the scores are saved. "
        + "The file keeps when it was written and how late.")

    @Argument(help: "The interview's id.", completion: .custom(InterviewCommand.ids))
    var id: String
    @Option(
      name: .customLong("score"),
      help: ArgumentHelp(
        "A self-score, 1 to 5, one per dimension: numerical=2 (dimensions: "
          + Dimension.allCases.map(\.rawValue).joined(separator: ", ") + ").",
        valueName: "dimension=n"))
    var scores: [String] = []
    @Option(
      help: ArgumentHelp(
        "Take the write-up from this file instead of opening the editor.", valueName: "file"),
      completion: .file())
    var from: String?

    func validate() throws {
      for score in scores {
        if case .failure(let problem) = RealInterviewForms.score(score) {
          throw ValidationError("--score \(problem.message)")
        }
      }
    }

    func run(in context: Context) throws {
      let store = try InterviewStore(context)
      var interview = try store.read(id)
      let now = InterviewStore.now()
      guard now >= interview.at else {
        throw UserError(
          "\(interview.title) is at \(CivilTime.shown(interview.at, zone: interview.zone)): "
            + "write it up after it. Before it: mockroom interview premortem \(interview.id)",
          code: 1)
      }
      var given: [String: Int] = [:]
      for score in scores {
        if case .success(let (dimension, value)) = RealInterviewForms.score(score) {
          given[dimension.rawValue] = value
        }
      }
      var form: (text: String, file: String)?
      if given.isEmpty || from != nil {
        let template =
          interview.writeup.map { $0 + "\n" } ?? RealInterviewForms.writeupTemplate(interview)
        form = try InterviewCommand.edit(
          template: template, from: from, id: interview.id, what: "writeup", context)
        guard form != nil || !given.isEmpty else {
          print("mockroom: the write-up was left as it was: nothing saved")
          return
        }
      }
      if let form {
        let read = RealInterviewForms.writeupFields(form.text, file: form.file)
        guard read.problems.isEmpty else {
          throw UserError(
            read.problems.map(\.description).joined(separator: "\n") + "\nNothing saved; what "
              + "you wrote is in \(form.file): fix it and give it back with: mockroom "
              + "interview writeup \(interview.id) --from \(form.file)", code: 1)
        }
        interview.writeup = RealInterviewForms.cleaned(form.text)
        interview.scores.merge(read.scores) { $1 }
        if !read.tags.isEmpty { interview.tags = read.tags }
      }
      interview.scores.merge(given) { $1 }
      if interview.written == nil {
        interview.written = now
        interview.lateMinutes = interview.lateness(savedAt: now)
      }
      if let form {
        try InterviewCommand.save(
          interview, store, form: form.file, fromFlag: from != nil, what: "writeup")
      } else {
        try store.save(interview)
      }
      let late = interview.lateMinutes ?? 0
      print(
        "mockroom: write-up saved in \(store.path(interview.id))"
          + (late == 0 ? ", within the four hours" : ", \(CivilTime.span(Int64(late) * 60)) late"))
    }
  }

  struct Sheet: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the one-page cheat sheet for the night before, as PDF or HTML.",
      discussion: "The four estimations (tokens/s per H100, the KV formula, QPS from DAU, and "
        + "the interview's own 'number:'), its 'phrases:' (three at most), the five phases with "
        + "the budgets of its 'plan:' (else the plan in use), one sentence of its 'story:', and "
        + "in the margin the numbers-kit cards you hold least well. A name ending in .pdf is "
        + "printed by headless Chromium on one page; any other is HTML.")

    @Argument(help: "The interview's id.", completion: .custom(InterviewCommand.ids))
    var id: String
    @Option(
      name: [.customShort("o"), .customLong("output")],
      help: ArgumentHelp("The file to write: sheet.pdf or sheet.html.", valueName: "file"),
      completion: .file())
    var output: String
    @Option(
      help: ArgumentHelp("The page: a4 or letter.", valueName: "paper"),
      completion: .list(InterviewSheet.Paper.allCases.map(\.rawValue)))
    var paper = "a4"

    func validate() throws {
      guard InterviewSheet.Paper(rawValue: paper.lowercased()) != nil else {
        throw ValidationError("--paper '\(paper)': give a4 or letter.")
      }
    }

    func run(in context: Context) throws {
      let interview = try InterviewStore(context).read(id)
      let settings = try context.settings()
      let plan =
        try interview.plan.map {
          try Plans.choose($0, inline: settings.plans, context.environment).file.plan
        } ?? SettingsCheck.chosenPlan(settings, in: context).plan
      let cards = DrillStats(
        try context.sessionStore().everything(index: context.index).drills,
        today: DrillCommand.today
      ).cards
      let html = InterviewSheet.html(
        interview, plan: plan, misses: InterviewSheet.misses(cards),
        paper: InterviewSheet.Paper(rawValue: paper.lowercased()) ?? .a4)
      guard output.lowercased().hasSuffix(".pdf") else {
        try Self.write(html, to: output)
        print("mockroom: wrote \(output)")
        return
      }
      try Self.printPDF(html, to: output, context)
      print("mockroom: wrote \(output)")
    }

    static func write(_ text: String, to path: String) throws(UserError) {
      do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
      } catch {
        throw UserError("cannot write \(path): \(error.localizedDescription)", code: 1)
      }
    }

    /// The browsers that can print a page to PDF, the first found on PATH used.
    static let browsers = ["chromium", "chromium-browser", "google-chrome"]

    /// Prints `html` to `path` with headless Chromium, in a scratch directory of its own;
    /// a sheet that runs past one page is said.
    static func printPDF(_ html: String, to path: String, _ context: Context) throws {
      let searched = (context.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        .map(String.init)
      guard let browser = browsers.first(where: { HookRunner.runnable($0, path: searched) }) else {
        throw UserError(
          "no Chromium to print the PDF with (\(browsers.joined(separator: ", ")) on PATH): "
            + "install chromium, or write HTML (-o sheet.html) and print it yourself", code: 1)
      }
      let folder = (URL(fileURLWithPath: path).standardizedFileURL.path as NSString)
        .deletingLastPathComponent
      var info = stat()
      guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, access(folder, W_OK) == 0
      else {
        throw UserError(
          "cannot write \(path): \(folder) is not a folder that can be written", code: 1)
      }
      let base = SessionLogWriter.fallbackPlaces(context.environment).first ?? "/tmp"
      var template = Array("\(base)/mockroom-sheet-XXXXXX".utf8CString)
      guard let made = mkdtemp(&template) else {
        throw UserError("cannot make a scratch directory in \(base)", code: 1)
      }
      let scratch = String(cString: made)
      defer { try? FileManager.default.removeItem(atPath: scratch) }
      try write(html, to: scratch + "/sheet.html")
      let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
      let status = Spawn.wait(
        [
          "timeout", "120", browser, "--headless", "--no-sandbox", "--disable-gpu",
          "--no-pdf-header-footer", "--user-data-dir=\(scratch)/profile",
          "--print-to-pdf=\(absolute)", "file://\(scratch)/sheet.html",
        ], quiet: true)
      guard status == 0, FileManager.default.fileExists(atPath: absolute) else {
        throw UserError(
          "\(browser) could not print \(path) (exit \(status)); -o sheet.html writes the page "
            + "to print yourself", code: 1)
      }
      let pages = (try? Data(contentsOf: URL(fileURLWithPath: absolute))).map(Self.pages) ?? 1
      if pages > 1 {
        warn("the sheet runs to \(pages) pages: shorten its story or phrases")
      }
    }

    /// The pages of a PDF as Chromium writes it (one `/Type /Page` object each).
    static func pages(_ data: Data) -> Int {
      let text = String(decoding: data, as: UTF8.self)
      return text.components(separatedBy: "/Type /Page").dropFirst().filter {
        !$0.hasPrefix("s")
      }.count
    }
  }

  struct Patterns: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Outcomes over time, and what recurs in the rejections.",
      discussion: "For each rejection: the weakest self-scored dimension, and the mocks of the "
        + "two weeks before. The recurring weakest dimension, the gaps (tags) and the phases "
        + "the write-ups name more than once. Below five rejections no pattern is called.")

    func run(in context: Context) throws {
      let interviews = try InterviewStore(context).all()
      let mocks = try InterviewCommand.mocks(context)
      InterviewPatterns(interviews, mocks: mocks).lines.forEach { print($0) }
    }
  }

  /// Each mock's start and its self-scores, for the pattern.
  static func mocks(_ context: Context) throws -> [(
    started: Int64, scores: [MockCore.Dimension: Int]
  )] {
    try context.sessionStore().summaries(index: context.index).compactMap { summary in
      guard
        let time = CivilTime.parse(
          String(summary.started.prefix(19)) + "Z", localOffset: { _ in 0 })
      else { return nil }
      return (time.seconds, summary.debrief?.scores ?? [:])
    }
  }
}

extension InterviewCommand {
  /// What every command says first: the four hours' countdown (firing `writeup-due` once) and
  /// the evening-before reminder (once). What is said once is written in the interview's file;
  /// nothing here stops the command.
  static func notices(_ context: Context) {
    guard let store = try? InterviewStore(context), let ids = try? store.ids(), !ids.isEmpty
    else { return }
    let interviews = (try? store.all(warnings: false)) ?? []
    let now = InterviewStore.now()
    for notice in RealInterviewNotice.notices(interviews, now: now) {
      warn(notice.text)
      guard let interview = interviews.first(where: { $0.id == notice.id }) else { continue }
      if notice.fireHook { fireDue(interview, notice: notice, now: now, store, context) }
      let updated = notice.applied(to: interview, at: now)
      guard updated != interview else { continue }
      do {
        try store.save(updated)
      } catch {
        warn(error.message)
      }
    }
  }

  private static func fireDue(
    _ interview: RealInterview, notice: RealInterviewNotice, now: Int64, _ store: InterviewStore,
    _ context: Context
  ) {
    guard let settings = try? context.settings() else { return }
    let runner = context.hooks(settings)
    guard runner.commands[.writeupDue] != nil else { return }
    runner.record = store.path(interview.id)
    let call = HookCall(
      event: .writeupDue,
      variables: [
        "INTERVIEW": interview.id,
        "DUE": CivilTime.format(interview.writeupDue, zone: interview.zone),
        "LEFT_S": "\(interview.writeupDue - now)", "TEXT": notice.text,
      ])
    for result in ProgramRunner(context).runHooks(runner, call) where result.failed {
      warn("the writeup-due hook \(result.command): \(result.why)")
    }
  }

  /// Before a full mock: the real interview less than 18 hours away, if any, asked about
  /// first. Answered yes (or Enter), the session does not start.
  static func nightBefore(_ context: Context) throws {
    guard let store = try? InterviewStore(context), let ids = try? store.ids(), !ids.isEmpty,
      let next = RealInterviewNotice.nightBefore(
        (try? store.all(warnings: false)) ?? [], now: InterviewStore.now())
    else { return }
    let left = next.at - InterviewStore.now()
    let suggestion =
      "mockroom drill numbers, then mockroom interview sheet \(next.id) -o sheet.pdf"
    print(
      "\(next.title) is in \(CivilTime.span(left)) (\(CivilTime.shown(next.at, zone: next.zone))).")
    guard isatty(0) == 1 else {
      throw UserError(
        "the night before is for consolidation, not a new full mock: \(suggestion). "
          + "To run the mock anyway: mockroom run --yes", code: 1)
    }
    print(
      "The night before is for consolidation: a numbers drill instead? [Y/n] ", terminator: "")
    while true {
      fflush(nil)
      // Enter (or the input's end) is yes; anything but a yes or a no is asked again.
      let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
      if ["n", "no"].contains(answer) { return }
      if ["", "y", "yes"].contains(answer) { break }
      print("Answer y (a drill instead) or n (the mock anyway): ", terminator: "")
    }
    print("No mock tonight. Try: \(suggestion)")
    throw ExitCode(0)
  }
}

/// The person's editor: the first of VISUAL and EDITOR that is set and not empty, as words
/// (no shell), else vi. Spawned and waited for directly: Foundation's `Process` waits on a
/// timer, which never fires under a frozen clock (faketime).
enum Editor {
  static func open(_ path: String, _ env: [String: String]) throws(UserError) {
    let chosen = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
    var editor = chosen.split(separator: " ").map(String.init)
    if editor.isEmpty { editor = ["vi"] }
    let status = Spawn.wait(editor + [path], quiet: false)
    if status != 0 {
      throw UserError(
        status == 127
          ? "cannot start the editor \(editor.joined(separator: " "))"
          : "the editor \(editor.joined(separator: " ")) exited with \(status)", code: 1)
    }
  }
}

/// A program run to its end through /usr/bin/env (found on PATH), its exit status returned
/// (128 + the signal when one stopped it; 127 when it could not start).
enum Spawn {
  static func wait(_ arguments: [String], quiet: Bool) -> Int32 {
    let argv = (["/usr/bin/env"] + arguments).map { strdup($0) }
    defer { argv.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if quiet {
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
      posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    }
    var pid = pid_t()
    guard posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv + [nil], environ) == 0 else {
      return 127
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else { return 127 }
    }
    return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  }
}
