import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAccess
import IndsatsContract
import IndsatsCore
import IndsatsStore
import IndsatsTestSupport
import Testing

@testable import IndsatsWeb

@Suite("Satssiden")
struct PricePageTests {
    @Test("Everyone reads the rates; an analyst adds one with CSRF, and nettoudgift in the API follows at once; bad rows are Danish errors")
    func readAndEdit() async throws {
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .personer: [.person(Person(id: "P1"))],
            .ydelsesforloeb: [
                .benefit(
                    BenefitPeriod(
                        personID: "P1", benefit: "dagpenge", start: Day(year: 2024, month: 1, day: 1)!,
                        end: Day(year: 2024, month: 1, day: 31)!))
            ],
        ])
        try await app(store).test(.router) { client in
            let caseworker = try await logIn(client, store, as: .medarbejder)
            let (status, page) = try await get(client, "/satser", caseworker)
            #expect(status == .ok)
            #expect(page.contains("<td>Dagpenge</td><td>01-01-2024</td><td class=\"n\">20.359,00</td>"))
            #expect(page.contains("<td>04-01-2016</td><td class=\"n\">20 %</td><td class=\"n\">60 %</td>"))
            #expect(page.contains("Uden sats (regnes ikke med i nettoudgiften): Integrationsydelse."))
            #expect(!page.contains("Gem sats"))

            let analyst = try await logIn(client, store, as: .analytiker)
            #expect(try await get(client, "/satser", analyst).1.contains("Gem sats"))
            let kpi = "/api/v1/kpi/nettoudgift?fra=2024-01-01&til=2024-01-31&periode=hele"
            #expect(try await get(client, kpi, analyst).1.contains("\"vaerdi\":4939.56"))
            func post(_ form: String) async throws -> (HTTPResponse.Status, String) {
                try await IndsatsWebTests.post(client, "/satser", analyst, form)
            }
            let csrf = try store.sessionCSRF(analyst)
            #expect(try await post("tabel=satser&ydelse=dagpenge&fra=2024-01-01&maanedssats=36600").0 == .forbidden)
            let bad = try await post("csrf=\(csrf)&tabel=satser&ydelse=dagpenge&fra=2024-01-01&maanedssats=36.600%2C5")
            #expect(bad.0 == .badRequest && bad.1.contains("maanedssats: &#39;36.600,5&#39; er ikke et beløb i kr."))
            #expect(try await post("csrf=\(csrf)&tabel=refusion&fra=2016-01-04&trin_1=50&trin_2=50&trin_3=50&trin_4=150").0 == .badRequest)
            #expect(
                try await post("csrf=\(csrf)&tabel=satser&ydelse=dagpenge&fra=2024-01-01&maanedssats=36600&kilde=%C3%A6%C3%B8%C3%A5").0
                    == .seeOther)
            #expect(try await post("csrf=\(csrf)&tabel=refusion&fra=2016-01-04&trin_1=50&trin_2=50&trin_3=50&trin_4=50").0 == .seeOther)
            #expect(
                try store.prices().rate("dagpenge", on: Day(year: 2024, month: 6, day: 1)!)
                    == BenefitRate(
                        benefit: "dagpenge", from: Day(year: 2024, month: 1, day: 1)!, monthly: 36_600, source: "æøå"))
            // 36.600 × 12 / 366 = 1.200 kr. a day, half of it the municipality's, for 31 days.
            #expect(try await get(client, kpi, analyst).1.contains("\"vaerdi\":18600"))
            let (_, json) = try await get(client, "/api/v1/satser", caseworker)
            #expect(json.contains("{\"ydelse\":\"dagpenge\",\"fra\":\"2024-01-01\",\"maanedssats\":36600.0,\"kilde\":\"æøå\"}"))
            #expect(json.contains("{\"fra\":\"2016-01-04\",\"kommunal_andel\":[0.5,0.5,0.5,0.5],\"kilde\":\"\"}"))
        }
    }
}
