import IndsatsContract
import IndsatsCore

/// A row's natural key (128 bits) and whole content (64 bits) as fingerprints,
/// with where it was read (the file is filled in by the importer). Sorting millions of these finds repeated keys
/// without keeping the rows: two different keys share a fingerprint with a
/// chance of about n²/2¹²⁹ (below 10⁻²⁴ for 20 million rows).
struct RowFingerprint: Comparable {
    var key0: UInt64
    var key1: UInt64
    var content: UInt64
    var file: UInt32
    var line: UInt32

    init(_ record: RegisterRecord, file: Int = 0, line: Int) {
        var hashes = Hashes(isKey: record.keyColumns)
        record.visitColumns(&hashes)
        for (name, value) in record.extra.sorted(by: { $0.key < $1.key }) {
            hashes.content.combine(name)
            hashes.content.combine(value)
        }
        key0 = UInt64(truncatingIfNeeded: hashes.key0.finalize())
        key1 = UInt64(truncatingIfNeeded: hashes.key1.finalize())
        content = UInt64(truncatingIfNeeded: hashes.content.finalize())
        self.file = UInt32(file)
        self.line = UInt32(line)
    }

    func sameKey(as other: RowFingerprint) -> Bool { key0 == other.key0 && key1 == other.key1 }

    /// By key, then in reading order, so the first of a key comes first.
    static func < (a: RowFingerprint, b: RowFingerprint) -> Bool {
        (a.key0, a.key1, a.file, a.line) < (b.key0, b.key1, b.file, b.line)
    }

    /// Feeds key columns to two independently salted hashers and every column to a third.
    private struct Hashes: ColumnVisitor {
        let isKey: [Bool]
        var column = 0
        var key0 = Hasher(), key1 = Hasher(), content = Hasher()

        init(isKey: [Bool]) {
            self.isKey = isKey
            key1.combine(0x5EED_1DEA as UInt64)
        }

        /// An absent key value is stored as "" (``RegisterRecord/naturalKey``), so it hashes as "".
        private mutating func key(_ value: some Hashable) {
            if isKey[column] {
                key0.combine(value)
                key1.combine(value)
            }
            column += 1
        }

        mutating func text(_ value: String?) { content.combine(value); key(value ?? "") }
        mutating func day(_ value: Day?) { content.combine(value); key(value?.ordinal ?? -1) }
        mutating func integer(_ value: Int?) { content.combine(value); key(value ?? 0) }
        mutating func decimal(_ value: Double?) { content.combine(value); key(value ?? 0) }
    }
}

/// A ``PeriodRule``: one group's periods must not overlap unless they share a variant
/// (a person's periods on the same benefit may), over stored periods and those
/// being imported, kept compact: a few integers a period, with groups and labels numbered.
struct PeriodOverlapCheck {
    private struct Entry {
        var group: Int32
        /// -1 for none: such a period overlaps nothing of its group.
        var variant: Int32
        var label: Int32
        var start: Int32
        var end: Int32
        /// -1 for a stored period.
        var file: Int32
        var line: Int32
    }

    let rule: PeriodRule
    private var entries: [Entry] = []
    private var groups: [String: Int32] = [:]
    private var variants: [String: Int32] = [:]
    private var labels: [String: Int32] = [:]
    private var labelNames: [String] = []

    init(_ rule: PeriodRule) { self.rule = rule }

    mutating func addStored(_ period: RowPeriod) { add(period, file: -1, line: 0) }

    mutating func add(_ period: RowPeriod, file: Int, line: Int) {
        let label = Self.number(period.label, in: &labels)
        if label == labelNames.count { labelNames.append(period.label) }
        entries.append(
            Entry(
                group: Self.number(period.group, in: &groups), variant: period.variant.map { Self.number($0, in: &variants) } ?? -1,
                label: label, start: period.days.start.ordinal, end: period.days.end.ordinal, file: Int32(file), line: Int32(line)))
    }

    private static func number(_ text: String, in table: inout [String: Int32]) -> Int32 {
        if let n = table[text] { return n }
        let n = Int32(table.count)
        table[text] = n
        return n
    }

