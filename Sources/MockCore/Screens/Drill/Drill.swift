/// One drill of any kind: the frame that owns the lifecycle (ready, an item up, the summary,
/// ended), the item's clock, the help and quit-asks-first overlays, the record's first and last
/// lines and the hooks. The kind supplies its items, what a key does to one, and its screen.
///
/// Time is the monotonic clock's: an item's time is now − shown − time stepped away.
@dynamicMemberLookup
public struct Drill<Kind: DrillKindModel>: ScreenModel, Equatable, Sendable {
  /// Where the drill is, each stage with what only it has.
  public enum Stage: Equatable, Sendable {
    /// Made, its first lines not yet taken (`start`).
    case ready
    /// An item is up, on its clock; the kind says where in the item it stands.
    case item(DrillClock)
    /// Every item done: the summary is on the screen until a key closes it.
    case summary(Ending)
    /// Quit or stopped before the end.
    case ended(Ending)
  }

  /// What stands over the drill until the next key: the help, or "quit the drill?".
  public enum Overlay: Equatable, Sendable {
    case help, confirmQuit
  }

  public let info: DrillInfo
  /// The instant the drill began: the record's times are counted from it.
  public let started: Instant
  public private(set) var kind: Kind
  public private(set) var stage = Stage.ready
  /// The item up, from 0.
  public private(set) var index = 0
  public private(set) var overlay: Overlay?

  public init(info: DrillInfo, _ kind: Kind, at now: Instant) {
    self.info = info
    self.kind = kind
    started = now
  }

  /// The kind's own state, as if it were the drill's: `drill.fields`, `drill.rounds`.
  public subscript<Value>(dynamicMember path: KeyPath<Kind, Value>) -> Value {
    kind[keyPath: path]
  }

  /// How the drill ended, once it has.
  public var ending: Ending? {
    switch stage {
    case .ready, .item: nil
    case .summary(let ending), .ended(let ending): ending
    }
  }

  public var isSummary: Bool {
    if case .summary = stage { true } else { false }
  }

  /// The current item's time so far: its clock's (up to the limit, for a kind whose items end
  /// there), standing still once the item is over.
  public func elapsed(at now: Instant) -> Millis {
    if let time = kind.itemTime { return time }
    guard case .item(let clock) = stage else { return 0 }
    let elapsed = clock.elapsed(at: now)
    return Kind.endsAtLimit ? min(elapsed, info.limit) : elapsed
  }

  /// The drill's first lines: it began, and the first item went up.
  public mutating func start() -> [Effect] {
    guard case .ready = stage else { return [] }
    stage = .item(DrillClock(at: started))
    let lines = [Record(t: 0, entry: .drillStarted(info))] + kind.show(moment(started))
    return lines.map(Effect.record)
      + [hook(.drillStarted, "\(info.drill.title): \(info.count) \(info.drill.items)")]
  }

  public mutating func update(_ input: Input, at now: Instant) -> [Effect] {
    let effects: [Effect]
    switch input {
    case .key(let key): effects = handle(key, at: now)
    case .time:
      timeUp(at: now)
      effects = []
    case .request(let request, let seq, let peer):
      timeUp(at: now)
      effects = kind.request(request, seq: seq, from: peer, moment(now))
    case .stop(let signal): effects = end(.abandoned, .signal(signal), at: now) + [.quit]
    case .suspend:
      if case .item(var clock) = stage {
        clock.stepAway(at: now)
        stage = .item(clock)
      }
      overlay = nil
      effects = [.stepAway]
    case .continued:
      if case .item(var clock) = stage {
        clock.back(at: now)
        stage = .item(clock)
      }
      effects = [.redraw]
    case .resize, .viewport, .slept, .peers, .message, .hungUp, .recordBehind, .hookFinished,
      .notice:
      effects = []
    }
    // The hooks come after what the input did, as the lines they tell of are written first.
    return effects.filter { !$0.isHook } + effects.filter(\.isHook)
  }

  /// The next second on the item's clock, or its limit when that ends it; nil once it is over.
  public func nextWake(after now: Instant) -> Instant? {
    guard case .item(let clock) = stage, kind.itemTime == nil else { return nil }
    let second = clock.nextSecond(after: now)
    guard Kind.endsAtLimit else { return second }
    let end = now + max(0, info.limit - clock.elapsed(at: now))
    return [second, end].compactMap { $0 }.min()
  }

  /// Below this a drill's screen only asks for more room.
  static var minimum: Size { Size(width: 30, height: 8) }

  public func render(size: Size, at now: Instant, colors: Bool) -> Frame {
    if size.width < Self.minimum.width || size.height < Self.minimum.height {
      var frame = Frame(size: size)
      TooSmall.draw(into: &frame, minimum: Self.minimum)
      return frame
    }
    return Kind.render(self, at: now, size: size)
  }

  // MARK: - Keys

  private mutating func handle(_ key: Key, at now: Instant) -> [Effect] {
    timeUp(at: now)
    if let overlay {
      self.overlay = nil
      if overlay == .confirmQuit, key == .character("y") || key == .character("q") {
        return end(.abandoned, .quit, at: now) + [.quit]
      }
      return []
    }
    switch stage {
    case .ready, .ended: return []
    case .summary:
      if Kind.takesHelp, key == .character("?") {
        overlay = .help
        return []
      }
      let closes = [Key.character("q"), .enter, .character(" "), .escape]
      return closes.contains(key) ? [.quit] : []
    case .item:
      switch kind.key(key, moment(now)) {
      case .none: return []
      case .record(let lines): return lines.map(Effect.record)
      case .answered(let line, let heard):
        return [.record(line), hook(.drillAnswered, heard.text, heard.variables)]
      case .help:
        overlay = .help
        return []
      case .askQuit:
        overlay = .confirmQuit
        return []
      case .next: return next(at: now)
      }
    }
  }

