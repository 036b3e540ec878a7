import Foundation
import GRDB
import Synchronization
import GRDBSQLite
import IndsatsAnalytics
import IndsatsCore
import IndsatsExchange

/// The register in an SQLite file, through GRDB.
///
/// ```swift
/// let store = try SQLiteStore(path: "indsats.sqlite")   // creates and migrates
/// let register = try store.loadRegister()
/// ```
public final class SQLiteStore: RegisterStore {
    /// A pool for a file (readers in parallel with the writer, WAL), a queue in memory.
    let db: any DatabaseWriter

    /// Opens (creating if needed) the file and brings its schema up to date.
    /// `":memory:"` gives a private in-memory database.
    public init(path: String) throws {
        var config = Configuration()
        // SQLite has one writer at a time: a second import (or a login's audit line
        // during an import) waits for the first instead of failing at once.
        config.busyMode = .timeout(600)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        db = path == ":memory:" ? try DatabaseQueue(configuration: config) : try DatabasePool(path: path, configuration: config)
        try Self.migrate(db)
    }

    /// Applies the migrations not yet applied, all in one immediate transaction, so
    /// processes opening a new file at once wait for each other instead of racing.
    /// (The table keeps GRDB's name: files made by `DatabaseMigrator` stay readable.)
    static func migrate(_ db: any DatabaseWriter) throws {
        try db.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
                let known = Set(Migrations.all.map(\.name))
                if let unknown = applied.subtracting(known).sorted().first {
                    throw StoreError("databasen er lavet af en nyere version af Indsats (migrering \(unknown)); opdatér programmet")
                }
                for migration in Migrations.all where !applied.contains(migration.name) {
                    for sql in migration.sql { try db.execute(sql: sql) }
                    try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.name])
                }
                return .commit
            }
        }
    }

    public func referenceData() throws -> ReferenceData {
        try db.read(Self.referenceData)
    }

    static func referenceData(_ db: Database) throws -> ReferenceData {
        var reference = ReferenceData.defaults
        for row in try Row.fetchAll(db, sql: "SELECT kodeliste, kode, navn, gyldig_fra, gyldig_til, virksomhedsrettet FROM koder") {
            guard let list = CodeListName(rawValue: row[0]) else { continue }
            reference.add(Code(list, row[1], row[2], validFrom: day(row[3]), validTo: day(row[4]),
                               companyBased: (row[5] as String?) == "ja"))
        }
        return reference
    }

    public func importSession(_ body: (any ImportSession) throws -> Bool) throws {
        // Readers here see the new version at once, not after the reuse time.
        defer { knownVersion.withLock { $0 = nil } }
        try db.writeWithoutTransaction { db in
            try db.inTransaction {
                let session = SQLiteImportSession(db: db)
                guard try body(session) else { return .rollback }
                try session.logImport()
                return .commit
            }
        }
    }

    /// Streams the rows of `parts` into a ``RegisterBuilder``: no row is held as a record.
    public func loadRegister(parts: RegisterParts) throws -> Register {
        try db.read { try Self.loadRegister(parts: parts, from: $0) }
    }

    private static func loadRegister(parts: RegisterParts, from db: Database) throws -> Register {
        var builder = RegisterBuilder(reference: try referenceData(db), parts: parts)
        try load(parts, from: db, into: &builder)
        return try finish(builder, db)
    }

    /// Reads again only the parts that imports since `register` was loaded wrote;
    /// persons and companies keep their places, the other parts are reused as they are.
    public func refreshed(_ register: Register) throws -> Register {
        try db.read { db in
            let version = try Self.version(db)
            guard version != register.storeVersion else { return register }
            // A store older than the register (replaced by a backup, say): read it all.
            guard version > register.storeVersion else { return try Self.loadRegister(parts: register.parts, from: db) }
            var parts: RegisterParts = []
            for files in try String.fetchAll(db, sql: "SELECT filer FROM importlog WHERE id > ?", arguments: [register.storeVersion]) {
                for name in files.split(separator: ",") { parts.formUnion(FileKind(rawValue: String(name))?.registerPart ?? []) }
            }
            parts.formIntersection(register.parts)
            var builder = RegisterBuilder(updating: register, reloading: parts, reference: try Self.referenceData(db))
            try Self.load(parts, from: db, into: &builder)
            return try Self.finish(builder, db)
        }
    }

    private static func load(_ parts: RegisterParts, from db: Database, into builder: inout RegisterBuilder) throws {
        /// Reserves room for the table's rows, then calls `add` with each row of a query.
        func each(_ part: RegisterParts, _ table: String, _ columns: String, _ add: (Row) -> Void) throws {
            guard parts.contains(part) else { return }
            builder.reserve(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0, of: part)
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM \(table)")
            while let row = try cursor.next() { add(row) }
        }
        try each(.persons, "personer", "person_id, foedselsdato, koen, kommune, cv_dato") {
            builder.add(Person(id: $0[0], birthDate: day($0[1]), sex: $0[2], municipality: $0[3], cvDate: day($0[4])))
        }
        try each(.benefits, "ydelsesforloeb", "person_id, ydelse, start, slut, afgang") { r in
            if let start = day(r[2]) { builder.add(BenefitPeriod(personID: r[0], benefit: r[1], start: start, end: day(r[3]), exitReason: r[4])) }
        }
        try each(.activities, "aktiviteter", "aktivitet_id, person_id, type, start, slut, indsats_id, enhed") { r in
            if let start = day(r[3]) { builder.add(Activity(id: r[0], personID: r[1], type: r[2], start: start, end: day(r[4]), initiativeID: r[5], unit: r[6])) }
        }
        try each(.conversations, "samtaler", "person_id, dato, type, medarbejder, enhed, afholdt_af") { r in
            if let date = day(r[1]) { builder.add(Conversation(personID: r[0], date: date, type: r[2], staffID: blankIsNil(r[3]), unit: r[4], heldBy: r[5])) }
        }
        try each(.companies, "virksomheder", "cvr, ansatte, branche") {
            builder.add(Company(cvr: $0[0], employees: $0[1], industry: $0[2]))
        }
        try each(.contacts, "virksomhedskontakter", "cvr, dato, enhed") { r in
            if let date = day(r[1]) { builder.add(CompanyContact(cvr: r[0], date: date, unit: blankIsNil(r[2]))) }
        }
        try each(.jobOrders, "jobordrer", "jobordre_id, cvr, oprettet, stillinger, besat, lukket, enhed") { r in
            if let created = day(r[2]) { builder.add(JobOrder(id: r[0], cvr: r[1], created: created, positions: r[3], filled: r[4], closed: day(r[5]), unit: r[6])) }
        }
    }

    /// Sorts the register and dates it: the latest day the stored rows name, but
    /// never past the last import day (a future end date is a plan, not data).
    private static func finish(_ builder: consuming RegisterBuilder, _ db: Database) throws -> Register {
        builder.storeVersion = try version(db)
        let lastImport = try String.fetchOne(db, sql: "SELECT max(dag) FROM importlog").flatMap { Day(parsing: $0) }
        let latest = try String.fetchOne(db, sql: "SELECT seneste_dag FROM importlog ORDER BY id DESC LIMIT 1")
            .flatMap { Day(parsing: $0) } ?? latestStoredDay(db)
        return builder.build(dataDate: latest.map { min($0, lastImport ?? $0) })
    }

    /// The latest day in the date columns of ``FileKind/dataDayColumns`` (a scan of every table).
    static func latestStoredDay(_ db: Database) throws -> Day? {
        let parts = FileKind.allCases.flatMap { kind in kind.dataDayColumns.map { "SELECT max(\($0)) AS d FROM \(kind.rawValue)" } }
        return try String.fetchOne(db, sql: "SELECT max(d) FROM (\(parts.joined(separator: " UNION ALL ")))").flatMap { Day(parsing: $0) }
    }

    /// Asked on every web request: the answer is reused for ``versionReuse`` seconds,
    /// unless this store wrote since (another process's import shows within that time).
    public func dataVersion() throws -> Int {
        let now = ContinuousClock.now
        if let known = knownVersion.withLock({ $0 }), now - known.checked < Self.versionReuse { return known.version }
        let version = try db.read(Self.version)
        knownVersion.withLock { $0 = (version, now) }
        return version
    }

    static let versionReuse = Duration.milliseconds(200)
    /// The last version read and when; cleared by this store's own imports.
    let knownVersion = Mutex<(version: Int, checked: ContinuousClock.Instant)?>(nil)

    /// The number of the latest import, 0 before the first.
    private static func version(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT max(id) FROM importlog") ?? 0
    }

    /// The columns of each table as the database has them, in order.
    func tableColumns() throws -> [String: [String]] {
        try db.read { db in
            var out: [String: [String]] = [:]
            for kind in FileKind.allCases {
                let table = TableLayout.of(kind).table
                out[table] = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] }
            }
            return out
        }
    }

    public func rowCounts() throws -> [FileKind: Int] {
        try db.read { db in
            var out: [FileKind: Int] = [:]
            for kind in FileKind.allCases {
                out[kind] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(TableLayout.of(kind).table)") ?? 0
            }
            return out
        }
    }
}