    /// Both rows of each overlap, with the reason naming the other. Stored periods
    /// that an imported row replaces (same group, variant and start) take no part,
    /// nor do rows `isRejected` already.
    func conflicts(place: (_ file: Int, _ line: Int) -> String, isRejected: (Int, Int) -> Bool) -> [(file: Int, line: Int, reason: String)]
    {
        var out: [(file: Int, line: Int, reason: String)] = []
        let live = entries.filter { $0.file < 0 || !isRejected(Int($0.file), Int($0.line)) }
            .sorted { ($0.group, $0.start, $0.file, $0.line) < ($1.group, $1.start, $1.file, $1.line) }
        func describe(_ e: Entry) -> String {
            let place = e.file >= 0 ? place(Int(e.file), Int(e.line)) : "allerede gemt"
            return "\(labelNames[Int(e.label)]) \(DayRange(Day(ordinal: e.start), Day(ordinal: e.end))) (\(place))"
        }
        func reason(_ other: Entry) -> String { "\(rule.row) overlapper med \(describe(other)) for \(rule.group)" }
        var i = 0
        while i < live.count {
            var j = i
            while j < live.count && live[j].group == live[i].group { j += 1 }
            let imported = Set(live[i..<j].filter { $0.file >= 0 }.map { [$0.variant, $0.start] })
            var open: [Entry] = []
            for e in live[i..<j] where e.file >= 0 || !imported.contains([e.variant, e.start]) {
                open.removeAll { $0.end < e.start }
                for o in open where o.variant != e.variant || e.variant < 0 {
                    if e.file >= 0 { out.append((Int(e.file), Int(e.line), reason(o))) }
                    if o.file >= 0 { out.append((Int(o.file), Int(o.line), reason(e))) }
                }
                open.append(e)
            }
            i = j
        }
        return out
    }
}

/// Finds rows whose key came before, among the fingerprints of one kind's rows.
/// Fingerprints are kept in sorted runs of a fixed length, merged at the end:
/// memory stays at the fingerprints themselves, with no doubling growth and no
/// sort buffer the size of them all.
struct RepeatedKeyFinder {
    let runLength: Int
    private var runs: [[RowFingerprint]] = []
    private var current: [RowFingerprint] = []

    /// A million fingerprints (32 MiB) a run.
    init(runLength: Int = 1 << 20) { self.runLength = runLength }

    mutating func add(_ fingerprint: RowFingerprint) {
        if current.isEmpty { current.reserveCapacity(runLength) }
        current.append(fingerprint)
        if current.count == runLength { closeRun() }
    }

    private mutating func closeRun() {
        guard !current.isEmpty else { return }
        current.sort()
        runs.append(current)
        current = []
    }

    /// Calls `body` with the first row of a key and each later row with that key,
    /// in key order; the finder is empty afterwards.
    mutating func forEachRepeat(_ body: (_ first: RowFingerprint, _ repeated: RowFingerprint) -> Void) {
        closeRun()
        // A k-way merge over the runs with a binary heap of run numbers, smallest head on top.
        var position = [Int](repeating: 0, count: runs.count)
        var heap = Array(runs.indices)
        func head(_ run: Int) -> RowFingerprint { runs[run][position[run]] }
        func less(_ a: Int, _ b: Int) -> Bool { head(heap[a]) < head(heap[b]) }
        func siftDown(_ i: Int) {
            var i = i
            while true {
                let l = 2 * i + 1, r = l + 1
                var smallest = i
                if l < heap.count && less(l, smallest) { smallest = l }
                if r < heap.count && less(r, smallest) { smallest = r }
                guard smallest != i else { return }
                heap.swapAt(i, smallest)
                i = smallest
            }
        }
        for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
        var first: RowFingerprint?
        while let run = heap.first {
            let next = head(run)
            if let f = first, f.sameKey(as: next) { body(f, next) } else { first = next }
            position[run] += 1
            if position[run] == runs[run].count {
                runs[run] = []
                heap.swapAt(0, heap.count - 1)
                heap.removeLast()
            }
            siftDown(0)
        }
        runs = []
    }
}

/// The keys of one kind rows may refer to: stored, or read in this import.
/// A small import asks the store about each key it meets; after ``lookupLimit``
/// keys it reads every stored key at once, as a large import meets most of them
/// (a one-conversation import on a million persons otherwise spent 0,4 s of its
/// 0,5 s hashing all their ids).
///
/// ```swift
/// var persons = KnownKeys(.personer)
/// try persons.contains("P1", in: session)   // one lookup in the store
/// persons.note("P2")                         // a person read in this import
/// ```
struct KnownKeys {
    let kind: FileKind
    /// Keys read in this import.
    private var read: Set<String> = []
    /// Every stored key, once there were too many to look up one by one.
    private var stored: Set<String>?
    /// Keys looked up in the store so far, and whether it had them.
    private var looked: [String: Bool] = [:]
    static let lookupLimit = 1_000

    init(_ kind: FileKind) { self.kind = kind }

    /// Whether `key` is stored or was read in this import.
    mutating func contains(_ key: String, in session: any ImportSession) throws -> Bool {
        if read.contains(key) { return true }
        if let stored { return stored.contains(key) }
        if let known = looked[key] { return known }
        if looked.count >= Self.lookupLimit {
            let all = try session.storedKeys(kind)
            stored = all
            looked = [:]
            return all.contains(key)
        }
        let found = try session.isStored(kind, key: key)
        looked[key] = found
        return found
    }

    /// Notes a key read in this import.
    mutating func note(_ key: String) { read.insert(key) }

    /// Notes a key read in this import; whether it was new (neither stored nor read before).
    mutating func insert(_ key: String, in session: any ImportSession) throws -> Bool {
        guard try !contains(key, in: session) else { return false }
        read.insert(key)
        return true
    }
}
