import Foundation
import Glibc
import Testing

@testable import mockroom

/// The control socket's life: it appears only when it accepts, and goes once.
@Suite struct ControlServerTests {
  static func runtime() throws -> (environment: [String: String], directory: String) {
    let root = "/tmp/mr-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    let environment = ["XDG_RUNTIME_DIR": root]
    return (environment, try ControlPaths.privateDirectory(environment))
  }

  @Test func theSocketsNameAppearsOnlyOnceItAccepts() throws {
    let (environment, directory) = try Self.runtime()
    defer {
      try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent)
    }
    let path = directory + "/20261121-100000-x.sock"
    // Bound and listening, not yet published: a client looking for sessions now (as `ctl`
    // does) finds none and removes nothing.
    let prepared = try ControlServer.prepare(at: path)
    #expect(access(path, F_OK) != 0, "the real name is not there before the socket listens")
    #expect(ControlPaths.running(environment).isEmpty)
    #expect(access(prepared.temporary, F_OK) == 0, "the socket being set up is left alone")
    var info = stat()
    #expect(stat(prepared.temporary, &info) == 0)
    #expect(info.st_mode & 0o777 == 0o600, "only its owner may connect, from before it listens")
    let server = ControlServer(prepared)
    try server.publish()
    #expect(ControlPaths.running(environment) == ["20261121-100000-x"])
    #expect(access(prepared.temporary, F_OK) != 0)
    server.shutDown()
    #expect(access(path, F_OK) != 0)
  }

  @Test func aSecondShutDownClosesNothingAndRemovesNothing() throws {
    let (_, directory) = try Self.runtime()
    defer {
      try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent)
    }
    let devnull = open("/dev/null", O_RDONLY)
    defer { close(devnull) }
    // Once the listener is closed its number is free, and the next file opened may take it.
    // F_DUPFD takes the lowest free number from the listener's up, never one in use, so no
    // other test's file is disturbed; another test may take the number first, and then the
    // server is made again.
    for attempt in 0..<50 {
      let path = directory + "/20261121-100000-\(attempt).sock"
      let server = try ControlServer(path: path)
      server.shutDown()
      let reused = fcntl(devnull, F_DUPFD, server.listener)
      defer { close(reused) }
      guard reused == server.listener else { continue }
      // A new file takes the socket's name too. Neither may be touched by a second shutDown.
      #expect(FileManager.default.createFile(atPath: path, contents: Data("mine".utf8)))
      server.shutDown()
      #expect(fcntl(reused, F_GETFD) != -1, "another file's descriptor was closed")
      #expect(access(path, F_OK) == 0, "another file at the socket's path was removed")
      return
    }
    Issue.record("the listener's number was never free to take again")
  }
}

/// `--hostile` takes an optional duration, given its value before ArgumentParser reads it.
@Suite struct HostileArgument {
  @Test func aloneItMeansTenMinutesAndADurationAfterItIsItsValue() {
    #expect(Mockroom.hostileValue(["run", "--hostile"]) == ["run", "--hostile=10:00"])
    #expect(
      Mockroom.hostileValue(["--hostile", "2m", "--seed", "3"]) == ["--hostile=2m", "--seed", "3"])
    #expect(
      Mockroom.hostileValue(["--hostile", "--seed", "3"]) == ["--hostile=10:00", "--seed", "3"])
    #expect(Mockroom.hostileValue(["--hostile=90s"]) == ["--hostile=90s"])
    // Another command's words are left alone.
    #expect(Mockroom.hostileValue(["ctl", "note", "--hostile"]) == ["ctl", "note", "--hostile"])
    #expect(
      Mockroom.hostileValue(["--prompt", "video-recs", "--hostile"])
        == ["--prompt", "video-recs", "--hostile=10:00"])
    #expect(
      Mockroom.hostileValue(["ctl", "note", "--", "--hostile"]) == [
        "ctl", "note", "--", "--hostile",
      ])
  }

  @Test func aBadLengthIsAUsageError() throws {
    let short = try runProcess([Binary.path, "run", "--hostile", "30s"])
    #expect(short.status == 2)
    #expect(short.stderr.contains("--hostile '30s': give a duration of 45s or more"))
    let checkins = try runProcess([Binary.path, "run", "--checkins", "0"])
    #expect(
      checkins.status == 2 && checkins.stderr.contains("--checkins 0: give a number from 1 to 20."))
    let rounds = try runProcess([Binary.path, "drill", "recovery", "--rounds", "30"])
    #expect(
      rounds.status == 2 && rounds.stderr.contains("--rounds 30: give a number from 1 to 20."))
    let rate = try runProcess([Binary.path, "ctl", "rate", "9"])
    #expect(rate.status == 2 && rate.stderr.contains("rate from 1 to 5."))
  }
}
