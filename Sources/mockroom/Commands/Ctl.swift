import ArgumentParser
import Foundation
import MockCore

/// Options every command that reaches a running session shares.
struct SessionChoice: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The running session (its id, or the start of it); the only one running if not given.",
      valueName: "id"),
    completion: .custom(Completions.runningSessions))
  var session: String?

  @Option(
    help: ArgumentHelp(
      "The session's control socket, e.g. one forwarded over ssh.", valueName: "path"))
  var socket: String?

  func connect(_ context: Context) throws -> ControlClient {
    try ControlClient.open(session: session, socket: socket, context.environment)
  }
}

/// `mockroom ctl`: steer a running session from a script or a key binding.
struct Ctl: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ctl",
    abstract: "Steer a running session from a script: status, fire, pivot, pause, resume, next, "
      + "extend, rebalance, note, mark.",
    discussion: """
      Examples:
        mockroom ctl status --format '{phase} {remaining}'   (for tmux's status-right)
        mockroom ctl status --json
        mockroom ctl fire audio-first
        mockroom ctl pivot "Now assume the traffic is audio."
        mockroom ctl extend 2m        (a negative duration shortens: extend -1m)
        mockroom ctl rebalance 1m     (from the next phase still to start; -1m gives it back)
        mockroom ctl note "estimate skipped the write path"
        mockroom ctl mark missed_estimate
        mockroom ctl rate 4           (a recovery drill run with --partner)

      --format names: {phase} {remaining} {elapsed} {budget} {total} {balance} {status} \
      {session} {title} {banner} {next}.

      Marks: \(Mark.names.joined(separator: ", ")).

      Exits 1 with a message when no session is running or the session refuses the request.
      """,
    subcommands: [
      Status.self, Fire.self, Pivot.self, Simple.Pause.self, Simple.Resume.self, Simple.Next.self,
      Simple.Back.self, Extend.self, Rebalance.self, Note.self, MarkCommand.self, Simple.End.self,
      Rate.self,
    ]
  )

  /// `mockroom ctl --session ID status` as well as `mockroom ctl status --session ID`.
  @OptionGroup var choice: SessionChoice

  /// Sends one request and waits for its reply; a refusal exits 1 with the session's words.
  static func perform(_ request: Request, on choice: SessionChoice, _ context: Context) throws {
    let client = try choice.connect(context)
    let seq = client.send(request)
    let message: ControlMessage
    do {
      message = try client.reply(to: seq).0
    } catch {
      throw UserError(error.message, code: 1)
    }
    switch message {
    case .error(let error, _): throw UserError(error.message, code: 1)
    case .ok(_, _, let banner?): print("fired: banner \(banner)")
    default: break
    }
  }

  struct Status: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Where the session stands: phase, time left, banners, the deck.")
    @OptionGroup var choice: SessionChoice
    @Flag(help: "The state as JSON (documented in README.md).") var json = false
    @Option(help: ArgumentHelp("A line with {name} placeholders.", valueName: "format"))
    var format: String?

    func validate() throws {
      if json, format != nil { throw ValidationError("give --json or --format, not both.") }
    }

    func run(in context: Context) throws {
      let client = try choice.connect(context)
      let seq = client.send(.status)
      let reply: (ControlMessage, Data)
      do {
        reply = try client.reply(to: seq)
      } catch {
        throw UserError(error.message, code: 1)
      }
      if case .round(let round) = reply.0 {
        // A recovery drill started with --partner.
        if json {
          print(String(decoding: reply.1, as: UTF8.self))
        } else {
          round.lines.forEach { print($0) }
        }
        return
      }
      guard case .state(let state) = reply.0 else {
        if case .error(let error, _) = reply.0 { throw UserError(error.message, code: 1) }
        throw UserError("the session sent something else than its state", code: 1)
      }
      if json {
        print(String(decoding: reply.1, as: UTF8.self))
      } else if let format {
        print(state.format(format))
      } else {
        print(state.format("{session} · {title}"))
        print(
          state.format(
            "{status} · {phase} {remaining} (budget {budget}) · total {total} · {balance}"))
        for banner in state.banners {
          print("banner \(banner.banner) (\(banner.kind)): \(banner.text ?? banner.cue)")
        }
        for item in state.deck {
          let due = item.dueInMs.map { $0 > 0 ? "in \(DurationText.clock($0))" : "due" } ?? "later"
          print(
            "deck \(item.id) · \(item.kind) · \(item.whenText) · \(item.state)\(item.isOpen ? " · " + due : "")"
          )
        }
      }
    }
  }

  struct Rate: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Rate the round of a recovery drill run with --partner, 1 to 5, before the "
        + "candidate does.")
    @OptionGroup var choice: SessionChoice
    @Argument(
      help: ArgumentHelp("How well the round landed, 1 to 5.", valueName: "n"),
      completion: .list((1...5).map(String.init)))
    var rating: Int
    func validate() throws {
      guard (1...5).contains(rating) else { throw ValidationError("rate from 1 to 5.") }
    }
    func run(in context: Context) throws { try Ctl.perform(.rate(rating), on: choice, context) }
  }

  struct Fire: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Throw in a deck interjection by its id (as 'status' lists).")
    @OptionGroup var choice: SessionChoice
    @Argument(
      help: ArgumentHelp("The deck entry's id.", valueName: "id"),
      completion: .custom(Completions.deckIDs))
    var id: String
    func run(in context: Context) throws { try Ctl.perform(.fire(cue: id), on: choice, context) }
  }

  struct Pivot: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Throw in a pivot in your own words.")
    @OptionGroup var choice: SessionChoice
    @Argument(help: ArgumentHelp("What changes.", valueName: "text")) var text: String
    func run(in context: Context) throws {
      guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw ValidationError("give the pivot's text.")
      }
      try Ctl.perform(.custom(kind: .pivot, text: text), on: choice, context)
    }
  }

  enum Simple {
    struct Pause: ContextCommand {
      static let configuration = CommandConfiguration(abstract: "Pause the clock.")
      @OptionGroup var choice: SessionChoice
      func run(in context: Context) throws { try Ctl.perform(.pause, on: choice, context) }
    }
    struct Resume: ContextCommand {
      static let configuration = CommandConfiguration(abstract: "Start the clock again.")
      @OptionGroup var choice: SessionChoice
      func run(in context: Context) throws { try Ctl.perform(.resume, on: choice, context) }
    }
    struct Next: ContextCommand {
      static let configuration = CommandConfiguration(abstract: "Move on to the next phase.")
      @OptionGroup var choice: SessionChoice
      func run(in context: Context) throws { try Ctl.perform(.next, on: choice, context) }
    }
    struct Back: ContextCommand {
      static let configuration = CommandConfiguration(abstract: "Go back to the previous phase.")
      @OptionGroup var choice: SessionChoice
      func run(in context: Context) throws { try Ctl.perform(.back, on: choice, context) }
    }
    struct End: ContextCommand {
      static let configuration = CommandConfiguration(
        abstract: "End the session (finished during ops, abandoned before).")
      @OptionGroup var choice: SessionChoice
      func run(in context: Context) throws { try Ctl.perform(.end, on: choice, context) }
    }
  }

  struct Extend: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Lengthen the current phase's budget (a negative duration shortens it).")
    @OptionGroup var choice: SessionChoice
    // Taken as it stands, so that `-1m` is a duration and not an unknown option.
    @Argument(
      parsing: .allUnrecognized, help: ArgumentHelp("e.g. 2m, 90s, -1m.", valueName: "duration"))
    var words: [String] = []

    func validate() throws {
      _ = try Ctl.signedDuration(
        words, missing: "give the duration to add, e.g. 2m (or -1m to take a minute off).")
    }

    func run(in context: Context) throws {
      try Ctl.perform(.adjust(try Ctl.signedDuration(words, missing: "")), on: choice, context)
    }
  }

  struct Rebalance: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Move time to the current phase from the next phase still to start (a negative "
        + "duration gives it back); the plan's total stays.")
    @OptionGroup var choice: SessionChoice
    @Argument(
      parsing: .allUnrecognized, help: ArgumentHelp("e.g. 1m, -1m.", valueName: "duration"))
    var words: [String] = []

    func validate() throws {
      _ = try Ctl.signedDuration(
        words, missing: "give the time to move, e.g. 1m (or -1m to give a minute back).")
    }

    func run(in context: Context) throws {
      try Ctl.perform(.rebalance(try Ctl.signedDuration(words, missing: "")), on: choice, context)
    }
  }

  /// One duration, taken as it stands so that `-1m` is a duration and not an unknown option.
  static func signedDuration(_ words: [String], missing: String) throws(ValidationError)
    -> Millis
  {
    guard words.count == 1 else {
      throw ValidationError(
        words.isEmpty
          ? missing : "give one duration, not \(words.count): \(words.joined(separator: " ")).")
    }
    let duration = words[0]
    let negative = duration.hasPrefix("-")
    do {
      let ms = try DurationText.parse(negative ? String(duration.dropFirst()) : duration)
      return negative ? -ms : ms
    } catch {
      throw ValidationError("'\(duration)': \(error)")
    }
  }

  struct Note: ContextCommand {
    static let configuration = CommandConfiguration(abstract: "Add a time-stamped note.")
    @OptionGroup var choice: SessionChoice
    @Argument(help: ArgumentHelp("The note.", valueName: "text")) var text: String
    func run(in context: Context) throws {
      guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw ValidationError("give the note's text.")
      }
      try Ctl.perform(.note(text), on: choice, context)
    }
  }

  struct MarkCommand: ContextCommand {
    static let configuration = CommandConfiguration(
      commandName: "mark", abstract: "Mark a moment (missed_estimate, fabricated_number, ...).")
    @OptionGroup var choice: SessionChoice
    @Argument(
      help: ArgumentHelp("The mark's name.", valueName: "kind"),
      completion: .list(Completions.shellWords(Mark.names)))
    var kind: String
    func run(in context: Context) throws {
      guard let mark = Mark(name: kind) else {
        throw ValidationError(
          "'\(kind)' is not a mark; use one of \(Mark.names.joined(separator: ", ")).")
      }
      try Ctl.perform(.mark(mark), on: choice, context)
    }
  }
}

extension ControlState.DeckState {
  var isOpen: Bool { state == "waiting" || state == "held" }
}
