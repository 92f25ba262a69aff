import MockCore

/// mockroom-record(5): the record's lines, written from `Record.Kind` and the schema versions
/// the code writes, and the index's tables, from the statements that make them.
enum RecordPage {
  /// What each line says, and its own fields.
  static let kinds: [Record.Kind: String] = [
    .sessionStarted: "A session's first line: id, title, program (the version of mockroom), "
      + "prompt, seed, plan {name, budgets_ms}, and schedule: the interjections placed, "
      + "drill_grace_ms, checkin_every_ms, and with --hostile or --checkins their placing; "
      + "interviewer, the name given with --interviewer.",
    .phaseEntered: "phase, and via: start, next or back.",
    .phaseLeft: "phase, elapsed_ms (its active time over every stint), budget_ms, overrun_ms.",
    .paused: "The clock stopped; no fields of its own.",
    .resumed: "paused_ms: how long the pause lasted.",
    .budgetChanged: "phase, from_ms, to_ms.",
    .rebalanced: "phase (the current one), other (the next phase still to start), moved_ms "
      + "(taken from other; negative when given back).",
    .sessionEnded: "outcome (finished or abandoned), reason (completed, quit, or signal with "
      + "signal), active_ms: the time worked, pauses left out.",
    .cueFired: "A banner went up: banner (its number), cue, kind, and as they apply text, "
      + "phase, late_ms (when it came two seconds or more after its point), questions.",
    .acknowledged: "banner, cue, kind, after_ms: from the banner going up to its 'a'.",
    .replanned: "banner, cue, after_ms: from a pivot's banner to 'r'.",
    .marked: "mark (reset, error_caught, checkin, missed_estimate, fabricated_number, "
      + "skipped_ops, or recovery with move).",
    .suspended: "Stopped with Ctrl-Z; no fields of its own.",
    .continued: "stopped_ms: how long it was stopped, counted as paused time.",
    .slept: "slept_ms: how long the machine slept, already outside session time.",
    .debrief: "scores {dimension: 1-5}, overran, why, notes, and by: the interviewer's name "
      + "(interviewer --name). Written after the end; a later one "
      + "replaces an earlier one of the same source.",
    .held: "cue: a scheduled interjection held back.",
    .released: "cue: a held interjection let go, to fire at its point.",
    .skipped: "cue: a scheduled interjection dropped.",
    .note: "text: a time-stamped note.",
    .hookFailed: "event, command, why: a hook that failed, ran out of time or could not start.",
    .drillStarted: "A drill's first line: id, program, drill (estimate, numbers, recovery, slip), "
      + "seed, limit_ms, count.",
    .problemShown: "number, kind, inputs, steps, expected, answer, sanity: an estimation "
      + "problem as shown.",
    .slipShown: "number, kind, inputs, slip, step, factor, shown, answer: a worked chain with "
      + "a slip planted at step (from 1), each step's value as shown, and the right answer.",
    .slipAnswered: "number, kind, slip, planted, named, answer, ratio, band, pass, step_right, "
      + "spotted_ms, elapsed_ms, limit_ms.",
    .problemAnswered: "number, kind, answers, ratio, band, pass, elapsed_ms, limit_ms, "
      + "steps_right, diagnosis.",
    .cardReviewed: "card, answer, right, exact, rating, elapsed_ms, and the card's schedule: "
      + "stability, difficulty, interval_days, day.",
    .drillEnded: "outcome and reason, as session_ended has them.",
    .roundShown: "number, cue, text, strong, prompt: a recovery round began.",
    .moveChosen: "number, move, elapsed_ms: the move named in a recovery round.",
    .moveTakenBack: "number, move, elapsed_ms: the round's move taken back (Backspace), its "
      + "lock open again.",
    .moveRefused: "number, move, elapsed_ms: a move refused, being locked.",
    .roundRated: "number, move, rating (1-5), elapsed_ms.",
    .pushbackAnswered: "banner, cue, answer (held, changed, gave_way), after_ms.",
    .checkinCounted: "number, target, worked_ms: a check-in mark that counted toward "
      + "--checkins.",
  ]

