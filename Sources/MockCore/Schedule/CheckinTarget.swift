/// `--checkins N`: a target of check-ins, each counted only some time after the last one
/// counted.
public enum CheckinTarget {
  /// Five minutes apart in the standard 45-minute plan.
  public static let standardSpacing: Millis = .minutes(5)

  /// The spacing for `plan`: five minutes in the standard plan, in proportion to a shorter or
  /// longer one (as a deck entry's `at` is), on a whole second.
  public static func spacing(for plan: Plan) -> Millis {
    max(1_000, standardSpacing * plan.total / Plan.standard.total / 1_000 * 1_000)
  }
}
