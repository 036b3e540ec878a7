import IndsatsAnalytics
import IndsatsContract
import IndsatsCore

/// The narrow interface the rest of Indsats uses to persist the register.
/// SQLite is the embedded default; a PostgreSQL store implements the same protocol.
public protocol RegisterStore: ImportDestination, Sendable {
    /// Reads the rows of `parts` into the in-memory register.
    func loadRegister(parts: RegisterParts) throws -> Register
    /// `register` brought up to the store's latest write, reading only the parts written since.
    /// Its snapshot is not written: ``keepSnapshot(of:)`` does that, when the reader has time.
    func refreshed(_ register: Register) throws -> Register
    /// Writes `register` (a whole one, read from this store) as the snapshot beside the database,
    /// unless the snapshot already shows that write or a later one. Without a snapshot it does nothing.
    func keepSnapshot(of register: Register) throws
    /// A number that grows with every write, so readers know when to reload.
    func dataVersion() throws -> Int
    /// Whether a write since data version `version` touched anything besides the register (prices,
    /// proposals, initiatives, ...): pages kept across a write rely on it.
    func wroteBesidesRegister(since version: Int) throws -> Bool
    /// Rows stored per file kind.
    func rowCounts() throws -> [FileKind: Int]
    /// The code lists in force: defaults plus the codes imported.
    func referenceData() throws -> ReferenceData
    /// The staff of `medarbejdere.csv`, sorted by id: who is in which unit and team.
    func staffMembers() throws -> [StaffMember]
    /// The initiatives of `indsatser.csv`, sorted by id.
    func initiativeList() throws -> [Initiative]
    /// The rates and refusion rules in force: the defaults until some are saved.
    func prices() throws -> BenefitPrices
    /// Replaces the rates and refusion rules; readers see the data version move, as after an import.
    func savePrices(_ prices: BenefitPrices) throws
    /// Brings the register's snapshot, if there is one, up to the latest write, reading only the
    /// parts written since it was made. Without one it does nothing: the first whole read (the
    /// server's start) makes it.
    func updateSnapshot() throws
    /// Marks this process as a server that keeps the register's snapshot up to date itself (its
    /// refresh after an import writes it), for as long as the mark lives: ``updateSnapshot()`` in
    /// other processes (`indsats import`) then leaves the snapshot to it instead of reading and
    /// writing the same 0,5 GB at the same time. `nil` for a store without a snapshot.
    func markServing() -> ServingMark?
    /// A value made from write `version` (the pages a server rendered ahead), kept beside the
    /// database by ``keep(_:name:version:)``; `nil` when none was kept for it by this build.
    func kept<T: Snapshottable>(_ type: T.Type, name: String, version: Int) -> T?
    /// Keeps a value made from write `version` for the next process; a failure is only reported.
    func keep<T: Snapshottable>(_ value: T, name: String, version: Int)
}

extension RegisterStore {
    /// Reads every row into the in-memory register.
    public func loadRegister() throws -> Register { try loadRegister(parts: .all) }
}

/// Copies the whole store (register, users, audit log) to a file and back.
public protocol BackupStore: Sendable {
    /// Writes a consistent copy to `path`, which must not exist; safe while others read and write.
    func backup(to path: String) throws
    /// Replaces everything with the copy at `path`, brought up to the current schema.
    func restore(from path: String) throws
}

/// The whole store: the register, person-level reads, and the users, sessions and audit log beside it.
public typealias DataStore = RegisterStore & PersonStore & AccessStore & BackupStore & ProposalStore & PlanStore & CaseloadStore
    & CompanyStore & PoolStore & ComparisonStore

/// Opens the store a `--db` value or `INDSATS_DATABASE` names: a `postgres://`
/// address or the path of an SQLite file.
public enum StoreLocation {
    /// The embedded default file.
    public static let defaultPath = "indsats.sqlite"

    /// Whether `location` names a database server rather than a file.
    public static func isServerAddress(_ location: String) -> Bool { PostgresLocation.isAddress(location) }

    public static func open(_ location: String?) throws -> any DataStore {
        let value = location ?? defaultPath
        if PostgresLocation.isAddress(value) { return try PostgresStore(address: value) }
        return try SQLiteStore(path: value)
    }
}

/// A store failure, in Danish.
public struct StoreError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
