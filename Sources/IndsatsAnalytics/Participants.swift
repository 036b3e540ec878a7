import IndsatsCore

/// The participants of some initiatives and how much they were on benefits the
/// year before they started against their second year after: the register's
/// answer to "did the people we reached need less support?".
///
/// A participant is a person with an activity in one of the initiatives starting
/// on or before `asOf`; their start is the first such activity's first day. Days on
/// benefit are days on any `ydelse` but `selvforsoergende`, each day once. Before
/// is the 365 days before the start; after is days 366-730 from the start, so the
/// activity itself is mostly over. Only participants whose after-year has ended by
/// `asOf` are *measured*. A before/after comparison, not an effect measured against
/// a control group: people on benefit often leave it without help.
///
/// ```swift
/// let outcome = ParticipantOutcome(register, initiatives: ["SMAAJOB"], asOf: register.dataDate!)
/// outcome.fullTimeBefore - outcome.fullTimeAfter   // full-time persons fewer
/// ```
public struct ParticipantOutcome: Sendable, Equatable {
    /// Participants by the calendar year of their start.
    public var startedByYear: [Int: Int]
    /// Participants whose after-year has ended by `asOf`.
    public var measured: Int
    /// Σ days on benefit in the year before the start / 365, over the measured.
    public var fullTimeBefore: Double
    /// Σ days on benefit in the second year from the start / 365, over the measured.
    public var fullTimeAfter: Double

    public var participants: Int { startedByYear.values.reduce(0, +) }

    public init(startedByYear: [Int: Int], measured: Int, fullTimeBefore: Double, fullTimeAfter: Double) {
        self.startedByYear = startedByYear
        self.measured = measured
        self.fullTimeBefore = fullTimeBefore
        self.fullTimeAfter = fullTimeAfter
    }

    public init(_ r: Register, initiatives: [String], asOf: Day) {
        self = Self.outcomes(r, groups: [initiatives], asOf: asOf)[0]
    }

    /// The outcome of each group of initiatives (a proposal's, say), all in one sweep over the persons.
    public static func outcomes(_ r: Register, groups: [[String]], asOf: Day) -> [ParticipantOutcome] {
        // The groups each initiative belongs to, by the initiative's index.
        var groupsOf = Array(repeating: [Int](), count: r.initiatives.strings.count)
        for (g, initiatives) in groups.enumerated() {
            for i in Set(initiatives.compactMap { r.initiatives.index(of: $0) }) { groupsOf[Int(i)].append(g) }
        }
        var started = Array(repeating: [Int: Int](), count: groups.count)
        var measured = Array(repeating: 0, count: groups.count)
        var before = measured, after = measured
        let selfSupporting = r.benefits.index(of: "selvforsoergende")
        // The closures below read these columns, not `r`, which they would copy.
        let benefitCode = r.benefitCode, benefitStart = r.benefitStart
        var firstStart: [Int: Int32] = [:]
        var merged: [(Int32, Int32)] = []
        for p in 0..<r.personCount {
            firstStart.removeAll(keepingCapacity: true)
            for a in r.activityRows(of: p) where r.activityStart[a] <= asOf.ordinal {
                for g in groupsOf[Int(r.activityInitiative[a])] where firstStart[g].map({ r.activityStart[a] < $0 }) ?? true {
                    firstStart[g] = r.activityStart[a]
                }
            }
            guard !firstStart.isEmpty else { continue }
            var mergedDone = false
            for (g, start) in firstStart {
                started[g][Day(ordinal: start).year, default: 0] += 1
                guard start + 729 <= asOf.ordinal else { continue }
                measured[g] += 1
                if !mergedDone {
                    merged.removeAll(keepingCapacity: true)
                    let rows = r.benefitRows(of: p).filter { benefitCode[$0] != selfSupporting }.sorted {
                        benefitStart[$0] < benefitStart[$1]
                    }
                    for i in rows { mergeInto(&merged, (r.benefitStart[i], r.benefitEnd[i])) }
                    mergedDone = true
                }
                for span in merged {
                    if let part = clip(span.0, span.1, (start - 365, start - 1)) { before[g] += Int(part.1 - part.0) + 1 }
                    if let part = clip(span.0, span.1, (start + 365, start + 729)) { after[g] += Int(part.1 - part.0) + 1 }
                }
            }
        }
        return groups.indices.map {
            ParticipantOutcome(
                startedByYear: started[$0], measured: measured[$0], fullTimeBefore: Double(before[$0]) / 365,
                fullTimeAfter: Double(after[$0]) / 365)
        }
    }
}
