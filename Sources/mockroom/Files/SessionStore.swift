import Foundation
import Glibc
import MockCore

/// The session records on disk, read for the review commands through the derived index. Every
/// problem becomes a warning on stderr; nothing a bad file holds stops the rest from being read.
struct SessionStore {
  let directory: String
  /// The derived index's file; nil for none (every record is read).
  var indexPath: String? = nil

  /// A record is a session's lines, a few KB; anything far larger is not one of ours.
  static let largestRecord = 64 << 20

  /// The record files' names (`<id>.jsonl`), oldest first: ids sort by their start time.
  /// No directory yet is no sessions yet; one that cannot be read is said, not taken for empty.
  func names() throws(UserError) -> [String] {
    guard let entries = opendir(directory) else {
      if errno == ENOENT { return [] }
      throw UserError(
        "cannot read the sessions directory \(directory): \(String(cString: strerror(errno)))")
    }
    defer { closedir(entries) }
    var names: [String] = []
    while let entry = readdir(entries) {
      let name = Self.name(of: entry)
      if name.hasSuffix(".jsonl"), !name.hasPrefix(".") { names.append(name) }
    }
    return names.sorted()
  }

  /// The file name in a directory entry, read up to its NUL within the entry's own length.
  /// `readdir`'s record is only as long as its name needs (`d_reclen`), not the 256 bytes
  /// `d_name` is declared with, so copying the whole field reads past the last entry.
  static func name(of entry: UnsafePointer<dirent>) -> String {
    let record = UnsafeRawPointer(entry)
    let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
    let lengthOffset = MemoryLayout<dirent>.offset(of: \dirent.d_reclen)!
    let length = Int(record.load(fromByteOffset: lengthOffset, as: UInt16.self))
    let room = min(max(0, length - nameOffset), MemoryLayout<dirent>.size - nameOffset)
    let name = UnsafeRawBufferPointer(start: record + nameOffset, count: room)
    return String(decoding: name.prefix { $0 != 0 }, as: UTF8.self)
  }

  /// Reads one record file; one that is not a regular file is named for what it is.
  func log(named name: String) -> SessionLog {
    let path = directory + "/" + name
    switch RegularFile.read(path, limit: Self.largestRecord) {
    case .success(let bytes):
      return SessionLog.read(file: path, bytes: Data(bytes))
    case .failure(let failure):
      return SessionLog(
        file: path, records: [], started: nil, warnings: ["\(path): \(failure.reason); skipped"],
        newerVersion: nil)
    }
  }

  /// Every session's summary, oldest first; warnings go to stderr. A record whose identity
  /// (device, inode, size, times) is as the index remembers it is taken from the index; the
  /// others are read, replayed, and put in the index.
  func summaries(index given: SessionIndex? = nil)
    throws(UserError) -> [SessionSummary]
  {
    let index = given ?? SessionIndex(path: indexPath)
    var entries = indexed(try names(), index: index)
    entries.lazy.flatMap(\.warnings).forEach(warn)
    // Each summary moved out of its entry, not copied.
    var summaries = entries.indices.compactMap { entries[$0].summary.take() }
    summaries.sort { $0.started < $1.started }
    return summaries
  }

  /// Every session and every drill, oldest first each, from one pass; warnings go to stderr.
  func everything(index given: SessionIndex? = nil)
    throws(UserError) -> (sessions: [SessionSummary], drills: [DrillSummary])
  {
    let index = given ?? SessionIndex(path: indexPath)
    var entries = indexed(try names(), index: index)
    entries.lazy.flatMap(\.warnings).forEach(warn)
    // Each summary moved out of its entry, not copied.
    var sessions: [SessionSummary] = []
    var drills: [DrillSummary] = []
    for i in entries.indices {
      if let summary = entries[i].summary.take() { sessions.append(summary) }
      if let drill = entries[i].drill.take() { drills.append(drill) }
    }
    sessions.sort { $0.started < $1.started }
    drills.sort { $0.started < $1.started }
    return (sessions, drills)
  }

