import Foundation
import Testing

@testable import MockCore

/// The last-90 banner and `questions check` (issue 26, part 7).
@Suite struct ClosingBanner {
  /// A question that only mentions culture, about one concrete moment, is not the general
  /// culture question; the general ones still are.
  @Test func cultureInAConcreteQuestionIsNotFlagged() {
    #expect(
      ClosingQuestions.weakness(
        of: "How did the on-call culture change after the last incident that paged someone?")
        == nil)
    #expect(ClosingQuestions.weakness(of: "What is the culture like?") == .culture)
    #expect(ClosingQuestions.weakness(of: "Tell me about the company culture.") == .culture)
    #expect(ClosingQuestions.weakness(of: "How would you describe the culture?") == .culture)
  }

  /// The banner draws only strong questions; with none, it says so.
  @Test func theBannerShowsOnlyStrongQuestionsOrSaysThereAreNone() {
    let file = [
      "What is your tech stack?", "What slows you down most?", "What is the culture like?",
    ]
    let (chosen, none) = ClosingQuestions.forBanner(file, lastShown: [:])
    #expect(chosen == ["What slows you down most?"] && !none)
    let (weak, noneStrong) = ClosingQuestions.forBanner(
      ["What is your tech stack?", "What is the culture like?"], lastShown: [:])
    #expect(weak.isEmpty && noneStrong)
    #expect(ClosingQuestions.forBanner([], lastShown: [:]) == ([], false))

    let options = Schedule.Options(questions: [], noStrongQuestion: true)
    var c = Clocked(
      plan: Plan(name: "p", budgets: [60_000, 60_000, 60_000, 60_000, 60_000]),
      schedule: Schedule(options: options))
    c.advance(210_000)
    c.send(.tick)
    let text = Screen.render(
      Room(session: c.session), at: c.now, size: Size(width: 100, height: 30)
    )
    .text
    #expect(text.contains("There is no strong closing question in your file"), "\(text)")
    // The schedule keeps the mark through the record.
    let line = Record(
      t: 0,
      entry: .sessionStarted(
        SessionInfo(id: "s", title: "t", program: "0"), .standard, Schedule(options: options))
    ).jsonLine(wall: "w")
    #expect(line.contains("\"questions_none_strong\":true"))
  }
}

/// The three silences of the method, each with its response (issue 26, part 7).
@Suite struct Silences {
  @Test func eachSilenceCarriesItsResponse() {
    func banner(_ cue: String) -> Banner {
      Banner(number: 1, cue: cue, kind: .silence, text: "(…)", shownAt: 0)
    }
    #expect(banner("thinking-silence").move.contains("wait three seconds"))
    #expect(banner("bored-silence").move.contains("Change something"))
    #expect(banner("bored-silence").move.contains("check in"))
    #expect(banner("disagreeing-silence").move.hasPrefix("Surface it"))
    // A silence of a prompt's own names all three.
    let own = banner("video-recs-quiet").move
    #expect(
      own.contains("wait three seconds") && own.contains("check in") && own.contains("surface it"))
  }

  @Test func theGenericDeckHasTheThreeSilences() throws {
    let deck = try String(
      contentsOf: BundledPrompts.directory.appendingPathComponent("deck.yaml"), encoding: .utf8)
    for id in ["thinking-silence", "bored-silence", "disagreeing-silence"] {
      #expect(deck.contains("- id: \(id)\n    kind: silence"), "\(id)")
    }
  }
}

/// The recovery drill's summary names the moves left unused (issue 26, part 6).
@Suite struct RecoveryUnused {
  @Test func theSummaryNamesTheMovesLeftUnused() {
    var (d, start) = RecoveryRounds.drill(rounds: 1)
    for key in [Key.character("2"), .enter, .character("4"), .character(" ")] {
      _ = d.update(.key(key), at: start + 5_000)
    }
    #expect(d.isSummary)
    let text = d.render(size: Size(width: 100, height: 30), at: start + 6_000, colors: false).text
      .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    // One drill is a drill, not "drills".
    #expect(text.contains("(1 of 1 drill)."))
    let unused = [RecoveryMove.measure, .provisional, .similar, .question].map(\.title)
    #expect(text.contains("Moves left unused: " + unused.joined(separator: ", ") + "."), "\(text)")
  }
}

/// A move key pressed by mistake is taken back within the round (issue 26, part 6).
@Suite struct RecoveryTakeBack {
  @Test func aMoveIsTakenBackWithinTheRoundAndItsLockOpens() throws {
    var (d, start) = RecoveryRounds.drill(rounds: 2)
    var records: [Record] = []
    func press(_ key: Key, _ ms: Millis) {
      records += d.update(.key(key), at: start + ms).compactMap(\.record)
    }
    press(.character("1"), 1_000)
    #expect(d.round.move == .measure && d.lock.isLocked(.measure))
    press(.backspace, 2_000)
    #expect(d.round.move == nil && !d.lock.isLocked(.measure))
    #expect(d.said == "taken back: what I'd measure; name the move you are using")
    press(.character("3"), 3_000)
    #expect(d.round.move == .provisional)
    // Once the round has ended, it is too late to take back.
    press(.enter, 4_000)
    press(.backspace, 5_000)
    #expect(d.round.move == .provisional)
    #expect(
      records.map(\.type) == ["move_chosen", "move_taken_back", "move_chosen"])
    // The record replays to the move that stood.
    let first = [
      Record(t: 0, entry: .drillStarted(d.info)),
      Record(t: 0, entry: .roundShown(number: 1, RecoveryRounds.questions(1)[0])),
    ]
    func replayed(_ lines: [Record]) throws -> RecoveryMove? {
      let log = SessionLog(file: "d", records: first + lines, started: "2026-12-02T10:00:00.000Z")
      return try #require(DrillSummary(log)).rounds.first?.move
    }
    #expect(try replayed(records) == .provisional)
    #expect(try replayed(Array(records.prefix(2))) == nil)
  }
}
