import Glibc
import MockCore

/// The one place that reads the monotonic clock. It stands still while the machine sleeps and
/// never jumps with wall-clock changes. It measures real time: hook and socket deadlines, sleeps
/// noticed, traces. What the screens are handed is `SessionClock`'s reading of it.
enum MonotonicClock {
  static func nanoseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
  }

  static func now() -> Instant { Instant(ms: nanoseconds() / 1_000_000) }
}

/// Session time as the screen models see it: the monotonic clock, or, for end-to-end tests
/// only, the monotonic clock run `scale` times faster (`MOCKROOM_TEST_TIME_SCALE`), so a test of
/// a 95-second cue takes seconds. Time is still `now − start − paused` on this clock, never
/// ticks. Only what the screens see is scaled: hooks, sockets, the record's wall labels and
/// `SleepWatch` keep real time, and the pump turns a screen's next wake back into real time.
enum SessionClock {
  /// The test-only variable; its name says it is not a feature.
  static let variable = "MOCKROOM_TEST_TIME_SCALE"
  static let largestScale: Int64 = 100

  /// How many times faster than real time the session runs: 1 unless the variable says so.
  /// Read once; `check` refuses a value that is not a whole number from 1 to `largestScale`.
  static let scale: Int64 = parse(getenv(variable).map { String(cString: $0) }) ?? 1

  /// The value of the variable as a scale; nil when it is absent or not one.
  static func parse(_ text: String?) -> Int64? {
    guard let text, let scale = Int64(text), (1...largestScale).contains(scale) else {
      return nil
    }
    return scale
  }

  /// Refuses a variable that is set but is no scale (a usage error: nothing has started).
  static func check() throws(UserError) {
    guard let text = getenv(variable).map({ String(cString: $0) }), parse(text) == nil else {
      return
    }
    throw UserError(
      "\(variable) is a test-only setting and must be a whole number from 1 to "
        + "\(largestScale) (it was '\(text)')", code: 2)
  }

  static func now() -> Instant {
    instant(atNanoseconds: MonotonicClock.nanoseconds(), scale: scale)
  }

  /// Real milliseconds from now until session time reaches `then` (0 once it has).
  static func realMillis(until then: Instant) -> Millis {
    realMillis(from: now(), until: then, scale: scale)
  }

  /// The monotonic nanosecond at which session time reaches `instant`.
  static func realNanoseconds(at instant: Instant) -> Int64 { instant.ms * 1_000_000 / scale }

  /// Session time at monotonic nanosecond `ns`, whole milliseconds rounded down. Counted from
  /// microseconds so that a machine up for years cannot overflow it at the largest scale.
  static func instant(atNanoseconds ns: Int64, scale: Int64) -> Instant {
    Instant(ms: ns / 1_000 * scale / 1_000)
  }

  /// Real milliseconds for session time to go from `now` to `then`, rounded up: a poll that
  /// sleeps this long never wakes before the second it waits for, since session time read then
  /// has gone on by at least `scale` times as much.
  static func realMillis(from now: Instant, until then: Instant, scale: Int64) -> Millis {
    let left = then - now
    return left <= 0 ? 0 : (left + scale - 1) / scale
  }
}

/// Notices when the machine slept. The monotonic clock stands still in a suspend, so the session
/// already counts the sleep as a pause; the boot-time clock keeps counting, and the difference
/// between the two grows by the length of the sleep. Both are read in real time, whatever
/// `SessionClock`'s scale: the length is the machine's, not the session's.
struct SleepWatch {
  private var lastGap: Int64

  init() { lastGap = Self.gap() }

  /// How long the machine slept since the last call, in milliseconds, when it slept at least
  /// two seconds; nil otherwise.
  mutating func slept() -> Int64? {
    let gap = Self.gap()
    defer { lastGap = gap }
    let slept = (gap - lastGap) / 1_000_000
    return slept >= 2_000 ? slept : nil
  }

  private static func gap() -> Int64 {
    var boot = timespec()
    clock_gettime(CLOCK_BOOTTIME, &boot)
    let bootNs = Int64(boot.tv_sec) * 1_000_000_000 + Int64(boot.tv_nsec)
    return bootNs - MonotonicClock.nanoseconds()
  }
}
