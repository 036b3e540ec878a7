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

@Suite("Kontaktregler og frister til tiden")
struct ContactRulePageTests {
    /// A and B start on dagpenge on 05-01-2026; A has two municipal conversations by March, B one.
    func store() throws -> any DataStore {
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .personer: ["A", "B"].map { .person(Person(id: $0)) },
            .medarbejdere: [.staff(StaffMember(id: "M1", name: "Åse", unit: "Jobservice", team: "Team Nord"))],
            .ydelsesforloeb: ["A", "B"].map { .benefit(BenefitPeriod(personID: $0, benefit: "dagpenge", start: day(2026, 1, 5))) },
            .tildelinger: ["A", "B"].map { .assignment(Assignment(personID: $0, staffID: "M1", from: day(2026, 1, 5))) },
            .samtaler: [
                .conversation(Conversation(personID: "A", date: day(2026, 2, 1), type: "jobsamtale", heldBy: "kommune")),
                .conversation(Conversation(personID: "A", date: day(2026, 3, 1), type: "jobsamtale", heldBy: "kommune")),
                .conversation(Conversation(personID: "B", date: day(2026, 3, 1), type: "jobsamtale", heldBy: "kommune")),
                .conversation(Conversation(personID: "B", date: day(2026, 9, 1), type: "jobsamtale", heldBy: "kommune")),
            ],
        ])
        return store
    }

    @Test("The defaults are shown until rules are saved; a bad form saves nothing and names row and column; saving moves the measures")
    func rules() async throws {
        let store = try store()
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let (_, page) = try await get(client, "/kontaktregler", analyst)
            #expect(page.contains("Standardreglerne gælder"))
            // The 2026 dagpenge default: 2 municipal conversations within 6 months.
            #expect(page.contains("<input name=\"r2:fra\" value=\"01-01-2026\""))
            // Both due in July (05-01 + 6 months − 1 day = 04-07); both had 2 municipal conversations by then? B had one.
            let (_, before) = try await get(client, "/kontaktforloeb?aar=2026", analyst)
            #expect(
                before.contains("<th scope=\"row\">Dagpenge</th><td class=\"n\">–</td><td class=\"n\">–</td><td class=\"n\">50,0 %</td>"))
            #expect(before.contains("<td class=\"n\">75,0 %</td>"))

            let csrf = try store.sessionCSRF(analyst)
            let header = "csrf=\(csrf)&raekker=3"
            let bad = try await post(
                client, "/kontaktregler", analyst,
                header + "&r0%3Aydelse=dagpenge&r0%3Afra=2026-01-01&r0%3Asamtaler=1&r0%3Ainden_maaneder=2"
                    + "&r1%3Aydelse=dagpenge&r1%3Afra=2026-06-01&r1%3Asamtaler=1&r1%3Ainden_maaneder=0")
            #expect(bad.0 == .badRequest)
            #expect(bad.1.contains("Række 2, inden_maaneder: &#39;0&#39; er ikke et heltal på mindst 1"))
            #expect((try store.rowCounts()[.kontaktregler] ?? 0) == 0)
            let overlap = try await post(
                client, "/kontaktregler", analyst,
                header + "&r0%3Aydelse=dagpenge&r0%3Afra=2026-01-01&r0%3Asamtaler=1&r0%3Ainden_maaneder=2"
                    + "&r1%3Aydelse=dagpenge&r1%3Afra=2026-06-01&r1%3Asamtaler=1&r1%3Ainden_maaneder=2")
            #expect(overlap.1.contains("Række 1, fra: reglen overlapper med reglen fra 01-06-2026"))

            // One rule: one conversation within 2 months (window 05-01..04-03): A and B both met it, due in March.
            let saved = try await post(
                client, "/kontaktregler", analyst,
                header + "&r0%3Aydelse=dagpenge&r0%3Afra=01-01-2026&r0%3Asamtaler=1&r0%3Ainden_maaneder=2&r0%3Aafholdt_af=kommune")
            #expect(saved.0 == .seeOther)
            #expect(try store.rowCounts()[.kontaktregler] == 1)
            #expect(try store.auditEntries(person: nil).contains { $0.criteria?.hasPrefix("kontaktregler; før: ") == true })
            let (_, after) = try await get(client, "/kontaktforloeb?aar=2026", analyst)
            #expect(after.contains("<th scope=\"row\">Dagpenge</th><td class=\"n\">100,0 %</td><td class=\"n\">–</td>"))
            #expect(try await get(client, "/kontaktregler", analyst).1.contains("Kommunens egne regler"))

            // Emptied, the defaults apply again.
            #expect(try await post(client, "/kontaktregler", analyst, header + "&r0%3Aydelse=&r0%3Afra=").0 == .seeOther)
            #expect(try await get(client, "/kontaktregler", analyst).1.contains("Standardreglerne gælder"))

            let leader = try await logIn(client, store, as: .leder)
            #expect(try await post(client, "/kontaktregler", leader, "csrf=\(try store.sessionCSRF(leader))&raekker=0").0 == .forbidden)
            #expect(!(try await get(client, "/kontaktregler", leader).1.contains("<input name=\"r0:ydelse\"")))
            #expect(try await get(client, "/kontaktforloeb", try await logIn(client, store, as: .udvalg)).0 == .forbidden)
        }
    }
}
