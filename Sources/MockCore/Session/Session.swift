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

  public init(
    id: String, title: String, program: String, prompt: String? = nil, seed: UInt64? = nil
  ) {
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
  /// Where the session is in its life.
  public enum Status: Equatable, Sendable {
    case ready, running, paused
    case ended(Ending)
  }

  public let info: SessionInfo
  public private(set) var plan: Plan
  /// The interjections and coaching cues planned for the session.
  public let schedule: Schedule
  /// The schedule's cues, worked out once.
  let cues: [Cue]
  /// Every banner shown so far, oldest first.
  public internal(set) var banners: [Banner] = []
  /// Cues that have fired, or whose point passed while their condition did not hold.
  var settled = Set<String>()
  /// Scheduled interjections that wait for the interviewer (all of them, in a partner session).
  public internal(set) var held = Set<String>()
  /// Scheduled interjections the interviewer dropped.
  public internal(set) var skipped = Set<String>()
  /// Time worked when the cues were last checked: a cue crossed before then was not due then
  /// (its point moved, with a budget), so it is not late.
  var checkedAt: Millis = 0
  /// Design and drill time at the last check-in (mark or reminder).
  var checkinBase: Millis = 0
  public private(set) var status: Status = .ready
  /// The phase being worked on now (the last one worked on, once ended).
  public private(set) var phase: Phase = .clarify
  /// The furthest phase the session has reached.
  public private(set) var furthest: Phase = .clarify

  private var startedAt: Instant?
  private var pausedTotal: Millis = 0
  private var pausedSince: Instant?
  private var endedAt: Instant?
  /// Active time each phase had in stints before the current one.
  private var banked = [Millis](repeating: 0, count: Phase.allCases.count)
  /// Active time when the current phase last became current.
  private var stintBegan: Millis = 0
  /// While stopped with Ctrl-Z: when, and whether the clock was running before.
  private var suspension: Suspension?

  private struct Suspension: Equatable, Sendable {
    var since: Instant
    var wasRunning: Bool
  }

  public init(info: SessionInfo, plan: Plan, schedule: Schedule = Schedule()) {
    self.info = info
    self.plan = plan
    self.schedule = schedule
    self.cues = schedule.cues
    if schedule.options.partner { held = Set(schedule.interjections.map(\.id)) }
  }

  // MARK: - Time

  /// Time worked: now − start − time paused. Stands still while paused and once ended.
  public func active(at now: Instant) -> Millis {
    guard let startedAt else { return 0 }
    let effectiveNow = endedAt ?? pausedSince ?? now
    return max(0, effectiveNow - startedAt - pausedTotal)
  }

  /// Time since the start, pauses included: the `t_ms` of records.
  public func sinceStart(at now: Instant) -> Millis {
    guard let startedAt else { return 0 }
    return max(0, (endedAt ?? now) - startedAt)
  }

  /// Time paused so far, including a pause still going on.
  public func paused(at now: Instant) -> Millis {
    guard let pausedSince else { return pausedTotal }
    return pausedTotal + max(0, (endedAt ?? now) - pausedSince)
  }

  /// Active time spent in `phase`, over every stint in it.
  public func elapsed(_ phase: Phase, at now: Instant) -> Millis {
    var total = banked[phase.rawValue]
    if phase == self.phase, isLive { total += active(at: now) - stintBegan }
    return total
  }

  /// Budget left in `phase`; negative once it has run over.
  public func remaining(_ phase: Phase, at now: Instant) -> Millis {
    plan[phase] - elapsed(phase, at: now)
  }

  /// How far `phase` has run past its budget; zero while within it.
  public func overrun(_ phase: Phase, at now: Instant) -> Millis {
    max(0, -remaining(phase, at: now))
  }

  /// Whether `phase` has used its whole budget.
  public func isOver(_ phase: Phase, at now: Instant) -> Bool {
    remaining(phase, at: now) <= 0
  }

  /// Plan length minus time worked; negative once the whole plan has run out.
  public func totalRemaining(at now: Instant) -> Millis { plan.total - active(at: now) }

  /// The running balance against the plan: positive when ahead, negative when behind.
  ///
  /// Phases already left count what they saved or lost; the current and later phases count only
  /// their overrun so far (time not yet used is not yet saved). So when design is 2:10 over, the
  /// balance is −2:10: the rest of the plan has 2:10 less.
  public func balance(at now: Instant) -> Millis {
    Phase.allCases.reduce(0) { sum, p in
      let left = remaining(p, at: now)
      return sum + (p < phase ? left : min(0, left))
    }
  }

  /// The next instant at which a displayed second changes, aligned to the session's own second
  /// boundaries; nil when time stands still (not started, paused, ended).
  public func nextSecond(after now: Instant) -> Instant? {
    guard status == .running, let startedAt else { return nil }
    let worked = active(at: now)
    return startedAt + pausedTotal + (worked / 1000 + 1) * 1000
  }

  var isLive: Bool { status == .running || status == .paused }

  // MARK: - Events

  /// Applies `event` at `now` and returns what the shell must do. Events that make no sense in
  /// the current state (pausing twice, going back from clarify) change nothing and return [].
  ///
  /// Cues are checked before the event (time has passed up to `now`) and after it (the event
  /// may have moved a cue's point, as a shorter budget does).
  ///
  /// `source` labels the records the event itself writes (not those of cues that came due).
  public mutating func handle(_ event: Event, at now: Instant, by source: Source? = nil)
    -> [Effect]
  {
    var effects = fireDueCues(at: now)
    var applied = apply(event, at: now)
    if let source {
      for index in applied.indices {
        if case .record(var line) = applied[index] {
          line.source = source
          applied[index] = .record(line)
        }
      }
    }
    // Every event that changes the session records it; one that recorded nothing moved no
    // cue's point, so the second check (once a second, for every tick) is skipped.
    if !applied.isEmpty { effects += applied + fireDueCues(at: now) }
    if effects.contains(where: \.isCueFired) { effects.append(.alert) }
    return effects
  }

  private mutating func apply(_ event: Event, at now: Instant) -> [Effect] {
    switch (event, status) {
    case (.start, .ready):
      startedAt = now
      status = .running
      return [
        record(.sessionStarted(info, plan, schedule), at: now),
        record(.phaseEntered(.clarify, via: .start), at: now),
      ]
    case (.next, .running), (.next, .paused):
      guard let next = phase.next else { return [] }
      return move(to: next, via: .next, at: now)
    case (.back, .running), (.back, .paused):
      guard let previous = phase.previous else { return [] }
      return move(to: previous, via: .back, at: now)
    case (.pause, .running):
      pausedSince = now
      status = .paused
      return [record(.paused, at: now)]
    case (.resume, .paused):
      guard suspension == nil else { return [] }
      return [record(.resumed(pausedFor: resumeClock(at: now)), at: now)]
    case (.adjustBudget(let delta), .running), (.adjustBudget(let delta), .paused):
      let old = plan[phase]
      // Shortening stops at one minute, but never lengthens a budget already below it.
      let new = min(DurationText.maximum, max(old + delta, min(old, .minutes(1))))
      guard new != old else { return [] }
      plan[phase] = new
      return [record(.budgetChanged(phase, from: old, to: new), at: now)]
    case (.finish(let reason), .running), (.finish(let reason), .paused):
      return end(Ending(outcome: .finished, reason: reason), at: now)
    case (.abort(let reason), .running), (.abort(let reason), .paused):
      return end(Ending(outcome: .abandoned, reason: reason), at: now)
    case (.abort(let reason), .ready):
      status = .ended(Ending(outcome: .abandoned, reason: reason))
      return []
    case (.acknowledge(let number), .running), (.acknowledge(let number), .paused):
      return acknowledge(number, at: now)
    case (.replan(let number), .running), (.replan(let number), .paused):
      return replan(number, at: now)
    case (.mark(let mark), .running), (.mark(let mark), .paused):
      var effects = [record(.marked(mark), at: now)]
      if mark == .checkin {
        checkinBase = focus(at: now)
        // Checking in is what a check-in banner asks for: it answers them.
        for banner in waiting where [.checkin, .checkinReminder].contains(banner.kind) {
          effects += acknowledge(banner.number, at: now)
        }
      }
      return effects
    case (.suspend, .running), (.suspend, .paused):
      guard suspension == nil else { return [] }
      suspension = Suspension(since: now, wasRunning: status == .running)
      if status == .running {
        pausedSince = now
        status = .paused
      }
      return [record(.suspended, at: now)]
    case (.continue, .paused):
      guard let suspension else { return [] }
      self.suspension = nil
      if suspension.wasRunning { _ = resumeClock(at: now) }
      return [record(.continued(stoppedFor: max(0, now - suspension.since)), at: now)]
    case (.slept(let gap), .running), (.slept(let gap), .paused):
      return [record(.slept(gap), at: now)]
    case (.fire(let cue, let kind, let text), .running),
      (.fire(let cue, let kind, let text), .paused):
      return fire(cue, kind: kind, text: text, at: now)
    case (.hold(let cue), .running), (.hold(let cue), .paused):
      guard canSteer(cue), !held.contains(cue) else { return [] }
      held.insert(cue)
      return [record(.held(cue: cue), at: now)]
    case (.release(let cue), .running), (.release(let cue), .paused):
      guard canSteer(cue), held.contains(cue) else { return [] }
      held.remove(cue)
      return [record(.released(cue: cue), at: now)]
    case (.skip(let cue), .running), (.skip(let cue), .paused):
      guard canSteer(cue) else { return [] }
      settled.insert(cue)
      skipped.insert(cue)
      held.remove(cue)
      return [record(.skipped(cue: cue), at: now)]
    case (.note(let text), .running), (.note(let text), .paused):
      return [record(.note(text), at: now)]
    default:
      return []
    }
  }

  /// Ends a pause at `now`; returns how long it lasted.
  private mutating func resumeClock(at now: Instant) -> Millis {
    let pausedFor = max(0, now - (pausedSince ?? now))
    pausedTotal += pausedFor
    pausedSince = nil
    status = .running
    return pausedFor
  }

  private mutating func move(to target: Phase, via move: PhaseMove, at now: Instant) -> [Effect] {
    let left = leaveCurrentPhase(at: now)
    for index in banners.indices where banners[index].phase == phase && banners[index].isWaiting {
      banners[index].retired = true
    }
    phase = target
    furthest = max(furthest, target)
    return [left, record(.phaseEntered(target, via: move), at: now)]
  }

  private mutating func leaveCurrentPhase(at now: Instant) -> Effect {
    let spent = elapsed(phase, at: now)
    banked[phase.rawValue] = spent
    stintBegan = active(at: now)
    return record(.phaseLeft(phase, elapsed: spent, budget: plan[phase]), at: now)
  }

  private mutating func end(_ ending: Ending, at now: Instant) -> [Effect] {
    let left = leaveCurrentPhase(at: now)
    if let pausedSince {
      pausedTotal += max(0, now - pausedSince)
      self.pausedSince = nil
    }
    endedAt = now
    status = .ended(ending)
    return [left, record(.sessionEnded(ending, active: active(at: now)), at: now)]
  }

  func record(_ entry: Record.Entry, at now: Instant) -> Effect {
    .record(Record(t: sinceStart(at: now), entry: entry))
  }
}
