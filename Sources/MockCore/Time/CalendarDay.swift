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
