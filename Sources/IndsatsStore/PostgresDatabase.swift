import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// Where a PostgreSQL server is and how to reach it, from a `postgres://` address.
///
/// ```swift
/// let location = try PostgresLocation("postgres://indsats:hemmelig@db.kommune.local:5432/indsats?sslmode=require")
/// ```
/// A missing user or password is read from `PGUSER` and `PGPASSWORD`, as `psql` does.
/// `sslmode` is `disable` or `require` (TLS with the server's certificate checked);
/// it defaults to `require` except on this machine's loopback address.
struct PostgresLocation: Sendable {
    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var requireTLS: Bool

    static func isAddress(_ text: String) -> Bool { text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") }

    init(_ address: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isAddress(address), let url = URLComponents(string: address), let host = url.host, !host.isEmpty else {
            throw StoreError("ugyldig PostgreSQL-adresse; skriv postgres://bruger:adgangskode@vært:port/database")
        }
        self.host = host
        port = url.port ?? 5432
        user = url.user.flatMap { $0.removingPercentEncoding } ?? environment["PGUSER"] ?? "postgres"
        password = url.password.flatMap { $0.removingPercentEncoding } ?? environment["PGPASSWORD"]
        let path = String(url.path.drop { $0 == "/" })
        database = path.isEmpty ? user : path
        let loopback = ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host)
        switch url.queryItems?.first(where: { $0.name == "sslmode" })?.value {
        case nil: requireTLS = !loopback
        case "disable": requireTLS = false
        case "require", "verify-full": requireTLS = true
        case let other?: throw StoreError("sslmode=\(other) kendes ikke; brug sslmode=disable eller sslmode=require")
        }
    }

    func configuration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS =
            requireTLS ? .require(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable
        return PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
    }
}

/// Connections to one server, reused between calls. The store's protocols are
/// synchronous (GRDB is), so calls wait for NIO's futures; they never run on an
/// event loop, where waiting is forbidden.
final class PostgresPool: Sendable {
    let location: PostgresLocation
    private let configuration: PostgresConnection.Configuration
    private let idle = Mutex<[PostgresConnection]>([])
    private let nextID = Atomic<Int>(1)
    private static let keptIdle = 8
    /// postgres-nio logs its own faults; queries and their values are never logged.
    private static let logger: Logger = {
        var logger = Logger(label: "indsats.postgres")
        logger.logLevel = .critical
        return logger
    }()

    init(_ location: PostgresLocation) throws {
        self.location = location
        configuration = try location.configuration()
    }

    deinit {
        for connection in idle.withLock({ $0 }) { closeLater(connection) }
    }

    /// Runs `body` in a transaction on a connection of its own: committed when
    /// `body` returns `true`, rolled back when it returns `false` or throws.
    func transaction<T>(readOnly: Bool, _ body: (PostgresSQLConnection) throws -> (T, commit: Bool)) throws -> T {
        let connection = try take()
        let sql = PostgresSQLConnection(connection, logger: Self.logger)
        do {
            try sql.execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
            let (result, commit) = try body(sql)
            try sql.execute(commit ? "COMMIT" : "ROLLBACK")
            give(connection)
            return result
        } catch {
            // A connection whose transaction could not be ended is not used again.
            if (try? sql.execute("ROLLBACK")) != nil { give(connection) } else { closeLater(connection) }
            throw error
        }
    }

    private func take() throws -> PostgresConnection {
        while let connection = idle.withLock({ $0.popLast() }) {
            if !connection.isClosed { return connection }
        }
        let id = nextID.add(1, ordering: .relaxed).oldValue
        do {
            return try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                id: id, logger: Self.logger
            ).wait()
        } catch {
            throw StoreError(
                "kan ikke forbinde til PostgreSQL på \(location.host):\(location.port) (database \(location.database)): \(PostgresSQLConnection.reason(error))"
            )
        }
    }

    private func give(_ connection: PostgresConnection) {
        let kept = idle.withLock { idle in
            guard idle.count < Self.keptIdle, !connection.isClosed else { return false }
            idle.append(connection)
            return true
        }
        if !kept { closeLater(connection) }
    }
}

