import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAccess
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import IndsatsStore
import IndsatsTestSupport
import Testing

@testable import IndsatsWeb

@Suite("Budget")
struct BudgetPageTests {
    @Test("Budget against spending so far with both forecasts; the benefit over budget is named; leaders get it from published cells")
    func budget() async throws {
        let store = try TestDatabase.newStore()
        // Ten citizens on dagpenge since 2022 and six on sygedagpenge: steady spending, so both forecasts hit the year.
        let people = (0..<16).map { "P\($0)" }
        _ = try store.write([
            .personer: people.map { .person(Person(id: $0)) },
            .ydelsesforloeb: people.enumerated().map { i, id in
                .benefit(
                    BenefitPeriod(
                        personID: id, benefit: i < 10 ? "dagpenge" : "sygedagpenge", start: day(2022, 1, 3), end: day(2026, 6, 30)))
            },
            .budget: [
                .budget(BenefitBudget(year: 2026, benefit: "dagpenge", amount: 1_000_000)),
                .budget(BenefitBudget(year: 2026, benefit: "sygedagpenge", amount: 10_000_000)),
            ],
        ])
        let register = try store.loadRegister()
        let spent = KPIEngine(register).evaluate(
            KPIQuery(measure: .nettoudgift, window: DayRange(day(2026, 1, 1), day(2026, 6, 30)), periodKind: .hele, splitBy: [.ydelse]))
        let dagpenge = try #require(spent.rows.first { $0.dimensions == ["dagpenge"] }?.value)
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let (status, page) = try await get(client, "/budget", analyst)
            #expect(status == .ok)
            #expect(page.contains("<h1>Budget 2026</h1>") && page.contains("Størst forventet merforbrug: Dagpenge"))
            #expect(page.contains("<td class=\"n\">1.000.000</td><td class=\"n\">\(DanishFormat.number(dagpenge, decimals: 0))</td>"))
            // The year's end at the pace of April-June: what has been spent, and as much again for the other half.
            #expect(page.contains("Prognose tempo") && page.contains("Fejl før, sæson"))
            let leader = try await logIn(client, store, as: .leder)
            let (_, led) = try await get(client, "/budget", leader)
            #expect(led.contains("Størst forventet merforbrug: Dagpenge") && led.contains(SmallNumbers.publishedNote))
            let (_, api) = try await get(client, "/api/v1/budget?aar=2026", analyst)
            #expect(
                api.hasPrefix(
                    "{\"aar\":2026,\"til\":\"2026-06-30\",\"ydelser\":[{\"ydelse\":\"dagpenge\",\"budget\":1000000.0,\"forbrugt\":\(dagpenge)"
                ))
            #expect(api.contains("\"prognose\":{\"tempo\":") && api.contains("\"fejl_foer\":{\"tempo\":"))
            let (bad, problem) = try await get(client, "/api/v1/budget?aar=null", analyst)
            #expect(bad == .badRequest && problem.contains("aar: 'null' er ikke et år"))
            let committee = try await logIn(client, store, as: .udvalg)
            let xlsx = try await client.execute(uri: "/budget.xlsx?aar=2026", method: .get, headers: [.cookie: committee]) { $0 }
            #expect(xlsx.status == .ok)
        }
    }
}
