/// A session's timeline for the report, from its record: the phases as they were worked, the
/// pauses, every banner with when it was acknowledged and re-planned, the marks and notes with
/// who made them, and the changes to the plan.
public struct Timeline: Equatable, Sendable {
  public struct Span: Equatable, Sendable {
    public var name: String
    public var from: Millis
    public var to: Millis
  }

  /// One row of the table under the chart.
  public struct Event: Equatable, Sendable {
    public var t: Millis
    public var what: String
    public var detail: String
    public var by: String
  }

  public var end: Millis
  public var phases: [Span] = []
  public var pauses: [Span] = []
  public var banners: [Banner]
  public var marks: [SessionSummary.MarkAt]
  public var notes: [SessionSummary.NoteAt]
  public var changes: [Event] = []
  public var others: [Event] = []

  public init(_ summary: SessionSummary, records: [Record]) {
    end = max(summary.length, records.last?.t ?? 0)
    banners = summary.banners
    marks = summary.marks
    notes = summary.notes
    var phase: (Phase, Millis)?
    var paused: (String, Millis)?
    for record in records {
      let t = record.t
      let by = record.source?.rawValue ?? ""
      switch record.entry {
      case .phaseEntered(let entered):
        let next = entered.phase
        if let (current, from) = phase {
          phases.append(Span(name: current.name, from: from, to: t))
        }
        phase = (next, t)
      case .sessionEnded:
        if let (current, from) = phase {
          phases.append(Span(name: current.name, from: from, to: t))
        }
        phase = nil
        if let (why, from) = paused { pauses.append(Span(name: why, from: from, to: t)) }
        paused = nil
      case .paused: paused = paused ?? ("paused", t)
      case .suspended: paused = paused ?? ("stepped away", t)
      case .resumed, .continued:
        if let (why, from) = paused { pauses.append(Span(name: why, from: from, to: t)) }
        paused = nil
      case .budgetChanged(let change):
        let (p, from, to) = (change.phase, change.from, change.to)
        changes.append(
          Event(
            t: t, what: "budget",
            detail: "\(p.name) \(DurationText.clock(from)) to \(DurationText.clock(to))", by: by))
      case .rebalanced(let change):
        let (p, other, moved) = (change.phase, change.other, change.moved)
        let amount = DurationText.clock(abs(moved))
        changes.append(
          Event(
            t: t, what: "rebalanced",
            detail: moved > 0
              ? "\(p.name) took \(amount) from \(other.name)"
              : "\(p.name) gave \(amount) to \(other.name)", by: by))
      case .slept(let gap):
        others.append(
          Event(t: t, what: "slept", detail: "the machine slept \(DurationText.clock(gap))", by: "")
        )
      case .hookFailed(let failure):
        others.append(
          Event(
            t: t, what: "hook failed",
            detail: "\(failure.event.rawValue): \(failure.command): \(failure.why)", by: ""))
      case .checkinCounted(let counted):
        let (number, target) = (counted.number, counted.target)
        others.append(
          Event(t: t, what: "check-in counted", detail: "\(number) of \(target)", by: by))
      case .sessionStarted, .phaseLeft, .cueFired, .acknowledged, .replanned, .marked, .debrief,
        .held, .released, .skipped, .note, .drillStarted, .problemShown, .problemAnswered,
        .cardReviewed, .drillEnded, .roundShown, .moveChosen, .moveTakenBack, .moveRefused,
        .roundRated,
        .pushbackAnswered, .slipShown, .slipAnswered:
        // A pushback's answer is told with its banner.
        break
      }
    }
    // A record cut short: what was open runs to its last line.
    if let (current, from) = phase { phases.append(Span(name: current.name, from: from, to: end)) }
    if let (why, from) = paused { pauses.append(Span(name: why, from: from, to: end)) }
  }

  /// Every event in time order, as the table lists them.
  public var events: [Event] {
    var out: [Event] = []
    for span in phases {
      out.append(Event(t: span.from, what: "phase", detail: "\(span.name) began", by: ""))
    }
    for span in pauses {
      out.append(
        Event(
          t: span.from, what: span.name,
          detail: "for \(DurationText.clock(span.to - span.from))", by: ""))
    }
    for b in banners {
      var detail = b.message
      if let ack = b.acknowledgedAt {
        detail += "; acknowledged after \(DurationText.clock(ack - b.shownAt))"
      } else {
        detail += b.retired ? "; taken down with its phase" : "; never acknowledged"
      }
      if let replan = b.replannedAt {
        detail += "; re-planned after \(DurationText.clock(replan - b.shownAt))"
      }
      if let answer = b.answer, let at = b.answeredAt {
        detail += "; \(answer.label) after \(DurationText.clock(at - b.shownAt))"
      }
      out.append(Event(t: b.shownAt, what: b.kind.label, detail: detail, by: ""))
    }
    for m in marks {
      out.append(
        Event(t: m.t, what: "mark", detail: m.mark.label, by: m.source?.rawValue ?? "candidate"))
    }
    for note in notes {
      out.append(Event(t: note.t, what: "note", detail: note.text, by: note.source?.rawValue ?? ""))
    }
    out += changes + others
    return out.enumerated().sorted { ($0.element.t, $0.offset) < ($1.element.t, $1.offset) }
      .map(\.element)
  }
}

