/// `mockroom plans list` and `plans show` as text.
public enum PlanText {
  /// One row per plan: its name, length, the five budgets, where it comes from, and the start
  /// of what it is for.
  public static func list(_ library: PlanLibrary, width: Int = 100) -> String {
    let rows = library.entries.map { entry -> [String] in
      let plan = entry.file.plan
      return [plan.name, DurationText.clock(plan.total)]
        + Phase.allCases.map { DurationText.clock(plan[$0]) } + [entry.origin.rawValue]
    }
    let header = ["PLAN", "TOTAL"] + Phase.allCases.map { $0.name.uppercased() } + ["FROM"]
    let lines = ReviewText.table(header, rows)
    var out = lines.first.map { [$0] } ?? []
    for (line, entry) in zip(lines.dropFirst(), library.entries) {
      out.append(line)
      out.append("    " + entry.file.description.clipped(to: max(20, width - 5)))
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// One plan whole: what it is for, each phase's budget and where it starts, and the points
  /// of the time cues that follow from it.
  public static func show(_ file: PlanFile, origin: PlanLibrary.Origin?) -> String {
    let plan = file.plan
    var out = [
      "\(plan.name): \(DurationText.clock(plan.total))" + (origin.map { " (\($0.rawValue))" } ?? "")
    ]
    out.append(file.description)
    out.append("")
    out += ReviewText.table(
      ["PHASE", "BUDGET", "STARTS AT"],
      Phase.allCases.map {
        [$0.name, DurationText.clock(plan[$0]), DurationText.clock(plan.start(of: $0))]
      })
    out.append("")
    let clock = DurationText.clock
    out.append(
      "cues: drill late at \(clock(plan.start(of: .drill))) (plus any --drill-grace), the "
        + "compressed close at \(clock(plan.start(of: .ops))), the last 90 seconds at "
        + "\(clock(max(0, plan.total - Schedule.lastStretch))) of work.")
    out.append("file: \(file.path)")
    return out.joined(separator: "\n") + "\n"
  }
}
