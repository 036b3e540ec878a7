import IndsatsContract
import IndsatsCore

/// How one file kind is laid out as a table: the declared columns in order
/// (a record fills them through ``RegisterRecord/visitColumns(_:)``), then
/// `ekstra`, and the natural key; a kind keyed by a column or else the whole row
/// keeps its key text (``RegisterRecord/naturalKey``) in a last column, `noegle`.
/// One description serves creating, upserting and reading.
struct TableLayout {
    var table: String
    var columns: [String]
    var key: [String]
    /// Whether each of `columns` is part of the key.
    var isKey: [Bool]
    /// Whether `ekstra`, the unknown columns as JSON, follows the declared columns.
    var hasExtra: Bool
    /// Whether the last column is `noegle`, the row's key text.
    var storesKey: Bool
    /// Whether the kind's days date the data (``FileKind/dataDayColumns``).
    var datesTheData: Bool

    static func of(_ kind: FileKind) -> TableLayout {
        let declaration = kind.declaration
        var columns = declaration.columns.map(\.name) + (declaration.keepsExtra ? ["ekstra"] : [])
        var key = kind.naturalKeyColumns
        let storesKey = declaration.key != .columns
        if storesKey {
            columns.append("noegle")
            key = ["noegle"]
        }
        return TableLayout(
            table: kind.rawValue, columns: columns, key: key, isKey: columns.map(key.contains), hasExtra: declaration.keepsExtra,
            storesKey: storesKey, datesTheData: !kind.dataDayColumns.isEmpty)
    }
}

extension TableLayout {
    /// The record's key as stored: the text of `noegle`, or the text (a day as ISO) of each key
    /// column, `""` for a part it lacks, so `key = ?` finds the row.
    func keyValues(of record: RegisterRecord) -> [String] {
        if storesKey { return [record.naturalKey] }
        var collector = KeyCollector(isKey: isKey)
        record.visitColumns(&collector)
        return collector.values
    }
}

/// Collects the key columns' values as stored.
private struct KeyCollector: ColumnVisitor {
    let isKey: [Bool]
    var index = 0
    var values: [String] = []

    init(isKey: [Bool]) { self.isKey = isKey }

    private mutating func add(_ value: String?) {
        if index < isKey.count && isKey[index] { values.append(value ?? "") }
        index += 1
    }

    mutating func text(_ value: String?) { add(value) }
    mutating func day(_ value: Day?) { add(value?.iso) }
    mutating func integer(_ value: Int?) { add(value.map { String($0) }) }
    mutating func decimal(_ value: Double?) { add(value.map { "\($0)" }) }
}

/// One step of the schema: its SQLite statements and, where they differ, PostgreSQL's.
struct Migration: Sendable {
    var name: String
    /// The statements for SQLite.
    var sql: [String]
    var postgres: [String]

    init(_ name: String, _ sql: [String], postgres: [String]? = nil) {
        self.name = name
        self.sql = sql
        self.postgres = postgres ?? sql
    }

    func statements(for dialect: SQLDialect) -> [String] { dialect == .sqlite ? sql : postgres }
}

