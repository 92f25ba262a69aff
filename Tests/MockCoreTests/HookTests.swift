import Testing

@testable import MockCore

extension Driven {
  /// The hook calls among the effects so far.
  var calls: [HookCall] {
    effects.compactMap { if case .hook(let call) = $0 { call } else { nil } }
  }
}

@Suite struct HookMoments {
  @Test func theStartIsSessionStartedThenTheFirstPhaseEntered() {
    let d = Driven()
    #expect(d.calls.map(\.event) == [.sessionStarted, .phaseEntered])
    let started = d.calls[0].variables
    #expect(started["SESSION"] == "d" && started["PLAN"] == "standard")
    #expect(started["PHASE"] == "clarify" && started["BUDGET_S"] == "300")
    #expect(started["ELAPSED_S"] == "0" && started["REMAINING_S"] == "300")
    #expect(started["TEXT"] == "session started: Driven")
    #expect(d.calls[1].variables["TEXT"] == "clarify")
  }

  @Test func aCueFiringGivesItsIdKindAndText() {
    var d = Driven()
    d.effects = []
    d.now = d.now + 10_000
    d.feed(.time)
    #expect(d.calls.map(\.event) == [.cueFired])
    let fired = d.calls[0].variables
    #expect(fired["CUE"] == "early" && fired["KIND"] == "pivot" && fired["TEXT"] == "Now audio.")
    #expect(fired["ELAPSED_S"] == "10" && fired["REMAINING_S"] == "290")
  }

  @Test func aPhaseIsSaidOverOnceAtTheInstantItsBudgetRunsOut() {
    var d = Driven(schedule: Schedule())
    let start = d.now
    // Estimate from 1:00.5, so its budget runs out between two of the clock's seconds.
    d.now = start + 60_500
    d.keys("n")
    d.now = start + 330_000
    d.feed(.time)
    d.effects = []
    d.now = start + 360_200
    #expect(d.interview.nextWake(after: d.now) == start + 360_500)
    d.feed(.time)
    #expect(d.calls.isEmpty)
    d.now = start + 360_500
    d.feed(.time)
    #expect(d.calls.map(\.event) == [.phaseOver])
    #expect(d.calls[0].variables["PHASE"] == "estimate")
    #expect(d.calls[0].variables["REMAINING_S"] == "0")
    #expect(d.calls[0].variables["TEXT"] == "estimate is over its budget")
    d.now = start + 390_000
    d.feed(.time)
    d.keys("p")
    d.now = start + 400_000
    d.keys("p")
    #expect(d.calls.filter { $0.event == .phaseOver }.count == 1)
  }

  @Test func moreTimeLetsAPhaseRunOverAgain() {
    var d = Driven(schedule: Schedule())
    let start = d.now
    d.now = start + 301_000
    d.feed(.time)
    #expect(d.calls.filter { $0.event == .phaseOver }.count == 1)
    d.effects = []
    // A minute taken from estimate: clarify is within its budget again, until 6:00.
    d.keys("]")
    d.now = start + 359_900
    d.feed(.time)
    #expect(d.calls.isEmpty)
    d.now = start + 360_000
    d.feed(.time)
    #expect(d.calls.map(\.event) == [.phaseOver])
    #expect(d.calls[0].variables["BUDGET_S"] == "360")
  }

  @Test func pausedNoPhaseRunsOver() {
    var d = Driven(schedule: Schedule())
    d.keys("p")
    d.effects = []
    d.now = d.now + 600_000
    d.feed(.time)
    #expect(d.calls.isEmpty)
  }

  @Test func movingOnAndFinishingAreSaid() {
    var d = Driven(schedule: Schedule())
    d.effects = []
    d.now = d.now + 60_000
    d.keys("n")
    #expect(d.calls.map(\.event) == [.phaseEntered])
    #expect(d.calls[0].variables["PHASE"] == "estimate")
    #expect(d.calls[0].variables["ELAPSED_S"] == "0")
    d.effects = []
    for _ in 0..<4 {
      d.now = d.now + 60_000
      d.keys("n")
    }
    d.keys("y")
    #expect(d.calls.map(\.event) == [.phaseEntered, .phaseEntered, .phaseEntered, .sessionEnded])
    #expect(d.calls.last?.variables["TEXT"] == "session finished after 5:00")
  }

