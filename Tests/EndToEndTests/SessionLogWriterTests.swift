import Foundation
import Glibc
import MockCore
import Testing

@testable import mockroom

/// The record's writer against a disk that fills: nothing is lost, no two lines join.
@Suite(.enabled(if: TinyDisk.available, "mounting a tmpfs needs root"))
struct SessionLogWriterTests {
  static func scratch() -> String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("mockroom-writer-\(UUID().uuidString)").path
  }

  /// The lines of `path`: each must be one whole JSON object.
  static func wholeLines(_ path: String) throws -> [String] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.hasSuffix("\n"), "the file ends with a whole line")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    for line in lines {
      #expect(
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any],
        "not one JSON line: \(line)")
    }
    return lines.map(String.init)
  }

  static let started = Record(
    t: 0,
    entry: .sessionStarted(
      SessionInfo(id: "x", title: "T", program: "0"), .standard, Schedule(interjections: [])))

  @Test func aFullDiskHoldsTheLinesAndTheyAreWrittenInOrderOnceThereIsRoom() throws {
    let root = Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let disk = try TinyDisk(at: root + "/disk", kilobytes: 16)
    let log = try SessionLogWriter(directory: disk.path, started: Date(), slug: "full")
    log.record(Self.started)
    #expect(log.behind == nil)
    disk.fill()
    var written = 1
    // Enough lines to run through what is left of the record's last page, and past it.
    for t in 1...200 {
      log.record(Record(t: Millis(t), entry: t % 2 == 1 ? .paused : .resumed(pausedFor: 1)))
      written += 1
    }
    let behind = try #require(log.behind)
    #expect(behind.reason.contains("no space left on device"))
    #expect(behind.lines > 0)
    #expect(!log.flush(), "still full")
    disk.free()
    #expect(log.flush())
    #expect(log.behind == nil)
    let lines = try Self.wholeLines(log.path)
    #expect(lines == log.lines)
    #expect(lines.count == written)
  }

  @Test func linesStillUnwrittenAtTheEndGoToAFallbackWithTheWholeRecord() throws {
    let root = Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let disk = try TinyDisk(at: root + "/disk", kilobytes: 16)
    let elsewhere = root + "/elsewhere"
    try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
    let log = try SessionLogWriter(directory: disk.path, started: Date(), slug: "full")
    log.record(Self.started)
    disk.fill()
    for t in 1...200 {
      log.record(Record(t: Millis(t), entry: t % 2 == 1 ? .paused : .resumed(pausedFor: 1)))
    }
    let finish = log.finish(fallbacks: [disk.path, elsewhere])
    guard case .savedElsewhere(let fallback, let unwritten, let reason) = finish else {
      Issue.record("expected a fallback, got \(finish)")
      return
    }
    #expect(fallback.hasPrefix(elsewhere + "/mockroom-"))
    #expect(unwritten > 0)
    #expect(reason.contains("no space left on device"))
    #expect(try Self.wholeLines(fallback) == log.lines)
    // What did reach the record is a run of whole lines from the start (and perhaps a torn
    // piece of the next one, which a later append ends before writing).
    let onDisk = try String(contentsOfFile: log.path, encoding: .utf8)
    let whole = onDisk.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(Array(log.lines.prefix(whole.count)) == whole.map(String.init))
  }

  @Test func aTornLastLineIsEndedBeforeTheNextAppend() throws {
    let root = Self.scratch()
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let path = root + "/torn.jsonl"
    let first = Self.started.jsonLine(wall: "w")
    try (first + "\n{\"v\":3,\"type\":\"pau").write(
      toFile: path, atomically: false, encoding: .utf8)
    try SessionLogWriter(appendingTo: path).append(Record(t: 5, entry: .resumed(pausedFor: 1)))
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines[1] == "{\"v\":3,\"type\":\"pau")
    #expect(lines[2].contains("\"type\":\"resumed\""))
    let log = SessionLog.read(file: path, bytes: Data(text.utf8))
    #expect(log.records.count == 2, "the torn line is skipped, the line after it is read")
  }

  @Test func scoresThatCannotBeWrittenAreAFailureNotASuccess() throws {
    let root = Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let disk = try TinyDisk(at: root + "/disk", kilobytes: 16)
    let path = disk.path + "/x.jsonl"
    try (Self.started.jsonLine(wall: "w") + "\n").write(
      toFile: path, atomically: false, encoding: .utf8)
    // Fill the record's own page too, so the next byte has nowhere to go.
    disk.fill()
    let tail = open(path, O_WRONLY | O_APPEND)
    let pad = [UInt8](repeating: 0x20, count: 8192)
    while pad.withUnsafeBytes({ write(tail, $0.baseAddress!, 1) }) > 0 {}
    write(tail, "\n", 1)
    close(tail)
    #expect(throws: SessionLogWriter.Failure.self) {
      try InterviewerCommand.appendScores(Debrief(scores: [.numbers: 3]), to: path)
    }
    disk.free()
    try InterviewerCommand.appendScores(Debrief(scores: [.numbers: 3]), to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8).contains("\"type\":\"debrief\""))
  }
}
