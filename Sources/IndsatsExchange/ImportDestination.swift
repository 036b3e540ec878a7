import IndsatsCore

/// Where an import writes: the seam between validation (here) and persistence
/// (IndsatsStore). A destination answers what is already stored and writes a
/// whole batch in one transaction or nothing.
public protocol ImportDestination {
    /// The code lists in force: defaults plus the user's own codes.
    func referenceData() throws -> ReferenceData
    /// The natural keys stored for `kind` (used for `personer`, `virksomheder`, `indsatser`).
    func storedKeys(_ kind: FileKind) throws -> Set<String>
    /// The stored benefit periods of these persons, for the overlap rule.
    func storedBenefitPeriods(of persons: Set<String>) throws -> [BenefitPeriod]
    /// Writes every record, updating rows whose natural key exists, in one
    /// transaction; returns how many of each kind were new, changed or unchanged.
    func write(_ records: [FileKind: [RegisterRecord]]) throws -> [FileKind: WriteCounts]
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
