/// ffmpeg's `-progress` output, read a line at a time: `key=value` lines, each block ended by
/// `progress=continue` (or `progress=end`, the last).
public struct FFmpegProgress: Equatable, Sendable {
  /// The audio written so far, as the last finished block said.
  public private(set) var written: Millis = 0
  /// Whether the last block was the last (`progress=end`).
  public private(set) var ended = false
  private var pending: Millis?

  public init() {}

  /// One line; the audio written when it ends a block (nil otherwise).
  public mutating func feed(_ line: some StringProtocol) -> Millis? {
    guard let equals = line.firstIndex(of: "=") else { return nil }
    let key = line[..<equals]
    let value = line[line.index(after: equals)...].trimmingWhitespace
    switch key {
    case "out_time_us":
      // "N/A" before the first packet.
      if let micros = Int64(value), micros >= 0 { pending = micros / 1000 }
    case "progress":
      ended = value == "end"
      if let pending { written = max(written, pending) }
      pending = nil
      return written
    default: break
    }
    return nil
  }
}

/// An ffmpeg input written as words (`-f pulse -i default`, `-re -i "my talk.wav"`): split at
/// spaces, with single or double quotes keeping spaces in a word.
public enum InputWords {
  public struct Unclosed: Error, Equatable, Sendable {
    /// The quote's position (1-based) in the text.
    public var column: Int
    public var message: String { "a quote opened at column \(column) is never closed" }
  }

  public static func split(_ text: String) -> Result<[String], Unclosed> {
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: (Character, Int)?
    for (index, character) in text.enumerated() {
      if let (open, _) = quote {
        if character == open { quote = nil } else { word.append(character) }
        continue
      }
      switch character {
      case "\"", "'":
        quote = (character, index + 1)
        inWord = true
      case " ", "\t", "\n", "\r":
        if inWord { words.append(word) }
        word = ""
        inWord = false
      default:
        word.append(character)
        inWord = true
      }
    }
    if let (_, column) = quote { return .failure(Unclosed(column: column)) }
    if inWord { words.append(word) }
    return .success(words)
  }
}
