import Foundation
import Testing

@testable import MockCore

@Suite struct RecordingText {
  @Test func progressBlocksGiveTheAudioWrittenWhenTheyEnd() {
    var progress = FFmpegProgress()
    #expect(progress.feed("out_time_us=N/A") == nil)
    #expect(progress.feed("progress=continue") == 0)
    #expect(progress.feed("total_size=1024") == nil)
    #expect(progress.feed("out_time_us=1520000") == nil)
    #expect(progress.feed("out_time=00:00:01.520000") == nil)
    #expect(progress.feed("progress=continue") == 1_520)
    #expect(!progress.ended)
    #expect(progress.feed("out_time_us=2990000") == nil)
    #expect(progress.feed("progress=end") == 2_990)
    #expect(progress.ended && progress.written == 2_990)
    // A line that is not key=value is passed over.
    #expect(progress.feed("garbage") == nil)
  }

  @Test func inputWordsSplitAtSpacesAndKeepQuotedSpaces() throws {
    #expect(try InputWords.split("-f pulse -i default").get() == ["-f", "pulse", "-i", "default"])
    #expect(
      try InputWords.split("  -re  -i \"my talk.wav\" ").get() == ["-re", "-i", "my talk.wav"])
    #expect(try InputWords.split("-i 'a b'c").get() == ["-i", "a bc"])
    #expect(try InputWords.split("-i ''").get() == ["-i", ""])
    #expect(InputWords.split("-i \"open") == .failure(InputWords.Unclosed(column: 4)))
  }

  @Test(arguments: [
    (false, Int32(1), "default: Input/output error", RecordingTrouble.noInput),
    (false, 1, "cannot open audio device default (No such file or directory)", .noInput),
    (true, 0, "", .inputLost),
    (true, 1, "Error reading: Input/output error", .inputLost),
    (true, 1, "av_interleaved_write_frame(): No space left on device", .diskFull),
    (false, 1, "x.mka: No space left on device", .diskFull),
    (true, 1, "Conversion failed!", .failed),
  ])
  func troubleIsReadFromHowFFmpegEnded(
    _ started: Bool, _ status: Int32, _ errors: String, _ trouble: RecordingTrouble
  ) {
    #expect(
      RecordingTrouble.classify(started: started, exitStatus: status, errors: errors) == trouble)
  }

  @Test func everyTroubleIsSaidInWordsAndTheSessionGoesOn() {
    for trouble in RecordingTrouble.allCases {
      #expect(trouble.said.hasSuffix("the session goes on"))
    }
  }
}

@Suite struct RecordingChapters {
  static let info = SessionInfo(id: "20261208-010000-rec", title: "Rec", program: "0")
  static let pivot = Banner(
    number: 1, cue: "p1", kind: .pivot, text: "Traffic is mostly audio now.", shownAt: 20_000)

  /// A session whose audio began 400 ms after its start.
  static let records: [Record] = [
    Record(t: 0, entry: .sessionStarted(info, .standard, Schedule())),
    Record(t: 0, entry: .phaseEntered(.clarify, via: .start)),
    Record(
      t: 600,
      entry: .recordingStarted(.init(file: "20261208-010000-rec.mka", audioAt: 400, input: "-i x"))),
    Record(t: 10_000, entry: .phaseLeft(.clarify, elapsed: 10_000, budget: 300_000)),
    Record(t: 10_000, entry: .phaseEntered(.estimate, via: .next), source: .candidate),
    Record(t: 20_000, entry: .cueFired(pivot)),
    Record(t: 25_000, entry: .marked(.errorCaught), source: .candidate),
    Record(t: 26_000, entry: .note("asked = \"why\"; #2"), source: .interviewer),
    Record(t: 27_000, entry: .paused, source: .candidate),
    Record(t: 29_000, entry: .resumed(pausedFor: 2_000), source: .candidate),
    Record(
      t: 30_000,
      entry: .sessionEnded(Ending(outcome: .finished, reason: .completed), active: 28_000)),
    Record(t: 30_000, entry: .note("after the end"), source: .interviewer),
  ]

