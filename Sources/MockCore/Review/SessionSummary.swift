/// What a session came to, read from the projection of its record: the figures `history`,
/// `show` and `stats` report.
public struct SessionSummary: Codable, Equatable, Sendable {
  /// One phase's time against its budget.
  public struct PhaseTime: Codable, Equatable, Sendable {
    public var phase: Phase
    /// The budget at the end of the session (after any `+`/`-`).
    public var budget: Millis
    /// Time worked in the phase, over every stint in it.
    public var actual: Millis
    /// Whether the session got to the phase at all.
    public var reached: Bool
    /// Time past the budget; under a second is none (it would read +0:00, and count as over).
    public var overrun: Millis {
      let over = actual - budget
      return over < 1_000 ? 0 : over
    }
    public init(phase: Phase, budget: Millis, actual: Millis, reached: Bool) {
      self.phase = phase
      self.budget = budget
      self.actual = actual
      self.reached = reached
    }
  }

  /// A mark, with its session time.
  public struct MarkAt: Codable, Equatable, Sendable {
    public var t: Millis
    public var mark: Mark
    /// Who marked it: nil or candidate for the candidate, interviewer, or ctl.
    public var source: Source?
    public init(t: Millis, mark: Mark, source: Source? = nil) {
      self.t = t
      self.mark = mark
      self.source = source
    }
  }

  /// A time-stamped note (the interviewer's, or from `mockroom ctl note`).
  public struct NoteAt: Codable, Equatable, Sendable {
    public var t: Millis
    public var text: String
    public var source: Source?
    public init(t: Millis, text: String, source: Source? = nil) {
      self.t = t
      self.text = text
      self.source = source
    }
  }

  public var id: String
  public var title: String
  public var prompt: String?
  /// The wall-clock label of the start (RFC 3339, UTC).
  public var started: String
  /// The plan at the end of the session (after any `+`/`-` and rebalancing).
  public var plan: Plan
  /// The plan as the session began.
  public var startPlan: Plan
  public var seed: UInt64?
  /// How it ended; nil when the record has no end (a crash, `kill -9`): incomplete.
  public var ending: Ending?
  /// Time worked, pauses excluded, to the end or to the last line.
  public var active: Millis
  /// Session time (pauses included) to the end or to the last line.
  public var length: Millis
  public var phases: [PhaseTime]
  /// Time worked when the drill was first entered; nil if it never was.
  public var drillStart: Millis?
  /// Time worked when ops was first entered; nil if it never was.
  public var opsStart: Millis?
  /// Every banner, with its acknowledgement and re-plan.
  public var banners: [Banner]
  public var marks: [MarkAt]
  /// The candidate's latest debrief, if there is one.
  public var debrief: Debrief?
  /// The interviewer's latest scores, from a partner mock.
  public var interviewerDebrief: Debrief?
  public var notes: [NoteAt] = []
  /// `run --hostile`: how long the pushback lasted (worked time); nil for an ordinary session.
  public var hostile: Millis?
  /// `--checkins N`: the target; nil for none.
  public var checkinTarget: Int?
  /// Worked time of each check-in that counted towards the target.
  public var checkins: [Millis] = []
  /// How far apart check-ins had to be to count.
  public var checkinSpacing: Millis = CheckinTarget.standardSpacing
  /// Who the session was started with as its interviewer (`run --partner --interviewer`).
  public var interviewer: String?

  public var isIncomplete: Bool { ending == nil }
  /// Whether the "compressed close" cue fired: ops had not begun by its point.
  public var compressedClose: Bool { banners.contains { $0.kind == .compressedClose } }
  public subscript(phase: Phase) -> PhaseTime { phases[phase.rawValue] }

  /// A summary from its parts (read back from the index).
  public init(
    id: String, title: String, prompt: String?, started: String, plan: Plan, seed: UInt64?,
    ending: Ending?, active: Millis, length: Millis, phases: [PhaseTime], drillStart: Millis?,
    opsStart: Millis?, banners: [Banner], marks: [MarkAt], debrief: Debrief?,
    startPlan: Plan? = nil
  ) {
    self.id = id
    self.title = title
    self.prompt = prompt
    self.started = started
    self.plan = plan
    self.startPlan = startPlan ?? plan
    self.seed = seed
    self.ending = ending
    self.active = active
    self.length = length
    self.phases = phases
    self.drillStart = drillStart
    self.opsStart = opsStart
    self.banners = banners
    self.marks = marks
    self.debrief = debrief
  }

  /// The summary of a log; nil when it has no start line.
  public init?(_ log: SessionLog) {
    guard let projection = Projection(log.records) else { return nil }
    self.init(projection, started: log.started ?? "")
  }

  /// The figures at the last line of the record projected.
  public init(_ projection: Projection, started: String) {
    let session = projection.session
    let end = Instant(ms: projection.last)
    id = session.info.id
    title = session.info.title
    prompt = session.info.prompt
    seed = session.info.seed
    interviewer = session.info.interviewer
    self.started = started
    plan = session.plan
    startPlan = projection.startPlan
    if case .ended(let ending) = session.status { self.ending = ending }
    active = session.active(at: end)
    length = session.sinceStart(at: end)
    phases = Phase.allCases.map {
      PhaseTime(
        phase: $0, budget: session.plan[$0], actual: session.elapsed($0, at: end),
        reached: $0 <= session.furthest)
    }
    drillStart = projection.drillStart
    opsStart = projection.opsStart
    banners = session.banners
    marks = projection.marks
    debrief = projection.debrief
    interviewerDebrief = projection.interviewerDebrief
    notes = projection.notes
    hostile = session.schedule.options.hostile?.until
    checkinTarget = session.schedule.options.checkinTarget
    checkins = session.checkins
    checkinSpacing = session.schedule.options.checkinSpacing
  }

  /// The pushbacks and how each was answered (nil: not answered).
  public var pushbacks: [Banner] { banners.filter { $0.kind == .pushback } }

  /// Whether the check-in target was met; nil without one.
  public var checkinsMet: Bool? { checkinTarget.map { checkins.count >= $0 } }

  /// Who interviewed: the name the interviewer's scores carry, else the one the session was
  /// started with; nil when neither says.
  public var interviewerName: String? { interviewerDebrief?.by ?? interviewer }

  /// Whether `phase` was reached and left: not the phase an abandoned or incomplete session
  /// stopped in, which holds only part of what it would have taken.
  public func isWhole(_ phase: Phase) -> Bool {
    guard self[phase].reached else { return false }
    if ending?.outcome == .finished { return true }
    return phases.contains { $0.reached && $0.phase > phase }
  }

  /// The phase that ran furthest over its budget, if any did.
  public var mostOver: Phase? {
    phases.filter { $0.overrun > 0 }.max { $0.overrun < $1.overrun }?.phase
  }
}

extension SessionSummary {
  /// The version of this value's coding, kept beside it where it is stored (the index): bump it
  /// when a field is added, removed or changes meaning.
  public static let codingVersion: Int64 = 2
}
