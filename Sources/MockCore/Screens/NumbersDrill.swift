/// `mockroom drill numbers`: the numbers kit from memory, a card at a time against a clock; the
/// rating comes from the result, and FSRS schedules the card again.
public struct NumbersDrill: ScreenModel, Equatable, Sendable {
  public enum Stage: Equatable, Sendable {
    case asking
    case answered(CardReview)
    case summary
  }

  public let info: DrillInfo
  public let cards: [NumberCard]
  /// Each card's memory before this drill (absent: new).
  public let memories: [String: FSRS.Memory]
  /// The day the drill began, in days since the epoch.
  public let day: Double
  public private(set) var index = 0
  public private(set) var stage = Stage.asking
  public private(set) var typed = ""
  public private(set) var refusal: String?
  public private(set) var reviews: [CardReview] = []
  public private(set) var confirmQuit = false
  public private(set) var ending: Ending?
  private var clock = DrillClock(at: Instant(ms: 0))
  private var drillStart = Instant(ms: 0)

  public init(info: DrillInfo, cards: [NumberCard], memories: [String: FSRS.Memory], day: Double) {
    self.info = info
    self.cards = cards
    self.memories = memories
    self.day = day
  }

  public var card: NumberCard { cards[index] }

  public func elapsed(at now: Instant) -> Millis {
    if case .answered(let review) = stage { return review.elapsed }
    return clock.elapsed(at: now)
  }

  public mutating func start(at now: Instant) -> [Effect] {
    drillStart = now
    clock = DrillClock(at: now)
    let first = [Effect.record(Record(t: 0, entry: .drillStarted(info)))]
    return first + HookWatch.drillCalls(after: first, info)
  }

  public mutating func update(_ input: Input, at now: Instant) -> [Effect] {
    var effects: [Effect] = []
    switch input {
    case .key(let key): effects = handle(key, at: now)
    case .stop(let signal): effects = end(.abandoned, .signal(signal), at: now) + [.quit]
    case .suspend:
      clock.stepAway(at: now)
      effects = [.stepAway]
    case .continued:
      clock.back(at: now)
      effects = [.redraw]
    case .resize, .viewport, .time, .slept, .request, .peers, .message, .hungUp, .recordBehind,
      .hookFinished, .notice:
      break
    }
    return effects + HookWatch.drillCalls(after: effects, info)
  }

  public func nextWake(after now: Instant) -> Instant? {
    guard case .asking = stage else { return nil }
    return clock.nextSecond(after: now)
  }

  public func render(size: Size, at now: Instant, colors: Bool) -> Frame {
    NumbersScreen.render(self, at: now, size: size)
  }

  private func t(_ now: Instant) -> Millis { max(0, now - drillStart) }

  private mutating func handle(_ key: Key, at now: Instant) -> [Effect] {
    if confirmQuit {
      confirmQuit = false
      if key == .character("y") || key == .character("q") {
        return end(.abandoned, .quit, at: now) + [.quit]
      }
      return []
    }
    switch stage {
    case .asking:
      refusal = nil
      switch key {
      case .character("q") where typed.isEmpty: confirmQuit = true
      case .character(let c) where !c.isNewline && typed.count < 24: typed.append(c)
      case .backspace: if !typed.isEmpty { typed.removeLast() }
      case .escape: typed = ""
      case .enter:
        switch NumberText.parse(typed) {
        case .failure(let why): refusal = why.description
        case .success(let value): return answer(value, at: now)
        }
      default: break
      }
      return []
    case .answered:
      switch key {
      case .character(" "), .enter: return next(at: now)
      case .character("q"):
        confirmQuit = true
        return []
      default: return []
      }
    case .summary:
      return key == .character("q") || key == .enter || key == .character(" ") ? [.quit] : []
    }
  }

  private mutating func answer(_ value: Double, at now: Instant) -> [Effect] {
    let elapsed = elapsed(at: now)
    let (right, exact) = card.judge(value)
    let rating = NumberCard.rating(right: right, exact: exact, elapsed: elapsed, limit: info.limit)
    // The day of the review: the drill's day, and the time since it began.
    let today = day + Double(t(now)) / 86_400_000
    let memory = FSRS.review(memories[card.id], rating, on: today)
    let review = CardReview(
      card: card.id, typed: typed, right: right, exact: exact, rating: rating, elapsed: elapsed,
      memory: memory)
    reviews.append(review)
    stage = .answered(review)
    return [.record(Record(t: t(now), entry: .cardReviewed(review)))]
  }

