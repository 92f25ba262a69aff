/// `run --hostile`: for the first stretch of worked time, a pushback every 45-75 s, worded for
/// the phase it lands in. Fixed when the session starts and recorded in its schedule.
public struct Hostile: Equatable, Hashable, Sendable {
  /// A pushback's words, and the deck entry they came from.
  public struct Line: Equatable, Hashable, Sendable {
    public var id: String
    public var text: String
    public init(id: String, text: String) {
      self.id = id
      self.text = text
    }
  }

  /// How long the pushback lasts, in worked time (pauses do not count).
  public var until: Millis
  /// The points of worked time at which each comes, in order.
  public var times: [Millis]
  /// The words for each phase, in the order they are used.
  public var lines: [Phase: [Line]]

  /// The default stretch: the first ten minutes.
  public static let defaultLength: Millis = .minutes(10)
  /// The gap before each pushback, drawn whole seconds from this range.
  public static let gap: ClosedRange<Int64> = 45...75
  /// Cue ids are `hostile-1`, `hostile-2`…; a deck entry may not take one.
  public static let prefix = "hostile-"

  public init(until: Millis, times: [Millis], lines: [Phase: [Line]]) {
    self.until = until
    self.times = times
    self.lines = lines
  }

  /// The pushbacks for a session: times from `seed`, words from the pushback entries of the
  /// prompt's deck and the generic deck. An entry with a phase is worded for that phase; one
  /// without (a prompt's "why X over Y?") fits design and drill.
  public static func place(
    until: Millis, own: [Interjection], generic: [Interjection], seed: UInt64
  ) -> Hostile {
    var random = SeededGenerator(seed: seed ^ 0x4057_11E0)
    var times: [Millis] = []
    var at: Millis = 0
    while true {
      let span = UInt64(gap.upperBound - gap.lowerBound + 1)
      at += (gap.lowerBound + Int64(random.next() % span)) * 1000
      guard at < until else { break }
      times.append(at)
    }
    var lines: [Phase: [Line]] = [:]
    for phase in Phase.allCases {
      let fits = { (entry: Interjection) in
        guard entry.kind == .pushback else { return false }
        if let timing = entry.timing { return timing.phase == phase }
        return phase == .design || phase == .drill
      }
      var chosen = (own.filter(fits) + generic.filter(fits)).map { Line(id: $0.id, text: $0.text) }
      for i in stride(from: chosen.count - 1, to: 0, by: -1) {
        chosen.swapAt(i, Int(random.next() % UInt64(i + 1)))
      }
      lines[phase] = chosen
    }
    return Hostile(until: until, times: times, lines: lines)
  }

  /// The id of the `n`th pushback (from 1).
  public static func id(_ n: Int) -> String { "\(prefix)\(n)" }

  /// Whether a cue id is one of these.
  public static func isHostile(_ cue: String) -> Bool { cue.hasPrefix(prefix) }

  /// The words of a pushback landing in `phase` after `earlier` others there: the phase's lines
  /// in turn, round again once all are used.
  public func words(in phase: Phase, after earlier: Int) -> Line {
    guard let list = lines[phase], !list.isEmpty else {
      return Line(id: "", text: "Why? Say the reason behind that, out loud.")
    }
    return list[earlier % list.count]
  }
}

/// How the candidate answered a pushback.
public enum PushbackAnswer: String, CaseIterable, Equatable, Hashable, Sendable {
  /// Kept the position and gave the reasons.
  case held
  /// Changed the position, and said why.
  case changed
  /// Gave way without a reason: the failure the method warns about.
  case gaveWay = "gave_way"

  /// The key that records it on the session screen.
  public var key: Character {
    switch self {
    case .held: "s"
    case .changed: "v"
    case .gaveWay: "g"
    }
  }

  /// What screens and reviews call it.
  public var label: String {
    switch self {
    case .held: "held, with reasons"
    case .changed: "changed, with a reason"
    case .gaveWay: "gave way"
    }
  }

  /// The few words on the banner beside its key.
  public var short: String {
    switch self {
    case .held: "held"
    case .changed: "changed"
    case .gaveWay: "gave way"
    }
  }
}
