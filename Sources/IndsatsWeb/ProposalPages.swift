import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsCore
import IndsatsEconomy
import IndsatsExchange
import IndsatsStore

/// The budget proposals: a catalogue filterable by unit, type, approach and
/// status; each proposal laid out like Herning's form with its yearly and
/// cumulated net as a chart; the portfolio choice with up to three scenarios
/// side by side; and the catalogue as JSON. Read by every role but caseworkers;
/// analysts and administrators change a proposal's status.
enum ProposalPages {
    /// The discount rate the pages show present values at.
    static let rate = 0.035

    static func add(to routes: inout GuardedRouter, store: any DataStore) {
        routes.add(
            RouteRule(
                .get, "/forslag", roles: Role.proposalReaders, purpose: "budgetforslagene, filtreret på enhed, indsats, tilgang og status")
        ) {
            request, context in
            let catalogue = try store.proposals()
            let canEdit = context.user.map { $0.role.editsProposals } ?? false, view = PageView(request, context)
            return WebApplication.page(
                context, "Forslag", catalogueBody(catalogue, Filter({ view[$0] }), csrf: canEdit ? context.session?.csrfToken : nil))
        }

        routes.add(RouteRule(.get, "/forslag.xlsx", roles: Role.proposalReaders, purpose: "alle forslag som Excel-arbejdsbog")) { _, _ in
            Response(
                status: .ok,
                headers: [
                    .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    .contentDisposition: "attachment; filename=\"forslag.xlsx\"",
                ],
                body: .init(byteBuffer: ByteBuffer(data: try ProposalWorkbook.xlsx(try store.proposals()))))
        }

        routes.addForm(
            RouteRule(.post, "/forslag/indlaes", roles: Role.editors, purpose: "tilføj eller erstat forslag fra en xlsx- eller JSON-fil"),
            limit: uploadLimit
        ) { _, context, form in
            func answer(_ status: HTTPResponse.Status, _ message: String) throws -> Response {
                let canEdit = context.user?.role.editsProposals ?? false
                let catalogue = catalogueBody(try store.proposals(), Filter { _ in "" }, csrf: canEdit ? context.session?.csrfToken : nil)
                return WebApplication.page(
                    context, "Forslag", status: status,
                    "<p class=\"\(status == .ok ? "besked" : "fejl")\" role=\"status\">\(message)</p>\(catalogue)")
            }
            guard let file = form.files["fil"], !file.bytes.isEmpty else {
                return try answer(.badRequest, "Vælg en fil (.xlsx eller .json).")
            }
            let data = Data(file.bytes)
            let catalogue: ProposalCatalogue
            do throws(EconomyError) {
                // An xlsx file is a zip archive: it starts with "PK".
                catalogue = data.starts(with: [0x50, 0x4B]) ? try ProposalWorkbook.catalogue(xlsx: data) : try ProposalCatalogue.read(data)
            } catch {
                return try answer(.badRequest, "\(file.name): \(error.message). Intet er indlæst.")
            }
            do {
                let before = try store.proposals()
                let (added, changed) = try store.saveProposals(catalogue)
                try store.auditChange(
                    context, "forslag indlæst fra \(file.name)", before: before.json(), after: try store.proposals().json())
                return try answer(
                    .ok,
                    "\(file.name): \(added) nye og \(changed) ændrede forslag; \(catalogue.proposals.count - added - changed) uændrede.")
            } catch let error as StoreError {
                return try answer(.badRequest, "\(file.name): \(error.message). Intet er indlæst.")
            }
        }

        routes.add(
            RouteRule(.get, "/forslag/:nr", roles: Role.proposalReaders, purpose: "ét forslag som i skemaet, med dets økonomi år for år")
        ) {
            _, context in
            let number = try proposalNumber(context)
            guard let proposal = try store.proposals().proposal(number) else {
                return WebApplication.page(
                    context, "Forslag", status: .notFound,
                    "<h1>Forslag</h1><p class=\"fejl\">Forslaget findes ikke.</p><p><a href=\"/forslag\">Alle forslag</a></p>")
            }
            let canEdit = context.user.map { $0.role.editsProposals } ?? false
            return WebApplication.page(
                context, "\(proposal.number) \(proposal.title)", proposalBody(proposal, csrf: canEdit ? context.session?.csrfToken : nil))
        }

        routes.addForm(RouteRule(.post, "/forslag/:nr/status", roles: Role.editors, purpose: "sæt et forslags status")) {
            _, context, fields in
            let number = try proposalNumber(context)
            guard let status = Proposal.Status(rawValue: fields["status"] ?? "") else {
                return WebApplication.page(context, "Forslag", status: .badRequest, "<h1>Forslag</h1><p class=\"fejl\">Ukendt status.</p>")
            }
            guard let proposal = try store.proposals().proposal(number) else {
                return WebApplication.page(
                    context, "Forslag", status: .notFound, "<h1>Forslag</h1><p class=\"fejl\">Forslaget findes ikke.</p>")
            }
            if proposal.status != status {
                try store.setStatus(status, of: number)
                try store.auditChange(
                    context, "forslag \(number) status", before: Data(proposal.status.rawValue.utf8), after: Data(status.rawValue.utf8))
            }
            return Response(status: .seeOther, headers: [.location: "/forslag/" + PageView.segment(number)])
        }

        routes.add(
            RouteRule(
                .get, "/portefoelje", roles: Role.proposalReaders,
                purpose: "det bedste sæt forslag under budget og årsværk, op til tre scenarier")
        ) { request, context in
            let catalogue = try store.proposals(), view = PageView(request, context)
            return WebApplication.page(context, "Portefølje", portfolioBody(catalogue, { view[$0] }))
        }

        routes.add(RouteRule(.get, "/api/v1/forslag", roles: Role.proposalReaders, purpose: "alle forslag som en forslagsfil (JSON)")) {
            _, _ in
            WebApplication.json(String(decoding: try store.proposals().json(), as: UTF8.self))
        }

        routes.add(RouteRule(.get, "/api/v1/forslag/:nr", roles: Role.proposalReaders, purpose: "ét forslag som JSON")) { _, context in
            let number = try proposalNumber(context)
            guard let proposal = try store.proposals().proposal(number) else {
                return WebApplication.problem(.notFound, "forslaget findes ikke")
            }
            return WebApplication.json(String(decoding: ProposalCatalogue.document(proposal), as: UTF8.self))
        }
    }