  @Test func oneChapterPerPhaseBannerMarkNoteAndPauseAtAudioTime() throws {
    let track = try #require(Projection(Self.records)?.audio)
    #expect(track.audioAt == 400 && track.audioTime(10_000) == 9_600)
    let chapters = Chapters.of(Self.records, track: track, length: 29_700)
    #expect(
      chapters.map(\.title) == [
        "clarify", "estimate", "pivot: Traffic is mostly audio now.", "mark: caught my own error",
        "note: asked = \"why\"; #2", "paused", "back to estimate",
      ])
    #expect(chapters.map(\.start) == [0, 9_600, 19_600, 24_600, 25_600, 26_600, 28_600])
    // Each runs to the next; the last to the audio's end.
    #expect(chapters.map(\.end) == [9_600, 19_600, 24_600, 25_600, 26_600, 28_600, 29_700])
    #expect(chapters.map(\.kind) == [.phase, .phase, .banner, .mark, .note, .pause, .pause])
  }

  @Test func chaptersPastTheAudioAreLeftOut() throws {
    let track = try #require(Projection(Self.records)?.audio)
    let chapters = Chapters.of(Self.records, track: track, length: 20_000)
    #expect(chapters.last?.title == "pivot: Traffic is mostly audio now.")
    #expect(chapters.last?.end == 20_000)
  }

  @Test func theMetadataFileEscapesWhatFFmpegReads() throws {
    let track = try #require(Projection(Self.records)?.audio)
    let text = Chapters.ffmetadata(
      Chapters.of(Self.records, track: track, length: 29_700), title: "Rec: a=b")
    #expect(text.hasPrefix(";FFMETADATA1\ntitle=Rec: a\\=b\n"))
    #expect(text.contains("[CHAPTER]\nTIMEBASE=1/1000\nSTART=25600\nEND=26600\n"))
    #expect(text.contains("title=note: asked \\= \"why\"\\; \\#2\n"))
    #expect(Chapters.escaped("a\nb\\c") == "a b\\\\c")
  }
}

@Suite struct RecordingInTheRoom {
  static let start = Instant(ms: 1_000_000)

  static func interview() -> Interview {
    let session = Session(
      info: SessionInfo(
        id: "20261208-010000-rec", title: "Short-video recommendations", program: "0"),
      plan: Plan(name: "p", budgets: [60_000, 60_000, 60_000, 60_000, 60_000]),
      schedule: Schedule())
    return Interview(room: Room(session: session), material: Material(prompt: nil, generic: []))
  }

  @Test func startedIsALineWithTheAudiosOffsetAndTheHeaderSaysRec() {
    var interview = Self.interview()
    interview.willRecord()
    _ = interview.start(at: Self.start)
    let effects = interview.update(
      .recording(.started(file: "x.mka", audioAt: Self.start + 350, input: "-re -i a.wav")),
      at: Self.start + 900)
    #expect(
      effects.recorded == [
        Record(
          t: 900,
          entry: .recordingStarted(.init(file: "x.mka", audioAt: 350, input: "-re -i a.wav")))
      ])
    #expect(
      effects.contains {
        if case .hook(let call) = $0 { call.event == .recordingStarted } else { false }
      })
    #expect(interview.room.recording == .on)
    let frame = interview.render(
      size: Size(width: 100, height: 30), at: Self.start + 1_000, colors: true)
    #expect(frame.text.split(separator: "\n").first?.contains("● rec · session") == true)
  }

  @Test func aFailureIsSaidOnceRecordedAndHookedAndTheSessionGoesOn() {
    var interview = Self.interview()
    interview.willRecord()
    _ = interview.start(at: Self.start)
    let effects = interview.update(
      .recording(.failed(.noInput, detail: "cannot open audio device", audio: nil)),
      at: Self.start + 200)
    #expect(
      effects.recorded == [
        Record(
          t: 200,
          entry: .recordingFailed(
            .init(trouble: .noInput, detail: "cannot open audio device", audio: nil)))
      ])
    #expect(
      effects.contains {
        if case .hook(let call) = $0 { call.event == .recordingFailed } else { false }
      })
    let text = interview.render(
      size: Size(width: 100, height: 30), at: Self.start + 300, colors: true
    ).text
    #expect(text.contains(RecordingTrouble.noInput.said))
    #expect(text.split(separator: "\n").first?.contains("no rec · session") == true)
    // The session runs on: a key still moves it.
    _ = interview.update(.key(.character(" ")), at: Self.start + 1_000)
    #expect(interview.room.session.phase == .estimate)
    #expect(interview.room.session.status == .running)
  }

  @Test func theEndStopsTheRecordingAfterTheEndIsOnRecordAndItsNewsFollows() {
    var interview = Self.interview()
    interview.willRecord()
    _ = interview.start(at: Self.start)
    _ = interview.update(
      .recording(.started(file: "x.mka", audioAt: Self.start + 300, input: "-i a")),
      at: Self.start + 500)
    _ = interview.update(.key(.character("q")), at: Self.start + 5_000)
    let effects = interview.update(.key(.character("y")), at: Self.start + 5_100)
    let ended = effects.firstIndex {
      if case .record(let r) = $0, case .sessionEnded = r.entry { true } else { false }
    }
    let stop = effects.firstIndex(of: .stopRecording)
    #expect(ended != nil && stop != nil && ended! < stop!)
    let after = interview.update(
      .recording(.stopped(audio: 4_800, chapters: 1, took: 120)), at: Self.start + 5_400)
    #expect(
      after.recorded == [
        Record(
          t: 5_100, entry: .recordingStopped(.init(audio: 4_800, chapters: 1, chaptersTook: 120)))
      ])
  }

  @Test func withoutRecordingTheEndAsksNoStop() {
    var interview = Self.interview()
    _ = interview.start(at: Self.start)
    _ = interview.update(.key(.character("q")), at: Self.start + 5_000)
    let effects = interview.update(.key(.character("y")), at: Self.start + 5_100)
    #expect(!effects.contains(.stopRecording))
    #expect(interview.room.recording == .off)
  }
}

