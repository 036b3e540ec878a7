import IndsatsCore
import IndsatsExchange

/// An import destination in memory, for testing the importer without a database.
public final class MemoryDestination: ImportDestination {
    public var records: [FileKind: [String: RegisterRecord]] = [:]
    public var writes = 0

    public init() {}

    public func referenceData() throws -> ReferenceData {
        var reference = ReferenceData.defaults
        for case .code(let c) in (records[.koder] ?? [:]).values { reference.add(c) }
        return reference
    }

    public func storedKeys(_ kind: FileKind) throws -> Set<String> { Set((records[kind] ?? [:]).keys) }

    public func storedBenefitPeriods(of persons: Set<String>) throws -> [BenefitPeriod] {
        (records[.ydelsesforloeb] ?? [:]).values.compactMap {
            if case .benefit(let b) = $0, persons.contains(b.personID) { return b } else { return nil }
        }
    }

    public func write(_ batch: [FileKind: [RegisterRecord]]) throws -> [FileKind: WriteCounts] {
        writes += 1
        var out: [FileKind: WriteCounts] = [:]
        for (kind, rows) in batch {
            var counts = WriteCounts()
            for r in rows {
                switch records[kind]?[r.naturalKey] {
                case nil: counts.new += 1
                case r?: counts.unchanged += 1
                default: counts.changed += 1
                }
                records[kind, default: [:]][r.naturalKey] = r
            }
            out[kind] = counts
        }
        return out
    }
}
