import Foundation

extension Record {
  /// Why a line of a record could not be read; `description` says what is wrong.
  public struct DecodeError: Error, Equatable, CustomStringConvertible {
    public let description: String
    /// The line's schema version, when it is newer than this mockroom reads.
    public var newerVersion: Int?

    init(description: String, newerVersion: Int? = nil) {
      self.description = description
      self.newerVersion = newerVersion
    }
  }

  /// The record as one line of JSON (no newline), labelled with the wall-clock time `wall`.
  public func jsonLine(wall: String) -> String {
    WireJSON.text(Line(record: self, wall: wall))
  }

  /// Reads one line of a record back, with its wall-clock label.
  public static func decode(jsonLine: String) throws(DecodeError) -> (record: Record, wall: String)
  {
    try decode(json: Data(jsonLine.utf8))
  }

  /// Reads one line of a record back from its bytes (no newline).
  public static func decode(json: Data) throws(DecodeError) -> (record: Record, wall: String) {
    do {
      let line = try WireJSON.decoder().decode(Line.self, from: json)
      return (line.record, line.wall)
    } catch let error as DecodeError {
      throw error
    } catch let DecodingError.keyNotFound(key, _) {
      throw DecodeError(description: "missing field '\(key.stringValue)'")
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context)
    {
      let field = context.codingPath.map(\.stringValue).joined(separator: ".")
      throw DecodeError(description: "field '\(field)' has the wrong type")
    } catch let DecodingError.dataCorrupted(context) {
      let field = context.codingPath.map(\.stringValue).joined(separator: ".")
      throw DecodeError(
        description: field.isEmpty ? "not valid JSON" : "field '\(field)' is not valid")
    } catch {
      throw DecodeError(description: "not valid JSON")
    }
  }
}

/// The JSON shape of a record line: flat, snake_case, every line with `v`, `type`, `t_ms`, `wall`.
private struct Line: Codable {
  var record: Record
  var wall: String

  init(record: Record, wall: String) {
    self.record = record
    self.wall = wall
  }

  enum Key: String, CodingKey {
    case v, type, t_ms, wall
    case id, title, program, prompt, seed, plan, schedule, phase, via, elapsed_ms, budget_ms
    case overrun_ms, paused_ms, from_ms, to_ms, other, moved_ms, outcome, reason, signal, active_ms
    case banner, cue, kind, text, late_ms, after_ms, mark, move, stopped_ms, slept_ms
    case scores, overran, why, notes, source, event, command
    case drill, limit_ms, count, number, inputs, steps, expected, answers, ratio, band, pass
    case steps_right, diagnosis, card, answer, right, exact, rating, stability, difficulty
    case interval_days, day, strong, target, worked_ms, questions
  }

