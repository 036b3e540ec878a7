import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsEconomy
import IndsatsStore

/// *Rapport*: the committee's report for a year, composed from the other pages:
/// the main figures against last year, the benefit groups, the employment plan's
/// goals and the investments' promised against realised. Small numbers are always
/// hidden (it is read outside casework), and it prints on its own.
enum ReportPages {
    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        // The report hides small numbers for everyone and says the day it was made: one view per year and day.
        let reportView = { @Sendable (parameters: [String: String]) in
            PageView(path: "/rapport", parameters: parameters.merging(["dannet": Day(Date()).iso]) { $1 }, hiding: true)
        }
        routes.prepare(
            PreparedPage(
                views: {
                    [reportView([:]), reportView(["aar": String((try await cache.current().dataDate?.year ?? 2026) - 1)])]
                }, render: { try await page($0, store, cache) }))
        routes.add(RouteRule(.get, "/rapport", roles: Role.allCases, purpose: "udvalgsrapporten for et år, klar til tryk")) {
            request, context in
            let view = reportView(PageView(request, context).parameters)
            return WebApplication.page(context, "Rapport", try await cache.page(view.key) { try await page(view, store, cache) })
        }
        routes.add(RouteRule(.get, "/rapport.xlsx", roles: Role.allCases, purpose: "udvalgsrapportens tabeller som Excel")) {
            request, context in
            let report = try await report(PageView(request, context), store, cache)
            try store.appendAudit(
                user: context.user?.name ?? "", action: .eksport, person: nil, criteria: "rapport \(report.year) xlsx", at: Date())
            return try DataTable.download(
                [report.main, report.groups] + (report.goals.map { [$0] } ?? []) + [report.followUps] + report.comparisons,
                name: "rapport-\(report.year)", format: "xlsx")
        }
    }

    /// The report's content for the year the request asks for.
    static func page(_ view: PageView, _ store: any DataStore, _ cache: RegisterCache) async throws -> HTML {
        let report = try await report(view, store, cache)
        let unfinished = report.window.end < Day(year: report.year, month: 12, day: 31)! ? " (året er ikke slut)" : ""
        let goals = report.goals?.html() ?? "<p>Der er ingen beskæftigelsesplan.</p>"
        let followUps =
            report.followUps.rows.isEmpty ? "<p>Ingen budgetforslag er knyttet til indsatser med deltagere.</p>" : report.followUps.html()
        let comparisons: HTML =
            report.comparisons.isEmpty ? "<p>Der er ingen landstal (landstal.csv).</p>" : report.comparisons.map { $0.html() }.joined()
        return """
            \(HTML.yearForm("/rapport", years: report.years, chosen: report.year))\
            <p><a href="/rapport.xlsx?aar=\(report.year)" download>Hent som Excel (xlsx)</a></p>\
            <article class="rapport"><h1>Beskæftigelsesindsatsen \(report.year): rapport til udvalget</h1>\
            <p class="meta">Periode \(report.window.start.danish) til \(report.window.end.danish)\(unfinished). \
            Dannet \(Day(Date()).danish) af Indsats fra registret med datadato \(report.dataDate.danish). \(SmallNumbers.publishedNote) \
            Hvert nøgletal er defineret på <a href="/definitioner">/definitioner</a>.</p>\
            <h2>1. Hovedtal</h2>\(report.main.html())\(report.chart?.figure() ?? "")\
            <h2>2. Målgrupper</h2>\(report.groups.html())\
            <h2>3. Beskæftigelsesplanens mål</h2>\(goals)\
            <h2>4. Investeringer: lovet mod realiseret</h2>\(followUps)\
            <h2>5. Kommunen mod landet</h2>\(comparisons)</article>
            """
    }

    struct Report {
        var year: Int
        var years: [Int]
        var window: DayRange
        var dataDate: Day
        var main: DataTable
        var chart: LineChart?
        var groups: DataTable
        var goals: DataTable?
        var followUps: DataTable
        /// The municipality against the country and its peers (landstal.csv).
        var comparisons: [DataTable]
    }

    static func report(_ view: PageView, _ store: any DataStore, _ cache: RegisterCache) async throws -> Report {
        let register = try await cache.current()
        let dataDate = WebApplication.pageDay(register)
        let years = Array((dataDate.year - 9)...dataDate.year).reversed().map { $0 }
        let year = Int(view["aar"]).flatMap { years.contains($0) ? $0 : nil } ?? dataDate.year
        let (groups, window) = try await BenefitGroupPages.benefitTable(year: year, hiding: true, cache)

        // The year's whole months against the same months last year, so an unfinished year compares like with like;
        // every figure is made of published monthly cells, as the report hides small numbers.
        let lastWhole = window.end == window.end.lastOfMonth ? window.end : window.end.firstOfMonth.advanced(by: -1)
        let monthsEnd = max(lastWhole, Day(year: year, month: 1, day: 31)!)
        let months = DayRange(window.start, monthsEnd)
        let lastYear = DayRange(Day(year: year - 1, month: 1, day: 1)!, Day(year: year - 1, month: monthsEnd.month, day: 1)!.lastOfMonth)
        func published(_ days: DayRange, _ kind: PeriodKind, _ split: [IndsatsAnalytics.Dimension]) async throws -> KPIResult? {
            try await cache.onPage(KPIQuery(measure: .fuldtidspersoner, window: days, periodKind: kind, splitBy: split), hiding: true)
        }
        // Compared across the 2025-07 merger, kontanthjælp is one series (hovedydelse).
        let grouping = BenefitGrouping.chosen(view, window: DayRange(lastYear.start, months.end))
        func byBenefit(_ days: DayRange) async throws -> [String: KPIRow] {
            Dictionary(
                (try await published(days, .hele, [grouping.dimension])?.rows ?? []).map { ($0.dimensions[0], $0) },
                uniquingKeysWith: { a, _ in a })
        }
        let now = try await byBenefit(months), before = try await byBenefit(lastYear)
        let shownNow = min(monthsEnd, dataDate)
        var main = DataTable(
            caption: "Fuldtidspersoner \(months.start.danish)-\(shownNow.danish) mod samme måneder året før",
            columns: [
                .init(grouping == .ydelse ? "Ydelse" : "Hovedydelse"), .init("\(year)", measure: .fuldtidspersoner),
                .init("\(year - 1)", measure: .fuldtidspersoner),
                .init("Ændring"),
            ])
        func change(_ a: KPIRow?, _ b: KPIRow?) -> DataTable.Cell {
            a?.suppressed == true || b?.suppressed == true ? .hidden : .number((a?.value ?? 0) - (b?.value ?? 0), decimals: 1)
        }
        let reference = register.reference
        for code in Set(now.keys).union(before.keys).sorted(by: { grouping.name($0, reference) < grouping.name($1, reference) }) {
            let a = now[code], b = before[code]
            main.rows.append([.text(grouping.name(code, reference)), .of(a, decimals: 1), .of(b, decimals: 1), change(a, b)])
        }
        let totalNow = try await published(months, .hele, [])?.rows.first,
            totalBefore = try await published(lastYear, .hele, [])?.rows.first
        main.rows.append([.text("I alt"), .of(totalNow, decimals: 1), .of(totalBefore, decimals: 1), change(totalNow, totalBefore)])
        main.note = "Hele måneder. En person på to ydelser tæller på begge (som Jobindsats)."

        let monthly = { (days: DayRange) async throws -> [Double] in
            (try await published(days, .maaned, [])?.rows ?? []).map { $0.value ?? 0 }
        }
        let thisYear = try await monthly(window),
            previous = try await monthly(DayRange(Day(year: year - 1, month: 1, day: 1)!, Day(year: year - 1, month: 12, day: 31)!))
        let monthNames = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
        let chart = LineChart(
            title: "Fuldtidspersoner pr. måned, \(year) og \(year - 1)",
            description: "Linjediagram over fuldtidspersoner i alt pr. måned. \(year): "
                + zip(monthNames, thisYear).map { "\($0) \(DanishFormat.number($1))" }.joined(separator: ", ") + ". \(year - 1): "
                + zip(monthNames, previous).map { "\($0) \(DanishFormat.number($1))" }.joined(separator: ", ") + ".",
            labels: monthNames, series: [.init(name: "\(year)", values: thisYear), .init(name: "\(year - 1)", values: previous)],
            width: 720, height: 300)

        let plans = try store.plans()
        var goals: DataTable?
        if let plan = plans.first(where: { $0.year == year }) ?? plans.first {
            goals = try await PlanPages.planTable(plan, year: year, hiding: true, store, cache).0
            goals?.caption = "\(plan.name): mål for \(year)"
        }

        var followUps = DataTable(
            caption: "Budgetforslag med indsatser", columns: [.init("Forslag"), .init("Status"), .init("Deltagere"), .init("Fund")])
        for f in try await FollowUpPages.followUps(monthsAfter: 3, store, cache)
        where !f.initiatives.isEmpty && f.participants.participants > 0 {
            let findings = f.findings(hidingSmallCounts: true)
            followUps.rows.append([
                .link("\(f.proposal.number) \(f.proposal.title)", href: "/forslag/\(PageView.segment(f.proposal.number))/opfoelgning"),
                .text(f.proposal.status.label),
                f.hiddenCounts().participants ? .hidden : .number(Double(f.participants.participants), decimals: 0),
                .text(findings.map { ($0.isShortfall ? "Mangel: " : "") + $0.text }.joined(separator: " ")),
            ])
        }
        return Report(
            year: year, years: years, window: window, dataDate: dataDate, main: main, chart: chart, groups: groups, goals: goals,
            followUps: followUps, comparisons: try await AreaComparisonTables.tables(store, cache, hiding: true))
    }
}
