import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAccess
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import IndsatsEconomy
import IndsatsStore
import IndsatsTestSupport
import Testing

@testable import IndsatsWeb

@Suite("Målsiden")
struct PlanPageTests {
    private func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day(year: y, month: m, day: day)! }

    @Test("Without a plan the page says how to load one; with Høje-Taastrup's plan each goal shows its status, the plan's words and a CSV")
    func page() async throws {
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .personer: [.person(Person(id: "A")), .person(Person(id: "B"))],
            .ydelsesforloeb: [
                .benefit(BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2019, 1, 1), end: d(2020, 6, 30), exitReason: "job")),
                .benefit(BenefitPeriod(personID: "B", benefit: "dagpenge", start: d(2019, 7, 1), end: d(2019, 12, 31), exitReason: "job")),
            ],
        ])
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            #expect(try await get(client, "/maal", analyst).1.contains("Der er ingen beskæftigelsesplan endnu."))
            try store.savePlans(try EmploymentPlan.examples())
            let (status, page) = try await get(client, "/maal", analyst)
            #expect(status == .ok && page.contains("<h1>Beskæftigelsesplan 2020, Høje-Taastrup Kommune</h1>"))
            // 1a: 2019 had 1,5 full-time persons (A all year, B half); 2020 is measured to the data date 30-06-2020,
            // when A had been on dagpenge every day: 1,0 so far, and so for the year. Target 1,5 − 90.
            #expect(
                page.contains(
                    "<th scope=\"row\">1a Færre på offentlig forsørgelse</th><td>Tema 1: Nedbringelse af ledighed</td>"
                        + "<td><a href=\"/definitioner#fuldtidspersoner\">Fuldtidspersoner</a></td><td class=\"n\">1,5</td><td class=\"n\">-88,5</td>"
                        + "<td class=\"n\">1,0</td><td class=\"n\">1,0</td><td>bagud</td>"))
            #expect(page.contains("Der er 1.902 ledige, der overgår til ordinært arbejde eller uddannelse i 2020."))
            #expect(page.contains("<td>kan ikke måles</td>") && page.contains("Registret kender ikke borgernes boligområde"))
            let csv = try await client.execute(uri: "/maal.csv?aar=2020", method: .get, headers: [.cookie: analyst]) {
                String(buffer: $0.body)
            }
            #expect(
                csv.contains(
                    "\r\n1a Færre på offentlig forsørgelse;Tema 1: Nedbringelse af ledighed;Fuldtidspersoner;1,5;-88,5;1,0;1,0;bagud\r\n"))
            let leader = try await logIn(client, store, as: .leder)
            #expect(try await get(client, "/maal", leader).1.contains(SmallNumbers.publishedNote))
        }
    }
}
