import IndsatsContract
import IndsatsCore
import IndsatsExchange

/// Direct writes and reads through one import session each, for tests that set up a store by hand.
extension ImportDestination {
    /// Writes the records kind by kind in one committed session; returns what it did.
    public func write(_ records: [FileKind: [RegisterRecord]]) throws -> [FileKind: WriteCounts] {
        var counts: [FileKind: WriteCounts] = [:]
        try importSession { session in
            for kind in FileKind.allCases { for record in records[kind] ?? [] { try session.write(record) } }
            counts = try session.counts()
            return true
        }
        return counts
    }

    public func storedKeys(_ kind: FileKind) throws -> Set<String> {
        var keys: Set<String> = []
        try importSession {
            keys = try $0.storedKeys(kind); return false
        }
        return keys
    }

    public func storedBenefitPeriods() throws -> [BenefitPeriod] {
        var periods: [BenefitPeriod] = []
        try importSession { session in
            try session.forEachStored(.ydelsesforloeb) { if case .benefit(let b) = $0 { periods.append(b) } }
            return false
        }
        return periods
    }
}
