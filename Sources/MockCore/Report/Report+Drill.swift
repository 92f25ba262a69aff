extension Report {
  /// One drill: each problem's time and ratio, or each card's result.
  public static func drill(_ d: DrillSummary, generated: String, program: String) -> String {
    var facts = [d.info.id, "started \(ReviewText.date(d.started)) UTC", DrillText.result(d)]
    if let seed = d.info.seed { facts.append("seed \(seed)") }
    facts.append("\(DurationText.clock(d.info.limit)) each")
    let sections: [Markup]
    switch d.items {
    case .estimate(let answers), .slip(let answers):
      sections = answers.isEmpty ? [] : problemSections(answers, d.info)
    case .numbers(let reviews): sections = reviews.isEmpty ? [] : cardSections(reviews)
    case .recovery(let rounds): sections = rounds.isEmpty ? [] : roundSections(rounds, d.info)
    }
    return page(
      title: "\(d.info.drill.rawValue) drill: \(d.info.id)",
      heading: d.info.drill.title.prefix(1).uppercased() + d.info.drill.title.dropFirst(),
      facts: facts,
      sections: sections, generated: generated, program: program)
  }

  /// The estimation drill's problems: each one's time and ratio, and the likely slips.
  private static func problemSections(_ answers: [DrillSummary.Answer], _ info: DrillInfo)
    -> [Markup]
  {
    var sections: [Markup] = []
    sections.append(
      section(
        "Problems",
        figure(
          Chart.labelled(
            answers.map {
              (
                "\($0.number). \($0.kind.title): \(EstimateResult.ratioText($0.ratio))",
                $0.elapsed
              )
            }, id: "answers",
            title: "Time to answer each problem",
            desc: answers.map {
              "\($0.kind.title) \(DurationText.clock($0.elapsed)), "
                + "\(EstimateResult.ratioText($0.ratio)),"
                + " \($0.pass ? "a pass" : "not a pass")"
            }.joined(separator: "; ") + ".", limit: info.limit,
            failed: Set(answers.indices.filter { !answers[$0].pass })),
          caption:
            "Bars: the time each answer took. Dashed line: the limit, "
            + "\(DurationText.clock(info.limit)). Hatched and ✗: not a pass.",
          table: table(
            ["problem", "ratio", "band", "time", "pass", "likely slip"],
            answers.map {
              [
                "\($0.number). \($0.kind.title)", EstimateResult.ratioText($0.ratio),
                $0.band.name,
                DurationText.clock($0.elapsed), $0.pass ? "yes" : "no", $0.diagnosis ?? "-",
              ]
            }))))
    // The slips in words, in view: what the drill is for.
    let slips = answers.compactMap { a in
      a.diagnosis.map {
        el("li", [], el("strong", text: "\(a.number). \(a.kind.title):"), .text(" " + $0))
      }
    }
    sections.append(
      section(
        "Likely slips",
        slips.isEmpty
          ? el("p", text: "None: every answer was exact.")
          : el("ul", [("class", "directions")], slips)))
    return sections
  }

  /// The numbers drill's cards: each one's time, answer and rating.
  private static func cardSections(_ reviews: [CardReview]) -> [Markup] {
    var sections: [Markup] = []
    sections.append(
      section(
        "Cards",
        figure(
          Chart.labelled(
            reviews.map { ("\($0.card) (\($0.rating.name))", $0.elapsed) }, id: "cards",
            title: "Time to answer each card",
            desc: reviews.map {
              "\($0.card) \($0.right ? "right" : "wrong"), \($0.rating.name)"
            }
            .joined(separator: "; ") + "."),
          caption: "Bars: the time each card took; the rating in brackets.",
          table: table(
            ["card", "answer", "right", "rating", "next in"],
            reviews.map {
              [$0.card, $0.typed, $0.right ? "yes" : "no", $0.rating.name, "\($0.interval) days"]
            }))))
    return sections
  }

  /// The recovery drill's rounds: each one's time, move and ratings.
  private static func roundSections(_ rounds: [RecoveryRound], _ info: DrillInfo) -> [Markup] {
    var sections: [Markup] = []
    let named = { (r: RecoveryRound) in r.move?.title ?? "no move named" }
    sections.append(
      section(
        "Rounds",
        figure(
          Chart.labelled(
            rounds.map {
              (
                "\($0.number). \(named($0)) (\($0.rating.map(String.init) ?? "-"))",
                $0.elapsed ?? 0
              )
            },
            id: "rounds", title: "Time each round took",
            desc: rounds.map {
              "round \($0.number): \(named($0)), rated \($0.rating.map(String.init) ?? "not")"
            }
            .joined(separator: "; ") + "."),
          caption: "Bars: each round's time, against \(DurationText.clock(info.limit)); "
            + "the rating in brackets.",
          table: table(
            ["round", "question", "move", "rating", "interviewer", "refused"],
            rounds.map {
              [
                "\($0.number)", $0.question.text, named($0), $0.rating.map(String.init) ?? "-",
                $0.interviewerRating.map(String.init) ?? "-",
                $0.refused.map(\.title).joined(separator: ", "),
              ]
            }))))
    return sections
  }
}

