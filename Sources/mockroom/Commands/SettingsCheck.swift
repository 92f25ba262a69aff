import Foundation
import Glibc
import MockCore

/// What `run` would refuse, or what would fail each time it came, found before a session:
/// reading config.yaml only knows whether each value is of the right kind. Each problem names
/// its place (config.yaml's line and column, the variable, or the `hooks/` file) and the
/// closest right name where there is one.
enum SettingsCheck {
  static func problems(
    _ settings: Settings, file: String, configDirectory: String, environment: [String: String]
  ) -> [String] {
    let path = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
      .map(String.init)
    return plan(settings, file: file, environment)
      + hooks(settings, file: file, path: path, environment: environment)
      + hookFiles(configDirectory + "/hooks")
  }

  /// Where a setting came from, as a problem's place.
  private static func place(_ key: Settings.Key, _ settings: Settings, file: String) -> String {
    switch settings.source(key) {
    case .file:
      let at = settings.places[key].map { ":\($0.line):\($0.column)" } ?? ""
      return "\(file)\(at): '\(key.rawValue)'"
    case .environment:
      let name = Settings.variables.first { $0.key == key }?.name ?? key.rawValue
      return name
    case .flag, .builtIn: return key.rawValue
    }
  }

  /// The plan, found as `run` finds it.
  private static func plan(
    _ settings: Settings, file: String, _ environment: [String: String]
  ) -> [String] {
    do {
      _ = try Plans.choose(settings.plan, inline: settings.plans, environment)
      return []
    } catch {
      return ["\(place(.plan, settings, file: file)): \(error)"]
    }
  }

  /// The settings' plan as every command that runs one finds it; one that is not there is
  /// refused with where it was named (config.yaml's line and column, or the variable), since
  /// the person may never have typed it on this command line.
  static func chosenPlan(_ settings: Settings, in context: Context) throws -> PlanFile {
    let file = context.configPath
    do {
      return try Plans.choose(settings.plan, inline: settings.plans, context.environment).file
    } catch let error as UserError {
      switch settings.source(.plan) {
      case .file, .environment:
        throw UserError("\(place(.plan, settings, file: file)): \(error.message)", code: error.code)
      case .flag, .builtIn: throw error
      }
    }
  }

  /// Each hook's program, and what `speak` and `notify` need.
  private static func hooks(
    _ settings: Settings, file: String, path: [String], environment: [String: String]
  ) -> [String] {
    func found(_ program: String) -> Bool { HookRunner.runnable(program, path: path) }
    var problems: [String] = []
    for event in settings.hooks.keys.sorted() {
      let places = settings.hookPlaces[event] ?? []
      for (index, command) in (settings.hooks[event] ?? []).enumerated() {
        let at = index < places.count ? ":\(places[index].line):\(places[index].column)" : ""
        let here = "\(file)\(at): a hook of '\(event.rawValue)'"
        switch command {
        case .program(let words):
          guard let program = words.first, !found(program) else { continue }
          problems.append(
            program.contains("/")
              ? "\(here): \(program) is not there or cannot be run; it would fail each time"
              : "\(here): no program '\(program)' on PATH; it would fail each time")
        case .speak:
          if !HookCommand.speechPrograms.contains(where: found) {
            let names = HookCommand.speechPrograms.joined(separator: ", ")
            problems.append(
              "\(here): speak finds no speech program on PATH (\(names)); "
                + "on Debian: apt install espeak-ng")
          }
        case .notify:
          if !found("notify-send") {
            problems.append(
              "\(here): notify needs notify-send, which is not on PATH; "
                + "on Debian: apt install libnotify-bin")
          } else if !hasSessionBus(environment) {
            problems.append(
              "\(here): notify has no desktop session to show it in "
                + "(DBUS_SESSION_BUS_ADDRESS is not set and there is no $XDG_RUNTIME_DIR/bus)")
          }
        }
      }
    }
    return problems
  }

  /// Files in `hooks/` whose names are no event: they would never run.
  static func hookFiles(_ directory: String) -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
      return []
    }
    let events = HookEvent.allCases.map(\.rawValue)
    return names.sorted().filter { !$0.hasPrefix(".") && !events.contains($0) }.map { name in
      let near = closest(to: name, in: events, limit: 1).first
      let hint = near.map { " (did you mean '\($0)'?)" } ?? ""
      return "\(directory)/\(name): no event is called '\(name)'\(hint), so it never runs"
    }
  }

  /// Whether a desktop notification has somewhere to go: a session bus named, or the usual one.
  private static func hasSessionBus(_ environment: [String: String]) -> Bool {
    if let address = environment["DBUS_SESSION_BUS_ADDRESS"], !address.isEmpty { return true }
    guard let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty else { return false }
    var status = stat()
    return stat(runtime + "/bus", &status) == 0 && status.st_mode & S_IFMT == S_IFSOCK
  }
}
