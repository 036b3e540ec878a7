import IndsatsCore
import IndsatsTestSupport
import Testing

@testable import IndsatsAnalytics

@Suite("Svar for roller, der ser alle tal, skåret af de offentliggjorte tabeller")
struct UnhiddenSliceTests {
    /// A random query whose periods are published cells of `published`: whole months, quarters or
    /// years (or one of them as `hele`), the last may end at the data date; no split, one published
    /// breakdown (a crossing in either order) or a filter of one value seen in the tables.
    func sliceQuery(_ published: PublishedMeasure, dataDate: Day, _ rng: inout SeededGenerator) -> KPIQuery? {
        let measure = published.measure
        let kind = [PeriodKind.maaned, .kvartal, .aar, .hele].randomElement(using: &rng)!
        let unitKind = kind == .hele ? Publication.periodKinds.randomElement(using: &rng)! : kind
        let month =
            unitKind == .aar ? 1 : unitKind == .kvartal ? [1, 4, 7, 10].randomElement(using: &rng)! : Int.random(in: 1...12, using: &rng)
        let start = Day(year: Int.random(in: 2023...2025, using: &rng), month: month, day: 1)!
        guard start <= dataDate else { return nil }
        let last = ReportingPeriod.unit(
            containing: kind == .hele ? start : start.adding(months: Int.random(in: 0...14, using: &rng)), unitKind
        ).1
        var query = KPIQuery(measure: measure, window: DayRange(start, min(last, dataDate)), periodKind: kind, monthsAfter: 3)
        let breakdown = Publication.breakdowns(measure).randomElement(using: &rng)!
        if breakdown.count == 1, Bool.random(using: &rng) {
            let seen = published.table(.aar, breakdown)?.rows.map { $0.dimensions[0] } ?? []
            query.filters = [breakdown[0]: [seen.randomElement(using: &rng) ?? "dagpenge"]]
        } else {
            query.splitBy = Bool.random(using: &rng) ? breakdown : breakdown.reversed()
        }
        return query
    }

    @Test(
        "Every measure: a query of published cells, cut from the tables with the hidden values put back, is the engine's own answer but for the source row count",
        arguments: 0..<8)
    func unhiddenEqualsEngine(seed: Int) async {
        let random = RandomRegister(seed: UInt64(900 + seed), people: 40)
        let engine = KPIEngine(random.register, shards: 1)
        let dataDate = Day(year: 2025, month: 3, day: 17)!
        let years = Publication.years(dataDate: dataDate)!
        var rng = SeededGenerator(seed: UInt64(seed))
        var cut = 0
        for measure in Measure.allCases {
            let published = await PublishedMeasure.make(measure: measure, monthsAfter: 3, years: years, through: dataDate) {
                engine.evaluate($0)
            }
            for _ in 0..<15 {
                guard let query = sliceQuery(published, dataDate: dataDate, &rng) else { continue }
                guard let answer = published.unhidden(query) else {
                    #expect(!measure.cellsStandAlone, "\(measure) \(query.window) \(query.periodKind) \(query.splitBy) \(query.filters)")
                    continue
                }
                var exact = engine.evaluate(query)
                exact.sourceRowCount = nil
                let same = answer == exact
                #expect(
                    same,
                    "\(answer.firstDifference(from: exact)) \(measure) \(query.window) \(query.periodKind) \(query.splitBy) \(query.filters)"
                )
                cut += 1
            }
        }
        #expect(cut > 200)
    }

    @Test("Windows that are no published cells, weeks and windows after the data date are not cut; hidden cells show their values")
    func refusalsAndHiddenValues() async {
        let random = RandomRegister(seed: 77, people: 30)
        let engine = KPIEngine(random.register, shards: 1)
        let dataDate = Day(year: 2025, month: 3, day: 17)!
        let published = await PublishedMeasure.make(
            measure: .tilgang, monthsAfter: 3, years: Publication.years(dataDate: dataDate)!, through: dataDate
        ) { engine.evaluate($0) }
        func query(_ from: String, _ to: String, _ kind: PeriodKind) -> KPIQuery {
            KPIQuery(
                measure: .tilgang, window: DayRange(Day(parsing: from)!, Day(parsing: to)!), periodKind: kind, splitBy: [.ydelse],
                monthsAfter: 3)
        }
        #expect(published.unhidden(query("2024-01-02", "2024-12-31", .maaned)) == nil)
        #expect(published.unhidden(query("2024-01-01", "2024-12-30", .hele)) == nil)
        #expect(published.unhidden(query("2024-01-01", "2024-06-30", .hele)) == nil)
        #expect(published.unhidden(query("2024-01-01", "2024-12-31", .uge)) == nil)
        #expect(published.unhidden(query("2025-01-01", "2025-03-31", .maaned)) == nil)
        #expect(published.unhidden(query("2025-01-01", "2025-03-17", .maaned)) != nil)
        #expect(published.unhidden(query("2024-04-01", "2024-06-30", .hele))?.periods.map(\.label) == ["hele"])
        // The hidden cells hold their values for these roles.
        let months = query("2024-01-01", "2024-12-31", .maaned)
        let hidden = published.answer(months).rows.filter(\.suppressed)
        #expect(!hidden.isEmpty)
        let shown = published.unhidden(months)!.rows
        for row in hidden {
            let full = shown.first { $0.dimensions == row.dimensions && $0.period == row.period }
            #expect(full?.suppressed == false && full?.value != nil, "\(row)")
        }
    }
}
