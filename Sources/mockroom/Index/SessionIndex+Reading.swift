import Foundation
import MockCore

/// Reading the index back: every entry of a directory, or one, as summaries.
extension SessionIndex {
  /// Every entry for the records in `directory` (in no set order); with `name`, that one only.
  ///
  /// Each table is read in record order beside the records themselves, a merge in one pass:
  /// no lookups per row, and no table held whole in memory.
  func entries(directory: String, name: String? = nil) throws(SQLiteDatabase.Failure)
    -> [Entry]
  {
    var filter = "WHERE directory = ?1"
    var values: [SQLiteDatabase.Value] = [.text(directory)]
    if let name {
      filter += " AND name = ?2"
      values.append(.text(name))
    }
    let phaseColumns =
      Phase.allCases.map { "\($0.name)_budget_ms, \($0.name)_ms" }
      + Phase.allCases.map { "s.\($0.name)_start_budget_ms" }
    let records = try cursor(
      "SELECT r.id, r.name, r.device, r.inode, r.size, r.mtime_ns, r.ctime_ns, r.taken_to,"
        + " r.warnings, s.record, s.session_id, s.title, s.prompt, s.started, s.plan, s.seed,"
        + " s.outcome, s.reason, s.active_ms, s.length_ms, s.drill_start_ms, s.ops_start_ms,"
        + " s.furthest, " + phaseColumns.joined(separator: ", ")
        + ", s.hostile_until_ms, s.checkin_target, s.checkin_spacing_ms, s.checkins_ms,"
        + " s.interviewer"
        + " FROM records r LEFT JOIN sessions s ON s.record = r.id "
        // Every record of a directory: walked in id order (`+` keeps SQLite off the name
        // index, which would need a sort); one record: found by its name.
        + (name == nil ? "WHERE +r.directory = ?1" : "WHERE r.directory = ?1 AND r.name = ?2")
        + " ORDER BY r.id", values)
    // The other tables are walked whole in record order (rows of other directories' records
    // are stepped over), or for one record, sought by its id.
    let scope =
      (name == nil ? "" : " WHERE record = (SELECT id FROM records " + filter + ")")
      + " ORDER BY record"
    let scoped = name == nil ? [] : values
    // A banner's words are for `show` alone: a listing of every record leaves them out.
    let banners = try cursor(
      "SELECT record, number, cue, kind, \(name != nil ? "text" : "NULL"), phase, shown_at_ms,"
        + " late_ms, acknowledged_at_ms, replanned_at_ms, retired_at_ms, answer, answered_at_ms,"
        + " questions FROM banners"
        + scope + ", position", scoped)
    let marks = try cursor(
      "SELECT record, t_ms, mark, move, source FROM marks" + scope + ", position", scoped)
    let notes = try cursor(
      "SELECT record, t_ms, text, source FROM notes" + scope + ", position", scoped)
    let dimensions = MockCore.Dimension.allCases.map(\.rawValue).joined(separator: ", ")
    let debriefs = try cursor(
      "SELECT record, source, overran, why, notes, \(dimensions), by FROM debriefs" + scope,
      scoped)

    // The same titles and debrief words come back session after session: kept once each.
    var strings = Interned()
    var result: [Entry] = []
    if name == nil, let count = try database.integer("SELECT count(*) FROM records") {
      result.reserveCapacity(Int(count))
    }
    let drills = try drills(scope: scope, scoped)
    while let row = records.row, let id = row.int(0) {
      defer { records.advance() }
      guard let entryName = row.text(1), let device = row.int(2), let inode = row.int(3),
        let size = row.int(4), let modified = row.int(5), let changed = row.int(6),
        let takenTo = row.int(7)
      else { continue }
      let warnings = row.text(8).map { $0.isEmpty ? [] : $0.components(separatedBy: "\n") }
      var entry = Entry(
        name: entryName,
        identity: Identity(
          device: device, inode: inode, size: size, modifiedNs: modified, changedNs: changed),
        takenTo: takenTo, summary: nil, warnings: warnings ?? [])
      var summary = row.isNull(9) ? nil : Self.session(row, &strings)
      var complete = row.isNull(9) || summary != nil
      try banners.take(id) { row in
        guard let number = row.int(1), let cue = row.text(2),
          let kind = row.text(3).flatMap(CueKind.init(rawValue:)), let shown = row.int(6)
        else { return complete = false }
        var banner = Banner(
          number: Int(number), cue: cue, kind: kind, text: row.text(4),
          phase: row.text(5).flatMap(Phase.init(name:)), shownAt: shown, late: row.int(7))
        if let at = row.int(8) {
          banner.fate = .acknowledged(at: at)
        } else if let at = row.int(10) {
          banner.fate = .retired(at: at)
        }
        if let at = row.int(9) {
          banner.reply = .replanned(at: at)
        } else if let answer = row.text(11).flatMap(PushbackAnswer.init(rawValue:)),
          let at = row.int(12)
        {
          banner.reply = .answered(answer, at: at)
        }
        banner.questions = row.text(13).map(SessionIndex.lines) ?? []
        summary?.banners.append(banner)
      }
      try marks.take(id) { row in
        guard let t = row.int(1), let name = row.text(2),
          let mark = Mark(name: row.text(3).map { "recovery:" + $0 } ?? name)
        else { return complete = false }
        summary?.marks.append(
          SessionSummary.MarkAt(t: t, mark: mark, source: row.text(4).flatMap(Source.init)))
      }
      try notes.take(id) { row in
        guard let t = row.int(1), let text = row.text(2) else { return complete = false }
        summary?.notes.append(
          SessionSummary.NoteAt(t: t, text: text, source: row.text(3).flatMap(Source.init)))
      }
      try debriefs.take(id) { row in
        guard let source = row.text(1), let why = row.text(3), let notes = row.text(4) else {
          return complete = false
        }
        var scores: [MockCore.Dimension: Int] = [:]
        for (offset, dimension) in MockCore.Dimension.allCases.enumerated() {
          if let score = row.int(Int32(5 + offset)), (1...5).contains(score) {
            scores[dimension] = Int(score)
          }
        }
        var debrief = Debrief(
          scores: scores, overran: row.text(2).flatMap(Phase.init(name:)), why: why,
          notes: notes)
        debrief.by = row.text(Int32(5 + MockCore.Dimension.allCases.count))
        let said = strings.one(debrief)
        if source == Source.interviewer.rawValue {
          summary?.interviewerDebrief = said
        } else {
          summary?.debrief = said
        }
      }
      // A summary whose rows are not all there is not trusted: the record is read again.
      guard complete else { continue }
      entry.summary = summary
      entry.drill = drills[id]
      result.append(entry)
    }
    try records.check()
    return result
  }

