/// Something wrong in a prompt or deck file, at a place a person can jump to.
public struct PromptProblem: Error, Codable, Equatable, Hashable, Sendable,
  CustomStringConvertible
{
  /// The path as given to the loader.
  public var file: String
  /// 1-based line and column (columns count characters).
  public var line: Int
  public var column: Int
  public var message: String

  public init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `file:line:column: message`, the form editors and compilers use.
  public var description: String { "\(file):\(line):\(column): \(message)" }

  /// Orders problems by file, then by position.
  public static func sortedOrder(_ a: PromptProblem, _ b: PromptProblem) -> Bool {
    (a.file, a.line, a.column, a.message) < (b.file, b.line, b.column, b.message)
  }
}

/// The closest of `candidates` to `word`, for "did you mean" hints: edit distance at most a
/// third of the word's length (at least 2), best first, at most `limit`.
public func closest(to word: String, in candidates: [String], limit: Int = 3) -> [String] {
  let target = Array(word.lowercased())
  let allowed = max(2, target.count / 3)
  let scored = candidates.compactMap { candidate -> (Int, String)? in
    let other = Array(candidate.lowercased())
    if other.starts(with: target) && !target.isEmpty { return (0, candidate) }
    let distance = editDistance(target, other)
    return distance <= allowed ? (distance, candidate) : nil
  }
  return scored.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(limit).map(\.1)
}

/// Levenshtein distance between two character arrays.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
      current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}
