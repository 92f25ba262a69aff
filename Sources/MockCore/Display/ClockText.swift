/// How a clock reads: `m:ss` counting down or up, `+m:ss` once past its limit.
public enum ClockText {
  /// The time left as a countdown (`4:59`), or how far past zero (`+0:12`) when `over`.
  public static func left(_ ms: Millis, over: Bool) -> String {
    over ? "+" + DurationText.clock(-ms) : DurationText.countdown(ms)
  }

  /// The time taken (`1:05`), or how far past `limit` it is (`+0:05`).
  public static func taken(_ elapsed: Millis, limit: Millis) -> String {
    elapsed > limit ? "+" + DurationText.clock(elapsed - limit) : DurationText.clock(elapsed)
  }
}
