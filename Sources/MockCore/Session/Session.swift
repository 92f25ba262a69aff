/// What a session is about, fixed when it is created.
public struct SessionInfo: Equatable, Hashable, Sendable {
  /// Sorts by time and says what it is: `20261121-143005-practice`.
  public var id: String
  /// The prompt's title, shown at the top of the screen.
  public var title: String
  /// The version of mockroom that ran the session.
  public var program: String
  /// The id of the prompt practised, if the session had one.
  public var prompt: String?
  /// The seed of the session's random choices (the prompt, the interjections' places).
  public var seed: UInt64?
  /// Who interviews, in a partner mock (`run --partner --interviewer NAME`).
  public var interviewer: String?

  public init(
    id: String, title: String, program: String, prompt: String? = nil, seed: UInt64? = nil,
    interviewer: String? = nil
  ) {
    self.interviewer = interviewer
    self.id = id
    self.title = title
    self.program = program
    self.prompt = prompt
    self.seed = seed
  }
}

/// A timed mock interview: five phases against a plan. A value, changed only by `handle`.
///
/// Why time is not counted in ticks: a tick can come late, twice or not at all (a busy machine,
/// a stopped process), and a clock that adds up ticks drifts. Here every figure is derived from
/// the instant handed in: active time = now − start − time paused. Ticks only decide when the
/// screen is repainted.
public struct Session: Equatable, Sendable {
  /// Where the session is in its life, as screens and the protocol tell it. A stop with Ctrl-Z
  /// reads as paused: the clock stands still either way.
  public enum Status: Equatable, Sendable {
    case ready, running, paused
    case ended(Ending)
  }

  /// The clock of a started session: when it started, and the time paused in pauses that are
  /// over.
  struct Clock: Equatable, Sendable {
    var startedAt: Instant
    var pausedTotal: Millis = 0
  }

  /// What the session was doing when Ctrl-Z stopped it.
  enum Before: Equatable, Sendable {
    case running
    case paused(since: Instant)
  }

  /// Where the session is, with what only that stage has: nothing else can be out of step.
  enum Stage: Equatable, Sendable {
    case ready
    case running(Clock)
    case paused(Clock, since: Instant)
    /// Stopped with Ctrl-Z at `since`; the stop counts as a pause.
    case suspended(Clock, since: Instant, from: Before)
    case ended(Clock, at: Instant, Ending)
  }

  public let info: SessionInfo
  public private(set) var plan: Plan
  /// The interjections and coaching cues planned for the session.
  public let schedule: Schedule
  /// The schedule's cues, worked out once.
  let cues: [Cue]
  /// Every banner shown so far, oldest first.
  public internal(set) var banners: [Banner] = []
  /// What has become of each cue: pending, held for the interviewer (every interjection, in a
  /// partner session), fired, skipped or lapsed.
  public internal(set) var book = CueBook()
  /// Time worked when the cues were last checked: a cue crossed before then was not due then
  /// (its point moved, with a budget), so it is not late.
  var checkedAt: Millis = 0
  /// Design and drill time at the last check-in (mark or reminder).
  var checkinBase: Millis = 0
  /// Worked time of each check-in that counted towards the target (`--checkins`).
  public private(set) var checkins: [Millis] = []
  /// Rebuilt from a record: banners go up as the record says, never by the cue rules.
  var followsRecord = false
  private(set) var stage: Stage = .ready
  /// The phase being worked on now (the last one worked on, once ended).
  public private(set) var phase: Phase = .clarify
  /// The furthest phase the session has reached.
  public private(set) var furthest: Phase = .clarify

  /// Active time each phase had in stints before the current one.
  private(set) var banked = [Millis](repeating: 0, count: Phase.allCases.count)
  /// Active time when the current phase last became current.
  private(set) var stintBegan: Millis = 0

  public init(info: SessionInfo, plan: Plan, schedule: Schedule = Schedule()) {
    self.info = info
    self.plan = plan
    self.schedule = schedule
    self.cues = schedule.cues
    if schedule.options.partner {
      for cue in schedule.interjections.map(\.id) + hostileIDs { book[cue] = .held }
    }
  }

  public var status: Status {
    switch stage {
    case .ready: .ready
    case .running: .running
    case .paused, .suspended: .paused
    case .ended(_, _, let ending): .ended(ending)
    }
  }

  /// Whether the session is stopped with Ctrl-Z.
  public var isSuspended: Bool {
    if case .suspended = stage { return true }
    return false
  }

  // MARK: - Events

