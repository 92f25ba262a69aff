// A session's record lines, each one value with the fields it writes. Field names are the
// wire's, spelt out in `CodingKeys`; decoding checks every number (`Record.checked`).

extension Record {
  /// `session_started`: what the session is, its plan and its whole schedule.
  public struct SessionStarted: RecordPayload {
    public var info: SessionInfo
    public var plan: Plan
    public var schedule: Schedule

    enum CodingKeys: String, CodingKey {
      case id, title, program, prompt, seed, plan, schedule, interviewer
    }

    init(info: SessionInfo, plan: Plan, schedule: Schedule) {
      self.info = info
      self.plan = plan
      self.schedule = schedule
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      info = SessionInfo(
        id: try c.decode(String.self, forKey: .id),
        title: try c.decode(String.self, forKey: .title),
        program: try c.decode(String.self, forKey: .program),
        prompt: try c.decodeIfPresent(String.self, forKey: .prompt),
        seed: try c.decodeIfPresent(UInt64.self, forKey: .seed))
      if let name = try c.decodeIfPresent(String.self, forKey: .interviewer) {
        guard let name = Debrief.interviewerName(name) else {
          throw Record.DecodeError(description: "interviewer: \(Debrief.nameRule)")
        }
        info.interviewer = name
      }
      // Version 1 records had no schedule.
      let schedule = try c.decodeIfPresent(ScheduleJSON.self, forKey: .schedule)?.schedule
      plan = try c.decode(PlanJSON.self, forKey: .plan).plan
      self.schedule = schedule ?? Schedule()
    }

    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(info.id, forKey: .id)
      try c.encode(info.title, forKey: .title)
      try c.encode(info.program, forKey: .program)
      try c.encodeIfPresent(info.prompt, forKey: .prompt)
      try c.encodeIfPresent(info.seed, forKey: .seed)
      try c.encodeIfPresent(info.interviewer, forKey: .interviewer)
      try c.encode(PlanJSON(plan), forKey: .plan)
      try c.encode(ScheduleJSON(schedule), forKey: .schedule)
    }
  }

  /// `phase_entered`: the phase, and how the candidate came to it.
  public struct PhaseEntered: RecordPayload {
    public var phase: Phase
    public var via: PhaseMove

    init(phase: Phase, via: PhaseMove) {
      self.phase = phase
      self.via = via
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      via = try c.named(.via, "move", PhaseMove.init(rawValue:))
      phase = try c.phase(.phase)
    }
  }

  /// `phase_left`: `elapsed` is the phase's whole active time so far, over every stint in it.
  public struct PhaseLeft: RecordPayload {
    public var phase: Phase
    public var elapsed: Millis
    public var budget: Millis

    enum CodingKeys: String, CodingKey {
      case phase, elapsed = "elapsed_ms", budget = "budget_ms", overrun = "overrun_ms"
    }

    init(phase: Phase, elapsed: Millis, budget: Millis) {
      self.phase = phase
      self.elapsed = elapsed
      self.budget = budget
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      phase = try c.phase(.phase)
      elapsed = try c.time(.elapsed)
      budget = try c.time(.budget)
    }

    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(phase, forKey: .phase)
      try c.encode(elapsed, forKey: .elapsed)
      try c.encode(budget, forKey: .budget)
      // Written for readers of the file; the review works it out again.
      try c.encode(max(0, elapsed - budget), forKey: .overrun)
    }
  }

  /// `budget_changed`: the phase's budget went from `from` to `to`.
  public struct BudgetChanged: RecordPayload {
    public var phase: Phase
    public var from: Millis
    public var to: Millis

    enum CodingKeys: String, CodingKey { case phase, from = "from_ms", to = "to_ms" }

    init(phase: Phase, from: Millis, to: Millis) {
      self.phase = phase
      self.from = from
      self.to = to
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      phase = try c.phase(.phase)
      from = try c.time(.from)
      to = try c.time(.to)
    }
  }

  /// `rebalanced`: the current phase took `moved` from `other`, the next phase still to start
  /// (negative: gave it back); the plan's total is as it was.
  public struct Rebalanced: RecordPayload {
    public var phase: Phase
    public var other: Phase
    public var moved: Millis

    enum CodingKeys: String, CodingKey { case phase, other, moved = "moved_ms" }

    init(phase: Phase, other: Phase, moved: Millis) {
      self.phase = phase
      self.other = other
      self.moved = moved
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      phase = try c.phase(.phase)
      other = try c.phase(.other)
      moved = try c.time(.moved, signed: true)
    }
  }

  /// `session_ended`: how, and the time worked.
  public struct SessionEnded: RecordPayload {
    public var ending: Ending
    public var active: Millis

    enum CodingKeys: String, CodingKey { case active = "active_ms" }

    init(ending: Ending, active: Millis) {
      self.ending = ending
      self.active = active
    }

    public init(from decoder: Decoder) throws {
      ending = try Ending(from: decoder)
      active = try decoder.container(keyedBy: CodingKeys.self).time(.active)
    }

    public func encode(to encoder: Encoder) throws {
      try ending.encode(to: encoder)
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(active, forKey: .active)
    }
  }

  /// `cue_fired`: a banner went up (its time is the line's).
  struct CueFired: RecordPayload {
    var banner: Banner

    enum CodingKeys: String, CodingKey {
      case banner, cue, kind, text, phase, late = "late_ms", questions, t = "t_ms"
    }

    init(_ banner: Banner) { self.banner = banner }

    init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      banner = Banner(
        number: try c.count(.banner), cue: try c.decode(String.self, forKey: .cue),
        kind: try c.named(.kind, "cue kind", CueKind.init(rawValue:)),
        text: try c.decodeIfPresent(String.self, forKey: .text), shownAt: try c.time(.t),
        late: try c.timeIfPresent(.late))
      banner.phase = try c.namedIfPresent(.phase, "phase", Phase.init(name:))
      banner.questions = try c.decodeIfPresent([String].self, forKey: .questions) ?? []
    }

    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(banner.number, forKey: .banner)
      try c.encode(banner.cue, forKey: .cue)
      try c.encode(banner.kind, forKey: .kind)
      try c.encodeIfPresent(banner.text, forKey: .text)
      try c.encodeIfPresent(banner.phase, forKey: .phase)
      try c.encodeIfPresent(banner.late, forKey: .late)
      if !banner.questions.isEmpty { try c.encode(banner.questions, forKey: .questions) }
    }
  }

  /// `acknowledged`: `after` runs from the banner going up to the acknowledgement.
  public struct Acknowledged: RecordPayload {
    public var banner: Int
    public var cue: String
    public var kind: CueKind
    public var after: Millis

    enum CodingKeys: String, CodingKey { case banner, cue, kind, after = "after_ms" }

    init(banner: Int, cue: String, kind: CueKind, after: Millis) {
      self.banner = banner
      self.cue = cue
      self.kind = kind
      self.after = after
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      banner = try c.count(.banner)
      cue = try c.decode(String.self, forKey: .cue)
      kind = try c.named(.kind, "cue kind", CueKind.init(rawValue:))
      after = try c.time(.after)
    }
  }

  /// `replanned`: `after` runs from the pivot's banner going up to the re-plan.
  public struct Replanned: RecordPayload {
    public var banner: Int
    public var cue: String
    public var after: Millis

    enum CodingKeys: String, CodingKey { case banner, cue, after = "after_ms" }

    init(banner: Int, cue: String, after: Millis) {
      self.banner = banner
      self.cue = cue
      self.after = after
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      banner = try c.count(.banner)
      cue = try c.decode(String.self, forKey: .cue)
      after = try c.time(.after)
    }
  }

  /// `pushback_answered`: how the candidate answered a pushback, `after` its banner went up.
  public struct PushbackAnswered: RecordPayload {
    public var banner: Int
    public var cue: String
    public var answer: PushbackAnswer
    public var after: Millis

    enum CodingKeys: String, CodingKey { case banner, cue, answer, after = "after_ms" }

    init(banner: Int, cue: String, answer: PushbackAnswer, after: Millis) {
      self.banner = banner
      self.cue = cue
      self.answer = answer
      self.after = after
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      answer = try c.named(.answer, "answer", PushbackAnswer.init(rawValue:))
      banner = try c.count(.banner)
      cue = try c.decode(String.self, forKey: .cue)
      after = try c.time(.after)
    }
  }

  /// `checkin_counted`: a check-in counted towards the target, at this worked time.
  public struct CheckinCounted: RecordPayload {
    public var number: Int
    public var target: Int
    public var worked: Millis

    enum CodingKeys: String, CodingKey { case number, target, worked = "worked_ms" }

    init(number: Int, target: Int, worked: Millis) {
      self.number = number
      self.target = target
      self.worked = worked
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      number = try c.count(.number)
      target = try c.count(.target)
      worked = try c.time(.worked)
    }
  }

  /// The one field of a line of one time (`resumed`, `continued`, `slept`) or one text (`held`,
  /// `released`, `skipped`, `note`), under the name its line gives it.
  struct OneField<Value: Encodable>: Encodable {
    var value: Value
    var key: String

    struct Key: CodingKey {
      var stringValue: String
      var intValue: Int? { nil }
      init(_ name: String) { stringValue = name }
      init(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }
    }

    init(_ value: Value, _ key: String) {
      self.value = value
      self.key = key
    }

    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: Key.self)
      try c.encode(value, forKey: Key(key))
    }
  }

  static func time(_ decoder: Decoder, _ key: String) throws -> Millis {
    try decoder.container(keyedBy: OneField<Millis>.Key.self).time(.init(key))
  }

  static func text(_ decoder: Decoder, _ key: String) throws -> String {
    try decoder.container(keyedBy: OneField<String>.Key.self).decode(
      String.self, forKey: .init(key))
  }
}
