/// Small-number suppression across tables that share sums: every answer a role with
/// hidden small numbers can get is a cell of one fixed set, and the set's sums (a
/// period's total is the sum of its groups, a year the sum of its quarters, a quarter
/// of its months) are known to anyone. A cell resting on 1-4 units is hidden
/// (primary); then more cells are hidden (secondary) until no hidden cell can be
/// worked out from the visible ones, by two audits:
///
/// - **Linear**: a hidden cell is determined when some combination of the sums,
///   with the visible values put in, leaves that cell alone. Decided exactly by
///   row-reducing the sums over the hidden cells (modulo a large prime, which can
///   only ever report more determined cells than there are, never fewer).
/// - **Bounds** (whole counts): a hidden count is at least 1, as zeros are shown;
///   bounds pushed through the sums (a + b = 2 with both at least 1 gives a = b = 1)
///   must leave every hidden cell with more than one possible value.
///
/// The secondary cell is the visible cell with the smallest base in a sum that holds
/// the determined cell, preferring cells with a lower `cost` (totals cost more).
/// Zeros are never hidden: they reveal no one.
///
/// ```swift
/// // Two groups in one period, and their total: hiding the 3 alone would give it away.
/// let cells = LinkedCells(bases: [3, 40, 43], values: [3, 40, 43], sums: [[2, 0, 1]], wholeCounts: true)
/// cells.hidden(threshold: 5)   // [true, true, false]
/// ```
public struct LinkedCells: Sendable {
    /// The units each cell rests on (persons, rows, companies, a share's denominator).
    public var bases: [Int]
    /// The values shown; used for the bounds audit when `wholeCounts`.
    public var values: [Double?]
    /// Each sum lists its total's cell first, then its parts' cells.
    public var sums: [[Int]]
    /// Whether the values are whole counts that add up (the bounds audit applies).
    public var wholeCounts: Bool
    /// Which visible cells to hide first, lowest first (default 0 for all).
    public var cost: [Int]

    public init(bases: [Int], values: [Double?], sums: [[Int]], wholeCounts: Bool, cost: [Int]? = nil) {
        self.bases = bases
        self.values = values
        self.sums = sums
        self.wholeCounts = wholeCounts
        self.cost = cost ?? Array(repeating: 0, count: bases.count)
    }

    /// Which cells to hide: those resting on 1 to `threshold - 1` units, and enough
    /// others that none of them can be worked out from the visible cells and the sums.
    ///
    /// The sums link the cells into groups that share no sum (a week of a week-by-week set, a
    /// year of a monthly one); each group is hidden on its own, which hides the same cells as
    /// all at once (nothing in one group reads another's), and a group without a small cell
    /// needs nothing. `before`, the same cells' units, values and hiding before a correction
    /// (with the same sums and costs: the same tables' layout), lends its hiding to each group
    /// whose every cell rests on the same units with the same value as then.
    public func hidden(threshold: Int, before: (bases: [Int], values: [Double?], hidden: [Bool])? = nil) -> [Bool] {
        precondition(before.map { [$0.bases.count, $0.values.count, $0.hidden.count] == Array(repeating: bases.count, count: 3) } ?? true)
        var hidden = bases.map { $0 > 0 && $0 < threshold }
        guard hidden.contains(true) else { return hidden }
        for (group, sums) in linkedGroups() where group.contains(where: { hidden[$0] }) {
            if let before, group.allSatisfy({ bases[$0] == before.bases[$0] && values[$0] == before.values[$0] }) {
                for cell in group { hidden[cell] = before.hidden[cell] }
            } else {
                for (cell, isHidden) in zip(group, cells(group, sums).hiddenTogether(threshold: threshold)) { hidden[cell] = isHidden }
            }
        }
        return hidden
    }

    /// The cells in groups linked by the sums, each group's cells in increasing order, with the
    /// sums within it (by their place in ``sums``, in order).
    func linkedGroups() -> [(cells: [Int], sums: [Int])] {
        var parent = Array(bases.indices)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for sum in sums { for cell in sum.dropFirst() { parent[root(cell)] = root(sum[0]) } }
        var groups: [Int: (cells: [Int], sums: [Int])] = [:]
        for cell in bases.indices { groups[root(cell), default: ([], [])].cells.append(cell) }
        for (s, sum) in sums.enumerated() { groups[root(sum[0])]!.sums.append(s) }
        return groups.values.sorted { $0.cells[0] < $1.cells[0] }
    }

