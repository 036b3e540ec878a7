import Foundation
import IndsatsCore

// Columns are written as they lie in memory: little-endian, with 64-bit `Int`.
#if _endian(big) || !_pointerBitWidth(_64)
    #error("the register snapshot assumes a little-endian machine with 64-bit Int")
#endif

/// Where a snapshot's bytes go: a file, in the store (``Snapshot/write(_:key:to:)``).
public protocol SnapshotOutput {
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// Where a snapshot's bytes come from; `read(into:)` fills the whole buffer or throws.
public protocol SnapshotInput {
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws
    /// Passes over `count` bytes (a column nobody asked for).
    mutating func skip(_ count: Int) throws
    /// The bytes left to read, so a damaged count cannot ask for more memory than the file holds.
    var remaining: Int { get }
}

/// A snapshot in memory: written to, then read from the start.
///
/// ```swift
/// var buffer = SnapshotBuffer()
/// try Snapshot.write(register, key: "1-a", to: &buffer)
/// var input = SnapshotBuffer(bytes: buffer.bytes)
/// let same = try Snapshot.read(Register.self, from: &input, key: "1-a")
/// ```
public struct SnapshotBuffer: SnapshotOutput, SnapshotInput, Sendable {
    public private(set) var bytes: [UInt8]
    private var position = 0

    public init(bytes: [UInt8] = []) { self.bytes = bytes }

    public mutating func write(_ buffer: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: buffer) }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws {
        guard buffer.count <= remaining else { throw DamagedSnapshot(reason: "filen slutter for tidligt") }
        bytes.withUnsafeBytes { all in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[position..<(position + buffer.count)]))
        }
        position += buffer.count
    }

    public mutating func skip(_ count: Int) throws {
        guard count >= 0, count <= remaining else { throw DamagedSnapshot(reason: "filen slutter for tidligt") }
        position += count
    }

    public var remaining: Int { bytes.count - position }
}

/// A snapshot that cannot be read: cut short, overwritten, or not a snapshot at all.
public struct DamagedSnapshot: Error, Equatable, CustomStringConvertible {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { "øjebliksbilledet er beskadiget: \(reason)" }
}

/// A value kept as a snapshot file beside the database: its stored properties walked in one
/// fixed order by ``visitColumns(_:)``, which both the writer and the reader follow, so what
/// is written is what is read. The built ``Register`` is one; the pages a server rendered
/// ahead are another.
public protocol Snapshottable {
    /// The file's first eight bytes: which kind of snapshot it is.
    static var snapshotKind: String { get }
    /// An empty value for the reader to fill.
    static func emptyForSnapshot() -> Self
    /// Every stored property, in one fixed order.
    mutating func visitColumns(_ v: inout some SnapshotVisitor) throws
}

/// A value as bytes, column after column, so a process can have it in the time it takes to
/// read a file instead of reading and sorting every row of the database again. The store
/// writes one beside the database and reads it at start; the database stays the one source
/// of truth (docs/arkitektur.md, "Øjebliksbilledet").
///
/// A snapshot carries a key: the store's own (which write it shows) joined to the value's
/// layout, so a snapshot from another data version or another build is never read as this
/// one (``read(_:from:key:parts:)`` answers `nil`). Each column carries its length and a
/// checksum over its bytes: a reader can pass over the columns of parts it does not need
/// (the command line reads only its measure's), and a damaged column is never used.
///
/// ```swift
/// try Snapshot.write(register, key: "17-9f3c…", to: &file)
/// let same = try Snapshot.read(Register.self, from: &file, key: "17-9f3c…")   // nil when the key differs
/// let some = try Snapshot.read(Register.self, from: &file, key: "17-9f3c…", parts: [.persons, .benefits])
/// ```
public enum Snapshot {
    /// The layout of `T`: every stored property's name and type. A field added, renamed or
    /// retyped changes it, and with it every snapshot's key.
    static func layout<T: Snapshottable>(_: T.Type) -> String {
        let fields = Mirror(reflecting: T.emptyForSnapshot()).children.map { "\($0.label ?? "?"):\(type(of: $0.value))" }
        var sum = Checksum()
        Array(fields.joined(separator: ",").utf8).withUnsafeBytes { sum.add($0) }
        return String(sum.value, radix: 16)
    }

