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

@Suite("Overblikkets nøgletal")
struct KeyFigureTests {
    private func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day(year: y, month: m, day: day)! }

    @Test(
        "The latest 12 whole months against the 12 before, the data date's unfinished month left out; better or worse by the figure's direction"
    )
    func keyFigures() async throws {
        #expect(KeyFigures.windows(d(2026, 6, 15)) == (DayRange(d(2025, 6, 1), d(2026, 5, 31)), DayRange(d(2024, 6, 1), d(2025, 5, 31))))
        #expect(KeyFigures.windows(d(2024, 2, 29)) == (DayRange(d(2023, 3, 1), d(2024, 2, 29)), DayRange(d(2022, 3, 1), d(2023, 2, 28))))
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .personer: [.person(Person(id: "A")), .person(Person(id: "B"))],
            .ydelsesforloeb: [
                .benefit(BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2024, 6, 1), end: d(2026, 6, 15))),
                .benefit(BenefitPeriod(personID: "B", benefit: "dagpenge", start: d(2025, 6, 1), end: d(2025, 11, 30), exitReason: "job")),
            ],
        ])
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let (status, page) = try await get(client, "/", analyst)
            #expect(
                status == .ok && page.contains("<h1>Overblik</h1>") && page.contains("Nøgletal 01-06-2025-31-05-2026 mod de 12 måneder før")
            )
            // A all along both years; B for 183 of 365 days in the latest year.
            #expect(
                page.contains(
                    "<td><a href=\"/definitioner#fuldtidspersoner\">Fuldtidspersoner på ydelse (gns.)</a></td><td class=\"n\">1,5</td>"
                        + "<td class=\"n\">1,0</td><td class=\"n\">0,5</td><td>dårligere</td>"))
            #expect(
                page.contains(
                    "<td><a href=\"/definitioner#afgang\">Afsluttet til job og uddannelse</a></td><td class=\"n\">1</td><td class=\"n\">0</td>"
                        + "<td class=\"n\">1</td><td>bedre</td>"))
            let leader = try await logIn(client, store, as: .leder)
            #expect(try await get(client, "/", leader).1.contains("<abbr title=\"skjult: under 5\">..</abbr>"))
        }
    }
}
