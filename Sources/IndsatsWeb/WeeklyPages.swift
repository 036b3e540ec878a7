import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsEconomy
import IndsatsStore

/// *Ugetal*: Aalborg's five sharp figures for one ISO week (by default the last
/// whole week before the data date) against their targets, the eight weeks before
/// as a trend, and the figures by unit, team and caseworker; as a page, CSV and xlsx.
enum WeeklyPages {
    /// Weeks shown before the chosen one.
    static let trendWeeks = 8
    /// The most caseworkers the page lists before it asks for a team.
    static let maximumStaffShown = 200

    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        routes.addPage(
            RouteRule(.get, "/ugetal", roles: Role.allCases, purpose: "ugens skarpe nøgletal mod målene, pr. enhed, team og medarbejder"),
            title: "Ugetal", cache: cache
        ) { view in try await page(view, store, cache) }
        for format in ["csv", "xlsx"] {
            routes.add(RouteRule(.get, "/ugetal.\(format)", roles: Role.allCases, purpose: "ugetallene som \(format)")) {
                request, context in
                let report = try await weekly(PageView(request, context), store, cache)
                try store.appendAudit(
                    user: context.user?.name ?? "", action: .eksport, person: nil, criteria: "ugetal \(report.week.label) \(format)",
                    at: Date())
                return try DataTable.download(
                    [report.figures, report.units, report.teams, report.staff], name: "ugetal-\(report.week.label)", format: format)
            }
        }
    }

    /// The page's content for the week the request asks for.
    static func page(_ view: PageView, _ store: any DataStore, _ cache: RegisterCache) async throws -> HTML {
        let report = try await weekly(view, store, cache)
        let week = report.week
        let weeks = HTML.options(report.choices.map { ($0.label, "Uge \($0.week), \($0.year)") }, selected: week.label)
        let teams = HTML.options([("", "Alle teams")] + report.teamNames.map { ($0, $0) }, selected: report.team)
        var body: HTML = """
            <h1>Ugetal uge \(week.week), \(week.year)</h1>\
            \(HTML.filterForm("/ugetal", "<label>Uge <select name=\"uge\">\(weeks)</select></label> <label>Team <select name=\"team\">\(teams)</select></label>"))\
            <p class="meta">\(week.monday.danish) til \(week.monday.advanced(by: 6).danish). Datadato \(report.dataDate.danish). \
            \(HTML.downloads("/ugetal", query: "uge=\(week.label)")) · <a href="/ugetal/maal">Ugemål</a></p>\
            \(report.figures.html())
            """
        for chart in report.charts { body += chart.figure() }
        body += "<h2>Pr. enhed</h2>\(report.units.html())<h2>Pr. team og medarbejder</h2>\(report.teams.html())"
        // A large jobcentre's every caseworker is too long a page: a team at a time (the files hold them all).
        if report.team.isEmpty && report.staff.rows.count > maximumStaffShown {
            body += "<p>\(report.staff.rows.count) medarbejdere: vælg et team for at se dets medarbejdere (filerne har dem alle).</p>"
        } else {
            var shown = report.staff
            if !report.team.isEmpty { shown.rows = shown.rows.filter { $0[1] == .text(report.team) } }
            body += shown.html()
        }
        return body
    }

    struct Report {
        var week: ISOWeek
        var choices: [ISOWeek]
        var dataDate: Day
        var figures: DataTable
        var units: DataTable
        /// The team asked for (`team`), "" for all, and every team there is.
        var team: String
        var teamNames: [String]
        var teams: DataTable
        var staff: DataTable
        var charts: [LineChart]
    }

    /// The last whole ISO week on or before `day`.
    static func lastWholeWeek(_ day: Day) -> ISOWeek { day.advanced(by: 1).monday.advanced(by: -7).isoWeek }

    static func weekly(_ view: PageView, _ store: any DataStore, _ cache: RegisterCache) async throws -> Report {
        let register = try await cache.current()
        let dataDate = WebApplication.pageDay(register)
        let latest = lastWholeWeek(dataDate)
        let choices = (0..<26).map { latest.monday.advanced(by: -7 * $0).isoWeek }
        let asked = view["uge"]
        let week = choices.first { $0.label == asked } ?? latest
        // One window for every week on offer and its trend, so all 26 weeks share their answers.
        let window = DayRange(choices.last!.monday.advanced(by: -7 * trendWeeks), latest.monday.advanced(by: 6))
        let hiding = view.hiding
        let label = week.label
        /// The figure over the window; split, only the chosen week's rows (all the page shows of them). Roles that see
        /// small numbers hidden get the figure's published weeks: totals, units and caseworkers hidden as one set.
        func answer(_ figure: WeeklyFigure, _ split: [IndsatsAnalytics.Dimension] = []) async throws -> KPIResult {
            var result: KPIResult
            if hiding {
                let breakdowns = [[IndsatsAnalytics.Dimension.enhed], [.medarbejder]].filter { figure.measure.dimensions.contains($0[0]) }
                result = try await cache.publishedWeeks(figure, window: window, breakdowns: breakdowns).table(.uge, split)!
            } else {
                result = try await cache.evaluate(figure.query(window, split: split))
            }
            if !split.isEmpty { result.rows = result.rows.filter { $0.period == label } }
            return result
        }
        // A count with no row is a zero; a share of no one has no value.
        func cell(_ row: KPIRow?, _ figure: WeeklyFigure) -> DataTable.Cell {
            guard let row else { return figure.measure.isShare ? .none : .number(0, decimals: 0) }
            guard !row.suppressed, let value = row.value else { return row.suppressed ? .hidden : .none }
            return figure.measure.isShare ? .percent(value) : .number(value, decimals: 0)
        }
        let targets = try store.weeklyTargets()
        var figures = DataTable(
            caption: "Skarpe nøgletal uge \(week.week)",
            columns: [
                .init("Nøgletal"), .init("Uge \(week.week)"), .init("Mål"), .init("Status"), .init("Ugen før"),
                .init("Gns. \(trendWeeks) uger før"),
            ])
        var charts: [LineChart] = []
        let labels = (0...trendWeeks).map { week.monday.advanced(by: -7 * (trendWeeks - $0)).isoWeek }
        for figure in WeeklyFigure.all(for: register) {
            let rows = Dictionary(try await answer(figure).rows.map { ($0.period, $0) }, uniquingKeysWith: { a, _ in a })
            let current = rows[label], before = rows[labels[trendWeeks - 1].label]
            let earlier = labels.dropLast().compactMap { rows[$0.label]?.value }
            let target = targets.municipality[figure.key]
            let status: String
            if let target, let value = current?.value, current?.suppressed != true {
                status = value >= target ? "nået" : "under målet"
            } else {
                status = "–"
            }
            figures.rows.append([
                .link(figure.title, href: "/definitioner#\(figure.measure.rawValue)"), cell(current, figure),
                target.map { figure.measure.isShare ? .percent($0) : .number($0, decimals: 0) } ?? .none, .text(status),
                cell(before, figure),
                earlier.isEmpty || labels.dropLast().contains(where: { rows[$0.label]?.suppressed == true })
                    ? .none
                    : (figure.measure.isShare
                        ? .percent(earlier.reduce(0, +) / Double(earlier.count))
                        : .number(earlier.reduce(0, +) / Double(earlier.count), decimals: 1)),
            ])
            if !hiding {
                let values = labels.map { rows[$0.label]?.value ?? 0 }
                charts.append(
                    LineChart(
                        title: "\(figure.title) pr. uge",
                        description: "Linjediagram over \(figure.titleInText) i uge "
                            + "\(labels.first!.week)-\(labels.last!.week)"
                            + (target.map {
                                " med målet \(figure.measure.isShare ? DanishFormat.number($0 * 100) + " %" : DanishFormat.number($0, decimals: 0))"
                            } ?? "")
                            + ": "
                            + zip(labels, values).map {
                                "uge \($0.week) \(figure.measure.isShare ? DanishFormat.number($1 * 100) + " %" : DanishFormat.number($1, decimals: 0))"
                            }.joined(separator: ", ") + ".",
                        labels: labels.map { "u\($0.week)" },
                        series: [.init(name: figure.title, values: figure.measure.isShare ? values.map { $0 * 100 } : values)]
                            + (target.map {
                                [.init(name: "Mål", values: Array(repeating: figure.measure.isShare ? $0 * 100 : $0, count: labels.count))]
                            } ?? []),
                        width: 720, height: 260, id: "graf-\(figure.key)"))
            }
        }
        figures.note =
            "Afsluttet til job og uddannelse: forløb, der sluttede i ugen med afgang job eller uddannelse. Andel med CV: på ugens sidste dag. "
            + (register.placementCount > 0
                ? "Formidlinger: borgere placeret i jobordrer i ugen (placeringer, formidlinger.csv)."
                : "Formidlinger: besatte stillinger i jobordrer lukket i ugen.")
            + (hiding ? " " + SmallNumbers.publishedNote : "")

        // By unit: every figure. Closures and the CV share go to who had the citizen (Measure.afgang).
        let unitFigures = WeeklyFigure.all(for: register).filter { $0.measure.dimensions.contains(.enhed) }
        var byUnit: [String: [String: KPIRow]] = [:]
        for figure in unitFigures {
            for row in try await answer(figure, [.enhed]).rows { byUnit[row.dimensions[0], default: [:]][figure.key] = row }
        }
        // A target column only for the figures some unit has a target for.
        let targeted = Set(targets.units.values.flatMap(\.keys))
        var units = DataTable(
            caption: "Pr. enhed uge \(week.week)",
            columns: [.init("Enhed")]
                + unitFigures.flatMap {
                    [DataTable.Column($0.title, measure: $0.measure)]
                        + (targeted.contains($0.key) ? [DataTable.Column("Mål: \($0.titleInText)")] : [])
                })
        // A unit, caseworker or team shows when something happened to it in the week (or it has targets).
        func active(_ rows: [String: KPIRow]?) -> Bool { rows?.values.contains { $0.base > 0 || $0.suppressed } ?? false }
        for unit in Set(byUnit.keys.filter { active(byUnit[$0]) }).union(targets.units.keys).sorted() {
            units.rows.append(
                [.text(unit)]
                    + unitFigures.flatMap { figure in
                        [cell(byUnit[unit]?[figure.key], figure)]
                            + (targeted.contains(figure.key)
                                ? [
                                    targets.units[unit]?[figure.key].map {
                                        figure.measure.isShare ? .percent($0) : .number($0, decimals: 0)
                                    } ?? .none
                                ] : [])
                    })
        }

        // By team and caseworker: the figures that name a caseworker; teams from medarbejdere.csv.
        let staffFigures = WeeklyFigure.all(for: register).filter { $0.measure.dimensions.contains(.medarbejder) }
        let members = Dictionary(try store.staffMembers().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var byStaff: [String: [String: KPIRow]] = [:]
        for figure in staffFigures {
            for row in try await answer(figure, [.medarbejder]).rows { byStaff[row.dimensions[0], default: [:]][figure.key] = row }
        }
        let team = { (id: String) in members[id]?.team ?? "ukendt" }
        // By team and name (the id between namesakes), each looked up once, not at every comparison.
        let ordered = byStaff.keys.filter { active(byStaff[$0]) }.map { (id: $0, team: team($0), name: members[$0]?.name ?? $0) }
            .sorted { ($0.team, $0.name, $0.id) < ($1.team, $1.name, $1.id) }.map(\.id)
        var staff = DataTable(
            caption: "Pr. medarbejder uge \(week.week)",
            columns: [.init("Medarbejder"), .init("Team"), .init("Enhed")]
                + staffFigures.map { DataTable.Column($0.title, measure: $0.measure) })
        for id in ordered {
            let member = members[id]
            staff.rows.append(
                [.text(member?.label ?? id), .text(team(id)), .text(member?.unit ?? "ukendt")]
                    + staffFigures.map { cell(byStaff[id]?[$0.key], $0) })
        }
        staff.note =
            "Afslutninger og CV-andel går til den medarbejder, der havde borgerens seneste samtale (se definitionerne). "
            + "Teams og enheder efter medarbejdere.csv; uden medarbejder står som ukendt."
        var teams = DataTable(
            caption: "Pr. team uge \(week.week)",
            columns: [.init("Team"), .init("Medarbejdere")] + staffFigures.map { DataTable.Column($0.title, measure: $0.measure) })
        for (name, ids) in Dictionary(grouping: ordered, by: team).sorted(by: { $0.key < $1.key }) {
            teams.rows.append(
                [.text(name), .number(Double(ids.count), decimals: 0)]
                    + staffFigures.map { figure in
                        let rows = ids.compactMap { byStaff[$0]?[figure.key] }
                        let base = rows.reduce(0) { $0 + $1.base }
                        // A team is the sum of its caseworkers' published cells: hidden when one of them is; a share
                        // needs the counts behind it, which are not published, so leaders get none.
                        if hiding && rows.contains(where: \.suppressed) { return .hidden }
                        if hiding && figure.measure.isShare { return .none }
                        let total = rows.reduce(0.0) { $0 + ($1.value ?? 0) * (figure.measure.isShare ? Double($1.base) : 1) }
                        if figure.measure.isShare { return base == 0 ? .none : .percent(total / Double(base)) }
                        return .number(total, decimals: 0)
                    })
        }
        if hiding {
            teams.note =
                "Et team er summen af sine medarbejdere: skjult, når en af dem er. Andel med CV pr. team vises kun for roller, der ser alle tal."
        }
        let teamNames = Set(ordered.map(team)).sorted()
        return Report(
            week: week, choices: choices, dataDate: dataDate, figures: figures, units: units,
            team: teamNames.contains(view["team"]) ? view["team"] : "", teamNames: teamNames, teams: teams, staff: staff, charts: charts)
    }
}
