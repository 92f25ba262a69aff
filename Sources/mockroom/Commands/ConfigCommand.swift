import ArgumentParser
import Foundation
import MockCore

/// `mockroom config`: where config.yaml is, what it and the rest set, a file to start from, and
/// a check of it.
struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config",
    abstract: "Your defaults: config.yaml, the MOCKROOM_* variables, and what they set.",
    discussion: """
      Each setting comes from the first of: a flag, a variable \
      (\(Settings.variables.map(\.name).joined(separator: ", "))), config.yaml, and the \
      built-in default. config.yaml is $MOCKROOM_HOME/config.yaml, else \
      $XDG_CONFIG_HOME/mockroom/config.yaml (default ~/.config/mockroom/config.yaml). A value \
      of the wrong kind stops every command that reads it (exit 2, with file:line:column); an \
      unknown setting is a warning naming the closest known one. 'man 5 mockroom-config'       lists every setting.
      """,
    subcommands: [Path.self, Show.self, Init.self, Check.self])

  struct Path: ContextCommand {
    static let configuration = CommandConfiguration(abstract: "Print where config.yaml is.")
    func run(in context: Context) throws { print(context.configPath) }
  }

  struct Show: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print every setting a session would use, and where each came from.",
      discussion: "Takes run's flags that change settings or budgets (--plan, --budget, "
        + "--pivots, --no-pivots, --bell, --drill-grace, --checkin-reminder, --color), to show "
        + "what a run with them would use, and the plan's budgets as that run would start.")

    @OptionGroup var defaults: SettingsOptions
    @OptionGroup var budget: BudgetOptions

    func run(in context: Context) throws {
      let settings = try defaults.settings(context.environment)
      // The plan as run would find it: an unknown one is refused here as there.
      let plan = try SettingsCheck.chosenPlan(settings, in: context).plan
        .overriding(try budget.overrides())
      let budgets =
        Phase.allCases.map { "\($0.name) \(DurationText.clock(plan[$0]))" }
        .joined(separator: ", ") + " (\(DurationText.clock(plan.total)))"
      let rows =
        settings.shown.map { [$0.key, $0.value, $0.source.rawValue] }
        + [["budgets", budgets, budget.budgets.isEmpty ? "plan" : "flag"]]
      for line in ReviewText.table(["SETTING", "VALUE", "FROM"], rows) { print(line) }
      print("file: \(context.configPath)")
    }
  }

  struct Init: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a config.yaml of the defaults, each explained; --force replaces one.")

    @Flag(help: "Replace a config.yaml that is there already.")
    var force = false

    func run(in context: Context) throws {
      let path = context.configPath
      if !force, FileManager.default.fileExists(atPath: path) {
        throw UserError("\(path) exists; 'mockroom config init --force' replaces it", code: 1)
      }
      do {
        try FileManager.default.createDirectory(
          atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(Settings.template.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
      } catch {
        throw UserError("cannot write \(path): \(error.localizedDescription)", code: 1)
      }
      print("mockroom: wrote \(path)")
    }
  }

  struct Check: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check config.yaml and the variables; exit 1 on any problem or warning.")

    func run(in context: Context) throws {
      let env = context.environment
      let read = ConfigFile.read(env)
      // A hooks/ file that cannot run is a problem of the configuration too.
      let hooks = context.hooks(read.settings).problems
      // What run would refuse or what would fail each time, checked as run checks it; only
      // when the file reads, since a value of the wrong kind leaves the rest unread.
      let directory = context.configDirectory
      let checked =
        read.problems.isEmpty
        ? SettingsCheck.problems(
          read.settings, file: context.configPath, configDirectory: directory, environment: env)
        : []
      let all = read.problems + read.warnings + hooks + checked
      for line in all { print(line) }
      let count = all.count
      print(
        "\(context.configPath): \(count == 0 ? "no problems" : "\(count) problem\(count == 1 ? "" : "s")")."
      )
      if count > 0 { throw ExitCode(1) }
    }
  }
}
