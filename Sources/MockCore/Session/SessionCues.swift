extension Session {
  /// Banners still on screen, newest first.
  public var onScreen: [Banner] { banners.reversed().filter(\.isOnScreen) }

  /// The latest pivot not yet marked re-planned: what `r` applies to.
  public var pivotToReplan: Banner? {
    banners.last { $0.kind == .pivot && $0.replannedAt == nil }
  }

  /// Time worked in design and drill together: what the check-in reminder counts.
  func focus(at now: Instant) -> Millis {
    elapsed(.design, at: now) + elapsed(.drill, at: now)
  }

  /// How much more time must be worked before `trigger` is reached: zero or less once it has
  /// been (by that much); nil when working on cannot reach it (its phase is not current).
  func dueIn(_ trigger: Trigger, at now: Instant) -> Millis? {
    let worked = active(at: now)
    func into(_ phase: Phase, _ point: Millis) -> Millis? {
      let left = point - elapsed(phase, at: now)
      return phase == self.phase || left <= 0 ? left : nil
    }
    switch trigger {
    case .phaseStart(let phase, let plus): return plan.start(of: phase) + plus - worked
    case .intoPhase(let phase, let point): return into(phase, point)
    case .phaseRemaining(let phase, let left): return into(phase, plan[phase] - left)
    case .sessionRemaining(let left): return plan.total - left - worked
    case .focusWithoutCheckin(let every):
      guard phase == .design || phase == .drill else { return nil }
      return checkinBase + every - focus(at: now)
    case .worked(let point): return point - worked
    }
  }

  private func holds(_ condition: Condition) -> Bool {
    switch condition {
    case .notReached(let target): furthest < target
    case .budgetAbove(let phase, let length): plan[phase] > length
    case .planAbove(let length): plan.total > length
    }
  }

  /// The next instant a cue comes due if the clock keeps running; nil when none can.
  public func nextCue(after now: Instant) -> Instant? {
    guard status == .running else { return nil }
    return cues.lazy.filter { self.book[$0.id] == .pending }
      .compactMap { self.dueIn($0.trigger, at: now) }
      .filter { $0 > 0 }
      .min()
      .map { now + $0 }
  }

  /// Fires every cue whose point has been reached, once each, in the order the points were
  /// crossed (ties in schedule order). A cue crossed well before `now` (the process was frozen)
  /// says how late it came.
  mutating func fireDueCues(at now: Instant) -> [Record] {
    guard isLive, !followsRecord else { return [] }
    let worked = active(at: now)
    var due: [(point: Millis, order: Int, cue: Cue)] = []
    for (order, cue) in cues.enumerated() where book[cue.id] == .pending {
      guard let left = dueIn(cue.trigger, at: now), left <= 0 else { continue }
      due.append((max(worked + left, checkedAt), order, cue))
    }
    checkedAt = worked
    due.sort { ($0.point, $0.order) < ($1.point, $1.order) }
    var fired: [Record] = []
    for (point, _, cue) in due {
      let repeats: Bool
      if case .focusWithoutCheckin = cue.trigger {
        // Repeats: the next reminder counts from this one, and the cue stays pending.
        checkinBase = focus(at: now)
        repeats = true
      } else {
        repeats = false
      }
      guard cue.conditions.allSatisfy(holds) else {
        if !repeats { book[cue.id] = .lapsed }
        continue
      }
      let late = worked - point
      var banner = Banner(
        number: banners.count + 1, cue: cue.id, kind: cue.kind,
        text: cue.text ?? hostileWords(cue.id), phase: cue.boundTo, shownAt: sinceStart(at: now),
        late: late >= Schedule.lateAfter ? late : nil)
      if cue.kind == .lastStretch { banner.questions = schedule.options.questions }
      if !repeats { book[cue.id] = .fired(banner: banner.number) }
      banners.append(banner)
      fired.append(record(.cueFired(banner), at: now))
    }
    return fired
  }

  /// The words of a hostile pushback landing now: the current phase's next line. Nil for any
  /// other cue.
  func hostileWords(_ cue: String) -> String? {
    guard Hostile.isHostile(cue), let hostile = schedule.options.hostile else { return nil }
    return hostile.words(in: phase, after: hostileCount(in: phase)).text
  }

  /// Hostile pushbacks already shown with the words of `phase`.
  func hostileCount(in phase: Phase) -> Int {
    let words = Set((schedule.options.hostile?.lines[phase] ?? []).map(\.text))
    return banners.filter { Hostile.isHostile($0.cue) && words.contains($0.text ?? "") }.count
  }

  /// Whether `cue` is a scheduled interjection that has not yet fired or been skipped: one the
  /// interviewer can still hold, release or skip.
  func canSteer(_ cue: String) -> Bool {
    (schedule.interjections.contains { $0.id == cue } || hostileIDs.contains(cue))
      && book[cue].isOpen
  }

  /// The ids of the hostile pushbacks, in order.
  var hostileIDs: [String] {
    (schedule.options.hostile?.times.indices).map { $0.map { Hostile.id($0 + 1) } } ?? []
  }

  /// The banner a deck entry put up, if it has fired.
  public func banner(of cue: String) -> Banner? {
    banners.first { $0.cue == cue }
  }

  /// Throws in an interjection now. A deck entry fires once: a second fire of the same id does
  /// nothing. A scheduled one is settled, so it does not fire again at its time.
  mutating func fire(_ cue: String?, kind: CueKind, text: String, at now: Instant) -> [Record] {
    let id = cue ?? Self.customID(banners.filter { $0.cue.hasPrefix(Self.customPrefix) }.count + 1)
    guard banner(of: id) == nil else { return [] }
    let banner = Banner(
      number: banners.count + 1, cue: id, kind: kind, text: text, shownAt: sinceStart(at: now))
    book[id] = .fired(banner: banner.number)
    banners.append(banner)
    return [record(.cueFired(banner), at: now)]
  }

  /// A banner as a record says it went up: how a session that follows its record shows it.
  mutating func restore(_ banner: Banner, at now: Instant) {
    banners.append(banner)
    if banner.kind == .checkinReminder {
      // Repeats: the next reminder counts from this one, and the cue stays pending.
      book[banner.cue] = .pending
      checkinBase = focus(at: now)
    } else {
      book[banner.cue] = .fired(banner: banner.number)
    }
  }

  /// Interjections the interviewer writes themselves are named `custom-1`, `custom-2`…
  public static let customPrefix = "custom-"
  static func customID(_ n: Int) -> String { "\(customPrefix)\(n)" }

  /// Where each scheduled interjection stands, in schedule order.
  public func deck(at now: Instant) -> [DeckItem] {
    schedule.interjections.map { placed in
      DeckItem(
        placed: placed, state: DeckItem.State(book[placed.id]),
        dueIn: dueIn(.intoPhase(placed.phase, placed.at), at: now))
    } + hostileDeck(at: now)
  }

  /// The hostile pushbacks as the interviewer's deck lists them: worded for the phase now,
  /// due at their point of worked time.
  private func hostileDeck(at now: Instant) -> [DeckItem] {
    guard let hostile = schedule.options.hostile else { return [] }
    var earlier = hostileCount(in: phase)
    return hostile.times.enumerated().map { index, at in
      let id = Hostile.id(index + 1)
      let state = DeckItem.State(book[id])
      let text: String
      if let banner = banner(of: id) {
        text = banner.text ?? ""
      } else {
        text = hostile.words(in: phase, after: earlier).text
        if state != .skipped { earlier += 1 }
      }
      let placed = Schedule.Placed(id: id, kind: .pushback, text: text, phase: phase, at: at)
      return DeckItem(placed: placed, state: state, dueIn: dueIn(.worked(at), at: now))
    }
  }

  mutating func acknowledge(_ number: Int?, at now: Instant) -> [Record] {
    guard let index = index(of: number ?? onScreen.first?.number), banners[index].isOnScreen else {
      return []
    }
    let t = sinceStart(at: now)
    banners[index].fate = .acknowledged(at: t)
    let banner = banners[index]
    return [
      record(
        .acknowledged(
          banner: banner.number, cue: banner.cue, kind: banner.kind, after: t - banner.shownAt),
        at: now)
    ]
  }

  /// The newest pushback not yet answered: what the answer keys apply to.
  public var pushbackToAnswer: Banner? {
    banners.last {
      $0.kind == .pushback && $0.answer == nil && ($0.isOnScreen || Hostile.isHostile($0.cue))
    }
  }

  /// Records how the candidate answered a pushback, acknowledging it first if it is still up.
  mutating func answer(_ number: Int?, _ answer: PushbackAnswer, at now: Instant) -> [Record] {
    guard let index = index(of: number ?? pushbackToAnswer?.number),
      banners[index].kind == .pushback, banners[index].answer == nil
    else { return [] }
    var records = banners[index].isOnScreen ? acknowledge(banners[index].number, at: now) : []
    let t = sinceStart(at: now)
    banners[index].reply = .answered(answer, at: t)
    let banner = banners[index]
    records.append(
      record(
        .pushbackAnswered(
          banner: banner.number, cue: banner.cue, answer, after: t - banner.shownAt),
        at: now))
    return records
  }

  /// Marks a pivot re-planned, acknowledging it first if it is still up.
  mutating func replan(_ number: Int?, at now: Instant) -> [Record] {
    guard let index = index(of: number ?? pivotToReplan?.number),
      banners[index].kind == .pivot, banners[index].replannedAt == nil
    else { return [] }
    var records = banners[index].isOnScreen ? acknowledge(banners[index].number, at: now) : []
    let t = sinceStart(at: now)
    banners[index].reply = .replanned(at: t)
    let banner = banners[index]
    records.append(
      record(
        .replanned(banner: banner.number, cue: banner.cue, after: t - banner.shownAt), at: now))
    return records
  }

  private func index(of number: Int?) -> Int? {
    guard let number else { return nil }
    // Numbered from 1 in order; a record read back may lack a line, so look rather than count.
    if number >= 1, number <= banners.count, banners[number - 1].number == number {
      return number - 1
    }
    return banners.firstIndex { $0.number == number }
  }
}

