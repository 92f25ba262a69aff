/// One of the five phases of a system-design interview, in the order they are taken.
public enum Phase: Int, CaseIterable, Comparable, Hashable, Sendable {
  case clarify, estimate, design, drill, ops

  public static func < (lhs: Phase, rhs: Phase) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The lower-case name used on the command line and in records.
  public var name: String {
    switch self {
    case .clarify: "clarify"
    case .estimate: "estimate"
    case .design: "design"
    case .drill: "drill"
    case .ops: "ops"
    }
  }

  /// Parses a phase name as typed on the command line (case-insensitive).
  public init?(name: String) {
    guard let phase = Phase.allCases.first(where: { $0.name == name.lowercased() }) else {
      return nil
    }
    self = phase
  }

  /// The phase after this one, or nil after ops.
  public var next: Phase? { Phase(rawValue: rawValue + 1) }
  /// The phase before this one, or nil before clarify.
  public var previous: Phase? { Phase(rawValue: rawValue - 1) }
  /// 1-based position, for "phase 3 of 5".
  public var number: Int { rawValue + 1 }
}
