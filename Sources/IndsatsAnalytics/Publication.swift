import IndsatsCore

/// What roles with hidden small numbers (leaders and the committee) may ask for, and
/// the one set of tables every answer to them is cut from.
///
/// Hiding small numbers in each answer on its own cannot work while any window and any
/// filter set may be asked for: two answers that differ by one day, or by one filter
/// value, give the hidden cell as their difference. So these roles get slices of fixed,
/// published tables instead, hidden together (``LinkedCells``):
///
/// - whole months, quarters or years (`periode` `maaned`, `kvartal`, `aar`; no day
///   windows, weeks or `hele`), within the published years: the data date's year and
///   the ``yearCount`` − 1 before it;
/// - at most one breakdown: split by one of the measure's dimensions, or one filter
///   with one value (a row of that split);
/// - for a measure: its totals and its table for every dimension, in months, quarters
///   and years, hidden as one set, with the sums between them (a period's total is the
///   sum of its groups, a year of its quarters, a quarter of its months).
///
/// Every answer is then a part of the same published set, so no set of requests shows
/// more than the set does, and the set hides every small cell and what would give it away.
///
/// ```swift
/// let years = Publication.years(dataDate: register.dataDate)!
/// try Publication.check(query, years: years)          // a Danish error for a day window
/// let published = try await PublishedMeasure.make(measure: .tilgang, monthsAfter: 3, years: years) { try await cache.evaluate($0) }
/// let answer = published.answer(query)
/// ```
public enum Publication {
    /// The period kinds published.
    public static let periodKinds: [PeriodKind] = [.maaned, .kvartal, .aar]
    /// How many calendar years are published, up to the data date's.
    public static let yearCount = 10

    /// The breakdowns published for a measure: all its dimensions but the caseworker
    /// (tables of hundreds of caseworkers with a few citizens each are for the roles that
    /// see every number; leaders see their team on Ugetal).
    public static func dimensions(_ measure: Measure) -> [Dimension] {
        measure.dimensions.filter { $0 != .medarbejder }
    }

    /// The published years for the register's data date, `nil` before any data.
    public static func years(dataDate: Day?) -> ClosedRange<Int>? {
        dataDate.map { ($0.year - yearCount + 1)...$0.year }
    }

    /// The window of all published years.
    public static func window(_ years: ClosedRange<Int>) -> DayRange {
        DayRange(Day(year: years.lowerBound, month: 1, day: 1)!, Day(year: years.upperBound, month: 12, day: 31)!)
    }

    /// The dimension the query breaks down by (its split, or its filter), or a Danish
    /// error saying why the query is not a slice of a published table.
    @discardableResult
    public static func check(_ query: KPIQuery, years: ClosedRange<Int>?) throws(KPIQueryError) -> Dimension? {
        let why = "så skjulte små tal ikke kan regnes ud af forskelle mellem svar (docs/sikkerhed.md)"
        guard let years else { throw KPIQueryError("der er endnu ingen offentliggjorte tal (ingen data)") }
        guard periodKinds.contains(query.periodKind) else {
            throw KPIQueryError("--periode: din rolle får tal for hele måneder, kvartaler eller år (maaned, kvartal eller aar), \(why)")
        }
        let first = ReportingPeriod.unit(containing: query.window.start, query.periodKind)
        let startOfFirst = ReportingPeriod.split(DayRange(query.window.start.adding(months: -12), first.1), by: query.periodKind).last!.days
            .start
        guard startOfFirst == query.window.start, ReportingPeriod.unit(containing: query.window.end, query.periodKind).1 == query.window.end
        else {
            throw KPIQueryError(
                "--fra og --til: din rolle får hele perioder: --fra skal være periodens første dag og --til en periodes sidste, \(why)")
        }
        guard years.contains(query.window.start.year), years.contains(query.window.end.year) else {
            throw KPIQueryError("--fra og --til: de offentliggjorte tal dækker \(years.lowerBound)-\(years.upperBound)")
        }
        guard query.splitBy.count + query.filters.count <= 1 else {
            throw KPIQueryError("din rolle får højst én opdeling eller ét filter ad gangen, \(why)")
        }
        let dimension = query.splitBy.first ?? query.filters.keys.first
        if let dimension, !dimensions(query.measure).contains(dimension) {
            throw KPIQueryError(
                "din rolle får ikke tal opdelt på \(dimension.rawValue); mulige: \(dimensions(query.measure).map(\.rawValue).joined(separator: ", "))"
            )
        }
        if let (dimension, values) = query.filters.first, values.count != 1 {
            throw KPIQueryError("--filter: din rolle får én værdi ad gangen (\(dimension.rawValue)=…), \(why)")
        }
        return dimension
    }
}

/// A measure's published tables: its totals and its split by each dimension, in
/// months, quarters and years over the published years, with small numbers hidden
/// across all of them at once (``Publication``).
public struct PublishedMeasure: Sendable {
    public let measure: Measure
    public let monthsAfter: Int
    public let years: ClosedRange<Int>
    /// By period kind, then dimension (`nil`: the totals); hidden cells have no value.
    let tables: [PeriodKind: [Dimension?: KPIResult]]
    let dataDate: Day?

