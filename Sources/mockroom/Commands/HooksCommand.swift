import ArgumentParser
import Foundation
import Glibc
import MockCore

/// `mockroom hooks`: which hooks are set, and a dry run of one event's.
struct HooksCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hooks",
    abstract: "Programs run at moments of a session: what is set, and a test run.",
    discussion: """
      A hook is an executable file hooks/EVENT in the config directory, or a command under \
      'hooks:' in config.yaml (a list of words, or the built-ins speak and notify). Events: \
      \(HookEvent.allCases.map(\.rawValue).joined(separator: ", ")). A hook gets its variables \
      (MOCKROOM_EVENT and the rest; 'man 5 mockroom-hooks' lists them), stdin from /dev/null, and its \
      output goes to the hook log. It has hook_timeout (default 5s), then TERM, then KILL; \
      the session never waits for it.
      """,
    subcommands: [List.self, Test.self],
    defaultSubcommand: List.self)

  struct List: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print each event's hooks, and where the hook log is.")

    func run(in context: Context) throws {
      let runner = context.hooks(try context.settings())
      let rows = HookEvent.allCases.flatMap { event in
        (runner.commands[event] ?? []).map { [event.rawValue, $0.shown] }
      }
      if rows.isEmpty {
        print("no hooks are set; see 'mockroom hooks --help'")
      } else {
        for line in ReviewText.table(["EVENT", "RUNS"], rows) { print(line) }
      }
      for problem in runner.problems { warn(problem) }
      // A file whose name is no event never runs: say so here too, not only in config check.
      for stray in SettingsCheck.hookFiles(context.configDirectory + "/hooks") {
        warn(stray)
      }
      print("log: \(runner.logPath)")
    }
  }

  struct Test: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run an event's hooks with example variables, and say what happened.")

    @Argument(
      help: ArgumentHelp(
        "The event: \(HookEvent.allCases.map(\.rawValue).joined(separator: ", ")).",
        valueName: "event"),
      completion: .list(HookEvent.allCases.map(\.rawValue)))
    var event: String

    func run(in context: Context) throws {
      guard let event = HookEvent(rawValue: event) else {
        throw UserError.unknown(
          "hook event", event, among: HookEvent.allCases.map(\.rawValue),
          seeAll: "mockroom hooks --help")
      }
      let runner = context.hooks(try context.settings())
      runner.record = "/dev/null"
      guard runner.commands[event] != nil || !runner.problems.isEmpty else {
        throw UserError(
          "no hook is set for \(event.rawValue): make \(context.configDirectory)/hooks/"
            + "\(event.rawValue) executable, or add it under 'hooks:' in \(context.configPath)",
          code: 1)
      }
      let call = HookCall.example(event)
      for line in call.environment { print("  \(line)") }
      // A session's hooks get its record; a test has none to give.
      print("  MOCKROOM_RECORD=/dev/null (in a session: its record's path)")
      let logged = Self.size(of: runner.logPath)
      let results = ProgramRunner(context).runHooks(runner, call)
      for result in results {
        var line = "\(event.rawValue): \(result.command): \(result.why)"
        if case .notStarted = result.outcome {} else { line += " after \(result.tookShown)" }
        print(line)
      }
      let output = Self.output(of: runner.logPath, from: logged)
      if !output.isEmpty {
        print("the hook log (\(runner.logPath)) gained:")
        print(output, terminator: output.hasSuffix("\n") ? "" : "\n")
      }
      if results.contains(where: \.failed) { throw ExitCode(1) }
    }

    private static func size(of path: String) -> Int {
      var status = stat()
      return stat(path, &status) == 0 ? Int(status.st_size) : 0
    }

    /// What the log gained since it was `from` bytes long.
    private static func output(of path: String, from: Int) -> String {
      guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
      defer { try? handle.close() }
      try? handle.seek(toOffset: UInt64(from))
      let data = (try? handle.readToEnd()) ?? Data()
      return String(decoding: data, as: UTF8.self)
    }
  }
}
