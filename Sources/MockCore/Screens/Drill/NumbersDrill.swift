/// `mockroom drill numbers`: the numbers kit from memory, a card at a time against a clock; the
/// rating comes from the result, and FSRS schedules the card again.
public typealias NumbersDrill = Drill<NumberItems>

extension Drill where Kind == NumberItems {
  public init(
    info: DrillInfo, cards: [NumberCard], memories: [String: FSRS.Memory], day: Double,
    early: Set<String> = [], at now: Instant
  ) {
    self.init(
      info: info, NumberItems(cards: cards, memories: memories, day: day, early: early), at: now)
  }

  public var card: NumberCard { kind.cards[index] }
}

/// The numbers drill's cards: the field of the one up, and every review so far.
public struct NumberItems: DrillKindModel {
  /// Where the card up stands.
  public enum Step: Equatable, Sendable {
    case asking
    case answered(CardReview)
  }

  public static let drill = DrillKind.numbers
  /// `?` is typed, as any other character.
  public static let takesHelp = false
  /// The cards asked, a missed one again at the end until it is right.
  public private(set) var cards: [NumberCard]
  /// Each card's memory: before this drill (absent: new), then as its reviews here leave it.
  public private(set) var memories: [String: FSRS.Memory]
  /// The cards asked before they were due (`--all`), named in the summary.
  public let early: Set<String>
  /// The day the drill began, in days since the epoch.
  public let day: Double
  public private(set) var step = Step.asking
  public private(set) var typed = ""
  public private(set) var refusal: String?
  public private(set) var reviews: [CardReview] = []

  public init(
    cards: [NumberCard], memories: [String: FSRS.Memory], day: Double, early: Set<String> = []
  ) {
    self.cards = cards
    self.memories = memories
    self.day = day
    self.early = early
  }

  public var count: Int { cards.count }

  /// What typed text reads as for `card`: on a factor card (`x`), a percent is the factor it
  /// adds (30% headroom is x1.3).
  public static func read(_ typed: String, for card: NumberCard) -> Result<
    Double, NumberText.Refused
  > {
    let text = typed.trimmingCharacters(in: .whitespaces)
    let read = NumberText.parse(text)
    guard card.unit == "x", text.hasSuffix("%"), case .success(let share) = read else {
      return read
    }
    return .success(1 + share)
  }

  public static func value(of typed: String, for card: NumberCard) -> Double? {
    try? read(typed, for: card).get()
  }
  public var tally: String { "\(reviews.filter(\.right).count) of \(reviews.count) right" }

  public mutating func show(_ moment: DrillMoment) -> [Record] {
    step = .asking
    typed = ""
    return []
  }

  /// The time the card took, once answered.
  public var itemTime: Millis? {
    if case .answered(let review) = step { review.elapsed } else { nil }
  }

  public static func render(_ drill: NumbersDrill, at now: Instant, size: Size) -> Frame {
    NumbersScreen.render(drill, at: now, size: size)
  }

  public mutating func key(_ key: Key, _ moment: DrillMoment) -> DrillMove {
    switch step {
    case .asking:
      refusal = nil
      switch key {
      case .character("q") where typed.isEmpty: return .askQuit
      case .character(let c) where !c.isNewline && typed.count < 24: typed.append(c)
      case .backspace: if !typed.isEmpty { typed.removeLast() }
      case .escape: typed = ""
      case .enter:
        switch Self.read(typed, for: cards[moment.index]) {
        case .failure(let why): refusal = why.description
        case .success(let value): return answer(value, moment)
        }
      default: break
      }
      return .none
    case .answered:
      switch key {
      case .character(" "), .enter: return .next
      case .character("q"): return .askQuit
      default: return .none
      }
    }
  }

  private mutating func answer(_ value: Double, _ moment: DrillMoment) -> DrillMove {
    let card = cards[moment.index]
    let elapsed = moment.elapsed
    let (right, exact) = card.judge(value)
    let limit = moment.info.limit
    let rating = NumberCard.rating(right: right, exact: exact, elapsed: elapsed, limit: limit)
    // The day of the review: the drill's day, and the time since it began.
    let today = day + Double(moment.t) / 86_400_000
    let memory = FSRS.review(memories[card.id], rating, on: today)
    memories[card.id] = memory
    // Missed (wrong, or past the time): it comes back at the end until it is right.
    if rating == .again { cards.append(card) }
    let review = CardReview(
      card: card.id, typed: typed, right: right, exact: exact, rating: rating, elapsed: elapsed,
      memory: memory)
    reviews.append(review)
    step = .answered(review)
    return .answered(
      Record(t: moment.t, entry: .cardReviewed(review)),
      DrillHeard(
        text: "\(review.card): \(review.right ? "right" : "wrong")", kind: review.card,
        result: review.rating.name))
  }
}

