import IndsatsCore

/// The refusion staircase of docs/noegletal.md: which step each of a person's benefit
/// weeks is on. Weeks are ISO weeks numbered consecutively (``week(of:)``).
enum RefusionStaircase {
    /// The consecutive number of the ISO week holding `day` (Monday-based; 1970-01-01 was a Thursday).
    static func week(of day: Int32) -> Int32 {
        let shifted = day + 3
        return shifted >= 0 ? shifted / 7 : -((-shifted + 6) / 7)
    }

    /// The first and last day of week `w`.
    static func days(of w: Int32) -> (Int32, Int32) { (7 * w - 3, 7 * w + 3) }

    /// The step (1-4) of the n-th week on the staircase.
    static func step(_ n: Int) -> Int32 { n <= 4 ? 1 : n <= 26 ? 2 : n <= 52 ? 3 : 4 }

    /// Runs of weeks on one step, from runs of consecutive benefit weeks in order.
    ///
    /// The counter restarts only at the first week of a run: inside a run, the look-back
    /// holds no more non-benefit weeks than it did at the run's first week.
    static func steps(benefitWeekRuns runs: [(Int32, Int32)]) -> [(first: Int32, last: Int32, step: Int32)] {
        guard let firstRun = runs.first else { return [] }
        var out: [(first: Int32, last: Int32, step: Int32)] = []
        var n = 0, base = firstRun.0
        for (index, run) in runs.enumerated() {
            let lo = max(base, run.0 - Int32(lookBackWeeks)), hi = run.0 - 1
            if hi >= lo {
                let benefitWeeks = runs[..<index].reduce(0) { $0 + max(0, Int(min($1.1, hi)) - Int(max($1.0, lo)) + 1) }
                if Int(hi - lo + 1) - benefitWeeks >= 52 {
                    n = 0
                    base = run.0
                }
            }
            var week = run.0
            while week <= run.1 {
                let step = self.step(n + 1)
                // The last n on steps 1-3 is 4, 26 and 52; step 4 has no end.
                let last = step == 4 ? run.1 : min(run.1, week + Int32([4, 26, 52][Int(step) - 1] - (n + 1)))
                out.append((week, last, step))
                n += Int(last - week) + 1
                week = last + 1
            }
        }
        return out
    }

    /// The refusion reform's first day: weeks on benefit count from here.
    static let reformDay = Day(year: 2016, month: 1, day: 4)!

    /// How far back a week on benefit can still decide a step: a restart needs 52 weeks without benefit within 156.
    static let lookBackWeeks = 156

    /// The register's first benefit day when it starts after the reform and less than ``lookBackWeeks`` before
    /// `window`: weeks before it may be missing, so steps can read too low. `nil` when the history suffices.
    static func shortHistory(firstBenefitDay: Int32?, window: DayRange) -> Day? {
        guard let first = firstBenefitDay.map(Day.init(ordinal:)), first > reformDay,
            window.start < first.advanced(by: 7 * lookBackWeeks)
        else { return nil }
        return first
    }

    /// The note saying so, in Danish.
    static func shortHistoryNote(from first: Day) -> String {
        "Registrets ydelseshistorik begynder \(first.danish), efter refusionsreformens start \(reformDay.danish), og under \(lookBackWeeks) uger før perioden: "
            + "for borgere, der var på ydelse før, kan refusionstrinnet være for lavt, så kommunens andel skønnes for lav. Indlæs ydelsesforløb tilbage til \(reformDay.danish) for et sikkert skøn."
    }
}

extension KPIEngine {
    /// `refusionstrin`: full-time persons split by the staircase step of each day's week.
    func refusionSteps(_ acc: inout Accumulator, _ shard: Shard) {
        forEachStep(&acc, shard) { acc, person, _, span, key, _ in
            acc.distribute(span, person: person) { _ in key }
        }
    }

    /// `nettoudgift`: each day on a benefit at its daily gross price times the municipality's
    /// share on the day's step; days without a price are counted apart.
    func netSpending(_ acc: inout Accumulator, _ shard: Shard) {
        let window = DayRange(acc.query.window.start, acc.query.window.end)
        let segments = register.benefits.strings.map { prices.segments($0, in: window) }
        forEachStep(&acc, shard, byImportedCode: true) { acc, person, code, span, key, step in
            var priced = 0
            for segment in segments[Int(code)] {
                guard let part = clip(span.0, span.1, (segment.days.start.ordinal, segment.days.end.ordinal)) else { continue }
                priced += Int(part.1 - part.0) + 1
                acc.distribute(part, person: person, perDay: segment.dailyGross * segment.municipalShares[Int(step)], key: key)
            }
            let days = Int(span.1 - span.0) + 1 - priced
            if days > 0 { acc.addUnpriced(register.benefits[code], days: days) }
        }
    }

    /// Walks each person's days on each benefit (but `selvforsoergende`) inside the window,
    /// cut into spans on one staircase step (0-3), with the group key the query asks for.
    /// `byImportedCode` walks the days of each imported code apart and names it to `body`.
    private func forEachStep(
        _ acc: inout Accumulator, _ shard: Shard, byImportedCode: Bool = false,
        _ body: (inout Accumulator, _ person: Int32, _ code: Int32, _ span: (Int32, Int32), _ key: GroupKey, _ step: Int32) -> Void
    ) {
        let r = register, keys = acc.keys, window = acc.window
        let selfSupporting = r.benefits.index(of: "selvforsoergende")
        var weeks: [(Int32, Int32)] = []
        var merged: [(Int32, Int32)] = []
        for p in shard.range(of: r.personCount) {
            // Benefit weeks up to the window's end: later weeks cannot change a step inside it.
            weeks.removeAll(keepingCapacity: true)
            for i in r.benefitRows(of: p) where r.benefitCode[i] != selfSupporting && r.benefitStart[i] <= window.1 {
                weeks.append((RefusionStaircase.week(of: r.benefitStart[i]), RefusionStaircase.week(of: min(r.benefitEnd[i], window.1))))
            }
            guard !weeks.isEmpty else { continue }
            weeks.sort { $0 < $1 }
            var runs: [(Int32, Int32)] = []
            for w in weeks { mergeInto(&runs, w) }
            let steps = RefusionStaircase.steps(benefitWeekRuns: runs).map {
                (RefusionStaircase.days(of: $0.first).0, RefusionStaircase.days(of: $0.last).1, $0.step - 1)
            }
            forEachBenefitGroup(of: p) { code, rows in
                guard code != selfSupporting, keys.allows(.ydelse, code) else { return }
                // Walks the rows of one imported code (`source`), or all when `source` is nil.
                func walk(_ source: Int32?) {
                    merged.removeAll(keepingCapacity: true)
                    for i in rows where source == nil || r.sourceCode(i) == source {
                        guard let span = clip(r.benefitStart[i], r.benefitEnd[i], window) else { continue }
                        acc.sourceRows += 1
                        mergeInto(&merged, span)
                    }
                    for span in merged {
                        for (first, last, trin) in steps where keys.allows(.trin, trin) {
                            guard let part = clip(span.0, span.1, (first, last)) else { continue }
                            let key = keys.key { $0 == .ydelse ? code : trin }
                            body(&acc, Int32(p), source ?? code, part, key, trin)
                        }
                    }
                }
                // Priced, each day keeps the code it was imported with (by hovedydelse a group holds several).
                if byImportedCode && !r.benefitSourceCode.isEmpty {
                    for source in Set(rows.map { r.sourceCode($0) }).sorted() { walk(source) }
                } else {
                    walk(nil)
                }
            }
        }
    }
}
