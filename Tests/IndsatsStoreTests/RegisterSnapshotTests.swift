import Foundation
import IndsatsContract
import IndsatsCore
import IndsatsTestSupport
import Synchronization
import Testing

@testable import IndsatsAnalytics
@testable import IndsatsStore

extension SnapshotBuffer {
    /// The same bytes, to be read from the start.
    var rewound: SnapshotBuffer { SnapshotBuffer(bytes: bytes) }
}

/// Counts the register's properties a visitor is shown.
struct CountingVisitor: SnapshotVisitor {
    static var fills: Bool { false }
    var count = 0
    mutating func column(_ values: inout [Int32]) throws { count += 1 }
    mutating func column(_ values: inout [Int]) throws { count += 1 }
    mutating func column(_ values: inout [Bool]) throws { count += 1 }
    mutating func column(_ values: inout [String]) throws { count += 1 }
    mutating func value<T: Codable & Equatable>(_ value: inout T) throws { count += 1 }
}

@Suite("Registerets øjebliksbillede: det samme register, aldrig et forældet eller beskadiget")
struct RegisterSnapshotTests {
    func snapshot(_ register: Register, key: String = "1-a") throws -> SnapshotBuffer {
        var out = SnapshotBuffer()
        try Snapshot.write(register, key: key, to: &out)
        return out
    }

    /// Every stored property of two registers, as text: a StringPool by its strings, the code lists by their codes.
    func properties(_ r: Register) -> [String] {
        Mirror(reflecting: r).children.compactMap { child in
            switch child.value {
            case is MainBenefitRegister: return nil
            case let pool as StringPool: return "\(child.label!): \(pool.strings)"
            case let reference as ReferenceData: return "\(child.label!): \(CodeListName.allCases.map { reference.codes($0) })"
            default: return "\(child.label!): \(child.value)"
            }
        }
    }

    @Test("Every stored property of the register is in the snapshot (the hovedydelse cache is made anew)")
    func everyPropertyVisited() throws {
        var visitor = CountingVisitor()
        var register = Register(reference: .defaults)
        try register.visitColumns(&visitor)
        #expect(visitor.count == Mirror(reflecting: register).children.count - 1)
    }

    @Test("A register read back from its snapshot is the same register and gives the same answers", arguments: 0..<6 as Range<UInt64>)
    func roundTrip(seed: UInt64) throws {
        let register = RandomRegister(seed: seed, people: 25).register
        var input = try snapshot(register).rewound
        let read = try #require(try Snapshot.read(Register.self, from: &input, key: "1-a"))
        #expect(properties(read) == properties(register))
        for q in RegisterLoadingTests.queries {
            #expect(KPIEngine(read, shards: 1).evaluate(q) == KPIEngine(register, shards: 1).evaluate(q), "\(q.measure)")
        }
        // The hovedydelse register is made from the one read, not shared with the one written.
        let merged = try KPIQuery.parse(
            measure: "fuldtidspersoner", from: "2024-01-01", to: "2024-12-31", period: "kvartal", splitBy: ["hovedydelse"], filters: [])
        #expect(KPIEngine(read).evaluate(merged) == KPIEngine(register).evaluate(merged))
    }

