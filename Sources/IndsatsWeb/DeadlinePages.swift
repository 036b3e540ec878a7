import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsStore

/// *Samtaler og tilbud til tiden*: `samtaleopfyldelse` and `tilbudsrettidighed` for a
/// year by quarter and benefit, with the reform's 75 % line where a benefit's rule is
/// a share target, and by unit and caseworker. A leader with a unit sees that unit's
/// caseworkers. Casework figures for the caseworkers' own leaders: not hidden when small
/// (docs/noegletal.md); the committee sees them on no page of its own.
enum DeadlinePages {
    static let measures: [Measure] = [.samtaleopfyldelse, .tilbudsrettidighed]

    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        routes.add(
            RouteRule(
                .get, "/kontaktforloeb", roles: Role.caseloadReaders,
                purpose: "samtaler og første tilbud til tiden efter kontaktreglerne, pr. ydelse, enhed og medarbejder")
        ) { request, context in
            let report = try await deadlines(PageView(request, context), context, store, cache)
            var body: HTML = """
                <h1>Samtaler og tilbud til tiden \(report.year)</h1>\
                \(HTML.yearForm("/kontaktforloeb", years: report.years, chosen: report.year))\
                <p class="meta">Forløb, hvis frist efter kontaktreglen faldt i perioden (<a href="/kontaktregler">kontaktreglerne</a>). \
                Datadato \(report.dataDate.danish). \(HTML.downloads("/kontaktforloeb", query: "aar=\(report.year)"))</p>
                """
            for chart in report.charts { body += chart.figure() }
            for table in report.tables { body += table.html() }
            return WebApplication.page(context, "Samtaler og tilbud til tiden", body)
        }
        for format in ["csv", "xlsx"] {
            routes.add(
                RouteRule(.get, "/kontaktforloeb.\(format)", roles: Role.caseloadReaders, purpose: "frister til tiden som \(format)")
            ) { request, context in
                let report = try await deadlines(PageView(request, context), context, store, cache)
                try store.appendAudit(
                    user: context.user?.name ?? "", action: .eksport, person: nil, criteria: "kontaktforloeb \(report.year) \(format)",
                    at: Date())
                return try DataTable.download(report.tables, name: "kontaktforloeb-\(report.year)", format: format)
            }
        }
    }

    struct Report {
        var year: Int
        var years: [Int]
        var dataDate: Day
        var tables: [DataTable]
        var charts: [LineChart]
    }

    static func deadlines(_ view: PageView, _ context: AppContext, _ store: any DataStore, _ cache: RegisterCache) async throws -> Report {
        let register = try await cache.current()
        let dataDate = WebApplication.pageDay(register)
        let years = Array((dataDate.year - 4...dataDate.year).reversed())
        let year = Int(view["aar"]).flatMap { years.contains($0) ? $0 : nil } ?? dataDate.year
        let window = DayRange(Day(year: year, month: 1, day: 1)!, min(Day(year: year, month: 12, day: 31)!, dataDate))
        let target = ContactRule.reformTargetShare
        // The benefits whose rule is a share target some day of the year: their rows get the 75 % line.
        let targeted = Set(register.contactRules.filter { $0.isShareTarget && $0.days.overlaps(window) }.map(\.benefit))
        var tables: [DataTable] = [], charts: [LineChart] = []
        let unit = CaseloadPages.ownUnit(context)
        let members = try store.staffMembers()
        let names = Dictionary(members.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for measure in measures {
            let byBenefit = try await cache.evaluate(KPIQuery(measure: measure, window: window, periodKind: .kvartal, splitBy: [.ydelse]))
            let quarters = byBenefit.periods.map(\.label)
            var table = DataTable(
                caption: "\(measure.title) pr. kvartal \(year)",
                columns: [.init("Ydelse")] + quarters.map { DataTable.Column($0, measure: measure) } + [.init("Mål")])
            var rows: [String: [String: KPIRow]] = [:]
            for row in byBenefit.rows { rows[row.dimensions[0], default: [:]][row.period] = row }
            for (benefit, cells) in rows.sorted(by: { $0.key < $1.key }) where cells.values.contains(where: { $0.base > 0 }) {
                table.rows.append(
                    [.text(register.reference.name(.ydelse, benefit))] + quarters.map { share(cells[$0]) }
                        + [targeted.contains(benefit) ? .percent(target) : .none])
            }
            table.note = "Andel af de forfaldne forløb; tomt (–), hvor intet forløb havde frist i kvartalet. Målet gælder regler fra 2026."
            tables.append(table)

            let monthly = try await cache.evaluate(KPIQuery(measure: measure, window: window, periodKind: .maaned))
            let values = monthly.rows.map { ($0.value ?? 0) * 100 }
            charts.append(
                LineChart(
                    title: "\(measure.title) pr. måned \(year)",
                    description: "Linjediagram over \(measure.title.lowercased()) i procent pr. måned i \(year), med linjen for "
                        + "\(DanishFormat.number(target * 100, decimals: 0)) %: "
                        + zip(monthly.periods, monthly.rows).map { period, row in
                            "\(period.label) \(row.value.map { DanishFormat.number($0 * 100) + " %" } ?? "ingen")"
                        }.joined(separator: ", ") + ".",
                    labels: monthly.periods.map(\.label),
                    series: [
                        .init(name: measure.title, values: values),
                        .init(name: "Mål \(DanishFormat.number(target * 100, decimals: 0)) %", values: values.map { _ in target * 100 }),
                    ],
                    width: 720, height: 260, id: "graf-\(measure.rawValue)"))

            for (dimension, title) in [(IndsatsAnalytics.Dimension.enhed, "enhed"), (.medarbejder, "medarbejder")] {
                let split = try await cache.evaluate(KPIQuery(measure: measure, window: window, periodKind: .hele, splitBy: [dimension]))
                var byWhom = DataTable(
                    caption: "\(measure.title) pr. \(title) \(year)", columns: [.init(title.capitalized), .init("Andel", measure: measure)])
                for row in split.rows where row.base > 0 {
                    let who = row.dimensions[0]
                    if dimension == .medarbejder, let unit, names[who]?.unit != unit { continue }
                    if dimension == .enhed, let unit, who != unit { continue }
                    byWhom.rows.append([
                        .text(dimension == .medarbejder ? names[who]?.label ?? who : who), share(row),
                    ])
                }
                byWhom.note = "Enhed og medarbejder er den ansvarlige sagsbehandlers på fristens dag (tildelinger.csv)."
                tables.append(byWhom)
            }
        }
        return Report(year: year, years: years, dataDate: dataDate, tables: tables, charts: charts)
    }

    /// A share's cell: the value, or none when no spell was due.
    static func share(_ row: KPIRow?) -> DataTable.Cell {
        guard let row, let value = row.value else { return .none }
        return .percent(value)
    }
}
