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
  public internal(set) var places: [Key: Place] = [:]
  /// Where each of `hooks`' commands stands in `config.yaml`, in the same order.
  public internal(set) var hookPlaces: [HookEvent: [Place]] = [:]

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
