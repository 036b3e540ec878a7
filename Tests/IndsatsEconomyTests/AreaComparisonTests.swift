import IndsatsAnalytics
import IndsatsCore
import Testing

@testable import IndsatsEconomy

@Suite("Kommunen mod landet")
struct AreaComparisonTests {
    @Test("Per 1.000 inhabitants, ranks from the lowest, the country shown but not ranked, and the change in rank since the year before")
    func ranks() {
        let figures = [
            NationalFigure(area: "Hele landet", period: "2025", measure: "fuldtidspersoner", value: 600_000, population: 3_700_000),
            NationalFigure(area: "169 Høje-Taastrup", period: "2025", measure: "fuldtidspersoner", value: 1, population: 20_000),
            NationalFigure(area: "169 Høje-Taastrup", period: "2024", measure: "fuldtidspersoner", value: 1, population: 20_000),
            NationalFigure(area: "151 Ballerup", period: "2025", measure: "fuldtidspersoner", value: 3_000, population: 30_000),
            NationalFigure(area: "151 Ballerup", period: "2024", measure: "fuldtidspersoner", value: 4_000, population: 30_000),
            NationalFigure(area: "183 Ishøj", period: "2025", measure: "fuldtidspersoner", value: 2_400, population: 12_000),
            NationalFigure(area: "183 Ishøj", period: "2024", measure: "fuldtidspersoner", value: 1_000, population: 12_000),
            NationalFigure(area: "183 Ishøj", period: "2025-K1", measure: "fuldtidspersoner", value: 9, population: 12_000),
        ]
        let c = AreaComparison.make(
            figures, measure: .fuldtidspersoner, benefit: nil, period: "2025", own: ("169 Høje-Taastrup", 2_500, 3_000))
        #expect(c.previous == "2024" && c.ranked == 3)
        #expect(c.rows.map(\.area) == ["169 Høje-Taastrup", "Hele landet", "151 Ballerup", "183 Ishøj"])
        // Own: 2.500 / 20.000 = 125 per 1.000 (from the register's figure, not the file's 1); Ballerup 100; Ishøj 200.
        #expect(c.rows.map(\.perThousand) == [125, 600_000.0 / 3_700_000 * 1_000, 100, 200])
        #expect(c.rows.map(\.rank) == [2, nil, 1, 3])
        // 2024: Ishøj 83,3, own 150, Ballerup 133,3.
        #expect(c.rows.map(\.rankBefore) == [3, nil, 2, 1])
        #expect(AreaComparison.subjects(figures).map(\.periods) == [["2024", "2025", "2025-K1"]])
        // Only the peers asked for, but the rank among all.
        let few = AreaComparison.make(
            figures, measure: .fuldtidspersoner, benefit: nil, period: "2025", own: ("169 Høje-Taastrup", 2_500, nil), peers: ["183 Ishøj"])
        #expect(
            few.rows.map(\.area) == ["169 Høje-Taastrup", "Hele landet", "183 Ishøj"] && few.rows[0].rank == 2
                && few.rows[0].rankBefore == nil)
    }

    @Test("Period labels: months, quarters and years parse; anything else is no period")
    func periods() {
        #expect(
            ReportingPeriod(parsing: "2024-03")?.days == DayRange(Day(year: 2024, month: 3, day: 1)!, Day(year: 2024, month: 3, day: 31)!))
        #expect(ReportingPeriod(parsing: "2024-K4")?.days.start == Day(year: 2024, month: 10, day: 1)!)
        #expect(ReportingPeriod(parsing: "2024")?.kind == .aar && ReportingPeriod(parsing: "2024-K1")?.kind == .kvartal)
        for bad in ["2024-13", "2024-K5", "2024-3", "24", "2024-W09", "hele", "2024-03-01", ""] {
            #expect(ReportingPeriod(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("The names files may give for a measure are exactly the measures")
    func measureNames() {
        #expect(MeasureNames.all == Measure.allCases.map(\.rawValue))
    }
}
