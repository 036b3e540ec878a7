import IndsatsCore
import Testing

@testable import IndsatsAnalytics

/// A groups × months table of counts with its margins: each group's year, each month's
/// total and the grand total; cells numbered groups first, then group years, month totals, grand total.
struct SmallTable {
    var groups: Int, months: Int
    var counts: [Int]  // groups × months

    var cellCount: Int { groups * months + groups + months + 1 }
    func cell(_ g: Int, _ m: Int) -> Int { g * months + m }
    func year(_ g: Int) -> Int { groups * months + g }
    func total(_ m: Int) -> Int { groups * months + groups + m }
    var grand: Int { cellCount - 1 }

    var values: [Int] {
        var v = counts
        for g in 0..<groups { v.append((0..<months).reduce(0) { $0 + counts[cell(g, $1)] }) }
        for m in 0..<months { v.append((0..<groups).reduce(0) { $0 + counts[cell($1, m)] }) }
        v.append(counts.reduce(0, +))
        return v
    }

    var sums: [[Int]] {
        (0..<groups).map { g in [year(g)] + (0..<months).map { cell(g, $0) } }
            + (0..<months).map { m in [total(m)] + (0..<groups).map { cell($0, m) } }
            + [[grand] + (0..<groups).map(year), [grand] + (0..<months).map(total)]
    }

    func published() -> (values: [Int], hidden: [Bool]) {
        let v = values
        let cost = (0..<cellCount).map { $0 >= groups * months ? 1 : 0 }
        let hidden = LinkedCells(bases: v, values: v.map(Double.init), sums: sums, wholeCounts: true, cost: cost).hidden(threshold: 5)
        return (v, hidden)
    }
}

@Suite("Skjulte små tal på tværs af tabeller")
struct LinkedSuppressionTests {
    @Test("By hand: a lone small cell takes a neighbour in its period and in its group, and their crossing cell")
    func workedExample() {
        // G0 = [3, 20], G1 = [30, 40]: the 3 is hidden; its month total and its group's year are shown,
        // so 30 (the month's other part) and 20 (the group's other month) go, and then 40 to protect those.
        let table = SmallTable(groups: 2, months: 2, counts: [3, 20, 30, 40])
        let (_, hidden) = table.published()
        #expect(Array(hidden.prefix(4)) == [true, true, true, true])
        #expect(Array(hidden.dropFirst(4)) == [false, false, false, false, false])
    }

    @Test("Two hidden ones in a sum of 2 are not left alone: a third cell is hidden")
    func boundsAudit() {
        // Month 0 has parts 1 and 1 (both small) and a total of 2: each must be 1, unless more is hidden.
        let cells = LinkedCells(
            bases: [1, 1, 9, 2, 11, 13], values: [1, 1, 9, 2, 11, 13].map(Double.init),
            sums: [[3, 0, 1], [4, 2], [5, 3, 4]], wholeCounts: true)
        let hidden = cells.hidden(threshold: 5)
        #expect(hidden[0] && hidden[1])
        #expect(hidden.filter { $0 }.count > 2)
    }

    /// Every table the attacker cannot tell from `table` (the same cells shown, the same
    /// cells hidden, every hidden count at least 1, any size), by exhaustive search over
    /// the hidden cells' counts; the hidden cells with one possible value.
    func determined(_ table: SmallTable) -> [Int] {
        let (values, hidden) = table.published()
        guard hidden.contains(true) else { return [] }
        // No count exceeds the grand total; when that is hidden too, twice what is shown bounds it.
        let bound =
            hidden[table.grand]
            ? 2 * values.enumerated().filter { !hidden[$0.offset] }.map(\.element).reduce(0, +) + 10 : values[table.grand]
        var seen = Array(repeating: Set<Int>(), count: table.cellCount)
        var counts = table.counts
        func search(_ i: Int) {
            if i == counts.count {
                let candidate = SmallTable(groups: table.groups, months: table.months, counts: counts).values
                for c in 0..<table.cellCount where hidden[c] ? candidate[c] < 1 : candidate[c] != values[c] { return }
                for c in 0..<table.cellCount where hidden[c] { seen[c].insert(candidate[c]) }
                return
            }
            let g = i / table.months, m = i % table.months
            // A row whose year is shown must still be able to reach it; a column likewise.
            func fits() -> Bool {
                if m == table.months - 1, !hidden[table.year(g)],
                    (0..<table.months).reduce(0, { $0 + counts[table.cell(g, $1)] }) != values[table.year(g)]
                {
                    return false
                }
                if !hidden[table.year(g)], (0...m).reduce(0, { $0 + counts[table.cell(g, $1)] }) > values[table.year(g)] { return false }
                if g == table.groups - 1, !hidden[table.total(m)],
                    (0..<table.groups).reduce(0, { $0 + counts[table.cell($1, m)] }) != values[table.total(m)]
                {
                    return false
                }
                return true
            }
            let rowSoFar = (0..<m).reduce(0) { $0 + counts[table.cell(g, $1)] },
                columnSoFar = (0..<g).reduce(0) { $0 + counts[table.cell($1, m)] }
            let choices: [Int]
            if !hidden[i] {
                choices = [values[i]]
            } else if m == table.months - 1, !hidden[table.year(g)] {
                choices = [values[table.year(g)] - rowSoFar]  // the row's shown year leaves one value
            } else if g == table.groups - 1, !hidden[table.total(m)] {
                choices = [values[table.total(m)] - columnSoFar]
            } else {
                let rowRoom = hidden[table.year(g)] ? bound : values[table.year(g)] - rowSoFar
                let columnRoom = hidden[table.total(m)] ? bound : values[table.total(m)] - columnSoFar
                choices = Array(stride(from: 1, through: min(rowRoom, columnRoom), by: 1))
            }
            for v in choices where hidden[i] ? v >= 1 : true {
                counts[i] = v
                if fits() { search(i + 1) }
            }
            counts[i] = table.counts[i]
        }
        search(0)
        return (0..<table.cellCount).filter { hidden[$0] && seen[$0].count == 1 }
    }

