import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAccess
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import IndsatsStore
import IndsatsTestSupport
import Testing

@testable import IndsatsWeb

/// Three persons on kontanthjælp: P1 with Jobservice (a CPR number, its latest
/// conversation there), P2 with Ungeenheden, P3 with Jobservice through an activity only.
func personStore() throws -> any DataStore {
    let store = try TestDatabase.newStore()
    _ = try store.write([
        .personer: [
            .person(Person(id: "P1", cpr: "0102034005", birthDate: day(2003, 2, 1), sex: "M")),
            .person(Person(id: "P2", sex: "K")), .person(Person(id: "P3", sex: "K")),
        ],
        .ydelsesforloeb: [
            .benefit(BenefitPeriod(personID: "P1", benefit: "kontanthjaelp_jobparat", start: day(2024, 1, 1))),
            .benefit(BenefitPeriod(personID: "P2", benefit: "kontanthjaelp_jobparat", start: day(2024, 2, 29), end: day(2024, 6, 30))),
            .benefit(BenefitPeriod(personID: "P3", benefit: "kontanthjaelp_jobparat", start: day(2023, 12, 1))),
        ],
        .samtaler: [
            .conversation(Conversation(personID: "P1", date: day(2024, 1, 10), type: "jobsamtale", staffID: "M1", unit: "Ungeenheden")),
            .conversation(Conversation(personID: "P1", date: day(2024, 3, 1), type: "jobsamtale", staffID: "M2", unit: "Jobservice")),
            .conversation(Conversation(personID: "P2", date: day(2024, 3, 1), type: "jobsamtale", staffID: "M3", unit: "Ungeenheden")),
        ],
        .aktiviteter: [
            .activity(
                Activity(
                    id: "A1", personID: "P3", type: "virksomhedspraktik", start: day(2024, 2, 1), hoursPerWeek: 12.5, unit: "Jobservice"))
        ],
    ])
    return store
}

@Suite("Borgersider: enhed, pseudonymer og audit")
struct PersonPageTests {
    func search(_ client: some TestClientProtocol, _ store: any DataStore, _ text: String, _ cookie: String) async throws -> (
        HTTPResponse.Status, String?
    ) {
        let body = "csrf=\(try store.sessionCSRF(cookie))&soeg=\(text)"
        return try await client.execute(
            uri: "/borgere/soeg", method: .post,
            headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        ) { ($0.status, $0.headers[.location]) }
    }

    @Test("A caseworker lists and reads only the persons whose current unit is theirs; a refused read is audited too")
    func caseworkerSeesOwnUnit() async throws {
        let store = try personStore()
        try await app(store).test(.router) { client in
            let cookie = try await logIn(client, store, as: .medarbejder)
            let (status, list) = try await get(client, "/borgere?ydelse=kontanthjaelp_jobparat&dag=2024-03-01", cookie)
            #expect(status == .ok)
            #expect(list.contains("href=\"/borgere/P1\"") && list.contains("href=\"/borgere/P3\""))
            #expect(!list.contains("/borgere/P2"))
            #expect(list.contains("2 borgere på Kontanthjælp, jobparat den 01-03-2024"))
            #expect(try await get(client, "/borgere/P1", cookie).0 == .ok)
            let (refused, _) = try await get(client, "/borgere/P2", cookie)
            #expect(refused == .forbidden)
            #expect(try await get(client, "/api/v1/borgere/P2", cookie).0 == .forbidden)
            let reads = try store.auditEntries(person: "P2").map { "\($0.user) \($0.action.rawValue) \($0.criteria ?? "")" }
            #expect(reads == ["medarbejder laesning borgerside afvist: anden enhed", "medarbejder laesning api afvist: anden enhed"])
        }
    }

    @Test("A search by CPR number goes by POST, finds the person, and neither the address nor the audit log holds the number")
    func cprSearch() async throws {
        let store = try personStore()
        try await app(store).test(.router) { client in
            let cookie = try await logIn(client, store, as: .administrator)
            let (status, location) = try await search(client, store, "010203-4005", cookie)
            #expect(status == .seeOther && location == "/borgere/P1")
            let (_, page) = try await get(client, "/borgere/P1", cookie)
            #expect(page.contains("<dt>CPR-nummer</dt><dd>010203-4005</dd>"))
            #expect(page.contains("<td>12,5</td>") == false)  // P1 has no activity
            #expect(page.contains("<td>01-03-2024</td><td>jobsamtale</td><td>M2</td><td>Jobservice</td>"))
            #expect(try await search(client, store, "999999-9999", cookie).0 == .notFound)
            let log = try store.auditEntries(person: nil)
            #expect(!log.contains { ($0.criteria ?? "").contains("0102034005") || ($0.criteria ?? "").contains("010203-4005") })
            #expect(try store.auditEntries(person: "P1").map(\.action) == [.soegning, .laesning])
        }
    }

