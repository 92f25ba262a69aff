/// The pre-mortem's and the write-up's templates, opened in the person's editor, and what is
/// read back from them: whether anything was written, the recovery moves named, the scores
/// and the tags. Problems are at the line of the edited file.
public enum RealInterviewForms {
  /// The line a recovery move is named on, in the pre-mortem.
  public static let moveLabel = "Recovery move:"
  /// The moves by the names the pre-mortem takes.
  public static let moveNames = RecoveryMove.allCases.map(\.name)

  public static func premortemTemplate(_ interview: RealInterview) -> String {
    """
    <!-- Pre-mortem for \(interview.title), \(CivilTime.shown(interview.at, zone: interview.zone)).
         Imagine it has gone badly. Write below; leave this file as it is to save nothing. -->

    ### The three things most likely to go wrong

    1. 
       \(moveLabel) 
    2. 
       \(moveLabel) 
    3. 
       \(moveLabel) 

    <!-- A recovery move is one of: \(moveNames.joined(separator: ", ")). -->

    ### Good enough, phase by phase

    - clarify: 
    - estimate: 
    - design: 
    - drill: 
    - ops: 

    """
  }

  public static func writeupTemplate(_ interview: RealInterview) -> String {
    var premortem = ""
    if let text = interview.premortem, !text.isEmpty {
      // The numbered lines with words after the number: the risks written down.
      let risks = text.split(separator: "\n").filter { line in
        let trimmed = line.trimmingWhitespace
        guard let first = trimmed.first, ("1"..."3").contains(first) else { return false }
        return !trimmed.drop { $0.isNumber || $0 == "." || $0 == ")" }.trimmingWhitespace.isEmpty
      }
      if !risks.isEmpty {
        premortem =
          "What you feared:\n"
          + risks.map { "> " + $0.trimmingWhitespace }.joined(
            separator: "\n") + "\n"
      }
    }
    let scores = Dimension.allCases.map { "- \($0.rawValue): " }.joined(separator: "\n")
    return """
      <!-- Write-up of \(interview.title), \(CivilTime.shown(interview.at, zone: interview.zone)).
           Write while it is fresh. Leave this file as it is to save nothing. -->

      ### The design questions asked

      ### Moments of uncertainty or error

      ### What I could not answer

      ### Stories told, and their follow-ups

      ### The interviewer's signals

      ### The pre-mortem, checked

      \(premortem)Did what you feared happen? Did the move work?

      ### Self-scores

      <!-- 1 (weak) to 5 (strong); leave one blank to skip it. \(Dimension.allCases.map {
        "\($0.rawValue): \($0.title)" }.joined(separator: "; ")). -->
      \(scores)

      ### After action

      - What was supposed to happen: 
      - What happened: 
      - What to do next time: 

      ### Gaps

      <!-- Short tags for what was missing, comma-separated, e.g. capacity-math, kv-cache. -->
      tags: 

      """
  }

  /// Whether `edited` says nothing more than `template`: the same once spaces at line ends and
  /// blank lines are set aside, or nothing at all.
  public static func isUntouched(_ edited: String, template: String) -> Bool {
    func squeezed(_ text: String) -> [String] {
      text.split(separator: "\n").map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
    }
    let lines = squeezed(edited)
    return lines.isEmpty || lines == squeezed(template)
  }

