/// The one-page cheat sheet for the night before a real interview, as XHTML that prints on one
/// A4 or Letter page: the four estimations (tokens/s per H100, the KV formula, the QPS-from-DAU
/// chain, the person's own figure for the problem), the phrases they keep forgetting, the five
/// phases with their plan's budgets, one sentence of their strongest story, and in the margin
/// the numbers-kit cards they hold least well. Everything from outside is escaped.
public enum InterviewSheet {
  public enum Paper: String, CaseIterable, Sendable {
    case a4, letter
    /// The size as CSS names it.
    var css: String { self == .a4 ? "A4" : "letter" }
  }

  /// A card the margin shows: its question and its book answer.
  public struct Miss: Equatable, Sendable {
    public var question: String
    public var answer: String
    public init(question: String, answer: String) {
      self.question = question
      self.answer = answer
    }
  }

  /// The cards with the lowest stability first (never reviewed counts as none), at most `count`.
  public static func misses(_ cards: [DrillStats.CardState], count: Int = 5) -> [Miss] {
    let reviewed = cards.filter { $0.memory != nil }
    let ranked = reviewed.sorted {
      ($0.memory!.stability, $0.card.id) < ($1.memory!.stability, $1.card.id)
    }
    return ranked.prefix(count).map {
      Miss(question: $0.card.question, answer: "\($0.card.acceptedText) \($0.card.unit)")
    }
  }

  static func card(_ id: String) -> NumberCard? { NumberCard.deck.first { $0.id == id } }

  /// The four estimations, each a name and its lines.
  static func estimations(_ interview: RealInterview) -> [(String, [String])] {
    let decode70 = card("decode-70b").map { NumberText.short($0.value) } ?? "1k"
    let decode7 = card("decode-7b").map { NumberText.short($0.value) } ?? "8k"
    return [
      (
        "Tokens/s per H100",
        [
          "70B BF16, batched: about \(decode70) output tokens/s; 7B: about \(decode7).",
          "70B weights: 70B x 2 bytes = 140 GB: two 80 GB GPUs before any KV cache.",
        ]
      ),
      (
        "KV cache per token",
        [
          "2 (K and V) x layers x KV heads x head dim x bytes per value.",
          "Llama-3 70B: 2 x 80 x 8 x 128 x 2 = 327,680 B, about 0.33 MB a token.",
        ]
      ),
      (
        "QPS from DAU",
        [
          "DAU x requests a user a day / 86,400 s = mean QPS; x 3 to 5 for the peak; "
            + "x 1.3 headroom.",
          "10M DAU x 10 / 86,400 = about 1,160 QPS mean, about 4,600 at a 4x peak.",
        ]
      ),
      (
        "This problem's number",
        [interview.number ?? "(none yet: add 'number:' to the interview's file)"]
      ),
    ]
  }

  /// The page, whole.
  public static func html(
    _ interview: RealInterview, plan: Plan, misses: [Miss], paper: Paper = .a4
  ) -> String {
    func e(_ text: String) -> String { Markup.escape(text) }
    var body = ""
    body += "<header><h1>\(e(interview.title))</h1><p>"
    body += e(
      "\(CivilTime.shown(interview.at, zone: interview.zone)), \(interview.minutes) min, "
        + interview.kind.rawValue + (interview.who.map { ", with \($0)" } ?? ""))
    body += "</p></header>\n<main>\n<section><h2>Four estimations</h2>\n"
    for (name, lines) in estimations(interview) {
      body += "<h3>\(e(name))</h3>" + lines.map { "<p>\(e($0))</p>" }.joined() + "\n"
    }
    body += "</section>\n<section><h2>The phases (plan: \(e(plan.name)))</h2><table>\n"
    var start: Millis = 0
    for phase in Phase.allCases {
      body += "<tr><td>\(e(phase.name))</td><td>\(e(DurationText.clock(plan[phase])))</td>"
      body += "<td>from \(e(DurationText.clock(start)))</td></tr>\n"
      start += plan[phase]
    }
    body += "<tr><td>total</td><td>\(e(DurationText.clock(plan.total)))</td><td></td></tr>\n"
    body += "</table></section>\n<section><h2>Phrases I keep forgetting</h2><ol>\n"
    let phrases =
      interview.phrases.isEmpty ? ["(none yet: add 'phrases:' to the file)"] : interview.phrases
    for phrase in phrases { body += "<li>\(e(phrase))</li>\n" }
    body += "</ol></section>\n<section><h2>My strongest story</h2>"
    body += "<p>\(e(interview.story ?? "(none yet: add 'story:' to the file)"))</p></section>\n"
    body += "</main>\n<aside><h2>Numbers I miss</h2>\n"
    if misses.isEmpty {
      body += "<p>No cards reviewed yet: mockroom drill numbers.</p>\n"
    }
    for miss in misses {
      body += "<p>\(e(miss.question))<br/><b>\(e(miss.answer))</b></p>\n"
    }
    body += "</aside>\n"
    return """
      <!DOCTYPE html>
      <html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><meta charset="utf-8"/>
      <title>\(e(interview.title)): the night before</title>
      <style>
      @page { size: \(paper.css); margin: 12mm; }
      * { box-sizing: border-box; }
      html { font: 10pt/1.3 "DejaVu Sans", sans-serif; color: #000; }
      body { margin: 0; display: grid; grid-template-columns: 1fr 52mm; column-gap: 6mm;
        max-height: 250mm; overflow: hidden; }
      header { grid-column: 1 / 3; border-bottom: 1.5pt solid #000; margin-bottom: 3mm; }
      h1 { font-size: 15pt; margin: 0; overflow-wrap: anywhere; }
      header p { margin: 1mm 0 2mm; }
      h2 { font-size: 11pt; margin: 3mm 0 1mm; border-bottom: 0.5pt solid #888; }
      h3 { font-size: 10pt; margin: 2mm 0 0; }
      p { margin: 0.5mm 0; overflow-wrap: anywhere; }
      table { border-collapse: collapse; }
      td { padding: 0.4mm 4mm 0.4mm 0; }
      ol { margin: 0; padding-left: 5mm; overflow-wrap: anywhere; }
      aside { border-left: 0.5pt solid #888; padding-left: 4mm; font-size: 8.5pt; }
      aside p { margin-bottom: 2mm; }
      </style></head>
      <body>
      \(body)</body></html>

      """
  }
}
