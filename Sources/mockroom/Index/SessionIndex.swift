import Foundation
import Glibc
import MockCore

/// The derived index of session records: what each record came to, in SQLite, so `history`,
/// `show` and `stats` need not read and replay thousands of records each time. The records stay
/// the only truth. The index is rebuilt from them, by itself, when it is missing, damaged, of
/// another schema, or not a file; `mockroom reindex` rebuilds it on demand. Its tables are
/// documented in the README, for anyone who wants to run `sqlite3` on it.
final class SessionIndex {
  /// Bump when the tables, or what a summary holds, change: an index of another version is
  /// rebuilt.
  static let schema: Int64 = 1

  /// Who a record file is: any edit, copy or replacement changes one of these.
  struct Identity: Equatable, Sendable {
    var device: Int64
    var inode: Int64
    var size: Int64
    var modifiedNs: Int64
    var changedNs: Int64

    /// The identity of the file at `path` (following a symlink), or nil when there is none.
    init?(path: String) {
      var info = stat()
      guard stat(path, &info) == 0 else { return nil }
      device = Int64(bitPattern: UInt64(info.st_dev))
      inode = Int64(bitPattern: UInt64(info.st_ino))
      size = Int64(info.st_size)
      modifiedNs = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
      changedNs = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    }

    /// Matches no file: a record that could not be looked at is read again next time.
    static let unknown = Identity(device: 0, inode: 0, size: -1, modifiedNs: 0, changedNs: 0)

    init(device: Int64, inode: Int64, size: Int64, modifiedNs: Int64, changedNs: Int64) {
      self.device = device
      self.inode = inode
      self.size = size
      self.modifiedNs = modifiedNs
      self.changedNs = changedNs
    }
  }

  /// What the index holds of one record file.
  struct Entry: Sendable {
    var name: String
    var identity: Identity
    /// The byte offset just past the last whole line taken in.
    var takenTo: Int64
    var summary: SessionSummary?
    var warnings: [String]
  }

  /// Where the index lives, or `:memory:` when it cannot live on disk this time.
  let path: String
  private var database: SQLiteDatabase
  /// Said once, on stderr, by the caller: why the index is not where it should be.
  private(set) var notices: [String] = []

  /// Opens the index at `path` (nil: in memory), rebuilding it when it is not usable.
  init(path: String?) {
    guard let path else {
      self.path = ":memory:"
      database = Self.memory()
      return
    }
    if let problem = Self.notAFile(path) {
      // A directory may hold someone's files: leave it, and index in memory this time.
      notices.append("\(path) is \(problem), not the index; indexing in memory this time")
      self.path = ":memory:"
      database = Self.memory()
      return
    }
    self.path = path
    do {
      database = try Self.open(path)
    } catch {
      Self.remove(path)
      do {
        database = try Self.open(path)
      } catch {
        notices.append("\(path): \(error); indexing in memory this time")
        database = Self.memory()
      }
    }
  }

  /// Throws the index away and starts an empty one (a damaged file, or `reindex`).
  func reset() {
    guard path != ":memory:" else {
      database = Self.memory()
      return
    }
    database = Self.memory()  // closes the file before it is removed
    Self.remove(path)
    do {
      database = try Self.open(path)
    } catch {
      notices.append("\(path): \(error); indexing in memory this time")
    }
  }

  // MARK: - Reading

