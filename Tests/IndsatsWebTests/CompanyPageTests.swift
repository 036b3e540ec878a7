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

@Suite("Virksomheder")
struct CompanyPageTests {
    @Test("Companies largest first with their latest contacts; without a personal contact in 12 months, over 5 employees only")
    func companies() async throws {
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .virksomheder: [
                .company(Company(cvr: "12345674", name: "Ågade Smed", employees: 12, industry: "Industri", municipality: "169")),
                .company(Company(cvr: "11111111", name: "Byg og Bo", employees: 20, industry: "Byggeri", municipality: "151")),
                .company(Company(cvr: "22222222", name: "Lille Café", employees: 3, industry: "Handel")),
                .company(Company(cvr: "33333333", name: "Dæk & Co", employees: 8, industry: "Handel")),
            ],
            .virksomhedskontakter: [
                .contact(CompanyContact(cvr: "12345674", date: day(2026, 5, 1), unit: "VS", channel: "personligt")),
                .contact(CompanyContact(cvr: "11111111", date: day(2026, 9, 1), unit: "Jobservice", channel: "digitalt")),
                .contact(CompanyContact(cvr: "33333333", date: day(2025, 1, 1), unit: "VS", channel: "telefon")),
                .contact(CompanyContact(cvr: "33333333", date: day(2026, 10, 1), unit: "VS", channel: "brev")),
            ],
        ])
        try await app(store).test(.router) { client in
            let caseworker = try await logIn(client, store, as: .medarbejder)
            let (status, page) = try await get(client, "/virksomheder", caseworker)
            #expect(status == .ok && page.contains("4 virksomheder"))
            #expect(
                page.range(of: "Byg og Bo")!.lowerBound < page.range(of: "Ågade Smed")!.lowerBound
                    && page.range(of: "Ågade Smed")!.lowerBound < page.range(of: "Dæk &amp; Co")!.lowerBound)
            #expect(
                page.contains(
                    "<td>Byg og Bo</td><td class=\"n\">20</td><td>Byggeri</td><td>151</td><td>01-09-2026</td><td>Jobservice</td><td>–</td>")
            )
            let (_, without) = try await get(client, "/virksomheder?uden_kontakt=ja", caseworker)
            #expect(without.contains("2 virksomheder") && without.contains("Byg og Bo") && without.contains("Dæk &amp; Co"))
            #expect(!without.contains("Ågade Smed") && !without.contains("Lille Café"))
            let (_, searched) = try await get(client, "/virksomheder?soeg=%C3%A5gade&branche=Industri", caseworker)
            #expect(searched.contains("1 virksomheder") && searched.contains("12345674"))
            let (_, sized) = try await get(client, "/virksomheder?ansatte=10&kommune=169", caseworker)
            #expect(sized.contains("1 virksomheder") && sized.contains("Ågade Smed") && !sized.contains("Byg og Bo"))
            #expect(sized.contains("<option value=\"169\" selected>169</option>") && sized.contains("value=\"10\""))
            let (_, csv) = try await get(client, "/virksomheder.csv?uden_kontakt=ja", caseworker)
            #expect(csv.contains("33333333;Dæk & Co;8;Handel;"))
        }
    }

    /// A company with contacts from two units, two citizens in praktik (one in the caseworker's
    /// unit, one not), a job order with a placement, and an alliance membership.
    func companyStore() throws -> any DataStore {
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .personer: [.person(Person(id: "P1")), .person(Person(id: "P2"))],
            .medarbejdere: [
                .staff(StaffMember(id: "medarbejder", unit: "Jobservice")), .staff(StaffMember(id: "M2", unit: "Ungeenheden")),
            ],
            .virksomheder: [
                .company(Company(cvr: "12345674", name: "Ågade Smed", employees: 12, industry: "Industri", municipality: "169"))
            ],
            .ydelsesforloeb: [
                .benefit(BenefitPeriod(personID: "P1", benefit: "dagpenge", start: day(2026, 1, 1))),
                .benefit(BenefitPeriod(personID: "P2", benefit: "kontanthjaelp_jobparat", start: day(2026, 1, 1))),
            ],
            .aktiviteter: [
                .activity(
                    Activity(
                        id: "A1", personID: "P1", type: "virksomhedspraktik", start: day(2026, 9, 1), cvr: "12345674",
                        pNumber: "1012345674",
                        unit: "Jobservice")),
                .activity(
                    Activity(
                        id: "A2", personID: "P2", type: "loentilskud_privat", start: day(2026, 8, 1), end: day(2026, 12, 31),
                        cvr: "12345674",
                        unit: "Ungeenheden")),
            ],
            .virksomhedskontakter: [
                .contact(
                    CompanyContact(
                        cvr: "12345674", date: day(2026, 5, 1), unit: "Virksomhedsservice", channel: "personligt", purpose: "praktik")),
                .contact(CompanyContact(cvr: "12345674", date: day(2026, 9, 1), unit: "Ungeenheden", channel: "telefon", result: "aftale")),
            ],
            .jobordrer: [
                .jobOrder(JobOrder(id: "J1", cvr: "12345674", created: day(2026, 6, 1), positions: 2, filled: 0)),
                .jobOrder(JobOrder(id: "J2", cvr: "12345674", created: day(2026, 3, 1), positions: 1, closed: day(2026, 4, 1))),
                .jobOrder(JobOrder(id: "J3", cvr: "12345674", created: day(2026, 7, 1), positions: 1, flexJob: true)),
            ],
            .formidlinger: [.placement(Placement(jobOrderID: "J1", personID: "P1", date: day(2026, 7, 1)))],
            .alliancer: [.alliance(Alliance(id: "A", name: "Virksomhedsalliancen", start: day(2023, 1, 1)))],
            .alliancemedlemmer: [
                .allianceMembership(AllianceMembership(allianceID: "A", cvr: "12345674", from: day(2026, 1, 1), pledgedInternships: 3))
            ],
        ])
        return store
    }

    @Test("A company's page: every unit's contacts, the rule of thumb, citizens by role, job orders with status, alliances")
    func companyPage() async throws {
        let store = try companyStore()
        try await app(store).test(.router) { client in
            let caseworker = try await logIn(client, store, as: .medarbejder)
            let (status, page) = try await get(client, "/virksomheder/12345674", caseworker)
            #expect(status == .ok)
            #expect(page.contains("<h1>Ågade Smed <span class=\"meta\">CVR 12345674</span></h1>") && page.contains("1012345674"))
            // Both units' contacts, newest first.
            #expect(
                page.range(of: "<th scope=\"row\">01-09-2026</th><td>Ungeenheden</td>")!.lowerBound
                    < page.range(of: "<th scope=\"row\">01-05-2026</th><td>Virksomhedsservice</td>")!.lowerBound)
            // 12 employees: room for 2; two citizens are in praktik or løntilskud on the data date.
            #expect(page.contains("plads til 2 i virksomhedspraktik og løntilskud. Den ") && page.contains("er 2 i gang"))
            // The caseworker sees their own unit's citizen only.
            #expect(page.contains("<a href=\"/borgere/P1\">P1</a>") && !page.contains("P2"))
            #expect(page.contains("Borgere i andre enheders sager vises ikke."))
            #expect(
                page.contains(
                    "<th scope=\"row\">J1</th><td>01-06-2026</td><td class=\"n\">2</td><td class=\"n\">0</td><td>–</td><td>Delvist besat</td><td>P1</td>"
                ))
            #expect(page.contains("<td>Lukket ubesat</td>"))
            #expect(
                page.contains(
                    "<td><a href=\"/alliancer/A\">Virksomhedsalliancen</a></td><td>01-01-2026</td><td>–</td><td class=\"n\">3</td>"))
            #expect(page.contains("action=\"/virksomheder/12345674/kontakt\""))

            let analyst = try await logIn(client, store, as: .analytiker)
            let (_, analysed) = try await get(client, "/virksomheder/12345674", analyst)
            #expect(!analysed.contains(">P1<") && analysed.contains("PS-") && !analysed.contains("/kontakt\""))

            let leader = try await logIn(client, store, as: .leder)
            let (_, led) = try await get(client, "/virksomheder/12345674", leader)
            #expect(!led.contains("Borgere i virksomheden") && !led.contains("PS-") && !led.contains(">P1<") && !led.contains("i gang"))
            // One placed citizen is a small number: the leader's status is by the order's own figures.
            #expect(led.contains("<td>Åben</td>") && !led.contains("Delvist besat") && !led.contains("Praktikker startet"))

            #expect(try await get(client, "/virksomheder/87654321", caseworker).0 == .notFound)
            let audit = try store.auditEntries(person: nil).map(\.criteria)
            #expect(audit.contains("virksomhed 12345674: 1 borgere vist (P1)"))
        }
    }

    @Test("A caseworker records a contact with a next step; it is on their work list until a later contact; bad dates are Danish errors")
    func recordContact() async throws {
        let store = try companyStore()
        try await app(store).test(.router) { client in
            let caseworker = try await logIn(client, store, as: .medarbejder)
            let csrf = try store.sessionCSRF(caseworker)
            let bad = try await post(
                client, "/virksomheder/12345674/kontakt", caseworker,
                "csrf=\(csrf)&dato=02-10-2026&kanal=telefon&naeste_skridt=Ring+igen&naeste_dato=01-10-2026")
            #expect(bad.0 == .badRequest)
            #expect(bad.1.contains("Kontakten blev ikke gemt: naeste_dato: slutdatoen 01-10-2026 ligger før startdatoen 02-10-2026"))
            #expect(bad.1.contains("value=\"Ring igen\""))
            let noStep = try await post(
                client, "/virksomheder/12345674/kontakt", caseworker, "csrf=\(csrf)&dato=02-10-2026&kanal=telefon&naeste_dato=09-10-2026")
            #expect(noStep.0 == .badRequest && noStep.1.contains("en dato for næste skridt kræver, at skridtet er beskrevet"))
            let saved = try await post(
                client, "/virksomheder/12345674/kontakt", caseworker,
                "csrf=\(csrf)&dato=02-10-2026&kanal=telefon&formaal=Rekruttering&resultat=Jobordre+p%C3%A5+vej&naeste_skridt=Send+kandidater&naeste_dato=09-10-2026"
            )
            #expect(saved.0 == .seeOther)
            let (_, page) = try await get(client, "/virksomheder/12345674", caseworker)
            #expect(
                page.contains(
                    "<th scope=\"row\">02-10-2026</th><td>Jobservice</td><td>medarbejder</td><td>telefon</td><td>Rekruttering</td><td>Jobordre på vej</td><td>Send kandidater (senest 09-10-2026)</td>"
                ))
            let (_, mine) = try await get(client, "/mine", caseworker)
            #expect(mine.contains("<a href=\"/virksomheder/12345674\">Ågade Smed</a>") && mine.contains("Send kandidater"))
            // A later contact by the same caseworker follows the step up.
            _ = try await post(client, "/virksomheder/12345674/kontakt", caseworker, "csrf=\(csrf)&dato=09-10-2026&kanal=personligt")
            let (_, after) = try await get(client, "/mine", caseworker)
            #expect(!after.contains("Send kandidater"))
            let criteria = try store.auditEntries(person: nil).map(\.criteria)
            #expect(criteria.contains("virksomhedskontakt cvr=12345674 dato=2026-10-02 kanal=telefon"), "\(criteria)")
            // Leaders and analysts do not record contacts.
            let leader = try await logIn(client, store, as: .leder)
            let refused = try await post(
                client, "/virksomheder/12345674/kontakt", leader, "csrf=\(try store.sessionCSRF(leader))&dato=02-10-2026")
            #expect(refused.0 == .forbidden)
        }
    }

    @Test("Alliances by year and their members; a leader sees starts under 5 hidden, an analyst the counts")
    func alliancePages() async throws {
        let store = try companyStore()
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let (status, list) = try await get(client, "/alliancer", analyst)
            #expect(status == .ok && list.contains("<a href=\"/alliancer/A\">Virksomhedsalliancen</a>"))
            let (_, page) = try await get(client, "/alliancer/A", analyst)
            // 2026: one new member pledging 3 praktik places; P1's praktik started there in September.
            #expect(
                page.contains(
                    "<th scope=\"row\">2026</th><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">3</td><td class=\"n\">0</td><td class=\"n\">1</td><td class=\"n\">0</td><td class=\"n\">1</td>"
                ))
            #expect(page.contains("<a href=\"/virksomheder/12345674\">12345674</a></td><td>Ågade Smed</td>"))
            #expect(page.contains("<caption>År for år (2026 til ") && page.contains(", fra 01-01-2023. "))
            let leader = try await logIn(client, store, as: .leder)
            let (_, led) = try await get(client, "/alliancer/A", leader)
            #expect(
                led.contains(
                    "<td class=\"n\">3</td><td class=\"n\">0</td><td class=\"n\"><abbr title=\"skjult: under 5\">..</abbr></td><td class=\"n\">0</td><td class=\"n\"><abbr title=\"skjult: under 5\">..</abbr></td>"
                ))
            #expect(try await get(client, "/alliancer/X", leader).0 == .notFound)
        }
    }

    @Test("Job orders: status, suggested candidates with their reasons by role (audited), placements recorded on the order")
    func jobOrders() async throws {
        let store = try companyStore()
        try await app(store).test(.router) { client in
            let caseworker = try await logIn(client, store, as: .medarbejder)
            let (status, list) = try await get(client, "/jobordrer", caseworker)
            #expect(status == .ok && list.contains("2 jobordrer") && !list.contains(">J2<"))
            #expect(list.contains("<td><a href=\"/jobordrer/J1\">J1</a></td><td><a href=\"/virksomheder/12345674\">Ågade Smed</a></td>"))
            let (_, all) = try await get(client, "/jobordrer?alle=ja", caseworker)
            #expect(all.contains("3 jobordrer") && all.contains("<td>Lukket ubesat</td>"))

            // P1 (dagpenge, praktik in the branch this autumn) is the caseworker's; P2 is another unit's.
            let (_, order) = try await get(client, "/jobordrer/J1", caseworker)
            #expect(order.contains("status: <strong>Delvist besat</strong>"))
            #expect(
                order.contains(
                    "<td>dagpenge</td><td class=\"n\">5</td><td>jobparat (dagpenge) +2; virksomhedspraktik i branchen 01-09-2026–, seneste 12 måneder +3</td>"
                ))
            #expect(!order.contains("P2"))
            let audit = try store.auditEntries(person: nil).compactMap(\.criteria)
            #expect(audit.contains("kandidater til jobordre J1: P1"))

            let analyst = try await logIn(client, store, as: .analytiker)
            let (_, analysed) = try await get(client, "/jobordrer/J1", analyst)
            // Both, best first: P2 (job-ready +2, løntilskud +4) before P1; pseudonyms, no placing.
            let scores = analysed.components(separatedBy: "<td class=\"n\">").dropFirst().map { $0.prefix { $0 != "<" } }
            #expect(scores == ["6", "5"] && analysed.contains("PS-") && !analysed.contains(">P1<") && !analysed.contains("Placér"))

            let leader = try await logIn(client, store, as: .leder)
            let (_, ledJSON) = try await get(client, "/api/v1/jobordrer/J1", leader)
            #expect(
                ledJSON
                    == "{\"jobordre_id\":\"J1\",\"cvr\":\"12345674\",\"virksomhed\":\"Ågade Smed\",\"branche\":\"Industri\",\"oprettet\":\"2026-06-01\","
                    + "\"stillinger\":2,\"besat\":0,\"lukket\":null,\"fleksjob\":false,\"status\":\"aaben\",\"antal_placerede\":null,"
                    + "\"placerede\":null,\"kandidater\":null}")
            let (_, caseworkerJSON) = try await get(client, "/api/v1/jobordrer/J1", caseworker)
            #expect(
                caseworkerJSON.hasSuffix(
                    "\"placerede\":[{\"borger\":\"P1\",\"dato\":\"2026-07-01\"}],\"kandidater\":[{\"borger\":\"P1\",\"ydelse\":\"dagpenge\",\"point\":5,"
                        + "\"begrundelser\":[\"jobparat (dagpenge) +2\",\"virksomhedspraktik i branchen 01-09-2026–, seneste 12 måneder +3\"]}]}"
                ))
            #expect(try await get(client, "/api/v1/jobordrer/J9", caseworker).0 == .notFound)
            let (_, led) = try await get(client, "/jobordrer/J1", leader)
            #expect(led.contains("status: <strong>Åben</strong>") && led.contains("under 5 placeret"))
            #expect(!led.contains("Forslag til kandidater") && !led.contains("P1"))
            let (_, ledList) = try await get(client, "/jobordrer", leader)
            #expect(ledList.contains("<td class=\"n\"><abbr title=\"skjult: under 5\">..</abbr></td><td>Åben</td>"))

            // Fleksjob: only citizens on ledighedsydelse are suggested.
            let (_, flex) = try await get(client, "/jobordrer/J3", caseworker)
            #expect(flex.contains("fleksjob: kun ledighedsydelse") && flex.contains("Ingen kandidater med erfaring i branchen."))

            // The caseworker cannot place another unit's citizen; an administrator places P2, and J1 is filled.
            let csrf = try store.sessionCSRF(caseworker)
            let refused = try await post(client, "/jobordrer/J1/placering", caseworker, "csrf=\(csrf)&borger=P2&dato=01-10-2026")
            #expect(
                refused.0 == .badRequest && refused.1.contains("Placeringen blev ikke gemt: person_id: borgeren P2 findes ikke i din enhed")
            )
            let badDate = try await post(client, "/jobordrer/J1/placering", caseworker, "csrf=\(csrf)&borger=P1&dato=31-02-2026")
            #expect(badDate.0 == .badRequest && badDate.1.contains("dato: &#39;31-02-2026&#39; er ikke en gyldig dato"))
            let admin = try await logIn(client, store, as: .administrator)
            let placed = try await post(
                client, "/jobordrer/J1/placering", admin, "csrf=\(try store.sessionCSRF(admin))&borger=P2&dato=01-10-2026")
            #expect(placed.0 == .seeOther)
            let (_, filled) = try await get(client, "/jobordrer/J1", admin)
            #expect(filled.contains("status: <strong>Besat</strong>") && !filled.contains("Forslag til kandidater"))
            #expect(try store.auditEntries(person: "P2").contains { $0.criteria == "placering i jobordre J1 dato=2026-10-01" })
        }
    }
}
