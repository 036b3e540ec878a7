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

@Suite("Puljer")
struct PoolPageTests {
    /// Flere skal med 2 in 2026 with five participants, two of them 30 days in paid hours: 40 %, past both thresholds.
    func store() throws -> any DataStore {
        let store = try TestDatabase.newStore()
        let people = ["A", "B", "C", "D", "E", "F"]
        _ = try store.write([
            .personer: people.map { .person(Person(id: $0)) },
            .ydelsesforloeb: people.map {
                .benefit(
                    BenefitPeriod(personID: $0, benefit: "kontanthjaelp_aktivitetsparat", start: day(2025, 6, 1), end: day(2026, 9, 30)))
            },
            .aktiviteter: [
                .activity(Activity(id: "a1", personID: "A", type: "ordinaere_timer", start: day(2026, 3, 1), end: day(2026, 4, 30))),
                .activity(Activity(id: "b1", personID: "B", type: "ordinaere_timer", start: day(2026, 5, 1), end: day(2026, 5, 30))),
            ],
            .puljer: [
                .pool(
                    GrantPool(
                        id: "FSM2", name: "Flere skal med 2", from: day(2026, 1, 1), to: day(2026, 12, 31), grant: 2_960_000,
                        targetShare: 0.35))
            ],
            .puljerater: [
                .poolInstalment(PoolInstalment(poolID: "FSM2", number: 1, share: 0.5, condition: "Mellemregnskab", due: day(2026, 7, 1))),
                .poolInstalment(PoolInstalment(poolID: "FSM2", number: 2, share: 0.4, resultShare: 0.15)),
                .poolInstalment(PoolInstalment(poolID: "FSM2", number: 3, share: 0.1, resultShare: 0.5)),
            ],
            .puljedeltagere: ["A", "B", "C", "D", "E"].map {
                .poolParticipant(PoolParticipant(poolID: "FSM2", personID: $0, from: day(2026, 1, 1)))
            },
        ])
        return store
    }

    @Test(
        "The pool's result against its thresholds releases 40 % of the grant; analysts see pseudonyms, leaders no citizens; xlsx for the account"
    )
    func poolPage() async throws {
        let store = try store()
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let (status, list) = try await get(client, "/puljer", analyst)
            #expect(status == .ok)
            #expect(list.contains("<a href=\"/puljer/FSM2\">Flere skal med 2</a>") && list.contains("40,0 %") && list.contains("1.184.000"))
            let (_, page) = try await get(client, "/puljer/FSM2", analyst)
            #expect(
                page.contains("Resultatkravet er nået") && page.contains("Resultatkravet er ikke nået endnu")
                    && page.contains("Intet resultatkrav"))
            #expect(!page.contains(">A<") && page.contains("Gem forbrug") && !page.contains("Tilføj deltager"))
            let leader = try await logIn(client, store, as: .leder)
            let (_, led) = try await get(client, "/puljer/FSM2", leader)
            #expect(led.contains("40,0 %") && led.contains("Deltagerne vises ikke for din rolle") && !led.contains("Gem forbrug"))
            let admin = try await logIn(client, store, as: .administrator)
            let (_, all) = try await get(client, "/puljer/FSM2", admin)
            #expect(all.contains("<a href=\"/borgere/A\">A</a>"))
            #expect(try store.auditEntries(person: nil).contains { $0.criteria == "pulje FSM2: 5 borgere vist (A,B,C,D,E)" })
            let (_, api) = try await get(client, "/api/v1/puljer", leader)
            #expect(api.contains("\"pulje_id\":\"FSM2\"") && api.contains("\"deltagere\":5") && api.contains("\"resultat\":0.4"))
            #expect(
                api.contains("\"udloest_af_resultat\":1184000.0") && api.contains("\"resultatkrav_naaet\":false") && !api.contains("\"A\""))
            let xlsx = try await client.execute(uri: "/puljer/FSM2/rapport.xlsx", method: .get, headers: [.cookie: leader]) { $0 }
            #expect(xlsx.status == .ok && xlsx.headers[.contentType]?.contains("spreadsheetml") == true)
        }
    }

    @Test(
        "An analyst records spending against the grant; a caseworker adds a participant; bad input is a Danish error and nothing is saved")
    func forms() async throws {
        let store = try store()
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let csrf = try store.sessionCSRF(analyst)
            let (bad, error) = try await post(client, "/puljer/FSM2/forbrug", analyst, "csrf=\(csrf)&dato=2026-03-01&beloeb=-5&tekst=Løn")
            #expect(bad == .badRequest && error.contains("Forbruget blev ikke gemt"))
            let (saved, _) = try await post(
                client, "/puljer/FSM2/forbrug", analyst, "csrf=\(csrf)&dato=2026-03-01&beloeb=12.500,50&tekst=L%C3%B8n")
            #expect(saved == .seeOther)
            #expect(try store.pools()[0].spent == 12_500.5)
            let caseworker = try await logIn(client, store, as: .medarbejder)
            let token = try store.sessionCSRF(caseworker)
            let (unknown, why) = try await post(client, "/puljer/FSM2/deltagere", caseworker, "csrf=\(token)&person_id=X&fra=2026-02-01")
            #expect(unknown == .badRequest && why.contains("person_id: borgeren findes ikke"))
            let (early, reason) = try await post(
                client, "/puljer/FSM2/deltagere", caseworker, "csrf=\(token)&person_id=F&fra=2026-02-01&til=2026-01-01")
            #expect(early == .badRequest && reason.contains("til:"))
            let (added, _) = try await post(client, "/puljer/FSM2/deltagere", caseworker, "csrf=\(token)&person_id=F&fra=2026-02-01")
            #expect(added == .seeOther)
            #expect(try store.pools()[0].participants.map(\.personID) == ["A", "B", "C", "D", "E", "F"])
            #expect(try store.auditEntries(person: "F").contains { $0.criteria == "puljedeltager pulje=FSM2 fra=2026-02-01" })
        }
    }
}
