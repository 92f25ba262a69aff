import Foundation
import Glibc
import MockCore

/// Appends a session's record to `sessions/<id>.jsonl`, one JSON line per event, each written
/// and fsynced before the screen may show the event: a crash or power loss keeps every line
/// already shown.
final class SessionLogWriter {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  let path: String
  let id: String
  private let fd: Int32

  /// Creates the log for a new session, choosing an id from `started` (local time) and `slug`
  /// that no earlier session has used.
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
        return
      }
      guard errno == EEXIST, attempt < 100 else {
        throw Failure(description: "cannot create \(file): \(String(cString: strerror(errno)))")
      }
      attempt += 1
    }
  }

  /// Opens an existing session's log to add lines to it (a debrief written later).
  init(appendingTo path: String) throws(Failure) {
    let opened = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
    guard opened >= 0 else {
      throw Failure(description: "cannot open \(path): \(String(cString: strerror(errno)))")
    }
    fd = opened
    self.path = path
    id = String(path.split(separator: "/").last?.dropLast(6) ?? "")
  }

  deinit { close(fd) }

  /// Writes `record` as one line, labelled with the wall-clock time, and waits until it is on
  /// disk. Returns the line (without its newline).
  @discardableResult
  func append(_ record: Record, wall: Date = Date()) throws(Failure) -> String {
    let line = record.jsonLine(wall: WallClock.rfc3339(wall))
    let bytes = Array((line + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        write(fd, buffer.baseAddress! + offset, buffer.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
      }
      offset += written
    }
    guard fsync(fd) == 0 else {
      throw Failure(description: "cannot flush \(path): \(String(cString: strerror(errno)))")
    }
    return line
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

/// Wall-clock labels for records. Wall time only labels; it never measures.
enum WallClock {
  /// RFC 3339 in UTC with milliseconds: `2026-11-21T14:30:05.123Z`.
  static func rfc3339(_ date: Date) -> String {
    let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    var seconds = time_t(ms / 1000)
    var parts = tm()
    gmtime_r(&seconds, &parts)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1,
      parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, Int32(ms % 1000))
  }
}
