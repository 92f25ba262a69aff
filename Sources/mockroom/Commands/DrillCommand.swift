import ArgumentParser
import Foundation
import MockCore

/// `mockroom drill`: practice between mocks, each drill a record beside the sessions.
struct DrillCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "drill",
    abstract: "Drills between mocks: the three estimations, and the numbers kit as cards.",
    subcommands: [Estimate.self, Numbers.self, Recovery.self, Slip.self, Status.self])

  /// Today, in days since the epoch: a card's schedule is in calendar days.
  static var today: Double { Date().timeIntervalSince1970 / 86_400 }

  struct Numbers: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "The numbers kit from memory, a card at a time, scheduled by FSRS.",
      discussion: """
        Due cards come first, then new ones; cards not yet due only with --all, named as \
        early in the summary. The rating comes from the result: wrong or past the time is \
        again, right but slow (past two thirds of it) is hard, exact within a third of it is \
        easy, and any other right answer is good. A card rated again comes back at the end \
        of the drill until it is right.
        """)

    @Option(help: ArgumentHelp("How many cards (default 8, or card_count).", valueName: "n"))
    var count: Int?

    @Option(help: ArgumentHelp("The time each card has (default 20s).", valueName: "duration"))
    var time: String?

    @Flag(help: "Ask cards not yet due too, after the due and new ones (named early).")
    var all = false

    func validate() throws {
      if let count, !(1...NumberCard.deck.count).contains(count) {
        throw ValidationError("--count \(count): give a number from 1 to \(NumberCard.deck.count).")
      }
      if let time, (try? DurationText.parse(time)).map({ $0 >= 3_000 }) != true {
        throw ValidationError("--time '\(time)': give a duration of 3s or more, like 20s.")
      }
    }

    func run(in context: Context) throws {
      let settings = try context.settings()
      let limit = try time.map { try DurationText.parse($0) } ?? 20_000
      let store = try context.sessionStore()
      let today = DrillCommand.today
      let states = DrillStats.cards(try store.everything().drills.flatMap(\.reviews))
      let chosen = DrillStats.order(
        states, today: today, count: count ?? settings.cardCount, all: all)
      guard !chosen.isEmpty else {
        throw UserError(
          "no card is due and none is new; --all asks the cards not yet due", code: 1)
      }
      var memories: [String: FSRS.Memory] = [:]
      for state in states { memories[state.card.id] = state.memory }
      let early = all ? DrillStats.early(states, today: today) : []
      let cards = NumberItems(cards: chosen, memories: memories, day: today, early: early)
      try DrillRun.run(cards, seed: nil, limit: limit, context: context, settings: settings)
    }
  }

  struct Slip: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "A worked chain with one planted slip: name the wrong step, then fix the answer.",
      discussion: """
        The chain comes from the estimation drill's generator with one slip planted: the \
        average used as the peak, a per-day figure used as per second, K and V counted once, \
        the 7B rate used for a 70B model, a factor of ten, bits for bytes, or the \
        tensor-parallel split missed. Type the wrong step's number and Enter (the time to \
        spot it), then the corrected answer and Enter. A pass is the right step and an \
        answer within 1.5x, inside the time.
        """)

    @Option(
      name: .customLong("kind"),
      help: ArgumentHelp(
        "Only chains of this kind: gpus, kv or qps, in any case (repeat for more).",
        valueName: "kind"),
      completion: .list(EstimateKind.allCases.map(\.rawValue)))
    var kinds: [String] = []

    @Option(help: ArgumentHelp("How many chains (default 3).", valueName: "n"))
    var count: Int?

    @Option(
      help: ArgumentHelp("The time each chain has (default 90s).", valueName: "duration"))
    var time: String?

    @Option(help: ArgumentHelp("Make the drill repeatable: the same chains.", valueName: "n"))
    var seed: UInt64?

    func validate() throws {
      for kind in kinds where EstimateKind(named: kind) == nil {
        throw ValidationError("--kind '\(kind)': use gpus, kv or qps.")
      }
      if let count, !(1...20).contains(count) {
        throw ValidationError("--count \(count): give a number from 1 to 20.")
      }
      if let time, (try? DurationText.parse(time)).map({ $0 >= 5_000 }) != true {
        throw ValidationError("--time '\(time)': give a duration of 5s or more, like 90s.")
      }
    }

    func run(in context: Context) throws {
      let settings = try context.settings()
      let limit = try time.map { try DurationText.parse($0) } ?? 90_000
      var random = SystemRandomNumberGenerator()
      let seed = self.seed ?? random.next() % 1_000_000
      let chosen =
        kinds.isEmpty ? EstimateKind.allCases : kinds.compactMap { EstimateKind(named: $0) }
      let slips = SlipProblem.set(of: chosen, count: count ?? 3, seed: seed)
      try DrillRun.run(
        SlipItems(slips: slips), seed: seed, limit: limit, context: context, settings: settings)
    }
  }

  struct Recovery: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Questions you probably cannot answer, each met with a named recovery move.",
      discussion: """
        Each round shows a question from the decks' curveballs. Answer it out loud and press \
        the key of the move you are using: 1 what I'd measure, 2 the tradeoff named, 3 a \
        provisional commitment, 4 a similar system, 5 a pointed question. A move used is \
        locked until all five have been. Enter ends the round (or the clock does: green to a \
        third of the time, yellow to two thirds, red after). Then rate how well it landed, 1 \
        to 5, and see what a strong answer covers.

        With --partner, the interviewer sees the question and its strong points with \
        'mockroom ctl status' and rates each round first with 'mockroom ctl rate N'; the gap \
        between the two ratings is kept.
        """)

    @Option(help: ArgumentHelp("How many rounds.", valueName: "n"))
    var rounds = 5

    @Option(help: ArgumentHelp("The time each round has (default 90s).", valueName: "duration"))
    var time: String?

    @Option(
      help: ArgumentHelp(
        "Take this prompt's curveballs first, then the generic deck's.", valueName: "id"),
      completion: .custom(Completions.promptIDs))
    var prompt: String?

    @Option(help: ArgumentHelp("Make the drill repeatable: the same questions.", valueName: "n"))
    var seed: UInt64?

    @Flag(help: "The interviewer rates each round first, from 'mockroom ctl rate N'.")
    var partner = false

    @OptionGroup var library: LibraryOptions

    func validate() throws {
      if !(1...20).contains(rounds) {
        throw ValidationError("--rounds \(rounds): give a number from 1 to 20.")
      }
      if let time, (try? DurationText.parse(time)).map({ $0 >= 10_000 }) != true {
        throw ValidationError("--time '\(time)': give a duration of 10s or more, like 90s.")
      }
    }

    func run(in context: Context) throws {
      let settings = try context.settings()
      let limit = try time.map { try DurationText.parse($0) } ?? 90_000
      var random = SystemRandomNumberGenerator()
      let seed = self.seed ?? random.next() % 1_000_000
      let (library, _) = try library.load(context)
      var first: [RecoveryQuestion] = []
      var rest = RecoveryQuestion.pool([(nil, library.deck)])
      if let prompt {
        let whole = try PromptSources.prompt(of: entry(prompt, in: library))
        first = RecoveryQuestion.pool([(whole.id, whole.interjections)])
      } else {
        // Every prompt's curveballs and the generic deck's, in one pool.
        let decks = PromptSources.prompts(of: library.entries).compactMap { prompt in
          prompt.map { (Optional($0.id), $0.interjections) }
        }
        rest = RecoveryQuestion.pool(decks + [(nil, library.deck)])
      }
      let questions = RecoveryQuestion.choose(first: first, rest: rest, count: rounds, seed: seed)
      guard !questions.isEmpty else {
        throw UserError(
          "no curveballs in the decks to ask; 'mockroom prompts check' says why", code: 1)
      }
      let earlier = try context.sessionStore().everything().drills.filter {
        $0.info.drill == .recovery
      }
      let firsts = earlier.compactMap { $0.rounds.lazy.compactMap(\.move).first }
      let rounds = RecoveryItems(questions: questions, partner: partner, earlierFirsts: firsts)
      try DrillRun.run(rounds, seed: seed, limit: limit, context: context, settings: settings)
    }
  }

  struct Status: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "What is due, each card's stability, and the estimate kinds' recent pass rates.")

    func run(in context: Context) throws {
      let stats = DrillStats(
        try context.sessionStore().everything().drills, today: DrillCommand.today)
      DrillText.status(stats).forEach { print($0) }
    }
  }

  struct Estimate: ContextCommand {
    static let configuration = CommandConfiguration(
      abstract: "Estimation problems (GPU fleet, KV cache, QPS from DAU) against a clock.",
      discussion: """
        Each problem states every figure it needs. Type each step of the chain (optional) and \
        the answer (required); numbers may be written 1200, 1,200, 55 600, 1.2k, ~3.5M, 2B, \
        2e5 or 30%, and a unit word after one (55.6k QPS, 80GB) is dropped. A GPU count is \
        whole (rounded up, one at least) and so is a count of requests that fit (rounded \
        down: 0 when not one fits). A pass is within 1.5x of the expected value and inside \
        the time. After each answer: the ratio, its band, which steps were right, the likely \
        slip (or two slips that cancel), a line on whether the result is plausible, and the \
        worked chain; Up/Down scroll it. Problems stay in the ranges interviews use (a fleet \
        of 10 to 5,000 GPUs, a peak of 100 to 50,000 QPS, 4 to 400 requests in flight per \
        GPU), except about one in twelve made implausible on purpose: a sanity problem. \
        With --sheet, no clock: the problems are printed for paper practice (with --answers \
        the worked chains too, with --json as one JSON document).
        """)

    @Option(
      name: .customLong("kind"),
      help: ArgumentHelp(
        "Only problems of this kind: gpus, kv or qps, in any case (repeat for more).",
        valueName: "kind"),
      completion: .list(EstimateKind.allCases.map(\.rawValue)))
    var kinds: [String] = []

    @Option(help: ArgumentHelp("How many problems (default 3).", valueName: "n"))
    var count: Int?

    @Option(
      help: ArgumentHelp(
        "The time each problem has (default 60s, or estimate_time in config.yaml).",
        valueName: "duration"))
    var time: String?

    @Option(
      help: ArgumentHelp("Make the drill repeatable: the same problems again.", valueName: "n"))
    var seed: UInt64?

    @Flag(help: "Print the problems as a worksheet, without the clock (up to 1,000 with --count).")
    var sheet = false

    @Flag(help: "With --sheet: each problem's worked chain and answer too.")
    var answers = false

    @Flag(help: "With --sheet: one JSON document (inputs, text, plausibility, and any answers).")
    var json = false

    func validate() throws {
      for kind in kinds where EstimateKind(named: kind) == nil {
        throw ValidationError("--kind '\(kind)': use gpus, kv or qps.")
      }
      if !sheet, answers || json {
        throw ValidationError("--answers and --json go with --sheet.")
      }
      let most = sheet ? 1_000 : 20
      if let count, !(1...most).contains(count) {
        throw ValidationError("--count \(count): give a number from 1 to \(most).")
      }
      if let time, (try? DurationText.parse(time)).map({ $0 >= 5_000 }) != true {
        throw ValidationError("--time '\(time)': give a duration of 5s or more, like 60s.")
      }
    }

    func run(in context: Context) throws {
      let settings = try context.settings()
      let limit = try time.map { try DurationText.parse($0) } ?? settings.estimateTime
      var random = SystemRandomNumberGenerator()
      let seed = self.seed ?? random.next() % 1_000_000
      let chosen =
        kinds.isEmpty ? EstimateKind.allCases : kinds.compactMap { EstimateKind(named: $0) }
      let problems = Self.problems(of: chosen, count: count ?? 3, seed: seed)
      if sheet {
        print(
          json
            ? Worksheet.json(problems, seed: seed, answers: answers)
            : Worksheet.text(problems, seed: seed, answers: answers), terminator: json ? "\n" : "")
        return
      }
      let items = EstimateItems(problems: problems)
      try DrillRun.run(items, seed: seed, limit: limit, context: context, settings: settings)
    }

    /// `count` problems of the kinds chosen, in an order the seed decides, each kind once before
    /// any comes again.
    static func problems(of kinds: [EstimateKind], count: Int, seed: UInt64) -> [EstimateProblem] {
      EstimateProblem.set(of: kinds, count: count, seed: seed)
    }
  }
}

