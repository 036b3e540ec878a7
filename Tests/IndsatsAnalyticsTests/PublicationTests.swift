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
                try query("selvforsoergelse", "2024-01-01", "2024-12-31", "aar", split: ["ydelse"], filters: ["status=job,uddannelse"]),
                "--filter: din rolle får én værdi ad gangen"
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
            try Publication.check(try query("tilgang", "2024-01-01", "2024-06-30", "kvartal", split: ["ydelse"]), years: years) == [.ydelse]
        )
        #expect(
            try Publication.check(try query("tilgang", "2023-03-01", "2024-02-29", "maaned", filters: ["ydelse=dagpenge"]), years: years)
                == [.ydelse])
        #expect(try Publication.check(try query("tilgang", "2015-01-01", "2024-12-31", "aar"), years: years) == [])
        // A published crossing, whole or as a slice.
        #expect(
            try Publication.check(
                try query("selvforsoergelse", "2024-01-01", "2024-12-31", "aar", split: ["status", "ydelse"]), years: years)
                == [.ydelse, .status])
        #expect(
            try Publication.check(
                try query("effekt", "2024-01-01", "2024-12-31", "aar", split: ["status"], filters: ["indsats=X"]), years: years)
                == [.indsats, .status])
        #expect(throws: KPIQueryError.self) { try Publication.check(try query("tilgang", "2024-01-01", "2024-12-31", "aar"), years: nil) }
    }

    @Test("A code hidden by ydelse cannot be had as hovedydelse minus the other codes: the two tables are hidden together")
    func mainBenefitLinkedToCodes() async throws {
        let year = DayRange(Day(year: 2024, month: 1, day: 1)!, Day(year: 2024, month: 12, day: 31)!)
        var benefits: [BenefitPeriod] = []
        for i in 0..<30 {
            benefits.append(BenefitPeriod(personID: "J\(i)", benefit: "kontanthjaelp_jobparat", start: year.start, end: year.end))
        }
        for i in 0..<2 {
            benefits.append(BenefitPeriod(personID: "I\(i)", benefit: "integrationsydelse", start: year.start, end: year.end))
        }
        for i in 0..<12 { benefits.append(BenefitPeriod(personID: "D\(i)", benefit: "dagpenge", start: year.start, end: year.end)) }
        let engine = KPIEngine(Register(persons: [], benefits: benefits, activities: []), shards: 1)
        let published = await PublishedMeasure.make(measure: .personer, monthsAfter: 3, years: 2015...2024) { engine.evaluate($0) }
        func cell(_ dimension: Dimension, _ value: String) -> KPIRow? {
            published.answer(KPIQuery(measure: .personer, window: year, periodKind: .aar, splitBy: [dimension])).rows.first {
                $0.dimensions == [value]
            }
        }
        #expect(cell(.ydelse, "integrationsydelse")?.suppressed == true)
        let jobReady = try #require(cell(.ydelse, "kontanthjaelp_jobparat")), all = try #require(cell(.hovedydelse, "kontanthjaelp"))
        #expect(jobReady.suppressed || all.suppressed)
        // Where nothing merged the two cells are one: shown or hidden alike, with the same value.
        #expect(cell(.ydelse, "dagpenge") == cell(.hovedydelse, "dagpenge"))
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

    @Test(
        "Pages' windows of whole months, and filters with several values, made from published cells equal the engine's answer; hidden when a cell they use is",
        arguments: 0..<10)
    func combinedEqualsEngine(seed: Int) async throws {
        let random = RandomRegister(seed: UInt64(700 + seed), people: 60)
        let engine = KPIEngine(random.register, shards: 1)
        let dataDate = Day(year: 2025, month: 3, day: 17)!
        let years = Publication.years(dataDate: dataDate)!
        var rng = SeededGenerator(seed: UInt64(seed))
        for measure in [Measure.tilgang, .afgang, .fuldtidspersoner, .samtaler, .andel_med_cv, .nettoudgift, .personer, .varighed] {
            let published = await PublishedMeasure.make(measure: measure, monthsAfter: 3, years: years, through: dataDate) {
                engine.evaluate($0)
            }
            // Nothing after the data date is published.
            #expect(
                published.answer(
                    KPIQuery(
                        measure: measure, window: DayRange(Day(year: 2025, month: 1, day: 1)!, Day(year: 2025, month: 12, day: 31)!),
                        periodKind: .aar)
                ).periods.map(\.days.end) == [dataDate])
            for _ in 0..<20 {
                let start = Day(year: Int.random(in: 2023...2025, using: &rng), month: Int.random(in: 1...12, using: &rng), day: 1)!
                guard start <= dataDate else { continue }
                let end = min(start.adding(months: Int.random(in: 0...14, using: &rng)).lastOfMonth, dataDate)
                let kind = [PeriodKind.hele, .maaned, .kvartal, .aar].randomElement(using: &rng)!
                var q = KPIQuery(measure: measure, window: DayRange(start, end), periodKind: kind, monthsAfter: 3)
                switch Int.random(in: 0...2, using: &rng) {
                case 0 where measure.dimensions.contains(.ydelse): q.filters = [.ydelse: ["dagpenge", "sygedagpenge"]]
                case 1 where measure.dimensions.contains(.ydelse): q.splitBy = [.ydelse]
                default: break
                }
                guard let combined = published.combined(q) else {
                    // Only measures that do not combine, asked for what is no published slice, have no answer.
                    #expect(
                        Publication.combination(measure) == nil || (measure.isShare && !q.filters.isEmpty), "\(measure) \(q.window) \(kind)"
                    )
                    continue
                }
                let exact = engine.evaluate(q)
                #expect(combined.periods == exact.periods, "\(measure) \(q.window) \(kind)")
                for row in combined.rows {
                    let truth = exact.rows.first { $0.period == row.period && $0.dimensions == row.dimensions }
                    if row.suppressed { continue }
                    let (x, y) = (row.value ?? 0, truth?.value ?? 0)
                    // Amounts are rounded to øre a month: a sum of months may differ from the window's by an øre a month.
                    let tolerance = measure == .nettoudgift ? 0.0051 * 15 : 1e-9 * max(1, abs(y))
                    #expect(abs(x - y) <= tolerance, "\(measure) \(q.window) \(kind) \(row.dimensions) \(row.period): \(x) mod \(y)")
                }
                // Every group the engine sees is there, and a value resting on 1-4 units is never shown.
                #expect(
                    Set(exact.rows.filter { $0.base > 0 }.map(\.dimensions)).isSubset(of: Set(combined.rows.map(\.dimensions))),
                    "\(measure) \(q.window)")
                for truth in exact.rows where (1..<SmallNumbers.defaultThreshold).contains(truth.base) && q.filters.isEmpty {
                    let shown = combined.rows.first { $0.period == truth.period && $0.dimensions == truth.dimensions }
                    #expect(shown?.suppressed != false, "\(measure) \(q.window) \(kind) \(truth)")
                }
            }
        }
    }

    @Test(
        "Published sets and answers kept as columns read back as the same, base for base, notes, counts and week sets with filters included; damaged columns read as nothing",
        arguments: 0..<4)
    func keptColumns(seed: Int) async throws {
        let random = RandomRegister(seed: UInt64(900 + seed), people: 40)
        let engine = KPIEngine(random.register, shards: 1)
        let dataDate = Day(year: 2025, month: 3, day: 17)!
        let years = Publication.years(dataDate: dataDate)!
        var sets: [String: PublishedMeasure] = [:]
        for measure in [Measure.tilgang, .fuldtidspersoner, .nettoudgift, .selvforsoergelse, .effekt, .andel_med_cv] {
            sets["publiceret \(measure.rawValue)"] = await PublishedMeasure.make(
                measure: measure, monthsAfter: 3, years: years, through: dataDate
            ) {
                engine.evaluate($0)
            }
        }
        sets["uger"] = await PublishedMeasure.weeks(
            measure: .afgang, filters: [.afgang: ["job", "uddannelse"]], window: DayRange(Day(year: 2024, month: 11, day: 4)!, dataDate),
            breakdowns: [[.enhed]]
        ) { engine.evaluate($0) }
        // Answers of their own: splits in the asker's order, filters, another number of months, a mean with no value.
        let window = DayRange(Day(year: 2024, month: 2, day: 29)!, Day(year: 2025, month: 1, day: 31)!)
        let queries = [
            KPIQuery(measure: .afgang, window: window, periodKind: .kvartal, splitBy: [.koen, .ydelse], filters: [.afgang: ["job"]]),
            KPIQuery(measure: .selvforsoergelse, window: window, periodKind: .hele, splitBy: [.status], monthsAfter: 6),
            KPIQuery(measure: .varighed, window: window, periodKind: .uge),
            KPIQuery(measure: .nettoudgift, window: window, periodKind: .maaned, splitBy: [.trin]),
        ]
        let answers = Dictionary(uniqueKeysWithValues: queries.map { ($0, engine.evaluate($0)) })
        var buffer = SnapshotBuffer()
        try Snapshot.write(ResultColumns(sets: sets, answers: answers), key: "7", to: &buffer)
        var input = SnapshotBuffer(bytes: buffer.bytes)
        let read = try #require(try Snapshot.read(ResultColumns.self, from: &input, key: "7")?.kept)
        #expect(read.sets == sets)
        #expect(read.answers == answers)
        var tables = sets.flatMap { key, set in set.tables.values.flatMap(\.values).map { (key, $0) } }
        tables += answers.values.map { ("", $0) }
        for (key, table) in tables {
            let back = try #require(
                key.isEmpty ? read.answers[table.query] : read.sets[key]?.tables[table.query.periodKind]?[table.query.splitBy])
            #expect(back.rows.map(\.base) == table.rows.map(\.base))
            #expect(back.notes == table.notes && back.query == table.query && back.periods == table.periods)
            #expect(back.sourceRowCount == table.sourceRowCount && back.showsCounts == table.showsCounts)
        }
        // Under another key, nothing; cut short or with a byte changed, an error (the columns' checksums), never a set.
        var other = SnapshotBuffer(bytes: buffer.bytes)
        #expect(try Snapshot.read(ResultColumns.self, from: &other, key: "8") == nil)
        var cut = SnapshotBuffer(bytes: Array(buffer.bytes.dropLast(9)))
        #expect(throws: DamagedSnapshot.self) { try Snapshot.read(ResultColumns.self, from: &cut, key: "7") }
        var changed = buffer.bytes
        changed[changed.count / 2] ^= 0x40
        var damaged = SnapshotBuffer(bytes: changed)
        #expect(throws: DamagedSnapshot.self) { try Snapshot.read(ResultColumns.self, from: &damaged, key: "7") }
    }
}
