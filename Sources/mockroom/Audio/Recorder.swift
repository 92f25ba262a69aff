import Foundation
import Glibc
import MockCore

/// Records the session's audio with ffmpeg, a child on the pump like a hook: started at the
/// session's start in its own process group (so Ctrl-C and Ctrl-Z at the terminal do not reach
/// it, and the audio runs on through pauses and Ctrl-Z, keeping audio and session time
/// mapped), its progress and errors read through pipes the pump polls, reaped when it ends.
/// Nothing here waits while the session runs. At the session's end it gets SIGINT, on which
/// ffmpeg finishes the file, and the file gets its chapters.
final class Recorder {
  /// The audio file: `sessions/<id>.mka`, Opus in Matroska.
  let path: String
  /// The ffmpeg input, as words.
  let input: [String]
  /// The input as the settings wrote it, for the record.
  let inputText: String
  private let environment: [String]
  private var pid: pid_t?
  private var progressFD: Int32 = -1
  private var errorsFD: Int32 = -1
  private var progressPartial: [UInt8] = []
  /// The last of what ffmpeg wrote on stderr.
  private var errors: [UInt8] = []
  private var progress = FFmpegProgress()
  /// Sound has reached the file (the first progress block with audio in it).
  private(set) var started = false
  /// The stop was asked for: an ending after it is no failure.
  private var stopping = false

  /// How much of stderr is kept for the record's detail.
  static let errorsKept = 2_000
  /// How long ffmpeg has to finish the file after SIGINT before KILL.
  static let finishWithin: Millis = 5_000

  init(path: String, input: String, environment: [String: String]) throws(UserError) {
    self.path = path
    inputText = input
    switch InputWords.split(input) {
    case .success(let words): self.input = words
    case .failure(let unclosed):
      throw UserError("audio input '\(input)': \(unclosed.message)", code: 2)
    }
    self.environment = environment.filter { !$0.key.hasPrefix("MOCKROOM_") }
      .map { "\($0.key)=\($0.value)" }
  }

  /// Where ffmpeg writes its progress, twice a second: a file, not a pipe, so that nothing has
  /// to read it while the session runs (a pipe would fill while the program is stopped with
  /// Ctrl-Z, and stall the recording). It is read until sound arrives, and at the end.
  var progressPath: String { path + ".progress" }
  /// How often the progress file is looked at until sound arrives.
  static let startCheck: Millis = 50
  private var lastCheck: Instant = MonotonicClock.now()

  /// The words ffmpeg is run with: the input, then mono Opus at 24 kb/s in Matroska, never over
  /// a file that exists; only errors on stderr.
  var arguments: [String] {
    [
      "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-progress", progressPath,
      "-stats_period", "0.5",
    ]
      + input
      + [
        "-vn", "-ac", "1", "-c:a", "libopus", "-b:a", "24k", "-application", "voip",
        "-f", "matroska", "-n", path,
      ]
  }

