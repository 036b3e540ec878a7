import Foundation
import IndsatsContract
import IndsatsCore
import Synchronization

/// The register, users and audit log on a PostgreSQL server, for many users at once.
/// The tables, migrations and answers are the same as ``SQLiteStore``'s.
///
/// ```swift
/// let store = try PostgresStore(address: "postgres://indsats@db.kommune.local/indsats")   // migrates
/// let register = try store.loadRegister()
/// ```
public final class PostgresStore: SQLStore {
    let pool: PostgresPool
    let database: any SQLDatabase
    let knownVersion = Mutex<KnownVersion?>(nil)
    let location: PostgresLocation

    /// Connects to the server at `address` (`postgres://...`) and brings its schema up to date.
    public init(address: String) throws {
        location = try PostgresLocation(address)
        pool = try PostgresPool(location)
        database = PostgresSQLDatabase(pool: pool)
        try Migrations.migrate(database)
    }

    func snapshotFile(_ name: String) -> SnapshotFile? { .cached(for: location, name: name) }

    public func importSession(_ body: (any ImportSession) throws -> Bool) throws {
        defer { forgetVersion() }
        try pool.transaction(readOnly: false) { connection in
            // One import at a time, as on SQLite: the overlap rule reads what is stored.
            try connection.serialize("import")
            let session = PostgresImportSession(connection: connection)
            guard try body(session) else { return ((), false) }
            try RegisterQueries.logImport(
                connection, counts: session.counts(), latestWrittenDay: session.latestWrittenDay, journal: session.journal)
            return ((), true)
        }
    }
}

/// An import's transaction on PostgreSQL. Rows are sent ten thousand at a time,
/// each column as one array: one statement inserts the new rows, updates the
/// changed ones and says which it did (a round trip, or a parameter, per row
/// would make a large import crawl).
final class PostgresImportSession: ImportSession {
    let connection: PostgresSQLConnection
    private var written: [FileKind: WriteCounts] = [:]
    private(set) var latestWrittenDay: Day?
    /// The keys of the new rows, for a refresh that reads just those.
    private(set) var journal = NewRowJournal()
    private var pending: Batch?
    static let batchRows = 10_000

    /// Rows of one kind waiting to be sent; a key appears once (a second write of it sends the batch first:
    /// one statement may not change a row twice).
    struct Batch {
        var kind: FileKind
        var layout: TableLayout
        /// The SQL type of each column, from the record's own column values.
        var types: [String]
        var rows: [[SQLValue]] = []
        var keys: Set<String> = []
    }

    init(connection: PostgresSQLConnection) { self.connection = connection }

    func referenceData() throws -> ReferenceData {
        try send()
        return try RegisterQueries.referenceData(connection)
    }

    func storedKeys(_ kind: FileKind) throws -> Set<String> {
        try send()
        return try RegisterQueries.storedKeys(kind, connection)
    }

    /// Asked without sending the waiting rows: they are this import's, which the importer knows itself.
    func isStored(_ kind: FileKind, key: String) throws -> Bool { try RegisterQueries.isStored(kind, key: key, connection) }

    func forEachStored(_ kind: FileKind, _ body: (RegisterRecord) throws -> Void) throws {
        try send()
        try RegisterQueries.forEachStored(kind, connection) { try body($0) }
    }

    func removeAll(_ kind: FileKind) throws {
        try send()
        try connection.execute("DELETE FROM \(TableLayout.of(kind).table)", [])
        if written[kind] == nil { written[kind] = WriteCounts() }
        journal.spoil(kind)
    }

    func counts() throws -> [FileKind: WriteCounts] {
        try send()
        return written
    }

    func write(_ record: RegisterRecord) throws {
        let layout = pending?.kind == record.kind ? pending!.layout : TableLayout.of(record.kind)
        var values = ValueCollector(isKey: layout.isKey, datesTheData: layout.datesTheData)
        record.visitColumns(&values)
        if layout.hasExtra {
            let extra = record.extra
            values.text(extra.isEmpty ? nil : JSONText.object(extra))
        }
        if layout.storesKey { values.text(record.naturalKey) }
        if let latest = values.latestDay, latestWrittenDay.map({ latest > $0 }) ?? true { latestWrittenDay = latest }
        let key = record.naturalKey
        if let batch = pending, batch.kind != record.kind || batch.rows.count >= Self.batchRows || batch.keys.contains(key) {
            try send()
        }
        if pending == nil { pending = Batch(kind: record.kind, layout: layout, types: values.types) }
        pending!.rows.append(values.values)
        pending!.keys.insert(key)
    }

