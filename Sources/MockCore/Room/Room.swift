/// A key the candidate pressed, as the core understands it.
public enum Key: Equatable, Hashable, Sendable {
  case character(Character)
  case escape
  /// Any other key (arrows, function keys): it only cancels a question or closes help.
  case other
}

/// A question or panel drawn over the session.
public enum Overlay: Equatable, Sendable {
  case help
  /// "Quit now?" — answered by `q` or `y`, cancelled by any other key.
  case confirmQuit
  /// "Finish the session?" — asked when moving on from the last phase.
  case confirmFinish
}

/// The candidate's room: a session plus what is drawn over it. Keys come in, events go to the
/// session, and effects come out for the shell.
public struct Room: Equatable, Sendable {
  public private(set) var session: Session
  public private(set) var overlay: Overlay?

  public init(session: Session) {
    self.session = session
  }

  /// Starts the session's clock.
  public mutating func start(at now: Instant) -> [Effect] {
    session.handle(.start, at: now)
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
      default:
        return []
      }
    }
    guard case .character(let ch) = key else { return [] }
    switch ch {
    case " ", "n":
      if session.phase.next == nil {
        overlay = .confirmFinish
        return []
      }
      return session.handle(.next, at: now)
    case "b": return session.handle(.back, at: now)
    case "p": return session.handle(session.status == .paused ? .resume : .pause, at: now)
    case "+", "=": return session.handle(.adjustBudget(.minutes(1)), at: now)
    case "-", "_": return session.handle(.adjustBudget(-.minutes(1)), at: now)
    case "?", "h": overlay = .help
    case "q": overlay = .confirmQuit
    default: break
    }
    return []
  }

  /// The process was told to stop (SIGINT, SIGTERM, SIGHUP): end the session and quit.
  public mutating func stop(signal name: String, at now: Instant) -> [Effect] {
    overlay = nil
    return endWith(.abort(.signal(name)), at: now)
  }

  private mutating func endWith(_ event: Event, at now: Instant) -> [Effect] {
    let effects = session.handle(event, at: now)
    if case .ended = session.status { return effects + [.quit] }
    return effects
  }
}
