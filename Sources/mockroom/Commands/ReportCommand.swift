import ArgumentParser
import Foundation
import Glibc
import MockCore

/// `mockroom report`: one HTML file, CSS and SVG inline, of one session or of the trends over
/// many.
struct ReportCommand: ContextCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write an HTML report (one file, no script, light and dark, prints well).",
    discussion: """
      With a session id (or 'last'): that session's phases against their budgets, its \
      timeline and its debrief. Without one: the trends over the sessions chosen by --since, \
      --last, --prompt and --plan (as stats chooses them). Every chart has its numbers in a \
      table under it.
      """)

  @Argument(
    help: ArgumentHelp("A session id (or its start), or 'last'.", valueName: "id|last"),
    completion: .custom(Completions.sessionIDs))
  var id: String?

  @Flag(help: "With 'last': the newest drill rather than the newest session.")
  var drill = false

  @OptionGroup var filter: SessionFilter

  @Option(
    name: [.customShort("o"), .long],
    help: ArgumentHelp(
      "Where to write it (default mockroom-report.html; - for stdout).", valueName: "file"),
    completion: .file(extensions: ["html"]))
  var output = "mockroom-report.html"

  @Flag(help: "Open it with xdg-open when there is one (else print where it is).")
  var open = false

  func validate() throws {
    if id != nil, !filter.isEmpty {
      throw ValidationError("give a session id, or --last/--since/--prompt/--plan, not both.")
    }
    if drill && id == nil { throw ValidationError("--drill goes with 'last' (or a drill's id).") }
    if output == "-" && open { throw ValidationError("--open needs a file, not -o -.") }
  }

  func run(in context: Context) throws {
    let generated = ReviewText.date(WallClock.rfc3339(Date())) + " UTC"
    let html: String
    if let id {
      guard let picked = try pick(id, drill: drill, in: context) else { return }
      guard case .session(let path, let summary) = picked else {
        if case .drill(let drill) = picked {
          html = Report.drill(drill, generated: generated, program: Mockroom.version)
          try write(html, context)
        }
        return
      }
      let store = try context.sessionStore()
      let log = store.log(named: (path as NSString).lastPathComponent)
      for warning in log.warnings { warn(warning) }
      html = Report.session(
        summary, records: log.records, generated: generated, program: Mockroom.version)
    } else {
      let store = try context.sessionStore()
      let everything = try store.everything()
      var (summaries, drills, chosen) = filter.apply(everything.sessions, everything.drills)
      // Plans of other lengths on one chart flatten it: without --plan, the most used plan,
      // said as much.
      if filter.plan == nil, let (plan, others) = Report.mostUsedPlan(summaries) {
        summaries = summaries.filter { $0.plan.name == plan }
        chosen.append(
          "plan \(plan), the most used (\(others) other plan\(others == 1 ? "" : "s") left out; "
            + "--plan NAME for another)")
      }
      guard !summaries.isEmpty || !drills.isEmpty else {
        if try store.names().isEmpty {
          noSessionsYet(store)
          return
        }
        throw UserError("no sessions match", code: 1)
      }
      let interviews = try InterviewStore(context).all()
      html = Report.trends(
        summaries, drills: drills, today: DrillCommand.today,
        interviews: InterviewPatterns(interviews, mocks: try InterviewCommand.mocks(context)),
        chosen: chosen.isEmpty ? "every session" : chosen.joined(separator: ", "),
        generated: generated, program: Mockroom.version)
    }
    try write(html, context)
  }

  private func write(_ html: String, _ context: Context) throws {
    guard output != "-" else {
      print(html, terminator: "")
      return
    }
    do {
      try Data(html.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    } catch {
      throw UserError("cannot write \(output): \(error.localizedDescription)", code: 1)
    }
    let full = URL(fileURLWithPath: output).standardizedFileURL.path
    if open, let opener = Self.found("xdg-open", context.environment) {
      var pid: pid_t = 0
      let args: [UnsafeMutablePointer<CChar>?] = [strdup(opener), strdup(full), nil]
      defer { args.forEach { free($0) } }
      if posix_spawn(&pid, opener, nil, nil, args, environ) == 0 {
        print("mockroom: wrote \(full); opening it")
        return
      }
    }
    print("mockroom: wrote \(full)")
  }

  private static func found(_ program: String, _ env: [String: String]) -> String? {
    let path = env["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(program)" }.first {
      access($0, X_OK) == 0
    }
  }
}
