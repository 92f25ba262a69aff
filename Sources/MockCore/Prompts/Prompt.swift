/// A design prompt: what the interviewer says, and everything only the interviewer sees.
public struct Prompt: Equatable, Sendable {
  /// The file name without `.md`: lowercase letters, digits and hyphens.
  public var id: String
  public var title: String
  public var tags: [String]
  public var level: Level
  /// The facts the interviewer reveals when asked, in the file's order.
  public var scale: [Fact]
  /// Questions a candidate is likely to ask, with the interviewer's answers.
  public var clarify: [Clarification]
  /// The prompt's own deck.
  public var interjections: [Interjection]
  /// Components worth drilling into, and what depth looks like in each.
  public var drill: [DrillPoint]
  /// Failure modes and operational points a strong answer covers.
  public var ops: [String]
  /// Private to the interviewer.
  public var notes: String
  /// The prompt as the interviewer would say it (Markdown).
  public var body: String

  public init(
    id: String, title: String, tags: [String] = [], level: Level = .senior, scale: [Fact] = [],
    clarify: [Clarification] = [], interjections: [Interjection] = [], drill: [DrillPoint] = [],
    ops: [String] = [], notes: String = "", body: String
  ) {
    self.id = id
    self.title = title
    self.tags = tags
    self.level = level
    self.scale = scale
    self.clarify = clarify
    self.interjections = interjections
    self.drill = drill
    self.ops = ops
    self.notes = notes
    self.body = body
  }

  /// The seniority a prompt is pitched at.
  public enum Level: String, Codable, Equatable, Hashable, Sendable, CaseIterable {
    case mid, senior, staff
  }

  /// One number or fact, e.g. `users` → `50M daily active`.
  public struct Fact: Equatable, Hashable, Sendable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  /// A likely question and the interviewer's answer.
  public struct Clarification: Equatable, Hashable, Sendable {
    public var question: String
    public var answer: String
    public init(question: String, answer: String) {
      self.question = question
      self.answer = answer
    }
  }

  /// A component to drill into and what depth in it looks like.
  public struct DrillPoint: Equatable, Hashable, Sendable {
    public var component: String
    public var depth: String
    public init(component: String, depth: String) {
      self.component = component
      self.depth = depth
    }
  }
}

/// Something the interviewer throws in: a pivot, pushback, curveball, silence or check-in.
public struct Interjection: Equatable, Hashable, Sendable {
  /// What kind of move it is; each kind has its own answering move.
  public enum Kind: String, Equatable, Hashable, Sendable, CaseIterable {
    /// A constraint changes.
    case pivot
    /// "Why X over Y?"
    case pushback
    /// A question the candidate likely cannot answer.
    case curveball
    /// The interviewer goes quiet.
    case silence
    /// A reminder to check in with the interviewer.
    case checkin
  }

  /// Where in the session a deck entry asks to be placed.
  public struct Timing: Equatable, Hashable, Sendable {
    public var phase: Phase
    /// How far into the phase; nil means anywhere in it.
    public var offset: Millis?
    public init(phase: Phase, offset: Millis? = nil) {
      self.phase = phase
      self.offset = offset
    }
  }

  /// Unique within its deck.
  public var id: String
  public var kind: Kind
  /// What the interviewer says.
  public var text: String
  public var timing: Timing?
  /// For the interviewer: what a strong response covers.
  public var strong: [String]

  public init(id: String, kind: Kind, text: String, timing: Timing? = nil, strong: [String] = []) {
    self.id = id
    self.kind = kind
    self.text = text
    self.timing = timing
    self.strong = strong
  }
}
