import Foundation
import Glibc
import MockCore

/// One connection to a session's control socket, from `mockroom ctl` or the interviewer's
/// console: sends request lines, and splits what comes back into lines.
final class ControlClient {
  let fd: Int32
  private var input: [UInt8] = []
  private var seq = 0

  init(path: String) throws(UnixSocket.Failure) {
    fd = try UnixSocket.connect(to: path)
  }

  deinit { close(fd) }

  /// Connects to the session asked for: by `socket` path, by `session` id (or a unique prefix
  /// of one), or the only session running. The error says what to do.
  static func open(session: String?, socket: String?, _ env: [String: String]) throws(UserError)
    -> ControlClient
  {
    let path: String
    if let socket {
      path = socket
    } else {
      let running = ControlPaths.running(env)
      let where_ = ControlPaths.directory(env)
      if let session {
        let matches =
          running.filter { $0 == session }
          + running.filter { $0.hasPrefix(session) && $0 != session }
        guard let first = matches.first else {
          throw UserError(
            "no running session '\(session)' (sockets in \(where_)); running: "
              + (running.isEmpty ? "none" : running.joined(separator: ", ")))
        }
        guard matches.count == 1 || matches[0] == session else {
          throw UserError(
            "'\(session)' could be \(matches.joined(separator: " or ")); give more of the id")
        }
        path = ControlPaths.socket(of: first, env)
      } else {
        guard let only = running.first else {
          throw UserError(
            "no session is running (no socket answers in \(where_)); start one with 'mockroom run'")
        }
        guard running.count == 1 else {
          throw UserError(
            "\(running.count) sessions are running: \(running.joined(separator: ", ")); "
              + "choose one with --session ID")
        }
        path = ControlPaths.socket(of: only, env)
      }
    }
    do {
      return try ControlClient(path: path)
    } catch {
      throw UserError("\(error)")
    }
  }

  /// Sends `request`; returns its sequence number, which its reply carries.
  @discardableResult
  func send(_ request: Request) -> Int {
    seq += 1
    let bytes = Array((request.jsonLine(seq: seq) + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes {
        Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
      }
      if n < 0, errno == EINTR { continue }
      if n <= 0 { break }
      offset += n
    }
    return seq
  }

  /// Reads what has arrived (blocking until something does, unless the socket was made
  /// non-blocking); false once the session has closed the connection.
  func fill() -> Bool {
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0, errno == EINTR { continue }
      if n < 0, errno == EAGAIN || errno == EWOULDBLOCK { return true }
      if n <= 0 { return false }
      input += buffer[0..<n]
      return true
    }
  }

  /// The complete lines received so far, taken out of the buffer.
  func lines() -> [Data] {
    var lines: [Data] = []
    while let newline = input.firstIndex(of: UInt8(ascii: "\n")) {
      lines.append(Data(input[..<newline]))
      input.removeSubrange(...newline)
    }
    return lines
  }

  /// Waits (up to `timeout` ms) for the reply to request `seq`; pushes before it are passed by.
  func reply(to seq: Int, timeout: Int32 = 5000) throws(ControlError) -> (ControlMessage, Data) {
    let deadline = MonotonicClock.now() + Millis(timeout)
    while true {
      for line in lines() {
        guard let message = ControlMessage.decode(line) else { continue }
        switch message {
        case .ok(_, let s, _) where s == seq: return (message, line)
        case .error(let error, let s) where s == seq || s == nil:
          if s == nil, error.code != .refused, error.code != .tooLong { continue }
          return (message, line)
        case .state(let state) where state.seq == seq: return (message, line)
        case .round(let round) where round.seq == seq: return (message, line)
        case .welcome(let welcome) where welcome.seq == seq: return (message, line)
        default: continue
        }
      }
      var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
      let left = deadline - MonotonicClock.now()
      guard left > 0, poll(&fds, 1, Int32(left)) > 0 else {
        throw ControlError(.notNow, "the session did not answer within \(timeout / 1000) s")
      }
      guard fill() else {
        throw ControlError(.ended, "the session closed the connection")
      }
    }
  }
}
