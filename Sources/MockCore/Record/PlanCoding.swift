/// A plan as JSON: its name and a budget per phase, by phase name.
struct PlanJSON: Codable {
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
        return try Record.checked(ms, phase.name)
      }
      return Plan(name: name, budgets: budgets)
    }
  }
}

/// A schedule as JSON: the coaching cues' settings and every placed interjection.
struct ScheduleJSON: Codable {
  struct Item: Codable {
    var id: String
    var kind: String
    var text: String
    var phase: String
    var at_ms: Int64
  }
  var drill_grace_ms: Int64
  var checkin_every_ms: Int64?
  /// A partner session: the interjections wait for the interviewer (absent: false).
  var partner: Bool?
  var interjections: [Item]
  /// `run --hostile` (absent: none).
  var hostile: HostileJSON?
  /// `--checkins N` (absent: no target).
  var checkin_target: Int?
  var checkin_spacing_ms: Int64?
  /// The closing questions for the last 90 seconds (absent: none).
  var questions: [String]?
  /// The questions file had only weak questions (absent: false).
  var questions_none_strong: Bool?

  struct HostileJSON: Codable {
    struct Line: Codable {
      var id: String
      var text: String
    }
    var until_ms: Int64
    var at_ms: [Int64]
    /// By phase name.
    var lines: [String: [Line]]
  }

  init(_ schedule: Schedule) {
    drill_grace_ms = schedule.options.drillGrace
    checkin_every_ms = schedule.options.checkinEvery
    partner = schedule.options.partner ? true : nil
    hostile = schedule.options.hostile.map { hostile in
      HostileJSON(
        until_ms: hostile.until, at_ms: hostile.times,
        lines: Dictionary(
          uniqueKeysWithValues: hostile.lines.map { phase, lines in
            (phase.name, lines.map { HostileJSON.Line(id: $0.id, text: $0.text) })
          }))
    }
    checkin_target = schedule.options.checkinTarget
    checkin_spacing_ms =
      schedule.options.checkinTarget == nil ? nil : schedule.options.checkinSpacing
    questions = schedule.options.questions.isEmpty ? nil : schedule.options.questions
    questions_none_strong = schedule.options.noStrongQuestion ? true : nil
    interjections = schedule.interjections.map {
      Item(id: $0.id, kind: $0.kind.rawValue, text: $0.text, phase: $0.phase.name, at_ms: $0.at)
    }
  }

  var schedule: Schedule {
    get throws {
      let placed = try interjections.map { item in
        guard let kind = Interjection.Kind(rawValue: item.kind) else {
          throw Record.DecodeError(description: "unknown interjection kind '\(item.kind)'")
        }
        guard let phase = Phase(name: item.phase) else {
          throw Record.DecodeError(description: "unknown phase '\(item.phase)'")
        }
        return Schedule.Placed(
          id: item.id, kind: kind, text: item.text, phase: phase,
          at: try Record.checked(item.at_ms, "at_ms"))
      }
      let hostile = try self.hostile.map { json in
        var lines: [Phase: [Hostile.Line]] = [:]
        for (name, list) in json.lines {
          guard let phase = Phase(name: name) else {
            throw Record.DecodeError(description: "unknown phase '\(name)'")
          }
          lines[phase] = list.map { Hostile.Line(id: $0.id, text: $0.text) }
        }
        return Hostile(
          until: try Record.checked(json.until_ms, "until_ms"),
          times: try json.at_ms.map { try Record.checked($0, "at_ms") }, lines: lines)
      }
      return Schedule(
        interjections: placed,
        options: Schedule.Options(
          drillGrace: try Record.checked(drill_grace_ms, "drill_grace_ms"),
          checkinEvery: try checkin_every_ms.map { try Record.checked($0, "checkin_every_ms") },
          partner: partner ?? false, hostile: hostile,
          checkinTarget: try checkin_target.map { try Record.checked(count: $0, "checkin_target") },
          checkinSpacing: try checkin_spacing_ms.map {
            try Record.checked($0, "checkin_spacing_ms")
          } ?? CheckinTarget.standardSpacing,
          questions: questions ?? [], noStrongQuestion: questions_none_strong ?? false))
    }
  }
}
