/// Everything that will interrupt a session, fixed when it starts: the deck interjections
/// placed in it and the settings of the coaching cues. Recorded whole in the session's first
/// line, so a replay rebuilds exactly the same cues.
public struct Schedule: Equatable, Hashable, Sendable {
  /// A deck interjection placed at a moment of a phase.
  public struct Placed: Equatable, Hashable, Sendable {
    /// The deck entry's id.
    public var id: String
    public var kind: Interjection.Kind
    public var text: String
    public var phase: Phase
    /// Time worked in `phase` when it is thrown in.
    public var at: Millis

    public init(id: String, kind: Interjection.Kind, text: String, phase: Phase, at: Millis) {
      self.id = id
      self.kind = kind
      self.text = text
      self.phase = phase
      self.at = at
    }
  }

  /// How the coaching cues behave.
  public struct Options: Equatable, Hashable, Sendable {
    /// How long after the plan's drill start (25:00) the "drill not started" cue waits.
    public var drillGrace: Millis
    /// Remind the candidate to check in after this long in design or drill without a check-in
    /// mark; nil (the default) for no reminder.
    public var checkinEvery: Millis?
    /// A partner session (`run --partner`): the interjections belong to the interviewer, so
    /// every one starts held and fires only when the interviewer fires or releases it. The
    /// coaching cues about time still come by themselves.
    public var partner: Bool
    /// `run --hostile`: pushback every 45-75 s for a first stretch; nil for none.
    public var hostile: Hostile?
    /// `--checkins N`: how many check-ins, five minutes apart, the session aims for.
    public var checkinTarget: Int?
    /// How long after the last counted check-in another counts (worked time).
    public var checkinSpacing: Millis
    /// The candidate's closing questions shown at the last 90 seconds (two, the least
    /// recently shown first).
    public var questions: [String]
    /// The questions file has questions, but `questions check` flags every one: the last-90
    /// banner says there is no strong one yet.
    public var noStrongQuestion: Bool

    public init(
      drillGrace: Millis = 0, checkinEvery: Millis? = nil, partner: Bool = false,
      hostile: Hostile? = nil, checkinTarget: Int? = nil,
      checkinSpacing: Millis = CheckinTarget.standardSpacing, questions: [String] = [],
      noStrongQuestion: Bool = false
    ) {
      self.noStrongQuestion = noStrongQuestion
      self.checkinSpacing = checkinSpacing
      self.drillGrace = drillGrace
      self.checkinEvery = checkinEvery
      self.partner = partner
      self.hostile = hostile
      self.checkinTarget = checkinTarget
      self.questions = questions
    }
  }

  /// The last stretch of a session, kept for the candidate's questions, whatever the plan.
  public static let lastStretch: Millis = 90_000
  /// The point at which a phase's "one minute left" comes.
  public static let oneMinute: Millis = 60_000
  /// A cue that fires this long or more after its point says it came late.
  public static let lateAfter: Millis = 2_000
  /// The default check-in interval when the reminder is turned on.
  public static let checkinDefault: Millis = .minutes(5)
  /// How many interjections the decks contribute by default.
  public static let defaultCount = 3

  public var interjections: [Placed]
  public var options: Options

  /// The ids of the coaching cues: a deck entry may not take one, since records and the
  /// schedule name cues by id.
  public static let reservedIDs = Set(
    Schedule(options: Options(checkinEvery: checkinDefault)).cues.map(\.id))

  public init(interjections: [Placed] = [], options: Options = Options()) {
    self.interjections = interjections
    self.options = options
  }

  /// Every cue of the session, in a fixed order (the order ties fire in): the coaching cues,
  /// then the interjections by phase and time.
  public var cues: [Cue] {
    var cues: [Cue] = [
      Cue(
        id: "last-90s", kind: .lastStretch, trigger: .sessionRemaining(Self.lastStretch),
        conditions: [.planAbove(Self.lastStretch)],
        text: options.noStrongQuestion
          ? "The last 90 seconds: time for your questions. There is no strong closing question "
            + "in your file yet ('mockroom questions check' says why)." : nil),
      Cue(
        id: "clarify-over", kind: .clarifyOver, trigger: .phaseRemaining(.clarify, 0),
        boundTo: .clarify),
      Cue(
        id: "drill-late", kind: .drillLate,
        trigger: .phaseStart(.drill, plus: options.drillGrace), conditions: [.notReached(.drill)]),
      Cue(
        id: "compressed-close", kind: .compressedClose, trigger: .phaseStart(.ops, plus: 0),
        conditions: [.notReached(.ops)]),
    ]
    for phase in Phase.allCases {
      cues.append(
        Cue(
          id: "one-minute-\(phase.name)", kind: .oneMinute,
          trigger: .phaseRemaining(phase, Self.oneMinute),
          conditions: [.budgetAbove(phase, 2 * Self.oneMinute)], boundTo: phase))
    }
    if let every = options.checkinEvery {
      cues.append(
        Cue(id: "checkin-reminder", kind: .checkinReminder, trigger: .focusWithoutCheckin(every)))
    }
    for (index, at) in (options.hostile?.times ?? []).enumerated() {
      // Worded when it lands, for the phase it lands in.
      cues.append(Cue(id: Hostile.id(index + 1), kind: .pushback, trigger: .worked(at)))
    }
    for placed in interjections {
      cues.append(
        Cue(
          id: placed.id, kind: CueKind(placed.kind), trigger: .intoPhase(placed.phase, placed.at),
          text: placed.text))
    }
    return cues
  }
}

