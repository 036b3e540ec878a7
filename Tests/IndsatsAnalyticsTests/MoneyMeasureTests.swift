import IndsatsCore
import Testing

@testable import IndsatsAnalytics

@Suite("Puljeresultat og budgetforbrug i hånden")
struct MoneyMeasureTests {
    let d = { (y: Int, m: Int, dd: Int) in Day(year: y, month: m, day: dd)! }

    @Test("A pool's result: 30 days of paid hours in the window (29 are not), or education and 30 days off benefit (back on day 30 is not)")
    func poolResult() throws {
        let pool = GrantPool(
            id: "FSM2", name: "Flere skal med 2", from: d(2024, 1, 1), to: d(2024, 12, 31), grant: 2_960_000, targetShare: 0.35)
        let members = ["A", "B", "C", "D", "E"].map { PoolParticipant(poolID: "FSM2", personID: $0, from: d(2024, 3, 1)) }
        // B's hours begin before the pool's window, which counts only from 1 March (the participant's start).
        let activities = [
            Activity(id: "a", personID: "A", type: "ordinaere_timer", start: d(2024, 5, 1), end: d(2024, 5, 30)),
            Activity(id: "b", personID: "B", type: "ordinaere_timer", start: d(2024, 2, 1), end: d(2024, 3, 29)),
            Activity(id: "b2", personID: "B", type: "virksomhedspraktik", start: d(2024, 4, 1), end: d(2024, 6, 30)),
        ]
        let benefits = [
            BenefitPeriod(
                personID: "C", benefit: "uddannelseshjaelp_aktivitetsparat", start: d(2024, 1, 1), end: d(2024, 6, 30),
                exitReason: "uddannelse"),
            BenefitPeriod(personID: "C", benefit: "dagpenge", start: d(2024, 8, 1)),
            BenefitPeriod(
                personID: "D", benefit: "kontanthjaelp_jobparat", start: d(2024, 1, 1), end: d(2024, 6, 30), exitReason: "uddannelse"),
            BenefitPeriod(personID: "D", benefit: "kontanthjaelp_jobparat", start: d(2024, 7, 30)),
        ]
        let register = Register(persons: [], benefits: benefits, activities: activities, pools: [pool], poolParticipants: members)
        let q = try KPIQuery.parse(
            measure: "puljeresultat", from: "2024-01-01", to: "2024-12-31", period: nil, splitBy: ["pulje"], filters: [])
        // A: 30 days. B: 29 days from 1 March. C: back on day 32. D: back on day 30. E: nothing.
        #expect(KPIEngine(register).evaluate(q).rows == [KPIRow(dimensions: ["FSM2"], period: "hele", value: 2.0 / 5)])
        #expect(throws: KPIQueryError("--periode: puljeresultat har kun perioden hele")) {
            try KPIQuery.parse(measure: "puljeresultat", from: "2024-01-01", to: "2024-12-31", period: "maaned", splitBy: [], filters: [])
        }
    }

    @Test("Budget use: the year's budget spread over its days; a period across new year takes each year's part; no budget, no value")
    func budgetUse() throws {
        let register = Register(
            persons: [],
            benefits: [
                BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2023, 1, 1)),
                BenefitPeriod(personID: "B", benefit: "sygedagpenge", start: d(2024, 1, 1)),
            ], activities: [],
            budgets: [
                BenefitBudget(year: 2024, benefit: "dagpenge", amount: 366_000),
                BenefitBudget(year: 2025, benefit: "dagpenge", amount: 73_000),
            ])
        let engine = KPIEngine(register)
        let spending = engine.evaluate(
            try KPIQuery.parse(
                measure: "nettoudgift", from: "2024-12-01", to: "2025-01-31", period: "maaned", splitBy: ["ydelse"], filters: []))
        let use = engine.evaluate(
            try KPIQuery.parse(
                measure: "budgetforbrug", from: "2024-12-01", to: "2025-01-31", period: "maaned", splitBy: ["ydelse"], filters: []))
        let spent = { (code: String, period: String) in spending.rows.first { $0.dimensions == [code] && $0.period == period }!.value! }
        // 1.000 kr. a day in 2024 and 200 kr. a day in 2025; sygedagpenge has no budget.
        #expect(use.rows.map(\.dimensions) == [["dagpenge"], ["dagpenge"], ["sygedagpenge"], ["sygedagpenge"]])
        #expect(use.rows[0].value == spent("dagpenge", "2024-12") / 31_000 && use.rows[1].value == spent("dagpenge", "2025-01") / 6_200)
        #expect(use.rows[2].value == nil && use.rows[3].value == nil)
        // Unsplit, only the budgeted benefit counts, and December plus January take each year's part.
        let whole = engine.evaluate(
            try KPIQuery.parse(measure: "budgetforbrug", from: "2024-12-01", to: "2025-01-31", period: "hele", splitBy: [], filters: []))
        // (The months' amounts are rounded to øre one by one, the whole period's once.)
        #expect(abs(whole.rows[0].value! - (spent("dagpenge", "2024-12") + spent("dagpenge", "2025-01")) / (31_000 + 6_200)) < 1e-6)
    }

    @Test("The register by hovedydelse is made once per register and never outlives a reload of its rows")
    func mainBenefitRegisterIsNotStale() throws {
        let first = Register(
            persons: [],
            benefits: [BenefitPeriod(personID: "A", benefit: "kontanthjaelp_jobparat", start: d(2024, 1, 1), end: d(2024, 1, 10))],
            activities: [])
        let q = try KPIQuery.parse(
            measure: "personer", from: "2024-01-01", to: "2024-12-31", period: "hele", splitBy: ["hovedydelse"], filters: [])
        #expect(KPIEngine(first).evaluate(q).rows.map(\.dimensions) == [["kontanthjaelp"]])
        #expect(KPIEngine(first).evaluate(q).rows.map(\.value) == [1])
        var builder = RegisterBuilder(updating: first, reloading: .benefits, reference: .defaults)
        builder.add(BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2024, 2, 1), end: d(2024, 2, 10)))
        builder.add(BenefitPeriod(personID: "B", benefit: "uddannelseshjaelp_aktivitetsparat", start: d(2024, 2, 1)))
        let second = builder.build()
        #expect(KPIEngine(second).evaluate(q).rows.map(\.dimensions) == [["dagpenge"], ["kontanthjaelp"]])
        #expect(KPIEngine(second).evaluate(q).rows.map(\.value) == [1, 1])
    }
}
