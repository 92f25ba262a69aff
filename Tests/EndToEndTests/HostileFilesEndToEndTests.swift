import Foundation
import Glibc
import Testing

/// Things that are not regular files where mockroom reads files, and an index that is damaged
/// or not a file at all: each is named and skipped, the rest is read, nothing hangs, and the
/// answers do not change.
@Suite(.timeLimit(.minutes(2))) struct HostileFilesEndToEnd {
  /// Puts a FIFO, a socket, a directory, a symlink loop, a dangling symlink and symlinks to
  /// `/dev/zero` and `/dev/stdin` in `directory`, each named `<what>.<suffix>`; returns the
  /// names with the words mockroom should use for each.
  static func plantHostiles(in directory: String, suffix: String) throws -> [(String, String)] {
    let fifo = directory + "/fifo." + suffix
    #expect(mkfifo(fifo, 0o644) == 0)
    try bindSocket(directory + "/socket." + suffix)
    try FileManager.default.createDirectory(
      atPath: directory + "/folder." + suffix, withIntermediateDirectories: false)
    #expect(symlink("loop-b." + suffix, directory + "/loop-a." + suffix) == 0)
    #expect(symlink("loop-a." + suffix, directory + "/loop-b." + suffix) == 0)
    #expect(symlink("/nonexistent/nothing", directory + "/dangling." + suffix) == 0)
    #expect(symlink("/dev/zero", directory + "/zero." + suffix) == 0)
    #expect(symlink("/dev/stdin", directory + "/stdin." + suffix) == 0)
    return [
      ("fifo.\(suffix)", "a FIFO (named pipe), not a regular file"),
      ("socket.\(suffix)", "a socket, not a regular file"),
      ("folder.\(suffix)", "a directory, not a regular file"),
      ("loop-a.\(suffix)", "a symlink loop"),
      ("loop-b.\(suffix)", "a symlink loop"),
      ("dangling.\(suffix)", "a symlink to nothing"),
      ("zero.\(suffix)", "a character device, not a regular file"),
      ("stdin.\(suffix)", "not a regular file"),
    ]
  }

  /// A listening Unix socket at `path` (left bound; the file stays after the close).
  static func bindSocket(_ path: String) throws {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    #expect(fd >= 0)
    defer { close(fd) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (offset, byte) in path.utf8.enumerated() where offset < raw.count - 1 {
        raw[offset] = byte
      }
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    #expect(bound == 0, "bind \(path): \(String(cString: strerror(errno)))")
  }

  /// Runs mockroom under `timeout`, so a hang fails the test (status 124) instead of stalling it.
  static func mockroom(_ arguments: [String], _ home: PromptEndToEnd.Home) throws -> Output {
    try runProcess(["timeout", "20", Binary.path] + arguments, environment: home.environment)
  }

  @Test func aPromptsDirectoryOfThingsThatAreNotFilesNamesEachAndLoadsTheRest() throws {
    let home = try PromptEndToEnd.Home()
    try home.write("prompts/good.md", PromptEndToEnd.minimalPrompt(title: "Good one"))
    try home.write("elsewhere/linked.md", PromptEndToEnd.minimalPrompt(title: "Linked one"))
    let directory = home.path + "/prompts"
    #expect(symlink(home.path + "/elsewhere/linked.md", directory + "/linked.md") == 0)
    let hostiles = try Self.plantHostiles(in: directory, suffix: "md")
    try home.write("prompts/deck.yaml", "")
    unlink(directory + "/deck.yaml")
    #expect(mkfifo(directory + "/deck.yaml", 0o644) == 0)

    let list = try Self.mockroom(["prompts", "list", "--prompts", directory], home)
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout.contains("Good one"))
    #expect(list.stdout.contains("Linked one"), "a symlink to a regular file is followed")
    for (name, words) in hostiles {
      #expect(list.stderr.contains("\(directory)/\(name)"), "\(name) is named")
      #expect(
        list.stderr.contains(words), "\(name) is said to be \(words):\n\(list.stderr)")
    }
    #expect(list.stderr.contains("\(directory)/deck.yaml"))

    let check = try Self.mockroom(["prompts", "check", directory], home)
    #expect(check.status == 1)
    for (name, words) in hostiles {
      let line = check.stdout.split(separator: "\n").first { $0.contains("/\(name):") }
      #expect(line?.contains(words) == true, "\(name): \(check.stdout)")
    }

    // A session starts with the good prompt; nothing hangs on the rest.
    try Self.sessionStartsAndQuits(
      ["run", "--prompts", directory, "--prompt", "good", "--no-pivots"], home, showing: "Good one")
  }

  /// A session starts in tmux (nothing hangs on the files around it), shows `text`, and quits
  /// with the terminal restored.
  static func sessionStartsAndQuits(
    _ arguments: [String], _ home: PromptEndToEnd.Home, showing text: String
  ) throws {
    let pane = try Pane(
      width: 80, height: 24, arguments: arguments, environment: ["MOCKROOM_HOME": home.path])
    try pane.waitFor(text)
    try pane.send("q", "y")
    try pane.expectExit(0)
  }

  @Test func aSessionsDirectoryOfThingsThatAreNotFilesNamesEachAndReviewsTheRest() throws {
    let home = try PromptEndToEnd.Home()
    try home.write("sessions/20261121-100000-s.jsonl", ReviewEndToEnd.finishedRecord)
    let hostiles = try Self.plantHostiles(in: home.path + "/sessions", suffix: "jsonl")
    for command in [["history"], ["stats", "--json"], ["stats"], ["show", "20261121-100000-s"]] {
      let out = try Self.mockroom(command, home)
      #expect(out.status == 0, "\(command): \(out.stderr)")
      if command[0] != "stats" { #expect(out.stdout.contains("20261121-100000-s")) }
      if command[0] != "show" {
        for (name, words) in hostiles {
          let line = out.stderr.split(separator: "\n").first { $0.contains("/\(name): ") }
          #expect(line?.contains(words) == true, "\(command) names \(name): \(out.stderr)")
        }
      }
    }
    let stats = try Self.mockroom(["stats", "--json"], home)
    #expect(stats.stdout.contains("\"sessions\":1}"), "one session, the good one: \(stats.stdout)")
    #expect(try Self.mockroom(["stats"], home).stdout.contains("1 session"))
    // Starting a session reads every record's first line to pick a prompt: it must not hang.
    try Self.sessionStartsAndQuits(["run", "--no-pivots"], home, showing: "CLARIFY")
  }

  @Test func aQuestionsFileThatIsNotAFileIsNamedAndTheSessionStillStarts() throws {
    let cases: [(String, (String) throws -> Void)] = [
      ("a FIFO (named pipe), not a regular file", { #expect(mkfifo($0, 0o644) == 0) }),
      (
        "a directory, not a regular file",
        { try FileManager.default.createDirectory(atPath: $0, withIntermediateDirectories: false) }
      ),
      ("a symlink to nothing", { #expect(symlink("/nonexistent/nothing", $0) == 0) }),
    ]
    for (words, plant) in cases {
      let home = try PromptEndToEnd.Home()
      try plant(home.path + "/questions.md")
      let list = try Self.mockroom(["questions"], home)
      #expect(list.status == 1 && list.stderr.contains("questions.md: \(words)"), "\(list.stderr)")
      // A session reads it to choose the last 90 seconds' questions: it must not hang, and goes
      // on without them.
      try Self.sessionStartsAndQuits(["run", "--no-pivots"], home, showing: "CLARIFY")
    }
  }

  @Test func aSessionsDirectoryThatCannotBeReadIsSaidOnceNotTakenForNoSessions() throws {
    let home = try PromptEndToEnd.Home()
    try home.write("sessions", "not a directory")
    for command in [["history"], ["stats", "--json"], ["show", "last"], ["reindex"]] {
      let out = try Self.mockroom(command, home)
      #expect(out.status == 1, "\(command): \(out.status) \(out.stdout)")
      #expect(!out.stdout.contains("no sessions yet"), "\(command): \(out.stdout)")
      let said = out.stderr.split(separator: "\n")
      #expect(said.count == 1, "\(command) says it once: \(out.stderr)")
      #expect(
        said.first?.hasPrefix("mockroom: cannot read the sessions directory ") == true
          && said.first?.hasSuffix(": Not a directory") == true, "\(command): \(out.stderr)")
    }
  }

  @Test func aDamagedOrMissingIndexGivesTheSameAnswers() throws {
    let home = try PromptEndToEnd.Home()
    for (offset, record) in ReviewEndToEnd.someRecords.enumerated() {
      try home.write("sessions/2026112\(offset)-100000-s.jsonl", record)
    }
    let commands = [["history"], ["stats", "--json"], ["stats", "--csv"], ["show", "last"]]
    let before = try commands.map { try Self.mockroom($0, home) }
    for out in before { #expect(out.status == 0 && out.stderr.isEmpty, "\(out.stderr)") }
    let index = home.path + "/cache/index.sqlite"
    #expect(FileManager.default.fileExists(atPath: index))

    func expectSameAnswers(_ what: String) throws -> [Output] {
      let after = try commands.map { try Self.mockroom($0, home) }
      for (old, new) in zip(before, after) {
        #expect(new.status == 0, "\(what): \(new.stderr)")
        #expect(new.stdout == old.stdout, "\(what): the answer changed")
      }
      return after
    }
    unlink(index)
    _ = try expectSameAnswers("deleted")
    let size = try #require(
      try FileManager.default.attributesOfItem(atPath: index)[.size] as? Int)
    #expect(truncate(index, off_t(size / 2)) == 0)
    _ = try expectSameAnswers("truncated")
    var noise = [UInt8](repeating: 0, count: 64 * 1024)
    var generator = SystemRandomNumberGenerator()
    for i in noise.indices { noise[i] = generator.next() }
    for suffix in ["-wal", "-shm"] { unlink(index + suffix) }
    try Data(noise).write(to: URL(fileURLWithPath: index))
    _ = try expectSameAnswers("random bytes")
    unlink(index)
    for suffix in ["-wal", "-shm"] { unlink(index + suffix) }
    try FileManager.default.createDirectory(atPath: index, withIntermediateDirectories: false)
    let asDirectory = try expectSameAnswers("a directory")
    #expect(asDirectory[0].stderr.contains("is a directory, not the index"))
    // And `reindex` rebuilds it on demand, once the path is free again.
    try FileManager.default.removeItem(atPath: index)
    let reindex = try Self.mockroom(["reindex"], home)
    #expect(reindex.status == 0)
    #expect(reindex.stdout.hasPrefix("indexed \(ReviewEndToEnd.someRecords.count) records"))
    _ = try expectSameAnswers("reindexed")
  }
}

extension PromptEndToEnd {
  /// The least a prompt file needs: a title and a body.
  static func minimalPrompt(title: String) -> String {
    "---\ntitle: \(title)\n---\nDesign the thing called \(title).\n"
  }
}

extension ReviewEndToEnd {
  /// A whole session's record, written as mockroom writes one: five phases, a banner with its
  /// acknowledgement, a mark by each side, a note and both debriefs.
  static func record(day: Int, seed: Int, finished: Bool = true) -> String {
    let id = "2026112\(day)-100000-s"
    let wall = "2026-11-2\(day)T10:00:00.000Z"
    let names = ["clarify", "estimate", "design", "drill", "ops"]
    let budgets = [300_000, 300_000, 900_000, 900_000, 300_000]
    var lines = [
      "{\"v\":3,\"type\":\"session_started\",\"t_ms\":0,\"wall\":\"\(wall)\",\"id\":\"\(id)\","
        + "\"title\":\"Session \(day)\",\"program\":\"0\",\"prompt\":\"video-recs\",\"seed\":\(seed),"
        + "\"plan\":{\"name\":\"standard\",\"budgets_ms\":{\"clarify\":300000,\"estimate\":300000,"
        + "\"design\":900000,\"drill\":900000,\"ops\":300000}}}",
      "{\"v\":3,\"type\":\"phase_entered\",\"t_ms\":0,\"wall\":\"\(wall)\",\"phase\":\"clarify\","
        + "\"via\":\"start\"}",
    ]
    var t = 0
    for (position, name) in names.enumerated() {
      let spent = budgets[position] + (position * seed * 7_919) % 120_000 - 40_000
      if position == 2 {
        lines.append(
          "{\"v\":3,\"type\":\"cue_fired\",\"t_ms\":\(t + 60_000),\"wall\":\"\(wall)\",\"banner\":1,"
            + "\"cue\":\"audio\",\"kind\":\"pivot\",\"text\":\"Now audio <b>&</b> \\\"quotes\\\"\"}"
        )
        lines.append(
          "{\"v\":3,\"type\":\"acknowledged\",\"t_ms\":\(t + 63_000),\"wall\":\"\(wall)\","
            + "\"banner\":1,\"cue\":\"audio\",\"kind\":\"pivot\",\"after_ms\":3000,"
            + "\"source\":\"candidate\"}")
        lines.append(
          "{\"v\":3,\"type\":\"marked\",\"t_ms\":\(t + 70_000),\"wall\":\"\(wall)\","
            + "\"mark\":\"checkin\",\"source\":\"candidate\"}")
        lines.append(
          "{\"v\":3,\"type\":\"marked\",\"t_ms\":\(t + 71_000),\"wall\":\"\(wall)\","
            + "\"mark\":\"recovery\",\"move\":\"similar_system\",\"source\":\"interviewer\"}")
        lines.append(
          "{\"v\":3,\"type\":\"note\",\"t_ms\":\(t + 72_000),\"wall\":\"\(wall)\","
            + "\"text\":\"named the queue\",\"source\":\"interviewer\"}")
      }
      t += spent
      lines.append(
        "{\"v\":3,\"type\":\"phase_left\",\"t_ms\":\(t),\"wall\":\"\(wall)\",\"phase\":\"\(name)\","
          + "\"elapsed_ms\":\(spent),\"budget_ms\":\(budgets[position]),"
          + "\"overrun_ms\":\(max(0, spent - budgets[position]))}")
      if position < 4 {
        lines.append(
          "{\"v\":3,\"type\":\"phase_entered\",\"t_ms\":\(t),\"wall\":\"\(wall)\","
            + "\"phase\":\"\(names[position + 1])\",\"via\":\"next\",\"source\":\"candidate\"}")
      }
    }
    guard finished else { return lines.joined(separator: "\n") + "\n" }
    lines.append(
      "{\"v\":3,\"type\":\"session_ended\",\"t_ms\":\(t),\"wall\":\"\(wall)\","
        + "\"outcome\":\"finished\",\"reason\":\"completed\",\"active_ms\":\(t),"
        + "\"source\":\"candidate\"}")
    lines.append(
      "{\"v\":3,\"type\":\"debrief\",\"t_ms\":\(t),\"wall\":\"\(wall)\",\"source\":\"candidate\","
        + "\"scores\":{\"judgment\":\(1 + seed % 5),\"numbers\":3},\"overran\":\"design\","
        + "\"why\":\"boxes\",\"notes\":\"drill by 25\"}")
    lines.append(
      "{\"v\":3,\"type\":\"debrief\",\"t_ms\":\(t),\"wall\":\"\(wall)\",\"source\":\"interviewer\","
        + "\"scores\":{\"judgment\":2,\"recovery\":4},\"why\":\"\",\"notes\":\"sharper\"}")
    return lines.joined(separator: "\n") + "\n"
  }

  static let finishedRecord = record(day: 1, seed: 3)
  static let someRecords = (1...6).map { record(day: $0, seed: $0 * 13, finished: $0 != 4) }
}
