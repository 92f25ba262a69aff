import ArgumentParser
import Foundation
import Glibc
import MockCore

/// The one-page cheat sheet and the pattern over rejections.
extension InterviewCommand {
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
