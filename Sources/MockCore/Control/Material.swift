import Foundation

/// Everything the interviewer's console shows of a prompt that the candidate never sees, plus
/// every deck entry that may be fired by id. Sent once, in the `welcome` reply.
public struct Material: Codable, Equatable, Sendable {
  public struct Entry: Codable, Equatable, Sendable {
    public var id: String
    public var kind: String
    public var text: String
    /// What a strong answer covers.
    public var strong: [String]
  }
  public struct Pair: Codable, Equatable, Sendable {
    public var name: String
    public var value: String
  }

  public var title: String
  public var body: String
  public var scale: [Pair]
  /// Likely questions (`name`) with the interviewer's answers (`value`).
  public var clarify: [Pair]
  /// Components (`name`) and what depth looks like (`value`).
  public var drill: [Pair]
  public var ops: [String]
  public var notes: String
  /// The prompt's own deck, then the generic entries with ids it does not use.
  public var deck: [Entry]

  public init(prompt: Prompt?, generic: [Interjection]) {
    title = prompt?.title ?? "Practice session"
    body = prompt?.body ?? ""
    scale = prompt?.scale.map { Pair(name: $0.name, value: $0.value) } ?? []
    clarify = prompt?.clarify.map { Pair(name: $0.question, value: $0.answer) } ?? []
    drill = prompt?.drill.map { Pair(name: $0.component, value: $0.depth) } ?? []
    ops = prompt?.ops ?? []
    notes = prompt?.notes ?? ""
    let own = prompt?.interjections ?? []
    let ownIDs = Set(own.map(\.id))
    deck = (own + generic.filter { !ownIDs.contains($0.id) }).map {
      Entry(id: $0.id, kind: $0.kind.rawValue, text: $0.text, strong: $0.strong)
    }
  }

  /// The deck entry with this id.
  public func entry(_ id: String) -> Entry? { deck.first { $0.id == id } }
}
