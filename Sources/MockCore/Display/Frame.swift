/// A terminal's size in cells.
public struct Size: Equatable, Hashable, Sendable, CustomStringConvertible {
  public var width: Int
  public var height: Int
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
  }
  public var description: String { "\(width)x\(height)" }
}

/// What a piece of the screen means; the shell picks the colour.
public enum Tone: String, Equatable, Hashable, Sendable, CaseIterable {
  /// Within budget.
  case ok
  /// The last minute of a budget.
  case warn
  /// Over budget.
  case over
  /// Headings and the current phase.
  case accent

  /// How a phase stands with `remaining` of its budget left: over once it reaches zero,
  /// in its last minute from one minute left, ok before that.
  public init(remaining: Millis) {
    self = remaining <= 0 ? .over : remaining <= .minutes(1) ? .warn : .ok
  }
}

/// How a cell is drawn. Meaning never rests on `tone` alone: there is always text too.
///
/// Packed into one byte: the run loop compares every cell of two frames on each wake.
public struct Style: Equatable, Hashable, Sendable {
  private var bits: UInt8 = 0

  public init(bold: Bool = false, reverse: Bool = false, dim: Bool = false, tone: Tone? = nil) {
    self.bold = bold
    self.reverse = reverse
    self.dim = dim
    self.tone = tone
  }

  public static let plain = Style()

  public var bold: Bool {
    get { flag(1) }
    set { setFlag(1, newValue) }
  }
  public var reverse: Bool {
    get { flag(2) }
    set { setFlag(2, newValue) }
  }
  public var dim: Bool {
    get { flag(4) }
    set { setFlag(4, newValue) }
  }
  public var tone: Tone? {
    get {
      let index = Int(bits >> 3)
      return index == 0 ? nil : Tone.allCases[index - 1]
    }
    set {
      let index = newValue.map { Tone.allCases.firstIndex(of: $0)! + 1 } ?? 0
      bits = (bits & 0b111) | UInt8(index << 3)
    }
  }

  private func flag(_ mask: UInt8) -> Bool { bits & mask != 0 }
  private mutating func setFlag(_ mask: UInt8, _ on: Bool) {
    bits = on ? bits | mask : bits & ~mask
  }
}

/// One character cell: a character and its style. A wide character (CJK, most emoji) takes two
/// cells: the character, then a continuation cell that the terminal fills from it.
///
/// A scalar rather than a `Character`: frames are compared cell by cell on every wake, and
/// comparing Characters means Unicode canonical equivalence; scalars compare as integers.
/// Marks that join the character before them take no cell and are not drawn.
public struct Cell: Equatable, Hashable, Sendable {
  public var scalar: Unicode.Scalar
  public var style: Style
  public static let blank = Cell(scalar: " ", style: .plain)

  /// The right half of a wide character.
  public var isContinuation: Bool { scalar.value == 0 }
  static func continuation(_ style: Style) -> Cell { Cell(scalar: "\u{0}", style: style) }
}

/// A grid of styled cells: everything the screen shows, as plain data.
/// The part of a scrolling panel a frame showed: how wide it was, how many rows it had, and how
/// many lines the text took at that width. Handed back to the screen model (as
/// `Input.viewport`), which keeps its scroll offset in range with it; render clamps anyway.
public struct Viewport: Equatable, Sendable {
  public var width: Int
  public var rows: Int
  public var lines: Int
  public init(width: Int, rows: Int, lines: Int) {
    self.width = width
    self.rows = rows
    self.lines = lines
  }

  /// The last first line: the offset that shows the end of the text.
  public var lastFirst: Int { max(0, lines - rows) }
}

public struct Frame: Equatable, Sendable {
  public let size: Size
  public private(set) var cells: [Cell]
  /// The scrolling panel this frame drew (the prompt, the console's material), if any.
  public var panel: Viewport?
  /// Whether a wide character was ever drawn, so writes must mind continuation cells.
  private var hasWide = false

  public static func == (a: Frame, b: Frame) -> Bool {
    a.size == b.size && a.cells == b.cells
  }

  public init(size: Size) {
    self.size = size
    cells = Array(repeating: .blank, count: size.width * size.height)
  }

