/// A key the candidate pressed, as the core understands it.
public enum Key: Equatable, Hashable, Sendable {
  case character(Character)
  case escape
  case up, down, pageUp, pageDown, home, end, left, right
  /// Backspace, however the terminal sends it.
  case backspace
  /// Enter or Return.
  case enter
  /// Any other key (function keys): it only cancels a question or closes help.
  case other
}

/// The part of a prompt the candidate sees: its title and the prompt as said aloud. The room
/// holds nothing else of a prompt, so interviewer material cannot reach the candidate's screen.
public struct Brief: Equatable, Sendable {
  public var title: String
  /// Markdown.
  public var body: String
  public init(title: String, body: String) {
    self.title = title
    self.body = body
  }
}

/// A question or panel drawn over the session.
public enum Overlay: Equatable, Sendable {
  case help
  /// "Quit now?" — answered by `q` or `y`, cancelled by any other key.
  case confirmQuit
  /// "Finish the session?" — asked when moving on from the last phase.
  case confirmFinish
  /// The marks menu (`m`): which moment to count.
  case marks
}

/// A short message in place of the key hints, which goes away by itself ("marked: check-in").
public struct Notice: Equatable, Sendable {
  public var text: String
  public var until: Instant
  /// How long a notice stays.
  public static let lasts: Millis = 3_000
}

/// The candidate's room: a session plus what is drawn over it. Keys come in, events go to the
/// session, and effects come out for the shell.
public struct Room: Equatable, Sendable {
  public internal(set) var session: Session
  public private(set) var overlay: Overlay?
  public let brief: Brief?
  /// Whether the prompt has the screen (toggled with `t` or Tab), with the clock on one line.
  public private(set) var reading = false
  /// The first line of the prompt shown: an offset, kept in range by the last frame's panel
  /// and clamped again when drawn.
  public private(set) var scroll = 0
  /// The prompt panel the last frame showed (its width, rows and lines); nil when it showed
  /// none, and scrolling then does nothing.
  public private(set) var prompt: Viewport?
  /// The prompt laid out at the panel's width: kept so that a repaint each second does not
  /// wrap the text again.
  public private(set) var promptLines: (width: Int, lines: [TextLayout.Line]) = (0, [])
  public private(set) var notice: Notice?
  /// Interviewer consoles attached to the session's control socket now.
  public var consoles = 0
  /// Set by the shell while the record cannot be written: the session goes on regardless.
  public var recordBehind: RecordBehind?

  public init(session: Session, brief: Brief? = nil) {
    self.session = session
    self.brief = brief
  }

  public static func == (a: Room, b: Room) -> Bool {
    a.session == b.session && a.overlay == b.overlay && a.brief == b.brief
      && a.reading == b.reading && a.scroll == b.scroll && a.prompt == b.prompt
      && a.notice == b.notice && a.consoles == b.consoles && a.recordBehind == b.recordBehind
  }

  /// The keys that mark a moment, outside the menu and in it.
  public static let markKeys: [(key: Character, mark: Mark)] =
    [
      ("x", .reset), ("e", .errorCaught), ("c", .checkin),
    ] + RecoveryMove.allCases.map { (Character(String($0.rawValue)), .recovery($0)) }

  /// The last frame showed the prompt panel as `view` (or none): lay the prompt out at its
  /// width once, and keep the scroll in range of what it can show.
  public mutating func shown(_ view: Viewport?) {
    prompt = view
    guard let brief, let view else { return }
    if promptLines.width != view.width {
      promptLines = (view.width, TextLayout.lines(markdown: brief.body, width: view.width))
    }
    scroll = min(scroll, view.lastFirst)
  }

  private mutating func scroll(by lines: Int) {
    guard brief != nil, let prompt else { return }
    scroll = max(0, min(prompt.lastFirst, scroll.addingReportingOverflow(lines).partialValue))
  }