  @Test func everyEventsVariablesAreThereInASessionAndInTheExample() {
    var d = Driven()
    d.now = d.now + 10_000
    d.feed(.time)
    d.now = d.now + 300_000
    d.feed(.time)
    d.finish()
    for call in d.calls {
      // The shell adds RECORD; a session without a prompt has no PROMPT.
      let expected = Set(call.event.variables).subtracting(["RECORD", "PROMPT"])
      #expect(expected.isSubset(of: call.variables.keys), "\(call.event)")
    }
    #expect(
      Set(d.calls.map(\.event)) == [
        .sessionStarted, .phaseEntered, .cueFired, .phaseOver, .sessionEnded,
      ])
    for event in HookEvent.allCases {
      let example = HookCall.example(event)
      #expect(
        Set(event.variables).subtracting(["RECORD"]) == Set(example.variables.keys), "\(event)")
    }
  }

  /// `hooks test` shows what a session would give: its example prompt is one that exists.
  @Test(arguments: HookEvent.allCases) func theExampleVariablesNameABundledPrompt(
    _ event: HookEvent
  ) {
    let example = HookCall.example(event)
    if let prompt = example.variables["PROMPT"] {
      #expect(BundledPrompts.library.ids.contains(prompt), "\(prompt)")
      #expect(example.variables["SESSION"]?.hasSuffix("-" + prompt) == true)
    }
  }

  @Test func theEnvironmentNamesTheEventFirstThenTheRestByName() {
    let call = HookCall(event: .cueFired, variables: ["TEXT": "Why?", "CUE": "p1"])
    #expect(
      call.environment == ["MOCKROOM_EVENT=cue-fired", "MOCKROOM_CUE=p1", "MOCKROOM_TEXT=Why?"])
  }
}

@Suite struct HookFailures {
  @Test func aFailedHookIsALineInTheRecordAndANotice() {
    var d = Driven()
    d.effects = []
    let result = HookResult(event: .cueFired, command: "say-it", outcome: .exited(3), took: 12)
    d.feed(.hookFinished(result))
    #expect(
      d.recorded.map(\.entry) == [
        .hookFailed(HookFailure(event: .cueFired, command: "say-it", why: "exit 3"))
      ])
    #expect(d.interview.room.notice?.text == "hook cue-fired: exit 3")
  }

  @Test func aHookThatWentWellLeavesNothing() {
    var d = Driven()
    d.effects = []
    d.feed(.hookFinished(HookResult(event: .cueFired, command: "ok", outcome: .exited(0), took: 3)))
    #expect(d.effects.isEmpty && d.interview.room.notice == nil)
  }

  @Test func aFailureAfterTheSessionIsStillRecordedAtItsEnd() {
    var d = Driven()
    d.finish()
    let end = d.interview.room.session.sinceStart(at: d.now)
    d.now = d.now + 3_000
    d.effects = []
    d.feed(
      .hookFinished(
        HookResult(
          event: .sessionEnded, command: "n", outcome: .timedOut(after: 5_000), took: 5_500)))
    #expect(d.recorded.map(\.t) == [end])
    #expect(
      d.recorded.first?.entry
        == .hookFailed(
          HookFailure(event: .sessionEnded, command: "n", why: "still running after 5s, so stopped")
        ))
  }

  @Test(arguments: [
    (HookResult.Outcome.exited(0), "exit 0"), (.exited(3), "exit 3"),
    (.killedBy(signal: 9), "killed by signal 9"),
    (.timedOut(after: 500), "still running after 0.5s, so stopped"),
    (.notStarted("no program 'x' found"), "could not start: no program 'x' found"),
  ])
  func eachOutcomeIsSaidInWords(_ outcome: HookResult.Outcome, _ words: String) {
    #expect(HookResult(event: .phaseOver, command: "c", outcome: outcome, took: 0).why == words)
  }
}

