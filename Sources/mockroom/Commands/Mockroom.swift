import ArgumentParser
import Foundation
import MockCore

#if !os(Linux)
  #error("mockroom's shell is written for Linux (Glibc, ncursesw, CLOCK_BOOTTIME, SO_PEERCRED)")
#endif

/// The `mockroom` command: timed system-design mock interviews in a terminal.
@main
struct Mockroom: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "mockroom",
    abstract: "Practise system-design interviews against a clock, in your terminal.",
    discussion: """
      A session runs five phases against a plan: clarify 5 min, estimate 5, design 15, \
      drill 15, ops 5. The big clock counts down the current phase and counts up once it \
      runs over; you move on with Space. Every event is saved as it happens.

      With no subcommand, mockroom starts a session (the same as 'mockroom run').
      """,
    version: version,
    subcommands: [
      Run.self, DrillCommand.self, QuestionsCommand.self, Prompts.self, Plans.self,
      ConfigCommand.self, HooksCommand.self,
      History.self,
      ShowSession.self,
      StatsCommand.self, ReportCommand.self,
      DebriefCommand.self, InterviewCommand.self,
      InterviewerCommand.self, Ctl.self, Reindex.self, ManualCommand.self,
    ],
    defaultSubcommand: Run.self
  )

  /// `--hostile` takes an optional duration: alone (or before another option) it means ten
  /// minutes, which ArgumentParser cannot say, so the word is given its value here.
  /// Only a session's (`run`, or no subcommand) is touched: `ctl note --hostile` is a note.
  static func hostileValue(_ arguments: [String]) -> [String] {
    let subcommands = configuration.subcommands.map { $0._commandName }
    if let first = arguments.first(where: { !$0.hasPrefix("-") }), first != Run._commandName,
      subcommands.contains(first)
    {
      return arguments
    }
    var out: [String] = []
    var index = 0
    while index < arguments.count {
      let word = arguments[index]
      index += 1
      if word == "--" {
        out += arguments[(index - 1)...]
        break
      }
      guard word == "--hostile" else {
        out.append(word)
        continue
      }
      if index < arguments.count, (try? DurationText.parse(arguments[index])) != nil {
        out.append("--hostile=\(arguments[index])")
        index += 1
      } else {
        out.append("--hostile=\(DurationText.clock(Hostile.defaultLength))")
      }
    }
    return out
  }

  /// Builds the context once and hands it to the command, and is the one place an error is told: a `UserError` with its own exit
  /// code; usage errors exit 2 (not ArgumentParser's 64), as the README documents.
  static func main() {
    do {
      try SessionClock.check()
      let context = Context.process()
      var command = try parseAsRoot(hostileValue(Array(CommandLine.arguments.dropFirst())))
      if !(command is ManualCommand) { InterviewCommand.notices(context) }
      if let command = command as? any ContextCommand {
        try command.run(in: context)
      } else {
        try command.run()
      }
    } catch let error as UserError {
      warn(error.message)
      Foundation.exit(error.code)
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}
