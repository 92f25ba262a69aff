/// The overrun review over many sessions: where the time goes, and which way it is trending.
///
/// Definitions (the JSON and the tests rely on them):
/// - median: the middle value of the sorted values; with an even count, the mean of the two in
///   the middle, rounded toward zero.
/// - p90: the nearest-rank 90th percentile, the ⌈0.9·n⌉-th smallest value.
/// - trend: Theil–Sen's slope and the Mann–Kendall test over the latest `Stats.window` values
///   (see `Trend`), read as a direction only from 5 values on with p under 0.1. A phase counts
///   in a session when it was reached and left: the phase an abandoned or incomplete session
///   stopped in is not a whole phase.
/// - halfTrend (`trend_ms` in the JSON, kept for its readers): the mean of the later half less
///   the mean of the earlier half (the middle one left out when the count is odd).
public struct Stats: Equatable, Sendable {
  public struct PhaseStats: Equatable, Sendable {
    public var phase: Phase
    /// Sessions in which the phase was whole: reached and left (or the session finished).
    public var sessions: Int
    /// The median budget.
    public var budget: Millis
    public var median: Millis
    public var p90: Millis
    /// Share of those sessions that ran over the phase's budget, 0–1.
    public var overrunRate: Double
    /// Mean overrun over those sessions (a session within budget counts as zero).
    public var meanOverrun: Millis
    public var worstOverrun: Millis
    /// Overrun per session, oldest first: what the sparkline draws.
    public var overruns: [Millis]
    /// The later half's mean overrun less the earlier half's (kept for `trend_ms`).
    public var trend: Millis?
    /// The overrun's trend (ms), over the sessions in which the phase was whole.
    public var overrunTrend: Trend?
    /// The overrun as a share of the phase's budget: its trend.
    public var shareTrend: Trend?
  }

  public struct KindStats: Equatable, Sendable {
    public var kind: CueKind
    public var fired: Int
    public var acknowledged: Int
    public var medianToAcknowledge: Millis?
    /// Pivots only.
    public var medianToReplan: Millis?
  }

  public struct ScoreStats: Equatable, Sendable {
    public var dimension: Dimension
    /// Debriefs that scored it.
    public var count: Int
    public var mean: Double?
    /// The later half's mean less the earlier half's (kept for the JSON's `trend`).
    public var trend: Double?
    /// The self-score's trend, a point a session.
    public var scoreTrend: Trend?
  }

  public var sessions: Int
  public var incomplete: Int
  public var phases: [PhaseStats]
  /// Median time worked when the drill began, over sessions that reached it.
  public var drillStartMedian: Millis?
  /// Of the sessions that reached the drill, the share that began it after the plan's drill
  /// start (25:00 in the standard plan).
  public var drillLateShare: Double?
  /// Share of sessions that reached ops.
  public var reachedOpsShare: Double?
  /// Sessions in which the compressed-close cue fired.
  public var compressedCloses: Int
  public var interjections: [KindStats]
  /// The candidate's own marks per session, by mark name (`reset`, `error_caught`, `checkin`,
  /// `recovery`).
  public var marksPerSession: [String: Double]
  /// The marks of each other source (`interviewer`, `ctl`) that marked anything, per session,
  /// by mark name: counted apart, so a check-in marked at both ends is not counted twice.
  public var marksBySource: [String: [String: Double]] = [:]
  public var scores: [ScoreStats]

  /// One interviewer's scores: each dimension's count, mean and trend, and the candidate's
  /// self-score less theirs on the sessions both scored (the gap: above zero, the candidate
  /// scored themselves higher).
  public struct InterviewerStats: Equatable, Sendable {
    public struct Dimension: Equatable, Sendable {
      public var dimension: MockCore.Dimension
      public var count: Int
      public var mean: Double?
      public var trend: Trend?
      public var gapCount: Int
      public var meanGap: Double?
      public var gapTrend: Trend?
    }
    /// The name, or nil for scores that came without one.
    public var name: String?
    public var sessions: Int
    public var dimensions: [Dimension]
  }

