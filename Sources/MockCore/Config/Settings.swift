import Yams

/// The defaults a person keeps for their sessions. Each comes from the first of: a flag, a
/// `MOCKROOM_*` variable, `config.yaml`, and the built-in value; `sources` says which.
public struct Settings: Equatable, Sendable {
  /// Where a value came from.
  public enum Source: String, Sendable {
    case builtIn = "default", file, environment, flag
  }

  /// Whether the screen uses colour. `NO_COLOR` in the environment wins over all of them.
  public enum Color: String, CaseIterable, Sendable {
    /// Colour when the terminal has it.
    case auto
    /// For scripts that say so; a terminal cannot be made to show colour it lacks, so it reads
    /// as `auto`.
    case always
    case never
  }

  /// The settings, by their names in `config.yaml`.
  public enum Key: String, CaseIterable, Sendable {
    case plan, bell, pivots
    case checkinReminder = "checkin_reminder"
    case drillGrace = "drill_grace"
    case color, plans, hooks
    case hookTimeout = "hook_timeout"
    case estimateTime = "estimate_time"
    case cardCount = "card_count"
  }

  public static let bells = ["on", "off", "flash"]

  public var plan = "standard"
  public var bell = "on"
  public var pivots = Schedule.defaultCount
  public var checkinReminder = false
  public var drillGrace: Millis = 0
  public var color = Color.auto
  /// Plans written in `config.yaml` under `plans:`, as if each were a file of its own.
  public var plans: [PlanFile] = []
  /// The hooks written in `config.yaml`, by event (the `hooks/` files are the shell's).
  public var hooks: [HookEvent: [HookCommand]] = [:]
  /// How long a hook may run before it is stopped.
  public var hookTimeout: Millis = 5_000
  /// The time each problem of `drill estimate` has.
  public var estimateTime: Millis = 60_000
  /// Cards a `drill numbers` asks.
  public var cardCount = 8
  public private(set) var sources: [Key: Source] = [:]
  /// Where in `config.yaml` each setting read from it stands, for `config check`.
  public private(set) var places: [Key: Place] = [:]
  /// Where each of `hooks`' commands stands in `config.yaml`, in the same order.
  public private(set) var hookPlaces: [HookEvent: [Place]] = [:]

  /// A line and column of `config.yaml`.
  public struct Place: Equatable, Sendable {
    public var line: Int
    public var column: Int

    init(_ node: Node) {
      line = node.mark?.line ?? 1
      column = node.mark?.column ?? 1
    }
  }

  public init() {}

  public func source(_ key: Key) -> Source { sources[key] ?? .builtIn }

  /// Notes that `key` was set from `source`.
  public mutating func mark(_ key: Key, _ source: Source) { sources[key] = source }

  /// Every value as `config show` prints it, with where it came from.
  public var shown: [(key: String, value: String, source: Source)] {
    Key.allCases.map { key in
      let value: String
      switch key {
      case .plan: value = plan
      case .bell: value = bell
      case .pivots: value = "\(pivots)"
      case .checkinReminder: value = checkinReminder ? "true" : "false"
      case .drillGrace: value = drillGrace == 0 ? "0s" : DurationText.clock(drillGrace)
      case .color: value = color.rawValue
      case .plans: value = plans.isEmpty ? "none" : plans.map(\.plan.name).joined(separator: ", ")
      case .hooks:
        value =
          hooks.isEmpty
          ? "none"
          : hooks.keys.sorted().map { "\($0.rawValue) (\(hooks[$0]!.count))" }
            .joined(separator: ", ")
      case .hookTimeout: value = HookResult.seconds(hookTimeout)
      case .estimateTime: value = DurationText.clock(estimateTime)
      case .cardCount: value = "\(cardCount)"
      }
      return (key.rawValue, value, source(key))
    }
  }

