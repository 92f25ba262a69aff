// Values a record line carries whole, coded as the line writes them. The summaries the index
// keeps hold the same values, so these conformances are their coding too: written once.

extension Ending: Codable {
  enum CodingKeys: String, CodingKey { case outcome, reason, signal }

  /// `outcome`, `reason` and (for a signal) `signal`, as a session's or a drill's end has them.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    outcome = try c.named(.outcome, "outcome", Outcome.init(rawValue:))
    let name = try c.decode(String.self, forKey: .reason)
    let signal = name == "signal" ? try c.decode(String.self, forKey: .signal) : nil
    guard let reason = EndReason(name: name, signal: signal) else {
      throw Record.DecodeError(description: "unknown end reason '\(name)'")
    }
    self.reason = reason
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(outcome, forKey: .outcome)
    try c.encode(reason.name, forKey: .reason)
    try c.encodeIfPresent(reason.signal, forKey: .signal)
  }
}

extension Mark: Codable {
  enum CodingKeys: String, CodingKey { case mark, move }

  /// `mark` by name, and `move` for a recovery move.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let name = try c.decode(String.self, forKey: .mark)
    if name == "recovery" {
      self = .recovery(try c.decode(RecoveryMove.self, forKey: .move))
      return
    }
    guard let plain = Mark.plain.first(where: { $0.name == name }) else {
      throw Record.DecodeError(description: "unknown mark '\(name)'")
    }
    self = plain
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .mark)
    if case .recovery(let move) = self { try c.encode(move, forKey: .move) }
  }
}

extension Debrief: Codable {
  enum CodingKeys: String, CodingKey { case scores, overran, why, notes, by }

  /// Scores by dimension name, each 1 to 5; the phase that overran; why; notes.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
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
    self.init(
      scores: scores, overran: try c.namedIfPresent(.overran, "phase", Phase.init(name:)),
      why: try c.decode(String.self, forKey: .why),
      notes: try c.decode(String.self, forKey: .notes))
    if let by = try c.decodeIfPresent(String.self, forKey: .by) {
      guard let name = Debrief.interviewerName(by) else {
        throw Record.DecodeError(description: "by: \(Debrief.nameRule)")
      }
      self.by = name
    }
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(
      Dictionary(uniqueKeysWithValues: scores.map { ($0.key.rawValue, $0.value) }),
      forKey: .scores)
    try c.encodeIfPresent(overran, forKey: .overran)
    try c.encode(why, forKey: .why)
    try c.encode(notes, forKey: .notes)
    try c.encodeIfPresent(by, forKey: .by)
  }
}

extension HookFailure: Codable {
  enum CodingKeys: String, CodingKey { case event, command, why }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      event: try c.named(.event, "hook event", HookEvent.init(rawValue:)),
      command: try c.decode(String.self, forKey: .command),
      why: try c.decode(String.self, forKey: .why))
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(event, forKey: .event)
    try c.encode(command, forKey: .command)
    try c.encode(why, forKey: .why)
  }
}

extension DrillInfo: Codable {
  enum CodingKeys: String, CodingKey {
    case id, program, drill, seed, limit = "limit_ms", count
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let drill = try c.named(.drill, "drill", DrillKind.init(rawValue:))
    self.init(
      id: try c.decode(String.self, forKey: .id),
      program: try c.decode(String.self, forKey: .program), drill: drill,
      seed: try c.decodeIfPresent(UInt64.self, forKey: .seed), limit: try c.time(.limit),
      count: try c.count(.count))
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(program, forKey: .program)
    try c.encode(drill, forKey: .drill)
    try c.encodeIfPresent(seed, forKey: .seed)
    try c.encode(limit, forKey: .limit)
    try c.encode(count, forKey: .count)
  }
}

extension CardReview: Codable {
  enum CodingKeys: String, CodingKey {
    case card, typed = "answer", right, exact, rating, elapsed = "elapsed_ms", stability
    case difficulty, interval = "interval_days", day
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let rating = try c.named(.rating, "rating", FSRS.Rating.init(name:))
    let memory = FSRS.Memory(
      stability: try c.figure(.stability), difficulty: try c.figure(.difficulty),
      reviewed: try c.figure(.day), interval: try c.count(.interval))
    self.init(
      card: try c.decode(String.self, forKey: .card),
      typed: try c.decode(String.self, forKey: .typed),
      right: try c.decode(Bool.self, forKey: .right),
      exact: try c.decode(Bool.self, forKey: .exact), rating: rating,
      elapsed: try c.time(.elapsed), memory: memory)
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(card, forKey: .card)
    try c.encode(typed, forKey: .typed)
    try c.encode(right, forKey: .right)
    try c.encode(exact, forKey: .exact)
    try c.encode(rating.name, forKey: .rating)
    try c.encode(elapsed, forKey: .elapsed)
    try c.encode(stability, forKey: .stability)
    try c.encode(difficulty, forKey: .difficulty)
    try c.encode(interval, forKey: .interval)
    try c.encode(day, forKey: .day)
  }
}
