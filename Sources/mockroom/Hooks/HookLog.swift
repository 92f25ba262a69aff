import Foundation
import Glibc

/// The hook log and the pipes that feed it: each hook's output comes through a pipe the pump
/// drains here, a line at a time, so that two hooks' lines do not mix and the log stays under
/// its cap. A log that cannot be written is no reason to stop: its lines are dropped.
final class HookLog {
  let path: String
  /// The log, opened at the first line (nil until then, or -1 when it cannot be).
  private var fd: Int32?
  private let stamp = ISO8601DateFormatter()

  /// The log's cap: past it the log is renamed `hooks.log.1` (replacing the one before) and
  /// begun again, so it holds at most about twice this.
  static let cap = 4 << 20

  /// The read end of a hook's output pipe, open until every process that holds its other end
  /// has closed it (a grandchild may hold it after the hook itself ended).
  private struct Pipe {
    var fd: Int32
    /// The hook's group, for stopping what still holds the pipe at exit.
    var group: pid_t
    /// Bytes after the last newline, held so that lines from two hooks do not mix.
    var partial: [UInt8] = []
  }
  private var pipes: [Pipe] = []

  init(path: String) { self.path = path }

  deinit {
    if let fd, fd >= 0 { close(fd) }
    for pipe in pipes { close(pipe.fd) }
  }

  /// The pipes, for the pump's poll.
  var pollFDs: [pollfd] { pipes.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) } }

  /// Whether any pipe is still open.
  var isOpen: Bool { !pipes.isEmpty }

  /// The process groups whose pipes are still open.
  var groups: [pid_t] { pipes.map(\.group) }

  /// Takes the read end of the pipe a hook of `group` writes to.
  func adopt(_ fd: Int32, group: pid_t) { pipes.append(Pipe(fd: fd, group: group)) }

  /// Closes every pipe, read or not.
  func closePipes() {
    for pipe in pipes { close(pipe.fd) }
    pipes = []
  }

  /// Copies what the hooks wrote into the log: from the pipes `polled` says are ready, or
  /// from every pipe with nil.
  func drain(_ polled: ArraySlice<pollfd>? = nil) {
    let ready = polled.map { Set($0.filter { $0.revents != 0 }.map(\.fd)) }
    var buffer = [UInt8](repeating: 0, count: 16 * 1024)
    var closed: Set<Int32> = []
    for index in pipes.indices where ready?.contains(pipes[index].fd) ?? true {
      let fd = pipes[index].fd
      // At most 64 KiB a wake from one hook, so that a flood cannot starve the clock.
      reading: for _ in 0..<4 {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR { continue }
        if count < 0, errno == EAGAIN { break }
        if count <= 0 {
          let partial = pipes[index].partial
          if !partial.isEmpty { append(partial + [UInt8(ascii: "\n")]) }
          close(fd)
          closed.insert(fd)
          break reading
        }
        var bytes = pipes[index].partial + buffer[0..<count]
        if let newline = bytes.lastIndex(of: UInt8(ascii: "\n")) {
          append(Array(bytes[...newline]))
          bytes.removeSubrange(...newline)
        }
        if bytes.count > 64 * 1024 {
          append(bytes)
          bytes = []
        }
        pipes[index].partial = bytes
      }
    }
    pipes.removeAll { closed.contains($0.fd) }
  }

  /// A dated line of mockroom's own.
  func line(_ text: String) {
    append(Array("\(stamp.string(from: Date())) mockroom: \(text)\n".utf8))
  }

  /// The log's descriptor, opened once (appending, so hooks and these lines interleave whole);
  /// -1 when it cannot be opened.
  func descriptor() -> Int32 {
    if let fd { return fd }
    let directory = (path as NSString).deletingLastPathComponent
    _ = try? FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let opened = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    fd = opened
    return opened
  }

  /// Appends to the log, first moving it to `hooks.log.1` when this would take it past the cap.
  private func append(_ bytes: [UInt8]) {
    var fd = descriptor()
    guard fd >= 0 else { return }
    var info = stat()
    if fstat(fd, &info) == 0, Int(info.st_size) > 0, Int(info.st_size) + bytes.count > Self.cap {
      close(fd)
      self.fd = nil
      rename(path, path + ".1")
      fd = descriptor()
      guard fd >= 0 else { return }
    }
    // More than the cap at once keeps only its end.
    let kept = bytes.suffix(Self.cap)
    _ = kept.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
  }
}
