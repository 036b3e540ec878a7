/// The seam between the store's SQL and the two databases that run it.
///
/// Everything the store asks that is the same SQL on SQLite and PostgreSQL
/// (loading the register, users, sessions, the audit log, migrations) is written
/// once against these protocols; only imports and backups, where each database
/// has its own fast path, are written per database.
///
/// ```swift
/// let count = try database.read { try $0.integer("SELECT count(*) FROM personer") }
/// try database.write { try $0.execute("DELETE FROM sessioner WHERE udloeber < ?", [.text(now)]) }
/// ```
protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }
    /// Runs `body` in a read-only transaction that sees one consistent moment.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// Runs `body` in a transaction, committed when it returns and rolled back when it throws.
    @discardableResult
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T
}

/// Which SQL a statement must be written in, where the two differ.
enum SQLDialect: Sendable {
    case sqlite, postgres
}

/// A value bound to a statement or read from a row.
enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int)
    case real(Double)
    case text(String)

    init(_ text: String?) { self = text.map(SQLValue.text) ?? .null }
}

/// One row of a result, read by column position.
protocol SQLRow {
    var columnCount: Int { get }
    func text(_ column: Int) -> String?
    func integer(_ column: Int) -> Int?
    /// The column as it is stored, for copying rows between databases.
    func value(_ column: Int) -> SQLValue
}

/// One connection, inside a transaction. Statements use `?` placeholders on both databases.
protocol SQLConnection {
    /// Runs a statement and returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
    /// Calls `body` with each row of a query.
    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: (any SQLRow) throws -> Void) throws
    /// Calls `body` with each row of a query over a whole table, never holding all the rows.
    func scan(_ sql: String, _ body: (any SQLRow) throws -> Void) throws
    /// Makes other writers that call this with the same `name` wait until this transaction ends
    /// (SQLite has one writer at a time already).
    func serialize(_ name: String) throws
    /// The columns of a table, in order.
    func columns(of table: String) throws -> [String]
}

extension SQLConnection {
    /// SQLite's rows come from a cursor anyway.
    func scan(_ sql: String, _ body: (any SQLRow) throws -> Void) throws { try forEachRow(sql, [], body) }

    @discardableResult
    func execute(_ sql: String) throws -> Int { try execute(sql, []) }

    /// The first row of a query, mapped.
    func first<T>(_ sql: String, _ arguments: [SQLValue] = [], _ map: (any SQLRow) throws -> T) throws -> T? {
        var out: T?
        try forEachRow(sql, arguments) { row in if out == nil { out = try map(row) } }
        return out
    }

    /// Every row of a query, mapped.
    func all<T>(_ sql: String, _ arguments: [SQLValue] = [], _ map: (any SQLRow) throws -> T) throws -> [T] {
        var out: [T] = []
        try forEachRow(sql, arguments) { row in out.append(try map(row)) }
        return out
    }

    /// The first column of the first row as text.
    func text(_ sql: String, _ arguments: [SQLValue] = []) throws -> String? {
        try first(sql, arguments) { $0.text(0) } ?? nil
    }

    /// The first column of the first row as a number.
    func integer(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int? {
        try first(sql, arguments) { $0.integer(0) } ?? nil
    }
}

extension SQLRow {
    /// Every column's value.
    var values: [SQLValue] { (0..<columnCount).map(value) }
}
