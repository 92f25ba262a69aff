import Foundation
import Glibc

/// Where running sessions' control sockets live: `$XDG_RUNTIME_DIR/mockroom/`, or without it a
/// directory in the temp dir named for the user (`/tmp/mockroom-1000`). Either way the
/// directory is the user's own and private (0700); one that is not is refused, not used.
enum ControlPaths {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// The directory, without creating it.
  static func directory(_ env: [String: String]) -> String {
    if let runtime = env["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
      return runtime + "/mockroom"
    }
    let temp = env["TMPDIR"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/tmp"
    return temp + "/mockroom-\(geteuid())"
  }

  /// The directory, created if need be, after checking that it is private to this user.
  static func privateDirectory(_ env: [String: String])
    throws(Failure) -> String
  {
    let path = directory(env)
    if mkdir(path, 0o700) != 0, errno != EEXIST {
      throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))")
    }
    try checkPrivate(path)
    return path
  }

  /// Refuses a directory that is a symlink, not this user's, or open to others.
  static func checkPrivate(_ path: String) throws(Failure) {
    var info = stat()
    guard lstat(path, &info) == 0 else {
      throw Failure(description: "cannot read \(path): \(String(cString: strerror(errno)))")
    }
    guard info.st_mode & S_IFMT == S_IFDIR else {
      throw Failure(description: "\(path) is not a directory; remove it and start again")
    }
    guard info.st_uid == geteuid() else {
      throw Failure(description: "\(path) belongs to another user; mockroom will not use it")
    }
    guard info.st_mode & 0o077 == 0 else {
      throw Failure(
        description:
          "\(path) is open to other users (mode \(String(info.st_mode & 0o777, radix: 8))); "
          + "run 'chmod 700 \(path)'")
    }
  }

  /// The socket of the session `id`.
  static func socket(of id: String, _ env: [String: String])
    -> String
  {
    directory(env) + "/\(id).sock"
  }

  /// Sessions whose sockets answer now, by id, oldest first. A socket left by a session that
  /// was killed refuses connections: it is removed.
  static func running(_ env: [String: String]) -> [String] {
    let dir = directory(env)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    return names.filter { $0.hasSuffix(".sock") }.sorted().compactMap { name in
      let path = dir + "/" + name
      do throws(UnixSocket.Failure) {
        close(try UnixSocket.connect(to: path))
        return String(name.dropLast(".sock".count))
      } catch {
        if error.code == ECONNREFUSED { unlink(path) }
        return nil
      }
    }
  }
}

/// The few socket calls mockroom makes, with errors in words.
enum UnixSocket {
  struct Failure: Error, CustomStringConvertible {
    let description: String
    /// The errno of the call that failed.
    let code: Int32
  }

  static func address(_ path: String) throws(Failure) -> sockaddr_un {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    guard bytes.count < capacity else {
      throw Failure(
        description: "the socket path \(path) is longer than \(capacity - 1) bytes; "
          + "set XDG_RUNTIME_DIR to a shorter directory", code: ENAMETOOLONG)
    }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (index, byte) in bytes.enumerated() { raw[index] = byte }
    }
    return address
  }

  static func withAddress<T>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T)
    throws(Failure) -> T
  {
    var address = try address(path)
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        body($0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
  }

  /// A connected stream socket (blocking, close-on-exec).
  static func connect(to path: String) throws(Failure) -> Int32 {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw failure("cannot make a socket") }
    let result = try withAddress(path) { Glibc.connect(fd, $0, $1) }
    guard result == 0 else {
      let error = failure("cannot connect to \(path)")
      close(fd)
      throw error
    }
    return fd
  }

  static func failure(_ what: String) -> Failure {
    let code = errno
    return Failure(description: "\(what): \(String(cString: strerror(code)))", code: code)
  }

  static func setNonBlocking(_ fd: Int32) {
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
  }

  /// The user id of the process at the other end.
  static func peerUID(_ fd: Int32) -> uid_t? {
    // struct ucred { pid_t pid; uid_t uid; gid_t gid; }: not imported into Swift.
    var cred = [UInt32](repeating: 0, count: 3)
    var length = socklen_t(12)
    guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &length) == 0, length == 12 else {
      return nil
    }
    return cred[1]
  }
}
