import CNcurses
import Foundation
import Glibc
import MockCore

/// The curses screen: copies frames to the terminal and reads keys. Deliberately thin: what to
/// draw is decided in MockCore, where it is tested.
final class Terminal {
  /// What the keyboard or the terminal said.
  enum Input: Equatable {
    case key(Key)
    case resize
  }

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  private let window: UnsafeMutablePointer<WINDOW>
  private var drawn: Frame?
  private var ended = false
  /// Whether tones become colours (false under NO_COLOR or on a terminal without colour).
  let colors: Bool

  /// Starts curses on the process's terminal, or says clearly why it cannot.
  init(
    environment: [String: String],
    color: Settings.Color = .auto
  ) throws(Failure) {
    Self.useUTF8Locale()
    SignalPipe.clearInheritedMask()
    guard let term = environment["TERM"], !term.isEmpty else {
      throw Failure(
        description: "TERM is not set, so the terminal's type is unknown. "
          + "Set it (for example TERM=xterm-256color) and try again.")
    }
    guard isatty(0) == 1, isatty(1) == 1 else {
      throw Failure(description: "mockroom needs a terminal: run it in one, not in a pipe.")
    }
    // newterm, unlike initscr, returns nil for an unknown terminal instead of exiting.
    guard let output = fdopen(1, "w"), let input = fdopen(0, "r"),
      newterm(nil, output, input) != nil, let window = mr_stdscr()
    else {
      throw Failure(
        description: "the terminal type '\(term)' is not known here (no terminfo entry). "
          + "Set TERM to one this system knows, for example TERM=xterm-256color.")
    }
    // A terminal that cannot place the cursor (TERM=dumb, an editor's shell buffer) would show
    // one frozen line while the session ran unseen: refuse it as an unknown one is refused.
    guard mr_can_place_cursor() != 0 else {
      endwin()
      throw Failure(
        description: "the terminal type '\(term)' cannot move the cursor, so the clock cannot "
          + "be drawn. Run mockroom in a full terminal (xterm, tmux, a terminal app), or set "
          + "TERM to one, for example TERM=xterm-256color.")
    }
    self.window = window
    SignalPipe.restoreTerminalOnCrash()
    cbreak()  // not raw(): Ctrl-C must still raise SIGINT
    noecho()
    nonl()
    keypad(window, true)
    nodelay(window, true)
    set_escdelay(25)
    curs_set(0)
    // NO_COLOR wins over every setting; `never` turns colour off on any terminal.
    let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
    colors = !noColor && color != .never && has_colors()
    if colors {
      start_color()
      use_default_colors()
      init_pair(1, Int16(COLOR_GREEN), -1)
      init_pair(2, Int16(COLOR_YELLOW), -1)
      init_pair(3, Int16(COLOR_RED), -1)
      init_pair(4, Int16(COLOR_CYAN), -1)
    }
  }

  deinit { end() }

  var size: Size { Size(width: Int(getmaxx(window)), height: Int(getmaxy(window))) }

  /// Restores the terminal. Safe to call more than once.
  func end() {
    guard !ended else { return }
    ended = true
    endwin()
  }

  /// Hands the terminal back to the shell (Ctrl-Z): as it was before mockroom started.
  func suspend() {
    endwin()
  }

  /// Takes the terminal again after `fg` and redraws everything on the next frame.
  func resume() {
    clearok(window, true)
    wrefresh(window)
    invalidate()
  }

  /// Ctrl-Z: hands the terminal back, stops the process, and takes the terminal again once it
  /// is continued (`fg`), to be redrawn whole.
  func stepAway() {
    suspend()
    SignalPipe.stopProcess()
    resume()
  }

  /// How a banner's arrival is announced.
  enum Bell: String, CaseIterable {
    case on, off, flash
  }

  /// Rings the bell, flashes the screen, or does nothing.
  func alert(_ bell: Bell) {
    switch bell {
    case .on: beep()
    case .flash: flash()
    case .off: break
    }
  }