  /// `config show`: a table of every setting, its value, and where it came from.
  public var table: [String] {
    ReviewText.table(
      ["SETTING", "VALUE", "FROM"], shown.map { [$0.key, $0.value, $0.source.rawValue] })
  }

  // MARK: - config.yaml

  /// Reads `config.yaml` over these settings. A value of the wrong kind is a problem (the
  /// command stops); an unknown key is a warning that names the closest known one.
  public mutating func read(file: String, bytes: [UInt8]) -> (
    problems: [PromptProblem], warnings: [PromptProblem]
  ) {
    var reader = NodeReader(file: file, lineOffset: 0)
    guard let text = reader.utf8Text(bytes) else { return (reader.problems, []) }
    // An empty file (or one of comments only) is no settings at all.
    let content = text.split(separator: "\n").map { $0.trimmingWhitespace }
    guard content.contains(where: { !$0.isEmpty && !$0.hasPrefix("#") }) else { return ([], []) }
    guard let root = reader.compose(text) else { return (reader.problems, []) }
    if root.scalar != nil, reader.isNull(root) { return ([], []) }
    guard let mapping = root.mapping else {
      reader.report(root, "config.yaml must be a mapping of settings, not \(reader.describe(root))")
      return (reader.problems, [])
    }
    var warnings: [PromptProblem] = []
    let names = Key.allCases.map(\.rawValue)
    for (node, value) in mapping {
      guard let name = node.scalar?.string, let key = Key(rawValue: name) else {
        let word = node.scalar?.string ?? "?"
        let hint = closest(to: word, in: names, limit: 1).first.map { " (did you mean '\($0)'?)" }
        let mark = node.mark
        warnings.append(
          PromptProblem(
            file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
            message: "unknown setting '\(word)'\(hint ?? ""); it is ignored"))
        continue
      }
      if read(key, value, &reader, file: file, warnings: &warnings) {
        mark(key, .file)
        places[key] = Place(value)
      }
    }
    return (reader.problems.sorted(by: PromptProblem.sortedOrder), warnings)
  }

  /// One setting from the file; false (with a problem) when it does not read.
  private mutating func read(
    _ key: Key, _ node: Node, _ reader: inout NodeReader, file: String,
    warnings: inout [PromptProblem]
  ) -> Bool {
    if key == .plans { return readPlans(node, &reader, file: file) }
    if key == .hooks { return readHooks(node, &reader, file: file, warnings: &warnings) }
    guard let text = reader.scalar(node, key.rawValue) else { return false }
    switch set(key, text) {
    case .success: return true
    case .failure(let why):
      reader.report(node, "'\(key.rawValue)': \(why.message)")
      return false
    }
  }

  private mutating func readPlans(_ node: Node, _ reader: inout NodeReader, file: String) -> Bool {
    guard let mapping = node.mapping else {
      reader.report(node, "'plans' must be a mapping of plan names to plans")
      return false
    }
    let before = reader.problems.count
    var read: [PlanFile] = []
    for (key, value) in mapping {
      guard let name = key.scalar?.string, PromptParser.isUsableID(name) else {
        reader.report(
          key, "a plan's name is lowercase letters, digits and single hyphens, like screen-35")
        continue
      }
      // Each plan reads as its own file would, with its places in config.yaml.
      if let plan = PlanFile.read(value, name: name, file: file, what: "plan '\(name)'", &reader) {
        read.append(plan)
      }
    }
    plans = read
    return reader.problems.count == before
  }

