import IndsatsCore
import IndsatsTestSupport
import Testing

@testable import IndsatsAnalytics

@Suite("Offentliggjorte tabeller for roller med skjulte små tal")
struct PublicationTests {
    let years = 2015...2024

    func query(_ measure: String, _ from: String, _ to: String, _ period: String, split: [String] = [], filters: [String] = []) throws
        -> KPIQuery
    {
        try KPIQuery.parse(measure: measure, from: from, to: to, period: period, splitBy: split, filters: filters)
    }

    @Test("Day windows, weeks, 'hele', two breakdowns, two filter values and years outside the published ones are refused in Danish")
    func refusals() throws {
        let refused: [(KPIQuery, String)] = [
            (try query("tilgang", "2024-10-05", "2024-10-05", "hele"), "--periode: din rolle får tal for hele måneder"),
            (try query("tilgang", "2024-10-05", "2024-10-31", "maaned"), "--fra og --til: din rolle får hele perioder"),
            (try query("tilgang", "2024-10-01", "2024-10-30", "maaned"), "--fra og --til: din rolle får hele perioder"),
            (try query("tilgang", "2024-02-01", "2024-04-30", "kvartal"), "--fra og --til: din rolle får hele perioder"),
            (try query("tilgang", "2024-03-04", "2024-03-10", "uge"), "--periode: din rolle får tal for hele måneder"),
            (try query("tilgang", "2014-01-01", "2014-12-31", "aar"), "--fra og --til: de offentliggjorte tal dækker 2015-2024"),
            (
                try query("tilgang", "2024-01-01", "2024-12-31", "aar", filters: ["ydelse=jobafklaring,sygedagpenge"]),
                "--filter: din rolle får én værdi ad gangen"
            ),
            (
                try query("personer", "2024-01-01", "2024-12-31", "aar", split: ["ydelse"], filters: ["koen=K"]),
                "din rolle får højst én opdeling eller ét filter"
            ),
            (
                try query("personer", "2024-01-01", "2024-12-31", "aar", split: ["ydelse,koen"]),
                "din rolle får højst én opdeling eller ét filter"
            ),
            (
                try query("samtaler", "2024-01-01", "2024-12-31", "aar", split: ["medarbejder"]),
                "din rolle får ikke tal opdelt på medarbejder"
            ),
        ]
        for (q, message) in refused {
            #expect(throws: KPIQueryError.self, "\(q.window) \(q.periodKind)") { try Publication.check(q, years: years) }
            do { try Publication.check(q, years: years) } catch { #expect(error.message.hasPrefix(message), "\(error.message)") }
        }
        #expect(
            try Publication.check(try query("tilgang", "2024-01-01", "2024-06-30", "kvartal", split: ["ydelse"]), years: years) == .ydelse)
        #expect(
            try Publication.check(try query("tilgang", "2023-03-01", "2024-02-29", "maaned", filters: ["ydelse=dagpenge"]), years: years)
                == .ydelse)
        #expect(try Publication.check(try query("tilgang", "2015-01-01", "2024-12-31", "aar"), years: years) == nil)
        #expect(throws: KPIQueryError.self) { try Publication.check(try query("tilgang", "2024-01-01", "2024-12-31", "aar"), years: nil) }
    }

    @Test(
        "On random registers, any allowed requests are slices of one published set: a cell reads the same in every answer, and every small cell is hidden",
        arguments: 0..<12)
    func answersAreSlices(seed: Int) async throws {
        let random = RandomRegister(seed: UInt64(500 + seed), people: 30)
        let engine = KPIEngine(random.register, shards: 1)
        let years = 2015...2025
        var rng = SeededGenerator(seed: UInt64(seed))
        for measure in [Measure.tilgang, .personer, .samtaler, .fuldtidspersoner] {
            let published = await PublishedMeasure.make(measure: measure, monthsAfter: 3, years: years) { engine.evaluate($0) }
            var shown: [String: String] = [:]
            for _ in 0..<25 {
                let kind = Publication.periodKinds.randomElement(using: &rng)!
                let start = Day(year: Int.random(in: 2023...2025, using: &rng), month: [1, 4, 7, 10].randomElement(using: &rng)!, day: 1)!
                let end = ReportingPeriod.unit(containing: start.adding(months: Int.random(in: 0...14, using: &rng)), kind).1
                var q = KPIQuery(measure: measure, window: DayRange(start, end), periodKind: kind, monthsAfter: 3)
                let dimension = ([nil] + Publication.dimensions(measure).map(Optional.some)).randomElement(using: &rng)!
                if let dimension { if Bool.random(using: &rng) { q.splitBy = [dimension] } else { q.filters = [dimension: ["dagpenge"]] } }
                guard end.year <= 2025, (try? Publication.check(q, years: years)) != nil else { continue }
                let answer = published.answer(q)
                let full = engine.evaluate(q)
                #expect(answer.sourceRowCount == nil)
                for row in answer.rows {
                    let cell =
                        "\(q.periodKind) \(dimension.map(\.rawValue) ?? "-") \(q.filters.isEmpty ? row.dimensions : [q.filters.first!.key.rawValue + "=dagpenge"]) \(row.period)"
                    let text = row.suppressed ? "skjult" : "\(row.value.map { String($0) } ?? "–")"
                    #expect(shown[cell, default: text] == text, "\(cell)")
                    shown[cell] = text
                    // What is shown is the engine's own value; what rests on 1-4 units is never shown.
                    let exact = full.rows.first { $0.period == row.period && $0.dimensions == row.dimensions }
                    if !row.suppressed { #expect(row.value == (exact?.value ?? row.value), "\(cell)") }
                    if let exact, (1..<SmallNumbers.defaultThreshold).contains(exact.base) { #expect(row.suppressed, "\(cell)") }
                }
            }
        }
    }
}
