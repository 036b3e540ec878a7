import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import IndsatsStore

/// *Jobordrer*: the orders with their status (åben, delvist besat, besat, lukket ubesat), and
/// one order's page with its placements, the citizens suggested for it (``JobMatch``: advice
/// with its reasons; for roles that see persons, a caseworker only their own unit's; every
/// list shown is audited as a person-level read) and the form that records a placement.
enum JobOrderPages {
    static let roles = CompanyPages.roles
    /// Who records placements: the caseworkers (company consultants among them) and administrators.
    static let recorders = CompanyPage.recorders
    /// The most orders the list shows, and candidates an order shows.
    static let listLimit = 500
    static let candidateLimit = 20

    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        routes.add(RouteRule(.get, "/jobordrer", roles: roles, purpose: "jobordrer med status")) { request, context in
            let hiding = context.user!.role.suppressesSmallNumbers
            let includeClosed = PageView(request, context)["alle"] == "ja"
            let (total, orders) = try store.jobOrders(includeClosed: includeClosed, limit: listLimit)
            var table = DataTable(
                caption: includeClosed ? "Alle jobordrer, nyeste først" : "Jobordrer, der ikke er lukket, nyeste først",
                columns: [
                    .init("Jobordre"), .init("Virksomhed"), .init("Branche"), .init("Oprettet"), .init("Stillinger"), .init("Besat"),
                    .init("Placerede"), .init("Status"), .init("Fleksjob"),
                ])
            for o in orders {
                let (status, placed) = o.shown(hidingSmallNumbers: hiding)
                table.rows.append([
                    .link(o.order.id, href: "/jobordrer/" + PageView.segment(o.order.id)),
                    .link(o.companyName ?? o.order.cvr, href: "/virksomheder/" + PageView.segment(o.order.cvr)),
                    .text(o.industry ?? "ukendt"),
                    .text(o.order.created.danish), o.order.positions.map { .number(Double($0), decimals: 0) } ?? .none,
                    o.order.filled.map { .number(Double($0), decimals: 0) } ?? .none,
                    placed.map { .number(Double($0), decimals: 0) } ?? .hidden,
                    .text(status.title), .text(o.order.flexJob ? "ja" : "nej"),
                ])
            }
            let fields: HTML = """
                <label><input type="checkbox" name="alle" value="ja"\(includeClosed ? " checked" : "")> Også lukkede</label>
                """
            let body: HTML = """
                <h1>Jobordrer</h1>\(HTML.filterForm("/jobordrer", fields))\
                <p class="meta">\(DanishFormat.integer(total)) jobordrer\(total > listLimit ? ", de \(listLimit) nyeste vist" : ""). \
                Status: besat, når besatte (det største af jobordrens besat og antal placerede) når stillingerne; \
                delvist besat, når nogle er besat; ellers åben eller lukket ubesat. \
                <a href="/definitioner#placeringer">Placeringer</a></p>\(table.rows.isEmpty ? "<p>Ingen jobordrer.</p>" : table.html())
                """
            return WebApplication.page(context, "Jobordrer", body)
        }
        routes.add(RouteRule(.get, "/jobordrer/:id", roles: roles, purpose: "én jobordre med placeringer og kandidatforslag")) {
            _, context in
            try await orderPage(context, store, cache, typed: [:], error: nil) ?? notFound(context)
        }
        routes.add(
            RouteRule(.get, "/api/v1/jobordrer/:id", roles: roles, purpose: "én jobordre med status, placerede og kandidatforslag som JSON")
        ) { _, context in
            guard let read = try await read(context, store, cache) else {
                return WebApplication.problem(.notFound, "jobordren findes ikke")
            }
            return WebApplication.json(json(read, context.user!.role))
        }
        routes.addForm(RouteRule(.post, "/jobordrer/:id/placering", roles: recorders, purpose: "registrér en borger placeret i jobordren"))
        {
            _, context, form in
            let id = try context.parameters.require("id")
            let user = context.user!
            let register = try await cache.current()
            let person = (form["borger"] ?? "").trimmingSpaces
            let staffID = try store.staffMembers().contains { $0.id == user.name } ? user.name : nil
            let row = ["jobordre_id": id, "person_id": person, "dato": (form["dato"] ?? "").trimmingSpaces, "medarbejder": staffID ?? ""]
            let (records, problems) = ContractRows.read(.formidlinger, [row], reference: register.reference)
            var message = problems.map { "\($0.column): \($0.reason)" }.joined(separator: "; ")
            // A caseworker places citizens of their own unit only, as they see them.
            if problems.isEmpty, !person.isEmpty {
                let course = try store.personCourse(id: person)
                if course == nil || (user.role.limitedToOwnUnit && course?.currentUnit != user.unit) {
                    message = "person_id: borgeren \(person) findes ikke i din enhed"
                }
            }
            guard message.isEmpty, case .placement(let placement)? = records.first, try store.jobOrder(id: id) != nil else {
                return try await orderPage(
                    context, store, cache, typed: form.fields, error: "Placeringen blev ikke gemt: " + message, status: .badRequest)
                    ?? notFound(context)
            }
            try store.importSession { session in
                try session.write(.placement(placement))
                return true
            }
            try store.appendAudit(
                user: user.name, action: .aendring, person: person, criteria: "placering i jobordre \(id) dato=\(placement.date.iso)",
                at: Date())
            return Response(status: .seeOther, headers: [.location: "/jobordrer/" + PageView.segment(id)])
        }
    }

    static func notFound(_ context: AppContext) -> Response {
        WebApplication.page(
            context, "Jobordre", status: .notFound,
            "<h1>Jobordre</h1><p>Jobordren findes ikke. <a href=\"/jobordrer\">Alle jobordrer</a></p>")
    }

    /// The candidates a user may see for an order: ranked, then a caseworker's own unit's only
    /// (the units of the best are looked up until enough are the caseworker's).
    static func candidates(
        _ overview: JobOrderOverview, _ user: User, _ store: any DataStore, _ register: Register, on day: Day
    ) throws -> [JobCandidate] {
        guard user.role.seesPersons, overview.status == .aaben || overview.status == .delvist_besat, let industry = overview.industry
        else { return [] }
        let ranked = JobMatch.candidates(
            for: overview.order, industry: industry, in: register, on: day, limit: user.role.limitedToOwnUnit ? .max : candidateLimit)
        guard user.role.limitedToOwnUnit else { return ranked }
        guard let unit = user.unit else { return [] }
        var own: [JobCandidate] = []
        for start in stride(from: 0, to: ranked.count, by: 200) where own.count < candidateLimit {
            let batch = ranked[start..<min(start + 200, ranked.count)]
            let units = try store.currentUnits(of: batch.map(\.personID))
            own += batch.filter { units[$0.personID] == unit }
        }
        return Array(own.prefix(candidateLimit))
    }

    /// What one user may see of an order: the order, the placed citizens their role and unit
    /// show, the candidates, and the pseudonyms an analyst sees. The citizens shown are audited.
    struct Read {
        var overview: JobOrderOverview
        var placements: [Placement]
        var candidates: [JobCandidate]
        var names: Pseudonyms?
        var day: Day
    }

    static func read(_ context: AppContext, _ store: any DataStore, _ cache: RegisterCache) async throws -> Read? {
        let id = try context.parameters.require("id")
        guard let (overview, placements) = try store.jobOrder(id: id) else { return nil }
        let user = context.user!
        let register = try await cache.current()
        let day = WebApplication.pageDay(register)
        let names = user.role.seesPseudonymsOnly ? Pseudonyms(key: try store.pseudonymKey()) : nil
        let suggested = try candidates(overview, user, store, register, on: day)
        if !suggested.isEmpty {
            try store.appendAudit(
                user: user.name, action: .soegning, person: suggested.count == 1 ? suggested[0].personID : nil,
                criteria: "kandidater til jobordre \(id): \(suggested.map(\.personID).joined(separator: ","))", at: Date())
        }
        // A caseworker sees the placed citizens their unit has now; leaders none.
        let visible = try placements.filter { p in
            try user.role.seesPersons
                && (!user.role.limitedToOwnUnit || (user.unit != nil && store.personCourse(id: p.personID)?.currentUnit == user.unit))
        }
        if !visible.isEmpty {
            try store.appendAudit(
                user: user.name, action: .laesning, person: visible.count == 1 ? visible[0].personID : nil,
                criteria: "placerede i jobordre \(id): \(visible.map(\.personID).joined(separator: ","))", at: Date())
        }
        return Read(overview: overview, placements: visible, candidates: suggested, names: names, day: day)
    }

    static func orderPage(
        _ context: AppContext, _ store: any DataStore, _ cache: RegisterCache, typed: [String: String], error: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response? {
        guard let read = try await read(context, store, cache) else { return nil }
        let user = context.user!
        let page = JobOrderPage(
            overview: read.overview, placements: read.placements, candidates: read.candidates, user: user, pseudonyms: read.names,
            day: read.day, csrf: recorders.contains(user.role) ? context.session?.csrfToken : nil, typed: typed, error: error,
            today: Day(Date()))
        return WebApplication.page(context, "Jobordre \(read.overview.order.id)", status: status, page.body())
    }

    /// The order as JSON: `placerede` and `kandidater` are `null` for roles that see no persons.
    static func json(_ read: Read, _ role: Role) -> String {
        let o = read.overview.order
        func text(_ s: String?) -> String { s.map(JSONText.string) ?? "null" }
        func number(_ n: Int?) -> String { n.map(String.init) ?? "null" }
        let reference = { (id: String) in read.names?.of(id) ?? id }
        let (status, count) = read.overview.shown(hidingSmallNumbers: role.suppressesSmallNumbers)
        let placed = read.placements.map { "{\"borger\":\(JSONText.string(reference($0.personID))),\"dato\":\"\($0.date.iso)\"}" }
        let candidates = read.candidates.map { c in
            "{\"borger\":\(JSONText.string(reference(c.personID))),\"ydelse\":\(JSONText.string(c.benefit)),\"point\":\(c.score),"
                + "\"begrundelser\":[\(c.reasons.map(JSONText.string).joined(separator: ","))]}"
        }
        return
            "{\"jobordre_id\":\(JSONText.string(o.id)),\"cvr\":\(JSONText.string(o.cvr)),\"virksomhed\":\(text(read.overview.companyName)),"
            + "\"branche\":\(text(read.overview.industry)),\"oprettet\":\"\(o.created.iso)\",\"stillinger\":\(number(o.positions)),"
            + "\"besat\":\(number(o.filled)),\"lukket\":\(text(o.closed?.iso)),\"fleksjob\":\(o.flexJob),"
            + "\"status\":\"\(status.rawValue)\",\"antal_placerede\":\(number(count)),"
            + "\"placerede\":\(role.seesPersons ? "[\(placed.joined(separator: ","))]" : "null"),"
            + "\"kandidater\":\(role.seesPersons ? "[\(candidates.joined(separator: ","))]" : "null")}"
    }
}

