import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsStore

/// *Alliancer*: company alliances and task forces followed year by year (seed 001's alliance of
/// 142 companies, "opfølgning ... handler det nu primært om"): members joining, the praktik and
/// småjob places they pledge, and the praktikker, småjob and placements that started at their
/// companies while they were members. Counts of citizens' starts are hidden under 5 for the
/// roles that see published figures only; no citizen is named.
enum AlliancePages {
    static let roles = CompanyPages.roles

    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        routes.add(RouteRule(.get, "/alliancer", roles: roles, purpose: "virksomhedsalliancer med medlemmer, tilsagn og resultater")) {
            _, context in
            let (records, day) = try await followed(store, cache)
            let hiding = context.user!.role.suppressesSmallNumbers
            var table = DataTable(
                caption: "Alliancer i \(day.year) (til \(day.danish))",
                columns: [
                    .init("Alliance"), .init("Enhed"), .init("Medlemmer"), .init("Tilsagn praktik pr. år"), .init("Tilsagn småjob pr. år"),
                    .init("Praktikker startet"), .init("Småjob startet"), .init("Placeringer"),
                ])
            for (record, years) in records {
                let year = years.last
                table.rows.append(
                    [
                        .link(record.alliance.name, href: "/alliancer/" + PageView.segment(record.alliance.id)),
                        .text(record.alliance.unit ?? "–"),
                    ] + figures(year, hiding))
            }
            let body: HTML = """
                <h1>Alliancer</h1><p class="meta">Virksomhedsalliancer og taskforces fra alliancer.csv og alliancemedlemmer.csv. \
                Startet tæller aktiviteter, der startede i virksomheder, mens de var medlemmer. \
                \(hiding ? SmallNumbers.publishedNote : "")</p>\(table.rows.isEmpty ? "<p>Ingen alliancer er indlæst.</p>" : table.html())
                """
            return WebApplication.page(context, "Alliancer", body)
        }
        routes.add(RouteRule(.get, "/alliancer/:id", roles: roles, purpose: "én alliance år for år med medlemmerne")) { _, context in
            let id = try context.parameters.require("id")
            let (records, day) = try await followed(store, cache)
            guard let (record, years) = records.first(where: { $0.record.alliance.id == id }) else {
                return WebApplication.page(
                    context, "Alliance", status: .notFound,
                    "<h1>Alliance</h1><p>Alliancen findes ikke. <a href=\"/alliancer\">Alle alliancer</a></p>")
            }
            return WebApplication.page(
                context, record.alliance.name, page(record, years, day, hiding: context.user!.role.suppressesSmallNumbers))
        }
    }

    /// Every alliance followed year by year to the page day, computed once per data version (a
    /// sweep over the register's activities and placements) and shared by both pages.
    static func followed(_ store: any DataStore, _ cache: RegisterCache) async throws -> (
        [(record: AllianceRecord, years: [AllianceYear])], Day
    ) {
        try await cache.value("alliancer") { register in
            let day = WebApplication.pageDay(register)
            let records = try store.alliances()
            let events = register.companyEvents(at: Set(records.flatMap { $0.memberships.map(\.cvr) }), types: AllianceYear.startTypes)
            return (records.map { ($0, AllianceYear.years(memberships: $0.memberships, events: events, through: day)) }, day)
        }
    }

    /// Members and pledges as they are; citizens' starts hidden under 5 for `hiding` roles.
    static func figures(_ year: AllianceYear?, _ hiding: Bool) -> [DataTable.Cell] {
        guard let year else { return Array(repeating: .none, count: 6) }
        func count(_ n: Int) -> DataTable.Cell { .number(Double(n), decimals: 0) }
        func citizens(_ n: Int) -> DataTable.Cell { hiding && SmallNumbers.hiddenCount(n) != nil ? .hidden : count(n) }
        return [
            count(year.members), count(year.pledgedInternships), count(year.pledgedSmallJobs), citizens(year.internshipsStarted),
            citizens(year.smallJobsStarted), citizens(year.placements),
        ]
    }

    static func page(_ record: AllianceRecord, _ years: [AllianceYear], _ day: Day, hiding: Bool) -> HTML {
        let a = record.alliance
        var byYear = DataTable(
            caption: "År for år (\(years.first.map { String($0.year) } ?? String(day.year)) til \(day.danish))",
            columns: [
                .init("År"), .init("Nye medlemmer"), .init("Medlemmer"), .init("Tilsagn praktik pr. år"), .init("Tilsagn småjob pr. år"),
                .init("Praktikker startet"), .init("Småjob startet"), .init("Placeringer"),
            ])
        for year in years {
            var cells = figures(year, hiding)
            cells.insert(.number(Double(year.newMembers), decimals: 0), at: 0)
            byYear.rows.append([.text(String(year.year))] + cells)
        }
        var members = DataTable(
            caption: "Medlemmer",
            columns: [
                .init("CVR"), .init("Virksomhed"), .init("Branche"), .init("Ansatte"), .init("Fra"), .init("Til"),
                .init("Tilsagn praktik pr. år"), .init("Tilsagn småjob pr. år"),
            ])
        for m in record.memberships.reversed() {
            let company = record.companies[m.cvr]
            members.rows.append([
                .link(m.cvr, href: "/virksomheder/" + PageView.segment(m.cvr)), .text(company?.name ?? "–"),
                .text(company?.industry ?? "ukendt"),
                company?.employees.map { .number(Double($0), decimals: 0) } ?? .none, .text(m.from.danish), .text(m.to?.danish ?? "–"),
                m.pledgedInternships.map { .number(Double($0), decimals: 0) } ?? .none,
                m.pledgedSmallJobs.map { .number(Double($0), decimals: 0) } ?? .none,
            ])
        }
        let period =
            switch (a.start, a.end) {
            case (let start?, let end?): ", \(start.danish) – \(end.danish)"
            case (let start?, nil): ", fra \(start.danish)"
            case (nil, let end?): ", til \(end.danish)"
            case (nil, nil): ""
            }
        return """
            <h1>\(a.name)</h1><p class="meta">\(a.unit ?? "Ingen enhed angivet")\(period). \
            Tilsagn er pladser pr. år for medlemmerne ved årets udgang (eller datadatoen). Startet tæller praktikker og småjob \
            (ordinære timer), der startede i medlemmernes virksomheder, mens de var medlemmer; placeringer er borgere placeret i \
            deres jobordrer (formidlinger.csv). \(hiding ? SmallNumbers.publishedNote : "") <a href="/alliancer">Alle alliancer</a></p>\
            \(byYear.html())\(members.html())
            """
    }
}
