// A drill's record lines, each one value with the fields it writes (the drill's first and last
// lines carry `DrillInfo` and `Ending` whole; see ValueCoding.swift).

extension Record {
  /// `problem_shown`: an estimation problem went up (`number` from 1).
  public struct ProblemShown: RecordPayload {
    public var number: Int
    public var problem: EstimateProblem

    enum CodingKeys: String, CodingKey {
      case number, kind, inputs, steps, expected, answer, sanity
    }

    init(number: Int, problem: EstimateProblem) {
      self.number = number
      self.problem = problem
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      let kind = try c.named(.kind, "estimate kind", EstimateKind.init(rawValue:))
      let inputs = try c.decode([String: Double].self, forKey: .inputs).mapValues {
        try Record.checked(figure: $0, "inputs")
      }
      let sanity = try c.decodeIfPresent(Bool.self, forKey: .sanity) ?? false
      guard let problem = EstimateProblem(kind: kind, inputs: inputs, sanity: sanity) else {
        throw Record.DecodeError(
          description: "the inputs of a \(kind.rawValue) problem are not all there")
      }
      self.problem = problem
      number = try c.count(.number)
    }

    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      let names = problem.kind.steps.map(\.name)
      try c.encode(number, forKey: .number)
      try c.encode(problem.kind, forKey: .kind)
      try c.encode(problem.inputs, forKey: .inputs)
      try c.encode(names, forKey: .steps)
      try c.encode(
        Dictionary(uniqueKeysWithValues: zip(names, problem.expected)), forKey: .expected)
      try c.encode(problem.target, forKey: .answer)
      if problem.sanity { try c.encode(true, forKey: .sanity) }
    }
  }

  /// `problem_answered`: it was answered and scored.
  public struct ProblemAnswered: RecordPayload {
    public var number: Int
    public var result: EstimateResult

    enum CodingKeys: String, CodingKey {
      case number, kind, answers, ratio, band, pass, elapsed = "elapsed_ms", limit = "limit_ms"
      case stepsRight = "steps_right", diagnosis
    }

    init(number: Int, result: EstimateResult) {
      self.number = number
      self.result = result
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      let kind = try c.named(.kind, "estimate kind", EstimateKind.init(rawValue:))
      let names = kind.steps.map(\.name)
      let answers = try c.decode([String: String].self, forKey: .answers)
      let right = try c.decode([String: Bool].self, forKey: .stepsRight)
      let band = try c.named(.band, "band", Band.init(rawValue:))
      let typed = names.map { answers[$0] ?? "" }
      result = EstimateResult(
        kind: kind, typed: typed,
        values: typed.map { $0.isEmpty ? nil : try? NumberText.parse($0).get() },
        ratio: try c.figure(.ratio), band: band, elapsed: try c.time(.elapsed),
        limit: try c.time(.limit), stepsRight: names.map { right[$0] },
        diagnosis: try c.decodeIfPresent(String.self, forKey: .diagnosis))
      number = try c.count(.number)
    }

    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      let names = result.kind.steps.map(\.name)
      try c.encode(number, forKey: .number)
      try c.encode(result.kind, forKey: .kind)
      try c.encode(
        Dictionary(uniqueKeysWithValues: zip(names, result.typed).filter { !$0.1.isEmpty }),
        forKey: .answers)
      try c.encode(result.ratio, forKey: .ratio)
      try c.encode(result.band, forKey: .band)
      try c.encode(result.pass, forKey: .pass)
      try c.encode(result.elapsed, forKey: .elapsed)
      try c.encode(result.limit, forKey: .limit)
      try c.encode(
        Dictionary(
          uniqueKeysWithValues: zip(names, result.stepsRight).compactMap { name, right in
            right.map { (name, $0) }
          }), forKey: .stepsRight)
      try c.encodeIfPresent(result.diagnosis, forKey: .diagnosis)
    }
  }

  /// `round_shown`: a round of the recovery drill began with this question.
  public struct RoundShown: RecordPayload {
    public var number: Int
    public var question: RecoveryQuestion

    enum CodingKeys: String, CodingKey { case number, cue, text, strong, prompt }

    init(number: Int, question: RecoveryQuestion) {
      self.number = number
      self.question = question
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      number = try c.count(.number)
      question = RecoveryQuestion(
        id: try c.decode(String.self, forKey: .cue),
        text: try c.decode(String.self, forKey: .text),
        strong: try c.decode([String].self, forKey: .strong),
        prompt: try c.decodeIfPresent(String.self, forKey: .prompt))
    }

    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(number, forKey: .number)
      try c.encode(question.id, forKey: .cue)
      try c.encode(question.text, forKey: .text)
      try c.encode(question.strong, forKey: .strong)
      try c.encodeIfPresent(question.prompt, forKey: .prompt)
    }
  }

  /// `move_chosen` and `move_refused`: a recovery move named in a round, `elapsed` into it.
  public struct RoundMove: RecordPayload {
    public var number: Int
    public var move: RecoveryMove
    public var elapsed: Millis

    enum CodingKeys: String, CodingKey { case number, move, elapsed = "elapsed_ms" }

    init(number: Int, move: RecoveryMove, elapsed: Millis) {
      self.number = number
      self.move = move
      self.elapsed = elapsed
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      number = try c.count(.number)
      move = try c.decode(RecoveryMove.self, forKey: .move)
      elapsed = try c.time(.elapsed)
    }
  }

  /// `round_rated`: 1-5, by the candidate or (source interviewer or ctl) the interviewer.
  public struct RoundRated: RecordPayload {
    public var number: Int
    public var move: RecoveryMove?
    public var rating: Int
    public var elapsed: Millis

    enum CodingKeys: String, CodingKey { case number, move, rating, elapsed = "elapsed_ms" }

    init(number: Int, move: RecoveryMove?, rating: Int, elapsed: Millis) {
      self.number = number
      self.move = move
      self.rating = rating
      self.elapsed = elapsed
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      rating = try c.count(.rating)
      guard (1...5).contains(rating) else {
        throw Record.DecodeError(description: "rating \(rating) is not 1 to 5")
      }
      number = try c.count(.number)
      move = try c.decodeIfPresent(RecoveryMove.self, forKey: .move)
      elapsed = try c.time(.elapsed)
    }
  }
}

