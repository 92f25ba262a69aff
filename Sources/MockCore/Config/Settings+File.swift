import Yams

/// Settings read from `config.yaml`, with where each stands in it.
extension Settings {
  /// Reads `config.yaml` over these settings. A value of the wrong kind is a problem (the
  /// command stops); an unknown key is a warning that names the closest known one.
  public mutating func read(file: String, bytes: [UInt8]) -> (
    problems: [PromptProblem], warnings: [PromptProblem]
  ) {
    var reader = NodeReader(file: file, lineOffset: 0)
    guard let text = reader.utf8Text(bytes) else { return (reader.problems, []) }
    // An empty file (or one of comments only) is no settings at all.
    let content = text.split(separator: "\n").map { $0.trimmingWhitespace }
    guard content.contains(where: { !$0.isEmpty && !$0.hasPrefix("#") }) else { return ([], []) }
    guard let root = reader.compose(text) else { return (reader.problems, []) }
    if root.scalar != nil, reader.isNull(root) { return ([], []) }
    guard let mapping = root.mapping else {
      reader.report(root, "config.yaml must be a mapping of settings, not \(reader.describe(root))")
      return (reader.problems, [])
    }
    var warnings: [PromptProblem] = []
    let names = Key.allCases.map(\.rawValue)
    for (node, value) in mapping {
      guard let name = node.scalar?.string, let key = Key(rawValue: name) else {
        let word = node.scalar?.string ?? "?"
        let hint = closest(to: word, in: names, limit: 1).first.map { " (did you mean '\($0)'?)" }
        let mark = node.mark
        warnings.append(
          PromptProblem(
            file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
            message: "unknown setting '\(word)'\(hint ?? ""); it is ignored"))
        continue
      }
      if read(key, value, &reader, file: file, warnings: &warnings) {
        mark(key, .file)
        places[key] = Place(value)
      }
    }
    return (reader.problems.sorted(by: PromptProblem.sortedOrder), warnings)
  }

  /// One setting from the file; false (with a problem) when it does not read.
  private mutating func read(
    _ key: Key, _ node: Node, _ reader: inout NodeReader, file: String,
    warnings: inout [PromptProblem]
  ) -> Bool {
    if key == .plans { return readPlans(node, &reader, file: file) }
    if key == .hooks { return readHooks(node, &reader, file: file, warnings: &warnings) }
    guard let text = reader.scalar(node, key.rawValue) else { return false }
    switch set(key, text) {
    case .success: return true
    case .failure(let why):
      reader.report(node, "'\(key.rawValue)': \(why.message)")
      return false
    }
  }

  private mutating func readPlans(_ node: Node, _ reader: inout NodeReader, file: String) -> Bool {
    guard let mapping = node.mapping else {
      reader.report(node, "'plans' must be a mapping of plan names to plans")
      return false
    }
    let before = reader.problems.count
    var read: [PlanFile] = []
    for (key, value) in mapping {
      guard let name = key.scalar?.string, PromptParser.isUsableID(name) else {
        reader.report(
          key, "a plan's name is lowercase letters, digits and single hyphens, like screen-35")
        continue
      }
      // Each plan reads as its own file would, with its places in config.yaml.
      if let plan = PlanFile.read(value, name: name, file: file, what: "plan '\(name)'", &reader) {
        read.append(plan)
      }
    }
    plans = read
    return reader.problems.count == before
  }

  /// `hooks:`: each event's list of commands. A command is a list of words (a program and its
  /// arguments), or a built-in: `speak` or `notify`, alone or as `{speak: [options]}`.
  private mutating func readHooks(
    _ node: Node, _ reader: inout NodeReader, file: String, warnings: inout [PromptProblem]
  ) -> Bool {
    if reader.isNull(node) {
      hooks = [:]
      return true
    }
    guard let mapping = node.mapping else {
      reader.report(node, "'hooks' must be a mapping of events to lists of commands")
      return false
    }
    let before = reader.problems.count
    var read: [HookEvent: [HookCommand]] = [:]
    var places: [HookEvent: [Place]] = [:]
    let names = HookEvent.allCases.map(\.rawValue)
    for (key, value) in mapping {
      guard let name = key.scalar?.string, let event = HookEvent(rawValue: name) else {
        let word = key.scalar?.string ?? "?"
        let hint = closest(to: word, in: names, limit: 1).first.map { " (did you mean '\($0)'?)" }
        warnings.append(
          PromptProblem(
            file: file, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1,
            message: "unknown hook event '\(word)'\(hint ?? ""); its hooks never run"))
        continue
      }
      let commands = reader.list(value, name) { reader, item in
        Self.hookCommand(item, &reader, event: name).map { ($0, Place(item)) }
      }
      read[event, default: []] += commands.map(\.0)
      places[event, default: []] += commands.map(\.1)
    }
    hooks = read
    hookPlaces = places
    return reader.problems.count == before
  }

  private static func hookCommand(_ node: Node, _ reader: inout NodeReader, event: String)
    -> HookCommand?
  {
    let shape =
      "a hook of '\(event)' is a list of words such as [notify-send, mockroom], "
      + "or speak or notify"
    func words(_ node: Node, _ what: String) -> [String]? {
      guard let sequence = node.sequence, !sequence.isEmpty else {
        reader.report(node, "\(what) must be a list of words, not \(reader.describe(node))")
        return nil
      }
      let read = sequence.compactMap { reader.scalar($0, "a word of \(what)", label: true) }
      return read.count == sequence.count ? read : nil
    }
    func builtIn(_ name: String, _ options: [String]) -> HookCommand? {
      switch name {
      case "speak": return .speak(options: options)
      case "notify": return .notify(options: options)
      default: return nil
      }
    }
    if let scalar = node.scalar {
      if let command = builtIn(scalar.string, []) { return command }
      reader.report(node, "\(shape), not '\(scalar.string)'")
      return nil
    }
    if let mapping = node.mapping {
      guard mapping.count == 1, let (key, value) = mapping.first,
        let name = key.scalar?.string, HookCommand.builtIns.contains(name)
      else {
        reader.report(node, "\(shape); a mapping names one built-in and its options")
        return nil
      }
      return words(value, "\(name)'s options").flatMap { builtIn(name, $0) }
    }
    return words(node, "a hook of '\(event)'").map(HookCommand.program)
  }
}
