import Foundation
import Testing

@testable import MockCore

/// Who interviewed: kept in the record, and the scores read apart by interviewer.
@Suite struct PartnerStats {
  /// A finished session started on `day` with `interviewer`, self-scored `mine` and scored
  /// `theirs` by the interviewer, who signed with `by`.
  static func session(
    day: Int, interviewer: String?, mine: Int, theirs: Int, by: String? = nil
  ) -> SessionSummary {
    var s = Made.session([60_000, 60_000])
    s.started = String(format: "2026-11-%02dT10:00:00.000Z", day)
    s.interviewer = interviewer
    s.debrief = Debrief(scores: [.numbers: mine])
    var said = Debrief(scores: [.numbers: theirs])
    said.by = by
    s.interviewerDebrief = said
    return s
  }

  @Test func aHarshPartnerIsReadApartNotAsADecline() throws {
    // Alternating partners: Al scores 4 and Bo 2, every time. Together, a zigzag; apart, flat.
    let sessions = (1...10).map {
      Self.session(
        day: $0, interviewer: $0 % 2 == 0 ? "Bo" : "Al", mine: 3, theirs: $0 % 2 == 0 ? 2 : 4)
    }
    let stats = Stats(sessions)
    #expect(stats.interviewers.map(\.name) == ["Al", "Bo"])
    let al = try #require(stats.interviewers[0].dimensions.first { $0.dimension == .numbers })
    let bo = try #require(stats.interviewers[1].dimensions.first { $0.dimension == .numbers })
    #expect(al.count == 5 && al.mean == 4 && al.meanGap == -1)
    #expect(bo.count == 5 && bo.mean == 2 && bo.meanGap == 1)
    #expect(bo.trend?.reading(lowerIsBetter: false) == .unclear)
    let json = ReviewJSON.stats(stats)
    #expect(json.contains(#""interviewers":[{"name":"Al","#))
    let text = ReviewText.stats(stats).joined(separator: "\n")
    #expect(text.contains("scored by Bo (5)"), "\(text)")
    let html = Report.trends(sessions, chosen: "every session", generated: "g", program: "0")
    #expect(html.contains("<strong>numerical fluency, scored by Bo: no clear trend</strong>"))
    #expect(html.contains("<td>Al (5 sessions)</td><td>numerical fluency</td><td>4</td>"))
  }

  @Test func theNameTheScoresCameWithWinsOverTheOneTheSessionStartedWith() {
    let s = Self.session(day: 1, interviewer: "Al", mine: 3, theirs: 3, by: "Alice")
    #expect(s.interviewerName == "Alice")
    let unnamed = Self.session(day: 2, interviewer: nil, mine: 3, theirs: 3)
    #expect(unnamed.interviewerName == nil)
    #expect(Stats([s, unnamed]).interviewers.map(\.name) == ["Alice", nil])
  }

  @Test func theNamesGoThroughTheRecordAndBack() throws {
    let info = SessionInfo(
      id: "20261101-100000-x", title: "t", program: "0.1.0", interviewer: "Ana Ruiz")
    let started = Record(t: 0, entry: .sessionStarted(info, .standard, Schedule()))
    let line = started.jsonLine(wall: "w")
    #expect(line.contains(#""interviewer":"Ana Ruiz""#))
    #expect(try Record.decode(jsonLine: line).record == started)
    var said = Debrief(scores: [.judgment: 2])
    said.by = "Bo"
    let scored = Record(t: 5, entry: .debrief(said), source: .interviewer)
    #expect(try Record.decode(jsonLine: scored.jsonLine(wall: "w")).record == scored)
    // A name with a control character in it is not a name: the line is refused in words.
    let bad = scored.jsonLine(wall: "w").replacingOccurrences(
      of: #""by":"Bo""#, with: #""by":"B\u0007""#)
    #expect(throws: (any Error).self) { try Record.decode(jsonLine: bad) }
    #expect(Debrief.interviewerName("  Al  ") == "Al" && Debrief.interviewerName("") == nil)
  }
}
