import Foundation

/// A session as the control protocol reports it: `mockroom ctl status --json`, and the `state`
/// line pushed to watching consoles. Field names are written snake_case on the wire.
public struct ControlState: Codable, Equatable, Sendable {
  public struct PhaseState: Codable, Equatable, Sendable {
    public var phase: String
    public var budgetMs: Int64
    public var elapsedMs: Int64
    public var reached: Bool
  }

  public struct BannerState: Codable, Equatable, Sendable {
    public var banner: Int
    public var cue: String
    public var kind: String
    public var text: String?
  }

  public struct DeckState: Codable, Equatable, Sendable {
    public var id: String
    public var kind: String
    public var text: String
    public var phase: String
    public var atMs: Int64
    /// `waiting` (fires by itself), `held`, `fired` or `skipped`.
    public var state: String
    public var banner: Int?
    /// Time to work before its point; zero or less once reached; absent while its phase is to
    /// come.
    public var dueInMs: Int64?
    /// The clock `atMs` is on: `phase` (time worked in `phase`) or `session` (worked time
    /// since the start: the hostile pushbacks). Absent from older programs' lines: phase.
    public var base: String?
    /// Its point in words, on its own clock: `design +2:00`, `at 1:00 of session time`.
    public var whenText: String {
      base == "session"
        ? "at \(DurationText.clock(atMs)) of session time"
        : "\(phase) +\(DurationText.clock(atMs))"
    }
  }

  public var v = ControlProtocol.version
  public var type = "state"
  public var seq: Int?
  public var session: String
  public var title: String
  public var prompt: String?
  public var partner: Bool
  /// `ready`, `running`, `paused` or `ended`.
  public var status: String
  /// `finished` or `abandoned`, once ended.
  public var outcome: String?
  public var phase: String
  public var phaseNumber: Int
  /// Session time: since the start, pauses included (the records' `t_ms`).
  public var tMs: Int64
  public var activeMs: Int64
  public var planMs: Int64
  /// Plan length less time worked; negative once the plan has run out.
  public var remainingMs: Int64
  public var phaseBudgetMs: Int64
  public var phaseElapsedMs: Int64
  /// Negative once the phase is over budget.
  public var phaseRemainingMs: Int64
  /// Ahead of the plan (positive) or behind it (negative).
  public var balanceMs: Int64
  public var phases: [PhaseState]
  /// Banners on the candidate's screen, newest first.
  public var banners: [BannerState]
  public var deck: [DeckState]
  /// The next open deck entry of this phase or a later one.
  public var nextDue: String?
  /// Consoles watching the session now.
  public var consoles: Int

  public init(_ session: Session, at now: Instant, consoles: Int) {
    self.session = session.info.id
    title = session.info.title
    prompt = session.info.prompt
    partner = session.schedule.options.partner
    switch session.status {
    case .ready: status = "ready"
    case .running: status = "running"
    case .paused: status = "paused"
    case .ended(let ending):
      status = "ended"
      outcome = ending.outcome.rawValue
    }
    phase = session.phase.name
    phaseNumber = session.phase.number
    tMs = session.sinceStart(at: now)
    activeMs = session.active(at: now)
    planMs = session.plan.total
    remainingMs = session.totalRemaining(at: now)
    phaseBudgetMs = session.plan[session.phase]
    phaseElapsedMs = session.elapsed(session.phase, at: now)
    phaseRemainingMs = session.remaining(session.phase, at: now)
    balanceMs = session.balance(at: now)
    phases = Phase.allCases.map {
      PhaseState(
        phase: $0.name, budgetMs: session.plan[$0], elapsedMs: session.elapsed($0, at: now),
        reached: $0 <= session.furthest)
    }
    banners = session.onScreen.map {
      BannerState(banner: $0.number, cue: $0.cue, kind: $0.kind.rawValue, text: $0.text)
    }
    let items = session.deck(at: now)
    deck = items.map { item in
      var state = "waiting"
      var banner: Int?
      switch item.state {
      case .waiting: break
      case .held: state = "held"
      case .fired(let number):
        state = "fired"
        banner = number
      case .skipped: state = "skipped"
      }
      return DeckState(
        id: item.placed.id, kind: item.placed.kind.rawValue, text: item.placed.text,
        phase: item.placed.phase.name, atMs: item.placed.at, state: state, banner: banner,
        dueInMs: item.dueIn, base: Hostile.isHostile(item.placed.id) ? "session" : "phase")
    }
    nextDue = session.nextDue(at: now)?.placed.id
    self.consoles = consoles
  }

  /// The state as one line of JSON.
  public func jsonLine() -> String {
    WireJSON.text(self, snakeCase: true)
  }

  /// Reads a state line back.
  public static func decode(_ data: Data) throws -> ControlState {
    try WireJSON.decoder(snakeCase: true).decode(ControlState.self, from: data)
  }

  /// Fills `{name}` placeholders for `mockroom ctl status --format`; an unknown name is left
  /// as written. Names: phase, remaining, elapsed, budget, total, balance, status, session,
  /// title, banner, next.
  public func format(_ template: String) -> String {
    func clock(_ ms: Int64) -> String { ClockText.left(ms, over: ms < 0) }
    let values: [String: String] = [
      "phase": phase,
      "remaining": clock(phaseRemainingMs),
      "elapsed": DurationText.clock(phaseElapsedMs),
      "budget": DurationText.clock(phaseBudgetMs),
      "total": clock(remainingMs),
      "balance": DurationText.balance(balanceMs),
      "status": status,
      "session": session,
      "title": title,
      "banner": banners.first.map { $0.text ?? $0.kind } ?? "",
      "next": nextDue ?? "",
    ]
    var out = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
      out += rest[..<open]
      let after = rest[rest.index(after: open)...]
      if let close = after.firstIndex(of: "}"), let value = values[String(after[..<close])] {
        out += value
        rest = after[after.index(after: close)...]
      } else {
        out += "{"
        rest = after
      }
    }
    return out + rest
  }
}

extension Session {
  /// The next open scheduled interjection of the current phase or a later one.
  public func nextDue(at now: Instant) -> DeckItem? {
    deck(at: now).first { $0.isOpen && $0.placed.phase >= phase }
  }
}
