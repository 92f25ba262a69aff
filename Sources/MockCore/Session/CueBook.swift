/// Where each of a session's cues stands: one fate per cue. Before it, three sets (settled,
/// held, skipped) said the same thing in parts, and which one won was worked out twice.
public struct CueBook: Equatable, Sendable {
  /// What has become of one cue.
  public enum Fate: Equatable, Sendable {
    /// Comes due by itself when its point is reached.
    case pending
    /// Waits for the interviewer: fired by hand, or released to come due at its point.
    case held
    /// Its banner went up: the banner's number.
    case fired(banner: Int)
    /// The interviewer dropped it.
    case skipped
    /// Its point passed while its condition did not hold (the drill had begun before "drill
    /// late" came due): it never fires.
    case lapsed

    /// Whether it may still fire, by itself or by the interviewer's hand.
    public var isOpen: Bool { self == .pending || self == .held }
  }

  private var fates: [String: Fate] = [:]

  init() {}

  /// A cue not named yet is pending.
  public subscript(cue: String) -> Fate {
    get { fates[cue] ?? .pending }
    set { fates[cue] = newValue == .pending ? nil : newValue }
  }

  /// The cues with `fate`, for tests and the console.
  public func cues(_ fate: Fate) -> Set<String> {
    Set(fates.filter { $0.value == fate }.map(\.key))
  }
}