  /// `hooks:`: each event's list of commands. A command is a list of words (a program and its
  /// arguments), or a built-in: `speak` or `notify`, alone or as `{speak: [options]}`.
  private mutating func readHooks(
    _ node: Node, _ reader: inout NodeReader, file: String, warnings: inout [PromptProblem]
  ) -> Bool {
    if reader.isNull(node) {
      hooks = [:]
      return true
    }
    guard let mapping = node.mapping else {
      reader.report(node, "'hooks' must be a mapping of events to lists of commands")
      return false
    }
    let before = reader.problems.count
    var read: [HookEvent: [HookCommand]] = [:]
    var places: [HookEvent: [Place]] = [:]
    let names = HookEvent.allCases.map(\.rawValue)
    for (key, value) in mapping {
      guard let name = key.scalar?.string, let event = HookEvent(rawValue: name) else {
        let word = key.scalar?.string ?? "?"
        let hint = closest(to: word, in: names, limit: 1).first.map { " (did you mean '\($0)'?)" }
        warnings.append(
          PromptProblem(
            file: file, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1,
            message: "unknown hook event '\(word)'\(hint ?? ""); its hooks never run"))
        continue
      }
      let commands = reader.list(value, name) { reader, item in
        Self.hookCommand(item, &reader, event: name).map { ($0, Place(item)) }
      }
      read[event, default: []] += commands.map(\.0)
      places[event, default: []] += commands.map(\.1)
    }
    hooks = read
    hookPlaces = places
    return reader.problems.count == before
  }

  private static func hookCommand(_ node: Node, _ reader: inout NodeReader, event: String)
    -> HookCommand?
  {
    let shape =
      "a hook of '\(event)' is a list of words such as [notify-send, mockroom], "
      + "or speak or notify"
    func words(_ node: Node, _ what: String) -> [String]? {
      guard let sequence = node.sequence, !sequence.isEmpty else {
        reader.report(node, "\(what) must be a list of words, not \(reader.describe(node))")
        return nil
      }
      let read = sequence.compactMap { reader.scalar($0, "a word of \(what)", label: true) }
      return read.count == sequence.count ? read : nil
    }
    func builtIn(_ name: String, _ options: [String]) -> HookCommand? {
      switch name {
      case "speak": return .speak(options: options)
      case "notify": return .notify(options: options)
      default: return nil
      }
    }
    if let scalar = node.scalar {
      if let command = builtIn(scalar.string, []) { return command }
      reader.report(node, "\(shape), not '\(scalar.string)'")
      return nil
    }
    if let mapping = node.mapping {
      guard mapping.count == 1, let (key, value) = mapping.first,
        let name = key.scalar?.string, HookCommand.builtIns.contains(name)
      else {
        reader.report(node, "\(shape); a mapping names one built-in and its options")
        return nil
      }
      return words(value, "\(name)'s options").flatMap { builtIn(name, $0) }
    }
    return words(node, "a hook of '\(event)'").map(HookCommand.program)
  }

  /// Why a value was refused, without the value: the file points at it, a variable and a
  /// flag say it.
  public struct Refused: Error, Equatable, Sendable {
    public let message: String
  }

  /// Sets `key` from its text, as the file, a variable or a flag gives it.
  public mutating func set(_ key: Key, _ text: String) -> Result<Void, Refused> {
    switch key {
    case .plan:
      guard !text.isEmpty else { return .failure(Refused(message: "give a plan's name")) }
      plan = text
    case .bell:
      guard Self.bells.contains(text) else {
        return .failure(Refused(message: "use on, off or flash"))
      }
      bell = text
    case .pivots:
      guard let n = Int(text), (0...Schedule.maximumCount).contains(n) else {
        return .failure(
          Refused(message: "give a number from 0 to \(Schedule.maximumCount)"))
      }
      pivots = n
    case .checkinReminder:
      switch text.lowercased() {
      case "true", "yes", "on": checkinReminder = true
      case "false", "no", "off": checkinReminder = false
      default: return .failure(Refused(message: "use true or false"))
      }
    case .drillGrace:
      // None is a grace too: the drill is late from the plan's drill start.
      if text == "0" || text == "0s" {
        drillGrace = 0
        return .success(())
      }
      do {
        drillGrace = try DurationText.parse(text)
      } catch {
        return .failure(Refused(message: "\(error)"))
      }
    case .color:
      guard let color = Color(rawValue: text) else {
        return .failure(Refused(message: "use auto, always or never"))
      }
      self.color = color
    case .plans:
      return .failure(Refused(message: "plans are written in config.yaml or in plans/"))
    case .hooks:
      return .failure(Refused(message: "hooks are written in config.yaml or in hooks/"))
    case .estimateTime:
      do {
        let limit = try DurationText.parse(text)
        guard limit >= 5_000, limit <= 600_000 else {
          return .failure(Refused(message: "give a time from 5s to 10m"))
        }
        estimateTime = limit
      } catch {
        return .failure(Refused(message: "\(error)"))
      }
    case .cardCount:
      guard let n = Int(text), (1...NumberCard.deck.count).contains(n) else {
        return .failure(Refused(message: "give a number from 1 to \(NumberCard.deck.count)"))
      }
      cardCount = n
    case .hookTimeout:
      do {
        let limit = try DurationText.parse(text)
        guard limit >= 1_000, limit <= 600_000 else {
          return .failure(Refused(message: "give a time from 1s to 10m"))
        }
        hookTimeout = limit
      } catch {
        return .failure(Refused(message: "\(error)"))
      }
    }
    return .success(())
  }

