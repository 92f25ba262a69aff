import MockCore

/// Every variable of the environment mockroom reads, and what it does: the one list the
/// manual's ENVIRONMENT section is written from. A test checks that each name the code reads
/// is here.
enum Environment {
  struct Variable {
    let name: String
    let text: String
  }

  static var variables: [Variable] {
    [
      Variable(
        name: "MOCKROOM_HOME",
        text: "An absolute path: one directory for everything mockroom keeps (sessions/, "
          + "config.yaml, plans/, hooks/, prompts/, questions.md, hooks.log, cache/), in place "
          + "of the XDG directories. The tests and a second identity use it."),
      Variable(
        name: "MOCKROOM_PROMPTS",
        text: "The directory of the bundled prompts, when --prompts is not given. Without "
          + "either, Prompts/ beside the program (or ../share/mockroom/Prompts) is used."),
    ]
      + Settings.variables.map { variable in
        Variable(
          name: variable.name,
          text: "The setting \(variable.key.rawValue) (see mockroom-config(5)): over "
            + "config.yaml, under a flag. A value that does not read stops the command "
            + "with exit 2.")
      }
      + [
        Variable(
          name: "MOCKROOM_TRACE",
          text: "A file to append timing figures to, for scripts/bench; of use only to "
            + "mockroom's developers."),
        Variable(
          name: "MOCKROOM_TEST_TIME_SCALE",
          text: "For mockroom's own tests only: a whole number from 1 to 100 that runs the "
            + "time a session's screens see that many times faster. Hooks, sockets and the "
            + "record's wall labels keep real time. Never set it for practice."),
        Variable(
          name: "VISUAL",
          text: "The editor 'questions edit' and 'interview edit', 'premortem' and 'writeup' "
            + "open, as words (no shell); the first of VISUAL and EDITOR that is set, else vi."),
        Variable(name: "EDITOR", text: "The editor, when VISUAL is not set."),
        Variable(
          name: "NO_COLOR",
          text: "When set and not empty, the screen uses no colour, only bold and reverse "
            + "video, whatever --color or config.yaml say."),
        Variable(
          name: "TERM",
          text: "The terminal's type. A session, a drill and the interviewer's console need "
            + "it set to a type the terminfo database knows; without it they exit 2."),
        Variable(name: "HOME", text: "The base of the XDG directories that are not set."),
        Variable(
          name: "XDG_DATA_HOME",
          text: "Session records go in $XDG_DATA_HOME/mockroom/sessions (default "
            + "~/.local/share/mockroom)."),
        Variable(
          name: "XDG_CONFIG_HOME",
          text: "Your files (config.yaml, plans/, hooks/, prompts/, questions.md) are in "
            + "$XDG_CONFIG_HOME/mockroom (default ~/.config/mockroom)."),
        Variable(
          name: "XDG_STATE_HOME",
          text: "The hook log is $XDG_STATE_HOME/mockroom/hooks.log (default "
            + "~/.local/state/mockroom)."),
        Variable(
          name: "XDG_CACHE_HOME",
          text: "The prompt cache and the index of records are in $XDG_CACHE_HOME/mockroom "
            + "(default ~/.cache/mockroom)."),
        Variable(
          name: "XDG_RUNTIME_DIR",
          text: "Running sessions' control sockets are in $XDG_RUNTIME_DIR/mockroom."),
        Variable(
          name: "TMPDIR",
          text: "Without XDG_RUNTIME_DIR, sockets go in $TMPDIR/mockroom-UID (default /tmp). "
            + "A record the disk would not take is saved here when a session ends, and so is "
            + "a debrief its record would not take (then /tmp, /var/tmp, $HOME)."),
        Variable(
          name: "PATH",
          text: "Where a hook's program, and the built-in hooks' espeak-ng, spd-say, say and "
            + "notify-send, are looked for."),
        Variable(
          name: "DBUS_SESSION_BUS_ADDRESS",
          text: "The desktop session's bus, which the notify hook's notify-send needs; "
            + "'config check' says when neither it nor $XDG_RUNTIME_DIR/bus is there."),
      ]
  }

  /// The variables a hook is given, every event's, in the order the events first name them.
  static var hookVariables: [String] {
    var names = ["MOCKROOM_EVENT"]
    for event in HookEvent.allCases {
      for variable in event.variables where !names.contains("MOCKROOM_" + variable) {
        names.append("MOCKROOM_" + variable)
      }
    }
    return names
  }
}
