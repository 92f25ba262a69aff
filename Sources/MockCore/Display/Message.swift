/// A few centred lines on an empty screen, the first bold: what the program waits for.
public enum Message {
  static func draw(into frame: inout Frame, _ lines: [String]) {
    let top = max(0, (frame.size.height - lines.count) / 2)
    for (index, line) in lines.enumerated() where top + index < frame.size.height {
      frame.center(
        line.clipped(to: frame.size.width), y: top + index,
        style: index == 0 ? Style(bold: true) : .plain)
    }
  }
}
