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
        return ms
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

  init(_ schedule: Schedule) {
    drill_grace_ms = schedule.options.drillGrace
    checkin_every_ms = schedule.options.checkinEvery
    partner = schedule.options.partner ? true : nil
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
          id: item.id, kind: kind, text: item.text, phase: phase, at: item.at_ms)
      }
      return Schedule(
        interjections: placed,
        options: Schedule.Options(
          drillGrace: drill_grace_ms, checkinEvery: checkin_every_ms, partner: partner ?? false))
    }
  }
}
