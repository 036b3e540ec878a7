import Foundation
import Synchronization
import IndsatsCore
import IndsatsExchange

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

    /// Connects to the server at `address` (`postgres://...`) and brings its schema up to date.
    public init(address: String) throws {
        pool = try PostgresPool(PostgresLocation(address))
        database = PostgresSQLDatabase(pool: pool)
        try Migrations.migrate(database)
    }

    public func importSession(_ body: (any ImportSession) throws -> Bool) throws {
        defer { forgetVersion() }
        try pool.transaction(readOnly: false) { connection in
            // One import at a time, as on SQLite: the overlap rule reads what is stored.
            try connection.serialize("import")
            let session = PostgresImportSession(connection: connection)
            guard try body(session) else { return ((), false) }
            try RegisterQueries.logImport(connection, counts: session.counts(), latestWrittenDay: session.latestWrittenDay)
            return ((), true)
        }
    }
}

/// An import's transaction on PostgreSQL. Rows are sent a thousand at a time, each
/// batch one statement that inserts the new rows and updates the changed ones, and
/// says how many of each: a round trip per row would make a large import crawl.
final class PostgresImportSession: ImportSession {
    let connection: PostgresSQLConnection
    private var written: [FileKind: WriteCounts] = [:]
    private(set) var latestWrittenDay: Day?
    private var pending: Batch?
    static let batchRows = 1_000

    /// Rows of one kind waiting to be sent; a key appears once (a second write of it sends the batch first).
    struct Batch {
        var kind: FileKind
        var layout: TableLayout
        /// The SQL type of each column, from the record's own column values.
        var types: [String]
        var rows: [[SQLValue]] = []
        var keys: Set<[SQLValue]> = []
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

    func forEachStoredBenefitPeriod(_ body: (BenefitPeriod) throws -> Void) throws {
        try send()
        try RegisterQueries.forEachBenefitPeriod(connection, body)
    }

    func counts() throws -> [FileKind: WriteCounts] {
        try send()
        return written
    }

    func write(_ record: RegisterRecord) throws {
        let layout = TableLayout.of(record.kind)
        var values = ValueCollector(isKey: layout.isKey, datesTheData: !record.kind.dataDayColumns.isEmpty)
        record.visitColumns(&values)
        if layout.hasExtra {
            let extra = record.extra
            values.text(extra.isEmpty ? nil : JSONText.object(extra))
        }
        if let latest = values.latestDay, latestWrittenDay.map({ latest > $0 }) ?? true { latestWrittenDay = latest }
        let key = zip(values.values, layout.isKey).filter(\.1).map(\.0)
        if let batch = pending, batch.kind != record.kind || batch.rows.count >= Self.batchRows || batch.keys.contains(key) {
            try send()
        }
        if pending == nil { pending = Batch(kind: record.kind, layout: layout, types: values.types) }
        pending!.rows.append(values.values)
        pending!.keys.insert(key)
    }

    /// Sends the waiting rows. The update cannot see the rows the insert adds (one
    /// statement, one snapshot), so a row is counted new, changed or unchanged once.
    private func send() throws {
        guard let batch = pending else { return }
        pending = nil
        let layout = batch.layout
        let columns = layout.columns.joined(separator: ", ")
        let others = layout.columns.filter { !layout.key.contains($0) }
        let firstRow = "(" + batch.types.map { "?::\($0)" }.joined(separator: ", ") + ")"
        let otherRows = String(repeating: ", (" + Array(repeating: "?", count: layout.columns.count).joined(separator: ", ") + ")",
                               count: batch.rows.count - 1)
        let sql = """
            WITH v (\(columns)) AS (VALUES \(firstRow)\(otherRows)),
            nye AS (INSERT INTO \(layout.table) (\(columns)) SELECT \(columns) FROM v ON CONFLICT DO NOTHING RETURNING 1),
            aendrede AS (
              UPDATE \(layout.table) AS t SET \(others.map { "\($0) = v.\($0)" }.joined(separator: ", ")) FROM v
              WHERE \(layout.key.map { "t.\($0) = v.\($0)" }.joined(separator: " AND "))
                AND (\(others.map { "t.\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(others.map { "v.\($0)" }.joined(separator: ", ")))
              RETURNING 1)
            SELECT (SELECT count(*) FROM nye), (SELECT count(*) FROM aendrede)
            """
        let (new, changed) = try connection.first(sql, batch.rows.flatMap { $0 }) { ($0.integer(0) ?? 0, $0.integer(1) ?? 0) } ?? (0, 0)
        written[batch.kind, default: WriteCounts()].new += new
        written[batch.kind, default: WriteCounts()].changed += changed
        written[batch.kind, default: WriteCounts()].unchanged += batch.rows.count - new - changed
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
