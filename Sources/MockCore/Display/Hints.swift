/// The bottom row: the first of `options` (widest first) that fits, else the last one cut,
/// centred.
public enum Hints {
  static func draw(into frame: inout Frame, _ options: String..., style: Style = Style(dim: true)) {
    let w = frame.size.width
    let text = options.first { $0.columns <= w } ?? options.last ?? ""
    frame.center(text.clipped(to: w), y: frame.size.height - 1, style: style)
  }
}
