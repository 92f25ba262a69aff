import ArgumentParser
import Foundation
import MockCore

/// `mockroom run`: one timed session in the terminal.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Start a timed session (the default command).",
    discussion: """
      Keys: Space or n next phase · b back · p pause/resume · + and - change the current \
      phase's budget by a minute · ? help · q quit (asks first).

      The session's record is written to sessions/<id>.jsonl under $MOCKROOM_HOME, or \
      $XDG_DATA_HOME/mockroom (default ~/.local/share/mockroom).
      """
  )

  @Option(
    name: .customLong("budget"),
    help: ArgumentHelp(
      "Set one phase's budget, e.g. design=20m or ops=90s. Repeat for more phases.",
      discussion: "Phases: clarify, estimate, design, drill, ops. "
        + "Durations: 90s, 5m, 1m30s, 1h, 4:30.",
      valueName: "phase=duration"))
  var budgets: [String] = []

  /// The `--budget` values, checked and read.
  func overrides() throws(ValidationError) -> [Phase: Millis] {
    var result: [Phase: Millis] = [:]
    for text in budgets {
      let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else {
        throw ValidationError(
          "--budget '\(text)': write PHASE=DURATION, for example design=20m.")
      }
      guard let phase = Phase(name: parts[0]) else {
        let names = Phase.allCases.map(\.name).joined(separator: ", ")
        throw ValidationError(
          "--budget '\(text)': '\(parts[0])' is not a phase; use one of \(names).")
      }
      guard result[phase] == nil else {
        throw ValidationError("--budget: \(phase.name) is given twice; give each phase once.")
      }
      do {
        result[phase] = try DurationText.parse(parts[1])
      } catch {
        throw ValidationError("--budget '\(text)': \(error)")
      }
    }
    return result
  }

  func validate() throws {
    _ = try overrides()
  }

  func run() throws {
    let plan = Plan.standard.overriding(try overrides())
    let environment = ProcessInfo.processInfo.environment
    let paths: DataPaths
    do {
      paths = try DataPaths.resolve(environment)
    } catch {
      throw fail("\(error)", code: 1)
    }
    let terminal: Terminal
    do {
      terminal = try Terminal(environment: environment)
    } catch {
      throw fail("\(error)", code: 2)
    }
    let signals = SignalPipe()
    let log: SessionLogWriter
    do {
      log = try SessionLogWriter(
        directory: paths.sessionsDirectory, started: Date(), slug: "practice")
    } catch {
      terminal.end()
      throw fail("\(error)", code: 1)
    }
    let info = SessionInfo(id: log.id, title: "Practice session", program: Mockroom.version)
    let loop = RunLoop(
      room: Room(session: Session(info: info, plan: plan)), terminal: terminal, log: log,
      signals: signals, trace: Trace(path: environment["MOCKROOM_TRACE"]))
    let ending: RunLoop.Ending
    do {
      ending = try loop.run()
    } catch {
      terminal.end()
      throw fail("\(error). The record holds every event up to this one.", code: 1)
    }
    terminal.end()
    print(summary(loop.room.session, log: log))
    if case .signal(let name) = ending {
      throw ExitCode(128 + SignalPipe.number(of: name))
    }
  }

  private func summary(_ session: Session, log: SessionLogWriter) -> String {
    let worked = DurationText.clock(session.active(at: MonotonicClock.now()))
    let outcome: String
    if case .ended(let ending) = session.status {
      outcome = ending.outcome == .finished ? "finished" : "abandoned"
    } else {
      outcome = "stopped"
    }
    return "mockroom: session \(log.id) \(outcome) after \(worked) in \(session.phase.name); "
      + "record: \(log.path)"
  }

  private func fail(_ message: String, code: Int32) -> ExitCode {
    FileHandle.standardError.write(Data("mockroom: \(message)\n".utf8))
    return ExitCode(code)
  }
}