    @Test("An analyst sees pseudonyms, a birth year and no CPR number; ids and CPR numbers are refused; the pseudonym finds the person")
    func analystSeesPseudonyms() async throws {
        let store = try personStore()
        let pseudonym = Pseudonyms(key: try store.pseudonymKey()).of("P3")
        try await app(store).test(.router) { client in
            let cookie = try await logIn(client, store, as: .analytiker)
            let (_, list) = try await get(client, "/borgere?ydelse=kontanthjaelp_jobparat&dag=2024-03-01", cookie)
            #expect(list.contains("href=\"/borgere/\(pseudonym)\""))
            #expect(!list.contains("/borgere/P1\"") && !list.contains(">P1<"))
            let (status, page) = try await get(client, "/borgere/\(pseudonym)", cookie)
            #expect(status == .ok)
            #expect(page.contains("<dt>Pseudonym</dt><dd>\(pseudonym)</dd>") && !page.contains("P3"))
            #expect(page.contains("<td>12,5</td>"))
            let p1 = Pseudonyms(key: try store.pseudonymKey()).of("P1")
            let (_, p1Page) = try await get(client, "/borgere/\(p1)", cookie)
            #expect(p1Page.contains("<dt>Fødselsår</dt><dd>2003</dd>") && !p1Page.contains("0102034005") && !p1Page.contains("010203-4005"))
            #expect(try await get(client, "/borgere/P1", cookie).0 == .notFound)
            #expect(try await search(client, store, "0102034005", cookie).0 == .badRequest)
            #expect(try await search(client, store, pseudonym, cookie) == (.seeOther, "/borgere/\(pseudonym)"))
            let json = try await get(client, "/api/v1/borgere/\(pseudonym)", cookie).1
            #expect(json.hasPrefix("{\"person\":\"\(pseudonym)\",\"foedselsaar\":null,\"koen\":\"K\""))
            #expect(try store.auditEntries(person: "P3").map(\.criteria) == ["borgerside", "borgersøgning: pseudonym \(pseudonym)", "api"])
        }
    }

    @Test("Managers and the committee get no person pages at all")
    func aggregatesOnly() async throws {
        let store = try personStore()
        try await app(store).test(.router) { client in
            for role in [Role.leder, .udvalg] {
                let cookie = try await logIn(client, store, as: role)
                #expect(try await get(client, "/borgere", cookie).0 == .forbidden)
                #expect(try await get(client, "/borgere/P1", cookie).0 == .forbidden)
                #expect(try await get(client, "/api/v1/borgere/P1", cookie).0 == .forbidden)
                let (_, overview) = try await get(client, "/", cookie)
                #expect(!overview.contains("href=\"/borgere\""))
            }
            #expect(try store.auditEntries(person: "P1").isEmpty)
        }
    }

    @Test("The course as JSON for a caseworker: ISO dates, codes, the unit now")
    func courseJSON() async throws {
        let store = try personStore()
        try await app(store).test(.router) { client in
            let cookie = try await logIn(client, store, as: .medarbejder)
            let (status, json) = try await get(client, "/api/v1/borgere/P3", cookie)
            #expect(status == .ok)
            #expect(
                json == """
                    {"person":"P3","cpr":null,"foedselsdato":null,"koen":"K","kommune":null,"cv_dato":null,"enhed":"Jobservice",\
                    "ydelsesforloeb":[{"ydelse":"kontanthjaelp_jobparat","start":"2023-12-01","slut":null,"afgang":null}],\
                    "aktiviteter":[{"type":"virksomhedspraktik","start":"2024-02-01","slut":null,"timer_pr_uge":12.5,"indsats_id":null,"enhed":"Jobservice"}],\
                    "samtaler":[]}
                    """)
        }
    }
}
