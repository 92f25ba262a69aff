/// What a drill's record came to: which drill, how it ended, and what its items came to, by
/// kind: every answer scored, every card reviewed, every round played. The index keeps these,
/// beside the sessions.
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

  /// What the drill's items came to: one case a kind, so a new kind is named wherever the
  /// items are read.
  public enum Items: Equatable, Sendable {
    case estimate([Answer])
    case numbers([CardReview])
    case recovery([RecoveryRound])
    /// The slip drill's chains, each as an answer: its ratio, band and pass, and in its
    /// diagnosis the step named and the time to spot it.
    case slip([Answer])

    /// None yet, of `kind`.
    public init(_ kind: DrillKind) {
      switch kind {
      case .estimate: self = .estimate([])
      case .numbers: self = .numbers([])
      case .recovery: self = .recovery([])
      case .slip: self = .slip([])
      }
    }
  }

  public var info: DrillInfo
  /// The first line's wall-clock label.
  public var started: String
  public var ending: Ending?
  public var items: Items

  public init(info: DrillInfo, started: String, ending: Ending?, items: Items) {
    self.info = info
    self.started = started
    self.ending = ending
    self.items = items
  }

  /// The summary with the items of its drill's kind among these (the others are left empty).
  public init(
    info: DrillInfo, started: String, ending: Ending?, answers: [Answer], reviews: [CardReview],
    rounds: [RecoveryRound] = []
  ) {
    let items: Items
    switch info.drill {
    case .estimate: items = .estimate(answers)
    case .numbers: items = .numbers(reviews)
    case .recovery: items = .recovery(rounds)
    case .slip: items = .slip(answers)
    }
    self.init(info: info, started: started, ending: ending, items: items)
  }

  /// The drill a record holds, by replaying its lines; nil when its first line is not a
  /// drill's.
  public init?(_ log: SessionLog) {
    guard case .drillStarted(let info)? = log.records.first?.entry else { return nil }
    self.init(info: info, started: log.started ?? "", ending: nil, items: Items(info.drill))
    for record in log.records { replay(record) }
  }

  /// What one line does to the summary: a line of another kind's drill, or a session's, does
  /// nothing.
  private mutating func replay(_ record: Record) {
    switch (record.entry, items) {
    case (.drillEnded(let end), _): ending = end
    case (.problemAnswered(let answered), .estimate(var answers)):
      let r = answered.result
      answers.append(
        Answer(
          number: answered.number, kind: r.kind, ratio: r.ratio, band: r.band, pass: r.pass,
          elapsed: r.elapsed, diagnosis: r.diagnosis))
      items = .estimate(answers)
    case (.slipAnswered(let answered), .slip(var answers)):
      let r = answered.result
      answers.append(
        Answer(
          number: answered.number, kind: r.kind, ratio: r.ratio, band: r.band, pass: r.pass,
          elapsed: r.elapsed, diagnosis: "\(r.slip.words): " + r.summary))
      items = .slip(answers)
    case (.cardReviewed(let review), .numbers(var reviews)):
      reviews.append(review)
      items = .numbers(reviews)
    case (.roundShown(let shown), .recovery(var rounds)):
      rounds.append(RecoveryRound(number: shown.number, question: shown.question))
      items = .recovery(rounds)
    case (.moveTakenBack(let taken), .recovery(var rounds)):
      rounds.change(taken.number) { if $0.move == taken.move { $0.move = nil } }
      items = .recovery(rounds)
    case (.moveChosen(let chosen), .recovery(var rounds)):
      rounds.change(chosen.number) { $0.move = chosen.move }
      items = .recovery(rounds)
    case (.moveRefused(let refused), .recovery(var rounds)):
      rounds.change(refused.number) { $0.refused.append(refused.move) }
      items = .recovery(rounds)
    case (.roundRated(let rated), .recovery(var rounds)):
      let (move, rating, elapsed) = (rated.move, rated.rating, rated.elapsed)
      rounds.change(rated.number) {
        if record.source == .interviewer || record.source == .ctl {
          $0.interviewerRating = rating
        } else {
          $0.rating = rating
          $0.elapsed = elapsed
          $0.move = $0.move ?? move
        }
      }
      items = .recovery(rounds)
    case (.problemAnswered, _), (.cardReviewed, _), (.roundShown, _), (.moveChosen, _),
      (.moveTakenBack, _),
      (.moveRefused, _), (.roundRated, _), (.slipAnswered, _):
      // Another kind's line: not this drill's.
      break
    case (.drillStarted, _), (.problemShown, _), (.slipShown, _):
      // The first line is read above; a problem shown is answered or not.
      break
    case (.sessionStarted, _), (.phaseEntered, _), (.phaseLeft, _), (.paused, _), (.resumed, _),
      (.budgetChanged, _), (.rebalanced, _), (.cueFired, _), (.acknowledged, _), (.replanned, _),
      (.marked, _), (.suspended, _), (.continued, _), (.slept, _), (.debrief, _), (.held, _),
      (.released, _), (.skipped, _), (.note, _), (.hookFailed, _), (.sessionEnded, _),
      (.pushbackAnswered, _), (.checkinCounted, _):
      // A session's line: a drill has none.
      break
    }
  }

  /// The estimation drill's answers; none for another kind.
  public var answers: [Answer] {
    get {
      if case .estimate(let answers) = items { answers } else { [] }
    }
    set { items = .estimate(newValue) }
  }

  /// The slip drill's chains, as answers; none for another kind.
  public var slips: [Answer] {
    if case .slip(let answers) = items { answers } else { [] }
  }

  /// Adds an answer read back from the index to the estimation or slip drill's answers.
  public mutating func append(_ answer: Answer) {
    switch items {
    case .slip(let answers): items = .slip(answers + [answer])
    default: self.answers.append(answer)
    }
  }

  /// The numbers drill's reviews; none for another kind.
  public var reviews: [CardReview] {
    get {
      if case .numbers(let reviews) = items { reviews } else { [] }
    }
    set { items = .numbers(newValue) }
  }

  /// The recovery drill's rounds; none for another kind.
  public var rounds: [RecoveryRound] {
    get {
      if case .recovery(let rounds) = items { rounds } else { [] }
    }
    set { items = .recovery(newValue) }
  }

  public var passes: Int { answers.filter(\.pass).count }
}

extension [RecoveryRound] {
  /// Changes the last round numbered `number`, if there is one.
  fileprivate mutating func change(_ number: Int, _ change: (inout RecoveryRound) -> Void) {
    guard let index = lastIndex(where: { $0.number == number }) else { return }
    change(&self[index])
  }
}
