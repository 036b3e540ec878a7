import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsEconomy
import IndsatsExchange
import IndsatsStore

/// Promised against realised: every proposal whose initiatives have participants,
/// with its shortfalls; one proposal's follow-up year by year with a chart; and
/// the same as JSON. Read by the roles that read proposals; leaders and the
/// committee see counts of 1-4 as "under 5" on the pages and get no JSON.
enum FollowUpPages {
    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        routes.addPage(
            RouteRule(.get, "/opfoelgning", roles: Role.proposalReaders, purpose: "lovet mod realiseret for alle forslag med indsatser"),
            title: "Opfølgning", cache: cache
        ) { view in
            overviewBody(try await followUps(monthsAfter: 3, store, cache).filter { !$0.initiatives.isEmpty }, hiding: view.hiding)
        }

        // Every proposal's page is rendered ahead: after the overview they cost only their HTML.
        let render: @Sendable (PageView) async throws -> HTML = { view in
            let number = view.subject
            switch try await followUp(number, view, store, cache) {
            case .failure(let problem): throw problem
            case .success(let f): return body(f, hiding: view.hiding)
            }
        }
        routes.prepare(
            PreparedPage(
                views: {
                    try store.proposals().proposals.flatMap { proposal in
                        [false, true].map { PageView(path: "/forslag/\(PageView.segment(proposal.number))/opfoelgning", hiding: $0) }
                    }
                }, render: render))
        routes.add(
            RouteRule(.get, "/forslag/:nr/opfoelgning", roles: Role.proposalReaders, purpose: "ét forslag: lovet mod realiseret år for år")
        ) { request, context in
            let view = PageView(request, context)
            do {
                return WebApplication.page(context, "Opfølgning", try await cache.page(view.key) { try await render(view) })
            } catch let problem as Problem {
                return WebApplication.page(
                    context, "Opfølgning", status: problem.status, "<h1>Opfølgning</h1><p class=\"fejl\">\(problem.message)</p>")
            }
        }

