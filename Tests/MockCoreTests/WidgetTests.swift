import Testing

@testable import MockCore

/// The small widgets every screen draws with: rules, hints, clock text, the too-small screen.
@Suite struct Widgets {
  @Test func aClockPastItsLimitReadsAsHowFarPastWithAPlus() {
    #expect(ClockText.taken(59_000, limit: 60_000) == "0:59")
    #expect(ClockText.taken(60_000, limit: 60_000) == "1:00")
    #expect(ClockText.taken(65_000, limit: 60_000) == "+0:05")
    #expect(ClockText.left(4_500, over: false) == "0:05")
    #expect(ClockText.left(-12_000, over: true) == "+0:12")
    #expect(ClockText.left(0, over: true) == "+0:00")
  }

  @Test func aRuleWithATitleKeepsItsWidth() {
    #expect(Rule.line(5) == "─────")
    #expect(Rule.line(10, title: " Keys ", lead: 1) == "─ Keys ───")
    #expect(Rule.line(4, title: " Keys ", lead: 1) == "─ Ke")
    #expect(Rule.line(-1).isEmpty)
  }

  @Test func aPanelShowsTheFirstNoteThatFitsBesideItsTitle() {
    var frame = Frame(size: Size(width: 20, height: 3))
    Panel.draw(
      into: &frame, over: Area(x: 1, y: 1, width: 18, height: 2), title: " P ",
      notes: [" far too long a note ", " 1/9 "])
    #expect(frame.row(0) == "─ P ────────── 1/9 ─")
  }

  @Test func hintsTakeTheWidestOptionThatFitsAndCutTheLast() {
    var frame = Frame(size: Size(width: 10, height: 2))
    Hints.draw(into: &frame, "a hint far too wide", "short")
    #expect(frame.row(1).contains("short"))
    var narrow = Frame(size: Size(width: 4, height: 1))
    Hints.draw(into: &narrow, "a hint far too wide", "wider")
    #expect(narrow.row(0) == "wid…")
  }

  @Test func aDrillBelowItsMinimumAsksToEnlargeTheTerminalAsTheRoomDoes() {
    let (drill, start) = DrillFrames.drill()
    let frame = drill.render(size: Size(width: 29, height: 8), at: start, colors: true)
    #expect(frame.row(0) == "enlarge the terminal (30x8 or".padded(to: 29))
    #expect(frame.row(1).hasPrefix("more)"))
    let fits = drill.render(size: Size(width: 30, height: 8), at: start, colors: true)
    #expect(!fits.text.contains("enlarge"))
  }
}
