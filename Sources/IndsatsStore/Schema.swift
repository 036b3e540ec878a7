import IndsatsCore
import IndsatsExchange

/// How one file kind is laid out as a table: the contract's columns in order
/// (a record fills them through ``RegisterRecord/visitColumns(_:)``), then
/// `ekstra`, and the natural key. One description serves creating, upserting and reading.
struct TableLayout {
    var table: String
    var columns: [String]
    var key: [String]
    /// Whether each of `columns` is part of the key.
    var isKey: [Bool]
    /// Whether the last column is `ekstra`, the unknown columns as JSON.
    var hasExtra: Bool

    static func of(_ kind: FileKind) -> TableLayout {
        let table = kind.rawValue
        let columns = kind.columns.map(\.name) + (kind == .koder ? [] : ["ekstra"])
        let key = kind.naturalKeyColumns
        return TableLayout(table: table, columns: columns, key: key, isKey: columns.map(key.contains),
                           hasExtra: kind != .koder)
    }
}

/// The store's versioned schema: migration `n` takes version `n - 1` to `n`.
/// A released migration is never edited; a change to the contract's columns
/// needs a new one (a test compares the tables with ``TableLayout``). The SQL
/// is kept to what SQLite and PostgreSQL both accept: ISO dates as text.
enum Migrations {
    static let all: [(name: String, sql: [String])] = [
        ("v1-register", [
            "CREATE TABLE koder (kodeliste TEXT NOT NULL, kode TEXT NOT NULL, navn TEXT, gyldig_fra TEXT, gyldig_til TEXT, virksomhedsrettet TEXT, PRIMARY KEY (kodeliste, kode))",
            "CREATE TABLE personer (person_id TEXT NOT NULL, cpr TEXT, foedselsdato TEXT, koen TEXT, kommune TEXT, cv_dato TEXT, ekstra TEXT, PRIMARY KEY (person_id))",
            "CREATE TABLE virksomheder (cvr TEXT NOT NULL, navn TEXT, ansatte INTEGER, branche TEXT, kommune TEXT, ekstra TEXT, PRIMARY KEY (cvr))",
            "CREATE TABLE indsatser (indsats_id TEXT NOT NULL, navn TEXT, enhed TEXT, pladser INTEGER, start TEXT, slut TEXT, forslag TEXT, ekstra TEXT, PRIMARY KEY (indsats_id))",
            "CREATE TABLE medarbejdere (medarbejder TEXT NOT NULL, navn TEXT, enhed TEXT, team TEXT, ekstra TEXT, PRIMARY KEY (medarbejder))",
            "CREATE TABLE ydelsesforloeb (person_id TEXT NOT NULL, ydelse TEXT NOT NULL, start TEXT NOT NULL, slut TEXT, afgang TEXT, kommune TEXT, ekstra TEXT, PRIMARY KEY (person_id, ydelse, start))",
            "CREATE TABLE aktiviteter (aktivitet_id TEXT NOT NULL, person_id TEXT, type TEXT, start TEXT, slut TEXT, timer_pr_uge REAL, indsats_id TEXT, cvr TEXT, pnr TEXT, enhed TEXT, ekstra TEXT, PRIMARY KEY (aktivitet_id))",
            "CREATE TABLE samtaler (person_id TEXT NOT NULL, dato TEXT NOT NULL, type TEXT NOT NULL, medarbejder TEXT NOT NULL, enhed TEXT, afholdt_af TEXT, kanal TEXT, ekstra TEXT, PRIMARY KEY (person_id, dato, type, medarbejder))",
            "CREATE TABLE virksomhedskontakter (cvr TEXT NOT NULL, dato TEXT NOT NULL, enhed TEXT NOT NULL, medarbejder TEXT NOT NULL, kanal TEXT, formaal TEXT, resultat TEXT, ekstra TEXT, PRIMARY KEY (cvr, dato, enhed, medarbejder))",
            "CREATE TABLE jobordrer (jobordre_id TEXT NOT NULL, cvr TEXT, oprettet TEXT, stillinger INTEGER, besat INTEGER, lukket TEXT, ekstra TEXT, PRIMARY KEY (jobordre_id))",
            "CREATE INDEX aktiviteter_person ON aktiviteter (person_id)",
            "CREATE TABLE importlog (id INTEGER PRIMARY KEY, tidspunkt TEXT NOT NULL, dag TEXT NOT NULL, filer TEXT NOT NULL, nye INTEGER NOT NULL, aendrede INTEGER NOT NULL)",
        ]),
        ("v2-jobordre-enhed", [
            "ALTER TABLE jobordrer ADD COLUMN enhed TEXT",
        ]),
    ]
}
