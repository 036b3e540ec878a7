import IndsatsCore
import IndsatsExchange

/// How one file kind is laid out as a table: its columns, its natural key and
/// how a record fills a row. One description serves creating, upserting and reading.
struct TableLayout {
    var table: String
    var columns: [String]
    var key: [String]

    /// Values in `columns` order; `nil` is SQL NULL. Key columns that may be
    /// absent hold `""` so the primary key stays usable.
    typealias Values = [String?]

    static func of(_ kind: FileKind) -> TableLayout {
        let table = kind.rawValue
        let columns = kind.columns.map(\.name) + (kind == .koder ? [] : ["ekstra"])
        return TableLayout(table: table, columns: columns, key: kind.naturalKeyColumns)
    }

    /// `CREATE TABLE` in SQL both SQLite and PostgreSQL accept (text dates, ISO).
    var createSQL: String {
        let numeric: Set<String> = ["ansatte", "stillinger", "besat", "pladser", "timer_pr_uge"]
        let defs = columns.map { c -> String in
            let type = numeric.contains(c) ? (c == "timer_pr_uge" ? "REAL" : "INTEGER") : "TEXT"
            return key.contains(c) ? "\(c) \(type) NOT NULL" : "\(c) \(type)"
        }
        return "CREATE TABLE \(table) (\(defs.joined(separator: ", ")), PRIMARY KEY (\(key.joined(separator: ", "))))"
    }

    /// The record's row: the contract's columns, then `ekstra` as JSON.
    func values(_ record: RegisterRecord) -> Values {
        var values = record.columnValues
        for (i, column) in columns.enumerated() where key.contains(column) && values[i] == nil { values[i] = "" }
        if columns.last == "ekstra" { values.append(record.extra.isEmpty ? nil : JSONText.object(record.extra)) }
        return values
    }
}

/// The store's versioned schema: migration `n` takes version `n - 1` to `n`.
/// Never edit a released migration; add a new one.
enum Migrations {
    static let all: [(name: String, sql: [String])] = [
        ("v1-register", FileKind.allCases.map { TableLayout.of($0).createSQL } + [
            "CREATE INDEX aktiviteter_person ON aktiviteter (person_id)",
            "CREATE TABLE importlog (id INTEGER PRIMARY KEY, tidspunkt TEXT NOT NULL, dag TEXT NOT NULL, filer TEXT NOT NULL, nye INTEGER NOT NULL, aendrede INTEGER NOT NULL)",
        ]),
    ]
}
