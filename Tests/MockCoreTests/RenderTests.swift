import Foundation
import Testing

@testable import MockCore

/// Rooms in the states the golden frames show, on a virtual clock starting at `t0`.
enum Scene: String, CaseIterable, CustomTestStringConvertible {
  case start, midDesign, lastMinute, overrun, paused, help, confirmQuit
  /// With a prompt: its panel under the clock, the reading view, scrolled, and wide characters.
  case prompt, promptScrolled, reading, readingScrolled, wideText
  /// Banners: a pivot over the prompt; two stacked; two that came late after a freeze; a pivot
  /// in the reading view; the marks menu; the notice after a mark.
  case banner, bannerStack, bannerLate, bannerReading, marks, markNotice
  /// The disk refused the record: the bar that says so, over the prompt and the clock's screen.
  case recordBehind

  static let t0 = Instant(ms: 7_000_000)

  static let brief = Brief(
    title: "Short-video recommendations",
    body: """
      You are building the home feed for a short-video app. Every time someone opens the app \
      or swipes, the feed needs the next few videos, picked for that person, within a fraction \
      of a second.

      ## What exists today

      - 50M daily active users, most of them on phones.
      - A catalogue of about 2B videos, with 10M new uploads a day.
      - Engagement logs: views, watch time, likes, shares, skips.

      Design the system that chooses what each person sees next. Start wherever you like; \
      I will tell you more if you ask.

      1. Candidate generation.
      2. Ranking, with a model you would train and serve.
      3. How a fresh upload gets its first viewers.
      """)

  static let wideBrief = Brief(
    title: "短视频推荐系统",
    body: "请设计一个短视频推荐系统，每天有五千万活跃用户。Explain how ranking works 🙂 here.")

  /// A pivot at 7:00 into design and a curveball at 9:00.
  static let schedule = Schedule(interjections: [
    Schedule.Placed(
      id: "audio-first", kind: .pivot,
      text: "New direction: most traffic is now audio, listened to with the screen off. "
        + "What changes?", phase: .design, at: 420_000),
    Schedule.Placed(
      id: "exact-number", kind: .curveball,
      text: "What is the exact throughput of that component on one machine?", phase: .design,
      at: 540_000),
  ])

  var testDescription: String { rawValue }

  var hasBanners: Bool {
    [.banner, .bannerStack, .bannerLate, .bannerReading].contains(self)
  }

  /// The room, and the instant to draw it at.
  var room: (Room, Instant) {
    let brief: Brief? =
      switch self {
      case .prompt, .promptScrolled, .reading, .readingScrolled, .banner, .bannerReading,
        .recordBehind:
        Self.brief
      case .wideText: Self.wideBrief
      default: nil
      }
    let info = SessionInfo(
      id: "t", title: brief?.title ?? "Short-video recommendations", program: "0")
    let schedule = hasBanners ? Self.schedule : Schedule()
    var room = Room(session: Session(info: info, plan: .standard, schedule: schedule), brief: brief)
    var now = Self.t0
    _ = room.start(at: now)
    // As the run loop does: a tick every second, so cues fire on time.
    func spend(_ ms: Millis, then key: Character?) {
      let end = now + ms
      while now < end {
        now = min(end, now + 1000)
        _ = room.tick(at: now)
      }
      if let key { _ = room.handle(.character(key), at: now) }
    }
    switch self {
    case .start:
      break
    case .banner, .bannerReading, .marks, .markNotice:
      spend(300_000, then: "n")
      spend(300_000, then: "n")
      spend(440_000, then: nil)  // design 7:20 in: the pivot came at 7:00
      if self == .bannerReading { _ = room.handle(.character("t"), at: now) }
      if self == .marks { _ = room.handle(.character("m"), at: now) }
      if self == .markNotice { _ = room.handle(.character("c"), at: now) }
    case .bannerStack:
      spend(300_000, then: "n")
      spend(300_000, then: "n")
      spend(550_000, then: nil)  // design 9:10: the pivot and the curveball are both up
    case .bannerLate:
      spend(300_000, then: "n")
      spend(300_000, then: "n")
      spend(360_000, then: nil)
      // Frozen from 6:00 into design until 9:30: no ticks, then one.
      now = now + 210_000
      _ = room.tick(at: now)
    case .midDesign, .paused, .help, .confirmQuit, .prompt, .promptScrolled, .reading,
      .readingScrolled, .wideText, .recordBehind:
      spend(270_000, then: "n")  // clarify 4:30
      spend(360_000, then: "n")  // estimate 6:00, a minute over
      spend(440_000, then: nil)  // design 7:20 in
      if self == .paused { _ = room.handle(.character("p"), at: now) }
      if self == .help { _ = room.handle(.character("?"), at: now) }
      if self == .confirmQuit { _ = room.handle(.character("q"), at: now) }
      if self == .recordBehind {
        room.recordBehind = RecordBehind(reason: "no space left on device (write)", lines: 3)
      }
      if [.reading, .readingScrolled, .wideText].contains(self) {
        _ = room.handle(.character("t"), at: now)
      }
    case .lastMinute:
      spend(300_000, then: "n")
      spend(300_000, then: "n")
      spend(858_000, then: nil)  // design with 0:42 left
    case .overrun:
      spend(300_000, then: "n")
      spend(300_000, then: "n")
      spend(900_000, then: "n")
      spend(1_025_000, then: nil)  // drill 2:05 over
    }
    // Scenes about something else show no banners: the coaching cues that came up are seen.
    if !hasBanners {
      while room.session.onScreen.first != nil { _ = room.handle(.character("a"), at: now) }
    }
    return (room, now)
  }

