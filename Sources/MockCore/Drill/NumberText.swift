import Foundation

/// Numbers as a person types them into a drill, and as the drill writes them back.
public enum NumberText {
  /// Why typed text is not a number, in a few words.
  public struct Refused: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
  }

  static let suffixes: [Character: Double] = ["k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12]

  /// `1200`, `1,200`, `1.2k`, `3.5M`, `2B`, `2e5`, `0.33`: a positive number. A suffix is
  /// k (thousand), M (million), B (billion) or T (trillion), in either case.
  public static func parse(_ typed: String) -> Result<Double, Refused> {
    var text = typed.trimmingCharacters(in: .whitespaces)
    guard !text.isEmpty else { return .failure(Refused(description: "type a number")) }
    if text.hasPrefix("-") { return .failure(Refused(description: "give a positive number")) }
    var scale = 1.0
    if let last = text.last, let factor = suffixes[Character(last.lowercased())] {
      scale = factor
      text.removeLast()
      text = text.trimmingCharacters(in: .whitespaces)
      if let again = text.last, suffixes[Character(again.lowercased())] != nil {
        return .failure(Refused(description: "one suffix only: k, M, B or T"))
      }
    }
    if text.contains(",") {
      // Commas only between thousands, before any point: 1,200 and 12,000,000.
      let whole = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
      let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
      let fits =
        (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
        && groups.allSatisfy { $0.allSatisfy(\.isASCIIDigit) }
      guard fits, !text.lowercased().contains("e") else {
        return .failure(Refused(description: "commas go between thousands, as in 1,200"))
      }
      text.removeAll { $0 == "," }
    }
    let allowed = Set("0123456789.eE+-")
    guard !text.isEmpty, text.allSatisfy(allowed.contains), text.first != "e", text.first != "E",
      let value = Double(text), value.isFinite
    else {
      let shown = typed.count > 12 ? String(typed.prefix(12)) + "…" : typed
      return .failure(Refused(description: "'\(shown)' is not a number (try 1200, 1.2k or 2e5)"))
    }
    guard value > 0 else { return .failure(Refused(description: "give a number above zero")) }
    // Past these no estimate here goes, and the ratios to them would not be numbers at all.
    let read = value * scale
    guard read >= 1e-9 else { return .failure(Refused(description: "too small to be an estimate")) }
    guard read <= 1e18 else { return .failure(Refused(description: "too large to be an estimate")) }
    return .success(read)
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