/// An import's transaction: reads see what it wrote; statements are prepared once per kind.
final class SQLiteImportSession: ImportSession {
    let db: Database
    private(set) var counts: [FileKind: WriteCounts] = [:]
    private var statements: [FileKind: Upsert] = [:]
    /// The latest day in a data-date column (``FileKind/dataDayColumns``) of the rows written.
    private var latestWrittenDay: Day?

    /// An insert that leaves an existing key alone, and an update that changes it only when it differs.
    struct Upsert {
        var layout: TableLayout
        var insert: Statement
        var update: Statement
    }

    init(db: Database) { self.db = db }

    func referenceData() throws -> ReferenceData { try SQLiteStore.referenceData(db) }

    func storedKeys(_ kind: FileKind) throws -> Set<String> {
        let layout = TableLayout.of(kind)
        precondition(layout.key.count == 1, "storedKeys is for kinds with a one-column key")
        return try String.fetchSet(db, sql: "SELECT \(layout.key[0]) FROM \(layout.table)")
    }

    func forEachStoredBenefitPeriod(_ body: (BenefitPeriod) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT person_id, ydelse, start, slut, afgang FROM ydelsesforloeb")
        while let row = try rows.next() {
            guard let start = day(row[2]) else { continue }
            try body(BenefitPeriod(personID: row[0], benefit: row[1], start: start, end: day(row[3]), exitReason: row[4]))
        }
    }