  /// Starts ffmpeg; what could not start comes back at once.
  func start() -> RecordingNews? {
    var err: [Int32] = [-1, -1]
    guard pipe(&err) == 0 else {
      return .failed(.failed, detail: String(cString: strerror(errno)), audio: nil)
    }
    for fd in err { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    _ = fcntl(err[0], F_SETFL, fcntl(err[0], F_GETFL) | O_NONBLOCK)
    defer { close(err[1]) }
    unlink(progressPath)
    lastCheck = MonotonicClock.now()
    switch Self.spawn(guarded(arguments), environment: environment, stdout: -1, stderr: err[1]) {
    case .success(let child):
      pid = child
      errorsFD = err[0]
      return nil
    case .failure(let error):
      close(err[0])
      let detail =
        error.code == ENOENT
        ? "ffmpeg was not found on PATH" : "ffmpeg: \(String(cString: strerror(error.code)))"
      return .failed(.noProgram, detail: detail, audio: nil)
    }
  }

  /// `argv` under util-linux's setpriv, when it is there, so that ffmpeg gets SIGINT (and
  /// finishes the file) if this process dies without stopping it (`kill -9`): in its own
  /// process group it would otherwise record on. setpriv execs ffmpeg in its place.
  private func guarded(_ argv: [String]) -> [String] {
    let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
      .split(separator: ":").map(String.init)
    guard HookRunner.runnable("setpriv", path: path) else { return argv }
    return ["setpriv", "--pdeathsig", "INT"] + argv
  }

  /// When the pump must wake to look for the first sound (real time); nil once it came.
  var nextDeadline: Instant? {
    pid != nil && !started ? lastCheck + Self.startCheck : nil
  }

  /// The pipes still open, for the pump's poll.
  var pollFDs: [pollfd] {
    errorsFD < 0 ? [] : [pollfd(fd: errorsFD, events: Int16(POLLIN), revents: 0)]
  }

  /// One wake: what ffmpeg wrote, and whether it ended.
  func wake() -> [RecordingNews] {
    var news: [RecordingNews] = []
    if !started, MonotonicClock.now() >= lastCheck + Self.startCheck {
      lastCheck = MonotonicClock.now()
      readProgress { written in
        guard !started, written > 0 else { return }
        started = true
        // The audio's first instant, on the monotonic clock, then on the session's.
        let startNS = MonotonicClock.nanoseconds() - written * 1_000_000
        let at = SessionClock.instant(atNanoseconds: startNS, scale: SessionClock.scale)
        news.append(
          .started(file: (path as NSString).lastPathComponent, audioAt: at, input: inputText))
      }
    }
    readErrors()
    if let ended = reap(), !stopping {
      readProgress { _ in }
      readErrors()
      let text = String(decoding: errors, as: UTF8.self)
      let trouble = RecordingTrouble.classify(started: started, exitStatus: ended, errors: text)
      news.append(
        .failed(trouble, detail: Self.lastLine(text), audio: started ? progress.written : nil))
    }
    return news
  }

  /// Whether ffmpeg is still running.
  var running: Bool { pid != nil }

  /// The session is over: ffmpeg gets SIGINT and a moment to finish the file, then the file
  /// gets its chapters from `records`. Nil when there is no file to finish.
  func stop(records: [Record], title: String) -> RecordingNews? {
    let asked = MonotonicClock.now()
    stopping = true
    finish()
    guard started || progress.written > 0, FileManager.default.fileExists(atPath: path) else {
      return nil
    }
    let length = progress.written
    guard let track = Projection(records)?.audio else {
      return .stopped(audio: length, chapters: 0, took: nil)
    }
    let chapters = Chapters.of(records, track: track, length: length)
    do {
      try ChapterWriter.write(chapters, title: title, into: path)
      return .stopped(audio: length, chapters: chapters.count, took: MonotonicClock.now() - asked)
    } catch {
      warn("the audio's chapters could not be written: \(error)")
      return .stopped(audio: length, chapters: 0, took: nil)
    }
  }

  /// Stops ffmpeg (SIGINT, then KILL past `finishWithin`) and reads the rest of its output.
  func finish() {
    if let pid { kill(pid, SIGINT) }
    let until = MonotonicClock.now() + Self.finishWithin
    while let pid = self.pid {
      readProgress { _ in }
      readErrors()
      if reap() != nil { break }
      if MonotonicClock.now() >= until {
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        self.pid = nil
        break
      }
      usleep(5_000)
    }
    readProgress { _ in }
    readErrors()
    for fd in [progressFD, errorsFD] where fd >= 0 { close(fd) }
    progressFD = -1
    errorsFD = -1
    unlink(progressPath)
  }

  // MARK: - Reading

  /// Reads what was added to the progress file since the last look.
  private func readProgress(_ block: (Millis) -> Void) {
    if progressFD < 0 { progressFD = open(progressPath, O_RDONLY | O_CLOEXEC) }
    guard progressFD >= 0 else { return }
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = read(progressFD, &buffer, buffer.count)
      guard n > 0 else { return }
      progressPartial += buffer[0..<n]
      while let newline = progressPartial.firstIndex(of: 10) {
        let line = String(decoding: progressPartial[..<newline], as: UTF8.self)
        progressPartial.removeSubrange(...newline)
        if let written = progress.feed(line) { block(written) }
      }
    }
  }

