import MockCore

/// The sections of mockroom(1) that `generate-manual` cannot write from the command
/// definitions: FILES, ENVIRONMENT, EXIT STATUS, EXAMPLES and SEE ALSO. scripts/package puts
/// them in place of the page's own EXIT STATUS and SEE ALSO.
enum CommandSections {
  /// The pages of section 5, by name and what each says.
  static let formatPages = [
    ("mockroom-config", "config.yaml: every setting, its type, default and variable"),
    ("mockroom-hooks", "hooks: every event, and the variables each hook gets"),
    ("mockroom-record", "the session record's lines, and the index built from them"),
  ]

  /// `seeAlso`: the subcommands' pages (`mockroom-run`), as the page already names them.
  static func mdoc(seeAlso subcommandPages: [String]) -> String {
    var page = Mdoc()
    files(&page)
    environment(&page)
    exitStatus(&page)
    examples(&page)
    page.section("SEE ALSO")
    let references =
      formatPages.map { "Xr \($0.0) 5" } + subcommandPages.sorted().map { "Xr \($0) 1" }
    for (index, reference) in references.enumerated() {
      page.macro(reference + (index == references.count - 1 ? "" : " ,"))
    }
    page.paragraph()
    page.text(
      "README.md, installed in share/doc/mockroom beside the manual pages, tells the whole "
        + "story: the method, partner mocks, the drills, the review, the control protocol.")
    return page.page
  }

  /// Where everything is, and how `$MOCKROOM_HOME` and the XDG variables move it.
  static func files(_ page: inout Mdoc) {
    page.section("FILES")
    page.text(
      "With MOCKROOM_HOME set (an absolute path), every file below that is not a socket lives "
        + "directly in it. Otherwise each kind has its XDG base directory, and the default "
        + "given in brackets when that variable is not set.")
    let config = "$XDG_CONFIG_HOME/mockroom"
    page.list(
      [
        (
          "Pa \(Mdoc.word("$XDG_DATA_HOME/mockroom/sessions/ID.jsonl"))",
          "A session's or a drill's record, one JSON object a line (see mockroom-record(5)); "
            + "[~/.local/share/mockroom]. Ids sort by time: 20261121-143005-video-recs."
        ),
        (
          "Pa \(Mdoc.word("$XDG_DATA_HOME/mockroom/interviews/ID.md"))",
          "A real interview ('mockroom interview'): YAML front matter (company, role, kind, at, "
            + "outcome, scores, when the write-up came and how late) and Markdown (notes, the "
            + "pre-mortem, the write-up). Ids are the date and the company: 20261209-acme."
        ),
        (
          "Pa \(Mdoc.word(config + "/config.yaml"))",
          "Your defaults (see mockroom-config(5)); [~/.config/mockroom]. 'mockroom config path' "
            + "prints where it is."
        ),
        (
          "Pa \(Mdoc.word(config + "/plans/NAME.yaml"))",
          "Plans of your own; one named as a bundled plan replaces it."
        ),
        (
          "Pa \(Mdoc.word(config + "/hooks/EVENT"))",
          "Executable files run at a session's moments (see mockroom-hooks(5))."
        ),
        (
          "Pa \(Mdoc.word(config + "/prompts/ID.md"))",
          "Prompts of your own, Markdown with YAML front matter; one with a bundled id replaces "
            + "it."
        ),
        (
          "Pa \(Mdoc.word(config + "/questions.md"))",
          "Your closing questions, shown in the last 90 seconds."
        ),
        (
          "Pa \(Mdoc.word("$XDG_STATE_HOME/mockroom/hooks.log"))",
          "What hooks wrote, and how each ended; [~/.local/state/mockroom]."
        ),
        (
          "Pa \(Mdoc.word("$XDG_CACHE_HOME/mockroom/index.sqlite"))",
          "The index of records (SQLite, with its -wal and -shm files), derived from the "
            + "records and rebuilt when missing, damaged or of another schema; with "
            + "MOCKROOM_HOME, in its cache/ directory, beside prompts.json, the cache of parsed "
            + "prompts; [~/.cache/mockroom]. Deleting either is always safe."
        ),
        (
          "Pa \(Mdoc.word("$XDG_RUNTIME_DIR/mockroom/ID.sock"))",
          "A running session's control socket, private to you (0600 in a 0700 directory); "
            + "without XDG_RUNTIME_DIR, in mockroom-UID under $TMPDIR or /tmp. MOCKROOM_HOME "
            + "does not move it."
        ),
        (
          "Pa \(Mdoc.word("share/mockroom/Prompts")) , Pa \(Mdoc.word("share/mockroom/Plans"))",
          "The bundled prompts and plans, found beside the program or in ../share/mockroom."
        ),
      ])
  }

