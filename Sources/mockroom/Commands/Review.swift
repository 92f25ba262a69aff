import ArgumentParser
import Foundation
import MockCore

/// The friendly answer when there is nothing to review.
func noSessionsYet(_ store: SessionStore) {
  print("no sessions yet (records are kept in \(store.directory)); start one with 'mockroom'")
}

/// What an id (or `last`) names: a session, with its record file, or a drill.
enum Picked {
  case session(path: String, summary: SessionSummary)
  case drill(DrillSummary)
}

/// The record an id names, through the index: `last` is the newest session, or with `drill`
/// the newest drill; any other id names either, and with `drill` must name a drill. Nil
/// (having said so) when there are no records at all. Warnings about the record go to stderr.
func pick(_ id: String, drill wantDrill: Bool = false, in context: Context) throws -> Picked? {
  let store = try context.sessionStore()
  let names = try store.names()
  if names.isEmpty {
    noSessionsYet(store)
    return nil
  }
  // One index for every look below: opening it is the cost, not the lookup.
  let index = context.index
  let name: String
  if id == "last" {
    guard
      let newest = names.reversed().first(where: {
        (store.drill(named: $0, index: index) != nil) == wantDrill
      })
    else {
      throw UserError(
        wantDrill ? "no drills yet, only sessions" : "no sessions yet, only drills", code: 1)
    }
    name = newest
  } else {
    name = try store.name(for: id)
  }
  if let drill = store.drill(named: name, index: index) { return .drill(drill) }
  if wantDrill {
    throw UserError(
      "\((name as NSString).deletingPathExtension) is a session, not a drill", code: 1)
  }
  let path = store.directory + "/" + name
  guard let summary = store.summary(named: name, index: index) else {
    throw UserError("\(path) cannot be reviewed (see above)", code: 1)
  }
  return .session(path: path, summary: summary)
}

/// One session's record file and summary, by id or `last` (the newest session); nil (having
/// said so) when there are no records at all. A drill named outright is refused in words.
func openSession(_ id: String, in context: Context) throws -> (
  path: String, summary: SessionSummary
)? {
  switch try pick(id, in: context) {
  case nil: return nil
  case .session(let path, let summary)?: return (path, summary)
  case .drill(let drill)?:
    throw UserError(
      "\(drill.info.id) is a drill, not a session; 'mockroom show' prints it", code: 1)
  }
}

/// `mockroom reindex`: builds the derived index again from the records.
struct Reindex: ContextCommand {
  static let configuration = CommandConfiguration(
    abstract: "Rebuild the index of session records from the records themselves.",
    discussion: "The index is only derived data; it also rebuilds itself when it is missing, "
      + "damaged or of another version.")

  func run(in context: Context) throws {
    let store = try context.sessionStore()
    let started = MonotonicClock.now()
    let count = try store.reindex()
    let took = MonotonicClock.now() - started
    print("indexed \(count) record\(count == 1 ? "" : "s") from \(store.directory) in \(took) ms")
  }
}

/// `mockroom history`: one line per session.
struct History: ContextCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the sessions: when, which prompt, time against plan, phases over budget.")

  @Flag(help: "Print JSON: {\"v\":1,\"sessions\":[...]}, documented in the README.")
  var json = false

  func run(in context: Context) throws {
    let store = try context.sessionStore()
    let (summaries, drills) = try store.everything()
    if json {
      print(ReviewJSON.history(summaries, drills: drills))
    } else if summaries.isEmpty && drills.isEmpty {
      noSessionsYet(store)
    } else {
      ReviewText.history(summaries, drills: drills).forEach { print($0) }
    }
  }
}

/// `mockroom show ID|last`: one session's timeline.
struct ShowSession: ContextCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show one session: each phase against its budget, the banners and marks in time, "
      + "the debrief.")

  @Argument(
    help: ArgumentHelp("A session id (or its start), or 'last'.", valueName: "id|last"),
    completion: .custom(Completions.sessionIDs))
  var id: String

  @Flag(help: "Print JSON: {\"v\":1,\"show\":{...}}, documented in the README.")
  var json = false

  @Flag(help: "With 'last': the newest drill rather than the newest session.")
  var drill = false

  func run(in context: Context) throws {
    switch try pick(id, drill: drill, in: context) {
    case nil: return
    case .drill(let drill)?:
      if json {
        print(ReviewJSON.drill(drill))
      } else {
        DrillText.show(drill).forEach { print($0) }
      }
    case .session(_, let summary)?: show(summary)
    }
  }

  private func show(_ summary: SessionSummary) {
    if json {
      print(ReviewJSON.show(summary))
    } else {
      ReviewText.show(summary, width: terminalWidth()).forEach { print($0) }
    }
  }
}

