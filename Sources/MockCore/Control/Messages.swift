import Foundation

/// A line the session sends a client: a reply to a request, or a push to a watching console.
public enum ControlMessage: Equatable, Sendable {
  /// The reply to `hello`: the prompt's interviewer material, every record line so far, the
  /// state now.
  case welcome(Welcome)
  /// The reply to `status`, and a push on every change (about once a second as time passes).
  case state(ControlState)
  /// A push: a line just written to the session's record.
  case event(Record)
  /// A request was carried out; `banner` names the banner a fire put up.
  case ok(op: String, seq: Int?, banner: Int?)
  case error(ControlError, seq: Int?)
  /// The reply to `status` from a recovery drill: the round as the interviewer sees it.
  case round(RoundState)

  public struct Welcome: Codable, Equatable, Sendable {
    public var v = ControlProtocol.version
    public var type = "welcome"
    public var seq: Int?
    public var role: String
    public var material: Material
    /// The record so far, one line each, exactly as written to the log.
    public var records: [String]
    public var state: ControlState

    public init(seq: Int?, role: Source, material: Material, records: [String], state: ControlState)
    {
      self.seq = seq
      self.role = role.rawValue
      self.material = material
      self.records = records
      self.state = state
    }
  }

  private struct Event: Codable {
    var v = ControlProtocol.version
    var type = "event"
    /// The record line exactly as written to the log.
    var line: String
  }

  private struct Reply: Codable {
    var v = ControlProtocol.version
    var type: String
    var op: String?
    var seq: Int?
    var banner: Int?
    var code: String?
    var message: String?
  }

  /// The message as one line of JSON (no newline).
  public func jsonLine() -> String {
    switch self {
    case .welcome(let welcome): Self.encoded(welcome)
    case .state(let state): state.jsonLine()
    case .round(let round): Self.encoded(round)
    case .event(let record): Self.event(line: record.jsonLine(wall: ""))
    case .ok(let op, let seq, let banner):
      Self.encoded(Reply(type: "ok", op: op, seq: seq, banner: banner))
    case .error(let error, let seq):
      Self.encoded(
        Reply(type: "error", seq: seq, code: error.code.rawValue, message: error.message))
    }
  }

  /// A push of a record line as the log has it (with its wall-clock label).
  public static func event(line: String) -> String { encoded(Event(line: line)) }

  private static func encoded<T: Encodable>(_ value: T) -> String {
    WireJSON.text(value, snakeCase: true)
  }

  /// Reads a line from the session; nil for a line this client cannot read (a newer type).
  public static func decode(_ data: Data) -> ControlMessage? {
    let decoder = WireJSON.decoder(snakeCase: true)
    guard let head = try? decoder.decode(Reply.self, from: data) else { return nil }
    switch head.type {
    case "welcome":
      return (try? decoder.decode(Welcome.self, from: data)).map(ControlMessage.welcome)
    case "state": return (try? ControlState.decode(data)).map(ControlMessage.state)
    case "round":
      return (try? decoder.decode(RoundState.self, from: data)).map(ControlMessage.round)
    case "event":
      guard let event = try? decoder.decode(Event.self, from: data),
        let record = try? Record.decode(jsonLine: event.line)
      else { return nil }
      return .event(record.record)
    case "ok": return .ok(op: head.op ?? "", seq: head.seq, banner: head.banner)
    case "error":
      let code = head.code.flatMap(ControlError.Code.init(rawValue:)) ?? .badRequest
      return .error(ControlError(code, head.message ?? ""), seq: head.seq)
    default: return nil
    }
  }
}