  /// Kinds with no line on the page.
  static func missing(_ kinds: [Record.Kind: String]) -> [Record.Kind] {
    Record.Kind.allCases.filter { kinds[$0] == nil }
  }

  /// The index's tables, in the order its schema makes them.
  static var indexTables: [String] {
    SessionIndex.tables.matches(of: /CREATE TABLE (\w+)/).map { String($0.1) }
  }

  static func mdoc(date: String) -> String {
    var page = Mdoc(
      title: "mockroom-record", section: 5, date: date, name: "mockroom-record",
      description: "the record of a mockroom session or drill, and its index")
    page.section("SYNOPSIS")
    page.paths([
      "$XDG_DATA_HOME/mockroom/sessions/ID.jsonl", "$XDG_CACHE_HOME/mockroom/index.sqlite",
    ])
    page.section("DESCRIPTION")
    page.text(
      "Every session and every drill is an append-only log: one JSON object a line, each "
        + "written and flushed to the disk before the screen shows what it records. Everything "
        + "shown afterwards (show, stats, report) is derived by replaying these lines. With "
        + "MOCKROOM_HOME set, the records are in $MOCKROOM_HOME/sessions; else under "
        + "XDG_DATA_HOME, else ~/.local/share/mockroom.")
    page.paragraph()
    page.text(
      "The schema version written now is \(Record.schemaVersion). Lines of every earlier "
        + "version still read; a line of a newer version is skipped, with a warning. A last "
        + "line torn by a crash is ignored with a warning naming file and line, and the "
        + "session counts as incomplete. Keys within a line are sorted; a reader must not "
        + "depend on their order.")
    page.section("FIELDS")
    page.text("Every line has:")
    page.list([
      ("Cm v", "The schema version, now \(Record.schemaVersion)."),
      ("Cm type", "What happened: one of the types below."),
      (
        "Cm t_ms",
        "Session time of the event: milliseconds since the start on the monotonic clock, "
          + "pauses included."
      ),
      (
        "Cm wall",
        "The wall-clock time, RFC 3339 in UTC with milliseconds: a label, never a measure."
      ),
      (
        "Cm source",
        "Who did it: " + Source.allCases.map(\.rawValue).joined(separator: ", ")
          + "; absent for what the clock did."
      ),
    ])
    page.section("TYPES")
    page.macro("Bl -tag -width Ds")
    for kind in Record.Kind.allCases {
      page.macro("It Cm \(Mdoc.word(kind.rawValue))")
      page.text(kinds[kind] ?? "")
    }
    page.macro("El")
    page.section("INDEX")
    page.text(
      "index.sqlite (SQLite, in WAL mode) holds what each record came to, so that history, "
        + "show and stats need not replay every record each time. It is derived: it is rebuilt "
        + "from the records when it is missing, damaged, not a file, or of another schema "
        + "version, and 'mockroom reindex' rebuilds it on demand. Its schema version, in "
        + "PRAGMA user_version, is now \(SessionIndex.schema). Its tables: "
        + indexTables.joined(separator: ", ") + ".")
    page.section("EXAMPLES")
    page.literal(
      """
      {"phase":"design","t_ms":600000,"type":"phase_entered","v":\(Record.schemaVersion),"via":"next","wall":"2026-11-21T14:40:05.120Z"}
      """)
    page.paragraph()
    page.text("The types of the records, counted:")
    page.literal("$ jq -r .type ~/.local/share/mockroom/sessions/*.jsonl | sort | uniq -c")
    page.section("SEE ALSO")
    page.macro("Xr mockroom 1 ,")
    page.macro("Xr mockroom-reindex 1 ,")
    page.macro("Xr mockroom-show 1 ,")
    page.macro("Xr sqlite3 1")
    return page.page
  }
}
