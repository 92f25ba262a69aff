extension Unicode.Scalar {
  /// How many terminal columns the scalar takes: 0 for controls and marks that join the
  /// character before them, 2 for East Asian wide and fullwidth characters and emoji, else 1.
  ///
  /// Ours rather than libc's `wcwidth`: that depends on the process locale, and the core must
  /// lay out the same frame in a test as in a terminal. The ranges follow Unicode's
  /// EastAsianWidth W and F classes, as glibc's tables do.
  public var columns: Int {
    let v = value
    if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
    if v < 0x300 { return 1 }
    // Dashes, quotes and ellipsis; arrows; box drawing and blocks: the rules, digits and strip
    // drawn every second. Answered before the Unicode property lookups, which are slow.
    if (0x2010...0x2027).contains(v) || (0x2190...0x21FF).contains(v)
      || (0x2500...0x259F).contains(v)
    {
      return 1
    }
    switch properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if (0x1160...0x11FF).contains(v) { return 0 }  // Hangul vowels and finals join the syllable.
    if properties.isEmojiPresentation { return 2 }
    for range in Self.wide where range.contains(v) { return 2 }
    return 1
  }

  private static let wide: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
    0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
    0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1B000...0x1B2FF,
    0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
  ]
}

extension StringProtocol {
  /// The terminal columns the text takes.
  public var columns: Int {
    var total = 0
    for scalar in unicodeScalars { total += scalar.columns }
    return total
  }
}
