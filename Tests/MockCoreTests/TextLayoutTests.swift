import Testing

@testable import MockCore

@Suite struct CellWidths {
  @Test(
    arguments: [
      ("a", 1), ("é", 1), ("─", 1), ("中", 2), ("한", 2), ("ｱ", 1), ("Ａ", 2), ("🙂", 2),
      ("\u{301}", 0), ("\u{200D}", 0), ("\u{FE0F}", 0), ("\u{7}", 0), ("\u{1160}", 0),
    ] as [(Unicode.Scalar, Int)])
  func aScalarTakesTheColumnsATerminalGivesIt(_ scalar: Unicode.Scalar, _ columns: Int) {
    #expect(scalar.columns == columns)
  }

  @Test func aStringSumsItsScalars() {
    #expect("ab中🙂".columns == 6)
    #expect("e\u{301}".columns == 1)
  }
}

@Suite struct WideCharactersInFrames {
  @Test func aWideCharacterTakesTwoCellsAndReadsOnce() {
    var frame = Frame(size: Size(width: 6, height: 1))
    let end = frame.put("a中b", x: 0, y: 0)
    #expect(end == 4)
    #expect(frame[1, 0].scalar == "中")
    #expect(frame[2, 0].isContinuation)
    #expect(frame[3, 0].scalar == "b")
    #expect(frame.row(0) == "a中b  ")
  }

  @Test func aWideCharacterAtTheRightEdgeBecomesABlank() {
    var frame = Frame(size: Size(width: 3, height: 1))
    frame.put("ab中", x: 0, y: 0)
    #expect(frame.row(0) == "ab ")
  }

  @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
    var frame = Frame(size: Size(width: 4, height: 1))
    frame.put("中文", x: 0, y: 0)
    frame.put("x", x: 1, y: 0)  // the right half of 中
    #expect(frame.row(0) == " x文")
    frame.put("y", x: 2, y: 0)  // the left half of 文
    #expect(frame.row(0) == " xy ")
    #expect(!frame.cells.contains { $0.isContinuation })
  }

  @Test func clippingCountsColumns() {
    #expect("中文字幕".clipped(to: 5) == "中文…")
    #expect("中文".clipped(to: 4) == "中文")
    #expect("中".padded(to: 4) == "中  ")
  }
}

@Suite struct TextLayoutTests {
  func text(_ markdown: String, _ width: Int) -> [String] {
    TextLayout.lines(markdown: markdown, width: width).map(\.text)
  }

  @Test func paragraphsReflowAndBlankLinesSeparateThem() {
    #expect(
      text("one two\nthree four five\n\n\nsix", 9) == ["one two", "three", "four five", "", "six"])
  }

  @Test func noLineIsWiderThanTheWidth() {
    let body = Scene.brief.body + "\n\n" + Scene.wideBrief.body
    for width in 2...60 {
      for line in text(body, width) {
        #expect(line.columns <= width, "\(width): \(line)")
      }
    }
    // One column cannot hold a wide character: each line then holds one character.
    #expect(text(body, 1).allSatisfy { $0.unicodeScalars.count <= 1 })
  }

  @Test func noWordIsLost() {
    let body = Scene.brief.body
    let words = body.split(whereSeparator: { $0 == " " || $0 == "\n" }).filter {
      !["-", "##"].contains($0) && !$0.hasSuffix(".") || $0.count > 2
    }
    let laidOut = text(body, 23).joined(separator: " ")
    for word in words where !["1.", "2.", "3."].contains(word) {
      #expect(laidOut.contains(word))
    }
  }

  @Test func listItemsHangUnderTheirText() {
    #expect(
      text("- alpha beta gamma\n* delta\n12. epsilon zeta", 12) == [
        "- alpha beta", "  gamma", "- delta", "12. epsilon", "    zeta",
      ])
  }

  @Test func headingsAreBoldWithoutTheirMarks() {
    let lines = TextLayout.lines(markdown: "intro\n## Scale\nbody", width: 20)
    #expect(lines == [.init("intro"), .init(""), .init("Scale", bold: true), .init("body")])
  }

  @Test func textWithoutSpacesBreaksByColumns() {
    #expect(text("请设计一个系统", 6) == ["请设计", "一个系", "统"])
    #expect(text("abcdefgh", 3) == ["abc", "def", "gh"])
  }

  @Test func fencedCodeKeepsItsLines() {
    #expect(text("a\n```\n  x = 1\n  y = 2\n```\nb", 20) == ["a", "", "  x = 1", "  y = 2", "b"])
  }
}

