import Foundation
import Glibc

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
