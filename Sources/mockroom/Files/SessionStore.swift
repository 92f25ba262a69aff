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
    return SessionLog.read(file: path, bytes: data)
  }

  /// Every session's summary, oldest first; warnings go to stderr. A record unchanged since
  /// the last time (same size, times and inode) is taken from the summary cache instead of
  /// being read and replayed again.
  func summaries(cache: SummaryCache? = SummaryCache()) -> [SessionSummary] {
    let names = names()
    var entries = cache?.load(directory: directory) ?? []
    // Line the cached entries up with the files. Usually nothing was added or removed and the
    // array is taken over as it is; otherwise each file finds its entry by name.
    var changed = entries.count != names.count || !entries.map(\.name).elementsEqual(names)
    if changed {
      let index = Dictionary(entries.enumerated().map { ($1.name, $0) }) { a, _ in a }
      entries = names.map { name in
        index[name].map { entries[$0] } ?? SummaryCache.Entry(name: name)
      }
    }
    if refresh(&entries) { changed = true }
    entries.lazy.flatMap(\.warnings).forEach(warn)
    if let cache, changed { cache.save(entries, directory: directory) }
    var summaries = entries.compactMap(\.summary)
    entries = []
    summaries.sort { $0.started < $1.started }
    return summaries
  }

  /// Reads and summarises every record whose file is not as its entry remembers it, on all of
  /// the machine's threads; returns whether any was.
  private func refresh(_ entries: inout [SummaryCache.Entry]) -> Bool {
    var stale = [Bool](repeating: false, count: entries.count)
    entries.withUnsafeMutableBufferPointer { buffer in
      stale.withUnsafeMutableBufferPointer { flags in
        let shared = UnsafeSendable((buffer, flags))
        DispatchQueue.concurrentPerform(iterations: buffer.count) { index in
          let name = shared.value.0[index].name
          let key = PromptCache.key(directory + "/" + name) ?? []
          guard key.isEmpty || key != shared.value.0[index].key else { return }
          let log = log(named: name)
          var warnings = log.warnings
          var summary: SessionSummary?
          if log.newerVersion == nil, !log.records.isEmpty {
            summary = SessionSummary(log)
            if summary == nil { warnings.append("\(log.file): no session_started line; skipped") }
          }
          shared.value.0[index] = SummaryCache.Entry(
            name: name, key: key, summary: summary, warnings: warnings)
          shared.value.1[index] = true
        }
      }
    }
    return stale.contains(true)
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

/// Session summaries as they were last worked out, keyed like the prompt cache by each record
/// file's size, times and inode: only an optimisation, ignored when missing, unreadable or from
/// another version. Stored in `SummaryCoding`'s binary form, which reads back in milliseconds
/// where JSON took seconds.
final class SummaryCache {
  struct Entry: Sendable {
    /// The record file's name in the sessions directory.
    var name: String
    /// Its size, times and inode when summarised; empty when not known.
    var key: [Int64] = []
    var summary: SessionSummary?
    var warnings: [String] = []
  }

  /// Bump when what a summary holds, or its binary form, changes.
  private static let format: Int64 = 3
  private static let magic = "mockroom session summaries"
  let path: String

  init?(_ env: [String: String] = ProcessInfo.processInfo.environment) {
    guard let path = PromptCache.path(of: "sessions.bin", env) else { return nil }
    self.path = path
  }

  /// The cached entries for the records in `directory`, in the order saved; empty when there is
  /// no usable cache (or it was written for another directory). Read a block at a time, so the
  /// file is never in memory whole next to what it holds.
  func load(directory: String) -> [Entry] {
    guard let blocks = BlockReader(path: path), let head = blocks.next() else { return [] }
    var r = SummaryCoding.Reader(head[...])
    guard r.string() == Self.magic, r.int() == Self.format, r.string() == Mockroom.version,
      r.string() == directory, let count = r.int(), count >= 0
    else { return [] }
    var entries: [Entry] = []
    entries.reserveCapacity(Int(count))
    for _ in 0..<count {
      guard let block = blocks.next() else { return [] }
      var r = SummaryCoding.Reader(block[...])
      guard let name = r.string(), let keyCount = r.count() else { return [] }
      var key: [Int64] = []
      for _ in 0..<keyCount {
        guard let part = r.int() else { return [] }
        key.append(part)
      }
      guard let warningCount = r.count() else { return [] }
      var warnings: [String] = []
      for _ in 0..<warningCount {
        guard let warning = r.string() else { return [] }
        warnings.append(warning)
      }
      guard let summary = r.optional(SummaryCoding.read), r.atEnd else { return [] }
      entries.append(Entry(name: name, key: key, summary: summary, warnings: warnings))
    }
    return entries
  }

  /// Writes the cache: a block for the heading, then a block per entry, each block its length
  /// (4 bytes, little-endian) and then its bytes.
  func save(_ entries: [Entry], directory: String) {
    let kept = entries.filter { !$0.key.isEmpty }
    var data = Data()
    func block(_ fill: (inout SummaryCoding.Writer) -> Void) {
      var w = SummaryCoding.Writer()
      fill(&w)
      withUnsafeBytes(of: UInt32(w.bytes.count).littleEndian) { data.append(contentsOf: $0) }
      data.append(contentsOf: w.bytes)
    }
    block { w in
      w.string(Self.magic)
      w.int(Self.format)
      w.string(Mockroom.version)
      w.string(directory)
      w.int(kept.count)
    }
    for entry in kept {
      block { w in
        w.string(entry.name)
        w.int(entry.key.count)
        entry.key.forEach { w.int($0) }
        w.int(entry.warnings.count)
        entry.warnings.forEach { w.string($0) }
        w.optional(entry.summary) { SummaryCoding.write($1, to: &$0) }
      }
    }
    PromptCache.replace(path, with: data)
  }
}

/// Reads length-prefixed blocks from a file through a 64 KB buffer.
private final class BlockReader {
  private let fd: Int32
  private var buffer: [UInt8] = []
  private var at = 0
  private var ended = false

  init?(path: String) {
    fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
  }

  deinit { close(fd) }

  /// The next block, or nil at the end or on a short read.
  func next() -> [UInt8]? {
    guard let length = take(4) else { return nil }
    let count = length.reversed().reduce(0) { $0 << 8 | Int($1) }
    return take(count)
  }

  private func take(_ count: Int) -> [UInt8]? {
    while buffer.count - at < count {
      guard !ended else { return nil }
      buffer.removeFirst(at)
      at = 0
      var chunk = [UInt8](repeating: 0, count: max(65_536, count - buffer.count))
      let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if got < 0 && errno == EINTR { continue }
      if got <= 0 {
        ended = true
      } else {
        buffer.append(contentsOf: chunk.prefix(got))
      }
    }
    defer { at += count }
    return Array(buffer[at..<at + count])
  }
}