    /// The route's `nr`, percent-decoded ("JC%2008" is "JC 08").
    static func proposalNumber(_ context: AppContext) throws -> String {
        let raw = try context.parameters.require("nr")
        return raw.removingPercentEncoding ?? raw
    }

    // MARK: The catalogue

    /// The catalogue's filters from the query; an empty value means all.
    struct Filter {
        var municipality = "", unit = "", stage = "", approach = "", status = ""

        init(_ value: (String) -> String) {
            municipality = value("kommune"); unit = value("enhed"); stage = value("indsats"); approach = value("tilgang");
            status = value("status")
        }

        func admits(_ p: Proposal) -> Bool {
            (municipality.isEmpty || p.municipality == municipality) && (unit.isEmpty || p.responsibleUnit == unit)
                && (stage.isEmpty || p.stages.map(\.rawValue).contains(stage)) && (approach.isEmpty || p.approach?.rawValue == approach)
                && (status.isEmpty || p.status.rawValue == status)
        }
    }

    /// The largest proposal file the upload takes.
    static let uploadLimit = 8 * 1024 * 1024

    /// With `csrf`, an upload form for analysts and administrators follows the table.
    static func catalogueBody(_ catalogue: ProposalCatalogue, _ filter: Filter, csrf: String? = nil) -> HTML {
        func select(_ name: String, _ label: String, _ options: [(String, String)], _ chosen: String) -> HTML {
            "<label>\(label) <select name=\"\(name)\">\(HTML.options([("", "alle")] + options, selected: chosen))</select></label> "
        }
        let municipalities = Array(Set(catalogue.proposals.map(\.municipality))).filter { !$0.isEmpty }.sorted()
        let units = Array(Set(catalogue.proposals.map(\.responsibleUnit))).sorted()
        let selects =
            select("kommune", "Kommune", municipalities.map { ($0, $0) }, filter.municipality)
            + select("enhed", "Enhed", units.map { ($0, $0) }, filter.unit)
            + select("indsats", "Indsats", Proposal.Stage.allCases.map { ($0.rawValue, $0.label) }, filter.stage)
            + select("tilgang", "Tilgang", Proposal.Approach.allCases.map { ($0.rawValue, $0.rawValue) }, filter.approach)
            + select("status", "Status", Proposal.Status.allCases.map { ($0.rawValue, $0.label) }, filter.status)
        let shown = catalogue.proposals.filter(filter.admits)
        var out: HTML = """
            <h1>Budgetforslag</h1>\(HTML.filterForm("/forslag", selects))\
            <p class="meta">\(shown.count) af \(catalogue.proposals.count) forslag. Nutidsværdi ved 3,5 % for kommunen efter refusion. \
            <a href="/portefoelje">Vælg portefølje</a> · <a href="/forslag.xlsx">Hent som Excel (xlsx)</a></p>\
            <div class="table-wrap"><table><caption>Forslag</caption><thead><tr><th scope="col">Nr.</th><th scope="col">Overskrift</th>\
            <th scope="col">Enhed</th><th scope="col">Indsats</th><th scope="col">Tilgang</th><th scope="col">Status</th>\
            <th scope="col">Udgifter i alt (kr.)</th><th scope="col">Nutidsværdi (kr.)</th></tr></thead><tbody>
            """
        for p in shown {
            let cost = p.economy.reduce(0) { $0 + $1.operatingCost }
            out += """
                <tr><td><a href="/forslag/\(PageView.segment(p.number))">\(p.number)</a></td><td>\(p.title)</td>\
                <td>\(p.responsibleUnit)</td><td>\(p.stages.map(\.label).joined(separator: ", "))</td>\
                <td>\(p.approach?.rawValue ?? "")</td><td>\(p.status.label)</td>\
                <td class="n">\(p.hasNoFigures ? "–" : DanishFormat.number(cost, decimals: 0))</td>\
                <td class="n">\(p.hasNoFigures ? "–" : DanishFormat.number(p.presentValue(rate: rate), decimals: 0))</td></tr>
                """
        }
        out += "</tbody></table></div>"
        guard let csrf else { return out }
        return out + """
            <h2>Indlæs forslag</h2><p>Hent kataloget som Excel, ret eller tilføj rækker, og indlæs filen igen. \
            Forslag erstattes efter nummer; er der en fejl, indlæses intet. JSON-filer (docs/forslag.md) kan også indlæses.</p>\
            <form method="post" action="/forslag/indlaes" enctype="multipart/form-data">\(HTML.csrfField(csrf))\
            <label>Fil <input type="file" name="fil" accept=".xlsx,.json" required></label> <button type="submit">Indlæs</button></form>
            """
    }

