/// Pushback answered and check-ins against a target, for one session or many: what `show`,
/// `stats` and the debrief say of `run --hostile` and `--checkins`.
public struct Composure: Equatable, Sendable {
  /// How often each answer was given, and how long after the banner.
  public struct Answers: Equatable, Sendable {
    public var answer: PushbackAnswer
    public var count: Int
    public var medianAfter: Millis?
  }

  /// Pushback banners shown.
  public var pushbacks: Int
  public var answers: [Answers]
  /// Pushbacks with no answer recorded.
  public var unanswered: Int
  /// The median time from a banner to its answer, over all answers.
  public var medianAfter: Millis?
  /// Sessions with a check-in target, and those that met it.
  public var targets: Int
  public var targetsMet: Int

  public init(_ sessions: [SessionSummary]) {
    let banners = sessions.flatMap(\.pushbacks)
    pushbacks = banners.count
    var after: [PushbackAnswer: [Millis]] = [:]
    for b in banners {
      if let answer = b.answer, let at = b.answeredAt {
        after[answer, default: []].append(at - b.shownAt)
      }
    }
    answers = PushbackAnswer.allCases.map {
      Answers(answer: $0, count: after[$0]?.count ?? 0, medianAfter: Stats.median(after[$0] ?? []))
    }
    unanswered = banners.filter { $0.answer == nil }.count
    medianAfter = Stats.median(after.values.flatMap { $0 })
    targets = sessions.filter { $0.checkinTarget != nil }.count
    targetsMet = sessions.filter { $0.checkinsMet == true }.count
  }

  public func count(_ answer: PushbackAnswer) -> Int {
    answers.first { $0.answer == answer }?.count ?? 0
  }

  /// What to work on, when there is anything: giving way first.
  public var toFix: String? {
    let gave = count(.gaveWay)
    guard gave > 0 else { return nil }
    return "To fix: you gave way \(gave) time\(gave == 1 ? "" : "s") of \(pushbacks). Restate "
      + "the reason behind the choice, then ask which constraint the interviewer has in mind; "
      + "change only for a reason you can say."
  }

  /// The answers in a line: `held 4 · changed 2 · gave way 1 · 1 unanswered`.
  public var answerLine: String {
    var parts = answers.map { "\($0.answer.short) \($0.count)" }
    if unanswered > 0 { parts.append("\(unanswered) unanswered") }
    return parts.joined(separator: " · ")
  }

  /// A session's pushback and check-ins, for `show` and the debrief; empty when it had none.
  public static func lines(_ s: SessionSummary) -> [String] {
    var out: [String] = []
    let c = Composure([s])
    if c.pushbacks > 0 {
      var head = "Pushback: \(c.pushbacks)"
      if let hostile = s.hostile {
        head += " (hostile for the first \(DurationText.clock(hostile)))"
      }
      head += " · " + c.answerLine
      if let median = c.medianAfter {
        head += " · answered in \(DurationText.clock(median)) (median)"
      }
      out.append(head)
      for b in s.pushbacks {
        let answered =
          b.answer.map { a in
            "\(a.label), after \(DurationText.clock((b.answeredAt ?? b.shownAt) - b.shownAt))"
          } ?? "no answer recorded"
        out.append(
          "  \(DurationText.clock(b.shownAt).padding(6, left: true))  \(answered): \(b.message)")
      }
      if let fix = c.toFix { out.append(fix) }
    }
    out += checkinLines(s)
    return out
  }

  /// Whether the check-in target was met, and when each counted one came.
  public static func checkinLines(_ s: SessionSummary) -> [String] {
    guard let target = s.checkinTarget else { return [] }
    let times = s.checkins.map(DurationText.clock).joined(separator: ", ")
    let met = s.checkins.count >= target ? "target met" : "target not met"
    return [
      "Check-ins: \(s.checkins.count) of \(target), \(met)"
        + (times.isEmpty ? "" : " (worked time \(times))")
        + "; each counts \(DurationText.clock(s.checkinSpacing)) or more after the last"
    ]
  }
}
