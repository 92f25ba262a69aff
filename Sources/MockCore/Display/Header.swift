/// The top row: `mockroom`, the title, and `right` at the right edge when there is room.
public enum Header {
  static func draw(into frame: inout Frame, title: String, right: String) {
    let w = frame.size.width
    // What goes on the right shows when there is room; the title takes what is left.
    let right = right.count < w - 10 ? right : ""
    let titleEnd = w - right.count - 2
    let x = frame.put(" mockroom", x: 0, y: 0, style: Style(bold: true, tone: .accent))
    if titleEnd - x > 3 {
      frame.put("  " + title.clipped(to: titleEnd - x - 2), x: x, y: 0, style: Style(bold: true))
    }
    frame.put(right, x: w - right.count - 1, y: 0)
  }

  /// The top row of a screen of its own: a reversed badge, the title, and `right` if given.
  static func draw(into frame: inout Frame, badge: String, title: String, right: String = "") {
    let w = frame.size.width
    let x = frame.put(badge, x: 0, y: 0, style: Style(bold: true, reverse: true, tone: .accent))
    let room = w - x - (right.isEmpty ? 1 : right.count + 3)
    frame.put(" " + title.clipped(to: max(0, room)), x: x, y: 0, style: Style(bold: true))
    if !right.isEmpty { frame.put(right, x: w - right.count - 1, y: 0) }
  }
}
