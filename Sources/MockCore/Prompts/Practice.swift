/// How often and how lately one prompt was practised, read from session records.
public struct Practice: Equatable, Sendable {
  public var count: Int
  /// The wall-clock label (RFC 3339, UTC) of the latest session's start.
  public var last: String

  public init(count: Int, last: String) {
    self.count = count
    self.last = last
  }

  /// Tallies sessions given as (prompt id, start wall label) pairs.
  public static func tally(_ sessions: [(prompt: String, wall: String)]) -> [String: Practice] {
    var result: [String: Practice] = [:]
    for session in sessions {
      if var known = result[session.prompt] {
        known.count += 1
        // RFC 3339 labels in UTC with a fixed layout sort as text.
        known.last = max(known.last, session.wall)
        result[session.prompt] = known
      } else {
        result[session.prompt] = Practice(count: 1, last: session.wall)
      }
    }
    return result
  }
}

/// Chooses the prompt for a session: the least recently practised, never-practised first; ties
/// broken by a random choice that a seed makes repeatable.
public enum PromptPicker {
  public static func pick(
    from ids: [String], practice: [String: Practice], seed: UInt64
  ) -> String? {
    guard !ids.isEmpty else { return nil }
    // "" sorts before every date: never practised comes first.
    let lastOf = { (id: String) in practice[id]?.last ?? "" }
    let oldest = ids.map(lastOf).min()!
    let tied = ids.filter { lastOf($0) == oldest }.sorted()
    // Indexed by hand, not randomElement(using:): the stdlib may change how that draws.
    var generator = SeededGenerator(seed: seed)
    return tied[Int(generator.next() % UInt64(tied.count))]
  }
}

/// SplitMix64: a small, fast generator whose whole sequence follows from its seed, so that
/// `--seed N` gives the same choices on every machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
