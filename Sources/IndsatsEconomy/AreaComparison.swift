import IndsatsAnalytics
import IndsatsCore

/// The municipality beside the country and its peers for one measure in one period, from
/// `landstal.csv` and the register: each area's figure, per 1.000 inhabitants aged 16-64 where the
/// population is given, its rank among the municipalities and the change in rank since the period
/// before (Aalborg's "nr. 73", seed 001).
///
/// Ranks count from the best: the lowest figure for counts, full-time persons and money (fewer on
/// benefit is better), the highest for shares. They rank per 1.000 when every ranked area has a
/// population, else by the figure. The country is shown, not ranked.
///
/// ```swift
/// let table = AreaComparison.make(figures, measure: .fuldtidspersoner, benefit: nil, period: "2025",
///                                 own: (name: "169 Høje-Taastrup", now: 6_704, before: 6_500))
/// table.rows.first { $0.isOwn }?.rank   // 12
/// ```
public struct AreaComparison: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var area: String
        public var isOwn: Bool
        public var isCountry: Bool
        public var value: Double?
        public var perThousand: Double?
        public var rank: Int?
        /// The rank in the period before, when both are known.
        public var rankBefore: Int?
    }

    public var measure: Measure
    public var benefit: String?
    public var period: String
    public var previous: String?
    /// The own municipality first, then the country, then the peers by rank.
    public var rows: [Row]
    /// How many municipalities are ranked.
    public var ranked: Int

    /// The area named for the whole country.
    public static func isCountry(_ area: String) -> Bool { area.lowercased() == "hele landet" }

    /// The (measure, ydelse) pairs the file has, each with its periods in order.
    public static func subjects(_ figures: [NationalFigure]) -> [(measure: Measure, benefit: String?, periods: [String])] {
        var periods: [String: Set<String>] = [:]
        for f in figures where Measure(rawValue: f.measure) != nil {
            periods[f.measure + "|" + (f.benefit ?? ""), default: []].insert(f.period)
        }
        return periods.keys.sorted().map { key in
            let parts = key.split(separator: "|", omittingEmptySubsequences: false)
            return (Measure(rawValue: String(parts[0]))!, parts[1].isEmpty ? nil : String(parts[1]), periods[key]!.sorted())
        }
    }

    /// The comparison for `period` and the period of the same kind before it in the file, with the own
    /// municipality's figures from the register (`now`, `before`) under the area named `own.name`
    /// (its population from the file, its figure from the register), and only `peers` (all when `nil`).
    public static func make(
        _ figures: [NationalFigure], measure: Measure, benefit: String?, period: String, own: (name: String, now: Double?, before: Double?),
        peers: Set<String>? = nil
    ) -> AreaComparison {
        let mine = figures.filter { $0.measure == measure.rawValue && $0.benefit == benefit }
        let kind = ReportingPeriod(parsing: period)?.kind
        let previous = Set(mine.map(\.period)).filter { $0 < period && ReportingPeriod(parsing: $0)?.kind == kind }.max()
        func rows(_ label: String, _ value: Double?) -> [Row] {
            var byArea: [String: Row] = [:]
            for f in mine where f.period == label {
                let perThousand = measure.isShare ? nil : f.population.map { f.value / Double($0) * 1_000 }
                byArea[f.area] = Row(
                    area: f.area, isOwn: f.area == own.name, isCountry: isCountry(f.area), value: f.value, perThousand: perThousand)
            }
            let population = mine.first { $0.area == own.name && $0.period == label }?.population
            byArea[own.name] = Row(
                area: own.name, isOwn: true, isCountry: false, value: value,
                perThousand: measure.isShare ? nil : population.flatMap { p in value.map { $0 / Double(p) * 1_000 } })
            var ranked = byArea.values.filter { !$0.isCountry && $0.value != nil }
            let perThousand = ranked.allSatisfy { $0.perThousand != nil }
            func key(_ r: Row) -> Double { perThousand ? r.perThousand! : r.value! }
            ranked.sort { measure.isShare ? key($0) > key($1) : key($0) < key($1) }
            for (i, r) in ranked.enumerated() { byArea[r.area]!.rank = i + 1 }
            return Array(byArea.values)
        }
        var now = rows(period, own.now)
        let before = previous.map { Dictionary(uniqueKeysWithValues: rows($0, own.before).map { ($0.area, $0.rank) }) } ?? [:]
        for i in now.indices { now[i].rankBefore = before[now[i].area] ?? nil }
        let ranked = now.count { $0.rank != nil }
        now = now.filter { $0.isOwn || $0.isCountry || peers?.contains($0.area) ?? true }
        now.sort { a, b in
            (a.isOwn ? 0 : a.isCountry ? 1 : 2, a.rank ?? .max, a.area) < (b.isOwn ? 0 : b.isCountry ? 1 : 2, b.rank ?? .max, b.area)
        }
        return AreaComparison(measure: measure, benefit: benefit, period: period, previous: previous, rows: now, ranked: ranked)
    }
}
