import Foundation
import IndsatsAccess
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import IndsatsTestSupport
import Testing

@testable import IndsatsStore

@Suite("PostgreSQL: adresser, parametre og sikkerhedskopier på tværs")
struct PostgresTests {
    @Test("An address gives host, port, user, password and database; defaults come from PG variables; TLS unless loopback")
    func addresses() throws {
        let full = try PostgresLocation("postgres://anne:h%C3%A6mmelig%40@db.kommune.local:6543/indsats?sslmode=disable", environment: [:])
        #expect(full.host == "db.kommune.local" && full.port == 6543 && full.user == "anne" && full.password == "hæmmelig@")
        #expect(full.database == "indsats" && !full.requireTLS)
        let bare = try PostgresLocation("postgresql://db.kommune.local", environment: ["PGUSER": "bo", "PGPASSWORD": "x"])
        #expect(bare.port == 5432 && bare.user == "bo" && bare.password == "x" && bare.database == "bo" && bare.requireTLS)
        #expect(try !PostgresLocation("postgres://127.0.0.1/t", environment: [:]).requireTLS)
        #expect(try PostgresLocation("postgres://localhost/t?sslmode=require", environment: [:]).requireTLS)
        #expect(throws: StoreError.self) { try PostgresLocation("postgres://db/t?sslmode=allow", environment: [:]) }
        #expect(throws: StoreError.self) { try PostgresLocation("postgres:///t", environment: [:]) }
        #expect(StoreLocation.isServerAddress("postgres://x/y") && !StoreLocation.isServerAddress("indsats.sqlite"))
    }

    @Test("? becomes $1, $2, ... except inside quotes and $$ bodies")
    func placeholders() {
        #expect(PostgresSQLConnection.numbered("SELECT ? , '?', ? FROM t WHERE a = ?") == "SELECT $1 , '?', $2 FROM t WHERE a = $3")
        #expect(
            PostgresSQLConnection.numbered("CREATE FUNCTION f() AS $$ SELECT '?' ? $$; SELECT ?")
                == "CREATE FUNCTION f() AS $$ SELECT '?' ? $$; SELECT $1")
        #expect(PostgresSQLConnection.numbered("VALUES (?::text, ?::bigint)") == "VALUES ($1::text, $2::bigint)")
    }

    @Test("Array literals quote every text, escape quotes and backslashes, and keep NULL apart from the text 'NULL'")
    func arrayLiterals() {
        #expect(
            PostgresImportSession.arrayLiteral([.text("Å\"b\\c{d},e"), .null, .text("NULL"), .text(""), .integer(-12), .real(37.3)])
                == #"{"Å\"b\\c{d},e",NULL,"NULL","",-12,37.3}"#)
    }

    @Test(
        "Awkward text survives the trip through arrays: quotes, backslashes, braces, CRLF, Danish letters",
        .enabled(if: TestDatabase.isPostgres, "kræver INDSATS_TEST_DATABASE"))
    func awkwardText() throws {
        let store = try TestDatabase.newStore()
        let names = ["Ågade \"Byg\" ApS", "C:\\mappe\\fil", "{a,b}", "NULL", "linje 1\r\nlinje 2", "æøå ÆØÅ 😀"]
        let companies = names.enumerated().map {
            RegisterRecord.company(Company(cvr: "1234567\($0.offset)", name: $0.element, extra: ["note": $0.element]))
        }
        #expect(try store.write([.virksomheder: companies]) == [.virksomheder: WriteCounts(new: names.count)])
        let stored = try sql(store).read { try $0.all("SELECT navn FROM virksomheder ORDER BY cvr") { $0.text(0) ?? "" } }
        #expect(stored == names)
        #expect(try store.write([.virksomheder: companies]) == [.virksomheder: WriteCounts(unchanged: names.count)])
    }

    @Test("A server that is not there gives a Danish error naming it")
    func noServer() {
        let error = #expect(throws: StoreError.self) { try PostgresStore(address: "postgres://nobody@127.0.0.1:1/ingen") }
        #expect(error?.message.hasPrefix("kan ikke forbinde til PostgreSQL på 127.0.0.1:1 (database ingen)") == true)
    }

    @Test(
        "A SQLite backup restores into PostgreSQL and back: the same register, users, audit chain and pseudonyms",
        .enabled(if: TestDatabase.isPostgres, "kræver INDSATS_TEST_DATABASE"))
    func acrossDatabases() throws {
        let sqlite = try SQLiteStore(path: ":memory:")
        _ = try sqlite.write([
            .personer: [.person(Person(id: "P1", cpr: "0102034005", sex: "M")), .person(Person(id: "P2", sex: "K"))],
            .ydelsesforloeb: [
                .benefit(BenefitPeriod(personID: "P1", benefit: "dagpenge", start: Day(year: 2024, month: 2, day: 29)!)),
                .benefit(
                    BenefitPeriod(
                        personID: "P2", benefit: "sygedagpenge", start: Day(year: 2023, month: 12, day: 31)!,
                        end: Day(year: 2024, month: 1, day: 1)!)),
            ],
            .aktiviteter: [
                .activity(Activity(id: "A1", personID: "P1", type: "mentor", start: Day(year: 2024, month: 3, day: 1)!, hoursPerWeek: 37.3))
            ],
        ])
        try sqlite.saveUser(User(name: "åse", role: .analytiker), passwordHash: "hash")
        for i in 0..<3 { _ = try sqlite.appendAudit(user: "åse", action: .laesning, person: "P\(i)", criteria: nil, at: Date()) }
        let key = try sqlite.pseudonymKey()
        let file = NSTemporaryDirectory() + "indsats-kopi-" + UUID().uuidString + ".sqlite"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try sqlite.backup(to: file)

        let server = try PostgresStore(address: TestDatabase.newPostgresDatabase())
        try server.restore(from: file)
        #expect(try server.dataVersion() == 1)
        #expect(try server.rowCounts() == sqlite.rowCounts())
        #expect(try server.users() == sqlite.users())
        #expect(try server.auditEntries(person: nil) == sqlite.auditEntries(person: nil))
        #expect(try server.pseudonymKey() == key)
        #expect(try server.personCourse(id: "P1") == sqlite.personCourse(id: "P1"))
        // A re-import of the same rows changes nothing: 37,3 hours stays 37,3.
        #expect(
            try server.write([
                .aktiviteter: [
                    .activity(
                        Activity(id: "A1", personID: "P1", type: "mentor", start: Day(year: 2024, month: 3, day: 1)!, hoursPerWeek: 37.3))
                ]
            ])
                == [.aktiviteter: WriteCounts(unchanged: 1)])
        let q = try KPIQuery.parse(
            measure: "fuldtidspersoner", from: "2023-12-01", to: "2024-03-31", period: "maaned", splitBy: ["ydelse"], filters: [])
        #expect(KPIEngine(try server.loadRegister()).evaluate(q).rows == KPIEngine(try sqlite.loadRegister()).evaluate(q).rows)
        // The import after the restore continued the numbering.
        #expect(try server.dataVersion() == 2)

        let back = NSTemporaryDirectory() + "indsats-tilbage-" + UUID().uuidString + ".sqlite"
        defer { try? FileManager.default.removeItem(atPath: back) }
        try server.backup(to: back)
        let again = try SQLiteStore(path: ":memory:")
        try again.restore(from: back)
        #expect(try again.rowCounts() == server.rowCounts())
        #expect(AuditChain.firstBreak(in: try again.auditEntries(person: nil), anchor: try again.auditAnchor()) == nil)
    }
}
