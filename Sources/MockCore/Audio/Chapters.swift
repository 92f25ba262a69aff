/// A stretch of a session's audio a listener can jump to: a phase, a banner, a mark, a note or
/// a pause, titled in words.
public struct Chapter: Equatable, Sendable {
  public enum Kind: String, Equatable, Sendable {
    case phase, banner, mark, note, pause
  }

  /// Audio time, in milliseconds.
  public var start: Millis
  public var end: Millis
  public var title: String
  public var kind: Kind

  public init(start: Millis, end: Millis, title: String, kind: Kind) {
    self.start = start
    self.end = end
    self.title = title
    self.kind = kind
  }
}

/// The chapters of a session's audio, from its record: one per phase entered, per banner
/// (interjection or coaching cue), per mark and note, and per pause and return. Each runs to
/// the next one's start; the last to the audio's end.
public enum Chapters {
  public static func of(_ records: [Record], track: AudioTrack, length: Millis) -> [Chapter] {
    var points: [(t: Millis, title: String, kind: Chapter.Kind)] = []
    var phase: Phase?
    for record in records {
      // Nothing after the end is part of the session.
      if case .sessionEnded = record.entry { break }
      let t = record.t
      switch record.entry {
      case .phaseEntered(let entered):
        phase = entered.phase
        points.append((t, entered.phase.name, .phase))
      case .cueFired(let banner):
        let words = banner.message.isEmpty ? banner.cue : banner.message
        points.append((t, "\(banner.kind.label.lowercased()): \(words)", .banner))
      case .marked(let mark): points.append((t, "mark: \(mark.label)", .mark))
      case .note(let text): points.append((t, "note: \(text)", .note))
      case .paused: points.append((t, "paused", .pause))
      case .suspended: points.append((t, "stepped away", .pause))
      case .resumed, .continued:
        points.append((t, "back to \(phase?.name ?? "the session")", .pause))
      case .sessionStarted, .sessionEnded, .phaseLeft, .budgetChanged, .rebalanced, .acknowledged,
        .replanned,
        .slept, .debrief, .held, .released, .skipped, .hookFailed, .drillStarted, .problemShown,
        .problemAnswered, .cardReviewed, .drillEnded, .roundShown, .moveChosen, .moveRefused,
        .roundRated, .pushbackAnswered, .checkinCounted, .recordingStarted, .recordingFailed,
        .recordingStopped, .moveTakenBack, .slipShown, .slipAnswered:
        break
      }
    }
    let placed = points.map { (start: track.audioTime($0.t), title: $0.title, kind: $0.kind) }
      .filter { length <= 0 || $0.start < length }
    // In time order; a tie keeps the record's order.
    let ordered = placed.enumerated().sorted {
      ($0.element.start, $0.offset) < ($1.element.start, $1.offset)
    }.map(\.element)
    return ordered.enumerated().map { index, point in
      let end = index + 1 < ordered.count ? ordered[index + 1].start : max(length, point.start)
      return Chapter(start: point.start, end: end, title: point.title, kind: point.kind)
    }
  }

  /// The chapters as an ffmpeg metadata file (`;FFMETADATA1`), times in milliseconds.
  public static func ffmetadata(_ chapters: [Chapter], title: String) -> String {
    var text = ";FFMETADATA1\ntitle=\(escaped(title))\n"
    for chapter in chapters {
      text += "\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=\(chapter.start)\nEND=\(chapter.end)\n"
      text += "title=\(escaped(chapter.title))\n"
    }
    return text
  }

  /// A value as the metadata file writes it: `=`, `;`, `#`, `\` and line ends escaped with a
  /// backslash; a line end becomes a space first.
  static func escaped(_ value: String) -> String {
    var out = ""
    for character in value {
      switch character {
      case "\n", "\r", "\r\n": out += " "
      case "=", ";", "#", "\\": out += "\\\(character)"
      default: out.append(character)
      }
    }
    return out
  }
}
