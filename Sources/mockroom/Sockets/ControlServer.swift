import Foundation
import Glibc
import MockCore

/// A session's control socket: it accepts consoles and `mockroom ctl`, reads their request
/// lines and queues replies, all without blocking. The run loop polls its descriptors.
///
/// No client can hold the session up: reads and writes never block, a line over 64 KiB ends
/// that connection, and a client that stops reading is dropped once a quarter of a megabyte is
/// waiting for it. Only the session's own user may connect (checked from the peer's
/// credentials, on top of the 0700 directory and 0600 socket).
final class ControlServer {
  final class Client {
    let fd: Int32
    /// Unique for the server's life (a descriptor number is reused once closed).
    let id: Int
    var input: [UInt8] = []
    var output: [UInt8] = []
    /// Who the client said it is (`hello`); ctl until then.
    var source: Source = .ctl
    /// Sent state and events as they happen.
    var watching = false
    /// Close once what is queued has gone out (or at once if it cannot).
    var closing = false

    init(fd: Int32, id: Int) {
      self.fd = fd
      self.id = id
    }

    /// The client as screens see it.
    var peer: Peer { Peer(id: id, source: source) }
  }

  /// What a client sent: a request, or a line that could not be read.
  struct Arrival {
    let client: Client
    let seq: Int?
    let request: Result<Request, ControlError>
  }

  /// The most queued for one client before it is dropped.
  static let maximumQueued = 256 * 1024

  let path: String
  let listener: Int32
  private(set) var clients: [Client] = []
  private var lastID = 0

  /// Whether the listener is still open (so a second `shutDown` touches nothing: by then its
  /// descriptor number may belong to another file).
  private var isOpen = true

  /// Listens at `path`. A socket left there by a session that was killed is replaced; one that
  /// still answers belongs to a running session and is an error.
  convenience init(path: String) throws(UnixSocket.Failure) {
    try self.init(Self.prepare(at: path))
    try publish()
  }

  /// A socket bound and listening under a temporary name beside `path`, not yet published.
  struct Prepared {
    let fd: Int32
    let path: String
    let temporary: String
  }

  /// Binds and listens under a temporary name, so that the socket's real name only ever names
  /// a socket that accepts: a client that finds it refusing knows it is stale.
  static func prepare(at path: String) throws(UnixSocket.Failure) -> Prepared {
    if access(path, F_OK) == 0 {
      if let fd = try? UnixSocket.connect(to: path) {
        close(fd)
        throw UnixSocket.Failure(
          description: "a running session already listens at \(path)", code: EADDRINUSE)
      }
      unlink(path)
    }
    let directory = (path as NSString).deletingLastPathComponent
    let temporary = directory + "/.\(getpid()).binding"
    unlink(temporary)
    let fd = socket(
      AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw UnixSocket.failure("cannot make a socket") }
    // Bound under its temporary name inside the 0700 directory and made 0600 before it is
    // renamed: no other user can reach it at any moment, and no process-wide umask changes
    // under other threads.
    let bound: Int32
    do {
      bound = try UnixSocket.withAddress(temporary) { bind(fd, $0, $1) }
    } catch {
      close(fd)
      throw error
    }
    guard bound == 0, chmod(temporary, 0o600) == 0, listen(fd, 16) == 0 else {
      let error = UnixSocket.failure("cannot listen at \(path)")
      close(fd)
      unlink(temporary)
      throw error
    }
    return Prepared(fd: fd, path: path, temporary: temporary)
  }

  init(_ prepared: Prepared) {
    path = prepared.path
    listener = prepared.fd
    temporary = prepared.temporary
  }

  private var temporary: String?

  /// Gives the listening socket its real name, in one rename.
  func publish() throws(UnixSocket.Failure) {
    guard let temporary else { return }
    guard rename(temporary, path) == 0 else {
      let error = UnixSocket.failure("cannot listen at \(path)")
      shutDown()
      throw error
    }
    self.temporary = nil
  }

  deinit { shutDown() }

  /// Closes every connection and removes the socket; once only.
  func shutDown() {
    guard isOpen else { return }
    isOpen = false
    for client in clients { close(client.fd) }
    clients = []
    close(listener)
    unlink(temporary ?? path)
  }

  /// Watching clients that introduced themselves as the interviewer.
  var consoles: Int { clients.filter { $0.watching && $0.source == .interviewer }.count }
  var watchers: Bool { clients.contains { $0.watching } }

  /// Since when accepting failed for want of descriptors (EMFILE, ENFILE). The listener is
  /// then left out of the poll: with connections waiting it is ready at once, and each accept
  /// would fail again, thousands of times a second. It is tried again when a client closes,
  /// or on the first wake a second later (a hook's descriptors may have freed one).
  private var starvedSince: Instant?
  /// What to say, the first time descriptors run out.
  private var notice: String?
  /// Whether running out was said: once a session. Consoles that close let the waiting ones
  /// in, which may run it out again for a moment; saying it each time would only flicker.
  private var saidStarved = false

  /// What the session should say once: accepting stopped for want of descriptors.
  func takeNotice() -> String? {
    defer { notice = nil }
    return notice
  }

