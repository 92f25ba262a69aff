import Foundation
import Testing

/// The prompt library through the real binary: the commands, and a session showing a prompt.
@Suite(.timeLimit(.minutes(2))) struct PromptEndToEnd {
  static let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Prompts").path

  static var bundledIDs: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: bundled)) ?? []
    return names.filter { $0.hasSuffix(".md") && $0 != "README.md" }.map { String($0.dropLast(3)) }
      .sorted()
  }

  /// A scratch directory with MOCKROOM_HOME pointing into it, removed afterwards.
  final class Home {
    let path: String
    init() throws {
      path =
        FileManager.default.temporaryDirectory
        .appendingPathComponent("mockroom-prompts-\(UUID().uuidString)").path
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    var environment: [String: String] {
      var env = ProcessInfo.processInfo.environment
      env["MOCKROOM_HOME"] = path
      env["MOCKROOM_PROMPTS"] = nil
      return env
    }
    func write(_ relative: String, _ text: String) throws {
      let url = URL(fileURLWithPath: path + "/" + relative)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
  }

  @Test func listAsJSONParsesAndCountsTheBundledPrompts() throws {
    let home = try Home()
    let out = try runProcess(
      [Binary.path, "prompts", "list", "--json"], environment: home.environment)
    #expect(out.status == 0)
    #expect(out.stderr == "")
    let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
    let prompts = try #require(json?["prompts"] as? [[String: Any]])
    #expect(json?["v"] as? Int == 1)
    #expect(prompts.count == Self.bundledIDs.count)
    #expect(prompts.count >= 16)
    #expect(prompts.compactMap { $0["id"] as? String } == Self.bundledIDs)
    let first = prompts[0]
    #expect(first["practised"] as? Int == 0)
    #expect(first["origin"] as? String == "bundled")
    #expect(first["last_practised"] == nil || first["last_practised"] is NSNull)
  }

  @Test func listFiltersByTagAndTheTableHasAHeader() throws {
    let home = try Home()
    let out = try runProcess(
      [Binary.path, "prompts", "list", "--tag", "LLM"], environment: home.environment)
    #expect(out.status == 0)
    let lines = out.stdout.split(separator: "\n")
    #expect(lines.first?.hasPrefix("ID") == true)
    #expect(lines.contains { $0.hasPrefix("llm-chat-serving ") })
    #expect(!lines.contains { $0.hasPrefix("fraud-detection ") })
  }

  @Test func everyBundledPromptPassesCheck() throws {
    let home = try Home()
    let out = try runProcess([Binary.path, "prompts", "check"], environment: home.environment)
    #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
    #expect(out.stdout.contains("\(Self.bundledIDs.count) prompts"))
    #expect(out.stdout.hasSuffix("no problems.\n"))
  }

  @Test func checkListsEveryProblemWithItsPlaceAndExits1() throws {
    let home = try Home()
    try home.write("p/good.md", "---\ntitle: Good\n---\nDesign it.\n")
    try home.write(
      "p/bad-kind.md", "---\ntitle: X\ninterjections:\n  - {id: a, kind: yell, text: hi}\n---\nx\n")
    try home.write("p/no-body.md", "---\ntitle: X\n---\n\n")
    try home.write("p/not-yaml.md", "---\ntitle: [\nlevel: staff\n---\nx\n")
    let out = try runProcess(
      [Binary.path, "prompts", "check", home.path + "/p"], environment: home.environment)
    #expect(out.status == 1)
    let lines = out.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    #expect(lines[0].hasPrefix(home.path + "/p/bad-kind.md:4:19: unknown kind 'yell'"))
    #expect(
      lines[1] == home.path
        + "/p/no-body.md:4:1: the prompt body is empty: after the front matter, write the prompt as you would say it"
    )
    #expect(lines[2].hasPrefix(home.path + "/p/not-yaml.md:") && lines[2].contains("bad YAML"))
    #expect(
      lines[3]
        == "4 files checked: 1 prompt and 0 deck interjections loaded; 3 problems in 3 files.")
  }

  @Test func aUserPromptReplacesTheBundledOne() throws {
    let home = try Home()
    try home.write(
      "prompts/video-recs.md", "---\ntitle: My own feed prompt\n---\nDesign my feed.\n")
    let out = try runProcess(
      [Binary.path, "prompts", "show", "video-recs"], environment: home.environment)
    #expect(out.status == 0)
    #expect(out.stdout.hasPrefix("My own feed prompt\n"))
    #expect(out.stdout.contains("(replaces "))
    #expect(out.stdout.contains("Design my feed."))
  }

  @Test func anEditedPromptIsReadAgainNotServedFromTheCache() throws {
    let home = try Home()
    try home.write("lib/a.md", "---\ntitle: First title\n---\nBody one.\n")
    let list = [Binary.path, "prompts", "list", "--prompts", home.path + "/lib"]
    let first = try runProcess(list, environment: home.environment)
    #expect(first.stdout.contains("First title"))
    #expect(FileManager.default.fileExists(atPath: home.path + "/cache/prompts.json"))
    #expect(try runProcess(list, environment: home.environment).stdout == first.stdout)
    try home.write("lib/a.md", "---\ntitle: Second title\n---\nBody two.\n")
    try home.write("lib/b.md", "---\ntitle: [\n---\nx\n")
    let second = try runProcess(list, environment: home.environment)
    #expect(second.stdout.contains("Second title") && !second.stdout.contains("First title"))
    #expect(second.stderr.contains("lib/b.md:3:1: bad YAML"))
    // A cached problem is reported on every run, and a cached prompt shows whole.
    #expect(try runProcess(list, environment: home.environment).stderr == second.stderr)
    let show = try runProcess(
      [Binary.path, "prompts", "show", "a", "--prompts", home.path + "/lib"],
      environment: home.environment)
    #expect(show.stdout.contains("Body two."))
  }

  @Test func showPrintsTheInterviewerMaterial() throws {
    let home = try Home()
    let out = try runProcess(
      [Binary.path, "prompts", "show", "llm-chat-serving"], environment: home.environment)
    #expect(out.status == 0)
    for heading in ["PROMPT", "SCALE", "CLARIFY", "INTERJECTIONS", "DRILL", "OPS", "NOTES"] {
      #expect(out.stdout.contains("\n\(heading)"), "\(heading)")
    }
  }

  @Test func anUnknownPromptSuggestsTheClosestAndExits2() throws {
    let home = try Home()
    for command in [["prompts", "show", "vidoe-recs"], ["run", "--prompt", "vidoe-recs"]] {
      let out = try runProcess([Binary.path] + command, environment: home.environment)
      #expect(out.status == 2)
      #expect(out.stderr.contains("no prompt 'vidoe-recs'. Did you mean 'video-recs'?"))
    }
  }

  @Test func anUnknownTagListsTheTagsAndExits2() throws {
    let home = try Home()
    let out = try runProcess(
      [Binary.path, "run", "--tag", "knitting"], environment: home.environment)
    #expect(out.status == 2)
    #expect(out.stderr.contains("no prompt has the tag 'knitting'. Tags: "))
    #expect(out.stderr.contains("llm"))
    let both = try runProcess(
      [Binary.path, "run", "--tag", "llm", "--prompt", "video-recs"],
      environment: home.environment)
    #expect(both.status == 2)
    #expect(both.stderr.contains("give --prompt or --tag, not both."))
  }

  @Test func aMissingPromptsDirectoryIsAUsageError() throws {
    let home = try Home()
    let out = try runProcess(
      [Binary.path, "prompts", "list", "--prompts", home.path + "/nowhere"],
      environment: home.environment)
    #expect(out.status == 2)
    #expect(out.stderr.contains("--prompts \(home.path)/nowhere: no such directory"))
  }

  @Test func theSameSeedPicksTheSamePrompt() throws {
    func picked() throws -> String? {
      let pane = try Pane(arguments: ["--seed", "7"])
      try pane.waitFor("PROMPT")
      try pane.send("q")
      try pane.send("y")
      try pane.expectExit(0)
      return try pane.records().first?.first?["prompt"] as? String
    }
    let first = try #require(try picked())
    #expect(Self.bundledIDs.contains(first))
    #expect(try picked() == first)
  }

  @Test func interviewerMaterialNeverReachesTheCandidatesScreen() throws {
    let home = try Home()
    try home.write(
      "lib/secret.md",
      """
      ---
      title: Marked prompt
      scale: {users: SECRET-SCALE}
      clarify: [{question: SECRET-Q, answer: SECRET-A}]
      interjections: [{id: p, kind: pivot, text: SECRET-PIVOT, strong: [SECRET-STRONG]}]
      drill: [{component: SECRET-DRILL, depth: SECRET-DEPTH}]
      ops: [SECRET-OPS]
      notes: SECRET-NOTES
      ---
      Design the thing.

      Last line of the body.
      """)
    let pane = try Pane(
      width: 80, height: 24, arguments: ["--prompts", home.path + "/lib", "--prompt", "secret"])
    let clock = try pane.waitFor("Design the thing.")
    try pane.send("t")
    try pane.send("End")
    let reading = try pane.waitFor("Last line of the body.")
    for screen in [clock, reading] {
      #expect(!screen.contains("SECRET"))
    }
    try pane.send("q")
    try pane.send("y")
    try pane.expectExit(0)
  }

  @Test func aSessionShowsThePromptsTitleAndBodyAndScrolls() throws {
    let pane = try Pane(width: 80, height: 24, arguments: ["--prompt", "llm-chat-serving"])
    let screen = try pane.waitFor("LLM chat serving at 10M daily users")
    #expect(screen.contains("PROMPT"))
    #expect(screen.contains("We run a chat assistant built on our own large language model."))
    // At 40x12 the reading view holds eight lines: scrolling brings the last paragraph in.
    try pane.resize(width: 40, height: 12)
    try pane.send("t")
    let top = try pane.waitFor("t clock")
    #expect(top.contains("We run a chat assistant"))
    #expect(!top.contains("latency predictable at peak."))
    try pane.send("NPage")
    let scrolled = try pane.waitFor("latency predictable at peak.")
    #expect(!scrolled.contains("We run a chat assistant"))
    try pane.send("Home")
    try pane.waitFor("We run a chat assistant")
    try pane.send("j")
    try pane.waitFor("the first line to scroll away") { !$0.contains("We run a chat assistant") }
    try pane.resize(width: 100, height: 30)  // room for the exit status and stty after
    try pane.send("q")
    try pane.send("y")
    try pane.expectExit(0)
    let started = try #require(try pane.records().first?.first)
    #expect(started["prompt"] as? String == "llm-chat-serving")
    #expect(started["title"] as? String == "LLM chat serving at 10M daily users")
    #expect((started["id"] as? String)?.hasSuffix("-llm-chat-serving") == true)
  }
}
