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

@Suite("Kommunen mod landet på siderne")
struct ComparisonPageTests {
    @Test("Overblik and the committee report set the register's own figure beside the country and the peers, ranked per 1.000")
    func comparison() async throws {
        let store = try TestDatabase.newStore()
        let people = (0..<20).map { "P\($0)" }
        _ = try store.write([
            .personer: people.map { .person(Person(id: $0, municipality: "169")) },
            .ydelsesforloeb: people.map {
                .benefit(BenefitPeriod(personID: $0, benefit: "dagpenge", start: day(2025, 1, 1), end: day(2026, 3, 31)))
            },
            .landstal: [
                .nationalFigure(
                    NationalFigure(area: "Hele landet", period: "2025", measure: "fuldtidspersoner", value: 600_000, population: 3_700_000)),
                .nationalFigure(
                    NationalFigure(area: "169 Høje-Taastrup", period: "2025", measure: "fuldtidspersoner", value: 1, population: 1_000)),
                .nationalFigure(
                    NationalFigure(area: "151 Ballerup", period: "2025", measure: "fuldtidspersoner", value: 10, population: 1_000)),
            ],
        ])
        try await app(store).test(.router) { client in
            let leader = try await logIn(client, store, as: .leder)
            let (_, overview) = try await get(client, "/", leader)
            #expect(overview.contains("<h2>Kommunen mod landet</h2>") && overview.contains("169 Høje-Taastrup (registret)"))
            // 20 full-time persons in 2025 on 1.000 inhabitants: 20 per 1.000, second to Ballerup's 10.
            #expect(
                overview.contains(
                    "<th scope=\"row\">169 Høje-Taastrup (registret)</th><td class=\"n\">20,0</td><td class=\"n\">20,0</td><td class=\"n\">2</td>"
                ))
            // Compared with the country only: Ballerup is left out of the table but still ranks first.
            let (_, alone) = try await get(client, "/?sammenlign=", leader)
            #expect(alone.contains("<td class=\"n\">2</td>") && !alone.contains("<th scope=\"row\">151 Ballerup</th>"))
            #expect(alone.contains("name=\"sammenlign\" value=\"151 Ballerup\">"))
            let committee = try await logIn(client, store, as: .udvalg)
            let (_, report) = try await get(client, "/rapport?aar=2026", committee)
            #expect(report.contains("5. Kommunen mod landet") && report.contains("151 Ballerup"))
        }
    }
}
