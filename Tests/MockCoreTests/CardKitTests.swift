import Foundation
import Testing

@testable import MockCore

/// The numbers kit complete, repeat until right, and early cards only with --all (issue 26,
/// part 5).
@Suite struct CardKit {
  static func card(_ id: String) -> NumberCard { NumberCard.deck.first { $0.id == id }! }

  /// Every figure of the method's three estimations and the night-before kit has a card, and
  /// each book figure is the arithmetic it claims.
  @Test func everyFigureOfTheKitHasACard() {
    let ids = Set(NumberCard.deck.map(\.id))
    for id in [
      "decode-70b", "decode-7b", "decode-scaling", "kv-formula", "kv-70b", "kv-8b", "h100-hbm",
      "weights-70b", "gpus-70b", "kv-room-70b", "kv-tokens-gpu", "in-flight-2500",
      "chain-tokens-day", "chain-tokens-s", "chain-peak", "chain-gpus", "qps-30",
      "consumer-peak", "headroom", "littles-law", "seconds-day", "batch-flat", "chat-qps-check",
    ] {
      #expect(ids.contains(id), "\(id)")
    }
    #expect(Self.card("chain-tokens-day").value == 1e6 * 5 * 10 * 300)
    #expect(abs(Self.card("chain-tokens-s").value - 15e9 / 86_400) < 1)
    #expect(Self.card("chain-peak").accepted.contains(15e9 / 86_400 * 3))
    #expect(Self.card("chain-gpus").accepted.contains(15e9 / 86_400 * 3 / 1_000))
    #expect(Self.card("qps-30").judge(1e6 * 30 / 86_400).right)
    #expect(Self.card("kv-tokens-gpu").value == 20e9 / 0.25e6)
    #expect(Self.card("in-flight-2500").value == 80_000 / 2_500)
    #expect(NumberCard.deck.allSatisfy { $0.accepted.contains($0.value) })
  }

  static func drill(_ cards: [NumberCard], early: Set<String> = []) -> NumbersDrill {
    var drill = NumbersDrill(
      info: DrillInfo(
        id: "20261202-100000-drill-numbers", program: "0", drill: .numbers, seed: nil,
        limit: 30_000, count: cards.count), cards: cards, memories: [:], day: 20_000,
      early: early, at: Instant(ms: 0))
    _ = drill.start()
    return drill
  }

  static func answer(_ drill: inout NumbersDrill, _ text: String, at ms: Millis = 1_000) {
    for c in text { _ = drill.update(.key(.character(c)), at: Instant(ms: ms)) }
    _ = drill.update(.key(.enter), at: Instant(ms: ms))
    _ = drill.update(.key(.enter), at: Instant(ms: ms))
  }

  /// A missed card comes back at the end of the run until it is right.
  @Test func aMissedCardComesBackUntilItIsRight() {
    var d = Self.drill([Self.card("decode-70b"), Self.card("h100-hbm")])
    Self.answer(&d, "8000")
    #expect(d.kind.count == 3 && !d.isSummary)
    Self.answer(&d, "80")
    #expect(d.card.id == "decode-70b")
    Self.answer(&d, "5")
    #expect(d.kind.count == 4 && d.card.id == "decode-70b")
    Self.answer(&d, "1000")
    #expect(d.isSummary)
    #expect(d.reviews.map(\.card) == ["decode-70b", "h100-hbm", "decode-70b", "decode-70b"])
    #expect(d.reviews.map(\.right) == [false, true, false, true])
    // The repeat is reviewed from the memory the miss left, not the one before the drill.
    let fresh = FSRS.review(nil, .again, on: 20_000)
    #expect(d.reviews[0].stability == fresh.stability)
    #expect(d.reviews[2].stability != fresh.stability)
    let text = d.render(size: Size(width: 80, height: 24), at: Instant(ms: 2_000), colors: false)
      .text
    #expect(text.contains("came back until right: decode-70b (3 tries)"), "\(text)")
  }

  /// Without --all only due and new cards are asked; with it, the rest too, and the summary
  /// names them as early.
  @Test func cardsNotYetDueComeOnlyWithAllAndAreNamedEarly() {
    let today = 20_000.0
    let later = FSRS.review(nil, .easy, on: today - 1)
    let states = NumberCard.deck.map { card in
      DrillStats.CardState(
        card: card, memory: card.id == "decode-70b" ? later : nil, reviews: 0, lapses: 0)
    }
    let plain = DrillStats.order(states, today: today, count: 50, all: false)
    #expect(!plain.contains { $0.id == "decode-70b" })
    #expect(plain.count == NumberCard.deck.count - 1)
    let all = DrillStats.order(states, today: today, count: 50, all: true)
    #expect(all.last?.id == "decode-70b" && all.count == NumberCard.deck.count)
    #expect(DrillStats.early(states, today: today) == ["decode-70b"])
    var d = Self.drill([Self.card("decode-70b")], early: ["decode-70b"])
    Self.answer(&d, "1000")
    let text = d.render(size: Size(width: 80, height: 24), at: Instant(ms: 2_000), colors: false)
      .text
    #expect(text.contains("early (not yet due): decode-70b"), "\(text)")
  }
}
