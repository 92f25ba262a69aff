import Foundation
import MockCore

/// The real interviews in the index: each file that read, by its identity, with the interview
/// it came to kept whole (its `Codable` value as JSON) beside the columns one might query.
/// A file that did not read is not kept, so its problems are said each time.
extension SessionIndex {
  /// What the index remembers of the interview files in `directory`, by file name. `zone` is
  /// the local zone the remembered ones were read in: a time written without a zone reads
  /// differently in another, so a row of another zone is not returned.
  func interviews(directory: String, zone: String) throws(SQLiteDatabase.Failure)
    -> [String: (identity: Identity, interview: RealInterview)]
  {
    let rows = try database.prepare(
      "SELECT name, device, inode, size, mtime_ns, ctime_ns, interview FROM interviews"
        + " WHERE directory = ?1 AND zone = ?2")
    try rows.bind([.text(directory), .text(zone)])
    var out: [String: (identity: Identity, interview: RealInterview)] = [:]
    let decoder = JSONDecoder()
    while try rows.step() {
      guard let name = rows.text(0), let device = rows.int(1), let inode = rows.int(2),
        let size = rows.int(3), let modified = rows.int(4), let changed = rows.int(5),
        let json = rows.text(6),
        // A value that does not read is not trusted: the file is read again.
        let interview = try? decoder.decode(RealInterview.self, from: Data(json.utf8))
      else { continue }
      out[name] = (
        Identity(
          device: device, inode: inode, size: size, modifiedNs: modified, changedNs: changed),
        interview
      )
    }
    return out
  }

  /// Keeps `fresh` (replacing what was there for each name) and forgets `removed`, for the
  /// interview files in `directory`, in one transaction.
  func storeInterviews(
    _ fresh: [(name: String, identity: Identity, interview: RealInterview)],
    removing removed: [String], directory: String, zone: String
  ) throws(SQLiteDatabase.Failure) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    try database.transaction { () throws(SQLiteDatabase.Failure) in
      let forget = try database.prepare(
        "DELETE FROM interviews WHERE directory = ?1 AND name = ?2")
      for name in removed + fresh.map(\.name) {
        try forget.run([.text(directory), .text(name)])
      }
      let insert = try database.prepare(
        "INSERT INTO interviews (directory, name, device, inode, size, mtime_ns, ctime_ns, zone,"
          + " at, outcome, interview) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
      for (name, i, interview) in fresh {
        guard let json = try? encoder.encode(interview) else { continue }
        try insert.run([
          .text(directory), .text(name), .int(i.device), .int(i.inode), .int(i.size),
          .int(i.modifiedNs), .int(i.changedNs), .text(zone), .int(interview.at),
          .text(interview.outcome?.rawValue), .text(String(decoding: json, as: UTF8.self)),
        ])
      }
    }
  }
}
