/// Lines made from their parts, as the code that writes them names them: each builds the line's
/// one payload value.
extension Record.Entry {
  public static func sessionStarted(_ info: SessionInfo, _ plan: Plan, _ schedule: Schedule)
    -> Self
  { .sessionStarted(.init(info: info, plan: plan, schedule: schedule)) }

  public static func phaseEntered(_ phase: Phase, via: PhaseMove) -> Self {
    .phaseEntered(.init(phase: phase, via: via))
  }

  public static func phaseLeft(_ phase: Phase, elapsed: Millis, budget: Millis) -> Self {
    .phaseLeft(.init(phase: phase, elapsed: elapsed, budget: budget))
  }

  public static func budgetChanged(_ phase: Phase, from: Millis, to: Millis) -> Self {
    .budgetChanged(.init(phase: phase, from: from, to: to))
  }

  public static func rebalanced(_ phase: Phase, other: Phase, moved: Millis) -> Self {
    .rebalanced(.init(phase: phase, other: other, moved: moved))
  }

  public static func sessionEnded(_ ending: Ending, active: Millis) -> Self {
    .sessionEnded(.init(ending: ending, active: active))
  }

  public static func acknowledged(banner: Int, cue: String, kind: CueKind, after: Millis) -> Self {
    .acknowledged(.init(banner: banner, cue: cue, kind: kind, after: after))
  }

  public static func replanned(banner: Int, cue: String, after: Millis) -> Self {
    .replanned(.init(banner: banner, cue: cue, after: after))
  }

  public static func problemShown(number: Int, _ problem: EstimateProblem) -> Self {
    .problemShown(.init(number: number, problem: problem))
  }

  public static func problemAnswered(number: Int, _ result: EstimateResult) -> Self {
    .problemAnswered(.init(number: number, result: result))
  }

  public static func slipShown(number: Int, _ slip: SlipProblem) -> Self {
    .slipShown(.init(number: number, slip: slip))
  }

  public static func slipAnswered(number: Int, _ result: SlipResult) -> Self {
    .slipAnswered(.init(number: number, result: result))
  }

  public static func roundShown(number: Int, _ question: RecoveryQuestion) -> Self {
    .roundShown(.init(number: number, question: question))
  }

  public static func moveTakenBack(number: Int, _ move: RecoveryMove, elapsed: Millis) -> Self {
    .moveTakenBack(.init(number: number, move: move, elapsed: elapsed))
  }

  public static func moveChosen(number: Int, _ move: RecoveryMove, elapsed: Millis) -> Self {
    .moveChosen(.init(number: number, move: move, elapsed: elapsed))
  }

  public static func moveRefused(number: Int, _ move: RecoveryMove, elapsed: Millis) -> Self {
    .moveRefused(.init(number: number, move: move, elapsed: elapsed))
  }

  public static func roundRated(number: Int, move: RecoveryMove?, rating: Int, elapsed: Millis)
    -> Self
  { .roundRated(.init(number: number, move: move, rating: rating, elapsed: elapsed)) }

  public static func pushbackAnswered(
    banner: Int, cue: String, _ answer: PushbackAnswer, after: Millis
  ) -> Self { .pushbackAnswered(.init(banner: banner, cue: cue, answer: answer, after: after)) }

  public static func checkinCounted(number: Int, target: Int, worked: Millis) -> Self {
    .checkinCounted(.init(number: number, target: target, worked: worked))
  }
}