  /// What the index remembers of each record file in `directory`, by name.
  func identities(directory: String) throws(SQLiteDatabase.Failure) -> [String: Identity] {
    let rows = try cursor(
      "SELECT id, name, device, inode, size, mtime_ns, ctime_ns FROM records WHERE directory = ?1",
      [.text(directory)])
    var out: [String: Identity] = [:]
    while let row = rows.row {
      defer { rows.advance() }
      guard let name = row.text(1), let device = row.int(2), let inode = row.int(3),
        let size = row.int(4), let modified = row.int(5), let changed = row.int(6)
      else { continue }
      out[name] = Identity(
        device: device, inode: inode, size: size, modifiedNs: modified, changedNs: changed)
    }
    try rows.check()
    return out
  }

  /// Every last-90 banner that showed closing questions, in `directory`'s records: the record's
  /// name, its session's start, and the questions.
  func questionsShown(directory: String) throws(SQLiteDatabase.Failure)
    -> [(name: String, started: String, questions: [String])]
  {
    let rows = try cursor(
      "SELECT b.record, r.name, s.started, b.questions FROM banners b"
        + " JOIN records r ON r.id = b.record JOIN sessions s ON s.record = b.record"
        + " WHERE r.directory = ?1 AND b.questions IS NOT NULL", [.text(directory)])
    var out: [(name: String, started: String, questions: [String])] = []
    while let row = rows.row {
      defer { rows.advance() }
      guard let name = row.text(1), let started = row.text(2), let questions = row.text(3) else {
        continue
      }
      out.append((name, started, Self.lines(questions)))
    }
    try rows.check()
    return out
  }

