import Testing

@testable import MockCore

@Suite struct SettingsFromEverywhere {
  static func read(_ text: String) -> (Settings, [String], [String]) {
    var settings = Settings()
    let read = settings.read(file: "config.yaml", bytes: Array(text.utf8))
    return (settings, read.problems.map(\.description), read.warnings.map(\.description))
  }

  @Test func theBuiltInDefaultsComeFirstAndSaySo() {
    let settings = Settings()
    #expect(settings.plan == "standard" && settings.bell == "on")
    #expect(settings.pivots == Schedule.defaultCount && !settings.checkinReminder)
    #expect(settings.shown.allSatisfy { $0.source == .builtIn })
  }

  @Test func theFileThenTheVariablesThenTheFlagsEachWin() {
    var (settings, problems, warnings) = Self.read(
      "bell: off\npivots: 5\ncolor: never\ncheckin_reminder: true\ndrill_grace: 2m\n")
    #expect(problems.isEmpty && warnings.isEmpty)
    #expect(settings.bell == "off" && settings.pivots == 5 && settings.color == .never)
    #expect(settings.checkinReminder && settings.drillGrace == .minutes(2))
    #expect(settings.source(.bell) == .file)
    #expect(settings.read(environment: ["MOCKROOM_BELL": "flash", "MOCKROOM_PIVOTS": "1"]).isEmpty)
    #expect(settings.bell == "flash" && settings.source(.bell) == .environment)
    #expect(settings.pivots == 1)
    _ = settings.set(.pivots, "0")
    settings.mark(.pivots, .flag)
    #expect(settings.pivots == 0 && settings.source(.pivots) == .flag)
    #expect(settings.source(.color) == .file)
    #expect(settings.source(.plan) == .builtIn)
  }

  @Test(arguments: [
    ("bell: loud\n", "config.yaml:1:7: 'bell': use on, off or flash"),
    ("pivots: 12\n", "config.yaml:1:9: 'pivots': give a number from 0 to 9"),
    ("pivots: [1]\n", "config.yaml:1:9: 'pivots' must be text, not a list"),
    (
      "checkin_reminder: maybe\n",
      "config.yaml:1:19: 'checkin_reminder': use true or false"
    ),
    ("drill_grace: soon\n", "config.yaml:1:14: 'drill_grace': 'soon' is not a duration"),
    ("color: blue\n", "config.yaml:1:8: 'color': use auto, always or never"),
    ("- bell\n", "config.yaml:1:1: config.yaml must be a mapping of settings"),
    ("bell: [on\n", "config.yaml:2:1: bad YAML"),
    ("plans:\n  quick:\n    budgets: {desgn: 1m}\n", "config.yaml:3:15: unknown phase 'desgn'"),
    ("plans:\n  Quick Plan: {}\n", "config.yaml:2:3: a plan's name is lowercase letters"),
  ])
  func aValueOfTheWrongKindIsAProblemAtItsPlace(_ text: String, _ expected: String) {
    let (_, problems, _) = Self.read(text)
    #expect(problems.contains { $0.hasPrefix(expected) }, "\(problems)")
  }

  @Test func anUnknownSettingIsAWarningThatNamesTheClosest() {
    let (settings, problems, warnings) = Self.read("bel: off\npivot: 2\n")
    #expect(problems.isEmpty)
    #expect(
      warnings == [
        "config.yaml:1:1: unknown setting 'bel' (did you mean 'bell'?); it is ignored",
        "config.yaml:2:1: unknown setting 'pivot' (did you mean 'pivots'?); it is ignored",
      ])
    #expect(settings.bell == "on")
  }

  @Test func anEmptyFileOrOneOfCommentsSetsNothing() {
    for text in ["", "# nothing yet\n", "\n\n"] {
      let (settings, problems, warnings) = Self.read(text)
      #expect(problems.isEmpty && warnings.isEmpty && settings == Settings())
    }
  }

  @Test func plansCanBeWrittenInTheFile() throws {
    let (settings, problems, _) = Self.read(
      "plans:\n  quick:\n    description: a short one\n    budgets: {design: 10m}\n")
    #expect(problems.isEmpty)
    let plan = try #require(settings.plans.first)
    #expect(plan.plan.name == "quick" && plan.plan[.design] == .minutes(10))
    var library = PlanLibrary(layers: [])
    library.add(settings.plans)
    #expect(library.entry(named: "quick")?.origin == .user)
  }

  @Test func theTemplateReadsCleanAndHoldsTheDefaults() {
    let (settings, problems, warnings) = Self.read(Settings.template)
    #expect(problems.isEmpty && warnings.isEmpty, "\(problems) \(warnings)")
    var defaults = Settings()
    // The plans and hooks are there as comments, to show how they are written.
    for key in Settings.Key.allCases where ![.plans, .hooks].contains(key) {
      defaults.mark(key, .file)
    }
    // Every value and where it came from (the places in the file are not values).
    func said(_ s: Settings) -> [String] { s.shown.map { "\($0.key)=\($0.value) (\($0.source))" } }
    #expect(said(settings) == said(defaults))
    #expect(settings.plans == defaults.plans && settings.hooks == defaults.hooks)
  }

  @Test func aBadVariableIsSaidByName() {
    var settings = Settings()
    #expect(
      settings.read(environment: ["MOCKROOM_PIVOTS": "lots"])
        == ["MOCKROOM_PIVOTS=lots: give a number from 0 to 9"])
  }
}
