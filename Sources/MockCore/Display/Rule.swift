/// A horizontal rule: dim across a row of the screen, or the edge of a box with a title in it.
public enum Rule {
  /// `width` columns of rule, `title` set in after `lead` of them; cut to `width`.
  static func line(_ width: Int, title: String = "", lead: Int = 0) -> String {
    let start = String(repeating: "─", count: max(0, lead)) + title
    let rest = String(repeating: "─", count: max(0, width - start.count))
    return String((start + rest).prefix(max(0, width)))
  }

  /// A dim rule across the whole width of `frame` at row `y`.
  static func draw(into frame: inout Frame, y: Int) {
    frame.put(line(frame.size.width), x: 0, y: y, style: Style(dim: true))
  }
}

/// A panel's rule on the row above `area`: its title at the left, the first note that fits
/// at the right.
public enum Panel {
  static func draw(into frame: inout Frame, over area: Area, title: String, notes: [String] = []) {
    let y = area.y - 1
    Rule.draw(into: &frame, y: y)
    let end = frame.put(title, x: area.x, y: y, style: Style(bold: true, tone: .accent))
    if let note = notes.first(where: { !$0.isEmpty && $0.columns <= frame.size.width - end - 2 }) {
      frame.put(note, x: area.x + area.width - note.columns, y: y, style: Style(dim: true))
    }
  }
}