  /// Applies `event` at `now`. What the event itself recorded comes apart from the cues that
  /// came due with it, and an event that makes no sense now (pausing twice, going back from
  /// clarify) changes nothing and says why.
  ///
  /// Cues are checked before the event (time has passed up to `now`) and after it (the event
  /// may have moved a cue's point, as a shorter budget does).
  ///
  /// `source` labels the records the event itself writes (not those of cues that came due).
  public mutating func handle(_ event: Event, at now: Instant, by source: Source? = nil)
    -> Handled
  {
    var outcome = Handled(dueFirst: fireDueCues(at: now))
    switch apply(event, at: now) {
    case .success(let records):
      outcome.applied = records.map { record in
        var record = record
        if let source { record.source = source }
        return record
      }
      // Every event that changes the session records it; one that recorded nothing moved no
      // cue's point, so the second check (once a second, for every tick) is skipped.
      if !records.isEmpty { outcome.dueAfter = fireDueCues(at: now) }
    case .failure(let refusal):
      outcome.refusal = refusal
    }
    return outcome
  }

  /// What the event itself did, or why it did nothing. Every (event, stage) pair is written
  /// out: a new event or stage does not compile until it is decided here.
  private mutating func apply(_ event: Event, at now: Instant) -> Result<[Record], Refusal> {
    switch event {
    case .tick:
      // Time passing is not a request: the cues it brought due are the whole of it.
      return .success([])
    case .start:
      switch stage {
      case .ready:
        stage = .running(Clock(startedAt: now))
        return .success([
          record(.sessionStarted(info, plan, schedule), at: now),
          record(.phaseEntered(.clarify, via: .start), at: now),
        ])
      case .running, .paused, .suspended: return .failure(.started)
      case .ended: return .failure(.ended)
      }
    case .abort(let reason) where stage == .ready:
      // Nothing was recorded, so nothing is to close: the session is simply over.
      stage = .ended(Clock(startedAt: now), at: now, Ending(outcome: .abandoned, reason: reason))
      return .success([])
    case .suspend:
      switch stage {
      case .running(let clock):
        stage = .suspended(clock, since: now, from: .running)
      case .paused(let clock, let since):
        stage = .suspended(clock, since: now, from: .paused(since: since))
      case .ready: return .failure(.notStarted)
      case .suspended: return .failure(.suspended)
      case .ended: return .failure(.ended)
      }
      return .success([record(.suspended, at: now)])
    case .continue:
      switch stage {
      case .suspended(var clock, let since, let before):
        switch before {
        case .running:
          clock.pausedTotal += max(0, now - since)
          stage = .running(clock)
        case .paused(let pausedSince):
          stage = .paused(clock, since: pausedSince)
        }
        return .success([record(.continued(stoppedFor: max(0, now - since)), at: now)])
      case .ready: return .failure(.notStarted)
      case .running, .paused: return .failure(.notSuspended)
      case .ended: return .failure(.ended)
      }
    case .pause:
      switch stage {
      case .running(let clock):
        stage = .paused(clock, since: now)
        return .success([record(.paused, at: now)])
      case .ready: return .failure(.notStarted)
      case .paused: return .failure(.paused)
      case .suspended: return .failure(.suspended)
      case .ended: return .failure(.ended)
      }
    case .resume:
      switch stage {
      case .paused(var clock, let since):
        let pausedFor = max(0, now - since)
        clock.pausedTotal += pausedFor
        stage = .running(clock)
        return .success([record(.resumed(pausedFor: pausedFor), at: now)])
      case .ready: return .failure(.notStarted)
      case .running: return .failure(.notPaused)
      case .suspended: return .failure(.suspended)
      case .ended: return .failure(.ended)
      }
    case .next:
      if let refusal = refusalUnlessLive { return .failure(refusal) }
      guard let next = phase.next else { return .failure(.lastPhase) }
      return .success(move(to: next, via: .next, at: now))
    case .back:
      if let refusal = refusalUnlessLive { return .failure(refusal) }
      guard let previous = phase.previous else { return .failure(.firstPhase) }
      return .success(move(to: previous, via: .back, at: now))
    case .adjustBudget(let delta):
      if let refusal = refusalUnlessLive { return .failure(refusal) }
      let old = plan[phase]
      // Shortening stops at one minute, but never lengthens a budget already below it.
      let new = min(DurationText.maximum, max(old + delta, min(old, .minutes(1))))
      guard new != old else { return .failure(.budgetLimit) }
      plan[phase] = new
      return .success([record(.budgetChanged(phase, from: old, to: new), at: now)])
    case .rebalance(let moved):
      if let refusal = refusalUnlessLive { return .failure(refusal) }
      // The next phase not yet reached: time already spent cannot be handed back.
      guard let other = Phase.allCases.first(where: { $0 > phase && $0 > furthest }) else {
        return .failure(.noLaterPhase)
      }
      let floor = Millis.minutes(1)
      guard moved != 0, plan[other] - moved >= floor, plan[phase] + moved >= floor else {
        return .failure(.budgetLimit)
      }
      plan[phase] += moved
      plan[other] -= moved
      return .success([record(.rebalanced(phase, other: other, moved: moved), at: now)])
    case .finish(let reason):
      if let refusal = refusalUnlessLive { return .failure(refusal) }
      return .success(end(Ending(outcome: .finished, reason: reason), at: now))
    case .abort(let reason):
      if let refusal = refusalUnlessLive { return .failure(refusal) }
      return .success(end(Ending(outcome: .abandoned, reason: reason), at: now))
    case .acknowledge(let number):
      if let refusal = refusalUnlessLive { return .failure(refusal) }
      return done(acknowledge(number, at: now), else: .noBanner)
    case .replan(let number):
      if let refusal = refusalUnlessLive { return .failure(refusal) }
      return done(replan(number, at: now), else: .noPivot)
    case .mark(let mark):
      if let refusal = refusalUnlessLive { return .failure(refusal) }
      var records = [record(.marked(mark), at: now)]
      if mark == .checkin {
        if let target = schedule.options.checkinTarget {
          let worked = active(at: now)
          if checkins.last.map({ worked - $0 >= schedule.options.checkinSpacing }) ?? true {
            checkins.append(worked)
            records.append(
              record(
                .checkinCounted(number: checkins.count, target: target, worked: worked), at: now))
          }
        }
        checkinBase = focus(at: now)
        // Checking in is what a check-in banner asks for: it answers them.
        for banner in onScreen where [.checkin, .checkinReminder].contains(banner.kind) {
          records += acknowledge(banner.number, at: now)
        }
      }
      return .success(records)
    case .slept(let gap):
      if let refusal = refusalUnlessLive { return .failure(refusal) }
      return .success([record(.slept(gap), at: now)])
    case .fire(let cue, let kind, let text):
      if let refusal = refusalUnlessLive { return .failure(refusal) }
      return done(fire(cue, kind: kind, text: text, at: now), else: .fired)
    case .hold(let cue):
      if let refusal = refusalUnlessLive { return .failure(refusal) }
      guard canSteer(cue) else { return .failure(.notSteerable) }
      guard book[cue] != .held else { return .failure(.held) }
      book[cue] = .held
      return .success([record(.held(cue: cue), at: now)])
    case .release(let cue):
      if let refusal = refusalUnlessLive { return .failure(refusal) }
      guard canSteer(cue) else { return .failure(.notSteerable) }
      guard book[cue] == .held else { return .failure(.notHeld) }
      book[cue] = .pending
      return .success([record(.released(cue: cue), at: now)])
    case .skip(let cue):
      if let refusal = refusalUnlessLive { return .failure(refusal) }
      guard canSteer(cue) else { return .failure(.notSteerable) }
      book[cue] = .skipped
      return .success([record(.skipped(cue: cue), at: now)])
    case .note(let text):
      if let refusal = refusalUnlessLive { return .failure(refusal) }
      return .success([record(.note(text), at: now)])
    case .answer(let number, let answer):
      if let refusal = refusalUnlessLive { return .failure(refusal) }
      return done(self.answer(number, answer, at: now), else: .noPushback)
    }
  }

