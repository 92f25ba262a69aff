import MockCore
import Testing

@Suite struct DurationReading {
  @Test(
    arguments: [
      ("90s", 90_000), ("5m", 300_000), ("1m30s", 90_000), ("1h", 3_600_000), ("4:30", 270_000),
      ("1:02:03", 3_723_000), ("1h5m", 3_900_000), ("2h30s", 7_230_000), ("0:05", 5_000),
      (" 3s ", 3_000), ("5M", 300_000), ("24h", 86_400_000),
    ] as [(String, Millis)])
  func acceptedForms(_ text: String, _ expected: Millis) throws {
    #expect(try DurationText.parse(text) == expected)
  }

  @Test(arguments: [
    ("", "it is empty"),
    ("20", "a bare number needs a unit (20m or 20s)"),
    ("5x", "'x' is not a unit"),
    ("m5", "a number must come before 'm'"),
    ("5s3m", "units must come in the order h, m, s"),
    ("5m5m", "units must come in the order h, m, s"),
    ("1m30", "the trailing '30' needs a unit"),
    ("0s", "it must be longer than zero"),
    ("0:00", "it must be longer than zero"),
    ("25h", "it must be at most 24h"),
    ("4:75", "minutes and seconds after a colon must be below 60"),
    ("1:2:3:4", "a clock form has one or two colons"),
    ("4:", "'' is not a whole number"),
    ("-5m", "'-' is not a unit"),
    ("9999999s", "the number is too large"),
  ])
  func refusedFormsSayWhatIsWrong(_ text: String, _ problem: String) {
    #expect {
      try DurationText.parse(text)
    } throws: { error in
      let message = "\(error)"
      return message.contains(problem) && message.contains("'\(text)'")
        && message.contains("90s, 5m, 1m30s, 1h or 4:30")
    }
  }

  @Test func countdownRoundsUpAndClockRoundsDown() {
    #expect(DurationText.countdown(300_000) == "5:00")
    #expect(DurationText.countdown(299_001) == "5:00")
    #expect(DurationText.countdown(299_000) == "4:59")
    #expect(DurationText.countdown(1) == "0:01")
    #expect(DurationText.countdown(0) == "0:00")
    #expect(DurationText.clock(59_999) == "0:59")
    #expect(DurationText.clock(3_600_000) == "1:00:00")
    #expect(DurationText.clock(3_725_000) == "1:02:05")
    #expect(DurationText.clock(-5) == "0:00")
  }
}
