import Yams

/// Reads and writes an interview's file: `---`, YAML fields, `---`, then Markdown. Pure: bytes
/// in, an interview or every problem (each at its line and column) out; an interview out, the
/// file's text back.
public enum RealInterviewFile {
  /// The front matter's fields.
  public static let fields = [
    "company", "role", "kind", "at", "length", "who", "plan", "outcome", "feedback", "tags",
    "scores", "written", "late", "writeup_due_hook", "reminded", "number", "phrases", "story",
  ]
  /// The body's headings mockroom reads, in the order it writes them.
  public static let premortemHeading = "## Pre-mortem"
  public static let writeupHeading = "## Write-up"
  /// The longest a sheet's text field may be, so the sheet stays one page.
  public static let longestPhrase = 140
  public static let longestStory = 400
  /// The largest interview file read.
  public static let largest = 1 << 20
  /// The most lateness a file says: ten years of minutes, more than any write-up is late.
  static let latestLateMinutes = 10 * 366 * 24 * 60

  /// Parses one file. `file` names it in problems; `id` is its name without `.md`. `localOffset`
  /// gives the zone of a time written without one.
  public static func parse(
    file: String, id: String, bytes: [UInt8], localOffset: (Int64) -> Int = { _ in 0 }
  ) -> (interview: RealInterview?, problems: [PromptProblem]) {
    var reader = NodeReader(file: file, lineOffset: 1)
    guard bytes.count <= largest else {
      reader.report(line: 1, column: 1, "larger than 1 MiB: not an interview file")
      return (nil, reader.problems)
    }
    guard let text = reader.utf8Text(bytes) else { return (nil, reader.problems) }
    guard let parts = PromptParser.frontMatter(text, id: id, &reader) else {
      return (nil, reader.problems)
    }
    guard let root = reader.compose(parts.yaml),
      let fields = reader.fields(root, allowed: fields, what: "an interview's front matter")
    else { return (nil, reader.problems.sorted(by: PromptProblem.sortedOrder)) }

    let company = reader.text(fields, "company", required: true)
    let role = reader.text(fields, "role", required: true)
    var interview = RealInterview(id: id, company: company ?? "", role: role ?? "", at: 0)
    if let node = fields["kind"], let name = reader.scalar(node, "kind") {
      if let kind = RealInterview.Kind(rawValue: name.lowercased()) {
        interview.kind = kind
      } else {
        reader.unknown(node, "kind", name, RealInterview.Kind.allCases.map(\.rawValue))
      }
    }
    if let time = reader.time(fields, "at", required: true, localOffset: localOffset) {
      (interview.at, interview.zone) = time
    }
    if let node = fields["length"], let text = reader.scalar(node, "length") {
      let minutes = (try? DurationText.parse(text)).map { $0 / 60_000 }
      if let minutes, (10...720).contains(minutes) {
        interview.minutes = Int(minutes)
      } else {
        reader.report(node, "'length' must be a duration from 10m to 12h, like 45m or 1h")
      }
    }
    interview.who = reader.text(fields, "who")
    interview.plan = reader.text(fields, "plan")
    if let node = fields["outcome"], let name = reader.scalar(node, "outcome") {
      if let outcome = RealInterview.Outcome(rawValue: name.lowercased()) {
        interview.outcome = outcome
      } else {
        reader.unknown(node, "outcome", name, RealInterview.Outcome.allCases.map(\.rawValue))
      }
    }
    interview.feedback = reader.text(fields, "feedback")
    interview.tags = reader.texts(fields, "tags")?.map { $0.lowercased() } ?? []
    interview.scores = reader.scores(fields["scores"])
    interview.written = reader.time(fields, "written", localOffset: localOffset)?.seconds
    if let node = fields["late"], let text = reader.scalar(node, "late") {
      // As written back (`late: 2047m`, a write-up a day and more late), or any duration.
      let written = text.hasSuffix("m") ? Int(text.dropLast()) : nil
      if let written, (0...Self.latestLateMinutes).contains(written) {
        interview.lateMinutes = written
      } else if let ms = try? DurationText.parse(text), ms >= 0 {
        interview.lateMinutes = Int(ms / 60_000)
      } else {
        reader.report(node, "'late' must be a duration, like 0m or 1h20m")
      }
    }
    interview.dueHookFired =
      reader.time(fields, "writeup_due_hook", localOffset: localOffset)?.seconds
    interview.reminded = reader.time(fields, "reminded", localOffset: localOffset)?.seconds
    interview.number = reader.text(fields, "number")
    interview.phrases = reader.texts(fields, "phrases") ?? []
    if interview.phrases.count > 3, let node = fields["phrases"] {
      reader.report(node, "'phrases' holds at most three: the sheet has room for three")
    }
    if let number = interview.number, number.count > longestPhrase, let node = fields["number"] {
      reader.report(node, "'number' is longer than \(longestPhrase) characters")
    }
    if let node = fields["phrases"], interview.phrases.contains(where: { $0.count > longestPhrase })
    {
      reader.report(node, "a phrase is longer than \(longestPhrase) characters")
    }
    interview.story = reader.text(fields, "story")
    if let story = interview.story, story.count > longestStory, let node = fields["story"] {
      reader.report(node, "'story' is longer than \(longestStory) characters: keep one sentence")
    }
    readBody(parts.body, firstLine: parts.bodyLine, into: &interview, reader: &reader)
    guard reader.problems.isEmpty else {
      return (nil, reader.problems.sorted(by: PromptProblem.sortedOrder))
    }
    return (interview, [])
  }

