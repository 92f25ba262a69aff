import Foundation
import MockCore
import Testing

@testable import mockroom

/// The test-only faster session clock: its arithmetic, and that a bad scale is refused.
@Suite struct SessionClockTests {
  @Test func atScaleOneItIsTheMonotonicClockInWholeMilliseconds() {
    for ns: Int64 in [0, 999_999, 1_000_000, 1_234_567_891, 3_600_000_000_000_123] {
      #expect(SessionClock.instant(atNanoseconds: ns, scale: 1) == Instant(ms: ns / 1_000_000))
    }
  }

  @Test(arguments: [1, 2, 7, 10, 100] as [Int64])
  func aPollSleepingTheRealWaitNeverWakesBeforeTheInstant(_ scale: Int64) {
    var random = SystemRandomNumberGenerator()
    for _ in 0..<10_000 {
      let ns = Int64.random(in: 0...(10 * 365 * 86_400 * 1_000_000_000), using: &random)
      let now = SessionClock.instant(atNanoseconds: ns, scale: scale)
      let then = now + Int64.random(in: -2_000...5_000, using: &random)
      let wait = SessionClock.realMillis(from: now, until: then, scale: scale)
      #expect(wait >= 0)
      let woke = SessionClock.instant(atNanoseconds: ns + wait * 1_000_000, scale: scale)
      #expect(woke >= then, "woke at \(woke) for \(then), scale \(scale)")
      // And not a whole real millisecond later than it must.
      if wait > 0 {
        let early = SessionClock.instant(atNanoseconds: ns + (wait - 1) * 1_000_000, scale: scale)
        #expect(early < then)
      }
    }
  }

  @Test func sessionTimeRunsScaleTimesFaster() {
    let start = SessionClock.instant(atNanoseconds: 5_000_000_000, scale: 10)
    let later = SessionClock.instant(atNanoseconds: 14_500_000_000, scale: 10)
    #expect(later - start == 95_000)
  }

  @Test(arguments: ["1", "10", "100"])
  func aWholeNumberFromOneToAHundredIsAScale(_ text: String) {
    #expect(SessionClock.parse(text) == Int64(text))
  }

  @Test(arguments: ["0", "-3", "101", "2.5", "", "ten", " 5"])
  func anythingElseIsNot(_ text: String) {
    #expect(SessionClock.parse(text) == nil)
  }

  @Test(arguments: ["0", "fast"])
  func theProgramRefusesABadScaleAsAUsageError(_ value: String) throws {
    let out = try runProcess(
      [Binary.path, "history"],
      environment: ProcessInfo.processInfo.environment.merging([
        SessionClock.variable: value, "MOCKROOM_HOME": NSTemporaryDirectory() + "mr-none",
      ]) { $1 })
    #expect(out.status == 2)
    #expect(
      out.stderr.contains(
        "MOCKROOM_TEST_TIME_SCALE is a test-only setting and must be a whole number from 1 to 100"
      ), "\(out.stderr)")
  }
}
