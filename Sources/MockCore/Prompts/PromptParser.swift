import Yams

/// Reads prompt files (`<id>.md`: YAML front matter, then a Markdown body) and deck files
/// (`deck.yaml`). Pure: bytes in, a prompt or a list of problems out. Every problem in a file is
/// collected, not only the first, each at the line and column it is about.
public enum PromptParser {
  /// The fields a prompt's front matter may have.
  public static let promptFields = [
    "title", "tags", "level", "scale", "clarify", "interjections", "drill", "ops", "notes",
  ]
  /// The fields of one interjection.
  public static let interjectionFields = ["id", "kind", "text", "phase", "at", "strong"]

  /// Parses one prompt file. `file` names it in problems; `id` is its file name without `.md`.
  /// A file with any problem gives no prompt: a half-read prompt would mislead in a session.
  public static func prompt(file: String, id: String, bytes: [UInt8]) -> (
    prompt: Prompt?, problems: [PromptProblem]
  ) {
    var reader = NodeReader(file: file, lineOffset: 1)
    guard let text = reader.utf8Text(bytes) else { return (nil, reader.problems) }
    guard let parts = frontMatter(text, id: id, &reader) else { return (nil, reader.problems) }
    let body = parts.body.trimmingWhitespace
    if body.isEmpty {
      reader.report(
        line: parts.bodyLine, column: 1,
        "the prompt body is empty: after the front matter, write the prompt as you would say it")
    }
    guard let root = reader.compose(parts.yaml) else { return (nil, reader.problems) }
    guard let fields = reader.fields(root, allowed: promptFields, what: "the front matter")
    else { return (nil, reader.problems) }

    let title = reader.text(fields, "title", required: true) ?? ""
    let tags = reader.texts(fields, "tags")?.map { $0.lowercased() } ?? []
    var level = Prompt.Level.senior
    if let node = fields["level"], let name = reader.scalar(node, "level") {
      if let value = Prompt.Level(rawValue: name.lowercased()) {
        level = value
      } else {
        reader.report(
          node,
          "unknown level '\(name)'; use one of \(Prompt.Level.allCases.map(\.rawValue).joined(separator: ", "))"
        )
      }
    }
    let scale = reader.facts(fields["scale"])
    let clarify = reader.pairs(fields["clarify"], "clarify", ("question", "answer")).map {
      Prompt.Clarification(question: $0, answer: $1)
    }
    let interjections = reader.interjections(fields["interjections"], "interjections")
    let drill = reader.pairs(fields["drill"], "drill", ("component", "depth")).map {
      Prompt.DrillPoint(component: $0, depth: $1)
    }
    let ops = reader.texts(fields, "ops") ?? []
    let notes = reader.text(fields, "notes") ?? ""

    guard reader.problems.isEmpty else {
      return (nil, reader.problems.sorted(by: PromptProblem.sortedOrder))
    }
    let prompt = Prompt(
      id: id, title: title, tags: tags, level: level, scale: scale, clarify: clarify,
      interjections: interjections, drill: drill, ops: ops, notes: notes, body: body)
    return (prompt, [])
  }

  /// Parses a deck file: a mapping with one field, `interjections`. Entries with problems are
  /// left out; the rest are returned.
  public static func deck(file: String, bytes: [UInt8]) -> (
    interjections: [Interjection], problems: [PromptProblem]
  ) {
    var reader = NodeReader(file: file, lineOffset: 0)
    guard let text = reader.utf8Text(bytes) else { return ([], reader.problems) }
    guard let root = reader.compose(text) else { return ([], reader.problems) }
    guard let fields = reader.fields(root, allowed: ["interjections"], what: "a deck file")
    else { return ([], reader.problems) }
    guard fields["interjections"] != nil else {
      reader.report(root, "missing field 'interjections'")
      return ([], reader.problems)
    }
    let entries = reader.interjections(fields["interjections"], "interjections")
    return (entries, reader.problems.sorted(by: PromptProblem.sortedOrder))
  }

  /// Whether `id` is lowercase letters and digits, with single hyphens between.
  public static func isUsableID(_ id: String) -> Bool {
    guard let first = id.first, let last = id.last, first != "-", last != "-" else { return false }
    return !id.contains("--")
      && id.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
      }
  }

  struct FrontMatter {
    var yaml: String
    var body: String
    /// The file line the body starts on.
    var bodyLine: Int
    var closed: Bool
  }

  /// Splits `---` front matter from the body; nil when the first line is not `---`.
  ///
  /// Works on UTF-8 bytes: splitting a String into Characters runs grapheme breaking over the
  /// whole file, which was most of the cost of loading a large library.
  /// The front matter of a file named `id`, its id checked on the way; nil (with the problem
  /// said) when the file has none, or one never closed. Prompts and interviews read it so.
  static func frontMatter(_ text: String, id: String, _ reader: inout NodeReader)
    -> FrontMatter?
  {
    if !isUsableID(id) {
      reader.report(
        line: 1, column: 1,
        "the file name '\(id)' cannot be an id: use lowercase letters, digits and hyphens")
    }
    guard let parts = splitFrontMatter(text) else {
      reader.report(
        line: 1, column: 1,
        "no front matter: the file must start with a line '---', then YAML fields, then '---'")
      return nil
    }
    guard parts.closed else {
      reader.report(
        line: 1, column: 1, "the front matter opened here is never closed by a line '---'")
      return nil
    }
    return parts
  }

  static func splitFrontMatter(_ text: String) -> FrontMatter? {
    var bytes = Array(text.utf8)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    // Line starts and ends (without "\n" or "\r\n").
    var lines: [Range<Int>] = []
    var start = 0
    for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
      lines.append(start..<index)
      start = index + 1
    }
    lines.append(start..<bytes.count)
    func isFence(_ line: Range<Int>, dots: Bool) -> Bool {
      var end = line.upperBound
      while end > line.lowerBound, [0x20, 0x09, 0x0D].contains(bytes[end - 1]) { end -= 1 }
      let word = bytes[line.lowerBound..<end]
      return word.elementsEqual("---".utf8) || (dots && word.elementsEqual("...".utf8))
    }
    func string(_ range: Range<Int>) -> String {
      String(decoding: bytes[range], as: UTF8.self)
    }
    guard isFence(lines[0], dots: false) else { return nil }
    guard let close = lines.indices.dropFirst().first(where: { isFence(lines[$0], dots: true) })
    else { return FrontMatter(yaml: "", body: "", bodyLine: 1, closed: false) }
    let yaml = close > 1 ? lines[1].lowerBound..<lines[close - 1].upperBound : 0..<0
    let bodyStart = close + 1 < lines.count ? lines[close + 1].lowerBound : bytes.count
    return FrontMatter(
      yaml: string(yaml), body: string(bodyStart..<bytes.count),
      bodyLine: close + 2, closed: true)
  }

}

/// A mapping's fields by name, with the mapping node kept for "missing field" positions.
struct Fields {
  let node: Node
  var values: [String: Node] = [:]
  subscript(name: String) -> Node? { values[name] }
}

extension StringProtocol {
  /// Without leading and trailing spaces, tabs and newlines.
  var trimmingWhitespace: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
    let end = lastIndex(where: { !isSpace($0) })!
    return String(self[start...end])
  }
}
