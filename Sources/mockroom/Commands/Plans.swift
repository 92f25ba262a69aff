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

  /// Every plan (the files', then config.yaml's), with the problems of the files that did not
  /// read on stderr.
  static func load(inline: [PlanFile], _ env: [String: String]) -> PlanLibrary {
    var library = PlanSources.resolve(env).load()
    library.add(inline)
    for problem in library.problems { warn("\(problem)") }
    return library
  }

  /// The plans config.yaml holds; a problem in it stops the command.
  static func configured(_ context: Context) throws -> [PlanFile] {
    try context.settings().plans
  }

  struct List: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the plans, with their budgets and what each is for.")

    func run(in context: Context) throws {
      let library = Plans.load(inline: try Plans.configured(context), context.environment)
      if library.entries.isEmpty {
        throw UserError("no plans found; the bundled Plans directory is missing", code: 1)
      }
      print(PlanText.list(library), terminator: "")
    }
  }

  struct ShowPlan: ContextCommand {
    static let configuration = CommandConfiguration(
      commandName: "show", abstract: "Show one plan: its budgets, phase starts and cue points.")

    @Argument(
      help: ArgumentHelp("The plan's name, or a plan file.", valueName: "name|file"),
      completion: .custom(Completions.planNames))
    var plan: String

    func run(in context: Context) throws {
      let chosen = try Plans.choose(
        plan, inline: try Plans.configured(context), context.environment)
      print(PlanText.show(chosen.file, origin: chosen.origin), terminator: "")
    }
  }

  struct Check: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check plan files (all of them when none is named); exit 1 on any problem.")

    @Argument(help: ArgumentHelp("Plan files to check.", valueName: "file"))
    var files: [String] = []

    func run(in context: Context) throws {
      var lines: [String] = []
      var checked = 0
      var bad = 0
      if files.isEmpty {
        var library = PlanSources.resolve(context.environment).load()
        // Plans written in config.yaml are checked with it.
        let config = ConfigFile.read(context.environment)
        library.add(config.settings.plans)
        lines = library.problems.map(\.description) + config.problems
        bad = Set(library.problems.map(\.file)).count + (config.problems.isEmpty ? 0 : 1)
        checked = library.entries.count + bad
      } else {
        for file in files {
          let problems = PlanSources.file(file).problems
          lines += problems.map(\.description)
          if !problems.isEmpty { bad += 1 }
        }
        checked = files.count
      }
      for line in lines { print(line) }
      print("\(checked) plan file\(checked == 1 ? "" : "s") checked; \(bad) with problems.")
      if bad > 0 { throw ExitCode(1) }
    }
  }

  /// `--plan NAME|FILE`: a file when it names one (a path with `/`, or a `.yaml` name),
  /// otherwise a plan by name. A file with problems, or an unknown name, is a usage error.
  static func choose(_ value: String, inline: [PlanFile], _ env: [String: String]) throws -> (
    file: PlanFile, origin: PlanLibrary.Origin?
  ) {
    if value.contains("/") || PlanSources.isPlanFile(value) {
      let read = PlanSources.file(value)
      guard let file = read.plan else {
        throw UserError(read.problems.map(\.description).joined(separator: "\n"), code: 2)
      }
      return (file, nil)
    }
    let library = load(inline: inline, env)
    guard let entry = library.entry(named: value) else {
      // The standard plan is built in, even without the bundled Plans directory.
      if value == Plan.standard.name {
        return (PlanFile(plan: .standard, description: "the built-in 45 minutes", path: "-"), nil)
      }
      throw UserError.unknown("plan", value, among: library.names, seeAll: "mockroom plans list")
    }
    return (entry.file, entry.origin)
  }
}
