import Testing

@testable import MockCore

/// What the one drill frame does for every kind: it is ready until started, counts the record
/// from the instant it was made, asks before quitting, writes its last line once, and its
/// summary is rebuilt from the record by kind.
@Suite struct DrillLifecycle {
  static let start = Instant(ms: 5_000_000)

  static func numbers(count: Int = 2) -> NumbersDrill {
    let cards = Array(NumberCard.deck.prefix(count))
    return NumbersDrill(
      info: DrillInfo(
        id: "20261202-100000-drill-numbers", program: "0", drill: .numbers, seed: nil,
        limit: 20_000, count: cards.count), cards: cards, memories: [:], day: 20_000, at: start)
  }

  @Test func aDrillIsReadyUntilStartedAndStartsOnce() {
    var drill = Self.numbers()
    #expect(drill.stage == .ready && drill.started == Self.start)
    #expect(drill.update(.key(.character("1")), at: Self.start + 1_000).isEmpty)
    #expect(drill.nextWake(after: Self.start) == nil)
    let first = drill.start()
    #expect(first.compactMap(\.record).map(\.entry) == [.drillStarted(drill.info)])
    #expect(drill.stage == .item(DrillClock(at: Self.start)))
    #expect(drill.start().isEmpty)
  }

  @Test func theRecordCountsFromTheInstantTheDrillWasMade() {
    var drill = Self.numbers()
    _ = drill.start()
    for c in "1" { _ = drill.update(.key(.character(c)), at: Self.start + 4_000) }
    let lines = drill.update(.key(.enter), at: Self.start + 4_000).compactMap(\.record)
    #expect(lines.map(\.t) == [4_000])
    guard case .cardReviewed(let review)? = lines.first?.entry else {
      Issue.record("no review")
      return
    }
    #expect(review.elapsed == 4_000)
  }

  @Test func quitAsksFirstAndTheLastLineIsWrittenOnce() {
    var drill = Self.numbers()
    _ = drill.start()
    #expect(drill.update(.key(.character("q")), at: Self.start + 1_000).isEmpty)
    #expect(drill.overlay == .confirmQuit)
    #expect(
      drill.render(size: Size(width: 80, height: 24), at: Self.start + 1_000, colors: true).text
        .contains("Quit the drill? y or q quits"))
    let quit = drill.update(.key(.character("y")), at: Self.start + 2_000)
    #expect(
      quit.compactMap(\.record) == [
        Record(t: 2_000, entry: .drillEnded(.init(outcome: .abandoned, reason: .quit)))
      ])
    #expect(
      quit.contains(.quit) && quit.last.map { if case .hook = $0 { true } else { false } } == true)
    #expect(drill.stage == .ended(Ending(outcome: .abandoned, reason: .quit)))
    // A signal after the end writes no second last line.
    let stopped = drill.update(.stop(signal: "SIGTERM"), at: Self.start + 3_000)
    #expect(stopped == [.quit])
    #expect(drill.ending == Ending(outcome: .abandoned, reason: .quit))
  }

  @Test func theSummaryIsTheRecordReplayedByKind() throws {
    var drill = Self.numbers(count: 1)
    var records = drill.start().compactMap(\.record)
    for c in "1000\n " {
      records += drill.update(.key(c == "\n" ? .enter : .character(c)), at: Self.start + 3_000)
        .compactMap(\.record)
    }
    #expect(drill.isSummary)
    // A line of another kind's drill is not this one's.
    records.insert(
      Record(t: 3_000, entry: .moveChosen(number: 1, .measure, elapsed: 1_000)), at: 1)
    let summary = try #require(
      DrillSummary(SessionLog(file: "d", records: records, started: "2026-12-02T10:00:00.000Z")))
    #expect(summary.items == .numbers(drill.reviews))
    #expect(summary.rounds.isEmpty && summary.answers.isEmpty)
    #expect(summary.ending == Ending(outcome: .finished, reason: .completed))
  }

  @Test func theSummaryClosesOnTheSameKeysForEveryKindAndHelpIsTheKindsToGive() {
    var drill = Self.numbers(count: 1)
    _ = drill.start()
    // The numbers drill takes no help: `?` is typed, as any other character.
    _ = drill.update(.key(.character("?")), at: Self.start + 1_000)
    #expect(drill.overlay == nil && drill.typed == "?")
    let right = "1000".map { Key.character($0) }
    for key in [Key.escape] + right + [.enter, .character(" ")] {
      _ = drill.update(.key(key), at: Self.start + 2_000)
    }
    #expect(drill.isSummary)
    #expect(drill.update(.key(.character("?")), at: Self.start + 3_000).isEmpty)
    #expect(drill.overlay == nil)
    #expect(drill.update(.key(.escape), at: Self.start + 3_000) == [.quit])
  }
}
