import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// What every report must be, checked on each one the tests make (unit and end to end): XML
/// that parses, every chart an SVG with `role="img"`, a `<title>` and a `<desc>`, in a
/// `<figure>` with a table of its numbers; nothing that points off the file; no script.
public enum ReportCheck {
  /// Every way `html` falls short, in words; empty when it is as it must be.
  public static func problems(_ html: String) -> [String] {
    let parser = XMLParser(data: Data(html.utf8))
    let walker = Walker()
    parser.delegate = walker
    var problems: [String] = []
    // FoundationXML can say it parsed a document cut short, and set the error all the same.
    if !parser.parse() || parser.parserError != nil {
      problems.append(
        "does not parse as XML at line \(parser.lineNumber): "
          + (parser.parserError.map { "\($0)" } ?? "?"))
    }
    if walker.svgs == 0 { problems.append("has no chart") }
    if walker.described != walker.svgs {
      problems.append("\(walker.svgs - walker.described) charts lack role=img, a title or a desc")
    }
    if walker.figures != walker.svgs { problems.append("a chart is not in a figure of its own") }
    if walker.tabled != walker.figures { problems.append("a figure has no table of its numbers") }
    problems += walker.offFile.map { "points off the file: \($0)" }
    if walker.scripts > 0 || html.lowercased().contains("<script") {
      problems.append("has a script")
    }
    for rule in ["@import", "@font-face", "url(http", "url(//"] where html.contains(rule) {
      problems.append("fetches something: \(rule)")
    }
    return problems
  }

  private final class Walker: NSObject, XMLParserDelegate {
    var svgs = 0
    var described = 0
    var figures = 0
    var tabled = 0
    var scripts = 0
    var offFile: [String] = []
    private var stack: [String] = []
    private var figureHasTable = false
    private var svgRole = false
    private var svgTitled = false

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      if name == "script" { scripts += 1 }
      for key in ["src", "href", "xlink:href", "action", "data"] {
        if let value = attributes[key], !value.hasPrefix("#") { offFile.append("\(key)=\(value)") }
      }
      for (key, value) in attributes where value.contains("url(") && !value.hasPrefix("url(#") {
        offFile.append("\(key)=\(value)")
      }
      switch name {
      case "figure":
        figures += 1
        figureHasTable = false
      case "table" where stack.contains("figure"): figureHasTable = true
      case "svg":
        svgs += 1
        svgRole = attributes["role"] == "img"
        svgTitled = false
      case "title" where stack.last == "svg": svgTitled = true
      case "desc" where stack.last == "svg" && svgRole && svgTitled: described += 1
      default: break
      }
      stack.append(name)
    }

    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
      qualifiedName: String?
    ) {
      stack.removeLast()
      if name == "figure", figureHasTable { tabled += 1 }
    }
  }
}
