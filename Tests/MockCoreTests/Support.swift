import MockCore

/// A session and a virtual clock: tests move time by hand, never by sleeping.
struct Clocked {
  var session: Session
  var now = Instant(ms: 1_000_000)
  var records: [Record] = []

  init(plan: Plan = .standard, schedule: Schedule = Schedule(), start: Bool = true) {
    session = Session(
      info: SessionInfo(id: "test", title: "Test", program: "0"), plan: plan, schedule: schedule)
    if start { send(.start) }
  }

  mutating func advance(_ ms: Millis) { now = now + ms }

  @discardableResult
  mutating func send(_ event: Event) -> [Effect] {
    let handled = session.handle(event, at: now)
    records += handled.records
    return handled.effects
  }

  func elapsed(_ phase: Phase) -> Millis { session.elapsed(phase, at: now) }
  var active: Millis { session.active(at: now) }
  var types: [String] { records.map(\.type) }
}

extension Effect {
  var record: Record? {
    if case .record(let record) = self { return record }
    return nil
  }
}

extension Room {
  /// As the pump does: draws the room at `size`, and hands back what the frame showed of the
  /// prompt panel.
  @discardableResult
  mutating func show(at size: Size, _ now: Instant) -> Frame {
    let frame = Screen.render(self, at: now, size: size)
    shown(frame.panel)
    return frame
  }
}
