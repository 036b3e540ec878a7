import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsEconomy
import IndsatsStore

/// *Min oversigt*: a caseworker's citizens on the data date, each with the conversations
/// and first offer the contact rule still asks for and by when, overdue first; and for a
/// leader, the same counted per caseworker in their unit (no citizen named).
///
/// A caseworker sees the list of any caseworker in their own unit (their own by default:
/// the user name that is their `medarbejder` id); an analyst sees pseudonyms; every list
/// read is written to the audit log. As CSV and xlsx too.
enum WorkListPages {
    static let roles = Role.personReaders + [.leder]
    /// Who records what an aftercare call found: the caseworkers, and administrators.
    static let recorders: [Role] = [.administrator, .medarbejder]

    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        routes.add(RouteRule(.get, "/mine", roles: roles, purpose: "arbejdslisten: borgere med frister for samtaler og tilbud")) {
            request, context in
            let list = try await workList(PageView(request, context), context, store, cache)
            var body: HTML = "<h1>\(list.title)</h1>"
            if let chooser = list.chooser { body += HTML.filterForm("/mine", chooser) }
            body += """
                <p class="meta">Den \(list.day.danish) (datadato); uge \(list.day.isoWeek.week) går til \(list.weekEnd.danish). \
                Fristerne følger <a href="/kontaktregler">kontaktreglen</a> for forløbets ydelse på dets første dag. \
                \(HTML.downloads("/mine", query: list.query))</p>
                """
            if let error = list.error { body += "<p class=\"fejl\" role=\"alert\">\(error)</p>" }
            body += list.table.html()
            body += try aftercareSection(context, store, list)
            body += try companySection(store, list)
            return WebApplication.page(context, "Min oversigt", status: list.error == nil ? .ok : .forbidden, body)
        }
        routes.addForm(
            RouteRule(
                .post, "/mine/opfoelgning", roles: recorders, purpose: "registrér udfaldet af en opfølgning efter job eller uddannelse")
        ) { request, context, form in
            let user = context.user!
            let members = try store.staffMembers()
            guard let member = members.first(where: { $0.id == form["medarbejder"] }),
                !user.role.limitedToOwnUnit || member.unit == user.unit,
                let spellEnd = Day(parsing: form["slutdag"] ?? ""), let result = AftercareResult(rawValue: form["udfald"] ?? "")
            else {
                return WebApplication.page(
                    context, "Min oversigt", status: .badRequest,
                    "<h1>Min oversigt</h1><p class=\"fejl\" role=\"alert\">Opfølgningen kunne ikke gemmes: vælg et udfald for en borger på listen.</p>"
                )
            }
            let register = try await cache.current()
            let day = WebApplication.pageDay(register)
            let person = form["borger"] ?? ""
            guard
                register.aftercareTasks(caseworker: member.id, on: day, aftercareInitiatives: try aftercareInitiatives(store)).contains(
                    where: { $0.personID == person && $0.spellEnd == spellEnd }
                )
            else {
                return WebApplication.page(
                    context, "Min oversigt", status: .badRequest,
                    "<h1>Min oversigt</h1><p class=\"fejl\" role=\"alert\">Borgeren har ingen opfølgning hos \(member.label) for et forløb, der sluttede \(spellEnd.danish).</p>"
                )
            }
            try store.recordAftercare(
                AftercareOutcome(personID: person, spellEnd: spellEnd, result: result, recorded: Date(), user: user.name))
            try store.appendAudit(
                user: user.name, action: .aendring, person: person,
                criteria: "opfølgning efter forløb slut \(spellEnd.iso): \(result.rawValue)", at: Date())
            return Response(status: .seeOther, headers: [.location: "/mine?medarbejder=\(PageView.segment(member.id))"])
        }
        for format in ["csv", "xlsx"] {
            routes.add(RouteRule(.get, "/mine.\(format)", roles: roles, purpose: "arbejdslisten som \(format)")) { request, context in
                let list = try await workList(PageView(request, context), context, store, cache)
                guard list.error == nil else { return WebApplication.problem(.forbidden, list.error!) }
                return try DataTable.download([list.table], name: "arbejdsliste-\(list.day.iso)", format: format)
            }
        }
    }

    /// The work list as JSON, for the roles that see persons: `?medarbejder=` names the caseworker.
    static func addAPI(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        routes.add(
            RouteRule(.get, "/api/v1/arbejdsliste", roles: Role.personReaders, purpose: "arbejdslisten som JSON (skrives i auditloggen)")
        ) { request, context in
            let view = PageView(request, context)
            let user = context.user!
            let members = try store.staffMembers()
            guard let member = members.first(where: { $0.id == view["medarbejder"] }) else {
                return WebApplication.problem(.notFound, "ukendt medarbejder '\(view["medarbejder"])'; se medarbejdere.csv")
            }
            if user.role.limitedToOwnUnit && member.unit != user.unit {
                return WebApplication.problem(.forbidden, "medarbejderen hører ikke til din enhed")
            }
            let register = try await cache.current()
            let day = WebApplication.pageDay(register)
            let items = register.workList(caseworker: member.id, on: day)
            try store.appendAudit(
                user: user.name, action: .soegning, person: nil,
                criteria: "arbejdsliste medarbejder=\(member.id) dag=\(day.iso) (\(items.count) borgere) api", at: Date())
            let names = user.role.seesPseudonymsOnly ? Pseudonyms(key: try store.pseudonymKey()) : nil
            let weekEnd = day.monday.advanced(by: 6)
            let rows = items.map { item in
                "{\"borger\":\(JSONText.string(names?.of(item.personID) ?? item.personID)),\"ydelse\":\(JSONText.string(item.benefit)),"
                    + "\"forloeb_fra\":\"\(item.spellStart.iso)\",\"samtaler_holdt\":\(item.conversationsHeld),"
                    + "\"samtaler_kraevet\":\(item.conversationsRequired),"
                    + "\"samtalefrist\":\(item.conversationsDue ? "\"\(item.conversationDeadline!.iso)\"" : "null"),"
                    + "\"tilbudsfrist\":\(item.offerDue ? "\"\(item.offerDeadline!.iso)\"" : "null"),"
                    + "\"status\":\(JSONText.string(status(item, day: day, weekEnd: weekEnd)))}"
            }
            return WebApplication.json(
                "{\"medarbejder\":\(JSONText.string(member.id)),\"dag\":\"\(day.iso)\",\"borgere\":[\(rows.joined(separator: ","))]}")
        }
    }

    /// The initiatives marked as including aftercare in indsatser.csv.
    static func aftercareInitiatives(_ store: any DataStore) throws -> Set<String> {
        Set(try store.initiativeList().filter(\.aftercare).map(\.id))
    }

    /// The aftercare calls of the caseworker on the list, each with its outcome or a form to record one.
    /// The caseworker's next steps with companies (recorded with their contacts), until they
    /// record a later contact with the company; company data only.
    static func companySection(_ store: any DataStore, _ list: List) throws -> HTML {
        guard let caseworker = list.caseworker else { return "" }
        let steps = try store.companyFollowUps(staffID: caseworker)
        guard !steps.isEmpty else { return "" }
        var table = DataTable(
            caption: "Næste skridt med virksomheder",
            columns: [.init("Virksomhed"), .init("Kontakt"), .init("Næste skridt"), .init("Senest")])
        for step in steps {
            table.rows.append([
                .link(step.companyName ?? step.cvr, href: "/virksomheder/" + PageView.segment(step.cvr)), .text(step.contactDate.danish),
                .text(step.step), .text(step.due.danish + (step.due < list.day ? " (overskredet)" : "")),
            ])
        }
        return "<h2>Virksomheder</h2><p class=\"meta\">Et skridt forsvinder, når du registrerer en senere kontakt med virksomheden.</p>"
            + table.html()
    }

    static func aftercareSection(_ context: AppContext, _ store: any DataStore, _ list: List) throws -> HTML {
        guard let caseworker = list.caseworker, !list.tasks.isEmpty else { return "" }
        let outcomes = Dictionary(
            try store.aftercareOutcomes(persons: Set(list.tasks.map(\.personID))).map { ("\($0.personID)|\($0.spellEnd.iso)", $0) },
            uniquingKeysWith: { a, _ in a })
        let recording = (context.user.map { recorders.contains($0.role) } ?? false) ? context.session?.csrfToken : nil
        var rows: HTML = ""
        for task in list.tasks {
            let reference = list.names?.of(task.personID) ?? task.personID
            let outcome = outcomes["\(task.personID)|\(task.spellEnd.iso)"]
            var cell: HTML =
                "\(outcome.map { "\($0.result.title) (\($0.user), \(Day($0.recorded).danish))" } ?? (task.due < list.day ? "overskredet" : ""))"
            if let csrf = recording {
                let choices = HTML.options(AftercareResult.allCases.map { ($0.rawValue, $0.title) }, selected: outcome?.result.rawValue)
                cell += """
                     <form method="post" action="/mine/opfoelgning">\(HTML.csrfField(csrf))\
                    <input type="hidden" name="medarbejder" value="\(caseworker)"><input type="hidden" name="borger" value="\(task.personID)">\
                    <input type="hidden" name="slutdag" value="\(task.spellEnd.iso)">\
                    <select name="udfald" aria-label="\("Udfald for \(reference)")">\(choices)</select> <button type="submit">Gem</button></form>
                    """
            }
            rows += """
                <tr><td><a href="/borgere/\(PageView.segment(reference))">\(reference)</a></td><td>\(task.benefit)</td>\
                <td>\(task.spellEnd.danish) (\(task.exit))</td><td>\(task.due.danish)</td><td>\(cell)</td></tr>
                """
        }
        return """
            <h2>Opfølgning efter job og uddannelse</h2><p class="meta">Ring til borger og virksomhed en måned efter, at et forløb med \
            efterværn sluttede med job eller uddannelse; listen viser de seneste \(AftercareTask.shownForMonths) måneder.</p>\
            <div class="table-wrap"><table><caption>Opfølgninger</caption><thead><tr><th scope="col">Borger</th><th scope="col">Ydelse</th>\
            <th scope="col">Sluttede</th><th scope="col">Ring senest</th><th scope="col">Udfald</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
    }

    struct List {
        var title: String
        var day: Day
        var weekEnd: Day
        var chooser: HTML?
        var query: String
        var table: DataTable
        var error: String?
        /// The caseworker whose list it is, their aftercare calls, and the pseudonyms an analyst sees.
        var caseworker: String? = nil
        var tasks: [AftercareTask] = []
        var names: Pseudonyms? = nil
    }

    static func workList(_ view: PageView, _ context: AppContext, _ store: any DataStore, _ cache: RegisterCache) async throws -> List {
        let user = context.user!
        let register = try await cache.current()
        let day = WebApplication.pageDay(register)
        let weekEnd = day.monday.advanced(by: 6)
        let members = try store.staffMembers()
        // A caseworker and a leader with a unit see that unit's caseworkers.
        let unit = user.role.limitedToOwnUnit || user.role == .leder ? user.unit : nil
        let colleagues = members.filter { unit == nil || $0.unit == unit }
        if user.role == .leder {
            let lists = register.workLists(caseworkers: Set(colleagues.map(\.id)), on: day)
            try store.appendAudit(
                user: user.name, action: .soegning, person: nil, criteria: "arbejdslister pr. medarbejder enhed=\(unit ?? "alle")",
                at: Date())
            return List(
                title: "Min oversigt", day: day, weekEnd: weekEnd, chooser: nil, query: "",
                table: summary(colleagues, lists, day: day, weekEnd: weekEnd))
        }
        let asked = view["medarbejder"]
        let chosen = asked.isEmpty ? (members.contains { $0.id == user.name } ? user.name : colleagues.first?.id ?? "") : asked
        let choices = colleagues.map { ($0.id, $0.label) }
        let chooser: HTML = "<label>Medarbejder <select name=\"medarbejder\">\(HTML.options(choices, selected: chosen))</select></label>"
        var table = DataTable(caption: "Borgere og frister", columns: [])
        guard let member = members.first(where: { $0.id == chosen }) else {
            table.note = "Ingen medarbejdere \(unit.map { "i \($0) " } ?? "")i medarbejdere.csv."
            return List(title: "Min oversigt", day: day, weekEnd: weekEnd, chooser: chooser, query: "", table: table)
        }
        guard unit == nil || member.unit == unit else {
            return List(
                title: "Min oversigt", day: day, weekEnd: weekEnd, chooser: chooser, query: "", table: table,
                error: "Du kan se arbejdslister for medarbejdere i din egen enhed (\(unit ?? "ingen enhed")).")
        }
        let items = register.workList(caseworker: chosen, on: day)
        try store.appendAudit(
            user: user.name, action: .soegning, person: nil,
            criteria: "arbejdsliste medarbejder=\(chosen) dag=\(day.iso) (\(items.count) borgere)",
            at: Date())
        let names = user.role.seesPseudonymsOnly ? Pseudonyms(key: try store.pseudonymKey()) : nil
        table = DataTable(
            caption: "Borgere hos \(member.name ?? chosen) den \(day.danish)",
            columns: [
                .init("Borger"), .init("Ydelse"), .init("Forløb fra"), .init("Samtaler holdt / krævet"), .init("Samtalefrist"),
                .init("Første tilbud senest"), .init("Status"),
            ])
        for item in items {
            let reference = names?.of(item.personID) ?? item.personID
            table.rows.append([
                .link(reference, href: "/borgere/" + PageView.segment(reference)), .text(register.reference.name(.ydelse, item.benefit)),
                .text(item.spellStart.danish),
                .text(item.conversationDeadline == nil ? "–" : "\(item.conversationsHeld) / \(item.conversationsRequired)"),
                .text(item.conversationsDue ? item.conversationDeadline!.danish : "–"),
                .text(item.offerDue ? item.offerDeadline!.danish : "–"),
                .text(status(item, day: day, weekEnd: weekEnd)),
            ])
        }
        table.note =
            "Mest presserende først: overskredne frister, så fristerne i rækkefølge. Samtaler tælles i reglens vindue fra forløbets "
            + "første dag; et tilbud er en virksomhedspraktik, et løntilskud, en nytteindsats eller vejledning og opkvalificering."
        return List(
            title: "Min oversigt", day: day, weekEnd: weekEnd, chooser: chooser, query: "medarbejder=\(PageView.segment(chosen))",
            table: table, caseworker: chosen,
            tasks: register.aftercareTasks(caseworker: chosen, on: day, aftercareInitiatives: try aftercareInitiatives(store)), names: names
        )
    }

    /// "overskredet", "denne uge" or nothing, by the earliest open deadline.
    static func status(_ item: WorkListItem, day: Day, weekEnd: Day) -> String {
        guard let next = item.nextDeadline else { return "" }
        return next < day ? "overskredet" : next <= weekEnd ? "denne uge" : ""
    }

    /// Per caseworker: citizens, overdue conversations and offers, and deadlines this week.
    static func summary(_ members: [StaffMember], _ lists: [String: [WorkListItem]], day: Day, weekEnd: Day) -> DataTable {
        var table = DataTable(
            caption: "Frister pr. medarbejder den \(day.danish)",
            columns: [
                .init("Medarbejder"), .init("Team"), .init("Borgere"), .init("Samtaler overskredet"), .init("Tilbud overskredet"),
                .init("Frist denne uge"),
            ])
        for member in members.sorted(by: { ($0.team ?? "", $0.name ?? $0.id) < ($1.team ?? "", $1.name ?? $1.id) }) {
            let items = lists[member.id] ?? []
            guard !items.isEmpty else { continue }
            table.rows.append([
                .text(member.label), .text(member.team ?? "ukendt"),
                .number(Double(items.count), decimals: 0),
                .number(Double(items.count { $0.conversationsDue && $0.conversationDeadline! < day }), decimals: 0),
                .number(Double(items.count { $0.offerDue && $0.offerDeadline! < day }), decimals: 0),
                .number(Double(items.count { status($0, day: day, weekEnd: weekEnd) == "denne uge" }), decimals: 0),
            ])
        }
        table.note = "Tal pr. medarbejder i din enhed; borgerne står på medarbejdernes egne lister."
        return table
    }
}
