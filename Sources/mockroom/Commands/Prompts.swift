import ArgumentParser
import Foundation
import MockCore

/// `--prompts DIR`, shared by every command that reads the prompt library.
struct LibraryOptions: ParsableArguments {
  @Option(
    name: .customLong("prompts"),
    help: ArgumentHelp(
      "Read the bundled prompts from this directory (default: $MOCKROOM_PROMPTS, then the "
        + "Prompts directory mockroom ships with).",
      valueName: "dir"))
  var directory: String?

  func sources(_ context: Context) throws -> PromptSources {
    do {
      return try PromptSources.resolve(explicit: directory, context.environment)
    } catch {
      throw UserError("\(error)", code: 2)
    }
  }

  /// The library, with every problem written to stderr once, and a note when nothing was found.
  /// Files unchanged since the last run come from the cache.
  func load(_ context: Context) throws -> (PromptLibrary, PromptSources) {
    let sources = try sources(context)
    let library = sources.load(cache: PromptCache(context.environment))
    for problem in library.problems {
      FileHandle.standardError.write(Data("mockroom: \(problem)\n".utf8))
    }
    if sources.bundled == nil {
      warn(
        "no bundled prompts found; point --prompts or MOCKROOM_PROMPTS at mockroom's Prompts "
          + "directory")
    }
    return (library, sources)
  }
}

/// The entry for `id`, or a usage error suggesting the closest ids.
func entry(_ id: String, in library: PromptLibrary) throws -> PromptLibrary.Entry {
  if let entry = library.entry(id: id) { return entry }
  throw UserError.unknown("prompt", id, among: library.ids, seeAll: "mockroom prompts list")
}

/// `mockroom prompts`: list, read and check the design prompts.
struct Prompts: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List, read and check the design prompts.",
    discussion: """
      Prompts are Markdown files with YAML front matter: the bundled ones, and your own in \
      $XDG_CONFIG_HOME/mockroom/prompts (or $MOCKROOM_HOME/prompts), where a file with a \
      bundled prompt's name replaces it. Prompts/README.md describes the format.
      """,
    subcommands: [List.self, ShowPrompt.self, Check.self])

  struct List: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the prompts, with how often and how lately you practised each.")

    @OptionGroup var library: LibraryOptions

    @Option(
      help: ArgumentHelp("Only prompts with this tag.", valueName: "tag"),
      completion: .custom(Completions.tags))
    var tag: String?

    @Flag(help: "Print JSON (documented in the README) instead of a table.")
    var json = false

    func run(in context: Context) throws {
      let (library, _) = try library.load(context)
      var entries = library.entries
      if let tag {
        entries = library.entries(tagged: tag)
        if entries.isEmpty {
          throw UserError(
            "no prompt has the tag '\(tag)'. Tags: \(library.tags.joined(separator: ", ")).",
            code: 2)
        }
      }
      let practice =
        (try? DataPaths.resolve(context.environment)).map {
          PracticeReader.read(sessionsDirectory: $0.sessionsDirectory)
        } ?? [:]
      print(json ? jsonList(entries, practice) : table(entries, practice), terminator: "")
    }

    private func table(_ entries: [PromptLibrary.Entry], _ practice: [String: Practice]) -> String {
      var rows = [["ID", "TITLE", "LEVEL", "TAGS", "PRACTISED", "LAST"]]
      for entry in entries {
        let p = entry.summary
        let done = practice[p.id]
        rows.append([
          p.id, p.title, p.level.rawValue, p.tags.joined(separator: ","),
          done.map { "\($0.count)" } ?? "never", done.map { String($0.last.prefix(10)) } ?? "-",
        ])
      }
      let widths = (0..<rows[0].count).map { column in rows.map { $0[column].columns }.max()! }
      return rows.map { row in
        zip(row, widths).map { $0.padded(to: $1) }.joined(separator: "  ")
          .replacingOccurrences(of: " +$", with: "", options: .regularExpression)
      }.joined(separator: "\n") + "\n"
    }

    private func jsonList(_ entries: [PromptLibrary.Entry], _ practice: [String: Practice])
      -> String
    {
      struct Item: Encodable {
        var id, title, level, origin, path: String
        var tags: [String]
        var practised: Int
        var last_practised: String?
      }
      struct Output: Encodable {
        var v = 1
        var prompts: [Item]
      }
      let items = entries.map { entry in
        Item(
          id: entry.summary.id, title: entry.summary.title, level: entry.summary.level.rawValue,
          origin: entry.origin.rawValue, path: entry.path, tags: entry.summary.tags,
          practised: practice[entry.summary.id]?.count ?? 0,
          last_practised: practice[entry.summary.id]?.last)
      }
      return WireJSON.text(Output(prompts: items), pretty: true) + "\n"
    }
  }

  struct ShowPrompt: ContextCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Print a whole prompt, interviewer material included, for reading.")

    @OptionGroup var library: LibraryOptions

    @Argument(
      help: ArgumentHelp("The prompt's id (its file name without .md).", valueName: "id"),
      completion: .custom(Completions.promptIDs))
    var id: String

    func run(in context: Context) throws {
      let (library, _) = try library.load(context)
      let entry = try entry(id, in: library)
      let prompt: Prompt
      do {
        prompt = try PromptSources.prompt(of: entry)
      } catch {
        throw UserError("\(error)", code: 1)
      }
      print(PromptSheet.text(prompt, entry, width: terminalWidth()), terminator: "")
    }
  }

  struct Check: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check prompt files and decks; list every problem.",
      discussion: """
        With no paths, checks every file mockroom would load. Each problem is printed as \
        file:line:column: what is wrong. Exits 1 if there is any problem, 0 when all are clean.
        """)

    @OptionGroup var library: LibraryOptions

    @Argument(
      help: ArgumentHelp(
        "Directories (their *.md and deck.yaml) or single files to check.", valueName: "path"))
    var paths: [String] = []

    func run(in context: Context) throws {
      let checked: PromptLibrary
      if paths.isEmpty {
        let sources = try library.sources(context)
        if sources.bundled == nil { warn("no bundled prompts found") }
        checked = sources.load()
      } else {
        checked = PromptLibrary(layers: paths.map(layer), repeats: .report)
      }
      for problem in checked.problems { print(problem) }
      let files = Set(checked.problems.map(\.file)).count
      func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
      let summary =
        "\(count(checked.filesRead, "file")) checked: \(count(checked.entries.count, "prompt")) "
        + "and \(count(checked.deck.count, "deck interjection")) loaded"
      if checked.problems.isEmpty {
        print("\(summary); no problems.")
      } else {
        print(
          "\(summary); \(count(checked.problems.count, "problem")) in \(count(files, "file")).")
        throw ExitCode(1)
      }
    }

    private func layer(_ path: String) -> PromptLibrary.Layer {
      if PromptSources.isDirectory(path) { return PromptSources.layer(path, origin: .user) }
      if path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
        return .init(origin: .user, prompts: [], deck: PromptSources.read(path))
      }
      return .init(origin: .user, prompts: [PromptSources.read(path)])
    }
  }
}

/// The width to wrap printed text to: the terminal's, up to 100 columns; 80 when not a terminal.
func terminalWidth() -> Int {
  var size = winsize()
  if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
    return min(100, Int(size.ws_col))
  }
  return 80
}
