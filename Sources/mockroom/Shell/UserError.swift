import Foundation

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
}

/// A warning on stderr: the command goes on.
func warn(_ message: String) {
  FileHandle.standardError.write(Data("mockroom: \(message)\n".utf8))
}
