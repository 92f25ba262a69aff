/// Lays Markdown text out in lines of a given width, counting columns as a terminal does.
///
/// Only what a prompt needs for reading: paragraphs are reflowed, `#` headings are bold,
/// list items (`-`, `*`, `+`, `1.`) wrap under their own text, fenced code keeps its lines,
/// and a blank line separates blocks. Other markup is shown as written.
public enum TextLayout {
  /// One laid-out line.
  public struct Line: Equatable, Hashable, Sendable {
    public var text: String
    public var bold: Bool
    public init(_ text: String, bold: Bool = false) {
      self.text = text
      self.bold = bold
    }
  }

  public static func lines(markdown: String, width: Int) -> [Line] {
    guard width > 0 else { return [] }
    var out: [Line] = []
    var paragraph: (lead: String, hang: String, words: [String])?
    var inCode = false

    func flush() {
      if let p = paragraph {
        out += wrap(p.words, width: width, lead: p.lead, hang: p.hang).map { Line($0) }
      }
      paragraph = nil
    }
    func blankLine() {
      if let last = out.last, !last.text.isEmpty { out.append(Line("")) }
    }

    let source = markdown.replacingTabs.split(
      omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    for raw in source {
      let line = raw.trimmingWhitespace
      if line.hasPrefix("```") {
        flush()
        if !inCode { blankLine() }
        inCode.toggle()
        continue
      }
      if inCode {
        out += hardBreak(String(raw), width: width).map { Line($0) }
        continue
      }
      if line.isEmpty {
        flush()
        blankLine()
        continue
      }
      if let heading = headingText(line) {
        flush()
        blankLine()
        out += wrap(words(heading), width: width, lead: "", hang: "").map { Line($0, bold: true) }
        continue
      }
      if let (marker, rest) = listItem(line) {
        flush()
        let indent = String(repeating: " ", count: leadingSpaces(raw) / 2 * 2)
        paragraph = (
          indent + marker, indent + String(repeating: " ", count: marker.count), words(rest)
        )
        continue
      }
      if paragraph == nil { paragraph = ("", "", []) }
      paragraph!.words += words(line)
    }
    flush()
    while out.last?.text.isEmpty == true { out.removeLast() }
    return out
  }

  /// Greedy word wrap; the first line starts with `lead`, the rest with `hang`. A word wider than
  /// the line is broken by columns (text without spaces, such as Chinese, wraps this way).
  public static func wrap(_ words: [String], width: Int, lead: String = "", hang: String = "")
    -> [String]
  {
    guard width > 0 else { return [] }
    // A marker with no room after it is left out rather than pushing text past the edge.
    let (lead, hang) = lead.columns < width ? (lead, hang) : ("", "")
    var lines: [String] = []
    var line = lead
    var lineHasWord = false
    func newLine() {
      lines.append(line)
      line = hang.columns < width ? hang : ""
      lineHasWord = false
    }
    for word in words {
      let needed = (lineHasWord ? 1 : 0) + word.columns
      if line.columns + needed <= width {
        line += (lineHasWord ? " " : "") + word
        lineHasWord = true
        continue
      }
      if lineHasWord { newLine() }
      if line.columns + word.columns <= width {
        line += word
        lineHasWord = true
        continue
      }
      for scalar in word.unicodeScalars {
        if line.columns + scalar.columns > width, lineHasWord || line.columns > hang.columns {
          newLine()
        }
        line.unicodeScalars.append(scalar)
        lineHasWord = true
      }
    }
    if lineHasWord || lines.isEmpty { lines.append(line) }
    return lines
  }

  private static func hardBreak(_ text: String, width: Int) -> [String] {
    text.isEmpty ? [""] : wrap([text], width: width)
  }

  private static func words(_ text: String) -> [String] {
    text.split(separator: " ").map(String.init)
  }

  private static func headingText(_ line: String) -> String? {
    guard line.hasPrefix("#") else { return nil }
    let text = line.drop { $0 == "#" }
    guard text.first == " " else { return nil }
    return text.trimmingWhitespace
  }

  /// `- item`, `* item`, `+ item` or `12. item`: the marker to show and the item's text.
  private static func listItem(_ line: String) -> (String, String)? {
    for bullet in ["- ", "* ", "+ "] where line.hasPrefix(bullet) {
      return ("- ", String(line.dropFirst(2)).trimmingWhitespace)
    }
    let digits = line.prefix { $0.isASCII && $0.isNumber }
    let rest = line.dropFirst(digits.count)
    if !digits.isEmpty, digits.count <= 3, rest.hasPrefix(". ") {
      return (digits + ". ", String(rest.dropFirst(2)).trimmingWhitespace)
    }
    return nil
  }

  private static func leadingSpaces(_ line: Substring) -> Int {
    line.prefix { $0 == " " }.count
  }
}

extension StringProtocol {
  fileprivate var replacingTabs: String {
    String(self).split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    ")
  }
}
