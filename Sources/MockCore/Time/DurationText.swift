/// Reads and writes durations as people type and read them: `90s`, `5m`, `1m30s`, `1h`, `4:30`.
public enum DurationText {
  /// Why a duration could not be read; `description` is a complete sentence for the user.
  public struct ParseError: Error, Equatable, CustomStringConvertible {
    public let text: String
    public let problem: String
    public var description: String {
      "'\(text)' is not a duration: \(problem). Use forms like 90s, 5m, 1m30s, 1h or 4:30."
    }
  }

  /// The longest duration accepted anywhere: a day.
  public static let maximum: Millis = .minutes(24 * 60)

  /// Parses `text` into milliseconds. Accepts unit forms (`1h5m30s`, any subset, in that order)
  /// and clock forms (`m:ss`, `h:mm:ss`). Zero, bare numbers and anything over a day are refused.
  public static func parse(_ text: String) throws(ParseError) -> Millis {
    let trimmed = text.trimmingASCIIWhitespace()
    func fail(_ problem: String) -> ParseError { ParseError(text: text, problem: problem) }
    guard !trimmed.isEmpty else { throw fail("it is empty") }
    let value: Millis
    if trimmed.contains(":") {
      value = try parseClock(trimmed, fail)
    } else {
      value = try parseUnits(trimmed, fail)
    }
    guard value > 0 else { throw fail("it must be longer than zero") }
    guard value <= maximum else { throw fail("it must be at most 24h") }
    return value
  }

  private static func parseClock(
    _ text: String, _ fail: (String) -> ParseError
  ) throws(ParseError) -> Millis {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2 || parts.count == 3 else {
      throw fail("a clock form has one or two colons (m:ss or h:mm:ss)")
    }
    var numbers: [Int64] = []
    for part in parts {
      guard !part.isEmpty, part.count <= 4, part.allSatisfy(\.isASCIIDigit), let n = Int64(part)
      else { throw fail("'\(part)' is not a whole number") }
      numbers.append(n)
    }
    for n in numbers.dropFirst() where n >= 60 {
      throw fail("minutes and seconds after a colon must be below 60")
    }
    return numbers.reduce(0) { $0 * 60 + $1 } * 1000
  }

  private static func parseUnits(
    _ text: String, _ fail: (String) -> ParseError
  ) throws(ParseError) -> Millis {
    let units: [(Character, Millis)] = [("h", 3_600_000), ("m", 60_000), ("s", 1000)]
    var total: Millis = 0
    var digits = ""
    var nextUnit = 0
    for ch in text.lowercased() {
      if ch.isASCIIDigit {
        digits.append(ch)
        guard digits.count <= 6 else { throw fail("the number is too large") }
        continue
      }
      guard let index = units.firstIndex(where: { $0.0 == ch }) else {
        throw fail("'\(ch)' is not a unit (h, m or s)")
      }
      guard !digits.isEmpty, let n = Int64(digits) else {
        throw fail("a number must come before '\(ch)'")
      }
      guard index >= nextUnit else { throw fail("units must come in the order h, m, s, once each") }
      total += n * units[index].1
      digits = ""
      nextUnit = index + 1
    }
    guard digits.isEmpty else {
      throw fail(
        nextUnit == 0
          ? "a bare number needs a unit (\(digits)m or \(digits)s)"
          : "the trailing '\(digits)' needs a unit")
    }
    return total
  }

  /// `m:ss`, or `h:mm:ss` from an hour up, of whole seconds rounded down.
  public static func clock(_ ms: Millis) -> String {
    clockOfSeconds(max(0, ms) / 1000)
  }

  /// Like `clock`, but rounds up: how a countdown shows the time it has left, so that it reads
  /// `5:00` for the whole first second and reaches `0:00` exactly when time is up.
  public static func countdown(_ ms: Millis) -> String {
    clockOfSeconds((max(0, ms) + 999) / 1000)
  }

  /// `2:10 behind`, `0:45 ahead` or `on plan`: whole seconds, matching what the clocks show,
  /// so under a second either way is on plan.
  public static func balance(_ ms: Millis) -> String {
    if ms <= -1000 { return "\(clock(-ms)) behind" }
    if ms >= 1000 { return "\(clock(ms)) ahead" }
    return "on plan"
  }

  static func clockOfSeconds(_ seconds: Int64) -> String {
    let h = seconds / 3600
    let m = (seconds % 3600) / 60
    let s = seconds % 60
    func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
  func trimmingASCIIWhitespace() -> String {
    var s = Substring(self)
    while let first = s.first, first == " " || first == "\t" { s.removeFirst() }
    while let last = s.last, last == " " || last == "\t" { s.removeLast() }
    return String(s)
  }
}
