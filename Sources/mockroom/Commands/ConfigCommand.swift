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

  struct Path: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print where config.yaml is.")
    func run() throws { print(ConfigFile.path()) }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print every setting a session would use, and where each came from.",
      discussion: "Takes run's flags, to show what a run with them would use.")

    @OptionGroup var defaults: SettingsOptions

    func run() throws {
      for line in try defaults.settings().table { print(line) }
      print("file: \(ConfigFile.path())")
    }
  }

  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a config.yaml of the defaults, each explained; --force replaces one.")

    @Flag(help: "Replace a config.yaml that is there already.")
    var force = false

    func run() throws {
      let path = ConfigFile.path()
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

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check config.yaml and the variables; exit 1 on any problem or warning.")

    func run() throws {
      let env = ProcessInfo.processInfo.environment
      let read = ConfigFile.read(env)
      // A hooks/ file that cannot run is a problem of the configuration too.
      let hooks = HookRunner(
        settings: read.settings, directory: DataPaths.configDirectory(env),
        logPath: DataPaths.hookLog(env), environment: env
      ).problems
      for line in read.problems + read.warnings + hooks { print(line) }
      let count = read.problems.count + read.warnings.count + hooks.count
      print(
        "\(ConfigFile.path()): \(count == 0 ? "no problems" : "\(count) problem\(count == 1 ? "" : "s")")."
      )
      if count > 0 { throw ExitCode(1) }
    }
  }
}