    func write(_ record: RegisterRecord) throws {
        let kind = record.kind
        let upsert = try statements[kind] ?? prepare(kind)
        try bind(record, to: upsert.insert, layout: upsert.layout)
        try step(upsert.insert)
        if sqlite3_changes(db.sqliteConnection) == 1 {
            counts[kind, default: WriteCounts()].new += 1
            return
        }
        try bind(record, to: upsert.update, layout: upsert.layout)
        try step(upsert.update)
        if sqlite3_changes(db.sqliteConnection) == 1 {
            counts[kind, default: WriteCounts()].changed += 1
        } else {
            counts[kind, default: WriteCounts()].unchanged += 1
        }
    }

    /// Binds the record's columns straight to parameters `?1`, `?2`, ... in
    /// ``TableLayout/columns`` order, skipping GRDB's general-purpose arguments
    /// (they were most of an import's time).
    private func bind(_ record: RegisterRecord, to statement: Statement, layout: TableLayout) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        var binder = ParameterBinder(statement: handle, isKey: layout.isKey, datesTheData: !record.kind.dataDayColumns.isEmpty)
        record.visitColumns(&binder)
        if let latest = binder.latestDay, latestWrittenDay.map({ latest > $0 }) ?? true { latestWrittenDay = latest }
        if layout.hasExtra {
            let extra = record.extra
            binder.text(extra.isEmpty ? nil : JSONText.object(extra))
        }
        if let code = binder.failure { throw error(code) }
    }

    private func step(_ statement: Statement) throws {
        let code = sqlite3_step(statement.sqliteStatement)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }

    private func prepare(_ kind: FileKind) throws -> Upsert {
        let layout = TableLayout.of(kind)
        let cols = layout.columns
        // Numbered parameters: both statements take the columns in the same places.
        let parameter = Dictionary(uniqueKeysWithValues: cols.enumerated().map { ($1, "?\($0 + 1)") })
        let others = cols.filter { !layout.key.contains($0) }
        let upsert = Upsert(
            layout: layout,
            insert: try db.makeStatement(sql: """
                INSERT INTO \(layout.table) (\(cols.joined(separator: ", "))) VALUES (\(cols.map { parameter[$0]! }.joined(separator: ", ")))
                ON CONFLICT DO NOTHING
                """),
            update: try db.makeStatement(sql: """
                UPDATE \(layout.table) SET \(others.map { "\($0) = \(parameter[$0]!)" }.joined(separator: ", "))
                WHERE \(layout.key.map { "\($0) = \(parameter[$0]!)" }.joined(separator: " AND "))
                  AND NOT (\(others.map { "\($0) IS \(parameter[$0]!)" }.joined(separator: " AND ")))
                """))
        statements[kind] = upsert
        return upsert
    }

    /// Records the import, so readers see the data version move, with the latest
    /// day the stored rows now name. Rows only added: the later of that day before
    /// and the rows written; a row changed (a date may have moved back): a scan.
    func logImport() throws {
        let now = Date()
        let total = counts.values.reduce((0, 0)) { ($0.0 + $1.new, $0.1 + $1.changed) }
        let before = try Row.fetchOne(db, sql: "SELECT seneste_dag FROM importlog ORDER BY id DESC LIMIT 1")
        let latest: Day?
        if total.1 > 0 || (before != nil && before![0] as String? == nil) {
            latest = try SQLiteStore.latestStoredDay(db)
        } else {
            latest = [before.flatMap { day($0[0]) }, latestWrittenDay].compactMap { $0 }.max()
        }
        try db.execute(sql: "INSERT INTO importlog (tidspunkt, dag, filer, nye, aendrede, seneste_dag) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [ISO8601DateFormatter().string(from: now), Day(now).iso,
                                   counts.keys.sorted().map(\.rawValue).joined(separator: ","), total.0, total.1, latest?.iso])
    }
}

