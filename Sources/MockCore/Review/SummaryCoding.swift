/// A compact binary form of session summaries, for the summary cache.
///
/// Why not JSON: Foundation's JSON reader manages about 20 MB/s here, so 10,000 sessions took
/// seconds to read back whether as records or as cached JSON. This form is varint integers and
/// length-prefixed UTF-8 strings, read without any parser. It is only a cache: a form that does
/// not read back is treated as missing.
///
/// It keeps what `history` and `stats` use: a banner's text (the interjection's words) is left
/// out, since only `show` prints it and `show` reads the record itself.
public enum SummaryCoding {
  /// Appends values to a byte buffer.
  public struct Writer {
    public private(set) var bytes: [UInt8] = []
    public init() {}

    /// A zigzag varint: small numbers (most of them) take a byte or two.
    public mutating func int(_ value: Int64) {
      var rest = UInt64(bitPattern: (value << 1) ^ (value >> 63))
      while rest >= 0x80 {
        bytes.append(UInt8(rest & 0x7F) | 0x80)
        rest >>= 7
      }
      bytes.append(UInt8(rest))
    }
    public mutating func int(_ value: Int) { int(Int64(value)) }
    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
    public mutating func string(_ value: String) {
      int(value.utf8.count)
      bytes.append(contentsOf: value.utf8)
    }
    /// An optional: a presence byte, then the value.
    public mutating func optional<T>(_ value: T?, _ write: (inout Writer, T) -> Void) {
      bool(value != nil)
      if let value { write(&self, value) }
    }
  }

  /// Reads values back; every read fails (nil) past the end or on a bad value.
  public struct Reader {
    private let bytes: ArraySlice<UInt8>
    private var at: Int

    public init(_ bytes: ArraySlice<UInt8>) {
      self.bytes = bytes
      at = bytes.startIndex
    }

    public var atEnd: Bool { at >= bytes.endIndex }

    public mutating func int() -> Int64? {
      var result: UInt64 = 0
      var shift: UInt64 = 0
      while at < bytes.endIndex, shift < 64 {
        let byte = bytes[at]
        at += 1
        result |= UInt64(byte & 0x7F) << shift
        if byte < 0x80 {
          return Int64(bitPattern: result >> 1) ^ -Int64(bitPattern: result & 1)
        }
        shift += 7
      }
      return nil
    }
    public mutating func count() -> Int? {
      guard let n = int(), n >= 0, n <= Int64(bytes.endIndex - at) else { return nil }
      return Int(n)
    }
    public mutating func bool() -> Bool? {
      guard at < bytes.endIndex, bytes[at] <= 1 else { return nil }
      at += 1
      return bytes[at - 1] == 1
    }
    public mutating func string() -> String? {
      guard let n = count() else { return nil }
      defer { at += n }
      return String(decoding: bytes[at..<at + n], as: UTF8.self)
    }
    /// Reads an optional written by `Writer.optional`: `.some(nil)` when absent, nil on error.
    public mutating func optional<T>(_ read: (inout Reader) -> T?) -> T?? {
      guard let present = bool() else { return nil }
      guard present else { return .some(nil) }
      guard let value = read(&self) else { return nil }
      return .some(value)
    }
  }

  public static func write(_ s: SessionSummary, to w: inout Writer) {
    w.string(s.id)
    w.string(s.title)
    w.optional(s.prompt) { $0.string($1) }
    w.string(s.started)
    w.string(s.plan.name)
    for phase in Phase.allCases { w.int(s.plan[phase]) }
    w.optional(s.seed) { $0.int(Int64(bitPattern: $1)) }
    w.optional(s.ending) { w, ending in
      w.bool(ending.outcome == .finished)
      switch ending.reason {
      case .completed: w.string("completed")
      case .quit: w.string("quit")
      case .signal(let name): w.string("signal:" + name)
      }
    }
    w.int(s.active)
    w.int(s.length)
    for p in s.phases {
      w.int(p.actual)
      w.bool(p.reached)
    }
    w.optional(s.drillStart) { $0.int($1) }
    w.optional(s.opsStart) { $0.int($1) }
    w.int(s.banners.count)
    for b in s.banners {
      w.int(b.number)
      w.string(b.cue)
      w.string(b.kind.rawValue)
      w.optional(b.phase) { $0.int($1.rawValue) }
      w.int(b.shownAt)
      w.optional(b.late) { $0.int($1) }
      w.optional(b.acknowledgedAt) { $0.int($1) }
      w.optional(b.replannedAt) { $0.int($1) }
      w.bool(b.retired)
    }
    w.int(s.marks.count)
    for m in s.marks {
      w.int(m.t)
      if case .recovery(let move) = m.mark {
        w.int(10 + move.rawValue)
      } else {
        w.int(Mark.plain.firstIndex(of: m.mark) ?? 0)
      }
      w.int(sourceCode(m.source))
    }
    w.optional(s.debrief, writeDebrief)
    w.optional(s.interviewerDebrief, writeDebrief)
    w.int(s.notes.count)
    for note in s.notes {
      w.int(note.t)
      w.string(note.text)
      w.int(sourceCode(note.source))
    }
  }

