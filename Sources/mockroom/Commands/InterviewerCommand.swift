import ArgumentParser
import Foundation
import Glibc
import MockCore

/// `mockroom interviewer`: the interviewer's console for a running session.
struct InterviewerCommand: ContextCommand {
  static let configuration = CommandConfiguration(
    commandName: "interviewer",
    abstract: "The interviewer's console for a running session, in a second terminal.",
    discussion: """
      Shows the clocks, the deck with its schedule, and the prompt's interviewer material \
      (clarify answers, scale, drill and ops points, private notes). Keys: Up/Down choose a deck \
      entry; f fire; h hold/release; s skip; i an interjection in your words; m mark; \
      w note; p pause; n next; b back; +/- a minute; ] and [ a minute from or to the next \
      phase still to start; E end; ? help; q close.

      When the session ends, you score the candidate on the same five dimensions as their \
      debrief; 'mockroom show' puts both side by side.

      Over ssh: forward the socket (ssh -L /tmp/mock.sock:$XDG_RUNTIME_DIR/mockroom/ID.sock \
      host) and attach with --socket /tmp/mock.sock.
      """)

  @Argument(
    help: ArgumentHelp(
      "The running session (its id or the start of it); the only one running if not given.",
      valueName: "id"),
    completion: .custom(Completions.runningSessions))
  var id: String?

  @Option(help: ArgumentHelp("The session's control socket.", valueName: "path"))
  var socket: String?

  @Option(
    help: ArgumentHelp(
      "Your name, sent with your scores, so that stats and the report tell partners apart.",
      valueName: "name"))
  var name: String?

  func validate() throws {
    if let name, Debrief.interviewerName(name) == nil {
      throw ValidationError("--name '\(name)': \(Debrief.nameRule).")
    }
  }

  func run(in context: Context) throws {
    let client = try ControlClient.open(session: id, socket: socket, context.environment)
    let welcome: ControlMessage.Welcome
    do {
      let seq = client.send(.hello(role: .interviewer, watch: true))
      switch try client.reply(to: seq).0 {
      case .welcome(let w): welcome = w
      case .error(let error, _): throw UserError(error.message, code: 1)
      default: throw UserError("the session did not welcome the console", code: 1)
      }
    } catch let error as ControlError {
      throw UserError(error.message, code: 1)
    }
    let runner = ProgramRunner(context)
    try runner.openTerminal()
    runner.connect(client)
    var console = Console(welcome: welcome, at: context.clock.now())
    console.name = name.flatMap(Debrief.interviewerName)
    let id = console.session?.info.id ?? "?"
    runner.run(&console)
    if let unsent = console.unsent {
      try keep(unsent, of: id, context)
    } else if case .done = console.mode {
      print("mockroom: your scores are in session \(id); 'mockroom show \(id)' shows them")
    } else {
      print("mockroom: console closed; session \(id)")
    }
  }

  /// The session closed before the scores could be sent: they go into its record directly when
  /// it is on this machine, or are printed so that nothing is lost.
  private func keep(_ said: Debrief, of id: String, _ context: Context) throws {
    let why: String
    do {
      let paths = try DataPaths.resolve(context.environment)
      try Self.appendScores(said, to: paths.sessionsDirectory + "/\(id).jsonl")
      print("mockroom: your scores are in session \(id)")
      return
    } catch {
      why = "\(error)"
    }
    print(Request.debrief(said).jsonLine())
    throw UserError(
      "the session closed before your scores reached it, and they could not be added to its "
        + "record (\(why)); they are printed above", code: 1)
  }

  /// Adds the interviewer's scores to a closed session's record; throws unless they are on disk.
  static func appendScores(_ said: Debrief, to path: String) throws(SessionLogWriter.Failure) {
    let directory = (path as NSString).deletingLastPathComponent
    let log = SessionStore(directory: directory).log(named: (path as NSString).lastPathComponent)
    guard let last = log.records.last else {
      throw SessionLogWriter.Failure(
        description: log.warnings.first ?? "\(path) holds no session to score")
    }
    try SessionLogWriter(appendingTo: path).append(
      Record(t: last.t, entry: .debrief(said), source: .interviewer))
  }
}
