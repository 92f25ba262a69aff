import Foundation
import Glibc
import MockCore

/// Timing figures for `scripts/bench`, written only when `MOCKROOM_TRACE` names a file: when the
/// first frame was drawn, and how late each flip of the displayed second reached the screen.
final class Trace {
  private let handle: FileHandle
  private var lastSecond: Int64 = -1
  private var lastTyped: String?

  init?(path: String?) {
    guard let path, !path.isEmpty, FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { return nil }
    self.handle = handle
  }

  func drew(_ session: Session, at now: Instant, first: Bool) {
    let doneNs = MonotonicClock.nanoseconds()
    if first { firstFrame() }
    let active = session.active(at: now)
    let second = active / 1000
    guard session.status == .running, second != lastSecond else { return }
    if lastSecond >= 0 {
      // The instant this second began on the core's clock: now − (active time past the second),
      // as a monotonic reading.
      let boundaryNs = SessionClock.realNanoseconds(at: now - (active - second * 1000))
      write("flip \(second) late_us \((doneNs - boundaryNs) / 1000)")
    }
    lastSecond = second
  }

  /// The first frame reached the screen: when, on the wall clock (the bench's start time).
  func firstFrame() {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    write("first_frame_realtime_ns \(Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))")
  }

  /// A drill's frame reached the screen: when what is typed in its field changed, the wall
  /// time it showed (the bench sends a key and waits for this line).
  func drew(typed: String) {
    guard typed != lastTyped else { return }
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    let realtime = Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    if lastTyped != nil { write("echo \(typed.count) realtime_ns \(realtime)") }
    lastTyped = typed
  }

  private func write(_ line: String) {
    handle.write(Data((line + "\n").utf8))
  }
}