@Suite struct HookSettings {
  @Test func hooksAreListsOfWordsOrTheBuiltIns() {
    let (settings, problems, warnings) = SettingsFromEverywhere.read(
      """
      hook_timeout: 2s
      hooks:
        cue-fired: [speak, [notify-send, mockroom]]
        phase-over:
          - {speak: [-w, /tmp/out.wav]}
          - notify
          - [sh, -c, 'echo "$MOCKROOM_PHASE"']

      """)
    #expect(problems.isEmpty && warnings.isEmpty, "\(problems) \(warnings)")
    #expect(settings.hookTimeout == 2_000 && settings.source(.hookTimeout) == .file)
    #expect(
      settings.hooks[.cueFired] == [.speak(options: []), .program(["notify-send", "mockroom"])])
    #expect(
      settings.hooks[.phaseOver] == [
        .speak(options: ["-w", "/tmp/out.wav"]), .notify(options: []),
        .program(["sh", "-c", "echo \"$MOCKROOM_PHASE\""]),
      ])
    #expect(settings.shown.first { $0.key == "hooks" }?.value == "phase-over (3), cue-fired (2)")
  }

  @Test func anUnknownEventIsAWarningThatNamesTheClosest() {
    let (settings, problems, warnings) = SettingsFromEverywhere.read(
      "hooks:\n  cue-fird: [speak]\n")
    #expect(problems.isEmpty && settings.hooks.isEmpty)
    #expect(
      warnings == [
        "config.yaml:2:3: unknown hook event 'cue-fird' (did you mean 'cue-fired'?); its hooks never run"
      ])
  }

  @Test(arguments: [
    (
      "hooks: [speak]\n",
      "config.yaml:1:8: 'hooks' must be a mapping of events to lists of commands"
    ),
    ("hooks:\n  cue-fired: speak\n", "config.yaml:2:14: 'cue-fired' must be a list, not text"),
    (
      "hooks:\n  cue-fired: [notify-send]\n",
      "config.yaml:2:15: a hook of 'cue-fired' is a list of words such as [notify-send, mockroom], or speak or notify, not 'notify-send'"
    ),
    (
      "hooks:\n  cue-fired: [[]]\n",
      "config.yaml:2:15: a hook of 'cue-fired' must be a list of words, not a list"
    ),
    (
      "hooks:\n  cue-fired: [[sh, [x]]]\n",
      "config.yaml:2:20: a word of a hook of 'cue-fired' must be text, not a list"
    ),
    (
      "hooks:\n  cue-fired: [{shout: [x]}]\n",
      "config.yaml:2:15: a hook of 'cue-fired' is a list of words"
    ),
    (
      "hooks:\n  cue-fired: [{speak: -w}]\n",
      "config.yaml:2:23: speak's options must be a list of words, not text"
    ),
    ("hook_timeout: forever\n", "config.yaml:1:15: 'hook_timeout': 'forever' is not a duration"),
    ("hook_timeout: 20m\n", "config.yaml:1:15: 'hook_timeout': give a time from 1s to 10m"),
  ])
  func aHookWrittenWrongIsAProblemAtItsPlace(_ text: String, _ expected: String) {
    let (_, problems, _) = SettingsFromEverywhere.read(text)
    #expect(problems.contains { $0.hasPrefix(expected) }, "\(problems)")
  }
}

@Suite struct DrillHookMoments {
  @Test func aRecoveryDrillIsHeardStartedRatedAndEnded() {
    let (drill, start) = RecoveryRounds.drill(rounds: 1, partner: true)
    var calls: [HookCall] = []
    func heard(_ effects: [Effect]) {
      calls += effects.compactMap { if case .hook(let call) = $0 { call } else { nil } }
    }
    var fresh = RecoveryDrill(
      info: drill.info, questions: drill.questions, partner: true, at: start)
    heard(fresh.start())
    #expect(calls.map(\.event) == [.drillStarted])
    #expect(calls[0].variables["TEXT"] == "recovery drill: 1 rounds")
    heard(fresh.update(.key(.character("2")), at: start + 1_000))
    heard(fresh.update(.key(.enter), at: start + 2_000))
    // The interviewer's rating is not the round's end: nothing is heard.
    heard(
      fresh.update(
        .request(.success(.rate(2)), seq: 1, from: Peer(id: 1, source: .ctl)), at: start + 3_000))
    #expect(calls.map(\.event) == [.drillStarted])
    heard(fresh.update(.key(.character("4")), at: start + 4_000))
    #expect(calls.map(\.event) == [.drillStarted, .drillAnswered])
    #expect(calls[1].variables["KIND"] == "tradeoff" && calls[1].variables["RESULT"] == "4")
    #expect(calls[1].variables["TEXT"] == "round 1: the tradeoff named, rated 4")
    heard(fresh.update(.key(.character(" ")), at: start + 5_000))
    #expect(calls.map(\.event).last == .drillEnded)
  }

  @Test func aDrillIsHeardStartedAnsweredAndEnded() {
    let (drill, start) = DrillFrames.drill()
    var calls: [HookCall] = []
    func heard(_ effects: [Effect]) {
      calls += effects.compactMap { if case .hook(let call) = $0 { call } else { nil } }
    }
    var fresh = EstimateDrill(info: drill.info, problems: drill.problems, at: start)
    heard(fresh.start())
    #expect(calls.map(\.event) == [.drillStarted])
    #expect(calls[0].variables["TEXT"] == "estimation drill: 2 problems")
    for c in "\n\n\n677\n" {
      heard(fresh.update(.key(c == "\n" ? .enter : .character(c)), at: start + 30_000))
    }
    #expect(calls.map(\.event) == [.drillStarted, .drillAnswered])
    #expect(calls[1].variables["KIND"] == "gpus" && calls[1].variables["RESULT"] == "pass")
    #expect(calls[1].variables["SESSION"] == "20261202-100000-drill-estimate")
    heard(fresh.update(.key(.character("q")), at: start + 31_000))
    heard(fresh.update(.key(.character("y")), at: start + 31_000))
    #expect(calls.map(\.event).last == .drillEnded)
    #expect(calls.last?.variables["TEXT"] == "drill abandoned")
  }
}
