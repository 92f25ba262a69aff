import Glibc
import MockCore

/// Reads files from disk the one safe way: opened without blocking and without taking a
/// controlling terminal, then checked with `fstat` to be a regular file before a byte is read.
/// A FIFO, socket, device or directory is named for what it is and refused, so a stray FIFO
/// called `x.md` can never hang a command; a symlink to a regular file is followed, and one to
/// `/dev/zero` or `/dev/stdin` is refused as the device it leads to.
enum RegularFile {
  /// An open regular file; closed when this goes away.
  final class Handle {
    let fd: Int32
    let size: Int
    fileprivate init(fd: Int32, size: Int) {
      self.fd = fd
      self.size = size
    }
    deinit { close(fd) }

    /// Reads up to `count` bytes (fewer only at the end of the file).
    func read(upTo count: Int) -> Result<[UInt8], ReadFailure> {
      var bytes: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: min(max(count, 1), 64 * 1024))
      while bytes.count < count {
        let want = min(buffer.count, count - bytes.count)
        let got = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, want) }
        if got < 0 {
          if errno == EINTR { continue }
          return .failure(ReadFailure(RegularFile.errnoText()))
        }
        if got == 0 { break }
        bytes.append(contentsOf: buffer[0..<got])
      }
      return .success(bytes)
    }
  }

  /// Opens `path` for reading if it is a regular file (following symlinks), or says in words
  /// what it is instead.
  static func open(_ path: String) -> Result<Handle, ReadFailure> {
    let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
    guard fd >= 0 else {
      let code = errno
      return .failure(ReadFailure(describeUnopenable(path, errno: code)))
    }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let text = errnoText()
      close(fd)
      return .failure(ReadFailure(text))
    }
    guard info.st_mode & S_IFMT == S_IFREG else {
      close(fd)
      return .failure(ReadFailure("\(kind(info.st_mode)), not a regular file"))
    }
    return .success(Handle(fd: fd, size: Int(info.st_size)))
  }

  /// The whole file, refused when more than `limit` bytes are actually read (a file that grows
  /// while read, or one whose size lies, is held to what arrives).
  static func read(_ path: String, limit: Int, tooLarge: String? = nil) -> Result<
    [UInt8], ReadFailure
  > {
    let handle: Handle
    switch open(path) {
    case .success(let opened): handle = opened
    case .failure(let failure): return .failure(failure)
    }
    switch handle.read(upTo: limit + 1) {
    case .success(let bytes) where bytes.count > limit:
      return .failure(ReadFailure(tooLarge ?? "larger than \(sizeText(limit))"))
    case let other: return other
    }
  }

  /// What a file's mode says it is, in words.
  static func kind(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFREG: "a regular file"
    case S_IFDIR: "a directory"
    case S_IFIFO: "a FIFO (named pipe)"
    case S_IFSOCK: "a socket"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFLNK: "a symlink"
    default: "not a regular file"
    }
  }

  /// Why `open` failed, naming what the path is where that explains it: a socket cannot be
  /// opened at all, a symlink may lead nowhere or round in a loop.
  private static func describeUnopenable(_ path: String, errno code: Int32) -> String {
    var info = stat()
    switch code {
    case ELOOP: return "a symlink loop"
    case ENOENT where lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK:
      return "a symlink to nothing (dangling)"
    case ENXIO, EOPNOTSUPP:
      if stat(path, &info) == 0 { return "\(kind(info.st_mode)), not a regular file" }
    default: break
    }
    return String(cString: strerror(code)).lowercased()
  }

  /// The last system error, in words.
  static func errnoText() -> String {
    String(cString: strerror(errno)).lowercased()
  }

  static func sizeText(_ bytes: Int) -> String {
    bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
  }
}
