import Foundation

/// The one JSON set-up for everything mockroom writes for others to read: record lines, the
/// control protocol, the review JSON, `prompts list --json` and the prompt cache. Sorted keys
/// and unescaped slashes, so that equal values write equal bytes.
public enum WireJSON {
  /// `value` as JSON text: one line, or indented with `pretty`. With `snakeCase`, Swift's
  /// camelCase names become the wire's snake_case (types whose keys are spelt out need not).
  public static func text(_ value: some Encodable, snakeCase: Bool = false, pretty: Bool = false)
    -> String
  {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    if pretty { encoder.outputFormatting.insert(.prettyPrinted) }
    if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
    // Every value written is made of strings, numbers, arrays and keyed containers, which
    // always encode.
    return String(decoding: try! encoder.encode(value), as: UTF8.self)
  }

  /// The reader for what `text` writes.
  public static func decoder(snakeCase: Bool = false) -> JSONDecoder {
    let decoder = JSONDecoder()
    if snakeCase { decoder.keyDecodingStrategy = .convertFromSnakeCase }
    return decoder
  }
}
