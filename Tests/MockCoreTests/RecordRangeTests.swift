import Foundation
import MockCore
import Testing

/// A record is outside input: a number in it may be anything JSON can hold. Each one is checked
/// against what a session can hold before any sum is made of it, so one damaged line costs that
/// line and never every review command.
@Suite struct RecordRanges {
  static let wall = "2026-11-21T14:30:05.000Z"

  static func lines(_ made: Made) -> [String] {
    made.c.records.map { $0.jsonLine(wall: wall) }
  }

  static var threePhases: Made {
    var m = Made()
    m.spend(300_000)
    m.spend(300_000)
    m.spend(100_000, next: false)
    return m
  }

  /// One line of each kind with a time or a count, and the field in it to damage.
  static let timed: [(entry: Record.Entry, field: String)] = [
    (.resumed(pausedFor: 12_345), "paused_ms"),
    (.continued(stoppedFor: 61_000), "stopped_ms"),
    (.slept(3_600_000), "slept_ms"),
    (.phaseLeft(.drill, elapsed: 910_000, budget: 900_000), "elapsed_ms"),
    (.phaseLeft(.drill, elapsed: 910_000, budget: 900_000), "budget_ms"),
    (.budgetChanged(.ops, from: 300_000, to: 360_000), "to_ms"),
    (.rebalanced(.design, other: .drill, moved: 60_000), "moved_ms"),
    (.sessionEnded(Ending(outcome: .finished, reason: .completed), active: 10), "active_ms"),
    (.acknowledged(banner: 1, cue: "p1", kind: .pivot, after: 2_500), "after_ms"),
    (.acknowledged(banner: 1, cue: "p1", kind: .pivot, after: 2_500), "banner"),
    (.replanned(banner: 1, cue: "p1", after: 40_000), "after_ms"),
    (.checkinCounted(number: 1, target: 3, worked: 60_000), "worked_ms"),
    (.checkinCounted(number: 1, target: 3, worked: 60_000), "target"),
  ]

  static func damaged(_ line: String, _ field: String, _ value: String) -> String {
    let pattern = "\"\(field)\":-?[0-9]+"
    let range = line.range(of: pattern, options: .regularExpression)!
    return line.replacingCharacters(in: range, with: "\"\(field)\":\(value)")
  }

