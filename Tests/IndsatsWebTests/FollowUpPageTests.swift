import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAccess
import IndsatsContract
import IndsatsCore
import IndsatsEconomy
import IndsatsStore
import IndsatsTestSupport
import Testing

@testable import IndsatsWeb

@Suite("Opfølgningssider")
struct FollowUpPageTests {
    private func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day(year: y, month: m, day: day)! }

    /// BIC 01 promises 10 in job or education a year; TRANSIT (linked by indsatser.csv) has three participants in 2023, two of them reached.
    /// The store with BIC 01's follow-up data: a new test database, or the one at `location`.
    func store(at location: String? = nil) throws -> any DataStore {
        let store = try location.map { try StoreLocation.open($0) } ?? TestDatabase.newStore()
        var bic01 = Proposal(number: "BIC 01", title: "Udvide Transit", responsibleUnit: "BIC")
        bic01.target = .init(persons: 10, perYear: true, outcome: .jobEllerUddannelse)
        try store.saveProposals(ProposalCatalogue([bic01, Proposal(number: "JC 02", title: "Hotline", responsibleUnit: "Jobcentret")]))
        _ = try store.write([
            .personer: ["A", "B", "C"].map { .person(Person(id: $0)) },
            .indsatser: [.initiative(Initiative(id: "TRANSIT", name: "Transit", proposal: "BIC 01"))],
            .ydelsesforloeb: [
                .benefit(
                    BenefitPeriod(
                        personID: "A", benefit: "kontanthjaelp_jobparat", start: d(2022, 1, 1), end: d(2023, 3, 31), exitReason: "job")),
                .benefit(
                    BenefitPeriod(
                        personID: "B", benefit: "kontanthjaelp_jobparat", start: d(2022, 6, 1), end: d(2023, 5, 31),
                        exitReason: "uddannelse")),
                .benefit(BenefitPeriod(personID: "C", benefit: "kontanthjaelp_aktivitetsparat", start: d(2022, 1, 1), end: d(2024, 6, 30))),
            ],
            .aktiviteter: [
                .activity(
                    Activity(id: "1", personID: "A", type: "mentor", start: d(2023, 1, 2), end: d(2023, 3, 31), initiativeID: "TRANSIT")),
                .activity(
                    Activity(id: "2", personID: "B", type: "mentor", start: d(2023, 2, 1), end: d(2023, 5, 31), initiativeID: "TRANSIT")),
                .activity(
                    Activity(id: "3", personID: "C", type: "mentor", start: d(2023, 3, 1), end: d(2023, 10, 31), initiativeID: "TRANSIT")),
            ],
        ])
        return store
    }

    @Test("An analyst sees the shortfall year by year, the chart and the JSON; the overview counts it; a leader sees small counts hidden")
    func pages() async throws {
        let store = try store()
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let (status, page) = try await get(client, "/forslag/BIC%2001/opfoelgning", analyst)
            #expect(status == .ok)
            #expect(
                page.contains(
                    "<li class=\"mangel\"><strong>Mangel:</strong> 2023: 2 i job eller uddannelse mod lovet 10 pr. år – mangler 8.</li>"))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">2023</th><td class=\"n\">3</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">1</td>"
                ))
            #expect(page.contains("<svg"))
            let (_, overview) = try await get(client, "/opfoelgning", analyst)
            #expect(
                overview.contains("href=\"/forslag/BIC%2001/opfoelgning\"") && overview.contains("<td class=\"n\"><strong>1</strong></td>"))
            #expect(!overview.contains("JC 02"))
            // The page is kept until something it shows changes: a new status shows at once.
            try store.setStatus(.vedtaget, of: "BIC 01")
            #expect(try await get(client, "/opfoelgning", analyst).1.contains("<td>vedtaget</td>"))
            let (_, json) = try await get(client, "/api/v1/forslag/BIC%2001/opfoelgning?maaneder=3", analyst)
            #expect(json.contains("\"deltagere\":3") && json.contains("\"naaet\":2") && json.contains("\"mangel\":true"))
            #expect(try await get(client, "/api/v1/forslag/BIC%2001/opfoelgning?maaneder=99", analyst).0 == .badRequest)
            // Given twice (schemathesis found the first, empty, value taken alone): no single value, 400.
            #expect(try await get(client, "/api/v1/forslag/BIC%2001/opfoelgning?maaneder=&maaneder=abc", analyst).0 == .badRequest)
            #expect(try await get(client, "/api/v1/forslag/BIC%2001/opfoelgning?maaneder=3&maaneder=3", analyst).0 == .badRequest)
            #expect(try await get(client, "/api/v1/forslag/BIC%2001/opfoelgning?maaneder=", analyst).0 == .badRequest)
            #expect(try await get(client, "/forslag/XX/opfoelgning", analyst).0 == .notFound)
            let (_, none) = try await get(client, "/forslag/JC%2002/opfoelgning", analyst)
            #expect(none.contains("Forslaget er ikke knyttet til nogen indsats"))

            let leader = try await logIn(client, store, as: .leder)
            let (_, hidden) = try await get(client, "/forslag/BIC%2001/opfoelgning", leader)
            #expect(hidden.contains("2023: under 5 i job eller uddannelse mod lovet 10 pr. år – under det lovede."))
            #expect(hidden.contains("<td class=\"n\">..</td>") && !hidden.contains("<svg"))
            #expect(try await get(client, "/api/v1/forslag/BIC%2001/opfoelgning", leader).0 == .forbidden)
            let caseworker = try await logIn(client, store, as: .medarbejder)
            #expect(try await get(client, "/opfoelgning", caseworker).0 == .forbidden)
        }
    }
}
