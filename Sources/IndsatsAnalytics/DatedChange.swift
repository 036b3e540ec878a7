import Foundation
import IndsatsCore

/// What an import changed, when that is rows of parts whose rows carry a day, and only
/// from some day on: the parts, and the first day on which their rows differ.
///
/// A figure for a period that ends before ``from`` then stands, for every measure that
/// reads those parts only up to each period's last day (``Measure/readsUpToPeriodEnd``):
/// the server corrects such a table from the first period the change reaches, instead of
/// computing ten years again (``PublishedMeasure/corrected(after:replacing:evaluate:)``).
///
/// ```swift
/// // After a samtaler.csv with one conversation dated 14-10-2026:
/// let change = fresh.datedChange(fresh.changedParts(since: old), since: old)   // [.conversations] from 14-10-2026
/// ```
public struct DatedChange: Sendable, Equatable {
    /// The parts whose rows differ.
    public var parts: RegisterParts
    /// Rows of those parts dated before this day are the same before and after.
    public var from: Day
    /// The persons whose own rows of those parts differ (ascending): every other person's part
    /// of a measure that adds up by person is as it was (``KPIResult/replacingPart(_:with:)``).
    public var persons: [Int32]

    /// The parts a change can be dated in: those whose columns this file reads a first changed day from.
    static let datedParts: RegisterParts = [.conversations]

    /// Both changes as one: the parts of either, from the earlier day.
    public func merged(with other: DatedChange) -> DatedChange {
        DatedChange(parts: parts.union(other.parts), from: min(from, other.from), persons: Array(Set(persons + other.persons)).sorted())
    }
}

extension Register {
    /// The change since `old`, whose changed parts (``changedParts(since:)``) are `parts`, as a
    /// ``DatedChange``, when only dated parts changed (and something did); `nil` otherwise
    /// (anything every part rests on, or an undated part).
    ///
    /// The day is found from the columns themselves, whatever way the register was read:
    /// conversations are sorted by day (and each person's by day), so the first row that
    /// differs carries the earliest day on which the rows differ. Rows of one day in another
    /// order count as a change from that day, which only costs a period more to compute.
    public func datedChange(_ parts: RegisterParts, since old: Register) -> DatedChange? {
        guard !parts.isEmpty, parts != .all, DatedChange.datedParts.isSuperset(of: parts) else { return nil }
        // Both with each person's conversations and states (a register read without conversations has none).
        for r in [self, old] where r.personConversationOffsets.count != personCount + 1 || r.responsibleOffsets.count != personCount + 1 {
            return nil
        }
        let (first, persons) = firstChangedConversationDay(since: old)
        // Columns that differ without a differing day cannot be: then nothing is dated.
        guard first != .max else { return nil }
        return DatedChange(parts: parts, from: Day(ordinal: first), persons: persons)
    }

    /// The earliest day of a conversation, a person's conversation or a state of who has a
    /// person that differs from `old`'s (`Int32.max` for none), and the persons whose own
    /// conversations or states differ. Persons are the same in both.
    private func firstChangedConversationDay(since old: Register) -> (Int32, persons: [Int32]) {
        let rows = [
            (conversationType, old.conversationType), (conversationUnit, old.conversationUnit),
            (conversationStaff, old.conversationStaff), (conversationHeldBy, old.conversationHeldBy),
        ]
        var touched = Set<Int32>()
        /// The earliest day at which some person's rows of day-sorted columns (given by their offsets) differ; notes the person.
        func byPerson(_ offsets: [Int], _ oldOffsets: [Int], _ days: [Int32], _ oldDays: [Int32], _ others: [([Int32], [Int32])]) -> Int32 {
            var first = Int32.max
            func check(_ p: Int) {
                let day = firstDifference(days, oldDays, others, offsets[p]..<offsets[p + 1], oldOffsets[p]..<oldOffsets[p + 1])
                if day != .max { touched.insert(Int32(p)) }
                first = min(first, day)
            }
            // Runs of persons with as many rows as before (their rows moved by one shift) are compared whole, a
            // memory compare; only a run that differs, and a person whose count differs, person by person.
            var p = 0
            while p < personCount {
                let shift = offsets[p] - oldOffsets[p]
                var q = p
                while q < personCount && offsets[q + 1] - oldOffsets[q + 1] == shift { q += 1 }
                let (rows, oldRows) = (offsets[p]..<offsets[q], oldOffsets[p]..<oldOffsets[q])
                if !(sameRows(days, rows, oldDays, oldRows) && others.allSatisfy { sameRows($0.0, rows, $0.1, oldRows) }) {
                    for k in p..<q { check(k) }
                }
                if q < personCount { check(q) }
                p = q + 1
            }
            return first
        }
        let first = min(
            firstDifference(conversationDay, old.conversationDay, rows, conversationDay.indices, old.conversationDay.indices),
            byPerson(
                personConversationOffsets, old.personConversationOffsets, personConversationDay, old.personConversationDay,
                [(personConversationHeldBy, old.personConversationHeldBy)]),
            byPerson(
                responsibleOffsets, old.responsibleOffsets, responsibleDay, old.responsibleDay,
                [(responsibleUnit, old.responsibleUnit), (responsibleStaff, old.responsibleStaff)]))
        return (first, touched.sorted())
    }
}

