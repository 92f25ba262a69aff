import Foundation
import MockCore
import Testing

@testable import mockroom

/// The pages `mockroom manual` writes: every setting, hook event, hook variable, record type
/// and variable of the environment the code knows has its line, and every page renders clean.
@Suite struct ManualTests {
  static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources").path

  static let pages = [
    "mockroom-config.5": ConfigPage.mdoc(date: "2026-01-01"),
    "mockroom-hooks.5": HooksPage.mdoc(date: "2026-01-01"),
    "mockroom-record.5": RecordPage.mdoc(date: "2026-01-01"),
    // The sections alone, under a prologue, as scripts/package puts them in mockroom(1).
    "mockroom.1": """
    .Dd 2026-01-01
    .Dt MOCKROOM 1
    .Os
    .Sh NAME
    .Nm mockroom
    .Nd system-design mock interviews
    \(CommandSections.mdoc(seeAlso: ["mockroom-run", "mockroom-stats"]))
    """,
  ]

  @Test func everySettingHasItsLineWithTypeDefaultAndVariable() {
    #expect(ConfigPage.missing(ConfigPage.keys).isEmpty)
    let page = Self.pages["mockroom-config.5"]!
    let variables = Dictionary(uniqueKeysWithValues: Settings.variables.map { ($0.key, $0.name) })
    for (key, value, _) in Settings().shown {
      let entry = "\n.It Cm \\%\(key)\n"
      #expect(page.contains(entry), "\(key) has no line")
      let after = page.components(separatedBy: entry).last ?? ""
      let block = after.components(separatedBy: "\n.El\n").first ?? ""
      #expect(block.contains(".It type\n"), "\(key)")
      #expect(block.contains(".It default\n.Ql \\%\(value)\n"), "\(key)'s default \(value)")
      let variable = variables[Settings.Key(rawValue: key)!].map { ".Ev \\%\($0)" } ?? "none"
      #expect(block.hasSuffix(".It variable\n\(variable)"), "\(key)'s variable")
    }
  }

  @Test func aSettingWithoutItsLineIsCaught() {
    var keys = ConfigPage.keys
    keys[.bell] = nil
    #expect(ConfigPage.missing(keys) == [.bell])
  }

  @Test func everyHookEventAndVariableHasItsLine() {
    #expect(HooksPage.missing(HooksPage.events, HooksPage.variables).isEmpty)
    var events = HooksPage.events
    events[.phaseOver] = nil
    var variables = HooksPage.variables
    variables["RESULT"] = nil
    #expect(HooksPage.missing(events, variables) == ["phase-over", "MOCKROOM_RESULT"])
    let page = Self.pages["mockroom-hooks.5"]!
    for event in HookEvent.allCases {
      #expect(page.contains("\n.It Cm \\%\(event.rawValue)\n"), "\(event.rawValue)")
      for variable in ["EVENT"] + event.variables {
        #expect(page.contains(".It Ev \\%MOCKROOM_\(variable)\n"), "MOCKROOM_\(variable)")
      }
    }
  }