  func frame(_ size: Size, colors: Bool = true) -> Frame {
    var (room, now) = self.room
    room.show(at: size, now)
    if [.promptScrolled, .readingScrolled].contains(self) { _ = room.handle(.pageDown, at: now) }
    return Screen.render(room, at: now, size: size, colors: colors)
  }
}

@Suite struct GoldenFrames {
  static let sizes = [
    Size(width: 100, height: 30), Size(width: 80, height: 24), Size(width: 40, height: 12),
    Size(width: 30, height: 8), Size(width: 10, height: 3),
  ]
  static let states: [Scene] = [.start, .midDesign, .lastMinute, .overrun, .paused]

  @Test(arguments: states, sizes)
  func sessionStates(_ scene: Scene, _ size: Size) throws {
    try Golden.check(scene.frame(size), name: "\(scene.rawValue)-\(size)")
  }

  @Test(
    arguments: [Scene.help, .confirmQuit],
    [Size(width: 80, height: 24), Size(width: 40, height: 12), Size(width: 30, height: 8)])
  func overlays(_ scene: Scene, _ size: Size) throws {
    try Golden.check(scene.frame(size), name: "\(scene.rawValue)-\(size)")
  }

  @Test(
    arguments: [
      (Scene.prompt, Size(width: 100, height: 30)), (.prompt, Size(width: 80, height: 24)),
      (.prompt, Size(width: 40, height: 12)), (.reading, Size(width: 80, height: 24)),
      (.reading, Size(width: 40, height: 12)), (.promptScrolled, Size(width: 80, height: 24)),
      (.readingScrolled, Size(width: 40, height: 12)), (.wideText, Size(width: 40, height: 12)),
    ] as [(Scene, Size)])
  func prompts(_ scene: Scene, _ size: Size) throws {
    try Golden.check(scene.frame(size), name: "\(scene.rawValue)-\(size)")
  }

  @Test(
    arguments: [
      (Scene.banner, Size(width: 100, height: 30)), (.banner, Size(width: 80, height: 24)),
      (.banner, Size(width: 40, height: 12)), (.banner, Size(width: 30, height: 8)),
      (.bannerStack, Size(width: 80, height: 24)), (.bannerStack, Size(width: 40, height: 12)),
      (.bannerLate, Size(width: 80, height: 24)), (.bannerLate, Size(width: 40, height: 12)),
      (.bannerReading, Size(width: 80, height: 24)), (.bannerReading, Size(width: 40, height: 12)),
      (.marks, Size(width: 80, height: 24)), (.marks, Size(width: 40, height: 12)),
      (.markNotice, Size(width: 80, height: 24)),
      (.recordBehind, Size(width: 100, height: 30)), (.recordBehind, Size(width: 80, height: 24)),
      (.recordBehind, Size(width: 40, height: 12)), (.recordBehind, Size(width: 30, height: 8)),
    ] as [(Scene, Size)])
  func banners(_ scene: Scene, _ size: Size) throws {
    try Golden.check(scene.frame(size), name: "\(scene.rawValue)-\(size)")
  }