    /// The cells `group` (increasing, a whole linked group) and its sums (places in ``sums``), numbered from 0 in the same order.
    func cells(_ group: [Int], _ groupSums: [Int]) -> LinkedCells {
        var local = [Int: Int](minimumCapacity: group.count)
        for (i, cell) in group.enumerated() { local[cell] = i }
        return LinkedCells(
            bases: group.map { bases[$0] }, values: group.map { values[$0] }, sums: groupSums.map { sums[$0].map { local[$0]! } },
            wholeCounts: wholeCounts, cost: group.map { cost[$0] })
    }

    /// ``hidden(threshold:before:)`` for cells hidden all at once, nothing lent from before.
    func hiddenTogether(threshold: Int) -> [Bool] {
        var hidden = bases.map { $0 > 0 && $0 < threshold }
        guard hidden.contains(true) else { return hidden }
        var sumsOf = Array(repeating: [Int](), count: bases.count)
        for (s, sum) in sums.enumerated() { for cell in Set(sum) { sumsOf[cell].append(s) } }
        var hopeless = Set<Int>(), audited: [[Int]: Set<Int>] = [:]
        while true {
            // A sum with one hidden cell gives it away at once: cheap, and most of the work;
            // the full audits run when no such sum is left.
            let lone = Set(
                sums.compactMap { sum -> Int? in
                    let inSum = sum.filter { hidden[$0] }
                    return inSum.count == 1 ? inSum[0] : nil
                }
            ).subtracting(hopeless)
            let determined = lone.isEmpty ? determinedCells(hidden, sumsOf, &audited).filter { !hopeless.contains($0) } : lone
            guard !determined.isEmpty else { return hidden }
            // One more hidden cell per determined cell, unless a sum of it already got one this round.
            var touched = Set<Int>(), changed = false
            for cell in determined.sorted() where !sumsOf[cell].contains(where: touched.contains) {
                let candidates = sumsOf[cell].flatMap { s in sums[s].map { (s, $0) } }.filter { !hidden[$0.1] && bases[$0.1] > 0 }
                guard let pick = candidates.min(by: { (cost[$0.1], bases[$0.1], $0.1) < (cost[$1.1], bases[$1.1], $1.1) }) else {
                    hopeless.insert(cell)
                    continue
                }
                hidden[pick.1] = true
                touched.formUnion(sumsOf[pick.1])
                changed = true
            }
            // Lone cells that cannot be helped leave the full audits still to run.
            if !changed && lone.isEmpty { return hidden }
        }
    }

    /// The hidden cells the visible ones and the sums give away.
    func determinedCells(_ hidden: [Bool], _ sumsOf: [[Int]], _ audited: inout [[Int]: Set<Int>]) -> Set<Int> {
        var found = linearlyDetermined(hidden, sumsOf, &audited)
        if wholeCounts { found.formUnion(boundedDetermined(hidden)) }
        return found
    }

    /// Row-reduces the sums over the hidden cells, one connected group of hidden cells at a
    /// time; a group whose hidden cells are the same as in an earlier round is not reduced again.
    func linearlyDetermined(_ hidden: [Bool], _ sumsOf: [[Int]], _ audited: inout [[Int]: Set<Int>]) -> Set<Int> {
        // Union-find over hidden cells that share a sum.
        var parent = Array(0..<bases.count)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var active: [Int] = []
        for (s, sum) in sums.enumerated() {
            let inSum = sum.filter { hidden[$0] }
            guard let first = inSum.first else { continue }
            active.append(s)
            for other in inSum.dropFirst() { parent[root(other)] = root(first) }
        }
        var groups: [Int: [Int]] = [:]
        for s in active { groups[root(sums[s].first { hidden[$0] }!), default: []].append(s) }
        var found = Set<Int>()
        for rows in groups.values {
            let cells = Set(rows.flatMap { sums[$0].filter { hidden[$0] } }).sorted()
            if let known = audited[cells] {
                found.formUnion(known)
                continue
            }
            var matrix: [[Int: Int64]] = rows.map { s in
                var row: [Int: Int64] = [:]
                for (i, cell) in sums[s].enumerated() where hidden[cell] {
                    row[cell] = ((row[cell] ?? 0) + (i == 0 ? Self.prime - 1 : 1)) % Self.prime
                }
                return row.filter { $0.value != 0 }
            }
            let determined = Self.unitVectors(&matrix)
            audited[cells] = determined
            found.formUnion(determined)
        }
        return found
    }

