import IndsatsCore
import IndsatsTestSupport
import Testing

@testable import IndsatsAnalytics

@Suite("Hvad en skrivning ændrede i registret")
struct RegisterChangeTests {
    /// The random register's rows as a register with a fixed data date, so a change to some rows
    /// does not move the date every part relies on.
    func register(_ random: RandomRegister) -> Register {
        Register(
            persons: random.persons, benefits: random.benefits, activities: random.activities, conversations: random.conversations,
            companies: random.companies, contacts: random.contacts, jobOrders: random.jobOrders, assignments: random.assignments,
            staffMembers: random.staffMembers, contactRules: random.contactRules, screenings: random.screenings,
            placements: random.placements, cvUpdates: random.cvUpdates, pools: random.pools, poolParticipants: random.poolParticipants,
            budgets: random.budgets, dataDate: Day(year: 2024, month: 12, day: 31)!)
    }

    /// Each change to one kind of row, with the part it must be reported as (`nil`: whatever it is
    /// reported as). A day moved changes no code list, so the change stays in its part.
    static let changes: [(name: String, part: RegisterParts?, change: @Sendable (inout RandomRegister) -> Void)] = [
        ("a benefit period a day earlier", .benefits, { $0.benefits[0].start = $0.benefits[0].start.advanced(by: -1) }),
        ("an activity a day earlier", .activities, { $0.activities[0].start = $0.activities[0].start.advanced(by: -1) }),
        ("a conversation a day later", .conversations, { $0.conversations[0].date = $0.conversations[0].date.advanced(by: 1) }),
        ("an assignment a day earlier", .assignments, { $0.assignments[0].from = $0.assignments[0].from.advanced(by: -1) }),
        ("a screening a day later", .screenings, { $0.screenings[0].date = $0.screenings[0].date.advanced(by: 1) }),
        ("a company contact a day later", .contacts, { $0.contacts[0].date = $0.contacts[0].date.advanced(by: 1) }),
        ("a person's sex", .all, { $0.persons[0].sex = $0.persons[0].sex == "K" ? "M" : "K" }),
        ("a budget", .all, { $0.budgets[0].amount += 1 }),
        ("a conversation gone", nil, { $0.conversations.removeFirst() }),
        ("a job order gone", nil, { $0.jobOrders.removeFirst() }),
        ("a placement gone", nil, { $0.placements.removeFirst() }),
    ]

    @Test("The same rows are no change, whichever write the register shows")
    func sameRows() {
        let random = RandomRegister(seed: 31, people: 30)
        var later = register(random)
        later.storeVersion = 7
        #expect(later.changedParts(since: register(random)) == [])
    }

    @Test("A change to one kind of row is reported as its part; to persons or budgets, as every part", arguments: changes.indices)
    func onePart(change: Int) {
        for seed in 0..<4 as Range<UInt64> {
            let random = RandomRegister(seed: 40 + seed, people: 30)
            var changed = random
            Self.changes[change].change(&changed)
            let parts = register(changed).changedParts(since: register(random))
            if let expected = Self.changes[change].part { #expect(parts == expected, "\(Self.changes[change].name) seed \(seed)") }
            #expect(parts != [], "\(Self.changes[change].name) seed \(seed)")
        }
    }

    @Test(
        "Every measure's answer whose parts a change left alone is the same before and after it, for every change and split",
        arguments: Measure.allCases)
    func untouchedAnswersStay(measure: Measure) {
        let window = DayRange(Day(year: 2023, month: 1, day: 1)!, Day(year: 2024, month: 12, day: 31)!)
        let splits = [[]] + measure.dimensions.map { [$0] } + Publication.crossings(measure)
        var (kept, redone) = (0, 0)
        for seed in 0..<3 as Range<UInt64> {
            let random = RandomRegister(seed: 60 + seed, people: 30)
            let before = register(random)
            for (name, _, change) in Self.changes {
                var changed = random
                change(&changed)
                let after = register(changed)
                let parts = after.changedParts(since: before)
                for split in splits {
                    let query = KPIQuery(measure: measure, window: window, periodKind: .kvartal, splitBy: split, monthsAfter: 3)
                    guard query.registerParts.isDisjoint(with: parts) else {
                        redone += 1
                        continue
                    }
                    kept += 1
                    let (old, new) = (KPIEngine(before).evaluate(query), KPIEngine(after).evaluate(query))
                    #expect(old == new, "\(measure) \(split) after \(name), seed \(seed)")
                    #expect(old.sourceRowCount == new.sourceRowCount, "\(measure) \(split) after \(name), seed \(seed)")
                }
            }
        }
        // Each measure is kept after some change and made again after another.
        #expect(kept > 0 && redone > 0, "\(measure): \(kept) kept, \(redone) made again")
    }
}