  @Test(arguments: [Size(width: 80, height: 24), Size(width: 40, height: 12)])
  func debrief(_ size: Size) throws {
    var form = DebriefForm(
      title: "Short-video recommendations",
      summary: "finished · worked 47:10 of 45:00 · design ran 2:10 over", mostOver: .design)
    for key in "435" { form.handle(.character(key)) }
    for _ in 0..<3 { form.handle(.down) }
    for key in "drew every box before the numbers" { form.handle(.character(key)) }
    try Golden.check(Screen.render(form, size: size), name: "debrief-\(size)")
  }

  @Test func overrunWithoutColour() throws {
    try Golden.check(
      Scene.overrun.frame(Size(width: 80, height: 24), colors: false), name: "overrun-nocolor-80x24"
    )
  }
}

@Suite struct Rendering {
  /// Every width from 0 to 120, in bands: each scene and band is a test case of its own, so the
  /// sweep spreads over every core instead of being one long test per scene.
  static let widthBands: [ClosedRange<Int>] = stride(from: 0, through: 120, by: 10).map {
    $0...min($0 + 9, 120)
  }

  @Test func theWidthBandsCoverNothingTo120OnceEach() {
    #expect(Self.widthBands.flatMap { Array($0) } == Array(0...120))
  }

  /// Each scene's room, built once for all its bands.
  static let rooms = Dictionary(uniqueKeysWithValues: Scene.allCases.map { ($0, $0.room) })

  @Test(arguments: Scene.allCases, widthBands)
  func neverFailsAtAnySizeFromNothingTo120By40(_ scene: Scene, _ widths: ClosedRange<Int>) throws {
    let (room, now) = try #require(Self.rooms[scene])
    // One expectation for the band, naming every size that went wrong.
    var wrong: [String] = []
    for width in widths {
      for height in 0...40 {
        let frame = Screen.render(room, at: now, size: Size(width: width, height: height))
        if frame.cells.count != width * height {
          wrong.append("\(width)x\(height): \(frame.cells.count) cells")
        }
      }
    }
    #expect(wrong.isEmpty, "\(scene) drew the wrong number of cells at \(wrong)")
  }

  @Test(arguments: [
    (Size(width: 80, height: 24), Screen.Layout.full), (Size(width: 200, height: 60), .full),
    (Size(width: 79, height: 24), .compact), (Size(width: 80, height: 23), .compact),
    (Size(width: 40, height: 12), .compact), (Size(width: 39, height: 12), .oneLine),
    (Size(width: 40, height: 11), .oneLine), (Size(width: 20, height: 5), .oneLine),
    (Size(width: 19, height: 5), .tooSmall), (Size(width: 20, height: 4), .tooSmall),
    (Size(width: 1, height: 1), .tooSmall),
  ])
  func layoutFollowsTheSize(_ size: Size, _ layout: Screen.Layout) {
    #expect(Screen.layout(for: size) == layout)
  }

  @Test(
    arguments: [
      (Scene.start, "OK"), (.midDesign, "OK"), (.lastMinute, "1 MIN"), (.overrun, "OVER"),
      (.paused, "PAUSED"),
    ], [Size(width: 80, height: 24), Size(width: 40, height: 12), Size(width: 30, height: 8)])
  func theBadgeSaysTheStateInWords(_ expected: (scene: Scene, badge: String), _ size: Size) {
    #expect(expected.scene.frame(size).text.contains(expected.badge))
  }

  @Test func overrunCountsUpWithAPlus() {
    #expect(Scene.overrun.frame(Size(width: 30, height: 8)).text.contains("+2:05"))
    #expect(Scene.midDesign.frame(Size(width: 30, height: 8)).text.contains("7:40"))
  }

  @Test func theLastMinuteBeginsWhenTheCountdownShowsOneMinute() {
    let info = SessionInfo(id: "t", title: "T", program: "0")
    var room = Room(session: Session(info: info, plan: .standard))
    _ = room.start(at: Instant(ms: 0))
    let size = Size(width: 30, height: 8)
    #expect(Screen.render(room, at: Instant(ms: 239_999), size: size).text.contains("1:01 OK"))
    #expect(Screen.render(room, at: Instant(ms: 240_000), size: size).text.contains("1:00 1 MIN"))
    #expect(Screen.render(room, at: Instant(ms: 299_999), size: size).text.contains("0:01 1 MIN"))
    #expect(Screen.render(room, at: Instant(ms: 300_000), size: size).text.contains("+0:00 OVER"))
  }

