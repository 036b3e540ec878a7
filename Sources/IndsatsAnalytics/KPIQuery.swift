import IndsatsCore

/// A question for the engine: one measure over a window, split and filtered.
///
/// The command line and the JSON API build it from the same strings with
/// ``KPIQuery/parse(measure:from:to:period:splitBy:filters:)``, so both answer alike.
public struct KPIQuery: Sendable, Hashable {
    public var measure: Measure
    public var window: DayRange
    public var periodKind: PeriodKind
    /// The dimensions to split by, in the order the user gave.
    public var splitBy: [Dimension]
    /// Allowed values per dimension; a row must match every dimension listed.
    public var filters: [Dimension: Set<String>]
    /// N in "status N months after" (`--maaneder`) for `effekt` and `selvforsoergelse`.
    public var monthsAfter: Int

    public init(
        measure: Measure, window: DayRange, periodKind: PeriodKind = .maaned,
        splitBy: [Dimension] = [], filters: [Dimension: Set<String>] = [:], monthsAfter: Int = 3
    ) {
        self.measure = measure
        self.window = window
        self.periodKind = periodKind
        self.splitBy = splitBy
        self.filters = filters
        self.monthsAfter = monthsAfter
    }

    /// The rows the answer reads: the measure's, and the conversations and activities
    /// that tell who has a person when a benefit measure is split or filtered by unit or caseworker.
    public var registerParts: RegisterParts {
        let byWhoHas =
            [.afgang, .andel_med_cv].contains(measure)
            && (splitBy.contains(where: { $0 == .enhed || $0 == .medarbejder }) || filters[.enhed] != nil || filters[.medarbejder] != nil)
        return measure.registerParts.union(byWhoHas ? [.conversations, .activities] : [])
    }

    /// Whether the query is split or filtered by `hovedydelse`.
    public var usesMainBenefit: Bool { splitBy.contains(.hovedydelse) || filters[.hovedydelse] != nil }

    /// The same query with `hovedydelse` asked as `ydelse`: on a register whose codes are
    /// replaced by their hovedydelse (``Register/mergingMainBenefits()``) it answers the original.
    var askingMainBenefitAsBenefit: KPIQuery {
        var q = self
        q.splitBy = splitBy.map { $0 == .hovedydelse ? .ydelse : $0 }
        q.filters[.ydelse] = q.filters.removeValue(forKey: .hovedydelse)
        return q
    }

    /// The longest window a query may span.
    public static let maximumYears = 100

    /// Parses the contract's parameters. `splitBy` items may hold comma lists
    /// (`ydelse,koen`); a filter is `DIM=VALUE` or `DIM=V1,V2`; `months` is `--maaneder`.
    public static func parse(
        measure: String, from: String?, to: String?, period: String?,
        splitBy: [String], filters: [String], months: String? = nil
    ) throws(KPIQueryError) -> KPIQuery {
        guard let m = Measure(rawValue: measure) else {
            throw KPIQueryError("ukendt nøgletal '\(measure)'; kendte: \(Measure.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let from, !from.isEmpty else { throw KPIQueryError("--fra mangler (en dato som 2024-01-01)") }
        guard let to, !to.isEmpty else { throw KPIQueryError("--til mangler (en dato som 2024-12-31)") }
        guard let fra = Day(parsing: from) else { throw KPIQueryError("--fra: '\(from)' er ikke en gyldig dato (ÅÅÅÅ-MM-DD)") }
        guard let til = Day(parsing: to) else { throw KPIQueryError("--til: '\(to)' er ikke en gyldig dato (ÅÅÅÅ-MM-DD)") }
        guard fra <= til else { throw KPIQueryError("--fra \(fra.iso) ligger efter --til \(til.iso)") }
        // A bound on the answer's size: a window of centuries split in weeks is no query anyone means.
        let (a, b) = (fra.components, til.components)
        guard (b.year - a.year, b.month, b.day) < (maximumYears, a.month, a.day) else {
            throw KPIQueryError("--fra og --til må højst ligge \(maximumYears) år fra hinanden")
        }
        // An option given empty is an error, not the default: `periode=` names no period.
        // A pool's result is measured over its whole life (docs/noegletal.md): its one period is `hele`.
        var kind = m == .puljeresultat ? PeriodKind.hele : .maaned
        if let period {
            guard let k = PeriodKind(rawValue: period) else {
                throw KPIQueryError("--periode: '\(period)' er ukendt; brug uge, maaned, kvartal, aar eller hele")
            }
            guard m != .puljeresultat || k == .hele else { throw KPIQueryError("--periode: puljeresultat har kun perioden hele") }
            kind = k
        }
        func dimension(_ name: String, _ option: String) throws(KPIQueryError) -> Dimension {
            guard let d = Dimension(rawValue: name), m.dimensions.contains(d) else {
                throw KPIQueryError(
                    "\(option): \(m.rawValue) kan ikke opdeles på '\(name)'; mulige: \(m.dimensions.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return d
        }
        var split: [Dimension] = []
        for item in splitBy {
            // An empty name ("opdel=" or "ydelse,") is an error, not a split by nothing.
            for name in item.split(separator: ",", omittingEmptySubsequences: false) {
                let d = try dimension(name.trimmingSpaces, "--opdel")
                if !split.contains(d) { split.append(d) }
            }
        }
        var filterSets: [Dimension: Set<String>] = [:]
        for item in filters {
            guard let eq = item.firstIndex(of: "=") else {
                throw KPIQueryError("--filter: '\(item)' skal have formen DIMENSION=VÆRDI")
            }
            let d = try dimension(String(item[..<eq]).trimmingSpaces, "--filter")
            let values = item[item.index(after: eq)...].split(separator: ",").map { String($0).trimmingSpaces }
            guard !values.isEmpty else { throw KPIQueryError("--filter: '\(item)' mangler en værdi") }
            filterSets[d, default: []].formUnion(values)
        }
        // One replaces the other's codes (docs/noegletal.md, version 2): both at once would ask one thing twice.
        if (split.contains(.ydelse) || filterSets[.ydelse] != nil) && (split.contains(.hovedydelse) || filterSets[.hovedydelse] != nil) {
            throw KPIQueryError("brug enten ydelse eller hovedydelse, ikke begge: hovedydelse lægger ydelserne sammen")
        }
        var monthsAfter = 3
        if let months {
            guard m.takesMonths else { throw KPIQueryError("--maaneder gælder kun effekt og selvforsoergelse") }
            guard let n = Int(months), (1...120).contains(n) else {
                throw KPIQueryError("--maaneder: '\(months)' skal være et helt antal måneder fra 1 til 120")
            }
            monthsAfter = n
        }
        return KPIQuery(
            measure: m, window: DayRange(fra, til), periodKind: kind, splitBy: split, filters: filterSets,
            monthsAfter: monthsAfter)
    }
}

/// A query the engine cannot answer, with the reason in Danish.
public struct KPIQueryError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
