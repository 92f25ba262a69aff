/// The candidate's program from the first second to the last: the session room, then (for a
/// session seen through) the debrief, then (with an interviewer attached) the wait for their
/// scores. The session's control socket is answered all along.
public struct Interview: ScreenModel, Equatable, Sendable {
  /// The screen showing now.
  public enum Scene: Equatable, Sendable {
    case room
    case debrief(DebriefForm)
    case waiting(Waiting)
  }

  public private(set) var room: Room
  public private(set) var scene: Scene = .room
  /// What the interviewer may see and fire.
  public let material: Material
  /// Whether an interviewer's scores arrived.
  public private(set) var interviewerScored = false
  /// The signal that ended the session, if one did.
  public private(set) var stoppedBy: String?
  private var consoles = 0
  private var watchers = false
  /// Something changed since the last state pushed to watchers.
  private var changed = true
  private var lastPush: Instant?
  /// The moments the hooks hear of.
  private var hooks = HookWatch()

  public init(room: Room, material: Material) {
    self.room = room
    self.material = material
  }

  /// Starts the session's clock: the first thing the shell does.
  public mutating func start(at now: Instant) -> [Effect] {
    let effects = room.start(at: now)
    return noted(effects + hooks.calls(after: effects, in: room.session, at: now))
  }

  public mutating func update(_ input: Input, at now: Instant) -> [Effect] {
    var effects: [Effect]
    switch input {
    case .request(let request, let seq, let peer):
      effects = answer(request, seq: seq, from: peer, at: now)
    case .peers(let consoles, let watchers):
      self.consoles = consoles
      self.watchers = watchers
      changed = true
      effects = room.update(input, at: now)
      if case .waiting = scene, !stillWaiting { effects.append(.quit) }
    case .recordBehind:
      effects = room.update(input, at: now)
    case .hookFinished(let result):
      effects = hookFinished(result, at: now)
    default:
      switch scene {
      case .room:
        if case .stop(let name) = input { stoppedBy = stoppedBy ?? name }
        effects = afterRoom(room.update(input, at: now))
      case .debrief(var form):
        effects = debrief(&form, input, at: now)
      case .waiting:
        effects = waiting(input)
      }
    }
    // The hooks hear of it before the program may quit, so that one that cannot start is said.
    let calls = hooks.calls(after: effects, in: room.session, at: now)
    effects.insert(contentsOf: calls, at: effects.firstIndex(of: .quit) ?? effects.endIndex)
    effects = noted(effects)
    if case .time = input { effects += pushState(at: now) }
    return effects
  }

  public func render(size: Size, at now: Instant, colors: Bool) -> Frame {
    switch scene {
    case .room: room.render(size: size, at: now, colors: colors)
    case .debrief(let form): form.render(size: size, at: now, colors: colors)
    case .waiting(let waiting): waiting.render(size: size)
    }
  }

  public func nextWake(after now: Instant) -> Instant? {
    guard case .room = scene else { return nil }
    return [room.nextWake(after: now), hooks.nextWake(room.session, after: now)]
      .compactMap { $0 }.min()
  }

  /// A hook that failed is a line in the record and, while the session runs, a notice.
  private mutating func hookFinished(_ result: HookResult, at now: Instant) -> [Effect] {
    guard result.failed else { return [] }
    if case .room = scene { room.say("hook \(result.event.rawValue): \(result.why)", at: now) }
    let t = room.session.sinceStart(at: now)
    return [.record(Record(t: t, entry: .hookFailed(result.failure)))]
  }

  // MARK: - Moving on

  private var stillWaiting: Bool { consoles > 0 && !interviewerScored }