  /// What `config init` writes: every setting at its default, each explained.
  public static let template = """
    # mockroom's defaults. A flag still wins over these, and so do the variables
    # \(variables.map(\.name).joined(separator: ", ")).
    # 'mockroom config show' prints what a session would use, and where each value came from.

    # The plan: standard (45 minutes), screen-35, loop-60, or one of your own
    # (plans/NAME.yaml beside this file, or under 'plans:' below).
    plan: standard

    # How a banner announces itself: on (the bell), off, or flash (the screen).
    bell: on

    # How many interjections (pivots, pushback, curveballs, silences) a session throws in: 0-9.
    pivots: \(Schedule.defaultCount)

    # A reminder after 5 minutes of design or drill without a check-in.
    checkin_reminder: false

    # How long after the plan's drill start to say the drill is late (0s: at once).
    drill_grace: 0s

    # Colour: auto, always or never. NO_COLOR in the environment wins over it.
    color: auto

    # The drills: the time each estimation problem has, and how many cards a numbers drill asks.
    estimate_time: 1:00
    card_count: 8

    # How long a hook may run before it is stopped (TERM, then KILL).
    hook_timeout: 5s

    # Hooks: programs run at moments of a session, never waited for. Each event takes a list
    # of commands: a list of words (no shell, unless you name one), or the built-ins speak
    # (reads the cue or the phase aloud) and notify (notify-send). An executable file
    # hooks/EVENT beside this file runs too. Events: \(HookEvent.allCases.map(\.rawValue).joined(separator: ", ")).
    # hooks:
    #   cue-fired: [speak, [notify-send, mockroom]]
    #   phase-over: [[sh, -c, 'echo "$MOCKROOM_PHASE ran over" >> ~/overruns.txt']]

    # Plans of your own, as a plan file would hold them:
    # plans:
    #   quick:
    #     description: a short screen
    #     budgets: {design: 10m, drill: 10m}

    """

  /// The variables read, by the setting each sets. Only these: the rest is the file's.
  public static let variables: [(name: String, key: Key)] = [
    ("MOCKROOM_PLAN", .plan), ("MOCKROOM_BELL", .bell), ("MOCKROOM_PIVOTS", .pivots),
    ("MOCKROOM_COLOR", .color),
  ]

  /// Reads the `MOCKROOM_*` variables over these settings; what is wrong with each is said.
  public mutating func read(environment: [String: String]) -> [String] {
    var errors: [String] = []
    for (name, key) in Self.variables {
      guard let text = environment[name], !text.isEmpty else { continue }
      switch set(key, text) {
      case .success: mark(key, .environment)
      case .failure(let why): errors.append("\(name)=\(text): \(why.message)")
      }
    }
    return errors
  }
}