/// Closes a connection without waiting, keeping it alive until it is closed
/// (postgres-nio asserts that a connection is closed before it goes).
private func closeLater(_ connection: PostgresConnection) {
    let closing: EventLoopFuture<Void> = connection.close()
    closing.whenComplete { _ in withExtendedLifetime(connection) {} }
}

/// A PostgreSQL server as an ``SQLDatabase``.
struct PostgresSQLDatabase: SQLDatabase {
    let pool: PostgresPool
    var dialect: SQLDialect { .postgres }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try pool.transaction(readOnly: true) { (try body($0), true) }
    }

    @discardableResult
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try pool.transaction(readOnly: false) { (try body($0), true) }
    }
}

/// One PostgreSQL connection inside a transaction. `?` placeholders become `$1`, `$2`, ...
struct PostgresSQLConnection: SQLConnection {
    let connection: PostgresConnection
    let logger: Logger

    init(_ connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        do {
            return try connection.query(Self.query(sql, arguments), logger: logger).wait().metadata.rows ?? 0
        } catch {
            throw StoreError("PostgreSQL: \(Self.reason(error))")
        }
    }

    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: (any SQLRow) throws -> Void) throws {
        let result: PostgresQueryResult
        do {
            result = try connection.query(Self.query(sql, arguments), logger: logger).wait()
        } catch {
            throw StoreError("PostgreSQL: \(Self.reason(error))")
        }
        for row in result.rows { try body(PostgresSQLRow(row: row.makeRandomAccess())) }
    }

    /// A cursor read ten thousand rows at a time: a whole table never sits in memory.
    func scan(_ sql: String, _ body: (any SQLRow) throws -> Void) throws {
        let cursor = "indsats_scan_\(Self.cursors.add(1, ordering: .relaxed).oldValue)"
        try execute("DECLARE \(cursor) NO SCROLL CURSOR FOR \(sql)")
        var fetched = 0
        repeat {
            fetched = 0
            try forEachRow("FETCH 10000 FROM \(cursor)", []) { row in
                fetched += 1
                try body(row)
            }
        } while fetched > 0
        try execute("CLOSE \(cursor)")
    }

    private static let cursors = Atomic<Int>(0)

    func serialize(_ name: String) throws {
        try execute("SELECT pg_advisory_xact_lock(hashtext(?))", [.text("indsats:" + name)])
    }

    func columns(of table: String) throws -> [String] {
        try all(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
            [.text(table)]
        ) { $0.text(0) ?? "" }
    }

    static func query(_ sql: String, _ arguments: [SQLValue]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: bindings.appendNull()
            case .integer(let n): bindings.append(n)
            case .real(let x): bindings.append(x)
            case .text(let s): bindings.append(s)
            }
        }
        return PostgresQuery(unsafeSQL: numbered(sql), binds: bindings)
    }

    /// `?` outside quotes and `$$` bodies becomes `$1`, `$2`, ...
    static func numbered(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quoted = false
        var dollarQuoted = false
        var previous: Character = " "
        for character in sql {
            if character == "'" && !dollarQuoted { quoted.toggle() }
            if character == "$" && previous == "$" && !quoted { dollarQuoted.toggle() }
            if character == "?" && !quoted && !dollarQuoted {
                number += 1
                out += "$\(number)"
            } else {
                out.append(character)
            }
            previous = character
        }
        return out
    }

    /// The server's own message, or the connection problem, without the query or its values.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] { return message }
        return "\(error.code)"
    }
}

/// A row from PostgreSQL. Text, integer and real columns are all the schema uses.
struct PostgresSQLRow: SQLRow {
    let row: PostgresRandomAccessRow
    var columnCount: Int { row.count }

    func text(_ column: Int) -> String? {
        let cell = row[column]
        return cell.bytes == nil ? nil : try? cell.decode(String.self)
    }

    func integer(_ column: Int) -> Int? {
        let cell = row[column]
        return cell.bytes == nil ? nil : try? cell.decode(Int.self)
    }

    func value(_ column: Int) -> SQLValue {
        let cell = row[column]
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return (try? cell.decode(Int.self)).map(SQLValue.integer) ?? .null
        case .float4, .float8: return (try? cell.decode(Double.self)).map(SQLValue.real) ?? .null
        default: return SQLValue(try? cell.decode(String.self))
        }
    }
}
