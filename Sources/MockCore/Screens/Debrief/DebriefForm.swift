/// The debrief screen's state: five self-scores, the phase that ran over and why, and what to
/// change next time. Keys come in; when the candidate saves or skips, `result` says which.
public struct DebriefForm: Equatable, Sendable {
  /// The rows of the form, top to bottom.
  public enum Field: Int, CaseIterable, Equatable, Sendable {
    case judgment, numbers, tradeoffs, operations, recovery, overran, why, notes

    /// What the row is called on the form.
    public var label: String {
      switch self {
      case .judgment, .numbers, .tradeoffs, .operations, .recovery:
        Dimension.allCases[rawValue].title
      case .overran: "phase that ran over"
      case .why: "why it ran over"
      case .notes: "change next time"
      }
    }

    /// The dimension a score row is for.
    public var dimension: Dimension? {
      rawValue < Dimension.allCases.count ? Dimension.allCases[rawValue] : nil
    }
  }

  public enum Result: Equatable, Sendable {
    case saved(Debrief)
    case skipped
  }

  /// What the session was, for the heading: its title, and a line on how it went.
  public let title: String
  public let summary: String
  /// The interviewer scoring the candidate, rather than the candidate themselves.
  public let byInterviewer: Bool
  public private(set) var debrief: Debrief
  public private(set) var field: Field = .judgment
  public private(set) var result: Result?
  /// Longest text a field takes.
  public static let maximumText = 500

  /// A form for a session; `existing` (an earlier debrief) prefills it, and without one the
  /// phase that ran furthest over is the suggestion.
  public init(
    title: String, summary: String, mostOver: Phase?, existing: Debrief? = nil,
    byInterviewer: Bool = false
  ) {
    self.title = title
    self.summary = summary
    self.byInterviewer = byInterviewer
    debrief = existing ?? Debrief(overran: mostOver)
  }

  public mutating func handle(_ key: Key) {
    guard result == nil else { return }
    switch key {
    case .escape:
      result = .skipped
      return
    case .up:
      move(-1)
      return
    case .down:
      move(1)
      return
    case .enter:
      if field == Field.allCases.last {
        result = .saved(debrief)
      } else {
        move(1)
      }
      return
    default: break
    }
    if let dimension = field.dimension {
      score(dimension, key)
    } else if field == .overran {
      chooseOverran(key)
    } else {
      edit(key)
    }
  }

  private mutating func move(_ by: Int) {
    field = Field(rawValue: max(0, min(Field.allCases.count - 1, field.rawValue + by)))!
  }

  private mutating func score(_ dimension: Dimension, _ key: Key) {
    let current = debrief.scores[dimension]
    switch key {
    case .character(let ch) where ("1"..."5").contains(ch):
      debrief.scores[dimension] = Int(String(ch))
      move(1)  // quick to fill: a digit per row
    case .character("\t"): move(1)
    case .left: debrief.scores[dimension] = max(1, (current ?? 2) - 1)
    case .right: debrief.scores[dimension] = min(5, (current ?? 0) + 1)
    case .backspace, .character("0"), .character(" "): debrief.scores[dimension] = nil
    default: break
    }
  }

  /// Left and right (or Space) step through: none, clarify … ops.
  private mutating func chooseOverran(_ key: Key) {
    let choices: [Phase?] = [nil] + Phase.allCases.map { $0 }
    let index = choices.firstIndex(of: debrief.overran) ?? 0
    switch key {
    case .left: debrief.overran = choices[(index + choices.count - 1) % choices.count]
    case .right, .character(" "): debrief.overran = choices[(index + 1) % choices.count]
    case .character("\t"): move(1)
    default: break
    }
  }

  private mutating func edit(_ key: Key) {
    var text = field == .why ? debrief.why : debrief.notes
    switch key {
    case .backspace:
      if !text.isEmpty { text.removeLast() }
    case .character("\t"):
      move(1)
      return
    case .character(let ch) where !ch.isNewline && text.count < Self.maximumText:
      guard ch.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return }
      text.append(ch)
    default: return
    }
    if field == .why { debrief.why = text } else { debrief.notes = text }
  }
}
