import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsStore

/// *Indsatser*: every initiative with its places against occupancy, starts and
/// effect; one initiative with occupancy month by month, its target groups and the
/// effect table laid out like Høje-Taastrup's nytteindsats table (seed 002). The
/// period is the 12 months to the data date unless `fra` and `til` say otherwise.
enum InitiativePages {
    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        routes.addPage(
            RouteRule(.get, "/indsatser", roles: Role.allCases, purpose: "alle indsatser: pladser, belægning, starter og effekt"),
            // The store is read for the initiatives alone (a write besides the register).
            title: "Indsatser", cache: cache, keptAcrossWrites: true
        ) { view in
            let (table, window) = try await listTable(view, store, cache)
            return
                "<h1>Indsatser</h1>\(HTML.periodForm("/indsatser", window))<p class=\"meta\">\(downloads("/indsatser", window))</p>\(table.html())"
        }
        for format in ["csv", "xlsx"] {
            routes.add(RouteRule(.get, "/indsatser.\(format)", roles: Role.allCases, purpose: "indsatslisten som \(format)")) {
                request, context in
                let (table, window) = try await listTable(PageView(request, context), store, cache)
                try store.appendAudit(
                    user: context.user?.name ?? "", action: .eksport, person: nil, criteria: "indsatser \(window) \(format)", at: Date())
                return try DataTable.download([table], name: "indsatser", format: format)
            }
        }
        // Every initiative's page is rendered ahead: they share their answers (split by initiative).
        let render: @Sendable (PageView) async throws -> HTML = { view in
            let id = view.subject
            guard let detail = try await detail(id, view, store, cache) else { throw NotFound() }
            let i = detail.initiative
            var body: HTML = "<p><a href=\"/indsatser\">Alle indsatser</a></p><h1>\(i.name)</h1><dl class=\"fakta\">"
            let facts = [
                ("Indsats", i.id), ("Enhed", i.unit ?? ""), ("Pladser", i.places.map(String.init) ?? ""),
                ("Periode", [i.start?.danish ?? "", i.end?.danish ?? ""].joined(separator: " – ")), ("Budgetforslag", i.proposal ?? ""),
            ]
            for (label, value) in facts where !value.isEmpty && value != " – " { body += "<dt>\(label)</dt><dd>\(value)</dd>" }
            if let proposal = i.proposal {
                body +=
                    "<dt>Opfølgning</dt><dd><a href=\"/forslag/\(PageView.segment(proposal))/opfoelgning\">Lovet mod realiseret</a></dd>"
            }
            body += """
                </dl>\(HTML.periodForm("/indsatser/\(PageView.segment(i.id))", detail.window))\
                <p class="meta">\(downloads("/indsatser/\(PageView.segment(i.id))/eksport", detail.window))</p>
                """
            if let chart = detail.chart { body += chart.figure() }
            return body + detail.groups.html() + detail.effect.html()
        }
        routes.prepare(
            PreparedPage(
                views: {
                    try store.initiativeList().flatMap { i in
                        [false, true].map { PageView(path: "/indsatser/\(PageView.segment(i.id))", hiding: $0) }
                    }
                }, keptAcrossWrites: true, render: render))
        routes.add(RouteRule(.get, "/indsatser/:id", roles: Role.allCases, purpose: "én indsats: belægning over tid, målgrupper og effekt"))
        { request, context in
            let view = PageView(request, context)
            do {
                let body = try await cache.page(view.key, keptAcrossWrites: true) { try await render(view) }
                let raw = try context.parameters.require("id")
                return WebApplication.page(
                    context, try store.initiativeList().first { $0.id == (raw.removingPercentEncoding ?? raw) }?.name ?? "Indsatser", body)
            } catch is NotFound {
                return WebApplication.page(
                    context, "Indsatser", status: .notFound, "<h1>Indsatser</h1><p class=\"fejl\">Indsatsen findes ikke.</p>")
            }
        }
        for format in ["csv", "xlsx"] {
            routes.add(
                RouteRule(.get, "/indsatser/:id/eksport.\(format)", roles: Role.allCases, purpose: "én indsats' tabeller som \(format)")
            ) { request, context in
                let raw = try context.parameters.require("id")
                guard let detail = try await detail(raw.removingPercentEncoding ?? raw, PageView(request, context), store, cache) else {
                    return WebApplication.problem(.notFound, "indsatsen findes ikke")
                }
                try store.appendAudit(
                    user: context.user?.name ?? "", action: .eksport, person: nil,
                    criteria: "indsats \(detail.initiative.id) \(detail.window) \(format)", at: Date())
                // CSV holds one table: the effect, the page's main result.
                return try DataTable.download(
                    format == "csv" ? [detail.effect] : [detail.groups, detail.effect],
                    name: "indsats-\(detail.initiative.id)", format: format)
            }
        }
    }

    /// `fra`/`til` from the query, else the 12 whole months to the data date's month.
    struct NotFound: Error {}

    static func window(_ view: PageView, _ dataDate: Day) -> DayRange {
        let end = dataDate.lastOfMonth == dataDate ? dataDate : dataDate.firstOfMonth.advanced(by: -1)
        var window = DayRange(end.firstOfMonth.adding(months: -11), end)
        if let from = Day(parsing: view["fra"]), let to = Day(parsing: view["til"]), from <= to, from.distance(to: to) <= 366 * 5 {
            window = DayRange(from, to)
        }
        guard view.hiding, let years = Publication.years(dataDate: dataDate) else { return window }
        // Roles that see small numbers hidden get whole months of the published years (their figures are made of published months).
        let start = max(window.start.firstOfMonth, Day(year: years.lowerBound, month: 1, day: 1)!)
        return DayRange(start, max(start, window.end).lastOfMonth)
    }

    /// The window in words and the table's downloads for it.
    static func downloads(_ path: String, _ window: DayRange) -> HTML {
        "\(window.start.danish) til \(window.end.danish). \(HTML.downloads(path, query: "fra=\(window.start.iso)&til=\(window.end.iso)"))"
    }

    /// The query's rows as the view may see them (``RegisterCache/onPage(_:hiding:)``); the window is whole published months for
    /// roles that see small numbers hidden, and the measures asked for combine, so there always is an answer.
    static func answer(_ query: KPIQuery, _ view: PageView, _ cache: RegisterCache) async throws -> KPIResult {
        guard let result = try await cache.onPage(query, hiding: view.hiding) else {
            throw KPIQueryError("\(query.measure.rawValue) for \(query.window) er ikke offentliggjort")
        }
        return result
    }

    /// Initiative `id`'s rows of `query` (split first by initiative) as a query filtered to it
    /// would give them, as the view may see them: the initiative left out of the dimensions.
    /// All initiatives' pages share the one answer.
    static func rows(of id: String, _ query: KPIQuery, _ view: PageView, _ cache: RegisterCache) async throws -> KPIResult {
        slice(try await answer(query, view, cache), to: id)
    }

    /// The rows of `result` whose first dimension is `id`, without that dimension.
    static func slice(_ result: KPIResult, to id: String) -> KPIResult {
        var result = result
        result.rows = result.rows.filter { $0.dimensions.first == id }.map { row in
            var row = row
            row.dimensions.removeFirst()
            return row
        }
        return result
    }

    static func listTable(_ view: PageView, _ store: any DataStore, _ cache: RegisterCache) async throws -> (DataTable, DayRange) {
        let window = window(view, WebApplication.pageDay(try await cache.dataDate()))
        func byInitiative(_ measure: Measure, _ split: [IndsatsAnalytics.Dimension] = [.indsats]) async throws -> [KPIRow] {
            try await answer(KPIQuery(measure: measure, window: window, periodKind: .hele, splitBy: split), view, cache).rows
        }
        let activated = Dictionary(
            try await byInitiative(.fuldtidsaktiverede).map { ($0.dimensions[0], $0) }, uniquingKeysWith: { a, _ in a })
        let started = Dictionary(
            try await byInitiative(.startede_aktiviteter).map { ($0.dimensions[0], $0) }, uniquingKeysWith: { a, _ in a })
        var ended: [String: [String: KPIRow]] = [:]
        for row in try await byInitiative(.effekt, [.indsats, .status]) { ended[row.dimensions[0], default: [:]][row.dimensions[1]] = row }
        var table = DataTable(
            caption: "Indsatser \(window.start.danish)-\(window.end.danish)",
            columns: [
                .init("Indsats"), .init("Enhed"), .init("Pladser"), .init("Fuldtidsaktiverede", measure: .fuldtidsaktiverede),
                .init("Belægning"), .init("Startede forløb", measure: .startede_aktiviteter), .init("Afsluttede forløb", measure: .effekt),
                .init("I job eller uddannelse efter 3 mdr.", measure: .effekt),
            ])
        for i in try store.initiativeList() {
            let a = activated[i.id], statuses = ended[i.id] ?? [:]
            let total = statuses.values.reduce(0) { $0 + ($1.value ?? 0) }, hidden = statuses.values.contains(where: \.suppressed)
            let reached = (statuses["job"]?.value ?? 0) + (statuses["uddannelse"]?.value ?? 0)
            let occupancy: DataTable.Cell =
                a?.suppressed == true
                ? .hidden
                : (i.places.map { $0 > 0 ? DataTable.Cell.percent((a?.value ?? 0) / Double($0)) : .none } ?? .none)
            table.rows.append([
                .link(i.name, href: "/indsatser/\(PageView.segment(i.id))"), .text(i.unit ?? ""),
                i.places.map { .number(Double($0), decimals: 0) } ?? .none, .of(a, decimals: 1), occupancy,
                .of(started[i.id], decimals: 0), hidden ? .hidden : .number(total, decimals: 0),
                hidden ? .hidden : (total > 0 ? .percent(reached / total) : .none),
            ])
        }
        table.note =
            "Belægning: fuldtidsaktiverede i gennemsnit pr. dag divideret med pladserne. Effekt: forløb afsluttet i perioden efter personens status 3 måneder senere."
            + (view.hiding ? " Hele måneder. " + SmallNumbers.publishedNote : "")
        return (table, window)
    }

    struct Detail {
        var initiative: Initiative
        var window: DayRange
        var chart: LineChart?
        var groups: DataTable
        var effect: DataTable
    }

    static func detail(_ id: String, _ view: PageView, _ store: any DataStore, _ cache: RegisterCache) async throws -> Detail? {
        guard let initiative = try store.initiativeList().first(where: { $0.id == id }) else { return nil }
        let dataDate = try await cache.dataDate()
        let window = window(view, WebApplication.pageDay(dataDate))
        let hiding = view.hiding

        // Occupancy month by month against the places.
        let monthly = try await rows(
            of: id, KPIQuery(measure: .fuldtidsaktiverede, window: window, periodKind: .maaned, splitBy: [.indsats]), view, cache)
        var chart: LineChart?
        if !hiding {
            let labels = monthly.periods.map(\.label)
            let byPeriod = Dictionary(monthly.rows.map { ($0.period, $0.value ?? 0) }, uniquingKeysWith: +)
            let values = labels.map { byPeriod[$0] ?? 0 }
            chart = LineChart(
                title: "Belægning pr. måned: \(initiative.name)",
                description: "Linjediagram over fuldtidsaktiverede pr. måned" + (initiative.places.map { " mod \($0) pladser" } ?? "")
                    + ": "
                    + zip(labels, values).map { "\($0) \(DanishFormat.number($1))" }.joined(separator: ", ") + ".",
                labels: labels,
                series: [.init(name: "Fuldtidsaktiverede", values: values)]
                    + (initiative.places.map { [.init(name: "Pladser", values: Array(repeating: Double($0), count: labels.count))] } ?? []),
                width: 720, height: 300)
        }

        let names = try await cache.reference()
        func groupName(_ code: String) -> String { code == "ingen_ydelse" ? "Ingen ydelse" : names.name(.ydelse, code) }
        let activated = try await rows(
            of: id, KPIQuery(measure: .fuldtidsaktiverede, window: window, periodKind: .hele, splitBy: [.indsats, .maalgruppe]), view, cache
        )
        let started = Dictionary(
            try await rows(
                of: id, KPIQuery(measure: .startede_aktiviteter, window: window, periodKind: .hele, splitBy: [.indsats, .maalgruppe]),
                view, cache
            ).rows.map { ($0.dimensions[0], $0) }, uniquingKeysWith: { a, _ in a })
        var groups = DataTable(
            caption: "Målgrupper i indsatsen",
            columns: [
                .init("Målgruppe ved start"), .init("Startede forløb", measure: .startede_aktiviteter),
                .init("Fuldtidsaktiverede (gns. pr. dag)", measure: .fuldtidsaktiverede),
            ])
        let activatedByGroup = Dictionary(activated.rows.map { ($0.dimensions[0], $0) }, uniquingKeysWith: { a, _ in a })
        for code in Set(activatedByGroup.keys).union(started.keys).sorted(by: { groupName($0) < groupName($1) }) {
            groups.rows.append([.text(groupName(code)), .of(started[code], decimals: 0), .of(activatedByGroup[code], decimals: 1)])
        }

        // The seed's effect table: rows target groups; education, work, other support, still unemployed (and the rest),
        // counting persons as the seed does (effekt_personer).
        let columns = [
            ("uddannelse", "Overgået til uddannelse"), ("job", "Overgået til arbejde"), ("anden_ydelse", "Overgået til anden forsørgelse"),
            ("samme_ydelse", "Fortsat ledig"), ("oevrig", "Øvrigt (fraflytning, pension m.m.)"),
        ]
        var effect = DataTable(
            caption: "Effekt 3 måneder efter endt forløb",
            columns: [.init("Målgruppe ved start"), .init("Personer med afsluttet forløb", measure: .effekt_personer)]
                + columns.map { .init($0.1, measure: .effekt_personer) })
        func effectRow(_ name: String, _ statuses: [String: KPIRow]) -> [DataTable.Cell] {
            let n = statuses.values.reduce(0) { $0 + ($1.value ?? 0) }
            // The row's count and shares rest on every status: one hidden status hides the row.
            if statuses.values.contains(where: \.suppressed) { return [.text(name), .hidden] + columns.map { _ in .hidden } }
            return [.text(name), .number(n, decimals: 0)] + columns.map { n > 0 ? .percent((statuses[$0.0]?.value ?? 0) / n) : .none }
        }
        // By target group only for roles that see every number: the published tables hold the initiative's statuses, not by group.
        if !hiding {
            let effectRows = try await rows(
                of: id, KPIQuery(measure: .effekt_personer, window: window, periodKind: .hele, splitBy: [.indsats, .maalgruppe, .status]),
                view,
                cache
            ).rows
            var byGroup: [String: [String: KPIRow]] = [:]
            for row in effectRows { byGroup[row.dimensions[0], default: [:]][row.dimensions[1]] = row }
            for code in byGroup.keys.sorted(by: { groupName($0) < groupName($1) }) {
                effect.rows.append(effectRow(groupName(code), byGroup[code]!))
            }
        }
        let totals = try await rows(
            of: id, KPIQuery(measure: .effekt_personer, window: window, periodKind: .hele, splitBy: [.indsats, .status]), view, cache
        ).rows
        effect.rows.append(effectRow("I alt", Dictionary(totals.map { ($0.dimensions[0], $0) }, uniquingKeysWith: { a, _ in a })))
        effect.note =
            "Personer med et forløb i indsatsen afsluttet i perioden, hver én gang ved sit seneste, efter status 3 måneder efter sidste dag "
            + "(nøgletallet effekt_personer, som seed 002's tabel tæller personer); "
            + "fortsat ledig er samme ydelse som ved start. Status måles kun, når statusdagen ligger senest \((hiding ? min(window.end, dataDate ?? window.end) : window.end).danish)."
            + (hiding ? " Pr. målgruppe vises effekten kun for roller, der ser alle tal. " + SmallNumbers.publishedNote : "")
        return Detail(initiative: initiative, window: window, chart: chart, groups: groups, effect: effect)
    }
}
