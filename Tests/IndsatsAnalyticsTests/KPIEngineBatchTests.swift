import IndsatsCore
import IndsatsTestSupport
import Testing

@testable import IndsatsAnalytics

@Suite("Flere tabeller af ét mål i én gennemgang")
struct KPIEngineBatchTests {
    @Test(
        "A batch of a measure's tables (totals, each dimension, the crossings, with and without a filter) answers each exactly as the query alone, in 1-3 parts",
        arguments: Measure.allCases)
    func batchEqualsAlone(measure: Measure) {
        var informative = 0
        for seed in 0..<6 as Range<UInt64> {
            let random = RandomRegister(seed: 8_000 + seed, people: 25)
            let window = DayRange(Day(year: 2022, month: 12, day: 1)!, Day(year: 2024, month: 12, day: 31)!)
            let kind = [PeriodKind.maaned, .kvartal, .aar, .uge, .hele][Int(seed) % 5]
            let splits = [[]] + measure.dimensions.map { [$0] } + Publication.crossings(measure) + [Array(measure.dimensions.prefix(3))]
            let filters: [Dimension: Set<String>] =
                measure.dimensions.contains(.ydelse) && seed % 2 == 1 ? [.ydelse: ["dagpenge", "sygedagpenge"]] : [:]
            let queries = splits.map {
                KPIQuery(measure: measure, window: window, periodKind: kind, splitBy: $0, filters: filters, monthsAfter: 3)
            }
            let engine = KPIEngine(random.register, shards: 1 + Int(seed % 3))
            let batch = engine.evaluate(queries)
            #expect(batch.count == queries.count)
            for (query, answer) in zip(queries, batch) {
                let alone = KPIEngine(random.register, shards: 1).evaluate(query)
                #expect(answer == alone, "\(measure) \(kind) \(query.splitBy) seed \(seed)")
                #expect(answer.rows.map(\.base) == alone.rows.map(\.base), "\(measure) \(kind) \(query.splitBy) seed \(seed)")
                informative += alone.rows.count { ($0.value ?? 0) != 0 }
            }
        }
        // The random registers must give the measure something to count, for the measures they have rows for.
        #expect(informative > 0 || [.budgetforbrug, .puljeresultat].contains(measure), "\(measure)")
    }
}
