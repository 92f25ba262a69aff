extension Console: ScreenModel {
  /// The console's inputs: keys become requests for the session, the session's lines come
  /// back. `q` closes the console; a session that closes ends it too, unless the scores are
  /// being written, which are then kept for the shell to save (`unsent`).
  public mutating func update(_ input: Input, at now: Instant) -> [Effect] {
    switch input {
    case .key(let key):
      if mode == .normal, key == .character("q") { return [.quit] }
      var effects: [Effect] = []
      for request in handle(key, at: now) {
        if case .debrief(let said) = request, hungUp {
          unsent = said
          return [.quit]
        }
        effects.append(.send(request))
      }
      if mode == .done { effects.append(.quit) }
      return effects
    case .message(let message):
      receive(message, at: now)
      return mode == .done ? [.quit] : []
    case .hungUp:
      hungUp = true
      if case .scoring = mode { return [] }
      return [.quit]
    case .viewport(let view):
      panel = view
      if let view { scroll = min(scroll, view.lastFirst) }
      return []
    case .stop: return [.quit]
    case .suspend: return [.stepAway]
    case .resize, .time, .slept, .continued, .request, .peers, .recordBehind,
      .hookFinished, .notice:
      return []
    }
  }

  public func render(size: Size, at now: Instant, colors: Bool) -> Frame {
    ConsoleScreen.render(self, at: now, size: size, colors: colors)
  }

  /// When the session's displayed second changes (on the console's clock); a second from now
  /// when its clock stands still, so that a notice goes.
  public func nextWake(after now: Instant) -> Instant? {
    guard let session, let next = session.nextSecond(after: sessionNow(now)) else {
      return now + 1000
    }
    return Instant(ms: max(now.ms + 1, next.ms + offset))
  }
}
