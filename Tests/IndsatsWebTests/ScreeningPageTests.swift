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

@Suite("Screening")
struct ScreeningPageTests {
    /// A, 30 years old, on dagpenge since 01-09-2026 with a conversation in Jobservice: the model advises group 1.
    func store() throws -> any DataStore {
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .personer: [.person(Person(id: "A", birthDate: day(1996, 1, 1), sex: "K"))],
            .medarbejdere: [.staff(StaffMember(id: "M1", name: "Åse", unit: "Jobservice"))],
            .ydelsesforloeb: [.benefit(BenefitPeriod(personID: "A", benefit: "dagpenge", start: day(2026, 9, 1)))],
            .samtaler: [
                .conversation(Conversation(personID: "A", date: day(2026, 10, 1), type: "jobsamtale", staffID: "M1", unit: "Jobservice"))
            ],
        ])
        return store
    }

    @Test("The advice shows with its points; a decision against it needs a reason; saved screenings show and are audited")
    func record() async throws {
        let store = try store()
        try store.saveUser(User(name: "M1", role: .medarbejder, unit: "Jobservice"), passwordHash: try Password.hash(testPassword))
        try await app(store).test(.router) { client in
            let caseworker = try await logIn(client, store, as: .medarbejder, name: "M1")
            let (_, page) = try await get(client, "/borgere/A", caseworker)
            #expect(page.contains("<h3>Forslag den 01-10-2026: gruppe 1</h3>") && page.contains("<li>Dagpenge: 0 point</li>"))
            #expect(page.contains("action=\"/borgere/A/screening\""))
            let csrf = try store.sessionCSRF(caseworker)
            let refused = try await post(client, "/borgere/A/screening", caseworker, "csrf=\(csrf)&gruppe=3&forslag=3&begrundelse=")
            #expect(
                refused.0 == .badRequest
                    && refused.1.contains("Afgørelsen (gruppe 3) afviger fra forslaget (gruppe 1): skriv begrundelsen."))
            #expect((try store.rowCounts()[.screeninger] ?? 0) == 0)
            let saved = try await post(client, "/borgere/A/screening", caseworker, "csrf=\(csrf)&gruppe=3&begrundelse=Misbrug")
            #expect(saved.0 == .seeOther)
            #expect(
                try store.personCourse(id: "A")?.screenings == [
                    Screening(personID: "A", date: day(2026, 10, 1), group: "3", advice: "1", staffID: "M1", reason: "Misbrug")
                ])
            #expect(try store.auditEntries(person: "A").contains { $0.criteria == "screening 2026-10-01: gruppe 3, forslag 1" })

            let analyst = try await logIn(client, store, as: .analytiker)
            let (_, evaluation) = try await get(client, "/screening", analyst)
            #expect(evaluation.contains("<h1>Screening</h1>") && evaluation.contains("Efter køn og forslag"))
            // One screening, advised 1, decided against, outcome unknown (open and younger than 6 months).
            #expect(
                evaluation.contains(
                    "<th scope=\"row\">1</th><td class=\"n\">1</td><td class=\"n\">0</td><td class=\"n\">–</td><td class=\"n\">100,0 %</td>"
                ))
            #expect(
                try await post(client, "/borgere/A/screening", analyst, "csrf=\(try store.sessionCSRF(analyst))&gruppe=1").0 == .forbidden)
        }
    }
}
