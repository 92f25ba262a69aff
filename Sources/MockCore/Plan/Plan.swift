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
