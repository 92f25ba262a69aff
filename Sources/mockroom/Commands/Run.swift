import ArgumentParser
import Foundation
import MockCore

/// `mockroom run`: one timed session in the terminal.
struct Run: ContextCommand {
  static let configuration = CommandConfiguration(
    abstract: "Start a timed session (the default command).",
    discussion: """
      Keys: Space or n next phase; b back; p pause/resume; ] and [ move a minute from or to \
      the next phase still to start; + and - change the current \
      phase's budget by a minute; t the prompt full screen (t again: the clock); j/k, \
      arrows, PgUp/PgDn scroll the prompt; a acknowledge a banner; r re-planned after a \
      pivot; s, v or g how you answered a pushback (held, changed, gave way); m mark a \
      moment (x reset, e own error, c check-in, 1-5 recovery moves); ? help; q quit (asks \
      first). Ctrl-Z steps away: the stop counts as a pause.

      Pivots, pushback and curveballs from the decks, and cues about time (the last 90 \
      seconds, a minute left, drill late, the compressed close), arrive as banners. With a \
      questions.md in the config directory, the last-90-seconds banner shows two of your \
      closing questions ('mockroom questions').

      With no --prompt or --tag, the prompt is the one you practised least recently.

      The session's record is written to sessions/<id>.jsonl under $MOCKROOM_HOME, or \
      $XDG_DATA_HOME/mockroom (default ~/.local/share/mockroom).
      """
  )

  @Option(
    help: ArgumentHelp(
      "Practise this prompt (its id, as 'mockroom prompts list' shows).", valueName: "id"),
    completion: .custom(Completions.promptIDs))
  var prompt: String?

  @Option(
    help: ArgumentHelp("Pick a prompt with this tag.", valueName: "tag"),
    completion: .custom(Completions.tags))
  var tag: String?

  @Option(
    help: ArgumentHelp(
      "Make the random choices repeatable: the same seed picks the same prompt and throws in "
        + "the same interjections at the same moments. The seed is in the session's record.",
      valueName: "n"))
  var seed: UInt64?

  @OptionGroup var defaults: SettingsOptions

  @Flag(
    help: ArgumentHelp(
      "A partner mock: the interviewer steers from 'mockroom interviewer' in another terminal.",
      discussion: "No interjection fires by itself; the interviewer fires them. The coaching "
        + "cues about time still come."))
  var partner = false

  @Option(
    help: ArgumentHelp(
      "Who interviews, kept in the record so that stats and the report tell partners apart.",
      discussion: "With --partner. The console's own name (interviewer --name) wins when it "
        + "sends its scores.",
      valueName: "name"))
  var interviewer: String?

  @Option(
    name: .customLong("hostile"),
    help: ArgumentHelp(
      "Pushback every 45-75 s for the first stretch of the session, worded for the phase "
        + "it lands in; --hostile alone is the first 10m of worked time.",
      discussion: "Answer each with s (held, with reasons), v (changed, with a reason) or g "
        + "(gave way). In a partner session the pushbacks wait on the interviewer's deck.",
      valueName: "duration"))
  var hostile: String?

  @Option(
    help: ArgumentHelp(
      "Aim for this many check-ins (c), each counted five minutes or more after the last (in "
        + "the standard plan; in proportion to a shorter or longer one).",
      valueName: "n"))
  var checkins: Int?

  @Flag(
    help: ArgumentHelp(
      "Do not ask first when a real interview is less than 18 hours away (the night before "
        + "is for consolidation, not a full mock)."))
  var yes = false

  @OptionGroup var library: LibraryOptions

  @OptionGroup var budget: BudgetOptions

  /// `--hostile`'s length; nil without it.
  func hostileLength() throws(ValidationError) -> Millis? {
    guard let hostile else { return nil }
    guard let length = try? DurationText.parse(hostile), length >= 45_000 else {
      throw ValidationError(
        "--hostile '\(hostile)': give a duration of 45s or more, like 10m (or nothing, for 10m).")
    }
    return length
  }

  func validate() throws {
    _ = try hostileLength()
    if let checkins, !(1...20).contains(checkins) {
      throw ValidationError("--checkins \(checkins): give a number from 1 to 20.")
    }
    if let interviewer {
      guard partner else { throw ValidationError("--interviewer goes with --partner.") }
      guard Debrief.interviewerName(interviewer) != nil else {
        throw ValidationError("--interviewer '\(interviewer)': \(Debrief.nameRule).")
      }
    }
    if prompt != nil, tag != nil {
      throw ValidationError("give --prompt or --tag, not both.")
    }
  }

