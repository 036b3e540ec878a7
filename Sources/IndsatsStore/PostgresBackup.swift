import Foundation
import GRDB
import IndsatsContract

/// A PostgreSQL store's backup is an SQLite file with the same tables: one format
/// for both databases, readable anywhere, and the way to move a municipality from
/// the embedded file to a server (`indsats backup` on one, `indsats restore` on the other).
extension PostgresStore {
    /// Copies one consistent moment (a repeatable-read transaction) into a new SQLite file.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError("\(path) findes allerede; vælg et nyt filnavn til sikkerhedskopien")
        }
        do {
            let copy = try SQLiteStore(path: path)
            try database.read { source in
                try copy.database.write { target in try TableCopy.copy(from: source, to: target) }
            }
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw error
        }
    }

    /// Replaces every table with the backup's rows in one transaction: a failure leaves the server as it was.
    public func restore(from path: String) throws {
        let copy = try BackupFile.openCopy(of: path)
        defer { copy.remove() }
        try copy.store.database.read { source in
            try database.write { target in
                try target.serialize("import")
                try target.serialize("auditlog")
                // The audit log's trigger lets rows go only while retention has marked itself.
                try target.execute("INSERT INTO auditoprydning (aktiv) VALUES (1)")
                for table in TableCopy.tables.reversed() { try target.execute("DELETE FROM \(table)") }
                try target.execute("DELETE FROM auditoprydning")
                try TableCopy.copy(from: source, to: target)
                try target.execute(
                    "SELECT setval(pg_get_serial_sequence('importlog', 'id'), coalesce(max(id), 0) + 1, false) FROM importlog")
                try target.execute(
                    "SELECT setval(pg_get_serial_sequence('flytninger', 'nr'), coalesce(max(nr), 0) + 1, false) FROM flytninger")
            }
        }
        forgetVersion()
    }
}

/// A backup file checked and copied aside, so migrating it to the current schema never changes the user's file.
struct BackupFile {
    let store: SQLiteStore
    let path: String

    static func openCopy(of path: String) throws -> BackupFile {
        try check(path)
        let copyPath = NSTemporaryDirectory() + "indsats-restore-" + UUID().uuidString + ".sqlite"
        try FileManager.default.copyItem(atPath: path, toPath: copyPath)
        return BackupFile(store: try SQLiteStore(path: copyPath), path: copyPath)
    }

    /// Throws a Danish error unless `path` is an SQLite file made by Indsats.
    static func check(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError("\(path) findes ikke") }
        var readOnly = Configuration()
        readOnly.readonly = true
        do {
            let source = try DatabaseQueue(path: path, configuration: readOnly)
            defer { try? source.close() }
            let applied = try source.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
            guard applied.contains(Migrations.all[0].name) else { throw StoreError("") }
        } catch {
            throw StoreError("\(path) er ikke en sikkerhedskopi af en Indsats-database")
        }
    }

    func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// Copies every table's rows between two stores of the same schema version.
enum TableCopy {
    /// Every table but the migrations' own and retention's marker.
    static let tables =
        FileKind.allCases.map { TableLayout.of($0).table } + [
            "importlog", "nye_raekker", "brugere", "sessioner", "auditlog", "auditanker", "indstillinger", "forslag", "flytninger",
            "eftervaern",
        ]

    static func copy(from source: any SQLConnection, to target: any SQLConnection) throws {
        for table in tables {
            let columns = try target.columns(of: table)
            let list = columns.joined(separator: ", ")
            let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
            // Well under both databases' limits on parameters in one statement.
            let rowsPerInsert = max(1, 30_000 / columns.count)
            var waiting: [SQLValue] = []
            func insert() throws {
                guard !waiting.isEmpty else { return }
                let rows = waiting.count / columns.count
                try target.execute(
                    "INSERT INTO \(table) (\(list)) VALUES " + Array(repeating: row, count: rows).joined(separator: ", "), waiting)
                waiting.removeAll(keepingCapacity: true)
            }
            try source.scan("SELECT \(list) FROM \(table)") { values in
                waiting.append(contentsOf: values.values)
                if waiting.count >= rowsPerInsert * columns.count { try insert() }
            }
            try insert()
        }
    }
}
