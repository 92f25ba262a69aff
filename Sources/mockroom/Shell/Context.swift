import ArgumentParser
import Foundation
import MockCore

/// What a command runs in: the environment, read once in `Mockroom.main`, with the paths and
/// settings that follow from it and the session clock. Commands are handed it; none reads the
/// process's environment itself.
struct Context: Sendable {
  /// The process's environment as it was at the start.
  let environment: [String: String]
  /// Session time as the screens see it (faster only under the tests' setting). Hooks, sockets
  /// and the hook log keep real time, `MonotonicClock`.
  let clock: SessionClock.Type = SessionClock.self

  /// The one read of the process's environment: `Mockroom.main`'s, and shell completion's,
  /// which runs while the arguments are parsed, before any command.
  static func process() -> Context {
    Context(environment: ProcessInfo.processInfo.environment)
  }

  /// Where the records are kept; none to be told is an error (exit 1).
  func dataPaths() throws(UserError) -> DataPaths {
    do {
      return try DataPaths.resolve(environment)
    } catch {
      throw UserError("\(error)", code: 1)
    }
  }

  /// The records, for the review commands.
  func sessionStore() throws(UserError) -> SessionStore {
    SessionStore(
      directory: try dataPaths().sessionsDirectory, indexPath: SessionStore.indexPath(environment))
  }

  /// The index beside the records.
  var index: SessionIndex { SessionIndex(path: SessionStore.indexPath(environment)) }

  /// The user's own files: prompts, plans, config.yaml, hooks/, questions.md.
  var configDirectory: String { DataPaths.configDirectory(environment) }

  /// config.yaml.
  var configPath: String { ConfigFile.path(environment) }

  /// The hooks' output, and what became of each.
  var hookLog: String { DataPaths.hookLog(environment) }

  /// Every hook `settings` and the config directory's `hooks/` set, whether any is or not.
  func hooks(_ settings: Settings) -> HookRunner {
    HookRunner(
      settings: settings, directory: configDirectory, logPath: hookLog, environment: environment)
  }

  /// The settings of config.yaml and the environment, without a command's own flags.
  func settings() throws -> Settings { try ConfigFile.settings(environment) }
}

/// A command that runs in the context `Mockroom.main` built once.
protocol ContextCommand: ParsableCommand {
  func run(in context: Context) throws
}

extension ContextCommand {
  /// Only for a caller outside `Mockroom.main` (which hands its context to `run(in:)`).
  func run() throws { try run(in: .process()) }
}
