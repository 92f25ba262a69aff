/// The console's keys: each turns into requests for the session, or changes what is shown.
extension Console {
  /// The kinds a custom interjection may take, by key.
  public static let customKinds: [(key: Character, kind: CueKind)] = [
    ("p", .pivot), ("b", .pushback), ("c", .curveball), ("s", .silence), ("k", .checkin),
  ]

  /// The marks menu, by digit.
  public static var markKeys: [(key: Character, mark: Mark)] {
    Mark.plain.enumerated().map { (Character(String($0.offset + 1)), $0.element) }
  }

  /// Applies a key; returns the requests to send.
  public mutating func handle(_ key: Key, at now: Instant) -> [Request] {
    if let notice, notice.until <= now { self.notice = nil }
    switch mode {
    case .done: return []
    case .scoring(var form):
      form.handle(key)
      switch form.result {
      case .saved(var said)?:
        mode = .scoring(form)
        said.by = name ?? said.by
        return [.debrief(said)]
      case .skipped?: mode = .done
      case nil: mode = .scoring(form)
      }
      return []
    case .help:
      mode = .normal
      return []
    case .confirmEnd:
      mode = .normal
      if key == .character("y") || key == .character("E") { return [.end] }
      return []
    case .marks:
      mode = .normal
      guard case .character(let ch) = key, let chosen = Self.markKeys.first(where: { $0.key == ch })
      else { return [] }
      return [.mark(chosen.mark)]
    case .custom(nil, _):
      mode = .normal
      guard case .character(let ch) = key,
        let chosen = Self.customKinds.first(where: { $0.key == ch })
      else { return [] }
      mode = .custom(kind: chosen.kind, text: "")
      return []
    case .custom(let kind?, let text):
      switch Self.edit(text, key) {
      case .typing(let now): mode = .custom(kind: kind, text: now)
      case .cancel: mode = .normal
      case .send(let words):
        mode = .normal
        return [.custom(kind: kind, text: words)]
      }
      return []
    case .note(let text):
      switch Self.edit(text, key) {
      case .typing(let now): mode = .note(now)
      case .cancel: mode = .normal
      case .send(let words):
        mode = .normal
        return [.note(words)]
      }
      return []
    case .normal:
      return normal(key, at: now)
    }
  }

  private enum Edit {
    case typing(String), send(String), cancel
  }

  /// A line being typed: characters add, Backspace removes, Enter sends (unless blank), Esc
  /// cancels.
  private static func edit(_ text: String, _ key: Key) -> Edit {
    switch key {
    case .escape: return .cancel
    case .enter:
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      return trimmed.isEmpty ? .cancel : .send(trimmed)
    case .backspace: return .typing(String(text.dropLast()))
    case .character(let ch) where ch != "\t" && text.count < DebriefForm.maximumText:
      return .typing(text + String(ch))
    default: return .typing(text)
    }
  }

  private mutating func normal(_ key: Key, at now: Instant) -> [Request] {
    let rows = self.rows(at: sessionNow(now))
    let row = rows.indices.contains(selected) ? rows[selected] : nil
    switch key {
    case .up, .character("k"): selected = max(0, selected - 1)
    case .down, .character("j"): selected = min(max(0, rows.count - 1), selected + 1)
    case .pageUp: scroll = max(0, scroll - 10)
    case .pageDown: scroll = min(scroll + 10, panel?.lastFirst ?? scroll + 10)
    case .home: scroll = 0
    case .enter, .character("f"):
      guard let row else { return [] }
      return [.fire(cue: row.id)]
    case .character("h"):
      guard let item = row?.item else {
        say("only a scheduled interjection can be held", at: now)
        return []
      }
      return [item.state == .held ? .release(cue: item.placed.id) : .hold(cue: item.placed.id)]
    case .character("s"):
      guard let item = row?.item else {
        say("only a scheduled interjection can be skipped", at: now)
        return []
      }
      return [.skip(cue: item.placed.id)]
    case .character("i"): mode = .custom(kind: nil, text: "")
    case .character("w"): mode = .note("")
    case .character("m"): mode = .marks
    case .character("p"): return [session?.status == .paused ? .resume : .pause]
    case .character("n"): return [.next]
    case .character("b"): return [.back]
    case .character("+"), .character("="): return [.adjust(.minutes(1))]
    case .character("-"), .character("_"): return [.adjust(-.minutes(1))]
    case .character("]"): return [.rebalance(.minutes(1))]
    case .character("["): return [.rebalance(-.minutes(1))]
    case .character("E"): mode = .confirmEnd
    case .character("?"): mode = .help
    default: break
    }
    return []
  }
}
