import Foundation
import FuzzTargets
import Testing

/// Every input that ever crashed a fuzz target (`Fuzz/FailCases/<target>/`), and every seed,
/// through the same code the fuzzers run: none may crash again.
@Suite struct FuzzRegressions {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fuzz")

  static func run(_ target: String, _ bytes: [UInt8]) {
    switch target {
    case "FuzzPrompt": FuzzTargets.prompt(bytes)
    case "FuzzRecord": FuzzTargets.record(bytes)
    case "FuzzControl": FuzzTargets.control(bytes)
    default: FuzzTargets.duration(bytes)
    }
  }

  static func inputs(_ target: String) -> [URL] {
    ["FailCases", "seeds"].flatMap { folder -> [URL] in
      let directory = root.appendingPathComponent(folder).appendingPathComponent(target)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
      return names.filter { !$0.hasPrefix(".") }.sorted().map {
        directory.appendingPathComponent($0)
      }
    }
  }

  @Test(arguments: ["FuzzPrompt", "FuzzRecord", "FuzzControl", "FuzzDuration"])
  func everyKeptInputRunsThroughItsTarget(_ target: String) throws {
    let inputs = Self.inputs(target)
    #expect(!inputs.isEmpty, "\(target) has seeds")
    for input in inputs {
      Self.run(target, Array(try Data(contentsOf: input)))
    }
  }

  @Test func theBundledPromptsRunThroughThePromptTarget() throws {
    let prompts = Self.root.deletingLastPathComponent().appendingPathComponent("Prompts")
    let names = try FileManager.default.contentsOfDirectory(atPath: prompts.path)
    #expect(names.count > 10)
    for name in names.sorted() {
      FuzzTargets.prompt(Array(try Data(contentsOf: prompts.appendingPathComponent(name))))
    }
  }
}
