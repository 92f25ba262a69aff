import Foundation

/// The control protocol: JSON lines over a session's Unix socket. Every line a client sends is
/// one request; every line the session sends is a reply to a request (`ok`, `error`, `state`,
/// `welcome`) or a push to the clients watching (`state`, `event`). README.md documents it.
public enum ControlProtocol {
  /// The protocol version: sent on every line, checked on every request that carries one.
  public static let version = 1
  /// The longest request line taken, newline excluded; a longer one ends the connection.
  public static let maximumLine = 64 * 1024
}

/// What a client asks of a session.
public enum Request: Equatable, Sendable {
  /// Introduces the client as `role`; with `watch`, it is sent state and events as they happen.
  case hello(role: Source, watch: Bool)
  case status
  /// Throws in a deck interjection by id.
  case fire(cue: String)
  /// Throws in the client's own words as an interjection of `kind`.
  case custom(kind: CueKind, text: String)
  case hold(cue: String)
  case release(cue: String)
  case skip(cue: String)
  case pause, resume, next, back
  /// Lengthens (positive) or shortens (negative) the current phase's budget.
  case adjust(Millis)
  /// Moves time from the next phase still to start to the current one (negative: back).
  case rebalance(Millis)
  case mark(Mark)
  case note(String)
  /// Ends the session (as `q` does: finished during ops, abandoned before).
  case end
  /// The interviewer's scores, once the session has ended.
  case debrief(Debrief)
  /// The interviewer's rating (1-5) of a recovery drill's round.
  case rate(Int)

  /// The `op` field.
  public var op: String {
    switch self {
    case .hello: "hello"
    case .status: "status"
    case .fire, .custom: "fire"
    case .hold: "hold"
    case .release: "release"
    case .skip: "skip"
    case .pause: "pause"
    case .resume: "resume"
    case .next: "next"
    case .back: "back"
    case .adjust: "adjust"
    case .rebalance: "rebalance"
    case .mark: "mark"
    case .note: "note"
    case .end: "end"
    case .debrief: "debrief"
    case .rate: "rate"
    }
  }

  /// Every op a request may name, for the error that lists them.
  public static let ops = [
    "hello", "status", "fire", "hold", "release", "skip", "pause", "resume", "next", "back",
    "adjust", "extend", "shorten", "rebalance", "mark", "note", "end", "debrief", "rate",
  ]

  /// The request as one line of JSON (no newline); `seq` comes back on the reply.
  public func jsonLine(seq: Int? = nil) -> String {
    var wire = RequestWire(v: ControlProtocol.version, seq: seq, op: op)
    switch self {
    case .hello(let role, let watch):
      wire.role = role.rawValue
      wire.watch = watch
    case .fire(let cue), .hold(let cue), .release(let cue), .skip(let cue): wire.cue = cue
    case .custom(let kind, let text):
      wire.kind = kind.rawValue
      wire.text = text
    case .adjust(let ms), .rebalance(let ms): wire.ms = ms
    case .mark(let mark): wire.mark = Mark.plain.contains(mark) ? mark.name : mark.ctlName
    case .note(let text): wire.text = text
    case .debrief(let said):
      wire.scores = Dictionary(
        uniqueKeysWithValues: said.scores.map { ($0.key.rawValue, $0.value) })
      wire.overran = said.overran?.name
      wire.why = said.why
      wire.notes = said.notes
      wire.by = said.by
    case .rate(let rating): wire.rating = rating
    case .status, .pause, .resume, .next, .back, .end: break
    }
    return WireJSON.text(wire)
  }

  /// Reads one request line; the error says what is wrong, in words and as a code.
  public static func decode(_ line: Data) throws(ControlError) -> (seq: Int?, request: Request) {
    let wire: RequestWire
    do {
      wire = try WireJSON.decoder().decode(RequestWire.self, from: line)
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context)
    {
      let field = context.codingPath.map(\.stringValue).joined(separator: ".")
      if field.isEmpty { throw ControlError(.badJSON, "not a JSON object") }
      throw ControlError(.badRequest, "field '\(field)' has the wrong type")
    } catch {
      throw ControlError(.badJSON, "not a JSON object")
    }
    if let v = wire.v, v > ControlProtocol.version {
      throw ControlError(
        .newerVersion,
        "protocol version \(v) is newer than this session speaks (\(ControlProtocol.version))")
    }
    return (wire.seq, try wire.request())
  }
}

/// Why a request was refused.
public struct ControlError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Code: String, Equatable, Sendable {
    case badJSON = "bad_json"
    case badRequest = "bad_request"
    case unknownOp = "unknown_op"
    case newerVersion = "newer_version"
    case tooLong = "too_long"
    case noSuchCue = "no_such_cue"
    /// The request makes no sense now (pausing a paused session, firing a fired entry).
    case notNow = "not_now"
    case ended
    case refused
  }
  public var code: Code
  public var message: String
  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  /// Why the session did nothing, as whoever asked hears it: the one mapping from a refusal
  /// to the protocol's error, with the cue it was about, if any.
  public init(_ refusal: Refusal, about cue: String? = nil) {
    let code: Code =
      switch refusal {
      case .ended: .ended
      case .notStarted, .started, .paused, .notPaused, .suspended, .notSuspended, .firstPhase,
        .lastPhase, .budgetLimit, .noLaterPhase, .noBanner, .noPivot, .fired, .notSteerable, .held,
        .notHeld, .noPushback:
        .notNow
      }
    self.init(code, cue.map { "'\($0)': \(refusal.message)" } ?? refusal.message)
  }

  public var description: String { message }
}

