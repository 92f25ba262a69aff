import Foundation

/// A manual page in mdoc, written line by line: macros as they are, text escaped so that a
/// line never starts a request and a name is never hyphenated across a line.
struct Mdoc {
  private(set) var lines: [String] = []

  /// A page's prologue and NAME section.
  init(title: String, section: Int, date: String, name: String, description: String) {
    lines = [
      ".Dd \(date)", ".Dt \(title.uppercased()) \(section)", ".Os", ".Sh NAME", ".Nm \(name)",
      ".Nd \(Self.escape(description))",
    ]
  }

  /// Lines to go inside another page (the sections `generate-manual` cannot write).
  init() {}

  /// `.Sh TITLE`, quoted when it has a space.
  mutating func section(_ title: String) {
    lines.append(title.contains(" ") ? ".Sh \"\(title)\"" : ".Sh \(title)")
  }

  mutating func subsection(_ title: String) { lines.append(".Ss \(title)") }

  /// A macro line as it stands, without the dot: `It Cm plan`.
  mutating func macro(_ line: String) { lines.append("." + line) }

  /// Text, one line per sentence as mdoc wants it.
  mutating func text(_ paragraph: String) {
    for sentence in Self.sentences(paragraph) { lines.append(Self.escape(sentence)) }
  }

  mutating func paragraph() { lines.append(".Pp") }

  /// Paths, one a line, for a SYNOPSIS.
  mutating func paths(_ paths: [String]) {
    lines.append(".Bl -item -compact")
    for path in paths { lines += [".It", ".Pa \(Self.word(path))"] }
    lines.append(".El")
  }

  /// A tagged list: each item's tag line (macros, without the dot) and its text.
  mutating func list(_ items: [(tag: String, text: String)], width: String = "Ds") {
    lines.append(".Bl -tag -width \(width)")
    for item in items {
      lines.append(".It " + item.tag)
      text(item.text)
    }
    lines.append(".El")
  }

  /// Lines shown as they are, such as a command or a file's contents.
  mutating func literal(_ text: String) {
    lines.append(".Bd -literal -offset indent")
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lines.append(Self.escape(String(line), wholeWords: false))
    }
    lines.append(".Ed")
  }

  var page: String { lines.joined(separator: "\n") + "\n" }

  /// A word for a macro's argument that must not be hyphenated: `\%MOCKROOM_HOME`.
  static func word(_ text: String) -> String {
    "\\%" + text.replacingOccurrences(of: "\\", with: "\\e")
  }

  /// Backslashes kept, a leading dot or quote made text, and every word that holds a name, a
  /// path or a hyphen (`$MOCKROOM_HOME`, `~/.config/mockroom`, `mockroom-hooks(5)`) kept whole.
  static func escape(_ text: String, wholeWords: Bool = true) -> String {
    var out = text.replacingOccurrences(of: "\\", with: "\\e")
    if wholeWords {
      out = out.split(separator: " ", omittingEmptySubsequences: false).map { word in
        word.contains(where: { "_/$-".contains($0) }) || word.contains(/[A-Z]{2}/)
          ? "\\%" + word : String(word)
      }.joined(separator: " ")
    }
    if out.hasPrefix(".") || out.hasPrefix("'") { out = "\\&" + out }
    return out
  }

  /// A paragraph split after each full stop that ends a sentence.
  static func sentences(_ paragraph: String) -> [String] {
    var result: [String] = []
    var current = ""
    let words = paragraph.split(separator: " ")
    for (index, word) in words.enumerated() {
      current += current.isEmpty ? String(word) : " " + word
      if word.hasSuffix("."), !word.hasSuffix("e.g."), !word.hasSuffix("i.e."),
        index + 1 < words.count
      {
        result.append(current)
        current = ""
      }
    }
    if !current.isEmpty { result.append(current) }
    return result
  }
}
