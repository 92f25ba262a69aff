/// How long each phase is meant to take.
public struct Plan: Equatable, Hashable, Sendable {
  public var name: String
  private var budgets: [Millis]

  /// The method's default: clarify 5, estimate 5, design 15, drill 15, ops 5 (45 minutes).
  public static let standard = Plan(
    name: "standard",
    budgets: [.minutes(5), .minutes(5), .minutes(15), .minutes(15), .minutes(5)])

  /// A plan with a budget for every phase, in phase order.
  public init(name: String, budgets: [Millis]) {
    precondition(budgets.count == Phase.allCases.count, "a plan needs one budget per phase")
    self.name = name
    self.budgets = budgets
  }

  public subscript(phase: Phase) -> Millis {
    get { budgets[phase.rawValue] }
    set { budgets[phase.rawValue] = newValue }
  }

  /// The whole plan's length.
  public var total: Millis { budgets.reduce(0, +) }

  /// This plan with some budgets replaced; the name says it was customised.
  public func overriding(_ overrides: [Phase: Millis]) -> Plan {
    guard !overrides.isEmpty else { return self }
    var plan = self
    for (phase, budget) in overrides { plan[phase] = budget }
    plan.name = name == "standard" ? "custom" : name
    return plan
  }
}

extension Plan: Codable {
  enum CodingKeys: String, CodingKey { case name, budgets }

  /// A plan as the index keeps it: a budget per phase, in phase order, or not a plan at all.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let budgets = try c.decode([Millis].self, forKey: .budgets)
    guard budgets.count == Phase.allCases.count else {
      throw DecodingError.dataCorruptedError(
        forKey: .budgets, in: c, debugDescription: "a plan needs one budget per phase")
    }
    self.init(name: try c.decode(String.self, forKey: .name), budgets: budgets)
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(budgets, forKey: .budgets)
  }
}
