import Foundation
import GRDB
import GRDBSQLite
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import Synchronization

/// The register in an SQLite file, through GRDB.
///
/// ```swift
/// let store = try SQLiteStore(path: "indsats.sqlite")   // creates and migrates
/// let register = try store.loadRegister()
/// ```
public final class SQLiteStore: SQLStore {
    /// A pool for a file (readers in parallel with the writer, WAL), a queue in memory.
    let db: any DatabaseWriter
    let database: any SQLDatabase
    let knownVersion = Mutex<KnownVersion?>(nil)
    let path: String

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
        db = path == ":memory:" ? try DatabaseQueue(configuration: config) : try Self.openPool(path, config)
        self.path = path
        database = GRDBDatabase(writer: db)
        try Migrations.migrate(database)
    }

    /// Opening a new file turns on WAL, which needs the file to itself for a moment: a second
    /// process opening it at that moment gets SQLITE_BUSY at once (the busy timeout does not
    /// cover it), so opening is tried again for up to 10 seconds.
    private static func openPool(_ path: String, _ config: Configuration) throws -> DatabasePool {
        var attempts = 0
        while true {
            do {
                return try DatabasePool(path: path, configuration: config)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempts < 100 {
                attempts += 1
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }

    func snapshotFile(_ name: String) -> SnapshotFile? { path == ":memory:" ? nil : .beside(path, name: name) }

    public func importSession(_ body: (any ImportSession) throws -> Bool) throws {
        // Readers here see the new version at once, not after the reuse time.
        defer { forgetVersion() }
        try db.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let session = SQLiteImportSession(db: db)
                guard try body(session) else { return .rollback }
                try RegisterQueries.logImport(
                    GRDBConnection(db: db), counts: session.counts(), latestWrittenDay: session.latestWrittenDay, journal: session.journal)
                return .commit
            }
        }
    }
}

/// An import's transaction: reads see what it wrote; statements are prepared once per kind.
final class SQLiteImportSession: ImportSession {
    let db: Database
    private var written: [FileKind: WriteCounts] = [:]
    private var statements: [FileKind: Upsert] = [:]
    /// The latest day in a data-date column (``FileKind/dataDayColumns``) of the rows written.
    private(set) var latestWrittenDay: Day?
    /// The keys of the new rows, for a refresh that reads just those.
    private(set) var journal = NewRowJournal()

    /// An insert that leaves an existing key alone, and an update that changes it only when it differs.
    struct Upsert {
        var layout: TableLayout
        var insert: Statement
        var update: Statement
        /// Whether the journal still lists this kind's new rows (asked once per kind, not per row).
        var listsNewRows: Bool
    }

    init(db: Database) { self.db = db }

    func referenceData() throws -> ReferenceData { try RegisterQueries.referenceData(GRDBConnection(db: db)) }

    func storedKeys(_ kind: FileKind) throws -> Set<String> { try RegisterQueries.storedKeys(kind, GRDBConnection(db: db)) }

    func isStored(_ kind: FileKind, key: String) throws -> Bool { try RegisterQueries.isStored(kind, key: key, GRDBConnection(db: db)) }

    func forEachStored(_ kind: FileKind, _ body: (RegisterRecord) throws -> Void) throws {
        try RegisterQueries.forEachStored(kind, GRDBConnection(db: db)) { try body($0) }
    }

    func counts() throws -> [FileKind: WriteCounts] { written }

    /// The kind is then among the import's kinds even with nothing written, so readers reload it.
    func removeAll(_ kind: FileKind) throws {
        try db.execute(sql: "DELETE FROM \(TableLayout.of(kind).table)")
        if written[kind] == nil { written[kind] = WriteCounts() }
        journal.spoil(kind)
        statements[kind]?.listsNewRows = false
    }

    func write(_ record: RegisterRecord) throws {
        let kind = record.kind
        let upsert = try statements[kind] ?? prepare(kind)
        try bind(record, to: upsert.insert, layout: upsert.layout)
        try step(upsert.insert)
        if sqlite3_changes(db.sqliteConnection) == 1 {
            written[kind, default: WriteCounts()].new += 1
            if upsert.listsNewRows {
                journal.add(kind, key: upsert.layout.keyValues(of: record))
                if !journal.wants(kind) { statements[kind]!.listsNewRows = false }
            }
            return
        }
        try bind(record, to: upsert.update, layout: upsert.layout)
        try step(upsert.update)
        if sqlite3_changes(db.sqliteConnection) == 1 {
            written[kind, default: WriteCounts()].changed += 1
        } else {
            written[kind, default: WriteCounts()].unchanged += 1
        }
    }

    /// Binds the record's columns straight to parameters `?1`, `?2`, ... in
    /// ``TableLayout/columns`` order, skipping GRDB's general-purpose arguments
    /// (they were most of an import's time).
    private func bind(_ record: RegisterRecord, to statement: Statement, layout: TableLayout) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        var binder = ParameterBinder(statement: handle, isKey: layout.isKey, datesTheData: layout.datesTheData)
        record.visitColumns(&binder)
        if let latest = binder.latestDay, latestWrittenDay.map({ latest > $0 }) ?? true { latestWrittenDay = latest }
        if layout.hasExtra {
            let extra = record.extra
            binder.text(extra.isEmpty ? nil : JSONText.object(extra))
        }
        if layout.storesKey { binder.text(record.naturalKey) }
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
            insert: try db.makeStatement(
                sql: """
                    INSERT INTO \(layout.table) (\(cols.joined(separator: ", "))) VALUES (\(cols.map { parameter[$0]! }.joined(separator: ", ")))
                    ON CONFLICT DO NOTHING
                    """),
            update: try db.makeStatement(
                sql: """
                    UPDATE \(layout.table) SET \(others.map { "\($0) = \(parameter[$0]!)" }.joined(separator: ", "))
                    WHERE \(layout.key.map { "\($0) = \(parameter[$0]!)" }.joined(separator: " AND "))
                      AND NOT (\(others.map { "\($0) IS \(parameter[$0]!)" }.joined(separator: " AND ")))
                    """),
            listsNewRows: journal.wants(kind))
        statements[kind] = upsert
        return upsert
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
    nonisolated(unsafe) static let empty: UnsafePointer<CChar> = ("" as StaticString).utf8Start.withMemoryRebound(
        to: CChar.self, capacity: 1
    ) { $0 }

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
            (
                UInt8(48 + y / 1000), UInt8(48 + y / 100 % 10), UInt8(48 + y / 10 % 10), UInt8(48 + y % 10), 45,
                UInt8(48 + m / 10), UInt8(48 + m % 10), 45, UInt8(48 + d / 10), UInt8(48 + d % 10)
            )
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