    /// Computes the tables with `evaluate` (the engine or a cache in front of it) and hides them.
    public static func make(
        measure: Measure, monthsAfter: Int, years: ClosedRange<Int>,
        threshold: Int = SmallNumbers.defaultThreshold,
        evaluate: (KPIQuery) async throws -> KPIResult
    ) async rethrows -> PublishedMeasure {
        var tables: [PeriodKind: [Dimension?: KPIResult]] = [:]
        for kind in Publication.periodKinds {
            for dimension in [nil] + Publication.dimensions(measure).map(Optional.some) {
                let query = KPIQuery(
                    measure: measure, window: Publication.window(years), periodKind: kind,
                    splitBy: dimension.map { [$0] } ?? [], monthsAfter: monthsAfter)
                tables[kind, default: [:]][dimension] = try await evaluate(query)
            }
        }
        return PublishedMeasure(
            measure: measure, monthsAfter: monthsAfter, years: years, tables: hide(tables, measure, threshold),
            dataDate: tables[.aar]?[nil]?.dataDate)
    }

    /// Every cell of every table, with the sums between them, hidden as one ``LinkedCells``.
    static func hide(_ tables: [PeriodKind: [Dimension?: KPIResult]], _ measure: Measure, _ threshold: Int) -> [PeriodKind: [Dimension?:
        KPIResult]]
    {
        // A cell: (kind, dimension, group, period); the totals' group is [].
        struct Cell: Hashable { var kind: PeriodKind; var dimension: Dimension?; var group: [String]; var period: String }
        var index: [Cell: Int] = [:], rows: [(PeriodKind, Dimension?, Int)] = []
        var bases: [Int] = [], values: [Double?] = [], cost: [Int] = []
        for (kind, byDimension) in tables {
            for (dimension, result) in byDimension {
                for (r, row) in result.rows.enumerated() {
                    index[Cell(kind: kind, dimension: dimension, group: row.dimensions, period: row.period)] = bases.count
                    rows.append((kind, dimension, r))
                    bases.append(row.base)
                    values.append(row.value)
                    // Totals, and years before quarters before months, are hidden last.
                    cost.append((dimension == nil ? 4 : 0) + (kind == .aar ? 2 : kind == .kvartal ? 1 : 0))
                }
            }
        }
        var sums: [[Int]] = []
        let months = tables[.maaned]!, quarters = tables[.kvartal]!, yearTables = tables[.aar]!
        for (dimension, result) in months {
            let groups = Set(result.rows.map(\.dimensions))
            for group in groups {
                for year in yearTables[dimension]!.periods {
                    let y = year.label
                    let quarterCells = (1...4).map { Cell(kind: .kvartal, dimension: dimension, group: group, period: "\(y)-K\($0)") }
                    if let total = index[Cell(kind: .aar, dimension: dimension, group: group, period: y)] {
                        sums.append([total] + quarterCells.compactMap { index[$0] })
                    }
                    for (q, quarter) in quarterCells.enumerated() {
                        guard let total = index[quarter] else { continue }
                        let monthCells = (1...3).map {
                            Cell(kind: .maaned, dimension: dimension, group: group, period: y + "-" + pad(q * 3 + $0))
                        }
                        sums.append([total] + monthCells.compactMap { index[$0] })
                    }
                }
            }
            // Each period's total is the sum of the dimension's groups, in every kind.
            guard let dimension else { continue }
            for (kind, byDimension) in [(PeriodKind.maaned, months), (.kvartal, quarters), (.aar, yearTables)] {
                for period in byDimension[nil]!.periods {
                    guard let total = index[Cell(kind: kind, dimension: nil, group: [], period: period.label)] else { continue }
                    let parts = byDimension[dimension]!.rows.filter { $0.period == period.label }
                        .compactMap { index[Cell(kind: kind, dimension: dimension, group: $0.dimensions, period: period.label)] }
                    sums.append([total] + parts)
                }
            }
        }
        let hidden = LinkedCells(bases: bases, values: values, sums: sums, wholeCounts: measure.valueKind == .count, cost: cost)
            .hidden(threshold: threshold)
        var out = tables
        for (cell, (kind, dimension, r)) in rows.enumerated() where hidden[cell] {
            out[kind]![dimension]!.rows[r].value = nil
            out[kind]![dimension]!.rows[r].suppressed = true
        }
        for (kind, byDimension) in out {
            for dimension in byDimension.keys {
                out[kind]![dimension]!.sourceRowCount = nil
                out[kind]![dimension]!.showsCounts = false
            }
        }
        return out
    }

    private static func pad(_ month: Int) -> String { month < 10 ? "0\(month)" : "\(month)" }

    /// The query's answer cut from the published tables; the query must pass ``Publication/check(_:years:)``.
    public func answer(_ query: KPIQuery) -> KPIResult {
        let dimension = query.splitBy.first ?? query.filters.keys.first
        let table = tables[query.periodKind]![dimension]!
        let periods = ReportingPeriod.split(query.window, by: query.periodKind)
        let labels = Set(periods.map(\.label))
        var rows = table.rows.filter { labels.contains($0.period) }
        if let (_, values) = query.filters.first, let value = values.first {
            let matching = rows.filter { $0.dimensions == [value] }
            // A value with no rows counts nothing: zero, or no value for a share or a mean.
            rows = periods.map { period in
                matching.first { $0.period == period.label }.map {
                    KPIRow(dimensions: [], period: $0.period, value: $0.value, base: $0.base, suppressed: $0.suppressed)
                }
                    ?? KPIRow(dimensions: [], period: period.label, value: measure.isWholeCount || measure.valueKind == .perDay ? 0 : nil)
            }
        } else if query.splitBy.isEmpty == false {
            // The groups seen in the window, as the engine answers.
            let seen = Set(rows.filter { $0.base > 0 || $0.suppressed }.map(\.dimensions))
            rows = rows.filter { seen.contains($0.dimensions) }
        }
        var result = KPIResult(
            query: query, periods: periods, rows: rows, sourceRowCount: 0, dataDate: dataDate, unpricedDays: table.unpricedDays)
        result.sourceRowCount = nil
        result.showsCounts = false
        return result
    }
}
