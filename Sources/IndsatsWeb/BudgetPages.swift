import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsEconomy
import IndsatsStore

/// *Budget*: each benefit's budget for a year against the estimated net spending so far
/// (`nettoudgift`), two forecasts for the year's end with how far each was off in the years
/// before, the expected over- or under-spend, and the benefit that drives it. Aalborg's action
/// plan (seed 001) begins with exactly this: "merforbrug ... i størrelsesordenen 47 mio. kr.".
/// Roles that see published figures get the forecasts from published monthly cells.
enum BudgetPages {
    static let roles: [Role] = [.administrator, .leder, .analytiker, .udvalg]

    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        routes.addPage(
            RouteRule(.get, "/budget", roles: roles, purpose: "budget mod skønnet forbrug med prognose pr. ydelse"), title: "Budget",
            cache: cache, views: { [false, true].map { PageView(path: "/budget", hiding: $0) } }
        ) { view in
            let report = try await budgetTable(view, cache)
            return """
                <h1>Budget \(report.year)</h1>\(HTML.yearForm("/budget", years: report.years, chosen: report.year))
                <p class="meta">Skønnet kommunal nettoudgift til forsørgelse fra 01-01-\(report.year) til \(report.cutoff.danish) mod \
                budgettet (budget.csv). \(HTML.downloads("/budget", query: "aar=\(report.year)"))</p>
                \(report.headline)
                \(report.table.html())
                <h2>Sådan er prognoserne lavet</h2><ul>\
                \(BudgetForecast.Method.allCases.map { m -> HTML in "<li><strong>\(m.title)</strong>: \(m.explanation).</li>" }.joined())</ul>\
                <p>Fejlen er, hvor meget metoden ramte ved siden af i de tre foregående år, målt på samme dag i året (gennemsnit af \
                fejlenes størrelse); registrets egen historik. Nettoudgiften er et skøn med standardsatserne og refusionstrappen \
                (<a href="/definitioner#nettoudgift">definition</a>, <a href="/satser">satser</a>).</p>
                """
        }
        routes.add(RouteRule(.get, "/api/v1/budget", roles: roles, purpose: "budget, forbrug og prognoser pr. ydelse som JSON")) {
            request, context in
            let view = PageView(request, context)
            // The page falls back to the data date's year; the API says what was wrong.
            if let asked = view.parameters["aar"], Int(asked) == nil {
                return WebApplication.problem(.badRequest, "aar: '\(asked)' er ikke et år (fx 2026)")
            }
            return WebApplication.json(json(try await budgetTable(view, cache)))
        }
        for format in ["csv", "xlsx"] {
            routes.add(RouteRule(.get, "/budget.\(format)", roles: roles, purpose: "budgettabellen som \(format)")) { request, context in
                let report = try await budgetTable(PageView(request, context), cache)
                try store.appendAudit(
                    user: context.user?.name ?? "", action: .eksport, person: nil, criteria: "budget \(report.year) \(format)", at: Date())
                return try DataTable.download([report.table], name: "budget-\(report.year)", format: format)
            }
        }
    }

    struct Report {
        var year: Int
        var years: [Int]
        var cutoff: Day
        var table: DataTable
        var headline: HTML
        var lines: [Line]
    }

    /// One benefit's figures; `nil` where unknown or hidden.
    struct Line {
        var code: String
        var budget: Double?
        var spent: Double?
        /// By ``BudgetForecast/Method/allCases``.
        var forecasts: [Double?]
        var pastErrors: [Double?]
    }

    /// The report as JSON: one object per benefit with its budget, spending, forecasts and their past error.
    static func json(_ report: Report) -> String {
        func number(_ x: Double?) -> String { x.map { "\($0)" } ?? "null" }
        let methods = BudgetForecast.Method.allCases
        let lines = report.lines.map { l in
            "{\"ydelse\":\(JSONText.string(l.code)),\"budget\":\(number(l.budget)),\"forbrugt\":\(number(l.spent)),"
                + "\"prognose\":{\(methods.indices.map { "\"\(methods[$0].rawValue)\":\(number(l.forecasts[$0]))" }.joined(separator: ","))},"
                + "\"fejl_foer\":{\(methods.indices.map { "\"\(methods[$0].rawValue)\":\(number(l.pastErrors[$0]))" }.joined(separator: ","))}}"
        }
        return "{\"aar\":\(report.year),\"til\":\"\(report.cutoff.iso)\",\"ydelser\":[\(lines.joined(separator: ","))]}"
    }

    /// The year asked for (`aar`, default the data date's), measured to the data date.
    static func budgetTable(_ view: PageView, _ cache: RegisterCache) async throws -> Report {
        let register = try await cache.current()
        let day = WebApplication.pageDay(register)
        let budgetYears = Set(register.budgets.map(\.year)).filter { $0 <= day.year }
        let years = Array(budgetYears.union([day.year])).sorted(by: >)
        let year = Int(view["aar"]).flatMap { years.contains($0) ? $0 : nil } ?? day.year
        let cutoff = min(Day(year: year, month: 12, day: 31)!, day)
        // Month by month from four years before (for the forecasts' record), published cells for roles that hide.
        let window = DayRange(Day(year: year - 4, month: 1, day: 1)!, cutoff)
        let query = KPIQuery(measure: .nettoudgift, window: window, periodKind: .maaned, splitBy: [.ydelse])
        let monthly = try await cache.onPage(query, hiding: view.hiding)
        var histories: [String: SpendingHistory] = [:]
        for row in monthly?.rows ?? [] {
            let parts = row.period.split(separator: "-")
            guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]) else { continue }
            histories[row.dimensions[0], default: SpendingHistory(through: cutoff)][y, m] = row.suppressed ? nil : (row.value ?? 0)
        }
        var budgets: [String: Double] = [:]
        for b in register.budgets where b.year == year { budgets[b.benefit, default: 0] += b.amount }

        let methods = BudgetForecast.Method.allCases
        var table = DataTable(
            caption: "Budget og prognose \(year) pr. ydelse",
            columns: [
                .init("Ydelse"), .init("Budget, kr."), .init("Forbrugt til \(cutoff.danish), kr.", measure: .nettoudgift),
                .init("Forbrug af periodens budget", measure: .budgetforbrug),
            ]
                + methods.flatMap {
                    [.init("Prognose \($0.title.lowercased()), kr."), .init("Mer-/mindreforbrug \($0.title.lowercased()), kr.")]
                }
                + methods.map { .init("Fejl før, \($0.title.lowercased())") })
        let elapsed = Double(Day(year: year, month: 1, day: 1)!.distance(to: cutoff) + 1)
        let yearDays = Double(Day.isLeap(year) ? 366 : 365)
        var overspend: [(name: String, amount: Double)] = [], lines: [Line] = []
        var totals = (budget: 0.0, spent: 0.0, forecasts: [Double](repeating: 0, count: methods.count)), complete = true
        let codes = Set(budgets.keys).union(histories.keys.filter { histories[$0]?.spent(through: cutoff) ?? 0 != 0 })
        for code in codes.sorted(by: { register.reference.name(.ydelse, $0) < register.reference.name(.ydelse, $1) }) {
            let history = histories[code] ?? SpendingHistory(through: cutoff)
            let budget = budgets[code]
            let spent = history.spent(through: cutoff) ?? (histories[code] == nil ? 0 : nil)
            let forecasts = methods.map { year < day.year ? history.total(year) : BudgetForecast.forecast(history, on: cutoff, by: $0) }
            let errors = methods.map { m -> Double? in
                let e = BudgetForecast.pastErrors(history, on: cutoff, by: m).values
                return e.isEmpty ? nil : e.reduce(0) { $0 + abs($1) } / Double(e.count)
            }
            func money(_ x: Double?) -> DataTable.Cell { x.map { .number($0, decimals: 0) } ?? .hidden }
            var row: [DataTable.Cell] = [
                .text(register.reference.name(.ydelse, code)), budget.map { .number($0, decimals: 0) } ?? .none, money(spent),
            ]
            row.append(budget.flatMap { b in spent.map { DataTable.Cell.percent($0 / (b * elapsed / yearDays)) } } ?? .none)
            for f in forecasts {
                row += [money(f), budget.flatMap { b in f.map { .number($0 - b, decimals: 0) } } ?? (f == nil ? .hidden : .none)]
            }
            row += errors.map { $0.map(DataTable.Cell.percent) ?? .none }
            table.rows.append(row)
            lines.append(Line(code: code, budget: budget, spent: spent, forecasts: forecasts, pastErrors: errors))
            if let b = budget, let f = forecasts[0] { overspend.append((register.reference.name(.ydelse, code), f - b)) }
            if let s = spent, forecasts.allSatisfy({ $0 != nil }) {
                totals.budget += budget ?? 0
                totals.spent += s
                for i in methods.indices { totals.forecasts[i] += forecasts[i]! }
            } else {
                complete = false
            }
        }
        if complete && !table.rows.isEmpty {
            table.rows.append(
                [
                    .text("I alt"), .number(totals.budget, decimals: 0), .number(totals.spent, decimals: 0),
                    totals.budget > 0 ? .percent(totals.spent / (totals.budget * elapsed / yearDays)) : .none,
                ]
                    + totals.forecasts.flatMap { [.number($0, decimals: 0), .number($0 - totals.budget, decimals: 0)] }
                    + methods.map { _ in .none })
        }
        table.note =
            "Budgettet for de første \(Int(elapsed)) dage er årets budget × \(Int(elapsed)) / \(Int(yearDays)). "
            + (view.hiding ? SmallNumbers.publishedNote : "")
        let driver = overspend.max { $0.amount < $1.amount }
        let headline: HTML =
            driver.map { d in
                d.amount > 0
                    ? "<p><strong>Størst forventet merforbrug: \(d.name), \(DanishFormat.number(d.amount, decimals: 0)) kr.</strong> (prognose efter tempo)</p>"
                    : "<p>Ingen ydelse ventes over budgettet (prognose efter tempo).</p>"
            } ?? "<p>Intet budget for \(year) er indlæst (budget.csv).</p>"
        return Report(year: year, years: years, cutoff: cutoff, table: table, headline: headline, lines: lines)
    }
}
