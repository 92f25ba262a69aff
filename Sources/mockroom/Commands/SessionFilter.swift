import ArgumentParser
import MockCore

/// Which records `stats` and `report` look at: the same four options, read the same way.
struct SessionFilter: ParsableArguments {
  @Option(help: ArgumentHelp("Only the latest N sessions (and N drills).", valueName: "n"))
  var last: Int?

  @Option(
    help: ArgumentHelp("Only sessions started on or after this day.", valueName: "yyyy-mm-dd"))
  var since: String?

  @Option(
    help: ArgumentHelp("Only sessions of this prompt (no drills).", valueName: "id"),
    completion: .custom(Completions.promptIDs))
  var prompt: String?

  @Option(
    help: ArgumentHelp("Only sessions run on this plan (no drills).", valueName: "name"),
    completion: .custom(Completions.planNames))
  var plan: String?

  func validate() throws {
    if let last, last < 1 { throw ValidationError("--last \(last): give a number above 0.") }
    if let since, let problem = CalendarDay.problem(since) {
      throw ValidationError("--since \(since): \(problem).")
    }
  }

  var isEmpty: Bool { last == nil && since == nil && prompt == nil && plan == nil }

  /// The sessions and drills chosen, and what chose them in words (`prompt x, since y`).
  func apply(_ sessions: [SessionSummary], _ drills: [DrillSummary]) -> (
    sessions: [SessionSummary], drills: [DrillSummary], chosen: [String]
  ) {
    var sessions = sessions
    var drills = drills
    var chosen: [String] = []
    if let prompt {
      sessions = sessions.filter { $0.prompt == prompt }
      drills = []
      chosen.append("prompt \(prompt)")
    }
    if let plan {
      sessions = sessions.filter { $0.plan.name == plan }
      drills = []
      chosen.append("plan \(plan)")
    }
    // Start labels are UTC; a day compares as the start of that day in UTC.
    if let since {
      sessions = sessions.filter { $0.started >= since }
      drills = drills.filter { $0.started >= since }
      chosen.append("since \(since)")
    }
    if let last {
      sessions = Array(sessions.suffix(last))
      drills = Array(drills.suffix(last))
      chosen.append("the latest \(last)")
    }
    return (sessions, drills, chosen)
  }
}
