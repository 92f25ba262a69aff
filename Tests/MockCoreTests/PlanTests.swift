import Foundation
import Testing

@testable import MockCore

@Suite struct PlanFiles {
  static func parse(_ text: String, name: String = "mine") -> (PlanFile?, [String]) {
    let parsed = PlanFile.parse(file: "plans/\(name).yaml", name: name, bytes: Array(text.utf8))
    return (parsed.plan, parsed.problems.map(\.description))
  }

  @Test func aPlanIsItsBudgetsAndAPhaseLeftOutKeepsTheStandardOne() throws {
    let (file, problems) = Self.parse(
      "description: short design\nbudgets: {design: 12m, ops: 90s}\n")
    #expect(problems.isEmpty)
    let plan = try #require(file).plan
    #expect(plan.name == "mine")
    #expect(plan[.design] == .minutes(12))
    #expect(plan[.ops] == 90_000)
    for phase in [Phase.clarify, .estimate, .drill] { #expect(plan[phase] == Plan.standard[phase]) }
    #expect(file?.description == "short design")
  }

  @Test(arguments: [
    (
      "description: x\nbudgets: {desing: 12m}\n",
      "plans/mine.yaml:2:11: unknown phase 'desing' (did you mean 'design'?); phases: clarify, "
        + "estimate, design, drill, ops"
    ),
    (
      "description: x\nbudget: {design: 12m}\n",
      "plans/mine.yaml:2:1: unknown field 'budget' (did you mean 'budgets'?) in a plan file"
    ),
    (
      "description: x\nbudgets: {design: twelve}\n",
      "plans/mine.yaml:2:19: 'design': "
    ),
    (
      "description: x\nbudgets: {design: [12m]}\n",
      "plans/mine.yaml:2:19: 'design' must be text, not a list"
    ),
    ("description: x\nbudgets: 12m\n", "plans/mine.yaml:2:10: 'budgets' must be a mapping"),
    (
      "description: x\nbudgets:\n  design: 12m\n  design: 13m\n",
      "plans/mine.yaml:3:3: bad YAML: 'design' appears more than once in this mapping"
    ),
    ("budgets: {design: 12m}\n", "plans/mine.yaml:1:1: missing field 'description'"),
    ("description: x\n", "plans/mine.yaml:1:1: missing field 'budgets'"),
    ("- design\n", "plans/mine.yaml:1:1: a plan file must be a mapping of fields"),
  ])
  func aProblemSaysWhereAndWhat(_ text: String, _ expected: String) {
    let (file, problems) = Self.parse(text)
    #expect(file == nil)
    #expect(problems.contains { $0.hasPrefix(expected) }, "\(problems)")
  }

  @Test func aFileNameThatCannotNameAPlanIsAProblem() {
    let (file, problems) = Self.parse("description: x\nbudgets: {}\n", name: "My Plan")
    #expect(file == nil)
    #expect(problems.first?.contains("cannot name a plan") == true)
  }

  @Test func aUserPlanReplacesABundledOneOfTheSameNameAndBadFilesAreLeftOut() {
    let good = Array("description: ours\nbudgets: {design: 10m}\n".utf8)
    let theirs = Array("description: mine\nbudgets: {design: 20m}\n".utf8)
    let library = PlanLibrary(layers: [
      (.bundled, [("b/standard.yaml", good), ("b/other.yaml", good)]),
      (.user, [("u/standard.yml", theirs), ("u/broken.yaml", Array("budgets: 1\n".utf8))]),
    ])
    #expect(library.names == ["other", "standard"])
    #expect(library.entry(named: "standard")?.origin == .user)
    #expect(library.entry(named: "standard")?.file.plan[.design] == .minutes(20))
    #expect(Set(library.problems.map(\.file)) == ["u/broken.yaml"])
  }
}

@Suite struct BundledPlans {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Plans")

  static func library() throws -> PlanLibrary {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    let files = try names.map { name -> (path: String, bytes: [UInt8]) in
      let url = directory.appendingPathComponent(name)
      return (url.path, Array(try Data(contentsOf: url)))
    }
    return PlanLibrary(layers: [(.bundled, files)])
  }

  @Test func theyReadCleanAndAddUpToTheirNames() throws {
    let library = try Self.library()
    #expect(library.problems.isEmpty, "\(library.problems)")
    #expect(library.names == ["loop-60", "screen-35", "standard"])
    #expect(library.entry(named: "standard")?.file.plan == Plan.standard)
    #expect(library.entry(named: "screen-35")?.file.plan.total == .minutes(35))
    #expect(library.entry(named: "loop-60")?.file.plan.total == .minutes(60))
  }

  @Test func showSaysWhereEachPhaseStartsAndWhereTheCuesFall() throws {
    let entry = try #require(try Self.library().entry(named: "screen-35"))
    let text = PlanText.show(entry.file, origin: entry.origin)
    #expect(text.hasPrefix("screen-35: 35:00 (bundled)\n"))
    #expect(text.contains("drill     10:00   20:00"))
    #expect(text.contains("drill late at 20:00"))
    #expect(text.contains("the compressed close at 30:00"))
    #expect(text.contains("the last 90 seconds at 33:30"))
  }

  @Test func theListHasAColumnPerPhase() throws {
    let lines = PlanText.list(try Self.library()).split(separator: "\n")
    #expect(
      lines.first?.hasPrefix("PLAN       TOTAL    CLARIFY  ESTIMATE  DESIGN  DRILL  OPS") == true)
    #expect(
      lines.contains { $0.hasPrefix("loop-60    1:00:00  5:00     5:00      18:00   25:00  7:00") })
  }
}
