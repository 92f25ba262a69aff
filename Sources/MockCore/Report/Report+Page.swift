/// The page around a report's sections, and its inline style sheet.
extension Report {
  static func page(
    title: String, heading: String, facts: [String], sections: [Markup], generated: String,
    program: String
  ) -> String {
    let html = el(
      "html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "en")],
      el(
        "head", [], el("meta", [("charset", "utf-8")]),
        el("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
        el("meta", [("name", "color-scheme"), ("content", "light dark")]),
        el("title", text: title), el("style", [], .trusted(style))),
      el(
        "body", [],
        el(
          "header", [], el("h1", text: heading),
          el("p", [("class", "facts")], text: facts.joined(separator: " · "))),
        el("main", [], sections),
        el("footer", [], el("p", text: "Made by mockroom \(program) on \(generated)."))))
    return "<!DOCTYPE html>\n" + html.rendered + "\n"
  }

  /// The style sheet: light and dark by the reader's setting, light in print, and no chart cut
  /// across pages. It holds no `<` or `&`, so the page still reads as XML.
  static let style = """
    :root { color-scheme: light dark; --fg: #1d2125; --muted: #5c6670; --bg: #ffffff;
      --panel: #f3f5f7; --ok: #2f6f9f; --bad: #b3261e; --grid: #d9dee3; --phase-a: #dce8f2;
      --phase-b: #c4d7e8; --pause: rgba(120, 120, 120, 0.18); --mark: #7a4fb5; --note: #1e7b52; }
    @media (prefers-color-scheme: dark) {
      :root { --fg: #e6e9ec; --muted: #a3adb7; --bg: #16191c; --panel: #21262b; --ok: #6fb3e3;
        --bad: #ff8a80; --grid: #343b42; --phase-a: #243543; --phase-b: #2e4558;
        --pause: rgba(200, 200, 200, 0.16); --mark: #c3a2f0; --note: #6fd3a4; }
    }
    @media print {
      :root { color-scheme: light; --fg: #000000; --muted: #444444; --bg: #ffffff;
        --panel: #ffffff; --ok: #2f6f9f; --bad: #b3261e; --grid: #cccccc; --phase-a: #e4ecf3;
        --phase-b: #cddbe8; --pause: rgba(0, 0, 0, 0.12); --mark: #5b2f96; --note: #145c3c; }
      figure, table, section > ul { break-inside: avoid; page-break-inside: avoid; }
      body { margin: 0; max-width: none; }
      details::details-content { content-visibility: visible; display: block; height: auto; }
      details > summary { list-style: none; font-weight: 600; }
      footer { break-before: avoid; page-break-before: avoid; }
    }
    body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      color: var(--fg); background: var(--bg); margin: 2rem auto; max-width: 800px;
      padding: 0 1rem; }
    h1 { font-size: 1.6rem; margin: 0 0 0.3rem; }
    h2 { font-size: 1.15rem; margin: 2rem 0 0.6rem; border-bottom: 1px solid var(--grid);
      padding-bottom: 0.2rem; break-after: avoid; page-break-after: avoid; }
    .facts, figcaption, footer { color: var(--muted); font-size: 0.9rem; }
    figure { margin: 0; }
    svg { max-width: 100%; height: auto; display: block; }
    svg text { fill: var(--fg); font-size: 12px; font-family: inherit; }
    svg text.tick, svg text.note { fill: var(--muted); font-size: 11px; }
    svg text.phase-name { font-size: 11px; }
    .axis { stroke: var(--muted); stroke-width: 1; }
    .grid { stroke: var(--grid); stroke-width: 1; }
    .budget { fill: none; stroke: var(--muted); stroke-width: 1; stroke-dasharray: 3 2; }
    .within { fill: var(--ok); }
    .over { stroke: var(--bad); stroke-width: 1; }
    .hatch-bg { fill: var(--bg); }
    .hatch-line { stroke: var(--bad); stroke-width: 3; }
    .limit { fill: none; stroke: var(--fg); stroke-width: 1.5; stroke-dasharray: 5 3; }
    .phase-0 { fill: var(--phase-a); }
    .phase-1 { fill: var(--phase-b); }
    .pause { fill: var(--pause); }
    .cue { stroke: var(--bad); stroke-width: 2; }
    .cue.interjection { fill: var(--bad); }
    .cue.coaching { fill: var(--bg); }
    .wait { stroke: var(--bad); stroke-width: 2; }
    .replan { stroke: var(--fg); stroke-width: 2; }
    .mark { fill: var(--mark); }
    .note-mark { fill: var(--note); }
    .change { stroke: var(--fg); stroke-width: 1; stroke-dasharray: 4 3; }
    .mine { fill: var(--ok); }
    .theirs { fill: var(--mark); }
    .mine-line { fill: none; stroke: var(--ok); stroke-width: 1.5; }
    .theirs-line { fill: none; stroke: var(--mark); stroke-width: 1.5; stroke-dasharray: 5 3; }
    details { margin: 0.4rem 0 0; }
    summary { cursor: pointer; color: var(--muted); font-size: 0.9rem; }
    table { border-collapse: collapse; font-size: 0.88rem; margin: 0.4rem 0; }
    th, td { text-align: left; padding: 0.2rem 0.7rem 0.2rem 0; vertical-align: top;
      border-bottom: 1px solid var(--grid); }
    th { font-weight: 600; }
    table.debrief td:first-child { color: var(--muted); }
    ul.directions li.worse strong { color: var(--bad); }
    """
}