/// The numbers drill's screen: the card, a clock, the field; then the verdict and the source.
public enum NumbersScreen {
  public static func render(_ drill: NumbersDrill, at now: Instant, size: Size) -> Frame {
    var frame = Frame(size: size)
    let (w, h) = (size.width, size.height)
    let margin = 2
    let elapsed = drill.elapsed(at: now)
    let limit = drill.info.limit
    let done = drill.isSummary
    let title =
      done ? "numbers drill · done" : "numbers drill · \(drill.index + 1) of \(drill.cards.count)"
    let clock = ClockText.taken(elapsed, limit: limit)
    Header.draw(
      into: &frame, title: title, right: done ? "" : "\(clock) of \(DurationText.clock(limit))")
    Rule.draw(into: &frame, y: 1)
    var y = 3
    func say(_ text: String, _ style: Style = .plain) {
      for line in TextLayout.wrap(
        text.split(separator: " ").map(String.init), width: w - 2 * margin)
      where y < h - 2 {
        frame.put(line, x: margin, y: y, style: style)
        y += 1
      }
    }
    switch done ? nil : drill.step {
    case .asking?:
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
    case .answered(let r)?:
      // Right but past the time is rated again: it says why.
      let verdict = r.right ? (r.elapsed > limit ? "RIGHT BUT LATE" : "RIGHT") : "WRONG"
      say(
        "\(verdict) · \(r.rating.name) · next in \(Plural.of(r.interval, "day"))",
        Style(bold: true, tone: r.right && r.rating != .again ? .ok : .over))
      say("You typed \(r.typed) in \(DurationText.clock(r.elapsed)).", Style(dim: true))
      y += 1
      say("Accepted: \(drill.card.acceptedText) \(drill.card.unit)")
      say(drill.card.source)
    case nil:
      let right = drill.reviews.filter(\.right).count
      say("\(right) of \(drill.reviews.count) right", Style(bold: true))
      y += 1
      // A card that came back is one line, with its tries; then which were early.
      var tries: [String: Int] = [:]
      for r in drill.reviews { tries[r.card, default: 0] += 1 }
      let last = Dictionary(drill.reviews.map { ($0.card, $0) }) { $1 }
      let once = drill.reviews.map(\.card).enumerated().filter { index, id in
        drill.reviews.map(\.card).firstIndex(of: id) == index
      }.map { last[$0.1]! }
      let again = once.filter { tries[$0.card, default: 0] > 1 }
      if !again.isEmpty {
        say(
          "came back until right: "
            + again.map { "\($0.card) (\(tries[$0.card]!) tries)" }.joined(separator: ", "))
      }
      let early = once.filter { drill.early.contains($0.card) }
      if !early.isEmpty {
        say("early (not yet due): " + early.map(\.card).joined(separator: ", "), Style(dim: true))
      }
      if once.count <= h - 2 - y {
        for r in once {
          say(
            "\(r.card): \(r.right ? "right" : "wrong") (\(r.rating.name)), next in \(r.interval)d")
        }
      } else {
        // Too few rows for a card a line: the cards by verdict, wrapped, so none is left out.
        // Too few rows for a card a line: the cards by verdict, wrapped; the ones right the
        // first time as a count when even that does not fit, so none is left unaccounted.
        let wrong = once.filter { !$0.right }.map(\.card)
        let first = once.filter { $0.right && tries[$0.card] == 1 }.map(\.card)
        if !wrong.isEmpty { say("wrong: " + wrong.joined(separator: ", "), Style(tone: .over)) }
        let listed = "right the first time: " + first.joined(separator: ", ")
        let rows = TextLayout.wrap(
          listed.split(separator: " ").map(String.init), width: w - 2 * margin
        ).count
        if !first.isEmpty {
          say(rows <= h - 2 - y ? listed : "right the first time: the other \(first.count)")
        }
      }
    }
    let hint: String
    let confirmQuit = drill.overlay == .confirmQuit
    if confirmQuit {
      hint = "Quit the drill? y or q quits; any other key goes on"
    } else {
      switch done ? nil : drill.step {
      case .asking?: hint = "Enter answer · Esc clear · q quit"
      case .answered?: hint = "Space next card · q quit"
      case nil: hint = "q or Enter: done"
      }
    }
    Hints.draw(into: &frame, hint, style: Style(bold: confirmQuit, dim: !confirmQuit))
    return frame
  }
}
