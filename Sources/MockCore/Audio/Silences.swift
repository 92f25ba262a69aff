import Foundation

/// A stretch of time, in milliseconds: audio time or session time, as its holder says.
public struct Span: Equatable, Sendable {
  public var start: Millis
  public var end: Millis
  public var length: Millis { end - start }

  public init(start: Millis, end: Millis) {
    self.start = start
    self.end = end
  }

  /// How much of this span lies within `other`.
  public func overlap(_ other: Span) -> Millis {
    max(0, min(end, other.end) - max(start, other.start))
  }
}

/// Finds the quiet stretches of 16-bit mono audio, fed a block at a time so that a long
/// recording is never held whole. A frame of 10 ms is quiet when no sample in it reaches the
/// threshold (-35 dBFS unless told), as ffmpeg's `silencedetect` judges each sample's level.
public struct SilenceFinder: Sendable {
  public let rate: Int
  public let frameSamples: Int
  /// The level below which a sample is silent, as a 16-bit amplitude.
  public let threshold: Int32
  /// Quiet runs shorter than this are the pauses within speech, not kept.
  public let shortest: Millis

  private var sampleCount = 0
  private var inFrame = 0
  /// The first sample at or over the threshold in the frame going on.
  private var frameFirstLoud: Int?
  /// The last sample at or over the threshold so far (-1: none yet).
  private var lastLoud = -1
  /// The quiet run going on: its first sample.
  private var quietFrom: Int?
  public private(set) var quiet: [Span] = []

  public init(
    rate: Int = 16_000, decibels: Double = -35, frame: Millis = 10, shortest: Millis = 200
  ) {
    self.rate = rate
    frameSamples = max(1, rate * Int(frame) / 1000)
    threshold = Int32((32_768 * pow(10, decibels / 20)).rounded())
    self.shortest = shortest
  }

  private func ms(sample: Int) -> Millis { Millis(sample * 1000 / rate) }

  public mutating func feed(_ samples: some Sequence<Int16>) {
    for sample in samples {
      if abs(Int32(sample)) >= threshold {
        if frameFirstLoud == nil { frameFirstLoud = sampleCount }
        lastLoud = sampleCount
      }
      inFrame += 1
      sampleCount += 1
      if inFrame == frameSamples { endFrame() }
    }
  }

  /// A frame with no sample at the threshold starts a quiet run (from the sample after the
  /// last loud one, to the sample, as silencedetect places its edges); a loud one ends it.
  private mutating func endFrame() {
    if let loud = frameFirstLoud {
      if let from = quietFrom {
        keep(Span(start: ms(sample: from), end: ms(sample: loud)))
        quietFrom = nil
      }
    } else if quietFrom == nil {
      quietFrom = lastLoud + 1
    }
    frameFirstLoud = nil
    inFrame = 0
  }

  private mutating func keep(_ span: Span) {
    if span.length >= shortest { quiet.append(span) }
  }

  /// The audio's length so far.
  public var length: Millis { Millis(sampleCount * 1000 / rate) }

  /// Ends the audio: a quiet run at the end runs to it. The quiet runs, in order.
  public mutating func finish() -> [Span] {
    if inFrame > 0 { endFrame() }
    if let from = quietFrom {
      keep(Span(start: ms(sample: from), end: length))
      quietFrom = nil
    }
    return quiet
  }
}

/// What a session's audio says by itself: when the candidate talked and when they were quiet,
/// per phase, the longest monologue, and how long after each banner the first word came.
/// Times are session times (the audio's, moved by the recording's offset).
public struct AudioReview: Equatable, Sendable {
  /// A silence worth naming: this long or more (the method's pause for a check-in).
  public static let longSilence: Millis = 3_000

  public struct PhaseTalk: Equatable, Sendable {
    public var phase: Phase
    /// The phase's time in the audio.
    public var heard: Millis
    public var talk: Millis
    /// Silences of 3 s or more in it: how many, and their time.
    public var silences: Int
    public var silent: Millis
  }

  public struct FirstWord: Equatable, Sendable {
    public var banner: Int
    public var cue: String
    public var shownAt: Millis
    /// From the banner to the first word after it (0: it came mid-sentence); nil when none
    /// came before the audio's end.
    public var after: Millis?
  }

  public var audioAt: Millis
  public var length: Millis
  /// The talk spans: speech, with pauses shorter than 3 s inside.
  public var talk: [Span]
  /// Silences of 3 s or more.
  public var silences: [Span]
  public var longestMonologue: Span?
  public var phases: [PhaseTalk]
  public var firstWords: [FirstWord]