@Suite struct RecordingSettings {
  @Test func recordAndAudioInputReadFromTheFileAndTheVariable() {
    var settings = Settings()
    let read = settings.read(
      file: "config.yaml", bytes: Array("record: on\naudio_input: -f alsa -i default\n".utf8))
    #expect(read.problems.isEmpty && read.warnings.isEmpty)
    #expect(settings.record && settings.audioInput == "-f alsa -i default")
    #expect(settings.read(environment: ["MOCKROOM_AUDIO_INPUT": "-re -i talk.wav"]).isEmpty)
    #expect(
      settings.audioInput == "-re -i talk.wav" && settings.source(.audioInput) == .environment)
  }

  @Test(arguments: [
    ("record: maybe\n", "config.yaml:1:9: 'record': use on or off"),
    ("audio_input: default\n", "config.yaml:1:14: 'audio_input': give an ffmpeg input with -i"),
    ("audio_input: -i 'x\n", "config.yaml:1:14: 'audio_input': a quote opened at column 4"),
  ])
  func aBadValueIsSaidWithItsPlace(_ text: String, _ said: String) {
    var settings = Settings()
    let read = settings.read(file: "config.yaml", bytes: Array(text.utf8))
    #expect(read.problems.map(\.description).first?.hasPrefix(said) == true, "\(read.problems)")
  }
}

@Suite struct RecordingFrames {
  static let sizes = [
    Size(width: 100, height: 30), Size(width: 80, height: 24), Size(width: 50, height: 14),
  ]

  static func frame(_ news: RecordingNews, _ size: Size) -> Frame {
    let start = Instant(ms: 1_000_000)
    var room = ComposureFrames.session(Schedule())
    room.recording = .starting
    _ = room.start(at: start)
    _ = room.recording(news, at: start + 600)
    _ = room.handle(.character(" "), at: start + 30_000)
    return Screen.render(room, at: start + 95_000, size: size)
  }

  @Test(arguments: sizes)
  func recordingOn(_ size: Size) throws {
    let frame = Self.frame(
      .started(file: "x.mka", audioAt: Instant(ms: 1_000_300), input: "-i a"), size)
    try Golden.check(frame, name: "recording-on-\(size)")
    #expect(frame.text.contains("● rec"))
  }

  @Test(arguments: sizes)
  func recordingFailed(_ size: Size) throws {
    let frame = Self.frame(.failed(.inputLost, detail: "", audio: 5_000), size)
    try Golden.check(frame, name: "recording-failed-\(size)")
    #expect(frame.text.contains("no rec"))
  }
}

@Suite struct AudioSilences {
  /// `seconds` of a tone loud enough to be speech, or of quiet at 16 kHz.
  static func tone(_ seconds: Double) -> [Int16] {
    (0..<Int(seconds * 16_000)).map { Int16(6_000 * sin(Double($0) * 0.2)) }
  }
  static func quiet(_ seconds: Double) -> [Int16] {
    // Low noise, under -35 dBFS (582 of 32768).
    (0..<Int(seconds * 16_000)).map { Int16($0 % 7 * 40) }
  }

