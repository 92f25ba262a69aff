import Foundation
import MockCore

/// What loading each prompt file found last time, keyed by the file's path, size, change time
/// and inode, so an unchanged library is not parsed again (parsing is most of the cost of
/// `prompts list` and of starting a session). Only an optimisation: a cache that is missing,
/// unreadable, from another version of mockroom, or unwritable is ignored.
final class PromptCache {
  private struct Stored: Codable {
    var format: Int
    var program: String
    var files: [String: File]
  }

  private struct File: Codable {
    var key: [Int64]
    var result: FileResult
  }

  /// Bump when what the parser accepts or reports changes without a new program version.
  private static let format = 1

  let path: String
  private var files: [String: File] = [:]
  private var keys: [String: [Int64]] = [:]
  private var used: Set<String> = []

  /// `$MOCKROOM_HOME/cache/prompts.json`, else `$XDG_CACHE_HOME/mockroom/prompts.json`, else
  /// `~/.cache/mockroom/prompts.json`.
  init?(_ env: [String: String]) {
    guard let path = Self.path(of: "prompts.json", env) else { return nil }
    self.path = path
    if case .success(let bytes) = RegularFile.read(path, limit: 64 << 20),
      // A cache that does not read is rebuilt: nothing the user needs to hear.
      let stored = try? WireJSON.decoder().decode(Stored.self, from: Data(bytes)),
      stored.format == Self.format, stored.program == Mockroom.version
    {
      files = stored.files
    }
  }

  /// What the file gave last time, if it has not changed since.
  func result(for path: String) -> FileResult? {
    guard let key = Self.key(path) else { return nil }
    keys[path] = key
    guard let file = files[path], file.key == key else { return nil }
    used.insert(path)
    return file.result
  }

  /// Records what was parsed in `library` and writes the cache if that changed anything: to a
  /// temporary file, then renamed over the old one. Entries for other directories (another
  /// `--prompts DIR`) are kept while their files exist.
  func save(_ library: PromptLibrary) {
    guard !library.parsed.isEmpty else { return }
    var next = files.filter { used.contains($0.key) || Self.key($0.key) != nil }
    for (path, result) in library.parsed {
      guard let key = keys[path] ?? Self.key(path) else { continue }
      next[path] = File(key: key, result: result)
    }
    files = next
    let stored = Stored(format: Self.format, program: Mockroom.version, files: next)
    Self.replace(path, with: Data(WireJSON.text(stored).utf8))
  }

  /// Where a cache file named `name` goes: under `$MOCKROOM_HOME/cache/`, else
  /// `$XDG_CACHE_HOME/mockroom/`, else `~/.cache/mockroom/`.
  static func path(of name: String, _ env: [String: String]) -> String? {
    if let home = env["MOCKROOM_HOME"], home.hasPrefix("/") { return home + "/cache/" + name }
    if let cache = env["XDG_CACHE_HOME"], cache.hasPrefix("/") {
      return cache + "/mockroom/" + name
    }
    if let home = env["HOME"], home.hasPrefix("/") { return home + "/.cache/mockroom/" + name }
    return nil
  }

  /// Writes `data` to a temporary file and renames it over `path`; gives up quietly.
  static func replace(_ path: String, with data: Data) {
    let directory = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true)
    let temporary = path + ".\(getpid()).tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
    if rename(temporary, path) != 0 { unlink(temporary) }
  }

  /// Size, change time (ns) and inode: any edit, copy or replacement changes one of them.
  static func key(_ path: String) -> [Int64]? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    let changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    return [Int64(info.st_size), modified, changed, Int64(info.st_ino)]
  }
}