/// One job order's page: the order and its status, the citizens placed in it, suggested
/// candidates with their reasons, and the placement form.
struct JobOrderPage {
    var overview: JobOrderOverview
    var placements: [Placement]
    var candidates: [JobCandidate]
    var user: User
    var pseudonyms: Pseudonyms?
    var day: Day
    var csrf: String?
    var typed: [String: String]
    var error: String?
    var today: Day

    private func reference(_ personID: String) -> String { pseudonyms?.of(personID) ?? personID }

    func body() -> HTML {
        let o = overview.order
        let shown = overview.shown(hidingSmallNumbers: user.role.suppressesSmallNumbers)
        var html: HTML = """
            <h1>Jobordre \(o.id)</h1>
            <p><a href="/virksomheder/\(PageView.segment(o.cvr))">\(overview.companyName ?? o.cvr)</a> · \(overview.industry ?? "ukendt branche") · \
            oprettet \(o.created.danish)\(o.closed.map { " · lukket \($0.danish)" } ?? "") · \(o.flexJob ? "fleksjob · " : "")\
            status: <strong>\(shown.status.title)</strong></p>
            <p class="meta">\(o.positions.map { "\(DanishFormat.integer($0)) \($0 == 1 ? "stilling" : "stillinger")" } ?? "Stillinger ikke oplyst"), \
            \(DanishFormat.integer(o.filled ?? 0)) besat ifølge jobordren, \
            \(shown.placed.map { DanishFormat.integer($0) } ?? SmallNumbers.hiddenCount(overview.placed) ?? "") placeret. \
            <a href="/jobordrer">Alle jobordrer</a></p>
            """
        if user.role.seesPersons {
            html += placementSection()
            html += candidateSection()
        }
        return html
    }

