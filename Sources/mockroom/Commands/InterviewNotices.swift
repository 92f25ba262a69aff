import ArgumentParser
import Foundation
import Glibc
import MockCore

extension InterviewCommand {
  /// What every command says first: the four hours' countdown (firing `writeup-due` once) and
  /// the evening-before reminder (once). What is said once is written in the interview's file;
  /// nothing here stops the command.
  static func notices(_ context: Context) {
    guard let store = try? InterviewStore(context), let ids = try? store.ids(), !ids.isEmpty
    else { return }
    let interviews = (try? store.all(warnings: false)) ?? []
    let now = InterviewStore.now()
    for notice in RealInterviewNotice.notices(interviews, now: now) {
      warn(notice.text)
      guard let interview = interviews.first(where: { $0.id == notice.id }) else { continue }
      if notice.fireHook { fireDue(interview, notice: notice, now: now, store, context) }
      let updated = notice.applied(to: interview, at: now)
      guard updated != interview else { continue }
      do {
        try store.save(updated)
      } catch {
        warn(error.message)
      }
    }
  }

  private static func fireDue(
    _ interview: RealInterview, notice: RealInterviewNotice, now: Int64, _ store: InterviewStore,
    _ context: Context
  ) {
    guard let settings = try? context.settings() else { return }
    let runner = context.hooks(settings)
    guard runner.commands[.writeupDue] != nil else { return }
    runner.record = store.path(interview.id)
    let call = HookCall(
      event: .writeupDue,
      variables: [
        "INTERVIEW": interview.id,
        "DUE": CivilTime.format(interview.writeupDue, zone: interview.zone),
        "LEFT_S": "\(interview.writeupDue - now)", "TEXT": notice.text,
      ])
    for result in ProgramRunner(context).runHooks(runner, call) where result.failed {
      warn("the writeup-due hook \(result.command): \(result.why)")
    }
  }

  /// Before a full mock: the real interview less than 18 hours away, if any, asked about
  /// first. Answered yes (or Enter), the session does not start.
  static func nightBefore(_ context: Context) throws {
    guard let store = try? InterviewStore(context), let ids = try? store.ids(), !ids.isEmpty,
      let next = RealInterviewNotice.nightBefore(
        (try? store.all(warnings: false)) ?? [], now: InterviewStore.now())
    else { return }
    let left = next.at - InterviewStore.now()
    let suggestion =
      "mockroom drill numbers, then mockroom interview sheet \(next.id) -o sheet.pdf"
    print(
      "\(next.title) is in \(CivilTime.span(left)) (\(CivilTime.shown(next.at, zone: next.zone))).")
    guard isatty(0) == 1 else {
      throw UserError(
        "the night before is for consolidation, not a new full mock: \(suggestion). "
          + "To run the mock anyway: mockroom run --yes", code: 1)
    }
    print(
      "The night before is for consolidation: a numbers drill instead? [Y/n] ", terminator: "")
    while true {
      fflush(nil)
      // Enter (or the input's end) is yes; anything but a yes or a no is asked again.
      let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
      if ["n", "no"].contains(answer) { return }
      if ["", "y", "yes"].contains(answer) { break }
      print("Answer y (a drill instead) or n (the mock anyway): ", terminator: "")
    }
    print("No mock tonight. Try: \(suggestion)")
    throw ExitCode(0)
  }
}

/// The person's editor: the first of VISUAL and EDITOR that is set and not empty, as words
/// (no shell), else vi. Spawned and waited for directly: Foundation's `Process` waits on a
/// timer, which never fires under a frozen clock (faketime).
enum Editor {
  static func open(_ path: String, _ env: [String: String]) throws(UserError) {
    let chosen = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
    var editor = chosen.split(separator: " ").map(String.init)
    if editor.isEmpty { editor = ["vi"] }
    let status = Spawn.wait(editor + [path], quiet: false)
    if status != 0 {
      throw UserError(
        status == 127
          ? "cannot start the editor \(editor.joined(separator: " "))"
          : "the editor \(editor.joined(separator: " ")) exited with \(status)", code: 1)
    }
  }
}

/// A program run to its end through /usr/bin/env (found on PATH), its exit status returned
/// (128 + the signal when one stopped it; 127 when it could not start).
enum Spawn {
  static func wait(_ arguments: [String], quiet: Bool) -> Int32 {
    let argv = (["/usr/bin/env"] + arguments).map { strdup($0) }
    defer { argv.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if quiet {
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
      posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    }
    var pid = pid_t()
    guard posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv + [nil], environ) == 0 else {
      return 127
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else { return 127 }
    }
    return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  }
}
