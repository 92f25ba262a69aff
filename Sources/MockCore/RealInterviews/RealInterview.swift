import Foundation

/// A real interview, as the person keeps it: `interviews/<id>.md` under the data directory,
/// YAML front matter (the fields below) and a Markdown body (notes, then the pre-mortem and
/// the write-up, each under its own `## ` heading). Times are seconds since the epoch; `zone`
/// is the offset the time was written in, kept so that the file reads back as it was written.
public struct RealInterview: Codable, Equatable, Sendable {
  /// What kind of round it is.
  public enum Kind: String, Codable, CaseIterable, Sendable {
    case systemDesign = "system-design"
    case mlDesign = "ml-design"
    case coding, behavioral, other
  }

  /// How it ended, as the company said.
  public enum Outcome: String, Codable, CaseIterable, Sendable {
    case offer, rejected, withdrawn
    case noAnswer = "no-answer"
  }

  public var id: String
  public var company: String
  public var role: String
  public var kind: Kind = .systemDesign
  /// When it starts.
  public var at: Int64
  /// The offset from UTC, in seconds, `at` was written with.
  public var zone: Int = 0
  /// How long it is, in minutes.
  public var minutes: Int = RealInterview.defaultMinutes
  public var who: String?
  /// The plan whose budgets the cheat sheet shows (the standard one without).
  public var plan: String?
  public var outcome: Outcome?
  public var feedback: String?
  /// The gaps the person names, as short tags.
  public var tags: [String] = []
  /// The write-up's self-scores, 1 to 5, by `Dimension.rawValue`.
  public var scores: [String: Int] = [:]
  /// When the write-up was first saved.
  public var written: Int64?
  /// How many minutes past the four hours it came (0: in time).
  public var lateMinutes: Int?
  /// When the `writeup-due` hook was fired (it fires once).
  public var dueHookFired: Int64?
  /// When the evening-before reminder was shown (it is shown once).
  public var reminded: Int64?
  /// The sheet's own figure for this problem.
  public var number: String?
  /// The phrases the person keeps forgetting, for the sheet: at most three.
  public var phrases: [String] = []
  /// One sentence of the strongest story, for the sheet.
  public var story: String?
  /// The body before the pre-mortem and the write-up.
  public var notes: String = ""
  public var premortem: String?
  public var writeup: String?

  public static let defaultMinutes = 60
  /// The write-up is due this long after the interview's end.
  public static let writeupWindow: Int64 = 4 * 3600
  /// The countdown (and then the lateness) is shown for this long after the end.
  public static let noticeWindow: Int64 = 7 * 86_400
  /// The night before: a full mock this close to a real interview is questioned.
  public static let nightBefore: Int64 = 18 * 3600

  public init(
    id: String, company: String, role: String, kind: Kind = .systemDesign, at: Int64,
    zone: Int = 0, minutes: Int = RealInterview.defaultMinutes
  ) {
    self.id = id
    self.company = company
    self.role = role
    self.kind = kind
    self.at = at
    self.zone = zone
    self.minutes = minutes
  }

  /// When it ends.
  public var end: Int64 { at + Int64(minutes) * 60 }
  /// When the write-up is due: four hours after the end.
  public var writeupDue: Int64 { end + Self.writeupWindow }

  /// The scores by dimension.
  public var dimensionScores: [Dimension: Int] {
    var out: [Dimension: Int] = [:]
    for (name, value) in scores {
      if let dimension = Dimension(rawValue: name) { out[dimension] = value }
    }
    return out
  }

  /// The lowest-scored dimensions (every one tied at the lowest), in the dimensions' order;
  /// empty without scores.
  public var weakest: [Dimension] {
    let scored = dimensionScores
    guard let low = scored.values.min() else { return [] }
    return Dimension.allCases.filter { scored[$0] == low }
  }

  /// `Acme, staff ML engineer`.
  public var title: String { "\(company), \(role)" }

  /// Minutes late a write-up saved at `now` is: 0 within the four hours.
  public func lateness(savedAt now: Int64) -> Int {
    Int(max(0, now - writeupDue) / 60)
  }

  /// An id for a new interview: its local date and the company in lowercase words joined by
  /// hyphens, `20261209-acme-corp`; `-2`, `-3`… when `taken` has it.
  public static func newID(company: String, at: Int64, zone: Int, taken: Set<String>) -> String {
    let date = CivilTime.parts(at + Int64(zone))
    var words: [String] = []
    var word = ""
    // Accents go (Ünï is uni); a script without Latin letters leaves only the date.
    let folded = company.folding(options: .diacriticInsensitive, locale: nil).lowercased()
    for scalar in folded.unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        word.unicodeScalars.append(scalar)
      } else if !word.isEmpty {
        words.append(word)
        word = ""
      }
    }
    if !word.isEmpty { words.append(word) }
    let slug = words.prefix(4).joined(separator: "-")
    let stem =
      String(format4(date.year)) + two(date.month) + two(date.day)
      + (slug.isEmpty ? "" : "-" + String(slug.prefix(40)))
    var id = stem
    var n = 2
    while taken.contains(id) {
      id = "\(stem)-\(n)"
      n += 1
    }
    return id
  }
}

