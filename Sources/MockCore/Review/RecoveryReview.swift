import Foundation

/// The recovery drill over time: how each move lands, which one the person reaches for first,
/// and how far their ratings sit from an interviewer's.
public struct RecoveryStats: Equatable, Sendable {
  public struct MoveStats: Equatable, Sendable {
    public var move: RecoveryMove
    /// Rounds played with it.
    public var uses: Int
    /// The candidate's mean rating of those rounds; nil with none rated.
    public var meanRating: Double?
    /// The median length of those rounds; nil with none ended.
    public var medianTime: Millis?
  }

  public var drills: Int
  public var rounds: Int
  public var moves: [MoveStats]
  /// The move chosen first (in the first round with a move) in each drill, in order.
  public var firsts: [RecoveryMove]
  /// Candidate's rating less the interviewer's, for each round both rated.
  public var gaps: [Int]
  /// Tries of a locked move.
  public var refusals: Int

  public init(_ drills: [DrillSummary]) {
    self.drills = drills.count
    let rounds = drills.flatMap(\.rounds)
    self.rounds = rounds.count
    moves = RecoveryMove.allCases.map { move in
      let mine = rounds.filter { $0.move == move }
      let rated = mine.compactMap(\.rating)
      return MoveStats(
        move: move, uses: mine.count, meanRating: rated.isEmpty ? nil : Self.mean(rated),
        medianTime: Stats.median(mine.compactMap(\.elapsed)))
    }
    firsts = drills.compactMap { $0.rounds.lazy.compactMap(\.move).first }
    gaps = rounds.compactMap(\.gap)
    refusals = rounds.map(\.refused.count).reduce(0, +)
  }

  /// The move reached for first most often.
  public var first: (move: RecoveryMove, times: Int)? { RecoveryRound.firstChoice(firsts) }

  public var meanGap: Double? { gaps.isEmpty ? nil : Self.mean(gaps) }

  public static func mean(_ values: [Int]) -> Double {
    values.isEmpty ? 0 : Double(values.reduce(0, +)) / Double(values.count)
  }
}

/// The recovery drill in words.
public enum RecoveryText {
  public static func stats(_ r: RecoveryStats) -> [String] {
    guard r.drills > 0 else { return [] }
    var out = [""]
    out += ReviewText.table(
      ["recovery move", "rounds", "mean rating"],
      r.moves.map {
        [$0.move.title, "\($0.uses)", $0.meanRating.map { String(format: "%.1f", $0) } ?? "-"]
      })
    if let first = r.first {
      out.append(
        "reached for first: \(first.move.title) (\(first.times) of \(Plural.of(r.firsts.count, "drill")))"
      )
    }
    if let gap = r.meanGap {
      out.append(
        "your rating less the interviewer's: \(String(format: "%+.1f", gap)) on average over "
          + "\(r.gaps.count) round\(r.gaps.count == 1 ? "" : "s")")
    }
    return out
  }
}
