/// What a drill's record came to: which drill, how it ended, every answer scored, every card
/// reviewed. The index keeps these, beside the sessions.
public struct DrillSummary: Codable, Equatable, Sendable {
  /// One problem answered, as the review needs it.
  public struct Answer: Codable, Equatable, Sendable {
    public var number: Int
    public var kind: EstimateKind
    public var ratio: Double
    public var band: Band
    public var pass: Bool
    public var elapsed: Millis
    public var diagnosis: String?

    public init(
      number: Int, kind: EstimateKind, ratio: Double, band: Band, pass: Bool, elapsed: Millis,
      diagnosis: String?
    ) {
      self.number = number
      self.kind = kind
      self.ratio = ratio
      self.band = band
      self.pass = pass
      self.elapsed = elapsed
      self.diagnosis = diagnosis
    }
  }

  public var info: DrillInfo
  /// The first line's wall-clock label.
  public var started: String
  public var ending: Ending?
  public var answers: [Answer]
  public var reviews: [CardReview]
  /// The recovery drill's rounds.
  public var rounds: [RecoveryRound]

  public init(
    info: DrillInfo, started: String, ending: Ending?, answers: [Answer], reviews: [CardReview],
    rounds: [RecoveryRound] = []
  ) {
    self.info = info
    self.started = started
    self.ending = ending
    self.answers = answers
    self.reviews = reviews
    self.rounds = rounds
  }

  /// The drill a record holds; nil when its first line is not a drill's.
  public init?(_ log: SessionLog) {
    guard case .drillStarted(let info)? = log.records.first?.entry else { return nil }
    self.info = info
    started = log.started ?? ""
    ending = nil
    answers = []
    reviews = []
    rounds = []
    func round(_ number: Int, _ change: (inout RecoveryRound) -> Void) {
      guard let index = rounds.lastIndex(where: { $0.number == number }) else { return }
      change(&rounds[index])
    }
    for record in log.records {
      switch record.entry {
      case .roundShown(let shown):
        rounds.append(RecoveryRound(number: shown.number, question: shown.question))
      case .moveChosen(let chosen): round(chosen.number) { $0.move = chosen.move }
      case .moveRefused(let refused): round(refused.number) { $0.refused.append(refused.move) }
      case .roundRated(let rated):
        let (move, rating, elapsed) = (rated.move, rated.rating, rated.elapsed)
        round(rated.number) {
          if record.source == .interviewer || record.source == .ctl {
            $0.interviewerRating = rating
          } else {
            $0.rating = rating
            $0.elapsed = elapsed
            $0.move = $0.move ?? move
          }
        }
      case .problemAnswered(let answered):
        let r = answered.result
        answers.append(
          Answer(
            number: answered.number, kind: r.kind, ratio: r.ratio, band: r.band, pass: r.pass,
            elapsed: r.elapsed, diagnosis: r.diagnosis))
      case .cardReviewed(let review): reviews.append(review)
      case .drillEnded(let end): ending = end
      default: break
      }
    }
  }

  public var passes: Int { answers.filter(\.pass).count }
}

extension DrillSummary {
  /// The version of this value's coding, kept beside it where it is stored (the index): bump it
  /// when a field is added, removed or changes meaning.
  public static let codingVersion: Int64 = 1
}
