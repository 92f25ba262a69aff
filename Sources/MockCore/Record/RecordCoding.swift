import Foundation

extension Record {
  /// Why a line of a record could not be read; `description` says what is wrong.
  public struct DecodeError: Error, Equatable, CustomStringConvertible {
    public let description: String
    /// The line's schema version, when it is newer than this mockroom reads.
    public var newerVersion: Int?

    init(description: String, newerVersion: Int? = nil) {
      self.description = description
      self.newerVersion = newerVersion
    }
  }

  /// The record as one line of JSON (no newline), labelled with the wall-clock time `wall`.
  public func jsonLine(wall: String) -> String {
    WireJSON.text(Line(record: self, wall: wall))
  }

  /// Reads one line of a record back, with its wall-clock label.
  public static func decode(jsonLine: String) throws(DecodeError) -> (record: Record, wall: String)
  {
    try decode(json: Data(jsonLine.utf8))
  }

  /// Reads one line of a record back from its bytes (no newline).
  public static func decode(json: Data) throws(DecodeError) -> (record: Record, wall: String) {
    do {
      let line = try WireJSON.decoder().decode(Line.self, from: json)
      return (line.record, line.wall)
    } catch let error as DecodeError {
      throw error
    } catch let DecodingError.keyNotFound(key, _) {
      throw DecodeError(description: "missing field '\(key.stringValue)'")
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context)
    {
      let field = context.codingPath.map(\.stringValue).joined(separator: ".")
      throw DecodeError(description: "field '\(field)' has the wrong type")
    } catch let DecodingError.dataCorrupted(context) {
      let field = context.codingPath.map(\.stringValue).joined(separator: ".")
      throw DecodeError(
        description: field.isEmpty ? "not valid JSON" : "field '\(field)' is not valid")
    } catch {
      throw DecodeError(description: "not valid JSON")
    }
  }
}

/// The JSON shape of a record line: flat, snake_case, every line with `v`, `type`, `t_ms`, `wall`
/// (and `source` when someone did it), beside the fields of its one payload value.
private struct Line: Codable {
  var record: Record
  var wall: String

  init(record: Record, wall: String) {
    self.record = record
    self.wall = wall
  }

  enum Key: String, CodingKey { case v, type, t_ms, wall, source }

  func encode(to encoder: Encoder) throws {
    let payload = record.entry.payload
    var c = encoder.container(keyedBy: Key.self)
    try c.encode(Record.schemaVersion, forKey: .v)
    try c.encode(payload.kind.rawValue, forKey: .type)
    try c.encode(record.t, forKey: .t_ms)
    try c.encode(wall, forKey: .wall)
    try c.encodeIfPresent(record.source, forKey: .source)
    try payload.value?.encode(to: encoder)
  }

  init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    let version = try c.decode(Int.self, forKey: .v)
    guard version <= Record.schemaVersion else {
      throw Record.DecodeError(
        description: "schema version \(version) is newer than this mockroom reads "
          + "(\(Record.schemaVersion)); upgrade mockroom to read it", newerVersion: version)
    }
    let kind = try c.named(.type, "type", Record.Kind.init(rawValue:))
    // Every number is outside input: each is checked against what a session can hold before
    // any sum is made of it (a `resumed` near Int64's end once trapped every review command).
    let t = try c.time(.t_ms)
    wall = try c.decode(String.self, forKey: .wall)
    let source = try c.namedIfPresent(.source, "source", Source.init(rawValue:))
    record = Record(t: t, entry: try kind.entry(from: decoder), source: source)
  }
}
