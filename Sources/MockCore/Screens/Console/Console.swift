/// The interviewer's console: a copy of the session rebuilt from the record lines the session
/// sends, the prompt's interviewer material, and what the interviewer is doing at the keys.
/// Keys come in; requests for the session come out. The console never changes the session by
/// itself: everything goes through the socket, and comes back as record lines.
public struct Console: Equatable, Sendable {
  /// What the keys are doing now.
  public enum Mode: Equatable, Sendable {
    case normal
    case help
    /// The marks menu: a digit marks.
    case marks
    /// Writing an interjection of one's own: first its kind, then its words.
    case custom(kind: CueKind?, text: String)
    /// Writing a note.
    case note(String)
    /// "End the session?"
    case confirmEnd
    /// The session is over: the interviewer's scores.
    case scoring(DebriefForm)
    /// Nothing more to do: the console can close.
    case done
  }

  /// One row of the deck list: a scheduled interjection, or another entry that may be fired.
  public struct Row: Equatable, Sendable {
    public var id: String
    public var kind: CueKind
    public var text: String
    public var strong: [String]
    /// Where it stands, when it is in the schedule.
    public var item: DeckItem?
    /// The banner it put up, if it fired.
    public var banner: Int?
  }

  public let material: Material
  public private(set) var records: [Record] = []
  /// The record as read so far, a line at a time.
  public private(set) var projection: Projection?
  /// The session as the record says.
  public var session: Session? { projection?.session }
  /// The session's time is the console's monotonic time less this (set from every state).
  public private(set) var offset: Millis = 0
  public internal(set) var mode: Mode = .normal
  /// The deck row selected.
  public internal(set) var selected = 0
  /// The first line of the material shown: an offset, kept in range by the last frame's
  /// panel and clamped again when drawn.
  public internal(set) var scroll = 0
  /// The material's panel as the last frame showed it.
  public internal(set) var panel: Viewport?
  public internal(set) var notice: Notice?
  /// The session's socket has closed.
  public internal(set) var hungUp = false
  /// Scores given after the socket closed: the shell keeps them another way.
  public internal(set) var unsent: Debrief?
  /// The interviewer's name, sent with the scores (`interviewer --name`).
  public var name: String?
  /// Notes in the record (the interviewer's and ctl's), with the session time of each.
  public var notes: [(t: Millis, text: String)] {
    (projection?.notes ?? []).map { ($0.t, $0.text) }
  }

  public static func == (a: Console, b: Console) -> Bool {
    a.material == b.material && a.records == b.records && a.offset == b.offset
      && a.mode == b.mode && a.selected == b.selected && a.scroll == b.scroll && a.panel == b.panel
      && a.notice == b.notice && a.hungUp == b.hungUp && a.unsent == b.unsent && a.name == b.name
  }

  public init(welcome: ControlMessage.Welcome, at now: Instant) {
    material = welcome.material
    records = welcome.records.compactMap { try? Record.decode(jsonLine: $0).record }
    rebuild()
    sync(welcome.state, at: now)
    // Attached after the end: the scores are still to give, unless they were given already.
    if case .ended = session?.status, projection?.interviewerDebrief == nil { startScoring() }
  }

  /// The instant on the session's clock that `now` (the console's clock) is.
  public func sessionNow(_ now: Instant) -> Instant { now - offset }

  private mutating func sync(_ state: ControlState, at now: Instant) {
    offset = now.ms - state.tMs
  }

  private mutating func rebuild() {
    projection = Projection(records)
    keepSelectionInRange()
  }

  /// Which rows there are does not depend on the time (only their due times do): the
  /// schedule, then the other deck entries that may be fired.
  private var rowCount: Int {
    guard let session else { return 0 }
    return session.schedule.interjections.count + unscheduled(session).count
  }

  /// The deck entries the schedule does not hold that may still be fired, with their kinds.
  private func unscheduled(_ session: Session) -> [(entry: Material.Entry, kind: CueKind)] {
    let scheduled = Set(session.schedule.interjections.map(\.id))
    return material.deck.compactMap { entry in
      guard !scheduled.contains(entry.id), let kind = CueKind(rawValue: entry.kind) else {
        return nil
      }
      return (entry, kind)
    }
  }

  private mutating func keepSelectionInRange() {
    selected = min(selected, max(0, rowCount - 1))
  }

  /// A line from the session.
  public mutating func receive(_ message: ControlMessage, at now: Instant) {
    switch message {
    case .state(let state): sync(state, at: now)
    case .event(let record):
      records.append(record)
      // One line more: applied to the copy as it stands, not replayed from the start (which
      // would cost the whole record again on every line).
      if projection == nil {
        rebuild()
      } else {
        projection?.apply(record)
        keepSelectionInRange()
      }
      if case .sessionEnded = record.entry, mode != .done { startScoring() }
    case .error(let error, _): say(error.message, at: now)
    case .ok(let op, _, let banner):
      say(banner.map { "fired: banner \($0)" } ?? "\(op): done", at: now)
      if op == "debrief" { mode = .done }
    case .welcome, .round: break
    }
  }

  private mutating func startScoring() {
    guard let session else { return }
    // An ended session's times stand still: any instant after its last line reads them.
    let mostOver = session.mostOver(at: Instant(ms: records.last?.t ?? 0))
    mode = .scoring(
      DebriefForm(
        title: session.info.title, summary: "The session has ended. Your scores for the candidate.",
        mostOver: mostOver, byInterviewer: true))
  }

  mutating func say(_ text: String, at now: Instant) {
    notice = Notice(text: text, until: now + Notice.lasts)
  }

  /// The deck list at `now` on the session's clock (due times count from it): the schedule in
  /// its order, then every other entry that may be fired.
  public func rows(at now: Instant) -> [Row] {
    guard let session else { return [] }
    let deck = session.deck(at: now)
    var rows = deck.map { item in
      Row(
        id: item.placed.id, kind: CueKind(item.placed.kind), text: item.placed.text,
        strong: material.entry(item.placed.id)?.strong ?? [], item: item,
        banner: session.banner(of: item.placed.id)?.number)
    }
    for (entry, kind) in unscheduled(session) {
      rows.append(
        Row(
          id: entry.id, kind: kind, text: entry.text, strong: entry.strong, item: nil,
          banner: session.banner(of: entry.id)?.number))
    }
    return rows
  }
}

extension Console.Mode {
  /// Waiting for the interviewer's words (keys are text, not commands).
  public var isTyping: Bool {
    switch self {
    case .custom(let kind, _): kind != nil
    case .note: true
    default: false
    }
  }
}