  func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Key.self)
    try c.encode(Record.schemaVersion, forKey: .v)
    try c.encode(record.type, forKey: .type)
    try c.encode(record.t, forKey: .t_ms)
    try c.encode(wall, forKey: .wall)
    try c.encodeIfPresent(record.source?.rawValue, forKey: .source)
    switch record.entry {
    case .sessionStarted(let info, let plan, let schedule):
      try c.encode(info.id, forKey: .id)
      try c.encode(info.title, forKey: .title)
      try c.encode(info.program, forKey: .program)
      try c.encodeIfPresent(info.prompt, forKey: .prompt)
      try c.encodeIfPresent(info.seed, forKey: .seed)
      try c.encode(PlanJSON(plan), forKey: .plan)
      try c.encode(ScheduleJSON(schedule), forKey: .schedule)
    case .phaseEntered(let phase, let via):
      try c.encode(phase.name, forKey: .phase)
      try c.encode(via.rawValue, forKey: .via)
    case .phaseLeft(let phase, let elapsed, let budget):
      try c.encode(phase.name, forKey: .phase)
      try c.encode(elapsed, forKey: .elapsed_ms)
      try c.encode(budget, forKey: .budget_ms)
      try c.encode(max(0, elapsed - budget), forKey: .overrun_ms)
    case .paused:
      break
    case .resumed(let pausedFor):
      try c.encode(pausedFor, forKey: .paused_ms)
    case .budgetChanged(let phase, let from, let to):
      try c.encode(phase.name, forKey: .phase)
      try c.encode(from, forKey: .from_ms)
      try c.encode(to, forKey: .to_ms)
    case .rebalanced(let phase, let other, let moved):
      try c.encode(phase.name, forKey: .phase)
      try c.encode(other.name, forKey: .other)
      try c.encode(moved, forKey: .moved_ms)
    case .sessionEnded(let ending, let active):
      try encode(ending, &c)
      try c.encode(active, forKey: .active_ms)
    case .cueFired(let banner):
      try c.encode(banner.number, forKey: .banner)
      try c.encode(banner.cue, forKey: .cue)
      try c.encode(banner.kind.rawValue, forKey: .kind)
      try c.encodeIfPresent(banner.text, forKey: .text)
      try c.encodeIfPresent(banner.phase?.name, forKey: .phase)
      try c.encodeIfPresent(banner.late, forKey: .late_ms)
      if !banner.questions.isEmpty { try c.encode(banner.questions, forKey: .questions) }
    case .acknowledged(let banner, let cue, let kind, let after):
      try c.encode(banner, forKey: .banner)
      try c.encode(cue, forKey: .cue)
      try c.encode(kind.rawValue, forKey: .kind)
      try c.encode(after, forKey: .after_ms)
    case .replanned(let banner, let cue, let after):
      try c.encode(banner, forKey: .banner)
      try c.encode(cue, forKey: .cue)
      try c.encode(after, forKey: .after_ms)
    case .marked(let mark):
      try c.encode(mark.name, forKey: .mark)
      if case .recovery(let move) = mark { try c.encode(move.name, forKey: .move) }
    case .suspended:
      break
    case .continued(let stopped):
      try c.encode(stopped, forKey: .stopped_ms)
    case .slept(let gap):
      try c.encode(gap, forKey: .slept_ms)
    case .debrief(let debrief):
      try c.encode(
        Dictionary(uniqueKeysWithValues: debrief.scores.map { ($0.key.rawValue, $0.value) }),
        forKey: .scores)
      try c.encodeIfPresent(debrief.overran?.name, forKey: .overran)
      try c.encode(debrief.why, forKey: .why)
      try c.encode(debrief.notes, forKey: .notes)
    case .held(let cue), .released(let cue), .skipped(let cue):
      try c.encode(cue, forKey: .cue)
    case .note(let text):
      try c.encode(text, forKey: .text)
    case .hookFailed(let failure):
      try c.encode(failure.event.rawValue, forKey: .event)
      try c.encode(failure.command, forKey: .command)
      try c.encode(failure.why, forKey: .why)
    case .drillStarted(let info):
      try c.encode(info.id, forKey: .id)
      try c.encode(info.program, forKey: .program)
      try c.encode(info.drill.rawValue, forKey: .drill)
      try c.encodeIfPresent(info.seed, forKey: .seed)
      try c.encode(info.limit, forKey: .limit_ms)
      try c.encode(info.count, forKey: .count)
    case .problemShown(let number, let problem):
      try c.encode(number, forKey: .number)
      try c.encode(problem.kind.rawValue, forKey: .kind)
      try c.encode(problem.inputs, forKey: .inputs)
      try c.encode(problem.kind.steps.map(\.name), forKey: .steps)
      try c.encode(
        Dictionary(uniqueKeysWithValues: zip(problem.kind.steps.map(\.name), problem.expected)),
        forKey: .expected)
    case .problemAnswered(let number, let result):
      let names = result.kind.steps.map(\.name)
      try c.encode(number, forKey: .number)
      try c.encode(result.kind.rawValue, forKey: .kind)
      try c.encode(
        Dictionary(uniqueKeysWithValues: zip(names, result.typed).filter { !$0.1.isEmpty }),
        forKey: .answers)
      try c.encode(result.ratio, forKey: .ratio)
      try c.encode(result.band.rawValue, forKey: .band)
      try c.encode(result.pass, forKey: .pass)
      try c.encode(result.elapsed, forKey: .elapsed_ms)
      try c.encode(result.limit, forKey: .limit_ms)
      try c.encode(
        Dictionary(
          uniqueKeysWithValues: zip(names, result.stepsRight).compactMap { name, right in
            right.map { (name, $0) }
          }), forKey: .steps_right)
      try c.encodeIfPresent(result.diagnosis, forKey: .diagnosis)
    case .cardReviewed(let review):
      try c.encode(review.card, forKey: .card)
      try c.encode(review.typed, forKey: .answer)
      try c.encode(review.right, forKey: .right)
      try c.encode(review.exact, forKey: .exact)
      try c.encode(review.rating.name, forKey: .rating)
      try c.encode(review.elapsed, forKey: .elapsed_ms)
      try c.encode(review.stability, forKey: .stability)
      try c.encode(review.difficulty, forKey: .difficulty)
      try c.encode(review.interval, forKey: .interval_days)
      try c.encode(review.day, forKey: .day)
    case .drillEnded(let ending):
      try encode(ending, &c)
    case .roundShown(let number, let question):
      try c.encode(number, forKey: .number)
      try c.encode(question.id, forKey: .cue)
      try c.encode(question.text, forKey: .text)
      try c.encode(question.strong, forKey: .strong)
      try c.encodeIfPresent(question.prompt, forKey: .prompt)
    case .moveChosen(let number, let move, let elapsed),
      .moveRefused(let number, let move, let elapsed):
      try c.encode(number, forKey: .number)
      try c.encode(move.name, forKey: .move)
      try c.encode(elapsed, forKey: .elapsed_ms)
    case .roundRated(let number, let move, let rating, let elapsed):
      try c.encode(number, forKey: .number)
      try c.encodeIfPresent(move?.name, forKey: .move)
      try c.encode(rating, forKey: .rating)
      try c.encode(elapsed, forKey: .elapsed_ms)
    case .pushbackAnswered(let banner, let cue, let answer, let after):
      try c.encode(banner, forKey: .banner)
      try c.encode(cue, forKey: .cue)
      try c.encode(answer.rawValue, forKey: .answer)
      try c.encode(after, forKey: .after_ms)
    case .checkinCounted(let number, let target, let worked):
      try c.encode(number, forKey: .number)
      try c.encode(target, forKey: .target)
      try c.encode(worked, forKey: .worked_ms)
    }
  }

  /// How a session or a drill ended: `outcome`, `reason`, and `signal` for a signal.
  private func encode(_ ending: Ending, _ c: inout KeyedEncodingContainer<Key>) throws {
    try c.encode(ending.outcome.rawValue, forKey: .outcome)
    try c.encode(ending.reason.name, forKey: .reason)
    try c.encodeIfPresent(ending.reason.signal, forKey: .signal)
  }

  init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    let version = try c.decode(Int.self, forKey: .v)
    guard version <= Record.schemaVersion else {
      throw Record.DecodeError(
        description: "schema version \(version) is newer than this mockroom reads "
          + "(\(Record.schemaVersion)); upgrade mockroom to read it", newerVersion: version)
    }
    let type = try c.decode(String.self, forKey: .type)
    guard let kind = Record.Kind(rawValue: type) else {
      throw Record.DecodeError(description: "unknown type '\(type)'")
    }
    // Every number is outside input: each is checked against what a session can hold before
    // any sum is made of it (a `resumed` near Int64's end once trapped every review command).
    func millis(_ key: Key, signed: Bool = false) throws -> Millis {
      try Record.checked(c.decode(Int64.self, forKey: key), key.rawValue, signed: signed)
    }
    func millisIfPresent(_ key: Key) throws -> Millis? {
      try c.decodeIfPresent(Int64.self, forKey: key).map { try Record.checked($0, key.rawValue) }
    }
    func count(_ key: Key) throws -> Int {
      try Record.checked(count: c.decode(Int.self, forKey: key), key.rawValue)
    }
    func figure(_ key: Key) throws -> Double {
      try Record.checked(figure: c.decode(Double.self, forKey: key), key.rawValue)
    }
    let t = try millis(.t_ms)
    wall = try c.decode(String.self, forKey: .wall)
    var source: Source?
    if let name = try c.decodeIfPresent(String.self, forKey: .source) {
      guard let known = Source(rawValue: name) else {
        throw Record.DecodeError(description: "unknown source '\(name)'")
      }
      source = known
    }
    func phase(_ key: Key = .phase) throws -> Phase {
      let name = try c.decode(String.self, forKey: key)
      guard let phase = Phase(name: name) else {
        throw Record.DecodeError(description: "unknown phase '\(name)'")
      }
      return phase
    }
    func cueKind() throws -> CueKind {
      let name = try c.decode(String.self, forKey: .kind)
      guard let kind = CueKind(rawValue: name) else {
        throw Record.DecodeError(description: "unknown cue kind '\(name)'")
      }
      return kind
    }
    /// `outcome`, `reason` and (for a signal) `signal`, as a session's or a drill's end has them.
    func ending() throws -> Ending {
      let outcomeName = try c.decode(String.self, forKey: .outcome)
      guard let outcome = Outcome(rawValue: outcomeName) else {
        throw Record.DecodeError(description: "unknown outcome '\(outcomeName)'")
      }
      let name = try c.decode(String.self, forKey: .reason)
      let signal = name == "signal" ? try c.decode(String.self, forKey: .signal) : nil
      guard let reason = EndReason(name: name, signal: signal) else {
        throw Record.DecodeError(description: "unknown end reason '\(name)'")
      }
      return Ending(outcome: outcome, reason: reason)
    }
    func estimateKind() throws -> EstimateKind {
      let name = try c.decode(String.self, forKey: .kind)
      guard let kind = EstimateKind(rawValue: name) else {
        throw Record.DecodeError(description: "unknown estimate kind '\(name)'")
      }
      return kind
    }
    func recoveryMove() throws -> RecoveryMove {
      let name = try c.decode(String.self, forKey: .move)
      guard let move = RecoveryMove(name: name) else {
        throw Record.DecodeError(description: "unknown recovery move '\(name)'")
      }
      return move
    }
    let entry: Record.Entry
    switch kind {
    case .sessionStarted:
      let info = SessionInfo(
        id: try c.decode(String.self, forKey: .id),
        title: try c.decode(String.self, forKey: .title),
        program: try c.decode(String.self, forKey: .program),
        prompt: try c.decodeIfPresent(String.self, forKey: .prompt),
        seed: try c.decodeIfPresent(UInt64.self, forKey: .seed))
      // Version 1 records had no schedule.
      let schedule = try c.decodeIfPresent(ScheduleJSON.self, forKey: .schedule)?.schedule
      entry = .sessionStarted(
        info, try c.decode(PlanJSON.self, forKey: .plan).plan, schedule ?? Schedule())
    case .phaseEntered:
      let via = try c.decode(String.self, forKey: .via)
      guard let move = PhaseMove(rawValue: via) else {
        throw Record.DecodeError(description: "unknown move '\(via)'")
      }
      entry = .phaseEntered(try phase(), via: move)
    case .phaseLeft:
      entry = .phaseLeft(
        try phase(), elapsed: try millis(.elapsed_ms),
        budget: try millis(.budget_ms))
    case .paused:
      entry = .paused
    case .resumed:
      entry = .resumed(pausedFor: try millis(.paused_ms))
    case .budgetChanged:
      entry = .budgetChanged(
        try phase(), from: try millis(.from_ms),
        to: try millis(.to_ms))
    case .rebalanced:
      entry = .rebalanced(
        try phase(), other: try phase(.other), moved: try millis(.moved_ms, signed: true))
    case .sessionEnded:
      entry = .sessionEnded(try ending(), active: try millis(.active_ms))
    case .cueFired:
      var banner = Banner(
        number: try count(.banner),
        cue: try c.decode(String.self, forKey: .cue),
        kind: try cueKind(), text: try c.decodeIfPresent(String.self, forKey: .text), shownAt: t,
        late: try millisIfPresent(.late_ms))
      if c.contains(.phase) { banner.phase = try phase() }
      banner.questions = try c.decodeIfPresent([String].self, forKey: .questions) ?? []
      entry = .cueFired(banner)
    case .acknowledged:
      entry = .acknowledged(
        banner: try count(.banner),
        cue: try c.decode(String.self, forKey: .cue),
        kind: try cueKind(), after: try millis(.after_ms))
    case .replanned:
      entry = .replanned(
        banner: try count(.banner),
        cue: try c.decode(String.self, forKey: .cue),
        after: try millis(.after_ms))
    case .marked:
      let name = try c.decode(String.self, forKey: .mark)
      let mark: Mark
      switch name {
      case "recovery":
        let moveName = try c.decode(String.self, forKey: .move)
        guard let move = RecoveryMove.allCases.first(where: { $0.name == moveName }) else {
          throw Record.DecodeError(description: "unknown recovery move '\(moveName)'")
        }
        mark = .recovery(move)
      default:
        guard let plain = Mark.plain.first(where: { $0.name == name }) else {
          throw Record.DecodeError(description: "unknown mark '\(name)'")
        }
        mark = plain
      }
      entry = .marked(mark)
    case .suspended:
      entry = .suspended
    case .continued:
      entry = .continued(stoppedFor: try millis(.stopped_ms))
    case .slept:
      entry = .slept(try millis(.slept_ms))
    case .debrief:
      var scores: [Dimension: Int] = [:]
      for (name, score) in try c.decode([String: Int].self, forKey: .scores) {
        guard let dimension = Dimension(rawValue: name) else {
          throw Record.DecodeError(description: "unknown dimension '\(name)'")
        }
        guard (1...5).contains(score) else {
          throw Record.DecodeError(description: "score \(score) for \(name) is not 1 to 5")
        }
        scores[dimension] = score
      }
      var overran: Phase?
      if let name = try c.decodeIfPresent(String.self, forKey: .overran) {
        guard let phase = Phase(name: name) else {
          throw Record.DecodeError(description: "unknown phase '\(name)'")
        }
        overran = phase
      }
      entry = .debrief(
        Debrief(
          scores: scores, overran: overran, why: try c.decode(String.self, forKey: .why),
          notes: try c.decode(String.self, forKey: .notes)))
    case .held: entry = .held(cue: try c.decode(String.self, forKey: .cue))
    case .released: entry = .released(cue: try c.decode(String.self, forKey: .cue))
    case .skipped: entry = .skipped(cue: try c.decode(String.self, forKey: .cue))
    case .note: entry = .note(try c.decode(String.self, forKey: .text))
    case .drillStarted:
      let name = try c.decode(String.self, forKey: .drill)
      guard let drill = DrillKind(rawValue: name) else {
        throw Record.DecodeError(description: "unknown drill '\(name)'")
      }
      entry = .drillStarted(
        DrillInfo(
          id: try c.decode(String.self, forKey: .id),
          program: try c.decode(String.self, forKey: .program), drill: drill,
          seed: try c.decodeIfPresent(UInt64.self, forKey: .seed),
          limit: try millis(.limit_ms),
          count: try count(.count)))
    case .problemShown:
      let kind = try estimateKind()
      let inputs = try c.decode([String: Double].self, forKey: .inputs).mapValues {
        try Record.checked(figure: $0, "inputs")
      }
      guard let problem = EstimateProblem(kind: kind, inputs: inputs) else {
        throw Record.DecodeError(
          description: "the inputs of a \(kind.rawValue) problem are not all there")
      }
      entry = .problemShown(number: try count(.number), problem)
    case .problemAnswered:
      let kind = try estimateKind()
      let names = kind.steps.map(\.name)
      let answers = try c.decode([String: String].self, forKey: .answers)
      let right = try c.decode([String: Bool].self, forKey: .steps_right)
      let bandName = try c.decode(String.self, forKey: .band)
      guard let band = Band(rawValue: bandName) else {
        throw Record.DecodeError(description: "unknown band '\(bandName)'")
      }
      let typed = names.map { answers[$0] ?? "" }
      let result = EstimateResult(
        kind: kind, typed: typed,
        values: typed.map { $0.isEmpty ? nil : try? NumberText.parse($0).get() },
        ratio: try figure(.ratio), band: band,
        elapsed: try millis(.elapsed_ms),
        limit: try millis(.limit_ms), stepsRight: names.map { right[$0] },
        diagnosis: try c.decodeIfPresent(String.self, forKey: .diagnosis))
      entry = .problemAnswered(number: try count(.number), result)
    case .cardReviewed:
      let ratingName = try c.decode(String.self, forKey: .rating)
      guard let rating = FSRS.Rating(name: ratingName) else {
        throw Record.DecodeError(description: "unknown rating '\(ratingName)'")
      }
      let memory = FSRS.Memory(
        stability: try figure(.stability),
        difficulty: try figure(.difficulty),
        reviewed: try figure(.day),
        interval: try count(.interval_days))
      entry = .cardReviewed(
        CardReview(
          card: try c.decode(String.self, forKey: .card),
          typed: try c.decode(String.self, forKey: .answer),
          right: try c.decode(Bool.self, forKey: .right),
          exact: try c.decode(Bool.self, forKey: .exact), rating: rating,
          elapsed: try millis(.elapsed_ms), memory: memory))
    case .drillEnded:
      entry = .drillEnded(try ending())
    case .roundShown:
      entry = .roundShown(
        number: try count(.number),
        RecoveryQuestion(
          id: try c.decode(String.self, forKey: .cue),
          text: try c.decode(String.self, forKey: .text),
          strong: try c.decode([String].self, forKey: .strong),
          prompt: try c.decodeIfPresent(String.self, forKey: .prompt)))
    case .moveChosen, .moveRefused:
      let number = try count(.number)
      let move = try recoveryMove()
      let elapsed = try millis(.elapsed_ms)
      entry =
        kind == .moveChosen
        ? .moveChosen(number: number, move, elapsed: elapsed)
        : .moveRefused(number: number, move, elapsed: elapsed)
    case .roundRated:
      let rating = try count(.rating)
      guard (1...5).contains(rating) else {
        throw Record.DecodeError(description: "rating \(rating) is not 1 to 5")
      }
      entry = .roundRated(
        number: try count(.number),
        move: c.contains(.move) ? try recoveryMove() : nil, rating: rating,
        elapsed: try millis(.elapsed_ms))
    case .pushbackAnswered:
      let name = try c.decode(String.self, forKey: .answer)
      guard let answer = PushbackAnswer(rawValue: name) else {
        throw Record.DecodeError(description: "unknown answer '\(name)'")
      }
      entry = .pushbackAnswered(
        banner: try count(.banner),
        cue: try c.decode(String.self, forKey: .cue), answer,
        after: try millis(.after_ms))
    case .checkinCounted:
      entry = .checkinCounted(
        number: try count(.number),
        target: try count(.target),
        worked: try millis(.worked_ms))
    case .hookFailed:
      let name = try c.decode(String.self, forKey: .event)
      guard let event = HookEvent(rawValue: name) else {
        throw Record.DecodeError(description: "unknown hook event '\(name)'")
      }
      entry = .hookFailed(
        HookFailure(
          event: event, command: try c.decode(String.self, forKey: .command),
          why: try c.decode(String.self, forKey: .why)))
    }
    record = Record(t: t, entry: entry, source: source)
  }
}
