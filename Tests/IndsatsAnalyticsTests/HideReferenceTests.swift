import IndsatsCore
import IndsatsTestSupport
import Testing

@testable import IndsatsAnalytics

/// The first way of hiding a published set: every cell found by a key of its kind, breakdown, group and
/// period in one dictionary. Kept as the slow, obviously correct reference `PublishedMeasure.hide` is
/// proved against.
extension PublishedMeasure {
    static func referenceHide(_ tables: [PeriodKind: [[Dimension]: KPIResult]], _ measure: Measure, _ threshold: Int) -> (
        [PeriodKind: [[Dimension]: KPIResult]], withheld: [PeriodKind: [[Dimension]: [Int: Double]]]
    ) {
        // A cell: (kind, breakdown, group, period); the totals' group is [].
        struct Cell: Hashable { var kind: PeriodKind; var breakdown: [Dimension]; var group: [String]; var period: String }
        var index: [Cell: Int] = [:], rows: [(PeriodKind, [Dimension], Int)] = []
        var bases: [Int] = [], values: [Double?] = [], cost: [Int] = []
        let kinds = PeriodKind.allCases.filter { tables[$0] != nil }
        for kind in kinds {
            for (breakdown, result) in tables[kind]!.sorted(by: {
                $0.key.lexicographicallyPrecedes($1.key, by: { $0.rawValue < $1.rawValue })
            }) {
                for (r, row) in result.rows.enumerated() {
                    index[Cell(kind: kind, breakdown: breakdown, group: row.dimensions, period: row.period)] = bases.count
                    rows.append((kind, breakdown, r))
                    bases.append(row.base)
                    values.append(row.value)
                    // Totals, then single breakdowns, are hidden last; years after quarters after months.
                    cost.append((2 - breakdown.count) * 4 + (kind == .aar ? 2 : kind == .kvartal ? 1 : 0))
                }
            }
        }
        var sums: [[Int]] = []
        // Weeks do not nest in months: a week-by-week set has no sums in time.
        let yearTables = tables[.aar] ?? [:]
        for (breakdown, result) in tables[.maaned] ?? [:] {
            for group in Set(result.rows.map(\.dimensions)).sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                for year in yearTables[breakdown]!.periods {
                    let y = year.label
                    let quarterCells = (1...4).map { Cell(kind: .kvartal, breakdown: breakdown, group: group, period: "\(y)-K\($0)") }
                    if let total = index[Cell(kind: .aar, breakdown: breakdown, group: group, period: y)] {
                        sums.append([total] + quarterCells.compactMap { index[$0] })
                    }
                    for (q, quarter) in quarterCells.enumerated() {
                        guard let total = index[quarter] else { continue }
                        let monthCells = (1...3).map {
                            Cell(kind: .maaned, breakdown: breakdown, group: group, period: y + "-" + pad(q * 3 + $0))
                        }
                        sums.append([total] + monthCells.compactMap { index[$0] })
                    }
                }
            }
        }
        // Each cell of a breakdown less one dimension is the sum of the agreeing cells, in every kind.
        for (kind, byBreakdown) in tables {
            for (breakdown, result) in byBreakdown where !breakdown.isEmpty {
                for left in breakdown.indices {
                    var parent = breakdown
                    parent.remove(at: left)
                    guard byBreakdown[parent] != nil else { continue }
                    var parts: [Cell: [Int]] = [:]
                    for row in result.rows {
                        var group = row.dimensions
                        group.remove(at: left)
                        parts[Cell(kind: kind, breakdown: parent, group: group, period: row.period), default: []]
                            .append(index[Cell(kind: kind, breakdown: breakdown, group: row.dimensions, period: row.period)]!)
                    }
                    for (total, cells) in parts { if let total = index[total] { sums.append([total] + cells) } }
                }
            }
        }
        // A cell by hovedydelse is (about) the sum of its codes' cells in the same table by ydelse, and equal to the one
        // code's cell where nothing merged: linked, so neither table gives a hidden cell of the other away.
        for (kind, byBreakdown) in tables {
            for breakdown in byBreakdown.keys {
                guard let at = breakdown.firstIndex(of: .hovedydelse) else { continue }
                var byCode = breakdown
                byCode[at] = .ydelse
                guard let codes = byBreakdown[byCode] else { continue }
                var parts: [Cell: [Int]] = [:]
                for row in codes.rows {
                    var group = row.dimensions
                    group[at] = ReferenceData.mainBenefit(of: group[at])
                    parts[Cell(kind: kind, breakdown: breakdown, group: group, period: row.period), default: []]
                        .append(index[Cell(kind: kind, breakdown: byCode, group: row.dimensions, period: row.period)]!)
                }
                for (total, cells) in parts { if let total = index[total] { sums.append([total] + cells) } }
            }
        }
        sums.sort { $0.lexicographicallyPrecedes($1) }
        let hidden = LinkedCells(bases: bases, values: values, sums: sums, wholeCounts: measure.valueKind == .count, cost: cost)
            .hidden(threshold: threshold)
        return applying(hidden, at: rows, to: tables)
    }
}

@Suite("Skjul af et offentliggjort sæt: hurtigt og som reference")
struct HideReferenceTests {
    @Test("The set is hidden exactly as the reference hides it, cell for cell, on random registers", arguments: Measure.allCases)
    func sameAsReference(measure: Measure) async {
        let dataDate = NewConversationsTests.dataDate
        let years = Publication.years(dataDate: dataDate)!
        for seed in 0..<3 as Range<UInt64> {
            let random = RandomRegister(seed: 40 + seed, people: 40)
            let register = NewConversationsTests().register(random, conversations: random.conversations)
            var raw: [PeriodKind: [[Dimension]: KPIResult]] = [:]
            _ = await PublishedMeasure.make(measure: measure, monthsAfter: 3, years: years, through: dataDate) { queries in
                let results = queries.map { KPIEngine(register).evaluate($0) }
                for result in results { raw[result.query.periodKind, default: [:]][result.query.splitBy] = result }
                return results
            }
            for threshold in [3, 5] {
                let (fast, withheld) = PublishedMeasure.hide(raw, measure, threshold)
                let (slow, slowWithheld) = PublishedMeasure.referenceHide(raw, measure, threshold)
                #expect(fast == slow, "\(measure) seed \(seed) threshold \(threshold)")
                #expect(withheld == slowWithheld)
            }
        }
    }
}
