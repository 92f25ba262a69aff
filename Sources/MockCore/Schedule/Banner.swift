/// A cue that has fired: shown until the candidate acknowledges it.
public struct Banner: Codable, Equatable, Hashable, Sendable {
  /// 1 for the session's first banner, then 2, 3…; records name a banner by it.
  public var number: Int
  /// The cue's id.
  public var cue: String
  public var kind: CueKind
  /// What the interviewer says, for a deck interjection.
  public var text: String?
  /// The phase a phase-bound cue is about; its banner comes down when the session leaves it.
  public var phase: Phase?
  /// Session time (pauses included) when it was shown.
  public var shownAt: Millis
  /// How long after its point it came, when it came late (the process was frozen).
  public var late: Millis?
  /// What became of it on screen.
  public var fate = Fate.onScreen
  /// The closing questions shown on the last-90-seconds banner.
  public var questions: [String] = []
  /// What the candidate did about it: a pivot re-planned, a pushback answered.
  public var reply = Reply.none

  /// What became of a banner on screen: still up, acknowledged, or taken down with its phase
  /// (session times, pauses included).
  public enum Fate: Codable, Equatable, Hashable, Sendable {
    case onScreen
    case acknowledged(at: Millis)
    case retired(at: Millis)
  }

  /// What the candidate did about a banner, besides acknowledging it (session times).
  public enum Reply: Codable, Equatable, Hashable, Sendable {
    case none
    /// A pivot marked as re-planned.
    case replanned(at: Millis)
    /// A pushback answered: held, changed or gave way.
    case answered(PushbackAnswer, at: Millis)
  }

  public init(
    number: Int, cue: String, kind: CueKind, text: String? = nil, phase: Phase? = nil,
    shownAt: Millis, late: Millis? = nil
  ) {
    self.number = number
    self.cue = cue
    self.kind = kind
    self.text = text
    self.phase = phase
    self.shownAt = shownAt
    self.late = late
  }

  /// Still on screen: neither acknowledged nor taken down.
  public var isOnScreen: Bool { fate == .onScreen }

  /// Session time of the acknowledgement.
  public var acknowledgedAt: Millis? {
    if case .acknowledged(let at) = fate { at } else { nil }
  }

  /// Taken down without an acknowledgement: its phase was left.
  public var retired: Bool { retiredAt != nil }

  /// Session time it was taken down with its phase.
  public var retiredAt: Millis? {
    if case .retired(let at) = fate { at } else { nil }
  }

  /// Session time the candidate marked a pivot as re-planned.
  public var replannedAt: Millis? {
    if case .replanned(let at) = reply { at } else { nil }
  }

  /// How the candidate answered a pushback, once they said.
  public var answer: PushbackAnswer? {
    if case .answered(let answer, _) = reply { answer } else { nil }
  }

  /// Session time of that answer.
  public var answeredAt: Millis? {
    if case .answered(_, let at) = reply { at } else { nil }
  }
}

/// A moment marked so that it counts in the review: by the candidate at their screen, or by the
/// interviewer at the console (the record's source says which).
public enum Mark: Equatable, Hashable, Sendable {
  /// The reset move: "actually, wait", what was wrong, the new starting point.
  case reset
  /// Caught an arithmetic slip of one's own.
  case errorCaught
  /// Asked the interviewer whether this is the direction they want.
  case checkin
  /// Used one of the five recovery moves on a question without a ready answer.
  case recovery(RecoveryMove)
  /// The interviewer's: went into the design without the numbers that size it.
  case missedEstimate
  /// The interviewer's: stated a figure as fact with nothing behind it.
  case fabricatedNumber
  /// The interviewer's: the session closed without the operations talk.
  case skippedOps

  /// The marks without a move, in the order menus list them.
  public static let plain: [Mark] = [
    .reset, .errorCaught, .checkin, .missedEstimate, .fabricatedNumber, .skippedOps,
  ]

  /// The name used in records and in `mockroom ctl mark`.
  public var name: String {
    switch self {
    case .reset: "reset"
    case .errorCaught: "error_caught"
    case .checkin: "checkin"
    case .recovery: "recovery"
    case .missedEstimate: "missed_estimate"
    case .fabricatedNumber: "fabricated_number"
    case .skippedOps: "skipped_ops"
    }
  }

  /// Reads a mark's name as `mockroom ctl mark` takes it: a plain name, `recovery:MOVE`, or a
  /// move's name alone.
  public init?(name: String) {
    if let plain = Mark.plain.first(where: { $0.name == name }) {
      self = plain
      return
    }
    let move = name.hasPrefix("recovery:") ? String(name.dropFirst("recovery:".count)) : name
    guard let found = RecoveryMove.allCases.first(where: { $0.name == move }) else { return nil }
    self = .recovery(found)
  }

  /// What screens and reports call it.
  public var label: String {
    switch self {
    case .reset: "reset move"
    case .errorCaught: "caught my own error"
    case .checkin: "checked in"
    case .missedEstimate: "missed the estimate"
    case .fabricatedNumber: "a made-up number"
    case .skippedOps: "skipped ops"
    case .recovery(let move):
      switch move {
      case .measure: "recovery: what I'd measure"
      case .tradeoff: "recovery: named the tradeoff"
      case .provisional: "recovery: committed provisionally"
      case .similar: "recovery: a similar system"
      case .question: "recovery: a pointed question"
      }
    }
  }

  /// Every name `init(name:)` reads, for messages.
  public static var names: [String] {
    plain.map(\.name) + RecoveryMove.allCases.map { "recovery:\($0.name)" }
  }
}

/// The five moves for a question one cannot answer outright, numbered as the keys 1–5.
public enum RecoveryMove: Int, CaseIterable, Equatable, Hashable, Sendable {
  /// Say what you would measure to find out.
  case measure = 1
  /// Name the tradeoff the answer turns on.
  case tradeoff
  /// Commit to a direction, provisionally, and say so.
  case provisional
  /// Reason from a similar system you know.
  case similar
  /// Ask a targeted clarifying question.
  case question

  /// The name used in records.
  public var name: String {
    switch self {
    case .measure: "measure"
    case .tradeoff: "tradeoff"
    case .provisional: "provisional"
    case .similar: "similar_system"
    case .question: "question"
    }
  }
}
