import IndsatsAnalytics
import IndsatsCore

/// Promised against realised for one proposal: what its success criterion and
/// business case promised, and what the register says its initiatives' participants
/// did, year by year, with every shortfall flagged in Danish.
///
/// Realised outcomes are the measure `effekt` for the initiatives (activities ended
/// in a year by status `monthsAfter` months later), and the participants' full-time
/// persons on benefit the year before their start against their second year
/// (``ParticipantOutcome``).
///
/// ```swift
/// let followUp = FollowUp(proposal, initiatives: ["SMAAJOB"], register: register, asOf: register.dataDate!)
/// followUp.findings().filter(\.isShortfall).map(\.text)
/// ```
public struct FollowUp: Sendable, Equatable {
    public struct Year: Sendable, Equatable {
        public var year: Int
        /// Participants whose first activity in the initiatives started this year.
        public var started: Int
        /// Activities ended this year whose status could be measured, by status.
        public var outcomes: [String: Int]
        /// Of those, the ones with the outcome the target names; `nil` without such a target.
        public var reached: Int?
        /// The target's persons this year, when it is yearly.
        public var promised: Double?
        /// The saving the proposal's table promised this year (kr).
        public var promisedSaving: Double?
        /// Whether the year had ended, with its status months, by the day measured.
        public var complete: Bool

        public var ended: Int { outcomes.values.reduce(0, +) }
    }

    /// Which counts a role with hidden small numbers sees hidden: those of 1-4, and as many
    /// more as keep them from being worked out of the sums shown beside them (participants
    /// over the years' starts, the total reached over the years'), by ``LinkedCells``.
    public struct HiddenCounts: Sendable, Equatable {
        public var started: [Bool]
        public var reached: [Bool]
        public var participants: Bool
        public var reachedTotal: Bool
    }

    public func hiddenCounts(threshold: Int = SmallNumbers.defaultThreshold) -> HiddenCounts {
        let n = years.count
        // Cells: started by year, participants, reached by year, reached in all.
        let bases =
            years.map(\.started) + [participants.participants] + years.map { $0.reached ?? 0 } + [
                years.reduce(0) { $0 + ($1.reached ?? 0) }
            ]
        let sums = [[n] + Array(0..<n), [2 * n + 1] + Array((n + 1)..<(2 * n + 1))]
        let cost = Array(repeating: 0, count: n) + [1] + Array(repeating: 0, count: n) + [1]
        let hidden = LinkedCells(bases: bases, values: bases.map(Double.init), sums: sums, wholeCounts: true, cost: cost).hidden(
            threshold: threshold)
        return HiddenCounts(
            started: Array(hidden[0..<n]), reached: Array(hidden[(n + 1)..<(2 * n + 1)]),
            participants: hidden[n], reachedTotal: hidden[2 * n + 1])
    }

    /// A statement about the follow-up; a shortfall is where realised fell short of promised.
    public struct Finding: Sendable, Equatable {
        public var text: String
        public var isShortfall: Bool
    }

    public var proposal: Proposal
    public var initiatives: [String]
    public var asOf: Day
    public var monthsAfter: Int
    public var years: [Year]
    public var participants: ParticipantOutcome
    /// Full-time persons fewer promised: the target's, or the business case's first-year effect.
    public var promisedFewer: Double?

    /// The statuses that count as the target's outcome.
    static func statuses(_ outcome: Proposal.Target.Outcome) -> Set<String> {
        switch outcome {
        case .job: ["job"]
        case .uddannelse: ["uddannelse"]
        case .jobEllerUddannelse, .selvforsoergelse: ["job", "uddannelse"]
        case .fuldtidspersonerFaerre: []
        }
    }

    /// `initiatives` are the proposal's own and those the register's `indsatser.csv`
    /// links to it; `register` needs benefits and activities.
    public init(_ proposal: Proposal, initiatives: [String], register: Register, asOf: Day, monthsAfter: Int = 3) {
        self = Self.all([(proposal, initiatives)], register: register, asOf: asOf, monthsAfter: monthsAfter)[0]
    }

