import IndsatsAnalytics
import IndsatsCore
import IndsatsEconomy
import IndsatsStore

/// The municipality against the country and its peers (landstal.csv), as tables for Overblik and
/// the committee report: for each measure the file has (at most `limit`), its latest period.
enum AreaComparisonTables {
    /// The tables, none without figures. The own municipality is the area named by the register's
    /// main municipality code (`169` or `169 Høje-Taastrup`), else "Egen kommune"; its figures are the register's.
    /// `peers` are the other municipalities shown (all in the file when `nil`); the rank counts them all.
    static func tables(
        _ store: any DataStore, _ cache: RegisterCache, hiding: Bool, peers: Set<String>? = nil, limit: Int = 3
    ) async throws -> [DataTable] {
        let figures = try store.nationalFigures()
        guard !figures.isEmpty else { return [] }
        let register = try await cache.current()
        let code = register.mainMunicipality
        let ownName =
            code.flatMap { c in Set(figures.map(\.area)).sorted().first { $0 == c || $0.hasPrefix(c + " ") } } ?? "Egen kommune"
        var tables: [DataTable] = []
        for subject in AreaComparison.subjects(figures).prefix(limit) {
            guard let period = subject.periods.last else { continue }
            func own(_ label: String?) async throws -> Double? {
                guard let label, let p = ReportingPeriod(parsing: label), let dataDate = register.dataDate, p.days.end <= dataDate else {
                    return nil
                }
                let query = KPIQuery(
                    measure: subject.measure, window: p.days, periodKind: p.kind,
                    filters: subject.benefit.map { [.ydelse: [$0]] } ?? [:])
                guard let row = try await cache.onPage(query, hiding: hiding)?.rows.first, !row.suppressed else { return nil }
                return row.value
            }
            let previous = subject.periods.filter {
                $0 < period && ReportingPeriod(parsing: $0)?.kind == ReportingPeriod(parsing: period)?.kind
            }.last
            let comparison = AreaComparison.make(
                figures, measure: subject.measure, benefit: subject.benefit, period: period,
                own: (ownName, try await own(period), try await own(previous)), peers: peers)
            tables.append(table(comparison, register.reference))
        }
        return tables
    }

    /// A chooser of the municipalities to show beside the own one (`sammenlign`, a comma list), on `path`.
    static func chooser(_ store: any DataStore, _ path: String, chosen: Set<String>?) throws -> HTML {
        let areas = Set(try store.nationalFigures().map(\.area)).filter { !AreaComparison.isCountry($0) }.sorted()
        guard areas.count > 1 else { return "" }
        let boxes = areas.map { area -> HTML in
            "<label><input type=\"checkbox\" name=\"sammenlign\" value=\"\(area)\"\(chosen?.contains(area) ?? true ? " checked" : "")> \(area)</label>"
        }
        return HTML.filterForm(path, "<fieldset><legend>Sammenlign med</legend>\(boxes.joined(separator: " "))</fieldset>")
    }

    /// The municipalities a view asks to compare with: `sammenlign=A,B` (a form sends the name once per box), `nil` for all.
    static func peers(_ view: PageView) -> Set<String>? {
        guard let asked = view.parameters["sammenlign"] else { return nil }
        return Set(asked.split(separator: ",").map { String($0).trimmingSpaces })
    }

    static func table(_ c: AreaComparison, _ reference: ReferenceData) -> DataTable {
        let what = c.measure.title + (c.benefit.map { ", " + reference.name(.ydelse, $0) } ?? "")
        var table = DataTable(
            caption: "\(what) \(c.period): kommunen mod landet",
            columns: [
                .init("Område"), .init("Værdi", measure: c.measure), .init("Pr. 1.000 16-64-årige"), .init("Placering af \(c.ranked)"),
                .init("Placering \(c.previous ?? "før")"), .init("Ændring i placering"),
            ])
        for row in c.rows {
            let value: DataTable.Cell =
                row.value.map { c.measure.isShare ? .percent($0) : .number($0, decimals: c.measure.isWholeCount ? 0 : 1) } ?? .hidden
            let change: DataTable.Cell =
                row.rank.flatMap { now in
                    row.rankBefore.map { before in
                        .text(before == now ? "uændret" : before > now ? "\(before - now) op" : "\(now - before) ned")
                    }
                } ?? .none
            table.rows.append([
                .text(row.isOwn ? "\(row.area) (registret)" : row.area), value, row.perThousand.map { .number($0, decimals: 1) } ?? .none,
                row.rank.map { .number(Double($0), decimals: 0) } ?? .none,
                row.rankBefore.map { .number(Double($0), decimals: 0) } ?? .none,
                change,
            ])
        }
        table.note =
            "Andre områders tal fra landstal.csv (Jobindsats); kommunens egne fra registret. Placering 1 er "
            + (c.measure.isShare
                ? "den højeste andel." : "det laveste tal pr. 1.000 16-64-årige (eller det laveste tal, hvor befolkningen mangler).")
        return table
    }
}
