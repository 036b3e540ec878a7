import Foundation
import IndsatsContract
import IndsatsCore
import IndsatsTestSupport
import Testing

@testable import IndsatsAnalytics
@testable import IndsatsStore

@Suite("En lille import af samtaler læses uden at læse alle samtaler igen")
struct NewRowJournalTests {
    /// Every measure's answer (``RegisterLoadingTests/queries``).
    func answers(_ register: Register) -> [KPIResult] { RegisterLoadingTests().answers(register) }

    func conversation(_ person: String, _ date: Day, unit: String = "Nord", staff: String? = "MA1") -> RegisterRecord {
        .conversation(Conversation(personID: person, date: date, type: "jobsamtale", staffID: staff, unit: unit, heldBy: "kommune"))
    }

    /// A store with a random register, and that register as read.
    func store(seed: UInt64) throws -> (any DataStore, Register) {
        let store = try TestDatabase.newStore()
        let r = RandomRegister(seed: seed, people: 30)
        _ = try store.write([
            .personer: r.persons.map { .person($0) }, .ydelsesforloeb: r.benefits.map { .benefit($0) },
            .aktiviteter: r.activities.map { .activity($0) }, .samtaler: r.conversations.map { .conversation($0) },
            .medarbejdere: r.staffMembers.map { .staff($0) }, .tildelinger: r.assignments.map { .assignment($0) },
        ])
        return (store, try store.loadRegister())
    }

    func database(_ store: any DataStore) -> any SQLDatabase { (store as! any SQLStore).database }

    func newKeys(_ store: any DataStore, since version: Int) throws -> [[String]]? {
        try database(store).read { try RegisterQueries.newRowKeys(.samtaler, since: version, $0) }
    }

    @Test(
        "Small imports of new conversations list their keys, and a refresh through them equals a whole read",
        arguments: 0..<4 as Range<UInt64>)
    func refreshThroughTheList(seed: UInt64) throws {
        let (store, before) = try store(seed: 90 + seed)
        let someone = before.personIDs[Int(seed) % before.personCount]
        // A person with conversations already, a new person, a leap day, Danish letters, no caseworker, and the same day twice.
        _ = try store.write([
            .samtaler: [
                conversation(someone, day(2024, 2, 29), unit: "Østerbro"), conversation("NY-\(seed)", day(2024, 3, 1), staff: nil),
            ]
        ])
        _ = try store.write([.samtaler: [conversation(someone, day(2024, 2, 29), unit: "Vest", staff: "MA2")]])
        let keys = try #require(try newKeys(store, since: before.storeVersion))
        #expect(keys.count == 3)
        #expect(
            keys.contains([someone, "2024-02-29", "jobsamtale", "MA1"]) && keys.contains(["NY-\(seed)", "2024-03-01", "jobsamtale", ""]))
        let refreshed = try store.refreshed(before)
        let whole = try database(store).read { try RegisterQueries.loadRegister(parts: .all, from: $0) }
        #expect(refreshed.conversationDay.count == whole.conversationDay.count)
        #expect(refreshed.personCount == whole.personCount)
        #expect(answers(refreshed) == answers(whole))
        #expect(try newKeys(store, since: refreshed.storeVersion) == [])
    }

    @Test("A refresh through the list reads only the new rows: a row changed behind the log's back is not seen")
    func readsOnlyTheNewRows() throws {
        let (store, before) = try store(seed: 3)
        let untouched = before.personIDs[0]
        try database(store).write { try $0.execute("UPDATE samtaler SET enhed = 'Bag om loggen' WHERE person_id = ?", [.text(untouched)]) }
        _ = try store.write([.samtaler: [conversation("NY", day(2024, 5, 2))]])
        let refreshed = try store.refreshed(before)
        #expect(refreshed.units.index(of: "Bag om loggen") == nil)
        #expect(refreshed.conversationDay.count == before.conversationDay.count + 1)
        let whole = try database(store).read { try RegisterQueries.loadRegister(parts: .all, from: $0) }
        #expect(whole.units.index(of: "Bag om loggen") != nil)
    }

    @Test("A changed conversation, a list pruned or missing, and a write of more rows than the limit: the part is read again whole")
    func readWholeWhenNotListed() throws {
        let (store, before) = try store(seed: 5)
        let person = before.personIDs[1]
        _ = try store.write([.samtaler: [conversation(person, day(2024, 6, 3))]])
        #expect(try newKeys(store, since: before.storeVersion)?.count == 1)

        // The same key with another unit: a changed row lists nothing.
        let counts = try store.write([.samtaler: [conversation(person, day(2024, 6, 3), unit: "Syd")]])
        #expect(counts[.samtaler] == WriteCounts(changed: 1))
        #expect(try newKeys(store, since: before.storeVersion) == nil)
        var refreshed = try store.refreshed(before)
        #expect(answers(refreshed) == answers(try database(store).read { try RegisterQueries.loadRegister(parts: .all, from: $0) }))

        // A list that lost a row (pruned, or a copy without it) is never taken for a short one.
        let version = refreshed.storeVersion
        _ = try store.write([.samtaler: [conversation(person, day(2024, 6, 4)), conversation(person, day(2024, 6, 5))]])
        #expect(try newKeys(store, since: version)?.count == 2)
        try database(store).write { try $0.execute("DELETE FROM nye_raekker WHERE noegle LIKE '%2024-06-05%'") }
        #expect(try newKeys(store, since: version) == nil)
        refreshed = try store.refreshed(refreshed)
        #expect(refreshed.conversationDay.count == before.conversationDay.count + 3)

        // More new rows than the limit: not listed.
        let many = (0...NewRowJournal.limit).map { conversation("MANGE-\($0)", day(2024, 7, 1)) }
        _ = try store.write([.samtaler: many])
        #expect(try newKeys(store, since: refreshed.storeVersion) == nil)
        #expect(try store.refreshed(refreshed).conversationDay.count == before.conversationDay.count + 3 + many.count)
    }

    @Test("Rows written again unchanged list nothing new, and the refresh adds nothing")
    func unchangedRows() throws {
        let (store, before) = try store(seed: 6)
        let again = try database(store).read { db in
            try db.all("SELECT person_id, dato FROM samtaler LIMIT 1") { ($0.text(0) ?? "", $0.text(1) ?? "") }
        }
        var rows: [RegisterRecord] = []
        _ = try store.importSession { session in
            try session.forEachStored(.samtaler) { if rows.isEmpty { rows.append($0) } }
            return false
        }
        #expect(again.count == 1 && rows.count == 1)
        let counts = try store.write([.samtaler: rows])
        #expect(counts[.samtaler] == WriteCounts(unchanged: 1))
        #expect(try newKeys(store, since: before.storeVersion) == [])
        #expect(answers(try store.refreshed(before)) == answers(before))
    }

    @Test("The kinds listed have keys of text or days, so a key found by its stored text is the row")
    func listedKeysAreText() {
        for kind in NewRowJournal.kinds {
            let key = Set(TableLayout.of(kind).key)
            for column in kind.declaration.columns where key.contains(column.name) {
                #expect([ColumnStorage.text, .day].contains(column.type.storage), "\(kind) \(column.name)")
            }
        }
    }
}