    @Test(
        "Each measure answers the same from a snapshot read for only its parts as from the whole register",
        arguments: 0..<4 as Range<UInt64>)
    func partsRead(seed: UInt64) throws {
        let register = RandomRegister(seed: seed, people: 25).register
        let file = try snapshot(register)
        for q in RegisterLoadingTests.queries {
            var input = file.rewound
            let part = try #require(try Snapshot.read(Register.self, from: &input, key: "1-a", parts: q.measure.registerParts))
            #expect(part.parts.isSuperset(of: q.measure.registerParts))
            #expect(KPIEngine(part, shards: 1).evaluate(q) == KPIEngine(register, shards: 1).evaluate(q), "\(q.measure)")
        }
        // Reading nothing but what every register has passes over every row of the other parts.
        var input = file.rewound
        let persons = try #require(try Snapshot.read(Register.self, from: &input, key: "1-a", parts: .persons))
        #expect(
            persons.parts == Register.alwaysInSnapshot && persons.benefitPeriodCount == 0 && persons.personCount == register.personCount)
    }

    @Test("Danish letters, empty texts and an empty register survive the snapshot")
    func edgeValues() throws {
        let empty = Register(persons: [], benefits: [], activities: [])
        var input = try snapshot(empty).rewound
        #expect(properties(try #require(try Snapshot.read(Register.self, from: &input, key: "1-a"))) == properties(empty))
        let danish = Register(
            persons: [Person(id: "Æblegrød-ØÅ", sex: "K", municipality: "")],
            benefits: [BenefitPeriod(personID: "Æblegrød-ØÅ", benefit: "særydelse", start: Day(year: 2024, month: 2, day: 29)!)],
            activities: [])
        input = try snapshot(danish).rewound
        #expect(properties(try #require(try Snapshot.read(Register.self, from: &input, key: "1-a"))) == properties(danish))
    }

    @Test("A snapshot under another key is not read: another write, or another build of the register")
    func otherKey() throws {
        var input = try snapshot(RandomRegister(seed: 1).register, key: "7-b").rewound
        #expect(try Snapshot.read(Register.self, from: &input, key: "8-c") == nil)
        input = input.rewound
        #expect(try Snapshot.key(Register.self, in: &input) == "7-b")
    }

    @Test("Every byte changed, and every cut, is found: a damaged snapshot is never read as a register")
    func damageFound() throws {
        let whole = try snapshot(RandomRegister(seed: 2, people: 4).register).bytes
        var rng = SeededGenerator(seed: 9)
        var positions = Array(stride(from: 0, to: whole.count, by: max(1, whole.count / 400))) + [whole.count - 1]
        positions += (0..<200).map { _ in Int.random(in: 0..<whole.count, using: &rng) }
        for position in positions {
            var bytes = whole
            bytes[position] ^= UInt8.random(in: 1...255, using: &rng)
            var input = SnapshotBuffer(bytes: bytes)
            // A change within the key makes another key (not read); anywhere else the file is damaged.
            let read = try? Snapshot.read(Register.self, from: &input, key: "1-a")
            #expect(read == nil, "byte \(position)")
        }
        for cut in [0, 3, 8, 20, whole.count / 2, whole.count - 8, whole.count - 1] {
            var input = SnapshotBuffer(bytes: Array(whole.prefix(cut)))
            #expect(throws: DamagedSnapshot.self) { try Snapshot.read(Register.self, from: &input, key: "1-a") }
        }
        var longer = SnapshotBuffer(bytes: whole + [0])
        #expect(throws: DamagedSnapshot.self) { try Snapshot.read(Register.self, from: &longer, key: "1-a") }
        // A count far beyond the file asks for no memory.
        var huge = whole
        let countAt = 8 + 8 + Snapshot.fullKey(Register.self, "1-a").utf8.count + 8 + 1
        for i in 0..<8 { huge[countAt + i] = 0x7F }
        var input = SnapshotBuffer(bytes: huge)
        #expect(throws: DamagedSnapshot.self) { try Snapshot.read(Register.self, from: &input, key: "1-a") }
    }
}

@Suite("Øjebliksbilledet ved databasen: brugt når det er nyt, bygget igen når det mangler, er ældre eller beskadiget")
struct RegisterSnapshotFileTests {
    /// A database two processes can open (an SQLite file, or a new database on the PostgreSQL
    /// server), and where its snapshot lies. An SQLite file and what lies beside it go with it.
    final class SharedDatabase {
        let location: String
        let snapshotPath: String

        init() throws {
            if TestDatabase.isPostgres {
                location = try TestDatabase.newPostgresDatabase()
                snapshotPath = SnapshotFile.cached(for: try PostgresLocation(location), name: "register").path
            } else {
                location = NSTemporaryDirectory() + "indsats-oejebliksbillede-" + UUID().uuidString + ".sqlite"
                snapshotPath = location + "-register"
            }
        }

