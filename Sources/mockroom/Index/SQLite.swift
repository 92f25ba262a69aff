import CSQLite

/// A thin wrapper over Debian's libsqlite3: open, run, prepare, bind, step, read a column.
/// Nothing more; the index says what the tables mean.
final class SQLiteDatabase {
  struct Failure: Error, CustomStringConvertible {
    let code: Int32
    let description: String
    /// The file is not a database, or a damaged one: it can only be rebuilt.
    var isDamage: Bool {
      let primary = code & 0xFF
      return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_FORMAT
    }
  }

  private let handle: OpaquePointer

  /// Opens (creating when missing) the database at `path`; `":memory:"` for one in memory.
  init(path: String) throws(Failure) {
    var opened: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
    let code = sqlite3_open_v2(path, &opened, flags, nil)
    guard code == SQLITE_OK, let opened else {
      let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(opened)
      throw Failure(code: code, description: "\(path): \(message)")
    }
    handle = opened
    sqlite3_extended_result_codes(handle, 1)
    sqlite3_busy_timeout(handle, 2_000)
  }

  deinit { sqlite3_close_v2(handle) }

  /// Runs one or more statements that return no rows.
  func execute(_ sql: String) throws(Failure) {
    let code = sqlite3_exec(handle, sql, nil, nil, nil)
    guard code == SQLITE_OK else { throw failure(code) }
  }

  func prepare(_ sql: String) throws(Failure) -> Statement {
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
    guard code == SQLITE_OK, let statement else { throw failure(code) }
    return Statement(statement, database: self)
  }

  /// The first column of the first row of `sql`, as an integer.
  func integer(_ sql: String) throws(Failure) -> Int64? {
    let statement = try prepare(sql)
    return try statement.step() ? statement.int(0) : nil
  }

  /// Runs `body` in one transaction, committed when it returns and rolled back when it throws.
  func transaction(_ body: () throws(Failure) -> Void) throws(Failure) {
    try execute("BEGIN IMMEDIATE")
    do {
      try body()
      try execute("COMMIT")
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  fileprivate func failure(_ code: Int32) -> Failure {
    Failure(code: code, description: String(cString: sqlite3_errmsg(handle)))
  }

  /// One prepared statement; columns and parameters count from 0 and 1 as in SQLite's C API.
  final class Statement {
    private let statement: OpaquePointer
    private let database: SQLiteDatabase

    fileprivate init(_ statement: OpaquePointer, database: SQLiteDatabase) {
      self.statement = statement
      self.database = database
    }

    deinit { sqlite3_finalize(statement) }

    /// Binds the parameters in order, replacing any bound before.
    func bind(_ values: [Value]) throws(Failure) {
      sqlite3_reset(statement)
      sqlite3_clear_bindings(statement)
      for (offset, value) in values.enumerated() {
        let at = Int32(offset + 1)
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(statement, at)
        case .int(let number): code = sqlite3_bind_int64(statement, at, number)
        case .real(let number): code = sqlite3_bind_double(statement, at, number)
        case .text(let text): code = sqlite3_bind_text(statement, at, text, -1, csqlite_transient())
        }
        guard code == SQLITE_OK else { throw database.failure(code) }
      }
    }

    /// Runs a statement that returns no rows, with these parameters.
    func run(_ values: [Value]) throws(Failure) {
      try bind(values)
      while try step() {}
    }

    /// Moves to the next row; false when there are no more.
    func step() throws(Failure) -> Bool {
      let code = sqlite3_step(statement)
      switch code {
      case SQLITE_ROW: return true
      case SQLITE_DONE: return false
      default: throw database.failure(code)
      }
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    func int(_ column: Int32) -> Int64? {
      isNull(column) ? nil : sqlite3_column_int64(statement, column)
    }

    func real(_ column: Int32) -> Double? {
      isNull(column) ? nil : sqlite3_column_double(statement, column)
    }

    func text(_ column: Int32) -> String? {
      guard let bytes = sqlite3_column_text(statement, column) else { return nil }
      let count = Int(sqlite3_column_bytes(statement, column))
      return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
  }

  enum Value {
    case null
    case int(Int64)
    case real(Double)
    case text(String)

    static func int(_ value: Int?) -> Value { value.map { .int(Int64($0)) } ?? .null }
    static func int(_ value: Int64?) -> Value { value.map { .int($0) } ?? .null }
    static func text(_ value: String?) -> Value { value.map { .text($0) } ?? .null }
  }
}
