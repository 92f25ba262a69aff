import Foundation
import MockCore

/// What went wrong, in words for the user, and the exit code that goes with it. Thrown where it
/// is found and printed once, by `Mockroom.main`: nothing prints where it throws.
struct UserError: Error, Equatable, CustomStringConvertible {
  let message: String
  let code: Int32

  init(_ message: String, code: Int32 = 1) {
    self.message = message
    self.code = code
  }

  var description: String { message }

  /// A usage error (exit 2) for a name that is not there, naming the closest ones:
  /// `no plan 'quik'. Did you mean 'quick'?`, or where to see them all.
  static func unknown(_ what: String, _ name: String, among names: [String], seeAll: String)
    -> UserError
  {
    let near = closest(to: name, in: names)
    let hint =
      near.isEmpty
      ? "'\(seeAll)' shows every \(what)."
      : "Did you mean \(near.map { "'\($0)'" }.joined(separator: " or "))?"
    return UserError("no \(what) '\(name)'. \(hint)", code: 2)
  }
}

/// A warning on stderr: the command goes on.
func warn(_ message: String) {
  FileHandle.standardError.write(Data("mockroom: \(message)\n".utf8))
}