  /// Splits the body at the pre-mortem's and the write-up's headings.
  static func readBody(
    _ body: String, firstLine: Int, into interview: inout RealInterview,
    reader: inout NodeReader
  ) {
    var section: String?
    var seen: [String: Int] = [:]
    var texts: [String: [Substring]] = [:]
    for (offset, line) in body.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let heading = line.trimmingWhitespace
      let known = [premortemHeading, writeupHeading].first {
        $0.lowercased() == heading.lowercased()
      }
      if let known {
        if let first = seen[known] {
          reader.report(
            line: firstLine + offset, column: 1,
            "'\(known)' a second time (first on line \(first)): keep one of each")
        }
        seen[known] = firstLine + offset
        section = known
        texts[known, default: []] = []
        continue
      }
      texts[section ?? "", default: []].append(line)
    }
    func joined(_ key: String) -> String? {
      texts[key].map { $0.joined(separator: "\n").trimmingWhitespace }
    }
    interview.notes = joined("") ?? ""
    interview.premortem = joined(premortemHeading)
    interview.writeup = joined(writeupHeading)
  }

  /// The file's text: the front matter in a fixed order, strings always double-quoted, then
  /// the notes and the sections.
  public static func text(_ interview: RealInterview) -> String {
    var lines = ["---"]
    func field(_ name: String, _ value: String?) {
      if let value { lines.append("\(name): \(quoted(value))") }
    }
    field("company", interview.company)
    field("role", interview.role)
    lines.append("kind: \(interview.kind.rawValue)")
    lines.append("at: \(CivilTime.format(interview.at, zone: interview.zone))")
    lines.append("length: \(interview.minutes)m")
    field("who", interview.who)
    field("plan", interview.plan)
    if let outcome = interview.outcome { lines.append("outcome: \(outcome.rawValue)") }
    field("feedback", interview.feedback)
    if !interview.tags.isEmpty {
      lines.append("tags: [\(interview.tags.map(quoted).joined(separator: ", "))]")
    }
    let scored = Dimension.allCases.compactMap { d in
      interview.scores[d.rawValue].map { "\(d.rawValue): \($0)" }
    }
    if !scored.isEmpty { lines.append("scores: {\(scored.joined(separator: ", "))}") }
    if let written = interview.written {
      lines.append("written: \(CivilTime.format(written, zone: interview.zone))")
    }
    if let late = interview.lateMinutes { lines.append("late: \(late)m") }
    if let fired = interview.dueHookFired {
      lines.append("writeup_due_hook: \(CivilTime.format(fired, zone: interview.zone))")
    }
    if let reminded = interview.reminded {
      lines.append("reminded: \(CivilTime.format(reminded, zone: interview.zone))")
    }
    field("number", interview.number)
    if !interview.phrases.isEmpty {
      lines.append("phrases:")
      for phrase in interview.phrases { lines.append("  - \(quoted(phrase))") }
    }
    field("story", interview.story)
    lines.append("---")
    var text = lines.joined(separator: "\n") + "\n"
    if !interview.notes.isEmpty { text += "\n" + interview.notes + "\n" }
    for (heading, section) in [
      (premortemHeading, interview.premortem), (writeupHeading, interview.writeup),
    ] {
      if let section { text += "\n\(heading)\n\n" + (section.isEmpty ? "" : section + "\n") }
    }
    return text
  }

  /// A YAML double-quoted scalar.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
          || scalar.value == 0xFEFF || scalar.value == 0x2028 || scalar.value == 0x2029
        {
          let hex = String(scalar.value, radix: 16, uppercase: true)
          out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}

extension NodeReader {
  /// An unknown name of a closed set, with the nearest and the whole set.
  mutating func unknown(_ node: Node, _ field: String, _ name: String, _ names: [String]) {
    let hint = closest(to: name, in: names, limit: 1).first.map { " (did you mean '\($0)'?)" }
    report(
      node, "unknown \(field) '\(name)'\(hint ?? ""); use one of \(names.joined(separator: ", "))")
  }

  /// A time field, `2026-12-09T15:00+01:00`.
  mutating func time(
    _ fields: Fields, _ name: String, required: Bool = false, localOffset: (Int64) -> Int
  ) -> (seconds: Int64, zone: Int)? {
    guard let text = text(fields, name, required: required) else { return nil }
    guard let time = CivilTime.parse(text, localOffset: localOffset) else {
      report(
        fields[name] ?? fields.node,
        "'\(name)' must be a date and time like 2026-12-09T15:00 (an offset such as +01:00 "
          + "may follow)")
      return nil
    }
    return time
  }

  /// `scores`: a mapping from a dimension to a whole number from 1 to 5.
  mutating func scores(_ node: Node?) -> [String: Int] {
    guard let node else { return [:] }
    guard let mapping = node.mapping else {
      report(node, "'scores' must be a mapping of dimension: score, not \(describe(node))")
      return [:]
    }
    var scores: [String: Int] = [:]
    for (key, value) in mapping {
      guard let name = key.scalar?.string, let dimension = Dimension(word: name) else {
        let names = Dimension.allCases.map(\.rawValue)
        unknown(key, "dimension", key.scalar?.string ?? describe(key), names)
        continue
      }
      guard let text = scalar(value, "scores: \(name)"), let score = Int(text),
        (1...5).contains(score)
      else {
        if value.scalar != nil, !isNull(value) {
          report(value, "a score is a whole number from 1 to 5")
        }
        continue
      }
      scores[dimension.rawValue] = score
    }
    return scores
  }
}