        deinit {
            guard !TestDatabase.isPostgres else { return }
            for suffix in ["", "-wal", "-shm", "-register", "-sider"] { try? FileManager.default.removeItem(atPath: location + suffix) }
        }

        func open() throws -> any DataStore { try StoreLocation.open(location) }
        var snapshotExists: Bool { FileManager.default.fileExists(atPath: snapshotPath) }
        var snapshotKey: String? { SnapshotFile(path: snapshotPath).storedKey(Register.self) }
    }

    static let query = try! KPIQuery.parse(
        measure: "fuldtidspersoner", from: "2024-01-01", to: "2024-12-31", period: "kvartal", splitBy: ["ydelse"], filters: [])

    func period(_ person: String, _ benefit: String, _ start: Day, _ end: Day? = nil) -> RegisterRecord {
        .benefit(BenefitPeriod(personID: person, benefit: benefit, start: start, end: end))
    }

    /// The register as the database alone has it, read without any snapshot.
    func fromDatabase(_ store: any DataStore) throws -> Register {
        try (store as! any SQLStore).database.read { try RegisterQueries.loadRegister(parts: .all, from: $0) }
    }

    @Test("Missing: the register is read from the database and the snapshot written; the next process reads the snapshot")
    func missingThenUsed() throws {
        let db = try SharedDatabase()
        let store = try db.open()
        _ = try store.write(RandomRegister(seed: 3, people: 20).records)
        #expect(!db.snapshotExists)
        let first = try store.loadRegister()
        let version = try store.dataVersion()
        #expect(db.snapshotKey?.hasPrefix("\(version)-") == true)
        // Delete rows behind the store's back (no write is logged): a second process must read
        // the snapshot, so it still sees them.
        try sql(store).write { try $0.execute("DELETE FROM ydelsesforloeb") }
        let second = try db.open().loadRegister(parts: .benefits)
        #expect(KPIEngine(second).evaluate(Self.query) == KPIEngine(first).evaluate(Self.query))
        #expect(KPIEngine(second).evaluate(Self.query) != KPIEngine(try fromDatabase(store)).evaluate(Self.query))
    }

    @Test("Older: after an import the snapshot is brought up to it, and the answers are the database's")
    func staleRefreshed() throws {
        let db = try SharedDatabase()
        let store = try db.open()
        _ = try store.write([.ydelsesforloeb: [period("P1", "dagpenge", Day(year: 2024, month: 1, day: 1)!)]])
        _ = try store.loadRegister()
        let before = db.snapshotKey
        // Another process imports.
        _ = try db.open().write([.ydelsesforloeb: [period("P2", "sygedagpenge", Day(year: 2024, month: 2, day: 29)!)]])
        let after = try store.loadRegister()
        #expect(KPIEngine(after).evaluate(Self.query) == KPIEngine(try fromDatabase(store)).evaluate(Self.query))
        #expect(after.personCount == 2)
        #expect(db.snapshotKey != before)
        let version = try store.dataVersion()
        #expect(db.snapshotKey?.hasPrefix("\(version)-") == true)
    }

    @Test("After an import, an existing snapshot is brought up to it; without one, none is made (the server's start makes it)")
    func updatedAfterImport() throws {
        let db = try SharedDatabase()
        let store = try db.open()
        _ = try store.write([.ydelsesforloeb: [period("P1", "dagpenge", Day(year: 2024, month: 1, day: 1)!)]])
        try store.updateSnapshot()
        #expect(!db.snapshotExists)
        _ = try store.loadRegister()
        _ = try store.write([.ydelsesforloeb: [period("P2", "sygedagpenge", Day(year: 2024, month: 2, day: 1)!)]])
        let version = try store.dataVersion()
        #expect(db.snapshotKey?.hasPrefix("\(version)-") == false)
        try store.updateSnapshot()
        #expect(db.snapshotKey?.hasPrefix("\(version)-") == true)
        #expect(try db.open().loadRegister(parts: .benefits).personIDs.sorted() == ["P1", "P2"])
    }

