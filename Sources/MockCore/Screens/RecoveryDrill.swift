/// `mockroom drill recovery`: rounds of questions one probably cannot answer, each answered
/// with a named recovery move; a move used is locked until all five have been, each round is
/// rated, and the summary says which move the person reaches for first.
///
/// Time is the monotonic clock's: a round's time is now − shown − time stepped away.
public struct RecoveryDrill: ScreenModel, Equatable, Sendable {
  public enum Stage: Equatable, Sendable {
    /// The round's clock runs; 1-5 name the move, Enter ends it.
    case running
    /// The round is over: 1-5 rate it (in a partner drill, once the interviewer has).
    case rating
    /// Rated: what a strong answer covers, and the move's own line; Space goes on.
    case rated
    case summary
  }

  public enum Overlay: Equatable, Sendable {
    case help, confirmQuit
  }

  public let info: DrillInfo
  public let questions: [RecoveryQuestion]
  /// The interviewer rates each round first, from `mockroom ctl rate`.
  public let partner: Bool
  /// The move chosen first in each earlier recovery drill, oldest first.
  public let earlierFirsts: [RecoveryMove]
  public private(set) var rounds: [RecoveryRound] = []
  public private(set) var lock = MoveLock()
  public private(set) var stage = Stage.running
  public private(set) var overlay: Overlay?
  /// The last key's answer, when it was refused or needs saying ("locked: …").
  public private(set) var said: String?
  public private(set) var clock = DrillClock(at: Instant(ms: 0))
  private var drillStart = Instant(ms: 0)
  public private(set) var ending: Ending?
  /// The candidate chose to rate without waiting for the interviewer.
  private var notWaiting = false

  public init(
    info: DrillInfo, questions: [RecoveryQuestion], partner: Bool = false,
    earlierFirsts: [RecoveryMove] = []
  ) {
    self.info = info
    self.questions = questions
    self.partner = partner
    self.earlierFirsts = earlierFirsts
  }

  public var round: RecoveryRound { rounds[rounds.count - 1] }
  private var current: Int { rounds.count - 1 }

  /// The round's time so far; it stands still once the round is over.
  public func elapsed(at now: Instant) -> Millis {
    if stage != .running, let elapsed = rounds.last?.elapsed { return elapsed }
    return min(clock.elapsed(at: now), info.limit)
  }

  public func light(at now: Instant) -> RoundLight {
    RoundLight(elapsed: elapsed(at: now), limit: info.limit)
  }

  /// Whether the candidate's rating waits for the interviewer's.
  public var waitingForInterviewer: Bool {
    partner && stage == .rating && round.interviewerRating == nil && !notWaiting
  }

  private func t(_ now: Instant) -> Millis { max(0, now - drillStart) }

  public mutating func start(at now: Instant) -> [Effect] {
    drillStart = now
    let first = [Effect.record(Record(t: 0, entry: .drillStarted(info)))]
    return first + HookWatch.drillCalls(after: first, info) + begin(at: now)
  }

  private mutating func begin(at now: Instant) -> [Effect] {
    let question = questions[rounds.count]
    rounds.append(RecoveryRound(number: rounds.count + 1, question: question))
    stage = .running
    said = nil
    notWaiting = false
    clock = DrillClock(at: now)
    return [.record(Record(t: t(now), entry: .roundShown(number: rounds.count, question)))]
  }

  public mutating func update(_ input: Input, at now: Instant) -> [Effect] {
    var effects: [Effect] = []
    switch input {
    case .key(let key): effects = handle(key, at: now)
    case .time: effects = timeUp(at: now)
    case .stop(let signal): effects = end(.abandoned, .signal(signal), at: now) + [.quit]
    case .suspend:
      clock.stepAway(at: now)
      overlay = nil
      effects = [.stepAway]
    case .continued:
      clock.back(at: now)
      effects = [.redraw]
    case .request(let request, let seq, let peer): effects = answer(request, seq, peer, at: now)
    case .resize, .viewport, .slept, .peers, .message, .hungUp, .recordBehind, .hookFinished,
      .notice:
      break
    }
    return effects + HookWatch.drillCalls(after: effects, info)
  }

