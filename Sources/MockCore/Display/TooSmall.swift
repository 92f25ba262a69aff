/// The screen of a terminal below `minimum`: a note to enlarge it, then `status` if a row is
/// left.
public enum TooSmall {
  static func draw(into frame: inout Frame, minimum: Size, status: (String, Style)? = nil) {
    let (w, h) = (frame.size.width, frame.size.height)
    guard w > 0, h > 0 else { return }
    let more = ["(\(minimum.width)x\(minimum.height)", "or", "more)"]
    var lines = TextLayout.wrap(["enlarge", "the", "terminal"] + more, width: w)
    if lines.count >= h { lines = TextLayout.wrap(["enlarge", "terminal"], width: w) }
    for (y, line) in lines.prefix(h).enumerated() {
      frame.put(line, x: 0, y: y, style: Style(bold: true))
    }
    if let (text, style) = status, lines.count < h {
      frame.put(text.clipped(to: w), x: 0, y: lines.count, style: style)
    }
  }
}
