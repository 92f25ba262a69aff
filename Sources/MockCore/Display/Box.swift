/// A box over the middle of the screen: help names itself in its top edge (`titled`), else the
/// first line, a question, is bold.
public enum Box {
  static func draw(into frame: inout Frame, _ body: [String], titled: Bool = false) {
    let inner = min(body.map(\.columns).max() ?? 0, frame.size.width - 4)
    let boxWidth = inner + 4
    let boxHeight = min(body.count + 2, frame.size.height)
    let x = (frame.size.width - boxWidth) / 2
    let y = max(0, (frame.size.height - boxHeight) / 2)
    let edge = Rule.line(inner + 2)
    let top = titled ? Rule.line(inner + 2, title: " Keys ", lead: 1) : edge
    frame.put("┌" + top + "┐", x: x, y: y, style: Style(bold: true))
    for (index, line) in body.prefix(boxHeight - 2).enumerated() {
      let style = Style(bold: index == 0 && !titled)
      frame.put("│ ", x: x, y: y + 1 + index, style: Style(bold: true))
      frame.put(line.clipped(to: inner).padded(to: inner), x: x + 2, y: y + 1 + index, style: style)
      frame.put(" │", x: x + inner + 2, y: y + 1 + index, style: Style(bold: true))
    }
    frame.put("└" + edge + "┘", x: x, y: y + boxHeight - 1, style: Style(bold: true))
  }
}