    /// Sends the waiting rows. A new row comes back with `xmax = 0`, a changed one
    /// with its old version's transaction; an unchanged one does not come back. While the
    /// journal lists the kind's new rows, each comes back with its key; else only the counts.
    private func send() throws {
        guard let batch = pending else { return }
        pending = nil
        let layout = batch.layout
        let columns = layout.columns.joined(separator: ", ")
        let others = layout.columns.filter { !layout.key.contains($0) }
        let arrays = batch.types.indices.map { "?::\(batch.types[$0])[]" }.joined(separator: ", ")
        let listsKeys = journal.wants(batch.kind)
        let keys = layout.key.map { "t.\($0)" }.joined(separator: ", ")
        let write = """
            WITH skrevet AS (
              INSERT INTO \(layout.table) AS t (\(columns)) SELECT * FROM unnest(\(arrays))
              ON CONFLICT (\(layout.key.joined(separator: ", "))) DO UPDATE SET \(others.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
              WHERE (\(others.map { "t.\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(others.map { "excluded.\($0)" }.joined(separator: ", ")))
              RETURNING (xmax = 0) AS ny\(listsKeys ? ", " + keys : ""))
            """
        let arguments = batch.types.indices.map { column in SQLValue.text(Self.arrayLiteral(batch.rows.lazy.map { $0[column] })) }
        var (new, changed) = (0, 0)
        if listsKeys {
            try connection.forEachRow(write + " SELECT CASE WHEN ny THEN 1 ELSE 0 END, * FROM skrevet", arguments) { row in
                guard row.integer(0) == 1 else { return changed += 1 }
                new += 1
                journal.add(batch.kind, key: layout.key.indices.map { row.text($0 + 2) ?? "" })
            }
        } else {
            (new, changed) =
                try connection.first(write + " SELECT count(*) FILTER (WHERE ny), count(*) FILTER (WHERE NOT ny) FROM skrevet", arguments) {
                    ($0.integer(0) ?? 0, $0.integer(1) ?? 0)
                } ?? (0, 0)
        }
        written[batch.kind, default: WriteCounts()].new += new
        written[batch.kind, default: WriteCounts()].changed += changed
        written[batch.kind, default: WriteCounts()].unchanged += batch.rows.count - new - changed
    }

    /// A PostgreSQL array literal: `{"tekst","med \\"citat\\"",NULL,12}`, built as bytes.
    static func arrayLiteral(_ values: some Sequence<SQLValue>) -> String {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var out: [UInt8] = [UInt8(ascii: "{")]
        var first = true
        for value in values {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            switch value {
            case .null: out.append(contentsOf: "NULL".utf8)
            case .integer(let n): out.append(contentsOf: String(n).utf8)
            case .real(let x): out.append(contentsOf: "\(x)".utf8)
            case .text(var text):
                out.append(quote)
                text.withUTF8 { bytes in
                    for byte in bytes {
                        if byte == quote || byte == backslash { out.append(backslash) }
                        out.append(byte)
                    }
                }
                out.append(quote)
            }
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}

/// A record's column values in ``TableLayout/columns`` order, with their SQL types.
/// An absent key part is `""`, as on SQLite.
private struct ValueCollector: ColumnVisitor {
    let isKey: [Bool]
    let datesTheData: Bool
    var values: [SQLValue] = []
    var types: [String] = []
    private(set) var latestDay: Day?

    init(isKey: [Bool], datesTheData: Bool) {
        self.isKey = isKey
        self.datesTheData = datesTheData
    }

    private mutating func add(_ value: SQLValue?, _ type: String) {
        let index = values.count
        values.append(value ?? (index < isKey.count && isKey[index] ? .text("") : .null))
        types.append(type)
    }

    mutating func text(_ value: String?) { add(value.map(SQLValue.text), "text") }

    mutating func day(_ value: Day?) {
        if let value, datesTheData, latestDay.map({ value > $0 }) ?? true { latestDay = value }
        add(value.map { .text($0.iso) }, "text")
    }

    mutating func integer(_ value: Int?) { add(value.map(SQLValue.integer), "bigint") }
    mutating func decimal(_ value: Double?) { add(value.map(SQLValue.real), "double precision") }
}