    @Test("Another database with as many writes never matches: each write has its own random mark")
    func otherDatabaseSameVersion() throws {
        guard !TestDatabase.isPostgres else { return }  // a new PostgreSQL database has its own snapshot file anyway
        let db = try SharedDatabase()
        do {
            let store = try db.open()
            _ = try store.write([.ydelsesforloeb: [period("P1", "dagpenge", Day(year: 2024, month: 1, day: 1)!)]])
            _ = try store.loadRegister()
        }
        // The database replaced by another with one write too (as a copied file or a restored backup may be).
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db.location + suffix) }
        let other = try db.open()
        _ = try other.write([.ydelsesforloeb: [period("P9", "sygedagpenge", Day(year: 2024, month: 1, day: 1)!)]])
        #expect(try other.dataVersion() == 1)
        let register = try other.loadRegister()
        #expect(register.personIDs == ["P9"])
    }

    @Test(
        "Damaged: the file is found out, the register read from the database, and the snapshot written anew", arguments: [0.0, 0.5, 0.99])
    func damagedRebuilt(at fraction: Double) throws {
        let db = try SharedDatabase()
        let store = try db.open()
        _ = try store.write(RandomRegister(seed: 4, people: 20).records)
        let whole = try store.loadRegister()
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: db.snapshotPath)))
        bytes[200 + Int(Double(bytes.count - 201) * fraction)] ^= 0x55  // past the key
        try Data(bytes).write(to: URL(fileURLWithPath: db.snapshotPath))
        let notices = Mutex<[String]>([])
        let file = SnapshotFile(path: db.snapshotPath) { text in notices.withLock { $0.append(text) } }
        #expect(file.read(Register.self, storeKey: db.snapshotKey ?? "") == nil)
        #expect(notices.withLock { $0.count } == 1)
        #expect(notices.withLock { $0.first?.contains("bygges igen fra databasen") } == true)
        let again = try db.open().loadRegister()
        #expect(RegisterLoadingTests().answers(again) == RegisterLoadingTests().answers(whole))
        #expect(file.read(Register.self, storeKey: try #require(db.snapshotKey)) != nil)
    }

    @Test("A half-written file left by a writer that was stopped is removed by the next write; a running writer's is left alone")
    func leftoversRemoved() throws {
        let db = try SharedDatabase()
        let store = try db.open()
        // Above any pid Linux hands out (pid_max is at most 2^22), so no process has it.
        let gone = db.snapshotPath + ".4194305.17.ny", running = db.snapshotPath + ".\(getpid()).18.ny"
        // PostgreSQL's snapshots are in a cache folder made by the first write, which may not have come yet.
        try FileManager.default.createDirectory(
            atPath: (db.snapshotPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        for path in [gone, running] { #expect(FileManager.default.createFile(atPath: path, contents: Data("halv".utf8))) }
        _ = try store.write([.ydelsesforloeb: [period("P1", "dagpenge", Day(year: 2024, month: 1, day: 1)!)]])
        _ = try store.loadRegister()
        #expect(!FileManager.default.fileExists(atPath: gone))
        #expect(FileManager.default.fileExists(atPath: running))
        #expect(db.snapshotKey != nil)
        try FileManager.default.removeItem(atPath: running)
    }

    @Test("While another process writes the snapshot, a second writer leaves it to it; once the lock is let go, it writes")
    func oneWriterAtATime() throws {
        let db = try SharedDatabase()
        let store = try db.open()
        _ = try store.write([.ydelsesforloeb: [period("P1", "dagpenge", Day(year: 2024, month: 1, day: 1)!)]])
        let register = try store.loadRegister()
        let file = SnapshotFile(path: db.snapshotPath)
        file.remove()
        // Another writer: a lock of its own on the lock file (flock locks belong to the open file, even in one process).
        let other = open(db.snapshotPath + ".laas", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        #expect(other >= 0 && flock(other, LOCK_EX | LOCK_NB) == 0)
        #expect(!file.write(register, storeKey: "1"))
        #expect(!FileManager.default.fileExists(atPath: db.snapshotPath))
        close(other)  // as when the other process ends, stopped or not
        #expect(file.write(register, storeKey: "1"))
        #expect(file.storedKey(Register.self) == "1")
    }

    @Test("While a server serves the database, an import leaves the snapshot to it; without one, the import brings it up to date")
    func importLeavesSnapshotToServer() throws {
        let db = try SharedDatabase()
        let server = try db.open()
        _ = try server.write([.ydelsesforloeb: [period("P1", "dagpenge", Day(year: 2024, month: 1, day: 1)!)]])
        _ = try server.loadRegister()
        let before = try #require(db.snapshotKey)
        var mark = server.markServing()
        #expect(mark != nil)
        let importer = try db.open()
        _ = try importer.write([.ydelsesforloeb: [period("P2", "dagpenge", Day(year: 2024, month: 2, day: 1)!)]])
        try importer.updateSnapshot()
        #expect(db.snapshotKey == before)
        mark = nil  // the server stops
        _ = try importer.write([.ydelsesforloeb: [period("P3", "dagpenge", Day(year: 2024, month: 3, day: 1)!)]])
        try importer.updateSnapshot()
        #expect(db.snapshotKey != before)
        #expect(try importer.loadRegister().personIDs == ["P1", "P2", "P3"])
    }

    @Test("A file that is no snapshot, or an empty one, is rebuilt, never a crash")
    func notASnapshot() throws {
        let db = try SharedDatabase()
        let store = try db.open()
        _ = try store.write([.ydelsesforloeb: [period("P1", "dagpenge", Day(year: 2024, month: 1, day: 1)!)]])
        for junk in [Data(), Data("personer;ydelse\n".utf8), Data(repeating: 0xFF, count: 100_000)] {
            try junk.write(to: URL(fileURLWithPath: db.snapshotPath))
            #expect(try db.open().loadRegister().personIDs == ["P1"])
            #expect(db.snapshotKey != nil)
        }
    }

    @Test("An import by another process while a register is in use: the refresh gives the new write's data and snapshot")
    func importWhileInUse() async throws {
        let db = try SharedDatabase()
        let server = try db.open()
        _ = try server.write([.ydelsesforloeb: [period("P1", "dagpenge", Day(year: 2024, month: 1, day: 1)!)]])
        let register = try server.loadRegister()
        let importer = try db.open()
        async let imported = Task.detached {
            try importer.write([.ydelsesforloeb: [period("P2", "sygedagpenge", Day(year: 2024, month: 3, day: 1)!)]])
        }.value
        // Refreshes while the import runs show the old write or the new one, never a mix.
        for _ in 0..<20 {
            let now = try server.refreshed(register)
            #expect(now.storeVersion == register.storeVersion ? now.personCount == 1 : now.personCount == 2)
        }
        _ = try await imported
        try await Task.sleep(for: .milliseconds(250))  // the store's reuse of the data version it read
        let after = try server.refreshed(register)
        #expect(KPIEngine(after).evaluate(Self.query) == KPIEngine(try fromDatabase(server)).evaluate(Self.query))
        #expect(after.personCount == 2)
        // The refresh leaves the snapshot to be written when the reader has time (a server: after its pages).
        let version = try server.dataVersion()
        #expect(db.snapshotKey?.hasPrefix("\(version)-") == false)
        try server.keepSnapshot(of: after)
        #expect(db.snapshotKey?.hasPrefix("\(version)-") == true)
        // An older register never replaces a newer snapshot.
        let newer = try #require(db.snapshotKey)
        try server.keepSnapshot(of: register)
        #expect(db.snapshotKey == newer)
    }
}