  @Test(arguments: Scene.allCases)
  func withoutColourNoCellHasATone(_ scene: Scene) {
    for size in GoldenFrames.sizes {
      let frame = scene.frame(size, colors: false)
      #expect(frame.cells.allSatisfy { $0.style.tone == nil })
      #expect(frame.text == scene.frame(size).text)
    }
  }

  @Test(
    arguments: [
      (0, Tone.over), (-1, .over), (1, .warn), (60_000, .warn), (60_001, .ok),
    ] as [(Millis, Tone)])
  func aPhaseStandsOverAtZeroAndWarnsInItsLastMinute(_ remaining: Millis, _ tone: Tone) {
    #expect(Tone(remaining: remaining) == tone)
  }

  @Test func onlyAPhaseOverBudgetIsDrawnInTheOverTone() {
    let size = Size(width: 80, height: 24)
    #expect(Scene.overrun.frame(size).cells.contains { $0.style.tone == .over })
    #expect(!Scene.start.frame(size).cells.contains { $0.style.tone == .over })
  }

  @Test func theStripShowsFinishedPhasesWithTheirActualTime() {
    let text = Scene.midDesign.frame(Size(width: 100, height: 30)).text
    #expect(text.contains("4:30"))
    #expect(text.contains("6:00 +1:00"))
    #expect(text.contains("7:20 / 15:00"))
    #expect(text.contains("0:30 behind"))  // clarify saved 0:30, estimate lost 1:00
  }

  @Test func theSmallestScreensAskToBeEnlarged() {
    #expect(Scene.start.frame(Size(width: 19, height: 4)).text.contains("enlarge"))
    #expect(Scene.start.frame(Size(width: 1, height: 1)).text == "e")
  }
}

/// Golden files: the frame's text, then a map of its styles with a legend. A mismatch fails with
/// the first differing line; `UPDATE_GOLDEN=1 swift test` rewrites the files.
enum Golden {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  static func check(_ frame: Frame, name: String, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    try compare(serialize(frame), file: name + ".txt", by: "\n", sourceLocation: sourceLocation)
  }

  /// `actual` against the golden file `file`, split into `by` pieces (lines, or tags) so that a
  /// mismatch names the first piece that differs; `UPDATE_GOLDEN=1` rewrites the file instead.
  static func compare(
    _ actual: String, file: String, by separator: Character, sourceLocation: SourceLocation
  ) throws {
    let url = directory.appendingPathComponent(file)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    guard expected != actual else { return }
    let a = actual.split(separator: separator, omittingEmptySubsequences: false)
    let e = expected.split(separator: separator, omittingEmptySubsequences: false)
    let at = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
    let piece = separator == "\n" ? "line" : "piece"
    Issue.record(
      """
      \(file) differs from its golden file at \(piece) \(at + 1):
        expected: \(at < e.count ? String(e[at]) : "<end>")
        actual:   \(at < a.count ? String(a[at]) : "<end>")
      (UPDATE_GOLDEN=1 swift test rewrites golden files; review the diff.)
      """, sourceLocation: sourceLocation)
  }

  static func serialize(_ frame: Frame) -> String {
    var legend: [Style: Character] = [.plain: "."]
    let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    var styleRows: [String] = []
    for y in 0..<frame.size.height {
      var row = ""
      for x in 0..<frame.size.width {
        let style = frame[x, y].style
        if legend[style] == nil { legend[style] = letters[legend.count - 1] }
        row.append(legend[style]!)
      }
      while row.last == "." { row.removeLast() }
      styleRows.append(row)
    }
    let key = legend.filter { $0.key != .plain }.sorted { $0.value < $1.value }.map {
      "\($0.value) = \(describe($0.key))"
    }
    return "size \(frame.size)\n" + frame.text + "\n--- styles\n"
      + styleRows.joined(separator: "\n")
      + "\n--- legend\n" + key.joined(separator: "\n") + "\n"
  }

  static func describe(_ style: Style) -> String {
    var parts: [String] = []
    if style.bold { parts.append("bold") }
    if style.reverse { parts.append("reverse") }
    if style.dim { parts.append("dim") }
    if let tone = style.tone { parts.append(tone.rawValue) }
    return parts.joined(separator: " ")
  }
}
