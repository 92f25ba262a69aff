import Foundation

/// Where mockroom keeps its files: `$MOCKROOM_HOME` if set, else the XDG base directories.
struct DataPaths {
  /// Holds `sessions/`.
  let dataDirectory: String

  var sessionsDirectory: String { dataDirectory + "/sessions" }

  struct Missing: Error, CustomStringConvertible {
    var description: String {
      "cannot tell where to keep session records: set HOME, XDG_DATA_HOME or MOCKROOM_HOME"
    }
  }

  /// Where the user's own files go (prompts, plans, config.yaml): `$MOCKROOM_HOME`, else `$XDG_CONFIG_HOME/mockroom`, else
  /// `~/.config/mockroom`.
  static func configDirectory(_ env: [String: String]) -> String {
    if let home = env["MOCKROOM_HOME"], home.hasPrefix("/") { return home }
    if let config = env["XDG_CONFIG_HOME"], config.hasPrefix("/") { return config + "/mockroom" }
    return (env["HOME"] ?? "/nonexistent") + "/.config/mockroom"
  }

  /// Where the hook log goes: `$MOCKROOM_HOME`, else `$XDG_STATE_HOME/mockroom`, else
  /// `~/.local/state/mockroom`.
  static func stateDirectory(_ env: [String: String]) -> String {
    if let home = env["MOCKROOM_HOME"], home.hasPrefix("/") { return home }
    if let state = env["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/mockroom" }
    return (env["HOME"] ?? "/nonexistent") + "/.local/state/mockroom"
  }

  /// The hooks' output, and what became of each.
  static func hookLog(_ env: [String: String]) -> String { stateDirectory(env) + "/hooks.log" }

  static func resolve(_ env: [String: String]) throws
    -> DataPaths
  {
    func absolute(_ key: String) -> String? {
      guard let value = env[key], value.hasPrefix("/") else { return nil }
      return value
    }
    if let home = absolute("MOCKROOM_HOME") { return DataPaths(dataDirectory: home) }
    if let data = absolute("XDG_DATA_HOME") { return DataPaths(dataDirectory: data + "/mockroom") }
    if let home = absolute("HOME") {
      return DataPaths(dataDirectory: home + "/.local/share/mockroom")
    }
    throw Missing()
  }
}