/// Whether `column`'s rows `rows` hold what `oldColumn`'s `oldRows` hold (as many), compared as memory.
private func sameRows(_ column: [Int32], _ rows: Range<Int>, _ oldColumn: [Int32], _ oldRows: Range<Int>) -> Bool {
    guard rows.count == oldRows.count, !rows.isEmpty else { return rows.count == oldRows.count }
    return column.withUnsafeBufferPointer { new in
        oldColumn.withUnsafeBufferPointer { old in
            memcmp(new.baseAddress! + rows.lowerBound, old.baseAddress! + oldRows.lowerBound, rows.count * MemoryLayout<Int32>.stride) == 0
        }
    }
}

/// The day of the first row at which two lists of rows sorted by day, `mine` of the new columns
/// and `theirs` of the old, differ (in the day or in any of `others`, each a column of both), the
/// earlier of the two rows there; every row of an earlier day is then in both, in the same place.
/// `Int32.max` when they are equal.
private func firstDifference(
    _ days: [Int32], _ oldDays: [Int32], _ others: [([Int32], [Int32])], _ mine: Range<Int>, _ theirs: Range<Int>
) -> Int32 {
    let common = min(mine.count, theirs.count)
    var i = 0
    while i < common && days[mine.lowerBound + i] == oldDays[theirs.lowerBound + i]
        && others.allSatisfy({ $0.0[mine.lowerBound + i] == $0.1[theirs.lowerBound + i] })
    {
        i += 1
    }
    return min(i < mine.count ? days[mine.lowerBound + i] : .max, i < theirs.count ? oldDays[theirs.lowerBound + i] : .max)
}

extension KPIQuery {
    /// Whether an answer to the query can be corrected after `change` from the first period it
    /// reaches: the query reads no part of it, or only parts its measure reads up to each period's end.
    func correctable(after change: DatedChange) -> Bool {
        change.parts.intersection(registerParts).isSubset(of: measure.readsUpToPeriodEnd)
    }

    /// The same query over its periods that end on `day` or later (each the same days as in
    /// the whole window), and how many periods come before them; `nil` when none does.
    func periods(endingFrom day: Day) -> (query: KPIQuery, before: Int)? {
        let periods = ReportingPeriod.split(window, by: periodKind)
        guard let first = periods.firstIndex(where: { $0.days.end >= day }) else { return nil }
        var tail = self
        tail.window = DayRange(periods[first].days.start, window.end)
        return (tail, first)
    }
}

extension KPIResult {
    /// Whether the rows are laid out as the engine lays them out: each group's rows one for each
    /// period, in the periods' order (what ``replacingPeriods(from:with:)`` relies on).
    public var isGroupByPeriod: Bool {
        let labels = periods.map(\.label)
        guard !labels.isEmpty, rows.count % labels.count == 0 else { return rows.isEmpty }
        return rows.indices.allSatisfy { i in
            rows[i].period == labels[i % labels.count] && rows[i].dimensions == rows[i - i % labels.count].dimensions
        }
    }

