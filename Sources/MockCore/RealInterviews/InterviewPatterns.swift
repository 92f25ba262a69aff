/// The pattern over real interviews: outcomes over time; for the rejections, the weakest
/// dimension each time and which recurs; the gaps the write-ups name that recur (their tags and
/// the phases named); and the mocks done in the weeks before each. One rejection says nothing:
/// below five, no pattern is called.
public struct InterviewPatterns: Equatable, Sendable {
  public struct Rejection: Equatable, Sendable {
    public var id: String
    public var title: String
    public var at: Int64
    public var zone: Int
    /// Every dimension tied at the lowest score; empty without scores.
    public var weakest: [Dimension]
    /// Mocks in the two weeks before, and the mean of their self-scores on the weakest
    /// dimension (nil without one scored).
    public var mocks: Int
    public var mockMean: Double?
  }

  /// Fewer rejections than this call no pattern.
  public static let enough = 5
  /// How far back from an interview its mocks are counted.
  public static let mockWindow: Int64 = 14 * 86_400

  /// Every interview, oldest first.
  public var interviews: [RealInterview]
  public var rejections: [Rejection]
  /// How often each dimension was the weakest in a rejection.
  public var weakestCounts: [Dimension: Int]
  /// The dimensions weakest most often (twice or more), when there are enough rejections.
  public var recurring: [Dimension]
  /// Tags and phases named in two write-ups or more, most often first.
  public var tags: [(String, Int)]
  public var phases: [(Phase, Int)]

  public var tooEarly: Bool { rejections.count < Self.enough }

  public static func == (a: InterviewPatterns, b: InterviewPatterns) -> Bool {
    a.interviews == b.interviews && a.rejections == b.rejections
      && a.weakestCounts == b.weakestCounts && a.recurring == b.recurring
      && a.tags.map(\.0) == b.tags.map(\.0) && a.tags.map(\.1) == b.tags.map(\.1)
      && a.phases.map(\.0) == b.phases.map(\.0) && a.phases.map(\.1) == b.phases.map(\.1)
  }

  /// `mocks`: each mock's start (seconds since the epoch) and its self-scores.
  public init(_ all: [RealInterview], mocks: [(started: Int64, scores: [Dimension: Int])] = []) {
    interviews = all.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
    rejections = interviews.filter { $0.outcome == .rejected }.map { interview in
      let before = mocks.filter {
        $0.started < interview.at && interview.at - $0.started <= Self.mockWindow
      }
      let scores = interview.weakest.first.map { weak in before.compactMap { $0.scores[weak] } }
      let mean = scores.flatMap { $0.isEmpty ? nil : Double($0.reduce(0, +)) / Double($0.count) }
      return Rejection(
        id: interview.id, title: interview.title, at: interview.at, zone: interview.zone,
        weakest: interview.weakest, mocks: before.count, mockMean: mean)
    }
    var counts: [Dimension: Int] = [:]
    for rejection in rejections {
      for dimension in rejection.weakest { counts[dimension, default: 0] += 1 }
    }
    weakestCounts = counts
    let top = counts.values.max() ?? 0
    recurring =
      rejections.count >= Self.enough && top >= 2
      ? Dimension.allCases.filter { counts[$0] == top } : []
    var tagCounts: [String: Int] = [:]
    var phaseCounts: [Phase: Int] = [:]
    for interview in interviews {
      for tag in Set(interview.tags) { tagCounts[tag, default: 0] += 1 }
      for phase in RealInterviewForms.phasesNamed(interview.writeup ?? "") {
        phaseCounts[phase, default: 0] += 1
      }
    }
    tags = tagCounts.filter { $0.value >= 2 }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
      .map { ($0.key, $0.value) }
    phases = Phase.allCases.compactMap { phase in
      phaseCounts[phase].flatMap { $0 >= 2 ? (phase, $0) : nil }
    }.sorted { $0.1 > $1.1 }
  }

  /// `interview patterns` in words.
  public var lines: [String] {
    guard !interviews.isEmpty else {
      return ["no real interviews yet: 'mockroom interview new' adds one"]
    }
    var out = ["Outcomes, oldest first:"]
    for interview in interviews {
      let date = String(CivilTime.format(interview.at, zone: interview.zone).prefix(10))
      out.append("  \(date)  \(interview.outcome?.rawValue ?? "waiting")  \(interview.title)")
    }
    let count = rejections.count
    out.append("")
    out.append("Rejections: \(count).")
    for rejection in rejections {
      let date = String(CivilTime.format(rejection.at, zone: rejection.zone).prefix(10))
      let weak =
        rejection.weakest.isEmpty
        ? "no self-scores" : "weakest " + rejection.weakest.map(\.title).joined(separator: ", ")
      var mocks =
        "\(rejection.mocks) mock\(rejection.mocks == 1 ? "" : "s") in the two weeks before"
      if let mean = rejection.mockMean, let weakest = rejection.weakest.first {
        mocks += ", scoring \(String(format1(mean))) on \(weakest.rawValue)"
      }
      out.append("  \(date)  \(rejection.title): \(weak); \(mocks)")
    }
    if tooEarly {
      out.append(
        "Too early to call a pattern: \(count) rejection\(count == 1 ? "" : "s"), and one "
          + "tells you little. Look again at \(Self.enough).")
    } else if recurring.isEmpty {
      out.append("No dimension is the weakest more than once: no pattern in the scores.")
    } else {
      let times = weakestCounts[recurring[0]] ?? 0
      out.append(
        "Recurring weakest dimension: "
          + recurring.map(\.title).joined(separator: " and ")
          + " (\(times) of \(count) rejections).")
    }
    if !tags.isEmpty {
      out.append(
        "Gaps named more than once: " + tags.map { "\($0.0) (\($0.1))" }.joined(separator: ", "))
    }
    if !phases.isEmpty {
      out.append(
        "Phases the write-ups keep naming: "
          + phases.map { "\($0.0.name) (\($0.1))" }.joined(separator: ", "))
    }
    return out
  }
}

/// `3.5`: one decimal.
func format1(_ value: Double) -> String {
  let tenths = Int((value * 10).rounded())
  return "\(tenths / 10).\(abs(tenths % 10))"
}
