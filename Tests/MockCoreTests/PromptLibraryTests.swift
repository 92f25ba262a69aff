import MockCore
import Testing

func file(_ path: String, _ text: String) -> PromptFile {
  PromptFile(path: path, contents: .bytes(Array(text.utf8)))
}

func promptText(title: String) -> String { "---\ntitle: \(title)\n---\nDesign it.\n" }

@Suite struct PromptLibraryTests {
  @Test func aUserPromptReplacesTheBundledOneWithTheSameID() throws {
    let library = PromptLibrary(layers: [
      .init(
        origin: .bundled,
        prompts: [
          file("b/video-recs.md", promptText(title: "Bundled")),
          file("b/ads-ctr.md", promptText(title: "Ads")),
        ]),
      .init(origin: .user, prompts: [file("u/video-recs.md", promptText(title: "Mine"))]),
    ])
    #expect(library.problems == [])
    #expect(library.ids == ["ads-ctr", "video-recs"])
    let entry = try #require(library.entry(id: "video-recs"))
    #expect(entry.summary.title == "Mine")
    #expect(entry.origin == .user)
    #expect(entry.replaces == "b/video-recs.md")
  }

  @Test func aMalformedUserPromptLeavesTheBundledOneInPlace() {
    let library = PromptLibrary(layers: [
      .init(origin: .bundled, prompts: [file("b/video-recs.md", promptText(title: "Bundled"))]),
      .init(origin: .user, prompts: [file("u/video-recs.md", "---\ntitle: [\n---\nx")]),
    ])
    #expect(library.entry(id: "video-recs")?.summary.title == "Bundled")
    #expect(library.problems.count == 1)
    #expect(library.problems[0].file == "u/video-recs.md")
  }

  @Test func aMalformedFileNeverStopsTheOthers() {
    let library = PromptLibrary(layers: [
      .init(
        origin: .bundled,
        prompts: [
          file("b/a.md", promptText(title: "A")),
          file("b/b.md", "no front matter"),
          PromptFile(path: "b/c.md", contents: .unreadable(ReadFailure("permission denied"))),
          file("b/d.md", promptText(title: "D")),
        ])
    ])
    #expect(library.ids == ["a", "d"])
    #expect(library.filesRead == 4)
    #expect(
      library.problems.map(\.description) == [
        "b/b.md:1:1: no front matter: the file must start with a line '---', then YAML fields, then '---'",
        "b/c.md:1:1: cannot read: permission denied",
      ])
  }

  @Test func theSameIDTwiceIsReportedWhenRepeatsAreProblems() {
    let library = PromptLibrary(
      layers: [
        .init(origin: .user, prompts: [file("x/a.md", promptText(title: "One"))]),
        .init(origin: .user, prompts: [file("y/a.md", promptText(title: "Two"))]),
      ], repeats: .report)
    #expect(
      library.problems.map(\.description) == [
        "y/a.md:1:1: duplicate prompt id 'a': x/a.md has it too"
      ])
    #expect(library.entry(id: "a")?.summary.title == "One")
  }

  @Test func deckLayersMergeByID() {
    let bundled =
      "interjections:\n  - {id: cut, kind: pivot, text: Half the budget.}\n  - {id: quiet, kind: silence, text: ...}\n"
    let user = "interjections:\n  - {id: cut, kind: pivot, text: A third of the budget.}\n"
    let library = PromptLibrary(layers: [
      .init(origin: .bundled, prompts: [], deck: file("b/deck.yaml", bundled)),
      .init(origin: .user, prompts: [], deck: file("u/deck.yaml", user)),
    ])
    #expect(library.deck.map(\.id) == ["cut", "quiet"])
    #expect(library.deck[0].text == "A third of the budget.")
  }

  @Test func tagsMatchInAnyCase() {
    let library = PromptLibrary(layers: [
      .init(
        origin: .bundled,
        prompts: [
          file("b/a.md", "---\ntitle: A\ntags: [LLM, serving]\n---\nx"),
          file("b/b.md", "---\ntitle: B\ntags: [recsys]\n---\nx"),
        ])
    ])
    #expect(library.tags == ["llm", "recsys", "serving"])
    #expect(library.entries(tagged: "Llm").map(\.summary.id) == ["a"])
  }

  @Test func knownResultsAreUsedWithoutParsingAndOnlyFreshFilesAreReported() throws {
    let known = FileResult(
      summary: PromptSummary(
        Prompt(id: "cached", title: "From the cache", tags: ["x"], body: "unused")),
      problems: [])
    let broken = FileResult(
      summary: nil, problems: [PromptProblem(file: "b/bad.md", line: 3, column: 1, message: "old")])
    let library = PromptLibrary(layers: [
      .init(
        origin: .bundled,
        prompts: [
          PromptFile(path: "b/cached.md", contents: .known(known)),
          PromptFile(path: "b/bad.md", contents: .known(broken)),
          file("b/fresh.md", promptText(title: "Fresh")),
        ])
    ])
    #expect(library.ids == ["cached", "fresh"])
    let cached = try #require(library.entry(id: "cached"))
    #expect(cached.summary.title == "From the cache")
    #expect(library.problems.map(\.message) == ["old"])  // a known problem is still reported
    #expect(Array(library.parsed.keys) == ["b/fresh.md"])
    #expect(library.parsed["b/fresh.md"]?.summary?.title == "Fresh")
  }

  @Test func theStemIsTheFileNameWithoutItsExtension() {
    #expect(file("/x/y/video-recs.md", "").stem == "video-recs")
    #expect(file("video.recs.md", "").stem == "video.recs")
    #expect(file(".hidden", "").stem == ".hidden")
  }
}