  public func nextWake(after now: Instant) -> Instant? {
    guard stage == .running else { return nil }
    let end = now + max(0, info.limit - clock.elapsed(at: now))
    return [clock.nextSecond(after: now), end].compactMap { $0 }.min()
  }

  public func render(size: Size, at now: Instant, colors: Bool) -> Frame {
    RecoveryScreen.render(self, at: now, size: size)
  }

  // MARK: - Keys

  private mutating func handle(_ key: Key, at now: Instant) -> [Effect] {
    // The clock may have run out since the last wake.
    var effects = timeUp(at: now)
    if let overlay {
      self.overlay = nil
      if overlay == .confirmQuit, key == .character("y") || key == .character("q") {
        return effects + end(.abandoned, .quit, at: now) + [.quit]
      }
      return effects
    }
    said = nil
    switch key {
    case .character("?"):
      overlay = .help
      return effects
    case .character("q") where stage != .summary:
      overlay = .confirmQuit
      return effects
    default: break
    }
    let digit = key.digit
    switch stage {
    case .running:
      if let digit, let move = RecoveryMove(rawValue: digit) {
        effects += choose(move, at: now)
      } else if key == .enter {
        effects += endRound(at: now)
      }
    case .rating:
      if let digit, (1...5).contains(digit) {
        if waitingForInterviewer {
          said = "the interviewer rates first; Enter to rate without waiting"
        } else {
          effects += rate(digit, at: now)
        }
      } else if key == .enter, waitingForInterviewer {
        notWaiting = true
      }
    case .rated:
      if key == .character(" ") || key == .enter { effects += next(at: now) }
    case .summary:
      if key == .character("q") || key == .enter || key == .character(" ") || key == .escape {
        effects.append(.quit)
      }
    }
    return effects
  }

  /// Names the round's move: refused while it is locked, or once the round has one.
  private mutating func choose(_ move: RecoveryMove, at now: Instant) -> [Effect] {
    let elapsed = clock.elapsed(at: now)
    if let chosen = round.move {
      said = chosen == move ? nil : "this round's move is \(chosen.title); Enter ends the round"
      return []
    }
    guard lock.use(move) else {
      rounds[current].refused.append(move)
      let free = RecoveryMove.allCases.filter { !lock.isLocked($0) }
      said =
        "locked: \(move.title) was used; it opens again once all five have been. Open: "
        + free.map { "\($0.rawValue) \($0.title)" }.joined(separator: ", ")
      return [
        .record(
          Record(t: t(now), entry: .moveRefused(number: round.number, move, elapsed: elapsed)))
      ]
    }
    rounds[current].move = move
    return [
      .record(Record(t: t(now), entry: .moveChosen(number: round.number, move, elapsed: elapsed)))
    ]
  }

  private mutating func endRound(at now: Instant) -> [Effect] {
    guard stage == .running else { return [] }
    rounds[current].elapsed = min(clock.elapsed(at: now), info.limit)
    stage = .rating
    return []
  }

  /// The round's time has run out: it ends as if Enter were pressed.
  private mutating func timeUp(at now: Instant) -> [Effect] {
    guard stage == .running, clock.elapsed(at: now) >= info.limit else { return [] }
    return endRound(at: now)
  }

  private mutating func rate(_ rating: Int, at now: Instant, by source: Source? = nil) -> [Effect] {
    let r = round
    let line = Record(
      t: t(now),
      entry: .roundRated(number: r.number, move: r.move, rating: rating, elapsed: r.elapsed ?? 0),
      source: source)
    if source == nil {
      rounds[current].rating = rating
      stage = .rated
    } else {
      rounds[current].interviewerRating = rating
    }
    return [.record(line)]
  }

  private mutating func next(at now: Instant) -> [Effect] {
    guard rounds.count < questions.count else {
      stage = .summary
      return end(.finished, .completed, at: now)
    }
    return begin(at: now)
  }

  private mutating func end(_ outcome: Outcome, _ reason: EndReason, at now: Instant) -> [Effect] {
    guard ending == nil else { return [] }
    let ending = Ending(outcome: outcome, reason: reason)
    self.ending = ending
    return [.record(Record(t: t(now), entry: .drillEnded(ending)))]
  }

