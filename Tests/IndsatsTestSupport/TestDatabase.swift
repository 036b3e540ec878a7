import Foundation
import IndsatsStore

/// The database the tests run against: SQLite, or PostgreSQL when
/// `INDSATS_TEST_DATABASE` names a server (`postgres://user:password@host:port/postgres`).
/// `scripts/test` runs the whole suite once on each when a server is configured.
///
/// Every store a test opens is a fresh, empty database: an in-memory SQLite
/// database, or a new database on the server.
public enum TestDatabase {
    /// The server's address, when the suite runs on PostgreSQL.
    public static let server: String? = ProcessInfo.processInfo.environment["INDSATS_TEST_DATABASE"].flatMap { $0.isEmpty ? nil : $0 }
    public static var isPostgres: Bool { server != nil }

    /// A fresh, empty store of the kind the suite runs on.
    public static func newStore() throws -> any DataStore {
        if isPostgres { return try PostgresStore(address: newPostgresDatabase()) }
        return try SQLiteStore(path: ":memory:")
    }

    /// Stores on the server keep their register snapshots in a folder of the test run's own,
    /// not in the user's cache folder.
    private static let snapshotFolder: Void = {
        setenv("INDSATS_CACHE", NSTemporaryDirectory() + "indsats-test-cache-\(getpid())", 1)
    }()

    /// Creates an empty database on the server and returns its address.
    public static func newPostgresDatabase() throws -> String {
        _ = snapshotFolder
        guard let server, var address = URLComponents(string: server) else { fatalError("INDSATS_TEST_DATABASE is not set") }
        let name = "indsats_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        _ = try psql(server, "CREATE DATABASE \(name)")
        address.path = "/" + name
        return address.string!
    }

    /// Runs one statement with `psql` and returns its unaligned output.
    public static func psql(_ address: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", address, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestDatabaseError(message: "psql: \(problem)") }
        return text
    }
}

public struct TestDatabaseError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
