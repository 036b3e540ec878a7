import IndsatsContract
import IndsatsCore
import IndsatsExchange

/// An import destination in memory, for testing the importer without a database.
/// A session works on a copy that replaces the records only when committed.
public final class MemoryDestination: ImportDestination {
    public var records: [FileKind: [String: RegisterRecord]] = [:]
    /// Committed sessions.
    public var writes = 0
    /// How often a session read every stored key of a kind, and looked up one key.
    public private(set) var keyReads = (whole: 0, single: 0)

    public init() {}

    public func importSession(_ body: (any ImportSession) throws -> Bool) throws {
        let session = Session(records: records, destination: self)
        guard try body(session) else { return }
        records = session.records
        writes += 1
    }

    final class Session: ImportSession {
        var records: [FileKind: [String: RegisterRecord]]
        private var written: [FileKind: WriteCounts] = [:]

        func counts() throws -> [FileKind: WriteCounts] { written }

        let destination: MemoryDestination

        init(records: [FileKind: [String: RegisterRecord]], destination: MemoryDestination) {
            self.records = records
            self.destination = destination
        }

        func referenceData() throws -> ReferenceData {
            var reference = ReferenceData.defaults
            for case .code(let c) in (records[.koder] ?? [:]).values { reference.add(c) }
            return reference
        }

        func storedKeys(_ kind: FileKind) throws -> Set<String> {
            destination.keyReads.whole += 1
            return Set((records[kind] ?? [:]).keys)
        }

        func isStored(_ kind: FileKind, key: String) throws -> Bool {
            destination.keyReads.single += 1
            return records[kind]?[key] != nil
        }

        func forEachStored(_ kind: FileKind, _ body: (RegisterRecord) throws -> Void) throws {
            for record in (records[kind] ?? [:]).values { try body(record) }
        }

        func removeAll(_ kind: FileKind) throws { records[kind] = [:] }

        func write(_ record: RegisterRecord) throws {
            let kind = record.kind
            switch records[kind]?[record.naturalKey] {
            case nil: written[kind, default: WriteCounts()].new += 1
            case record?: written[kind, default: WriteCounts()].unchanged += 1
            default: written[kind, default: WriteCounts()].changed += 1
            }
            records[kind, default: [:]][record.naturalKey] = record
        }
    }
}
