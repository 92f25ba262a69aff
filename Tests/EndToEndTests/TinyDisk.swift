import Foundation
import Glibc

/// A small tmpfs mounted for one test (tests run as root), to fill and free at will: a disk
/// that runs out of room on demand.
final class TinyDisk {
  let path: String
  private var filler: String { path + "/.filler" }

  /// Whether this process may mount one.
  static var available: Bool { getuid() == 0 }

  init(at path: String, kilobytes: Int = 64) throws {
    self.path = path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    let mounted = try runProcess([
      "mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0700", "tmpfs", path,
    ])
    guard mounted.status == 0 else {
      throw Timeout(description: "cannot mount a tmpfs at \(path): \(mounted.stderr)")
    }
  }

  deinit {
    _ = try? runProcess(["umount", "-l", path])
  }

  /// Writes a filler file until the disk refuses another byte. Returns the bytes it took.
  @discardableResult
  func fill() -> Int {
    let fd = open(filler, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    defer { close(fd) }
    let block = [UInt8](repeating: 0x2E, count: 4096)
    var taken = 0
    for size in [4096, 512, 64, 1] {
      while true {
        let n = block.withUnsafeBytes { write(fd, $0.baseAddress!, size) }
        if n <= 0 { break }
        taken += n
      }
    }
    return taken
  }

  /// Removes the filler: the disk has room again.
  func free() {
    unlink(filler)
  }

  /// Bytes free now.
  var available: Int {
    var info = statvfs()
    guard statvfs(path, &info) == 0 else { return 0 }
    return Int(info.f_bavail) * Int(info.f_bsize)
  }
}
