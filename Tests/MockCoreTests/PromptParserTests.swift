import MockCore
import Testing

/// A complete, valid prompt file; tests break one thing at a time.
let samplePrompt = """
  ---
  title: Photo search for a stock library
  tags: [Retrieval, embeddings]
  level: staff
  scale:
    catalogue: 400M images
    queries: 2k QPS at peak
  clarify:
    - question: Text queries only?
      answer: Text, and image-to-image later.
  interjections:
    - id: halve-budget
      kind: pivot
      text: The GPU budget is now half.
      phase: design
      at: 4m
      strong:
        - names what stays
        - cuts the re-ranker first
    - id: why-hnsw
      kind: pushback
      text: Why HNSW here?
  drill:
    - component: the ANN index
      depth: recall against memory, with numbers
  ops:
    - index rebuild without downtime
  notes: |
    Push on freshness.
    Then on cost.
  ---
  You run search for a stock photo site.

  Design photo search.
  """

func parse(_ text: String, id: String = "photo-search") -> (Prompt?, [String]) {
  let result = PromptParser.prompt(file: "p.md", id: id, bytes: Array(text.utf8))
  return (result.prompt, result.problems.map(\.description))
}

/// The sample with `old` replaced by `new` (which must occur).
func sample(replacing old: String, with new: String) -> String {
  precondition(samplePrompt.contains(old), "sample has no \(old)")
  return samplePrompt.replacingFirst(old, with: new)
}

extension String {
  func replacingFirst(_ old: String, with new: String) -> String {
    guard let range = range(of: old) else { return self }
    return replacingCharacters(in: range, with: new)
  }
}

