import Yams

/// Walks a composed YAML tree, collecting problems with file positions.
struct NodeReader {
  let file: String
  /// Lines before the YAML text starts in the file.
  let lineOffset: Int
  private(set) var problems: [PromptProblem] = []

  init(file: String, lineOffset: Int) {
    self.file = file
    self.lineOffset = lineOffset
  }

  mutating func report(line: Int, column: Int, _ message: String) {
    let problem = PromptProblem(file: file, line: line, column: column, message: message)
    if !problems.contains(problem) { problems.append(problem) }
  }

  mutating func report(_ node: Node, _ message: String) {
    let mark = node.mark
    report(line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1, message)
  }

  /// The bytes as text; reports where the first byte that is not UTF-8 sits.
  mutating func utf8Text(_ bytes: [UInt8]) -> String? {
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    var line = 1
    var column = 1
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        if scalar == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
      case .emptyInput: break loop
      case .error: break loop
      }
    }
    report(line: line, column: column, "not UTF-8 text: save the file as UTF-8")
    return nil
  }

  /// Parses YAML text into a tree, reporting a syntax error at its position.
  mutating func compose(_ yaml: String) -> Node? {
    do {
      // UTF-8 named here: by default Yams reads the environment on every parse to choose.
      // The basic resolver: every scalar stays text, and no regular expression runs per
      // scalar to guess a type (with the default one, loading is ~10x slower); null is
      // recognised by hand in `isNull`.
      guard let node = try Yams.compose(yaml: yaml, .basic, .default, .utf8) else {
        report(line: 1 + lineOffset, column: 1, "no fields: the YAML is empty")
        return nil
      }
      return node
    } catch let error as YamlError {
      switch error {
      case .scanner(let context, let problem, let mark, _),
        .parser(let context, let problem, let mark, _),
        .composer(let context, let problem, let mark, _):
        let while_ = context.map { " (\($0.text) at line \($0.mark.line + lineOffset))" } ?? ""
        report(
          line: mark.line + lineOffset, column: mark.column, "bad YAML: \(problem)\(while_)")
      case .duplicatedKeysInMapping(let duplicates, let context):
        let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
        report(
          line: context.mark.line + lineOffset, column: context.mark.column,
          "bad YAML: \(names) appears more than once in this mapping")
      case .reader(let problem, let offset, _, _):
        let before = yaml.prefix(offset ?? 0)
        let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) }
        let column = before[(lineStart ?? before.startIndex)...].count + 1
        let line = before.filter { $0 == "\n" }.count + 1
        report(line: line + lineOffset, column: column, "bad YAML: \(problem)")
      default:
        report(line: 1 + lineOffset, column: 1, "bad YAML: \(error)")
      }
      return nil
    } catch {
      report(line: 1 + lineOffset, column: 1, "bad YAML: \(error)")
      return nil
    }
  }

  /// A mapping's fields by name, reporting non-text keys and names not in `allowed`.
  mutating func fields(_ node: Node, allowed: [String], what: String) -> Fields? {
    guard let mapping = node.mapping else {
      report(node, "\(what) must be a mapping of fields, not \(describe(node))")
      return nil
    }
    var fields = Fields(node: node)
    for (key, value) in mapping {
      guard let name = key.scalar?.string else {
        report(key, "a field name must be text, not \(describe(key))")
        continue
      }
      guard allowed.contains(name) else {
        let hint = closest(to: name, in: allowed, limit: 1).first.map { " (did you mean '\($0)'?)" }
        report(key, "unknown field '\(name)'\(hint ?? "") in \(what)")
        continue
      }
      fields.values[name] = value
    }
    return fields
  }

  /// A text scalar; reports lists, mappings and empty values. `name` is the field's name, or
  /// with `label`, a phrase used as it is.
  mutating func scalar(_ node: Node, _ name: String, label: Bool = false) -> String? {
    let what = label ? name : "'\(name)'"
    guard let scalar = node.scalar else {
      report(node, "\(what) must be text, not \(describe(node))")
      return nil
    }
    let value = scalar.string.trimmingWhitespace
    if isNull(node) || value.isEmpty {
      report(node, "\(what) is empty")
      return nil
    }
    return value
  }

  /// A text field; reports it missing when `required`.
  mutating func text(_ fields: Fields, _ name: String, required: Bool = false, at node: Node? = nil)
    -> String?
  {
    guard let value = fields[name] else {
      if required { report(node ?? fields.node, "missing field '\(name)'") }
      return nil
    }
    return scalar(value, name)
  }

  /// A field holding a list of text.
  mutating func texts(_ fields: Fields, _ name: String) -> [String]? {
    guard let node = fields[name] else { return nil }
    return list(node, name) { reader, item in
      reader.scalar(item, "an entry of '\(name)'", label: true)
    }
  }

  /// A field holding a list; `read` turns each entry into a value or reports why not.
  mutating func list<T>(_ node: Node?, _ name: String, _ read: (inout NodeReader, Node) -> T?)
    -> [T]
  {
    guard let node else { return [] }
    guard let sequence = node.sequence else {
      report(node, "'\(name)' must be a list, not \(describe(node))")
      return []
    }
    var values: [T] = []
    for item in sequence {
      if let value = read(&self, item) { values.append(value) }
    }
    return values
  }

  /// A list of entries with exactly two required text fields, e.g. clarify's question and
  /// answer.
  mutating func pairs(_ node: Node?, _ name: String, _ keys: (String, String)) -> [(String, String)]
  {
    list(node, name) { reader, node in
      let what = "a \(name) entry"
      guard let item = reader.fields(node, allowed: [keys.0, keys.1], what: what) else {
        return nil as (String, String)?
      }
      let first = reader.text(item, keys.0, required: true, at: node)
      let second = reader.text(item, keys.1, required: true, at: node)
      guard let first, let second else { return nil }
      return (first, second)
    }
  }

  /// `scale`: a mapping from a fact's name to its value, in file order.
  mutating func facts(_ node: Node?) -> [Prompt.Fact] {
    guard let node else { return [] }
    guard let mapping = node.mapping else {
      report(node, "'scale' must be a mapping of fact: value, not \(describe(node))")
      return []
    }
    var facts: [Prompt.Fact] = []
    for (key, value) in mapping {
      guard let name = key.scalar?.string, !name.isEmpty else {
        report(key, "a fact's name must be text, not \(describe(key))")
        continue
      }
      if let text = scalar(value, "scale: \(name)") {
        facts.append(Prompt.Fact(name: name, value: text))
      }
    }
    return facts
  }

  /// A list of interjections; a repeated id is reported at its second use.
  mutating func interjections(_ node: Node?, _ name: String) -> [Interjection] {
    var seen: [String: Int] = [:]
    return list(node, name) { reader, item in
      guard
        let fields = reader.fields(
          item, allowed: PromptParser.interjectionFields, what: "an interjection")
      else { return nil as Interjection? }
      let id = reader.text(fields, "id", required: true, at: item)
      let kindName = reader.text(fields, "kind", required: true, at: item)
      let text = reader.text(fields, "text", required: true, at: item)
      let strong = reader.texts(fields, "strong") ?? []
      var kind: Interjection.Kind?
      if let kindName {
        kind = Interjection.Kind(rawValue: kindName.lowercased())
        if kind == nil, let node = fields["kind"] {
          let names = Interjection.Kind.allCases.map(\.rawValue)
          let hint = closest(to: kindName, in: names, limit: 1).first.map {
            " (did you mean '\($0)'?)"
          }
          reader.report(
            node,
            "unknown kind '\(kindName)'\(hint ?? ""); use one of \(names.joined(separator: ", "))")
        }
      }
      if let id, let node = fields["id"] {
        if !PromptParser.isUsableID(id) {
          reader.report(
            node, "interjection id '\(id)' must be lowercase letters, digits and hyphens")
        } else if Schedule.reservedIDs.contains(id) {
          reader.report(
            node,
            "interjection id '\(id)' is the name of one of mockroom's own cues; choose another")
        } else if id.hasPrefix(Session.customPrefix) {
          reader.report(
            node,
            "interjection id '\(id)' starts with '\(Session.customPrefix)', which names the "
              + "interviewer's own interjections; choose another")
        } else if let first = seen[id] {
          reader.report(node, "duplicate interjection id '\(id)' (first used on line \(first))")
        } else {
          seen[id] = (node.mark?.line ?? 0) + reader.lineOffset
        }
      }
      let timing = reader.timing(fields)
      guard let id, let kind, let text, let timing else { return nil }
      return Interjection(id: id, kind: kind, text: text, timing: timing, strong: strong)
    }
  }

  /// `phase` and `at`: nil when either is wrong; `.some(nil)` when neither is given.
  private mutating func timing(_ fields: Fields) -> Interjection.Timing?? {
    var phase: Phase?
    var offset: Millis?
    var ok = true
    if let node = fields["phase"], let name = scalar(node, "phase") {
      phase = Phase(name: name.lowercased())
      if phase == nil {
        let names = Phase.allCases.map(\.name).joined(separator: ", ")
        report(node, "unknown phase '\(name)'; use one of \(names)")
        ok = false
      }
    } else if fields["phase"] != nil {
      ok = false
    }
    if let node = fields["at"], let text = scalar(node, "at") {
      do {
        offset = try DurationText.parse(text)
      } catch {
        report(node, "'at': \(error)")
        ok = false
      }
      if fields["phase"] == nil {
        report(node, "'at' is a time into a phase: give 'phase' too")
        ok = false
      }
    } else if fields["at"] != nil {
      ok = false
    }
    guard ok else { return nil }
    return .some(phase.map { Interjection.Timing(phase: $0, offset: offset) })
  }

  /// An empty value, or a plain `~` or `null`, as YAML's core schema reads them.
  func isNull(_ node: Node) -> Bool {
    guard let scalar = node.scalar, scalar.style == .plain else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  func describe(_ node: Node) -> String {
    switch node {
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    case .scalar: isNull(node) ? "nothing" : "text"
    }
  }
}