extension Chart {
  /// The letter over a banner's circle: P pivot, B pushback, C curveball, S silence, K check-in,
  /// and for a coaching cue, T (time).
  static func letter(_ kind: CueKind) -> String {
    switch kind {
    case .pivot: "P"
    case .pushback: "B"
    case .curveball: "C"
    case .silence: "S"
    case .checkin: "K"
    case .lastStretch, .oneMinute, .clarifyOver, .drillLate, .compressedClose, .checkinReminder:
      "T"
    }
  }

  /// The session on one time axis: phases, pauses, cues (a circle when it went up, a line to
  /// its acknowledgement, a tick at the re-plan), marks (diamonds), notes (squares) and plan
  /// changes (dashed lines).
  public static func timeline(_ timeline: Timeline, id: String) -> Markup {
    let left = 70.0
    let right = 740.0
    let top = max(timeline.end, 60_000)
    let scale = Scale(domain: 0...Double(top), range: (left, right))
    func x(_ t: Millis) -> Double { scale(Double(t)) }
    let rows = (phases: 8.0, cues: 48.0, marks: 78.0, notes: 108.0)
    let axisY = rows.notes + 16
    var body = timeAxis(scale, top: top, y: axisY, gridFrom: rows.phases + 22)
    for (label, y) in [
      ("phases", rows.phases + 14), ("cues", rows.cues + 4), ("marks", rows.marks + 4),
      ("notes", rows.notes + 4),
    ] {
      body.append(text(label, x: left - 8, y: y, anchor: "end"))
    }
    for span in timeline.pauses {
      body.append(
        rect(
          x: x(span.from), y: rows.phases, width: x(span.to) - x(span.from), height: 114,
          class: "pause",
          title: "\(span.name) at \(DurationText.clock(span.from)) for "
            + DurationText.clock(span.to - span.from)))
    }
    for (index, span) in timeline.phases.enumerated() {
      let width = x(span.to) - x(span.from)
      body.append(
        rect(
          x: x(span.from), y: rows.phases, width: width, height: 20,
          class: "phase phase-\(index % 2)",
          title: "\(span.name) \(DurationText.clock(span.from))-\(DurationText.clock(span.to))"))
      if width > 44 {
        body.append(text(span.name, x: x(span.from) + 4, y: rows.phases + 14, class: "phase-name"))
      }
    }
    for change in timeline.changes {
      body.append(
        el(
          "line",
          [
            ("x1", n(x(change.t))), ("y1", n(rows.phases)), ("x2", n(x(change.t))),
            ("y2", n(rows.notes + 12)), ("class", "change"),
          ],
          el("title", text: "\(DurationText.clock(change.t)) \(change.what): \(change.detail)")))
    }
    for b in timeline.banners {
      let shown = x(b.shownAt)
      var tip = "\(b.kind.label) at \(DurationText.clock(b.shownAt)): \(b.message)"
      if let ack = b.acknowledgedAt {
        body.append(line(shown, rows.cues, x(ack), rows.cues, class: "wait"))
        tip += "; acknowledged after \(DurationText.clock(ack - b.shownAt))"
      }
      if let replan = b.replannedAt {
        body.append(line(x(replan), rows.cues - 7, x(replan), rows.cues + 7, class: "replan"))
        tip += "; re-planned after \(DurationText.clock(replan - b.shownAt))"
      }
      body.append(
        el(
          "circle",
          [
            ("cx", n(shown)), ("cy", n(rows.cues)), ("r", "5"),
            ("class", b.kind.isInterjection ? "cue interjection" : "cue coaching"),
          ],
          el("title", text: tip)))
      // The kind in a letter over its circle, so kinds are told apart without colour.
      body.append(
        text(Self.letter(b.kind), x: shown, y: rows.cues - 8, anchor: "middle", class: "tick"))
    }
    for m in timeline.marks {
      let cx = x(m.t)
      let cy = rows.marks
      body.append(
        el(
          "path",
          [
            (
              "d",
              "M\(n(cx)) \(n(cy - 6))L\(n(cx + 6)) \(n(cy))L\(n(cx)) \(n(cy + 6))L\(n(cx - 6)) \(n(cy))Z"
            ),
            ("class", "mark"),
          ],
          el(
            "title",
            text:
              "\(m.mark.label) at \(DurationText.clock(m.t)) (\(m.source?.rawValue ?? "candidate"))"
          )))
    }
    for note in timeline.notes {
      body.append(
        rect(
          x: x(note.t) - 4, y: rows.notes - 4, width: 8, height: 8, class: "note-mark",
          title: "note at \(DurationText.clock(note.t)): \(note.text)"))
    }
    let pivots = timeline.banners.filter { $0.kind == .pivot }.count
    return svg(
      id: id, width: 760, height: axisY + 22, title: "The session on one time axis",
      desc: "\(timeline.phases.count) phase stints, \(timeline.pauses.count) pauses, "
        + "\(timeline.banners.count) banners (\(pivots) pivots), \(timeline.marks.count) marks, "
        + "\(timeline.notes.count) notes and \(timeline.changes.count) plan changes over "
        + "\(DurationText.clock(timeline.end)).", body)
  }
}
