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
        let wanted = Set(initiatives.compactMap { r.initiatives.index(of: $0) })
        var started: [Int: Int] = [:]
        var measured = 0
        var before = 0, after = 0
        var merged: [(Int32, Int32)] = []
        for p in 0..<r.personCount {
            guard let start = r.activityRows(of: p).lazy
                .filter({ wanted.contains(r.activityInitiative[$0]) && r.activityStart[$0] <= asOf.ordinal })
                .map({ r.activityStart[$0] }).min() else { continue }
            started[Day(ordinal: start).year, default: 0] += 1
            guard start + 729 <= asOf.ordinal else { continue }
            measured += 1
            merged.removeAll(keepingCapacity: true)
            let selfSupporting = r.benefits.index(of: "selvforsoergende")
            let rows = r.benefitRows(of: p).filter { r.benefitCode[$0] != selfSupporting }.sorted { r.benefitStart[$0] < r.benefitStart[$1] }
            for i in rows { mergeInto(&merged, (r.benefitStart[i], r.benefitEnd[i])) }
            for span in merged {
                if let part = clip(span.0, span.1, (start - 365, start - 1)) { before += Int(part.1 - part.0) + 1 }
                if let part = clip(span.0, span.1, (start + 365, start + 729)) { after += Int(part.1 - part.0) + 1 }
            }
        }
        self.init(startedByYear: started, measured: measured, fullTimeBefore: Double(before) / 365, fullTimeAfter: Double(after) / 365)
    }
}
