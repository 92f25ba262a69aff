import CZlib
import Foundation
import ReportCheck
import Testing

/// `mockroom report` through the real binary, drawn by a real browser: headless Chromium
/// renders it to a PNG (its pixels must not be blank) and prints it to a PDF (its pages and
/// text are read back with poppler).
@Suite(.timeLimit(.minutes(3))) struct ReportEndToEnd {
  typealias Home = PromptEndToEnd.Home

  static let hostile = "\"><script>alert(1)</script> ask about the cache"

  /// Three finished sessions on the standard plan, a day apart: a pivot acknowledged and
  /// re-planned, a check-in, a note (with markup in it) from the interviewer, and a debrief.
  static func write(_ home: Home) throws {
    let budgets = [
      ("clarify", 300_000), ("estimate", 300_000), ("design", 900_000), ("drill", 900_000),
      ("ops", 300_000),
    ]
    func line(_ fields: [String: Any]) throws -> String {
      var all = fields
      all["v"] = 3
      all["wall"] = all["wall"] ?? "2026-11-01T10:00:00.000Z"
      return String(
        decoding: try JSONSerialization.data(withJSONObject: all, options: .sortedKeys),
        as: UTF8.self)
    }
    for day in 1...3 {
      let id = "2026110\(day)-100000-video-recs"
      let wall = "2026-11-0\(day)T10:00:00.000Z"
      var lines = [
        try line([
          "type": "session_started", "t_ms": 0, "id": id, "title": "Short-video recommendations",
          "program": "0.1.0", "prompt": "video-recs", "seed": day, "wall": wall,
          "plan": ["name": "standard", "budgets_ms": Dictionary(uniqueKeysWithValues: budgets)],
          "schedule": ["drill_grace_ms": 0, "interjections": [Any]()],
        ]),
        try line(["type": "phase_entered", "t_ms": 0, "phase": "clarify", "via": "start"]),
      ]
      var t = 0
      for (index, (phase, budget)) in budgets.enumerated() {
        let spent = budget * (8 + (day + index) % 5) / 10
        if phase == "design" {
          lines.append(
            try line([
              "type": "cue_fired", "t_ms": t + 360_000, "banner": 1, "cue": "audio-first",
              "kind": "pivot", "text": "Most traffic is now audio. What changes?",
            ]))
          lines.append(
            try line([
              "type": "acknowledged", "t_ms": t + 363_000, "banner": 1, "cue": "audio-first",
              "kind": "pivot", "after_ms": 3_000, "source": "candidate",
            ]))
          lines.append(
            try line([
              "type": "replanned", "t_ms": t + 400_000, "banner": 1, "cue": "audio-first",
              "after_ms": 40_000, "source": "candidate",
            ]))
          lines.append(
            try line([
              "type": "marked", "t_ms": t + 480_000, "mark": "checkin", "source": "candidate",
            ]))
          lines.append(
            try line([
              "type": "note", "t_ms": t + 500_000, "text": hostile, "source": "interviewer",
            ]))
        }
        t += spent
        lines.append(
          try line([
            "type": "phase_left", "t_ms": t, "phase": phase, "elapsed_ms": spent,
            "budget_ms": budget,
            "overrun_ms": max(0, spent - budget),
          ]))
        if index < 4 {
          lines.append(
            try line([
              "type": "phase_entered", "t_ms": t, "phase": budgets[index + 1].0, "via": "next",
            ]))
        }
      }
      lines.append(
        try line([
          "type": "session_ended", "t_ms": t, "outcome": "finished", "reason": "completed",
          "active_ms": t, "source": "candidate",
        ]))
      lines.append(
        try line([
          "type": "debrief", "t_ms": t, "source": "candidate", "why": "drew too much",
          "notes": "start the drill earlier", "overran": "design",
          "scores": [
            "judgment": day + 1, "numbers": day, "tradeoffs": 3, "operations": 3, "recovery": 4,
          ],
        ]))
      try home.write("sessions/\(id).jsonl", lines.joined(separator: "\n") + "\n")
    }
  }

  static func chromium(_ arguments: [String], scratch: String) throws -> Output {
    try runProcess(
      [
        "timeout", "90", "chromium", "--headless", "--no-sandbox", "--disable-gpu",
        "--hide-scrollbars", "--no-pdf-header-footer", "--user-data-dir=\(scratch)/profile",
      ] + arguments)
  }

  @Test func aReportDrawnByChromiumHasPicturesAndThePagesExpected() async throws {
    try await offThePool {
      for tool in ["chromium", "pdfinfo", "pdftotext"] {
        try #require(
          try runProcess(["sh", "-c", "command -v \(tool)"]).status == 0,
          "\(tool) is missing: scripts/setup --for-tests installs it")
      }
      let home = try Home()
      try Self.write(home)
      let session = home.path + "/session.html"
      let trends = home.path + "/trends.html"
      let one = try ConfigEndToEnd.mockroom(["report", "last", "-o", session], home)
      #expect(one.status == 0, "\(one.stderr)")
      #expect(one.stdout == "mockroom: wrote \(session)\n")
      let all = try ConfigEndToEnd.mockroom(["report", "-o", trends], home)
      #expect(all.status == 0, "\(all.stderr)")
      let html = try String(contentsOfFile: session, encoding: .utf8)
      for file in [session, trends] {
        let problems = ReportCheck.problems(try String(contentsOfFile: file, encoding: .utf8))
        #expect(problems.isEmpty, "\(file): \(problems)")
      }
      #expect(!html.contains("<script"))
      #expect(html.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; ask about the cache"))
      let stdout = try ConfigEndToEnd.mockroom(["report", "--last", "2", "-o", "-"], home)
      #expect(
        stdout.stdout.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""))
      #expect(stdout.stdout.contains("2 sessions · the latest 2"))

      for (name, file, pages) in [("session", session, 2), ("trends", trends, 4)] {
        let png = home.path + "/\(name).png"
        let shot = try Self.chromium(
          ["--screenshot=\(png)", "--window-size=900,1400", "file://\(file)"], scratch: home.path)
        #expect(shot.status == 0, "\(shot.stderr)")
        let picture = try PNG(path: png)
        #expect(picture.width == 900 && picture.height == 1400)
        // Not blank: a good share of the pixels differ from the page, in many colours (text,
        // the bars' blue, the overrun's red hatching).
        let (drawn, colours) = picture.drawn()
        #expect(drawn > picture.width * picture.height / 50, "\(name): \(drawn) pixels drawn")
        #expect(colours > 20, "\(name): \(colours) colours")

        let pdf = home.path + "/\(name).pdf"
        let printed = try Self.chromium(
          ["--print-to-pdf=\(pdf)", "file://\(file)"], scratch: home.path)
        #expect(printed.status == 0, "\(printed.stderr)")
        let info = try runProcess(["pdfinfo", pdf])
        #expect(info.stdout.contains("Pages:           \(pages)\n"), "\(name): \(info.stdout)")
        let text = try runProcess(["pdftotext", "-layout", pdf, "-"]).stdout
        #expect(
          text.contains(
            name == "session" ? "Phases against their budgets" : "Each phase, session by session"))
        // No page holds only the footer.
        let last = try runProcess(
          ["pdftotext", "-f", "\(pages)", "-l", "\(pages)", pdf, "-"]
        ).stdout.split(whereSeparator: \.isNewline).filter { !$0.isEmpty }
        #expect(last.count > 1, "\(name): the last page holds only \(last)")
      }
      // Printed, the debrief is there in words, and the charts' tables are unfolded.
      let text = try runProcess(["pdftotext", home.path + "/session.pdf", "-"]).stdout
      #expect(text.contains("Debrief") && text.contains("drew too much"))
      let trendsText = try runProcess(["pdftotext", home.path + "/trends.pdf", "-"]).stdout
      #expect(trendsText.contains("2026-11-02 10:00"), "the phases' table is not printed")
      #expect(text.contains("start the drill earlier"))
    }
  }

  @Test func openHandsTheFileToXdgOpen() throws {
    let home = try Home()
    try Self.write(home)
    // A stand-in xdg-open that notes what it was handed, written whole (elsewhere, then
    // renamed): the test once read the file between its creation and the echo, and found it
    // empty.
    let bin = home.path + "/bin"
    try home.write(
      "bin/xdg-open",
      "#!/bin/sh\necho \"$@\" > \(home.path)/opened.new && mv \(home.path)/opened.new \(home.path)/opened\n"
    )
    chmod(bin + "/xdg-open", 0o755)
    let file = home.path + "/r.html"
    var env = ["PATH": bin + ":/usr/bin:/bin"]
    let opened = try ConfigEndToEnd.mockroom(["report", "last", "-o", file, "--open"], home, env)
    #expect(opened.status == 0, "\(opened.stderr)")
    #expect(opened.stdout == "mockroom: wrote \(file); opening it\n")
    let deadline = Date().addingTimeInterval(10)
    while !FileManager.default.fileExists(atPath: home.path + "/opened"), Date() < deadline {
      Thread.sleep(forTimeInterval: 0.05)
    }
    #expect(try String(contentsOfFile: home.path + "/opened", encoding: .utf8) == file + "\n")
    // With none, the path is said: a PATH of only what the test needs, without xdg-open.
    let tools = home.path + "/tools"
    try FileManager.default.createDirectory(atPath: tools, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: tools + "/timeout", withDestinationPath: "/usr/bin/timeout")
    env["PATH"] = tools
    let none = try ConfigEndToEnd.mockroom(["report", "last", "-o", file, "--open"], home, env)
    #expect(none.stdout == "mockroom: wrote \(file)\n")
  }

  @Test func reportWithoutSessionsOrWithBadFlagsSaysSo() throws {
    let home = try Home()
    let none = try ConfigEndToEnd.mockroom(["report", "-o", home.path + "/r.html"], home)
    #expect(none.status == 0)
    #expect(none.stdout.hasPrefix("no sessions yet"))
    let both = try ConfigEndToEnd.mockroom(["report", "last", "--last", "3"], home)
    #expect(both.status == 2)
    #expect(both.stderr.contains("give a session id, or --last/--since/--prompt/--plan, not both."))
    try Self.write(home)
    let nothing = try ConfigEndToEnd.mockroom(
      ["report", "--prompt", "nope", "-o", home.path + "/r.html"], home)
    #expect(nothing.status == 1)
    #expect(nothing.stderr == "mockroom: no sessions match\n")
    #expect(!FileManager.default.fileExists(atPath: home.path + "/r.html"))
  }
}

