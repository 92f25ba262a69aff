import Foundation

/// The review commands' `--json` and `--csv` output. Stable: fields are only added; `v` changes
/// if one changes meaning. A value that is unknown (no session reached the drill) is absent.
public enum ReviewJSON {
  public static let version = 1

  struct PhaseJSON: Encodable {
    var phase: String
    /// `budget_ms` as the session ended, `start_budget_ms` as it began.
    var budget_ms, start_budget_ms, actual_ms, overrun_ms: Int64
    var reached: Bool
  }

  struct SessionJSON: Encodable {
    var id, title, started: String
    var prompt: String?
    var seed: UInt64?
    var outcome, reason: String?
    var incomplete: Bool
    /// The plan's name (`standard`, `screen-35`, a file's name, or `custom`).
    var plan: String
    var plan_ms, worked_ms, length_ms: Int64
    var phases: [PhaseJSON]
    /// `run --hostile`: the stretch of pushback, worked time.
    var hostile_ms: Int64?
    /// `--checkins N`, and the worked time of each check-in that counted.
    var checkin_target: Int?
    var checkins_ms: [Int64]?
    var checkins_met: Bool?
    /// Who interviewed (`run --interviewer`, or the name the scores came with).
    var interviewer: String?
  }

  struct BannerJSON: Encodable {
    var banner: Int
    var cue, kind: String
    var text, phase: String?
    var shown_ms: Int64
    var late_ms, acknowledged_after_ms, replanned_after_ms: Int64?
    var retired: Bool
    /// A pushback's answer (`held`, `changed`, `gave_way`) and how long after the banner.
    var answer: String?
    var answered_after_ms: Int64?
    /// The closing questions on the last-90-seconds banner.
    var questions: [String]?
  }

  struct MarkJSON: Encodable {
    var t_ms: Int64
    var mark: String
    var move: String?
    var source: String?
  }

  struct NoteJSON: Encodable {
    var t_ms: Int64
    var text: String
    var source: String?
  }

  struct DebriefJSON: Encodable {
    var scores: [String: Int]
    var overran: String?
    var why, notes: String
  }

  struct DetailJSON: Encodable {
    var session: SessionJSON
    var banners: [BannerJSON]
    var marks: [MarkJSON]
    var notes: [NoteJSON]
    var debrief: DebriefJSON?
    var interviewer_debrief: DebriefJSON?
  }

  static func session(_ s: SessionSummary) -> SessionJSON {
    // A record without an end was found incomplete: that is its reason.
    var reason: String? = s.isIncomplete ? "found_incomplete" : nil
    // A signal is named by itself (`SIGTERM`).
    if let ending = s.ending { reason = ending.reason.signal ?? ending.reason.name }
    return SessionJSON(
      id: s.id, title: s.title, started: s.started, prompt: s.prompt, seed: s.seed,
      outcome: s.ending?.outcome.rawValue, reason: reason, incomplete: s.isIncomplete,
      plan: s.plan.name, plan_ms: s.plan.total, worked_ms: s.active, length_ms: s.length,
      phases: s.phases.map {
        PhaseJSON(
          phase: $0.phase.name, budget_ms: $0.budget, start_budget_ms: s.startPlan[$0.phase],
          actual_ms: $0.actual,
          overrun_ms: $0.overrun, reached: $0.reached)
      }, hostile_ms: s.hostile, checkin_target: s.checkinTarget,
      checkins_ms: s.checkinTarget == nil ? nil : s.checkins, checkins_met: s.checkinsMet,
      interviewer: s.interviewerName)
  }

  static func debrief(_ d: Debrief) -> DebriefJSON {
    DebriefJSON(
      scores: Dictionary(uniqueKeysWithValues: d.scores.map { ($0.key.rawValue, $0.value) }),
      overran: d.overran?.name, why: d.why, notes: d.notes)
  }

  static func encode(_ value: some Encodable) -> String { WireJSON.text(value) }

  /// `interview list --json`: every real interview's summary, each field under its snake_case
  /// name (times in seconds since 1970, UTC, with the `zone` they were written in).
  public static func interviews(_ interviews: [RealInterview]) -> String {
    WireJSON.text(Versioned(body: interviews, key: "interviews"), snakeCase: true)
  }