  /// Copies `frame` to the screen, rewriting only the cells that changed since the last frame;
  /// returns false, having written nothing, when no row changed.
  @discardableResult
  func draw(_ frame: Frame) -> Bool {
    let changes = frame.changes(since: drawn)
    guard !changes.isEmpty else { return false }
    if drawn?.size != frame.size { werase(window) }
    for (y, columns) in changes {
      let start = y * frame.size.width
      // A change in the right half of a wide character redraws the whole character.
      var first = columns.lowerBound
      if first > 0, frame[first, y].isContinuation { first -= 1 }
      drawRow(frame.cells[(start + first)..<(start + columns.upperBound)], y, x: first)
    }
    wrefresh(window)
    drawn = frame
    return true
  }

  /// Forgets what is on screen, so the next frame is drawn whole (after a resize).
  func invalidate() {
    drawn = nil
  }

  private func drawRow(_ cells: ArraySlice<Cell>, _ y: Int, x: Int) {
    var start = cells.startIndex
    var text: [wchar_t] = []
    text.reserveCapacity(cells.count + 1)
    while start < cells.endIndex {
      let style = cells[start].style
      var end = start
      text.removeAll(keepingCapacity: true)
      while end < cells.endIndex, cells[end].style == style {
        // curses fills the right half of a wide character itself.
        if !cells[end].isContinuation { text.append(wchar_t(cells[end].scalar.value)) }
        end += 1
      }
      text.append(0)
      wattr_set(window, attributes(style), pair(style), nil)
      // The bottom-right cell cannot be written without the cursor leaving the screen; curses
      // reports that as an error after drawing it, which is harmless here.
      _ = mvwaddwstr(window, Int32(y), Int32(x + start - cells.startIndex), text)
      start = end
    }
    wattr_set(window, mr_a_normal(), 0, nil)
  }

  private func attributes(_ style: Style) -> attr_t {
    var value = mr_a_normal()
    if style.bold { value |= mr_a_bold() }
    if style.reverse { value |= mr_a_reverse() }
    if style.dim { value |= mr_a_dim() }
    return value
  }

  private func pair(_ style: Style) -> Int16 {
    guard colors, let tone = style.tone else { return 0 }
    switch tone {
    case .ok: return 1
    case .warn: return 2
    case .over: return 3
    case .accent: return 4
    }
  }

  /// Every key waiting to be read, without blocking.
  func readInput() -> [Input] {
    var inputs: [Input] = []
    while true {
      var value: wint_t = 0
      let status = wget_wch(window, &value)
      if status == ERR { break }
      if status == mr_key_code_yes() {
        inputs.append(Self.input(forKeyCode: Int32(value)))
      } else if value == 27 {
        inputs.append(.key(.escape))
      } else if value == 127 || value == 8 {
        inputs.append(.key(.backspace))
      } else if value == 13 || value == 10 {
        inputs.append(.key(.enter))
      } else if let scalar = Unicode.Scalar(UInt32(value)) {
        inputs.append(.key(.character(Character(scalar))))
      }
    }
    return inputs
  }

  private static func input(forKeyCode code: Int32) -> Input {
    switch code {
    case mr_key_resize(): .resize
    case mr_key_up(): .key(.up)
    case mr_key_down(): .key(.down)
    case mr_key_ppage(): .key(.pageUp)
    case mr_key_npage(): .key(.pageDown)
    case mr_key_home(): .key(.home)
    case mr_key_end(): .key(.end)
    case mr_key_left(): .key(.left)
    case mr_key_right(): .key(.right)
    case mr_key_backspace(): .key(.backspace)
    case mr_key_enter(): .key(.enter)
    default: .key(.other)
    }
  }

  /// Box lines and block digits need a UTF-8 locale; fall back to C.UTF-8 when the user's
  /// locale is not UTF-8 (an unset LANG, say) rather than drawing `lqqk`.
  private static func useUTF8Locale() {
    setlocale(LC_ALL, "")
    let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
    if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
      setlocale(LC_CTYPE, "C.UTF-8")
    }
  }
}
