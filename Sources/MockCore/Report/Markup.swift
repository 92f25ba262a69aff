/// A small builder for the report's XHTML and SVG: elements, attributes and text, and one
/// escape for all of it. Text from a prompt, a note or any user file only ever reaches the
/// page through `Markup.escape`, in text and in attribute values alike.
public indirect enum Markup: Equatable, Sendable {
  case element(String, [(String, String)], [Markup])
  case text(String)
  /// Markup written here, never from outside: the style sheet.
  case trusted(String)

  public static func == (a: Markup, b: Markup) -> Bool { a.rendered == b.rendered }

  /// `& < > " '` as entities: safe in text and in attribute values (either quote).
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      // Control characters are not allowed in XML at all: shown as a replacement.
      case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": out += "\u{FFFD}"
      default: out.unicodeScalars.append(character)
      }
    }
    return out
  }

  static let selfClosing: Set<String> = [
    "meta", "br", "hr", "col", "rect", "line", "circle", "path", "polyline", "polygon", "stop",
  ]

  /// The markup as text: XHTML-compatible (every element closed, empty ones as `<x/>`).
  public var rendered: String {
    var out = ""
    write(to: &out)
    return out
  }

  public func write(to out: inout String) {
    switch self {
    case .text(let text): out += Self.escape(text)
    case .trusted(let text): out += text
    case .element(let name, let attributes, let children):
      out += "<" + name
      for (key, value) in attributes { out += " \(key)=\"\(Self.escape(value))\"" }
      // Only what HTML reads as empty may close itself (void elements, SVG shapes): an empty
      // `<td/>` would open a cell that never closes.
      if children.isEmpty, Self.selfClosing.contains(name) {
        out += "/>"
        return
      }
      out += ">"
      for child in children { child.write(to: &out) }
      out += "</\(name)>"
    }
  }
}

/// Short ways to write markup: `el("p", ["class": "x"], .text("hi"))`.
public func el(_ name: String, _ attributes: [(String, String)], _ children: Markup...)
  -> Markup
{
  .element(name, attributes, children)
}

public func el(_ name: String, _ attributes: [(String, String)], _ children: [Markup])
  -> Markup
{
  .element(name, attributes, children)
}

/// An element holding only text.
public func el(_ name: String, _ attributes: [(String, String)] = [], text: String) -> Markup {
  .element(name, attributes, [.text(text)])
}
