import ArgumentParser
import Foundation
import MockCore

/// `mockroom run`: one timed session in the terminal.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Start a timed session (the default command).",
    discussion: """
      Keys: Space or n next phase · b back · p pause/resume · + and - change the current \
      phase's budget by a minute · t the prompt full screen (t again: the clock) · j/k, \
      arrows, PgUp/PgDn scroll the prompt · ? help · q quit (asks first).

      With no --prompt or --tag, the prompt is the one you practised least recently.

      The session's record is written to sessions/<id>.jsonl under $MOCKROOM_HOME, or \
      $XDG_DATA_HOME/mockroom (default ~/.local/share/mockroom).
      """
  )

  @Option(
    help: ArgumentHelp(
      "Practise this prompt (its id, as 'mockroom prompts list' shows).", valueName: "id"))
  var prompt: String?

  @Option(help: ArgumentHelp("Pick a prompt with this tag.", valueName: "tag"))
  var tag: String?

  @Option(
    help: ArgumentHelp(
      "Make the random choices repeatable: the same seed picks the same prompt.",
      valueName: "n"))
  var seed: UInt64?

  @OptionGroup var library: LibraryOptions

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
    if prompt != nil, tag != nil {
      throw ValidationError("give --prompt or --tag, not both.")
    }
  }

  /// The prompt for this session: the one asked for, or the least recently practised (of the
  /// tag, if given); nil when the library is empty.
  private func choose(_ library: PromptLibrary, sessions: String) throws -> Prompt? {
    func whole(_ entry: PromptLibrary.Entry) throws -> Prompt {
      do {
        return try PromptSources.prompt(of: entry)
      } catch {
        throw fail("\(error)", code: 1)
      }
    }
    if let prompt { return try whole(entry(prompt, in: library)) }
    var candidates = library.entries
    if let tag {
      candidates = library.entries(tagged: tag)
      guard !candidates.isEmpty else {
        let tags = library.tags.isEmpty ? "none" : library.tags.joined(separator: ", ")
        throw fail("no prompt has the tag '\(tag)'. Tags: \(tags).", code: 2)
      }
    }
    let practice = PracticeReader.read(sessionsDirectory: sessions)
    var random = SystemRandomNumberGenerator()
    let id = PromptPicker.pick(
      from: candidates.map(\.summary.id), practice: practice, seed: seed ?? random.next())
    return try id.flatMap { library.entry(id: $0) }.map(whole)
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
    let (library, sources) = try library.load()
    let chosen = try choose(library, sessions: paths.sessionsDirectory)
    if chosen == nil {
      let place =
        sources.directories.isEmpty
        ? "found" : "in \(sources.directories.joined(separator: " or "))"
      warn("no prompts \(place); starting a session without one")
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
        directory: paths.sessionsDirectory, started: Date(), slug: chosen?.id ?? "practice")
    } catch {
      terminal.end()
      throw fail("\(error)", code: 1)
    }
    let info = SessionInfo(
      id: log.id, title: chosen?.title ?? "Practice session", program: Mockroom.version,
      prompt: chosen?.id)
    // Only the title and body reach the room: the candidate's screen never holds interviewer
    // material.
    let brief = chosen.map { Brief(title: $0.title, body: $0.body) }
    let loop = RunLoop(
      room: Room(session: Session(info: info, plan: plan), brief: brief), terminal: terminal,
      log: log,
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
    if !library.problems.isEmpty {
      let files = Set(library.problems.map(\.file)).count
      warn(
        "\(files) prompt file\(files == 1 ? " was" : "s were") skipped; "
          + "'mockroom prompts check' says why")
    }
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

}