  /// Lines a page key moves: the panel's height less one, so a line of context stays.
  private var page: Int { max(1, (prompt?.rows ?? 2) - 1) }

  /// Starts the session's clock.
  public mutating func start(at now: Instant) -> [Effect] {
    session.handle(.start, at: now).effects
  }

  /// Time has passed: cues that came due fire, and a notice past its time goes.
  public mutating func tick(at now: Instant) -> [Effect] {
    if let notice, notice.until <= now { self.notice = nil }
    return session.handle(.tick, at: now).effects
  }

  /// When the screen next needs the loop: a displayed second changes, a cue comes due, or a
  /// notice goes. Nil when nothing will change without input.
  public func nextWake(after now: Instant) -> Instant? {
    [session.nextSecond(after: now), session.nextCue(after: now), notice?.until]
      .compactMap { $0 }.min()
  }

  /// Ctrl-Z: the candidate steps away; the stop counts as a pause.
  public mutating func suspend(at now: Instant) -> [Effect] {
    overlay = nil
    return session.handle(.suspend, at: now, by: .candidate).effects
  }

  /// Back from Ctrl-Z.
  public mutating func continued(at now: Instant) -> [Effect] {
    session.handle(.continue, at: now, by: .candidate).effects
  }

  /// The machine slept for `gap` (the monotonic clock stood still meanwhile).
  public mutating func slept(_ gap: Millis, at now: Instant) -> [Effect] {
    session.handle(.slept(gap), at: now).effects
  }

  /// Shows `text` in place of the key hints for a few seconds.
  mutating func say(_ text: String, at now: Instant) {
    notice = Notice(text: text, until: now + Notice.lasts)
  }

  private mutating func mark(_ mark: Mark, at now: Instant) -> [Effect] {
    let before = session.checkins.count
    let outcome = session.handle(.mark(mark), at: now, by: .candidate)
    guard outcome.refusal == nil else { return outcome.effects }
    if mark == .checkin, let target = session.schedule.options.checkinTarget {
      if session.checkins.count > before {
        say("checked in: \(session.checkins.count) of \(target)", at: now)
      } else if let last = session.checkins.last {
        let counts = DurationText.clock(last + session.schedule.options.checkinSpacing)
        say("checked in, too soon to count: the next counts from \(counts)", at: now)
      }
    } else {
      say("marked: \(mark.label)", at: now)
    }
    return outcome.effects
  }

  /// Moves time between the current phase and the next one still to start, and says which.
  private mutating func rebalance(_ moved: Millis, at now: Instant) -> [Effect] {
    let handled = session.handle(.rebalance(moved), at: now, by: .candidate)
    if let refusal = handled.refusal {
      say(refusal.message, at: now)
    } else if case .rebalanced(let change)? = handled.applied.first?.entry {
      let (other, moved) = (change.other, change.moved)
      let amount = DurationText.clock(abs(moved))
      say(
        moved > 0 ? "took \(amount) from \(other.name)" : "gave \(amount) to \(other.name)", at: now
      )
    }
    return handled.effects
  }

