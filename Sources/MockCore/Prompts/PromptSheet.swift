/// A whole prompt as plain text for the interviewer to read: the prompt, then every piece of
/// interviewer material, each under a heading, wrapped to a width.
public enum PromptSheet {
  public static func text(_ p: Prompt, _ entry: PromptLibrary.Entry, width: Int) -> String {
    let width = max(20, width)
    var out: [String] = []
    func para(_ text: String, indent: Int = 2, hang: Int? = nil, lead: String = "") {
      let pad = String(repeating: " ", count: indent)
      let hangPad = String(repeating: " ", count: hang ?? (indent + lead.columns))
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        out += TextLayout.wrap(
          line.split(separator: " ").map(String.init), width: width, lead: pad + lead,
          hang: hangPad)
      }
    }
    func heading(_ text: String) {
      out.append("")
      out.append(text)
    }

    out.append(p.title)
    var about = [p.id, p.level.rawValue]
    if !p.tags.isEmpty { about.append(p.tags.joined(separator: ", ")) }
    out.append(about.joined(separator: " · "))
    let origin = entry.replaces.map { "\(entry.path) (replaces \($0))" } ?? entry.path
    out.append(origin)

    heading("PROMPT (read it out)")
    out += TextLayout.lines(markdown: p.body, width: width - 2).map {
      $0.text.isEmpty ? "" : "  " + $0.text
    }
    if !p.scale.isEmpty {
      heading("SCALE (reveal when asked)")
      for fact in p.scale { para(fact.value, lead: "\(fact.name): ") }
    }
    if !p.clarify.isEmpty {
      heading("CLARIFY (likely questions, your answers)")
      for item in p.clarify {
        para(item.question, lead: "Q ")
        para(item.answer, lead: "A ")
      }
    }
    if !p.interjections.isEmpty {
      heading("INTERJECTIONS")
      for item in p.interjections {
        var label = "\(item.kind.rawValue) \(item.id)"
        if let timing = item.timing {
          label += " · " + timing.phase.name
          if let offset = timing.offset { label += " at \(DurationText.clock(offset))" }
        }
        out.append("  " + label)
        para(item.text, indent: 4)
        for point in item.strong { para(point, indent: 4, lead: "+ ") }
      }
    }
    if !p.drill.isEmpty {
      heading("DRILL (components, and what depth looks like)")
      for point in p.drill {
        para(point.component, lead: "- ")
        para(point.depth, indent: 4)
      }
    }
    if !p.ops.isEmpty {
      heading("OPS (what a strong close covers)")
      for point in p.ops { para(point, lead: "- ") }
    }
    if !p.notes.isEmpty {
      heading("NOTES (yours only)")
      para(p.notes)
    }
    return out.joined(separator: "\n") + "\n"
  }
}
