import Foundation
import Testing

@testable import MockCore

/// Theil–Sen and Mann–Kendall (`Trend`), checked against PyPI's pymannkendall, which
/// `scripts/setup --for-tests` installs into `.build/oracle` (a test-only oracle), and the words
/// they are read as.
@Suite struct TrendTests {
  /// Fixed series and the word each must read as, for overruns (lower is better).
  static let series: [(name: String, values: [Double], reading: Trend.Reading)] = [
    ("rising", [10, 12, 11, 15, 18, 17, 21, 25, 24, 30], .worse),
    ("falling", [30, 28, 29, 25, 22, 20, 21, 15], .improving),
    // Mostly within budget, then two small overruns: a tendency whose typical change is none.
    ("flat", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 5], .flat),
    ("constant", [5, 5, 5, 5, 5, 5, 5], .unclear),
    ("noisy", [3, 7, 2, 8, 4, 6, 5, 1, 9, 3], .unclear),
    ("four", [1, 2, 3, 4], .tooFew),
    ("five", [1, 2, 3, 4, 5], .worse),
    ("five noisy", [4, 1, 5, 2, 3], .unclear),
    ("ms", [62_000, 75_500, 58_250, 91_000, 88_000, 120_000, 99_999, 130_500], .worse),
  ]

  static let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent(".build/oracle/bin/python").path

  /// pymannkendall's `original_test` on each series: s, var_s, z, p, Tau and slope.
  static func oracleFigures(_ all: [[Double]]) throws -> [[String: Double]] {
    try #require(
      FileManager.default.isExecutableFile(atPath: oracle),
      "the pymannkendall oracle is missing at \(oracle): run scripts/setup --for-tests")
    let script = """
      import json, sys
      import pymannkendall as mk
      out = []
      for values in json.load(sys.stdin):
          r = mk.original_test(values)
          out.append({"s": float(r.s), "var_s": float(r.var_s), "z": float(r.z),
                      "p": float(r.p), "tau": float(r.Tau), "slope": float(r.slope)})
      print(json.dumps(out))
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: oracle)
    process.arguments = ["-c", script]
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: all))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "the oracle failed: \(problem)")
    return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Double]])
  }

  static func close(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-9 * max(1, abs(b))
  }

  @Test func theFiguresMatchPymannkendall() throws {
    let expected = try Self.oracleFigures(Self.series.map(\.values))
    try #require(expected.count == Self.series.count)
    for (i, series) in Self.series.enumerated() {
      let trend = try #require(Trend(series.values))
      let o = expected[i]
      #expect(Double(trend.s) == o["s"], "\(series.name): s")
      #expect(Self.close(trend.variance, o["var_s"]!), "\(series.name): var_s \(trend.variance)")
      #expect(Self.close(trend.z, o["z"]!), "\(series.name): z \(trend.z) against \(o["z"]!)")
      #expect(Self.close(trend.p, o["p"]!), "\(series.name): p \(trend.p) against \(o["p"]!)")
      #expect(Self.close(trend.tau, o["tau"]!), "\(series.name): tau")
      #expect(
        Self.close(trend.slope, o["slope"]!),
        "\(series.name): slope \(trend.slope) against \(o["slope"]!)")
    }
  }

  @Test func theWordsComeOnlyFromFiveValuesAndPUnderATenth() throws {
    for series in Self.series {
      let trend = try #require(Trend(series.values))
      #expect(
        trend.reading(lowerIsBetter: true) == series.reading,
        "\(series.name): p \(trend.p), slope \(trend.slope)")
    }
    // Scores are better higher: the same rise reads the other way.
    #expect(Trend([1, 2, 3, 4, 5])?.reading(lowerIsBetter: false) == .improving)
    #expect(Trend([1]) == nil && Trend.reading(nil, lowerIsBetter: true) == .tooFew)
    // p exactly at the line is not under it: five values can reach p 0.027 at best with S 10,
    // and S 8 gives p 0.086; S 6 gives 0.22.
    #expect(Trend([1, 2, 3, 5, 4])!.p < 0.1)
    #expect(Trend([2, 1, 3, 5, 4])!.reading(lowerIsBetter: true) == .unclear)
  }

  @Test func theSlopeAWeekUsesEachValuesTime() throws {
    // One session a week, rising 7 s a session: 7 s a week too.
    let values: [Double] = [0, 7_000, 14_000, 21_000, 28_000]
    let weekly = try #require(Trend(values, weeks: [0, 1, 2, 3, 4]))
    #expect(weekly.slope == 7_000 && weekly.slopePerWeek == 7_000)
    // Two sessions a week: the same change a session is twice as much a week.
    let twice = try #require(Trend(values, weeks: [0, 0.5, 1, 1.5, 2]))
    #expect(twice.slopePerWeek == 14_000)
    // Sessions on one day: no change a week to tell.
    #expect(Trend([1, 2], weeks: [3, 3])?.slopePerWeek == nil)
    // Sessions minutes apart give no change a week: a minute's drift is not a week's.
    let minutes = [0.0, 1, 2, 3, 4].map { $0 / (7 * 24 * 60) }
    #expect(Trend(values, weeks: minutes)?.slopePerWeek == nil)
    #expect(Trend(values, weeks: [0, 0.4, 0.8, 1.2, 1.6])?.slopePerWeek == nil)
  }

  @Test func theWordsAndFiguresAsStatsPrintsThem() throws {
    let rising = try #require(Trend([10_000, 12_000, 11_000, 15_000, 18_000, 17_000, 21_000]))
    #expect(TrendText.short(rising, .time) == "worse: +1.8 s a session (p 0.02, n 7)")
    #expect(TrendText.short(Trend([1, 2, 3, 4]), .time) == "too few to tell (n 4)")
    #expect(
      TrendText.short(Trend([3, 7, 2, 8, 4, 6, 5, 1, 9, 3]), .score)
        == "no clear trend (p 1.00, n 10)")
    #expect(TrendText.short(nil, .time) == "too few to tell")
    #expect(TrendText.change(-65_000, .time) == "-1:05")
    #expect(TrendText.change(12_400, .time) == "+12 s")
    #expect(TrendText.change(0.034, .share) == "+3% of budget")
    #expect(TrendText.change(0.25, .score) == "+0.25")
    #expect(TrendText.p(0.0004) == "p < 0.001" && TrendText.p(0.004) == "p 0.004")
  }

  @Test func statsReadsEachPhaseAndItsJSONCarriesTheFigures() throws {
    // Clarify rising 0:30 a session over six sessions against 5:00; the last one abandoned in
    // estimate, whose part of a phase does not count.
    var sessions = (0..<6).map { Made.session([Millis.minutes(5) + Millis($0) * 30_000, 1_000]) }
    sessions[5].ending = Ending(outcome: .abandoned, reason: .quit)
    let stats = Stats(sessions)
    let clarify = try #require(stats.phases[0].overrunTrend)
    #expect(clarify.n == 6 && clarify.slope == 30_000)
    #expect(clarify.reading(lowerIsBetter: true) == .worse)
    #expect(stats.phases[0].shareTrend?.slope == 0.1)
    #expect(stats.phases[1].overrunTrend?.n == 5)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(ReviewJSON.stats(stats).utf8))
        as? [String: Any])
    let phases = try #require((json["stats"] as? [String: Any])?["phases"] as? [[String: Any]])
    let trend = try #require(phases[0]["overrun_trend"] as? [String: Any])
    #expect(trend["reading"] as? String == "worse" && trend["n"] as? Int == 6)
    #expect(trend["slope"] as? Double == 30_000 && (trend["p"] as? Double ?? 1) < 0.1)
    #expect((phases[0]["share_trend"] as? [String: Any])?["reading"] as? String == "worse")
    #expect(phases[2]["overrun_trend"] == nil)
  }

  @Test func aPhaseAnAbandonedSessionStoppedInIsNotWhole() {
    var stopped = Made.session([60_000, 30_000])
    stopped.ending = Ending(outcome: .abandoned, reason: .quit)
    #expect(stopped.isWhole(.clarify) && !stopped.isWhole(.estimate))
    stopped.ending = nil
    #expect(!stopped.isWhole(.estimate))
    stopped.ending = Ending(outcome: .finished, reason: .completed)
    #expect(stopped.isWhole(.estimate) && !stopped.isWhole(.design))
  }

  @Test func impossibleDaysAreSaidInWords() {
    #expect(CalendarDay.problem("2026-02-28") == nil && CalendarDay.problem("2024-02-29") == nil)
    #expect(CalendarDay.problem("2026-02-30") == "February 2026 has 28 days")
    #expect(CalendarDay.problem("1900-02-29") == "February 1900 has 28 days")
    #expect(CalendarDay.problem("2000-02-30") == "February 2000 has 29 days")
    #expect(CalendarDay.problem("2026-13-01") == "there is no month 13")
    #expect(CalendarDay.problem("26-1-1") == "write the day as yyyy-mm-dd")
  }

  @Test func isoWeeksBeginOnMonday() {
    func week(_ y: Int, _ m: Int, _ d: Int) -> String {
      let w = CalendarDay.isoWeek(
        daysSinceEpoch: CalendarDay.daysSinceEpoch(year: y, month: m, day: d))
      return "\(w.year)-W\(w.week)"
    }
    #expect(CalendarDay.daysSinceEpoch(year: 1970, month: 1, day: 1) == 0)
    #expect(CalendarDay.daysSinceEpoch(year: 2026, month: 12, day: 8) == 20_795)
    #expect(week(2026, 12, 7) == "2026-W50")  // a Monday
    #expect(week(2026, 12, 6) == "2026-W49")  // the Sunday before
    #expect(week(2027, 1, 1) == "2026-W53")  // a Friday: still 2026's last week
    #expect(week(2024, 12, 30) == "2025-W1")  // a Monday: 2025's first week
    #expect(CalendarDay.days("2026-12-08T12:00:00.000Z") == 20_795.5)
    #expect(CalendarDay.days("not a day") == nil)
  }
}
