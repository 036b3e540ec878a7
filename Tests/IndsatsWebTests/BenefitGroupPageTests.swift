import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAccess
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import IndsatsStore
import IndsatsTestSupport
import Testing

@testable import IndsatsWeb

@Suite("Målgrupper og definitioner")
struct BenefitGroupPageTests {
    private func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day(year: y, month: m, day: day)! }

    /// P1 on dagpenge in the first quarter of 2024, leaving for a job; P2 on sygedagpenge all of 2024, then no more.
    func store() throws -> any DataStore {
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .personer: [.person(Person(id: "P1")), .person(Person(id: "P2"))],
            .ydelsesforloeb: [
                .benefit(BenefitPeriod(personID: "P1", benefit: "dagpenge", start: d(2024, 1, 1), end: d(2024, 3, 31), exitReason: "job")),
                .benefit(BenefitPeriod(personID: "P2", benefit: "sygedagpenge", start: d(2024, 1, 1), end: d(2024, 12, 31))),
            ],
        ])
        return store
    }

    @Test("Per benefit by hand, as the page, the CSV and the workbook; leaders see small numbers hidden; headings link to definitions")
    func table() async throws {
        let store = try store()
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let (status, page) = try await get(client, "/maalgrupper?aar=2024", analyst)
            #expect(status == .ok)
            // 91 of 366 days: 0,2 full-time persons; one spell of 91 days, ended to a job.
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Dagpenge</th><td class=\"n\">0,2</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">1</td>"
                        + "<td class=\"n\">91</td><td class=\"n\">91</td><td class=\"n\">1</td><td class=\"n\">0</td>"))
            // The sickness spell ends on 31-12-2024 too, but its status day (31-03-2025) is after the window: no status.
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Sygedagpenge</th><td class=\"n\">1,0</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">1</td>"
                        + "<td class=\"n\">366</td><td class=\"n\">366</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td>"
                ))
            #expect(page.contains("<a href=\"/definitioner#fuldtidspersoner\" title=\"Definition\">Fuldtidspersoner</a>"))
            let csv = try await client.execute(uri: "/maalgrupper.csv?aar=2024", method: .get, headers: [.cookie: analyst]) {
                String(buffer: $0.body)
            }
            #expect(csv.hasPrefix("\u{FEFF}Ydelse;Fuldtidspersoner;Personer;Tilgang;Afgang;"))
            #expect(csv.contains("\r\nDagpenge;0,2;1;1;1;91;91;1;0;0;0;0\r\n"))
            let xlsx = try await client.execute(uri: "/maalgrupper.xlsx?aar=2024", method: .get, headers: [.cookie: analyst]) {
                Data(buffer: $0.body)
            }
            let sheet = try Workbook(xlsx: xlsx, fileName: "m.xlsx").sheets[0]
            #expect(sheet.rows[1].prefix(3) == [.text("Dagpenge"), .number(91.0 / 366), .number(1)])
            #expect(try store.auditEntries(person: nil).contains { $0.criteria == "maalgrupper 2024 xlsx" })

            let leader = try await logIn(client, store, as: .leder)
            let (_, hidden) = try await get(client, "/maalgrupper?aar=2024", leader)
            #expect(hidden.contains("<tr><th scope=\"row\">Dagpenge</th><td class=\"n\"><abbr title=\"skjult: under 5\">..</abbr></td>"))
            #expect(hidden.contains(SmallNumbers.publishedNote))

            let (_, definitions) = try await get(client, "/definitioner", try await logIn(client, store, as: .medarbejder))
            #expect(
                definitions.contains(
                    "<dt id=\"nettoudgift\">Skønnet kommunal nettoudgift til forsørgelse (kr.) <code>nettoudgift</code></dt>"))
            #expect(definitions.components(separatedBy: "<dt id=").count == Measure.allCases.count + 1)
        }
    }
}