  /// The next item goes up on a clock of its own, or after the last, the summary.
  private mutating func next(at now: Instant) -> [Effect] {
    guard index + 1 < kind.count else { return end(.finished, .completed, at: now) }
    index += 1
    stage = .item(DrillClock(at: now))
    return kind.show(moment(now)).map(Effect.record)
  }

  /// The last line, once: finished, the summary follows; abandoned, the drill is over.
  private mutating func end(_ outcome: Outcome, _ reason: EndReason, at now: Instant) -> [Effect] {
    guard case .item = stage else { return [] }
    let ending = Ending(outcome: outcome, reason: reason)
    stage = outcome == .finished ? .summary(ending) : .ended(ending)
    return [
      .record(Record(t: t(now), entry: .drillEnded(ending))),
      hook(.drillEnded, "drill \(ending.outcome.rawValue)"),
    ]
  }

  /// An item whose kind ends it at the limit ends once its clock gets there, whatever input
  /// comes first: the wake, a key or a request.
  private mutating func timeUp(at now: Instant) {
    guard Kind.endsAtLimit, case .item(let clock) = stage, kind.itemTime == nil,
      clock.elapsed(at: now) >= info.limit
    else { return }
    kind.timeUp(moment(now))
  }

  // MARK: - What the kind is told

  /// The record's time: from the drill's start.
  private func t(_ now: Instant) -> Millis { max(0, now - started) }

  private func moment(_ now: Instant) -> DrillMoment {
    let clock: Millis?
    if case .item(let running) = stage { clock = running.elapsed(at: now) } else { clock = nil }
    return DrillMoment(
      info: info, index: index, t: t(now), elapsed: elapsed(at: now), clock: clock,
      over: isSummary)
  }

  private func hook(_ event: HookEvent, _ text: String, _ more: [String: String] = [:]) -> Effect {
    var variables = ["SESSION": info.id, "DRILL": info.drill.rawValue, "TEXT": text]
    variables.merge(more) { $1 }
    return .hook(HookCall(event: event, variables: variables))
  }
}

/// What a kind of drill supplies to the frame: its items, what a key does to the one up, how
/// long it has taken, and its screen. A new kind is a type of this and its `DrillKind` case.
public protocol DrillKindModel: Equatable, Sendable {
  /// Which drill this is, as the record's first line names it.
  static var drill: DrillKind { get }
  /// Whether `?` opens the help (the numbers drill types it instead).
  static var takesHelp: Bool { get }
  /// Whether an item ends when its clock reaches the limit (a recovery round), rather than
  /// running on past it, late.
  static var endsAtLimit: Bool { get }
  /// How many items the drill has.
  var count: Int { get }
  /// Whether the drill listens for `mockroom ctl` (the partner recovery drill).
  var listens: Bool { get }
  /// What the shell says when the drill is over: `2 of 3 passed`.
  var tally: String { get }
  /// What is being typed, for the trace.
  var typed: String { get }
  /// Item `moment.index` goes up: its lines, if it has any.
  mutating func show(_ moment: DrillMoment) -> [Record]
  /// What a key does to the item up.
  mutating func key(_ key: Key, _ moment: DrillMoment) -> DrillMove
  /// The item's clock has reached the limit, for a kind whose items end there.
  mutating func timeUp(_ moment: DrillMoment)
  /// A request from `mockroom ctl`.
  mutating func request(
    _ request: Result<Request, ControlError>, seq: Int?, from peer: Peer, _ moment: DrillMoment
  ) -> [Effect]
  /// The item's time once it is over (answered, or the round ended); nil while its clock runs.
  var itemTime: Millis? { get }
  static func render(_ drill: Drill<Self>, at now: Instant, size: Size) -> Frame
}

extension DrillKindModel {
  public static var endsAtLimit: Bool { false }
  public var listens: Bool { false }
  public mutating func timeUp(_ moment: DrillMoment) {}
  public mutating func request(
    _ request: Result<Request, ControlError>, seq: Int?, from peer: Peer, _ moment: DrillMoment
  ) -> [Effect] { [] }
}

/// What the frame tells a kind with each input: the item, the record's time and the item's clock.
public struct DrillMoment: Equatable, Sendable {
  public var info: DrillInfo
  /// The item up, from 0.
  public var index: Int
  /// The record's time: since the drill began.
  public var t: Millis
  /// The item's time so far (`Drill.elapsed`).
  public var elapsed: Millis
  /// The item's clock as it stands, less time stepped away, past the limit too; nil once no
  /// item is up.
  public var clock: Millis?
  /// Every item is done: the summary is up.
  public var over: Bool
}

/// What a key did to a drill's item, for the frame to carry out.
public enum DrillMove: Equatable, Sendable {
  case none
  /// Lines to record; the item goes on.
  case record([Record])
  /// The item's answer: its line, and what the drill-answered hook says of it.
  case answered(Record, DrillHeard)
  case help
  case askQuit
  /// The item is done: the next one, or the summary.
  case next
}

/// What the drill-answered hook says of an answer: `TEXT`, `KIND` and `RESULT`.
public struct DrillHeard: Equatable, Sendable {
  public var text: String
  public var kind: String
  public var result: String

  var variables: [String: String] { ["KIND": kind, "RESULT": result] }
}

extension Effect {
  var isHook: Bool {
    if case .hook = self { true } else { false }
  }
}
