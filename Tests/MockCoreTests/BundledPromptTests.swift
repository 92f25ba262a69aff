import Foundation
import MockCore
import Testing

/// The prompts mockroom ships with: every file loads, and each meets the bar for content.
@Suite struct BundledPrompts {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Prompts")

  static func read(_ name: String) -> PromptFile {
    let url = directory.appendingPathComponent(name)
    let data = (try? Data(contentsOf: url)).map { [UInt8]($0) }
    return PromptFile(
      path: "Prompts/" + name,
      contents: data.map { PromptFile.Contents.bytes($0) } ?? .unreadable(.init("missing")))
  }

  static let library: PromptLibrary = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    let prompts = names.filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted().map(read)
    return PromptLibrary(layers: [
      .init(origin: .bundled, prompts: prompts, deck: read("deck.yaml"))
    ])
  }()

  @Test func everyBundledFileLoadsWithoutAProblem() {
    #expect(Self.library.problems.map(\.description) == [])
    #expect(Self.library.entries.count >= 16)
  }

  @Test(arguments: library.entries.map(\.summary.id))
  func eachPromptMeetsTheContentBar(_ id: String) throws {
    guard case .bytes(let bytes) = Self.read(id + ".md").contents else {
      Issue.record("cannot read \(id).md")
      return
    }
    let p = try #require(PromptParser.prompt(file: id, id: id, bytes: bytes).prompt)
    let kinds = p.interjections.map(\.kind)
    #expect(p.clarify.count >= 5, "clarify")
    #expect(kinds.filter { $0 == .pivot }.count >= 3, "pivots")
    #expect(kinds.contains(.pushback), "pushback")
    #expect(kinds.contains(.curveball), "curveball")
    #expect(p.drill.count >= 3, "drill")
    #expect(p.ops.count >= 4, "ops")
    #expect(p.scale.count >= 4, "scale")
    #expect(!p.notes.isEmpty, "notes")
    #expect(!p.tags.isEmpty, "tags")
    #expect(p.body.count > 200, "body")
    // What a strong response covers is there for every pivot, pushback and curveball.
    for item in p.interjections where [.pivot, .pushback, .curveball].contains(item.kind) {
      #expect(!item.strong.isEmpty, "\(item.id) has no 'strong'")
    }
  }

  @Test func theGenericDeckHasEveryKind() {
    let kinds = Set(Self.library.deck.map(\.kind))
    #expect(kinds == Set(Interjection.Kind.allCases))
  }

  @Test func theFormatReadmesExampleIsAValidPrompt() throws {
    let readme = try String(
      contentsOf: Self.directory.appendingPathComponent("README.md"), encoding: .utf8)
    let start = try #require(readme.range(of: "```markdown\n"))
    let end = try #require(readme.range(of: "\n```\n", range: start.upperBound..<readme.endIndex))
    let example = String(readme[start.upperBound..<end.lowerBound])
    let result = PromptParser.prompt(
      file: "README example", id: "photo-search", bytes: Array(example.utf8))
    #expect(result.problems == [])
    let prompt = try #require(result.prompt)
    #expect(prompt.clarify.count == 5 && prompt.interjections.count == 3 && !prompt.notes.isEmpty)
  }
}
