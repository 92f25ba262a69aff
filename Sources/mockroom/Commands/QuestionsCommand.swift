import ArgumentParser
import Foundation
import Glibc
import MockCore

/// `mockroom questions`: the closing questions kept in `questions.md`, two of which the
/// last-90-seconds banner shows.
struct QuestionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "questions",
    abstract: "Your closing questions: list them, check them, edit them.",
    discussion: """
      Keep the questions you will ask at the end of an interview in questions.md in the \
      config directory, one per line or bullet. At the last 90 seconds of a session the \
      banner shows two of them, the least recently shown first.
      """,
    subcommands: [List.self, Check.self, Edit.self], defaultSubcommand: List.self)

  /// The file, in the config directory.
  static func path(_ env: [String: String]) -> String {
    DataPaths.configDirectory(env) + "/questions.md"
  }

  /// The questions in the file: nil when there is none; an error when it cannot be read.
  static func read(_ env: [String: String]) throws(UserError) -> [ClosingQuestions.Question]? {
    let path = path(env)
    // Absent is no questions; anything else there (a dangling symlink too) must read.
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    switch RegularFile.read(path, limit: 256 * 1024) {
    case .success(let bytes):
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw UserError("\(path): not UTF-8 text", code: 1)
      }
      return ClosingQuestions.parse(text)
    case .failure(let failure):
      throw UserError("\(path): \(failure.reason)", code: 1)
    }
  }

  /// The two questions for a session's last 90 seconds, strong ones only, and whether the
  /// file has only weak ones; none (with a warning) when the file cannot be read. Sessions are
  /// looked through only when there is a file.
  static func forLastStretch(_ context: Context) -> (questions: [String], noneStrong: Bool) {
    do {
      guard let questions = try read(context.environment), !questions.isEmpty else {
        return ([], false)
      }
      return ClosingQuestions.forBanner(
        questions.map(\.text), lastShown: try context.sessionStore().questionsShown())
    } catch {
      warn("\(error.message); the last 90 seconds shows no questions")
      return ([], false)
    }
  }

  struct List: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print each question with when it was last shown.")

    func run(in context: Context) throws {
      let env = context.environment
      guard let questions = try QuestionsCommand.read(env), !questions.isEmpty else {
        print(
          "no closing questions yet: 'mockroom questions edit' opens \(QuestionsCommand.path(env))")
        return
      }
      let shown = try context.sessionStore().questionsShown()
      let next = Set(ClosingQuestions.forBanner(questions.map(\.text), lastShown: shown).questions)
      let rows = questions.map { q in
        [
          next.contains(q.text) ? "next" : "", shown[q.text].map { ReviewText.date($0) } ?? "never",
          q.text,
        ]
      }
      ReviewText.table(["", "LAST SHOWN", "QUESTION"], rows).forEach { print($0) }
    }
  }

  struct Check: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Flag questions of the weak kinds, and suggest strong ones.",
      discussion:
        "Weak kinds: \(ClosingQuestions.Weakness.allCases.map(\.rawValue).joined(separator: ", ")). Exits 1 when any is flagged."
    )

    func run(in context: Context) throws {
      let env = context.environment
      let path = QuestionsCommand.path(env)
      guard let questions = try QuestionsCommand.read(env), !questions.isEmpty else {
        print("no closing questions in \(path)")
        Self.suggest()
        throw ExitCode(1)
      }
      var flagged = 0
      for q in questions {
        guard let weak = ClosingQuestions.weakness(of: q.text) else { continue }
        flagged += 1
        print("\(path):\(q.line): \(weak.rawValue): \(q.text)")
        print("  \(weak.reason)")
      }
      print(
        "\(questions.count) question\(questions.count == 1 ? "" : "s") checked: "
          + (flagged == 0 ? "none of a weak kind." : "\(flagged) of a weak kind."))
      if flagged > 0 || questions.count < 5 {
        Self.suggest()
      }
      if flagged > 0 { throw ExitCode(1) }
    }

    static func suggest() {
      print("Strong kinds to write your own from:")
      for kind in ClosingQuestions.strongKinds { print("  - \(kind)") }
    }
  }

  struct Edit: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Open questions.md in $VISUAL or $EDITOR (else vi), made first if missing.")

    func run(in context: Context) throws {
      let env = context.environment
      let path = QuestionsCommand.path(env)
      if !FileManager.default.fileExists(atPath: path) {
        try? FileManager.default.createDirectory(
          atPath: DataPaths.configDirectory(env), withIntermediateDirectories: true)
        let start = """
          # Closing questions: one per line or bullet. 'mockroom questions check' flags weak ones.
          - What is the bottleneck the team spends the most time on right now?

          """
        guard FileManager.default.createFile(atPath: path, contents: Data(start.utf8)) else {
          throw UserError("cannot create \(path)", code: 1)
        }
      }
      // The first of VISUAL and EDITOR that is set and not empty, as words (no shell).
      let chosen = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
      let editor = chosen.split(separator: " ").map(String.init)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = (editor.isEmpty ? ["vi"] : editor) + [path]
      do {
        try process.run()
      } catch {
        throw UserError(
          "cannot start the editor \(editor.joined(separator: " ")): \(error)", code: 1)
      }
      process.waitUntilExit()
      if process.terminationStatus != 0 {
        throw UserError("the editor exited with \(process.terminationStatus)", code: 1)
      }
    }
  }
}