  /// Every entry for the records in `directory` (in no set order); with `name`, that one only.
  ///
  /// Each table is read in record order beside the records themselves, a merge in one pass:
  /// no lookups per row, and no table held whole in memory.
  func entries(directory: String, name: String? = nil) throws(SQLiteDatabase.Failure)
    -> [Entry?]
  {
    var filter = "WHERE directory = ?1"
    var values: [SQLiteDatabase.Value] = [.text(directory)]
    if let name {
      filter += " AND name = ?2"
      values.append(.text(name))
    }
    let phaseColumns = Phase.allCases.map { "\($0.name)_budget_ms, \($0.name)_ms" }
    let records = try cursor(
      "SELECT r.id, r.name, r.device, r.inode, r.size, r.mtime_ns, r.ctime_ns, r.taken_to,"
        + " r.warnings, s.record, s.session_id, s.title, s.prompt, s.started, s.plan, s.seed,"
        + " s.outcome, s.reason, s.active_ms, s.length_ms, s.drill_start_ms, s.ops_start_ms,"
        + " s.furthest, " + phaseColumns.joined(separator: ", ")
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
        + " late_ms, acknowledged_at_ms, replanned_at_ms, retired FROM banners"
        + scope + ", position", scoped)
    let marks = try cursor(
      "SELECT record, t_ms, mark, move, source FROM marks" + scope + ", position", scoped)
    let notes = try cursor(
      "SELECT record, t_ms, text, source FROM notes" + scope + ", position", scoped)
    let dimensions = MockCore.Dimension.allCases.map(\.rawValue).joined(separator: ", ")
    let debriefs = try cursor(
      "SELECT record, source, overran, why, notes, \(dimensions) FROM debriefs" + scope, scoped)

    // The same titles and debrief words come back session after session: kept once each.
    var strings = Interned()
    var result: [Entry?] = []
    if name == nil, let count = try database.integer("SELECT count(*) FROM records") {
      result.reserveCapacity(Int(count))
    }
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
        banner.acknowledgedAt = row.int(8)
        banner.replannedAt = row.int(9)
        banner.retired = row.int(10) == 1
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
        let said = strings.one(
          Debrief(
            scores: scores, overran: row.text(2).flatMap(Phase.init(name:)), why: why,
            notes: notes))
        if source == Source.interviewer.rawValue {
          summary?.interviewerDebrief = said
        } else {
          summary?.debrief = said
        }
      }
      // A summary whose rows are not all there is not trusted: the record is read again.
      guard complete else { continue }
      entry.summary = summary
      result.append(entry)
    }
    try records.check()
    return result
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
        let reason = row.text(17).flatMap(Self.endReason)
      else { return nil }
      ending = Ending(outcome: outcome, reason: reason)
    }
    var times: [SessionSummary.PhaseTime] = []
    times.reserveCapacity(Phase.allCases.count)
    for phase in Phase.allCases {
      let column = Int32(23 + 2 * phase.rawValue)
      guard let budget = row.int(column), let actual = row.int(column + 1) else { return nil }
      times.append(
        SessionSummary.PhaseTime(
          phase: phase, budget: budget, actual: actual, reached: phase <= furthest))
    }
    return SessionSummary(
      id: id, title: strings.one(title), prompt: row.text(12).map { strings.one($0) },
      started: started,
      plan: strings.one(Plan(name: planName, budgets: times.map(\.budget))),
      seed: row.int(15).map { UInt64(bitPattern: $0) }, ending: ending, active: active,
      length: length, phases: times, drillStart: row.int(20), opsStart: row.int(21), banners: [],
      marks: [], debrief: nil)
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

  // MARK: - Writing

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
      }
    }
  }

  /// The prepared inserts for a summary's rows.
  private struct Writer {
    let session, banner, mark, note, debrief: SQLiteDatabase.Statement

    init(_ database: SQLiteDatabase) throws(SQLiteDatabase.Failure) {
      let phases = Phase.allCases.map { "\($0.name)_budget_ms, \($0.name)_ms" }
      session = try database.prepare(
        "INSERT INTO sessions (record, session_id, title, prompt, started, plan, seed, outcome,"
          + " reason, active_ms, length_ms, drill_start_ms, ops_start_ms, furthest, "
          + phases.joined(separator: ", ") + ") VALUES ("
          + (1...14 + 2 * phases.count).map { "?\($0)" }.joined(separator: ", ") + ")")
      banner = try database.prepare(
        "INSERT INTO banners (record, position, number, cue, kind, text, phase, shown_at_ms,"
          + " late_ms, acknowledged_at_ms, replanned_at_ms, retired)"
          + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
      mark = try database.prepare(
        "INSERT INTO marks (record, position, t_ms, mark, move, source)"
          + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      note = try database.prepare(
        "INSERT INTO notes (record, position, t_ms, text, source) VALUES (?1, ?2, ?3, ?4, ?5)")
      let dimensions = MockCore.Dimension.allCases.map(\.rawValue)
      debrief = try database.prepare(
        "INSERT INTO debriefs (record, source, overran, why, notes, "
          + dimensions.joined(separator: ", ") + ") VALUES (?1, ?2, ?3, ?4, ?5, "
          + (6..<6 + dimensions.count).map { "?\($0)" }.joined(separator: ", ") + ")")
    }

    func write(_ s: SessionSummary, record: Int64) throws(SQLiteDatabase.Failure) {
      let id = SQLiteDatabase.Value.int(record)
      try session.run(
        [
          id, .text(s.id), .text(s.title), .text(s.prompt), .text(s.started), .text(s.plan.name),
          .int(s.seed.map { Int64(bitPattern: $0) }), .text(s.ending?.outcome.rawValue),
          .text(s.ending.map { SessionIndex.reasonText($0.reason) }), .int(s.active),
          .int(s.length), .int(s.drillStart), .int(s.opsStart),
          .int(s.phases.last(where: \.reached)?.phase.rawValue ?? 0),
        ] + s.phases.flatMap { [.int($0.budget), .int($0.actual)] })
      for (position, b) in s.banners.enumerated() {
        try banner.run([
          id, .int(position), .int(b.number), .text(b.cue), .text(b.kind.rawValue), .text(b.text),
          .text(b.phase?.name), .int(b.shownAt), .int(b.late), .int(b.acknowledgedAt),
          .int(b.replannedAt), .int(b.retired ? 1 : 0),
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
          ] + MockCore.Dimension.allCases.map { .int(said.scores[$0]) })
      }
    }
  }

  // MARK: - The file

  private static let tables = """
    CREATE TABLE records (
      id INTEGER PRIMARY KEY,
      directory TEXT NOT NULL,
      name TEXT NOT NULL,
      device INTEGER NOT NULL,
      inode INTEGER NOT NULL,
      size INTEGER NOT NULL,
      mtime_ns INTEGER NOT NULL,
      ctime_ns INTEGER NOT NULL,
      taken_to INTEGER NOT NULL,
      warnings TEXT NOT NULL,
      UNIQUE (directory, name));
    CREATE TABLE sessions (
      record INTEGER PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,
      session_id TEXT NOT NULL, title TEXT NOT NULL, prompt TEXT, started TEXT NOT NULL,
      plan TEXT NOT NULL, seed INTEGER, outcome TEXT, reason TEXT,
      active_ms INTEGER NOT NULL, length_ms INTEGER NOT NULL,
      drill_start_ms INTEGER, ops_start_ms INTEGER, furthest INTEGER NOT NULL,
      clarify_budget_ms INTEGER NOT NULL, clarify_ms INTEGER NOT NULL,
      estimate_budget_ms INTEGER NOT NULL, estimate_ms INTEGER NOT NULL,
      design_budget_ms INTEGER NOT NULL, design_ms INTEGER NOT NULL,
      drill_budget_ms INTEGER NOT NULL, drill_ms INTEGER NOT NULL,
      ops_budget_ms INTEGER NOT NULL, ops_ms INTEGER NOT NULL);
    CREATE TABLE banners (
      record INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
      position INTEGER NOT NULL, number INTEGER NOT NULL, cue TEXT NOT NULL, kind TEXT NOT NULL,
      text TEXT, phase TEXT, shown_at_ms INTEGER NOT NULL, late_ms INTEGER,
      acknowledged_at_ms INTEGER, replanned_at_ms INTEGER, retired INTEGER NOT NULL,
      PRIMARY KEY (record, position)) WITHOUT ROWID;
    CREATE TABLE marks (
      record INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
      position INTEGER NOT NULL, t_ms INTEGER NOT NULL, mark TEXT NOT NULL, move TEXT,
      source TEXT,
      PRIMARY KEY (record, position)) WITHOUT ROWID;
    CREATE TABLE notes (
      record INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
      position INTEGER NOT NULL, t_ms INTEGER NOT NULL, text TEXT NOT NULL, source TEXT,
      PRIMARY KEY (record, position)) WITHOUT ROWID;
    CREATE TABLE debriefs (
      record INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
      source TEXT NOT NULL, overran TEXT, why TEXT NOT NULL, notes TEXT NOT NULL,
      judgment INTEGER, numbers INTEGER, tradeoffs INTEGER, operations INTEGER, recovery INTEGER,
      PRIMARY KEY (record, source)) WITHOUT ROWID;
    """

  /// Opens the file and checks it is this schema's index, creating the tables in a new one.
  private static func open(_ path: String) throws(SQLiteDatabase.Failure) -> SQLiteDatabase {
    let directory = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let database = try SQLiteDatabase(path: path)
    try database.execute(
      // Reads are scans in order: a small page cache serves them as well as a large one.
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
        + " PRAGMA cache_size = -512")
    let version = try database.integer("PRAGMA user_version") ?? 0
    let tables = try database.integer("SELECT count(*) FROM sqlite_schema") ?? 0
    if version == schema { return database }
    guard version == 0, tables == 0 else {
      throw SQLiteDatabase.Failure(
        code: 0, description: "an index of another version (\(version))")
    }
    try database.transaction { () throws(SQLiteDatabase.Failure) in
      try database.execute(Self.tables)
      try database.execute("PRAGMA user_version = \(schema)")
    }
    return database
  }

  private static func memory() -> SQLiteDatabase {
    // An in-memory database cannot fail to open short of running out of memory.
    let database = try! SQLiteDatabase(path: ":memory:")
    try? database.execute("PRAGMA foreign_keys = ON")
    try? database.execute(Self.tables)
    return database
  }

  /// Removes the index and its write-ahead log, as SQLite names them.
  private static func remove(_ path: String) {
    for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
  }

  /// What stands at the index's path when it is neither absent nor a regular file (a
  /// directory, a FIFO…); such a thing that is not a directory is removed, being in the cache.
  private static func notAFile(_ path: String) -> String? {
    var info = stat()
    if lstat(path, &info) != 0 { return nil }
    var target = stat()
    let kind = stat(path, &target) == 0 ? target.st_mode & S_IFMT : 0
    if kind == S_IFREG { return nil }
    if kind == S_IFDIR { return "a directory" }
    unlink(path)
    return nil
  }

  static func reasonText(_ reason: EndReason) -> String {
    switch reason {
    case .completed: "completed"
    case .quit: "quit"
    case .signal(let name): "signal:" + name
    }
  }

  static func endReason(_ text: String) -> EndReason? {
    switch text {
    case "completed": .completed
    case "quit": .quit
    case let text where text.hasPrefix("signal:"): .signal(String(text.dropFirst(7)))
    default: nil
    }
  }
}