@Suite struct PromptScrolling {
  func room(_ size: Size, reading: Bool = false) -> Room {
    let session = Session(info: SessionInfo(id: "t", title: "T", program: "0"), plan: .standard)
    var room = Room(session: session, brief: Scene.brief)
    _ = room.start(at: Instant(ms: 0))
    room.show(at: size, Instant(ms: 0))
    if reading {
      _ = room.handle(.character("t"), at: Instant(ms: 1))
      room.show(at: size, Instant(ms: 1))
    }
    return room
  }

  @Test func pageDownMovesAPageLessOneLineAndStopsAtTheEnd() {
    var r = room(Size(width: 40, height: 12), reading: true)
    let rows = Screen.promptArea(Size(width: 40, height: 12), reading: true)!.height
    let total = r.promptLines.lines.count
    #expect(rows == 8 && total == 26)
    _ = r.handle(.pageDown, at: Instant(ms: 2))
    #expect(r.scroll == 7)
    for _ in 0..<10 { _ = r.handle(.pageDown, at: Instant(ms: 2)) }
    #expect(r.scroll == total - rows)
    _ = r.handle(.pageUp, at: Instant(ms: 3))
    #expect(r.scroll == total - rows - 7)
    _ = r.handle(.home, at: Instant(ms: 3))
    #expect(r.scroll == 0)
    _ = r.handle(.end, at: Instant(ms: 3))
    #expect(r.scroll == total - rows)
  }

  @Test func jAndKAndArrowsMoveOneLineAndNeverAboveTheTop() {
    var r = room(Size(width: 40, height: 12), reading: true)
    for key in [Key.character("j"), .down, .character("j")] {
      _ = r.handle(key, at: Instant(ms: 2))
    }
    #expect(r.scroll == 3)
    for key in [Key.character("k"), .up, .up, .up] { _ = r.handle(key, at: Instant(ms: 2)) }
    #expect(r.scroll == 0)
  }

  /// A banner takes rows from the panel: the scroll keeps to the rows the screen draws, so the
  /// end of the prompt can still be read, and a page is what the panel shows less one line.
  @Test(arguments: [Size(width: 100, height: 30), Size(width: 80, height: 24)])
  func underABannerTheEndOfThePromptCanStillBeRead(_ size: Size) throws {
    var (r, now) = Scene.banner.room
    var frame = r.show(at: size, now)
    let view = try #require(frame.panel)
    let full = try #require(Screen.promptArea(size, reading: false))
    #expect(view.rows < full.height)  // the banner is over part of it
    _ = r.handle(.end, at: now)
    frame = r.show(at: size, now)
    #expect(frame.text.contains("3. How a fresh upload gets its first viewers."))
    #expect(r.scroll == view.lines - view.rows)
    _ = r.handle(.up, at: now)
    #expect(r.scroll == view.lines - view.rows - 1)  // one key, one line: no slack to climb
    _ = r.handle(.home, at: now)
    _ = r.handle(.pageDown, at: now)
    #expect(r.scroll == min(view.rows - 1, view.lastFirst))
  }

  @Test func growingTheTerminalPullsTheScrollBackIntoRange() {
    var r = room(Size(width: 40, height: 12), reading: true)
    _ = r.handle(.end, at: Instant(ms: 2))
    #expect(r.scroll > 0)
    r.show(at: Size(width: 100, height: 40), Instant(ms: 3))
    #expect(r.scroll == 0)  // everything fits now
  }

  @Test func theReadingViewTogglesWithTAndTab() {
    var r = room(Size(width: 80, height: 24))
    _ = r.handle(.character("t"), at: Instant(ms: 2))
    #expect(r.reading)
    _ = r.handle(.character("\t"), at: Instant(ms: 2))
    #expect(!r.reading)
  }

  @Test func withoutAPromptTheKeysChangeNothing() {
    let session = Session(info: SessionInfo(id: "t", title: "T", program: "0"), plan: .standard)
    var r = Room(session: session)
    _ = r.start(at: Instant(ms: 0))
    r.show(at: Size(width: 80, height: 24), Instant(ms: 1))
    let before = r
    for key in [Key.character("t"), .pageDown, .character("j"), .end] {
      #expect(r.handle(key, at: Instant(ms: 5)) == [])
    }
    #expect(r == before)
  }

  @Test func scrollingNeverTouchesTheSession() {
    var r = room(Size(width: 40, height: 12), reading: true)
    let session = r.session
    for key in [Key.pageDown, .character("j"), .end, .home, .character("t")] {
      #expect(r.handle(key, at: Instant(ms: 9)) == [])
    }
    #expect(r.session == session)
  }
}