/// Binds typed column values to a prepared statement's parameters in order.
/// Dates are bound as ISO text formatted in place; an absent key part as "".
private struct ParameterBinder: ColumnVisitor {
    let statement: OpaquePointer
    let isKey: [Bool]
    /// Whether the row's dates count towards the data date.
    let datesTheData: Bool
    var index: Int32 = 1
    var failure: Int32?
    private(set) var latestDay: Day?
    /// Tells SQLite to copy the bytes before the call returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    nonisolated(unsafe) static let empty: UnsafePointer<CChar> = ("" as StaticString).utf8Start.withMemoryRebound(to: CChar.self, capacity: 1) { $0 }

    init(statement: OpaquePointer, isKey: [Bool], datesTheData: Bool) {
        self.statement = statement
        self.isKey = isKey
        self.datesTheData = datesTheData
    }

    private var absentIsEmpty: Bool { Int(index - 1) < isKey.count && isKey[Int(index - 1)] }

    private mutating func check(_ code: Int32) {
        if code != SQLITE_OK && failure == nil { failure = code }
        index += 1
    }

    private mutating func null() {
        check(absentIsEmpty ? sqlite3_bind_text(statement, index, Self.empty, 0, Self.transient) : sqlite3_bind_null(statement, index))
    }

    mutating func text(_ value: String?) {
        guard var value else { return null() }
        // With the length given, a NUL inside the text is kept.
        let code = value.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(statement, index, chars.baseAddress ?? Self.empty, Int32(chars.count), Self.transient)
            }
        }
        check(code)
    }

    mutating func day(_ value: Day?) {
        guard let value else { return null() }
        if datesTheData, latestDay.map({ value > $0 }) ?? true { latestDay = value }
        let (y, m, d) = value.components
        var iso: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (UInt8(48 + y / 1000), UInt8(48 + y / 100 % 10), UInt8(48 + y / 10 % 10), UInt8(48 + y % 10), 45,
             UInt8(48 + m / 10), UInt8(48 + m % 10), 45, UInt8(48 + d / 10), UInt8(48 + d % 10))
        let code = withUnsafeBytes(of: &iso) { bytes in
            sqlite3_bind_text(statement, index, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), 10, Self.transient)
        }
        check(code)
    }

    mutating func integer(_ value: Int?) {
        guard let value else { return null() }
        check(sqlite3_bind_int64(statement, index, Int64(value)))
    }

    mutating func decimal(_ value: Double?) {
        guard let value else { return null() }
        check(sqlite3_bind_double(statement, index, value))
    }
}

private func day(_ text: String?) -> Day? { text.flatMap { Day(parsing: $0) } }

extension FileKind {
    /// The part of the in-memory register the kind's rows go to (none for codes, initiatives and staff).
    var registerPart: RegisterParts {
        switch self {
        case .personer: return .persons
        case .ydelsesforloeb: return .benefits
        case .aktiviteter: return .activities
        case .samtaler: return .conversations
        case .virksomheder: return .companies
        case .virksomhedskontakter: return .contacts
        case .jobordrer: return .jobOrders
        case .koder, .indsatser, .medarbejdere: return []
        }
    }
}

/// Key columns store a missing value as `""` (see ``TableLayout/values(_:)``).
private func blankIsNil(_ text: String?) -> String? { text == "" ? nil : text }

extension Day {
    /// Today's date in UTC. Only import bookkeeping reads the clock.
    init(_ date: Date) {
        self.init(ordinal: Int32((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
