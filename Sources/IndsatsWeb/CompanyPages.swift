import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import IndsatsStore

/// *Virksomheder*: companies by CVR number or name, branch, municipality and size, with their latest
/// contact from any unit and their latest in person or by phone; "uden kontakt" lists
/// those over 5 employees with no such contact in the last 12 months, for planning calls
/// (seed 002's coverage goal). Company data only, no citizens.
enum CompanyPages {
    static let roles: [Role] = [.administrator, .leder, .analytiker, .medarbejder]
    /// The most companies a list shows (the files hold as many).
    static let listLimit = 500

    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        routes.add(RouteRule(.get, "/virksomheder", roles: roles, purpose: "virksomheder og deres seneste kontakter")) { request, context in
            let list = try await companies(PageView(request, context), store, cache)
            let industries = HTML.options([("", "Alle brancher")] + list.industries.map { ($0, $0) }, selected: list.industry ?? "")
            let municipalities = HTML.options(
                [("", "Alle kommuner")] + list.municipalities.map { ($0, $0) }, selected: list.municipality ?? "")
            let fields: HTML = """
                <label>CVR eller navn <input name="soeg" value="\(list.search)"></label> \
                <label>Branche <select name="branche">\(industries)</select></label> \
                <label>Kommune <select name="kommune">\(municipalities)</select></label> \
                <label>Mindst <input name="ansatte" value="\(list.minimumEmployees.map(String.init) ?? "")" size="4"> ansatte</label> \
                <label><input type="checkbox" name="uden_kontakt" value="ja"\(list.withoutContact ? " checked" : "")> \
                Kun over 5 ansatte uden personlig eller telefonisk kontakt de seneste 12 måneder</label>
                """
            let body: HTML = """
                <h1>Virksomheder</h1>\(HTML.filterForm("/virksomheder", fields))\
                <p class="meta">\(DanishFormat.integer(list.total)) virksomheder\(list.total > listLimit ? ", de \(listLimit) største vist" : ""). \
                Datadato \(list.day.danish). \(HTML.downloads("/virksomheder", query: list.query)) · \
                <a href="/definitioner#virksomhedsdaekning_personlig">Virksomhedsdækning, personlig</a> · \
                <a href="/alliancer">Alliancer</a> · <a href="/jobordrer">Jobordrer</a></p>\(list.table.html())
                """
            return WebApplication.page(context, "Virksomheder", body)
        }
        routes.add(
            RouteRule(.get, "/virksomheder/:cvr", roles: roles, purpose: "én virksomhed: kontakter, borgere, jobordrer og alliancer")
        ) {
            _, context in
            guard let response = try await companyPage(context, store, cache, typed: [:], error: nil) else {
                return notFound(context)
            }
            return response
        }
        routes.addForm(
            RouteRule(.post, "/virksomheder/:cvr/kontakt", roles: CompanyPage.recorders, purpose: "registrér en kontakt med virksomheden")
        ) { _, context, form in
            let cvr = try context.parameters.require("cvr")
            let user = context.user!
            let register = try await cache.current()
            let staffID = try store.staffMembers().contains { $0.id == user.name } ? user.name : nil
            var row = ["cvr": cvr, "enhed": user.unit ?? "", "medarbejder": staffID ?? "", "kontakt_id": "W-" + UUID().uuidString]
            for name in ["dato", "kanal", "formaal", "resultat", "naeste_skridt", "naeste_dato"] {
                row[name] = (form[name] ?? "").trimmingSpaces
            }
            let (records, problems) = ContractRows.read(.virksomhedskontakter, [row], reference: register.reference)
            guard problems.isEmpty, case .contact(let contact)? = records.first, try store.companyRecord(cvr: cvr) != nil else {
                let message =
                    problems.isEmpty
                    ? nil : "Kontakten blev ikke gemt: " + problems.map { "\($0.column): \($0.reason)" }.joined(separator: "; ")
                return try await companyPage(context, store, cache, typed: form.fields, error: message, status: .badRequest)
                    ?? notFound(context)
            }
            try store.importSession { session in
                try session.write(.contact(contact))
                return true
            }
            try store.appendAudit(
                user: user.name, action: .aendring, person: nil,
                criteria: "virksomhedskontakt cvr=\(cvr) dato=\(contact.date.iso) kanal=\(contact.channel ?? "")", at: Date())
            return Response(status: .seeOther, headers: [.location: "/virksomheder/" + PageView.segment(cvr)])
        }
        for format in ["csv", "xlsx"] {
            routes.add(RouteRule(.get, "/virksomheder.\(format)", roles: roles, purpose: "virksomhedslisten som \(format)")) {
                request, context in
                let list = try await companies(PageView(request, context), store, cache)
                try store.appendAudit(
                    user: context.user?.name ?? "", action: .eksport, person: nil, criteria: "virksomheder \(list.query) \(format)",
                    at: Date())
                return try DataTable.download([list.table], name: "virksomheder-\(list.day.iso)", format: format)
            }
        }
    }

    /// The company's page, or `nil` when no company has the CVR number. Reading it is a
    /// person-level read when citizens are shown, and audited as such.
    static func companyPage(
        _ context: AppContext, _ store: any DataStore, _ cache: RegisterCache, typed: [String: String], error: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response? {
        let cvr = try context.parameters.require("cvr")
        guard let record = try store.companyRecord(cvr: cvr) else { return nil }
        let user = context.user!
        let register = try await cache.current()
        let names = user.role.seesPseudonymsOnly ? Pseudonyms(key: try store.pseudonymKey()) : nil
        let page = CompanyPage(
            record: record, user: user, pseudonyms: names, day: WebApplication.pageDay(register),
            csrf: CompanyPage.recorders.contains(user.role) ? context.session?.csrfToken : nil, typed: typed, error: error,
            today: Day(Date()), atCompany: Set(register.reference.codes(.aktivitetstype).filter(\.companyBased).map(\.code)))
        let citizens = page.shownCitizens
        try store.appendAudit(
            user: user.name, action: .laesning, person: citizens.count == 1 ? citizens[0] : nil,
            criteria: "virksomhed \(cvr)"
                + (citizens.isEmpty ? "" : ": \(citizens.count) borgere vist (\(citizens.joined(separator: ",")))"),
            at: Date())
        return WebApplication.page(context, record.company.name ?? "Virksomhed", status: status, page.body())
    }

    static func notFound(_ context: AppContext) -> Response {
        WebApplication.page(
            context, "Virksomhed", status: .notFound,
            "<h1>Virksomhed</h1><p>Ingen virksomhed med det CVR-nummer. <a href=\"/virksomheder\">Tilbage</a></p>")
    }

    struct List {
        var search: String
        var industry: String?
        var industries: [String]
        var municipality: String?
        var municipalities: [String]
        var minimumEmployees: Int?
        var withoutContact: Bool
        var day: Day
        var total: Int
        var table: DataTable
        var query: String
    }

    static func companies(_ view: PageView, _ store: any DataStore, _ cache: RegisterCache) async throws -> List {
        let register = try await cache.current()
        let day = WebApplication.pageDay(register)
        let search = view["soeg"].trimmingSpaces
        let allIndustries = try store.industries()
        let industry = allIndustries.contains(view["branche"]) ? view["branche"] : nil
        let allMunicipalities = try store.companyMunicipalities()
        let municipality = allMunicipalities.contains(view["kommune"]) ? view["kommune"] : nil
        // A size that is no whole number ≥ 0 is no filter, as an unknown branch is none.
        let minimumEmployees = Int(view["ansatte"].trimmingSpaces).flatMap { $0 >= 0 ? $0 : nil }
        let withoutContact = view["uden_kontakt"] == "ja"
        // Twelve months back from the data date, as the coverage measure counts (365 days).
        let since = day.advanced(by: -364)
        let (total, rows) = try store.companies(
            matching: search, industry: industry, municipality: municipality,
            minimumEmployees: max(minimumEmployees ?? 0, withoutContact ? 6 : 0),
            withoutPersonalContactSince: withoutContact ? since : nil, limit: listLimit)
        var table = DataTable(
            caption: withoutContact ? "Over 5 ansatte uden personlig kontakt siden \(since.danish)" : "Virksomheder",
            columns: [
                .init("CVR"), .init("Navn"), .init("Ansatte"), .init("Branche"), .init("Kommune"), .init("Seneste kontakt"),
                .init("Af enhed"),
                .init("Seneste personlige eller telefoniske"),
            ])
        for row in rows {
            let c = row.company
            table.rows.append([
                .link(c.cvr, href: "/virksomheder/" + PageView.segment(c.cvr)), .text(c.name ?? "–"),
                c.employees.map { .number(Double($0), decimals: 0) } ?? .none,
                .text(c.industry ?? "ukendt"),
                .text(c.municipality ?? "–"), .text(row.lastContact?.danish ?? "–"), .text(row.lastContactUnit ?? "–"),
                .text(row.lastPersonalContact?.danish ?? "–"),
            ])
        }
        var query: [String] = []
        if !search.isEmpty { query.append("soeg=\(PageView.segment(search))") }
        if let industry { query.append("branche=\(PageView.segment(industry))") }
        if let municipality { query.append("kommune=\(PageView.segment(municipality))") }
        if let minimumEmployees { query.append("ansatte=\(minimumEmployees)") }
        if withoutContact { query.append("uden_kontakt=ja") }
        return List(
            search: search, industry: industry, industries: allIndustries, municipality: municipality, municipalities: allMunicipalities,
            minimumEmployees: minimumEmployees, withoutContact: withoutContact, day: day, total: total,
            table: table,
            query: query.joined(separator: "&"))
    }
}