// MARK: - Placing interjections

extension Schedule {
  /// One place an interjection may go: which kinds fit it and in which phases.
  struct Slot {
    var kinds: [Interjection.Kind]
    var phases: [Phase]
  }

  /// The slots filled in order: `count` 3 gives the method's default — a pivot in design, a
  /// pivot or pushback in drill, a curveball in estimate, design or drill.
  static let slots: [Slot] = [
    Slot(kinds: [.pivot], phases: [.design]),
    Slot(kinds: [.pivot, .pushback], phases: [.drill]),
    Slot(kinds: [.curveball], phases: [.estimate, .design, .drill]),
    Slot(kinds: [.pushback], phases: [.design]),
    Slot(kinds: [.silence], phases: [.design, .drill]),
    Slot(kinds: [.pivot], phases: [.drill]),
    Slot(kinds: [.curveball, .pushback], phases: [.design, .drill]),
    Slot(kinds: [.checkin, .silence], phases: [.design, .drill]),
    Slot(kinds: [.pivot, .pushback, .curveball], phases: [.design, .drill]),
  ]

  /// The most interjections a session can take.
  public static var maximumCount: Int { slots.count }

  /// Places up to `count` interjections, drawn from the prompt's own deck first and the generic
  /// deck when the prompt has none of a kind. The same inputs and `seed` give the same schedule.
  ///
  /// A deck entry's timing hint wins over the slot: its phase, and its `at` (written for the
  /// standard plan, so moved in proportion when the phase's budget differs). Without an `at`,
  /// an interjection lands between a quarter and two thirds of the way into its phase, on a
  /// whole second. Two in one phase are kept at least a minute apart (a quarter of the budget in
  /// a short phase).
  public static func place(
    own: [Interjection], generic: [Interjection], plan: Plan, count: Int, seed: UInt64,
    options: Options = Options()
  ) -> Schedule {
    var random = SeededGenerator(seed: seed ^ 0x5EED_CAFE)
    func draw(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
    var used = Set<String>()
    var placed: [Placed] = []
    for slot in slots.prefix(max(0, count)) {
      let fits = { (entry: Interjection) in
        slot.kinds.contains(entry.kind) && !used.contains(entry.id)
      }
      let hinted = { (entry: Interjection) in
        entry.timing.map { slot.phases.contains($0.phase) } ?? true
      }
      let pools = [own.filter(fits), generic.filter(fits)]
      guard let pool = pools.first(where: { !$0.isEmpty }) else { continue }
      let preferred = pool.filter(hinted)
      let choices = preferred.isEmpty ? pool : preferred
      let entry = choices[draw(choices.count)]
      used.insert(entry.id)
      let phase = entry.timing?.phase ?? slot.phases[draw(slot.phases.count)]
      let budget = plan[phase]
      let at: Millis
      if let offset = entry.timing?.offset {
        at = offset * budget / Plan.standard[phase]
      } else {
        let seconds = max(1, budget / 1000)
        let low = seconds / 4
        let high = max(low + 1, seconds * 2 / 3)
        at = (low + Int64(draw(Int(high - low)))) * 1000
      }
      placed.append(Placed(id: entry.id, kind: entry.kind, text: entry.text, phase: phase, at: at))
    }
    return Schedule(interjections: spaced(placed, plan: plan), options: options)
  }

  /// Sorted by phase and time, with interjections in one phase moved apart where they crowd.
  static func spaced(_ placed: [Placed], plan: Plan) -> [Placed] {
    var sorted = placed.sorted { ($0.phase, $0.at) < ($1.phase, $1.at) }
    for index in sorted.indices.dropFirst() where sorted[index].phase == sorted[index - 1].phase {
      let gap = min(Millis.minutes(1), plan[sorted[index].phase] / 4)
      sorted[index].at = max(sorted[index].at, sorted[index - 1].at + gap)
    }
    return sorted
  }
}
