import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsExchange
import IndsatsStore

/// `/`, *Overblik*: the key figures, then the months by benefit.
enum OverviewPages {
    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        // Key figures first, then the months by benefit; a window that does not parse is the visitor's error (400).
        let overview: @Sendable (PageView) async throws -> HTML = { view in
            let window = WebApplication.defaultWindow(try await cache.current().dataDate)
            var query = try KPIQuery.parse(
                measure: "fuldtidspersoner", from: view.parameters["fra"] ?? window.start.iso,
                to: view.parameters["til"] ?? window.end.iso, period: "maaned", splitBy: [], filters: [])
            let grouping = BenefitGrouping.chosen(view, window: query.window)
            query.splitBy = [grouping.dimension]
            // Leaders and the committee see the published tables: benefits and their totals hidden together.
            let result = view.hiding ? try await cache.shown(query, hiding: true) : try await cache.unhidden(query)
            var totalQuery = query
            totalQuery.splitBy = []
            let totals: [Double?] =
                view.hiding
                ? try await cache.shown(totalQuery, hiding: true).rows.map { $0.suppressed ? nil : $0.value }
                : result.periods.map { period in result.rows.filter { $0.period == period.label }.reduce(0) { $0 + ($1.value ?? 0) } }
            let months = OverviewPage(
                result: result, totals: totals, reference: try await cache.current().reference, grouping: grouping,
                choices: grouping.choices("/", keeping: view.parameters)
            ).body()
            let peers = AreaComparisonTables.peers(view)
            let comparisons = try await AreaComparisonTables.tables(store, cache, hiding: view.hiding, peers: peers)
            let country: HTML =
                comparisons.isEmpty
                ? ""
                : "<h2>Kommunen mod landet</h2>" + (try AreaComparisonTables.chooser(store, "/", chosen: peers))
                    + comparisons.map { $0.html() }.joined()
            return "<h1>Overblik</h1>\(try await KeyFigures.table(cache, hiding: view.hiding)?.html() ?? "")\(months)\(country)"
        }
        routes.prepare(.defaults("/", render: overview))
        routes.add(RouteRule(.get, "/", roles: Role.allCases, purpose: "overblik: fuldtidspersoner pr. ydelse")) { request, context in
            let view = PageView(request, context)
            do {
                return WebApplication.page(context, "Overblik", try await cache.page(view.key) { try await overview(view) })
            } catch let error as KPIQueryError {
                return WebApplication.page(context, "Fejl", status: .badRequest, "<h1>Forkert forespørgsel</h1><p>\(error.message)</p>")
            }
        }
    }
}

/// The first page: full-time persons per benefit group per month, as a chart
/// and a table, with the data date beside them.
struct OverviewPage {
    /// The figures as the user may see them (small numbers suppressed for some roles).
    var result: KPIResult
    /// Each period's total over all benefits; `nil` where it is hidden.
    var totals: [Double?]
    var reference: ReferenceData
    /// By ydelse or by hovedydelse, and the links choosing between them.
    var grouping: BenefitGrouping = .ydelse
    var choices: HTML = ""

