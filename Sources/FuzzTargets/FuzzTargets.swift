import Foundation
import MockCore

/// What each fuzz target does with one input: every decoder of outside input, and what the
/// program then does with what it decoded (replay, summaries, the screens). The fuzzers
/// (`Sources/Fuzz*`) and the regression test that replays `Fuzz/FailCases` call the same code.
/// A crash, a trap or a hang here is a bug; any error the decoders report is not.
public enum FuzzTargets {
  /// A prompt file, a deck file, a plan file, config.yaml and a real interview's file: the Yams
  /// parsers and their
  /// problems, the prompt's body laid out for the screen, the plan as `plans show` prints it,
  /// and the settings as `config show` prints them.
  public static func prompt(_ bytes: [UInt8]) {
    let parsed = PromptParser.prompt(file: "fuzz.md", id: "fuzz", bytes: bytes)
    for problem in parsed.problems { _ = problem.description }
    if let prompt = parsed.prompt {
      _ = TextLayout.lines(markdown: prompt.body, width: 37)
      _ = Material(prompt: prompt, generic: [])
    }
    let deck = PromptParser.deck(file: "deck.yaml", bytes: bytes)
    for problem in deck.problems { _ = problem.description }
    // The same bytes as a plan file, and the plan shown as `plans show` would.
    let plan = PlanFile.parse(file: "fuzz.yaml", name: "fuzz", bytes: bytes)
    for problem in plan.problems { _ = problem.description }
    if let file = plan.plan { _ = PlanText.show(file, origin: nil) }
    // And as config.yaml (settings, plans and hooks), shown as `config show` would.
    var settings = Settings()
    let read = settings.read(file: "config.yaml", bytes: bytes)
    for problem in read.problems + read.warnings { _ = problem.description }
    _ = settings.table
    for commands in settings.hooks.values { _ = commands.map(\.shown) }
    // And as a real interview's file: read, written back and read again (the same interview),
    // its notices, its forms and the pattern over it.
    let interview = RealInterviewFile.parse(file: "fuzz.md", id: "fuzz", bytes: bytes)
    for problem in interview.problems { _ = problem.description }
    if let read = interview.interview {
      let again = RealInterviewFile.parse(
        file: "fuzz.md", id: "fuzz", bytes: Array(RealInterviewFile.text(read).utf8))
      precondition(again.interview == read, "an interview file does not read back as written")
      _ = RealInterviewNotice.notices([read], now: read.at - 3_600)
      _ = RealInterviewNotice.notices([read], now: read.end + 60)
      _ = RealInterviewForms.writeupTemplate(read)
      _ = InterviewPatterns([read, read]).lines
      _ = InterviewSheet.html(read, plan: .standard, misses: [], paper: .letter)
    }
    if let text = String(validating: bytes, as: UTF8.self) {
      _ = RealInterviewForms.writeupFields(text, file: "fuzz.md")
      _ = RealInterviewForms.premortemProblems(text, file: "fuzz.md")
      _ = RealInterviewForms.cleaned(text)
      _ = CivilTime.parse(text) { _ in 3_600 }
    }
    // And as questions.md: each question checked, two chosen for the last 90 seconds.
    if let text = String(validating: bytes, as: UTF8.self) {
      let questions = ClosingQuestions.parse(text)
      for question in questions { _ = ClosingQuestions.weakness(of: question.text)?.reason }
      _ = ClosingQuestions.choose(questions.map(\.text), lastShown: [:])
    }
  }

