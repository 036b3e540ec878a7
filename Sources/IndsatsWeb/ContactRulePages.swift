import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import IndsatsStore

/// *Kontaktregler*: the dated contact rules `samtaleopfyldelse` and `tilbudsrettidighed`
/// measure against. Every role reads them; analysts and administrators change them in
/// one form, checked as `kontaktregler.csv` is on import and saved whole (replacing the
/// shipped defaults, or the file imported), audited with before and after.
enum ContactRulePages {
    /// Empty rows the form offers for new rules.
    static let blankRows = 3

    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        routes.add(RouteRule(.get, "/kontaktregler", roles: Role.allCases, purpose: "kontaktreglerne, der måles efter")) { _, context in
            try await page(context, store, cache, typed: nil)
        }
        routes.addForm(RouteRule(.post, "/kontaktregler", roles: Role.editors, purpose: "gem kontaktreglerne")) { _, context, form in
            let register = try await cache.current()
            let rows = (0..<(Int(form["raekker"] ?? "") ?? 0)).compactMap { i -> [String: String]? in
                let row = Dictionary(
                    uniqueKeysWithValues: ContactRule.declaration.columns.map { ($0.name, form[field(i, $0.name)] ?? "") })
                // A row whose every field is empty is no rule: that is how one is deleted.
                return row.values.allSatisfy { $0.trimmingSpaces.isEmpty } ? nil : row
            }
            let (records, problems) = ContractRows.read(.kontaktregler, rows, reference: register.reference)
            guard problems.isEmpty else {
                let message = problems.map { "Række \($0.line), \($0.column): \($0.reason)" }.joined(separator: "\n")
                return try await page(context, store, cache, typed: rows, status: .badRequest, error: message)
            }
            let before = csv(register.contactRules)
            try store.importSession { session in
                try session.removeAll(.kontaktregler)
                for record in records { try session.write(record) }
                return true
            }
            let after = csv(records.compactMap { if case .contactRule(let rule) = $0 { rule } else { nil } })
            if before != after { try store.auditChange(context, "kontaktregler", before: Data(before.utf8), after: Data(after.utf8)) }
            return Response(status: .seeOther, headers: [.location: "/kontaktregler"])
        }
    }

    static func field(_ row: Int, _ column: String) -> String { "r\(row):\(column)" }

    /// The rules as the lines of `kontaktregler.csv`, for the audit log's before and after.
    static func csv(_ rules: [ContactRule]) -> String {
        rules.sorted { ($0.benefit, $0.from) < ($1.benefit, $1.from) }.map { rule in
            [
                rule.benefit, rule.from.iso, rule.to?.iso ?? "", "\(rule.conversations)", "\(rule.withinMonths)",
                rule.offerWithinMonths.map(String.init) ?? "", rule.municipalityOnly ? "kommune" : "alle",
            ].joined(separator: ";")
        }.joined(separator: "\n")
    }

    /// The form's text for a rule, column by column, as a Danish user writes it.
    static func texts(_ rule: ContactRule) -> [String: String] {
        [
            "ydelse": rule.benefit, "fra": rule.from.danish, "til": rule.to?.danish ?? "", "samtaler": "\(rule.conversations)",
            "inden_maaneder": "\(rule.withinMonths)", "tilbud_inden_maaneder": rule.offerWithinMonths.map(String.init) ?? "",
            "afholdt_af": rule.municipalityOnly ? "kommune" : "alle",
        ]
    }

    static func page(
        _ context: AppContext, _ store: any DataStore, _ cache: RegisterCache, typed: [[String: String]]?,
        status: HTTPResponse.Status = .ok, error: String? = nil
    ) async throws -> Response {
        let register = try await cache.current()
        let own = (try store.rowCounts()[.kontaktregler] ?? 0) > 0
        let editing = context.user?.role.editsProposals ?? false
        var body: HTML = """
            <h1>Kontaktregler</h1><p class="meta">\(own
                ? "Kommunens egne regler (indlæst fra kontaktregler.csv eller gemt her)."
                : "Standardreglerne gælder (se docs/domaene.md, \"Kontakt og tilbud\"); gem dem her eller indlæs kontaktregler.csv for at gøre dem til kommunens egne.") \
            Et forløb måles efter reglen for dets ydelse, der gælder på forløbets første dag. Regler fra \(ContactRule.reform2026.danish) er \
            et mål om, at mindst \(DanishFormat.number(ContactRule.reformTargetShare * 100, decimals: 0)) % af gruppen får samtalerne. \
            <a href="/kontaktforloeb">Samtaler og tilbud til tiden</a></p>
            """
        if let error {
            body +=
                "<div class=\"fejl\" role=\"alert\">\(error.split(separator: "\n").map { line -> HTML in "<p>\(String(line))</p>" }.joined())</div>"
        }
        let rows = typed ?? register.contactRules.map(texts)
        let columns: [(name: String, title: String)] = [
            ("ydelse", "Ydelse"), ("fra", "Fra"), ("til", "Til"), ("samtaler", "Samtaler"), ("inden_maaneder", "Inden (måneder)"),
            ("tilbud_inden_maaneder", "Første tilbud inden (måneder)"), ("afholdt_af", "Tæller samtaler afholdt af"),
        ]
        var table: HTML = """
            <div class="table-wrap"><table><caption>Kontaktregler</caption><thead><tr>\
            \(columns.map { c -> HTML in "<th scope=\"col\">\(c.title)</th>" }.joined())</tr></thead><tbody>
            """
        let shown = editing ? rows + Array(repeating: [:], count: blankRows) : rows
        for (i, row) in shown.enumerated() {
            table += "<tr>"
            for column in columns {
                let value = row[column.name] ?? ""
                if !editing {
                    let text = column.name == "ydelse" ? register.reference.name(.ydelse, value) : value
                    table += column.name == "ydelse" ? "<th scope=\"row\">\(text)</th>" : "<td>\(text.isEmpty ? "–" : text)</td>"
                } else if column.name == "afholdt_af" {
                    let choices = HTML.options([("alle", "alle"), ("kommune", "kun kommunen")], selected: value.isEmpty ? "alle" : value)
                    table +=
                        "<td><select name=\"\(field(i, column.name))\" aria-label=\"\("Række \(i + 1): \(column.title)")\">\(choices)</select></td>"
                } else {
                    table +=
                        "<td><input name=\"\(field(i, column.name))\" value=\"\(value)\" size=\"\(column.name == "ydelse" ? 24 : 10)\" aria-label=\"\("Række \(i + 1): \(column.title)")\"></td>"
                }
            }
            table += "</tr>"
        }
        table += "</tbody></table></div>"
        if editing, let csrf = context.session?.csrfToken {
            body += """
                <form method="post" action="/kontaktregler">\(HTML.csrfField(csrf))<input type="hidden" name="raekker" value="\(shown.count)">\
                \(table)<p class="meta">Ydelsen skrives som koden (fx dagpenge). Tøm en række for at slette reglen; tøm alle for at gå \
                tilbage til standardreglerne. Samme ydelses regler må ikke overlappe.</p><button type="submit">Gem kontaktregler</button></form>
                """
        } else {
            body += table
        }
        return WebApplication.page(context, "Kontaktregler", status: status, body)
    }
}
