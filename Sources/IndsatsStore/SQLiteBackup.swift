import Foundation
import GRDB

extension SQLiteStore: BackupStore {
    /// SQLite's online backup: a page-by-page copy of one consistent moment.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError("\(path) findes allerede; vælg et nyt filnavn til sikkerhedskopien")
        }
        let copy = try DatabaseQueue(path: path)
        try db.backup(to: copy)
        try copy.close()
    }

    public func restore(from path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError("\(path) findes ikke") }
        var readOnly = Configuration()
        readOnly.readonly = true
        let source: DatabaseQueue
        do {
            source = try DatabaseQueue(path: path, configuration: readOnly)
            let applied = try source.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
            guard applied.contains(Migrations.all[0].name) else { throw StoreError("") }
        } catch {
            throw StoreError("\(path) er ikke en sikkerhedskopi af en Indsats-database")
        }
        try source.backup(to: db)
        try source.close()
        knownVersion.withLock { $0 = nil }
        // A copy from an older version gets the newer migrations.
        try Self.migrate(db)
    }
}