  /// A record line on its own, and the whole input as a record: read with its warnings,
  /// replayed, summarised, and reported as `show` and `stats` would.
  public static func record(_ bytes: [UInt8]) {
    _ = try? Record.decode(json: Data(bytes))
    let log = SessionLog.read(file: "fuzz.jsonl", bytes: Data(bytes))
    guard log.records.count < 2_000 else { return }
    _ = Session.replay(log.records)
    if let summary = SessionSummary(log) {
      _ = ReviewJSON.show(summary)
      _ = ReviewText.show(summary, width: 80)
      _ = ReviewJSON.stats(Stats([summary, summary]))
      _ = ReviewJSON.history([summary])
      _ = ReviewText.stats(Stats([summary]))
      _ = ReviewJSON.csv([summary])
    }
    // As a drill's record: its review in words, JSON and CSV, and the cards' states.
    if let drill = DrillSummary(log) {
      _ = DrillText.show(drill)
      _ = ReviewJSON.drill(drill)
      _ = ReviewJSON.drillCSV([drill])
      let stats = DrillStats([drill, drill], today: 20_424)
      _ = DrillText.stats(stats)
      _ = DrillText.status(stats)
      _ = DrillStats.order(stats.cards, today: 20_424, count: 8)
    }
  }

  /// A control request as the session reads it, and what the session's screen model does with
  /// it; a reply or push as the console reads it, and what the console then shows.
  public static func control(_ bytes: [UInt8]) {
    let data = Data(bytes)
    let now = Instant(ms: 1_000_000)
    let request: Result<Request, ControlError>
    do {
      request = .success(try Request.decode(data).request)
    } catch {
      request = .failure(error)
    }
    var interview = Interview(
      room: Room(
        session: Session(
          info: SessionInfo(id: "fuzz", title: "Fuzz", program: "0"), plan: .standard)),
      material: Material(prompt: nil, generic: []))
    _ = interview.start(at: now)
    _ = interview.update(.request(request, seq: 1, from: Peer(id: 1, source: .ctl)), at: now)
    _ = interview.update(.time, at: now + 1_000)
    // And as a partner recovery drill takes it, with the round running and then being rated.
    var drill = RecoveryDrill(
      info: DrillInfo(
        id: "fuzz", program: "0", drill: .recovery, seed: 1, limit: 90_000, count: 1),
      questions: [RecoveryQuestion(id: "q", text: "Q?", strong: ["s"])], partner: true, at: now)
    _ = drill.start()
    _ = drill.update(.request(request, seq: 1, from: Peer(id: 1, source: .ctl)), at: now)
    _ = drill.update(.key(.enter), at: now + 1_000)
    _ = drill.update(.request(request, seq: 2, from: Peer(id: 1, source: .ctl)), at: now + 2_000)
    _ = try? ControlState.decode(data)
    guard let message = ControlMessage.decode(data) else { return }
    if case .welcome(let welcome) = message, welcome.records.count < 2_000 {
      var console = Console(welcome: welcome, at: now)
      _ = console.update(.message(message), at: now)
      _ = console.render(size: Size(width: 80, height: 24), at: now, colors: true)
      _ = console.update(.key(.character("f")), at: now)
    } else if case .state(let state) = message {
      _ = state.format("{phase} {remaining} {elapsed} {budget} {total} {balance} {next}")
    } else if case .round(let round) = message {
      _ = round.lines
    }
  }

  /// A duration as `--budget`, `--drill-grace` and `ctl extend` read one, and a number as a
  /// drill reads what is typed.
  public static func duration(_ bytes: [UInt8]) {
    if let ms = try? DurationText.parse(String(decoding: bytes, as: UTF8.self)) {
      _ = DurationText.clock(ms)
      _ = DurationText.countdown(ms)
    }
    // The same text as a number typed into a drill, written back and scored.
    let typed = String(decoding: bytes, as: UTF8.self)
    if case .success(let value) = NumberText.parse(typed) {
      _ = NumberText.short(value)
      _ = EstimateResult.ratioText(value)
      _ = Band(ratio: value)
      // What reads is a number an estimate can be: finite, above zero, in range.
      precondition(value.isFinite && value >= 1e-9 && value <= 1e18, "\(typed) read as \(value)")
    }
    // Where 0 is an answer (no request fits), it is the only new thing it reads.
    if case .success(let value) = NumberText.parse(typed, zero: true) {
      precondition(value == 0 || value == (try? NumberText.parse(typed).get()))
    }
  }
}
