import Glibc
import MockCore

/// The one place that reads the monotonic clock. It stands still while the machine sleeps,
/// never jumps with wall-clock changes, and is handed to the core as an `Instant`.
enum MonotonicClock {
  static func nanoseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
  }

  static func now() -> Instant { Instant(ms: nanoseconds() / 1_000_000) }
}

/// Notices when the machine slept. The monotonic clock stands still in a suspend, so the session
/// already counts the sleep as a pause; the boot-time clock keeps counting, and the difference
/// between the two grows by the length of the sleep.
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