  @Test(arguments: ["9000000000000000000", "-1", "100000000001"])
  func aTimeOutOfRangeIsRefusedWithItsField(_ value: String) {
    for (entry, field) in Self.timed {
      if field == "moved_ms", value == "-1" { continue }  // a rebalance may give time back
      let line = Self.damaged(Record(t: 5, entry: entry).jsonLine(wall: "w"), field, value)
      #expect(throws: Record.DecodeError.self, "\(field) = \(value)") {
        try Record.decode(jsonLine: line)
      }
      do {
        _ = try Record.decode(jsonLine: line)
      } catch {
        #expect(error.description.contains("'\(field)'"), "\(error)")
        #expect(error.description.contains("out of range"), "\(error)")
      }
    }
  }

  @Test func theLineTimeItselfIsChecked() {
    let line = Record(t: 5, entry: .paused).jsonLine(wall: "w")
    for value in ["9223372036854775807", "-5"] {
      let bad = line.replacingOccurrences(of: "\"t_ms\":5", with: "\"t_ms\":\(value)")
      #expect(throws: Record.DecodeError.self) { try Record.decode(jsonLine: bad) }
    }
  }

  @Test func theLongestTimeASessionHoldsStillReads() throws {
    let line = Record(t: Record.longest, entry: .resumed(pausedFor: Record.longest))
      .jsonLine(wall: "w")
    #expect(try Record.decode(jsonLine: line).record.t == Record.longest)
  }

  @Test func aPlanOrScheduleTimeOutOfRangeIsRefused() throws {
    let schedule = Schedule(
      interjections: [
        Schedule.Placed(id: "p1", kind: .pivot, text: "Now audio.", phase: .design, at: 360_000)
      ])
    let start = Self.lines(Made(schedule: schedule))[0]
    for field in ["clarify", "at_ms", "drill_grace_ms"] {
      let pattern = "\"\(field)\":[0-9]+"
      let range = try #require(start.range(of: pattern, options: .regularExpression), "\(field)")
      let bad = start.replacingCharacters(in: range, with: "\"\(field)\":9000000000000000000")
      #expect(throws: Record.DecodeError.self, "\(field)") { try Record.decode(jsonLine: bad) }
    }
  }

  @Test func aFigureThatIsNotFiniteOrHugeIsRefused() {
    let review = CardReview(
      card: "h100-hbm", typed: "80", right: true, exact: true, rating: .good, elapsed: 4_000,
      memory: FSRS.Memory(stability: 3.2, difficulty: 5.1, reviewed: 20_424, interval: 3))
    let line = Record(t: 5, entry: .cardReviewed(review)).jsonLine(wall: "w")
    let bad = Self.damaged(line, "interval_days", "9000000000000000000")
    #expect(throws: Record.DecodeError.self) { try Record.decode(jsonLine: bad) }
    let range = line.range(of: "\"stability\":[0-9.e+-]+", options: .regularExpression)!
    let huge = line.replacingCharacters(in: range, with: "\"stability\":1e300")
    #expect(throws: Record.DecodeError.self) { try Record.decode(jsonLine: huge) }
  }

  /// The fault that blocked every review command: a `resumed` near Int64's end made the sum
  /// of pauses overflow while the summary was built, and every command died with SIGILL.
  @Test(arguments: ["9000000000000000000", "-9000000000000000000", "-9223372036854775808"])
  func aResumeFromTheFarFutureCostsOnlyItsLine(_ value: String) throws {
    var m = Self.threePhases
    m.c.send(.pause)
    m.c.advance(5_000)
    m.c.send(.resume)
    m.spend(1_000, next: false)
    var lines = Self.lines(m)
    let index = try #require(lines.firstIndex { $0.contains("\"type\":\"resumed\"") })
    lines[index] = Self.damaged(lines[index], "t_ms", value)
    let log = SessionLog.read(file: "s.jsonl", text: lines.joined(separator: "\n") + "\n")
    #expect(log.records.count == lines.count - 1)
    #expect(log.warnings.count == 1)
    #expect(log.warnings.first?.hasPrefix("s.jsonl:\(index + 1): field 't_ms'") == true)
    #expect(log.warnings.first?.hasSuffix("line skipped") == true)
    let summary = try #require(SessionSummary(log))
    #expect(summary.phases.map(\.actual).prefix(2) == [300_000, 300_000])
  }

  @Test func aPausedForFromTheFarFutureCostsOnlyItsLine() throws {
    var m = Self.threePhases
    m.c.send(.pause)
    m.c.advance(5_000)
    m.c.send(.resume)
    var lines = Self.lines(m)
    let index = try #require(lines.firstIndex { $0.contains("\"type\":\"resumed\"") })
    lines[index] = Self.damaged(lines[index], "paused_ms", "9000000000000000000")
    let log = SessionLog.read(file: "s.jsonl", text: lines.joined(separator: "\n") + "\n")
    #expect(log.warnings.count == 1)
    #expect(SessionSummary(log) != nil)
  }
}

/// A line from a newer mockroom is skipped as a corrupt line is, with the rest of the record
/// kept: its meaning may be new, but the lines around it are this version's.
@Suite struct NewerLines {
  @Test func aLineFromANewerVersionCostsOnlyThatLine() throws {
    var lines = RecordRanges.lines(RecordRanges.threePhases)
    lines[2] = lines[2].replacingOccurrences(
      of: "\"v\":\(Record.schemaVersion)", with: "\"v\":9")
    let log = SessionLog.read(file: "s.jsonl", text: lines.joined(separator: "\n") + "\n")
    #expect(log.records.count == lines.count - 1)
    #expect(log.newerVersion == 9)
    #expect(log.warnings.count == 1)
    #expect(log.warnings[0].hasPrefix("s.jsonl:3: written by a newer mockroom"))
    #expect(log.warnings[0].contains("record schema 9"))
    #expect(SessionSummary(log) != nil)
  }

  @Test func manyNewerLinesAreSaidOnce() {
    var lines = RecordRanges.lines(RecordRanges.threePhases)
    for i in 1..<lines.count {
      lines[i] = lines[i].replacingOccurrences(
        of: "\"v\":\(Record.schemaVersion)", with: "\"v\":\(Record.schemaVersion + 1)")
    }
    let log = SessionLog.read(file: "s.jsonl", text: lines.joined(separator: "\n") + "\n")
    #expect(log.records.count == 1)
    #expect(log.warnings.count == 1)
    #expect(log.warnings[0].contains("and \(lines.count - 2) more"), "\(log.warnings)")
  }
}
