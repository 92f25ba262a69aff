import Yams

/// A plan read from a file (`<name>.yaml`): its name is the file's name, as a prompt's id is.
///
/// ```yaml
/// description: a 35-minute screen with a short drill
/// budgets: {clarify: 4m, estimate: 4m, design: 12m, drill: 10m, ops: 5m}
/// ```
///
/// A phase left out keeps the standard budget.
public struct PlanFile: Equatable, Sendable {
  public var plan: Plan
  /// What the plan is for, and why its budgets are what they are.
  public var description: String
  /// The file it came from.
  public var path: String

  public init(plan: Plan, description: String, path: String) {
    self.plan = plan
    self.description = description
    self.path = path
  }

  /// Reads a plan file; nil with the problems (each at its place) when it does not read.
  public static func parse(file: String, name: String, bytes: [UInt8]) -> (
    plan: PlanFile?, problems: [PromptProblem]
  ) {
    var reader = NodeReader(file: file, lineOffset: 0)
    guard PromptParser.isUsableID(name) else {
      reader.report(
        line: 1, column: 1,
        "'\(name)' cannot name a plan: use lowercase letters, digits and single hyphens")
      return (nil, reader.problems)
    }
    guard let text = reader.utf8Text(bytes), let root = reader.compose(text) else {
      return (nil, reader.problems)
    }
    let file = read(root, name: name, file: file, &reader)
    return (file, reader.problems.sorted(by: PromptProblem.sortedOrder))
  }

  /// A plan from its YAML node (a file's root, or an entry under `plans:` in config.yaml);
  /// nil when `reader` found a problem in it.
  static func read(
    _ root: Node, name: String, file: String, what: String = "a plan file",
    _ reader: inout NodeReader
  ) -> PlanFile? {
    let before = reader.problems.count
    guard let fields = reader.fields(root, allowed: ["description", "budgets"], what: what)
    else { return nil }
    let description = reader.text(fields, "description", required: true)
    var plan = Plan.standard
    plan.name = name
    if let budgets = fields["budgets"] {
      read(budgets, into: &plan, &reader)
    } else {
      reader.report(root, "missing field 'budgets' (a phase left out keeps its standard budget)")
    }
    guard reader.problems.count == before, let description else { return nil }
    return PlanFile(plan: plan, description: description, path: file)
  }

  private static func read(_ node: Node, into plan: inout Plan, _ reader: inout NodeReader) {
    guard let mapping = node.mapping else {
      reader.report(node, "'budgets' must be a mapping of phase to duration, like design: 15m")
      return
    }
    let names = Phase.allCases.map(\.name)
    // A phase given twice is reported by the YAML reader (a key appears more than once).
    for (key, value) in mapping {
      guard let name = key.scalar?.string, let phase = Phase(name: name) else {
        let word = key.scalar?.string ?? "?"
        let hint = closest(to: word, in: names, limit: 1).first.map { " (did you mean '\($0)'?)" }
        reader.report(
          key, "unknown phase '\(word)'\(hint ?? ""); phases: \(names.joined(separator: ", "))")
        continue
      }
      guard let text = reader.scalar(value, name) else { continue }
      do {
        plan[phase] = try DurationText.parse(text)
      } catch {
        reader.report(value, "'\(name)': \(error)")
      }
    }
  }
}

/// Every plan there is: the bundled ones, then the user's, which replace a bundled plan of the
/// same name. Files that do not read are left out, with their problems.
public struct PlanLibrary: Sendable {
  public enum Origin: String, Sendable {
    case bundled, user
  }

  public struct Entry: Sendable {
    public var file: PlanFile
    public var origin: Origin
  }

  /// By name, in name order.
  public private(set) var entries: [Entry] = []
  public private(set) var problems: [PromptProblem] = []

  /// `files` are (path, bytes) per layer, bundled first.
  public init(layers: [(origin: Origin, files: [(path: String, bytes: [UInt8])])]) {
    var byName: [String: Entry] = [:]
    for layer in layers {
      for (path, bytes) in layer.files {
        let parsed = PlanFile.parse(file: path, name: Self.name(of: path), bytes: bytes)
        problems += parsed.problems
        if let file = parsed.plan {
          byName[file.plan.name] = Entry(file: file, origin: layer.origin)
        }
      }
    }
    entries = byName.values.sorted { $0.file.plan.name < $1.file.plan.name }
  }

  /// Plans written in config.yaml: the user's, over files of the same name.
  public mutating func add(_ plans: [PlanFile]) {
    var byName = Dictionary(entries.map { ($0.file.plan.name, $0) }) { $1 }
    for plan in plans { byName[plan.plan.name] = Entry(file: plan, origin: .user) }
    entries = byName.values.sorted { $0.file.plan.name < $1.file.plan.name }
  }

  /// Problems found outside the files' text (a file that could not be read).
  public mutating func add(problems more: [PromptProblem]) {
    problems = (problems + more).sorted(by: PromptProblem.sortedOrder)
  }

  public func entry(named name: String) -> Entry? {
    entries.first { $0.file.plan.name == name }
  }

  public var names: [String] { entries.map(\.file.plan.name) }

  /// A plan's name from its file's: `screen-35.yaml` is `screen-35`.
  public static func name(of path: String) -> String {
    var name = path.split(separator: "/").last.map(String.init) ?? path
    for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) {
      name.removeLast(suffix.count)
    }
    return name
  }
}
