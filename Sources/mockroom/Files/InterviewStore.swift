import Foundation
import Glibc
import MockCore

/// The real interviews on disk: `interviews/<id>.md` under the data directory, one file each,
/// read as regular files only, and written whole (a new file beside, then renamed over), so
/// that a file is always either as it was or as it is now.
struct InterviewStore {
  let directory: String
  let environment: [String: String]
  /// The derived index, where what each file came to is kept by the file's identity.
  let indexPath: String?

  init(_ context: Context) throws(UserError) {
    directory = try context.dataPaths().dataDirectory + "/interviews"
    environment = context.environment
    indexPath = SessionStore.indexPath(context.environment)
  }

  /// The zone of a time written without one: the local zone's offset then.
  static func localOffset(_ naive: Int64) -> Int {
    TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: Double(naive)))
  }

  /// Now, on the wall clock, in whole seconds.
  static func now() -> Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }

  func path(_ id: String) -> String { directory + "/" + id + ".md" }

  /// The ids there are, sorted; none without the directory.
  func ids() throws(UserError) -> [String] {
    guard let entries = opendir(directory) else {
      if errno == ENOENT { return [] }
      throw UserError(
        "cannot read the interviews directory \(directory): \(RegularFile.errnoText())")
    }
    defer { closedir(entries) }
    var ids: [String] = []
    while let entry = readdir(entries) {
      let name = SessionStore.name(of: entry)
      if name.hasSuffix(".md"), !name.hasPrefix(".") { ids.append(String(name.dropLast(3))) }
    }
    return ids.sorted()
  }

  /// One interview, or every problem with its file:line as the error.
  func read(_ given: String) throws(UserError) -> RealInterview {
    // A prefix that names one interview names it, as a session's does.
    var id = given
    var info = stat()
    if !id.contains("/"), !id.hasPrefix("."), lstat(path(id), &info) != 0 {
      let matching = ((try? ids()) ?? []).filter { $0.hasPrefix(given) }
      if matching.count == 1 { id = matching[0] }
    }
    let file = path(id)
    // An id is a file name in the directory, never a path out of it.
    guard !id.contains("/"), !id.hasPrefix("."), lstat(file, &info) == 0 else {
      let all = (try? ids()) ?? []
      throw UserError.unknown("interview", id, among: all, seeAll: "mockroom interview list")
    }
    switch RegularFile.read(file, limit: RealInterviewFile.largest) {
    case .success(let bytes):
      let parsed = RealInterviewFile.parse(
        file: file, id: id, bytes: bytes, localOffset: Self.localOffset)
      guard let interview = parsed.interview else {
        throw UserError(
          parsed.problems.map(\.description).joined(separator: "\n")
            + "\n(fix it with: mockroom interview edit \(id))", code: 1)
      }
      return interview
    case .failure(let failure):
      throw UserError("\(file): \(failure.reason)", code: 1)
    }
  }

  /// Every interview that reads; the others are warned about, by file:line, and left out.
  /// A file whose identity (device, inode, size, times) is as the index remembers it is taken
  /// from the index; the others are read and put in it. An index that fails is no reason to
  /// stop: the files are read directly.
  func all(warnings: Bool = true) throws(UserError) -> [RealInterview] {
    let ids = try ids()
    let index = SessionIndex(path: indexPath)
    let zone = "\(TimeZone.current.identifier) \(TimeZone.current.secondsFromGMT())"
    let remembered = (try? index.interviews(directory: directory, zone: zone)) ?? [:]
    var out: [RealInterview] = []
    var fresh: [(name: String, identity: SessionIndex.Identity, interview: RealInterview)] = []
    for id in ids {
      let identity = SessionIndex.Identity(path: path(id))
      if let identity, let kept = remembered[id], kept.identity == identity {
        out.append(kept.interview)
        continue
      }
      do {
        let interview = try read(id)
        out.append(interview)
        if let identity { fresh.append((id, identity, interview)) }
      } catch {
        if warnings { warn(error.message) }
      }
    }
    // Forgotten: files that are gone, and those that no longer read (said above, each time).
    let kept = Set(out.map(\.id))
    let gone = remembered.keys.filter { !kept.contains($0) }
    if !fresh.isEmpty || !gone.isEmpty {
      try? index.storeInterviews(fresh, removing: gone, directory: directory, zone: zone)
    }
    return out.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
  }

  /// Writes the interview whole. When it cannot be, its text is kept in a file elsewhere and
  /// the error says where and how to put it back.
  func save(_ interview: RealInterview) throws(UserError) {
    let text = RealInterviewFile.text(interview)
    let target = path(interview.id)
    let why: String
    do {
      try write(text, to: target)
      return
    } catch {
      why = error.description
    }
    let places = SessionLogWriter.fallbackPlaces(environment)
    if let kept = SessionLogWriter.keep(
      Array(text.utf8), as: "mockroom-interview-\(interview.id)", ext: "md", in: places)
    {
      throw UserError(
        "cannot save \(target): \(why). Everything is kept in \(kept); once the directory can "
          + "be written, put it back with: mv \(kept) \(target)", code: 1)
    }
    print(text, terminator: "")
    throw UserError(
      "cannot save \(target): \(why); nor could it be kept elsewhere. The whole file is "
        + "printed above: save it as \(target).", code: 1)
  }

  private func write(_ text: String, to target: String) throws(UserError) {
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
    } catch {
      throw UserError("cannot create \(directory)")
    }
    let temporary = directory + "/.\(String(target.split(separator: "/").last ?? "x")).new"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw UserError(RegularFile.errnoText()) }
    let bytes = Array(text.utf8)
    var at = 0
    while at < bytes.count {
      let written = bytes.withUnsafeBytes {
        Glibc.write(fd, $0.baseAddress! + at, bytes.count - at)
      }
      if written < 0 {
        if errno == EINTR { continue }
        let reason = RegularFile.errnoText()
        close(fd)
        unlink(temporary)
        throw UserError(reason)
      }
      at += written
    }
    if fsync(fd) != 0 {
      let reason = RegularFile.errnoText()
      close(fd)
      unlink(temporary)
      throw UserError(reason)
    }
    close(fd)
    guard rename(temporary, target) == 0 else {
      let reason = RegularFile.errnoText()
      unlink(temporary)
      throw UserError(reason)
    }
  }

  /// A new id for an interview at `at`.
  func newID(company: String, at: Int64, zone: Int) throws(UserError) -> String {
    RealInterview.newID(company: company, at: at, zone: zone, taken: Set(try ids()))
  }
}
