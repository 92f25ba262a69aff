/// A reversed row across the screen: a bold label, then a message cut to what is left.
public enum Bar {
  static func draw(into frame: inout Frame, y: Int, label: String, message: String, tone: Tone) {
    let style = Style(reverse: true, tone: tone)
    frame.put(String(repeating: " ", count: frame.size.width), x: 0, y: y, style: style)
    let end = frame.put(label, x: 0, y: y, style: Style(bold: true, reverse: true, tone: tone))
    frame.put(message.clipped(to: max(0, frame.size.width - end - 1)), x: end, y: y, style: style)
  }
}
