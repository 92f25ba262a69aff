import Foundation
import Glibc
import Testing

/// The index on disk as several programs and an unwritable directory meet it.
@Suite struct IndexEndToEndTests {
  /// Five programs started at once on a data directory with no index yet: each must find the
  /// tables another just made (or make them itself), never keep its answers in memory. Done on
  /// a few fresh directories, since the race is decided by the scheduler.
  @Test func programsOpeningANewIndexAtOnceAllUseIt() throws {
    for round in 0..<4 {
      let home = try PromptEndToEnd.Home()
      for (offset, record) in ReviewEndToEnd.someRecords.prefix(2).enumerated() {
        try home.write("sessions/2026112\(offset)-100000-s.jsonl", record)
      }
      let script =
        "for i in 1 2 3 4 5; do \"$0\" history > \"$1/out.$i\" 2> \"$1/err.$i\" & done; wait"
      let run = try runProcess(
        ["timeout", "60", "sh", "-c", script, Binary.path, home.path],
        environment: home.environment)
      #expect(run.status == 0)
      for i in 1...5 {
        let out = try String(contentsOfFile: home.path + "/out.\(i)", encoding: .utf8)
        let err = try String(contentsOfFile: home.path + "/err.\(i)", encoding: .utf8)
        #expect(err.isEmpty, "round \(round), program \(i) said: \(err)")
        #expect(out.split(separator: "\n").count >= 2, "round \(round), program \(i): \(out)")
      }
    }
  }

  /// `reindex` where the index cannot be written says that nothing was written and where,
  /// with exit 1, instead of counting the records it read into memory.
  @Test func reindexInADirectoryThatCannotBeWrittenSaysNothingWasWritten() throws {
    let home = try PromptEndToEnd.Home()
    try home.write("sessions/20261121-100000-s.jsonl", ReviewEndToEnd.someRecords[0])
    // Built once, then the directories are made read-only: the index there is the old one.
    for existing in [false, true] {
      if existing {
        chmod(home.path, 0o755)
        let built = try runProcess([Binary.path, "reindex"], environment: home.environment)
        #expect(built.status == 0, "\(built.stderr)")
        chmod(home.path + "/cache", 0o555)
      }
      chmod(home.path, 0o555)
      defer {
        chmod(home.path, 0o755)
        chmod(home.path + "/cache", 0o755)
      }
      let out = try runProcess(
        Self.asAnotherUser + ["timeout", "20", Binary.path, "reindex"],
        environment: home.environment)
      #expect(out.status == 1, "existing index: \(existing): \(out.stdout) \(out.stderr)")
      #expect(!out.stdout.contains("indexed"), "existing index: \(existing): \(out.stdout)")
      #expect(
        out.stderr.contains("nothing was written")
          && out.stderr.contains(home.path + "/cache/index.sqlite"),
        "existing index: \(existing): \(out.stderr)")
      #expect(out.stderr.split(separator: "\n").count == 1, "said once: \(out.stderr)")
    }
  }

  /// Root writes anywhere: the program is run as nobody, who may not.
  static var asAnotherUser: [String] {
    geteuid() == 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
  }
}