@Suite struct PromptParserTests {
  @Test func readsEveryField() throws {
    let (prompt, problems) = parse(samplePrompt)
    #expect(problems == [])
    let p = try #require(prompt)
    #expect(p.id == "photo-search")
    #expect(p.title == "Photo search for a stock library")
    #expect(p.tags == ["retrieval", "embeddings"])
    #expect(p.level == .staff)
    #expect(
      p.scale == [
        .init(name: "catalogue", value: "400M images"),
        .init(name: "queries", value: "2k QPS at peak"),
      ])
    #expect(
      p.clarify == [
        .init(question: "Text queries only?", answer: "Text, and image-to-image later.")
      ])
    #expect(p.interjections.count == 2)
    #expect(
      p.interjections[0]
        == Interjection(
          id: "halve-budget", kind: .pivot, text: "The GPU budget is now half.",
          timing: .init(phase: .design, offset: 240_000),
          strong: ["names what stays", "cuts the re-ranker first"]))
    #expect(p.interjections[1].timing == nil)
    #expect(p.interjections[1].kind == .pushback)
    #expect(
      p.drill == [.init(component: "the ANN index", depth: "recall against memory, with numbers")])
    #expect(p.ops == ["index rebuild without downtime"])
    #expect(p.notes == "Push on freshness.\nThen on cost.")
    #expect(p.body == "You run search for a stock photo site.\n\nDesign photo search.")
  }

  @Test func onlyTheTitleIsRequired() throws {
    let (prompt, problems) = parse("---\ntitle: Tiny\n---\nDesign a thing.\n")
    #expect(problems == [])
    let p = try #require(prompt)
    #expect(p.level == .senior)
    #expect(p.tags.isEmpty && p.scale.isEmpty && p.interjections.isEmpty && p.notes.isEmpty)
  }

  @Test func acceptsCRLFAndAByteOrderMark() throws {
    let text = "\u{FEFF}---\r\ntitle: Tiny\r\n---\r\nDesign a thing.\r\n"
    let (prompt, problems) = parse(text)
    #expect(problems == [])
    #expect(prompt?.title == "Tiny")
  }

  @Test func badYAMLIsReportedAtItsLineInTheFile() {
    let (prompt, problems) = parse(
      sample(replacing: "tags: [Retrieval, embeddings]", with: "tags: [a, b"))
    #expect(prompt == nil)
    #expect(problems.count == 1)
    #expect(problems[0].hasPrefix("p.md:4:") || problems[0].hasPrefix("p.md:5:"))
    #expect(problems[0].contains("bad YAML"))
  }

  @Test func aRepeatedKeyIsBadYAML() {
    let (_, problems) = parse(sample(replacing: "level: staff", with: "level: staff\ntitle: Again"))
    #expect(problems.count == 1)
    #expect(problems[0].contains("'title' appears more than once"))
  }

  @Test func aMissingTitleIsReportedAtTheStartOfTheFrontMatter() {
    let (_, problems) = parse(
      sample(replacing: "title: Photo search for a stock library\n", with: ""))
    #expect(problems == ["p.md:2:1: missing field 'title'"])
  }

  @Test func wronglyTypedFieldsNameWhatTheyFound() {
    #expect(
      parse(sample(replacing: "tags: [Retrieval, embeddings]", with: "tags: retrieval")).1
        == ["p.md:3:7: 'tags' must be a list, not text"])
    #expect(
      parse(sample(replacing: "title: Photo search for a stock library", with: "title: [a, b]")).1
        == ["p.md:2:8: 'title' must be text, not a list"])
    #expect(
      parse(sample(replacing: "  catalogue: 400M images", with: "  catalogue: [1, 2]")).1
        == ["p.md:6:14: 'scale: catalogue' must be text, not a list"])
    #expect(
      parse(sample(replacing: "ops:\n  - index", with: "ops:\n  - {a: 1}\n  - index")).1
        == ["p.md:27:5: an entry of 'ops' must be text, not a mapping"])
  }

  @Test func anEmptyFieldIsReported() {
    #expect(
      parse(sample(replacing: "title: Photo search for a stock library", with: "title:")).1
        == ["p.md:2:7: 'title' is empty"])
  }

  @Test func anUnknownKindSuggestsTheClosest() {
    let (_, problems) = parse(sample(replacing: "kind: pivot", with: "kind: pivto"))
    #expect(
      problems == [
        "p.md:13:11: unknown kind 'pivto' (did you mean 'pivot'?); "
          + "use one of pivot, pushback, curveball, silence, checkin"
      ])
  }

  @Test func anUnknownFieldSuggestsTheClosest() {
    let (_, problems) = parse(sample(replacing: "clarify:", with: "clarfy:"))
    #expect(
      problems == ["p.md:8:1: unknown field 'clarfy' (did you mean 'clarify'?) in the front matter"]
    )
  }

  @Test func aMissingInterjectionFieldIsReportedAtItsEntry() {
    let (_, problems) = parse(sample(replacing: "    text: Why HNSW here?\n", with: ""))
    #expect(problems == ["p.md:20:5: missing field 'text'"])
  }

  @Test func aDuplicateInterjectionIDIsReportedAtTheSecond() {
    let (_, problems) = parse(sample(replacing: "id: why-hnsw", with: "id: halve-budget"))
    #expect(
      problems == ["p.md:20:9: duplicate interjection id 'halve-budget' (first used on line 12)"])
  }

  @Test(arguments: ["last-90s", "one-minute-drill", "checkin-reminder"])
  func anInterjectionMayNotTakeTheIDOfABuiltInCue(_ id: String) {
    let (_, problems) = parse(sample(replacing: "id: why-hnsw", with: "id: \(id)"))
    #expect(
      problems == [
        "p.md:20:9: interjection id '\(id)' is the name of one of mockroom's own cues; "
          + "choose another"
      ])
  }

  @Test func timingHintsAreChecked() {
    #expect(
      parse(sample(replacing: "phase: design", with: "phase: desgin")).1
        == ["p.md:15:12: unknown phase 'desgin'; use one of clarify, estimate, design, drill, ops"])
    #expect(
      parse(sample(replacing: "at: 4m", with: "at: soon")).1.first?.hasPrefix("p.md:16:9: 'at': ")
        == true)
    #expect(
      parse(sample(replacing: "    phase: design\n", with: "")).1
        == ["p.md:15:9: 'at' is a time into a phase: give 'phase' too"])
  }

  @Test func anUnknownLevelListsTheLevels() {
    #expect(
      parse(sample(replacing: "level: staff", with: "level: wizard")).1
        == ["p.md:4:8: unknown level 'wizard'; use one of mid, senior, staff"])
  }

  @Test func anEmptyBodyIsReportedWhereTheBodyShouldStart() {
    let text = String(samplePrompt[..<samplePrompt.range(of: "You run")!.lowerBound]) + "\n  \n"
    #expect(
      parse(text).1
        == [
          "p.md:32:1: the prompt body is empty: after the front matter, write the prompt as you would say it"
        ])
  }

  @Test func frontMatterMustOpenAndClose() {
    #expect(parse("title: x\n\nbody").1.first?.hasPrefix("p.md:1:1: no front matter") == true)
    #expect(
      parse("---\ntitle: x\nbody\n").1.first?.hasPrefix(
        "p.md:1:1: the front matter opened here is never closed") == true)
    #expect(
      parse("---\n- a\n- b\n---\nbody").1 == [
        "p.md:2:1: the front matter must be a mapping of fields, not a list"
      ])
  }

  @Test func bytesThatAreNotUTF8AreLocated() {
    var bytes = Array("---\ntitle: ab".utf8)
    bytes.append(0xFF)
    bytes += Array("\n---\nbody".utf8)
    let problems = PromptParser.prompt(file: "p.md", id: "p", bytes: bytes).problems
    #expect(problems.map(\.description) == ["p.md:2:10: not UTF-8 text: save the file as UTF-8"])
  }

  @Test func aFileNameThatCannotBeAnIDIsReported() {
    #expect(
      parse(samplePrompt, id: "Photo Search").1.first?.hasPrefix(
        "p.md:1:1: the file name 'Photo Search'") == true)
    #expect(PromptParser.isUsableID("llm-chat-10m"))
    #expect(
      !PromptParser.isUsableID("-x") && !PromptParser.isUsableID("a--b")
        && !PromptParser.isUsableID(""))
  }

  @Test func everyProblemInAFileIsListedInOrder() {
    let text = sample(replacing: "level: staff", with: "level: wizard")
      .replacingFirst("kind: pushback", with: "kind: nope")
      .replacingFirst("clarify:", with: "clarfy:")
    let problems = parse(text).1
    #expect(problems.count == 3)
    #expect(problems.map { $0.split(separator: ":")[1] } == ["4", "8", "21"])
  }

  @Test func aDeckReadsItsEntriesAndDropsOnlyTheBadOnes() {
    let deck = """
      interjections:
        - id: budget-cut
          kind: pivot
          text: Half the budget.
        - id: odd
          kind: shout
          text: Hey.
        - id: quiet
          kind: silence
          text: (says nothing)
          phase: drill
      """
    let result = PromptParser.deck(file: "deck.yaml", bytes: Array(deck.utf8))
    #expect(result.interjections.map(\.id) == ["budget-cut", "quiet"])
    #expect(result.interjections[1].timing == .init(phase: .drill))
    #expect(
      result.problems.map(\.description) == [
        "deck.yaml:6:11: unknown kind 'shout'; use one of pivot, pushback, curveball, silence, checkin"
      ])
  }

  @Test func closestSuggestsNearIDsAndPrefixes() {
    let ids = ["llm-chat-serving", "rag-enterprise-docs", "video-recs", "vector-retrieval"]
    #expect(closest(to: "video-rec", in: ids) == ["video-recs"])
    #expect(closest(to: "vidoe-recs", in: ids) == ["video-recs"])
    #expect(closest(to: "llm", in: ids) == ["llm-chat-serving"])
    #expect(closest(to: "zzzz", in: ids) == [])
  }
}
