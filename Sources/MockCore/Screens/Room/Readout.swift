/// The figures the screen shows, worked out once per frame from the session and the instant.
struct Readout {
  enum Badge: String {
    case ok = "OK"
    case oneMinute = "1 MIN"
    case over = "OVER"
    case paused = "PAUSED"
    case done = "DONE"
  }

  let phase: Phase
  /// The big clock: time left in the phase (`12:34`), or `+1:05` once over budget.
  let clock: String
  let badge: Badge
  /// The tone of the current phase: ok, warn in its last minute, over once past budget.
  let tone: Tone
  /// `12:34 / 45:00`: session time worked against the plan.
  let session: String
  /// `2:10 behind`, `0:45 ahead` or `on plan`.
  let balance: String
  let budget: String
  let spent: String

  init(_ session: Session, at now: Instant) {
    phase = session.phase
    let remaining = session.remaining(phase, at: now)
    tone = Tone(remaining: remaining)
    clock = ClockText.left(remaining, over: tone == .over)
    switch session.status {
    case .paused: badge = .paused
    case .ended: badge = .done
    default: badge = tone == .over ? .over : tone == .warn ? .oneMinute : .ok
    }
    let worked = session.active(at: now)
    var total = "\(DurationText.clock(worked)) / \(DurationText.clock(session.plan.total))"
    if worked > session.plan.total {
      total += " (+\(DurationText.clock(worked - session.plan.total)))"
    }
    self.session = total
    balance = DurationText.balance(session.balance(at: now))
    budget = DurationText.clock(session.plan[phase])
    spent = DurationText.clock(session.elapsed(phase, at: now))
  }

  /// How the badge is drawn: reverse video plus a tone, so it reads without colour too.
  var badgeStyle: Style {
    switch badge {
    case .paused, .done: Style(bold: true, reverse: true)
    default: Style(bold: true, reverse: true, tone: tone)
    }
  }

  var clockStyle: Style {
    badge == .paused ? Style(dim: true) : Style(bold: true, tone: tone)
  }
}
