/// What went wrong with a session's recording, by the name the record writes.
public enum RecordingTrouble: String, CaseIterable, Equatable, Sendable {
  /// ffmpeg is not installed, or could not be started.
  case noProgram = "no_program"
  /// The audio input could not be opened: no sound card, no server, no such file.
  case noInput = "no_input"
  /// The input stopped delivering sound partway (a device unplugged, a stream that ended).
  case inputLost = "input_lost"
  /// The disk the audio goes to is full.
  case diskFull = "disk_full"
  /// Anything else ffmpeg gave up on.
  case failed

  /// The words the screen says, once, in place of the key hints.
  public var said: String {
    switch self {
    case .noProgram: "not recording: ffmpeg is not installed; the session goes on"
    case .noInput: "not recording: no audio input could be opened; the session goes on"
    case .inputLost: "recording stopped: the audio input went away; the session goes on"
    case .diskFull: "recording stopped: the disk is full; the session goes on"
    case .failed: "recording stopped: ffmpeg gave up; the session goes on"
    }
  }

  /// What a recorder that ended on its own came to, from whether it had started delivering
  /// sound, how it exited and the last lines it wrote on stderr.
  public static func classify(started: Bool, exitStatus: Int32?, errors: String) -> Self {
    let text = errors.lowercased()
    if text.contains("no space left") || text.contains("disk full") || text.contains("enospc") {
      return .diskFull
    }
    if !started { return .noInput }
    // A recorder that had started and then ended (whatever its status) lost its input: a
    // device that went away, or a stream that ran out.
    if exitStatus == 0 || text.contains("input/output error") || text.contains("end of file") {
      return .inputLost
    }
    return text.isEmpty ? .inputLost : .failed
  }
}

/// What the shell tells the screen of the recorder, as `Input.recording`.
public enum RecordingNews: Equatable, Sendable {
  /// Sound is reaching the file `file` (its name beside the record); the audio's first instant
  /// fell at `audioAt` on the session's clock.
  case started(file: String, audioAt: Instant, input: String)
  /// The recorder could not start or stopped early; `detail` is ffmpeg's last word on it, and
  /// `audio` how much sound the file kept (nil: no file).
  case failed(RecordingTrouble, detail: String, audio: Millis?)
  /// The recorder was stopped at the session's end and the file finished: `audio` long, with
  /// `chapters` chapters written `took` after the stop was asked for (nil: not written).
  case stopped(audio: Millis, chapters: Int, took: Millis?)
}

/// Whether the session is being recorded, as the header shows it.
public enum RecordingState: Equatable, Sendable {
  case off
  /// Asked for; the recorder has not said yet that sound arrives.
  case starting
  case on
  case failed(RecordingTrouble)
  case stopped
}

extension Record {
  /// `recording_started`: the session's audio goes to `file` (beside the record), from
  /// `input` (ffmpeg's input words); audio time 0 is session time `audioAt`, so a line at `t`
  /// is at `t - audioAt` in the audio, pauses and Ctrl-Z included (the audio runs on).
  public struct RecordingStarted: RecordPayload {
    public var file: String
    public var audioAt: Millis
    public var input: String

    enum CodingKeys: String, CodingKey { case file, audioAt = "audio_at_ms", input }

    public init(file: String, audioAt: Millis, input: String) {
      self.file = file
      self.audioAt = audioAt
      self.input = input
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      file = try c.decode(String.self, forKey: .file)
      audioAt = try c.time(.audioAt)
      input = try c.decode(String.self, forKey: .input)
    }
  }

  /// `recording_failed`: the recording could not start, or stopped before the session did;
  /// the session went on. `audio` is what the file kept (none: no file).
  public struct RecordingFailed: RecordPayload {
    public var trouble: RecordingTrouble
    public var detail: String
    public var audio: Millis?

    enum CodingKeys: String, CodingKey { case trouble, detail, audio = "audio_ms" }

    public init(trouble: RecordingTrouble, detail: String, audio: Millis?) {
      self.trouble = trouble
      self.detail = detail
      self.audio = audio
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      trouble = try c.named(.trouble, "recording trouble", RecordingTrouble.init(rawValue:))
      detail = try c.decode(String.self, forKey: .detail)
      audio = try c.timeIfPresent(.audio)
    }

    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(trouble.rawValue, forKey: .trouble)
      try c.encode(detail, forKey: .detail)
      try c.encodeIfPresent(audio, forKey: .audio)
    }
  }

  /// `recording_stopped`: the file was finished at the session's end, `audio` long, with
  /// `chapters` chapters, written `chaptersTook` after the stop (absent: none written).
  public struct RecordingStopped: RecordPayload {
    public var audio: Millis
    public var chapters: Int
    public var chaptersTook: Millis?

    enum CodingKeys: String, CodingKey {
      case audio = "audio_ms", chapters, chaptersTook = "chapters_took_ms"
    }

    public init(audio: Millis, chapters: Int, chaptersTook: Millis?) {
      self.audio = audio
      self.chapters = chapters
      self.chaptersTook = chaptersTook
    }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      audio = try c.time(.audio)
      chapters = try c.count(.chapters)
      chaptersTook = try c.timeIfPresent(.chaptersTook)
    }
  }
}

/// A session's audio, as its record tells it.
public struct AudioTrack: Equatable, Sendable {
  /// The file's name, beside the record.
  public var file: String
  /// Session time of the audio's first instant.
  public var audioAt: Millis
  public var input: String
  /// Why it stopped early, if it did.
  public var failed: Record.RecordingFailed?
  /// Its length and chapters, once finished.
  public var stopped: Record.RecordingStopped?

  public init(_ started: Record.RecordingStarted) {
    file = started.file
    audioAt = started.audioAt
    input = started.input
  }

  /// Where session time `t` falls in the audio (never before its start).
  public func audioTime(_ t: Millis) -> Millis { max(0, t - audioAt) }

  /// Where audio time `a` falls in the session.
  public func sessionTime(_ a: Millis) -> Millis { a + audioAt }
}
