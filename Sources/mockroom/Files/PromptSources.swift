import Foundation
import MockCore

/// Where prompts come from: the bundled directory, found explicitly, and the user's own.
struct PromptSources {
  /// The bundled prompts, or nil when none was found.
  let bundled: String?
  /// The user's prompts; it need not exist.
  let user: String

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// The bundled directory is the first of: `--prompts DIR`, `$MOCKROOM_PROMPTS`, `Prompts/`
  /// next to the executable (or `../share/mockroom/Prompts`), the source checkout's `Prompts/`.
  /// A directory named explicitly must exist. The user's directory is `$MOCKROOM_HOME/prompts`,
  /// else `$XDG_CONFIG_HOME/mockroom/prompts`, else `~/.config/mockroom/prompts`.
  static func resolve(
    explicit: String?, _ env: [String: String]
  ) throws(Failure) -> PromptSources {
    let user = DataPaths.configDirectory(env) + "/prompts"
    for (name, value) in [("--prompts", explicit), ("MOCKROOM_PROMPTS", env["MOCKROOM_PROMPTS"])] {
      guard let value, !value.isEmpty else { continue }
      guard isDirectory(value) else {
        throw Failure(description: "\(name) \(value): no such directory")
      }
      return PromptSources(bundled: value, user: user)
    }
    return PromptSources(bundled: bundled("Prompts"), user: user)
  }

  /// The directory mockroom ships as `name` (`Prompts`, `Plans`): next to the executable,
  /// under `../share/mockroom/`, or in the source checkout; nil when none is there.
  static func bundled(_ name: String) -> String? {
    var candidates: [String] = []
    if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    {
      let directory = (executable as NSString).deletingLastPathComponent
      // Installed, the prompts are in PREFIX/share beside PREFIX/bin: named without the `..`
      // so that messages show where they really are.
      let share = ((directory as NSString).deletingLastPathComponent as NSString)
        .appendingPathComponent("share/mockroom/" + name)
      candidates += [directory + "/" + name, share]
    }
    // Sources/mockroom/Files/PromptSources.swift → the checkout's root.
    var root = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { root.deleteLastPathComponent() }
    candidates.append(root.appendingPathComponent(name).path)
    return candidates.first(where: isDirectory)
  }

  /// Reads every prompt and deck file: bundled first, then the user's, which win on a shared id.
  /// With a cache, files unchanged since it was written are not parsed again.
  func load(cache: PromptCache? = nil) -> PromptLibrary {
    var layers: [PromptLibrary.Layer] = []
    if let bundled { layers.append(Self.layer(bundled, origin: .bundled, cache: cache)) }
    if Self.isDirectory(user) { layers.append(Self.layer(user, origin: .user, cache: cache)) }
    let library = PromptLibrary(layers: layers)
    cache?.save(library)
    return library
  }

  /// The whole prompt behind `entry`, read again from its file.
  static func prompt(of entry: PromptLibrary.Entry) throws(Failure) -> Prompt {
    guard case .bytes(let bytes) = read(entry.path).contents else {
      throw Failure(description: "\(entry.path): can no longer be read")
    }
    let parsed = PromptParser.prompt(file: entry.path, id: entry.summary.id, bytes: bytes)
    guard let prompt = parsed.prompt else {
      throw Failure(description: parsed.problems.map(\.description).joined(separator: "\n"))
    }
    return prompt
  }

  /// Every entry's whole prompt, read and parsed in parallel (nil for one that no longer reads
  /// or parses), in the entries' order.
  static func prompts(of entries: [PromptLibrary.Entry]) -> [Prompt?] {
    var prompts = [Prompt?](repeating: nil, count: entries.count)
    prompts.withUnsafeMutableBufferPointer { buffer in
      let shared = UnsafeSendable(buffer)
      DispatchQueue.concurrentPerform(iterations: entries.count) { index in
        shared.value[index] = try? prompt(of: entries[index])
      }
    }
    return prompts
  }

  /// Every directory the library reads, for messages.
  var directories: [String] { [bundled, Self.isDirectory(user) ? user : nil].compactMap { $0 } }

  /// One directory's prompts (`*.md` but README.md, sorted) and its `deck.yaml`, if any.
  static func layer(
    _ directory: String, origin: PromptLibrary.Origin, cache: PromptCache? = nil
  ) -> PromptLibrary.Layer {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    } catch {
      let reason = (error as NSError).localizedFailureReason ?? "cannot list the directory"
      return .init(
        origin: origin, prompts: [PromptFile(path: directory, contents: .unreadable(.init(reason)))]
      )
    }
    let prompts = names.filter { isPromptFile($0) }.map { name in
      let path = directory + "/" + name
      if let known = cache?.result(for: path) {
        return PromptFile(path: path, contents: .known(known))
      }
      return read(path)
    }
    let deck = names.contains("deck.yaml") ? read(directory + "/deck.yaml") : nil
    return .init(origin: origin, prompts: prompts, deck: deck)
  }

  static func isPromptFile(_ name: String) -> Bool {
    name.hasSuffix(".md") && !name.hasPrefix(".") && name.lowercased() != "readme.md"
  }

  /// A prompt file is a page or two; anything far larger is a mistake, not a prompt.
  static let largestFile = 1 << 20

  /// The file's bytes, or why they could not be read, in words.
  static func read(_ path: String) -> PromptFile {
    switch readBytes(path, limit: largestFile) {
    case .success(let bytes): PromptFile(path: path, contents: .bytes(bytes))
    case .failure(let failure): PromptFile(path: path, contents: .unreadable(failure))
    }
  }

  static func readBytes(_ path: String, limit: Int) -> Result<[UInt8], ReadFailure> {
    RegularFile.read(
      path, limit: limit, tooLarge: "larger than \(RegularFile.sizeText(limit)); is this a prompt?")
  }

  static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }
}

/// How often each prompt was practised, from the first line of every session log.
enum PracticeReader {
  static func read(sessionsDirectory: String) -> [String: Practice] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: sessionsDirectory)
    else { return [:] }
    var sessions: [(prompt: String, wall: String)] = []
    for name in names where name.hasSuffix(".jsonl") {
      guard let line = firstLine(sessionsDirectory + "/" + name),
        let (record, wall) = try? Record.decode(jsonLine: line),
        case .sessionStarted(let start) = record.entry, let prompt = start.info.prompt
      else { continue }
      sessions.append((prompt, wall))
    }
    return Practice.tally(sessions)
  }

  /// The first line of a file, read a block at a time: a log's first line is its start. A
  /// file that is not a regular one is passed over here; `history` names it.
  private static func firstLine(_ path: String) -> String? {
    guard case .success(let file) = RegularFile.open(path) else { return nil }
    var bytes: [UInt8] = []
    while bytes.count < 1 << 16 {
      guard case .success(let chunk) = file.read(upTo: 4096), !chunk.isEmpty else { break }
      if let newline = chunk.firstIndex(of: UInt8(ascii: "\n")) {
        bytes.append(contentsOf: chunk[0..<newline])
        return String(decoding: bytes, as: UTF8.self)
      }
      bytes.append(contentsOf: chunk)
    }
    return nil
  }
}
