/// The sessions and drills by ISO week (Monday to Sunday, UTC), so that a month of weekly mocks
/// reads as four points: how many, how they ended, the median overrun, and the drills' pass
/// rates.
public struct Weeks: Equatable, Sendable {
  public struct Week: Equatable, Sendable {
    /// `2026-W49`.
    public var label: String
    /// The week's Monday, `2026-11-30`.
    public var monday: String
    public var sessions = 0
    public var finished = 0
    /// The median of each session's overrun over every phase (sessions that reached one).
    public var medianOverrun: Millis?
    /// Sessions scored by an interviewer.
    public var interviewed = 0
    public var drills = 0
    /// Estimation problems answered and passed.
    public var problems = 0
    public var passed = 0
    /// Cards reviewed and answered right.
    public var cards = 0
    public var cardsRight = 0
    /// Recovery rounds rated.
    public var rounds = 0

    /// Share of the problems passed, 0–1; nil without problems.
    public var passRate: Double? { problems == 0 ? nil : Double(passed) / Double(problems) }
    /// Share of the cards answered right, 0–1; nil without cards.
    public var cardRate: Double? { cards == 0 ? nil : Double(cardsRight) / Double(cards) }
  }

  /// Oldest first; only weeks with something in them.
  public var weeks: [Week]

  public init(_ sessions: [SessionSummary], drills: [DrillSummary] = []) {
    var byMonday: [Int: Week] = [:]
    var overruns: [Int: [Millis]] = [:]
    func week(_ started: String) -> Int? {
      guard let days = CalendarDay.days(started) else { return nil }
      let monday = CalendarDay.monday(of: Int(days.rounded(.down)))
      if byMonday[monday] == nil {
        let iso = CalendarDay.isoWeek(daysSinceEpoch: monday)
        byMonday[monday] = Week(
          label: "\(iso.year)-W" + (iso.week < 10 ? "0" : "") + "\(iso.week)",
          monday: CalendarDay.text(daysSinceEpoch: monday))
      }
      return monday
    }
    for s in sessions {
      guard let monday = week(s.started) else { continue }
      byMonday[monday]!.sessions += 1
      if s.ending?.outcome == .finished { byMonday[monday]!.finished += 1 }
      if s.interviewerDebrief != nil { byMonday[monday]!.interviewed += 1 }
      if s.phases.contains(where: \.reached) {
        overruns[monday, default: []].append(s.phases.filter(\.reached).map(\.overrun).reduce(0, +))
      }
    }
    for d in drills {
      guard let monday = week(d.started) else { continue }
      byMonday[monday]!.drills += 1
      byMonday[monday]!.problems += d.answers.count
      byMonday[monday]!.passed += d.answers.filter(\.pass).count
      byMonday[monday]!.cards += d.reviews.count
      byMonday[monday]!.cardsRight += d.reviews.filter(\.right).count
      byMonday[monday]!.rounds += d.rounds.filter { $0.rating != nil }.count
    }
    for (monday, values) in overruns { byMonday[monday]!.medianOverrun = Stats.median(values) }
    weeks = byMonday.keys.sorted().map { byMonday[$0]! }
  }
}

extension CalendarDay {
  /// `yyyy-mm-dd` of a day counted from 1970-01-01.
  public static func text(daysSinceEpoch days: Int) -> String {
    let year = civilYear(days)
    var rest = days - daysSinceEpoch(year: year, month: 1, day: 1)
    var month = 1
    while rest >= CalendarDay.days(in: month, of: year) {
      rest -= CalendarDay.days(in: month, of: year)
      month += 1
    }
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(year)-\(two(month))-\(two(rest + 1))"
  }
}

extension ReviewJSON {
  struct WeekJSON: Encodable {
    var week, monday: String
    var sessions, finished, interviewed, drills, problems, passed, cards, cards_right, rounds: Int
    var median_overrun_ms: Int64?
    var pass_rate, card_rate: Double?
  }

  /// `{"v":1,"weeks":[…]}`.
  public static func weeks(_ w: Weeks) -> String {
    encode(
      Versioned(
        body: w.weeks.map {
          WeekJSON(
            week: $0.label, monday: $0.monday, sessions: $0.sessions, finished: $0.finished,
            interviewed: $0.interviewed, drills: $0.drills, problems: $0.problems,
            passed: $0.passed, cards: $0.cards, cards_right: $0.cardsRight, rounds: $0.rounds,
            median_overrun_ms: $0.medianOverrun, pass_rate: $0.passRate, card_rate: $0.cardRate)
        }, key: "weeks"))
  }
}

extension ReviewText {
  /// One line a week: the sessions and how they ended, the median overrun, the drills.
  public static func weeks(_ w: Weeks) -> [String] {
    table(
      [
        "week", "from", "sessions", "finished", "median over", "interviewed", "drills",
        "problems passed", "cards right",
      ],
      w.weeks.map {
        [
          $0.label, $0.monday, "\($0.sessions)", "\($0.finished)",
          $0.medianOverrun.map(clock) ?? "-", "\($0.interviewed)", "\($0.drills)",
          $0.problems == 0 ? "-" : "\($0.passed) of \($0.problems)",
          $0.cards == 0 ? "-" : "\($0.cardsRight) of \($0.cards)",
        ]
      })
  }
}