  /// What to poll: the listener, then each client (reads, and writes while output waits).
  var pollFDs: [pollfd] {
    [pollfd(fd: listener, events: starvedSince == nil ? Int16(POLLIN) : 0, revents: 0)]
      + clients.map { client in
        var events = client.closing ? 0 : Int16(POLLIN)
        if !client.output.isEmpty { events |= Int16(POLLOUT) }
        return pollfd(fd: client.fd, events: events, revents: 0)
      }
  }

  /// Accepts, reads and writes what `polled` (as returned by `poll` for `pollFDs`) says is
  /// ready, and returns the complete lines that arrived.
  func service(_ polled: ArraySlice<pollfd>) -> [Arrival] {
    var arrivals: [Arrival] = []
    for entry in polled.dropFirst() {
      guard entry.revents != 0, let client = clients.first(where: { $0.fd == entry.fd }) else {
        continue
      }
      if entry.revents & Int16(POLLOUT) != 0 { flush(client) }
      if entry.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0, !client.closing {
        arrivals += read(client)
      }
    }
    if let first = polled.first, first.revents & Int16(POLLIN) != 0 { acceptAll() }
    let before = clients.count
    clients.removeAll { client in
      let done = client.closing && client.output.isEmpty
      if done { close(client.fd) }
      return done
    }
    if let since = starvedSince, clients.count < before || MonotonicClock.now() - since >= 1000 {
      starvedSince = nil
      acceptAll()
    }
    return arrivals
  }

  private func acceptAll() {
    while true {
      let fd = accept(listener, nil, nil)
      guard fd >= 0 else {
        if errno == EINTR || errno == ECONNABORTED { continue }
        if errno == EMFILE || errno == ENFILE { starved(full: errno == ENFILE) }
        return
      }
      UnixSocket.setNonBlocking(fd)
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
      lastID += 1
      let client = Client(fd: fd, id: lastID)
      guard UnixSocket.peerUID(fd) == geteuid() else {
        client.closing = true
        clients.append(client)
        send(
          ControlMessage.error(
            ControlError(.refused, "this session belongs to another user"), seq: nil
          ).jsonLine(), to: client)
        continue
      }
      clients.append(client)
    }
  }

  /// No descriptor is left for a new connection: stop polling the listener for now, and have
  /// it said, once.
  private func starved(full system: Bool) {
    starvedSince = MonotonicClock.now()
    guard !saidStarved else { return }
    saidStarved = true
    if system {
      notice = "the system has no file descriptors left: new consoles wait until one frees"
    } else {
      var limit = rlimit()
      getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
      notice =
        "the open-file limit (\(limit.rlim_cur)) is reached: new consoles wait until one closes"
    }
  }

  private func read(_ client: Client) -> [Arrival] {
    var buffer = [UInt8](repeating: 0, count: 16 * 1024)
    var arrivals: [Arrival] = []
    // At most 64 KiB a wake from one client, so a flood cannot starve the clock.
    for _ in 0..<4 {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(client.fd, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      if count < 0, errno == EAGAIN || errno == EWOULDBLOCK { break }
      if count <= 0 {
        // The client hung up (or the connection broke): nothing more will come or go.
        client.output = []
        client.closing = true
        break
      }
      client.input += buffer[0..<count]
      while let newline = client.input.firstIndex(of: UInt8(ascii: "\n")) {
        let line = client.input[..<newline]
        client.input.removeSubrange(...newline)
        if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
        if line.count > ControlProtocol.maximumLine {
          tooLong(client)
          return arrivals
        }
        do {
          let (seq, request) = try Request.decode(Data(line))
          arrivals.append(Arrival(client: client, seq: seq, request: .success(request)))
        } catch {
          arrivals.append(Arrival(client: client, seq: nil, request: .failure(error)))
        }
      }
      if client.input.count > ControlProtocol.maximumLine {
        tooLong(client)
        return arrivals
      }
    }
    return arrivals
  }

  private func tooLong(_ client: Client) {
    client.input = []
    send(
      ControlMessage.error(
        ControlError(
          .tooLong, "a line is longer than \(ControlProtocol.maximumLine) bytes; closing"),
        seq: nil
      ).jsonLine(), to: client)
    client.closing = true
  }

  /// Queues `line` for `client` and writes what the socket takes now. A client with too much
  /// waiting is dropped.
  func send(_ line: String, to client: Client) {
    guard client.output.count + line.utf8.count < Self.maximumQueued else {
      client.output = []
      client.closing = true
      return
    }
    client.output += Array(line.utf8) + [UInt8(ascii: "\n")]
    flush(client)
  }

  /// Queues `line` for the client with this id, if it is still connected.
  func send(_ line: String, toClient id: Int) {
    guard let client = clients.first(where: { $0.id == id }) else { return }
    send(line, to: client)
  }

  /// Sends `line` to every watching client.
  func broadcast(_ line: String) {
    for client in clients where client.watching && !client.closing { send(line, to: client) }
  }

  private func flush(_ client: Client) {
    while !client.output.isEmpty {
      let written = client.output.withUnsafeBytes {
        Glibc.send(client.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if written < 0, errno == EINTR { continue }
      if written < 0, errno == EAGAIN || errno == EWOULDBLOCK { return }
      if written <= 0 {
        client.output = []
        client.closing = true
        return
      }
      client.output.removeFirst(written)
    }
  }
}