  private mutating func next(at now: Instant) -> [Effect] {
    guard index + 1 < cards.count else {
      stage = .summary
      return end(.finished, .completed, at: now)
    }
    index += 1
    stage = .asking
    typed = ""
    clock = DrillClock(at: now)
    return []
  }

  private mutating func end(_ outcome: Outcome, _ reason: EndReason, at now: Instant) -> [Effect] {
    guard ending == nil else { return [] }
    let ending = Ending(outcome: outcome, reason: reason)
    self.ending = ending
    return [.record(Record(t: t(now), entry: .drillEnded(ending)))]
  }
}

/// The numbers drill's screen: the card, a clock, the field; then the verdict and the source.
public enum NumbersScreen {
  public static func render(_ drill: NumbersDrill, at now: Instant, size: Size) -> Frame {
    if let small = DrillScreen.tooSmall(size) { return small }
    var frame = Frame(size: size)
    let (w, h) = (size.width, size.height)
    let margin = 2
    let elapsed = drill.elapsed(at: now)
    let limit = drill.info.limit
    let done = drill.stage == .summary
    let title =
      done ? "numbers drill · done" : "numbers drill · \(drill.index + 1) of \(drill.cards.count)"
    let clock =
      elapsed > limit ? "+" + DurationText.clock(elapsed - limit) : DurationText.clock(elapsed)
    Screen.header(
      &frame, title: title, session: done ? "" : "\(clock) of \(DurationText.clock(limit))")
    frame.put(String(repeating: "─", count: w), x: 0, y: 1, style: Style(dim: true))
    var y = 3
    func say(_ text: String, _ style: Style = .plain) {
      for line in TextLayout.wrap(
        text.split(separator: " ").map(String.init), width: w - 2 * margin)
      where y < h - 2 {
        frame.put(line, x: margin, y: y, style: style)
        y += 1
      }
    }
    switch drill.stage {
    case .asking:
      let tone: Tone = elapsed > limit ? .over : elapsed * 4 > limit * 3 ? .warn : .ok
      frame.put(
        elapsed > limit ? " LATE " : " on time ", x: margin, y: y,
        style: Style(bold: true, reverse: true, tone: tone))
      y += 2
      say(drill.card.question, Style(bold: true))
      y += 1
      let box = "[" + (drill.typed + "_").clipped(to: 18).padded(to: 18) + "] " + drill.card.unit
      frame.put(box.clipped(to: w - 2 * margin), x: margin, y: y, style: Style(bold: true))
      y += 2
      if let refusal = drill.refusal { say(refusal, Style(bold: true, tone: .over)) }
    case .answered(let r):
      say(
        "\(r.right ? "RIGHT" : "WRONG") · \(r.rating.name) · next in \(r.interval) day\(r.interval == 1 ? "" : "s")",
        Style(bold: true, tone: r.right ? .ok : .over))
      say("You typed \(r.typed) in \(DurationText.clock(r.elapsed)).", Style(dim: true))
      y += 1
      say("Accepted: \(drill.card.acceptedText) \(drill.card.unit)")
      say(drill.card.source)
    case .summary:
      let right = drill.reviews.filter(\.right).count
      say("\(right) of \(drill.reviews.count) right", Style(bold: true))
      y += 1
      for r in drill.reviews {
        say("\(r.card): \(r.right ? "right" : "wrong") (\(r.rating.name)), next in \(r.interval)d")
      }
    }
    let hint: String
    if drill.confirmQuit {
      hint = "Quit the drill? y or q quits; any other key goes on"
    } else {
      switch drill.stage {
      case .asking: hint = "Enter answer · Esc clear · q quit"
      case .answered: hint = "Space next card · q quit"
      case .summary: hint = "q or Enter: done"
      }
    }
    frame.center(
      hint.clipped(to: w), y: h - 1, style: Style(bold: drill.confirmQuit, dim: !drill.confirmQuit))
    return frame
  }
}
