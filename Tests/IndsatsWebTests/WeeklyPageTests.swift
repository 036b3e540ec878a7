import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAccess
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import IndsatsEconomy
import IndsatsExchange
import IndsatsStore
import IndsatsTestSupport
import Testing

@testable import IndsatsWeb

@Suite("Ugetal")
struct WeeklyPageTests {
    private func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day(year: y, month: m, day: day)! }

    /// Week 43 of 2026 is Monday 19 to Sunday 25 October; the data date is Wednesday 28 October, so week 43 is the last whole week.
    func store() throws -> any DataStore {
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .personer: ["A", "B", "C"].map { .person(Person(id: $0)) },
            .medarbejdere: [
                .staff(StaffMember(id: "M1", name: "Åse", unit: "Jobservice", team: "Team Nord")),
                .staff(StaffMember(id: "M2", name: "Bo", unit: "Jobservice", team: "Team Syd")),
            ],
            .ydelsesforloeb: [
                .benefit(BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2026, 1, 5), end: d(2026, 10, 21), exitReason: "job")),
                .benefit(BenefitPeriod(personID: "B", benefit: "dagpenge", start: d(2026, 1, 5), end: d(2026, 10, 28))),
            ],
            .samtaler: [
                .conversation(Conversation(personID: "A", date: d(2026, 10, 19), type: "jobsamtale", staffID: "M1", unit: "Jobservice")),
                .conversation(Conversation(personID: "B", date: d(2026, 10, 20), type: "jobsamtale", staffID: "M1", unit: "Jobservice")),
                .conversation(Conversation(personID: "B", date: d(2026, 10, 25), type: "jobsamtale", staffID: "M2", unit: "Jobservice")),
                .conversation(Conversation(personID: "B", date: d(2026, 10, 12), type: "jobsamtale", staffID: "M2", unit: "Jobservice")),
            ],
        ])
        try store.saveWeeklyTargets(
            WeeklyTargets(municipality: ["samtaler": 4, "afslutninger": 1], units: ["Jobservice": ["samtaler": 2]]))
        return store
    }

    @Test("Last whole week by default: figures against targets, the week before, by unit and by team and caseworker, and as a workbook")
    func week() async throws {
        let store = try store()
        #expect(WeeklyPages.lastWholeWeek(d(2026, 10, 28)) == ISOWeek(year: 2026, week: 43))
        #expect(WeeklyPages.lastWholeWeek(d(2026, 10, 25)) == ISOWeek(year: 2026, week: 43))
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let (status, page) = try await get(client, "/ugetal", analyst)
            #expect(status == .ok && page.contains("<h1>Ugetal uge 43, 2026</h1>"))
            // One spell ended to a job in week 43 (target 1: reached); three conversations (target 4: below), one the week before.
            #expect(
                page.contains(
                    "<td><a href=\"/definitioner#afgang\">Afsluttet til job og uddannelse</a></td><td class=\"n\">1</td><td class=\"n\">1</td><td>nået</td><td class=\"n\">0</td>"
                ))
            #expect(
                page.contains(
                    "<td><a href=\"/definitioner#samtaler\">Samtaler</a></td><td class=\"n\">3</td><td class=\"n\">4</td><td>under målet</td><td class=\"n\">1</td>"
                ))
            // By unit, all five against the unit's targets: A's closure on 21-10 goes to Jobservice (A's conversation on 19-10);
            // B, on dagpenge without a CV at the week's end, too; no job orders (0), no unit "ukendt" (nothing happened to it).
            // A target column only for samtaler, the one figure a unit has a target for.
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Jobservice</th><td class=\"n\">1</td><td class=\"n\">3</td><td class=\"n\">2</td>"
                        + "<td class=\"n\">0,0 %</td><td class=\"n\">0</td><td class=\"n\">0</td></tr>"))
            #expect(page.contains("<th scope=\"col\">Mål: samtaler</th>") && !page.contains("Mål: andel med CV"))
            #expect(!page.contains("<th scope=\"row\">ukendt</th>"))
            // By team and caseworker: the closure is M1's, B is M2's on Sunday 25-10 (M2 held B's latest conversation).
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Team Nord</th><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">2</td><td class=\"n\">–</td></tr>"
                ))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Team Syd</th><td class=\"n\">1</td><td class=\"n\">0</td><td class=\"n\">1</td><td class=\"n\">0,0 %</td></tr>"
                ))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Åse (M1)</th><td>Team Nord</td><td>Jobservice</td><td class=\"n\">1</td><td class=\"n\">2</td><td class=\"n\">–</td></tr>"
                ))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">Bo (M2)</th><td>Team Syd</td><td>Jobservice</td><td class=\"n\">0</td><td class=\"n\">1</td><td class=\"n\">0,0 %</td></tr>"
                ))
            #expect(page.contains("<svg"))
            // A team leader picks the team: its caseworkers only, every team still in the team table.
            let (_, south) = try await get(client, "/ugetal?team=Team%20Syd", analyst)
            #expect(
                south.contains("<option value=\"Team Syd\" selected>Team Syd</option>") && south.contains("<th scope=\"row\">Bo (M2)</th>"))
            #expect(!south.contains("<th scope=\"row\">Åse (M1)</th>") && south.contains("<th scope=\"row\">Team Nord</th>"))
            let (_, before) = try await get(client, "/ugetal?uge=2026-W42", analyst)
            #expect(before.contains("<h1>Ugetal uge 42, 2026</h1>"))
            let xlsx = try await client.execute(uri: "/ugetal.xlsx?uge=2026-W43", method: .get, headers: [.cookie: analyst]) {
                Data(buffer: $0.body)
            }
            #expect(
                try Workbook(xlsx: xlsx, fileName: "u.xlsx").sheets.map(\.name)
                    == ["Skarpe nøgletal uge 43", "Pr. enhed uge 43", "Pr. team uge 43", "Pr. medarbejder uge 43"])
            let leader = try await logIn(client, store, as: .leder)
            let (_, hidden) = try await get(client, "/ugetal", leader)
            #expect(hidden.contains(SmallNumbers.publishedNote) && !hidden.contains("<svg"))
            // Outside casework every count here is small: hidden for teams and caseworkers alike.
            let h = "<td class=\"n\"><abbr title=\"skjult: under 5\">..</abbr></td>"
            #expect(hidden.contains("<tr><th scope=\"row\">Team Nord</th><td class=\"n\">1</td>\(h)\(h)<td class=\"n\">–</td></tr>"))
            #expect(
                hidden.contains("<tr><th scope=\"row\">Bo (M2)</th><td>Team Syd</td><td>Jobservice</td><td class=\"n\">0</td>\(h)\(h)</tr>")
            )
        }
    }

    @Test("Formidlinger counts placements where formidlinger.csv has rows, else filled positions of orders closed in the week")
    func placementsAsFormidlinger() async throws {
        let store = try store()
        _ = try store.write([
            .virksomheder: [.company(Company(cvr: "12345674", name: "Ågade Smed", employees: 12))],
            .jobordrer: [
                .jobOrder(
                    JobOrder(
                        id: "J1", cvr: "12345674", created: d(2026, 9, 1), positions: 3, filled: 3, closed: d(2026, 10, 20),
                        unit: "Jobservice"))
            ],
        ])
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let (_, filled) = try await get(client, "/ugetal", analyst)
            #expect(
                filled.contains("<td><a href=\"/definitioner#formidlinger\">Formidlinger</a></td><td class=\"n\">3</td>")
                    && filled.contains("Formidlinger: besatte stillinger i jobordrer lukket i ugen."))
            _ = try store.write([.formidlinger: [.placement(Placement(jobOrderID: "J1", personID: "A", date: d(2026, 10, 21)))]])
            let (_, placed) = try await get(client, "/ugetal", analyst)
            #expect(
                placed.contains("<td><a href=\"/definitioner#placeringer\">Formidlinger</a></td><td class=\"n\">1</td>")
                    && placed.contains("Formidlinger: borgere placeret i jobordrer i ugen (placeringer, formidlinger.csv)."))
        }
    }

    /// The sample store with `staff` added, each holding one conversation in the last whole week.
    func store(withCaseworkers staff: [StaffMember]) throws -> any DataStore {
        let store = try store()
        _ = try store.write([
            .medarbejdere: staff.map { .staff($0) },
            .samtaler: staff.map {
                .conversation(Conversation(personID: "C", date: d(2026, 10, 21), type: "jobsamtale", staffID: $0.id, unit: "Jobservice"))
            },
        ])
        return store
    }

    @Test("Caseworkers by team and name, and namesakes in one team by their id, the same every time")
    func namesakesByID() async throws {
        let store = try store(
            withCaseworkers: ["N9", "N1", "N5", "N3"].map { StaffMember(id: $0, name: "Ens Navn", unit: "Jobservice", team: "Team Ens") })
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let (_, page) = try await get(client, "/ugetal", analyst)
            let places = ["N1", "N3", "N5", "N9"].map { page.range(of: "<th scope=\"row\">Ens Navn (\($0))</th>")?.lowerBound }
            #expect(places.allSatisfy { $0 != nil } && places.map { $0! } == places.map { $0! }.sorted(), "\(places)")
        }
    }

    @Test("More than 200 caseworkers: the page asks for a team, the workbook holds them all")
    func manyCaseworkers() async throws {
        let store = try store(
            withCaseworkers: (0..<201).map { StaffMember(id: "X\($0)", name: "Medarbejder X\($0)", unit: "Jobservice", team: "Team Stor") })
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let (_, page) = try await get(client, "/ugetal", analyst)
            #expect(page.contains("<p>203 medarbejdere: vælg et team for at se dets medarbejdere (filerne har dem alle).</p>"))
            #expect(!page.contains("<th scope=\"row\">Medarbejder X7 (X7)</th>"))
            let (_, big) = try await get(client, "/ugetal?team=Team%20Stor", analyst)
            #expect(big.contains("<th scope=\"row\">Medarbejder X7 (X7)</th>") && !big.contains("<th scope=\"row\">Bo (M2)</th>"))
            let xlsx = try await client.execute(uri: "/ugetal.xlsx", method: .get, headers: [.cookie: analyst]) { Data(buffer: $0.body) }
            #expect(try Workbook(xlsx: xlsx, fileName: "u.xlsx").sheets.last?.rows.count ?? 0 >= 203)
        }
    }

    @Test(
        "Weekly targets on a page: every role reads them, analysts change them in one form; a wrong field saves nothing and keeps what was typed"
    )
    func targetsForm() async throws {
        let store = try store()
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let (_, form) = try await get(client, "/ugetal/maal", analyst)
            #expect(
                form.contains(
                    "<input name=\"kommune:samtaler\" value=\"4\" inputmode=\"decimal\" size=\"6\" aria-label=\"Kommunen: Samtaler\">"))
            #expect(form.contains("<input name=\"enhed:Jobservice:samtaler\" value=\"2\""))
            #expect(form.contains("<input name=\"enhed:Jobservice:andel_med_cv\" value=\"\""))
            func post(_ form: String) async throws -> (HTTPResponse.Status, String) {
                try await IndsatsWebTests.post(client, "/ugetal/maal", analyst, form)
            }
            #expect(try await post("kommune%3Asamtaler=5").0 == .forbidden)
            let csrf = try store.sessionCSRF(analyst)
            let bad = try await post("csrf=\(csrf)&kommune%3Asamtaler=1.200&enhed%3AJobservice%3Asamtaler=mange")
            #expect(
                bad.0 == .badRequest
                    && bad.1.contains("Jobservice, samtaler: &#39;mange&#39; er ikke et gyldigt mål (et tal, 0 eller mere)"))
            #expect(bad.1.contains("<input name=\"kommune:samtaler\" value=\"1.200\""))
            #expect(
                try await post("csrf=\(csrf)&kommune%3Aandel_med_cv=101").1.contains(
                    "Kommunen, andel med CV: &#39;101&#39; er ikke et gyldigt mål (en procent fra 0 til 100)"))
            #expect(
                try store.weeklyTargets()
                    == WeeklyTargets(municipality: ["samtaler": 4, "afslutninger": 1], units: ["Jobservice": ["samtaler": 2]]))
            // A form that names no target changes nothing (it used to wipe them all), and leaves no change in the audit log.
            #expect(try await post("csrf=\(csrf)&ukendt=1").0 == .seeOther)
            #expect(
                try store.weeklyTargets()
                    == WeeklyTargets(municipality: ["samtaler": 4, "afslutninger": 1], units: ["Jobservice": ["samtaler": 2]]))
            #expect(try !store.auditEntries(person: nil).contains { $0.action == .aendring })
            let saved = try await post(
                "csrf=\(csrf)&kommune%3Asamtaler=1.200&kommune%3Aandel_med_cv=90%2C5&enhed%3AJobservice%3Aformidlinger=3&enhed%3AJobservice%3Asamtaler="
            )
            #expect(saved.0 == .seeOther)
            // A field the form does not send keeps its target (afslutninger); an empty one removes it.
            #expect(
                try store.weeklyTargets()
                    == WeeklyTargets(
                        municipality: ["samtaler": 1200, "andel_med_cv": 0.905, "afslutninger": 1],
                        units: ["Jobservice": ["formidlinger": 3]]))
            let change = try #require(try store.auditEntries(person: nil).last { $0.action == .aendring })
            #expect(
                change.user == "analytiker" && change.criteria!.hasPrefix("ugemål; før: {")
                    && change.criteria!.contains("\"samtaler\" : 1200"))
            // The figures page shows the new target (saving moved the data version).
            #expect(
                try await get(client, "/ugetal", analyst).1.contains("<td class=\"n\">3</td><td class=\"n\">1.200</td><td>under målet</td>")
            )
            let leader = try await logIn(client, store, as: .leder)
            let (_, readOnly) = try await get(client, "/ugetal/maal", leader)
            #expect(
                readOnly.contains("<td class=\"n\">1.200</td>") && readOnly.contains("<td class=\"n\">90,5</td>")
                    && !readOnly.contains("<input name=\"kommune"))
        }
    }
}
