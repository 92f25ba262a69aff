import Foundation
import Glibc
import MockCore

/// `reindex`'s part for recorded sessions: an audio file without chapters (the program was
/// killed before its end, or ffmpeg failed to write them) gets them from its record.
enum AudioChapters {
  /// Writes the missing chapters of every `<id>.mka` beside its `<id>.jsonl` in `store`'s
  /// directory; what could not be done is said on stderr. How many files got chapters.
  static func fillMissing(_ store: SessionStore) -> Int {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: store.directory) else {
      return 0
    }
    var written = 0
    for name in names.sorted() where name.hasSuffix(".mka") {
      let id = String(name.dropLast(".mka".count))
      let audio = store.directory + "/" + name
      guard names.contains(id + ".jsonl") else { continue }
      let records = store.log(named: id + ".jsonl").records
      guard let projection = Projection(records), let track = projection.audio else { continue }
      guard let probe = probe(audio) else {
        warn("\(audio): ffprobe could not read it (is ffmpeg installed?); its chapters are left")
        continue
      }
      guard probe.chapters == 0 else { continue }
      let chapters = Chapters.of(records, track: track, length: probe.length)
      do {
        try ChapterWriter.write(chapters, title: projection.session.info.title, into: audio)
        written += 1
      } catch {
        warn("\(audio): its chapters could not be written: \(error)")
      }
    }
    return written
  }

  /// The audio's length and how many chapters it has, as ffprobe reads them.
  static func probe(_ audio: String) -> (length: Millis, chapters: Int)? {
    let argv = [
      "ffprobe", "-v", "error", "-show_entries", "format=duration", "-show_chapters", "-of",
      "json", audio,
    ]
    guard let out = output(argv),
      let json = try? JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any],
      let format = json["format"] as? [String: Any],
      let seconds = (format["duration"] as? String).flatMap(Double.init)
    else { return nil }
    let chapters = (json["chapters"] as? [Any])?.count ?? 0
    return (Millis((seconds * 1000).rounded()), chapters)
  }

  /// What the session's audio says by itself (talk, silences, first words), when the record
  /// at `record` has a recording whose file is there and ffmpeg can decode it.
  static func review(record: String, store: SessionStore) -> AudioReview? {
    let records = store.log(named: (record as NSString).lastPathComponent).records
    guard let projection = Projection(records), let track = projection.audio else { return nil }
    let audio = store.directory + "/" + track.file
    guard FileManager.default.fileExists(atPath: audio) else { return nil }
    let argv = [
      "ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-i", audio, "-f", "s16le", "-ac", "1",
      "-ar", "16000", "pipe:1",
    ]
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else { return nil }
    for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    let spawned = Recorder.spawn(argv, environment: environment, stdout: ends[1], stderr: -1)
    close(ends[1])
    defer { close(ends[0]) }
    guard case .success(let pid) = spawned else {
      warn("\(audio): ffmpeg could not be started to read it; its review is left out")
      return nil
    }
    var finder = SilenceFinder()
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    var odd: UInt8?
    while true {
      let n = read(ends[0], &buffer, buffer.count)
      if n > 0 {
        var bytes = buffer[0..<n]
        var samples: [Int16] = []
        samples.reserveCapacity(n / 2 + 1)
        if let first = odd, let second = bytes.first {
          samples.append(Int16(bitPattern: UInt16(first) | UInt16(second) << 8))
          bytes = bytes.dropFirst()
          odd = nil
        }
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
          samples.append(Int16(bitPattern: UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8))
          index += 2
        }
        if index < bytes.endIndex { odd = bytes[index] }
        finder.feed(samples)
      } else if n == 0 || errno != EINTR {
        break
      }
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    guard status == 0 else {
      warn("\(audio): ffmpeg could not decode it; its review is left out")
      return nil
    }
    let quiet = finder.finish()
    return AudioReview(
      quiet: quiet, length: finder.length, track: track,
      phases: AudioReview.phaseSpans(records), banners: projection.session.banners)
  }

  /// What `argv` printed, when it ran and exited 0.
  static func output(_ argv: [String]) -> String? {
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else { return nil }
    for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    let spawned = Recorder.spawn(argv, environment: environment, stdout: ends[1], stderr: -1)
    close(ends[1])
    defer { close(ends[0]) }
    guard case .success(let pid) = spawned else { return nil }
    var said: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 16 * 1024)
    while true {
      let n = read(ends[0], &buffer, buffer.count)
      if n > 0 {
        said += buffer[0..<n]
      } else if n == 0 || errno != EINTR {
        break
      }
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    return status == 0 ? String(decoding: said, as: UTF8.self) : nil
  }
}