    /// This answer with the periods of `tail` (an answer to the same query over the periods
    /// from `before` on, ``KPIQuery/periods(endingFrom:)``) taken from it: the groups seen in
    /// either part, each with a row for every period, as the engine answers the whole window.
    /// A group is seen in this answer's first periods when a row there rests on something;
    /// the engine makes a group only for a cell it adds to, and every addition counts in the
    /// cell's base. The count of source rows cannot be split by period, so it is left out.
    func replacingPeriods(from before: Int, with tail: KPIResult) -> KPIResult {
        let (count, tailCount) = (periods.count, tail.periods.count)
        precondition(before + tailCount == count && tail.periods.map(\.label) == periods[before...].map(\.label))
        let empty = query.measure.emptyCellValue
        func fill(_ group: [String], _ periods: ArraySlice<ReportingPeriod>) -> [KPIRow] {
            periods.map { KPIRow(dimensions: group, period: $0.label, value: empty) }
        }
        var head: [[String]: ArraySlice<KPIRow>] = [:], rest: [[String]: ArraySlice<KPIRow>] = [:]
        for start in stride(from: 0, to: rows.count, by: count) {
            let first = rows[start..<(start + before)]
            if query.splitBy.isEmpty || first.contains(where: { $0.base > 0 }) { head[rows[start].dimensions] = first }
        }
        for start in stride(from: 0, to: tail.rows.count, by: tailCount) {
            rest[tail.rows[start].dimensions] = tail.rows[start..<(start + tailCount)]
        }
        var out = tail
        out.query = query
        out.periods = periods
        out.rows = Set(head.keys).union(rest.keys).sorted { $0.lexicographicallyPrecedes($1) }.flatMap { group in
            Array(head[group] ?? fill(group, periods[..<before])[...]) + Array(rest[group] ?? fill(group, tail.periods[...])[...])
        }
        out.sourceRowCount = nil
        return out
    }
}

extension PublishedMeasure {
    /// Whether the set can be corrected after `change` (``corrected(after:replacing:evaluate:)``).
    public func correctable(after change: DatedChange) -> Bool { queries.allSatisfy { $0.correctable(after: change) } }

    /// The set on the register after `change`, which it must be ``correctable(after:)``: tables
    /// whose query reads nothing of the change as they were; those in `parts` with their changed
    /// part replaced (``KPIResult/replacePart(_:with:)``: the touched persons' or days' part before
    /// and after, ``KPIQuery/changedParts(of:after:old:fresh:prices:personLimit:)``); the others with the periods that end on or after
    /// its day computed again with `evaluate` (asked for all at once) and the earlier ones kept;
    /// all hidden again as one set, exactly as ``make(measure:monthsAfter:years:through:threshold:evaluate:)``
    /// makes it on the new register (`DatedChangeTests`, `PersonPartTests`).
    public func corrected(
        after change: DatedChange, replacing parts: [KPIQuery: (old: KPIResult, new: KPIResult)] = [:],
        evaluate: ([KPIQuery]) async throws -> [KPIResult]
    ) async rethrows -> PublishedMeasure {
        // The engine's values again, to hide with the new ones.
        var raw = rawTables
        var tails: [(kind: PeriodKind, breakdown: [Dimension], before: Int, query: KPIQuery)] = []
        for (kind, byBreakdown) in tables {
            for (breakdown, table) in byBreakdown {
                guard !table.query.registerParts.isDisjoint(with: change.parts) else { continue }
                if let part = parts[table.query], table.isGroupByPeriod {
                    raw[kind]![breakdown]!.replacePart(part.old, with: part.new)
                    continue
                }
                guard let (tail, before) = table.query.periods(endingFrom: change.from) else { continue }
                // A table not laid out as the engine lays it out (read from a damaged file, say) is computed whole.
                tails.append(table.isGroupByPeriod ? (kind, breakdown, before, tail) : (kind, breakdown, 0, table.query))
            }
        }
        for ((kind, breakdown, before, _), answer) in zip(tails, try await evaluate(tails.map(\.query))) {
            raw[kind]![breakdown] = raw[kind]![breakdown]!.replacingPeriods(from: before, with: answer)
        }
        return PublishedMeasure(
            measure: measure, monthsAfter: monthsAfter, years: years, end: end, raw: raw, dataDate: dataDate, threshold: threshold,
            previous: self)
    }
}