  /// The drills among the records in scope, by record id: few beside the sessions, read whole.
  private func drills(scope: String, _ values: [SQLiteDatabase.Value]) throws(SQLiteDatabase
    .Failure) -> [Int64: DrillSummary]
  {
    var out: [Int64: DrillSummary] = [:]
    let drills = try cursor(
      "SELECT record, drill_id, drill, started, program, seed, limit_ms, count, outcome, reason"
        + " FROM drills" + scope, values)
    while let row = drills.row, let id = row.int(0) {
      defer { drills.advance() }
      guard let drillID = row.text(1), let kind = row.text(2).flatMap(DrillKind.init(rawValue:)),
        let started = row.text(3), let program = row.text(4), let limit = row.int(6),
        let count = row.int(7)
      else { continue }
      var ending: Ending?
      if let outcome = row.text(8).flatMap(Outcome.init(rawValue:)),
        let reason = row.text(9).flatMap(EndReason.init(tag:))
      {
        ending = Ending(outcome: outcome, reason: reason)
      }
      out[id] = DrillSummary(
        info: DrillInfo(
          id: drillID, program: program, drill: kind,
          seed: row.int(5).map { UInt64(bitPattern: $0) },
          limit: limit, count: Int(count)), started: started, ending: ending, answers: [],
        reviews: [])
    }
    try drills.check()
    let answers = try cursor(
      "SELECT record, number, kind, ratio, band, pass, elapsed_ms, diagnosis FROM drill_answers"
        + scope + ", position", values)
    while let row = answers.row, let id = row.int(0) {
      defer { answers.advance() }
      guard let number = row.int(1), let kind = row.text(2).flatMap(EstimateKind.init(rawValue:)),
        let ratio = row.real(3), let band = row.text(4).flatMap(Band.init(rawValue:)),
        let pass = row.int(5), let elapsed = row.int(6)
      else { continue }
      out[id]?.append(
        DrillSummary.Answer(
          number: Int(number), kind: kind, ratio: ratio, band: band, pass: pass == 1,
          elapsed: elapsed, diagnosis: row.text(7)))
    }
    try answers.check()
    let reviews = try cursor(
      "SELECT record, card, answer, right, exact, rating, elapsed_ms, stability, difficulty,"
        + " interval_days, day FROM card_reviews" + scope + ", position", values)
    while let row = reviews.row, let id = row.int(0) {
      defer { reviews.advance() }
      guard let card = row.text(1), let typed = row.text(2), let right = row.int(3),
        let exact = row.int(4), let rating = row.text(5).flatMap(FSRS.Rating.init(name:)),
        let elapsed = row.int(6), let stability = row.real(7), let difficulty = row.real(8),
        let interval = row.int(9), let day = row.real(10)
      else { continue }
      out[id]?.reviews.append(
        CardReview(
          card: card, typed: typed, right: right == 1, exact: exact == 1, rating: rating,
          elapsed: elapsed,
          memory: FSRS.Memory(
            stability: stability, difficulty: difficulty, reviewed: day, interval: Int(interval))))
    }
    try reviews.check()
    let rounds = try cursor(
      "SELECT record, number, question, text, strong, prompt, move, elapsed_ms, rating,"
        + " interviewer_rating, refused FROM drill_rounds" + scope + ", position", values)
    while let row = rounds.row, let id = row.int(0) {
      defer { rounds.advance() }
      guard let number = row.int(1), let question = row.text(2), let text = row.text(3),
        let strong = row.text(4), let refused = row.text(10)
      else { continue }
      var round = RecoveryRound(
        number: Int(number),
        question: RecoveryQuestion(
          id: question, text: text, strong: SessionIndex.lines(strong), prompt: row.text(5)))
      round.move = row.text(6).flatMap(RecoveryMove.init(name:))
      round.elapsed = row.int(7)
      round.rating = row.int(8).map(Int.init)
      round.interviewerRating = row.int(9).map(Int.init)
      round.refused = refused.split(separator: ",").compactMap { RecoveryMove(name: String($0)) }
      out[id]?.rounds.append(round)
    }
    try rounds.check()
    return out
  }