  private func readErrors() {
    guard errorsFD >= 0 else { return }
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = read(errorsFD, &buffer, buffer.count)
      if n > 0 {
        errors += buffer[0..<n]
        if errors.count > Self.errorsKept { errors.removeFirst(errors.count - Self.errorsKept) }
        continue
      }
      if n == 0 || (errno != EAGAIN && errno != EINTR) {
        close(errorsFD)
        errorsFD = -1
      }
      return
    }
  }

  /// The exit status when ffmpeg has ended (and was reaped now); nil while it runs.
  private func reap() -> Int32? {
    guard let pid else { return nil }
    var status: Int32 = 0
    let reaped = waitpid(pid, &status, WNOHANG)
    guard reaped == pid || (reaped < 0 && errno == ECHILD) else { return nil }
    self.pid = nil
    return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  }

  /// The last line of `text` that says something.
  static func lastLine(_ text: String) -> String {
    let lines = text.split(whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    return String((lines.last { !$0.isEmpty } ?? "no word from ffmpeg").prefix(300))
  }

  // MARK: - Starting a program

  struct SpawnError: Error { var code: Int32 }

  /// Runs `argv` in its own process group, stdin from /dev/null, with the given stdout and
  /// stderr (-1: /dev/null) and nothing else of ours.
  static func spawn(_ argv: [String], environment: [String], stdout: Int32, stderr: Int32)
    -> Result<pid_t, SpawnError>
  {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    if stdout >= 0 {
      posix_spawn_file_actions_adddup2(&actions, stdout, 1)
    } else {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    if stderr >= 0 {
      posix_spawn_file_actions_adddup2(&actions, stderr, 2)
    } else {
      posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    }
    for fd in HookRunner.inheritable() { posix_spawn_file_actions_addclose(&actions, fd) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setpgroup(&attributes, 0)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigdefault(&attributes, &all)
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    var pid: pid_t = 0
    let error = withCStrings(argv) { args in
      withCStrings(environment) { envp in
        posix_spawnp(&pid, argv[0], &actions, &attributes, args, envp)
      }
    }
    return error == 0 ? .success(pid) : .failure(SpawnError(code: error))
  }
}

/// Writes chapters into an audio file: an ffmpeg metadata file beside it, the audio copied
/// (`-c copy`) with them into a temporary file, which then takes the audio's name.
enum ChapterWriter {
  struct Failed: Error, CustomStringConvertible {
    var description: String
  }

  static func write(_ chapters: [Chapter], title: String, into path: String) throws(Failed) {
    let meta = path + ".chapters.txt"
    let temporary = path + ".part.mka"
    defer {
      unlink(meta)
      unlink(temporary)
    }
    do {
      try Chapters.ffmetadata(chapters, title: title).write(
        toFile: meta, atomically: false, encoding: .utf8)
    } catch {
      throw Failed(description: "\(meta): \(error.localizedDescription)")
    }
    let argv = [
      "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", path, "-i", meta,
      "-map", "0", "-map_metadata", "1", "-map_chapters", "1", "-c", "copy", "-f", "matroska",
      temporary,
    ]
    var ends: [Int32] = [-1, -1]
    let piped = pipe(&ends) == 0
    if piped { for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) } }
    let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    let spawned = Recorder.spawn(
      argv, environment: environment, stdout: -1, stderr: piped ? ends[1] : -1)
    if piped { close(ends[1]) }
    defer { if piped { close(ends[0]) } }
    guard case .success(let pid) = spawned else {
      throw Failed(description: "ffmpeg could not be started")
    }
    var said: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while piped {
      let n = read(ends[0], &buffer, buffer.count)
      if n > 0 { said += buffer[0..<min(n, 4096)] } else if n == 0 || errno != EINTR { break }
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    guard status == 0 else {
      let text = String(decoding: said.suffix(2_000), as: UTF8.self)
      throw Failed(description: "ffmpeg: \(Recorder.lastLine(text))")
    }
    guard rename(temporary, path) == 0 else {
      throw Failed(description: "\(path): \(String(cString: strerror(errno)))")
    }
  }
}
