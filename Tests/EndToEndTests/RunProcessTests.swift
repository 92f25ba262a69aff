import Foundation
import Glibc
import Testing

/// What the tests' children inherit: stdin, stdout and stderr, nothing more.
@Suite struct RunProcessTests {
  @Test func aChildHoldsNoneOfTheTestProcesssFiles() throws {
    let path = NSTemporaryDirectory() + "mockroom-held-\(UUID().uuidString)"
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    defer { try? FileManager.default.removeItem(atPath: path) }
    // Held open for writing, without close-on-exec, as a script being written is.
    let fd = open(path, O_WRONLY)
    try #require(fd >= 0)
    defer { close(fd) }
    let listed = try runProcess(["sh", "-c", "ls -l /proc/$$/fd"])
    #expect(listed.status == 0, "\(listed.stderr)")
    #expect(listed.stdout.contains("/dev/null"), "\(listed.stdout)")
    #expect(!listed.stdout.contains(path), "\(listed.stdout)")
  }
}
