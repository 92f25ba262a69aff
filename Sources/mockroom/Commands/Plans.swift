import ArgumentParser
import Foundation
import MockCore

/// `mockroom plans`: list, read and check the plans (the five phases' budgets).
struct Plans: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List, read and check the plans: the five phases' budgets.",
    discussion: """
      A plan is a YAML file named for the plan (screen-35.yaml is the plan screen-35) with a \
      description and budgets, e.g. budgets: {clarify: 4m, estimate: 4m, design: 12m, \
      drill: 10m, ops: 5m}; a phase left out keeps its standard budget. The bundled plans ship \
      in Plans/; your own go in plans/ under $MOCKROOM_HOME, or $XDG_CONFIG_HOME/mockroom \
      (default ~/.config/mockroom), and replace a bundled plan of the same name. Use one with \
      'mockroom run --plan NAME' (or --plan FILE).
      """,
    subcommands: [List.self, ShowPlan.self, Check.self],
    defaultSubcommand: List.self)

  /// Every plan, with the problems of the files that did not read on stderr.
  static func load() -> PlanLibrary {
    let library = PlanSources.resolve().load()
    for problem in library.problems { warn("\(problem)") }
    return library
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the plans, with their budgets and what each is for.")

    func run() throws {
      let library = Plans.load()
      if library.entries.isEmpty {
        throw UserError("no plans found; the bundled Plans directory is missing", code: 1)
      }
      print(PlanText.list(library), terminator: "")
    }
  }

  struct ShowPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show", abstract: "Show one plan: its budgets, phase starts and cue points.")

    @Argument(
      help: ArgumentHelp("The plan's name, or a plan file.", valueName: "name|file"),
      completion: .custom(Completions.planNames))
    var plan: String

    func run() throws {
      let chosen = try Plans.choose(plan)
      print(PlanText.show(chosen.file, origin: chosen.origin), terminator: "")
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check plan files (all of them when none is named); exit 1 on any problem.")

    @Argument(help: ArgumentHelp("Plan files to check.", valueName: "file"))
    var files: [String] = []

    func run() throws {
      var problems: [PromptProblem] = []
      var count = 0
      if files.isEmpty {
        let library = PlanSources.resolve().load()
        problems = library.problems
        count = library.entries.count + Set(problems.map(\.file)).count
      } else {
        for file in files {
          problems += PlanSources.file(file).problems
        }
        count = files.count
      }
      for problem in problems { print(problem) }
      let bad = Set(problems.map(\.file)).count
      print("\(count) plan file\(count == 1 ? "" : "s") checked; \(bad) with problems.")
      if !problems.isEmpty { throw ExitCode(1) }
    }
  }

  /// `--plan NAME|FILE`: a file when it names one (a path with `/`, or a `.yaml` name),
  /// otherwise a plan by name. A file with problems, or an unknown name, is a usage error.
  static func choose(_ value: String) throws -> (file: PlanFile, origin: PlanLibrary.Origin?) {
    if value.contains("/") || PlanSources.isPlanFile(value) {
      let read = PlanSources.file(value)
      guard let file = read.plan else {
        throw UserError(read.problems.map(\.description).joined(separator: "\n"), code: 2)
      }
      return (file, nil)
    }
    let library = load()
    guard let entry = library.entry(named: value) else {
      let near = closest(to: value, in: library.names)
      let hint =
        near.isEmpty
        ? "'mockroom plans list' shows every plan."
        : "Did you mean \(near.map { "'\($0)'" }.joined(separator: " or "))?"
      throw UserError("no plan '\(value)'. \(hint)", code: 2)
    }
    return (entry.file, entry.origin)
  }
}
