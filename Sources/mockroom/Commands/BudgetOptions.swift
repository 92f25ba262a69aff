import ArgumentParser
import MockCore

/// `--budget PHASE=DURATION`, repeated: single phases' budgets over the plan's. `run` takes it,
/// and `config show`, to show what a run with it would use.
struct BudgetOptions: ParsableArguments {
  @Option(
    name: .customLong("budget"),
    help: ArgumentHelp(
      "Set one phase's budget, e.g. design=20m or ops=90s. Repeat for more phases.",
      discussion: "Phases: clarify, estimate, design, drill, ops. "
        + "Durations: 90s, 5m, 1m30s, 1h, 4:30.",
      valueName: "phase=duration"),
    completion: .custom(Completions.budgets))
  var budgets: [String] = []

  /// The `--budget` values, checked and read.
  func overrides() throws(ValidationError) -> [Phase: Millis] {
    var result: [Phase: Millis] = [:]
    for text in budgets {
      let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else {
        throw ValidationError(
          "--budget '\(text)': write PHASE=DURATION, for example design=20m.")
      }
      guard let phase = Phase(name: parts[0]) else {
        let names = Phase.allCases.map(\.name).joined(separator: ", ")
        throw ValidationError(
          "--budget '\(text)': '\(parts[0])' is not a phase; use one of \(names).")
      }
      guard result[phase] == nil else {
        throw ValidationError("--budget: \(phase.name) is given twice; give each phase once.")
      }
      do {
        result[phase] = try DurationText.parse(parts[1])
      } catch {
        throw ValidationError("--budget '\(text)': \(error)")
      }
    }
    return result
  }

  func validate() throws {
    _ = try overrides()
  }
}