  @Test func everyRecordTypeHasItsLineAndTheSchemaVersionsAreSaid() {
    #expect(RecordPage.missing(RecordPage.kinds).isEmpty)
    var kinds = RecordPage.kinds
    kinds[.note] = nil
    #expect(RecordPage.missing(kinds) == [.note])
    let page = Self.pages["mockroom-record.5"]!
    for kind in Record.Kind.allCases {
      #expect(page.contains("\n.It Cm \\%\(kind.rawValue)\n"), "\(kind.rawValue)")
    }
    #expect(page.contains("The schema version written now is \(Record.schemaVersion)."))
    #expect(page.contains("user_version, is now \(SessionIndex.schema)."))
    #expect(
      RecordPage.indexTables.contains("sessions") && RecordPage.indexTables.contains("banners"))
  }

  /// Every variable the code reads, found in the sources, is in ENVIRONMENT; so is every
  /// variable a hook gets.
  @Test func everyVariableTheCodeReadsIsInTheEnvironmentSection() throws {
    var read = Set<String>()
    let files = FileManager.default.enumerator(atPath: Self.sources)!
    for case let file as String in files where file.hasSuffix(".swift") {
      let text = try String(contentsOfFile: Self.sources + "/" + file, encoding: .utf8)
      for match in text.matches(of: /(?:env|environment)\[\s*"([A-Z][A-Z0-9_]*)"\s*\]/) {
        read.insert(String(match.1))
      }
      for match in text.matches(of: /absolute\("([A-Z][A-Z0-9_]*)"\)/) {
        read.insert(String(match.1))
      }
      for match in text.matches(of: /"(MOCKROOM_[A-Z0-9_]+)"/) { read.insert(String(match.1)) }
    }
    #expect(read.isSuperset(of: ["MOCKROOM_HOME", "MOCKROOM_PROMPTS", "NO_COLOR", "VISUAL"]))
    let documented = Set(Environment.variables.map(\.name))
    read.subtract(Environment.hookVariables)
    #expect(
      read.subtracting(documented).isEmpty,
      "not in ENVIRONMENT: \(read.subtracting(documented).sorted())")
    let page = Self.pages["mockroom.1"]!
    for name in documented { #expect(page.contains(".It Ev \\%\(name)\n"), "\(name)") }
    for name in Environment.hookVariables { #expect(page.contains(name), "\(name)") }
    for section in ["FILES", "ENVIRONMENT", "\"EXIT STATUS\"", "EXAMPLES", "\"SEE ALSO\""] {
      #expect(page.contains("\n.Sh \(section)\n"), "\(section)")
    }
    for status in ["0", "1", "2"] { #expect(page.contains("\n.It Sy \(status)\n")) }
  }

  /// groff finds nothing to warn about, man renders each, and no name or hyphenated word is
  /// broken across a line, even in a narrow terminal.
  @Test(arguments: pages.keys.sorted()) func renders(_ name: String) throws {
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("mockroom-man-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let file = scratch.appendingPathComponent(name).path
    try Self.pages[name]!.write(toFile: file, atomically: true, encoding: .utf8)
    let lint = try runProcess(["groff", "-mandoc", "-Tutf8", "-ww", "-z", file])
    #expect(lint.status == 0 && lint.stderr.isEmpty, "\(name): \(lint.stderr)")
    for width in [40, 50, 60, 70, 80] {
      let man = try Self.man(file, width: width)
      // A path kept whole may not fit a narrow terminal: groff says so, and that is all.
      let warnings = man.stderr.split(separator: "\n").filter {
        width >= 80 || !$0.contains("can't break line")
      }
      #expect(man.status == 0 && warnings.isEmpty, "\(name) at \(width): \(man.stderr)")
      #expect(man.stdout.contains("NAME") && man.stdout.contains("mockroom"))
      #expect(Self.broken(man.stdout).isEmpty, "\(name) at \(width) columns")
    }
  }

  /// `man -l FILE` as a terminal `width` columns wide would show it.
  static func man(_ file: String, width: Int) throws -> Output {
    try runProcess(
      ["man", "-l", "-P", "cat", file],
      environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "MANWIDTH": "\(width)"])
  }

  /// The lines of a rendered page that end in a name, a path or a page's name broken by a
  /// hyphen; groff may hyphenate a plain word, never those.
  static func broken(_ rendered: String) -> [String] {
    rendered.split(separator: "\n").filter { $0.hasSuffix("‐") || $0.hasSuffix("-") }.compactMap {
      line in
      let last = line.split(separator: " ").last ?? ""
      // A dash standing alone ends no word.
      guard last.count > 1 else { return nil }
      let word = last.dropLast().drop { !$0.isLetter }
      let plain =
        word.allSatisfy(\.isLetter) && word.contains(where: \.isLowercase) && word != "mockroom"
      return plain ? nil : String(line)
    }
  }

  @Test func aNameBrokenAcrossALineIsCaught() {
    #expect(
      ManualTests.broken("  a variable (MOCK‐\n  ROOM_PLAN) and a com‐\n  mand") == [
        "  a variable (MOCK‐"
      ])
    #expect(ManualTests.broken("see mockroom-\nhooks(5)") == ["see mockroom-"])
    #expect(ManualTests.broken("+ and -\nmore") == [])
  }
}
