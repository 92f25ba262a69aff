import Testing

@testable import MockCore

/// The view by week: a month of weekly mocks is four lines, not a barcode.
@Suite struct WeeksTests {
  static func session(_ started: String, over: Millis, finished: Bool = true) -> SessionSummary {
    var s = Made.session([Plan.standard[.clarify] + over, 1_000])
    s.started = started
    if !finished { s.ending = Ending(outcome: .abandoned, reason: .quit) }
    return s
  }

  @Test func aMonthOfWeeklyMocksIsFourWeeks() {
    let sessions = [
      Self.session("2026-11-02T18:00:00.000Z", over: 60_000),  // Monday, W45
      Self.session("2026-11-08T23:59:59.000Z", over: 0, finished: false),  // Sunday, W45
      Self.session("2026-11-09T00:00:00.000Z", over: 30_000),  // Monday, W46
      Self.session("2026-11-18T10:00:00.000Z", over: 20_000),  // W47
      Self.session("2026-11-27T10:00:00.000Z", over: 10_000),  // W48
    ]
    let weeks = Weeks(sessions).weeks
    #expect(weeks.map(\.label) == ["2026-W45", "2026-W46", "2026-W47", "2026-W48"])
    #expect(weeks.map(\.monday) == ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"])
    #expect(weeks.map(\.sessions) == [2, 1, 1, 1] && weeks[0].finished == 1)
    #expect(weeks.map(\.medianOverrun) == [30_000, 30_000, 20_000, 10_000])
    let text = ReviewText.weeks(Weeks(sessions))
    #expect(text.count == 5 && text[1].hasPrefix("2026-W45  2026-11-02  2"))
    #expect(ReviewJSON.weeks(Weeks(sessions)).contains(#""week":"2026-W45""#))
  }

  @Test func drillsCountInTheirWeekWithTheirPassRate() {
    let answer = DrillSummary.Answer(
      number: 1, kind: .qps, ratio: 1, band: .exact, pass: true, elapsed: 1_000, diagnosis: nil)
    var miss = answer
    miss.pass = false
    let drill = DrillSummary(
      info: DrillInfo(
        id: "d", program: "0", drill: .estimate, seed: 1, limit: 60_000, count: 3),
      started: "2026-12-02T02:05:16.356Z", ending: nil, answers: [answer, miss, answer],
      reviews: [])
    let weeks = Weeks([], drills: [drill]).weeks
    #expect(weeks.count == 1 && weeks[0].label == "2026-W49" && weeks[0].monday == "2026-11-30")
    #expect(weeks[0].drills == 1 && weeks[0].problems == 3 && weeks[0].passed == 2)
    #expect(weeks[0].passRate == 2.0 / 3.0)
  }

  @Test func daysCountedFromTheEpochReadBack() {
    for days in [0, 59, 365, 10_957, 20_795, 20_819] {
      let text = CalendarDay.text(daysSinceEpoch: days)
      #expect(CalendarDay.days(text) == Double(days), "\(text)")
    }
    #expect(CalendarDay.text(daysSinceEpoch: 20_795) == "2026-12-08")
  }
}