    /// The follow-up of every proposal with its initiatives, from one sweep over the
    /// participants and one `effekt` answer split by initiative.
    public static func all(_ proposals: [(Proposal, initiatives: [String])], register: Register, asOf: Day, monthsAfter: Int = 3)
        -> [FollowUp]
    {
        let outcomes = ParticipantOutcome.outcomes(register, groups: proposals.map(\.initiatives), asOf: asOf)
        // Activities ended by year and status per initiative, from the first year anyone started.
        var ended: [String: [Int: [String: Int]]] = [:]
        let everyInitiative = Set(proposals.flatMap(\.initiatives))
        if let firstYear = outcomes.compactMap({ $0.startedByYear.keys.min() }).min(), !everyInitiative.isEmpty {
            let query = KPIQuery(
                measure: .effekt, window: DayRange(Day(year: firstYear, month: 1, day: 1)!, asOf), periodKind: .aar,
                splitBy: [.indsats, .status], filters: [.indsats: everyInitiative], monthsAfter: monthsAfter)
            for row in KPIEngine(register).evaluate(query).rows where (row.value ?? 0) > 0 {
                ended[row.dimensions[0], default: [:]][Int(row.period)!, default: [:]][row.dimensions[1]] = Int(row.value!)
            }
        }
        return zip(proposals, outcomes).map { item, participants in
            // No activity in an initiative ends before its first participant started, so the shared window changes nothing.
            var byYear: [Int: [String: Int]] = [:]
            if !participants.startedByYear.isEmpty {
                for initiative in Set(item.initiatives) {
                    for (year, statuses) in ended[initiative] ?? [:] { byYear[year, default: [:]].merge(statuses, uniquingKeysWith: +) }
                }
            }
            return FollowUp(
                item.0, initiatives: item.initiatives, participants: participants, outcomes: byYear, asOf: asOf, monthsAfter: monthsAfter)
        }
    }

    private init(
        _ proposal: Proposal, initiatives: [String], participants: ParticipantOutcome, outcomes: [Int: [String: Int]], asOf: Day,
        monthsAfter: Int
    ) {
        self.proposal = proposal
        self.initiatives = initiatives
        self.asOf = asOf
        self.monthsAfter = monthsAfter
        self.participants = participants
        let target = proposal.target
        let reachedStatuses = target.map { Self.statuses($0.outcome) } ?? []
        let saving = Dictionary(proposal.economy.map { ($0.year, $0.benefitSaving) }, uniquingKeysWith: +)
        let allYears = Set(participants.startedByYear.keys).union(outcomes.keys).sorted()
        let years = allYears.map { year in
            let byStatus = outcomes[year] ?? [:]
            // A year's last activities get their status `monthsAfter` months after it ends.
            let measuredBy = Day(year: year, month: 12, day: 31)!.adding(months: monthsAfter)
            return Year(
                year: year, started: participants.startedByYear[year] ?? 0, outcomes: byStatus,
                reached: reachedStatuses.isEmpty ? nil : byStatus.filter { reachedStatuses.contains($0.key) }.values.reduce(0, +),
                promised: target.flatMap { $0.perYear && $0.outcome != .fuldtidspersonerFaerre ? $0.persons : nil },
                promisedSaving: saving[year].flatMap { $0 == 0 ? nil : $0 }, complete: measuredBy <= asOf)
        }
        self.years = years
        let promisedFewer: Double?
        if let target, target.outcome == .fuldtidspersonerFaerre {
            promisedFewer = target.persons
        } else if let effects = proposal.businessCase?.effects, !effects.isEmpty {
            promisedFewer = effects.reduce(0) { $0 + $1.fullTimePersons }
        } else {
            promisedFewer = nil
        }
        self.promisedFewer = promisedFewer
    }

