/// The words of banners: what each kind is called, what it says, and the move that answers it.
extension CueKind {
  /// The banner's label.
  public var label: String {
    switch self {
    case .pivot: "PIVOT"
    case .pushback: "PUSHBACK"
    case .curveball: "CURVEBALL"
    case .silence: "SILENCE"
    case .checkin: "CHECK-IN"
    case .lastStretch: "LAST 90 S"
    case .oneMinute: "1 MIN LEFT"
    case .clarifyOver: "CLARIFY OVER"
    case .drillLate: "DRILL LATE"
    case .compressedClose: "CLOSE NOW"
    case .checkinReminder: "CHECK IN"
    }
  }

  /// The move that answers it, in one line.
  public var move: String {
    switch self {
    case .pivot:
      "Say it back, keep what still holds, change what must, drill the change."
    case .pushback:
      "Don't fold or dig in: restate your reason, ask what constraint they mean."
    case .curveball:
      "Invent no figures: say how you'd measure it, state an assumption, go on."
    case .silence:
      "Thinking: wait three seconds. Bored: change something or check in. Unconvinced: surface it."
    case .checkin:
      "Ask whether this is where they want the time to go."
    case .lastStretch:
      "Ask specifics: their worst bottleneck, a recent incident, early success."
    case .oneMinute:
      "Land the point you are on and say what comes next."
    case .clarifyOver:
      "Read your assumptions back in one sentence, get a nod, go to the numbers."
    case .drillLate:
      "Close the diagram; pick the component that matters most and go deep."
    case .compressedClose:
      "Compressed close: a minute on scaling, metrics, rollout, failure modes."
    case .checkinReminder:
      "Ask: is this the direction you want, or should I go deeper elsewhere?"
    }
  }
}

extension Banner {
  /// The move that answers it: for a silence from the deck, the method's response to that
  /// silence (thinking, bored or disagreeing); else its kind's.
  public var move: String {
    guard kind == .silence else { return kind.move }
    if cue.contains("thinking") {
      return "Let it be: wait three seconds, then go on. A thinking silence is theirs to break."
    }
    if cue.contains("bored") {
      return "Change something: a new angle or a level deeper, or check in on the direction."
    }
    if cue.contains("disagree") {
      return "Surface it: ask whether the reasoning holds for them, or offer to revisit it."
    }
    return kind.move
  }

  /// What happened: the interviewer's words for an interjection, ours for a coaching cue.
  public var message: String {
    if let text { return text }
    switch kind {
    case .lastStretch: return "The last 90 seconds: time for your questions to the interviewer."
    case .oneMinute: return "One minute left in \(phase?.name ?? "this phase")."
    case .clarifyOver: return "Clarify has used its whole budget."
    case .drillLate: return "By the plan, the drill should have started by now."
    case .compressedClose: return "Ops has not begun and the plan is nearly spent."
    case .checkinReminder: return "A long stretch of design and drill without checking in."
    default: return ""
    }
  }
}
