/// What every command says about the real interviews, and what it then writes down so it is
/// said (or fired) once: the write-up's four hours counting down from the interview's end, the
/// `writeup-due` hook, and the evening-before reminder.
public struct RealInterviewNotice: Equatable, Sendable {
  public enum Kind: Equatable, Sendable {
    /// The write-up is due in `left` seconds (negative: that long late).
    case writeupDue(left: Int64)
    /// The evening before: the pre-mortem is there to read (or not written yet).
    case eveningBefore(premortem: Bool)
  }

  public var id: String
  public var kind: Kind
  /// The line to print.
  public var text: String
  /// The `writeup-due` hook fires now (it has not yet).
  public var fireHook: Bool

  /// Every notice for `interviews` at `now`, soonest interview first.
  public static func notices(_ interviews: [RealInterview], now: Int64) -> [RealInterviewNotice] {
    interviews.sorted { $0.at < $1.at }.compactMap { notice($0, now: now) }
  }

  static func notice(_ interview: RealInterview, now: Int64) -> RealInterviewNotice? {
    let id = interview.id
    if interview.written == nil, interview.outcome != .withdrawn, now >= interview.end,
      now < interview.end + RealInterview.noticeWindow
    {
      let left = interview.writeupDue - now
      let text =
        left > 0
        ? "\(CivilTime.span(left)) left of the four hours to write up \(interview.title): "
          + "mockroom interview writeup \(id)"
        : "the write-up of \(interview.title) is \(CivilTime.span(-left)) past its four hours; "
          + "write it now: mockroom interview writeup \(id)"
      return RealInterviewNotice(
        id: id, kind: .writeupDue(left: left), text: text,
        fireHook: interview.dueHookFired == nil)
    }
    if interview.reminded == nil, now < interview.at, now >= eveningBefore(interview) {
      let premortem = !(interview.premortem ?? "").isEmpty
      let when = CivilTime.shown(interview.at, zone: interview.zone)
      let text =
        premortem
        ? "\(interview.title) is at \(when): your pre-mortem is there to read: "
          + "mockroom interview show \(id)"
        : "\(interview.title) is at \(when): no pre-mortem yet: mockroom interview premortem \(id)"
      return RealInterviewNotice(
        id: id, kind: .eveningBefore(premortem: premortem), text: text, fireHook: false)
    }
    return nil
  }

  /// 18:00 the day before, in the interview's own zone.
  public static func eveningBefore(_ interview: RealInterview) -> Int64 {
    let local = interview.at + Int64(interview.zone)
    let midnight = (local >= 0 ? local / 86_400 : (local - 86_399) / 86_400) * 86_400
    return midnight - 6 * 3600 - Int64(interview.zone)
  }

  /// What the interview keeps after this notice was given: the reminder shown, the hook fired.
  public func applied(to interview: RealInterview, at now: Int64) -> RealInterview {
    var out = interview
    switch kind {
    case .eveningBefore: out.reminded = now
    case .writeupDue: if fireHook { out.dueHookFired = now }
    }
    return out
  }

  /// The real interview that makes a full mock unwise at `now`: the soonest less than 18 hours
  /// ahead.
  public static func nightBefore(_ interviews: [RealInterview], now: Int64) -> RealInterview? {
    interviews.filter { $0.at > now && $0.at - now < RealInterview.nightBefore }
      .min { $0.at < $1.at }
  }
}
