/// A file the shell read (or failed to read) for the library.
public struct SourceFile: Sendable {
  /// The path as it should appear in problems.
  public var path: String
  /// The bytes, or why they could not be read (e.g. "permission denied").
  public var contents: Result<[UInt8], ReadFailure>

  public init(path: String, contents: Result<[UInt8], ReadFailure>) {
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

/// Every prompt mockroom can offer, and everything wrong with the files it skipped.
public struct PromptLibrary: Sendable {
  /// Where a prompt came from.
  public enum Origin: String, Equatable, Sendable {
    case bundled, user
  }

  /// One directory's worth of files.
  public struct Layer: Sendable {
    public var origin: Origin
    public var prompts: [SourceFile]
    public var deck: SourceFile?
    public init(origin: Origin, prompts: [SourceFile], deck: SourceFile? = nil) {
      self.origin = origin
      self.prompts = prompts
      self.deck = deck
    }
  }

  /// A loaded prompt with where it came from.
  public struct Entry: Sendable {
    public var prompt: Prompt
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

  public init(layers: [Layer], repeats: Repeats = .override) {
    var byID: [String: Entry] = [:]
    for layer in layers {
      for file in layer.prompts {
        filesRead += 1
        guard let bytes = read(file) else { continue }
        let parsed = PromptParser.prompt(file: file.path, id: file.stem, bytes: bytes)
        problems += parsed.problems
        guard let prompt = parsed.prompt else { continue }
        var entry = Entry(prompt: prompt, path: file.path, origin: layer.origin)
        if let earlier = byID[prompt.id] {
          if repeats == .report || earlier.origin == layer.origin {
            problems.append(
              PromptProblem(
                file: file.path, line: 1, column: 1,
                message: "duplicate prompt id '\(prompt.id)': \(earlier.path) has it too"))
            continue
          }
          entry.replaces = earlier.path
        }
        byID[prompt.id] = entry
      }
      if let file = layer.deck {
        filesRead += 1
        guard let bytes = read(file) else { continue }
        let parsed = PromptParser.deck(file: file.path, bytes: bytes)
        problems += parsed.problems
        for item in parsed.interjections {
          if let index = deck.firstIndex(where: { $0.id == item.id }) {
            deck[index] = item
          } else {
            deck.append(item)
          }
        }
      }
    }
    entries = byID.values.sorted { $0.prompt.id < $1.prompt.id }
    problems.sort(by: PromptProblem.sortedOrder)
  }

  private mutating func read(_ file: SourceFile) -> [UInt8]? {
    switch file.contents {
    case .success(let bytes): return bytes
    case .failure(let failure):
      problems.append(
        PromptProblem(
          file: file.path, line: 1, column: 1, message: "cannot read: \(failure.reason)"))
      return nil
    }
  }

  public var ids: [String] { entries.map(\.prompt.id) }

  public func entry(id: String) -> Entry? {
    entries.first { $0.prompt.id == id }
  }

  /// Every tag used, sorted.
  public var tags: [String] { Set(entries.flatMap(\.prompt.tags)).sorted() }

  /// The entries carrying `tag` (any case).
  public func entries(tagged tag: String) -> [Entry] {
    let tag = tag.lowercased()
    return entries.filter { $0.prompt.tags.contains(tag) }
  }
}
