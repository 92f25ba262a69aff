import Foundation
import Glibc
import MockCore

/// The session records on disk, read for the review commands. Every problem becomes a warning
/// on stderr; nothing a bad file holds stops the rest from being read.
struct SessionStore {
  let directory: String

  /// The record files' names (`<id>.jsonl`), oldest first: ids sort by their start time.
  func names() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".jsonl") }.sorted()
  }

  /// Reads one record file.
  func log(named name: String) -> SessionLog {
    let path = directory + "/" + name
    guard let data = FileManager.default.contents(atPath: path) else {
      return SessionLog(
        file: path, records: [], started: nil, warnings: ["\(path): cannot be read; skipped"],
        newerVersion: nil)
    }
    return SessionLog.read(file: path, text: String(decoding: data, as: UTF8.self))
  }

  /// Every session's summary, oldest first; warnings go to stderr.
  func summaries() -> [SessionSummary] {
    let names = names()
    var logs = [SessionLog?](repeating: nil, count: names.count)
    // Reading and decoding dominate; the two halves of the list go to two threads.
    logs.withUnsafeMutableBufferPointer { buffer in
      let shared = UnsafeSendable(buffer)
      DispatchQueue.concurrentPerform(iterations: names.count) { index in
        shared.value[index] = log(named: names[index])
      }
    }
    var result: [SessionSummary] = []
    for log in logs.compactMap({ $0 }) {
      log.warnings.forEach(warn)
      if log.newerVersion != nil || log.records.isEmpty { continue }
      if let summary = SessionSummary(log) {
        result.append(summary)
      } else {
        warn("\(log.file): no session_started line; skipped")
      }
    }
    return result.sorted { $0.started < $1.started }
  }

  /// The file name for `id`: `last` is the newest; otherwise the id itself or a unique prefix.
  func name(for id: String) throws -> String {
    let names = names()
    if id == "last" {
      guard let newest = names.last else { throw fail("no sessions yet", code: 1) }
      return newest
    }
    if names.contains(id + ".jsonl") { return id + ".jsonl" }
    let matching = names.filter { $0.hasPrefix(id) }
    if matching.count == 1 { return matching[0] }
    if matching.isEmpty { throw fail("no session '\(id)' in \(directory)", code: 1) }
    throw fail(
      "'\(id)' matches \(matching.count) sessions; give more of the id", code: 1)
  }
}

/// Lets a buffer be written from concurrentPerform's threads, each index by one thread only.
private struct UnsafeSendable<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