    static func magic<T: Snapshottable>(_: T.Type) -> [UInt8] { Array(T.snapshotKind.utf8.prefix(8)) }

    /// The key written into the file: the store's key and the value's layout.
    static func fullKey<T: Snapshottable>(_: T.Type, _ key: String) -> String { "\(layout(T.self)) \(key)" }

    /// Writes `value` with `key` (which write of the store it shows).
    public static func write<T: Snapshottable>(_ value: T, key: String, to output: inout some SnapshotOutput) throws {
        var writer = SnapshotWriter(output: output)
        try writer.raw(magic(T.self))
        try writer.text(fullKey(T.self, key))
        try writer.endColumn()
        var copy = value
        try copy.visitColumns(&writer)
        output = writer.output
    }

    /// The value in `input`, or `nil` when it was written under another key (the data or the
    /// build moved on since). Columns of parts outside `parts` are passed over. Throws
    /// ``DamagedSnapshot`` for anything but a whole snapshot.
    public static func read<T: Snapshottable>(
        _: T.Type, from input: inout some SnapshotInput, key: String, parts: RegisterParts = .all
    ) throws -> T? {
        var reader = SnapshotReader(input: input, wantedParts: parts)
        defer { input = reader.input }
        guard try reader.sameFormat(magic(T.self)) else { return nil }
        guard try reader.text() == fullKey(T.self, key) else { return nil }
        try reader.endColumn()
        var value = T.emptyForSnapshot()
        try value.visitColumns(&reader)
        guard reader.input.remaining == 0 else { throw DamagedSnapshot(reason: "der står mere efter sidste kolonne") }
        return value
    }

    /// The key a snapshot of `T` in `input` was written under, without reading the rest; `nil`
    /// when another layout of `T` wrote it.
    public static func key<T: Snapshottable>(_: T.Type, in input: inout some SnapshotInput) throws -> String? {
        var reader = SnapshotReader(input: input, wantedParts: .all)
        defer { input = reader.input }
        guard try reader.sameFormat(magic(T.self)) else { return nil }
        let full = try reader.text()
        let layout = layout(T.self)
        guard full.hasPrefix(layout + " ") else { return nil }
        return String(full.dropFirst(layout.count + 1))
    }
}

/// Walks a snapshot's stored properties in one fixed order (``Snapshottable/visitColumns(_:)``).
public protocol SnapshotVisitor {
    /// Whether the visitor fills the columns (reading) rather than only looking at them.
    static var fills: Bool { get }
    /// The parts a reader fills; the others' columns are passed over (``part(_:_:ifSkipped:)``).
    var wantedParts: RegisterParts { get }
    /// The columns `body` visits belong to `part`: a reader that does not want the part passes
    /// over them and calls `ifSkipped` to fill in what the value needs without them.
    mutating func part(_ part: RegisterParts, _ body: (inout Self) throws -> Void, ifSkipped: () -> Void) throws
    mutating func column(_ values: inout [Int32]) throws
    mutating func column(_ values: inout [Int]) throws
    mutating func column(_ values: inout [Bool]) throws
    mutating func column(_ values: inout [String]) throws
    /// A small value (a scalar, the code lists, a few rows) as JSON; equatable, so two registers'
    /// values can be compared (``Register/changedParts(since:)``).
    mutating func value<T: Codable & Equatable>(_ value: inout T) throws
}

extension SnapshotVisitor {
    public var wantedParts: RegisterParts { .all }

    public mutating func part(_ part: RegisterParts, _ body: (inout Self) throws -> Void, ifSkipped: () -> Void) throws {
        try body(&self)
    }

    mutating func column(_ pool: inout StringPool) throws {
        var strings = pool.strings
        try column(&strings)
        if Self.fills { pool = StringPool(strings) }
    }
}

extension StringPool {
    /// A pool of `strings` in this order; a repeated string keeps its first index.
    init(_ strings: [String]) {
        self.init()
        for s in strings { _ = intern(s) }
    }
}

extension Register: Snapshottable {
    public static var snapshotKind: String { "INDSREG2" }
    public static func emptyForSnapshot() -> Register { Register(reference: .defaults) }

    /// The parts a snapshot always gives, being small or naming the persons and companies
    /// the other parts point to.
    static let alwaysInSnapshot: RegisterParts = [.persons, .companies, .caseworkers, .contactRules, .cvUpdates, .pools, .budgets]

