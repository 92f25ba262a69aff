import Foundation
import Glibc
import MockCore

/// Appends a session's record to `sessions/<id>.jsonl`, one JSON line per event, each written
/// and fsynced before the screen may show the event: a crash or power loss keeps every line
/// already shown.
///
/// A write that fails (a full disk, an I/O error, a quota) never ends the interview. The line
/// is kept in memory with any others behind it, and they are written in order, the first from
/// where the failed write stopped, on each later try: no line is lost and no two lines join.
/// `behind` says why the record is behind, for the screen. Lines still unwritten at the end go
/// to a fallback file with the whole record (`finish`).
final class SessionLogWriter {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// Why the record is behind (the system's words, then what failed), and how many lines
  /// wait in memory.
  struct Behind: Equatable {
    var reason: String
    var lines: Int
  }

  let path: String
  let id: String
  private let fd: Int32
  /// Every line of this process's part of the record, written or not, in order.
  private(set) var lines: [String] = []
  /// Lines not yet on disk, oldest first, each with its newline.
  private var pending: [[UInt8]] = []
  /// Bytes of the first pending line already written (a write that stopped part way).
  private var writtenOfFirst = 0
  /// Lines written since the last successful fsync.
  private var unsynced = false
  /// The directory entry of a new record, not yet fsynced.
  private var directoryUnsynced = false
  private(set) var behind: Behind?

  /// Creates the log for a new session, choosing an id from `started` (local time) and `slug`
  /// that no earlier session has used. The directory is fsynced so that the new name survives a
  /// power cut; if that fails it is tried again with each write.
  init(directory: String, started: Date, slug: String) throws(Failure) {
    try Self.makeDirectories(directory)
    let stamp = Self.idStamp(started)
    var attempt = 1
    while true {
      let candidate = attempt == 1 ? "\(stamp)-\(slug)" : "\(stamp)-\(slug)-\(attempt)"
      let file = "\(directory)/\(candidate).jsonl"
      let opened = open(file, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
      if opened >= 0 {
        fd = opened
        path = file
        id = candidate
        directoryUnsynced = true
        _ = flush()
        return
      }
      guard errno == EEXIST, attempt < 100 else {
        throw Failure(description: "cannot create \(file): \(RegularFile.errnoText())")
      }
      attempt += 1
    }
  }

  /// Opens an existing session's log to add lines to it (a debrief written later). A last line
  /// left torn by an earlier failed write is ended first, so the next line starts on its own.
  init(appendingTo path: String) throws(Failure) {
    let opened = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
    guard opened >= 0 else {
      throw Failure(description: "cannot open \(path): \(RegularFile.errnoText())")
    }
    fd = opened
    self.path = path
    id = String(path.split(separator: "/").last?.dropLast(6) ?? "")
    var last: UInt8 = 0
    let size = lseek(fd, 0, SEEK_END)
    if size > 0, pread(fd, &last, 1, size - 1) == 1, last != UInt8(ascii: "\n") {
      pending.append([UInt8(ascii: "\n")])
    }
  }

  deinit { close(fd) }

  /// Adds `record` as one line, labelled with the wall-clock time, and tries to put it (and
  /// any lines still waiting) on disk. Never fails: see `behind`. Returns the line (without
  /// its newline).
  @discardableResult
  func record(_ record: Record, wall: Date = Date()) -> String {
    let line = record.jsonLine(wall: WallClock.rfc3339(wall))
    lines.append(line)
    pending.append(Array((line + "\n").utf8))
    _ = flush()
    return line
  }

  /// Writes `record` as one line and waits until it is on disk, or throws why not: for a line
  /// added later to a closed record, where the caller says what happened.
  @discardableResult
  func append(_ record: Record, wall: Date = Date()) throws(Failure) -> String {
    let line = self.record(record, wall: wall)
    if let behind { throw Failure(description: "cannot add to \(path): \(behind.reason)") }
    return line
  }

  /// Writes what is waiting, in order, then fsyncs the file (and a new record's directory).
  /// Returns whether everything is on disk; `behind` says why not.
  @discardableResult
  func flush() -> Bool {
    while let first = pending.first {
      let (end, failed) = Self.write(first, to: fd, from: writtenOfFirst)
      if end > writtenOfFirst { unsynced = true }
      writtenOfFirst = end
      if failed { return fell("\(RegularFile.errnoText()) (write)") }
      pending.removeFirst()
      writtenOfFirst = 0
    }
    if unsynced {
      guard fsync(fd) == 0 else { return fell("\(RegularFile.errnoText()) (fsync)") }
      unsynced = false
    }
    if directoryUnsynced {
      let directory = (path as NSString).deletingLastPathComponent
      let dirfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      defer { if dirfd >= 0 { close(dirfd) } }
      guard dirfd >= 0, fsync(dirfd) == 0 else {
        return fell("\(RegularFile.errnoText()) (fsync of its directory)")
      }
      directoryUnsynced = false
    }
    behind = nil
    return true
  }

  private func fell(_ reason: String) -> Bool {
    behind = Behind(reason: reason, lines: pending.count)
    return false
  }

  /// How the record stands at the end.
  enum Finish: Equatable {
    /// Every line is on disk.
    case complete
    /// Some lines could not be written: the whole record is at `fallback`.
    case savedElsewhere(fallback: String, unwritten: Int, reason: String)
    /// Not even a fallback could be written; `reason` says why the record is behind.
    case incomplete(unwritten: Int, reason: String)
  }

  /// Tries one last time; if lines are still unwritten, writes the whole record to the first
  /// of `fallbacks` (`fallbackPlaces`: beside the temporary files, then in the home directory)
  /// that takes it.
  func finish(fallbacks: [String]) -> Finish {
    if flush() { return .complete }
    let reason = behind?.reason ?? "unknown"
    let unwritten = pending.filter { $0 != [UInt8(ascii: "\n")] }.count
    let whole = Array(lines.map { $0 + "\n" }.joined().utf8)
    if let file = Self.keep(whole, as: "mockroom-\(id)", in: fallbacks) {
      return .savedElsewhere(fallback: file, unwritten: unwritten, reason: reason)
    }
    return .incomplete(unwritten: unwritten, reason: reason)
  }

  /// Where a record that cannot be written in its place is kept instead: beside the temporary
  /// files, then in the home directory.
  static func fallbackPlaces(_ env: [String: String]) -> [String] {
    [env["TMPDIR"], "/tmp", "/var/tmp", env["HOME"]].compactMap { $0 }.filter {
      $0.hasPrefix("/")
    }
  }

  /// Writes `bytes` to a new file `<name>.<ext>` in the first of `places` that takes it whole;
  /// returns its path.
  static func keep(_ bytes: [UInt8], as name: String, ext: String = "jsonl", in places: [String])
    -> String?
  {
    for place in places {
      // A new file of our own, never one that was there (in /tmp, a name another user left
      // could lead elsewhere): `-2`, `-3`… when the name is taken.
      for attempt in 1...9 {
        let file = "\(place)/\(name)\(attempt == 1 ? "" : "-\(attempt)").\(ext)"
        let fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
          if errno == EEXIST { continue }
          break
        }
        let done = !Self.write(bytes, to: fd, from: 0).failed && fsync(fd) == 0
        close(fd)
        if done { return file }
        unlink(file)
        break
      }
    }
    return nil
  }

