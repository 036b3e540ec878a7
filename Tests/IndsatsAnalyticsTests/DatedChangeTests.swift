import IndsatsCore
import IndsatsTestSupport
import Testing

@testable import IndsatsAnalytics

@Suite("Tabeller rettet fra den første dag, en import ændrede")
struct DatedChangeTests {
    static let dataDate = NewConversationsTests.dataDate

    /// A random register, and the same with its conversations changed from a random day on:
    /// rows added (on days others have, on new days, the day itself), rows removed, rows given
    /// another type, unit or caseworker, all with names the register already has.
    func changed(seed: UInt64) -> (old: Register, new: Register, from: Day) {
        let random = RandomRegister(seed: 900 + seed, people: 40)
        var rng = SeededGenerator(seed: seed)
        let from = Day(year: 2023, month: 12, day: 1)!.advanced(by: Int.random(in: 0...200, using: &rng))
        var rows = random.conversations
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            rows.append(
                Conversation(
                    personID: random.persons.randomElement(using: &rng)!.id, date: from.advanced(by: Int.random(in: 0...60, using: &rng)),
                    type: ["jobsamtale", "cv_samtale"].randomElement(using: &rng)!, staffID: ["M1", "M2", nil].randomElement(using: &rng)!,
                    unit: ["Jobservice", "Ungeenheden", nil].randomElement(using: &rng)!,
                    heldBy: ["kommune", "akasse", nil].randomElement(using: &rng)!))
        }
        for i in rows.indices.reversed() where rows[i].date >= from && rng.chance(0.2) {
            if rng.chance(0.5) { rows.remove(at: i) } else { rows[i].unit = rows[i].unit == "Jobservice" ? "Ungeenheden" : "Jobservice" }
        }
        let tests = NewConversationsTests()
        return (tests.register(random, conversations: random.conversations), tests.register(random, conversations: rows), from)
    }

    /// What a table shows and what hiding rests on: every row with its base.
    func shown(_ result: KPIResult) -> [String] {
        result.rows.map { "\($0.dimensions) \($0.period) \($0.value.map { "\($0)" } ?? "-") \($0.base) \($0.suppressed)" }
    }

    @Test("The change is dated no later than its first changed row, and exactly there when rows are only added")
    func dayOfTheChange() {
        var dated = 0
        for seed in 0..<20 as Range<UInt64> {
            let (old, new, from) = changed(seed: seed)
            let parts = new.changedParts(since: old)
            guard let change = new.datedChange(parts, since: old) else {
                // A code list that lost its last row is a change to what every part rests on.
                #expect(parts == .all || parts.isEmpty, "seed \(seed): \(parts)")
                continue
            }
            dated += 1
            #expect(change.parts == [.conversations] && change.from >= Day(year: 2023, month: 12, day: 1)!)
            #expect(change.from <= from.advanced(by: 60), "seed \(seed)")
        }
        #expect(dated >= 15)
        let random = RandomRegister(seed: 5, people: 30)
        let tests = NewConversationsTests()
        let old = tests.register(random, conversations: random.conversations)
        let added = Conversation(personID: random.persons[3].id, date: Day(year: 2024, month: 2, day: 29)!, type: "jobsamtale")
        let new = tests.register(random, conversations: random.conversations + [added])
        let person = Int32(new.personIDs.firstIndex(of: added.personID)!)
        #expect(
            new.datedChange(new.changedParts(since: old), since: old)
                == DatedChange(parts: [.conversations], from: added.date, persons: [person]))
        #expect(old.datedChange(old.changedParts(since: new), since: new)?.from == added.date)
        #expect(old.datedChange(old.changedParts(since: old), since: old) == nil)
    }

    @Test("Rows of undated parts, or of what every part rests on, are no dated change")
    func undated() {
        let random = RandomRegister(seed: 6, people: 30)
        let tests = NewConversationsTests()
        let old = tests.register(random, conversations: random.conversations)
        var more = random
        more.benefits.append(BenefitPeriod(personID: random.persons[0].id, benefit: "dagpenge", start: Day(year: 2024, month: 5, day: 1)!))
        let benefits = tests.register(more, conversations: random.conversations)
        #expect(benefits.datedChange(benefits.changedParts(since: old), since: old) == nil)
        var person = random
        person.persons.append(Person(id: "NY"))
        let persons = tests.register(person, conversations: random.conversations)
        #expect(persons.datedChange(persons.changedParts(since: old), since: old) == nil)
    }

    @Test(
        "Each measure that reads conversations up to a period's end answers the whole window from its earlier periods and the rest computed again",
        arguments: Measure.allCases.filter { !$0.readsUpToPeriodEnd.isEmpty })
    func periodsFromTheChange(measure: Measure) {
        let window = DayRange(Day(year: 2022, month: 11, day: 15)!, Self.dataDate)
        for seed in 0..<8 as Range<UInt64> {
            let (old, new, from) = changed(seed: seed)
            for kind in PeriodKind.allCases {
                for split in [[]] + measure.dimensions.map({ [$0] }) + Publication.crossings(measure) {
                    let query = KPIQuery(measure: measure, window: window, periodKind: kind, splitBy: split, monthsAfter: 3)
                    let (tail, before) = query.periods(endingFrom: from)!
                    let corrected = KPIEngine(old).evaluate(query).replacingPeriods(from: before, with: KPIEngine(new).evaluate(tail))
                    var whole = KPIEngine(new).evaluate(query)
                    whole.sourceRowCount = nil
                    #expect(shown(corrected) == shown(whole), "\(measure) \(kind) \(split) seed \(seed) from \(from)")
                    #expect(corrected == whole)
                }
            }
        }
    }

    @Test("A day later than the change's is caught: the comparison above can fail")
    func laterDayIsWrong() {
        var wrong = 0
        for seed in 0..<8 as Range<UInt64> {
            let (old, new, from) = changed(seed: seed)
            let query = KPIQuery(
                measure: .samtaler, window: DayRange(Day(year: 2023, month: 1, day: 1)!, Self.dataDate), periodKind: .maaned)
            let (tail, before) = query.periods(endingFrom: from.advanced(by: 90))!
            let corrected = KPIEngine(old).evaluate(query).replacingPeriods(from: before, with: KPIEngine(new).evaluate(tail))
            if shown(corrected) != shown(KPIEngine(new).evaluate(query)) { wrong += 1 }
        }
        #expect(wrong >= 4)
    }

    @Test("A published set corrected after a dated change is the set made on the new register, hidden cells and their values too")
    func publishedSetsCorrected() async {
        let years = Publication.years(dataDate: Self.dataDate)!
        for seed in 0..<4 as Range<UInt64> {
            let (old, new, from) = changed(seed: seed)
            guard let change = new.datedChange(new.changedParts(since: old), since: old) else { continue }
            #expect(change.from <= from.advanced(by: 60))
            for measure in Measure.allCases {
                let before = await PublishedMeasure.make(measure: measure, monthsAfter: 3, years: years, through: Self.dataDate) {
                    KPIEngine(old).evaluate($0)
                }
                #expect(before.correctable(after: change), "\(measure)")
                var asked: [KPIQuery] = []
                let corrected = await before.corrected(after: change) {
                    asked += $0
                    return KPIEngine(new).evaluate($0)
                }
                let made = await PublishedMeasure.make(measure: measure, monthsAfter: 3, years: years, through: Self.dataDate) {
                    KPIEngine(new).evaluate($0)
                }
                #expect(corrected == made, "\(measure) seed \(seed)")
                for query in made.queries {
                    #expect(
                        corrected.table(query.periodKind, query.splitBy).map(shown)
                            == made.table(query.periodKind, query.splitBy).map(shown),
                        "\(measure) \(query.periodKind) \(query.splitBy) seed \(seed)")
                }
                // Only tables that read conversations are computed again, and only from the change's period on.
                #expect(
                    asked.allSatisfy { !$0.registerParts.isDisjoint(with: [.conversations]) && $0.window.start > years.lowerBound.firstDay }
                )
                #expect(asked.isEmpty == measure.readsUpToPeriodEnd.isEmpty)
            }
            // Ugetal's weeks, filtered and split by unit.
            let weeks = DayRange(Day(year: 2024, month: 1, day: 1)!, Day(year: 2024, month: 6, day: 30)!)
            let weekly = { (register: Register) in
                await PublishedMeasure.weeks(measure: .afgang, filters: [.afgang: ["job"]], window: weeks, breakdowns: [[.enhed]]) {
                    KPIEngine(register).evaluate($0)
                }
            }
            let corrected = await weekly(old).corrected(after: change) { KPIEngine(new).evaluate($0) }
            #expect(corrected == (await weekly(new)))
        }
    }

    @Test("A kept table whose rows are not one for each group and period is computed whole, not corrected")
    func irregularTableComputedWhole() async {
        let years = Publication.years(dataDate: Self.dataDate)!
        let (old, new, _) = changed(seed: 1)
        guard let change = new.datedChange(new.changedParts(since: old), since: old) else { return }
        let set = await PublishedMeasure.make(measure: .samtaler, monthsAfter: 3, years: years, through: Self.dataDate) {
            KPIEngine(old).evaluate($0)
        }
        var tables = set.tables
        tables[.maaned]![[]]!.rows.removeLast()  // as from a damaged file that passed its checks
        #expect(!tables[.maaned]![[]]!.isGroupByPeriod && set.tables[.maaned]![[]]!.isGroupByPeriod)
        let damaged = PublishedMeasure(
            measure: set.measure, monthsAfter: 3, years: set.years, end: set.end, tables: tables, dataDate: set.dataDate,
            withheld: set.withheld)
        var asked: [KPIQuery] = []
        let corrected = await damaged.corrected(after: change) {
            asked += $0
            return KPIEngine(new).evaluate($0)
        }
        #expect(asked.contains { $0.periodKind == .maaned && $0.splitBy.isEmpty && $0.window == set.table(.maaned, [])!.query.window })
        #expect(
            corrected.table(.maaned, [])
                == (await PublishedMeasure.make(measure: .samtaler, monthsAfter: 3, years: years, through: Self.dataDate) {
                    KPIEngine(new).evaluate($0)
                }).table(.maaned, []))
    }

    @Test("Hidden cells' values are kept with a published set and read back from its columns")
    func withheldKept() async {
        let years = Publication.years(dataDate: Self.dataDate)!
        let register = NewConversationsTests().register(RandomRegister(seed: 3, people: 40), conversations: [])
        let set = await PublishedMeasure.make(measure: .afgang, monthsAfter: 3, years: years, through: Self.dataDate) {
            KPIEngine(register).evaluate($0)
        }
        #expect(!set.withheld.isEmpty)
        #expect(ResultColumns(sets: ["afgang": set]).kept?.sets["afgang"] == set)
        #expect(ResultColumns(sets: ["afgang": set]).kept?.sets["afgang"]?.withheld == set.withheld)
    }
}

extension Int {
    /// The first day of the year.
    fileprivate var firstDay: Day { Day(year: self, month: 1, day: 1)! }
}
