import MockCore

/// mockroom-hooks(5): every hook event and every variable a hook gets, written from
/// `HookEvent` and its `variables`.
enum HooksPage {
  /// When each event comes.
  static let events: [HookEvent: String] = [
    .sessionStarted: "The clock starts.",
    .sessionEnded: "The session finished or was abandoned.",
    .phaseEntered: "A phase begins: the first at the start, then each move on or back.",
    .phaseOver: "The current phase used its whole budget (again, if it was given more and used "
      + "that too).",
    .cueFired: "A banner goes up: an interjection from a deck or the interviewer, or a coaching "
      + "cue about time.",
    .drillStarted: "A drill begins.",
    .drillAnswered: "A problem of a drill is answered, a card rated, or a recovery round rated.",
    .drillEnded: "A drill finished or was quit.",
    .writeupDue: "A real interview ('mockroom interview') has ended with no write-up: fired "
      + "once, by the first mockroom command after its end.",
  ]

  /// What each variable holds, by its name after MOCKROOM_.
  static let variables: [String: String] = [
    "EVENT": "The event's name, as above.",
    "SESSION": "The session's or the drill's id, as its record is named.",
    "PLAN": "The plan's name (custom when --budget changed the standard plan).",
    "PHASE": "The current phase: clarify, estimate, design, drill or ops.",
    "BUDGET_S": "The current phase's budget, in whole seconds.",
    "ELAPSED_S": "The time spent in the current phase, in whole seconds.",
    "REMAINING_S": "What is left of the current phase's budget, in whole seconds; negative "
      + "once it is over.",
    "TEXT": "A line to say or show: the cue's words, the phase's name, or a short sentence. The "
      + "built-in speak reads it and notify shows it.",
    "PROMPT": "The prompt's id; absent for a session without one.",
    "RECORD": "The path of the session's or drill's record (for writeup-due, the interview's "
      + "file).",
    "CUE": "The cue's id: a deck entry's, or one of the coaching cues' (last-90s, drill-late, "
      + "and the rest).",
    "KIND": "For cue-fired, the cue's kind as the record writes it (pivot, one_minute, ...); "
      + "for drill-answered, the problem's kind, the card's id or the slip planted.",
    "DRILL": "The drill: estimate, numbers, recovery or slip.",
    "RESULT": "For drill-answered: pass or fail, or a card's rating.",
    "INTERVIEW": "For writeup-due: the real interview's id, as its file is named.",
    "DUE": "For writeup-due: when the write-up is due, four hours after the interview's end.",
    "LEFT_S": "For writeup-due: the seconds left until then; negative once past.",
  ]

  /// Every variable any event's hook gets, without MOCKROOM_.
  static var allVariables: [String] {
    Environment.hookVariables.map { String($0.dropFirst("MOCKROOM_".count)) }
  }

  /// Events and variables with no line on the page.
  static func missing(_ events: [HookEvent: String], _ variables: [String: String]) -> [String] {
    HookEvent.allCases.filter { events[$0] == nil }.map(\.rawValue)
      + allVariables.filter { variables[$0] == nil }.map { "MOCKROOM_" + $0 }
  }

  static func mdoc(date: String) -> String {
    var page = Mdoc(
      title: "mockroom-hooks", section: 5, date: date, name: "mockroom-hooks",
      description: "programs mockroom runs at the moments of a session")
    page.section("SYNOPSIS")
    page.paths(["$XDG_CONFIG_HOME/mockroom/hooks/EVENT", "$XDG_CONFIG_HOME/mockroom/config.yaml"])
    page.section("DESCRIPTION")
    page.text(
      "A hook is a program run when something happens in a session or a drill: a sound, a "
        + "spoken cue, a desktop notification, a line in a file. It never holds the session "
        + "up: it is started and reaped on the same loop as the clock, never waited for.")
    page.paragraph()
    page.text("There are two ways to set one, and both run:")
    page.list([
      (
        "Pa \(Mdoc.word("hooks/EVENT"))",
        "An executable file named for the event, in the config directory beside config.yaml "
          + "($MOCKROOM_HOME, else $XDG_CONFIG_HOME/mockroom, else ~/.config/mockroom). One "
          + "that is there but cannot run is said once, when its event comes, and by 'mockroom "
          + "config check'."
      ),
      (
        "Cm hooks",
        "In config.yaml, a mapping of events to lists of commands. A command is a list of "
          + "words, a program and its arguments, run without a shell unless you name one; or "
          + "a built-in. speak reads MOCKROOM_TEXT aloud with the first of espeak-ng, spd-say "
          + "and say on PATH; notify shows it with notify-send. Written as {speak: [options]}, "
          + "the options go to that program first."
      ),
    ])
    page.paragraph()
    page.text(
      "Each hook runs in its own process group, with stdin from /dev/null and its output "
        + "appended to the hook log. After hook_timeout (5s unless config.yaml says otherwise) "
        + "the group gets TERM, and KILL half a second later. A hook that fails, runs out of "
        + "time or cannot start is a hook_failed line in the record and a notice at the "
        + "bottom of the screen. When mockroom exits, hooks still running get two seconds more.")
    page.paragraph()
    page.text(
      "'mockroom hooks' lists what is set and where the log is; 'mockroom hooks test EVENT' "
        + "runs an event's hooks with example variables and says how each went.")
    page.section("EVENTS")
    page.macro("Bl -tag -width Ds")
    for event in HookEvent.allCases {
      page.macro("It Cm \(Mdoc.word(event.rawValue))")
      page.text(events[event] ?? "")
      page.text(
        "Variables: "
          + (["EVENT"] + event.variables).map { "MOCKROOM_" + $0 }.joined(separator: ", ") + ".")
    }
    page.macro("El")
    page.section("ENVIRONMENT")
    page.text(
      "A hook gets mockroom's own environment without any MOCKROOM_ variable, and then these; "
        + "each event's list is above.")
    page.list(
      allVariables.map { ("Ev \(Mdoc.word("MOCKROOM_" + $0))", variables[$0] ?? "") },
      width: "MOCKROOM_REMAINING_S")
    page.section("FILES")
    page.list([
      (
        "Pa \(Mdoc.word("$XDG_STATE_HOME/mockroom/hooks.log"))",
        "The hook log: each hook's command, its output, and how it ended with its "
          + "spawn-to-reap time. $MOCKROOM_HOME/hooks.log with MOCKROOM_HOME set; "
          + "~/.local/state/mockroom/hooks.log without XDG_STATE_HOME."
      )
    ])
    page.section("EXAMPLES")
    page.literal(
      """
      hooks:
        cue-fired: [speak, [notify-send, -a, mockroom, interjection]]
        phase-over: [[sh, -c, 'echo "$MOCKROOM_PHASE ran over" >> ~/overruns.txt']]
      """)
    page.paragraph()
    page.text("A file hook, ringing a sound as each phase begins:")
    page.literal(
      """
      $ cat ~/.config/mockroom/hooks/phase-entered
      #!/bin/sh
      exec paplay /usr/share/sounds/freedesktop/stereo/bell.oga
      $ chmod +x ~/.config/mockroom/hooks/phase-entered
      $ mockroom hooks test phase-entered
      """)
    page.section("SEE ALSO")
    page.macro("Xr mockroom 1 ,")
    page.macro("Xr mockroom-config 5 ,")
    page.macro("Xr mockroom-hooks-test 1 ,")
    page.macro("Xr mockroom-record 5")
    return page.page
  }
}