/// Runs a drill of any kind on the program runner with its own record, as a session runs.
enum DrillRun {
  static func run<Kind: DrillKindModel>(
    _ kind: Kind, seed: UInt64?, limit: Millis, context: Context, settings: Settings
  ) throws {
    let drillKind = Kind.drill
    let paths = try context.dataPaths()
    let runner = ProgramRunner(context)
    try runner.openTerminal(settings)
    let log = try runner.openRecord(
      in: paths.sessionsDirectory, slug: "drill-\(drillKind.rawValue)")
    let info = DrillInfo(
      id: log.id, program: Mockroom.version, drill: drillKind, seed: seed, limit: limit,
      count: kind.count)
    // A partner drill listens for `mockroom ctl`, as a session does.
    if kind.listens { try runner.listen(required: true) }
    runner.useHooks(settings)
    // The session clock: under the tests' faster clock, the drill's instants and the pump's
    // are on one scale.
    var model = Drill(info: info, kind, at: context.clock.now())
    let first = model.start()
    let trace = Trace(path: context.environment["MOCKROOM_TRACE"])
    runner.run(&model, first: first) { model, _, isFirst in
      if isFirst { trace?.firstFrame() }
      trace?.drew(typed: model.typed)
    }
    print("mockroom: drill \(log.id): \(model.tally); record: \(log.path)")
    var stopped: String?
    if case .signal(let name)? = model.ending?.reason { stopped = name }
    try runner.close(stoppedBy: stopped)
  }
}