@Suite struct PromptPickerTests {
  let ids = ["a", "b", "c", "d"]

  @Test func neverPractisedComesBeforeEverythingElse() {
    let practice = [
      "a": Practice(count: 3, last: "2026-11-01T10:00:00.000Z"),
      "b": Practice(count: 1, last: "2026-10-01T10:00:00.000Z"),
      "d": Practice(count: 1, last: "2026-11-20T10:00:00.000Z"),
    ]
    for seed in UInt64(0)..<20 {
      #expect(PromptPicker.pick(from: ids, practice: practice, seed: seed) == "c")
    }
  }

  @Test func otherwiseTheLeastRecentlyPractisedWins() {
    let practice = [
      "a": Practice(count: 3, last: "2026-11-01T10:00:00.000Z"),
      "b": Practice(count: 1, last: "2026-10-01T10:00:00.000Z"),
      "c": Practice(count: 9, last: "2026-11-02T10:00:00.000Z"),
      "d": Practice(count: 1, last: "2026-11-20T10:00:00.000Z"),
    ]
    #expect(PromptPicker.pick(from: ids, practice: practice, seed: 7) == "b")
  }

  @Test func aSeedRepeatsTheTieBreakAndSeedsSpreadOverTheTies() {
    let picks = (UInt64(0)..<64).map { PromptPicker.pick(from: ids, practice: [:], seed: $0)! }
    let again = (UInt64(0)..<64).map { PromptPicker.pick(from: ids, practice: [:], seed: $0)! }
    #expect(picks == again)
    #expect(Set(picks) == Set(ids))
    // The order the ids arrive in does not change the pick.
    #expect(PromptPicker.pick(from: ids.reversed(), practice: [:], seed: 5) == picks[5])
  }

  @Test func anEmptyLibraryPicksNothing() {
    #expect(PromptPicker.pick(from: [], practice: [:], seed: 1) == nil)
  }

  @Test func tallyCountsSessionsAndKeepsTheLatest() {
    let tally = Practice.tally([
      ("a", "2026-11-01T10:00:00.000Z"), ("b", "2026-11-03T10:00:00.000Z"),
      ("a", "2026-11-05T09:00:00.000Z"), ("a", "2026-11-02T10:00:00.000Z"),
    ])
    #expect(tally["a"] == Practice(count: 3, last: "2026-11-05T09:00:00.000Z"))
    #expect(tally["b"] == Practice(count: 1, last: "2026-11-03T10:00:00.000Z"))
  }
}
