import Foundation

/// One session's record as read from its file: the lines that could be read, and a warning for
/// each that could not. A bad line never costs the rest.
public struct SessionLog: Sendable {
  /// The file's path (or name), used in warnings.
  public var file: String
  public var records: [Record]
  /// The wall-clock label of the first line.
  public var started: String?
  /// `file:line: what is wrong`, one per line skipped.
  public var warnings: [String]
  /// The newest schema version among lines skipped as written by a newer mockroom, if any.
  public var newerVersion: Int?

  public init(
    file: String, records: [Record] = [], started: String? = nil, warnings: [String] = [],
    newerVersion: Int? = nil
  ) {
    self.file = file
    self.records = records
    self.started = started
    self.warnings = warnings
    self.newerVersion = newerVersion
  }

  /// Reads a log's text. A line cut short at the end (a torn write from `kill -9` or power
  /// loss) and a corrupt line anywhere are skipped with a warning.
  public static func read(file: String, text: String) -> SessionLog {
    read(file: file, bytes: Data(text.utf8))
  }

  /// Reads a log's bytes, split on newlines as bytes (no text decoding of the whole file).
  /// A line from a newer mockroom is skipped as a corrupt one is, and the rest kept: README
  /// promises as much. Such lines are said in one warning, however many there are.
  public static func read(file: String, bytes: Data) -> SessionLog {
    var log = SessionLog(file: file)
    let newline = UInt8(ascii: "\n")
    let lines = bytes.split(separator: newline, omittingEmptySubsequences: false)
    let complete = bytes.last == newline
    var newer: (line: Int, count: Int)?
    for (index, line) in lines.enumerated() where !line.isEmpty {
      let isLast = index == lines.count - 1
      do {
        let (record, wall) = try Record.decode(json: Data(line))
        if log.records.isEmpty { log.started = wall }
        log.records.append(record)
      } catch {
        if let version = error.newerVersion {
          log.newerVersion = max(version, log.newerVersion ?? version)
          newer = (newer?.line ?? index + 1, (newer?.count ?? 0) + 1)
          continue
        }
        let what = isLast && !complete ? "cut short (\(error))" : "\(error)"
        log.warnings.append("\(file):\(index + 1): \(what); line skipped")
      }
    }
    if let newer, let version = log.newerVersion {
      let more = newer.count > 1 ? " and \(newer.count - 1) more" : ""
      log.warnings.append(
        "\(file):\(newer.line): written by a newer mockroom (record schema \(version); this one "
          + "reads \(Record.schemaVersion)); this line\(more) skipped")
    }
    return log
  }
}