  static func environment(_ page: inout Mdoc) {
    page.section("ENVIRONMENT")
    page.list(Environment.variables.map { ("Ev \(Mdoc.word($0.name))", $0.text) })
    page.paragraph()
    page.text(
      "A hook is given these, and mockroom never reads them: "
        + Environment.hookVariables.joined(separator: ", ")
        + ". mockroom-hooks(5) says what each holds.")
  }

  static func exitStatus(_ page: inout Mdoc) {
    page.section("EXIT STATUS")
    page.list([
      (
        "Sy 0",
        "Success. A session ended by a key (finished or abandoned), a check that found nothing."
      ),
      (
        "Sy 1",
        "A failure: a check found problems, no session has that id, no session is running or "
          + "it refused a request, a record could not be written whole, a hook failed its test."
      ),
      (
        "Sy 2",
        "A usage error: an unknown option or subcommand, a value that does not read, an "
          + "unknown prompt, tag or plan, a problem in config.yaml or a MOCKROOM_ variable, "
          + "TERM unset, no terminal."
      ),
      (
        "Sy 128+n",
        "A session ended by signal n (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP), its "
          + "record closed first."
      ),
    ])
  }

  static func examples(_ page: inout Mdoc) {
    page.section("EXAMPLES")
    page.text("Practise alone: a 45-minute session on the prompt practised least recently.")
    page.literal("$ mockroom")
    page.paragraph()
    page.text("A 35-minute screen on a chosen prompt, with a longer design phase:")
    page.literal("$ mockroom run --plan screen-35 --prompt video-recs --budget design=15m")
    page.paragraph()
    page.text(
      "A partner mock over ssh: the candidate starts a session, and the interviewer forwards "
        + "its socket (the id is in 'mockroom ctl status' on the candidate's machine) and "
        + "attaches.")
    page.literal(
      """
      candidate$ mockroom run --partner
      interviewer$ ssh -L /tmp/mock.sock:/run/user/1000/mockroom/ID.sock candidate-host
      interviewer$ mockroom interviewer --socket /tmp/mock.sock
      """)
    page.paragraph()
    page.text("A drill between mocks: three estimations, then the numbers kit.")
    page.literal("$ mockroom drill estimate\n$ mockroom drill numbers")
    page.paragraph()
    page.text("Review: the last session, the trends, and a page of charts.")
    page.literal(
      "$ mockroom show last\n$ mockroom stats --last 10\n$ mockroom report -o report.html")
    page.paragraph()
    page.text(
      "A real interview: added, its pre-mortem and cheat sheet the night before, its write-up "
        + "within four hours, its outcome, and the pattern once there are five rejections.")
    page.literal(
      """
      $ mockroom interview new --company Acme --role 'Staff ML engineer' --at 2026-12-09T15:00
      $ mockroom interview premortem 20261209-acme
      $ mockroom interview sheet 20261209-acme -o sheet.pdf
      $ mockroom interview writeup 20261209-acme
      $ mockroom interview outcome 20261209-acme rejected --feedback 'numbers were shaky'
      $ mockroom interview patterns
      """)
  }
}
