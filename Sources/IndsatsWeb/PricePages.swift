import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsCore
import IndsatsExchange
import IndsatsStore

/// The rates and refusion rules that price a day on a benefit: read by every role
/// (they hold nothing about persons), changed a row at a time by analysts and
/// administrators, and as JSON.
enum PricePages {
    static func add(to routes: inout GuardedRouter, store: any DataStore) {
        routes.add(RouteRule(.get, "/satser", roles: Role.allCases, purpose: "ydelsessatser og refusionsregler i kraft")) { _, context in
            try page(context, store)
        }

        routes.addForm(
            RouteRule(.post, "/satser", roles: Role.editors, purpose: "tilføj eller ret en sats eller en refusionsregel")
        ) { _, context, fields in
            let form = fields.fields
            let prices = try store.prices()
            let changed: Result<BenefitPrices, PriceRowProblem>
            switch fields["tabel"] {
            case "satser": changed = PriceFile.rate(form, try store.referenceData()).map(prices.with)
            case "refusion": changed = PriceFile.rule(form).map(prices.with)
            default: changed = .failure(PriceRowProblem("tabel: skal være satser eller refusion"))
            }
            switch changed {
            case .failure(let problem): return try page(context, store, status: .badRequest, error: problem.message)
            case .success(let new):
                try store.savePrices(new)
                try store.auditChange(context, "satser", before: Data(json(prices).utf8), after: Data(json(new).utf8))
                return Response(status: .seeOther, headers: [.location: "/satser"])
            }
        }

        routes.add(RouteRule(.get, "/api/v1/satser", roles: Role.allCases, purpose: "ydelsessatser og refusionsregler som JSON")) { _, _ in
            WebApplication.json(json(try store.prices()))
        }
    }

    /// `{"satser": [{ydelse, fra, maanedssats, kilde}], "refusion": [{fra, kommunal_andel: [4], kilde}]}`.
    static func json(_ prices: BenefitPrices) -> String {
        let rates = prices.rates.map {
            "{\"ydelse\":\(JSONText.string($0.benefit)),\"fra\":\(JSONText.string($0.from.iso)),\"maanedssats\":\($0.monthly),\"kilde\":\(JSONText.string($0.source))}"
        }
        let rules = prices.refusion.map {
            "{\"fra\":\(JSONText.string($0.from.iso)),\"kommunal_andel\":[\($0.municipalShares.map { "\($0)" }.joined(separator: ","))],\"kilde\":\(JSONText.string($0.source))}"
        }
        return "{\"satser\":[\(rates.joined(separator: ","))],\"refusion\":[\(rules.joined(separator: ","))]}"
    }

    static func page(_ context: AppContext, _ store: any DataStore, status: HTTPResponse.Status = .ok, error: String? = nil) throws
        -> Response
    {
        let csrf = (context.user?.role.editsProposals ?? false) ? context.session?.csrfToken : nil
        return WebApplication.page(
            context, "Satser", status: status, body(try store.prices(), try store.referenceData(), csrf: csrf, error: error))
    }

    static func body(_ prices: BenefitPrices, _ reference: ReferenceData, csrf: String?, error: String?) -> HTML {
        var out: HTML = """
            <h1>Satser og refusion</h1>\
            <p class="meta">Skøn til planlægning: nøgletallet nettoudgift og business cases prissætter en dag på en ydelse med \
            månedssatsen × 12 / årets dage gange kommunens andel på personens refusionstrin. Den endelige refusion opgøres centralt. \
            En sats gælder fra sin dato til ydelsens næste sats.</p>
            """
        if let error { out += "<p class=\"fejl\" role=\"alert\">\(error)</p>" }
        out += """
            <div class="table-wrap"><table><caption>Månedssatser før skat</caption><thead><tr><th scope="col">Ydelse</th>\
            <th scope="col">Fra</th><th scope="col">Månedssats (kr.)</th><th scope="col">Kilde</th></tr></thead><tbody>
            """
        for rate in prices.rates {
            out += """
                <tr><td>\(reference.name(.ydelse, rate.benefit))</td><td>\(rate.from.danish)</td>\
                <td class="n">\(DanishFormat.number(rate.monthly, decimals: 2))</td><td>\(rate.source)</td></tr>
                """
        }
        out += "</tbody></table></div>"
        let unpriced = reference.codes(.ydelse).filter { code in
            code.code != "selvforsoergende" && !prices.rates.contains { $0.benefit == code.code }
        }
        if !unpriced.isEmpty {
            out += "<p>Uden sats (regnes ikke med i nettoudgiften): \(unpriced.map(\.name).joined(separator: ", ")).</p>"
        }
        out += """
            <div class="table-wrap"><table><caption>Kommunens andel pr. refusionstrin</caption><thead><tr><th scope="col">Fra</th>\
            <th scope="col">Trin 1 (uge 1-4)</th><th scope="col">Trin 2 (uge 5-26)</th><th scope="col">Trin 3 (uge 27-52)</th>\
            <th scope="col">Trin 4 (over 52 uger)</th><th scope="col">Kilde</th></tr></thead><tbody>
            """
        for rule in prices.refusion {
            let shares = rule.municipalShares.map { share -> HTML in
                "<td class=\"n\">\(DanishFormat.number(share * 100, decimals: 0)) %</td>"
            }
            out += "<tr><td>\(rule.from.danish)</td>\(shares.joined())<td>\(rule.source)</td></tr>"
        }
        out += "</tbody></table></div>"
        guard let csrf else { return out }
        let options = HTML.options(
            reference.codes(.ydelse).filter { $0.code != "selvforsoergende" }.map { ($0.code, $0.name) }, selected: nil)
        let steps = (1...4).map { step -> HTML in
            "<label>Trin \(step) (%) <input name=\"trin_\(step)\" inputmode=\"decimal\" size=\"4\" required></label> "
        }
        out += """
            <h2>Tilføj eller ret en sats</h2><form method="post" action="/satser">\(HTML.csrfField(csrf))<input type="hidden" name="tabel" value="satser">\
            <label>Ydelse <select name="ydelse">\(options)</select></label> \
            <label>Fra <input type="date" name="fra" required></label> \
            <label>Månedssats (kr.) <input name="maanedssats" inputmode="decimal" required></label> \
            <label>Kilde <input name="kilde"></label> <button type="submit">Gem sats</button></form>\
            <h2>Tilføj eller ret en refusionsregel</h2><form method="post" action="/satser">\(HTML.csrfField(csrf))<input type="hidden" name="tabel" value="refusion">\
            <label>Fra <input type="date" name="fra" required></label> \
            \(steps.joined())<label>Kilde <input name="kilde"></label> <button type="submit">Gem regel</button></form>\
            <p class="meta">Hele tabeller indlæses med <code>indsats satser importer satser.csv refusion.csv</code> (docs/satser.md).</p>
            """
        return out
    }
}
