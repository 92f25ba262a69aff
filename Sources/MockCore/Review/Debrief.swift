/// The five dimensions a candidate scores themselves on after a mock.
public enum Dimension: String, CaseIterable, Equatable, Hashable, Sendable {
  case judgment, numbers, tradeoffs, operations, recovery

  /// How the dimension is named on screen.
  public var title: String {
    switch self {
    case .judgment: "judgment under ambiguity"
    case .numbers: "numerical fluency"
    case .tradeoffs: "tradeoff awareness"
    case .operations: "operational realism"
    case .recovery: "recovery and self-correction"
    }
  }
}

/// What the candidate says about a session afterwards. Saved as a line of the session's record;
/// a later debrief of the same session replaces an earlier one.
public struct Debrief: Equatable, Hashable, Sendable {
  /// 1–5 for each dimension scored; a dimension left blank has no entry.
  public var scores: [Dimension: Int]
  /// The phase that ran over, in the candidate's view.
  public var overran: Phase?
  /// Why it ran over.
  public var why: String
  /// What to change next time.
  public var notes: String

  public init(
    scores: [Dimension: Int] = [:], overran: Phase? = nil, why: String = "", notes: String = ""
  ) {
    self.scores = scores
    self.overran = overran
    self.why = why
    self.notes = notes
  }
}
