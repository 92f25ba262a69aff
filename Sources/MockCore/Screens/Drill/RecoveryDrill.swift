/// `mockroom drill recovery`: rounds of questions one probably cannot answer, each answered
/// with a named recovery move; a move used is locked until all five have been, each round is
/// rated, and the summary says which move the person reaches for first.
public typealias RecoveryDrill = Drill<RecoveryItems>

extension Drill where Kind == RecoveryItems {
  public init(
    info: DrillInfo, questions: [RecoveryQuestion], partner: Bool = false,
    earlierFirsts: [RecoveryMove] = [], at now: Instant
  ) {
    self.init(
      info: info,
      RecoveryItems(questions: questions, partner: partner, earlierFirsts: earlierFirsts), at: now)
  }

  public func light(at now: Instant) -> RoundLight {
    RoundLight(elapsed: elapsed(at: now), limit: info.limit)
  }
}

/// The recovery drill's rounds: the move lock, each round's move and ratings, and the
/// interviewer's side of a partner drill.
public struct RecoveryItems: DrillKindModel {
  /// Where the round up stands.
  public enum Step: Equatable, Sendable {
    /// The round's clock runs; 1-5 name the move, Enter ends it.
    case running
    /// The round is over: 1-5 rate it (in a partner drill, once the interviewer has).
    case rating
    /// Rated: what a strong answer covers, and the move's own line; Space goes on.
    case rated
  }

  public static let drill = DrillKind.recovery
  public static let takesHelp = true
  /// A round ends when its time is up.
  public static let endsAtLimit = true
  public let questions: [RecoveryQuestion]
  /// The interviewer rates each round first, from `mockroom ctl rate`.
  public let partner: Bool
  /// The move chosen first in each earlier recovery drill, oldest first.
  public let earlierFirsts: [RecoveryMove]
  public private(set) var rounds: [RecoveryRound] = []
  public private(set) var lock = MoveLock()
  /// The lock as it was before this round's move, so the move can be taken back.
  private var lockBeforeMove: MoveLock?
  public private(set) var step = Step.running
  /// The last key's answer, when it was refused or needs saying ("locked: …").
  public private(set) var said: String?
  /// The candidate chose to rate without waiting for the interviewer.
  private var notWaiting = false

  public init(questions: [RecoveryQuestion], partner: Bool, earlierFirsts: [RecoveryMove]) {
    self.questions = questions
    self.partner = partner
    self.earlierFirsts = earlierFirsts
  }

  public var count: Int { questions.count }
  public var listens: Bool { partner }
  public var tally: String {
    "\(rounds.compactMap(\.rating).count) of \(rounds.count) rounds rated"
  }
  public var typed: String { "" }
  public var round: RecoveryRound { rounds[rounds.count - 1] }
  private var current: Int { rounds.count - 1 }

  /// Whether the candidate's rating waits for the interviewer's.
  public var waitingForInterviewer: Bool {
    partner && step == .rating && round.interviewerRating == nil && !notWaiting
  }

  public mutating func show(_ moment: DrillMoment) -> [Record] {
    let question = questions[rounds.count]
    rounds.append(RecoveryRound(number: rounds.count + 1, question: question))
    step = .running
    said = nil
    notWaiting = false
    return [Record(t: moment.t, entry: .roundShown(number: rounds.count, question))]
  }

  /// The round's time, once it is over.
  public var itemTime: Millis? { step == .running ? nil : rounds.last?.elapsed }

  public static func render(_ drill: RecoveryDrill, at now: Instant, size: Size) -> Frame {
    RecoveryScreen.render(drill, at: now, size: size)
  }

  // MARK: - Keys

  public mutating func key(_ key: Key, _ moment: DrillMoment) -> DrillMove {
    said = nil
    switch key {
    case .character("?"): return .help
    case .character("q"): return .askQuit
    default: break
    }
    let digit = key.digit
    switch step {
    case .running:
      if let digit, let move = RecoveryMove(rawValue: digit) {
        return choose(move, moment)
      } else if key == .backspace {
        return takeBack(moment)
      } else if key == .enter {
        endRound(moment)
      }
    case .rating:
      if let digit, (1...5).contains(digit) {
        if waitingForInterviewer {
          said = "the interviewer rates first; Enter to rate without waiting"
        } else {
          let line = rate(digit, moment)
          let named = round.move?.title ?? "no move named"
          return .answered(
            line,
            DrillHeard(
              text: "round \(round.number): \(named), rated \(digit)",
              kind: round.move?.name ?? "none", result: "\(digit)"))
        }
      } else if key == .enter, waitingForInterviewer {
        notWaiting = true
      }
    case .rated:
      if key == .character(" ") || key == .enter { return .next }
    }
    return .none
  }

