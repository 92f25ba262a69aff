/// The moments a hook hears of, by the names its file in `hooks/` and its key under `hooks:`
/// in `config.yaml` carry.
public enum HookEvent: String, CaseIterable, Comparable, Sendable {
  case sessionStarted = "session-started"
  case sessionEnded = "session-ended"
  case phaseEntered = "phase-entered"
  /// The current phase used its whole budget.
  case phaseOver = "phase-over"
  case cueFired = "cue-fired"
  case drillStarted = "drill-started"
  case drillAnswered = "drill-answered"
  case drillEnded = "drill-ended"
  /// A real interview has ended and its write-up is not written: once, at the first command
  /// after its end.
  case writeupDue = "writeup-due"

  public static func < (a: HookEvent, b: HookEvent) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }

  /// The variables a hook for this event gets, besides `MOCKROOM_EVENT`, each explained (for
  /// the README and `hooks test`).
  public var variables: [String] {
    let session = ["SESSION", "PLAN", "PHASE", "BUDGET_S", "ELAPSED_S", "REMAINING_S", "TEXT"]
    let drill = ["SESSION", "DRILL", "TEXT"]
    switch self {
    case .sessionStarted, .sessionEnded, .phaseEntered, .phaseOver:
      return session + ["PROMPT", "RECORD"]
    case .cueFired: return session + ["CUE", "KIND", "PROMPT", "RECORD"]
    case .drillStarted, .drillEnded: return drill + ["RECORD"]
    case .drillAnswered: return drill + ["KIND", "RESULT", "RECORD"]
    case .writeupDue: return ["INTERVIEW", "DUE", "LEFT_S", "TEXT", "RECORD"]
    }
  }
}

/// What a hook runs: a program with its arguments (no shell, unless it is the program), or one
/// of the built-ins.
public enum HookCommand: Equatable, Sendable {
  case program([String])
  /// Reads `MOCKROOM_TEXT` aloud with the first of espeak-ng, spd-say and say found; the
  /// options go to that program before the text.
  case speak(options: [String])
  /// A desktop notification through notify-send; the options go to it before the title.
  case notify(options: [String])

  /// The names of the built-ins, as `config.yaml` writes them.
  public static let builtIns = ["speak", "notify"]
  /// The programs `speak` uses, the first found on PATH.
  public static let speechPrograms = ["espeak-ng", "spd-say", "say"]

  /// How the command is named in messages and the record: `notify-send mockroom`, `speak`.
  public var shown: String {
    switch self {
    case .program(let argv): argv.joined(separator: " ")
    case .speak(let options): (["speak"] + options).joined(separator: " ")
    case .notify(let options): (["notify"] + options).joined(separator: " ")
    }
  }
}

/// One moment for the hooks: the event, and the variables every hook for it gets (without the
/// `MOCKROOM_` in front; the shell adds it, and `RECORD`).
public struct HookCall: Equatable, Sendable {
  public var event: HookEvent
  public var variables: [String: String]

  public init(event: HookEvent, variables: [String: String]) {
    self.event = event
    self.variables = variables
  }

  /// The environment entries: `MOCKROOM_EVENT=cue-fired` first, the rest by name.
  public var environment: [String] {
    ["MOCKROOM_EVENT=\(event.rawValue)"]
      + variables.sorted { $0.key < $1.key }.map { "MOCKROOM_\($0.key)=\($0.value)" }
  }
}

/// How a hook went, as the shell saw it.
public struct HookResult: Equatable, Sendable {
  public enum Outcome: Equatable, Sendable {
    case exited(Int32)
    case killedBy(signal: Int32)
    /// It ran past its time and was stopped.
    case timedOut(after: Millis)
    /// It was still running when the program ended, and was stopped then.
    case stoppedAtExit
    /// It never ran, and why (not found, not executable, no speech program).
    case notStarted(String)
  }

  public var event: HookEvent
  public var command: String
  public var outcome: Outcome
  /// From the spawn to the reap.
  public var took: Millis
  /// The same, to the nanosecond, as the hook log and `hooks test` say it; nil for a hook
  /// that never started.
  public var tookNanoseconds: Int64?

  public init(
    event: HookEvent, command: String, outcome: Outcome, took: Millis,
    tookNanoseconds: Int64? = nil
  ) {
    self.event = event
    self.command = command
    self.outcome = outcome
    self.took = took
    self.tookNanoseconds = tookNanoseconds
  }

  public var failed: Bool { outcome != .exited(0) }

  /// `exit 3`, `killed by signal 9`, `stopped after 5s`, `could not start: …`.
  public var why: String {
    switch outcome {
    case .exited(let code): code == 0 ? "exit 0" : "exit \(code)"
    case .killedBy(let signal): "killed by signal \(signal)"
    case .timedOut(let limit): "still running after \(Self.seconds(limit)), so stopped"
    case .stoppedAtExit: "stopped at exit"
    case .notStarted(let reason): "could not start: \(reason)"
    }
  }

  /// `5s`, `0.5s`.
  static func seconds(_ ms: Millis) -> String {
    ms % 1000 == 0 ? "\(ms / 1000)s" : "\(Double(ms) / 1000)s"
  }

  /// The record line of a hook that failed.
  public var failure: HookFailure {
    HookFailure(event: event, command: command, why: why)
  }
}

/// A hook that failed, as the record keeps it.
public struct HookFailure: Equatable, Sendable {
  public var event: HookEvent
  public var command: String
  public var why: String

  public init(event: HookEvent, command: String, why: String) {
    self.event = event
    self.command = command
    self.why = why
  }
}

extension HookCall {
  /// The call `mockroom hooks test` makes: every variable the event has, with a value of the
  /// kind a session gives.
  public static func example(_ event: HookEvent) -> HookCall {
    var variables = [
      "SESSION": "20261202-093000-video-recs", "PLAN": "standard", "PHASE": "design",
      "BUDGET_S": "900", "ELAPSED_S": "420", "REMAINING_S": "480", "PROMPT": "video-recs",
    ]
    let drill = ["SESSION": "20261202-093000-drill-estimate", "DRILL": "estimate"]
    switch event {
    case .sessionStarted: variables["TEXT"] = "session started: Short-video recommendations"
    case .sessionEnded:
      // A session ends in ops, with its last phase's figures.
      variables["PHASE"] = "ops"
      variables["BUDGET_S"] = "300"
      variables["ELAPSED_S"] = "310"
      variables["REMAINING_S"] = "-10"
      variables["TEXT"] = "session finished after 44:10"
    case .phaseEntered: variables["TEXT"] = "design"
    case .phaseOver:
      variables["ELAPSED_S"] = "900"
      variables["REMAINING_S"] = "0"
      variables["TEXT"] = "design is over its budget"
    case .cueFired:
      variables["CUE"] = "pivot-1"
      variables["KIND"] = "pivot"
      variables["TEXT"] = "Now make it work across three regions."
    case .drillStarted:
      variables = drill
      variables["TEXT"] = "estimation drill: 3 problems"
    case .drillAnswered:
      variables = drill
      variables["KIND"] = "gpus"
      variables["RESULT"] = "pass"
      variables["TEXT"] = "gpus: 1.2x high, in 48 seconds"
    case .drillEnded:
      variables = drill
      variables["TEXT"] = "estimation drill: 2 of 3 passed"
    case .writeupDue:
      variables = [
        "INTERVIEW": "20261209-acme", "DUE": "2026-12-09T20:00+01:00", "LEFT_S": "14400",
        "TEXT": "4:00 left of the four hours to write up Acme, staff ML engineer",
      ]
    }
    return HookCall(event: event, variables: variables)
  }
}
