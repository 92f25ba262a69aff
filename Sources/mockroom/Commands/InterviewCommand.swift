import ArgumentParser
import Foundation
import Glibc
import MockCore

/// `mockroom interview`: the real interviews the mocks are practice for.
struct InterviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "interview",
    abstract: "Real interviews: the night before, the write-up within four hours, the pattern.",
    discussion: """
      Each real interview is a Markdown file with YAML front matter, interviews/<id>.md under \
      the data directory ($MOCKROOM_HOME, or $XDG_DATA_HOME/mockroom): readable, \
      git-friendly, and edited with $VISUAL or $EDITOR. The evening before, any mockroom \
      command reminds you once of the pre-mortem; from the interview's end, every command \
      says how long is left of the four hours to write it up, and the writeup-due hook fires \
      once. A full mock less than 18 hours before one asks first.
      """,
    subcommands: [
      New.self, List.self, Show.self, Outcome.self, Edit.self, Premortem.self, Writeup.self,
      Sheet.self, Patterns.self,
    ],
    defaultSubcommand: List.self)

  /// The ids, for Tab: the latest first.
  @Sendable static func ids(_ words: [String], _ at: Int, _ prefix: String) -> [String] {
    guard let store = try? InterviewStore(Context.process()) else { return [] }
    return ((try? store.ids()) ?? []).reversed().filter { $0.hasPrefix(prefix) }
  }

  struct New: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add a real interview (asked for what the flags do not give, at a terminal).")

    @Option(help: ArgumentHelp("The company.", valueName: "name")) var company: String?
    @Option(help: ArgumentHelp("The role.", valueName: "title")) var role: String?
    @Option(
      help: ArgumentHelp(
        "When it starts: 2026-12-09T15:00 (local time), or with an offset (+01:00, Z).",
        valueName: "time"))
    var at: String?
    @Option(
      help: ArgumentHelp(
        "The round: \(RealInterview.Kind.allCases.map(\.rawValue).joined(separator: ", ")) "
          + "(default system-design).", valueName: "kind"),
      completion: .list(RealInterview.Kind.allCases.map(\.rawValue)))
    var kind: String?
    @Option(help: ArgumentHelp("Who interviews, if known.", valueName: "name")) var who: String?
    @Option(
      help: ArgumentHelp(
        "How long it is (default 60m); the write-up is due 4h after.",
        valueName: "duration"))
    var length: String?

    func run(in context: Context) throws {
      let store = try InterviewStore(context)
      let asking = isatty(0) == 1
      func value(_ given: String?, _ flag: String, _ question: String) throws -> String {
        if let given {
          guard !given.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw UserError("--\(flag) is empty: give it a value", code: 2)
          }
          return given
        }
        guard asking else {
          throw UserError("give --\(flag): it is asked for only at a terminal", code: 2)
        }
        print(question, terminator: " ")
        fflush(nil)
        guard let line = readLine(), !line.trimmingCharacters(in: .whitespaces).isEmpty else {
          throw UserError("no \(flag) given: nothing added", code: 2)
        }
        return line.trimmingCharacters(in: .whitespaces)
      }
      let company = try value(company, "company", "Company?")
      let role = try value(role, "role", "Role?")
      let question = "When (like 2026-12-09T15:00)?"
      var atText = try value(at, "at", question)
      var time = CivilTime.parse(atText, localOffset: InterviewStore.localOffset)
      // At a terminal, a time that does not read is asked for again: what was typed before
      // it is kept.
      while time == nil, asking, at == nil {
        print("'\(atText)' is not a date and time that exists: ", terminator: "")
        atText = try value(nil, "at", question)
        time = CivilTime.parse(atText, localOffset: InterviewStore.localOffset)
      }
      guard let time else {
        throw UserError(
          "--at '\(atText)': give a date and time that exists, like 2026-12-09T15:00 (an "
            + "offset such as +01:00 may follow)", code: 2)
      }
      var kindValue = RealInterview.Kind.systemDesign
      if let kind {
        guard let named = RealInterview.Kind(rawValue: kind.lowercased()) else {
          throw UserError.unknown(
            "kind", kind, among: RealInterview.Kind.allCases.map(\.rawValue),
            seeAll: "mockroom interview new --help")
        }
        kindValue = named
      }
      var minutes = RealInterview.defaultMinutes
      if let length {
        guard let ms = try? DurationText.parse(length), (10...720).contains(ms / 60_000) else {
          throw UserError("--length '\(length)': give a duration from 10m to 12h", code: 2)
        }
        minutes = Int(ms / 60_000)
      }
      let id = try store.newID(company: company, at: time.seconds, zone: time.zone)
      var interview = RealInterview(
        id: id, company: company, role: role, kind: kindValue, at: time.seconds, zone: time.zone,
        minutes: minutes)
      interview.who = who
      try store.save(interview)
      print("mockroom: added \(id): \(store.path(id))")
      let now = InterviewStore.now()
      if interview.at > now {
        print(
          "next: mockroom interview premortem \(id)   (the night before: the sheet, a numbers drill)"
        )
      }
    }
  }

  struct List: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print every real interview, the latest last, with where its write-up stands.")

    @Flag(help: "Print JSON: each interview's summary, every field.") var json = false

    func run(in context: Context) throws {
      let interviews = try InterviewStore(context).all()
      if json {
        print(ReviewJSON.interviews(interviews))
        return
      }
      guard !interviews.isEmpty else {
        print("no real interviews yet: 'mockroom interview new' adds one")
        return
      }
      let now = InterviewStore.now()
      let rows = interviews.map { i in
        [
          i.id, CivilTime.format(i.at, zone: i.zone), i.company, i.role, i.kind.rawValue,
          i.outcome?.rawValue ?? "-", InterviewCommand.writeupState(i, now: now),
        ]
      }
      ReviewText.table(["ID", "AT", "COMPANY", "ROLE", "KIND", "OUTCOME", "WRITE-UP"], rows)
        .forEach { print($0) }
    }
  }

  /// `due in 3:12`, `1:05 late`, `written`, `written 0:40 late`, `-` (not yet held).
  static func writeupState(_ interview: RealInterview, now: Int64) -> String {
    if interview.written != nil {
      let late = interview.lateMinutes ?? 0
      return late == 0 ? "written" : "written \(CivilTime.span(Int64(late) * 60)) late"
    }
    guard now >= interview.end else { return "-" }
    let left = interview.writeupDue - now
    return left > 0 ? "due in \(CivilTime.span(left))" : "\(CivilTime.span(-left)) late"
  }

  struct Show: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print one real interview: its details, pre-mortem and write-up.")

    @Argument(help: "The interview's id.", completion: .custom(InterviewCommand.ids))
    var id: String

    func run(in context: Context) throws {
      let store = try InterviewStore(context)
      let i = try store.read(id)
      let now = InterviewStore.now()
      print("\(i.title) (\(i.kind.rawValue))")
      print("at:       \(CivilTime.shown(i.at, zone: i.zone)), \(i.minutes) min")
      if let who = i.who { print("with:     \(who)") }
      print("outcome:  \(i.outcome?.rawValue ?? "not yet")")
      if let feedback = i.feedback { print("feedback: \(feedback)") }
      print("write-up: \(InterviewCommand.writeupState(i, now: now))")
      let scores = Dimension.allCases.compactMap { d in
        i.scores[d.rawValue].map { "\(d.rawValue) \($0)" }
      }
      if !scores.isEmpty { print("scores:   \(scores.joined(separator: ", "))") }
      if !i.tags.isEmpty { print("gaps:     \(i.tags.joined(separator: ", "))") }
      print("file:     \(store.path(i.id))")
      if !i.notes.isEmpty { print("\n" + i.notes) }
      if let premortem = i.premortem {
        print("\n\(RealInterviewFile.premortemHeading)\n\n\(premortem)")
      }
      if let writeup = i.writeup { print("\n\(RealInterviewFile.writeupHeading)\n\n\(writeup)") }
    }
  }

  struct Outcome: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record how it ended: offer, rejected, withdrawn or no-answer.")

    @Argument(help: "The interview's id.", completion: .custom(InterviewCommand.ids))
    var id: String
    @Argument(
      help: ArgumentHelp(
        "offer, rejected, withdrawn or no-answer.", valueName: "outcome"),
      completion: .list(RealInterview.Outcome.allCases.map(\.rawValue)))
    var outcome: String
    @Option(help: ArgumentHelp("What they said, in a line.", valueName: "text"))
    var feedback: String?

    func run(in context: Context) throws {
      guard let value = RealInterview.Outcome(rawValue: outcome.lowercased()) else {
        throw UserError.unknown(
          "outcome", outcome, among: RealInterview.Outcome.allCases.map(\.rawValue),
          seeAll: "mockroom interview outcome --help")
      }
      let store = try InterviewStore(context)
      var interview = try store.read(id)
      // One can withdraw beforehand; a company's answer comes after the interview.
      guard value == .withdrawn || InterviewStore.now() >= interview.at else {
        throw UserError(
          "\(interview.title) is at \(CivilTime.shown(interview.at, zone: interview.zone)): "
            + "its outcome comes after it (before it, only 'withdrawn')", code: 1)
      }
      interview.outcome = value
      if let feedback { interview.feedback = feedback }
      try store.save(interview)
      print("mockroom: \(interview.id): \(value.rawValue)")
    }
  }

  struct Edit: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Open an interview's file in $VISUAL or $EDITOR (else vi), then check it.")

    @Argument(help: "The interview's id.", completion: .custom(InterviewCommand.ids))
    var id: String

    func run(in context: Context) throws {
      let store = try InterviewStore(context)
      let path = store.path(id)
      var info = stat()
      guard lstat(path, &info) == 0 else { _ = try store.read(id); return }
      try Editor.open(path, context.environment)
      _ = try store.read(id)
    }
  }
}