  /// Names the round's move: refused while it is locked, or once the round has one.
  private mutating func choose(_ move: RecoveryMove, _ moment: DrillMoment) -> DrillMove {
    let elapsed = moment.clock ?? 0
    if let chosen = round.move {
      said = chosen == move ? nil : "this round's move is \(chosen.title); Enter ends the round"
      return .none
    }
    let before = lock
    guard lock.use(move) else {
      rounds[current].refused.append(move)
      let free = RecoveryMove.allCases.filter { !lock.isLocked($0) }
      said =
        "locked: \(move.title) was used; it opens again once all five have been. Open: "
        + free.map { "\($0.rawValue) \($0.title)" }.joined(separator: ", ")
      return .record([
        Record(t: moment.t, entry: .moveRefused(number: round.number, move, elapsed: elapsed))
      ])
    }
    rounds[current].move = move
    lockBeforeMove = before
    return .record([
      Record(t: moment.t, entry: .moveChosen(number: round.number, move, elapsed: elapsed))
    ])
  }

  /// Takes back the round's move, pressed by mistake: its lock opens as it was before, and
  /// another may be named. Only while the round runs.
  private mutating func takeBack(_ moment: DrillMoment) -> DrillMove {
    guard let move = round.move, let before = lockBeforeMove else { return .none }
    lock = before
    lockBeforeMove = nil
    rounds[current].move = nil
    said = "taken back: \(move.title); name the move you are using"
    return .record([
      Record(
        t: moment.t,
        entry: .moveTakenBack(number: round.number, move, elapsed: moment.clock ?? 0))
    ])
  }

  private mutating func endRound(_ moment: DrillMoment) {
    guard step == .running else { return }
    rounds[current].elapsed = moment.elapsed
    step = .rating
  }

  /// The round's time has run out: it ends as if Enter were pressed.
  public mutating func timeUp(_ moment: DrillMoment) { endRound(moment) }

  private mutating func rate(_ rating: Int, _ moment: DrillMoment, by source: Source? = nil)
    -> Record
  {
    let r = round
    let line = Record(
      t: moment.t,
      entry: .roundRated(number: r.number, move: r.move, rating: rating, elapsed: r.elapsed ?? 0),
      source: source)
    if source == nil {
      rounds[current].rating = rating
      step = .rated
    } else {
      rounds[current].interviewerRating = rating
    }
    return line
  }

  // MARK: - The interviewer

  /// A request from `mockroom ctl`: the round's state, or the interviewer's rating.
  public mutating func request(
    _ request: Result<Request, ControlError>, seq: Int?, from peer: Peer, _ moment: DrillMoment
  ) -> [Effect] {
    func refuse(_ code: ControlError.Code, _ why: String) -> [Effect] {
      [.reply(.error(ControlError(code, why), seq: seq), to: peer.id)]
    }
    switch request {
    case .failure(let error): return [.reply(.error(error, seq: seq), to: peer.id)]
    case .success(.status):
      var state = roundState(moment)
      state.seq = seq
      return [.reply(.round(state), to: peer.id)]
    case .success(.rate(let rating)):
      guard partner else {
        return refuse(.notNow, "this drill was not started with --partner")
      }
      guard (1...5).contains(rating) else { return refuse(.badRequest, "rate from 1 to 5") }
      guard !moment.over, step == .running || step == .rating, round.interviewerRating == nil,
        round.rating == nil
      else {
        return refuse(.notNow, "round \(round.number) has been rated; wait for the next")
      }
      let line = rate(rating, moment, by: peer.source == .candidate ? .interviewer : peer.source)
      return [.record(line), .reply(.ok(op: "rate", seq: seq, banner: nil), to: peer.id)]
    case .success(.hello):
      return refuse(
        .notNow,
        "this is a recovery drill: 'mockroom ctl status' shows the round, 'ctl rate N' rates it")
    case .success:
      return refuse(.notNow, "a recovery drill takes only status and rate")
    }
  }

  /// What `ctl status` shows the interviewer.
  public func roundState(_ moment: DrillMoment) -> RoundState {
    let r = round
    let stageName: String
    switch step {
    case _ where moment.over: stageName = "done"
    case .running: stageName = "running"
    case .rating: stageName = "rating"
    case .rated: stageName = "rated"
    }
    let elapsed = moment.elapsed
    let limit = moment.info.limit
    return RoundState(
      drill: moment.info.id, round: r.number, of: questions.count, stage: stageName,
      question: r.question.text, strong: r.question.strong, move: r.move?.name,
      elapsedMs: elapsed, limitMs: limit,
      light: RoundLight(elapsed: elapsed, limit: limit).rawValue,
      rating: r.rating, interviewerRating: r.interviewerRating)
  }

  // MARK: - The summary

  /// The move this person reaches for first across drills, this one included.
  public var firstChoice: (move: RecoveryMove, times: Int, of: Int)? {
    let mine = rounds.lazy.compactMap(\.move).first
    let all = earlierFirsts + (mine.map { [$0] } ?? [])
    return RecoveryRound.firstChoice(all).map { ($0.move, $0.times, all.count) }
  }
}

extension Key {
  /// The digit a key is, if it is one.
  var digit: Int? {
    guard case .character(let c) = self, let value = c.wholeNumberValue, c.isASCII else {
      return nil
    }
    return value
  }
}
