import MockCore

/// mockroom-config(5): config.yaml, written from `Settings`: every key, its type, its default
/// (as `config show` prints the built-in value) and the variable that sets it.
enum ConfigPage {
  /// Each key's type and what it does. A key missing here is named by `missing`, and a test
  /// fails on it.
  static let keys: [Settings.Key: (type: String, text: String)] = [
    .plan: (
      "a plan's name",
      "The plan a session runs on: standard, screen-35, loop-60, or one of your own (plans/ "
        + "beside config.yaml, or under plans: below). run --plan wins over it."
    ),
    .bell: (
      Settings.bells.joined(separator: ", "),
      "How a banner announces itself: the terminal's bell, nothing, or a flash of the screen."
    ),
    .pivots: (
      "a number, 0 to \(Schedule.maximumCount)",
      "How many interjections from the decks (pivots, pushback, curveballs, silences) a "
        + "session throws in. 0 leaves only the coaching cues about time."
    ),
    .checkinReminder: (
      "true or false (also yes/no, on/off)",
      "A reminder after five minutes of design or drill without a check-in mark."
    ),
    .drillGrace: (
      "a duration",
      "How long after the plan's drill start the drill-late cue waits; 0s says it at once."
    ),
    .color: (
      Settings.Color.allCases.map(\.rawValue).joined(separator: ", "),
      "Colour on the screen. always reads as auto, since a terminal cannot be made to show "
        + "colour it lacks; NO_COLOR in the environment wins over every value."
    ),
    .plans: (
      "a mapping of names to plans",
      "Plans of your own, each written as a plan file would be: a description, and budgets "
        + "mapping phases to durations. They are used as if each were plans/NAME.yaml."
    ),
    .hooks: (
      "a mapping of events to lists of commands",
      "Programs to run at a session's moments: each command a list of words (no shell unless "
        + "you name one), or the built-in speak or notify, alone or as {speak: [options]}. See "
        + "mockroom-hooks(5)."
    ),
    .hookTimeout: (
      "a duration, 1s to 10m",
      "How long a hook may run before its process group gets TERM, and KILL half a second later."
    ),
    .estimateTime: (
      "a duration, 5s to 10m", "The time each problem of 'drill estimate' has."
    ),
    .cardCount: (
      "a number, 1 to \(NumberCard.deck.count)", "How many cards 'drill numbers' asks."
    ),
  ]

  /// Keys with no line on the page.
  static func missing(_ keys: [Settings.Key: (type: String, text: String)]) -> [Settings.Key] {
    Settings.Key.allCases.filter { keys[$0] == nil }
  }

  static func mdoc(date: String) -> String {
    var page = Mdoc(
      title: "mockroom-config", section: 5, date: date, name: "mockroom-config",
      description: "mockroom's defaults, kept in config.yaml")
    page.section("SYNOPSIS")
    page.paths([
      "$MOCKROOM_HOME/config.yaml", "$XDG_CONFIG_HOME/mockroom/config.yaml",
      "~/.config/mockroom/config.yaml",
    ])
    page.section("DESCRIPTION")
    page.text(
      "config.yaml keeps the defaults of your sessions and drills, as a YAML mapping of "
        + "settings. The first of the paths above is used: under MOCKROOM_HOME when it is set, "
        + "else under XDG_CONFIG_HOME, else in your home directory. A missing file is no "
        + "settings at all.")
    page.paragraph()
    page.text(
      "Each setting comes from the first of: a flag, a variable, this file, and the built-in "
        + "default. 'mockroom config show' prints the value a session would use and where it "
        + "came from; 'mockroom config init' writes this file with every default explained.")
    page.paragraph()
    page.text(
      "A value of the wrong kind, or YAML that does not read, stops every command that reads "
        + "the file with file:line:column and what is wrong, and exit 2. An unknown key is a "
        + "warning that names the closest known one; the rest of the file is used. --help and "
        + "--version never read it.")
    page.section("SETTINGS")
    page.text(
      "Durations read as 90s, 5m, 1m30s, 1h, 4:30 (m:ss) or 1:04:30 (h:mm:ss).")
    let defaults = Dictionary(
      uniqueKeysWithValues: Settings().shown.map { ($0.key, $0.value) })
    let variables = Dictionary(
      uniqueKeysWithValues: Settings.variables.map { ($0.key, $0.name) })
    page.macro("Bl -tag -width Ds")
    for key in Settings.Key.allCases {
      guard let entry = keys[key] else { continue }
      page.macro("It Cm \(Mdoc.word(key.rawValue))")
      page.text(entry.text)
      page.macro("Bl -tag -width variable -compact")
      page.macro("It type")
      page.text(entry.type)
      page.macro("It default")
      page.macro("Ql \(Mdoc.word(defaults[key.rawValue] ?? "none"))")
      page.macro("It variable")
      if let name = variables[key] {
        page.macro("Ev \(Mdoc.word(name))")
      } else {
        page.text("none")
      }
      page.macro("El")
    }
    page.macro("El")
    page.section("ENVIRONMENT")
    page.list(
      Settings.variables.map {
        ("Ev \(Mdoc.word($0.name))", "Sets \($0.key.rawValue), over the file and under a flag.")
      })
    page.section("EXAMPLES")
    page.literal(
      """
      plan: screen-35
      bell: flash
      pivots: 4
      checkin_reminder: true
      drill_grace: 2m
      hooks:
        cue-fired: [speak, [notify-send, -a, mockroom, interjection]]
      plans:
        quick:
          description: a short screen
          budgets: {design: 10m, drill: 10m}
      """)
    page.section("SEE ALSO")
    page.macro("Xr mockroom 1 ,")
    page.macro("Xr mockroom-config-show 1 ,")
    page.macro("Xr mockroom-hooks 5 ,")
    page.macro("Xr mockroom-plans 1")
    return page.page
  }
}
