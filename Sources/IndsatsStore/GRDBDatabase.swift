import GRDB

/// An SQLite database through GRDB, as an ``SQLDatabase``.
struct GRDBDatabase: SQLDatabase {
    let writer: any DatabaseWriter
    var dialect: SQLDialect { .sqlite }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try writer.read { try body(GRDBConnection(db: $0)) }
    }

    /// An immediate transaction: a writer takes the lock at once instead of
    /// failing later, when it would have to upgrade a read lock.
    @discardableResult
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(GRDBConnection(db: db))
                return .commit
            }
            return result!
        }
    }
}

/// A GRDB connection inside a transaction.
struct GRDBConnection: SQLConnection {
    let db: Database

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try db.execute(sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue)))
        return db.changesCount
    }

    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: (any SQLRow) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue)))
        while let row = try rows.next() { try body(GRDBRow(row: row)) }
    }

    func serialize(_ name: String) throws {}

    func columns(of table: String) throws -> [String] {
        try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] }
    }
}

/// A GRDB row, valid while the cursor stands on it.
struct GRDBRow: SQLRow {
    let row: Row
    var columnCount: Int { row.count }
    func text(_ column: Int) -> String? { row[column] }
    func integer(_ column: Int) -> Int? { row[column] }

    func value(_ column: Int) -> SQLValue {
        switch (row[column] as DatabaseValue).storage {
        case .null: .null
        case .int64(let n): .integer(Int(n))
        case .double(let x): .real(x)
        case .string(let s): .text(s)
        case .blob(let data): .text(String(decoding: data, as: UTF8.self))
        }
    }
}

extension SQLValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let n): n.databaseValue
        case .real(let x): x.databaseValue
        case .text(let s): s.databaseValue
        }
    }
}
