import IndsatsCore

/// Where an import writes: the seam between validation (here) and persistence
/// (IndsatsStore). An import runs inside one ``ImportSession``: one transaction
/// that is committed whole or rolled back whole.
public protocol ImportDestination {
    /// Runs `body` in one transaction: its writes are committed when it returns
    /// `true` and rolled back when it returns `false` or throws.
    func importSession(_ body: (any ImportSession) throws -> Bool) throws
}

/// One import's view of the store, inside its transaction.
///
/// ```swift
/// try store.importSession { session in
///     try session.write(.person(Person(id: "P1")))
///     return true   // commit
/// }
/// ```
public protocol ImportSession: AnyObject {
    /// The code lists in force: defaults plus the user's own codes.
    func referenceData() throws -> ReferenceData
    /// The natural keys stored for a kind with a one-column key (`personer`, `virksomheder`, `indsatser`, ...).
    func storedKeys(_ kind: FileKind) throws -> Set<String>
    /// Whether the store had `key` of a kind with a one-column key before this import (the importer
    /// keeps the keys it reads itself): one lookup, for an import that meets few keys.
    func isStored(_ kind: FileKind, key: String) throws -> Bool
    /// Calls `body` with every stored row of `kind`, for rules across rows.
    func forEachStored(_ kind: FileKind, _ body: (RegisterRecord) throws -> Void) throws
    /// Removes every stored row of `kind`, for a kind replaced whole (the contact rules set on their page).
    func removeAll(_ kind: FileKind) throws
    /// Writes one record, updating the row with its natural key if there is one.
    func write(_ record: RegisterRecord) throws
    /// How many rows of each kind were new, changed or unchanged so far
    /// (a store that writes in batches writes what it holds first).
    func counts() throws -> [FileKind: WriteCounts]
}

/// What a write did with one kind's rows.
public struct WriteCounts: Equatable, Sendable {
    public var new = 0
    public var changed = 0
    public var unchanged = 0
    public init(new: Int = 0, changed: Int = 0, unchanged: Int = 0) {
        self.new = new; self.changed = changed; self.unchanged = unchanged
    }
}
