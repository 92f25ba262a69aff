/// Which drill a record holds.
public enum DrillKind: String, CaseIterable, Sendable {
  case estimate, numbers, recovery, slip

  /// What screens, hooks and the report call it: `recovery drill`.
  public var title: String {
    switch self {
    case .estimate: "estimation drill"
    case .numbers: "numbers drill"
    case .recovery: "recovery drill"
    case .slip: "slip drill"
    }
  }

  /// What a drill of this kind is made of, in the plural.
  public var items: String {
    switch self {
    case .estimate: "problems"
    case .numbers: "cards"
    case .recovery: "rounds"
    case .slip: "chains"
    }
  }
}

/// What a drill's first line says: which drill, its seed and its time per problem or card.
public struct DrillInfo: Equatable, Sendable {
  /// Sorts by time and says what it is: `20261202-093000-drill-estimate`.
  public var id: String
  public var program: String
  public var drill: DrillKind
  public var seed: UInt64?
  /// The time each problem or card has.
  public var limit: Millis
  /// Problems or cards in the drill.
  public var count: Int

  public init(
    id: String, program: String, drill: DrillKind, seed: UInt64?, limit: Millis, count: Int
  ) {
    self.id = id
    self.program = program
    self.drill = drill
    self.seed = seed
    self.limit = limit
    self.count = count
  }
}

/// One card answered, and what FSRS made of it.
public struct CardReview: Equatable, Sendable {
  public var card: String
  public var typed: String
  public var right: Bool
  public var exact: Bool
  public var rating: FSRS.Rating
  public var elapsed: Millis
  public var stability: Double
  public var difficulty: Double
  public var interval: Int
  /// The day of the review, in days since the epoch (from the wall clock: a card's schedule
  /// is in calendar days).
  public var day: Double

  public init(
    card: String, typed: String, right: Bool, exact: Bool, rating: FSRS.Rating, elapsed: Millis,
    memory: FSRS.Memory
  ) {
    self.card = card
    self.typed = typed
    self.right = right
    self.exact = exact
    self.rating = rating
    self.elapsed = elapsed
    stability = memory.stability
    difficulty = memory.difficulty
    interval = memory.interval
    day = memory.reviewed
  }
}
