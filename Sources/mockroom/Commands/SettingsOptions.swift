import ArgumentParser
import Foundation
import Glibc
import MockCore

/// The flags that set what `config.yaml` and the `MOCKROOM_*` variables also set: `run` takes
/// them, and `config show` takes them to say what a run with them would use.
struct SettingsOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The plan: a name from 'mockroom plans list' (standard, screen-35, loop-60, or your own), "
        + "or a plan file. --budget changes single phases on top.",
      valueName: "name|file"),
    completion: .custom(Completions.planNames))
  var plan: String?

  @Option(
    help: ArgumentHelp(
      "How many interjections (pivots, pushback, curveballs, silences) the decks throw in "
        + "(0-\(Schedule.maximumCount), default \(Schedule.defaultCount)).",
      discussion: "The default three: a pivot in design, a pivot or pushback in drill, and a "
        + "curveball in estimate, design or drill.",
      valueName: "n"))
  var pivots: Int?

  @Flag(help: "No interjections from the decks; the coaching cues about time stay.")
  var noPivots = false

  @Option(
    help: ArgumentHelp(
      "How a banner announces itself: on (the bell), off, or flash (the screen).",
      valueName: "on|off|flash"),
    completion: .list(Settings.bells))
  var bell: String?

  @Option(
    help: ArgumentHelp(
      "How long after the plan's drill start (25:00 in 45 minutes) to say the drill is late.",
      valueName: "duration"))
  var drillGrace: String?

  /// `--checkin-reminder` and `--no-checkin-reminder`, each with its own help (an inverted
  /// `Bool` flag gives both the one text); the last one given wins.
  enum CheckinReminder: EnumerableFlag {
    case checkinReminder, noCheckinReminder

    static func help(for value: Self) -> ArgumentHelp? {
      switch value {
      case .checkinReminder:
        "Remind me to check in after 5 minutes of design or drill without a check-in (c)."
      case .noCheckinReminder:
        "No check-in reminder, even if config.yaml sets checkin_reminder."
      }
    }
  }

  @Flag(exclusivity: .chooseLast) var checkinReminder: CheckinReminder?

  @Option(
    help: ArgumentHelp(
      "Colour: auto (when the terminal has it), always, or never. NO_COLOR still wins.",
      valueName: "auto|always|never"),
    completion: .list(Settings.Color.allCases.map(\.rawValue)))
  var color: String?

  /// Each flag's value is checked by the same rule the file and the variables go by.
  func validate() throws {
    if noPivots, let pivots, pivots > 0 {
      throw ValidationError("give --pivots or --no-pivots, not both.")
    }
    var scratch = Settings()
    try apply(to: &scratch)
  }

  /// The flags over `settings`: each one given wins.
  func apply(to settings: inout Settings) throws(ValidationError) {
    func set(_ key: Settings.Key, _ text: String?, flag: String) throws(ValidationError) {
      guard let text else { return }
      if case .failure(let why) = settings.set(key, text) {
        let end = why.message.hasSuffix(".") ? "" : "."
        throw ValidationError("\(flag) '\(text)': \(why.message)\(end)")
      }
      settings.mark(key, .flag)
    }
    try set(.plan, plan, flag: "--plan")
    try set(.pivots, noPivots ? "0" : pivots.map(String.init), flag: "--pivots")
    try set(.bell, bell, flag: "--bell")
    try set(.drillGrace, drillGrace, flag: "--drill-grace")
    try set(
      .checkinReminder, checkinReminder.map { $0 == .checkinReminder ? "true" : "false" },
      flag: "--checkin-reminder")
    try set(.color, color, flag: "--color")
  }

  /// The settings a command runs with: built in, then config.yaml, then the variables, then
  /// these flags. A problem in the file or a variable stops the command (exit 2).
  func settings(_ env: [String: String]) throws -> Settings {
    var settings = try ConfigFile.settings(env)
    try apply(to: &settings)
    return settings
  }
}

/// `config.yaml`: where it is, and what it says.
enum ConfigFile {
  /// `$MOCKROOM_HOME/config.yaml`, else `$XDG_CONFIG_HOME/mockroom/config.yaml`, else
  /// `~/.config/mockroom/config.yaml`.
  static func path(_ env: [String: String]) -> String {
    DataPaths.configDirectory(env) + "/config.yaml"
  }

  /// A config file is a few lines; anything far larger is a mistake.
  static let largestFile = 256 << 10

  /// The file read over the built-in settings, and the variables over it: the problems (each
  /// at its place) and the warnings. A missing file is no settings, not a problem.
  static func read(_ env: [String: String]) -> (
    settings: Settings, problems: [String], warnings: [String]
  ) {
    var settings = Settings()
    var problems: [String] = []
    var warnings: [String] = []
    let path = path(env)
    var status = stat()
    guard lstat(path, &status) == 0 || errno != ENOENT else {
      problems += settings.read(environment: env)
      return (settings, problems, warnings)
    }
    switch RegularFile.read(
      path, limit: largestFile,
      tooLarge: "larger than \(RegularFile.sizeText(largestFile)); is this a config file?")
    {
    case .success(let bytes):
      let read = settings.read(file: path, bytes: bytes)
      problems += read.problems.map(\.description)
      warnings += read.warnings.map(\.description)
    case .failure(let failure): problems.append("\(path): \(failure.reason)")
    }
    problems += settings.read(environment: env)
    return (settings, problems, warnings)
  }

  /// The settings from the file and the variables; warnings go to stderr, and a problem
  /// stops the command with exit 2.
  static func settings(_ env: [String: String]) throws -> Settings {
    let read = read(env)
    for warning in read.warnings { warn(warning) }
    guard read.problems.isEmpty else {
      throw UserError(read.problems.joined(separator: "\nmockroom: "), code: 2)
    }
    return read.settings
  }
}
