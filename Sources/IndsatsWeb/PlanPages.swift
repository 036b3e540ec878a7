import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsEconomy
import IndsatsStore

/// *Mål*: the employment plan's themes and goals, each with its baseline, target,
/// actual so far, year-end forecast and whether it is on track; as a page and as
/// CSV and xlsx. Every role reads it; leaders and the committee see values resting
/// on fewer than 5 persons hidden.
enum PlanPages {
    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        // The plan's own year (the default) and the year of the data date are prepared.
        let views: @Sendable () async throws -> [PageView] = {
            let year = String(try await cache.current().dataDate?.year ?? 2026)
            return [false, true].flatMap {
                [PageView(path: "/maal", hiding: $0), PageView(path: "/maal", parameters: ["aar": year], hiding: $0)]
            }
        }
        routes.addPage(
            RouteRule(.get, "/maal", roles: Role.allCases, purpose: "beskæftigelsesplanens mål: faktisk, prognose og status"), title: "Mål",
            cache: cache, views: views
        ) { view in
            let plans = try store.plans()
            guard !plans.isEmpty else {
                return
                    "<h1>Mål</h1><p>Der er ingen beskæftigelsesplan endnu. Indlæs en med <code>indsats plan importer</code> (docs/maal.md).</p>"
            }
            return try await page(view, plans, store, cache)
        }
        for format in ["csv", "xlsx"] {
            routes.add(RouteRule(.get, "/maal.\(format)", roles: Role.allCases, purpose: "målene som \(format)")) { request, context in
                let plans = try store.plans()
                guard !plans.isEmpty else { return WebApplication.problem(.notFound, "der er ingen beskæftigelsesplan") }
                let (_, year, table, _) = try await planTable(PageView(request, context), plans, store, cache)
                try store.appendAudit(
                    user: context.user?.name ?? "", action: .eksport, person: nil, criteria: "maal \(year) \(format)", at: Date())
                return try DataTable.download([table], name: "maal-\(year)", format: format)
            }
        }
    }

    /// The page's content for the plan and year the request asks for.
    static func page(_ view: PageView, _ plans: [EmploymentPlan], _ store: any DataStore, _ cache: RegisterCache) async throws -> HTML {
        let (plan, year, table, statuses) = try await planTable(view, plans, store, cache)
        let planIndex = plans.firstIndex { $0.name == plan.name } ?? 0
        let planChooser: HTML =
            plans.count > 1
            ? "<label>Plan <select name=\"plan\">\(HTML.options(plans.enumerated().map { ("\($0.offset)", $0.element.name) }, selected: "\(planIndex)"))</select></label> "
            : ""
        let measuredTo = statuses.compactMap(\.measuredTo).max()
        let measured =
            measuredTo.map {
                $0 < Day(year: year, month: 12, day: 31)!
                    ? ", målt til \($0.danish): året er ikke slut, og prognosen antager, at resten af året går som hidtil"
                    : ", hele året målt"
            } ?? ""
        let onTrack = statuses.count { $0.state == .onTrack }, behind = statuses.count { $0.state == .behind }
        let unmeasured = statuses.count - onTrack - behind
        var body: HTML = """
            <h1>\(plan.name)</h1>\
            \(HTML.filterForm("/maal", "\(planChooser)<label>År <input name=\"aar\" type=\"number\" min=\"1990\" max=\"2100\" value=\"\(year)\"></label>"))\
            <p class="meta">Målene vist for \(year)\(measured). \(HTML.downloads("/maal", query: "plan=\(planIndex)&aar=\(year)"))</p>\
            <p><strong>\(onTrack) på vej, \(behind) bagud</strong>\(unmeasured > 0 ? ", \(unmeasured) uden tal" : "").</p>\
            \(table.html())<h2>Målene i planens ord</h2><dl class="definitioner">
            """
        for s in statuses {
            let state = s.state == .onTrack ? "ok" : s.state == .behind ? "bagud" : "ukendt"
            let note: HTML = s.goal.note.map { "<p class=\"meta\">\($0)</p>" } ?? ""
            let explanation: HTML = s.explanation.isEmpty ? "" : "<p class=\"meta\">\(s.explanation)</p>"
            body += """
                <dt id="maal-\(s.goal.id)">\(s.goal.id) \(s.goal.title) <span class="status-\(state)">\(s.state.rawValue)</span></dt>\
                <dd><p>\(s.goal.text)</p>\(note)\(explanation)</dd>
                """
        }
        return body + "</dl>"
    }

    /// The plan (`plan`: its place, default the first) evaluated for `aar` (default its own year).
    static func planTable(
        _ view: PageView, _ plans: [EmploymentPlan], _ store: any DataStore,
        _ cache: RegisterCache
    ) async throws -> (EmploymentPlan, Int, DataTable, [EmploymentPlan.GoalStatus]) {
        let plan = Int(view["plan"]).flatMap { plans.indices.contains($0) ? plans[$0] : nil } ?? plans[0]
        let year = Int(view["aar"]).flatMap { (1990...2100).contains($0) ? $0 : nil } ?? plan.year
        let (table, statuses) = try await planTable(plan, year: year, hiding: view.hiding, store, cache)
        return (plan, year, table, statuses)
    }

    /// `plan`'s goals for `year` as a table.
    static func planTable(
        _ plan: EmploymentPlan, year: Int, hiding: Bool, _ store: any DataStore,
        _ cache: RegisterCache
    ) async throws -> (DataTable, [EmploymentPlan.GoalStatus]) {
        let register = try await cache.current()
        let dataDate = register.dataDate
        // A goal's figures are whole years (the year so far); roles that see small numbers hidden get the published year,
        // or one made of published cells, or none when the goal's filters are no published table.
        var answers: [KPIQuery: KPIResult?] = [:]
        for query in plan.queries(year: year, dataDate: dataDate) {
            var published = query
            published.periodKind = .aar
            published.window = DayRange(query.window.start, Day(year: query.window.start.year, month: 12, day: 31)!)
            answers[query] = hiding ? try await cache.onPage(published, hiding: true) : try await cache.unhidden(query)
        }
        let statuses = plan.evaluate(year: year, dataDate: dataDate, reference: register.reference) { answers[$0] ?? nil }
        var table = DataTable(
            caption: "Mål \(year)",
            columns: [
                .init("Mål"), .init("Tema"), .init("Nøgletal"), .init("Basislinje"), .init("Mål"),
                .init("Faktisk"), .init("Prognose for året"), .init("Status"),
            ])
        for s in statuses {
            let measure = Measure(rawValue: s.goal.measure)
            table.rows.append(
                [
                    .text("\(s.goal.id) \(s.goal.title)"), .text(s.theme),
                    measure.map { .link($0.title, href: "/definitioner#\($0.rawValue)") } ?? .text(s.goal.measure),
                ]
                    + [s.baseline, s.target, s.actual, s.forecast].map { cell($0, measure) } + [.text(s.state.rawValue)])
        }
        table.note =
            "Basislinjen er samme nøgletal året før fra registret, medmindre planen angiver den. Tal, der tæller (afgang, startede aktiviteter), "
            + "fremskrives med årets forløbne andel; niveauer, gennemsnit og andele står for året."
            + (hiding ? " " + SmallNumbers.publishedNote : "")
        return (table, statuses)
    }

    static func cell(_ x: Double?, _ measure: Measure?) -> DataTable.Cell {
        guard let x else { return .none }
        guard let measure else { return .number(x, decimals: 1) }
        if measure.isShare { return .percent(x) }
        return .number(x, decimals: measure.isWholeCount ? 0 : 1)
    }
}
