/// A record line's own fields, besides the `v`, `type`, `t_ms`, `wall` and `source` every line
/// has: one value, coded flat beside them. Its decoder checks every time, count and figure it
/// reads against what a session can hold (`Record.checked`), through the helpers below.
public protocol RecordPayload: Codable, Equatable, Sendable {}

extension KeyedDecodingContainer {
  /// A time a session can hold (0 to `Record.longest`, or ± that when `signed`).
  func time(_ key: Key, signed: Bool = false) throws -> Millis {
    try Record.checked(decode(Int64.self, forKey: key), key.stringValue, signed: signed)
  }

  func timeIfPresent(_ key: Key) throws -> Millis? {
    try decodeIfPresent(Int64.self, forKey: key).map { try Record.checked($0, key.stringValue) }
  }

  /// A count or ordinal a record can hold (0 to `Record.mostCount`).
  func count(_ key: Key) throws -> Int {
    try Record.checked(count: decode(Int.self, forKey: key), key.stringValue)
  }

  /// A finite figure no larger than `Record.largestFigure` either way.
  func figure(_ key: Key) throws -> Double {
    try Record.checked(figure: decode(Double.self, forKey: key), key.stringValue)
  }

  /// A value written by its name (`phase`, `kind`…); an unknown name is `unknown <what> '…'`.
  func named<T>(_ key: Key, _ what: String, _ read: (String) -> T?) throws -> T {
    let name = try decode(String.self, forKey: key)
    guard let value = read(name) else {
      throw Record.DecodeError(description: "unknown \(what) '\(name)'")
    }
    return value
  }

  func namedIfPresent<T>(_ key: Key, _ what: String, _ read: (String) -> T?) throws -> T? {
    contains(key) ? try named(key, what, read) : nil
  }

  /// A phase by name, as every line with one writes it.
  func phase(_ key: Key) throws -> Phase { try named(key, "phase", Phase.init(name:)) }
}

// Names as records write them: a phase and a recovery move by name, not by number.
extension Phase: Codable {
  public init(from decoder: Decoder) throws {
    let name = try decoder.singleValueContainer().decode(String.self)
    guard let phase = Phase(name: name) else {
      throw Record.DecodeError(description: "unknown phase '\(name)'")
    }
    self = phase
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(name)
  }
}

extension RecoveryMove: Codable {
  public init(from decoder: Decoder) throws {
    let name = try decoder.singleValueContainer().decode(String.self)
    guard let move = RecoveryMove(name: name) else {
      throw Record.DecodeError(description: "unknown recovery move '\(name)'")
    }
    self = move
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(name)
  }
}

extension PhaseMove: Codable {}
extension Source: Codable {}
extension CueKind: Codable {}
extension Outcome: Codable {}
extension PushbackAnswer: Codable {}
extension HookEvent: Codable {}
extension DrillKind: Codable {}
extension EstimateKind: Codable {}
extension Band: Codable {}
extension Dimension: Codable {}