  @Test func quietRunsAreFoundToTheSampleWhateverTheBlocks() {
    let audio = Self.tone(1.25) + Self.quiet(3.0) + Self.tone(0.5) + Self.quiet(0.1) + Self.tone(1)
    for block in [1, 160, 4_096, audio.count] {
      var finder = SilenceFinder()
      var index = 0
      while index < audio.count {
        finder.feed(audio[index..<min(audio.count, index + block)])
        index += block
      }
      // The 0.1 s pause inside speech is shorter than the shortest kept.
      #expect(finder.finish() == [Span(start: 1_250, end: 4_250)], "blocks of \(block)")
      #expect(finder.length == 5_850)
    }
  }

  @Test func aQuietEndRunsToTheEnd() {
    var finder = SilenceFinder()
    finder.feed(Self.quiet(0.5) + Self.tone(1) + Self.quiet(2))
    #expect(finder.finish() == [Span(start: 0, end: 500), Span(start: 1_500, end: 3_500)])
  }

  @Test func talkSilencesPhasesMonologueAndFirstWords() {
    // Audio from session 1 s: quiet 2 s, talk 4 s (with a 1 s pause), quiet 3.5 s, talk 2 s.
    let track = AudioTrack(.init(file: "a.mka", audioAt: 1_000, input: "-i a"))
    let quiet = [
      Span(start: 0, end: 2_000), Span(start: 4_000, end: 5_000), Span(start: 7_000, end: 10_500),
    ]
    let banners = [
      Banner(number: 1, cue: "p", kind: .pivot, text: "x", shownAt: 1_500),
      Banner(number: 2, cue: "q", kind: .pushback, text: "y", shownAt: 4_000),
      Banner(number: 3, cue: "r", kind: .curveball, text: "z", shownAt: 14_000),
    ]
    let review = AudioReview(
      quiet: quiet, length: 12_500, track: track,
      phases: [
        (.clarify, Span(start: 0, end: 6_000)), (.estimate, Span(start: 6_000, end: 13_500)),
      ], banners: banners)
    #expect(review.talk == [Span(start: 3_000, end: 8_000), Span(start: 11_500, end: 13_500)])
    #expect(review.silences == [Span(start: 8_000, end: 11_500)])
    #expect(review.longestMonologue == Span(start: 3_000, end: 8_000))
    #expect(review.phases.map(\.talk) == [3_000, 4_000])
    #expect(review.phases.map(\.silences) == [0, 1])
    #expect(review.phases.map(\.silent) == [0, 3_500])
    #expect(review.phases.map(\.heard) == [5_000, 7_500])
    // In the opening quiet: the first word 1.5 s later; mid-sentence: 0; after the audio: none.
    #expect(review.firstWords.map(\.after) == [1_500, 0, nil])
    #expect(review.talkShare == 7.0 / 12.5)
    #expect(review.lines.contains("  longest monologue 0:05, from 0:03 to 0:08"))
  }

  @Test func phaseSpansRunToTheNextPhaseOrTheEnd() {
    let spans = AudioReview.phaseSpans(RecordingChapters.records)
    #expect(spans.map(\.phase) == [.clarify, .estimate])
    #expect(spans.map(\.span) == [Span(start: 0, end: 10_000), Span(start: 10_000, end: 30_000)])
  }
}

@Suite struct RecordingInTheReport {
  @Test func theReportHoldsTheAudioAndLinksEachChapterOnlyWhenItIsThere() throws {
    let records = RecordingChapters.records
    let summary = SessionSummary(try #require(Projection(records)), started: "2026-12-08T01:00:00Z")
    let with = Report.session(
      summary, records: records, generated: "now", program: "0",
      audio: (url: "file:///s/a%20b.mka", length: 29_700))
    #expect(with.contains("<h2>Audio</h2>"))
    #expect(
      with.contains(
        "<audio controls=\"controls\" preload=\"metadata\" src=\"file:///s/a%20b.mka\">"))
    #expect(
      with.contains(
        "<a href=\"file:///s/a%20b.mka#t=19.600\">0:20 pivot: Traffic is mostly audio now.</a>"))
    #expect(with.contains("<a href=\"file:///s/a%20b.mka#t=0.000\">0:00 clarify</a>"))
    let without = Report.session(summary, records: records, generated: "now", program: "0")
    #expect(!without.contains("<audio"))
  }
}