    private func placementSection() -> HTML {
        var html: HTML = "<h2>Placerede borgere</h2>"
        if placements.isEmpty && overview.placed > 0 {
            html += "<p>\(DanishFormat.integer(overview.placed)) placeret; de hører under andre enheder.</p>"
        } else if placements.isEmpty {
            html += "<p>Ingen placeret endnu.</p>"
        } else {
            var table = DataTable(caption: "Placeringer", columns: [.init("Borger"), .init("Dato"), .init("Medarbejder")])
            for p in placements {
                let ref = reference(p.personID)
                table.rows.append([.link(ref, href: "/borgere/" + PageView.segment(ref)), .text(p.date.danish), .text(p.staffID ?? "–")])
            }
            html += table.html()
        }
        if let csrf {
            if let error { html += "<p class=\"fejl\" role=\"alert\">\(error)</p>" }
            html += """
                <form method="post" action="/jobordrer/\(PageView.segment(overview.order.id))/placering">\(HTML.csrfField(csrf))\
                <label>Borger (person-id) <input name="borger" value="\(typed["borger"] ?? "")" size="12" required></label> \
                <label>Dato <input name="dato" value="\(typed["dato"] ?? today.danish)" size="10" required></label> \
                <button type="submit">Registrér placering</button></form>
                """
        }
        return html
    }