  /// When each closing question was last shown (its session's start), without building every
  /// record's summary: records are matched to the index by file identity, the few that changed
  /// are read into it, and only the banners that showed questions are fetched. Many changed
  /// records, or an index that fails, take the long way through `everything()`.
  func questionsShown(index given: SessionIndex? = nil)
    throws(UserError) -> [String: String]
  {
    let index = given ?? SessionIndex(path: indexPath)
    let names = try names()
    var shown: [String: String] = [:]
    func note(_ questions: [String], _ started: String) {
      for question in questions { shown[question] = max(shown[question] ?? "", started) }
    }
    do throws(SQLiteDatabase.Failure) {
      let known = try index.identities(directory: directory)
      let stale = names.filter { name in
        SessionIndex.Identity(path: directory + "/" + name).map { known[name] != $0 } ?? true
      }
      if stale.count <= 20 {
        for name in stale { _ = indexed([name], index: index, only: true) }
        let present = Set(names)
        for row in try index.questionsShown(directory: directory) where present.contains(row.name) {
          note(row.questions, row.started)
        }
        return shown
      }
    } catch {
      // The long way below says what went wrong with the index, and rebuilds it.
    }
    for session in try everything(index: index).sessions {
      for banner in session.banners where banner.kind == .lastStretch {
        note(banner.questions, session.started)
      }
    }
    return shown
  }

  /// One drill through the index, by file name; nil when the record is not a drill's.
  func drill(named name: String, index given: SessionIndex? = nil)
    -> DrillSummary?
  {
    let index = given ?? SessionIndex(path: indexPath)
    return indexed([name], index: index, only: true).first?.drill
  }

  /// One record's summary through the index, by file name; warnings go to stderr.
  func summary(
    named name: String, index given: SessionIndex? = nil
  ) -> SessionSummary? {
    let index = given ?? SessionIndex(path: indexPath)
    let entries = indexed([name], index: index, only: true)
    entries.lazy.flatMap(\.warnings).forEach(warn)
    return entries.first?.summary
  }

  /// Rebuilds the index from the records; returns how many records it took in. An index that
  /// cannot be written is an error that says so: nothing was written, and where.
  func reindex(index given: SessionIndex? = nil)
    throws(UserError) -> Int
  {
    let index = given ?? SessionIndex(path: indexPath)
    let names = try names()
    index.reset()
    func nothingWritten(_ path: String, _ reason: String) -> UserError {
      // SQLite's words may name the file already.
      let reason = reason.hasPrefix(path + ": ") ? String(reason.dropFirst(path.count + 2)) : reason
      return UserError(
        "nothing was written: the index at \(path) cannot be written (\(reason)); "
          + "the records in \(directory) are as they were", code: 1)
    }
    if let unwritable = index.unwritable {
      index.forgetNotices()
      throw nothingWritten(unwritable.path, unwritable.reason)
    }
    let (entries, failure) = indexedOrWhyNot(names, index: index, quietly: true)
    if let unwritable = index.unwritable {
      throw nothingWritten(unwritable.path, unwritable.reason)
    }
    if let failure { throw nothingWritten(index.path, failure) }
    index.notices.forEach(warn)
    // Every record was read again: what could not be read of each is said, as history says it.
    entries.flatMap(\.warnings).forEach(warn)
    return entries.count
  }

  /// `$MOCKROOM_HOME/cache/index.sqlite`, beside the prompt cache.
  static func indexPath(_ env: [String: String]) -> String? {
    PromptCache.path(of: "index.sqlite", env)
  }

  /// The index's entries for `names`, in that order, bringing stale ones up to date. With
  /// `only`, the index is asked for those names alone and no other entry is forgotten.
  private func indexed(_ names: [String], index: SessionIndex, only: Bool = false)
    -> [SessionIndex.Entry]
  {
    indexedOrWhyNot(names, index: index, only: only).entries
  }

