import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsEconomy
import IndsatsStore

/// *Sagsstamme*: every caseworker's caseload on a day against the unit's norms, the
/// spread within each team and who is over; moving one citizen or a whole caseload to
/// another caseworker (audited, with its history); the norms, set by analysts.
///
/// A leader with a unit sees and moves only that unit's caseloads. The counts are
/// casework figures for the caseworkers' own leaders, so they are not hidden when small
/// (docs/noegletal.md); the page names no citizen.
enum CaseloadPages {
    static let readers = Role.caseloadReaders
    /// Who moves citizens between caseworkers: the leaders who run the units, and administrators.
    static let movers: [Role] = [.administrator, .leder]

    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        routes.add(RouteRule(.get, "/sagsstamme", roles: readers, purpose: "sagsstammer mod normen pr. medarbejder og team")) {
            request, context in
            let report = try await caseloads(PageView(request, context), context, store, cache)
            return try page(context, store, report)
        }
        for format in ["csv", "xlsx"] {
            routes.add(RouteRule(.get, "/sagsstamme.\(format)", roles: readers, purpose: "sagsstammerne som \(format)")) {
                request, context in
                let report = try await caseloads(PageView(request, context), context, store, cache)
                try store.appendAudit(
                    user: context.user?.name ?? "", action: .eksport, person: nil,
                    criteria: "sagsstamme \(report.day.iso) \(report.unit ?? "alle enheder") \(format)", at: Date())
                return try DataTable.download([report.staff, report.teams], name: "sagsstamme-\(report.day.iso)", format: format)
            }
        }
        routes.addForm(RouteRule(.post, "/sagsstamme/flyt", roles: movers, purpose: "flyt en borger eller en hel sagsstamme")) {
            request, context, form in
            let view = PageView(request, context)
            func refused(_ message: String) async throws -> Response {
                let report = try await caseloads(view, context, store, cache)
                return try page(context, store, report, status: .badRequest, error: message, typed: form.fields)
            }
            let from = form["fra"] ?? "", to = form["til"] ?? "", person = (form["borger"] ?? "").trimmingSpaces
            guard let day = Day(parsing: (form["dag"] ?? "").trimmingSpaces) else {
                return try await refused("Skriv den dag, borgerne skifter sagsbehandler (fx 01-12-2026).")
            }
            let members = Dictionary(try store.staffMembers().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            guard members[from] != nil, members[to] != nil else { return try await refused("Vælg to medarbejdere fra listerne.") }
            if let unit = ownUnit(context), members[from]?.unit != unit || members[to]?.unit != unit {
                return try await refused("Du kan kun flytte borgere mellem medarbejdere i din egen enhed (\(unit)).")
            }
            // Never a CPR number in the audit log or the history: the register's person_id only.
            if CPRText.digits(in: person) != nil {
                return try await refused("Skriv borgerens person_id, ikke et CPR-nummer.")
            }
            let move = Reassignment(from: from, to: to, person: person.isEmpty ? nil : person, day: day)
            let moved: Int
            do {
                moved = try store.reassign(move, user: context.user?.name ?? "", at: Date())
            } catch let error as StoreError {
                return try await refused(error.message.prefix(1).uppercased() + error.message.dropFirst() + ".")
            }
            try store.appendAudit(
                user: context.user?.name ?? "", action: .aendring, person: move.person,
                criteria: "sagsstamme flyttet \(move.description): \(moved) borgere", at: Date())
            return Response(status: .seeOther, headers: [.location: "/sagsstamme?flyttet=\(moved)"])
        }
        routes.addForm(RouteRule(.post, "/sagsstamme/normer", roles: Role.editors, purpose: "gem normerne for sagsstammer")) {
            request, context, form in
            let before = try store.caseloadNorms(), units = try units(store, before)
            let norms: CaseloadNorms
            do throws(EconomyError) {
                norms = try CaseloadNorms.read(form: form.fields, units: units, benefits: normBenefits)
            } catch {
                let report = try await caseloads(PageView(request, context), context, store, cache)
                return try page(context, store, report, status: .badRequest, error: error.message, typed: form.fields)
            }
            if norms != before {
                try store.saveCaseloadNorms(norms)
                try store.auditChange(context, "sagsnormer", before: before.json, after: norms.json)
            }
            return Response(status: .seeOther, headers: [.location: "/sagsstamme"])
        }
    }

