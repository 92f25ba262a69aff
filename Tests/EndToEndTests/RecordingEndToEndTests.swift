import Foundation
import Glibc
import Testing

/// Recording through the real binary, with no sound card: espeak-ng and sox make speech with
/// planted gaps, and ffmpeg reads it in real time (`-re`) as if it were a microphone. Audio
/// runs in real time, so these sessions run at the session clock's own speed.
@Suite(.timeLimit(.minutes(2))) struct RecordingEndToEnd {
  /// Speech with planted silences, made once per test in `directory`.
  struct Speech {
    let path: String
    /// Where each planted gap begins and ends in the file, in seconds.
    let gaps: [(start: Double, end: Double)]
    let length: Double

    /// `parts` are spoken sentences and gaps (seconds of silence), in order.
    init(in directory: String, name: String = "speech.wav", _ parts: [Part]) throws {
      var files: [String] = []
      var gaps: [(Double, Double)] = []
      var at = 0.0
      for (index, part) in parts.enumerated() {
        let file = directory + "/part\(index).wav"
        switch part {
        case .say(let words):
          let raw = directory + "/raw\(index).wav"
          try Self.run(["espeak-ng", "-w", raw, words])
          // espeak-ng's own quiet before and after the words is cut, so that the gaps
          // planted are the whole of the silence.
          try Self.run([
            "sox", raw, "-r", "16000", "-c", "1", "-b", "16", file, "silence", "1", "0.005", "-40d",
            "reverse", "silence", "1", "0.005", "-40d", "reverse",
          ])
        case .gap(let seconds):
          try Self.run([
            "sox", "-n", "-r", "16000", "-c", "1", "-b", "16", file, "trim", "0", "\(seconds)",
          ])
        }
        let length = try Self.seconds(file)
        if case .gap = part { gaps.append((at, at + length)) }
        at += length
        files.append(file)
      }
      path = directory + "/" + name
      try Self.run(["sox"] + files + [path])
      self.gaps = gaps
      length = at
    }

    enum Part {
      case say(String)
      case gap(Double)
    }

    static func run(_ arguments: [String]) throws {
      let out = try runProcess(arguments)
      guard out.status == 0 else {
        throw Timeout(description: "\(arguments.joined(separator: " ")): \(out.stderr)")
      }
    }

    static func seconds(_ file: String) throws -> Double {
      let out = try runProcess(["soxi", "-D", file])
      return Double(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
  }

  static let words = [
    "The first thing I would ask is who uses this system and how much traffic it gets.",
    "Then I would estimate the reads per second at the peak.",
    "And then sketch the storage.",
  ]

  /// The session's record and audio in `pane`'s sessions directory.
  static func files(_ pane: Pane) throws -> (records: [[String: Any]], audio: String?) {
    let names = try FileManager.default.contentsOfDirectory(atPath: pane.sessions)
    let record = try #require(names.first { $0.hasSuffix(".jsonl") })
    let text = try String(contentsOfFile: pane.sessions + "/" + record, encoding: .utf8)
    let lines = try text.split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
    return (lines, names.first { $0.hasSuffix(".mka") }.map { pane.sessions + "/" + $0 })
  }

  /// The record's lines so far (none until the file is there).
  static func lines(_ pane: Pane) -> [[String: Any]] { (try? files(pane).records) ?? [] }

  /// ffprobe's chapters of `audio`: each start (seconds) and title.
  static func chapters(_ audio: String) throws -> [(start: Double, title: String)] {
    let out = try runProcess(["ffprobe", "-v", "error", "-show_chapters", "-of", "json", audio])
    let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as! [String: Any]
    let chapters = json["chapters"] as? [[String: Any]] ?? []
    return chapters.map {
      (
        Double($0["start_time"] as? String ?? "") ?? -1,
        ($0["tags"] as? [String: Any])?["title"] as? String ?? ""
      )
    }
  }

  static func duration(_ audio: String) throws -> Double {
    let out = try runProcess([
      "ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", audio,
    ])
    return Double(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
  }

  static func ms(_ line: [String: Any], _ key: String) -> Int {
    (line[key] as? NSNumber)?.intValue ?? -1
  }

  @Test func aSessionsAudioHasItsPhasesPivotAndMarkAsChaptersAtTheRecordedTimes() throws {
    let library = try InterjectionEndToEnd.Library()
    // Quiet at first (the pivot lands in it), then speech with gaps of 3 and 4 s, and quiet
    // to the end, which comes before the file's.
    let speech = try Speech(
      in: library.scratch.path,
      [
        .gap(2.5), .say(Self.words[0]), .gap(3), .say(Self.words[1]), .gap(4),
        .say(Self.words[2]), .gap(10),
      ])
    let spoken = speech.gaps[3].start
    // The pivot comes 1 s in (a 10-second clarify); the rest of the keys are ours.
    let pane = try Pane(
      width: 100, height: 30,
      arguments: ["run", "--record", "--prompts", library.path, "--seed", "11", "--bell", "off"]
        + InterjectionEndToEnd.seconds,
      environment: ["MOCKROOM_AUDIO_INPUT": "-re -i \(speech.path)"])
    _ = try pane.waitFor("● rec")
    _ = try pane.waitFor("PIVOT")
    _ = try pane.waitForSessionClock(atLeast: 3_000)
    try pane.send("Space")
    try waitForLines("estimate entered", read: { Self.lines(pane) }) {
      $0.contains {
        $0["type"] as? String == "phase_entered" && $0["phase"] as? String == "estimate"
      }
    }
    _ = try pane.waitForSessionClock(atLeast: 5_000)
    try pane.send("x")
    try waitForLines("the mark", read: { Self.lines(pane) }) { count($0, "marked") == 1 }
    // The speech is over a second before the end.
    _ = try pane.waitForSessionClock(atLeast: Int(spoken * 1000) + 1_500, timeout: 40)
    try pane.send("q", "y")
    try pane.expectExit(0)

    let (records, audio) = try Self.files(pane)
    let path = try #require(audio)
    let started = try #require(records.first { $0["type"] as? String == "recording_started" })
    let audioAt = Self.ms(started, "audio_at_ms")
    #expect((0..<2_000).contains(audioAt), "audio_at_ms \(audioAt)")
    #expect(started["input"] as? String == "-re -i \(speech.path)")
    let stopped = try #require(records.last { $0["type"] as? String == "recording_stopped" })
    #expect(count(records, "recording_failed") == 0)

    // What ffprobe reads back: a chapter for each phase, the pivot and the mark, each at its
    // line's session time less the audio's offset.
    let expected: [(t: Int, title: String)] = records.compactMap { line in
      switch line["type"] as? String {
      case "phase_entered": (Self.ms(line, "t_ms"), line["phase"] as? String ?? "")
      case "cue_fired":
        (
          Self.ms(line, "t_ms"),
          line["kind"] as? String == "pivot"
            ? "pivot: From today most of the traffic is audio."
            : "last 90 s: The last 90 seconds: time for your questions to the interviewer."
        )
      case "marked": (Self.ms(line, "t_ms"), "mark: reset move")
      default: nil
      }
    }
    let read = try Self.chapters(path)
    #expect(read.map(\.title) == expected.map(\.title))
    #expect(Self.ms(stopped, "chapters") == expected.count)
    for (chapter, line) in zip(read, expected) {
      let at = Double(max(0, line.t - audioAt)) / 1000
      #expect(
        abs(chapter.start - at) <= 0.5, "\(chapter.title) at \(chapter.start), expected \(at)")
    }
    // The audio ran with the session: it is as long as the session from its first instant.
    let end = try #require(records.first { $0["type"] as? String == "session_ended" })
    let length = try Self.duration(path)
    let session = Double(Self.ms(end, "t_ms") - audioAt) / 1000
    #expect(abs(length - session) <= 0.5, "audio \(length) s, session \(session) s")
    #expect(abs(Double(Self.ms(stopped, "audio_ms")) / 1000 - length) <= 0.1)
    // The chapters were written soon after the end.
    #expect((0..<5_000).contains(Self.ms(stopped, "chapters_took_ms")))

    // What the audio says by itself: the planted gaps of 3 and 4 s are its silences, as
    // ffmpeg's silencedetect finds them too, each edge within 0.2 s.
    let home = pane.directory.appendingPathComponent("home").path
    let show = try runProcess(
      [Binary.path, "show", "last", "--json"],
      environment: ProcessInfo.processInfo.environment.merging(["MOCKROOM_HOME": home]) { $1 })
    let json = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any]
    let review = try #require((json?["show"] as? [String: Any])?["audio"] as? [String: Any])
    let silences = (review["silences"] as? [[String: Any]] ?? []).map {
      (
        Double(Self.ms($0, "audio_ms")) / 1000,
        Double(Self.ms($0, "audio_ms") + Self.ms($0, "length_ms")) / 1000
      )
    }
    let planted = [speech.gaps[1], speech.gaps[2]]
    let detected = try Self.silencedetect(path)
    #expect(silences.count == 2 && detected.count == 2, "ours \(silences), ffmpeg's \(detected)")
    for ((ours, theirs), gap) in zip(zip(silences, detected), planted) {
      #expect(abs(ours.0 - gap.start) <= 0.2 && abs(ours.1 - gap.end) <= 0.2, "\(ours) for \(gap)")
      #expect(abs(ours.0 - theirs.0) <= 0.2 && abs(ours.1 - theirs.1) <= 0.2, "\(ours), \(theirs)")
    }
    // The first word after the pivot: the end of the quiet it landed in.
    let pivot = try #require(records.first { $0["type"] as? String == "cue_fired" })
    let first = try #require((review["first_words"] as? [[String: Any]])?.first)
    let expectedAfter = speech.gaps[0].end - Double(Self.ms(pivot, "t_ms") - audioAt) / 1000
    let after = Double(Self.ms(first, "first_word_after_ms")) / 1000
    #expect(abs(after - expectedAfter) <= 0.2, "\(after) s, expected \(expectedAfter) s")
    let longest = try #require(review["longest_monologue"] as? [String: Any])
    let firstSpeech = speech.gaps[1].start - speech.gaps[0].end
    #expect(abs(Double(Self.ms(longest, "length_ms")) / 1000 - firstSpeech) <= 0.2)
    // And in words.
    let text = try runProcess(
      [Binary.path, "show", "last"],
      environment: ProcessInfo.processInfo.environment.merging(["MOCKROOM_HOME": home]) { $1 })
    #expect(text.stdout.contains("AUDIO ("))
    #expect(
      text.stdout.contains("silences of 3 s or more")
        || text.stdout.contains("silence of 3 s or more"))
    #expect(text.stdout.contains("longest monologue"))
  }

  /// ffmpeg's silencedetect on `audio`: silences of 3 s or more below -35 dB, in seconds.
  static func silencedetect(_ audio: String) throws -> [(Double, Double)] {
    let out = try runProcess([
      "ffmpeg", "-nostdin", "-i", audio, "-af", "silencedetect=n=-35dB:d=3", "-f", "null", "-",
    ])
    let starts = out.stderr.matches(of: /silence_start: ([0-9.]+)/).compactMap { Double($0.1) }
    let ends = out.stderr.matches(of: /silence_end: ([0-9.]+)/).compactMap { Double($0.1) }
    return Array(zip(starts, ends))
  }

  @Test func aSessionStoppedBySIGTERMAndPausedOnTheWayStillFinishesItsAudioWithChapters()
    throws
  {
    let home = try PromptEndToEnd.Home()
    let speech = try Speech(in: home.path, [.say(Self.words[0]), .gap(6)])
    let pane = try Pane(
      width: 100, height: 30, arguments: ["run", "--record", "--bell", "off", "--no-pivots"],
      environment: ["MOCKROOM_AUDIO_INPUT": "-re -i \(speech.path)"])
    _ = try pane.waitFor("● rec")
    _ = try pane.waitForSessionClock(atLeast: 1_000)
    try pane.send("p")
    try waitForLines("the pause", read: { Self.lines(pane) }) { count($0, "paused") == 1 }
    _ = try pane.waitFor("PAUSED")
    try pane.send("p")
    try waitForLines("the resume", read: { Self.lines(pane) }) { count($0, "resumed") == 1 }
    // Seconds of audio after the return, so that its chapter has sound in it.
    _ = try pane.waitForSessionClock(atLeast: 3_000)
    try pane.signal(SIGTERM)
    try pane.expectExit(128 + SIGTERM)
    let (records, audio) = try Self.files(pane)
    let path = try #require(audio)
    let started = try #require(records.first { $0["type"] as? String == "recording_started" })
    let audioAt = Self.ms(started, "audio_at_ms")
    let end = try #require(records.first { $0["type"] as? String == "session_ended" })
    #expect(end["signal"] as? String == "SIGTERM")
    #expect(records.last?["type"] as? String == "recording_stopped")
    // The audio ran on through the pause: it is as long as the session from its first instant.
    let session = Double(Self.ms(end, "t_ms") - audioAt) / 1000
    #expect(abs(try Self.duration(path) - session) <= 0.5)
    let chapters = try Self.chapters(path)
    #expect(chapters.map(\.title) == ["clarify", "paused", "back to clarify"], "\(chapters)")

    // The report holds the audio and links each chapter's moment in it.
    let data = pane.directory.appendingPathComponent("home").path
    let report = pane.directory.appendingPathComponent("report.xhtml").path
    let made = try runProcess(
      [Binary.path, "report", "last", "-o", report],
      environment: ProcessInfo.processInfo.environment.merging(["MOCKROOM_HOME": data]) { $1 })
    #expect(made.status == 0, "\(made.stderr)")
    let page = try String(contentsOfFile: report, encoding: .utf8)
    let url = URL(fileURLWithPath: path).absoluteString
    #expect(page.contains("<audio controls=\"controls\" preload=\"metadata\" src=\"\(url)\">"))
    let links = page.matches(of: /href="([^"#]+)#t=([0-9.]+)"/).map {
      (String($0.1), Double($0.2) ?? -1)
    }
    #expect(links.map(\.0) == Array(repeating: url, count: 3))
    for (link, chapter) in zip(links, chapters) {
      #expect(abs(link.1 - chapter.start) <= 0.001, "\(link) for \(chapter)")
    }
    // Headless Chromium plays the file and honours the fragment of the last chapter's link.
    let probe = pane.directory.appendingPathComponent("probe.html").path
    let target = try #require(links.last)
    try """
    <html><body><div id="out">none</div><audio id="a" preload="metadata" src="\(target.0)#t=\(target.1)"></audio>
    <script>
    var a = document.getElementById('a');
    a.addEventListener('loadedmetadata', function () {
      document.getElementById('out').textContent = 'duration ' + a.duration + ' at ' + a.currentTime;
    });
    a.addEventListener('error', function () { document.getElementById('out').textContent = 'error'; });
    </script></body></html>
    """.write(toFile: probe, atomically: true, encoding: .utf8)
    let dom = try ReportEndToEnd.chromium(
      [
        "--allow-file-access-from-files", "--virtual-time-budget=5000", "--dump-dom",
        URL(fileURLWithPath: probe).absoluteString,
      ], scratch: pane.directory.path)
    let said = try #require(
      dom.stdout.firstMatch(of: /duration ([0-9.]+) at ([0-9.]+)/), "\(dom.stdout)")
    #expect(abs((Double(said.1) ?? 0) - (try Self.duration(path))) <= 0.1)
    #expect(abs((Double(said.2) ?? 0) - target.1) <= 0.1)
  }

  @Test func killedOutrightItsRecorderStillFinishesTheFileAndEnds() throws {
    let home = try PromptEndToEnd.Home()
    let speech = try Speech(in: home.path, [.say(Self.words[0]), .gap(20)])
    let pane = try Pane(
      width: 100, height: 30, arguments: ["run", "--record", "--bell", "off", "--no-pivots"],
      environment: ["MOCKROOM_AUDIO_INPUT": "-re -i \(speech.path)"])
    _ = try pane.waitFor("● rec")
    _ = try pane.waitForSessionClock(atLeast: 2_000)
    try pane.signal(SIGKILL)
    _ = try pane.exitStatus()
    // ffmpeg heard of its parent's death: it ends, and the file it leaves can be read.
    let deadline = Date().addingTimeInterval(10)
    var running = true
    while running && Date() < deadline {
      running = try runProcess(["pgrep", "-f", pane.sessions]).status == 0
      if running { Thread.sleep(forTimeInterval: 0.05) }
    }
    #expect(!running, "ffmpeg still records after mockroom was killed")
    let (records, audio) = try Self.files(pane)
    let path = try #require(audio)
    #expect(try Self.duration(path) >= 1.5)
    #expect(count(records, "session_ended") == 0)
  }

  @Test func withNoSoundDeviceItIsSaidAndTheSessionGoesOnWithItsRecordWhole() throws {
    let pane = try Pane(
      width: 100, height: 30, arguments: ["run", "--record", "--bell", "off", "--no-pivots"],
      environment: ["MOCKROOM_AUDIO_INPUT": "-f alsa -i default"])
    let said = try pane.waitFor("not recording")
    #expect(said.contains("not recording: no audio input could be opened; the session goes on"))
    #expect(said.contains("no rec ·"))
    try pane.send("Space")
    _ = try pane.waitFor("ESTIMATE")
    try pane.send("q", "y")
    try pane.expectExit(0)
    let (records, audio) = try Self.files(pane)
    #expect(audio == nil)
    let failed = try #require(records.first { $0["type"] as? String == "recording_failed" })
    #expect(failed["trouble"] as? String == "no_input")
    #expect((failed["detail"] as? String)?.isEmpty == false)
    #expect(failed["audio_ms"] == nil)
    #expect(count(records, "recording_started") == 0 && count(records, "recording_stopped") == 0)
    #expect(records.last?["type"] as? String == "session_ended")
    #expect(count(records, "phase_entered") == 2)
  }

  @Test func aDeviceLostMidSessionIsSaidAndWhatWasRecordedKeepsItsChapters() throws {
    let home = try PromptEndToEnd.Home()
    let speech = try Speech(in: home.path, [.say(Self.words[2])])
    let pane = try Pane(
      width: 100, height: 30, arguments: ["run", "--record", "--bell", "off", "--no-pivots"],
      environment: ["MOCKROOM_AUDIO_INPUT": "-re -i \(speech.path)"])
    _ = try pane.waitFor("● rec")
    // The input runs out after its second or so of speech: the device went away.
    let said = try pane.waitFor("recording stopped", timeout: 15)
    #expect(said.contains("recording stopped: the audio input went away; the session goes on"))
    #expect(said.contains("no rec ·"))
    try pane.send("Space")
    _ = try pane.waitFor("ESTIMATE")
    try pane.send("q", "y")
    try pane.expectExit(0)
    let (records, audio) = try Self.files(pane)
    let failed = try #require(records.first { $0["type"] as? String == "recording_failed" })
    #expect(failed["trouble"] as? String == "input_lost")
    let kept = Double(Self.ms(failed, "audio_ms")) / 1000
    #expect(abs(kept - speech.length) <= 0.2, "kept \(kept) s of \(speech.length) s")
    let path = try #require(audio)
    #expect(abs(try Self.duration(path) - speech.length) <= 0.2)
    // The chapters of what was recorded: the first phase; the second came after the audio.
    #expect(try Self.chapters(path).map(\.title) == ["clarify"])
    #expect(records.contains { $0["type"] as? String == "recording_stopped" })
    #expect(count(records, "session_ended") == 1)

    // Audio that lost its chapters gets them back from the record on reindex.
    let bare = path + ".bare.mka"
    try Speech.run(["ffmpeg", "-v", "error", "-i", path, "-map_chapters", "-1", "-c", "copy", bare])
    #expect(rename(bare, path) == 0)
    #expect(try Self.chapters(path).isEmpty)
    let data = pane.directory.appendingPathComponent("home").path
    let reindex = try runProcess(
      [Binary.path, "reindex"],
      environment: ProcessInfo.processInfo.environment.merging(["MOCKROOM_HOME": data]) { $1 })
    #expect(reindex.status == 0, "\(reindex.stderr)")
    #expect(reindex.stdout.contains("wrote the chapters of 1 recording"))
    #expect(try Self.chapters(path).map(\.title) == ["clarify"])
    // Once they are there, a reindex leaves the file alone.
    let again = try runProcess(
      [Binary.path, "reindex"],
      environment: ProcessInfo.processInfo.environment.merging(["MOCKROOM_HOME": data]) { $1 })
    #expect(!again.stdout.contains("chapters"))
  }
}