  /// The interviewers' scores, one entry a name (most sessions first; unnamed last), so that a
  /// harsh partner is not read as a decline.
  public var interviewers: [InterviewerStats] = []
  /// Pushback answered, and check-in targets met.
  public var composure: Composure

  /// The most values a trend reads: the latest ones. A trend is about where practice is going
  /// now, and its pairs grow as the square of the count.
  public static let window = 100

  /// The trend of the latest `window` of `values`, with each one's start for the slope a week.
  static func trend(_ values: [(Double, String)]) -> Trend? {
    let recent = values.suffix(window)
    let weeks = recent.map { CalendarDay.days($0.1).map { $0 / 7 } }
    return Trend(
      recent.map(\.0), weeks: weeks.contains(nil) ? nil : weeks.map { $0! })
  }

  /// The review of `summaries`, taken oldest first.
  public init(_ summaries: [SessionSummary]) {
    sessions = summaries.count
    // Counted, not filtered: a filter copies each summary it keeps.
    incomplete = summaries.reduce(0) { $0 + ($1.isIncomplete ? 1 : 0) }
    phases = Phase.allCases.map { phase in
      // The phase's time and the session's start, not the whole summary: copying thousands
      // of summaries is what a review's time goes on. Only whole phases count: the one an
      // abandoned or incomplete session stopped in would read as a short, early phase.
      let whole = summaries.compactMap { $0.isWhole(phase) ? ($0[phase], $0.started) : nil }
      let times = whole.map(\.0)
      let overruns = times.map(\.overrun)
      return PhaseStats(
        phase: phase, sessions: times.count, budget: Self.median(times.map(\.budget)) ?? 0,
        median: Self.median(times.map(\.actual)) ?? 0, p90: Self.p90(times.map(\.actual)) ?? 0,
        overrunRate: Self.share(overruns.filter { $0 > 0 }.count, of: times.count) ?? 0,
        meanOverrun: times.isEmpty ? 0 : overruns.reduce(0, +) / Millis(times.count),
        worstOverrun: overruns.max() ?? 0, overruns: overruns,
        trend: Self.trend(overruns.map(Double.init)).map { Millis($0.rounded()) },
        overrunTrend: Self.trend(whole.suffix(Self.window).map { (Double($0.0.overrun), $0.1) }),
        shareTrend: Self.trend(
          whole.filter { $0.0.budget > 0 }.suffix(Self.window).map {
            (Double($0.0.overrun) / Double($0.0.budget), $0.1)
          }))
    }
    let drilled = summaries.compactMap { s in
      s.drillStart.map { ($0, s.plan.start(of: .drill)) }
    }
    drillStartMedian = Self.median(drilled.map(\.0))
    drillLateShare = Self.share(
      drilled.reduce(0) { $0 + ($1.0 > $1.1 ? 1 : 0) }, of: drilled.count)
    reachedOpsShare = Self.share(
      summaries.reduce(0) { $0 + ($1[.ops].reached ? 1 : 0) }, of: summaries.count)
    compressedCloses = summaries.reduce(0) { $0 + ($1.compressedClose ? 1 : 0) }
    // One pass over every banner and mark, without copying them out.
    var fired: [CueKind: Int] = [:]
    var acks: [CueKind: [Millis]] = [:]
    var replans: [CueKind: [Millis]] = [:]
    var markCounts: [String: Int] = [:]
    var otherCounts: [Source: [String: Int]] = [:]
    // By index: `for summary in summaries` copies each summary whole.
    for i in summaries.indices {
      for b in summaries[i].banners where b.kind.isInterjection {
        fired[b.kind, default: 0] += 1
        if let at = b.acknowledgedAt { acks[b.kind, default: []].append(at - b.shownAt) }
        if let at = b.replannedAt { replans[b.kind, default: []].append(at - b.shownAt) }
      }
      for m in summaries[i].marks {
        if let source = m.source, source != .candidate {
          otherCounts[source, default: [:]][m.mark.name, default: 0] += 1
        } else {
          markCounts[m.mark.name, default: 0] += 1
        }
      }
    }
    interjections = CueKind.allCases.compactMap { kind in
      guard let count = fired[kind] else { return nil }
      return KindStats(
        kind: kind, fired: count, acknowledged: acks[kind]?.count ?? 0,
        medianToAcknowledge: Self.median(acks[kind] ?? []),
        medianToReplan: kind == .pivot ? Self.median(replans[kind] ?? []) : nil)
    }
    var marks: [String: Double] = [:]
    if !summaries.isEmpty {
      for name in ["reset", "error_caught", "checkin", "recovery"] {
        marks[name] = Double(markCounts[name] ?? 0) / Double(summaries.count)
      }
    }
    marksPerSession = marks
    for (source, counts) in otherCounts {
      marksBySource[source.rawValue] = counts.mapValues { Double($0) / Double(summaries.count) }
    }
    composure = Composure(summaries)
    interviewers = Self.interviewers(summaries)
    scores = Dimension.allCases.map { dimension in
      let scored = summaries.compactMap { s in
        s.debrief?.scores[dimension].map { (Double($0), s.started) }
      }
      let values = scored.map(\.0)
      return ScoreStats(
        dimension: dimension, count: values.count,
        mean: values.isEmpty ? nil : values.reduce(0, +) / Double(values.count),
        trend: Self.trend(values), scoreTrend: Self.trend(scored))
    }
  }