  /// The review of audio with `quiet` runs (audio time) and `length`, recorded with `track`,
  /// in a session whose phases ran as `phases` (session time) and showed `banners`.
  public init(
    quiet: [Span], length: Millis, track: AudioTrack, phases: [(phase: Phase, span: Span)],
    banners: [Banner]
  ) {
    audioAt = track.audioAt
    self.length = length
    // The voiced stretches: what the quiet runs leave.
    var voiced: [Span] = []
    var at: Millis = 0
    for run in quiet {
      if run.start > at { voiced.append(Span(start: at, end: run.start)) }
      at = max(at, run.end)
    }
    if at < length { voiced.append(Span(start: at, end: length)) }
    // Talk spans: voiced stretches joined over pauses shorter than a long silence.
    var talk: [Span] = []
    for span in voiced {
      if let last = talk.last, span.start - last.end < Self.longSilence {
        talk[talk.count - 1].end = span.end
      } else {
        talk.append(span)
      }
    }
    var silences: [Span] = []
    var from: Millis = 0
    for span in talk {
      if span.start - from >= Self.longSilence {
        silences.append(Span(start: from, end: span.start))
      }
      from = span.end
    }
    if length - from >= Self.longSilence { silences.append(Span(start: from, end: length)) }
    let shift = { (s: Span) in Span(start: s.start + track.audioAt, end: s.end + track.audioAt) }
    self.talk = talk.map(shift)
    self.silences = silences.map(shift)
    longestMonologue = self.talk.max { $0.length < $1.length }
    let heard = Span(start: track.audioAt, end: track.audioAt + length)
    let talkSpans = self.talk
    let silenceSpans = self.silences
    self.phases = phases.map { phase, span in
      let inPhase = silenceSpans.filter { $0.overlap(span) > 0 }
      return PhaseTalk(
        phase: phase, heard: span.overlap(heard),
        talk: talkSpans.reduce(0) { $0 + $1.overlap(span) }, silences: inPhase.count,
        silent: inPhase.reduce(0) { $0 + $1.overlap(span) })
    }
    let voicedSession = voiced.map(shift)
    firstWords = banners.map { banner in
      let shown = banner.shownAt
      let after: Millis? =
        if voicedSession.contains(where: { $0.start <= shown && shown < $0.end }) {
          0
        } else {
          voicedSession.first { $0.start >= shown }.map { $0.start - shown }
        }
      return FirstWord(banner: banner.number, cue: banner.cue, shownAt: shown, after: after)
    }
  }

  /// Each phase's stretches of session time, from a record: from its entry to the next
  /// phase's, or the end.
  public static func phaseSpans(_ records: [Record]) -> [(phase: Phase, span: Span)] {
    var spans: [(phase: Phase, span: Span)] = []
    for record in records {
      switch record.entry {
      case .phaseEntered(let entered):
        if !spans.isEmpty { spans[spans.count - 1].span.end = record.t }
        spans.append((entered.phase, Span(start: record.t, end: record.t)))
      case .sessionEnded:
        if !spans.isEmpty { spans[spans.count - 1].span.end = record.t }
        return spans
      default: break
      }
    }
    if !spans.isEmpty, let last = records.last { spans[spans.count - 1].span.end = last.t }
    return spans
  }

  /// The talk share: talk over the audio's length.
  public var talkShare: Double {
    length == 0 ? 0 : Double(talk.reduce(0) { $0 + $1.length }) / Double(length)
  }

  /// `show`'s lines.
  public var lines: [String] {
    let clock = DurationText.clock
    var out = ["", "AUDIO (\(clock(length)) recorded, talk \(Int((talkShare * 100).rounded()))%)"]
    for phase in phases where phase.heard > 0 {
      let share = Int((Double(phase.talk) / Double(phase.heard) * 100).rounded())
      out.append(
        "  \(phase.phase.name.padding(toLength: 9, withPad: " ", startingAt: 0))"
          + "talk \(clock(phase.talk)) (\(share)%), \(phase.silences) silence"
          + "\(phase.silences == 1 ? "" : "s") of 3 s or more (\(clock(phase.silent)))")
    }
    if let longest = longestMonologue {
      out.append(
        "  longest monologue \(clock(longest.length)), from \(clock(longest.start)) to "
          + "\(clock(longest.end))")
    }
    for silence in silences {
      out.append(
        "  silence at \(clock(silence.start)): \(String(format: "%.1f", Double(silence.length) / 1000)) s"
      )
    }
    for word in firstWords {
      let after = word.after.map { String(format: "%.1f s", Double($0) / 1000) } ?? "none came"
      out.append(
        "  first word after banner \(word.banner) (\(word.cue)) at \(clock(word.shownAt)): \(after)"
      )
    }
    return out
  }
}
