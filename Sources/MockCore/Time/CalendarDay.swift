/// A day written `yyyy-mm-dd`, as `--since` takes it: the form, then whether the calendar has
/// that day (a month from 1 to 12, a day within its month, leap years counted).
public enum CalendarDay {
  static let months = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]

  /// What is wrong with `text` as a day, in words; nil when it is a day the calendar has.
  public static func problem(_ text: String) -> String? {
    guard let match = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})/),
      let year = Int(match.1), let month = Int(match.2), let day = Int(match.3)
    else { return "write the day as yyyy-mm-dd" }
    guard (1...12).contains(month) else { return "there is no month \(month)" }
    guard day >= 1 else { return "there is no day 0" }
    let length = days(in: month, of: year)
    guard day <= length else { return "\(months[month - 1]) \(year) has \(length) days" }
    return nil
  }

  /// How many days the month has (1 to 12), in the Gregorian calendar.
  public static func days(in month: Int, of year: Int) -> Int {
    switch month {
    case 2: leap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  static func leap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }
}

extension CalendarDay {
  /// Days from 1970-01-01 to the day `year`-`month`-`day` (proleptic Gregorian).
  public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    Int(CivilTime.days(year: year, month: month, day: day))
  }

  /// An RFC 3339 start (`2026-11-21T10:00:00.000Z`, UTC as the records write it) in days since
  /// 1970-01-01, with the time of day as the fraction; nil when it is not one.
  public static func days(_ started: String) -> Double? {
    let u = Array(started.utf8.prefix(19))
    guard u.count >= 10 else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for i in range {
        guard i < u.count, (48...57).contains(u[i]) else { return nil }
        value = value * 10 + Int(u[i] - 48)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    let whole = Double(daysSinceEpoch(year: year, month: month, day: day))
    guard u.count >= 19, let h = number(11..<13), let m = number(14..<16), let s = number(17..<19)
    else { return whole }
    return whole + Double(h * 3600 + m * 60 + s) / 86_400
  }

  /// The ISO 8601 week of a day: its year and number (weeks begin on Monday; week 1 holds the
  /// year's first Thursday).
  public static func isoWeek(daysSinceEpoch days: Int) -> (year: Int, week: Int) {
    // 1970-01-01 was a Thursday: weekday 1 (Monday) to 7 (Sunday).
    let weekday = ((days + 3) % 7 + 7) % 7 + 1
    let thursday = days - weekday + 4
    let year = civilYear(thursday)
    let first = daysSinceEpoch(year: year, month: 1, day: 1)
    return (year, (thursday - first) / 7 + 1)
  }

  /// The year that holds the day `days` since 1970-01-01.
  static func civilYear(_ days: Int) -> Int { CivilTime.parts(Int64(days) * 86_400).year }

  /// The Monday that begins the ISO week holding `days`, in days since 1970-01-01.
  public static func monday(of days: Int) -> Int {
    days - ((days + 3) % 7 + 7) % 7
  }
}