    static let prime: Int64 = 2_147_483_647

    /// The cells `c` whose unit vector lies in the row space of `rows` (sparse rows, cell to
    /// coefficient modulo ``prime``): Gauss-Jordan elimination, each pivot on the column in
    /// fewest rows (little fill-in); in the reduced rows, a unit vector of the space is a row.
    static func unitVectors(_ rows: inout [[Int: Int64]]) -> Set<Int> {
        var rowsOf: [Int: Set<Int>] = [:]
        for (r, row) in rows.enumerated() { for c in row.keys { rowsOf[c, default: []].insert(r) } }
        var pivots: [(row: Int, column: Int)] = []
        for r in rows.indices {
            guard let c = rows[r].keys.min(by: { (rowsOf[$0]!.count, $0) < (rowsOf[$1]!.count, $1) }) else { continue }
            let inverse = power(rows[r][c]!, prime - 2)
            for (k, v) in rows[r] { rows[r][k] = v * inverse % prime }
            let pivot = rows[r]
            for other in rowsOf[c]! where other != r {
                let f = rows[other][c]!
                for (k, v) in pivot {
                    let value = ((rows[other][k] ?? 0) - f * v % prime + prime) % prime
                    if value == 0 {
                        rows[other][k] = nil
                        rowsOf[k]!.remove(other)
                    } else {
                        if rows[other][k] == nil { rowsOf[k]!.insert(other) }
                        rows[other][k] = value
                    }
                }
            }
            pivots.append((r, c))
        }
        return Set(pivots.filter { rows[$0.row].count == 1 }.map(\.column))
    }

    static func power(_ base: Int64, _ exponent: Int64) -> Int64 {
        var result: Int64 = 1, b = base % prime, e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result * b % prime }
            b = b * b % prime
            e >>= 1
        }
        return result
    }

    /// Bounds pushed through the sums: every hidden count at least 1; a cell whose
    /// lowest and highest possible values meet is determined.
    func boundedDetermined(_ hidden: [Bool]) -> Set<Int> {
        let unbounded = 1 << 40
        var lo = bases.indices.map { hidden[$0] ? 1 : Int((values[$0] ?? 0).rounded()) }
        var hi = bases.indices.map { hidden[$0] ? unbounded : lo[$0] }
        let active = sums.filter { $0.contains { hidden[$0] } }
        var changed = true, rounds = 0
        while changed && rounds < 50 {
            changed = false
            rounds += 1
            for sum in active {
                // total = Σ parts: the total's range is the parts' summed; a part's is the total's less the other parts'.
                var partsLo = 0, partsHi = 0
                for j in 1..<sum.count {
                    partsLo += lo[sum[j]]
                    partsHi += hi[sum[j]]
                }
                for i in 0..<sum.count where hidden[sum[i]] {
                    let cell = sum[i]
                    let low = i == 0 ? partsLo : lo[sum[0]] - (partsHi - hi[cell])
                    let high = i == 0 ? partsHi : hi[sum[0]] - (partsLo - lo[cell])
                    let newLo = max(lo[cell], min(low, unbounded)), newHi = min(hi[cell], max(high, -unbounded))
                    if newLo > lo[cell] { lo[cell] = newLo; changed = true }
                    if newHi < hi[cell] && high < unbounded / 2 { hi[cell] = newHi; changed = true }
                }
            }
        }
        return Set(bases.indices.filter { hidden[$0] && lo[$0] == hi[$0] })
    }
}