  /// Applies a key press at `now`.
  public mutating func handle(_ key: Key, at now: Instant) -> [Effect] {
    if case .ended = session.status { return [] }
    if let overlay {
      self.overlay = nil
      switch (overlay, key) {
      case (.confirmQuit, .character("q")), (.confirmQuit, .character("y")),
        (.confirmQuit, .character("Y")):
        // Quitting during ops is how most people end: that session was seen through.
        let event: Event = session.phase == .ops ? .finish(.quit) : .abort(.quit)
        return endWith(event, at: now)
      case (.confirmFinish, .character("n")), (.confirmFinish, .character(" ")),
        (.confirmFinish, .character("y")), (.confirmFinish, .character("Y")):
        return endWith(.finish(.completed), at: now)
      case (.marks, .character(let ch)):
        guard let chosen = Self.markKeys.first(where: { $0.key == ch }) else { return [] }
        return mark(chosen.mark, at: now)
      default:
        return []
      }
    }
    switch key {
    case .up: scroll(by: -1)
    case .down: scroll(by: 1)
    case .pageUp: scroll(by: -page)
    case .pageDown: scroll(by: page)
    case .home: scroll(by: -scroll)
    case .end: scroll(by: Int(Int32.max))
    default: break
    }
    guard case .character(let ch) = key else { return [] }
    switch ch {
    case "j": scroll(by: 1)
    case "k": scroll(by: -1)
    case "t", "\t":
      // The next frame shows the other panel, and says so.
      if brief != nil { reading.toggle() }
    case " ", "n":
      if session.phase.next == nil {
        overlay = .confirmFinish
        return []
      }
      return session.handle(.next, at: now, by: .candidate).effects
    case "b": return session.handle(.back, at: now, by: .candidate).effects
    case "p":
      return session.handle(
        session.status == .paused ? .resume : .pause, at: now, by: .candidate
      ).effects
    case "+", "=":
      return session.handle(.adjustBudget(.minutes(1)), at: now, by: .candidate).effects
    case "-", "_":
      return session.handle(.adjustBudget(-.minutes(1)), at: now, by: .candidate).effects
    case "]": return rebalance(.minutes(1), at: now)
    case "[": return rebalance(-.minutes(1), at: now)
    case "?", "h": overlay = .help
    case "q": overlay = .confirmQuit
    case "m": overlay = .marks
    case "a":
      // The banner on screen now, not one that comes due in this same instant.
      guard let shown = session.onScreen.first else {
        say("no banner to acknowledge", at: now)
        return []
      }
      return session.handle(.acknowledge(shown.number), at: now, by: .candidate).effects
    case "r":
      guard let pivot = session.pivotToReplan else {
        say("no pivot waiting to be re-planned", at: now)
        return []
      }
      let outcome = session.handle(.replan(pivot.number), at: now, by: .candidate)
      if outcome.refusal == nil { say("re-planned after the pivot", at: now) }
      return outcome.effects
    case "s", "v", "g":
      guard let answer = PushbackAnswer.allCases.first(where: { $0.key == ch }) else { return [] }
      guard let pushback = session.pushbackToAnswer else {
        say("no pushback waiting for an answer", at: now)
        return []
      }
      let outcome = session.handle(.answer(pushback.number, answer), at: now, by: .candidate)
      if outcome.refusal == nil { say("answered: \(answer.label)", at: now) }
      return outcome.effects
    default:
      if let chosen = Self.markKeys.first(where: { $0.key == ch }) {
        return mark(chosen.mark, at: now)
      }
    }
    return []
  }

  /// Closes any question or menu drawn over the session (the session ended under it).
  mutating func overlayClosed() { overlay = nil }

  /// The process was told to stop (SIGINT, SIGTERM, SIGHUP): end the session and quit.
  public mutating func stop(signal name: String, at now: Instant) -> [Effect] {
    overlay = nil
    return endWith(.abort(.signal(name)), at: now, by: nil)
  }

  mutating func endWith(_ event: Event, at now: Instant, by source: Source? = .candidate)
    -> [Effect]
  {
    let effects = session.handle(event, at: now, by: source).effects
    if case .ended = session.status { return effects + [.quit] }
    return effects
  }
}

/// The record is behind the session: the disk refused a write, and lines wait in memory to be
/// written again.
public struct RecordBehind: Equatable, Sendable {
  /// Why, as the system said it (`no space left on device`).
  public var reason: String
  /// Lines waiting.
  public var lines: Int

  public init(reason: String, lines: Int) {
    self.reason = reason
    self.lines = lines
  }

  /// What the bar across the top of the screen says.
  public var message: String {
    let held = lines == 1 ? "1 line" : "\(lines) lines"
    return "\(reason) · \(held) held, retrying"
  }
}