/// Just enough of PNG to count what a browser drew: 8-bit RGB or RGBA, not interlaced.
struct PNG {
  var width = 0
  var height = 0
  var channels = 0
  var pixels: [UInt8] = []

  struct Unreadable: Error, CustomStringConvertible { var description: String }

  init(path: String) throws {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    guard bytes.count > 8, bytes[0..<8] == [137, 80, 78, 71, 13, 10, 26, 10] else {
      throw Unreadable(description: "\(path) is not a PNG")
    }
    var at = 8
    var compressed: [UInt8] = []
    func word(_ i: Int) -> Int { bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
    while at + 8 <= bytes.count {
      let length = word(at)
      let type = String(decoding: bytes[(at + 4)..<(at + 8)], as: UTF8.self)
      let body = Array(bytes[(at + 8)..<(at + 8 + length)])
      switch type {
      case "IHDR":
        width = word(at + 8)
        height = word(at + 12)
        guard body[8] == 8, body[12] == 0, body[9] == 2 || body[9] == 6 else {
          throw Unreadable(description: "only 8-bit RGB(A) PNGs without interlacing are read")
        }
        channels = body[9] == 6 ? 4 : 3
      case "IDAT": compressed += body
      default: break
      }
      at += 12 + length
    }
    let stride = width * channels
    var raw = [UInt8](repeating: 0, count: height * (stride + 1))
    var size = uLongf(raw.count)
    let status = uncompress(&raw, &size, compressed, uLong(compressed.count))
    guard status == Z_OK, Int(size) == raw.count else {
      throw Unreadable(description: "zlib said \(status)")
    }
    // Undo each row's filter (none, sub, up, average, Paeth).
    pixels = [UInt8](repeating: 0, count: height * stride)
    for y in 0..<height {
      let filter = raw[y * (stride + 1)]
      for x in 0..<stride {
        let value = Int(raw[y * (stride + 1) + 1 + x])
        let a = x >= channels ? Int(pixels[y * stride + x - channels]) : 0
        let b = y > 0 ? Int(pixels[(y - 1) * stride + x]) : 0
        let c = x >= channels && y > 0 ? Int(pixels[(y - 1) * stride + x - channels]) : 0
        let predicted: Int
        switch filter {
        case 1: predicted = a
        case 2: predicted = b
        case 3: predicted = (a + b) / 2
        case 4:
          let p = a + b - c
          let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
          predicted = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
        default: predicted = 0
        }
        pixels[y * stride + x] = UInt8((value + predicted) & 0xff)
      }
    }
  }

  /// How many pixels differ from the top-left one (the page), and how many colours there are.
  func drawn() -> (pixels: Int, colours: Int) {
    var count = 0
    var colours = Set<UInt32>()
    let page = Array(pixels[0..<3])
    for i in Swift.stride(from: 0, to: pixels.count, by: channels) {
      let rgb = (UInt32(pixels[i]) << 16) | (UInt32(pixels[i + 1]) << 8) | UInt32(pixels[i + 2])
      if colours.count < 1000 { colours.insert(rgb) }
      if pixels[i] != page[0] || pixels[i + 1] != page[1] || pixels[i + 2] != page[2] { count += 1 }
    }
    return (count, colours.count)
  }
}