  private static func writeDebrief(_ w: inout Writer, _ d: Debrief) {
    for dimension in Dimension.allCases { w.int(d.scores[dimension] ?? 0) }
    w.optional(d.overran) { $0.int($1.rawValue) }
    w.string(d.why)
    w.string(d.notes)
  }

  private static func sourceCode(_ source: Source?) -> Int {
    source.flatMap { Source.allCases.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
  }

  private static func source(_ code: Int64) -> Source?? {
    if code == 0 { return .some(nil) }
    let index = Int(code) - 1
    return Source.allCases.indices.contains(index) ? .some(Source.allCases[index]) : nil
  }

  public static func read(_ r: inout Reader) -> SessionSummary? {
    guard let id = r.string(), let title = r.string(), let prompt = r.optional({ $0.string() }),
      let started = r.string(), let planName = r.string()
    else { return nil }
    var budgets: [Millis] = []
    for _ in Phase.allCases {
      guard let budget = r.int() else { return nil }
      budgets.append(budget)
    }
    guard let seed = r.optional({ $0.int().map { UInt64(bitPattern: $0) } }),
      let ending = r.optional(readEnding), let active = r.int(), let length = r.int()
    else { return nil }
    let plan = Plan(name: planName, budgets: budgets)
    var phases: [SessionSummary.PhaseTime] = []
    for phase in Phase.allCases {
      guard let actual = r.int(), let reached = r.bool() else { return nil }
      phases.append(
        SessionSummary.PhaseTime(
          phase: phase, budget: plan[phase], actual: actual, reached: reached))
    }
    guard let drillStart = r.optional({ $0.int() }), let opsStart = r.optional({ $0.int() }),
      let bannerCount = r.count()
    else { return nil }
    var banners: [Banner] = []
    for _ in 0..<bannerCount {
      guard let number = r.int(), let cue = r.string(), let kindName = r.string(),
        let kind = CueKind(rawValue: kindName),
        let phase = r.optional({ $0.int().flatMap { Phase(rawValue: Int($0)) } }),
        let shownAt = r.int(), let late = r.optional({ $0.int() }),
        let acknowledged = r.optional({ $0.int() }), let replanned = r.optional({ $0.int() }),
        let retired = r.bool()
      else { return nil }
      var banner = Banner(
        number: Int(number), cue: cue, kind: kind, phase: phase, shownAt: shownAt,
        late: late)
      banner.acknowledgedAt = acknowledged
      banner.replannedAt = replanned
      banner.retired = retired
      banners.append(banner)
    }
    guard let markCount = r.count() else { return nil }
    var marks: [SessionSummary.MarkAt] = []
    for _ in 0..<markCount {
      guard let t = r.int(), let code = r.int() else { return nil }
      let mark: Mark
      if Mark.plain.indices.contains(Int(code)) {
        mark = Mark.plain[Int(code)]
      } else {
        guard let move = RecoveryMove(rawValue: Int(code) - 10) else { return nil }
        mark = .recovery(move)
      }
      guard let by = r.int().flatMap(source) else { return nil }
      marks.append(SessionSummary.MarkAt(t: t, mark: mark, source: by))
    }
    guard let debrief = r.optional(readDebrief), let scored = r.optional(readDebrief),
      let noteCount = r.count()
    else { return nil }
    var notes: [SessionSummary.NoteAt] = []
    for _ in 0..<noteCount {
      guard let t = r.int(), let text = r.string(), let by = r.int().flatMap(source) else {
        return nil
      }
      notes.append(SessionSummary.NoteAt(t: t, text: text, source: by))
    }
    var summary = SessionSummary(
      id: id, title: title, prompt: prompt, started: started, plan: plan, seed: seed,
      ending: ending, active: active, length: length, phases: phases, drillStart: drillStart,
      opsStart: opsStart, banners: banners, marks: marks, debrief: debrief)
    summary.interviewerDebrief = scored
    summary.notes = notes
    return summary
  }

  private static func readEnding(_ r: inout Reader) -> Ending? {
    guard let finished = r.bool(), let reasonText = r.string() else { return nil }
    let reason: EndReason
    switch reasonText {
    case "completed": reason = .completed
    case "quit": reason = .quit
    case let text where text.hasPrefix("signal:"): reason = .signal(String(text.dropFirst(7)))
    default: return nil
    }
    return Ending(outcome: finished ? .finished : .abandoned, reason: reason)
  }

  private static func readDebrief(_ r: inout Reader) -> Debrief? {
    var scores: [Dimension: Int] = [:]
    for dimension in Dimension.allCases {
      guard let score = r.int(), (0...5).contains(score) else { return nil }
      if score > 0 { scores[dimension] = Int(score) }
    }
    guard let overran = r.optional({ $0.int().flatMap { Phase(rawValue: Int($0)) } }),
      let why = r.string(), let notes = r.string()
    else { return nil }
    return Debrief(scores: scores, overran: overran, why: why, notes: notes)
  }
}
