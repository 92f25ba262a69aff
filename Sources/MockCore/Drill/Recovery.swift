/// A question for a round of the recovery drill: a curveball from a prompt's deck or the
/// generic one, with what a strong answer covers.
public struct RecoveryQuestion: Codable, Equatable, Sendable {
  /// The deck entry's id.
  public var id: String
  public var text: String
  public var strong: [String]
  /// The prompt whose deck it came from; nil for the generic deck.
  public var prompt: String?

  public init(id: String, text: String, strong: [String], prompt: String? = nil) {
    self.id = id
    self.text = text
    self.strong = strong
    self.prompt = prompt
  }

  /// Every curveball in `decks` (each a prompt's id, or nil for the generic deck, with its
  /// interjections), in the order given; a later entry with an id already taken is left out.
  public static func pool(_ decks: [(prompt: String?, entries: [Interjection])])
    -> [RecoveryQuestion]
  {
    var seen = Set<String>()
    var out: [RecoveryQuestion] = []
    for deck in decks {
      for entry in deck.entries where entry.kind == .curveball && !seen.contains(entry.id) {
        seen.insert(entry.id)
        out.append(
          RecoveryQuestion(
            id: entry.id, text: entry.text, strong: entry.strong, prompt: deck.prompt)
        )
      }
    }
    return out
  }

  /// `count` questions drawn from `first` and then `rest`, in an order the seed decides. None
  /// comes twice until every one has come once.
  public static func choose(
    first: [RecoveryQuestion], rest: [RecoveryQuestion] = [], count: Int, seed: UInt64
  ) -> [RecoveryQuestion] {
    var random = SeededGenerator(seed: seed ^ 0x0EC0_7E12)
    func shuffled(_ items: [RecoveryQuestion]) -> [RecoveryQuestion] {
      var items = items
      // Fisher-Yates by hand: the stdlib's shuffle may change how it draws.
      for i in stride(from: items.count - 1, to: 0, by: -1) {
        items.swapAt(i, Int(random.next() % UInt64(i + 1)))
      }
      return items
    }
    let all = first + rest
    guard !all.isEmpty, count > 0 else { return [] }
    var out: [RecoveryQuestion] = []
    var round = shuffled(first) + shuffled(rest)
    while out.count < count {
      if round.isEmpty { round = shuffled(all) }
      out.append(round.removeFirst())
    }
    return out
  }
}

extension RecoveryMove {
  /// What the drill calls the move.
  public var title: String {
    switch self {
    case .measure: "what I'd measure"
    case .tradeoff: "the tradeoff named"
    case .provisional: "a provisional commitment"
    case .similar: "a similar system"
    case .question: "a pointed question"
    }
  }

  /// The move's own line: what doing it well sounds like.
  public var line: String {
    switch self {
    case .measure:
      "Say what you would measure to find out, how, and what each result would change."
    case .tradeoff:
      "Name the two things the answer trades between, and which way you lean and why."
    case .provisional:
      "Pick a direction now, say it is provisional, and say what would make you change it."
    case .similar:
      "Reason from a system you know that has the same shape, and say where it differs."
    case .question:
      "Ask one question whose answer decides it, and say what you would do with each answer."
    }
  }

  /// Reads a move from its record name.
  public init?(name: String) {
    guard let move = Self.allCases.first(where: { $0.name == name }) else { return nil }
    self = move
  }
}

/// Which moves the drill has locked: one used is locked until all five have been used, and
/// then all five open again.
public struct MoveLock: Equatable, Sendable {
  /// The moves used since the five last opened, in order.
  public private(set) var used: [RecoveryMove] = []

  public init() {}

  public func isLocked(_ move: RecoveryMove) -> Bool { used.contains(move) }

  /// Uses `move`: false (and nothing changes) when it is locked.
  public mutating func use(_ move: RecoveryMove) -> Bool {
    guard !isLocked(move) else { return false }
    used.append(move)
    if used.count == RecoveryMove.allCases.count { used = [] }
    return true
  }
}

/// The light a round's clock shows: green to a third of the time, yellow to two thirds, red
/// after (the Table Topics lights at 30, 60 and 90 s of the default 90).
public enum RoundLight: String, Equatable, Sendable {
  case green, yellow, red

  public init(elapsed: Millis, limit: Millis) {
    if elapsed * 3 < limit {
      self = .green
    } else if elapsed * 3 < limit * 2 {
      self = .yellow
    } else {
      self = .red
    }
  }

  public var tone: Tone {
    switch self {
    case .green: .ok
    case .yellow: .warn
    case .red: .over
    }
  }
}

/// One round of the recovery drill as it was played.
public struct RecoveryRound: Codable, Equatable, Sendable {
  public var number: Int
  public var question: RecoveryQuestion
  public var move: RecoveryMove?
  /// How long the round ran, once it ended.
  public var elapsed: Millis?
  /// The candidate's rating of how well it landed, 1-5.
  public var rating: Int?
  /// The interviewer's, in a partner drill.
  public var interviewerRating: Int?
  /// Moves tried while locked.
  public var refused: [RecoveryMove] = []

  public init(number: Int, question: RecoveryQuestion) {
    self.number = number
    self.question = question
  }

  /// The candidate's rating less the interviewer's, when both rated.
  public var gap: Int? {
    guard let rating, let interviewerRating else { return nil }
    return rating - interviewerRating
  }
}

extension RecoveryRound {
  /// The move a person reaches for first, across drills: the one most often chosen in the
  /// first round with a move (ties to the lower key); nil with none.
  public static func firstChoice(_ firsts: [RecoveryMove]) -> (move: RecoveryMove, times: Int)? {
    let counts = Dictionary(grouping: firsts, by: { $0 }).mapValues(\.count)
    return RecoveryMove.allCases.compactMap { move in counts[move].map { (move, $0) } }
      .max { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0.rawValue > $1.0.rawValue) }
  }
}