    /// The unit a leader is held to, `nil` for everyone else (and a leader of the whole jobcentre).
    static func ownUnit(_ context: AppContext) -> String? {
        context.user?.role == .leder ? context.user?.unit : nil
    }

    /// The units norms can be set for: the staff's and those with norms.
    static func units(_ store: any DataStore, _ norms: CaseloadNorms) throws -> [String] {
        Set(try store.staffMembers().compactMap(\.unit)).union(norms.units.keys).sorted()
    }

    /// The benefits a norm can be set for: those caseworkers follow (not self-support or early retirement).
    static let normBenefits = ReferenceData.defaults.codes(.ydelse).map(\.code).filter {
        $0 != "selvforsoergende" && $0 != "foertidspension"
    }

    struct Report {
        var day: Day
        /// The unit shown, `nil` for all.
        var unit: String?
        var units: [String]
        var staff: DataTable
        var teams: DataTable
        var unassigned: Int
        var movable: [StaffMember]
        var norms: CaseloadNorms
        /// How many citizens the move just made moved (`flyttet`).
        var moved: Int?
    }

    static func caseloads(_ view: PageView, _ context: AppContext, _ store: any DataStore, _ cache: RegisterCache) async throws -> Report {
        let register = try await cache.current()
        let day = Day(parsing: view["dag"]) ?? WebApplication.pageDay(register)
        let norms = try store.caseloadNorms()
        let members = try store.staffMembers()
        let allUnits = Set(members.compactMap(\.unit)).sorted()
        let unit = ownUnit(context) ?? (allUnits.contains(view["enhed"]) ? view["enhed"] : nil)
        let answer = try await cache.evaluate(
            KPIQuery(measure: .sagsstamme, window: DayRange(day, day), periodKind: .hele, splitBy: [.medarbejder, .ydelse]))
        var caseload: [String: [String: Int]] = [:]
        for row in answer.rows { caseload[row.dimensions[0], default: [:]][row.dimensions[1]] = Int(row.value ?? 0) }
        let shown = members.filter { unit == nil || $0.unit == unit }
        var staff = DataTable(
            caption: "Pr. medarbejder den \(day.danish)",
            columns: [
                .init("Medarbejder"), .init("Team"), .init("Enhed"), .init("Borgere", measure: .sagsstamme),
                .init("Belastning (% af normen)"),
                .init("Over normen"),
            ])
        var byTeam: [String: [(citizens: Int, load: Double)]] = [:]
        for member in shown.sorted(by: { ($0.team ?? "", $0.name ?? $0.id) < ($1.team ?? "", $1.name ?? $1.id) }) {
            let benefits = caseload[member.id] ?? [:]
            let citizens = benefits.values.reduce(0, +)
            let load = norms.load(unit: member.unit ?? "ukendt", caseload: benefits)
            // A caseworker with no citizens is listed only when the unit is chosen (one who left shows as 0).
            guard citizens > 0 || unit != nil else { continue }
            staff.rows.append([
                .text(member.label), .text(member.team ?? "ukendt"),
                .text(member.unit ?? "ukendt"), .number(Double(citizens), decimals: 0), .percent(load), .text(load > 1 ? "ja" : ""),
            ])
            byTeam[member.team ?? "ukendt", default: []].append((citizens, load))
        }
        staff.note =
            "Borgere på ydelse den dag efter deres tildeling (tildelinger.csv). Belastningen er summen over ydelser af borgere / "
            + "enhedens norm for ydelsen; 100 % er en fuld sagsstamme."
        var teams = DataTable(
            caption: "Pr. team den \(day.danish)",
            columns: [
                .init("Team"), .init("Medarbejdere"), .init("Borgere"), .init("Gennemsnit"), .init("Færrest"), .init("Flest"),
                .init("Over normen"),
            ])
        for (team, rows) in byTeam.sorted(by: { $0.key < $1.key }) {
            let counts = rows.map(\.citizens)
            teams.rows.append([
                .text(team), .number(Double(rows.count), decimals: 0), .number(Double(counts.reduce(0, +)), decimals: 0),
                .number(Double(counts.reduce(0, +)) / Double(rows.count), decimals: 1), .number(Double(counts.min()!), decimals: 0),
                .number(Double(counts.max()!), decimals: 0), .number(Double(rows.count { $0.load > 1 }), decimals: 0),
            ])
        }
        let known = Set(members.map(\.id))
        let unassigned = unit == nil ? caseload.filter { !known.contains($0.key) }.values.reduce(0) { $0 + $1.values.reduce(0, +) } : 0
        return Report(
            day: day, unit: unit, units: allUnits, staff: staff, teams: teams, unassigned: unassigned,
            movable: shown.sorted { $0.id < $1.id }, norms: norms, moved: Int(view["flyttet"]))
    }