  /// Why an event that needs a session under way cannot apply now; nil while it is.
  private var refusalUnlessLive: Refusal? {
    switch stage {
    case .ready: .notStarted
    case .ended: .ended
    case .running, .paused, .suspended: nil
    }
  }

  private func done(_ records: [Record], else refusal: Refusal) -> Result<[Record], Refusal> {
    records.isEmpty ? .failure(refusal) : .success(records)
  }

  private mutating func move(to target: Phase, via move: PhaseMove, at now: Instant) -> [Record] {
    let left = leaveCurrentPhase(at: now)
    let t = sinceStart(at: now)
    for index in banners.indices where banners[index].isOnScreen {
      // A phase-bound banner goes with its phase; one about a phase not yet begun goes once
      // it begins ("drill late" in the drill, "close now" in ops).
      let awaited = banners[index].kind.awaits.map { target >= $0 } ?? false
      if banners[index].phase == phase || awaited { banners[index].fate = .retired(at: t) }
    }
    phase = target
    furthest = max(furthest, target)
    return [left, record(.phaseEntered(target, via: move), at: now)]
  }

  private mutating func leaveCurrentPhase(at now: Instant) -> Record {
    let spent = elapsed(phase, at: now)
    banked[phase.rawValue] = spent
    stintBegan = active(at: now)
    return record(.phaseLeft(phase, elapsed: spent, budget: plan[phase]), at: now)
  }

  private mutating func end(_ ending: Ending, at now: Instant) -> [Record] {
    let left = leaveCurrentPhase(at: now)
    // Called only while live, where there is a clock; a pause (or stop) going on ends with
    // the session.
    guard case (var clock, let frozenAt)? = clock else { return [] }
    if let frozenAt { clock.pausedTotal += max(0, now - frozenAt) }
    stage = .ended(clock, at: now, ending)
    return [left, record(.sessionEnded(ending, active: active(at: now)), at: now)]
  }

  func record(_ entry: Record.Entry, at now: Instant) -> Record {
    Record(t: sinceStart(at: now), entry: entry)
  }
}
