import Foundation
import GRDB

extension SQLiteStore {
    /// SQLite's online backup: a page-by-page copy of one consistent moment.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError("\(path) findes allerede; vælg et nyt filnavn til sikkerhedskopien")
        }
        let copy = try DatabaseQueue(path: path)
        try db.backup(to: copy)
        try copy.close()
    }

    /// Accepts a backup from either database (a PostgreSQL store's backup is an SQLite file too).
    public func restore(from path: String) throws {
        try BackupFile.check(path)
        var readOnly = Configuration()
        readOnly.readonly = true
        let source = try DatabaseQueue(path: path, configuration: readOnly)
        try source.backup(to: db)
        try source.close()
        forgetVersion()
        // A copy from an older version gets the newer migrations.
        try Migrations.migrate(database)
    }
}