    /// The page's main content; the shared frame with the user's name is added around it.
    func body() -> HTML {
        let q = result.query
        let periods = result.periods
        var byBenefit: [(code: String, values: [Double], hidden: [Bool])] = []
        for row in result.rows {
            let code = row.dimensions.first ?? ""
            if byBenefit.last?.code != code { byBenefit.append((code, [], [])) }
            byBenefit[byBenefit.count - 1].values.append(row.value ?? 0)
            byBenefit[byBenefit.count - 1].hidden.append(row.suppressed)
        }
        byBenefit.sort { $0.values.reduce(0, +) > $1.values.reduce(0, +) }
        let anyHidden = result.rows.contains { $0.suppressed }
        // A period after the data date, or one the data date cuts, is not complete yet.
        let incomplete = periods.map { period in result.dataDate.map { period.days.end > $0 } ?? false }
        let labels = periods.map { monthName($0.label) }

        let chart = LineChart(
            title: "Fuldtidspersoner pr. \(grouping.rawValue) pr. måned",
            description:
                "Linjediagram over fuldtidspersoner pr. måned fra \(q.window.start.danish) til \(q.window.end.danish) for \(byBenefit.count) ydelser. Tallene står i tabellen under diagrammet.",
            labels: periods.map { monthName($0.label, short: true) },
            series: byBenefit.map { .init(name: grouping.name($0.code, reference), values: $0.values) })

        var table: HTML =
            "<div class=\"table-wrap\"><table><caption>Fuldtidspersoner pr. \(grouping.rawValue) pr. måned</caption><thead><tr><th scope=\"col\">Måned</th>"
        for b in byBenefit { table += "<th scope=\"col\">\(grouping.name(b.code, reference))</th>" }
        table += "<th scope=\"col\">I alt</th></tr></thead><tbody>"
        for (p, label) in labels.enumerated() {
            let mark: HTML = incomplete[p] ? " <span class=\"foreloebig\">(foreløbig)</span>" : ""
            table += "<tr><th scope=\"row\">\(label)\(mark)</th>"
            for b in byBenefit { table += "<td class=\"n\">\(b.hidden[p] ? SmallNumbers.mark : DanishFormat.number(b.values[p]))</td>" }
            table += "<td class=\"n\"><strong>\(totals[p].map { DanishFormat.number($0) } ?? SmallNumbers.mark)</strong></td></tr>"
        }
        table += "</tbody></table></div>"

        let dataDate: HTML = result.dataDate.map { "Datadato: <strong>\($0.danish)</strong>" } ?? "Ingen data indlæst endnu"
        let apiLink =
            "/api/v1/kpi/fuldtidspersoner?fra=\(q.window.start.iso)&til=\(q.window.end.iso)&periode=maaned&opdel=\(grouping.rawValue)"
        let hiddenNote: HTML =
            anyHidden
            ? "<p>Tal, der bygger på under \(SmallNumbers.defaultThreshold) personer, er skjult (..), og så mange andre, at de ikke kan regnes ud af totalerne; i diagrammet tæller de som 0.</p>"
            : ""
        return """
            <h2>Fuldtidspersoner pr. \(grouping.rawValue)</h2>
            <p class="meta">\(dataDate) · Periode \(q.window.start.danish) til \(q.window.end.danish)</p>
            \(choices)
            <figure>\(chart.svg())</figure>
            \(table)
            \(hiddenNote)
            <h3>Definition</h3>
            <p>\(Measure.fuldtidspersoner.definition)</p>
            <p>Hent tallene som <a href="\(apiLink)">JSON</a> eller <a href="\(apiLink + "&format=csv")">CSV til Excel</a>.</p>
            """
    }

    /// `2024-03` → `marts 2024`, or `mar. 2024` when short.
    func monthName(_ label: String, short: Bool = false) -> String {
        let names = [
            "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december",
        ]
        let parts = label.split(separator: "-")
        guard parts.count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return label }
        let name = names[m - 1]
        return short && name.count > 4 ? "\(name.prefix(3)). \(parts[0])" : "\(name) \(parts[0])"
    }
}