extension Record {
  /// `slip_shown`: a worked chain with a planted slip went up (`number` from 1).
  public struct SlipShown: RecordPayload {
    public var number: Int
    public var slip: SlipProblem

    enum CodingKeys: String, CodingKey {
      case number, kind, inputs, slip, step, factor, shown, answer
    }

    init(number: Int, slip: SlipProblem) {
      self.number = number
      self.slip = slip
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      let kind = try c.named(.kind, "estimate kind", EstimateKind.init(rawValue:))
      let which = try c.named(.slip, "slip", SlipKind.init(rawValue:))
      let inputs = try c.decode([String: Double].self, forKey: .inputs).mapValues {
        try Record.checked(figure: $0, "inputs")
      }
      let step = try c.count(.step) - 1
      let factor = try c.figure(.factor)
      guard let problem = EstimateProblem(kind: kind, inputs: inputs),
        let slip = SlipProblem(problem, which, step: step, tenUp: factor >= 1)
      else {
        throw Record.DecodeError(
          description: "a \(which.rawValue) slip does not fit step \(step + 1) of this "
            + "\(kind.rawValue) problem")
      }
      self.slip = slip
      number = try c.count(.number)
    }

    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(number, forKey: .number)
      try c.encode(slip.problem.kind, forKey: .kind)
      try c.encode(slip.problem.inputs, forKey: .inputs)
      try c.encode(slip.slip.rawValue, forKey: .slip)
      try c.encode(slip.step + 1, forKey: .step)
      try c.encode(slip.factor, forKey: .factor)
      try c.encode(slip.shown, forKey: .shown)
      try c.encode(slip.problem.target, forKey: .answer)
    }
  }

  /// `slip_answered`: the step named and the corrected answer, scored.
  public struct SlipAnswered: RecordPayload {
    public var number: Int
    public var result: SlipResult

    enum CodingKeys: String, CodingKey {
      case number, kind, slip, planted, named, answer, ratio, band, pass
      case stepRight = "step_right", spotted = "spotted_ms", elapsed = "elapsed_ms"
      case limit = "limit_ms"
    }

    init(number: Int, result: SlipResult) {
      self.number = number
      self.result = result
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      let typed = try c.decode(String.self, forKey: .answer)
      result = SlipResult(
        kind: try c.named(.kind, "estimate kind", EstimateKind.init(rawValue:)),
        slip: try c.named(.slip, "slip", SlipKind.init(rawValue:)),
        planted: try c.count(.planted), named: try c.count(.named), typed: typed,
        value: (try? NumberText.parse(typed, zero: true).get()) ?? 0, ratio: try c.figure(.ratio),
        band: try c.named(.band, "band", Band.init(rawValue:)), spotted: try c.time(.spotted),
        elapsed: try c.time(.elapsed), limit: try c.time(.limit))
      number = try c.count(.number)
    }

    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(number, forKey: .number)
      try c.encode(result.kind, forKey: .kind)
      try c.encode(result.slip.rawValue, forKey: .slip)
      try c.encode(result.planted, forKey: .planted)
      try c.encode(result.named, forKey: .named)
      try c.encode(result.typed, forKey: .answer)
      try c.encode(result.ratio, forKey: .ratio)
      try c.encode(result.band, forKey: .band)
      try c.encode(result.pass, forKey: .pass)
      try c.encode(result.stepRight, forKey: .stepRight)
      try c.encode(result.spotted, forKey: .spotted)
      try c.encode(result.elapsed, forKey: .elapsed)
      try c.encode(result.limit, forKey: .limit)
    }
  }
}