  struct Versioned<Body: Encodable>: Encodable {
    var v = ReviewJSON.version
    var body: Body
    var key: String
    struct Key: CodingKey {
      var stringValue: String
      var intValue: Int? { nil }
      init(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }
    }
    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: Key.self)
      try c.encode(v, forKey: Key(stringValue: "v"))
      try c.encode(body, forKey: Key(stringValue: key))
    }
  }

  /// `{"v":1,"sessions":[…],"drills":[…]}`.
  public static func history(_ summaries: [SessionSummary], drills: [DrillSummary] = []) -> String {
    struct History: Encodable {
      var v = ReviewJSON.version
      var sessions: [SessionJSON]
      var drills: [DrillJSON]
    }
    return encode(History(sessions: summaries.map(session), drills: drills.map(drill)))
  }

  /// `{"v":1,"show":{"session":…,"banners":[…],"marks":[…],"debrief":…}}`.
  public static func show(_ s: SessionSummary) -> String {
    let detail = DetailJSON(
      session: session(s),
      banners: s.banners.map { b in
        BannerJSON(
          banner: b.number, cue: b.cue, kind: b.kind.rawValue, text: b.text, phase: b.phase?.name,
          shown_ms: b.shownAt, late_ms: b.late,
          acknowledged_after_ms: b.acknowledgedAt.map { $0 - b.shownAt },
          replanned_after_ms: b.replannedAt.map { $0 - b.shownAt }, retired: b.retired,
          answer: b.answer?.rawValue, answered_after_ms: b.answeredAt.map { $0 - b.shownAt },
          questions: b.questions.isEmpty ? nil : b.questions)
      },
      marks: s.marks.map { m in
        var move: String?
        if case .recovery(let which) = m.mark { move = which.name }
        return MarkJSON(t_ms: m.t, mark: m.mark.name, move: move, source: m.source?.rawValue)
      },
      notes: s.notes.map { NoteJSON(t_ms: $0.t, text: $0.text, source: $0.source?.rawValue) },
      debrief: s.debrief.map(debrief), interviewer_debrief: s.interviewerDebrief.map(debrief))
    return encode(Versioned(body: detail, key: "show"))
  }

  /// A list of whole numbers, written as an array is, each through the encoder's own call for
  /// a 64-bit integer: an `[Int64]` goes through the generic call, which casts every element
  /// (the 50,000 overruns of 10,000 sessions were a seventh of `stats --json`'s time).
  struct Numbers: Encodable {
    var values: [Int64]
    init(_ values: [Int64]) { self.values = values }
    func encode(to encoder: Encoder) throws {
      var c = encoder.unkeyedContainer()
      for value in values { try c.encode(value) }
    }
  }

  struct StatsJSON: Encodable {
    struct Phase: Encodable {
      var phase: String
      var sessions: Int
      var budget_ms, median_ms, p90_ms, mean_overrun_ms, worst_overrun_ms: Int64
      var overrun_rate: Double
      var overruns_ms: Numbers
      var trend_ms: Int64?
      var overrun_trend, share_trend: TrendJSON?
    }
    struct Kind: Encodable {
      var kind: String
      var fired, acknowledged: Int
      var median_to_acknowledge_ms, median_to_replan_ms: Int64?
    }
    struct Score: Encodable {
      var dimension: String
      var count: Int
      var mean, trend: Double?
      var score_trend: TrendJSON?
    }
    var sessions, incomplete, compressed_closes: Int
    var phases: [Phase]
    var drill_start_median_ms: Int64?
    var drill_late_share, reached_ops_share: Double?
    var interjections: [Kind]
    var marks_per_session: [String: Double]
    var marks_by_source: [String: [String: Double]]
    var scores: [Score]
    var composure: ComposureJSON
    var drills: DrillStatsJSON?
    var interviewers: [InterviewerJSON]
  }

  struct InterviewerJSON: Encodable {
    struct Score: Encodable {
      var dimension: String
      var count, gap_count: Int
      var mean, mean_gap: Double?
      var trend, gap_trend: TrendJSON?
    }
    var name: String?
    var sessions: Int
    var scores: [Score]
  }

  /// A trend's figures and its reading (`improving`, `worse`, `flat`, `too few to tell`,
  /// `no clear trend`).
  struct TrendJSON: Encodable {
    var n, s: Int
    var variance, z, p, tau, slope: Double
    var slope_per_week: Double?
    var reading: String

    init?(_ trend: Trend?, _ unit: TrendText.Unit) {
      guard let trend else { return nil }
      (n, s, variance, z, p, tau, slope) = (
        trend.n, trend.s, trend.variance, trend.z, trend.p, trend.tau, trend.slope
      )
      slope_per_week = trend.slopePerWeek
      reading = TrendText.reading(trend, unit).rawValue
    }
  }

  struct ComposureJSON: Encodable {
    struct Answer: Encodable {
      var answer: String
      var count: Int
      var median_after_ms: Int64?
    }
    var pushbacks, unanswered, checkin_targets, checkin_targets_met: Int
    var answers: [Answer]
    var median_to_answer_ms: Int64?
  }

  /// `{"v":1,"stats":{…}}`.
  public static func stats(_ st: Stats, drills: DrillStats? = nil) -> String {
    let body = StatsJSON(
      sessions: st.sessions, incomplete: st.incomplete, compressed_closes: st.compressedCloses,
      phases: st.phases.map {
        StatsJSON.Phase(
          phase: $0.phase.name, sessions: $0.sessions, budget_ms: $0.budget, median_ms: $0.median,
          p90_ms: $0.p90, mean_overrun_ms: $0.meanOverrun, worst_overrun_ms: $0.worstOverrun,
          overrun_rate: $0.overrunRate, overruns_ms: Numbers($0.overruns), trend_ms: $0.trend,
          overrun_trend: TrendJSON($0.overrunTrend, .time),
          share_trend: TrendJSON($0.shareTrend, .share))
      },
      drill_start_median_ms: st.drillStartMedian, drill_late_share: st.drillLateShare,
      reached_ops_share: st.reachedOpsShare,
      interjections: st.interjections.map {
        StatsJSON.Kind(
          kind: $0.kind.rawValue, fired: $0.fired, acknowledged: $0.acknowledged,
          median_to_acknowledge_ms: $0.medianToAcknowledge, median_to_replan_ms: $0.medianToReplan)
      },
      marks_per_session: st.marksPerSession, marks_by_source: st.marksBySource,
      scores: st.scores.map {
        StatsJSON.Score(
          dimension: $0.dimension.rawValue, count: $0.count, mean: $0.mean, trend: $0.trend,
          score_trend: TrendJSON($0.scoreTrend, .score))
      },
      composure: ComposureJSON(
        pushbacks: st.composure.pushbacks, unanswered: st.composure.unanswered,
        checkin_targets: st.composure.targets, checkin_targets_met: st.composure.targetsMet,
        answers: st.composure.answers.map {
          ComposureJSON.Answer(
            answer: $0.answer.rawValue, count: $0.count, median_after_ms: $0.medianAfter)
        }, median_to_answer_ms: st.composure.medianAfter),
      drills: drills.flatMap { $0.drills > 0 ? drillStats($0) : nil },
      interviewers: st.interviewers.map { i in
        InterviewerJSON(
          name: i.name, sessions: i.sessions,
          scores: i.dimensions.map {
            InterviewerJSON.Score(
              dimension: $0.dimension.rawValue, count: $0.count, gap_count: $0.gapCount,
              mean: $0.mean, mean_gap: $0.meanGap, trend: TrendJSON($0.trend, .score),
              gap_trend: TrendJSON($0.gapTrend, .gap))
          })
      })
    return encode(Versioned(body: body, key: "stats"))
  }

  /// One row per session and phase, under a header.
  public static func csv(_ summaries: [SessionSummary]) -> String {
    var out =
      "session,started,prompt,phase,budget_ms,actual_ms,overrun_ms,reached,incomplete,"
      + "hostile_ms,held,changed,gave_way,checkins,checkin_target\n"
    for s in summaries {
      // The session's pushback and check-ins, repeated on each of its rows.
      let c = Composure([s])
      let composure = [
        s.hostile.map(String.init) ?? "", "\(c.count(.held))", "\(c.count(.changed))",
        "\(c.count(.gaveWay))", s.checkinTarget == nil ? "" : "\(s.checkins.count)",
        s.checkinTarget.map(String.init) ?? "",
      ]
      for p in s.phases {
        out +=
          ([
            s.id, s.started, s.prompt ?? "", p.phase.name, "\(p.budget)", "\(p.actual)",
            "\(p.overrun)", "\(p.reached)", "\(s.isIncomplete)",
          ] + composure).map(csvField).joined(separator: ",") + "\n"
      }
    }
    return out
  }

  static func csvField(_ text: String) -> String {
    text.contains(where: { ",\"\n".contains($0) })
      ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }
}
