import Foundation

extension Record {
  /// Why a line of a record could not be read; `description` says what is wrong.
  public struct DecodeError: Error, Equatable, CustomStringConvertible {
    public let description: String
  }

  /// The record as one line of JSON (no newline), labelled with the wall-clock time `wall`.
  public func jsonLine(wall: String) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try! encoder.encode(Line(record: self, wall: wall))
    return String(decoding: data, as: UTF8.self)
  }

  /// Reads one line of a record back, with its wall-clock label.
  public static func decode(jsonLine: String) throws(DecodeError) -> (record: Record, wall: String)
  {
    do {
      let line = try JSONDecoder().decode(Line.self, from: Data(jsonLine.utf8))
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

/// The JSON shape of a record line: flat, snake_case, every line with `v`, `type`, `t_ms`, `wall`.
private struct Line: Codable {
  var record: Record
  var wall: String

  init(record: Record, wall: String) {
    self.record = record
    self.wall = wall
  }

  enum Key: String, CodingKey {
    case v, type, t_ms, wall
    case id, title, program, prompt, plan, phase, via, elapsed_ms, budget_ms, overrun_ms, paused_ms
    case from_ms, to_ms, outcome, reason, signal, active_ms
  }

  func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Key.self)
    try c.encode(Record.schemaVersion, forKey: .v)
    try c.encode(record.type, forKey: .type)
    try c.encode(record.t, forKey: .t_ms)
    try c.encode(wall, forKey: .wall)
    switch record.entry {
    case .sessionStarted(let info, let plan):
      try c.encode(info.id, forKey: .id)
      try c.encode(info.title, forKey: .title)
      try c.encode(info.program, forKey: .program)
      try c.encodeIfPresent(info.prompt, forKey: .prompt)
      try c.encode(PlanJSON(plan), forKey: .plan)
    case .phaseEntered(let phase, let via):
      try c.encode(phase.name, forKey: .phase)
      try c.encode(via.rawValue, forKey: .via)
    case .phaseLeft(let phase, let elapsed, let budget):
      try c.encode(phase.name, forKey: .phase)
      try c.encode(elapsed, forKey: .elapsed_ms)
      try c.encode(budget, forKey: .budget_ms)
      try c.encode(max(0, elapsed - budget), forKey: .overrun_ms)
    case .paused:
      break
    case .resumed(let pausedFor):
      try c.encode(pausedFor, forKey: .paused_ms)
    case .budgetChanged(let phase, let from, let to):
      try c.encode(phase.name, forKey: .phase)
      try c.encode(from, forKey: .from_ms)
      try c.encode(to, forKey: .to_ms)
    case .sessionEnded(let ending, let active):
      try c.encode(ending.outcome.rawValue, forKey: .outcome)
      switch ending.reason {
      case .completed: try c.encode("completed", forKey: .reason)
      case .quit: try c.encode("quit", forKey: .reason)
      case .signal(let name):
        try c.encode("signal", forKey: .reason)
        try c.encode(name, forKey: .signal)
      }
      try c.encode(active, forKey: .active_ms)
    }
  }

  init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    let version = try c.decode(Int.self, forKey: .v)
    guard version <= Record.schemaVersion else {
      throw Record.DecodeError(
        description: "schema version \(version) is newer than this mockroom reads "
          + "(\(Record.schemaVersion)); upgrade mockroom to read it")
    }
    let type = try c.decode(String.self, forKey: .type)
    let t = try c.decode(Int64.self, forKey: .t_ms)
    wall = try c.decode(String.self, forKey: .wall)
    func phase() throws -> Phase {
      let name = try c.decode(String.self, forKey: .phase)
      guard let phase = Phase(name: name) else {
        throw Record.DecodeError(description: "unknown phase '\(name)'")
      }
      return phase
    }
    let entry: Record.Entry
    switch type {
    case "session_started":
      let info = SessionInfo(
        id: try c.decode(String.self, forKey: .id),
        title: try c.decode(String.self, forKey: .title),
        program: try c.decode(String.self, forKey: .program),
        prompt: try c.decodeIfPresent(String.self, forKey: .prompt))
      entry = .sessionStarted(info, try c.decode(PlanJSON.self, forKey: .plan).plan)
    case "phase_entered":
      let via = try c.decode(String.self, forKey: .via)
      guard let move = PhaseMove(rawValue: via) else {
        throw Record.DecodeError(description: "unknown move '\(via)'")
      }
      entry = .phaseEntered(try phase(), via: move)
    case "phase_left":
      entry = .phaseLeft(
        try phase(), elapsed: try c.decode(Int64.self, forKey: .elapsed_ms),
        budget: try c.decode(Int64.self, forKey: .budget_ms))
    case "paused":
      entry = .paused
    case "resumed":
      entry = .resumed(pausedFor: try c.decode(Int64.self, forKey: .paused_ms))
    case "budget_changed":
      entry = .budgetChanged(
        try phase(), from: try c.decode(Int64.self, forKey: .from_ms),
        to: try c.decode(Int64.self, forKey: .to_ms))
    case "session_ended":
      let outcomeName = try c.decode(String.self, forKey: .outcome)
      guard let outcome = Outcome(rawValue: outcomeName) else {
        throw Record.DecodeError(description: "unknown outcome '\(outcomeName)'")
      }
      let reason: EndReason
      switch try c.decode(String.self, forKey: .reason) {
      case "completed": reason = .completed
      case "quit": reason = .quit
      case "signal": reason = .signal(try c.decode(String.self, forKey: .signal))
      case let other: throw Record.DecodeError(description: "unknown end reason '\(other)'")
      }
      entry = .sessionEnded(
        Ending(outcome: outcome, reason: reason),
        active: try c.decode(Int64.self, forKey: .active_ms))
    default:
      throw Record.DecodeError(description: "unknown type '\(type)'")
    }
    record = Record(t: t, entry: entry)
  }
}

/// A plan as JSON: its name and a budget per phase, by phase name.
private struct PlanJSON: Codable {
  var name: String
  var budgets_ms: [String: Int64]

  init(_ plan: Plan) {
    name = plan.name
    budgets_ms = Dictionary(uniqueKeysWithValues: Phase.allCases.map { ($0.name, plan[$0]) })
  }

  var plan: Plan {
    get throws {
      let budgets = try Phase.allCases.map { phase in
        guard let ms = budgets_ms[phase.name], ms > 0 else {
          throw Record.DecodeError(description: "plan has no budget for \(phase.name)")
        }
        return ms
      }
      return Plan(name: name, budgets: budgets)
    }
  }
}