    @Test(
        "Brute force, every 2×2 table with counts 0-6: no hidden cell can be worked out from what is shown, the sums, and that hidden counts are at least 1"
    )
    func everySmallTable() {
        var leaking: [String] = []
        var counts = [0, 0, 0, 0]
        repeat {
            let table = SmallTable(groups: 2, months: 2, counts: counts)
            if let cell = determined(table).first { leaking.append("\(counts) celle \(cell)") }
            var i = 0
            while i < 4 && counts[i] == 6 { counts[i] = 0; i += 1 }
            if i == 4 { break }
            counts[i] += 1
        } while true
        #expect(leaking.isEmpty, "\(leaking.count) tabeller, fx \(leaking.prefix(5))")
    }

    @Test("Brute force on random 2×3 and 3×2 tables: no hidden cell can be worked out")
    func randomTables() {
        var rng = SeededGenerator(seed: 15)
        var leaking: [String] = []
        for (groups, months, most, rounds) in [(2, 3, 8, 25), (3, 2, 8, 25)] {
            for _ in 0..<rounds {
                // Mostly small counts, so tables have hidden cells.
                let counts = (0..<groups * months).map { _ in Int.random(in: 0...(Bool.random(using: &rng) ? 4 : most), using: &rng) }
                let table = SmallTable(groups: groups, months: months, counts: counts)
                if let cell = determined(table).first { leaking.append("\(groups)×\(months) \(counts) celle \(cell)") }
            }
        }
        #expect(leaking.isEmpty, "\(leaking.count) tabeller, fx \(leaking.prefix(5))")
    }

    /// A few random tables that share no sum, their cells numbered in a random order (a group is not a run of numbers).
    static func separateTables(_ rng: inout SeededGenerator, wholeCounts: Bool) -> LinkedCells {
        let tables = (0..<Int.random(in: 1...5, using: &rng)).map { _ in
            let (groups, months) = (Int.random(in: 1...4, using: &rng), Int.random(in: 1...5, using: &rng))
            return SmallTable(groups: groups, months: months, counts: (0..<groups * months).map { _ in Int.random(in: 0...9, using: &rng) })
        }
        let count = tables.reduce(0) { $0 + $1.cellCount }
        let place = Array(0..<count).shuffled(using: &rng)
        var (bases, cost) = (Array(repeating: 0, count: count), Array(repeating: 0, count: count))
        var sums: [[Int]] = [], offset = 0
        for table in tables {
            for (cell, base) in table.values.enumerated() {
                (bases[place[cell + offset]], cost[place[cell + offset]]) = (base, cell >= table.groups * table.months ? 1 : 0)
            }
            sums += table.sums.map { sum in [place[sum[0] + offset]] + sum.dropFirst().map { place[$0 + offset] }.sorted() }
            offset += table.cellCount
        }
        return LinkedCells(bases: bases, values: bases.map(Double.init), sums: sums, wholeCounts: wholeCounts, cost: cost)
    }

    @Test("Hiding each group of linked cells on its own hides the same cells as hiding all at once", arguments: [true, false])
    func groupsAloneAsTogether(wholeCounts: Bool) {
        var rng = SeededGenerator(seed: wholeCounts ? 21 : 22)
        for round in 0..<40 {
            let cells = Self.separateTables(&rng, wholeCounts: wholeCounts)
            #expect(cells.linkedGroups().count > 1 || cells.bases.count <= 4 * 5 + 4 + 5 + 1)
            #expect(cells.hidden(threshold: 5) == cells.hiddenTogether(threshold: 5), "round \(round)")
        }
    }

    @Test(
        "After a correction, groups whose cells are as before are hidden as before, the rest anew: as hiding all anew",
        arguments: [true, false])
    func correctedAsAnew(wholeCounts: Bool) {
        var rng = SeededGenerator(seed: wholeCounts ? 23 : 24)
        for round in 0..<300 {
            let before = Self.separateTables(&rng, wholeCounts: wholeCounts)
            var after = before
            // A few cells changed: the units, or (a share's numerator) the value alone.
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let cell = Int.random(in: 0..<after.bases.count, using: &rng)
                if Bool.random(using: &rng) { after.bases[cell] = Int.random(in: 0...9, using: &rng) }
                after.values[cell] = Double(Int.random(in: 0...9, using: &rng))
            }
            let old = (bases: before.bases, values: before.values, hidden: before.hidden(threshold: 5))
            #expect(after.hidden(threshold: 5, before: old) == after.hidden(threshold: 5), "round \(round)")
        }
    }
}