/// A scheduled interjection and where it stands: what the interviewer's console lists.
public struct DeckItem: Equatable, Sendable {
  public enum State: Equatable, Sendable {
    /// Fires by itself at its time.
    case waiting
    /// Waits for the interviewer (fire, or release to let it fire at its time).
    case held
    /// Fired: its banner's number.
    case fired(Int)
    case skipped
  }
  public var placed: Schedule.Placed
  public var state: State
  /// Time to work before its point: zero or less once reached; nil while its phase is still
  /// to come.
  public var dueIn: Millis?

  public init(placed: Schedule.Placed, state: State, dueIn: Millis?) {
    self.placed = placed
    self.state = state
    self.dueIn = dueIn
  }

  /// Not yet fired or skipped.
  public var isOpen: Bool { state == .waiting || state == .held }
}

extension DeckItem.State {
  /// A cue's fate as the deck lists it. An interjection has no condition, so it never lapses;
  /// were one to, it would be as good as dropped.
  init(_ fate: CueBook.Fate) {
    switch fate {
    case .pending: self = .waiting
    case .held: self = .held
    case .fired(let banner): self = .fired(banner)
    case .skipped, .lapsed: self = .skipped
    }
  }
}

extension Record {
  /// A banner went up.
  public var isCueFired: Bool {
    if case .cueFired = entry { return true }
    return false
  }
}

extension Plan {
  /// Where the plan starts `phase`: the budgets of the phases before it, added up.
  public func start(of phase: Phase) -> Millis {
    Phase.allCases.filter { $0 < phase }.map { self[$0] }.reduce(0, +)
  }
}