  /// The room quits when the session ends. A session seen through is debriefed; then, with an
  /// interviewer attached, their scores are waited for. A signal ends the program at once.
  private mutating func afterRoom(_ effects: [Effect]) -> [Effect] {
    guard effects.contains(.quit) else { return effects }
    var next = effects.filter { $0 != .quit }
    if stoppedBy != nil { return next + [.quit] }
    if case .ended(let ending) = room.session.status, ending.outcome == .finished {
      scene = .debrief(DebriefForm(ended: room.session))
      return next + [.redraw]
    }
    next += wait()
    return next
  }

  private mutating func wait() -> [Effect] {
    guard stillWaiting else { return [.quit] }
    scene = .waiting(Waiting())
    return [.redraw]
  }

  private mutating func debrief(_ form: inout DebriefForm, _ input: Input, at now: Instant)
    -> [Effect]
  {
    switch input {
    case .key(let key):
      form.handle(key)
      scene = .debrief(form)
      switch form.result {
      case nil: return []
      case .skipped: return wait()
      case .saved(let said):
        // Dated at the session's end, as the record's last line is.
        let t = room.session.sinceStart(at: now)
        return [.record(Record(t: t, entry: .debrief(said), source: .candidate))] + wait()
      }
    // The session is over and saved: a signal only ends the program, with nothing more saved.
    case .stop: return [.quit]
    case .suspend: return [.stepAway]
    case .resize, .viewport, .time, .slept, .continued, .request, .peers, .message, .hungUp,
      .recordBehind, .hookFinished, .notice:
      return []
    }
  }

  private mutating func waiting(_ input: Input) -> [Effect] {
    switch input {
    case .key, .stop: return [.quit]
    case .suspend: return [.stepAway]
    case .resize, .viewport, .time, .slept, .continued, .request, .peers, .message, .hungUp,
      .recordBehind, .hookFinished, .notice:
      return []
    }
  }

  /// Notes that watchers have something new when a line was recorded.
  private mutating func noted(_ effects: [Effect]) -> [Effect] {
    if effects.contains(where: { if case .record = $0 { true } else { false } }) { changed = true }
    return effects
  }

  // MARK: - The control socket

  private mutating func answer(
    _ arrival: Result<Request, ControlError>, seq: Int?, from peer: Peer, at now: Instant
  ) -> [Effect] {
    let request: Request
    switch arrival {
    case .failure(let error): return [.reply(.error(error, seq: seq), to: peer.id)]
    case .success(let read): request = read
    }
    switch request {
    case .hello(let role, _):
      changed = true
      let welcome = ControlMessage.Welcome(
        seq: seq, role: role, material: material, records: [], state: state(at: now, seq: nil))
      return [.welcome(welcome, to: peer.id)]
    case .status:
      return [.reply(.state(state(at: now, seq: seq)), to: peer.id)]
    default:
      let steered: Room.Steered
      do {
        steered = try room.steer(request, by: peer.source, material: material, at: now)
      } catch {
        return [.reply(.error(error, seq: seq), to: peer.id)]
      }
      if case .debrief = request { interviewerScored = true }
      var effects = steered.effects
      if case .room = scene { effects = afterRoom(effects) }
      effects.append(.reply(.ok(op: request.op, seq: seq, banner: steered.banner), to: peer.id))
      if case .waiting = scene, !stillWaiting { effects.append(.quit) }
      return effects
    }
  }

  private func state(at now: Instant, seq: Int?) -> ControlState {
    var state = ControlState(room.session, at: now, consoles: consoles)
    state.seq = seq
    return state
  }

  /// The state for watchers when it changed, and about once a second as time passes.
  private mutating func pushState(at now: Instant) -> [Effect] {
    guard watchers else { return [] }
    let due = lastPush.map { now - $0 >= 1000 } ?? true
    guard changed || (due && room.session.status == .running) else { return [] }
    changed = false
    lastPush = now
    return [.broadcast(.state(state(at: now, seq: nil)))]
  }
}

extension [Effect] {
  /// The lines among these effects, in order.
  public var recorded: [Record] {
    compactMap { if case .record(let record) = $0 { record } else { nil } }
  }
}
