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
  static let schema: Int64 = 7

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
    /// A drill's record holds this in place of a session's summary.
    var drill: DrillSummary? = nil
  }

  /// Where the index lives, or `:memory:` when it cannot live on disk this time.
  private(set) var path: String
  private(set) var database: SQLiteDatabase
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
      unwritable = (path, "it is \(problem)")
      self.path = ":memory:"
      database = Self.memory()
      return
    }
    self.path = path
    do {
      database = try Self.open(path)
    } catch  where error.isDamage || error.code == Self.otherVersion {
      // Only what the records can rebuild is thrown away: never an index that is merely busy
      // (another mockroom has it) or that could not be opened for another reason.
      Self.remove(path)
      do {
        database = try Self.open(path)
      } catch {
        database = Self.memory()
        inMemory(because: "\(error)")
      }
    } catch {
      database = Self.memory()
      inMemory(because: "\(error)")
    }
  }

  /// The index cannot be used on disk this time: say so once, and keep it in memory.
  private func inMemory(because reason: String) {
    notices.append("\(path): \(reason); indexing in memory this time")
    unwritable = (path, reason)
    path = ":memory:"
  }

  /// Where the index should have been and why it could not be, when it is kept in memory
  /// because of its file (not when it was asked to live in memory).
  private(set) var unwritable: (path: String, reason: String)?

  /// Forgets what was said so far (`reindex` says it its own way).
  func forgetNotices() { notices = [] }

  /// The code `open` gives an index of another schema version.
  static let otherVersion: Int32 = -1

  /// Throws the index away and starts an empty one (a damaged file, or `reindex`).
  func reset() {
    guard path != ":memory:" else {
      database = Self.memory()
      return
    }
    database = Self.memory()  // closes the file before it is removed
    if let failure = Self.remove(path) {
      // Left where it is, the old index would be opened again and taken for a new one.
      inMemory(because: "cannot remove the old index (\(failure))")
      return
    }
    do {
      database = try Self.open(path)
    } catch {
      inMemory(because: "\(error)")
    }
  }

  /// A list of texts in one column, a line each (a text of the lists has no newline).
  static func lines(_ texts: [String]) -> String {
    texts.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n")
  }

  static func lines(_ column: String) -> [String] {
    column.isEmpty ? [] : column.components(separatedBy: "\n")
  }

  // MARK: - The file

  static let tables = """
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
      ops_budget_ms INTEGER NOT NULL, ops_ms INTEGER NOT NULL,
      clarify_start_budget_ms INTEGER NOT NULL, estimate_start_budget_ms INTEGER NOT NULL,
      design_start_budget_ms INTEGER NOT NULL, drill_start_budget_ms INTEGER NOT NULL,
      ops_start_budget_ms INTEGER NOT NULL,
      hostile_until_ms INTEGER, checkin_target INTEGER, checkin_spacing_ms INTEGER NOT NULL,
      checkins_ms TEXT NOT NULL, interviewer TEXT);
    CREATE TABLE banners (
      record INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
      position INTEGER NOT NULL, number INTEGER NOT NULL, cue TEXT NOT NULL, kind TEXT NOT NULL,
      text TEXT, phase TEXT, shown_at_ms INTEGER NOT NULL, late_ms INTEGER,
      acknowledged_at_ms INTEGER, replanned_at_ms INTEGER, retired_at_ms INTEGER,
      answer TEXT, answered_at_ms INTEGER, questions TEXT,
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
      source TEXT NOT NULL, overran TEXT, why TEXT NOT NULL, notes TEXT NOT NULL, by TEXT,
      judgment INTEGER, numbers INTEGER, tradeoffs INTEGER, operations INTEGER, recovery INTEGER,
      PRIMARY KEY (record, source)) WITHOUT ROWID;
    CREATE TABLE drills (
      record INTEGER PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,
      drill_id TEXT NOT NULL, drill TEXT NOT NULL, started TEXT NOT NULL, program TEXT NOT NULL,
      seed INTEGER, limit_ms INTEGER NOT NULL, count INTEGER NOT NULL, outcome TEXT,
      reason TEXT);
    CREATE TABLE drill_answers (
      record INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
      position INTEGER NOT NULL, number INTEGER NOT NULL, kind TEXT NOT NULL, ratio REAL NOT NULL,
      band TEXT NOT NULL, pass INTEGER NOT NULL, elapsed_ms INTEGER NOT NULL, diagnosis TEXT,
      PRIMARY KEY (record, position)) WITHOUT ROWID;
    CREATE TABLE card_reviews (
      record INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
      position INTEGER NOT NULL, card TEXT NOT NULL, answer TEXT NOT NULL, right INTEGER NOT NULL,
      exact INTEGER NOT NULL, rating TEXT NOT NULL, elapsed_ms INTEGER NOT NULL,
      stability REAL NOT NULL, difficulty REAL NOT NULL, interval_days INTEGER NOT NULL,
      day REAL NOT NULL,
      PRIMARY KEY (record, position)) WITHOUT ROWID;
    CREATE TABLE drill_rounds (
      record INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
      position INTEGER NOT NULL, number INTEGER NOT NULL, question TEXT NOT NULL,
      text TEXT NOT NULL, strong TEXT NOT NULL, prompt TEXT, move TEXT, elapsed_ms INTEGER,
      rating INTEGER, interviewer_rating INTEGER, refused TEXT NOT NULL,
      PRIMARY KEY (record, position)) WITHOUT ROWID;
    CREATE TABLE interviews (
      directory TEXT NOT NULL, name TEXT NOT NULL,
      device INTEGER NOT NULL, inode INTEGER NOT NULL, size INTEGER NOT NULL,
      mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, zone TEXT NOT NULL,
      at INTEGER NOT NULL, outcome TEXT, interview TEXT NOT NULL,
      PRIMARY KEY (directory, name)) WITHOUT ROWID;
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
    if try database.integer("PRAGMA user_version") == schema { return database }
    // Looked at again inside the write transaction: several programs may find a new index
    // empty at once, and only the first to take the lock makes the tables; the others wait
    // for it (the busy timeout) and then find them made.
    try database.transaction { () throws(SQLiteDatabase.Failure) in
      let version = try database.integer("PRAGMA user_version") ?? 0
      if version == schema { return }
      let tables = try database.integer("SELECT count(*) FROM sqlite_schema") ?? 0
      guard version == 0, tables == 0 else {
        throw SQLiteDatabase.Failure(
          code: otherVersion, description: "an index of another version (\(version))")
      }
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
  /// Returns why the index itself could not be removed, if it is still there.
  @discardableResult
  private static func remove(_ path: String) -> String? {
    var failure: String?
    for suffix in ["", "-wal", "-shm", "-journal"] where unlink(path + suffix) != 0 {
      if suffix.isEmpty, errno != ENOENT { failure = String(cString: strerror(errno)) }
    }
    return failure
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
}
