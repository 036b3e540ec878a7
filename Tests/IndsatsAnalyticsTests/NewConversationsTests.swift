import IndsatsCore
import IndsatsTestSupport
import Testing

@testable import IndsatsAnalytics

@Suite("Nye samtaler lagt til et register uden at læse alle igen")
struct NewConversationsTests {
    static let dataDate = Day(year: 2024, month: 12, day: 31)!

    /// The random register's rows with `conversations` for its conversations.
    func register(_ random: RandomRegister, conversations: [Conversation]) -> Register {
        Register(
            persons: random.persons, benefits: random.benefits, activities: random.activities, conversations: conversations,
            companies: random.companies, contacts: random.contacts, jobOrders: random.jobOrders, assignments: random.assignments,
            staffMembers: random.staffMembers, contactRules: random.contactRules, screenings: random.screenings,
            placements: random.placements, cvUpdates: random.cvUpdates, pools: random.pools, poolParticipants: random.poolParticipants,
            budgets: random.budgets, dataDate: Self.dataDate)
    }

    /// `register` with `added` merged in, as the store's refresh does after an import.
    func merged(_ register: Register, added: [Conversation], all: [Conversation]) -> Register {
        let touched = Set(added.map(\.personID))
        var builder = RegisterBuilder(updating: register, reloading: [], reference: register.reference)
        builder.add(newConversations: added, ofTheirPersons: all.filter { touched.contains($0.personID) })
        return builder.build(dataDate: Self.dataDate)
    }

    /// Rows of a random register's conversations split in two at a random place.
    func split(_ rows: [Conversation], seed: UInt64) -> (before: [Conversation], added: [Conversation]) {
        var generator = SeededGenerator(seed: seed)
        let at = Int.random(in: 0...rows.count, using: &generator)
        return (Array(rows[..<at]), Array(rows[at...]))
    }

    @Test("New conversations merged in give the register a whole read gives, column for column", arguments: 0..<12 as Range<UInt64>)
    func mergedEqualsWholeRead(seed: UInt64) {
        // From 30 to 250 persons: the new rows name fewer, and more, persons than the builder finds by a scan of the ids.
        let random = RandomRegister(seed: 700 + seed, people: 30 + 20 * Int(seed))
        let (before, added) = split(random.conversations, seed: seed)
        let whole = register(random, conversations: random.conversations)
        let incremental = merged(register(random, conversations: before), added: added, all: random.conversations)
        #expect(incremental.changedParts(since: whole) == [], "seed \(seed), \(added.count) new of \(random.conversations.count)")
        #expect(incremental.conversationDay.count == random.conversations.count)
    }

    @Test(
        "New conversations naming a new person, unit or caseworker give every measure the answers a whole read gives",
        arguments: Measure.allCases)
    func newNamesGiveTheSameAnswers(measure: Measure) {
        let window = DayRange(Day(year: 2022, month: 1, day: 1)!, Self.dataDate)
        let splits = [[]] + measure.dimensions.map { [$0] } + Publication.crossings(measure)
        for seed in 0..<3 as Range<UInt64> {
            var random = RandomRegister(seed: 750 + seed, people: 30)
            let some = random.conversations[0]
            // A new person seen first in a conversation, new names, a day others share, the first day and a leap day.
            random.conversations += [
                Conversation(personID: "NY-1", date: some.date, type: "jobsamtale", staffID: "MA-ny", unit: "Enhed Æ", heldBy: "kommune"),
                Conversation(personID: some.personID, date: some.date, type: "opfoelgning", staffID: "MA-ny", unit: "Enhed Æ"),
                Conversation(personID: random.persons[1].id, date: Day(year: 2019, month: 1, day: 1)!, type: "jobsamtale"),
                Conversation(personID: random.persons[2].id, date: Day(year: 2024, month: 2, day: 29)!, type: "jobsamtale", unit: "Øst"),
            ]
            let (before, added) = split(random.conversations, seed: seed)
            let whole = register(random, conversations: random.conversations)
            let incremental = merged(register(random, conversations: before), added: added, all: random.conversations)
            #expect(incremental.personCount == whole.personCount)
            for split in splits {
                let query = KPIQuery(measure: measure, window: window, periodKind: .kvartal, splitBy: split, monthsAfter: 3)
                #expect(KPIEngine(incremental).evaluate(query) == KPIEngine(whole).evaluate(query), "\(measure) \(split) seed \(seed)")
            }
        }
    }

    @Test("Merging twice is the same as merging once, and merging nothing changes nothing")
    func mergedTwice() {
        let random = RandomRegister(seed: 7, people: 30)
        let rows = random.conversations
        let (a, b, c) = (rows.count / 3, 2 * rows.count / 3, rows.count)
        let first = merged(register(random, conversations: Array(rows[..<a])), added: Array(rows[a..<b]), all: Array(rows[..<b]))
        let second = merged(first, added: Array(rows[b..<c]), all: rows)
        #expect(second.changedParts(since: register(random, conversations: rows)) == [])
        #expect(merged(second, added: [], all: []).changedParts(since: second) == [])
    }

    @Test("Every measure gives the same answers whatever order a day's conversations come in", arguments: Measure.allCases)
    func orderWithinADayIsNoMatter(measure: Measure) {
        let window = DayRange(Day(year: 2022, month: 1, day: 1)!, Self.dataDate)
        let splits = [[]] + measure.dimensions.map { [$0] } + Publication.crossings(measure)
        for seed in 0..<3 as Range<UInt64> {
            let random = RandomRegister(seed: 800 + seed, people: 30)
            var generator = SeededGenerator(seed: seed)
            // A later read (or PostgreSQL's) may give a day's rows in another order: the new ones first, say.
            let reordered = random.conversations.shuffled(using: &generator).sorted { $0.date < $1.date }
            let (one, other) = (register(random, conversations: random.conversations), register(random, conversations: reordered))
            for split in splits {
                let query = KPIQuery(measure: measure, window: window, periodKind: .kvartal, splitBy: split, monthsAfter: 3)
                #expect(KPIEngine(one).evaluate(query) == KPIEngine(other).evaluate(query), "\(measure) \(split) seed \(seed)")
            }
        }
    }
}
