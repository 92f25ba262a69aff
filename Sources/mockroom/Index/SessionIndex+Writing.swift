import MockCore

/// Writing the index: entries replaced per record name, in one transaction.
extension SessionIndex {
  /// Stores `entries` for records in `directory` (replacing what was there for each name), and
  /// forgets the names in `removed`, in one transaction.
  func store(_ entries: [Entry], removing removed: [String], directory: String)
    throws(SQLiteDatabase.Failure)
  {
    try database.transaction { () throws(SQLiteDatabase.Failure) in
      let forget = try database.prepare("DELETE FROM records WHERE directory = ?1 AND name = ?2")
      for name in removed + entries.map(\.name) {
        try forget.run([.text(directory), .text(name)])
      }
      let record = try database.prepare(
        "INSERT INTO records (directory, name, device, inode, size, mtime_ns, ctime_ns, taken_to,"
          + " warnings) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id")
      let writer = try Writer(database)
      for entry in entries {
        let i = entry.identity
        try record.bind([
          .text(directory), .text(entry.name), .int(i.device), .int(i.inode), .int(i.size),
          .int(i.modifiedNs), .int(i.changedNs), .int(entry.takenTo),
          .text(entry.warnings.joined(separator: "\n")),
        ])
        guard try record.step(), let id = record.int(0) else { continue }
        while try record.step() {}
        if let summary = entry.summary { try writer.write(summary, record: id) }
        if let drill = entry.drill { try writer.write(drill, record: id) }
      }
    }
  }

  /// The prepared inserts for a summary's rows.
  private struct Writer {
    let session, banner, mark, note, debrief: SQLiteDatabase.Statement
    let drill, answer, review, round: SQLiteDatabase.Statement