    /// Every stored property but the hovedydelse cache, which each register makes anew when asked:
    /// first what every reader gets, then the rows of each part a reader may pass over, with what
    /// the register has in their place when they are not loaded (as a load from the database of
    /// other parts would leave them). A property added to ``Register`` must be added here
    /// (RegisterSnapshotTests counts them).
    public mutating func visitColumns(_ v: inout some SnapshotVisitor) throws {
        try v.value(&parts); try v.value(&storeVersion); try v.value(&dataDate); try v.value(&reference)
        try v.value(&unknownUnit); try v.value(&unknownStaff); try v.value(&unknownTeam); try v.value(&unknownIndustry)
        try v.value(&selfSupporting); try v.value(&contactRules); try v.value(&pools); try v.value(&budgets)
        try v.column(&benefits); try v.column(&types); try v.column(&initiatives); try v.column(&units); try v.column(&sexes)
        try v.column(&municipalities); try v.column(&exitReasons); try v.column(&exitRank); try v.column(&industries)
        try v.column(&staff); try v.column(&heldBy); try v.column(&teams); try v.column(&jobOrderIDs); try v.column(&poolIDs)
        try v.column(&personIDs); try v.column(&personBirth); try v.column(&personSex); try v.column(&personMunicipality)
        try v.column(&personCV); try v.column(&personFirstCVUpdate)
        try v.column(&companyIDs); try v.column(&companyEmployees); try v.column(&companyIndustry)
        try v.column(&staffUnit); try v.column(&staffTeam)
        try v.column(&participantPool); try v.column(&participantPerson); try v.column(&participantFrom); try v.column(&participantTo)
        let (perPerson, perCompany) = (personIDs.count + 1, companyIDs.count + 1)
        try v.part(.benefits) { v in
            try v.column(&benefitPerson); try v.column(&benefitCode); try v.column(&benefitStart); try v.column(&benefitEnd)
            try v.column(&benefitExit); try v.column(&benefitOffsets); try v.column(&benefitSourceCode)
        } ifSkipped: {
            benefitOffsets = Array(repeating: 0, count: perPerson)
        }
        try v.part(.activities) { v in
            try v.column(&activityPerson); try v.column(&activityType); try v.column(&activityInitiative); try v.column(&activityUnit)
            try v.column(&activityCompany); try v.column(&activityIDRank); try v.column(&activityStart); try v.column(&activityEnd)
            try v.column(&activityOffsets)
        } ifSkipped: {
            activityOffsets = Array(repeating: 0, count: perPerson)
        }
        try v.part(.conversations) { v in
            try v.column(&conversationDay); try v.column(&conversationType); try v.column(&conversationUnit)
            try v.column(&conversationStaff); try v.column(&conversationHeldBy)
            try v.column(&responsibleDay); try v.column(&responsibleUnit); try v.column(&responsibleStaff)
            try v.column(&responsibleOffsets)
            try v.column(&personConversationDay); try v.column(&personConversationHeldBy); try v.column(&personConversationOffsets)
        } ifSkipped: {
        }
        try v.part(.assignments) { v in
            try v.column(&assignmentPerson); try v.column(&assignmentStaff); try v.column(&assignmentFrom); try v.column(&assignmentTo)
            try v.column(&assignmentOffsets)
        } ifSkipped: {
            assignmentOffsets = Array(repeating: 0, count: perPerson)
        }
        try v.part(.screenings) { v in
            try v.column(&screeningPerson); try v.column(&screeningDay); try v.column(&screeningGroup); try v.column(&screeningAdvice)
            try v.column(&screeningUnit); try v.column(&screeningStaff)
        } ifSkipped: {
        }
        try v.part(.contacts) { v in
            try v.column(&contactCompany); try v.column(&contactDay); try v.column(&contactUnit); try v.column(&contactPersonal)
            try v.column(&contactOffsets); try v.column(&contactUnits); try v.column(&personalContactUnits)
        } ifSkipped: {
            contactOffsets = Array(repeating: 0, count: perCompany)
        }
        let jobOrderCount = jobOrderIDs.strings.count
        try v.part(.jobOrders) { v in
            try v.column(&jobKey); try v.column(&jobCompany); try v.column(&jobCreated); try v.column(&jobClosed)
            try v.column(&jobPositions); try v.column(&jobFilled); try v.column(&jobUnit); try v.column(&jobRowOfID)
        } ifSkipped: {
            jobRowOfID = Array(repeating: -1, count: jobOrderCount)
        }
        try v.part(.placements) { v in
            try v.column(&placementDay); try v.column(&placementPerson); try v.column(&placementJob)
        } ifSkipped: {
        }
        parts.formIntersection(v.wantedParts.union(Self.alwaysInSnapshot))
    }
}