/// A request line as it is on the wire: every field optional, checked by `request()`.
struct RequestWire: Codable {
  var v: Int?
  var seq: Int?
  var op: String?
  var role: String?
  var watch: Bool?
  var cue: String?
  var kind: String?
  var text: String?
  var ms: Int64?
  var mark: String?
  var scores: [String: Int]?
  var overran: String?
  var why: String?
  var notes: String?
  var by: String?
  var rating: Int?

  init(v: Int, seq: Int?, op: String) {
    self.v = v
    self.seq = seq
    self.op = op
  }

  private func need<T>(_ value: T?, _ field: String) throws(ControlError) -> T {
    guard let value else {
      throw ControlError(.badRequest, "'\(op ?? "")' needs the field '\(field)'")
    }
    return value
  }

  private func needText(_ value: String?, _ field: String) throws(ControlError) -> String {
    let text = try need(value, field).trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty else { throw ControlError(.badRequest, "'\(field)' is empty") }
    return text
  }

  func request() throws(ControlError) -> Request {
    guard let op else { throw ControlError(.badRequest, "a request needs the field 'op'") }
    switch op {
    case "hello":
      let name = role ?? "ctl"
      guard let source = Source(rawValue: name), source != .candidate else {
        throw ControlError(.badRequest, "role '\(name)': use interviewer or ctl")
      }
      return .hello(role: source, watch: watch ?? false)
    case "status": return .status
    case "fire":
      if let cue { return .fire(cue: cue) }
      let name = try need(kind, "kind")
      guard let kind = CueKind(rawValue: name), kind.isInterjection else {
        throw ControlError(
          .badRequest,
          "kind '\(name)': use pivot, pushback, curveball, silence or checkin (or give 'cue')")
      }
      return .custom(kind: kind, text: try needText(text, "text"))
    case "hold": return .hold(cue: try need(cue, "cue"))
    case "release": return .release(cue: try need(cue, "cue"))
    case "skip": return .skip(cue: try need(cue, "cue"))
    case "pause": return .pause
    case "resume": return .resume
    case "next": return .next
    case "back", "previous": return .back
    case "adjust", "extend", "shorten":
      let ms = try need(ms, "ms")
      guard ms != 0, abs(ms) <= DurationText.maximum else {
        throw ControlError(.badRequest, "'ms' must be non-zero and at most a day")
      }
      if op != "adjust", ms < 0 {
        throw ControlError(.badRequest, "'\(op)' takes a positive 'ms'")
      }
      return .adjust(op == "shorten" ? -ms : ms)
    case "rebalance":
      let ms = try need(ms, "ms")
      guard ms != 0, abs(ms) <= DurationText.maximum else {
        throw ControlError(.badRequest, "'ms' must be non-zero and at most a day")
      }
      return .rebalance(ms)
    case "mark":
      let name = try need(mark, "mark")
      guard let found = Mark(name: name) else {
        throw ControlError(
          .badRequest, "mark '\(name)': use one of \(Mark.names.joined(separator: ", "))")
      }
      return .mark(found)
    case "note": return .note(try needText(text, "text"))
    case "end": return .end
    case "debrief":
      var said = Debrief(why: why ?? "", notes: notes ?? "")
      if let by {
        guard let name = Debrief.interviewerName(by) else {
          throw ControlError(.badRequest, "by: \(Debrief.nameRule)")
        }
        said.by = name
      }
      for (name, score) in scores ?? [:] {
        guard let dimension = Dimension(rawValue: name) else {
          throw ControlError(.badRequest, "scores: unknown dimension '\(name)'")
        }
        guard (1...5).contains(score) else {
          throw ControlError(.badRequest, "scores: \(name) must be 1 to 5")
        }
        said.scores[dimension] = score
      }
      if let overran {
        guard let phase = Phase(name: overran) else {
          throw ControlError(.badRequest, "overran: unknown phase '\(overran)'")
        }
        said.overran = phase
      }
      return .debrief(said)
    case "rate":
      let rating = try need(rating, "rating")
      guard (1...5).contains(rating) else {
        throw ControlError(.badRequest, "rating must be 1 to 5")
      }
      return .rate(rating)
    default:
      throw ControlError(
        .unknownOp, "unknown op '\(op)'; ops: \(Request.ops.joined(separator: ", "))")
    }
  }
}

extension Mark {
  /// The name `mockroom ctl mark` takes and `Mark(name:)` reads back: the record name, or
  /// `recovery:MOVE`.
  public var ctlName: String {
    if case .recovery(let move) = self { return "recovery:\(move.name)" }
    return name
  }
}