  @inlinable
  public subscript(x: Int, y: Int) -> Cell {
    cells[y * size.width + x]
  }

  /// What differs from `previous`, row by row: the columns from the first changed cell to the
  /// last. Every whole row when there is no previous frame or its size differs.
  public func changes(since previous: Frame?) -> [(row: Int, columns: Range<Int>)] {
    guard let previous, previous.size == size else {
      return (0..<size.height).map { ($0, 0..<size.width) }
    }
    var changes: [(row: Int, columns: Range<Int>)] = []
    let width = size.width
    cells.withUnsafeBufferPointer { new in
      previous.cells.withUnsafeBufferPointer { old in
        for y in 0..<size.height {
          var first = -1
          var last = -1
          for x in 0..<width where new[y * width + x] != old[y * width + x] {
            if first < 0 { first = x }
            last = x
          }
          if first >= 0 { changes.append((y, first..<(last + 1))) }
        }
      }
    }
    return changes
  }

  /// Writes `text` from column `x` of row `y`, clipped to the frame; returns the column after it.
  /// A wide character that would straddle the right edge is drawn as a blank.
  @discardableResult
  public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain) -> Int {
    guard y >= 0, y < size.height else { return x + text.columns }
    var column = x
    for scalar in text.unicodeScalars {
      // Printable ASCII, nearly everything drawn each second: one column, and no wide
      // character to split unless one was ever drawn.
      if scalar.value >= 0x20, scalar.value < 0x7F, !hasWide {
        if column >= 0, column < size.width {
          cells[y * size.width + column] = Cell(scalar: scalar, style: style)
        }
        column += 1
        continue
      }
      let width = scalar.columns
      guard width > 0 else { continue }
      if column >= 0, column + width <= size.width {
        place(Cell(scalar: scalar, style: style), x: column, y: y)
        if width == 2 {
          hasWide = true
          place(.continuation(style), x: column + 1, y: y)
        }
      } else if column >= 0, column < size.width {
        place(Cell(scalar: " ", style: style), x: column, y: y)
      }
      column += width
    }
    return column
  }

  /// Sets one cell, blanking the other half of any wide character it overwrites part of.
  private mutating func place(_ cell: Cell, x: Int, y: Int) {
    let index = y * size.width + x
    if !cell.isContinuation, cells[index].isContinuation, x > 0 {
      cells[index - 1].scalar = " "
    }
    if x + 1 < size.width, cells[index + 1].isContinuation {
      cells[index + 1].scalar = " "
    }
    cells[index] = cell
  }

  /// Writes `text` centred on row `y`.
  public mutating func center(_ text: String, y: Int, style: Style = .plain) {
    put(text, x: (size.width - text.columns) / 2, y: y, style: style)
  }

  /// This frame with every tone removed: how it looks under NO_COLOR.
  public func withoutTones() -> Frame {
    var copy = self
    for index in copy.cells.indices { copy.cells[index].style.tone = nil }
    return copy
  }

  /// The characters of row `y` as the terminal shows them, trailing blanks included.
  public func row(_ y: Int) -> String {
    var line = String.UnicodeScalarView()
    for x in 0..<size.width where !self[x, y].isContinuation {
      line.append(self[x, y].scalar)
    }
    return String(line)
  }

  /// The frame as text, one line a row, trailing blanks trimmed.
  public var text: String {
    (0..<size.height).map { y in
      var line = Substring(row(y))
      while line.last == " " { line.removeLast() }
      return String(line)
    }.joined(separator: "\n")
  }
}

extension String {
  /// This string cut to `width` columns, with `…` marking a cut.
  public func clipped(to width: Int) -> String {
    guard width > 0 else { return "" }
    guard columns > width else { return self }
    var kept = String.UnicodeScalarView()
    var used = 0
    let room = width == 1 ? 1 : width - 1
    for scalar in unicodeScalars {
      if used + scalar.columns > room { break }
      used += scalar.columns
      kept.append(scalar)
    }
    return width == 1 ? String(kept) : String(kept) + "…"
  }

  public func padded(to width: Int) -> String {
    let used = columns
    return used >= width ? self : self + String(repeating: " ", count: width - used)
  }
}