    static func page(
        _ context: AppContext, _ store: any DataStore, _ report: Report, status: HTTPResponse.Status = .ok, error: String? = nil,
        typed: [String: String] = [:]
    ) throws -> Response {
        let query = "dag=\(report.day.iso)" + (report.unit.map { "&enhed=\(PageView.segment($0))" } ?? "")
        var chooser: HTML = "<label>Dag <input type=\"date\" name=\"dag\" value=\"\(report.day.iso)\"></label>"
        if ownUnit(context) == nil {
            let choices = [("", "Alle enheder")] + report.units.map { ($0, $0) }
            chooser += " <label>Enhed <select name=\"enhed\">\(HTML.options(choices, selected: report.unit ?? ""))</select></label>"
        }
        var body: HTML = """
            <h1>Sagsstamme</h1>\(HTML.filterForm("/sagsstamme", chooser))\
            <p class="meta">\(report.unit ?? "Alle enheder"), den \(report.day.danish). \(HTML.downloads("/sagsstamme", query: query)) · \
            <a href="/definitioner#sagsstamme">Definition</a></p>
            """
        if let error { body += "<p class=\"fejl\" role=\"alert\">\(error)</p>" }
        if let moved = report.moved { body += "<p role=\"status\">\(DanishFormat.integer(moved)) borgere flyttet.</p>" }
        body += "<h2>Pr. team</h2>\(report.teams.html())<h2>Pr. medarbejder</h2>\(report.staff.html())"
        if report.unassigned > 0 {
            body += "<p>\(DanishFormat.integer(report.unassigned)) borgere på ydelse har ingen sagsbehandler den dag.</p>"
        }
        if let user = context.user, movers.contains(user.role), let csrf = context.session?.csrfToken {
            let staff = report.movable.map { ($0.id, $0.label) }
            let from = HTML.options(staff, selected: typed["fra"]), to = HTML.options(staff, selected: typed["til"])
            body += """
                <h2>Flyt borgere</h2><p class="meta">Flyt én borger (skriv person_id) eller hele sagsstammen (lad feltet stå tomt), \
                fx når en medarbejder stopper. Tildelinger, der dækker dagen, lukkes dagen før og fortsætter hos den nye.</p>\
                <form method="post" action="/sagsstamme/flyt">\(HTML.csrfField(csrf))\
                <label>Fra <select name="fra">\(from)</select></label> <label>Til <select name="til">\(to)</select></label> \
                <label>Borger (person_id) <input name="borger" value="\(typed["borger"] ?? "")" autocomplete="off"></label> \
                <label>Fra dag <input type="date" name="dag" value="\(typed["dag"] ?? report.day.advanced(by: 1).iso)"></label> \
                <button type="submit">Flyt</button></form>
                """
        }
        let history = try store.reassignments(limit: 20)
        if !history.isEmpty {
            var table = DataTable(
                caption: "Seneste flytninger",
                columns: [.init("Tidspunkt"), .init("Af"), .init("Fra"), .init("Til"), .init("Fra dag"), .init("Borgere")])
            for record in history where report.unit == nil || report.movable.contains(where: { $0.id == record.reassignment.from }) {
                let move = record.reassignment
                table.rows.append([
                    .text(Day(record.time).danish), .text(record.user), .text(move.from), .text(move.to), .text(move.day.danish),
                    .text(move.person == nil ? "\(record.citizens) (hele sagsstammen)" : "1"),
                ])
            }
            body += "<h2>Historik</h2>\(table.html())"
        }
        body += try normsSection(context, store, report, typed: typed)
        return WebApplication.page(context, "Sagsstamme", status: status, body)
    }