  /// The session's own row (joined to its record's, from column 9 on), or nil when a value
  /// is missing or unknown.
  private static func session(_ row: SQLiteDatabase.Statement, _ strings: inout Interned)
    -> SessionSummary?
  {
    guard let id = row.text(10), let title = row.text(11), let started = row.text(13),
      let planName = row.text(14), let active = row.int(18), let length = row.int(19),
      let furthest = row.int(22).flatMap({ Phase(rawValue: Int($0)) })
    else { return nil }
    var ending: Ending?
    if let outcome = row.text(16) {
      guard let outcome = Outcome(rawValue: outcome),
        let reason = row.text(17).flatMap(EndReason.init(tag:))
      else { return nil }
      ending = Ending(outcome: outcome, reason: reason)
    }
    var times: [SessionSummary.PhaseTime] = []
    var startBudgets: [Millis] = []
    times.reserveCapacity(Phase.allCases.count)
    for phase in Phase.allCases {
      let column = Int32(23 + 2 * phase.rawValue)
      guard let budget = row.int(column), let actual = row.int(column + 1),
        let began = row.int(Int32(23 + 2 * Phase.allCases.count + phase.rawValue))
      else { return nil }
      times.append(
        SessionSummary.PhaseTime(
          phase: phase, budget: budget, actual: actual, reached: phase <= furthest))
      startBudgets.append(began)
    }
    let columns = Int32(23 + 3 * Phase.allCases.count)
    guard let spacing = row.int(columns + 2), let checkins = row.text(columns + 3) else {
      return nil
    }
    var summary = SessionSummary(
      id: id, title: strings.one(title), prompt: row.text(12).map { strings.one($0) },
      started: started,
      plan: strings.one(Plan(name: planName, budgets: times.map(\.budget))),
      seed: row.int(15).map { UInt64(bitPattern: $0) }, ending: ending, active: active,
      length: length, phases: times, drillStart: row.int(20), opsStart: row.int(21), banners: [],
      marks: [], debrief: nil,
      startPlan: strings.one(Plan(name: planName, budgets: startBudgets)))
    summary.hostile = row.int(columns)
    summary.checkinTarget = row.int(columns + 1).map(Int.init)
    summary.checkinSpacing = spacing
    summary.checkins = checkins.split(separator: ",").compactMap { Millis(String($0)) }
    summary.interviewer = row.text(columns + 4)
    return summary
  }

  /// One copy of each value that repeats across records (titles, plans, debriefs): at
  /// thousands of sessions the copies would cost megabytes.
  private struct Interned {
    private var strings: Set<String> = []
    private var plans: Set<Plan> = []
    private var debriefs: Set<Debrief> = []
    mutating func one(_ text: String) -> String { Self.one(text, in: &strings) }
    mutating func one(_ plan: Plan) -> Plan { Self.one(plan, in: &plans) }
    mutating func one(_ debrief: Debrief) -> Debrief { Self.one(debrief, in: &debriefs) }
    private static func one<T: Hashable>(_ value: T, in seen: inout Set<T>) -> T {
      if let known = seen.firstIndex(of: value) { return seen[known] }
      seen.insert(value)
      return value
    }
  }

  /// A query stepped beside the records: its first column is the record's id, in order.
  private final class Cursor {
    let statement: SQLiteDatabase.Statement
    private(set) var row: SQLiteDatabase.Statement?
    private var failure: SQLiteDatabase.Failure?

    init(_ statement: SQLiteDatabase.Statement) throws(SQLiteDatabase.Failure) {
      self.statement = statement
      row = try statement.step() ? statement : nil
    }

    func advance() {
      do {
        row = try statement.step() ? statement : nil
      } catch {
        failure = error
        row = nil
      }
    }

    /// Hands every row of record `id` to `body` (skipping rows of records not listed).
    func take(_ id: Int64, _ body: (SQLiteDatabase.Statement) -> Void) throws(SQLiteDatabase
      .Failure)
    {
      while let row, let record = row.int(0), record <= id {
        if record == id { body(row) }
        advance()
      }
      try check()
    }

    /// Throws what stepping met, if anything.
    func check() throws(SQLiteDatabase.Failure) {
      if let failure { throw failure }
    }
  }

  private func cursor(_ sql: String, _ values: [SQLiteDatabase.Value]) throws(SQLiteDatabase
    .Failure) -> Cursor
  {
    let statement = try database.prepare(sql)
    try statement.bind(values)
    return try Cursor(statement)
  }
}