    private func candidateSection() -> HTML {
        let status = overview.status
        guard status == .aaben || status == .delvist_besat else { return "" }
        let html: HTML = """
            <h2>Forslag til kandidater</h2><p class="meta">Et råd, ikke en afgørelse: konsulenten vælger. Borgere på ydelse den \
            \(day.danish)\(overview.order.flexJob ? " (fleksjob: kun ledighedsydelse)" : "") med erfaring fra virksomheder i branchen \
            de seneste 3 år. Point: job, IGU og løntilskud 3, praktik og EGU 2, ét mere når det var inden for 12 måneder; \
            jobparat ydelse 2. Jobønsker indgår ikke (datakontrakten har dem ikke).\
            \(user.role.limitedToOwnUnit ? " Kun borgere, din enhed har." : "") Listen skrives i auditloggen.</p>
            """
        guard !candidates.isEmpty else { return html + "<p>Ingen kandidater med erfaring i branchen.</p>" }
        let acts = csrf != nil && pseudonyms == nil
        var rows: HTML = ""
        for c in candidates {
            let ref = reference(c.personID)
            var action: HTML = ""
            if acts, let csrf {
                action = """
                    <form method="post" action="/jobordrer/\(PageView.segment(overview.order.id))/placering">\(HTML.csrfField(csrf))\
                    <input type="hidden" name="borger" value="\(c.personID)"><input type="hidden" name="dato" value="\(today.danish)">\
                    <button type="submit" aria-label="\("Placér \(ref)")">Placér</button></form>
                    """
            }
            rows += """
                <tr><td><a href="/borgere/\(PageView.segment(ref))">\(ref)</a></td><td>\(c.benefit)</td><td class="n">\(c.score)</td>\
                <td>\(c.reasons.joined(separator: "; "))</td>\(acts ? "<td>\(action)</td>" : "")</tr>
                """
        }
        return html + """
            <div class="table-wrap"><table><caption>Kandidater, bedst først</caption><thead><tr><th scope="col">Borger</th>\
            <th scope="col">Ydelse</th><th scope="col">Point</th><th scope="col">Hvorfor</th>\(acts ? "<th scope=\"col\">Handling</th>" : "")</tr></thead>\
            <tbody>\(rows)</tbody></table></div>
            """
    }
}