    init(_ database: SQLiteDatabase) throws(SQLiteDatabase.Failure) {
      let phases =
        Phase.allCases.map { "\($0.name)_budget_ms, \($0.name)_ms" }
        + Phase.allCases.map { "\($0.name)_start_budget_ms" }
      session = try database.prepare(
        "INSERT INTO sessions (record, session_id, title, prompt, started, plan, seed, outcome,"
          + " reason, active_ms, length_ms, drill_start_ms, ops_start_ms, furthest, "
          + phases.joined(separator: ", ")
          + ", hostile_until_ms, checkin_target, checkin_spacing_ms, checkins_ms, interviewer)"
          + " VALUES ("
          + (1...19 + 3 * Phase.allCases.count).map { "?\($0)" }.joined(separator: ", ") + ")")
      banner = try database.prepare(
        "INSERT INTO banners (record, position, number, cue, kind, text, phase, shown_at_ms,"
          + " late_ms, acknowledged_at_ms, replanned_at_ms, retired_at_ms, answer, answered_at_ms,"
          + " questions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")
      mark = try database.prepare(
        "INSERT INTO marks (record, position, t_ms, mark, move, source)"
          + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      note = try database.prepare(
        "INSERT INTO notes (record, position, t_ms, text, source) VALUES (?1, ?2, ?3, ?4, ?5)")
      let dimensions = MockCore.Dimension.allCases.map(\.rawValue)
      debrief = try database.prepare(
        "INSERT INTO debriefs (record, source, overran, why, notes, "
          + dimensions.joined(separator: ", ") + ", by) VALUES (?1, ?2, ?3, ?4, ?5, "
          + (6..<7 + dimensions.count).map { "?\($0)" }.joined(separator: ", ") + ")")
      drill = try database.prepare(
        "INSERT INTO drills (record, drill_id, drill, started, program, seed, limit_ms, count,"
          + " outcome, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
      answer = try database.prepare(
        "INSERT INTO drill_answers (record, position, number, kind, ratio, band, pass,"
          + " elapsed_ms, diagnosis) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
      review = try database.prepare(
        "INSERT INTO card_reviews (record, position, card, answer, right, exact, rating,"
          + " elapsed_ms, stability, difficulty, interval_days, day)"
          + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
      round = try database.prepare(
        "INSERT INTO drill_rounds (record, position, number, question, text, strong, prompt, move,"
          + " elapsed_ms, rating, interviewer_rating, refused)"
          + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
    }

    func write(_ d: DrillSummary, record: Int64) throws(SQLiteDatabase.Failure) {
      let id = SQLiteDatabase.Value.int(record)
      try drill.run([
        id, .text(d.info.id), .text(d.info.drill.rawValue), .text(d.started), .text(d.info.program),
        .int(d.info.seed.map { Int64(bitPattern: $0) }), .int(d.info.limit),
        .int(Int64(d.info.count)), .text(d.ending?.outcome.rawValue),
        .text(d.ending.map(\.reason.tag)),
      ])
      for (position, a) in (d.answers + d.slips).enumerated() {
        try answer.run([
          id, .int(Int64(position)), .int(Int64(a.number)), .text(a.kind.rawValue),
          .real(a.ratio), .text(a.band.rawValue), .int(a.pass ? 1 : 0), .int(a.elapsed),
          .text(a.diagnosis),
        ])
      }
      for (position, r) in d.reviews.enumerated() {
        try review.run([
          id, .int(Int64(position)), .text(r.card), .text(r.typed), .int(r.right ? 1 : 0),
          .int(r.exact ? 1 : 0), .text(r.rating.name), .int(r.elapsed), .real(r.stability),
          .real(r.difficulty), .int(Int64(r.interval)), .real(r.day),
        ])
      }
      for (position, r) in d.rounds.enumerated() {
        try round.run([
          id, .int(Int64(position)), .int(Int64(r.number)), .text(r.question.id),
          .text(r.question.text), .text(SessionIndex.lines(r.question.strong)),
          .text(r.question.prompt), .text(r.move?.name), .int(r.elapsed),
          .int(r.rating.map(Int64.init)), .int(r.interviewerRating.map(Int64.init)),
          .text(r.refused.map(\.name).joined(separator: ",")),
        ])
      }
    }

    func write(_ s: SessionSummary, record: Int64) throws(SQLiteDatabase.Failure) {
      let id = SQLiteDatabase.Value.int(record)
      try session.run(
        [
          id, .text(s.id), .text(s.title), .text(s.prompt), .text(s.started), .text(s.plan.name),
          .int(s.seed.map { Int64(bitPattern: $0) }), .text(s.ending?.outcome.rawValue),
          .text(s.ending.map(\.reason.tag)), .int(s.active),
          .int(s.length), .int(s.drillStart), .int(s.opsStart),
          .int(s.phases.last(where: \.reached)?.phase.rawValue ?? 0),
        ] + s.phases.flatMap { [.int($0.budget), .int($0.actual)] }
          + Phase.allCases.map { .int(s.startPlan[$0]) }
          + [
            .int(s.hostile), .int(s.checkinTarget.map(Int64.init)), .int(s.checkinSpacing),
            .text(s.checkins.map(String.init).joined(separator: ",")), .text(s.interviewer),
          ])
      for (position, b) in s.banners.enumerated() {
        try banner.run([
          id, .int(position), .int(b.number), .text(b.cue), .text(b.kind.rawValue), .text(b.text),
          .text(b.phase?.name), .int(b.shownAt), .int(b.late), .int(b.acknowledgedAt),
          .int(b.replannedAt), .int(b.retiredAt), .text(b.answer?.rawValue),
          .int(b.answeredAt), .text(b.questions.isEmpty ? nil : SessionIndex.lines(b.questions)),
        ])
      }
      for (position, m) in s.marks.enumerated() {
        var move: String?
        if case .recovery(let used) = m.mark { move = used.name }
        try mark.run([
          id, .int(position), .int(m.t), .text(m.mark.name), .text(move),
          .text(m.source?.rawValue),
        ])
      }
      for (position, n) in s.notes.enumerated() {
        try note.run([id, .int(position), .int(n.t), .text(n.text), .text(n.source?.rawValue)])
      }
      for (source, said) in [(Source.candidate, s.debrief), (.interviewer, s.interviewerDebrief)] {
        guard let said else { continue }
        try debrief.run(
          [
            id, .text(source.rawValue), .text(said.overran?.name), .text(said.why),
            .text(said.notes),
          ] + MockCore.Dimension.allCases.map { .int(said.scores[$0]) } + [.text(said.by)])
      }
    }
  }
}