extension Dimension {
  /// A dimension as `--score` and the write-up's form take it: its own name, or the first word
  /// of its title (`numerical`, `operational`), or `tradeoff`.
  public init?(word: String) {
    let lower = word.lowercased()
    if let own = Dimension(rawValue: lower) {
      self = own
      return
    }
    let named = Dimension.allCases.first {
      $0.title.split(separator: " ").first.map(String.init) == lower
    }
    if let named {
      self = named
    } else if lower == "tradeoff" {
      self = .tradeoffs
    } else {
      return nil
    }
  }
}

func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
func format4(_ n: Int) -> String {
  let text = "\(n)"
  return String(repeating: "0", count: max(0, 4 - text.count)) + text
}

/// Civil dates and times from seconds since the epoch (proleptic Gregorian, no leap seconds),
/// and the `2026-12-09T15:00+01:00` form the interview files use. Pure: the zone is given.
public enum CivilTime {
  public struct Parts: Equatable, Sendable {
    public var year, month, day, hour, minute, second: Int
  }

  /// Days since 1970-01-01 of a civil date.
  static func days(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let m = Int64(month)
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The civil date and time of `seconds` (already moved by any offset).
  public static func parts(_ seconds: Int64) -> Parts {
    let dayCount = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let inDay = Int(seconds - dayCount * 86_400)
    let z = dayCount + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = Int(doy - (153 * mp + 2) / 5 + 1)
    let month = Int(mp < 10 ? mp + 3 : mp - 9)
    let year = Int(yoe + era * 400) + (month <= 2 ? 1 : 0)
    return Parts(
      year: year, month: month, day: day, hour: inDay / 3600, minute: inDay % 3600 / 60,
      second: inDay % 60)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Reads `YYYY-MM-DDTHH:MM[:SS]` (or a space for the `T`), with `Z` or `±HH:MM` after it or
  /// nothing; without an offset, `localOffset` gives it from the time read as if it were UTC.
  /// Returns the instant and the offset it was written in; nil when it does not read.
  public static func parse(_ text: String, localOffset: (Int64) -> Int) -> (
    seconds: Int64, zone: Int
  )? {
    let chars = Array(text.trimmingWhitespace.utf8)
    var at = 0
    func number(_ digits: Int) -> Int? {
      guard at + digits <= chars.count else { return nil }
      var value = 0
      for c in chars[at..<(at + digits)] {
        guard (48...57).contains(c) else { return nil }
        value = value * 10 + Int(c - 48)
      }
      at += digits
      return value
    }
    func take(_ c: UInt8) -> Bool {
      guard at < chars.count, chars[at] == c else { return false }
      at += 1
      return true
    }
    guard let year = number(4), take(45), let month = number(2), take(45), let day = number(2)
    else { return nil }
    guard take(84) || take(116) || take(32), let hour = number(2), take(58),
      let minute = number(2)
    else { return nil }
    var second = 0
    if take(58) {
      guard let s = number(2) else { return nil }
      second = s
    }
    guard (1970...9999).contains(year), (1...12).contains(month),
      (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60, second < 60
    else { return nil }
    let naive =
      days(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    var zone: Int
    if at == chars.count {
      zone = localOffset(naive)
    } else if take(90) || take(122) {
      zone = 0
    } else {
      let sign: Int
      if take(43) {
        sign = 1
      } else if take(45) {
        sign = -1
      } else {
        return nil
      }
      guard let h = number(2) else { return nil }
      _ = take(58)
      guard let m = number(2), h <= 14, m < 60 else { return nil }
      zone = sign * (h * 3600 + m * 60)
    }
    guard at == chars.count, abs(zone) <= 14 * 3600 else { return nil }
    zone = zone / 60 * 60
    return (naive - Int64(zone), zone)
  }

  /// `2026-12-09T15:00+01:00` (seconds only when not zero; `Z` for UTC).
  public static func format(_ seconds: Int64, zone: Int) -> String {
    let p = parts(seconds + Int64(zone))
    var text = "\(format4(p.year))-\(two(p.month))-\(two(p.day))T\(two(p.hour)):\(two(p.minute))"
    if p.second != 0 { text += ":\(two(p.second))" }
    if zone == 0 { return text + "Z" }
    let sign = zone < 0 ? "-" : "+"
    return text + "\(sign)\(two(abs(zone) / 3600)):\(two(abs(zone) % 3600 / 60))"
  }

  /// `Wed 9 Dec 2026 15:00`, in the zone given.
  public static func shown(_ seconds: Int64, zone: Int) -> String {
    let p = parts(seconds + Int64(zone))
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    let dayNumber =
      (seconds + Int64(zone)) >= 0
      ? (seconds + Int64(zone)) / 86_400 : ((seconds + Int64(zone)) - 86_399) / 86_400
    let names = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    let w = weekday[Int(((dayNumber % 7) + 7) % 7)]
    return "\(w) \(p.day) \(names[p.month - 1]) \(format4(p.year)) \(two(p.hour)):\(two(p.minute))"
  }

  /// A span in seconds, rounded up to the minute, as `35m`, `3h12m`, or past two days `6d04h`:
  /// never `154:08`, which reads as a time of day.
  public static func span(_ seconds: Int64) -> String {
    let minutes = (max(0, seconds) + 59) / 60
    if minutes < 60 { return "\(minutes)m" }
    if minutes < 48 * 60 { return "\(minutes / 60)h\(two(Int(minutes % 60)))m" }
    return "\(minutes / (24 * 60))d\(two(Int(minutes % (24 * 60) / 60)))h"
  }
}
