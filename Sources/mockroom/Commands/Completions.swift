import ArgumentParser
import Foundation
import MockCore

/// What Tab completes to, for the shell completion scripts (`--generate-completion-script`).
/// The shells call the binary back (`mockroom ---completion …`) with the words typed so far,
/// so each answer is read from where the command itself would read it: the prompt library
/// (honouring `--prompts DIR`), the plans, the session records, a running session's deck. They
/// run while the arguments are parsed, before `Mockroom.main` hands a command its context, so
/// each reads the environment through `Context.process()`.
enum Completions {
  @Sendable static func promptIDs(_ words: [String], _ at: Int, _ prefix: String) -> [String] {
    library(words)?.ids.filter { $0.hasPrefix(prefix) } ?? []
  }

  @Sendable static func tags(_ words: [String], _ at: Int, _ prefix: String) -> [String] {
    library(words)?.tags.filter { $0.hasPrefix(prefix) } ?? []
  }

  @Sendable static func planNames(_ words: [String], _ at: Int, _ prefix: String) -> [String] {
    PlanSources.resolve(Context.process().environment).load().names.filter { $0.hasPrefix(prefix) }
  }

  /// `last`, then the recorded sessions and drills, the most recent first.
  @Sendable static func sessionIDs(_ words: [String], _ at: Int, _ prefix: String) -> [String] {
    let names = (try? DataPaths.resolve(Context.process().environment)).flatMap {
      try? SessionStore(directory: $0.sessionsDirectory).names()
    }
    let ids = (names ?? []).reversed().map { String($0.dropLast(".jsonl".count)) }
    return (["last"] + ids).filter { $0.hasPrefix(prefix) }
  }

  /// The sessions running now, by id, whose sockets answer.
  @Sendable static func runningSessions(_ words: [String], _ at: Int, _ prefix: String)
    -> [String]
  {
    ControlPaths.running(Context.process().environment).reversed().filter { $0.hasPrefix(prefix) }
  }

  /// The deck of the running session `--session` or `--socket` names (or the only one): the
  /// entries still waiting or held first, then every other entry it could throw in.
  @Sendable static func deckIDs(_ words: [String], _ at: Int, _ prefix: String) -> [String] {
    func value(_ option: String) -> String? {
      words.firstIndex(of: option).flatMap { words.indices.contains($0 + 1) ? words[$0 + 1] : nil }
    }
    guard
      let client = try? ControlClient.open(
        session: value("--session"), socket: value("--socket"), Context.process().environment)
    else { return [] }
    let seq = client.send(.hello(role: .ctl, watch: false))
    guard case .welcome(let welcome)? = try? client.reply(to: seq, timeout: 1_000).0 else {
      return []
    }
    let open = welcome.state.deck.filter(\.isOpen).map(\.id)
    var ids = open
    for entry in welcome.material.deck where !ids.contains(entry.id) { ids.append(entry.id) }
    return ids.filter { $0.hasPrefix(prefix) }
  }

  /// `--budget`'s phase names, each with its standard budget to edit (`design=15m`): a word
  /// that is whole, so the space the shell puts after it is in the right place.
  @Sendable static func budgets(_ words: [String], _ at: Int, _ prefix: String) -> [String] {
    guard !prefix.contains("=") else { return [] }
    return Phase.allCases.map { "\($0.name)=\(Plan.standard[$0] / 60_000)m" }
      .filter { $0.hasPrefix(prefix) }
  }

  /// Words as the shell's script lists them: zsh's `_describe` reads `value:description`, so
  /// a colon in a value (`recovery:measure`) is escaped for it. ArgumentParser says which shell
  /// it is writing the script for (or answering) while it does.
  static func shellWords(_ words: [String]) -> [String] {
    guard CompletionShell.requesting == .zsh else { return words }
    return words.map { $0.replacingOccurrences(of: ":", with: "\\:") }
  }

  private static func library(_ words: [String]) -> PromptLibrary? {
    let explicit = words.firstIndex(of: "--prompts").flatMap {
      words.indices.contains($0 + 1) ? words[$0 + 1] : nil
    }
    let env = Context.process().environment
    return (try? PromptSources.resolve(explicit: explicit, env))?.load(cache: PromptCache(env))
  }
}