    /// The norms in force, as a form for those who set them.
    static func normsSection(_ context: AppContext, _ store: any DataStore, _ report: Report, typed: [String: String]) throws -> HTML {
        let norms = report.norms
        let editing = context.user?.role.editsProposals ?? false
        let benefits = [CaseloadNorms.everyBenefit] + normBenefits
        func field(_ unit: String, _ benefit: String) -> HTML {
            let name = CaseloadNorms.field(unit: unit, benefit: benefit)
            let value =
                typed[name] ?? norms.units[unit]?[benefit].map { DanishFormat.number($0, decimals: $0.rounded() == $0 ? 0 : 1) } ?? ""
            guard editing else { return "<td class=\"n\">\(value.isEmpty ? "–" : value)</td>" }
            return
                "<td><input name=\"\(name)\" value=\"\(value)\" inputmode=\"decimal\" size=\"4\" aria-label=\"\("\(unit): \(benefit)")\"></td>"
        }
        let standardName = CaseloadNorms.field(unit: nil, benefit: "")
        let standard =
            typed[standardName] ?? DanishFormat.number(norms.standard, decimals: norms.standard.rounded() == norms.standard ? 0 : 1)
        let standardField: HTML =
            editing
            ? "<p><label>Standardnorm <input name=\"\(standardName)\" value=\"\(standard)\" inputmode=\"decimal\" size=\"4\"></label></p>"
            : "<p>Standardnorm: \(standard)</p>"
        var table: HTML = """
            <div class="table-wrap"><table><caption>Normer pr. enhed (borgere pr. medarbejder)</caption><thead><tr><th scope="col">Enhed</th>\
            \(benefits.map { b -> HTML in "<th scope=\"col\">\(b == CaseloadNorms.everyBenefit ? "Alle ydelser" : ReferenceData.defaults.name(.ydelse, b))</th>" }.joined())\
            </tr></thead><tbody>
            """
        for unit in try units(store, norms) {
            table += "<tr><th scope=\"row\">\(unit)</th>\(benefits.map { field(unit, $0) }.joined())</tr>"
        }
        table += "</tbody></table></div>"
        let note: HTML =
            "<p class=\"meta\">En enheds norm for en ydelse gælder før dens norm for alle ydelser, som gælder før standarden "
            + "(\(DanishFormat.number(CaseloadNorms.seedDefault, decimals: 0)), seed 001: \"omkring 50 kontanthjælpsmodtagere\"). Tomt felt: ingen norm.</p>"
        guard editing, let csrf = context.session?.csrfToken else { return "<h2>Normer</h2>\(note)\(standardField)\(table)" }
        return """
            <h2>Normer</h2>\(note)<form method="post" action="/sagsstamme/normer">\(HTML.csrfField(csrf))\(standardField)\(table)\
            <button type="submit">Gem normer</button></form>
            """
    }
}
