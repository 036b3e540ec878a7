import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAccess
import IndsatsContract
import IndsatsCore
import IndsatsEconomy
import IndsatsExchange
import IndsatsStore
import IndsatsTestSupport
import Testing

@testable import IndsatsWeb

@Suite("Udvalgsrapporten")
struct ReportPageTests {
    private func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day(year: y, month: m, day: day)! }

    @Test("Main figures against the same days last year with small numbers hidden for every role, the plan's goals, and the workbook")
    func report() async throws {
        let store = try TestDatabase.newStore()
        let six = (1...6).map { "D\($0)" }
        _ = try store.write([
            .personer: (six + ["S1", "S2"]).map { .person(Person(id: $0)) },
            .ydelsesforloeb: six.map {
                .benefit(BenefitPeriod(personID: $0, benefit: "dagpenge", start: d(2025, 1, 1), end: d(2026, 6, 30)))
            }
                + ["S1", "S2"].map {
                    .benefit(BenefitPeriod(personID: $0, benefit: "sygedagpenge", start: d(2026, 1, 1), end: d(2026, 3, 31)))
                },
        ])
        try store.savePlans(try EmploymentPlan.examples())
        try await app(store).test(.router) { client in
            // An analyst sees small numbers elsewhere, but not in the committee's report.
            let analyst = try await logIn(client, store, as: .analytiker)
            let (status, page) = try await get(client, "/rapport?aar=2026", analyst)
            #expect(status == .ok && page.contains("<h1>Beskæftigelsesindsatsen 2026: rapport til udvalget</h1>"))
            #expect(page.contains("Periode 01-01-2026 til 30-06-2026 (året er ikke slut)"))
            // Sickness rests on 2 persons: hidden, and dagpenge with it in 2026, or the total would give it away.
            let hidden = "<td class=\"n\"><abbr title=\"skjult: under 5\">..</abbr></td>"
            #expect(page.contains("<tr><th scope=\"row\">Dagpenge</th>\(hidden)<td class=\"n\">6,0</td>\(hidden)</tr>"))
            #expect(page.contains("<tr><th scope=\"row\">Sygedagpenge</th>\(hidden)<td class=\"n\">0,0</td>\(hidden)</tr>"))
            // 6 + 2 × 90/181 full-time persons against 6 in January-June 2025.
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">I alt</th><td class=\"n\">7,0</td><td class=\"n\">6,0</td><td class=\"n\">1,0</td></tr>"))
            #expect(page.contains("Beskæftigelsesplan 2020, Høje-Taastrup Kommune: mål for 2026"))
            #expect(page.contains("Ingen budgetforslag er knyttet til indsatser med deltagere."))
            #expect(page.contains("<svg"))
            let xlsx = try await client.execute(uri: "/rapport.xlsx?aar=2026", method: .get, headers: [.cookie: analyst]) {
                Data(buffer: $0.body)
            }
            #expect(try Workbook(xlsx: xlsx, fileName: "r.xlsx").sheets.count == 4)
        }
    }
}
