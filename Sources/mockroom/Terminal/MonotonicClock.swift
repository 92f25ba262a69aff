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