  static func interviewers(_ summaries: [SessionSummary]) -> [InterviewerStats] {
    let scored = summaries.filter { $0.interviewerDebrief != nil }
    var order: [String?] = []
    var byName: [String?: [SessionSummary]] = [:]
    for s in scored {
      if byName[s.interviewerName] == nil { order.append(s.interviewerName) }
      byName[s.interviewerName, default: []].append(s)
    }
    order.sort { a, b in
      if (a == nil) != (b == nil) { return b == nil }
      return byName[a]!.count > byName[b]!.count
    }
    return order.map { name in
      let sessions = byName[name]!
      return InterviewerStats(
        name: name, sessions: sessions.count,
        dimensions: MockCore.Dimension.allCases.map { d in
          let theirs = sessions.compactMap { s in
            s.interviewerDebrief?.scores[d].map { (Double($0), s.started) }
          }
          let gaps = sessions.compactMap { s -> (Double, String)? in
            guard let mine = s.debrief?.scores[d], let their = s.interviewerDebrief?.scores[d]
            else { return nil }
            return (Double(mine - their), s.started)
          }
          return InterviewerStats.Dimension(
            dimension: d, count: theirs.count,
            mean: theirs.isEmpty ? nil : theirs.map(\.0).reduce(0, +) / Double(theirs.count),
            trend: trend(theirs), gapCount: gaps.count,
            meanGap: gaps.isEmpty ? nil : gaps.map(\.0).reduce(0, +) / Double(gaps.count),
            gapTrend: trend(gaps))
        })
    }
  }

  public static func median(_ values: [Millis]) -> Millis? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  public static func p90(_ values: [Millis]) -> Millis? {
    guard !values.isEmpty else { return nil }
    let rank = (values.count * 9 + 9) / 10  // ⌈0.9·n⌉
    return values.sorted()[rank - 1]
  }

  public static func trend(_ values: [Double]) -> Double? {
    guard values.count >= 2 else { return nil }
    let half = values.count / 2
    let earlier = values.prefix(half)
    let later = values.suffix(half)
    return later.reduce(0, +) / Double(half) - earlier.reduce(0, +) / Double(half)
  }

  static func share(_ count: Int, of total: Int) -> Double? {
    total == 0 ? nil : Double(count) / Double(total)
  }

  /// Overruns as a row of block characters, oldest first: `▁` for none, up to `█` for the
  /// largest.
  public static func sparkline(_ values: [Millis]) -> String {
    let blocks = Array("▁▂▃▄▅▆▇█")
    let top = values.max() ?? 0
    return String(
      values.map { value in
        value <= 0 || top <= 0 ? blocks[0] : blocks[min(7, 1 + Int(value * 6 / top))]
      })
  }
}
