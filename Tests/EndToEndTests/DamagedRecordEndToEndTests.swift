import Foundation
import Testing

/// A damaged record among good ones: every review command still answers, names the bad line
/// by file and line, and counts everything else. A `resumed` with a time near Int64's end once
/// made every one of them die with SIGILL and no word.
@Suite(.timeLimit(.minutes(2))) struct DamagedRecordEndToEnd {
  typealias Home = PromptEndToEnd.Home

  static let plan =
    "{\"name\":\"standard\",\"budgets_ms\":{\"clarify\":300000,\"estimate\":300000,"
    + "\"design\":900000,\"drill\":900000,\"ops\":300000}}"

  /// A short finished session's record, with `resumed` at `resumedAt`.
  static func record(id: String, resumedAt: String) -> String {
    let wall = "\"wall\":\"2026-11-21T10:00:00.000Z\""
    return [
      "{\"v\":4,\"type\":\"session_started\",\"t_ms\":0,\(wall),\"id\":\"\(id)\","
        + "\"title\":\"X\",\"program\":\"0\",\"plan\":\(plan)}",
      "{\"v\":4,\"type\":\"phase_entered\",\"t_ms\":0,\(wall),\"phase\":\"clarify\","
        + "\"via\":\"start\"}",
      "{\"v\":4,\"type\":\"paused\",\"t_ms\":60000,\(wall)}",
      "{\"v\":4,\"type\":\"resumed\",\"t_ms\":\(resumedAt),\(wall),\"paused_ms\":5000}",
      "{\"v\":4,\"type\":\"session_ended\",\"t_ms\":125000,\(wall),\"outcome\":\"abandoned\","
        + "\"reason\":\"quit\",\"active_ms\":120000}",
    ].joined(separator: "\n") + "\n"
  }

  @Test(arguments: ["9000000000000000000", "-9000000000000000000", "-9223372036854775808"])
  func everyReviewCommandSurvivesATimeOutOfRange(_ time: String) throws {
    let home = try Home()
    for (id, resumed) in [("20261121-100000-good", "65000"), ("20261121-110000-bad", time)] {
      try home.write("sessions/\(id).jsonl", Self.record(id: id, resumedAt: resumed))
    }
    let named = "20261121-110000-bad.jsonl:4: field 't_ms' is out of range"
    let commands: [[String]] = [
      ["history"], ["show", "20261121-110000-bad"], ["stats"], ["stats", "--json"],
      ["report", "-o", home.path + "/r.xhtml"], ["reindex"], ["drill", "status"],
    ]
    for command in commands {
      let out = try ConfigEndToEnd.mockroom(command, home)
      #expect(out.status == 0, "\(command): \(out.stderr)")
      #expect(out.stderr.contains(named), "\(command): \(out.stderr)")
    }
    let history = try ConfigEndToEnd.mockroom(["history"], home)
    #expect(history.stdout.contains("20261121-100000-good"))
    #expect(history.stdout.contains("20261121-110000-bad"))
    let stats = try ConfigEndToEnd.mockroom(["stats", "--json"], home)
    #expect(stats.stdout.contains("\"sessions\":2"), "\(stats.stdout.prefix(400))")
  }
}
