import Foundation
import GRDB
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import IndsatsTestSupport
import Testing

@testable import IndsatsStore

@Suite("Registret indlæst i dele og opfrisket efter import")
struct RegisterLoadingTests {
    /// Every measure split by its first dimension, over a window the random registers fill.
    static let queries: [KPIQuery] = Measure.allCases.map { m in
        try! KPIQuery.parse(
            measure: m.rawValue, from: "2024-01-15", to: "2024-07-03", period: m == .puljeresultat ? "hele" : "maaned",
            splitBy: [m.dimensions[0].rawValue], filters: [])
    }

    func answers(_ register: Register, _ queries: [KPIQuery] = queries) -> [KPIResult] {
        queries.map { KPIEngine(register, shards: 1).evaluate($0) }
    }

    @Test("Each measure answers the same from only its parts as from the whole register", arguments: 0..<5 as Range<UInt64>)
    func partsAnswerAlike(seed: UInt64) throws {
        let store = try TestDatabase.newStore()
        _ = try store.write(RandomRegister(seed: seed, people: 30).records)
        let whole = try store.loadRegister()
        for q in Self.queries {
            // Straight from the database (a store with a snapshot gives the whole register).
            let part = try (store as! any SQLStore).database.read {
                try RegisterQueries.loadRegister(parts: q.measure.registerParts, from: $0)
            }
            #expect(part.parts == q.measure.registerParts)
            #expect(KPIEngine(part).evaluate(q) == KPIEngine(whole).evaluate(q), "\(q.measure)")
        }
    }

    @Test("A register refreshed after imports equals one loaded afresh, whole or in parts", arguments: 0..<5 as Range<UInt64>)
    func refreshMatchesFreshLoad(seed: UInt64) throws {
        let store = try TestDatabase.newStore()
        let all = RandomRegister(seed: seed, people: 30).records
        // First import: a third of each kind (and never companies); then the rest, kind by kind.
        var first: [FileKind: [RegisterRecord]] = [:]
        for (kind, rows) in all where kind != .virksomheder { first[kind] = Array(rows.prefix(rows.count / 3)) }
        _ = try store.write(first)
        var register = try store.loadRegister()
        var benefitsOnly = try store.loadRegister(parts: .benefits)
        #expect(register.storeVersion == 1)
        for kind in FileKind.allCases where all[kind] != nil {
            _ = try store.write([kind: all[kind]!])
            register = try store.refreshed(register)
            benefitsOnly = try store.refreshed(benefitsOnly)
            #expect(answers(register) == answers(try store.loadRegister()), "after \(kind)")
            let benefitQueries = Self.queries.filter { $0.measure.registerParts == .benefits }
            #expect(answers(benefitsOnly, benefitQueries) == answers(try store.loadRegister(), benefitQueries), "after \(kind)")
        }
        #expect(try register.storeVersion == store.dataVersion())
        // Without a snapshot (SQLite in memory) the parts stay as loaded; with one, the refresh reads them from
        // the snapshot with what every register has.
        #expect(TestDatabase.isPostgres ? benefitsOnly.parts.isSuperset(of: .benefits) : benefitsOnly.parts == .benefits)
        #expect(try store.refreshed(register).storeVersion == register.storeVersion)
    }

    @Test("A refresh after a persons import gives persons their new attributes and keeps their rows")
    func personsReloaded() throws {
        let store = try TestDatabase.newStore()
        _ = try store.write([.ydelsesforloeb: [.benefit(BenefitPeriod(personID: "P1", benefit: "dagpenge", start: day(2024, 1, 1)))]])
        let before = try store.loadRegister()
        _ = try store.write([.personer: [.person(Person(id: "P1", sex: "K")), .person(Person(id: "P2", sex: "M"))]])
        let after = try store.refreshed(before)
        let q = try KPIQuery.parse(
            measure: "personer", from: "2024-03-01", to: "2024-03-31", period: "hele", splitBy: ["koen"], filters: [])
        #expect(KPIEngine(before).evaluate(q).rows == [KPIRow(dimensions: ["ukendt"], period: "hele", value: 1)])
        #expect(KPIEngine(after).evaluate(q).rows == [KPIRow(dimensions: ["K"], period: "hele", value: 1)])
        #expect(after.personCount == 2)
    }

    @Test("The data date follows the stored rows: later with new rows, earlier when a date is corrected back, kept by other imports")
    func dataDateKeptPerImport() throws {
        let store = try TestDatabase.newStore()
        func period(_ end: Day) -> RegisterRecord {
            .benefit(BenefitPeriod(personID: "P1", benefit: "dagpenge", start: day(2024, 1, 1), end: end))
        }
        _ = try store.write([.ydelsesforloeb: [period(day(2024, 6, 30))]])
        #expect(try store.loadRegister(parts: .jobOrders).dataDate == day(2024, 6, 30))
        _ = try store.write([.samtaler: [.conversation(Conversation(personID: "P1", date: day(2024, 8, 1), type: "jobsamtale"))]])
        #expect(try store.loadRegister(parts: .benefits).dataDate == day(2024, 8, 1))
        _ = try store.write([
            .samtaler: [.conversation(Conversation(personID: "P1", date: day(2024, 8, 1), type: "jobsamtale", unit: "Jobservice"))],
            .ydelsesforloeb: [period(day(2024, 3, 31))],
        ])
        #expect(try store.loadRegister().dataDate == day(2024, 8, 1))
        _ = try store.write([.indsatser: [.initiative(Initiative(id: "I1", name: "Nytteindsats", end: day(2030, 1, 1)))]])
        #expect(try store.loadRegister().dataDate == day(2024, 8, 1))
        // An import that corrects the only latest row back: the store scans.
        _ = try store.write([
            .samtaler: [.conversation(Conversation(personID: "P1", date: day(2024, 8, 1), type: "jobsamtale", unit: "Ungeenheden"))]
        ])
        try sql(store).write { try $0.execute("DELETE FROM samtaler") }
        _ = try store.write([.ydelsesforloeb: [period(day(2024, 2, 29))]])
        #expect(try store.loadRegister().dataDate == day(2024, 2, 29))
    }

    @Test("A database from before v4 (no data date kept) dates its register by scanning")
    func dataDateWithoutLog() throws {
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .jobordrer: [.jobOrder(JobOrder(id: "J1", cvr: "12345674", created: day(2024, 3, 1), closed: day(2024, 5, 2)))]
        ])
        try sql(store).write { try $0.execute("UPDATE importlog SET seneste_dag = NULL") }
        #expect(try store.loadRegister(parts: .persons).dataDate == day(2024, 5, 2))
        _ = try store.write([.jobordrer: [.jobOrder(JobOrder(id: "J2", cvr: "12345674", created: day(2024, 4, 1)))]])
        #expect(try sql(store).read { try $0.text("SELECT seneste_dag FROM importlog ORDER BY id DESC LIMIT 1") } == "2024-05-02")
    }
}
