import Foundation

/// Numbers as a person types them into a drill, and as the drill writes them back.
public enum NumberText {
  /// Why typed text is not a number, in a few words.
  public struct Refused: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
  }

  static let suffixes: [Character: Double] = ["k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12]

  /// The unit words a number may end with, dropped as read (the field says its unit):
  /// `520 GPUs`, `55.6k QPS`, `80GB`, `3x`. Longest first, so `tokens/s` is not `s`.
  static let units = [
    "tokens/s", "requests", "request", "tokens", "token", "bytes", "users", "byte", "gpus",
    "qps", "gpu", "gb", "mb", "s", "x",
  ]

  /// `1200`, `1,200`, `55 600`, `1.2k`, `3.5M`, `2B`, `2e5`, `0.33`, `~55k`, `55.6k QPS`,
  /// `80GB`, `30%`: a positive number (or 0, with `zero`). A suffix is k (thousand),
  /// M (million), B (billion) or T (trillion), in either case; `~` or `≈` before it and a
  /// unit word after it are dropped; a `%` is a hundredth.
  public static func parse(_ typed: String, zero: Bool = false) -> Result<Double, Refused> {
    var text = typed.trimmingCharacters(in: .whitespaces)
    guard !text.isEmpty else { return .failure(Refused(description: "type a number")) }
    let notANumber: Refused = {
      let shown = typed.count > 12 ? String(typed.prefix(12)) + "…" : typed
      return Refused(description: "'\(shown)' is not a number (try 1200, 1.2k or 2e5)")
    }()
    // "About": an estimate is one anyway.
    if text.hasPrefix("~") || text.hasPrefix("≈") {
      text.removeFirst()
      text = text.trimmingCharacters(in: .whitespaces)
    }
    if text.hasPrefix("-") { return .failure(Refused(description: "give a positive number")) }
    text = droppingUnit(text)
    var scale = 1.0
    if text.hasSuffix("%") {
      scale = 0.01
      text.removeLast()
      text = text.trimmingCharacters(in: .whitespaces)
    }
    if let last = text.last, let factor = suffixes[Character(last.lowercased())] {
      scale *= factor
      text.removeLast()
      text = text.trimmingCharacters(in: .whitespaces)
      if let again = text.last, suffixes[Character(again.lowercased())] != nil {
        return .failure(Refused(description: "one suffix only: k, M, B or T"))
      }
    }
    if text.contains(" ") {
      // Spaces only between thousands, as commas: 55 600 and 12 000 000.
      guard text.allSatisfy(Set("0123456789., ").contains) else { return .failure(notANumber) }
      guard groupedWell(text, by: " ") else {
        return .failure(Refused(description: "spaces go between thousands, as in 55 600"))
      }
      text.removeAll { $0 == " " }
    }
    if text.contains(",") {
      // Commas only between thousands, before any point: 1,200 and 12,000,000.
      guard groupedWell(text, by: ","), !text.lowercased().contains("e") else {
        return .failure(Refused(description: "commas go between thousands, as in 1,200"))
      }
      text.removeAll { $0 == "," }
    }
    let allowed = Set("0123456789.eE+-")
    guard !text.isEmpty, text.allSatisfy(allowed.contains), text.first != "e", text.first != "E",
      let value = Double(text), value.isFinite
    else { return .failure(notANumber) }
    if zero, value == 0 { return .success(0) }
    guard value > 0 else { return .failure(Refused(description: "give a number above zero")) }
    // Past these no estimate here goes, and the ratios to them would not be numbers at all.
    let read = value * scale
    guard read >= 1e-9 else { return .failure(Refused(description: "too small to be an estimate")) }
    guard read <= 1e18 else { return .failure(Refused(description: "too large to be an estimate")) }
    return .success(read)
  }

  /// `text` without one unit word at its end, when a number (or its suffix) comes before it;
  /// `s` and `x` only straight after a digit, so `200ms` is not read as 200M.
  static func droppingUnit(_ text: String) -> String {
    let lower = text.lowercased()
    for unit in units where lower.hasSuffix(unit) {
      let rest = String(text.dropLast(unit.count)).trimmingCharacters(in: .whitespaces)
      guard let last = rest.last else { return text }
      let short = unit == "s" || unit == "x"
      let fits =
        last.isASCIIDigit || last == "%"
        || (!short && suffixes[Character(last.lowercased())] != nil)
      return fits ? rest : text
    }
    return text
  }

  /// Whether `separator` stands only between groups of three digits, before any point.
  static func groupedWell(_ text: String, by separator: Character) -> Bool {
    let whole = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
    let groups = whole.split(separator: separator, omittingEmptySubsequences: false)
    return (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
      && groups.allSatisfy { $0.allSatisfy(\.isASCIIDigit) }
      && !text.split(separator: ".", maxSplits: 1).dropFirst().contains {
        $0.contains(separator)
      }
  }

  /// Three significant figures with a suffix: `15B`, `174k`, `327,680`, `0.33`, `6.9k`.
  public static func short(_ value: Double) -> String {
    let magnitude = abs(value)
    let (scaled, suffix): (Double, String) =
      switch magnitude {
      case 1e12...: (value / 1e12, "T")
      case 1e9..<1e12: (value / 1e9, "B")
      case 1e6..<1e9: (value / 1e6, "M")
      case 1e4..<1e6: (value / 1e3, "k")
      default: (value, "")
      }
    return significant(scaled, 3) + suffix
  }

  /// `value` to `digits` significant figures, without trailing zeros; thousands grouped.
  static func significant(_ value: Double, _ digits: Int) -> String {
    guard value != 0 else { return "0" }
    guard value.isFinite, abs(value) < 1e300, abs(value) > 1e-300 else {
      return value.isNaN ? "?" : abs(value) < 1 ? "0" : "a vast number"
    }
    let order = Int(floor(log10(abs(value))))
    let decimals = max(0, digits - 1 - order)
    // Past the figures kept, round to tens, hundreds…: 6,944 to three figures is 6,940.
    let factor = pow(10, Double(decimals >= 0 ? decimals : 0) - Double(max(0, order - digits + 1)))
    let rounded = (value * factor).rounded() / factor
    var text = String(format: "%.\(decimals)f", rounded)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return grouped(text)
  }

  /// `327680` as `327,680`.
  static func grouped(_ text: String) -> String {
    let parts = text.split(separator: ".", maxSplits: 1)
    var whole = String(parts[0])
    guard whole.count > 3 else { return text }
    var out = ""
    while whole.count > 3 {
      out = "," + whole.suffix(3) + out
      whole.removeLast(3)
    }
    return whole + out + (parts.count > 1 ? "." + parts[1] : "")
  }
}

/// A count and its noun, the noun plural unless the count is one: `1 drill`, `2 drills`.
public enum Plural {
  public static func of(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
  }
}
