import Foundation
import MockCore

/// Where plans come from: the bundled `Plans/` (shipped beside `Prompts/`), then the user's
/// `plans/` in the config directory, whose plans replace bundled ones of the same name.
struct PlanSources {
  let bundled: String?
  let user: String

  static func resolve(_ env: [String: String])
    -> PlanSources
  {
    PlanSources(
      bundled: PromptSources.bundled("Plans"),
      user: DataPaths.configDirectory(env) + "/plans")
  }

  /// A plan file is a few lines; anything far larger is a mistake.
  static let largestFile = 64 << 10

  /// Every plan, bundled first; a file that cannot be read is a problem at its line 1.
  func load() -> PlanLibrary {
    var layers: [(origin: PlanLibrary.Origin, files: [(path: String, bytes: [UInt8])])] = []
    var unreadable: [PromptProblem] = []
    for (origin, directory) in [(PlanLibrary.Origin.bundled, bundled), (.user, user)] {
      guard let directory, PromptSources.isDirectory(directory) else { continue }
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: directory)
      } catch {
        let reason = (error as NSError).localizedFailureReason ?? "cannot list the directory"
        unreadable.append(PromptProblem(file: directory, line: 1, column: 1, message: reason))
        continue
      }
      var files: [(path: String, bytes: [UInt8])] = []
      for name in names.sorted() where Self.isPlanFile(name) {
        let path = directory + "/" + name
        switch Self.read(path) {
        case .success(let bytes): files.append((path, bytes))
        case .failure(let problem): unreadable.append(problem)
        }
      }
      layers.append((origin, files))
    }
    var library = PlanLibrary(layers: layers)
    library.add(problems: unreadable)
    return library
  }

  static func isPlanFile(_ name: String) -> Bool {
    (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !name.hasPrefix(".")
  }

  /// One plan file named on the command line (`run --plan FILE`, `plans check FILE`).
  static func file(_ path: String) -> (plan: PlanFile?, problems: [PromptProblem]) {
    switch read(path) {
    case .failure(let problem): return (nil, [problem])
    case .success(let bytes):
      return PlanFile.parse(file: path, name: PlanLibrary.name(of: path), bytes: bytes)
    }
  }

  private static func read(_ path: String) -> Result<[UInt8], PromptProblem> {
    switch RegularFile.read(
      path, limit: largestFile,
      tooLarge: "larger than \(RegularFile.sizeText(largestFile)); is this a plan?")
    {
    case .success(let bytes): .success(bytes)
    case .failure(let failure):
      .failure(PromptProblem(file: path, line: 1, column: 1, message: failure.reason))
    }
  }
}
