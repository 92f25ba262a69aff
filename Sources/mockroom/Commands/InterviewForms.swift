import ArgumentParser
import Foundation
import Glibc
import MockCore

/// The pre-mortem and the write-up: forms written in the person's editor, kept when saving
/// fails.
extension InterviewCommand {
  /// Where an edited form is kept while the editor has it: a file of its own beside the
  /// temporary files, removed once saved, kept (and said) when saving fails.
  static func form(_ text: String, id: String, what: String, _ context: Context) throws(UserError)
    -> String
  {
    guard
      let path = SessionLogWriter.keep(
        Array(text.utf8), as: "mockroom-\(id)-\(what)", ext: "md",
        in: SessionLogWriter.fallbackPlaces(context.environment))
    else { throw UserError("cannot make a file to edit the \(what) in", code: 1) }
    return path
  }

  /// The text of `path`, a regular file.
  static func text(of path: String) throws(UserError) -> String {
    switch RegularFile.read(path, limit: RealInterviewFile.largest) {
    case .success(let bytes):
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw UserError("\(path): not UTF-8 text", code: 1)
      }
      return text
    case .failure(let failure): throw UserError("\(path): \(failure.reason)", code: 1)
    }
  }

  /// Opens the form in the editor (or takes `from`), and returns what was written; nil when it
  /// is the template untouched. The form's file is kept until `saved` is called.
  static func edit(
    template: String, from: String?, id: String, what: String, _ context: Context
  ) throws -> (text: String, file: String)? {
    if let from {
      let text = try text(of: from)
      return RealInterviewForms.isUntouched(text, template: template) ? nil : (text, from)
    }
    let file = try form(template, id: id, what: what, context)
    do {
      try Editor.open(file, context.environment)
    } catch {
      throw UserError("\(error.message); what you wrote is in \(file)", code: error.code)
    }
    let text = try text(of: file)
    if RealInterviewForms.isUntouched(text, template: template) {
      unlink(file)
      return nil
    }
    return (text, file)
  }

  /// Saves, or says where what was typed is kept.
  static func save(
    _ interview: RealInterview, _ store: InterviewStore, form: String, fromFlag: Bool,
    what: String
  ) throws {
    do {
      try store.save(interview)
    } catch {
      throw UserError(
        "\(error.message)\nYour \(what) as you wrote it is in \(form); once the problem is "
          + "fixed, give it back with: mockroom interview \(what) \(interview.id) --from \(form)",
        code: 1)
    }
    if !fromFlag { unlink(form) }
  }

  struct Premortem: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the pre-mortem: what is most likely to go wrong, the move for each, "
        + "and what good enough looks like in each phase.",
      discussion: "Opens a template in $VISUAL or $EDITOR; a template left as it was is not "
        + "saved. Only for an interview still to come.")

    @Argument(help: "The interview's id.", completion: .custom(InterviewCommand.ids))
    var id: String
    @Option(
      help: ArgumentHelp(
        "Take the pre-mortem from this file instead of opening the editor.", valueName: "file"),
      completion: .file())
    var from: String?

    func run(in context: Context) throws {
      let store = try InterviewStore(context)
      var interview = try store.read(id)
      let now = InterviewStore.now()
      guard now < interview.at else {
        throw UserError(
          "\(interview.title) began at \(CivilTime.shown(interview.at, zone: interview.zone)): "
            + "a pre-mortem is for before it. Write it up instead: mockroom interview writeup "
            + "\(interview.id)", code: 1)
      }
      let template =
        interview.premortem.map { $0 + "\n" } ?? RealInterviewForms.premortemTemplate(interview)
      guard
        let (text, file) = try InterviewCommand.edit(
          template: template, from: from, id: interview.id, what: "premortem", context)
      else {
        print("mockroom: the pre-mortem was left as it was: nothing saved")
        return
      }
      let problems = RealInterviewForms.premortemProblems(text, file: file)
      guard problems.isEmpty else {
        throw UserError(
          problems.map(\.description).joined(separator: "\n") + "\nNothing saved; what you "
            + "wrote is in \(file): fix it and give it back with: mockroom interview premortem "
            + "\(interview.id) --from \(file)", code: 1)
      }
      interview.premortem = RealInterviewForms.cleaned(text)
      try InterviewCommand.save(
        interview, store, form: file, fromFlag: from != nil, what: "premortem")
      print("mockroom: pre-mortem saved in \(store.path(interview.id))")
    }
  }

  struct Writeup: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the interview up, within four hours of its end.",
      discussion: "Opens a template in $VISUAL or $EDITOR: the questions asked, the moments of "
        + "doubt, what you could not answer, the stories and their follow-ups, the "
        + "interviewer's signals, the pre-mortem checked, the five self-scores and the three "
        + "after-action questions. With --score and no --from, only the scores are saved. "
        + "The file keeps when it was written and how late.")

    @Argument(help: "The interview's id.", completion: .custom(InterviewCommand.ids))
    var id: String
    @Option(
      name: .customLong("score"),
      help: ArgumentHelp(
        "A self-score, 1 to 5, one per dimension: numerical=2 (dimensions: "
          + Dimension.allCases.map(\.rawValue).joined(separator: ", ") + ").",
        valueName: "dimension=n"))
    var scores: [String] = []
    @Option(
      help: ArgumentHelp(
        "Take the write-up from this file instead of opening the editor.", valueName: "file"),
      completion: .file())
    var from: String?

    func validate() throws {
      for score in scores {
        if case .failure(let problem) = RealInterviewForms.score(score) {
          throw ValidationError("--score \(problem.message)")
        }
      }
    }

    func run(in context: Context) throws {
      let store = try InterviewStore(context)
      var interview = try store.read(id)
      let now = InterviewStore.now()
      guard now >= interview.at else {
        throw UserError(
          "\(interview.title) is at \(CivilTime.shown(interview.at, zone: interview.zone)): "
            + "write it up after it. Before it: mockroom interview premortem \(interview.id)",
          code: 1)
      }
      var given: [String: Int] = [:]
      for score in scores {
        if case .success(let (dimension, value)) = RealInterviewForms.score(score) {
          given[dimension.rawValue] = value
        }
      }
      var form: (text: String, file: String)?
      if given.isEmpty || from != nil {
        let template =
          interview.writeup.map { $0 + "\n" } ?? RealInterviewForms.writeupTemplate(interview)
        form = try InterviewCommand.edit(
          template: template, from: from, id: interview.id, what: "writeup", context)
        guard form != nil || !given.isEmpty else {
          print("mockroom: the write-up was left as it was: nothing saved")
          return
        }
      }
      if let form {
        let read = RealInterviewForms.writeupFields(form.text, file: form.file)
        guard read.problems.isEmpty else {
          throw UserError(
            read.problems.map(\.description).joined(separator: "\n") + "\nNothing saved; what "
              + "you wrote is in \(form.file): fix it and give it back with: mockroom "
              + "interview writeup \(interview.id) --from \(form.file)", code: 1)
        }
        interview.writeup = RealInterviewForms.cleaned(form.text)
        interview.scores.merge(read.scores) { $1 }
        if !read.tags.isEmpty { interview.tags = read.tags }
      }
      interview.scores.merge(given) { $1 }
      if interview.written == nil {
        interview.written = now
        interview.lateMinutes = interview.lateness(savedAt: now)
      }
      if let form {
        try InterviewCommand.save(
          interview, store, form: form.file, fromFlag: from != nil, what: "writeup")
      } else {
        try store.save(interview)
      }
      let late = interview.lateMinutes ?? 0
      print(
        "mockroom: write-up saved in \(store.path(interview.id))"
          + (late == 0 ? ", within the four hours" : ", \(CivilTime.span(Int64(late) * 60)) late"))
    }
  }
}
