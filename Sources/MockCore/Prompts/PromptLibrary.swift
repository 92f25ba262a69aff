/// A file the shell read (or failed to read, or already knows) for the library.
public struct PromptFile: Sendable {
  /// What the shell has of a file.
  public enum Contents: Sendable {
    case bytes([UInt8])
    /// Why it could not be read (e.g. "permission denied").
    case unreadable(ReadFailure)
    /// What an earlier load found in this same file, unchanged since (from the shell's cache).
    case known(FileResult)
  }

  /// The path as it should appear in problems.
  public var path: String
  public var contents: Contents

  public init(path: String, contents: Contents) {
    self.path = path
    self.contents = contents
  }

  /// The file name without its directory and extension: a prompt's id.
  public var stem: String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }
}

/// Why a file could not be read.
public struct ReadFailure: Error, Equatable, Sendable {
  public var reason: String
  public init(_ reason: String) { self.reason = reason }
}

/// What loading one prompt file found: its summary, or its problems.
public struct FileResult: Codable, Equatable, Sendable {
  public var summary: PromptSummary?
  public var problems: [PromptProblem]
  public init(summary: PromptSummary?, problems: [PromptProblem]) {
    self.summary = summary
    self.problems = problems
  }
}

/// What a list of prompts needs to know of one: enough to choose it, not to run it.
public struct PromptSummary: Codable, Equatable, Sendable {
  public var id: String
  public var title: String
  public var tags: [String]
  public var level: Prompt.Level

  public init(_ prompt: Prompt) {
    id = prompt.id
    title = prompt.title
    tags = prompt.tags
    level = prompt.level
  }
}

/// Every prompt mockroom can offer, and everything wrong with the files it skipped.
public struct PromptLibrary: Sendable {
  /// Where a prompt came from.
  public enum Origin: String, Equatable, Sendable {
    case bundled, user
  }

  /// One directory's worth of files.
  public struct Layer: Sendable {
    public var origin: Origin
    public var prompts: [PromptFile]
    public var deck: PromptFile?
    public init(origin: Origin, prompts: [PromptFile], deck: PromptFile? = nil) {
      self.origin = origin
      self.prompts = prompts
      self.deck = deck
    }
  }

  /// A loaded prompt with where it came from.
  public struct Entry: Sendable {
    /// Only the summary is kept: a library of a thousand prompts is mostly text nobody will
    /// read in this run. The shell reads the one prompt it runs or shows again.
    public var summary: PromptSummary
    public var path: String
    public var origin: Origin
    /// The file this one replaces, when a user prompt has a bundled prompt's id.
    public var replaces: String?
  }

  /// What to do when two layers hold the same id.
  public enum Repeats: Sendable {
    /// Later layers replace earlier ones: the user's own prompts over the bundled ones.
    case override
    /// Report the repeat as a problem (for `prompts check` of explicit paths).
    case report
  }

  /// Loaded prompts, by id.
  public private(set) var entries: [Entry] = []
  /// The generic deck: interjections that fit any prompt. Later layers replace same ids.
  public private(set) var deck: [Interjection] = []
  /// Every problem found, each once, in file and line order.
  public private(set) var problems: [PromptProblem] = []
  /// How many files were read, prompts and decks together.
  public private(set) var filesRead = 0
  /// What each prompt file parsed in this load (not known before) gave, by path: for the
  /// shell's cache.
  public private(set) var parsed: [String: FileResult] = [:]

  public init(layers: [Layer], repeats: Repeats = .override) {
    var byID: [String: Entry] = [:]
    for layer in layers {
      for file in layer.prompts {
        filesRead += 1
        let result: FileResult
        switch file.contents {
        case .unreadable(let failure):
          problems.append(unreadable(file, failure))
          continue
        case .known(let known):
          result = known
        case .bytes(let bytes):
          let parse = PromptParser.prompt(file: file.path, id: file.stem, bytes: bytes)
          result = FileResult(
            summary: parse.prompt.map(PromptSummary.init), problems: parse.problems)
          parsed[file.path] = result
        }
        problems += result.problems
        guard let summary = result.summary else { continue }
        var entry = Entry(summary: summary, path: file.path, origin: layer.origin)
        if let earlier = byID[summary.id] {
          if repeats == .report || earlier.origin == layer.origin {
            problems.append(
              PromptProblem(
                file: file.path, line: 1, column: 1,
                message: "duplicate prompt id '\(summary.id)': \(earlier.path) has it too"))
            continue
          }
          entry.replaces = earlier.path
        }
        byID[summary.id] = entry
      }
      if let file = layer.deck {
        filesRead += 1
        let bytes: [UInt8]
        switch file.contents {
        case .bytes(let read): bytes = read
        case .unreadable(let failure):
          problems.append(unreadable(file, failure))
          continue
        case .known:
          continue  // decks are not cached
        }
        let deckFile = PromptParser.deck(file: file.path, bytes: bytes)
        problems += deckFile.problems
        for item in deckFile.interjections {
          if let index = deck.firstIndex(where: { $0.id == item.id }) {
            deck[index] = item
          } else {
            deck.append(item)
          }
        }
      }
    }
    entries = byID.values.sorted { $0.summary.id < $1.summary.id }
    problems.sort(by: PromptProblem.sortedOrder)
  }

  private func unreadable(_ file: PromptFile, _ failure: ReadFailure) -> PromptProblem {
    PromptProblem(file: file.path, line: 1, column: 1, message: "cannot read: \(failure.reason)")
  }

  public var ids: [String] { entries.map(\.summary.id) }

  public func entry(id: String) -> Entry? {
    entries.first { $0.summary.id == id }
  }

  /// Every tag used, sorted.
  public var tags: [String] { Set(entries.flatMap(\.summary.tags)).sorted() }

  /// The entries carrying `tag` (any case).
  public func entries(tagged tag: String) -> [Entry] {
    let tag = tag.lowercased()
    return entries.filter { $0.summary.tags.contains(tag) }
  }
}
