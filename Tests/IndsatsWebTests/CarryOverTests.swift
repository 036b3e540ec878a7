import IndsatsAnalytics
import IndsatsCore
import IndsatsStore
import IndsatsTestSupport
import Testing

@testable import IndsatsWeb

@Suite("Svar, en import ikke rørte, beholdes")
struct CarryOverTests {
    func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day(year: y, month: m, day: day)! }

    /// Three persons on benefits with conversations, and the server's answers and published sets
    /// for a benefit measure and a conversation measure.
    func served() async throws -> (store: any DataStore, cache: RegisterCache, queries: [KPIQuery]) {
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .personer: ["A", "B", "C"].map { .person(Person(id: $0, sex: "K")) },
            .ydelsesforloeb: [
                .benefit(BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2023, 1, 1), end: d(2024, 3, 31), exitReason: "job")),
                .benefit(BenefitPeriod(personID: "B", benefit: "sygedagpenge", start: d(2023, 6, 1), end: d(2024, 6, 30))),
                .benefit(BenefitPeriod(personID: "C", benefit: "dagpenge", start: d(2024, 2, 1), end: d(2024, 9, 30))),
            ],
            .samtaler: [
                .conversation(Conversation(personID: "A", date: d(2024, 1, 10), type: "jobsamtale", heldBy: "kommune")),
                .conversation(Conversation(personID: "C", date: d(2024, 3, 5), type: "jobsamtale", heldBy: "kommune")),
            ],
        ])
        let cache = RegisterCache(store: store)
        let window = DayRange(d(2024, 1, 1), d(2024, 9, 30))
        let queries = [Measure.fuldtidspersoner, .tilgang, .samtaler, .samtaleopfyldelse].flatMap { measure in
            [[], [measure.dimensions[0]]].map { KPIQuery(measure: measure, window: window, periodKind: .maaned, splitBy: $0) }
        }
        _ = try await cache.evaluate(queries)
        for measure in [Measure.fuldtidspersoner, .samtaler, .samtaleopfyldelse] { _ = try await cache.published(measure, monthsAfter: 3) }
        return (store, cache, queries)
    }

    @Test(
        "After an import of conversations, the answers and published tables that read no conversations are kept, those that add up by person or by row corrected by the touched persons' or days' part, the rest made anew"
    )
    func conversationsImported() async throws {
        let (store, cache, queries) = try await served()
        _ = try store.write([
            .samtaler: [.conversation(Conversation(personID: "B", date: d(2024, 2, 12), type: "jobsamtale", heldBy: "kommune"))]
        ])
        let register = try await cache.current()
        #expect(register.changedParts(since: try store.loadRegister(parts: .all)) == [])
        let known = await cache.knownAnswers
        let kept = queries.filter { known[$0] != nil }
        #expect(Set(kept.map(\.measure)) == [.fuldtidspersoner, .tilgang, .samtaler, .samtaleopfyldelse])
        #expect(Set(await cache.publishedSets.values.map(\.measure)) == [.fuldtidspersoner])
        // Every answer, kept or made anew, is the one the new data gives.
        let fresh = KPIEngine(register, prices: try store.prices())
        for (query, answer) in zip(queries, try await cache.evaluate(queries)) {
            #expect(answer == fresh.evaluate(query), "\(query.measure) \(query.splitBy)")
        }
        let conversations = try await cache.evaluate(queries.first { $0.measure == .samtaler && $0.splitBy.isEmpty }!)
        #expect(conversations.rows.map(\.value) == [1, 1, 1, 0, 0, 0, 0, 0, 0])
        let remade = try await cache.published(.samtaler, monthsAfter: 3)
        let expected = await PublishedMeasure.make(
            measure: .samtaler, monthsAfter: 3, years: Publication.years(dataDate: register.dataDate)!, through: register.dataDate,
            evaluate: { fresh.evaluate($0) })
        #expect(remade == expected)
        // Corrected by the touched person's part (and by hovedydelse from February 2024).
        let fulfilment = await PublishedMeasure.make(
            measure: .samtaleopfyldelse, monthsAfter: 3, years: Publication.years(dataDate: register.dataDate)!,
            through: register.dataDate, evaluate: { fresh.evaluate($0) })
        #expect(try await cache.published(.samtaleopfyldelse, monthsAfter: 3) == fulfilment)
        // Corrected by the rows from the change's day, not computed again from its month: the published months'
        // whole answer is kept, corrected, and no later months were asked for.
        let computed = await cache.knownAnswers.keys.filter { $0.measure == .samtaler && $0.periodKind == .maaned }
        #expect(computed.contains { $0.window.start.year < 2024 })
        #expect(!computed.contains { $0.window.start == d(2024, 2, 1) })
    }

    @Test(
        "After an import, an analyst's page is cut from the published set corrected for it, not computed whole, and is the engine's answer")
    func analystAfterImport() async throws {
        let (store, cache, _) = try await served()
        _ = try store.write([
            .samtaler: [.conversation(Conversation(personID: "B", date: d(2024, 2, 12), type: "jobsamtale", heldBy: "kommune"))]
        ])
        let register = try await cache.current()
        let query = KPIQuery(
            measure: .samtaleopfyldelse, window: DayRange(d(2024, 1, 1), min(d(2024, 12, 31), register.dataDate!)), periodKind: .hele,
            splitBy: [.ydelse])
        var expected = KPIEngine(register, prices: try store.prices()).evaluate(query)
        expected.sourceRowCount = nil
        #expect(try await cache.unhidden(query) == expected)
        #expect(await cache.knownAnswers[query] == nil)
    }

    @Test(
        "A kept answer not laid out as the engine lays it out (a damaged file) is computed again after an import, not corrected by person parts"
    )
    func irregularAnswerComputedAgain() async throws {
        let (store, _, queries) = try await served()
        // A server started from kept pages: the damaged answer is the one it has.
        let cache = RegisterCache(store: store)
        let register = try await cache.current()
        let query = queries.first { $0.measure == .samtaleopfyldelse && !$0.splitBy.isEmpty }!
        var damaged = KPIEngine(register, prices: try store.prices()).evaluate(query)
        damaged.rows[0].period = "ukendt"
        #expect(!damaged.isGroupByPeriod)
        #expect(try await cache.restore(KeptPages([:], answers: [query: damaged]), version: register.storeVersion))
        _ = try store.write([
            .samtaler: [.conversation(Conversation(personID: "C", date: d(2024, 4, 2), type: "jobsamtale", heldBy: "kommune"))]
        ])
        let fresh = KPIEngine(try await cache.current(), prices: try store.prices())
        #expect(try await cache.evaluate(query) == fresh.evaluate(query))
    }

    @Test("Two imports of conversations before the published tables are asked for again: corrected from the earlier day, as made anew")
    func twoImports() async throws {
        let (store, cache, _) = try await served()
        for date in [d(2024, 5, 20), d(2024, 1, 3)] {
            _ = try store.write([.samtaler: [.conversation(Conversation(personID: "B", date: date, type: "jobsamtale", heldBy: "kommune"))]]
            )
            _ = try await cache.current()
        }
        let register = try await cache.current()
        let remade = try await cache.published(.samtaler, monthsAfter: 3)
        let fresh = KPIEngine(register, prices: try store.prices())
        let expected = await PublishedMeasure.make(
            measure: .samtaler, monthsAfter: 3, years: Publication.years(dataDate: register.dataDate)!, through: register.dataDate,
            evaluate: { fresh.evaluate($0) })
        #expect(remade == expected)
        // The earlier import's parts are not the later one's: the months from the earlier day's were computed again.
        let computed = await cache.knownAnswers.keys.filter { $0.measure == .samtaler && $0.periodKind == .maaned }
        #expect(computed.contains { $0.window.start == d(2024, 1, 1) && $0.window.end == register.dataDate })
    }

    @Test("An import of persons, or new prices, keeps nothing")
    func personsOrPrices() async throws {
        for write in ["personer", "satser"] {
            let (store, cache, _) = try await served()
            if write == "personer" {
                _ = try store.write([.personer: [.person(Person(id: "D"))]])
            } else {
                try store.savePrices(
                    BenefitPrices.defaults.with(BenefitRate(benefit: "dagpenge", from: d(2023, 1, 1), monthly: 20_000, source: "Skøn")))
            }
            _ = try await cache.current()
            #expect(await cache.knownAnswers.isEmpty, "\(write)")
            #expect(await cache.publishedSets.isEmpty, "\(write)")
        }
    }
}
