import IndsatsCore
@testable import IndsatsAnalytics
import Testing

@Suite("Små tal skjules")
struct SmallNumbersTests {
    func result(_ bases: [[Int]]) throws -> KPIResult {
        let q = try KPIQuery.parse(measure: "personer", from: "2024-01-01", to: "2024-12-31", period: "maaned", splitBy: ["ydelse"], filters: [])
        let rows = bases.enumerated().flatMap { g, periods in
            periods.enumerated().map { p, base in
                KPIRow(dimensions: ["G\(g)"], period: "P\(p)", value: Double(base), base: base)
            }
        }
        return KPIResult(query: q, periods: [], rows: rows, sourceRowCount: 0, dataDate: nil)
    }

    func hidden(_ r: KPIResult) -> [[Bool]] {
        Dictionary(grouping: r.rows, by: { $0.dimensions[0] }).sorted { $0.key < $1.key }.map { $0.value.map(\.suppressed) }
    }

    @Test("A small cell hides, and so do the neighbours that would give it away (worked by hand)")
    func workedExample() throws {
        // G0 = [10, 3], G1 = [20, 30], G2 = [0, 40]: 3 is hidden; then 30 (P1's smallest other),
        // 10 (G0's other), and 20 (P0's other non-zero). G2 stays: its 0 reveals no one.
        let shown = SmallNumbers.suppress(try result([[10, 3], [20, 30], [0, 40]]))
        #expect(hidden(shown) == [[true, true], [true, true], [false, false]])
        #expect(shown.rows.filter(\.suppressed).allSatisfy { $0.value == nil })
        #expect(shown.rows.filter { !$0.suppressed }.map(\.value) == [0, 40])
    }

    @Test("Nothing is hidden when every value rests on 5 or more, or on none")
    func nothingSmall() throws {
        let r = try result([[5, 0], [12, 7]])
        #expect(SmallNumbers.suppress(r).rows == r.rows)
    }

    @Test("On random tables: every small cell is hidden, and no period or group has one lone hidden cell beside a visible non-zero one")
    func randomTables() throws {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<300 {
            let groups = Int.random(in: 1...5, using: &rng), periods = Int.random(in: 1...6, using: &rng)
            let bases = (0..<groups).map { _ in (0..<periods).map { _ in [0, 1, 2, 4, 5, 6, 9, 30].randomElement(using: &rng)! } }
            let h = hidden(SmallNumbers.suppress(try result(bases)))
            for g in 0..<groups {
                for p in 0..<periods where bases[g][p] > 0 && bases[g][p] < 5 { #expect(h[g][p], "\(bases)") }
                for p in 0..<periods where bases[g][p] == 0 { #expect(!h[g][p]) }
            }
            let lines = (0..<groups).map { g in (0..<periods).map { (g, $0) } } + (0..<periods).map { p in (0..<groups).map { ($0, p) } }
            for line in lines {
                let hiddenCount = line.count { h[$0.0][$0.1] }
                let visiblePositive = line.contains { !h[$0.0][$0.1] && bases[$0.0][$0.1] > 0 }
                #expect(!(hiddenCount == 1 && visiblePositive), "\(bases) → \(h)")
            }
        }
    }
}
