/// What a drill's record came to: which drill, how it ended, every answer scored, every card
/// reviewed. The index keeps these, beside the sessions.
public struct DrillSummary: Equatable, Sendable {
  /// One problem answered, as the review needs it.
  public struct Answer: Equatable, Sendable {
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

  public init(
    info: DrillInfo, started: String, ending: Ending?, answers: [Answer], reviews: [CardReview]
  ) {
    self.info = info
    self.started = started
    self.ending = ending
    self.answers = answers
    self.reviews = reviews
  }

  /// The drill a record holds; nil when its first line is not a drill's.
  public init?(_ log: SessionLog) {
    guard case .drillStarted(let info)? = log.records.first?.entry else { return nil }
    self.info = info
    started = log.started ?? ""
    ending = nil
    answers = []
    reviews = []
    for record in log.records {
      switch record.entry {
      case .problemAnswered(let number, let r):
        answers.append(
          Answer(
            number: number, kind: r.kind, ratio: r.ratio, band: r.band, pass: r.pass,
            elapsed: r.elapsed, diagnosis: r.diagnosis))
      case .cardReviewed(let review): reviews.append(review)
      case .drillEnded(let end): ending = end
      default: break
      }
    }
  }

  public var passes: Int { answers.filter(\.pass).count }
}