    // MARK: One proposal

    static func proposalBody(_ p: Proposal, csrf: String?) -> HTML {
        func mark(_ on: Bool) -> String { on ? "☒" : "☐" }
        var out: HTML = """
            <p><a href="/forslag">Alle forslag</a> · <a href="/forslag/\(PageView.segment(p.number))/opfoelgning">Opfølgning: lovet mod realiseret</a></p>\
            <h1>\(p.number): \(p.title)</h1><dl class="fakta">
            """
        let facts: [(String, String)] = [
            ("Kommune", p.municipality), ("Ansvarlig enhed", p.responsibleUnit), ("Forslag nr.", p.number),
            ("Forslag fra", p.proposedBy), ("Fokusområde", p.focusArea),
            ("Indsats", Proposal.Stage.allCases.map { "\(mark(p.stages.contains($0))) \($0.label)" }.joined(separator: "  ")),
            ("Tilgang", Proposal.Approach.allCases.map { "\(mark(p.approach == $0)) \($0.rawValue)" }.joined(separator: "  ")),
            ("Status", p.status.label),
            ("Gensidigt udelukkende", p.exclusiveGroup.map { group in p.exclusiveGroupSource.map { "\(group): «\($0)»" } ?? group } ?? ""),
            ("Forudsætter", p.requires.isEmpty ? "" : p.requires.joined(separator: ", ") + (p.requiresSource.map { ": «\($0)»" } ?? "")),
            ("Indsatser i registret", p.initiatives.joined(separator: ", ")),
        ]
        for (label, value) in facts where !value.isEmpty { out += "<dt>\(label)</dt><dd>\(value)</dd>" }
        out += "</dl>"
        if let csrf {
            let statuses = HTML.options(Proposal.Status.allCases.map { ($0.rawValue, $0.label) }, selected: p.status.rawValue)
            out += """
                <form class="filtre" method="post" action="/forslag/\(PageView.segment(p.number))/status">\(HTML.csrfField(csrf))\
                <label>Ny status <select name="status">\(statuses)</select></label> <button type="submit">Gem status</button></form>
                """
        }
        out += "<h2>Økonomiske og personalemæssige konsekvenser</h2>"
        if p.economy.isEmpty {
            out += "<p>Skemaet har ingen beløb.</p>"
        } else {
            let years = p.economy.map(\.year)
            let net = p.netByYear
            var cumulative = 0.0
            let cumulated = years.map {
                cumulative += net[$0] ?? 0; return cumulative
            }
            let headings = years.map { year -> HTML in "<th scope=\"col\">\(year)</th>" }.joined()
            out += """
                <div class="table-wrap"><table><caption>Beløb i kr.\(p.priceLevel.isEmpty ? "" : ", \(p.priceLevel)")</caption><thead><tr>\
                <th scope="col"></th>\(headings)</tr></thead><tbody>
                """
            func row(_ label: String, _ values: [Double], decimals: Int = 0) -> HTML {
                let cells = values.map { value -> HTML in "<td class=\"n\">\(DanishFormat.number(value, decimals: decimals))</td>" }
                return "<tr><th scope=\"row\">\(label)</th>\(cells.joined())</tr>"
            }
            out += row("Ændring i driftsudgifter", p.economy.map(\.operatingCost))
            out += row("Sparet forsørgelsesudgift", p.economy.map(\.benefitSaving))
            out += row("Netto for kommunen\(p.businessCase == nil ? "" : " (business case)")", years.map { net[$0] ?? 0 })
            out += row("Akkumuleret netto", cumulated)
            out += row("Ændring i personaleforbrug (årsværk)", p.economy.map(\.staff), decimals: 2)
            out += """
                </tbody></table></div>\
                <p>Nutidsværdi ved 3,5 %: <strong>\(DanishFormat.number(p.presentValue(rate: rate), decimals: 0)) kr.</strong>; \
                ved 0 %: \(DanishFormat.number(p.presentValue(rate: 0), decimals: 0)) kr.</p>
                """
            let chart = NetChart(
                title: "Netto for kommunen pr. år og akkumuleret, \(p.number)",
                labels: years.map(String.init), yearly: years.map { net[$0] ?? 0 }, cumulative: cumulated)
            out += chart.figure()
        }
        if !p.economyNote.isEmpty { out += "<p>\(p.economyNote)</p>" }
        if let c = p.caseOrForm {
            out += "<h2>Business case</h2>"
            if p.businessCase == nil {
                out += """
                    <p class="meta">Regnet på skemaets tal: udgifterne og den sparede forsørgelse, som forslaget selv angiver (efter refusion). \
                    Statens andel og fuldtidspersoner står ikke i skemaet.</p>
                    """
            }
            out += "<pre>\(BusinessCaseOutput.table(c, BusinessCaseResult(c)))</pre>"
        }
        let sections = [
            ("Forslagets baggrund", p.background), ("Lovfastsatte krav", p.legalRequirements), ("Hvad gør vi i dag", p.today),
            ("Hvad vil vi gøre fremadrettet", p.future), ("Konsekvenser af forslaget", p.consequences),
            ("Succeskriterie", p.successCriterion),
        ]
        for (heading, text) in sections where !text.isEmpty {
            out += "<h2>\(heading)</h2>\(text.components(separatedBy: "\n\n").map { paragraph -> HTML in "<p>\(paragraph)</p>" }.joined())"
        }
        if let t = p.target {
            let benefit = t.benefit.map { " (fra \($0))" } ?? ""
            out +=
                "<p><strong>Målbart:</strong> \(DanishFormat.number(t.persons)) personer \(t.outcome.label)\(t.perYear ? " pr. år" : "")\(benefit).</p>"
        }
        return out
    }