  /// Writes `bytes` from `start` on; returns where it got to, and whether a write failed
  /// before the end (`errno` says why).
  private static func write(_ bytes: [UInt8], to fd: Int32, from start: Int) -> (
    end: Int, failed: Bool
  ) {
    var at = start
    while at < bytes.count {
      let written = bytes.withUnsafeBytes {
        Glibc.write(fd, $0.baseAddress! + at, bytes.count - at)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return (at, true)
      }
      at += written
    }
    return (at, false)
  }

  private static func makeDirectories(_ path: String) throws(Failure) {
    do {
      try FileManager.default.createDirectory(
        atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw Failure(description: "cannot create \(path): \(error.localizedDescription)")
    }
  }

  /// `20261121-143005`: local date and time, so ids sort by when the session began.
  static func idStamp(_ date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970)
    var parts = tm()
    localtime_r(&seconds, &parts)
    return String(
      format: "%04d%02d%02d-%02d%02d%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
      parts.tm_hour, parts.tm_min, parts.tm_sec)
  }
}

extension SessionLogWriter {
  /// Adds `record` to the closed record at `path` (a debrief or scores given later). When it
  /// cannot be written there, what was typed is not lost: the line goes to a file of its own
  /// (see `keep`), or failing that to standard output, and the error says where and how to add
  /// it to the record.
  static func appendLater(
    _ record: Record, to path: String, what: String, fallbacks: [String]
  ) throws(UserError) {
    let why: String
    do {
      try SessionLogWriter(appendingTo: path).append(record)
      return
    } catch {
      why = error.description
    }
    // A newline first: were the record's last line torn, the line added after it still stands
    // on its own (readers skip a blank line).
    let line = "\n" + record.jsonLine(wall: WallClock.rfc3339(Date())) + "\n"
    let id = String(path.split(separator: "/").last?.dropLast(6) ?? "session")
    if let kept = keep(Array(line.utf8), as: "mockroom-\(id)-\(what)", in: fallbacks) {
      throw UserError(
        "\(why). Your \(what) is kept in \(kept); once \(path) can be written, add it with: "
          + "cat \(kept) >> \(path)", code: 1)
    }
    print(line, terminator: "")
    throw UserError(
      "\(why); nor could it be kept in a file elsewhere. Your \(what) is the line printed "
        + "above: add it to the end of \(path) once that can be written.", code: 1)
  }

  /// Finishes the record; one that never caught up is said, with where the whole of it is.
  func finished(fallbacks: [String]) throws(UserError) {
    switch finish(fallbacks: fallbacks) {
    case .complete: return
    case .savedElsewhere(let fallback, let unwritten, let reason):
      throw UserError(
        "the record is incomplete: \(unwritten) line\(unwritten == 1 ? "" : "s") could not be "
          + "written: \(reason). The whole record is in \(fallback); move it over \(path) "
          + "when there is room.", code: 1)
    case .incomplete(let unwritten, let reason):
      throw UserError(
        "the record is incomplete: \(unwritten) line\(unwritten == 1 ? "" : "s") could not be "
          + "written: \(reason); and no fallback file could be written either.", code: 1)
    }
  }
}