  /// What was written, with the guidance comments taken out.
  public static func cleaned(_ edited: String) -> String {
    var out: [Substring] = []
    var inComment = false
    for line in edited.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingWhitespace
      if inComment {
        if trimmed.hasSuffix("-->") { inComment = false }
        continue
      }
      if trimmed.hasPrefix("<!--") {
        inComment = !trimmed.hasSuffix("-->")
        continue
      }
      if [RealInterviewFile.premortemHeading, RealInterviewFile.writeupHeading].contains(where: {
        $0.lowercased() == trimmed.lowercased()
      }) {
        // The file's own headings cannot be inside a section: demoted, kept.
        out.append("#" + line)
        continue
      }
      out.append(line)
    }
    return out.joined(separator: "\n").trimmingWhitespace
  }

  /// The recovery moves named in a pre-mortem that are none of the five.
  public static func premortemProblems(_ edited: String, file: String) -> [PromptProblem] {
    var problems: [PromptProblem] = []
    for (index, line) in lines(edited) {
      let trimmed = line.trimmingWhitespace
      guard trimmed.lowercased().hasPrefix(moveLabel.lowercased()) else { continue }
      let named = trimmed.dropFirst(moveLabel.count).trimmingWhitespace
      guard !named.isEmpty else { continue }
      let word = named.lowercased().replacingSpaces
      if !moveNames.contains(word), !moveNames.contains(word + "_system") {
        let hint = closest(to: word, in: moveNames, limit: 1).first.map {
          " (did you mean '\($0)'?)"
        }
        problems.append(
          PromptProblem(
            file: file, line: index, column: 1,
            message: "'\(named)' is not a recovery move\(hint ?? ""); name one of "
              + moveNames.joined(separator: ", ")))
      }
    }
    return problems
  }

  /// The write-up's self-scores and tags, or what is wrong with them.
  public static func writeupFields(_ edited: String, file: String) -> (
    scores: [String: Int], tags: [String], problems: [PromptProblem]
  ) {
    var scores: [String: Int] = [:]
    var tags: [String] = []
    var problems: [PromptProblem] = []
    var inScores = false
    for (index, line) in lines(edited) {
      let trimmed = line.trimmingWhitespace
      if trimmed.hasPrefix("#") {
        inScores = trimmed.lowercased().contains("self-scores")
        continue
      }
      if trimmed.lowercased().hasPrefix("tags:") {
        tags = trimmed.dropFirst(5).split(separator: ",").map { $0.trimmingWhitespace.lowercased() }
          .filter { !$0.isEmpty }
        continue
      }
      guard inScores, trimmed.hasPrefix("-"), let colon = trimmed.firstIndex(of: ":") else {
        continue
      }
      let name = trimmed[trimmed.index(after: trimmed.startIndex)..<colon].trimmingWhitespace
      let value = trimmed[trimmed.index(after: colon)...].trimmingWhitespace
      guard let dimension = Dimension(word: name) else {
        problems.append(
          PromptProblem(
            file: file, line: index, column: 1,
            message: "'\(name)' is not a dimension; use "
              + Dimension.allCases.map(\.rawValue).joined(separator: ", ")))
        continue
      }
      guard !value.isEmpty else { continue }
      guard let score = Int(value), (1...5).contains(score) else {
        problems.append(
          PromptProblem(
            file: file, line: index, column: 1,
            message: "\(dimension.rawValue): '\(value)' is not a score; give a whole number "
              + "from 1 to 5, or leave it blank"))
        continue
      }
      scores[dimension.rawValue] = score
    }
    return (scores, tags, problems)
  }

  /// `--score numerical=2`: the dimension and the score, or why not.
  public static func score(_ text: String) -> Result<(Dimension, Int), PromptProblem> {
    func fail(_ why: String) -> Result<(Dimension, Int), PromptProblem> {
      .failure(PromptProblem(file: "--score", line: 1, column: 1, message: why))
    }
    let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace }
    guard parts.count == 2 else { return fail("'\(text)': give it as dimension=score") }
    guard let dimension = Dimension(word: parts[0]) else {
      return fail(
        "'\(parts[0])' is not a dimension; use "
          + Dimension.allCases.map(\.rawValue).joined(separator: ", "))
    }
    guard let score = Int(parts[1]), (1...5).contains(score) else {
      return fail("'\(parts[1])' is not a score: give a whole number from 1 to 5")
    }
    return .success((dimension, score))
  }

  /// The phases a write-up names, each once, in the phases' order.
  public static func phasesNamed(_ text: String) -> [Phase] {
    let words = Set(
      text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
    return Phase.allCases.filter { words.contains($0.name) }
  }

  /// Lines with their 1-based numbers.
  static func lines(_ text: String) -> [(Int, Substring)] {
    text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
      ($0.offset + 1, $0.element)
    }
  }
}

extension StringProtocol {
  /// Spaces and hyphens as underscores: `similar system` is `similar_system`.
  var replacingSpaces: String {
    String(map { $0 == " " || $0 == "-" ? "_" : $0 })
  }
}
