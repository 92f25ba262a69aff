/// The candidate's closing questions (`questions.md`): read from the file, checked against the
/// weak kinds the method names, and two chosen for the last 90 seconds.
public enum ClosingQuestions {
  /// One question of the file, with the line it is on.
  public struct Question: Equatable, Sendable {
    public var text: String
    public var line: Int
    public init(text: String, line: Int) {
      self.text = text
      self.line = line
    }
  }

  /// The questions in `text`: one per line, a leading bullet (`-`, `*`, `+`) or number (`1.`,
  /// `2)`) taken off. Blank lines, headings (`#`) and HTML comments are not questions.
  public static func parse(_ text: String) -> [Question] {
    var out: [Question] = []
    var inComment = false
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var line = raw.trimmingCharacters(in: .whitespaces)
      if inComment {
        if line.contains("-->") { inComment = false }
        continue
      }
      if line.hasPrefix("<!--") {
        inComment = !line.contains("-->")
        continue
      }
      if line.isEmpty || line.hasPrefix("#") { continue }
      if let first = line.first, "-*+".contains(first) {
        line = String(line.dropFirst()).trimmingCharacters(in: .whitespaces)
        // A task-list box: `- [ ] question`.
        for box in ["[ ]", "[x]", "[X]"] where line.hasPrefix(box) {
          line = String(line.dropFirst(box.count)).trimmingCharacters(in: .whitespaces)
        }
      } else {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        let rest = line.dropFirst(digits.count)
        if !digits.isEmpty, let mark = rest.first, mark == "." || mark == ")" {
          line = String(rest.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
      }
      if !line.isEmpty { out.append(Question(text: line, line: index + 1)) }
    }
    return out
  }

  /// A weak kind of closing question, as the method names them.
  public enum Weakness: String, CaseIterable, Equatable, Sendable {
    case techStack = "tech stack"
    case culture = "culture in general"
    case hours
    case vagueGrowth = "vague growth"
    case posting = "answered by the posting"

    /// Why a question of this kind is weak, in a sentence.
    public var reason: String {
      switch self {
      case .techStack:
        "The tools are easy to look up and say little about the work; ask what the tools are failing at."
      case .culture:
        "Asked in general it gets a brochure answer; ask about one concrete moment instead."
      case .hours:
        "It reads as the first thing on your mind; learn it from the recruiter, not the interviewer."
      case .vagueGrowth:
        "Too open to answer well; tie it to what the first months would have you own."
      case .posting:
        "The job posting or the company's site answers it, so asking shows you did not read them."
      }
    }

    /// Words that give the kind away, matched in lower case.
    var signs: [String] {
      switch self {
      case .techStack:
        [
          "tech stack", "stack do you", "what stack", "technologies", "what languages",
          "which languages", "what language", "programming language", "framework", "what tools",
          "which tools",
        ]
      case .culture:
        // The general question only: "culture" in a question about one concrete moment
        // ("how did the on-call culture change after that incident?") is what the method wants.
        [
          "the culture like", "what is the culture", "what's the culture", "describe the culture",
          "about the culture", "company culture", "culture here", "culture of the team",
          "culture at ", "team's culture", "what is it like to work", "what's it like to work",
          "work environment", "what is the team like", "what's the team like",
          "like working here", "vibe",
        ]
      case .hours:
        [
          "hours", "work-life", "work life", "overtime", "weekends", "vacation", "time off",
          "pto", "remote", "work from home", "flexible",
        ]
      case .vagueGrowth:
        [
          "growth", "room to grow", "help me grow", "career", "promotion", "opportunities to learn",
          "learning opportunities",
          "advance",
        ]
      case .posting:
        [
          "what does the team do", "what does the company do", "what is the role",
          "what's the role", "responsibilities", "what products", "what do you build",
          "how big is the team", "how many people", "salary", "benefits", "when was the company",
          "who are your customers",
        ]
      }
    }
  }

  /// The strong kinds, to suggest in place of weak ones.
  public static let strongKinds = [
    "the team's dominant bottleneck: what slows you down most right now?",
    "a typical incident: what was the last thing that paged someone, and what changed after?",
    "success early on: what would make the first three to six months a clear win?",
    "a decision you would reverse: which choice in this system would the team make differently now?",
  ]

  /// The weak kind `question` is of, if any: the first whose signs it shows.
  public static func weakness(of question: String) -> Weakness? {
    let lower = question.lowercased()
    return Weakness.allCases.first { kind in kind.signs.contains { lower.contains($0) } }
  }

  /// What the last-90 banner shows: the two (or `count`) to show of the strong questions only
  /// (`questions check` flags none of them), and whether the file has questions but no strong
  /// one, for the banner to say so.
  public static func forBanner(_ questions: [String], lastShown: [String: String], count: Int = 2)
    -> (questions: [String], noneStrong: Bool)
  {
    let strong = questions.filter { weakness(of: $0) == nil }
    return (
      choose(strong, lastShown: lastShown, count: count), !questions.isEmpty && strong.isEmpty
    )
  }

  /// The two (or `count`) to show: never shown first, in the file's order, then the longest
  /// since shown. `lastShown` maps a question's text to when it was last shown (any order
  /// that sorts by time, such as RFC 3339).
  public static func choose(_ questions: [String], lastShown: [String: String], count: Int = 2)
    -> [String]
  {
    let order = questions.enumerated().sorted { a, b in
      switch (lastShown[a.element], lastShown[b.element]) {
      case (nil, nil): a.offset < b.offset
      case (nil, _): true
      case (_, nil): false
      case (let x?, let y?): x == y ? a.offset < b.offset : x < y
      }
    }
    var seen = Set<String>()
    return order.map(\.element).filter { seen.insert($0).inserted }.prefix(count).map { $0 }
  }
}