/// The overview's key figures: the latest 12 whole months against the 12 before, so
/// a trend shows at a glance; the newest, incomplete month is left out of both.
enum KeyFigures {
    /// Measure, filters, how the value reads, and whether a rise is good news.
    static let figures:
        [(title: String, measure: Measure, filters: [IndsatsAnalytics.Dimension: Set<String>], decimals: Int, higherIsBetter: Bool)] = [
            (
                "Fuldtidspersoner på ydelse (gns.)", .fuldtidspersoner,
                [.ydelse: Set(ReferenceData.defaults.codes(.ydelse).map(\.code).filter { $0 != "selvforsoergende" })], 1, false
            ),
            ("Nye forløb (tilgang)", .tilgang, [:], 0, false),
            ("Afsluttet til job og uddannelse", .afgang, [.afgang: ["job", "uddannelse"]], 0, true),
            ("Gennemsnitlig varighed, dage", .varighed, [:], 0, false),
            ("Samtaler", .samtaler, [:], 0, true),
            ("Andel med CV (periodens sidste dag)", .andel_med_cv, [:], 1, true),
            ("Virksomhedsdækning (periodens sidste dag)", .virksomhedsdaekning, [:], 1, true),
            ("Skønnet kommunal nettoudgift, kr.", .nettoudgift, [:], 0, false),
        ]

    /// The 12 whole months before the data date's month (that month itself if the data date ends it), and the 12 before them.
    static func windows(_ dataDate: Day) -> (DayRange, DayRange) {
        let end = dataDate == dataDate.lastOfMonth ? dataDate : dataDate.firstOfMonth.advanced(by: -1)
        let start = end.firstOfMonth.adding(months: -11)
        return (DayRange(start, end), DayRange(start.adding(months: -12), start.advanced(by: -1)))
    }

    static func table(_ cache: RegisterCache, hiding: Bool) async throws -> DataTable? {
        let register = try await cache.current()
        guard let dataDate = register.dataDate else { return nil }
        let (now, before) = windows(dataDate)
        let reference = register.reference
        var table = DataTable(
            caption: "Nøgletal \(now.start.danish)-\(now.end.danish) mod de 12 måneder før",
            columns: [.init("Nøgletal"), .init("Seneste 12 måneder"), .init("12 måneder før"), .init("Ændring"), .init("Udvikling")])
        for figure in figures {
            // Roles that see small numbers hidden get figures made of published monthly cells.
            func value(_ window: DayRange) async throws -> KPIResult? {
                // By hovedydelse where the measure has it: spells chain across the 2025-07 merger, which is no wave of exits.
                var filters = figure.filters
                if filters[.ydelse] == nil && figure.measure.dimensions.contains(.hovedydelse) {
                    filters[.hovedydelse] = Set(reference.codes(.ydelse).map { ReferenceData.mainBenefit(of: $0.code) })
                }
                return try await cache.onPage(
                    KPIQuery(measure: figure.measure, window: window, periodKind: .hele, filters: filters), hiding: hiding)
            }
            let link = DataTable.Cell.link(figure.title, href: "/definitioner#\(figure.measure.rawValue)")
            guard let latest = try await value(now), let earlier = try await value(before) else {
                // A mean over 12 months is no published figure (its monthly means cannot be combined without their counts).
                table.rows.append([link, .link("se Målgrupper pr. år", href: "/maalgrupper"), .none, .none, .text("")])
                continue
            }
            let (a, b) = (latest.rows.first, earlier.rows.first)
            func cell(_ row: KPIRow?) -> DataTable.Cell {
                figure.measure.isShare
                    ? (row.flatMap { $0.suppressed ? nil : $0.value }.map(DataTable.Cell.percent)
                        ?? (row?.suppressed == true ? .hidden : .none))
                    : .of(row, decimals: figure.decimals)
            }
            var change: DataTable.Cell = .none, trend = ""
            if let x = a?.value, let y = b?.value, a?.suppressed != true, b?.suppressed != true {
                change =
                    figure.measure.isShare
                    ? .text(DanishFormat.number((x - y) * 100) + " pct.-point") : .number(x - y, decimals: figure.decimals)
                if x != y { trend = (x > y) == figure.higherIsBetter ? "bedre" : "dårligere" } else { trend = "uændret" }
            }
            table.rows.append([link, cell(a), cell(b), change, .text(trend)])
        }
        table.note = "Datadatoens måned er ikke med, fordi den ikke er afsluttet (som Jobindsats udelader den nyeste måned)."
        return table
    }
}