        // The JSON has every count, so only the roles that may see small numbers get it.
        let apiRoles = Role.proposalReaders.filter { !$0.suppressesSmallNumbers }
        routes.add(RouteRule(.get, "/api/v1/forslag/:nr/opfoelgning", roles: apiRoles, purpose: "ét forslags opfølgning som JSON")) {
            request, context in
            switch try await followUp(try ProposalPages.proposalNumber(context), PageView(request, context), store, cache) {
            case .failure(let problem): return WebApplication.problem(problem.status, problem.message)
            case .success(let f): return WebApplication.json(String(decoding: FollowUpOutput.json(f), as: UTF8.self))
            }
        }
    }

    struct Problem: Error {
        var status: HTTPResponse.Status
        var message: String
    }

    /// Every proposal's follow-up with `monthsAfter`, computed together once per data version.
    static func followUps(monthsAfter: Int, _ store: any DataStore, _ cache: RegisterCache) async throws -> [FollowUp] {
        let proposals = try store.proposals().proposals.map { ($0, initiatives: try store.initiatives(of: $0)) }
        return try await cache.value("opfoelgning \(monthsAfter)") { register in
            register.dataDate.map { FollowUp.all(proposals, register: register, asOf: $0, monthsAfter: monthsAfter) } ?? []
        }
    }

    /// The follow-up of proposal `number`, with `maaneder` (0-36, default 3).
    static func followUp(_ number: String, _ view: PageView, _ store: any DataStore, _ cache: RegisterCache) async throws -> Result<
        FollowUp, Problem
    > {
        // Absent is the default; given, even empty, it must be a number.
        guard let monthsAfter = view.parameters["maaneder"].map({ Int($0) }) ?? 3, (0...36).contains(monthsAfter) else {
            return .failure(Problem(status: .badRequest, message: "maaneder: skal være et helt tal mellem 0 og 36"))
        }
        guard try store.proposals().proposal(number) != nil else {
            return .failure(Problem(status: .notFound, message: "forslaget findes ikke"))
        }
        guard try await cache.current().dataDate != nil else {
            return .failure(Problem(status: .notFound, message: "registret er tomt; importér data først"))
        }
        guard let f = try await followUps(monthsAfter: monthsAfter, store, cache).first(where: { $0.proposal.number == number }) else {
            return .failure(Problem(status: .notFound, message: "forslaget findes ikke"))
        }
        return .success(f)
    }

    static func count(_ n: Int, hidden: Bool) -> String { hidden ? SmallNumbers.mark : DanishFormat.integer(n) }

    static func overviewBody(_ followUps: [FollowUp], hiding: Bool) -> HTML {
        let head: HTML = """
            <h1>Opfølgning: lovet mod realiseret</h1>\
            <p class="meta">Forslag knyttet til indsatser (kolonnen forslag i indsatser.csv eller forslagets egne indsatser). \
            Status måles 3 måneder efter endt aktivitet; fuldtidspersoner året før start mod andet år efter start.</p>
            """
        guard !followUps.isEmpty else { return head + "<p>Ingen forslag er knyttet til indsatser med data endnu.</p>" }
        var rows: HTML = ""
        for f in followUps {
            let shortfalls = f.findings(hidingSmallCounts: hiding).filter(\.isShortfall).count
            let shortfallCell: HTML = shortfalls == 0 ? "ingen" : "<strong>\(shortfalls)</strong>"
            rows += """
                <tr><td><a href="/forslag/\(PageView.segment(f.proposal.number))/opfoelgning">\(f.proposal.number)</a></td>\
                <td>\(f.proposal.title)</td><td>\(f.proposal.status.label)</td><td>\(f.initiatives.joined(separator: ", "))</td>\
                <td class="n">\(count(f.participants.participants, hidden: hiding && f.hiddenCounts().participants))</td>\
                <td class="n">\(shortfallCell)</td></tr>
                """
        }
        return """
            \(head)<div class="table-wrap"><table><caption>Forslag med indsatser</caption><thead><tr><th scope="col">Nr.</th>\
            <th scope="col">Overskrift</th><th scope="col">Status</th><th scope="col">Indsatser</th><th scope="col">Deltagere</th>\
            <th scope="col">Mangler</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
    }

    static func body(_ f: FollowUp, hiding: Bool) -> HTML {
        let p = f.proposal
        var out: HTML = """
            <p><a href="/forslag/\(PageView.segment(p.number))">\(p.number)</a> · <a href="/opfoelgning">Alle opfølgninger</a></p>\
            <h1>Opfølgning: \(p.number) \(p.title)</h1><dl class="fakta">\
            <dt>Indsatser</dt><dd>\(f.initiatives.isEmpty ? "ingen" : f.initiatives.joined(separator: ", "))</dd>\
            <dt>Succeskriterie</dt><dd>\(p.successCriterion.isEmpty ? "–" : p.successCriterion)</dd>
            """
        if let target = p.target {
            out +=
                "<dt>Målbart mål</dt><dd>\(FollowUp.number(target.persons)) \(target.outcome.label)\(target.perYear ? " pr. år" : "")</dd>"
        }
        if let fewer = f.promisedFewer { out += "<dt>Lovet færre fuldtidspersoner</dt><dd>\(FollowUp.number(fewer))</dd>" }
        out += "<dt>Målt til</dt><dd>\(f.asOf.danish); status \(f.monthsAfter) måneder efter endt aktivitet</dd></dl>"

        out += "<h2>Fund</h2><ul class=\"fund\">"
        for finding in f.findings(hidingSmallCounts: hiding) {
            out += finding.isShortfall ? "<li class=\"mangel\"><strong>Mangel:</strong> \(finding.text)</li>" : "<li>\(finding.text)</li>"
        }
        out += "</ul>"
        guard !f.years.isEmpty else { return out }

        let labels = f.years.map { String($0.year) }
        var series = [LineChart.Series(name: "Startet", values: f.years.map { Double($0.started) })]
        if f.years.contains(where: { $0.reached != nil }) {
            series.append(.init(name: "Nået", values: f.years.map { Double($0.reached ?? 0) }))
        }
        if f.years.contains(where: { $0.promised != nil }) {
            series.append(.init(name: "Lovet", values: f.years.map { $0.promised ?? 0 }))
        }
        // A chart of counts would show what the table hides.
        if !hiding {
            out += LineChart(
                title: "Deltagere og mål pr. år",
                description: "Linjediagram over startede deltagere"
                    + (series.count > 1 ? ", nåede og lovede" : "") + " pr. år, \(labels.first!)-\(labels.last!). Tallene står i tabellen.",
                labels: labels, series: series, width: 720, height: 300
            ).svg()
        }
        // The split by status is for roles that see every number: beside "Nået", one status gives the others away.
        let statuses = hiding ? [] : FollowUpOutput.statuses
        let hidden = hiding ? f.hiddenCounts() : nil
        let statusHeadings = statuses.map { status -> HTML in "<th scope=\"col\">\(status.1)</th>" }.joined()
        out += """
            <div class="table-wrap"><table><caption>År for år (* ikke målt færdigt)</caption><thead><tr><th scope="col">År</th><th scope="col">Startet</th>\
            \(statusHeadings)<th scope="col">Nået</th><th scope="col">Lovet</th><th scope="col">Lovet besparelse (kr.)</th></tr></thead><tbody>
            """
        for (i, y) in f.years.enumerated() {
            let statusCells = statuses.map { status -> HTML in "<td class=\"n\">\(count(y.outcomes[status.0] ?? 0, hidden: false))</td>" }
                .joined()
            out += """
                <tr><th scope="row">\(y.year)\(y.complete ? "" : "*")</th><td class="n">\(count(y.started, hidden: hidden?.started[i] ?? false))</td>\
                \(statusCells)<td class="n">\(y.reached.map { count($0, hidden: hidden?.reached[i] ?? false) } ?? "–")</td>\
                <td class="n">\(y.promised.map(FollowUp.number) ?? "–")</td>\
                <td class="n">\(y.promisedSaving.map { DanishFormat.number($0, decimals: 0) } ?? "–")</td></tr>
                """
        }
        out += """
            </tbody></table></div>\
            <p class="meta">Nået tæller aktiviteter i indsatserne, der sluttede i året, efter personens status \(f.monthsAfter) måneder senere \
            (nøgletallet effekt). Fuldtidspersoner før og efter er en før/efter-sammenligning, ikke en effektmåling med kontrolgruppe: \
            mange forlader ydelsen uden en indsats.</p>
            """
        return out
    }
}
