import IndsatsCore

/// The screening model held against history, for the municipality's impact assessment:
/// for every screening in the register, the model's advice on its day (from the history
/// up to then), the group decided, and whether the spell it was made in became long-term
/// (lasted more than 6 months from its first day). Screenings whose spell is still open
/// and younger than 6 months on the data date have no known outcome and are left out
/// of the shares (counted apart).
///
/// ```swift
/// let rows = ScreeningEvaluation(register).rows   // one per screening
/// ScreeningEvaluation.table(rows, by: { $0.advice })   // calibration by advised group
/// ```
public struct ScreeningEvaluation: Sendable {
    /// One evaluated screening.
    public struct Row: Sendable, Equatable {
        public var decided: String
        public var advice: String
        public var sex: String
        public var ageGroup: String
        /// `nil` while unknown.
        public var longTerm: Bool?
        public var overridden: Bool { decided != advice }
    }

    /// One line of a breakdown: screenings, those with a known outcome, the share of those that
    /// became long-term, and the share decided against the advice.
    public struct Line: Sendable, Equatable {
        public var key: [String]
        public var screenings: Int
        public var known: Int
        public var longTermShare: Double?
        public var overrideShare: Double?
    }

    public let rows: [Row]

    public init(_ r: Register) {
        let dataDate = r.dataDate?.ordinal ?? Int32.max
        var rows: [Row] = []
        var spells: [Spell] = []
        for i in r.screeningDay.indices {
            let p = Int(r.screeningPerson[i]), day = Day(ordinal: r.screeningDay[i])
            let periods = r.benefitRows(of: p).map { b in
                BenefitPeriod(
                    personID: r.personIDs[p], benefit: r.benefits[r.benefitCode[b]], start: Day(ordinal: r.benefitStart[b]),
                    end: r.benefitEnd[b] == Register.openEnd ? nil : Day(ordinal: r.benefitEnd[b]))
            }
            let birth = r.personBirth[p]
            guard
                let advice = ScreeningModel.advise(
                    periods: periods, birthDate: birth == Register.unknownDay ? nil : Day(ordinal: birth), on: day)
            else { continue }
            var longTerm: Bool?
            if let (code, _) = r.benefitOnDay(p, day.ordinal) {
                let rowsOfCode = r.benefitRows(of: p).filter { r.benefitCode[$0] == code }
                Spells.build(r, rows: rowsOfCode.first!..<(rowsOfCode.last! + 1), into: &spells)
                if let spell = spells.first(where: { $0.first <= day.ordinal && day.ordinal <= $0.last }) {
                    let sixMonths = adding(months: 6, to: spell.first)
                    if spell.last > sixMonths && min(spell.last, dataDate) > sixMonths {
                        longTerm = true
                    } else if !spell.isOpen && spell.last <= dataDate {
                        longTerm = spell.last > sixMonths
                    }
                }
            }
            rows.append(
                Row(
                    decided: ScreeningLabels.groups[Int(r.screeningGroup[i])], advice: advice.group, sex: r.sexes[r.personSex[p]],
                    ageGroup: AgeGroup.labels[Int(AgeGroup.index(birth: birth, on: day))], longTerm: longTerm))
        }
        self.rows = rows
    }

    /// The rows grouped by `key`, sorted by it.
    public static func table(_ rows: [Row], by key: (Row) -> [String]) -> [Line] {
        Dictionary(grouping: rows, by: key).map { key, rows in
            let known = rows.compactMap(\.longTerm)
            return Line(
                key: key, screenings: rows.count, known: known.count,
                longTermShare: known.isEmpty ? nil : Double(known.count { $0 }) / Double(known.count),
                overrideShare: rows.isEmpty ? nil : Double(rows.count { $0.overridden }) / Double(rows.count))
        }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }
}