/// `mockroom stats`: the overrun review.
struct StatsCommand: ContextCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Where the time goes over many sessions: per phase, the drill's start, "
      + "interjections, marks and self-scores; and the drills.")

  @OptionGroup var filter: SessionFilter

  @Flag(help: "Print JSON: {\"v\":1,\"stats\":{...}}, documented in the README.")
  var json = false

  @Flag(help: "Print CSV: one row per session and phase.")
  var csv = false

  @Option(
    help: ArgumentHelp(
      "week: one line per ISO week (Monday to Sunday, UTC): sessions, how they ended, the "
        + "median overrun, drills and their pass rates.", valueName: "week"))
  var by: String?

  func validate() throws {
    if json && csv { throw ValidationError("give --json or --csv, not both.") }
    if let by {
      guard by == "week" else { throw ValidationError("--by '\(by)': the one grouping is week.") }
      if csv { throw ValidationError("--by week has no CSV; give --json or nothing.") }
    }
  }

  func run(in context: Context) throws {
    let store = try context.sessionStore()
    let everything = try store.everything()
    let (summaries, drills, _) = filter.apply(everything.sessions, everything.drills)
    let drillStats = DrillStats(drills, today: DrillCommand.today)
    if by != nil {
      let weeks = Weeks(summaries, drills: drills)
      if json {
        print(ReviewJSON.weeks(weeks))
      } else if weeks.weeks.isEmpty {
        print(try store.names().isEmpty ? "no sessions yet" : "no sessions match")
      } else {
        ReviewText.weeks(weeks).forEach { print($0) }
      }
      return
    }
    if csv {
      print(ReviewJSON.csv(summaries), terminator: "")
      if !drills.isEmpty { print("\n" + ReviewJSON.drillCSV(drills), terminator: "") }
    } else if json {
      print(ReviewJSON.stats(Stats(summaries), drills: drillStats))
    } else if summaries.isEmpty && drills.isEmpty {
      if try store.names().isEmpty {
        noSessionsYet(store)
      } else {
        print("no sessions match")
      }
    } else {
      if !summaries.isEmpty { ReviewText.stats(Stats(summaries)).forEach { print($0) } }
      DrillText.stats(drillStats).forEach { print($0) }
    }
  }
}

/// `mockroom debrief ID|last`: fill in or change a session's debrief.
struct DebriefCommand: ContextCommand {
  static let configuration = CommandConfiguration(
    commandName: "debrief",
    abstract: "Score a session and say what ran over and what to change (or edit it).",
    discussion: "The debrief is added to the session's record; the latest one counts.")

  @Argument(
    help: ArgumentHelp("A session id (or its start), or 'last'.", valueName: "id|last"),
    completion: .custom(Completions.sessionIDs))
  var id: String

  func run(in context: Context) throws {
    guard let (path, summary) = try openSession(id, in: context) else { return }
    let log = SessionStore(directory: (path as NSString).deletingLastPathComponent).log(
      named: (path as NSString).lastPathComponent)
    guard let last = log.records.last else { throw UserError("\(path) has no lines", code: 1) }
    var form = DebriefForm(summary)
    let runner = ProgramRunner(context)
    try runner.openTerminal()
    runner.run(&form)
    guard case .saved(let said)? = form.result else {
      print("mockroom: debrief of \(summary.id) not saved")
      return
    }
    try SessionLogWriter.appendLater(
      Record(t: last.t, entry: .debrief(said), source: .candidate), to: log.file, what: "debrief",
      fallbacks: SessionLogWriter.fallbackPlaces(context.environment))
    print("mockroom: debrief of \(summary.id) saved in \(log.file)")
  }
}
