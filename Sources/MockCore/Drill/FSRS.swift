import Foundation

/// Spaced repetition by FSRS (version 6, with the reference implementation's published
/// default parameters), as a card drill needs it: no learning steps, no fuzz, a desired
/// retention of 0.9. Intervals are whole days.
public enum FSRS {
  /// The rating a review earns: set from the result, never asked for.
  public enum Rating: Int, CaseIterable, Sendable {
    case again = 1, hard, good, easy
    public var name: String {
      switch self {
      case .again: "again"
      case .hard: "hard"
      case .good: "good"
      case .easy: "easy"
      }
    }
    public init?(name: String) {
      guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
      self = found
    }
  }

  /// A card's memory: how long it lasts (stability, in days) and how hard it is (1-10).
  public struct Memory: Equatable, Sendable {
    public var stability: Double
    public var difficulty: Double
    /// When it was last reviewed, in days since the epoch.
    public var reviewed: Double
    /// Days from that review to the next.
    public var interval: Int

    /// The day (since the epoch) the card is next due.
    public var due: Double { reviewed.rounded(.down) + Double(interval) }

    public init(stability: Double, difficulty: Double, reviewed: Double, interval: Int) {
      self.stability = stability
      self.difficulty = difficulty
      self.reviewed = reviewed
      self.interval = interval
    }
  }

  public static let parameters: [Double] = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
    0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
  ]
  public static let retention = 0.9
  static let longest = 36_500
  static var decay: Double { -parameters[20] }
  static var factor: Double { pow(0.9, 1 / decay) - 1 }

  /// The chance of recall `days` after a review, for a memory of `stability`.
  public static func retrievability(days: Double, stability: Double) -> Double {
    pow(1 + factor * days / stability, decay)
  }

  static func initialDifficulty(_ rating: Rating) -> Double {
    parameters[4] - exp(parameters[5] * Double(rating.rawValue - 1)) + 1
  }

  static func clamp(difficulty: Double) -> Double { min(10, max(1, difficulty)) }

  static func interval(_ stability: Double) -> Int {
    let days = stability / factor * (pow(retention, 1 / decay) - 1)
    return min(longest, max(1, Int(days.rounded())))
  }

  static func nextDifficulty(_ d: Double, _ rating: Rating) -> Double {
    let delta = -parameters[6] * Double(rating.rawValue - 3)
    let damped = d + (10 - d) * delta / 9
    return clamp(
      difficulty: parameters[7] * initialDifficulty(.easy) + (1 - parameters[7]) * damped)
  }

  /// A review of `memory` (nil: a new card) rated `rating` on `day` (days since the epoch).
  public static func review(_ memory: Memory?, _ rating: Rating, on day: Double) -> Memory {
    let w = parameters
    let g = Double(rating.rawValue)
    guard let memory else {
      let s = max(0.001, w[rating.rawValue - 1])
      return Memory(
        stability: s, difficulty: clamp(difficulty: initialDifficulty(rating)), reviewed: day,
        interval: interval(s))
    }
    let s = memory.stability
    let d = memory.difficulty
    let elapsed = (day - memory.reviewed).rounded(.down)
    var next: Double
    if elapsed < 1 {
      // Again the same day: the short-term formula.
      var increase = exp(w[17] * (g - 3 + w[18])) * pow(s, -w[19])
      if rating != .again { increase = max(increase, 1) }
      next = s * increase
    } else {
      let r = retrievability(days: elapsed, stability: s)
      if rating == .again {
        let long = w[11] * pow(d, -w[12]) * (pow(s + 1, w[13]) - 1) * exp((1 - r) * w[14])
        next = min(long, s / exp(w[17] * w[18]))
      } else {
        let hard = rating == .hard ? w[15] : 1
        let easy = rating == .easy ? w[16] : 1
        next =
          s * (1 + exp(w[8]) * (11 - d) * pow(s, -w[9]) * (exp((1 - r) * w[10]) - 1) * hard * easy)
      }
    }
    next = max(0.001, next)
    return Memory(
      stability: next, difficulty: nextDifficulty(d, rating), reviewed: day,
      interval: interval(next))
  }
}