  // MARK: - The interviewer

  /// A request from `mockroom ctl`: the round's state, or the interviewer's rating.
  private mutating func answer(
    _ request: Result<Request, ControlError>, _ seq: Int?, _ peer: Peer, at now: Instant
  ) -> [Effect] {
    var effects = timeUp(at: now)
    func refuse(_ code: ControlError.Code, _ why: String) -> [Effect] {
      effects + [.reply(.error(ControlError(code, why), seq: seq), to: peer.id)]
    }
    switch request {
    case .failure(let error): return effects + [.reply(.error(error, seq: seq), to: peer.id)]
    case .success(.status):
      var state = roundState(at: now)
      state.seq = seq
      return effects + [.reply(.round(state), to: peer.id)]
    case .success(.rate(let rating)):
      guard partner else {
        return refuse(.notNow, "this drill was not started with --partner")
      }
      guard (1...5).contains(rating) else { return refuse(.badRequest, "rate from 1 to 5") }
      guard stage == .running || stage == .rating, round.interviewerRating == nil,
        round.rating == nil
      else {
        return refuse(.notNow, "round \(round.number) has been rated; wait for the next")
      }
      effects += rate(rating, at: now, by: peer.source == .candidate ? .interviewer : peer.source)
      return effects + [.reply(.ok(op: "rate", seq: seq, banner: nil), to: peer.id)]
    case .success(.hello):
      return refuse(
        .notNow,
        "this is a recovery drill: 'mockroom ctl status' shows the round, 'ctl rate N' rates it")
    case .success:
      return refuse(.notNow, "a recovery drill takes only status and rate")
    }
  }

  /// What `ctl status` shows the interviewer.
  public func roundState(at now: Instant) -> RoundState {
    let r = round
    let stageName: String
    switch stage {
    case .running: stageName = "running"
    case .rating: stageName = "rating"
    case .rated: stageName = "rated"
    case .summary: stageName = "done"
    }
    return RoundState(
      drill: info.id, round: r.number, of: questions.count, stage: stageName,
      question: r.question.text, strong: r.question.strong, move: r.move?.name,
      elapsedMs: elapsed(at: now), limitMs: info.limit, light: light(at: now).rawValue,
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

/// The round as `mockroom ctl status` shows it to the interviewer: the question and what a
/// strong answer covers, where the round stands, and both ratings.
public struct RoundState: Codable, Equatable, Sendable {
  public var v = ControlProtocol.version
  public var type = "round"
  /// The `status` request's `seq`.
  public var seq: Int?
  public var drill: String
  public var round: Int
  public var of: Int
  /// `running`, `rating`, `rated` or `done`.
  public var stage: String
  public var question: String
  public var strong: [String]
  public var move: String?
  public var elapsedMs: Millis
  public var limitMs: Millis
  public var light: String
  public var rating: Int?
  public var interviewerRating: Int?

  public init(
    drill: String, round: Int, of: Int, stage: String, question: String, strong: [String],
    move: String?, elapsedMs: Millis, limitMs: Millis, light: String, rating: Int?,
    interviewerRating: Int?
  ) {
    self.drill = drill
    self.round = round
    self.of = of
    self.stage = stage
    self.question = question
    self.strong = strong
    self.move = move
    self.elapsedMs = elapsedMs
    self.limitMs = limitMs
    self.light = light
    self.rating = rating
    self.interviewerRating = interviewerRating
  }

  /// The round in words, for `ctl status`.
  public var lines: [String] {
    var out = [
      "recovery drill \(drill) · round \(round) of \(of) · \(stage) · "
        + "\(DurationText.clock(elapsedMs)) of \(DurationText.clock(limitMs)) (\(light))",
      "question: \(question)",
    ]
    out += strong.map { "  strong: \($0)" }
    out.append("move: \(move.flatMap(RecoveryMove.init(name:))?.title ?? "none named yet")")
    out.append(
      "ratings: interviewer \(interviewerRating.map(String.init) ?? "-"), "
        + "candidate \(rating.map(String.init) ?? "-")")
    return out
  }
}
