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

@Suite("Sagsstamme")
struct CaseloadPageTests {
    /// On 31-10-2026: M1 (Jobservice, Team Nord) has A and B on dagpenge, M2 (Jobservice, Team Nord) has C on
    /// kontanthjælp, M3 (Sygedagpenge) has D; E is on benefit without an assignment.
    func store() throws -> any DataStore {
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .personer: ["A", "B", "C", "D", "E"].map { .person(Person(id: $0)) },
            .medarbejdere: [
                .staff(StaffMember(id: "M1", name: "Åse", unit: "Jobservice", team: "Team Nord")),
                .staff(StaffMember(id: "M2", name: "Bo", unit: "Jobservice", team: "Team Nord")),
                .staff(StaffMember(id: "M3", name: "Cai", unit: "Sygedagpenge", team: "Team Syg")),
            ],
            .ydelsesforloeb: [
                .benefit(BenefitPeriod(personID: "A", benefit: "dagpenge", start: day(2026, 1, 5))),
                .benefit(BenefitPeriod(personID: "B", benefit: "dagpenge", start: day(2026, 3, 1))),
                .benefit(BenefitPeriod(personID: "C", benefit: "kontanthjaelp_jobparat", start: day(2026, 2, 1))),
                .benefit(BenefitPeriod(personID: "D", benefit: "sygedagpenge", start: day(2026, 9, 1), end: day(2026, 10, 31))),
                .benefit(BenefitPeriod(personID: "E", benefit: "dagpenge", start: day(2026, 6, 1))),
            ],
            .tildelinger: [
                .assignment(Assignment(personID: "A", staffID: "M1", from: day(2026, 1, 5))),
                .assignment(Assignment(personID: "B", staffID: "M1", from: day(2026, 3, 1))),
                .assignment(Assignment(personID: "C", staffID: "M2", from: day(2026, 2, 1))),
                .assignment(Assignment(personID: "D", staffID: "M3", from: day(2026, 9, 1), to: day(2026, 10, 31))),
            ],
        ])
        try store.saveCaseloadNorms(CaseloadNorms(standard: 50, units: ["Jobservice": ["dagpenge": 2, "alle": 4]]))
        return store
    }

    @Test("Caseloads against the norms by caseworker and team; a leader sees only their own unit")
    func caseloads() async throws {
        let store = try store()
        try store.saveUser(User(name: "leder-js", role: .leder, unit: "Jobservice"), passwordHash: try Password.hash(testPassword))
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let (status, page) = try await get(client, "/sagsstamme?dag=2026-10-31", analyst)
            #expect(status == .ok && page.contains("<h1>Sagsstamme</h1>"))
            // M1: 2 on dagpenge at a norm of 2 is 100 %, not over; M2: 1 on kontanthjælp at the unit's 4 is 25 %.
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Åse (M1)</th><td>Team Nord</td><td>Jobservice</td><td class=\"n\">2</td><td class=\"n\">100,0 %</td><td></td></tr>"
                ))
            #expect(
                page.contains(
                    "<th scope=\"row\">Bo (M2)</th><td>Team Nord</td><td>Jobservice</td><td class=\"n\">1</td><td class=\"n\">25,0 %</td>"))
            #expect(
                page.contains(
                    "<th scope=\"row\">Cai (M3)</th><td>Team Syg</td><td>Sygedagpenge</td><td class=\"n\">1</td><td class=\"n\">2,0 %</td>")
            )
            // Team Nord: 2 caseworkers, 3 citizens, 1,5 on average, 1 to 2, none over.
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Team Nord</th><td class=\"n\">2</td><td class=\"n\">3</td><td class=\"n\">1,5</td><td class=\"n\">1</td><td class=\"n\">2</td><td class=\"n\">0</td></tr>"
                ))
            #expect(page.contains("1 borgere på ydelse har ingen sagsbehandler den dag."))
            // The norms form for analysts; no move form (leaders and administrators move citizens).
            #expect(page.contains("<input name=\"norm:Jobservice:dagpenge\" value=\"2\""))
            #expect(!page.contains("action=\"/sagsstamme/flyt\""))

            let leader = try await logIn(client, store, as: .leder, name: "leder-js")
            let (_, own) = try await get(client, "/sagsstamme?dag=2026-10-31&enhed=Sygedagpenge", leader)
            #expect(own.contains("Åse (M1)") && !own.contains("Cai (M3)") && own.contains("action=\"/sagsstamme/flyt\""))
            #expect(!own.contains("<input name=\"norm:"))
            let (_, csv) = try await get(client, "/sagsstamme.csv?dag=2026-10-31", leader)
            #expect(csv.contains("Åse (M1);Team Nord;Jobservice;2;") && !csv.contains("Cai"))
            #expect(try await get(client, "/sagsstamme", try await logIn(client, store, as: .udvalg)).0 == .forbidden)
        }
    }

    @Test("A whole caseload moves from a day, closing the old assignments; a leader cannot move outside their unit; all is audited")
    func moves() async throws {
        let store = try store()
        try store.saveUser(User(name: "leder-js", role: .leder, unit: "Jobservice"), passwordHash: try Password.hash(testPassword))
        try await app(store).test(.router) { client in
            let leader = try await logIn(client, store, as: .leder, name: "leder-js")
            let csrf = try store.sessionCSRF(leader)
            func move(_ form: String) async throws -> (HTTPResponse.Status, String) {
                try await post(client, "/sagsstamme/flyt", leader, "csrf=\(csrf)&" + form)
            }
            let outside = try await move("fra=M1&til=M3&dag=2026-11-01")
            #expect(
                outside.0 == .badRequest
                    && outside.1.contains("Du kan kun flytte borgere mellem medarbejdere i din egen enhed (Jobservice)."))
            let cpr = try await move("fra=M1&til=M2&dag=2026-11-01&borger=010203-4005")
            #expect(cpr.0 == .badRequest && cpr.1.contains("ikke et CPR-nummer"))
            let nobody = try await move("fra=M2&til=M1&dag=2026-11-01&borger=A")
            #expect(nobody.0 == .badRequest && nobody.1.contains("Borgeren A har ingen tildeling hos M2 den 01-11-2026 eller senere."))

            let whole = try await move("fra=M1&til=M2&dag=2026-11-01")
            #expect(whole.0 == .seeOther)
            var assignments: [Assignment] = []
            try store.importSession { session in
                try session.forEachStored(.tildelinger) { if case .assignment(let a) = $0 { assignments.append(a) } }
                return false
            }
            #expect(
                Set(assignments.filter { $0.personID == "A" }) == [
                    Assignment(personID: "A", staffID: "M1", from: day(2026, 1, 5), to: day(2026, 10, 31)),
                    Assignment(personID: "A", staffID: "M2", from: day(2026, 11, 1)),
                ])
            #expect(try store.reassignments(limit: 5).map(\.citizens) == [2])
            #expect(
                try store.auditEntries(person: nil).contains {
                    $0.action == .aendring && $0.user == "leder-js"
                        && $0.criteria == "sagsstamme flyttet fra M1 til M2 fra 01-11-2026 (hele sagsstammen): 2 borgere"
                })
            // The register moved with it: on 01-11-2026 M2 has all three.
            let (_, page) = try await get(client, "/sagsstamme?dag=2026-11-01&flyttet=2", leader)
            #expect(page.contains("2 borgere flyttet."))
            #expect(page.contains("<th scope=\"row\">Bo (M2)</th><td>Team Nord</td><td>Jobservice</td><td class=\"n\">3</td>"))
            #expect(page.contains("<h2>Historik</h2>"))

            // One citizen back, from the same day: the new assignment simply changes hands.
            #expect(try await move("fra=M2&til=M1&dag=2026-11-01&borger=A").0 == .seeOther)
            #expect(try store.auditEntries(person: "A").contains { $0.criteria?.contains("(borger A)") == true })
        }
    }

    @Test("Norms are saved whole by analysts; a bad number saves nothing and names unit and benefit")
    func norms() async throws {
        let store = try store()
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let csrf = try store.sessionCSRF(analyst)
            let bad = try await post(client, "/sagsstamme/normer", analyst, "csrf=\(csrf)&standard=45&norm%3AJobservice%3Adagpenge=nul")
            #expect(bad.0 == .badRequest && bad.1.contains("Jobservice, dagpenge: &#39;nul&#39; er ikke en gyldig norm"))
            #expect(try store.caseloadNorms() == CaseloadNorms(standard: 50, units: ["Jobservice": ["dagpenge": 2, "alle": 4]]))
            let saved = try await post(
                client, "/sagsstamme/normer", analyst, "csrf=\(csrf)&standard=45&norm%3ASygedagpenge%3Aalle=30")
            #expect(saved.0 == .seeOther)
            #expect(try store.caseloadNorms() == CaseloadNorms(standard: 45, units: ["Sygedagpenge": ["alle": 30]]))
            #expect(try store.auditEntries(person: nil).contains { $0.action == .aendring && $0.criteria?.hasPrefix("sagsnormer") == true })
        }
    }
}
