import Foundation
import Glibc
import MockCore
import Testing

/// Tab completion, as each shell does it: the script `mockroom --generate-completion-script`
/// prints is loaded into bash, zsh or fish, and the shell's own completion is asked for a line.
/// bash: the function the script registers, called with COMP_WORDS and COMP_CWORD set. zsh: an
/// interactive zsh on a pseudo-terminal (zpty), with the line typed and Tab pressed, and what
/// the completion system offers caught at compadd. fish: `complete --do-complete`.
@Suite(.serialized, .timeLimit(.minutes(5))) struct CompletionEndToEnd {
  enum Shell: String, CaseIterable, CustomStringConvertible {
    case bash, zsh, fish
    var description: String { rawValue }
  }

  /// A scratch directory with `mockroom` on a PATH of its own, the three scripts, and a
  /// MOCKROOM_HOME holding two records.
  final class Scratch: @unchecked Sendable {
    let path: String
    let home: String
    var environment: [String: String]

    init(runtime: String? = nil) throws {
      path =
        FileManager.default.temporaryDirectory
        .appendingPathComponent("mockroom-complete-\(UUID().uuidString)").path
      home = path + "/home"
      for directory in ["bin", "home/sessions", "scripts"] {
        try FileManager.default.createDirectory(
          atPath: path + "/" + directory, withIntermediateDirectories: true)
      }
      try FileManager.default.createSymbolicLink(
        atPath: path + "/bin/mockroom", withDestinationPath: Binary.path)
      environment = [
        "PATH": path + "/bin:/usr/bin:/bin", "HOME": path, "MOCKROOM_HOME": home,
        "LANG": "C.UTF-8", "TERM": "xterm",
      ]
      if let runtime { environment["XDG_RUNTIME_DIR"] = runtime }
      for shell in Shell.allCases {
        let script = try runProcess(
          [Binary.path, "--generate-completion-script", shell.rawValue], environment: environment)
        try #require(script.status == 0, "\(script.stderr)")
        let name = shell == .zsh ? "_mockroom" : "mockroom.\(shell)"
        try script.stdout.write(toFile: scriptPath(shell, name), atomically: true, encoding: .utf8)
      }
      // The older first in time; ids sort by their start.
      for id in Self.sessions.reversed() {
        #expect(
          FileManager.default.createFile(atPath: "\(home)/sessions/\(id).jsonl", contents: nil))
      }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Newest first.
    static let sessions = ["20261121-143005-ads-ctr", "20261120-090000-video-recs"]

    func scriptPath(_ shell: Shell, _ name: String? = nil) -> String {
      path + "/scripts/" + (name ?? (shell == .zsh ? "_mockroom" : "mockroom.\(shell)"))
    }

    /// What `shell` offers for `line` (the cursor at its end), in the order it was given.
    func complete(_ shell: Shell, _ line: String) throws -> [String] {
      let output: Output
      switch shell {
      case .bash:
        let words = CompletionEndToEnd.bashWords(line)
        // What readline completes, and bash hands the function as $2: the text after the last
        // blank or word break.
        let cur = String(line.reversed().prefix { !" \"'><=;|&(:".contains($0) }.reversed())
        let script = """
          source \(shellQuoted(scriptPath(.bash)))
          COMP_WORDS=(\(words.map(shellQuoted).joined(separator: " ")))
          COMP_CWORD=\(words.count - 1)
          COMP_LINE=\(shellQuoted(line))
          COMP_POINT=${#COMP_LINE}
          COMPREPLY=()
          _mockroom mockroom \(shellQuoted(cur)) \(shellQuoted(words[words.count - 2]))
          printf '%s\\n' "${COMPREPLY[@]}"
          """
        output = try runProcess(
          ["bash", "--norc", "--noprofile", "-c", script], environment: environment)
      case .zsh:
        let out = path + "/zsh-\(UUID().uuidString)"
        let rc = """
          PS1=''
          fpath=(\(shellQuoted(path + "/scripts")) $fpath)
          autoload -Uz compinit && compinit -u -D
          # What the completion system would offer, caught where it is added.
          compadd() {
            if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd "$@"; return; fi
            local -a hits
            builtin compadd -A hits "$@"
            (( $#hits )) && print -rl -- $hits >> \(shellQuoted(out))
            builtin compadd "$@"
          }
          finished() { : >> \(shellQuoted(out + ".done")) }
          comppostfuncs=(finished)
          bindkey '^I' complete-word
          """
        try rc.write(toFile: out + ".rc", atomically: true, encoding: .utf8)
        let driver = """
          zmodload zsh/zpty
          zpty shell zsh -f -i
          zpty -w shell \(shellQuoted("source " + shellQuoted(out + ".rc")))
          zpty -w -n shell \(shellQuoted(line))$'\\t'
          for i in {1..200}; do [[ -e \(shellQuoted(out + ".done")) ]] && break; sleep 0.05; done
          zpty -d shell
          [[ -e \(shellQuoted(out + ".done")) ]] || { print -u2 'zsh never finished completing'; exit 1 }
          [[ -e \(shellQuoted(out)) ]] && cat \(shellQuoted(out))
          """
        output = try runProcess(["zsh", "-f", "-c", driver], environment: environment)
      case .fish:
        // fish's completion reads the cursor's place in the command line, which only an
        // interactive fish has: one runs in tmux, the line is typed, and a key bound to
        // `complete -C` asks fish's completion of that line, as Tab does.
        let out = path + "/fish-\(UUID().uuidString)"
        let socket = path + "/tmux-\(UUID().uuidString.prefix(8))"
        let setup =
          "source \(shellQuoted(scriptPath(.fish))); "
          + "bind \\ck 'complete -C > \(out).tmp; mv \(out).tmp \(out)'"
        let tmux = ["tmux", "-S", socket]
        let started = try runProcess(
          tmux + [
            "new-session", "-d", "-x", "200", "-y", "50", "fish", "--no-config", "-i", "-C", setup,
          ],
          environment: environment)
        try #require(started.status == 0, "tmux: \(started.stderr)")
        defer { _ = try? runProcess(tmux + ["kill-server"], environment: environment) }
        try CompletionEndToEnd.wait("fish's prompt") {
          let screen = try runProcess(tmux + ["capture-pane", "-p"], environment: environment)
          return !screen.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        _ = try runProcess(tmux + ["send-keys", "-l", line], environment: environment)
        _ = try runProcess(tmux + ["send-keys", "C-k"], environment: environment)
        try CompletionEndToEnd.wait("fish's completion") {
          FileManager.default.fileExists(atPath: out)
        }
        output = Output(
          status: 0, stdout: try String(contentsOfFile: out, encoding: .utf8), stderr: "")
      }
      #expect(output.status == 0, "\(shell) \(line): \(output.stderr)")
      return output.stdout.split(separator: "\n").map {
        String($0.split(separator: "\t", maxSplits: 1).first ?? "")
      }
    }
  }

  /// Waits up to ten seconds for `done`.
  static func wait(_ what: String, _ done: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
      if try done() { return }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw Timeout(description: "\(what) did not come in 10 seconds")
  }

  /// The words bash hands a completion function (COMP_WORDS) for `line`: split at blanks and,
  /// as readline does with COMP_WORDBREAKS, around each run of `"'><=;|&(:`; the word under
  /// the cursor is empty after a blank.
  static func bashWords(_ line: String) -> [String] {
    let breaks = Set("\"'><=;|&(:")
    var words: [String] = []
    for blank in line.split(separator: " ") {
      var word = ""
      for character in blank {
        if let last = word.last, breaks.contains(last) != breaks.contains(character) {
          words.append(word)
          word = ""
        }
        word.append(character)
      }
      words.append(word)
    }
    if line.hasSuffix(" ") { words.append("") }
    return words
  }

  @Test func bashSplitsWordsAsReadlineDoes() {
    #expect(
      Self.bashWords("mockroom ctl mark recovery:s") == [
        "mockroom", "ctl", "mark", "recovery", ":", "s",
      ])
    #expect(Self.bashWords("mockroom run --bell ") == ["mockroom", "run", "--bell", ""])
  }

  @Test(arguments: Shell.allCases) func closedSetsCompleteToTheirValues(_ shell: Shell) throws {
    let scratch = try Scratch()
    #expect(try scratch.complete(shell, "mockroom run --bell ") == Settings.bells)
    #expect(try scratch.complete(shell, "mockroom run --bell f") == ["flash"])
    #expect(try scratch.complete(shell, "mockroom run --color a") == ["auto", "always"])
    #expect(try scratch.complete(shell, "mockroom config show --color n") == ["never"])
    #expect(
      try scratch.complete(shell, "mockroom hooks test ") == HookEvent.allCases.map(\.rawValue))
    #expect(
      try scratch.complete(shell, "mockroom hooks test phase-") == ["phase-entered", "phase-over"])
  }

  @Test(arguments: Shell.allCases) func budgetCompletesEachPhaseWithItsStandardBudget(
    _ shell: Shell
  ) throws {
    let scratch = try Scratch()
    #expect(
      try scratch.complete(shell, "mockroom run --budget ")
        == ["clarify=5m", "estimate=5m", "design=15m", "drill=15m", "ops=5m"])
    #expect(try scratch.complete(shell, "mockroom run --budget d") == ["design=15m", "drill=15m"])
  }

  @Test(arguments: Shell.allCases) func reviewCommandsCompleteLastThenSessionsNewestFirst(
    _ shell: Shell
  ) throws {
    let scratch = try Scratch()
    let all = ["last"] + Scratch.sessions
    #expect(try scratch.complete(shell, "mockroom show ") == all)
    #expect(try scratch.complete(shell, "mockroom report ") == all)
    #expect(try scratch.complete(shell, "mockroom debrief ") == all)
    #expect(try scratch.complete(shell, "mockroom show l") == ["last"])
    #expect(try scratch.complete(shell, "mockroom debrief 20261120") == [Scratch.sessions[1]])
  }

  @Test(arguments: Shell.allCases) func interviewCommandsCompleteTheInterviewsLatestFirst(
    _ shell: Shell
  ) throws {
    let scratch = try Scratch()
    let ids = ["20261209-acme", "20261202-globex"]
    try FileManager.default.createDirectory(
      atPath: scratch.home + "/interviews", withIntermediateDirectories: true)
    for id in ids {
      #expect(
        FileManager.default.createFile(atPath: "\(scratch.home)/interviews/\(id).md", contents: nil)
      )
    }
    #expect(try scratch.complete(shell, "mockroom interview show ") == ids)
    #expect(try scratch.complete(shell, "mockroom interview writeup 20261202") == [ids[1]])
    #expect(
      try scratch.complete(shell, "mockroom interview outcome 20261209-acme n") == ["no-answer"])
  }

  @Test(arguments: Shell.allCases) func ctlMarkCompletesTheMarks(_ shell: Shell) throws {
    let scratch = try Scratch()
    #expect(try scratch.complete(shell, "mockroom ctl mark ") == Mark.names)
    #expect(
      try scratch.complete(shell, "mockroom ctl mark rec")
        == RecoveryMove.allCases.map { "recovery:\($0.name)" })
    // bash splits `recovery:s` into three words at the colon, and ArgumentParser's bash script
    // then counts `:` as a second argument, so it offers nothing after the colon.
    if shell != .bash {
      #expect(
        try scratch.complete(shell, "mockroom ctl mark recovery:s") == ["recovery:similar_system"])
    }
  }

  /// The deck of a running partner session: what is still held first, as `ctl status` shows it.
  @Test func ctlFireCompletesTheRunningSessionsDeckInEveryShell() throws {
    let runtime = try Runtime()
    let scratch = try Scratch(runtime: runtime.path)
    #expect(try scratch.complete(.bash, "mockroom ctl fire ") == [], "no session runs yet")
    let candidate = try Pane(
      width: 100, height: 30,
      arguments: ["run", "--partner", "--prompt", "video-recs", "--seed", "7", "--bell", "off"],
      environment: ["XDG_RUNTIME_DIR": runtime.path, "MOCKROOM_HOME": scratch.home])
    try candidate.waitFor("console may attach")
    let status = try runtime.mockroom(["ctl", "status", "--json"], home: scratch.home)
    let state = json(status.stdout.trimmingCharacters(in: .newlines))
    let deck = try #require(state["deck"] as? [[String: Any]])
    let held = deck.compactMap { $0["state"] as? String == "held" ? $0["id"] as? String : nil }
    try #require(!held.isEmpty, "a partner session holds its schedule")
    for shell in Shell.allCases {
      let offered = try scratch.complete(shell, "mockroom ctl fire ")
      #expect(Array(offered.prefix(held.count)) == held, "\(shell): \(offered)")
      #expect(offered.count > held.count, "\(shell): the rest of the deck follows")
      let first = held[0]
      let narrowed = try scratch.complete(shell, "mockroom ctl fire " + first.prefix(4))
      #expect(narrowed.contains(first) && narrowed.allSatisfy { $0.hasPrefix(first.prefix(4)) })
    }
    try candidate.send("q", "y")
  }
}

/// `word` as one word of a shell line.
private func shellQuoted(_ word: String) -> String {
  "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