    // MARK: The portfolio

    static func portfolioBody(_ all: ProposalCatalogue, _ value: (String) -> String) -> HTML {
        let municipalities = Array(Set(all.proposals.map(\.municipality))).filter { !$0.isEmpty }.sorted()
        let municipality = value("kommune").isEmpty ? (municipalities.first ?? "") : value("kommune")
        let catalogue = ProposalCatalogue(all.proposals.filter { municipality.isEmpty || $0.municipality == municipality })
        let years = Array(Set(catalogue.proposals.flatMap { $0.economy.map(\.year) })).sorted()
        func inputs(_ label: String, _ name: (Int) -> String) -> HTML {
            let cells = (1...3).map { i -> HTML in
                "<td><input name=\"\(name(i))\" value=\"\(value(name(i)))\" size=\"12\" aria-label=\"\(label), scenarie \(i)\"></td>"
            }
            return "<tr><th scope=\"row\">\(label)</th>\(cells.joined())</tr>"
        }
        let objectives = (1...3).map { i -> HTML in
            let options = HTML.options(PortfolioScenario.Objective.allCases.map { ($0.rawValue, $0.label) }, selected: value("maal\(i)"))
            return "<td><select name=\"maal\(i)\" aria-label=\"Maksimér, scenarie \(i)\">\(options)</select></td>"
        }
        var out: HTML = """
            <h1>Portefølje</h1><p>Det sæt forslag, der giver mest inden for hvert års budget og årsværk. Valget er eksakt; \
            vedtagne forslag er altid med, afviste aldrig, og gensidigt udelukkende forslag vælges højst ét ad gangen. Se docs/forslag.md.</p>\
            <form class="filtre" method="get" action="/portefoelje"><label>Kommune <select name="kommune">\
            \(HTML.options(municipalities.map { ($0, $0) }, selected: municipality))</select></label>\
            <div class="table-wrap"><table><caption>Scenarier (tomt felt: ingen grænse)</caption><thead><tr><th scope="col"></th>\
            <th scope="col">Scenarie 1</th><th scope="col">Scenarie 2</th><th scope="col">Scenarie 3</th></tr></thead><tbody>\
            \(inputs("Navn") { "navn\($0)" })<tr><th scope="row">Maksimér</th>\(objectives.joined())</tr>
            """
        for year in years { out += inputs("Budget \(year) (kr.)") { "budget\($0)_\(year)" } }
        for year in years { out += inputs("Årsværk \(year)") { "aarsvaerk\($0)_\(year)" } }
        out += "</tbody></table></div><button type=\"submit\">Vælg</button></form>"

        var scenarios: [PortfolioScenario] = []
        var problems: [String] = []
        for i in 1...3 {
            let fields = [value("navn\(i)")] + years.flatMap { [value("budget\(i)_\($0)"), value("aarsvaerk\(i)_\($0)")] }
            guard i == 1 || fields.contains(where: { !$0.isEmpty }) else { continue }
            var s = PortfolioScenario(
                name: value("navn\(i)").isEmpty ? "Scenarie \(i)" : value("navn\(i)"),
                objective: PortfolioScenario.Objective(rawValue: value("maal\(i)")) ?? .nutidsvaerdi, rate: rate)
            for year in years {
                for (field, label) in [("budget", "budget"), ("aarsvaerk", "årsværk")] {
                    let text = value("\(field)\(i)_\(year)").replacingOccurrences(of: ".", with: "").replacingOccurrences(
                        of: ",", with: ".")
                    guard !text.isEmpty else { continue }
                    guard let amount = Double(text), amount >= 0, amount.isFinite else {
                        problems.append("Scenarie \(i): \(label) \(year) skal være et tal, ikke '\(value("\(field)\(i)_\(year)"))'.")
                        continue
                    }
                    if field == "budget" { s.budget[year] = amount } else { s.staff[year] = amount }
                }
            }
            scenarios.append(s)
        }
        guard problems.isEmpty else { return out + problems.map { problem -> HTML in "<p class=\"fejl\">\(problem)</p>" }.joined() }
        var choices: [PortfolioChoice] = []
        for s in scenarios {
            do throws(EconomyError) { choices.append(try Portfolio.choose(catalogue, s)) } catch {
                out += "<p class=\"fejl\">\(error.message)</p>"
            }
        }
        guard !choices.isEmpty else { return out }
        /// A row with a cell per scenario.
        func row(_ label: String, _ cell: (PortfolioChoice) -> HTML) -> HTML {
            "<tr><th scope=\"row\">\(label)</th>\(choices.map(cell).joined())</tr>"
        }
        let names = choices.map { choice -> HTML in "<th scope=\"col\">\(choice.scenario.name)</th>" }.joined()
        out +=
            "<div class=\"table-wrap\"><table><caption>Valgt pr. scenarie</caption><thead><tr><th scope=\"col\">Forslag</th>\(names)</tr></thead><tbody>"
        for (i, p) in catalogue.proposals.enumerated() {
            let cells = choices.map { c -> HTML in
                let d = c.decisions[i]
                let chosen: HTML = d.chosen ? "<strong>med</strong>" : "ude"
                return "<td>\(chosen)<br><small>\(d.reason)</small></td>"
            }
            out +=
                "<tr><th scope=\"row\"><a href=\"/forslag/\(PageView.segment(p.number))\">\(p.number)</a> \(p.title)</th>\(cells.joined())</tr>"
        }
        out += row("Nutidsværdi ved 3,5 % (kr.)") { "<td class=\"n\">\(DanishFormat.number($0.presentValue, decimals: 0))</td>" }
        out += row("Lovede personer") { "<td class=\"n\">\(DanishFormat.number($0.persons))</td>" }
        for year in years {
            out += row("Udgifter \(year) (kr.)") { "<td class=\"n\">\(DanishFormat.number($0.costByYear[year] ?? 0, decimals: 0))</td>" }
            out += row("Årsværk \(year)") { "<td class=\"n\">\(DanishFormat.number($0.staffByYear[year] ?? 0, decimals: 2))</td>" }
        }
        return out + "</tbody></table></div><p class=\"meta\">\(BusinessCaseResult.caveat)</p>"
    }
}
