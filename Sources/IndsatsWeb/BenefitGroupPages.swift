import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsExchange
import IndsatsStore

/// *Målgrupper*: for each benefit in a year, full-time persons, persons, new and
/// ended spells, duration, and status three months after a spell ended; and the
/// definitions of every measure, which every column heading links to.
enum BenefitGroupPages {
    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        // This year and last year are prepared (the committee compares the two).
        let views: @Sendable () async throws -> [PageView] = {
            let lastYear = String((try await cache.current().dataDate?.year ?? 2026) - 1)
            return [false, true].flatMap {
                [PageView(path: "/maalgrupper", hiding: $0), PageView(path: "/maalgrupper", parameters: ["aar": lastYear], hiding: $0)]
            }
        }
        routes.addPage(
            RouteRule(.get, "/maalgrupper", roles: Role.allCases, purpose: "nøgletal pr. ydelse for et år"), title: "Målgrupper",
            cache: cache,
            views: views
        ) { view in
            let (table, year, window, years, grouping) = try await benefitTable(view, cache)
            let unfinished = window.end < Day(year: year, month: 12, day: 31)! ? " (året er ikke slut: foreløbige tal til datadatoen)" : ""
            let query = "aar=\(year)&efter=\(grouping.rawValue)"
            return """
                <h1>Målgrupper \(year)</h1>\(HTML.yearForm("/maalgrupper", years: years, chosen: year))
                <p class="meta">\(window.start.danish) til \(window.end.danish)\(unfinished). \(HTML.downloads("/maalgrupper", query: query))</p>
                \(grouping.choices("/maalgrupper", keeping: ["aar": "\(year)"]))
                \(table.html())
                """
        }
        for format in ["csv", "xlsx"] {
            routes.add(RouteRule(.get, "/maalgrupper.\(format)", roles: Role.allCases, purpose: "målgruppetabellen som \(format)")) {
                request, context in
                let (table, year, _, _, _) = try await benefitTable(PageView(request, context), cache)
                try store.appendAudit(
                    user: context.user?.name ?? "", action: .eksport, person: nil, criteria: "maalgrupper \(year) \(format)", at: Date())
                return try DataTable.download([table], name: "maalgrupper-\(year)", format: format)
            }
        }
        routes.add(RouteRule(.get, "/definitioner", roles: Role.allCases, purpose: "alle nøgletals definitioner")) { _, context in
            WebApplication.page(context, "Definitioner", definitionsBody())
        }
    }

    /// The year asked for (`aar`, default the data date's), clipped to the data date, by the grouping asked for (`efter`).
    static func benefitTable(_ view: PageView, _ cache: RegisterCache) async throws -> (DataTable, Int, DayRange, [Int], BenefitGrouping) {
        let register = try await cache.current()
        let dataDate = WebApplication.pageDay(register)
        let years = Array((dataDate.year - 9)...dataDate.year).reversed().map { $0 }
        let year = Int(view["aar"]).flatMap { years.contains($0) ? $0 : nil } ?? dataDate.year
        let grouping = BenefitGrouping.chosen(view, window: yearWindow(year))
        let (table, window) = try await benefitTable(year: year, hiding: view.hiding, by: grouping, cache)
        return (table, year, window, years, grouping)
    }

    /// The calendar year `year`.
    static func yearWindow(_ year: Int) -> DayRange { DayRange(Day(year: year, month: 1, day: 1)!, Day(year: year, month: 12, day: 31)!) }

    /// The table for `year` up to the data date, by ydelse or hovedydelse (default: the one ``BenefitGrouping`` picks for the year).
    static func benefitTable(
        year: Int, hiding suppressed: Bool, by grouping: BenefitGrouping? = nil, _ cache: RegisterCache
    ) async throws -> (DataTable, DayRange) {
        let register = try await cache.current()
        let dataDate = WebApplication.pageDay(register)
        let window = DayRange(Day(year: year, month: 1, day: 1)!, min(Day(year: year, month: 12, day: 31)!, dataDate))
        let grouping = grouping ?? BenefitGrouping.chosen(PageView(path: "", hiding: suppressed), window: yearWindow(year))
        let benefit = grouping.dimension
        // Roles that see small numbers hidden get the published year (it runs to the data date, as the window does).
        func answer(_ measure: Measure, _ split: [IndsatsAnalytics.Dimension], months: Int = 3) async throws -> KPIResult {
            let query =
                suppressed
                ? KPIQuery(
                    measure: measure, window: DayRange(window.start, Day(year: year, month: 12, day: 31)!), periodKind: .aar,
                    splitBy: split, monthsAfter: months)
                : KPIQuery(measure: measure, window: window, periodKind: .hele, splitBy: split, monthsAfter: months)
            return suppressed ? try await cache.shown(query, hiding: true) : try await cache.unhidden(query)
        }
        let measures: [(Measure, String, Int)] = [
            (.fuldtidspersoner, "Fuldtidspersoner", 1), (.personer, "Personer", 0), (.tilgang, "Tilgang", 0),
            (.afgang, "Afgang", 0), (.varighed, "Varighed, gns. dage", 0), (.varighed_median, "Varighed, median dage", 0),
        ]
        var byMeasure: [[String: KPIRow]] = []
        for (measure, _, _) in measures {
            byMeasure.append(
                Dictionary(try await answer(measure, [benefit]).rows.map { ($0.dimensions[0], $0) }, uniquingKeysWith: { a, _ in a }))
        }
        let statusRows = try await answer(.selvforsoergelse, [benefit, .status]).rows
        let status = Dictionary(statusRows.map { ("\($0.dimensions[0]) \($0.dimensions[1])", $0) }, uniquingKeysWith: { a, _ in a })
        let statuses = [
            ("job", "Job"), ("uddannelse", "Uddannelse"), ("samme_ydelse", "Samme ydelse"), ("anden_ydelse", "Anden ydelse"),
            ("oevrig", "Øvrig"),
        ]
        var table = DataTable(
            caption: "Nøgletal pr. \(grouping.rawValue) \(year)",
            columns: [.init(grouping == .ydelse ? "Ydelse" : "Hovedydelse")] + measures.map { .init($0.1, measure: $0.0) }
                + statuses.map { .init("Efter 3 mdr.: \($0.1)", measure: .selvforsoergelse) })
        let reference = register.reference
        let codes = Set(byMeasure.flatMap(\.keys)).sorted { grouping.name($0, reference) < grouping.name($1, reference) }
        for code in codes {
            table.rows.append(
                [.text(grouping.name(code, reference))]
                    + measures.indices.map { DataTable.Cell.of(byMeasure[$0][code], decimals: measures[$0].2) }
                    + statuses.map { DataTable.Cell.of(status["\(code) \($0.0)"], decimals: 0) })
        }
        table.note =
            "Status 3 måneder efter tæller forløb afsluttet i året, hvis statusdag ligger senest \(window.end.danish)."
            + (suppressed ? " " + SmallNumbers.publishedNote : "")
        return (table, window)
    }

    static func definitionsBody() -> HTML {
        var out: HTML = """
            <h1>Definitioner</h1><p>Hvert nøgletal regnes præcis som beskrevet her (også i docs/noegletal.md). Et fuldtidsperson-tal er \
            summen af dage divideret med periodens dage. Tal under \(SmallNumbers.defaultThreshold) personer er skjult for ledere og udvalget.</p><dl class="definitioner">
            """
        for measure in Measure.allCases {
            out += """
                <dt id="\(measure.rawValue)">\(measure.title) <code>\(measure.rawValue)</code></dt>\
                <dd><p>\(measure.definition)</p><p class="meta">Kan opdeles på: \(measure.dimensions.map(\.rawValue).joined(separator: ", ")).</p></dd>
                """
        }
        return out + "</dl>" + responsibleBody + mainBenefitBody
    }

    /// What `hovedydelse` is and how a measure counts by it (docs/noegletal.md says the same).
    static let mainBenefitBody: HTML = """
        <h2 id="hovedydelse">Hovedydelse</h2><p>Den \(ReferenceData.mergerDay.danish) blev uddannelseshjælp og integrationsydelse lagt \
        sammen med kontanthjælp; deres koder gælder til dagen før. Hovedydelse er kontanthjælp for alle kontanthjælps-, uddannelseshjælps- og \
        integrationsydelseskoder og ellers ydelsen selv. Opdelt eller filtreret på hovedydelse regnes et nøgletal, som om hver periodes ydelse \
        først var erstattet af sin hovedydelse: dage tælles én gang, og forløb fortsætter hen over koderne, så et skift fra aktivitetsparat til \
        jobparat eller fra uddannelseshjælp til kontanthjælp ikke er en afgang. Andel med CV og andel med lønnede timer vælger stadig personer \
        efter den importerede kode, kontaktreglerne gælder efter koden, forløbet begyndte på, og nettoudgiften prissætter hver dag efter sin \
        egen kodes sats.</p>
        """

    /// How closures and the CV share are put on a unit and a caseworker.
    static let responsibleBody: HTML = """
        <h2 id="hvem-har-borgeren">Hvem har borgeren</h2><p>Afgang og andel med CV kan opdeles på enhed og medarbejder: \
        dem, der havde borgeren den dag, der måles på (forløbets sidste dag, periodens sidste dag). Enheden er enheden for borgerens seneste samtale \
        den dag eller før, der nævner en enhed, ellers for den senest startede aktivitet, der nævner en; medarbejderen er den, der holdt borgerens \
        seneste samtale med en medarbejder. Er der flere samme dag, tæller det alfabetisk sidste navn. Ingen giver ukendt. Teams følger \
        medarbejderne i medarbejdere.csv. Enhedsreglen er den samme, som giver medarbejdere adgang til borgerens forløb.</p>
        """

}
