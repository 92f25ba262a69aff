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
  /// Who gave an interviewer's scores, as they named themselves (`interviewer --name`).
  public var by: String?

  public init(
    scores: [Dimension: Int] = [:], overran: Phase? = nil, why: String = "", notes: String = ""
  ) {
    self.scores = scores
    self.overran = overran
    self.why = why
    self.notes = notes
  }

  /// What a name for an interviewer must be, in words.
  public static let nameRule = "give a name of 1 to 40 characters, without control characters"

  /// `text` as an interviewer's name (trimmed), or nil when it is not one.
  public static func interviewerName(_ text: String) -> String? {
    let name = String(
      text.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: {
        $0 == " " || $0 == "\t"
      }).reversed())
    guard (1...40).contains(name.count),
      !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    else { return nil }
    return name
  }
}
