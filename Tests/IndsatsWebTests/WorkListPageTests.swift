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

@Suite("Min oversigt")
struct WorkListPageTests {
    func store() throws -> any DataStore {
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .personer: ["A", "B", "C"].map { .person(Person(id: $0)) },
            .medarbejdere: [
                .staff(StaffMember(id: "M1", name: "Åse", unit: "Jobservice", team: "Team Nord")),
                .staff(StaffMember(id: "M2", name: "Cai", unit: "Sygedagpenge", team: "Team Syg")),
            ],
            .ydelsesforloeb: [
                .benefit(BenefitPeriod(personID: "A", benefit: "dagpenge", start: day(2026, 1, 5))),
                .benefit(BenefitPeriod(personID: "B", benefit: "dagpenge", start: day(2026, 9, 1))),
                .benefit(BenefitPeriod(personID: "C", benefit: "sygedagpenge", start: day(2026, 9, 1))),
            ],
            .tildelinger: [
                .assignment(Assignment(personID: "A", staffID: "M1", from: day(2026, 1, 5))),
                .assignment(Assignment(personID: "B", staffID: "M1", from: day(2026, 9, 1))),
                .assignment(Assignment(personID: "C", staffID: "M2", from: day(2026, 9, 1))),
            ],
            .samtaler: [.conversation(Conversation(personID: "B", date: day(2026, 10, 1), type: "jobsamtale", heldBy: "kommune"))],
        ])
        return store
    }

    @Test("A caseworker sees their own citizens with deadlines, overdue first, and no other unit's; a leader sees counts only")
    func lists() async throws {
        let store = try store()
        try store.saveUser(User(name: "M1", role: .medarbejder, unit: "Jobservice"), passwordHash: try Password.hash(testPassword))
        try store.saveUser(User(name: "leder-js", role: .leder, unit: "Jobservice"), passwordHash: try Password.hash(testPassword))
        try await app(store).test(.router) { client in
            let caseworker = try await logIn(client, store, as: .medarbejder, name: "M1")
            let (status, page) = try await get(client, "/mine", caseworker)
            #expect(status == .ok && page.contains("Borgere hos Åse den 01-10-2026"))
            // A (dagpenge from 05-01, the 2026 rule: 2 municipal conversations by 04-07) is overdue; B has until 28-02-2027.
            #expect(
                page.contains("<td><a href=\"/borgere/A\">A</a></td><td>Dagpenge</td><td>05-01-2026</td><td>0 / 2</td><td>04-07-2026</td>"))
            #expect(page.contains("<td>overskredet</td>"))
            #expect(page.range(of: "/borgere/A")!.lowerBound < page.range(of: "/borgere/B")!.lowerBound)
            #expect(!page.contains("/borgere/C"))
            let other = try await get(client, "/mine?medarbejder=M2", caseworker)
            #expect(other.0 == .forbidden && other.1.contains("din egen enhed (Jobservice)"))
            #expect(
                try store.auditEntries(person: nil).contains {
                    $0.user == "M1" && $0.criteria == "arbejdsliste medarbejder=M1 dag=2026-10-01 (2 borgere)"
                })

            let leader = try await logIn(client, store, as: .leder, name: "leder-js")
            let (_, counts) = try await get(client, "/mine", leader)
            #expect(counts.contains("<th scope=\"row\">Åse (M1)</th><td>Team Nord</td><td class=\"n\">2</td><td class=\"n\">1</td>"))
            #expect(!counts.contains("/borgere/") && !counts.contains("Cai"))

            let analyst = try await logIn(client, store, as: .analytiker)
            let (_, pseudonymous) = try await get(client, "/mine?medarbejder=M2", analyst)
            #expect(pseudonymous.contains("/borgere/PS-") && !pseudonymous.contains("/borgere/C\""))
            #expect(try await get(client, "/mine", try await logIn(client, store, as: .udvalg)).0 == .forbidden)

            // The API gives the same list as JSON, with the same limits.
            let (_, json) = try await get(client, "/api/v1/arbejdsliste?medarbejder=M1", caseworker)
            #expect(
                json.hasPrefix("{\"medarbejder\":\"M1\",\"dag\":\"2026-10-01\",\"borgere\":[{\"borger\":\"A\",\"ydelse\":\"dagpenge\",")
                    && json.contains("\"samtalefrist\":\"2026-07-04\"") && json.contains("\"status\":\"overskredet\""))
            #expect(try await get(client, "/api/v1/arbejdsliste?medarbejder=M2", caseworker).0 == .forbidden)
            #expect(try await get(client, "/api/v1/arbejdsliste?medarbejder=M9", caseworker).0 == .notFound)
            #expect(try await get(client, "/api/v1/arbejdsliste?medarbejder=M2", analyst).1.contains("\"borger\":\"PS-"))
        }
    }

    @Test("A caseworker records the outcome of an aftercare call on the list; it is audited and shown; others cannot")
    func aftercare() async throws {
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .personer: [.person(Person(id: "F"))],
            .medarbejdere: [.staff(StaffMember(id: "M1", name: "Åse", unit: "Jobservice"))],
            .ydelsesforloeb: [
                .benefit(
                    BenefitPeriod(personID: "F", benefit: "dagpenge", start: day(2026, 1, 1), end: day(2026, 9, 30), exitReason: "job"))
            ],
            .aktiviteter: [
                .activity(Activity(id: "E1", personID: "F", type: "eftervaern", start: day(2026, 10, 1), end: day(2026, 10, 20)))
            ],
            .tildelinger: [.assignment(Assignment(personID: "F", staffID: "M1", from: day(2026, 1, 1), to: day(2026, 9, 30)))],
        ])
        try store.saveUser(User(name: "M1", role: .medarbejder, unit: "Jobservice"), passwordHash: try Password.hash(testPassword))
        try await app(store).test(.router) { client in
            let caseworker = try await logIn(client, store, as: .medarbejder, name: "M1")
            let (_, page) = try await get(client, "/mine", caseworker)
            #expect(page.contains("<h2>Opfølgning efter job og uddannelse</h2>"))
            #expect(page.contains("<td>30-09-2026 (job)</td><td>30-10-2026</td>"))
            let csrf = try store.sessionCSRF(caseworker)
            let wrong = try await post(
                client, "/mine/opfoelgning", caseworker, "csrf=\(csrf)&medarbejder=M1&borger=F&slutdag=2026-09-29&udfald=fortsat_i_job")
            #expect(wrong.0 == .badRequest)
            let saved = try await post(
                client, "/mine/opfoelgning", caseworker, "csrf=\(csrf)&medarbejder=M1&borger=F&slutdag=2026-09-30&udfald=fortsat_i_job")
            #expect(saved.0 == .seeOther)
            #expect(try store.aftercareOutcomes(persons: ["F"]).map(\.result) == [.fortsat_i_job])
            #expect(
                try store.auditEntries(person: "F").contains { $0.criteria == "opfølgning efter forløb slut 2026-09-30: fortsat_i_job" })
            #expect(try await get(client, "/mine", caseworker).1.contains("Fortsat i job eller uddannelse (M1, "))
            let analyst = try await logIn(client, store, as: .analytiker)
            #expect(
                try await post(client, "/mine/opfoelgning", analyst, "csrf=\(try store.sessionCSRF(analyst))&medarbejder=M1").0
                    == .forbidden)
        }
    }
}