  /// The coaching cues' settings, and the check-ins' target with its spacing for `plan`.
  func options(_ settings: Settings, plan: Plan) -> Schedule.Options {
    Schedule.Options(
      drillGrace: settings.drillGrace,
      checkinEvery: settings.checkinReminder ? Schedule.checkinDefault : nil, partner: partner,
      checkinTarget: checkins, checkinSpacing: CheckinTarget.spacing(for: plan))
  }

  /// The prompt for this session: the one asked for, or the least recently practised (of the
  /// tag, if given); nil when the library is empty.
  private func choose(_ library: PromptLibrary, sessions: String, seed: UInt64) throws -> Prompt? {
    func whole(_ entry: PromptLibrary.Entry) throws -> Prompt {
      do {
        return try PromptSources.prompt(of: entry)
      } catch {
        throw UserError("\(error)", code: 1)
      }
    }
    if let prompt { return try whole(entry(prompt, in: library)) }
    var candidates = library.entries
    if let tag {
      candidates = library.entries(tagged: tag)
      guard !candidates.isEmpty else {
        let tags = library.tags.isEmpty ? "none" : library.tags.joined(separator: ", ")
        throw UserError("no prompt has the tag '\(tag)'. Tags: \(tags).", code: 2)
      }
    }
    let practice = PracticeReader.read(sessionsDirectory: sessions)
    let id = PromptPicker.pick(
      from: candidates.map(\.summary.id), practice: practice, seed: seed)
    return try id.flatMap { library.entry(id: $0) }.map(whole)
  }

  func run(in context: Context) throws {
    let settings = try defaults.settings(context.environment)
    let plan = try SettingsCheck.chosenPlan(settings, in: context).plan
      .overriding(try budget.overrides())
    let paths = try context.dataPaths()
    if !yes, plan.total >= Self.fullPlan { try InterviewCommand.nightBefore(context) }
    let (library, sources) = try library.load(context)
    // A seed short enough to type back in with --seed.
    var random = SystemRandomNumberGenerator()
    let seed = self.seed ?? random.next() % 1_000_000
    let chosen = try choose(library, sessions: paths.sessionsDirectory, seed: seed)
    var options = options(settings, plan: plan)
    if let length = try hostileLength() {
      options.hostile = Hostile.place(
        until: length, own: chosen?.interjections ?? [], generic: library.deck, seed: seed)
    }
    (options.questions, options.noStrongQuestion) = QuestionsCommand.forLastStretch(context)
    let schedule = Schedule.place(
      own: chosen?.interjections ?? [], generic: library.deck, plan: plan,
      count: settings.pivots, seed: seed, options: options)
    if chosen == nil {
      let place =
        sources.directories.isEmpty
        ? "found" : "in \(sources.directories.joined(separator: " or "))"
      warn("no prompts \(place); starting a session without one")
    }
    let runner = ProgramRunner(context)
    try runner.openTerminal(settings)
    let log = try runner.openRecord(in: paths.sessionsDirectory, slug: chosen?.id ?? "practice")
    let info = SessionInfo(
      id: log.id, title: chosen?.title ?? "Practice session", program: Mockroom.version,
      prompt: chosen?.id, seed: seed, interviewer: interviewer.flatMap(Debrief.interviewerName))
    // Only the title and body reach the room: the candidate's screen never holds interviewer
    // material.
    let brief = chosen.map { Brief(title: $0.title, body: $0.body) }
    // Every session listens for the interviewer's console and for `mockroom ctl`; only a
    // partner session cannot go on without it.
    try runner.listen(required: partner)
    var interview = Interview(
      room: Room(session: Session(info: info, plan: plan, schedule: schedule), brief: brief),
      material: Material(prompt: chosen, generic: library.deck))
    let trace = Trace(path: context.environment["MOCKROOM_TRACE"])
    runner.useHooks(settings)
    runner.run(&interview, first: interview.start(at: context.clock.now())) { model, now, first in
      trace?.drew(model.room.session, at: now, first: first)
    }
    print(summary(interview.room.session, log: log, now: context.clock.now()))
    if !library.problems.isEmpty {
      let files = Set(library.problems.map(\.file)).count
      warn(
        "\(files) prompt file\(files == 1 ? " was" : "s were") skipped; "
          + "'mockroom prompts check' says why")
    }
    try runner.close(stoppedBy: interview.stoppedBy)
  }

  /// A plan this long or longer is a full mock, which the night before a real interview asks
  /// about first.
  static let fullPlan: Millis = .minutes(40)

  private func summary(_ session: Session, log: SessionLogWriter, now: Instant) -> String {
    let worked = DurationText.clock(session.active(at: now))
    let outcome: String
    if case .ended(let ending) = session.status {
      outcome = ending.outcome == .finished ? "finished" : "abandoned"
    } else {
      outcome = "stopped"
    }
    return "mockroom: session \(log.id) \(outcome) after \(worked) in \(session.phase.name); "
      + "record: \(log.path)"
  }

}