    /// What the follow-up shows, shortfalls flagged. Hiding small counts writes counts of
    /// 1-4 persons as "under 5" (``SmallNumbers``), for roles that must not see them (docs/noegletal.md).
    public func findings(hidingSmallCounts: Bool = false) -> [Finding] {
        func number(_ x: Double) -> String { FollowUp.number(x) }
        let hidden = hidingSmallCounts ? hiddenCounts() : nil
        func count(_ n: Int, hidden isHidden: Bool? = nil) -> String {
            guard hidingSmallCounts else { return DanishFormat.integer(n) }
            return SmallNumbers.hiddenCount(n) ?? (isHidden == true ? "et skjult antal" : DanishFormat.integer(n))
        }
        /// A hidden count must not be given away by how much is missing.
        func verdict(_ short: Bool, _ missing: Double) -> String {
            short ? (hidingSmallCounts ? " – under det lovede." : " – mangler \(number(missing)).") : " – opfyldt."
        }
        guard !initiatives.isEmpty else {
            return [
                Finding(
                    text:
                        "Forslaget er ikke knyttet til nogen indsats (kolonnen forslag i indsatser.csv eller forslagets indsatser); der er intet at måle.",
                    isShortfall: false)
            ]
        }
        guard participants.participants > 0 else {
            return [
                Finding(
                    text: "Indsatserne \(initiatives.joined(separator: ", ")) har endnu ingen deltagere i registret.", isShortfall: false)
            ]
        }
        var out: [Finding] = []
        if let target = proposal.target, target.outcome != .fuldtidspersonerFaerre {
            let label = target.outcome.label
            if target.perYear {
                for (i, year) in years.enumerated() where year.complete {
                    let reached = year.reached ?? 0
                    let short = Double(reached) < target.persons
                    out.append(
                        Finding(
                            text:
                                "\(year.year): \(count(reached, hidden: hidden?.reached[i])) \(label) mod lovet \(number(target.persons)) pr. år"
                                + verdict(short, target.persons - Double(reached)),
                            isShortfall: short))
                }
                if years.allSatisfy({ !$0.complete }) {
                    out.append(
                        Finding(
                            text: "Intet helt år er målt endnu (status \(label) kræver året og de følgende måneder).", isShortfall: false))
                }
            } else {
                let reached = years.reduce(0) { $0 + ($1.reached ?? 0) }
                let short = Double(reached) < target.persons
                out.append(
                    Finding(
                        text: "I alt \(count(reached, hidden: hidden?.reachedTotal)) \(label) mod lovet \(number(target.persons))"
                            + verdict(short, target.persons - Double(reached)),
                        isShortfall: short))
            }
        }
        if let promisedFewer {
            if participants.measured == 0 {
                out.append(
                    Finding(text: "Ingen deltagere er fulgt to år endnu, så færre fuldtidspersoner kan ikke måles.", isShortfall: false))
            } else if hidingSmallCounts && participants.measured < SmallNumbers.defaultThreshold {
                out.append(
                    Finding(
                        text: "Under \(SmallNumbers.defaultThreshold) deltagere er fulgt to år; tallene vises ikke.", isShortfall: false))
            } else {
                let fewer = participants.fullTimeBefore - participants.fullTimeAfter
                let short = fewer < promisedFewer
                let change = fewer >= 0 ? "\(number(fewer)) fuldtidspersoner færre" : "\(number(-fewer)) fuldtidspersoner flere"
                out.append(
                    Finding(
                        text: "\(count(participants.measured)) deltagere fulgt to år: \(change) "
                            + "(\(number(participants.fullTimeBefore)) året før start, \(number(participants.fullTimeAfter)) i andet år efter) "
                            + "mod lovet \(number(promisedFewer)) færre" + verdict(short, promisedFewer - fewer),
                        isShortfall: short))
            }
        }
        if out.isEmpty {
            out.append(Finding(text: "Forslaget har intet målbart succeskriterie og ingen business case at måle imod.", isShortfall: false))
        }
        return out
    }

    /// Whole numbers without decimals, others with one: "10", "16,2".
    public static func number(_ x: Double) -> String { DanishFormat.number(x, decimals: x == x.rounded() ? 0 : 1) }
}
