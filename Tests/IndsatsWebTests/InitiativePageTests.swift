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

@Suite("Indsatssider")
struct InitiativePageTests {
    private func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day(year: y, month: m, day: day)! }

    /// Three in nytteindsats in 2024 (10 places): P1 stays on kontanthjælp, P2 leaves for a job, P3 for education.
    func store() throws -> any DataStore {
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .personer: ["P1", "P2", "P3"].map { .person(Person(id: $0)) },
            .indsatser: [.initiative(Initiative(id: "NYT", name: "Nytteindsats", unit: "Job og Fremtid", places: 10))],
            .ydelsesforloeb: [
                .benefit(BenefitPeriod(personID: "P1", benefit: "kontanthjaelp_jobparat", start: d(2024, 1, 1))),
                .benefit(
                    BenefitPeriod(
                        personID: "P2", benefit: "kontanthjaelp_jobparat", start: d(2024, 1, 1), end: d(2024, 5, 31), exitReason: "job")),
                .benefit(
                    BenefitPeriod(
                        personID: "P3", benefit: "uddannelseshjaelp_uddannelsesparat", start: d(2024, 1, 1), end: d(2024, 5, 31),
                        exitReason: "uddannelse")),
            ],
            .aktiviteter: [
                .activity(
                    Activity(id: "1", personID: "P1", type: "nytteindsats", start: d(2024, 2, 1), end: d(2024, 3, 31), initiativeID: "NYT")),
                .activity(
                    Activity(id: "2", personID: "P2", type: "nytteindsats", start: d(2024, 3, 1), end: d(2024, 3, 31), initiativeID: "NYT")),
                .activity(
                    Activity(id: "3", personID: "P3", type: "nytteindsats", start: d(2024, 4, 1), end: d(2024, 4, 30), initiativeID: "NYT")),
            ],
        ])
        return store
    }

    @Test("The list and one initiative by hand: occupancy against places, target groups, and the seed's effect table")
    func pages() async throws {
        let store = try store()
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let period = "?fra=2024-01-01&til=2024-12-31"
            let (status, list) = try await get(client, "/indsatser" + period, analyst)
            #expect(status == .ok)
            // 60 + 31 + 30 activated days of 366: 0,3 full-time activated, 3,3 % of 10 places; two of three ended in job or education.
            #expect(
                list.contains(
                    "<td><a href=\"/indsatser/NYT\">Nytteindsats</a></td><td>Job og Fremtid</td><td class=\"n\">10</td><td class=\"n\">0,3</td>"
                        + "<td class=\"n\">3,3 %</td><td class=\"n\">3</td><td class=\"n\">3</td><td class=\"n\">66,7 %</td>"))
            let (_, page) = try await get(client, "/indsatser/NYT" + period, analyst)
            #expect(page.contains("<tr><th scope=\"row\">Kontanthjælp, jobparat</th><td class=\"n\">2</td><td class=\"n\">0,2</td></tr>"))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Kontanthjælp, jobparat</th><td class=\"n\">2</td><td class=\"n\">0,0 %</td><td class=\"n\">50,0 %</td>"
                        + "<td class=\"n\">0,0 %</td><td class=\"n\">50,0 %</td><td class=\"n\">0,0 %</td></tr>"))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">I alt</th><td class=\"n\">3</td><td class=\"n\">33,3 %</td><td class=\"n\">33,3 %</td>"))
            #expect(page.contains("<svg"))
            let csv = try await client.execute(uri: "/indsatser/NYT/eksport.csv" + period, method: .get, headers: [.cookie: analyst]) {
                String(buffer: $0.body)
            }
            #expect(csv.contains("Uddannelseshjælp, uddannelsesparat;1;100,0 %;0,0 %;0,0 %;0,0 %;0,0 %\r\n"))
            #expect(try await get(client, "/indsatser/FINDES-IKKE", analyst).0 == .notFound)
            let leader = try await logIn(client, store, as: .leder)
            let (_, hidden) = try await get(client, "/indsatser/NYT" + period, leader)
            // Published figures end at the data date (31-05-2024): no status day of these falls by then. Target groups are hidden.
            let h = "<td class=\"n\"><abbr title=\"skjult: under 5\">..</abbr></td>"
            #expect(hidden.contains("<tr><th scope=\"row\">Kontanthjælp, jobparat</th>\(h)\(h)</tr>") && !hidden.contains("<svg"))
            #expect(
                hidden.contains("<tr><th scope=\"row\">I alt</th><td class=\"n\">0</td>")
                    && hidden.contains("statusdagen ligger senest 31-05-2024"))
            #expect(!hidden.contains("Uddannelseshjælp, uddannelsesparat</th><td class=\"n\">1</td>"))
        }
    }

    @Test("One answer split by initiative, sliced, gives each initiative what a query filtered to it gives")
    func slicesMatchFilteredQueries() throws {
        let window = DayRange(Day(year: 2024, month: 1, day: 1)!, Day(year: 2024, month: 7, day: 31)!)
        let cases: [(IndsatsAnalytics.Measure, PeriodKind, [IndsatsAnalytics.Dimension])] = [
            (.fuldtidsaktiverede, .hele, [.maalgruppe]), (.startede_aktiviteter, .hele, [.maalgruppe]),
            (.effekt, .hele, [.maalgruppe, .status]), (.effekt, .hele, [.status]), (.fuldtidsaktiverede, .maaned, []),
        ]
        var compared = 0
        for seed in 0..<30 as Range<UInt64> {
            let engine = KPIEngine(RandomRegister(seed: seed, people: 20).register)
            for (measure, period, split) in cases {
                let all = engine.evaluate(KPIQuery(measure: measure, window: window, periodKind: period, splitBy: [.indsats] + split))
                for id in ["I1", "I2"] {
                    let sliced = InitiativePages.slice(all, to: id)
                    let filtered = engine.evaluate(
                        KPIQuery(measure: measure, window: window, periodKind: period, splitBy: split, filters: [.indsats: [id]]))
                    // Unsplit, the filtered answer has its total row even when nothing happened; the page reads a missing row as zero.
                    let expected = split.isEmpty && sliced.rows.isEmpty ? [] : filtered.rows
                    #expect(sliced.rows == expected, "seed \(seed) \(measure) \(split) \(id)")
                    compared += sliced.rows.count { ($0.value ?? 0) > 0 }
                }
            }
        }
        #expect(compared > 100)
    }
}