/// The store's versioned schema: migration `n` takes version `n - 1` to `n`.
/// A released migration is never edited; a change to the contract's columns
/// needs a new one (a test compares the tables with ``TableLayout`` on both
/// databases). The SQL is what SQLite and PostgreSQL both accept (ISO dates as
/// text), except where a step says otherwise.
enum Migrations {
    /// Applies the steps not yet applied, all in one transaction, so processes
    /// opening a new database at once wait for each other instead of racing.
    /// (The table keeps GRDB's name: files made by `DatabaseMigrator` stay readable.)
    static func migrate(_ database: any SQLDatabase) throws {
        try database.write { db in
            try db.serialize("migrering")
            try db.execute("CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            let applied = Set(try db.all("SELECT identifier FROM grdb_migrations") { $0.text(0) ?? "" })
            if let unknown = applied.subtracting(all.map(\.name)).sorted().first {
                throw StoreError("databasen er lavet af en nyere version af Indsats (migrering \(unknown)); opdatér programmet")
            }
            for migration in all where !applied.contains(migration.name) {
                for statement in migration.statements(for: database.dialect) { try db.execute(statement) }
                try db.execute("INSERT INTO grdb_migrations (identifier) VALUES (?)", [.text(migration.name)])
            }
        }
    }

    static let newRows =
        "CREATE TABLE nye_raekker (import_nr INTEGER NOT NULL, fil TEXT NOT NULL, noegle TEXT NOT NULL, PRIMARY KEY (import_nr, fil, noegle))"

    static let all: [Migration] = [
        Migration("v1-register", register, postgres: register.map(postgresTypes)),
        Migration(
            "v2-jobordre-enhed",
            [
                "ALTER TABLE jobordrer ADD COLUMN enhed TEXT"
            ]),
        // Every register table keyed by its natural key alone, with no rowid and
        // no second index to keep: imports write about twice as fast. (SQLite
        // only; PostgreSQL's tables are heaps with a primary-key index anyway.)
        Migration("v3-uden-rowid", withoutRowID, postgres: []),
        // The data date kept with each import, so a register loaded in parts
        // (or refreshed) knows it without scanning every table.
        Migration(
            "v4-seneste-dag",
            [
                "ALTER TABLE importlog ADD COLUMN seneste_dag TEXT"
            ]),
        // Users, sessions (the token's SHA-256 only) and the hash-chained audit log.
        // The triggers keep the log append-only: no update ever, and deletion only
        // while retention has marked itself in `auditoprydning`.
        Migration(
            "v5-adgang-og-audit",
            access + [
                "CREATE TRIGGER auditlog_uaendret BEFORE UPDATE ON auditlog BEGIN SELECT RAISE(ABORT, 'auditloggen kan ikke ændres'); END",
                "CREATE TRIGGER auditlog_kun_opbevaring BEFORE DELETE ON auditlog WHEN (SELECT count(*) FROM auditoprydning) = 0 BEGIN SELECT RAISE(ABORT, 'auditloggen kan kun slettes efter opbevaringstiden'); END",
            ],
            postgres: access + [
                """
                CREATE FUNCTION auditlog_vagt() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP = 'UPDATE' THEN RAISE EXCEPTION 'auditloggen kan ikke ændres'; END IF;
                  IF NOT EXISTS (SELECT 1 FROM auditoprydning) THEN
                    RAISE EXCEPTION 'auditloggen kan kun slettes efter opbevaringstiden';
                  END IF;
                  RETURN OLD;
                END $$
                """,
                "CREATE TRIGGER auditlog_uaendret BEFORE UPDATE OR DELETE ON auditlog FOR EACH ROW EXECUTE FUNCTION auditlog_vagt()",
                // TRUNCATE passes row triggers by.
                "CREATE TRIGGER auditlog_ingen_truncate BEFORE TRUNCATE ON auditlog FOR EACH STATEMENT EXECUTE FUNCTION auditlog_vagt()",
            ]),
        // Settings kept with the data (the pseudonym key: backups keep pseudonyms stable),
        // and CPR search without a scan.
        Migration(
            "v6-indstillinger-og-cpr",
            [
                "CREATE TABLE indstillinger (navn TEXT NOT NULL PRIMARY KEY, vaerdi TEXT NOT NULL)",
                "CREATE INDEX personer_cpr ON personer (cpr)",
            ]),
        // Budget proposals, each kept whole as its JSON document (the proposals file's
        // format), in the catalogue's order.
        Migration(
            "v7-forslag",
            [
                "CREATE TABLE forslag (nr TEXT NOT NULL PRIMARY KEY, plads INTEGER NOT NULL, dokument TEXT NOT NULL)"
            ]),
        // `kanal` has a vocabulary (Channel): stored spellings become its values. A value no
        // spelling knows stays as it was (it was accepted then); a new import refuses it.
        Migration(
            "v8-kanal",
            ["samtaler", "virksomhedskontakter"].flatMap { table in
                [
                    ("personligt", "'fremmoede', 'fremmøde', 'besøg', 'besoeg', 'personlig', 'personligt'"),
                    ("telefon", "'telefon', 'telefonisk'"),
                    ("digitalt", "'digital', 'digitalt', 'mail', 'e-mail', 'email', 'video'"),
                    ("brev", "'brev'"),
                ].map { "UPDATE \(table) SET kanal = '\($0.0)' WHERE lower(kanal) IN (\($0.1))" }
            }),
        // Contract version 2: a company contact is keyed by `kontakt_id` or else the whole
        // row (RegisterRecord.naturalKey, kept in `noegle`); assignments and contact rules.
        Migration(
            "v9-kontakt-id-tildelinger-kontaktregler",
            contactKey(char: "char", withoutRowID: " WITHOUT ROWID") + version2Tables.map { $0 + " WITHOUT ROWID" },
            postgres: contactKey(char: "chr", withoutRowID: "") + version2Tables),
        // The caseload page's moves of citizens between caseworkers, kept as their history.
        Migration(
            "v10-flytninger",
            [
                "CREATE TABLE flytninger (nr INTEGER PRIMARY KEY, tidspunkt TEXT NOT NULL, bruger TEXT NOT NULL, fra TEXT NOT NULL, til TEXT NOT NULL, person TEXT, dag TEXT NOT NULL, borgere INTEGER NOT NULL)"
            ],
            postgres: [
                "CREATE TABLE flytninger (nr INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, tidspunkt TEXT NOT NULL, bruger TEXT NOT NULL, fra TEXT NOT NULL, til TEXT NOT NULL, person TEXT, dag TEXT NOT NULL, borgere INTEGER NOT NULL)"
            ]),
        Migration(
            "v11-screeninger",
            [
                "CREATE TABLE screeninger (person_id TEXT NOT NULL, dato TEXT NOT NULL, gruppe TEXT, forslag TEXT, medarbejder TEXT, begrundelse TEXT, ekstra TEXT, PRIMARY KEY (person_id, dato)) WITHOUT ROWID"
            ],
            postgres: [
                "CREATE TABLE screeninger (person_id TEXT NOT NULL, dato TEXT NOT NULL, gruppe TEXT, forslag TEXT, medarbejder TEXT, begrundelse TEXT, ekstra TEXT, PRIMARY KEY (person_id, dato))"
            ]),
        // The outcomes of aftercare calls, one per citizen and ended spell (docs/sider.md, Min oversigt).
        Migration(
            "v12-eftervaern",
            [
                "CREATE TABLE eftervaern (person_id TEXT NOT NULL, slutdag TEXT NOT NULL, udfald TEXT NOT NULL, tidspunkt TEXT NOT NULL, bruger TEXT NOT NULL, PRIMARY KEY (person_id, slutdag))"
            ]),
        // An initiative may include aftercare (indsatser.csv's `eftervaern`, an extension of the contract).
        Migration("v13-indsats-eftervaern", ["ALTER TABLE indsatser ADD COLUMN eftervaern TEXT"]),
        // A company's contacts without a scan, now that the key is kontakt_id or the whole row (v9).
        Migration("v14-kontakter-pr-cvr", ["CREATE INDEX virksomhedskontakter_cvr ON virksomhedskontakter (cvr, dato)"]),
        // Contract version 2's company side: placements in job orders, alliances and their members;
        // citizens' CV updates;
        // whether a job order is for a fleksjob (an extension); a contact's next step (an extension), appended to the whole-row key of contacts without
        // kontakt_id as two empty parts, as RegisterRecord.naturalKey now makes it; indices for a
        // company's page and a consultant's work list.
        Migration(
            "v15-formidlinger-alliancer-naeste-skridt",
            companySideTables.map { $0 + " WITHOUT ROWID" } + companySideChanges(char: "char"),
            postgres: companySideTables + companySideChanges(char: "chr")),
        // Contract version 2's money: grant pools, their participants and instalments (puljerater, an extension),
        // the spending an analyst records against a pool, and budgets per benefit and year.
        Migration(
            "v16-puljer-budget", moneyTables.map { $0 + " WITHOUT ROWID" } + poolSpending,
            postgres: (moneyTables + poolSpending).map(postgresTypes)),
        // Figures for other areas (Jobindsats), to set the municipality beside the country and its peers.
        Migration("v17-landstal", [nationalFigures + " WITHOUT ROWID"], postgres: [postgresTypes(nationalFigures)]),
        // Every write's own random mark, so a register snapshot names exactly the write it shows
        // (a restored backup or another database with as many writes never matches by chance).
        Migration(
            "v18-importlog-noegle",
            ["ALTER TABLE importlog ADD COLUMN noegle TEXT", "UPDATE importlog SET noegle = lower(hex(randomblob(16)))"],
            postgres: ["ALTER TABLE importlog ADD COLUMN noegle TEXT", "UPDATE importlog SET noegle = md5(random()::text || id::text)"]),
        // The keys of the rows a small import added (NewRowJournal), so a register from before it
        // reads just those rows; `kun_nye` says which kinds a write lists, and how many rows.
        Migration(
            "v19-nye-raekker",
            ["ALTER TABLE importlog ADD COLUMN kun_nye TEXT", newRows + " WITHOUT ROWID"],
            postgres: ["ALTER TABLE importlog ADD COLUMN kun_nye TEXT", newRows]),
    ]

    private static let nationalFigures =
        "CREATE TABLE landstal (omraade TEXT NOT NULL, periode TEXT NOT NULL, maal TEXT NOT NULL, vaerdi REAL, ydelse TEXT NOT NULL, befolkning INTEGER, ekstra TEXT, PRIMARY KEY (omraade, periode, maal, ydelse))"

    private static let moneyTables = [
        "CREATE TABLE puljer (pulje_id TEXT NOT NULL, navn TEXT, fra TEXT, til TEXT, bevilling REAL, maal_andel REAL, ekstra TEXT, PRIMARY KEY (pulje_id))",
        "CREATE TABLE puljedeltagere (pulje_id TEXT NOT NULL, person_id TEXT NOT NULL, fra TEXT, til TEXT, ekstra TEXT, PRIMARY KEY (pulje_id, person_id))",
        "CREATE TABLE puljerater (pulje_id TEXT NOT NULL, rate INTEGER NOT NULL, andel REAL, resultat_andel REAL, betingelse TEXT, forfald TEXT, ekstra TEXT, PRIMARY KEY (pulje_id, rate))",
        "CREATE TABLE budget (aar INTEGER NOT NULL, ydelse TEXT NOT NULL, beloeb REAL, ekstra TEXT, PRIMARY KEY (aar, ydelse))",
    ]

    private static let poolSpending = [
        "CREATE TABLE puljeforbrug (id INTEGER PRIMARY KEY, pulje_id TEXT NOT NULL, dato TEXT NOT NULL, beloeb REAL NOT NULL, tekst TEXT, bruger TEXT NOT NULL, tidspunkt TEXT NOT NULL)",
        "CREATE INDEX puljeforbrug_pulje ON puljeforbrug (pulje_id, dato)",
    ]

    private static func companySideChanges(char: String) -> [String] {
        [
            "ALTER TABLE virksomhedskontakter ADD COLUMN naeste_skridt TEXT",
            "ALTER TABLE virksomhedskontakter ADD COLUMN naeste_dato TEXT",
            "UPDATE virksomhedskontakter SET noegle = noegle || \(char)(31) || \(char)(31) WHERE kontakt_id IS NULL",
            "CREATE INDEX virksomhedskontakter_naeste ON virksomhedskontakter (medarbejder, naeste_dato)",
            "CREATE INDEX alliancemedlemmer_cvr ON alliancemedlemmer (cvr)",
            "CREATE INDEX aktiviteter_cvr ON aktiviteter (cvr)",
            "CREATE INDEX jobordrer_cvr ON jobordrer (cvr)",
            "ALTER TABLE jobordrer ADD COLUMN fleksjob TEXT",
        ]
    }

    private static let companySideTables = [
        "CREATE TABLE formidlinger (jobordre_id TEXT NOT NULL, person_id TEXT NOT NULL, dato TEXT, medarbejder TEXT, ekstra TEXT, PRIMARY KEY (jobordre_id, person_id))",
        "CREATE TABLE alliancer (alliance_id TEXT NOT NULL, navn TEXT, start TEXT, slut TEXT, enhed TEXT, ekstra TEXT, PRIMARY KEY (alliance_id))",
        "CREATE TABLE alliancemedlemmer (alliance_id TEXT NOT NULL, cvr TEXT NOT NULL, fra TEXT NOT NULL, til TEXT, tilsagn_praktik INTEGER, tilsagn_smaajob INTEGER, ekstra TEXT, PRIMARY KEY (alliance_id, cvr, fra))",
        "CREATE TABLE cv_opdateringer (person_id TEXT NOT NULL, dato TEXT NOT NULL, ekstra TEXT, PRIMARY KEY (person_id, dato))",
    ]

    private static func contactKey(char: String, withoutRowID: String) -> [String] {
        let old = ["cvr", "dato", "enhed", "medarbejder", "kanal", "formaal", "resultat"]
        let key = old.map { "coalesce(\($0), '')" }.map { "\(char)(31) || \($0)" }.joined(separator: " || ")
        return [
            "CREATE TABLE virksomhedskontakter_ny (cvr TEXT NOT NULL, dato TEXT NOT NULL, enhed TEXT, medarbejder TEXT, kanal TEXT, formaal TEXT, resultat TEXT, kontakt_id TEXT, ekstra TEXT, noegle TEXT NOT NULL, PRIMARY KEY (noegle))"
                + withoutRowID,
            "INSERT INTO virksomhedskontakter_ny (cvr, dato, enhed, medarbejder, kanal, formaal, resultat, ekstra, noegle) "
                + "SELECT cvr, dato, nullif(enhed, ''), nullif(medarbejder, ''), kanal, formaal, resultat, ekstra, \(key) FROM virksomhedskontakter",
            "DROP TABLE virksomhedskontakter",
            "ALTER TABLE virksomhedskontakter_ny RENAME TO virksomhedskontakter",
        ]
    }

    private static let version2Tables = [
        "CREATE TABLE tildelinger (person_id TEXT NOT NULL, medarbejder TEXT, fra TEXT NOT NULL, til TEXT, ekstra TEXT, PRIMARY KEY (person_id, fra))",
        "CREATE TABLE kontaktregler (ydelse TEXT NOT NULL, fra TEXT NOT NULL, til TEXT, samtaler INTEGER, inden_maaneder INTEGER, tilbud_inden_maaneder INTEGER, afholdt_af TEXT, ekstra TEXT, PRIMARY KEY (ydelse, fra))",
    ]

    /// SQLite's REAL is eight bytes, PostgreSQL's four: a re-imported 37,3 must
    /// compare equal. SQLite numbers an `INTEGER PRIMARY KEY` by itself.
    private static func postgresTypes(_ sql: String) -> String {
        sql.replacingOccurrences(of: " REAL", with: " DOUBLE PRECISION")
            .replacingOccurrences(of: "id INTEGER PRIMARY KEY", with: "id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
    }

    private static let register = [
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
    ]

    private static let withoutRowID = [
        "CREATE TABLE koder_ny (kodeliste TEXT NOT NULL, kode TEXT NOT NULL, navn TEXT, gyldig_fra TEXT, gyldig_til TEXT, virksomhedsrettet TEXT, PRIMARY KEY (kodeliste, kode)) WITHOUT ROWID",
        "INSERT INTO koder_ny (kodeliste, kode, navn, gyldig_fra, gyldig_til, virksomhedsrettet) SELECT kodeliste, kode, navn, gyldig_fra, gyldig_til, virksomhedsrettet FROM koder",
        "DROP TABLE koder",
        "ALTER TABLE koder_ny RENAME TO koder",
        "CREATE TABLE personer_ny (person_id TEXT NOT NULL, cpr TEXT, foedselsdato TEXT, koen TEXT, kommune TEXT, cv_dato TEXT, ekstra TEXT, PRIMARY KEY (person_id)) WITHOUT ROWID",
        "INSERT INTO personer_ny (person_id, cpr, foedselsdato, koen, kommune, cv_dato, ekstra) SELECT person_id, cpr, foedselsdato, koen, kommune, cv_dato, ekstra FROM personer",
        "DROP TABLE personer",
        "ALTER TABLE personer_ny RENAME TO personer",
        "CREATE TABLE virksomheder_ny (cvr TEXT NOT NULL, navn TEXT, ansatte INTEGER, branche TEXT, kommune TEXT, ekstra TEXT, PRIMARY KEY (cvr)) WITHOUT ROWID",
        "INSERT INTO virksomheder_ny (cvr, navn, ansatte, branche, kommune, ekstra) SELECT cvr, navn, ansatte, branche, kommune, ekstra FROM virksomheder",
        "DROP TABLE virksomheder",
        "ALTER TABLE virksomheder_ny RENAME TO virksomheder",
        "CREATE TABLE indsatser_ny (indsats_id TEXT NOT NULL, navn TEXT, enhed TEXT, pladser INTEGER, start TEXT, slut TEXT, forslag TEXT, ekstra TEXT, PRIMARY KEY (indsats_id)) WITHOUT ROWID",
        "INSERT INTO indsatser_ny (indsats_id, navn, enhed, pladser, start, slut, forslag, ekstra) SELECT indsats_id, navn, enhed, pladser, start, slut, forslag, ekstra FROM indsatser",
        "DROP TABLE indsatser",
        "ALTER TABLE indsatser_ny RENAME TO indsatser",
        "CREATE TABLE medarbejdere_ny (medarbejder TEXT NOT NULL, navn TEXT, enhed TEXT, team TEXT, ekstra TEXT, PRIMARY KEY (medarbejder)) WITHOUT ROWID",
        "INSERT INTO medarbejdere_ny (medarbejder, navn, enhed, team, ekstra) SELECT medarbejder, navn, enhed, team, ekstra FROM medarbejdere",
        "DROP TABLE medarbejdere",
        "ALTER TABLE medarbejdere_ny RENAME TO medarbejdere",
        "CREATE TABLE ydelsesforloeb_ny (person_id TEXT NOT NULL, ydelse TEXT NOT NULL, start TEXT NOT NULL, slut TEXT, afgang TEXT, kommune TEXT, ekstra TEXT, PRIMARY KEY (person_id, ydelse, start)) WITHOUT ROWID",
        "INSERT INTO ydelsesforloeb_ny (person_id, ydelse, start, slut, afgang, kommune, ekstra) SELECT person_id, ydelse, start, slut, afgang, kommune, ekstra FROM ydelsesforloeb",
        "DROP TABLE ydelsesforloeb",
        "ALTER TABLE ydelsesforloeb_ny RENAME TO ydelsesforloeb",
        "CREATE TABLE aktiviteter_ny (aktivitet_id TEXT NOT NULL, person_id TEXT, type TEXT, start TEXT, slut TEXT, timer_pr_uge REAL, indsats_id TEXT, cvr TEXT, pnr TEXT, enhed TEXT, ekstra TEXT, PRIMARY KEY (aktivitet_id)) WITHOUT ROWID",
        "INSERT INTO aktiviteter_ny (aktivitet_id, person_id, type, start, slut, timer_pr_uge, indsats_id, cvr, pnr, enhed, ekstra) SELECT aktivitet_id, person_id, type, start, slut, timer_pr_uge, indsats_id, cvr, pnr, enhed, ekstra FROM aktiviteter",
        "DROP TABLE aktiviteter",
        "ALTER TABLE aktiviteter_ny RENAME TO aktiviteter",
        "CREATE TABLE samtaler_ny (person_id TEXT NOT NULL, dato TEXT NOT NULL, type TEXT NOT NULL, medarbejder TEXT NOT NULL, enhed TEXT, afholdt_af TEXT, kanal TEXT, ekstra TEXT, PRIMARY KEY (person_id, dato, type, medarbejder)) WITHOUT ROWID",
        "INSERT INTO samtaler_ny (person_id, dato, type, medarbejder, enhed, afholdt_af, kanal, ekstra) SELECT person_id, dato, type, medarbejder, enhed, afholdt_af, kanal, ekstra FROM samtaler",
        "DROP TABLE samtaler",
        "ALTER TABLE samtaler_ny RENAME TO samtaler",
        "CREATE TABLE virksomhedskontakter_ny (cvr TEXT NOT NULL, dato TEXT NOT NULL, enhed TEXT NOT NULL, medarbejder TEXT NOT NULL, kanal TEXT, formaal TEXT, resultat TEXT, ekstra TEXT, PRIMARY KEY (cvr, dato, enhed, medarbejder)) WITHOUT ROWID",
        "INSERT INTO virksomhedskontakter_ny (cvr, dato, enhed, medarbejder, kanal, formaal, resultat, ekstra) SELECT cvr, dato, enhed, medarbejder, kanal, formaal, resultat, ekstra FROM virksomhedskontakter",
        "DROP TABLE virksomhedskontakter",
        "ALTER TABLE virksomhedskontakter_ny RENAME TO virksomhedskontakter",
        "CREATE TABLE jobordrer_ny (jobordre_id TEXT NOT NULL, cvr TEXT, oprettet TEXT, stillinger INTEGER, besat INTEGER, lukket TEXT, enhed TEXT, ekstra TEXT, PRIMARY KEY (jobordre_id)) WITHOUT ROWID",
        "INSERT INTO jobordrer_ny (jobordre_id, cvr, oprettet, stillinger, besat, lukket, enhed, ekstra) SELECT jobordre_id, cvr, oprettet, stillinger, besat, lukket, enhed, ekstra FROM jobordrer",
        "DROP TABLE jobordrer",
        "ALTER TABLE jobordrer_ny RENAME TO jobordrer",
        "CREATE INDEX aktiviteter_person ON aktiviteter (person_id)",
    ]

    private static let access = [
        "CREATE TABLE brugere (brugernavn TEXT NOT NULL PRIMARY KEY, kodeord TEXT NOT NULL, rolle TEXT NOT NULL, enhed TEXT, spaerret INTEGER NOT NULL DEFAULT 0, fejl INTEGER NOT NULL DEFAULT 0, laast_til TEXT)",
        "CREATE TABLE sessioner (noegle TEXT NOT NULL PRIMARY KEY, brugernavn TEXT NOT NULL, csrf TEXT NOT NULL, udloeber TEXT NOT NULL)",
        "CREATE TABLE auditlog (nr INTEGER NOT NULL PRIMARY KEY, tidspunkt TEXT NOT NULL, bruger TEXT NOT NULL, handling TEXT NOT NULL, person TEXT, kriterier TEXT, forrige TEXT NOT NULL, hash TEXT NOT NULL)",
        "CREATE INDEX auditlog_person ON auditlog (person)",
        "CREATE TABLE auditanker (id INTEGER PRIMARY KEY CHECK (id = 1), nr INTEGER NOT NULL, hash TEXT NOT NULL)",
        "CREATE TABLE auditoprydning (aktiv INTEGER NOT NULL)",
    ]
}
