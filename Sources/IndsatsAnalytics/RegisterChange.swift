extension Register {
    /// The parts whose rows differ from `old`'s: `.all` when anything every part relies on
    /// differs (persons, companies, code lists, the data date, ...), else the parts of
    /// ``visitColumns(_:)`` with a column that differs, and none for the same data.
    ///
    /// A measure's answer rests on those common columns and its query's
    /// ``KPIQuery/registerParts`` only (proved for every measure by the part-read tests), so an
    /// answer whose parts are outside the change is the same on both registers: the server keeps
    /// it across an import instead of computing it again.
    ///
    /// ```swift
    /// let changed = fresh.changedParts(since: old)          // [.conversations] after samtaler.csv
    /// let keep = query.registerParts.isDisjoint(with: changed)
    /// ```
    ///
    /// Columns the refresh reused are the same arrays and compare at once; the others are
    /// compared value by value. Which write a register shows (``storeVersion``) is no change.
    public func changedParts(since old: Register) -> RegisterParts {
        let (before, after) = (old.columnsByPart(), columnsByPart())
        guard before.common == after.common, before.parts.count == after.parts.count else { return .all }
        var changed: RegisterParts = []
        for ((part, a), (_, b)) in zip(before.parts, after.parts) where a != b { changed.formUnion(part) }
        return changed
    }

    /// Every column and small value, those every part relies on apart from each part's own.
    private func columnsByPart() -> (common: [SnapshotColumn], parts: [(RegisterParts, [SnapshotColumn])]) {
        var copy = self
        copy.storeVersion = 0
        var collector = ColumnCollector()
        try? copy.visitColumns(&collector)  // the collector throws nothing
        return (collector.common, collector.parts)
    }
}

/// One column or small value of a snapshot, kept as the value it is (arrays share their
/// storage with the register, so collecting copies nothing).
private enum SnapshotColumn: Equatable {
    case int32([Int32])
    case int([Int])
    case bool([Bool])
    case strings([String])
    /// A small value (the code lists, the data date, ...).
    case value(any Equatable)

    static func == (a: SnapshotColumn, b: SnapshotColumn) -> Bool {
        switch (a, b) {
        case (.int32(let x), .int32(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.strings(let x), .strings(let y)): return x == y
        case (.value(let x), .value(let y)): return same(x, y)
        default: return false
        }
    }
}

/// Collects a register's columns by the part they belong to (``Register/changedParts(since:)``).
private struct ColumnCollector: SnapshotVisitor {
    static var fills: Bool { false }
    var common: [SnapshotColumn] = []
    var parts: [(RegisterParts, [SnapshotColumn])] = []
    private var inPart = false

    mutating func part(_ part: RegisterParts, _ body: (inout Self) throws -> Void, ifSkipped: () -> Void) throws {
        parts.append((part, []))
        inPart = true
        defer { inPart = false }
        try body(&self)
    }

    private mutating func add(_ column: SnapshotColumn) {
        if inPart { parts[parts.count - 1].1.append(column) } else { common.append(column) }
    }

    mutating func column(_ values: inout [Int32]) throws { add(.int32(values)) }
    mutating func column(_ values: inout [Int]) throws { add(.int(values)) }
    mutating func column(_ values: inout [Bool]) throws { add(.bool(values)) }
    mutating func column(_ values: inout [String]) throws { add(.strings(values)) }

    mutating func value<T: Codable & Equatable>(_ value: inout T) throws { add(.value(value)) }
}

/// Whether `b` is an `A` equal to `a`.
private func same<A: Equatable>(_ a: A, _ b: any Equatable) -> Bool { (b as? A) == a }