extension Report {
  /// The drills' part of the trends: pass rate and time by estimate kind, and the cards.
  static func drillSections(_ s: DrillStats) -> [Markup] {
    var out: [Markup] = []
    if !s.kinds.isEmpty {
      out.append(
        section(
          "Estimation drills",
          figure(
            Chart.labelled(
              s.kinds.map {
                ("\($0.kind.title) (\(Int(($0.passRate * 100).rounded()))% pass)", $0.medianTime)
              },
              id: "estimates", title: "Median time to answer, by kind of estimate",
              desc: s.kinds.map {
                "\($0.kind.title): \(Plural.of($0.attempts, "attempt")), \(Int(($0.passRate * 100).rounded()))% "
                  + "passed, median \(DurationText.clock($0.medianTime))"
              }.joined(separator: "; ") + "."),
            caption: "Bars: the median time to answer; the pass rate in brackets.",
            table: table(
              ["kind", "attempts", "pass rate", "median time", "median ratio"],
              s.kinds.map {
                [
                  $0.kind.title, "\($0.attempts)", "\(Int(($0.passRate * 100).rounded()))%",
                  DurationText.clock($0.medianTime), EstimateResult.ratioText($0.medianRatio),
                ]
              }))))
    }
    let seen = s.cards.filter { $0.memory != nil }
    if !seen.isEmpty {
      out.append(
        section(
          "Cards",
          figure(
            Chart.labelledDays(
              seen.map { ($0.card.id, $0.memory!.stability) },
              id: "cards", title: "How long each card is remembered (stability)",
              desc: "\(s.learned) of \(s.cards.count) cards learned (stable a week or more); "
                + "\(s.due.count) due."),
            caption: "Bars: each card's stability, the time over which recall falls to 90%; "
              + "\(s.learned) learned of \(s.cards.count), \(s.due.count) due.",
            table: table(
              ["card", "stability", "reviews", "lapses"],
              seen.map {
                [
                  $0.card.id, String(format: "%.1f days", $0.memory!.stability), "\($0.reviews)",
                  "\($0.lapses)",
                ]
              }))))
    }
    let r = s.recovery
    if r.drills > 0 {
      var lines = [
        "\(r.drills) recovery drill\(r.drills == 1 ? "" : "s"), \(r.rounds) rounds, "
          + "\(r.refusals) locked move\(r.refusals == 1 ? "" : "s") tried."
      ]
      if let first = r.first {
        lines.append(
          "Reached for first: \(first.move.title) (\(first.times) of \(r.firsts.count)).")
      }
      if let gap = r.meanGap {
        lines.append("Your rating less the interviewer's: \(String(format: "%+.1f", gap)) a round.")
      }
      let used = r.moves.filter { $0.uses > 0 }
      let rating = { (m: RecoveryStats.MoveStats) in
        m.meanRating.map { String(format: "%.1f", $0) } ?? "-"
      }
      out.append(
        section(
          "Recovery moves",
          el(
            "div", [],
            lines.map { el("p", text: $0) } + [
              figure(
                Chart.labelled(
                  used.map { ("\($0.move.title) (\(rating($0)))", $0.medianTime ?? 0) },
                  id: "recovery", title: "Median round time, by recovery move",
                  desc: used.map {
                    "\($0.move.title): \($0.uses) rounds, mean rating \(rating($0))"
                  }
                  .joined(separator: "; ") + "."),
                caption: "Bars: the median round time with each move; the mean rating in brackets.",
                table: table(
                  ["move", "rounds", "mean rating", "median time"],
                  r.moves.map {
                    [
                      $0.move.title, "\($0.uses)", rating($0),
                      $0.medianTime.map(DurationText.clock) ?? "-",
                    ]
                  }))
            ])))
    }
    return out
  }
}
