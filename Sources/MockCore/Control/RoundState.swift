/// The round as `mockroom ctl status` shows it to the interviewer: the question and what a
/// strong answer covers, where the round stands, and both ratings.
public struct RoundState: Codable, Equatable, Sendable {
  public var v = ControlProtocol.version
  public var type = "round"
  /// The `status` request's `seq`.
  public var seq: Int?
  public var drill: String
  public var round: Int
  public var of: Int
  /// `running`, `rating`, `rated` or `done`.
  public var stage: String
  public var question: String
  public var strong: [String]
  public var move: String?
  public var elapsedMs: Millis
  public var limitMs: Millis
  public var light: String
  public var rating: Int?
  public var interviewerRating: Int?

  public init(
    drill: String, round: Int, of: Int, stage: String, question: String, strong: [String],
    move: String?, elapsedMs: Millis, limitMs: Millis, light: String, rating: Int?,
    interviewerRating: Int?
  ) {
    self.drill = drill
    self.round = round
    self.of = of
    self.stage = stage
    self.question = question
    self.strong = strong
    self.move = move
    self.elapsedMs = elapsedMs
    self.limitMs = limitMs
    self.light = light
    self.rating = rating
    self.interviewerRating = interviewerRating
  }

  /// The round in words, for `ctl status`.
  public var lines: [String] {
    var out = [
      "recovery drill \(drill) · round \(round) of \(of) · \(stage) · "
        + "\(DurationText.clock(elapsedMs)) of \(DurationText.clock(limitMs)) (\(light))",
      "question: \(question)",
    ]
    out += strong.map { "  strong: \($0)" }
    out.append("move: \(move.flatMap(RecoveryMove.init(name:))?.title ?? "none named yet")")
    out.append(
      "ratings: interviewer \(interviewerRating.map(String.init) ?? "-"), "
        + "candidate \(rating.map(String.init) ?? "-")")
    return out
  }
}
