import Foundation
import GRDB
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import IndsatsTestSupport
import Testing

@testable import IndsatsStore

func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }

func temporaryDatabase() -> String {
    NSTemporaryDirectory() + "indsats-store-" + UUID().uuidString + ".sqlite"
}

@Suite("Lageret (SQLite, eller PostgreSQL med INDSATS_TEST_DATABASE)")
struct SQLiteStoreTests {
    let person = RegisterRecord.person(
        Person(id: "P1", birthDate: day(1990, 5, 1), sex: "K", municipality: "169", extra: ["sagsnr": "S-1"]))
    let period = RegisterRecord.benefit(BenefitPeriod(personID: "P1", benefit: "dagpenge", start: day(2024, 2, 29), end: nil))

    @Test("Writes count new, changed and unchanged rows by natural key")
    func upsertCounts() throws {
        let store = try TestDatabase.newStore()
        #expect(
            try store.write([.personer: [person], .ydelsesforloeb: [period]]) == [
                .personer: WriteCounts(new: 1), .ydelsesforloeb: WriteCounts(new: 1),
            ])
        #expect(try store.write([.personer: [person]]) == [.personer: WriteCounts(unchanged: 1)])
        let moved = RegisterRecord.person(Person(id: "P1", birthDate: day(1990, 5, 1), sex: "K", municipality: "151"))
        #expect(try store.write([.personer: [moved]]) == [.personer: WriteCounts(changed: 1)])
        #expect(try store.rowCounts()[.personer] == 1)
        #expect(try store.storedKeys(.personer) == ["P1"])
    }

    @Test("Every file kind round-trips, keys with empty parts included")
    func everyKind() throws {
        let store = try TestDatabase.newStore()
        var records: [FileKind: [RegisterRecord]] = [
            .koder: [.code(Code(.ydelse, "fleksjob", "Fleksjob", validFrom: day(2027, 1, 1)))],
            .personer: [person],
            .virksomheder: [.company(Company(cvr: "12345674", name: "Ågade Byg ApS", employees: 12))],
            .indsatser: [.initiative(Initiative(id: "I1", name: "Nytteindsats", places: 35))],
            .medarbejdere: [.staff(StaffMember(id: "M1", unit: "Jobservice"))],
            .ydelsesforloeb: [period],
            .aktiviteter: [
                .activity(
                    Activity(id: "A1", personID: "P1", type: "mentor", start: day(2024, 3, 1), hoursPerWeek: 12.5, initiativeID: "I1"))
            ],
            .samtaler: [
                .conversation(Conversation(personID: "P1", date: day(2024, 3, 1), type: "jobsamtale")),
                .conversation(Conversation(personID: "P1", date: day(2024, 3, 1), type: "jobsamtale", staffID: "M1")),
            ],
            .virksomhedskontakter: [
                .contact(CompanyContact(cvr: "12345674", date: day(2024, 3, 1))),
                .contact(CompanyContact(cvr: "12345674", date: day(2024, 3, 1), channel: "telefon")),
                .contact(CompanyContact(cvr: "12345674", date: day(2024, 3, 1), channel: "digitalt", id: "K1")),
            ],
            .jobordrer: [.jobOrder(JobOrder(id: "J1", cvr: "12345674", created: day(2024, 3, 1), positions: 2, filled: 1))],
            .tildelinger: [.assignment(Assignment(personID: "P1", staffID: "M1", from: day(2024, 2, 29), to: day(2024, 12, 31)))],
            .kontaktregler: [
                .contactRule(
                    ContactRule(
                        benefit: "dagpenge", from: day(2024, 1, 1), conversations: 6, withinMonths: 6, offerWithinMonths: 6,
                        municipalityOnly: true))
            ],
        ]
        records[.screeninger] = [
            .screening(Screening(personID: "P1", date: day(2024, 3, 1), group: "2", advice: "1", staffID: "M1", reason: "Ø-samtale"))
        ]
        records[.formidlinger] = [.placement(Placement(jobOrderID: "J1", personID: "P1", date: day(2024, 3, 4), staffID: "M1"))]
        records[.alliancer] = [.alliance(Alliance(id: "A1", name: "Æblealliancen", start: day(2024, 1, 1), unit: "Jobservice"))]
        records[.alliancemedlemmer] = [
            .allianceMembership(AllianceMembership(allianceID: "A1", cvr: "12345674", from: day(2024, 2, 29), pledgedInternships: 2)),
            .allianceMembership(
                AllianceMembership(allianceID: "A1", cvr: "12345674", from: day(2023, 1, 1), to: day(2023, 12, 31), pledgedSmallJobs: 1)),
        ]
        records[.cv_opdateringer] = [.cvUpdate(CVUpdate(personID: "P1", date: day(2024, 2, 29)))]
        records[.puljer] = [
            .pool(
                GrantPool(
                    id: "FSM2", name: "Flere skal med 2", from: day(2024, 1, 1), to: day(2025, 12, 31), grant: 2_960_000.5,
                    targetShare: 0.35))
        ]
        records[.puljedeltagere] = [.poolParticipant(PoolParticipant(poolID: "FSM2", personID: "P1", from: day(2024, 2, 29)))]
        records[.puljerater] = [
            .poolInstalment(PoolInstalment(poolID: "FSM2", number: 1, share: 0.5, condition: "Mellemregnskab underskrevet af ledelsen")),
            .poolInstalment(PoolInstalment(poolID: "FSM2", number: 2, share: 0.4, resultShare: 0.15, due: day(2026, 4, 1))),
        ]
        records[.budget] = [.budget(BenefitBudget(year: 2024, benefit: "dagpenge", amount: 1_234_567.8))]
        records[.landstal] = [
            .nationalFigure(
                NationalFigure(area: "Hele landet", period: "2024-K1", measure: "fuldtidspersoner", value: 590_000.5, population: 3_700_000)
            ),
            .nationalFigure(
                NationalFigure(area: "Hele landet", period: "2024-K1", measure: "fuldtidspersoner", value: 90_000, benefit: "dagpenge")),
        ]
        #expect(Set(records.keys) == Set(FileKind.allCases))
        let first = try store.write(records)
        #expect(first.mapValues(\.new) == records.mapValues(\.count))
        let again = try store.write(records)
        #expect(again.mapValues(\.unchanged) == records.mapValues(\.count))
        // Read back through the declarations, every row is the row written.
        for (kind, written) in records {
            var stored: [RegisterRecord] = []
            try store.importSession { session in
                try session.forEachStored(kind) { stored.append($0) }
                return false
            }
            #expect(Set(stored) == Set(written), "\(kind)")
        }
        #expect(try store.referenceData().name(.ydelse, "fleksjob") == "Fleksjob")
        #expect(try store.storedBenefitPeriods() == [BenefitPeriod(personID: "P1", benefit: "dagpenge", start: day(2024, 2, 29))])
    }

    @Test("The register loads with attributes, and the data date never passes the last import day")
    func loadRegister() throws {
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .personer: [person],
            .ydelsesforloeb: [
                period,
                .benefit(BenefitPeriod(personID: "P1", benefit: "sygedagpenge", start: day(2023, 1, 1), end: day(2023, 3, 1))),
                .benefit(BenefitPeriod(personID: "P1", benefit: "sygedagpenge", start: day(2099, 1, 1), end: day(2099, 3, 1))),
            ],
        ])
        let register = try store.loadRegister()
        #expect(register.personCount == 1)
        #expect(register.benefitPeriodCount == 3)
        #expect(register.dataDate! < day(2099, 1, 1))
        let q = try KPIQuery.parse(
            measure: "personer", from: "2024-03-01", to: "2024-03-31", period: "hele", splitBy: ["koen"], filters: [])
        #expect(KPIEngine(register).evaluate(q).rows == [KPIRow(dimensions: ["K"], period: "hele", value: 1)])
    }

    @Test("A file store keeps its data and its schema version across reopening")
    func reopen() throws {
        let path = temporaryDatabase()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        do {
            let store = try SQLiteStore(path: path)
            _ = try store.write([.personer: [person]])
            #expect(try store.dataVersion() == 1)
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.rowCounts()[.personer] == 1)
        #expect(try reopened.dataVersion() == 1)
    }

    @Test("The importer and the store together: all or nothing")
    func allOrNothing() throws {
        let store = try TestDatabase.newStore()
        let folder = NSTemporaryDirectory() + "indsats-aon-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: folder + "/personer.csv", contents: Data("person_id;koen\nP1;K\nP2;X\n".utf8)))
        let report = try Importer(destination: store).run(paths: [folder], acceptValid: false)
        #expect(report.exitStatus == 1)
        #expect(try store.rowCounts()[.personer] == 0)
        #expect(try store.dataVersion() == 0)
    }

    @Test("Migration v3 keeps every row of a v2 database and drops the rowid")
    func migrationKeepsRows() throws {
        let path = temporaryDatabase()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        do {
            let old = try DatabaseQueue(path: path)
            var migrator = DatabaseMigrator()
            for migration in Migrations.all.prefix(2) {
                migrator.registerMigration(migration.name) { db in for sql in migration.sql { try db.execute(sql: sql) } }
            }
            try migrator.migrate(old)
            try old.write { db in
                try db.execute(sql: "INSERT INTO personer (person_id, koen, ekstra) VALUES ('P1', 'K', '{\"sagsnr\":\"S-1\"}')")
                try db.execute(
                    sql: "INSERT INTO samtaler (person_id, dato, type, medarbejder) VALUES ('P1', '2024-02-29', 'jobsamtale', '')")
                try db.execute(
                    sql:
                        "INSERT INTO jobordrer (jobordre_id, cvr, oprettet, enhed) VALUES ('J1', '12345674', '2024-03-01', 'Virksomhedsservice')"
                )
            }
        }
        let store = try SQLiteStore(path: path)
        #expect(try store.rowCounts().filter { $0.value > 0 } == [.personer: 1, .samtaler: 1, .jobordrer: 1])
        let extra = try store.db.read { try String.fetchOne($0, sql: "SELECT ekstra FROM personer") }
        let unit = try store.db.read { try String.fetchOne($0, sql: "SELECT enhed FROM jobordrer") }
        #expect(extra == "{\"sagsnr\":\"S-1\"}")
        #expect(unit == "Virksomhedsservice")
        #expect(throws: DatabaseError.self) { try store.db.read { try Row.fetchAll($0, sql: "SELECT rowid FROM samtaler") } }
    }

    @Test("Migration v8 turns stored channel spellings into the vocabulary's values and keeps an unknown one")
    func migrationChannels() throws {
        let path = temporaryDatabase()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        do {
            let old = try DatabaseQueue(path: path)
            var migrator = DatabaseMigrator()
            for migration in Migrations.all.prefix(7) {
                migrator.registerMigration(migration.name) { db in for sql in migration.sql { try db.execute(sql: sql) } }
            }
            try migrator.migrate(old)
            try old.write { db in
                for (i, channel) in ["Fremmøde", "besøg", "mail", "video", "telefon", "sms"].enumerated() {
                    try db.execute(
                        sql:
                            "INSERT INTO samtaler (person_id, dato, type, medarbejder, kanal) VALUES ('P\(i)', '2024-02-29', 'jobsamtale', '', ?)",
                        arguments: [channel])
                }
                try db.execute(
                    sql:
                        "INSERT INTO virksomhedskontakter (cvr, dato, enhed, medarbejder, kanal) VALUES ('12345674', '2024-03-01', 'VS', '', 'E-mail')"
                )
            }
        }
        let store = try SQLiteStore(path: path)
        let channels = try store.db.read { try String.fetchAll($0, sql: "SELECT kanal FROM samtaler ORDER BY person_id") }
        #expect(channels == ["personligt", "personligt", "digitalt", "digitalt", "telefon", "sms"])
        #expect(try store.db.read { try String.fetchOne($0, sql: "SELECT kanal FROM virksomhedskontakter") } == "digitalt")
    }

    @Test("Migration v9 keys stored company contacts by their whole row, as an import of the same rows would")
    func migrationContactKey() throws {
        let path = temporaryDatabase()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        do {
            let old = try DatabaseQueue(path: path)
            var migrator = DatabaseMigrator()
            for migration in Migrations.all.prefix(8) {
                migrator.registerMigration(migration.name) { db in for sql in migration.sql { try db.execute(sql: sql) } }
            }
            try migrator.migrate(old)
            try old.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO virksomhedskontakter (cvr, dato, enhed, medarbejder, kanal, formaal) VALUES ('12345674', '2024-03-01', 'VS', '', 'telefon', 'rekruttering'), ('12345674', '2024-03-02', '', 'M1', NULL, NULL)"
                )
            }
        }
        let store = try SQLiteStore(path: path)
        let contacts: [RegisterRecord] = [
            .contact(CompanyContact(cvr: "12345674", date: day(2024, 3, 1), unit: "VS", channel: "telefon", purpose: "rekruttering")),
            .contact(CompanyContact(cvr: "12345674", date: day(2024, 3, 2), staffID: "M1")),
        ]
        #expect(try store.write([.virksomhedskontakter: contacts])[.virksomhedskontakter] == WriteCounts(unchanged: 2))
        let second = RegisterRecord.contact(CompanyContact(cvr: "12345674", date: day(2024, 3, 1), unit: "VS", channel: "digitalt"))
        #expect(try store.write([.virksomhedskontakter: [second]])[.virksomhedskontakter] == WriteCounts(new: 1))
        #expect(try store.rowCounts()[.virksomhedskontakter] == 3)
    }

    @Test("One stored key is looked up by itself: a stored person yes, others (a quote, Danish letters) no")
    func keyLookedUp() throws {
        let store = try TestDatabase.newStore()
        _ = try store.write([.personer: [person]])
        try store.importSession { session throws -> Bool in
            #expect(try session.isStored(.personer, key: "P1") == true)
            #expect(try session.isStored(.personer, key: "P2") == false)
            #expect(try session.isStored(.personer, key: "Ø'1") == false)
            #expect(try session.isStored(.indsatser, key: "P1") == false)
            return false
        }
    }

    @Test("A session that returns false or throws leaves nothing behind; its own writes are visible inside it")
    func sessionRollback() throws {
        let store = try TestDatabase.newStore()
        try store.importSession { session in
            try session.write(person)
            #expect(try session.storedKeys(.personer) == ["P1"])
            return false
        }
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.importSession { session in
                try session.write(person)
                throw Stop()
            }
        }
        #expect(try store.rowCounts()[.personer] == 0)
        #expect(try store.dataVersion() == 0)
    }

    @Test("The migrated tables have exactly the columns the import writes")
    func schemaMatchesLayout() throws {
        let columns = try #require(try TestDatabase.newStore() as? any SQLStore).tableColumns()
        for kind in FileKind.allCases {
            let layout = TableLayout.of(kind)
            #expect(Set(columns[layout.table] ?? []) == Set(layout.columns), "\(kind)")
        }
    }

    @Test("A postgres:// location is refused clearly until PostgreSQL is supported")
    func postgresLocation() {
        #expect(throws: StoreError.self) { try StoreLocation.open("postgres://localhost/indsats") }
    }
}