  /// `indexed`, and why the index failed when the records were read directly instead. With
  /// `quietly`, neither that nor the index's notices are said.
  private func indexedOrWhyNot(
    _ names: [String], index: SessionIndex, only: Bool = false, quietly: Bool = false
  ) -> (entries: [SessionIndex.Entry], failure: String?) {
    // Said at the end: a reset along the way may have something to say too.
    defer { if !quietly { index.notices.forEach(warn) } }
    var failure: String?
    for attempt in 0..<2 {
      do throws(SQLiteDatabase.Failure) {
        // Lined up with the files by name; what is left over belongs to records that are gone.
        var listed = try index.entries(directory: directory, name: only ? names.first : nil)
        var position: [String: Int] = [:]
        position.reserveCapacity(listed.count)
        for (offset, entry) in listed.enumerated() { position[entry.name] = offset }
        var entries: [SessionIndex.Entry?] = names.map { name in
          position.removeValue(forKey: name).map { listed.moveOut($0) }
        }
        let removed = only ? [] : Array(position.keys)
        // At 10,000 records each copy of the entries costs megabytes: let this one go now.
        listed = []
        let stale = refresh(names, &entries)
        if !stale.isEmpty || !removed.isEmpty {
          try index.store(stale.compactMap { entries[$0] }, removing: removed, directory: directory)
        }
        return (entries.indices.compactMap { entries[$0].take() }, nil)
      } catch {
        // A damaged index is thrown away and built again from the records, once; failing that,
        // the records are read directly this time.
        if attempt == 0 && error.isDamage {
          index.reset()
          continue
        }
        failure = "\(error)"
        if !quietly {
          warn("the index at \(index.path) failed (\(error)); reading the records directly")
        }
        break
      }
    }
    var entries: [SessionIndex.Entry?] = names.map { _ in nil }
    _ = refresh(names, &entries)
    return (entries.compactMap { $0 }, failure)
  }

  /// Reads and summarises every record whose file is not as its entry remembers it, on all of
  /// the machine's threads; returns the positions of those it did.
  private func refresh(_ names: [String], _ entries: inout [SessionIndex.Entry?]) -> [Int] {
    var stale = [Bool](repeating: false, count: entries.count)
    entries.withUnsafeMutableBufferPointer { buffer in
      stale.withUnsafeMutableBufferPointer { flags in
        let shared = UnsafeSendable((buffer, flags))
        DispatchQueue.concurrentPerform(iterations: buffer.count) { position in
          let path = directory + "/" + names[position]
          let identity = SessionIndex.Identity(path: path)
          if let identity, let entry = shared.value.0[position], entry.identity == identity {
            return
          }
          shared.value.0[position] = read(names[position], identity: identity)
          shared.value.1[position] = true
        }
      }
    }
    return stale.indices.filter { stale[$0] }
  }

  /// A fresh entry for one record file.
  private func read(_ name: String, identity: SessionIndex.Identity?) -> SessionIndex.Entry {
    let path = directory + "/" + name
    var warnings: [String] = []
    var summary: SessionSummary?
    var drill: DrillSummary?
    var takenTo: Int64 = 0
    switch RegularFile.read(path, limit: Self.largestRecord) {
    case .failure(let failure):
      warnings.append("\(path): \(failure.reason); skipped")
    case .success(let bytes):
      takenTo = Int64(bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0)
      let log = SessionLog.read(file: path, bytes: Data(bytes))
      warnings = log.warnings
      if !log.records.isEmpty {
        drill = DrillSummary(log)
        summary = drill == nil ? SessionSummary(log) : nil
        if summary == nil, drill == nil {
          warnings.append("\(path): no session_started line; skipped")
        }
      }
    }
    return SessionIndex.Entry(
      name: name, identity: identity ?? .unknown, takenTo: takenTo, summary: summary,
      warnings: warnings, drill: drill)
  }

  /// The file name for `id`: `last` is the newest; otherwise the id itself or a unique prefix.
  func name(for id: String) throws(UserError) -> String {
    let names = try names()
    if id == "last" {
      guard let newest = names.last else { throw UserError("no sessions yet", code: 1) }
      return newest
    }
    if names.contains(id + ".jsonl") { return id + ".jsonl" }
    let matching = names.filter { $0.hasPrefix(id) }
    if matching.count == 1 { return matching[0] }
    if matching.isEmpty { throw UserError("no session '\(id)' in \(directory)", code: 1) }
    throw UserError(
      "'\(id)' matches \(matching.count) sessions; give more of the id", code: 1)
  }
}

/// Lets a buffer be written from concurrentPerform's threads, each index by one thread only.
struct UnsafeSendable<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

extension [SessionIndex.Entry] {
  /// The entry at `index`, moved out (an empty one is left in its place) rather than copied: at
  /// 10,000 summaries each copy is millions of reference counts.
  fileprivate mutating func moveOut(_ index: Int) -> SessionIndex.Entry {
    var entry = SessionIndex.Entry(
      name: "", identity: .init(device: 0, inode: 0, size: 0, modifiedNs: 0, changedNs: 0),
      takenTo: 0, summary: nil, warnings: [])
    swap(&entry, &self[index])
    return entry
  }
}