/// The kinds of column in a snapshot, written before each so a reader out of step stops at once.
private enum ColumnTag: UInt8 {
    case int32 = 1, int64, bool, strings, json
}

/// Writes each column as its tag, count and length in bytes, the bytes, and a checksum over
/// all of them.
private struct SnapshotWriter<Output: SnapshotOutput>: SnapshotVisitor {
    static var fills: Bool { false }
    var output: Output
    var sum = Checksum()

    mutating func bytes(_ buffer: UnsafeRawBufferPointer) throws {
        sum.add(buffer)
        try output.write(buffer)
    }

    mutating func raw(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try self.bytes($0) } }

    mutating func integer<T: FixedWidthInteger>(_ value: T) throws {
        try withUnsafeBytes(of: value.littleEndian) { try bytes($0) }
    }

    mutating func text(_ s: String) throws {
        let utf8 = Array(s.utf8)
        try integer(UInt64(utf8.count))
        try raw(utf8)
    }

    mutating func header(_ tag: ColumnTag, _ count: Int, bytes length: Int) throws {
        try integer(tag.rawValue)
        try integer(UInt64(count))
        try integer(UInt64(length))
    }

    /// The checksum of the column's bytes (for the first, of the file's kind and key too).
    mutating func endColumn() throws {
        let value = sum.value.littleEndian
        sum = Checksum()
        try withUnsafeBytes(of: value) { try output.write($0) }
    }

    mutating func column(_ values: inout [Int32]) throws {
        try header(.int32, values.count, bytes: values.count * 4)
        try values.withUnsafeBytes { try bytes($0) }
        try endColumn()
    }

    mutating func column(_ values: inout [Int]) throws {
        try header(.int64, values.count, bytes: values.count * 8)
        try values.withUnsafeBytes { try bytes($0) }
        try endColumn()
    }

    mutating func column(_ values: inout [Bool]) throws {
        try header(.bool, values.count, bytes: values.count)
        try raw(values.map { $0 ? 1 : 0 })
        try endColumn()
    }

    mutating func column(_ values: inout [String]) throws {
        var lengths: [Int32] = []
        lengths.reserveCapacity(values.count)
        var joined: [UInt8] = []
        for s in values {
            let before = joined.count
            joined.append(contentsOf: s.utf8)
            lengths.append(Int32(joined.count - before))
        }
        try header(.strings, values.count, bytes: values.count * 4 + joined.count)
        try lengths.withUnsafeBytes { try bytes($0) }
        try raw(joined)
        try endColumn()
    }

    mutating func value<T: Codable & Equatable>(_ value: inout T) throws {
        let json = try JSONEncoder().encode(value)
        try header(.json, json.count, bytes: json.count)
        try raw(Array(json))
        try endColumn()
    }
}

/// Reads the columns of the wanted parts straight into arrays, checking each column's
/// checksum, and passes over the others.
private struct SnapshotReader<Input: SnapshotInput>: SnapshotVisitor {
    static var fills: Bool { true }
    var input: Input
    let wantedParts: RegisterParts
    /// Within a part the reader does not want: columns are passed over, not read.
    var skipping = false
    var sum = Checksum()

    init(input: Input, wantedParts: RegisterParts) {
        self.input = input
        self.wantedParts = wantedParts
    }

    mutating func part(_ part: RegisterParts, _ body: (inout Self) throws -> Void, ifSkipped fill: () -> Void) throws {
        guard !wantedParts.isSuperset(of: part) else { return try body(&self) }
        skipping = true
        defer { skipping = false }
        try body(&self)
        fill()
    }

    mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) throws {
        try input.read(into: buffer)
        sum.add(UnsafeRawBufferPointer(buffer))
    }

    mutating func raw(count: Int) throws -> [UInt8] {
        try array(count)
    }

    /// Whether the file starts with `magic`; `false` for the same kind in another format (an
    /// older build's, rebuilt without a word), and a ``DamagedSnapshot`` for anything else.
    mutating func sameFormat(_ magic: [UInt8]) throws -> Bool {
        let start = try raw(count: magic.count)
        guard start != magic else { return true }
        guard start.prefix(magic.count - 1) == magic.prefix(magic.count - 1) else { throw DamagedSnapshot(reason: "ukendt filtype") }
        return false
    }

    /// `count` elements of `T` read as they lie in the file; refused when the file holds fewer bytes.
    mutating func array<T>(_ count: Int) throws -> [T] {
        guard count >= 0, count <= input.remaining / MemoryLayout<T>.stride else {
            throw DamagedSnapshot(reason: "en kolonne er længere end filen")
        }
        return try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            try fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    mutating func integer<T: FixedWidthInteger>(_: T.Type = T.self) throws -> T {
        var value = T.zero
        try withUnsafeMutableBytes(of: &value) { try fill($0) }
        return T(littleEndian: value)
    }

    mutating func count() throws -> Int {
        let n = try integer(UInt64.self)
        guard n <= UInt64(Int.max) else { throw DamagedSnapshot(reason: "et antal uden for rækkevidde") }
        return Int(n)
    }

    mutating func text() throws -> String {
        String(decoding: try raw(count: try count()), as: UTF8.self)
    }

    /// Checks the checksum that ends a column.
    mutating func endColumn() throws {
        let expected = sum.value
        sum = Checksum()
        var stored: UInt64 = 0
        try withUnsafeMutableBytes(of: &stored) { try input.read(into: $0) }
        guard UInt64(littleEndian: stored) == expected else { throw DamagedSnapshot(reason: "kontrolsummen passer ikke") }
    }

    /// The column's count and length in bytes, or `nil` after passing over it when its part is not wanted.
    mutating func header(_ tag: ColumnTag, bytesPerItem: Int?) throws -> (count: Int, bytes: Int)? {
        guard try integer(UInt8.self) == tag.rawValue else { throw DamagedSnapshot(reason: "kolonnerne følger ikke registerets form") }
        let (count, bytes) = (try count(), try count())
        guard bytes <= input.remaining - 8, bytesPerItem.map({ count.multipliedReportingOverflow(by: $0) == (bytes, false) }) ?? true
        else { throw DamagedSnapshot(reason: "en kolonne er længere end filen") }
        guard !skipping else {
            try input.skip(bytes + 8)
            sum = Checksum()
            return nil
        }
        return (count, bytes)
    }

    mutating func column(_ values: inout [Int32]) throws {
        guard let (count, _) = try header(.int32, bytesPerItem: 4) else { return }
        values = try array(count)
        try endColumn()
    }

    mutating func column(_ values: inout [Int]) throws {
        guard let (count, _) = try header(.int64, bytesPerItem: 8) else { return }
        values = try array(count)
        try endColumn()
    }

    mutating func column(_ values: inout [Bool]) throws {
        guard let (count, _) = try header(.bool, bytesPerItem: 1) else { return }
        values = try raw(count: count).map { $0 != 0 }
        try endColumn()
    }

    mutating func column(_ values: inout [String]) throws {
        guard let (n, bytes) = try header(.strings, bytesPerItem: nil) else { return }
        guard n <= bytes / 4 else { throw DamagedSnapshot(reason: "en tekstkolonne passer ikke") }
        let lengths: [Int32] = try array(n)
        let joined = try raw(count: bytes - n * 4)
        try endColumn()
        var out: [String] = []
        out.reserveCapacity(n)
        var start = 0
        for length in lengths {
            let end = start + Int(length)
            guard length >= 0, end <= joined.count else { throw DamagedSnapshot(reason: "en tekstkolonne passer ikke") }
            out.append(String(decoding: joined[start..<end], as: UTF8.self))
            start = end
        }
        guard start == joined.count else { throw DamagedSnapshot(reason: "en tekstkolonne passer ikke") }
        values = out
    }

    mutating func value<T: Codable & Equatable>(_ value: inout T) throws {
        guard let (count, _) = try header(.json, bytesPerItem: 1) else { return }
        let json = try raw(count: count)
        try endColumn()
        do {
            value = try JSONDecoder().decode(T.self, from: Data(json))
        } catch {
            throw DamagedSnapshot(reason: "en værdi kan ikke læses")
        }
    }
}
