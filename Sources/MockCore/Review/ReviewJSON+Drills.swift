import Foundation

/// The drills in the review JSON and CSV.
extension ReviewJSON {
  struct AnswerJSON: Encodable {
    var number: Int
    var kind, band: String
    var ratio: Double
    var pass: Bool
    var elapsed_ms: Int64
    var diagnosis: String?
  }

  struct ReviewJSONLine: Encodable {
    var card, answer, rating: String
    var right, exact: Bool
    var elapsed_ms: Int64
    var stability, difficulty: Double
    var interval_days: Int
  }

  struct DrillJSON: Encodable {
    var id, drill, started: String
    var seed: UInt64?
    var limit_ms: Int64
    var outcome, reason: String?
    var incomplete: Bool
    var answers: [AnswerJSON]
    var reviews: [ReviewJSONLine]
    var rounds: [RoundJSON]
  }

  struct RoundJSON: Encodable {
    var number: Int
    var question, text: String
    var strong: [String]
    var prompt, move: String?
    var elapsed_ms: Int64?
    var rating, interviewer_rating, gap: Int?
    var refused: [String]
  }

  struct RecoveryJSON: Encodable {
    struct Move: Encodable {
      var move: String
      var rounds: Int
      var mean_rating: Double?
    }
    var drills, rounds, refusals: Int
    var moves: [Move]
    var first_move: String?
    var first_move_drills: Int?
    var mean_gap: Double?
  }

  struct DrillStatsJSON: Encodable {
    struct Kind: Encodable {
      var kind: String
      var attempts: Int
      var pass_rate, recent_pass_rate, median_ratio: Double
      var median_ms: Int64
      var trend: Double?
    }
    struct Cards: Encodable {
      var due, learned, seen, reviews: Int
      var lapse_rate: Double?
    }
    var drills: Int
    var estimate: [Kind]
    var cards: Cards
    var recovery: RecoveryJSON?
  }

  static func drill(_ d: DrillSummary) -> DrillJSON {
    DrillJSON(
      id: d.info.id, drill: d.info.drill.rawValue, started: d.started, seed: d.info.seed,
      limit_ms: d.info.limit, outcome: d.ending?.outcome.rawValue, reason: d.ending?.reason.name,
      incomplete: d.ending == nil,
      answers: d.answers.map {
        AnswerJSON(
          number: $0.number, kind: $0.kind.rawValue, band: $0.band.rawValue, ratio: $0.ratio,
          pass: $0.pass, elapsed_ms: $0.elapsed, diagnosis: $0.diagnosis)
      },
      reviews: d.reviews.map {
        ReviewJSONLine(
          card: $0.card, answer: $0.typed, rating: $0.rating.name, right: $0.right,
          exact: $0.exact, elapsed_ms: $0.elapsed, stability: $0.stability,
          difficulty: $0.difficulty, interval_days: $0.interval)
      },
      rounds: d.rounds.map {
        RoundJSON(
          number: $0.number, question: $0.question.id, text: $0.question.text,
          strong: $0.question.strong, prompt: $0.question.prompt, move: $0.move?.name,
          elapsed_ms: $0.elapsed, rating: $0.rating, interviewer_rating: $0.interviewerRating,
          gap: $0.gap, refused: $0.refused.map(\.name))
      })
  }

  static func drillStats(_ s: DrillStats) -> DrillStatsJSON {
    DrillStatsJSON(
      drills: s.drills,
      estimate: s.kinds.map {
        DrillStatsJSON.Kind(
          kind: $0.kind.rawValue, attempts: $0.attempts, pass_rate: $0.passRate,
          recent_pass_rate: $0.recentPassRate, median_ratio: $0.medianRatio,
          median_ms: $0.medianTime, trend: $0.trend)
      },
      cards: DrillStatsJSON.Cards(
        due: s.due.count, learned: s.learned, seen: s.cards.filter { $0.reviews > 0 }.count,
        reviews: s.cards.map(\.reviews).reduce(0, +), lapse_rate: s.lapseRate),
      recovery: s.recovery.drills == 0
        ? nil
        : RecoveryJSON(
          drills: s.recovery.drills, rounds: s.recovery.rounds, refusals: s.recovery.refusals,
          moves: s.recovery.moves.map {
            RecoveryJSON.Move(move: $0.move.name, rounds: $0.uses, mean_rating: $0.meanRating)
          }, first_move: s.recovery.first?.move.name, first_move_drills: s.recovery.first?.times,
          mean_gap: s.recovery.meanGap))
  }

  /// `{"v":1,"drill":{…}}`: `show ID --json` of a drill.
  public static func drill(_ d: DrillSummary) -> String {
    encode(Versioned(body: drill(d) as DrillJSON, key: "drill"))
  }

  /// The drills' table of `stats --csv`, after the sessions' and a blank line: one row per
  /// problem answered or card reviewed.
  public static func drillCSV(_ drills: [DrillSummary]) -> String {
    var out = "drill,started,item,result,ratio,pass,elapsed_ms,rating,interviewer_rating\n"
    for d in drills {
      for a in d.answers {
        out +=
          [
            d.info.id, d.started, a.kind.rawValue, a.band.rawValue, "\(a.ratio)", "\(a.pass)",
            "\(a.elapsed)", "", "",
          ].map(csvField).joined(separator: ",") + "\n"
      }
      for r in d.reviews {
        out +=
          [d.info.id, d.started, r.card, r.rating.name, "", "\(r.right)", "\(r.elapsed)", "", ""]
          .map(csvField).joined(separator: ",") + "\n"
      }
      for r in d.rounds {
        out +=
          [
            d.info.id, d.started, r.question.id, r.move?.name ?? "", "", "",
            r.elapsed.map(String.init) ?? "", r.rating.map(String.init) ?? "",
            r.interviewerRating.map(String.init) ?? "",
          ].map(csvField).joined(separator: ",") + "\n"
      }
    }
    return out
  }
}
