import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsCore
import IndsatsEconomy
import IndsatsStore

/// *Ugemål*: the weekly targets of the five figures, for the municipality and each
/// unit. Every role reads them; analysts and administrators change them in one form
/// (saved whole, or not at all when a field is wrong; the fields keep what was typed).
enum WeeklyTargetPages {
    static func add(to routes: inout GuardedRouter, store: any DataStore) {
        routes.add(RouteRule(.get, "/ugetal/maal", roles: Role.allCases, purpose: "ugemålene for kommunen og hver enhed")) { _, context in
            let targets = try store.weeklyTargets()
            return try page(context, store, values: fields(targets, units: try units(targets, store)))
        }
        routes.addForm(RouteRule(.post, "/ugetal/maal", roles: Role.editors, purpose: "gem ugemålene")) { _, context, form in
            let before = try store.weeklyTargets(), units = try units(before, store)
            let targets: WeeklyTargets
            do throws(EconomyError) {
                targets = try WeeklyTargets.read(form: form.fields, units: units, current: before)
            } catch {
                return try page(context, store, status: .badRequest, values: form.fields, error: error.message)
            }
            if targets != before {
                try store.saveWeeklyTargets(targets)
                try store.auditChange(context, "ugemål", before: before.json, after: targets.json)
            }
            return Response(status: .seeOther, headers: [.location: "/ugetal"])
        }
    }

    /// The units targets can be set for: those of the staff in medarbejdere.csv and those with targets.
    static func units(_ targets: WeeklyTargets, _ store: any DataStore) throws -> [String] {
        Set(try store.staffMembers().compactMap(\.unit)).union(targets.units.keys).sorted()
    }

    /// The form's fields holding `targets`, written as a Danish user reads them (a share in percent).
    static func fields(_ targets: WeeklyTargets, units: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for unit in [nil] + units.map(Optional.some) {
            for figure in WeeklyFigure.all {
                guard let value = unit.map({ targets.units[$0]?[figure.key] }) ?? targets.municipality[figure.key] else { continue }
                out[WeeklyTargets.field(figure, unit: unit)] = DanishFormat.number(
                    figure.measure.isShare ? value * 100 : value, decimals: value.rounded() == value && !figure.measure.isShare ? 0 : 1)
            }
        }
        return out
    }

    static func page(
        _ context: AppContext, _ store: any DataStore, status: HTTPResponse.Status = .ok, values: [String: String], error: String? = nil
    ) throws -> Response {
        let editing = context.user?.role.editsProposals ?? false
        let units = try units(try store.weeklyTargets(), store)
        var body: HTML = """
            <p><a href="/ugetal">Ugetal</a></p><h1>Ugemål</h1><p class="meta">Mål pr. uge for de fem skarpe nøgletal; mere er bedre for alle fem. \
            Andel med CV skrives i procent. Et tomt felt er intet mål. Enhederne er dem i medarbejdere.csv og dem, der har mål.</p>
            """
        if let error { body += "<p class=\"fejl\" role=\"alert\">\(error)</p>" }
        let headings = WeeklyFigure.all.map { figure -> HTML in
            "<th scope=\"col\">\(figure.title)\(figure.measure.isShare ? " (%)" : "")</th>"
        }
        var table: HTML =
            "<div class=\"table-wrap\"><table><caption>Ugemål</caption><thead><tr><th scope=\"col\">Enhed</th>\(headings.joined())</tr></thead><tbody>"
        for unit in [nil] + units.map(Optional.some) {
            let name = unit ?? "Kommunen"
            table += "<tr><th scope=\"row\">\(name)</th>"
            for figure in WeeklyFigure.all {
                let field = WeeklyTargets.field(figure, unit: unit), value = values[field] ?? ""
                table +=
                    editing
                    ? "<td><input name=\"\(field)\" value=\"\(value)\" inputmode=\"decimal\" size=\"6\" aria-label=\"\("\(name): \(figure.title)")\"></td>"
                    : "<td class=\"n\">\(value.isEmpty ? "–" : value)</td>"
            }
            table += "</tr>"
        }
        table += "</tbody></table></div>"
        if editing, let csrf = context.session?.csrfToken {
            body +=
                "<form method=\"post\" action=\"/ugetal/maal\">\(HTML.csrfField(csrf))\(table)<button type=\"submit\">Gem ugemål</button></form>"
        } else {
            body += table
        }
        body += "<p class=\"meta\">Også som JSON: <code>indsats plan ugemaal ugemaal.json</code> (docs/ugetal.md).</p>"
        return WebApplication.page(context, "Ugemål", status: status, body)
    }
}
