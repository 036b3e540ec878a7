import IndsatsCore

/// Answers (``KPIResult``) and published sets (``PublishedMeasure``) as columns, to keep
/// beside the database with the pages made of them: a restarted server then has them at
/// once, so a view nobody prepared (another year, a window of whole months) is a cut of a
/// kept table, and the figures it shares with the prepared pages are known, instead of a
/// wait for 10 years of measures to be computed again.
///
/// Each table's few facts (measure, period kind, split, window, notes) are one small JSON
/// value; the rows, the bulk, are columns, their labels interned. Reading checks that the
/// columns agree and every code is known: anything else reads as `nil`, never as an answer.
///
/// ```swift
/// let columns = ResultColumns(sets: ["publiceret tilgang 3 2025-03-17": published], answers: [query: result])
/// columns.kept?.sets["publiceret tilgang 3 2025-03-17"] == published   // true
/// ```
public struct ResultColumns: Snapshottable, Sendable {
    /// One set's own facts, under the key the server files it by.
    private struct SetFacts: Codable, Equatable {
        var key: String
        var measure: String
        var monthsAfter: Int
        var years: [Int]
        var end: Day
        var dataDate: Day?
    }

    /// One table's facts; its rows follow the rows of the tables before it.
    private struct TableFacts: Codable, Equatable {
        /// The set it belongs to, -1 for an answer of its own.
        var set: Int
        var measure: String
        var monthsAfter: Int
        var sourceRowCount: Int?
        var showsCounts: Bool
        var kind: String
        var breakdown: [String]
        var filters: [String: [String]]
        var window: [Day]
        var dataDate: Day?
        var unpricedDays: [String: Int]
        var unpricedSpans: [String: [[Day]]]
        var shortHistoryFrom: Day?
        var rows: Int
    }

    private var setFacts: [SetFacts] = []
    private var tables: [TableFacts] = []
    /// Every group value and period label the rows use, once.
    private var labels: [String] = []
    /// Each row's group values (as many as its table's breakdown), as places in ``labels``.
    private var rowGroups: [Int32] = []
    private var rowPeriods: [Int32] = []
    /// The value's bits, and whether it has one (a share of nothing, a hidden cell have none).
    private var rowValues: [Int] = []
    private var rowHasValue: [Bool] = []
    private var rowBases: [Int] = []
    private var rowSuppressed: [Bool] = []
    /// A published set's hidden cells' values (``PublishedMeasure``), one for each hidden row of
    /// its tables in row order, as ``rowValues`` and ``rowHasValue`` hold values.
    private var withheldValues: [Int] = []
    private var withheldHasValue: [Bool] = []

    public init() {}

    public static var snapshotKind: String { "INDSSVR2" }
    public static func emptyForSnapshot() -> ResultColumns { ResultColumns() }

    /// Published sets by the keys the server files them under, and answers of their own.
    public init(sets: [String: PublishedMeasure], answers: [KPIQuery: KPIResult] = [:]) {
        var place: [String: Int32] = [:]
        func label(_ text: String) -> Int32 {
            if let known = place[text] { return known }
            place[text] = Int32(labels.count)
            labels.append(text)
            return Int32(labels.count - 1)
        }
        func add(_ result: KPIResult, set: Int, withheld: [Int: Double] = [:]) {
            let q = result.query
            tables.append(
                TableFacts(
                    set: set, measure: q.measure.rawValue, monthsAfter: q.monthsAfter, sourceRowCount: result.sourceRowCount,
                    showsCounts: result.showsCounts, kind: q.periodKind.rawValue, breakdown: q.splitBy.map(\.rawValue),
                    filters: Dictionary(uniqueKeysWithValues: q.filters.map { ($0.key.rawValue, $0.value.sorted()) }),
                    window: [q.window.start, q.window.end], dataDate: result.dataDate, unpricedDays: result.unpricedDays,
                    unpricedSpans: result.unpricedSpans.mapValues { $0.map { [$0.start, $0.end] } },
                    shortHistoryFrom: result.shortHistoryFrom, rows: result.rows.count))
            for (r, row) in result.rows.enumerated() {
                if set >= 0 && row.suppressed {
                    withheldValues.append(Self.bits(withheld[r]))
                    withheldHasValue.append(withheld[r] != nil)
                }
                rowGroups += row.dimensions.map(label)
                rowPeriods.append(label(row.period))
                rowValues.append(Self.bits(row.value))
                rowHasValue.append(row.value != nil)
                rowBases.append(row.base)
                rowSuppressed.append(row.suppressed)
            }
        }
        for (key, set) in sets.sorted(by: { $0.key < $1.key }) {
            setFacts.append(
                SetFacts(
                    key: key, measure: set.measure.rawValue, monthsAfter: set.monthsAfter,
                    years: [set.years.lowerBound, set.years.upperBound],
                    end: set.end, dataDate: set.dataDate))
            for (kind, byBreakdown) in set.tables.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                for (breakdown, result) in byBreakdown.sorted(by: {
                    $0.key.map(\.rawValue).lexicographicallyPrecedes($1.key.map(\.rawValue))
                }) {
                    add(result, set: setFacts.count - 1, withheld: set.withheld[kind]?[breakdown] ?? [:])
                }
            }
        }
        for result in answers.values { add(result, set: -1) }
    }

    /// What was kept: the sets by key and the answers by query; `nil` when the columns do not
    /// agree or name what this build does not know.
    public var kept: (sets: [String: PublishedMeasure], answers: [KPIQuery: KPIResult])? {
        let rowCount = rowPeriods.count
        guard rowValues.count == rowCount, rowHasValue.count == rowCount, rowBases.count == rowCount,
            rowSuppressed.count == rowCount, withheldValues.count == withheldHasValue.count, tables.allSatisfy({ $0.rows >= 0 }),
            tables.reduce(0, { $0 + $1.rows }) == rowCount
        else { return nil }
        var setTables: [String: [PeriodKind: [[Dimension]: KPIResult]]] = [:]
        var setWithheld: [String: [PeriodKind: [[Dimension]: [Int: Double]]]] = [:]
        var answers: [KPIQuery: KPIResult] = [:]
        var row = 0, group = 0, hidden = 0
        for table in tables {
            guard table.set == -1 || setFacts.indices.contains(table.set), let measure = Measure(rawValue: table.measure),
                let kind = PeriodKind(rawValue: table.kind), table.window.count == 2, table.window[0] <= table.window[1]
            else { return nil }
            let split = table.breakdown.compactMap(Dimension.init(rawValue:))
            var filters: [Dimension: Set<String>] = [:]
            for (name, values) in table.filters {
                guard let dimension = Dimension(rawValue: name) else { return nil }
                filters[dimension] = Set(values)
            }
            guard split.count == table.breakdown.count, group + table.rows * split.count <= rowGroups.count,
                table.unpricedSpans.values.allSatisfy({ $0.allSatisfy { $0.count == 2 && $0[0] <= $0[1] } })
            else { return nil }
            let window = DayRange(table.window[0], table.window[1])
            var rows: [KPIRow] = []
            var withheld: [Int: Double] = [:]
            rows.reserveCapacity(table.rows)
            for r in row..<(row + table.rows) {
                if table.set >= 0 && rowSuppressed[r] {
                    guard hidden < withheldValues.count else { return nil }
                    if withheldHasValue[hidden] { withheld[r - row] = Self.value(withheldValues[hidden]) }
                    hidden += 1
                }
                let places = rowGroups[group..<(group + split.count)] + [rowPeriods[r]]
                guard places.allSatisfy({ labels.indices.contains(Int($0)) }) else { return nil }
                group += split.count
                rows.append(
                    KPIRow(
                        dimensions: places.dropLast().map { labels[Int($0)] }, period: labels[Int(rowPeriods[r])],
                        value: rowHasValue[r] ? Self.value(rowValues[r]) : nil, base: rowBases[r],
                        suppressed: rowSuppressed[r]))
            }
            row += table.rows
            let query = KPIQuery(
                measure: measure, window: window, periodKind: kind, splitBy: split, filters: filters, monthsAfter: table.monthsAfter)
            var result = KPIResult(
                query: query, periods: ReportingPeriod.split(window, by: kind), rows: rows, sourceRowCount: 0, dataDate: table.dataDate,
                unpricedDays: table.unpricedDays)
            result.sourceRowCount = table.sourceRowCount
            result.showsCounts = table.showsCounts
            result.unpricedSpans = table.unpricedSpans.mapValues { $0.map { DayRange($0[0], $0[1]) } }
            result.shortHistoryFrom = table.shortHistoryFrom
            if table.set == -1 {
                answers[query] = result
            } else {
                setTables[setFacts[table.set].key, default: [:]][kind, default: [:]][split] = result
                if !withheld.isEmpty { setWithheld[setFacts[table.set].key, default: [:]][kind, default: [:]][split] = withheld }
            }
        }
        guard group == rowGroups.count, hidden == withheldValues.count else { return nil }
        var sets: [String: PublishedMeasure] = [:]
        for facts in setFacts {
            guard let measure = Measure(rawValue: facts.measure), facts.years.count == 2, facts.years[0] <= facts.years[1] else {
                return nil
            }
            sets[facts.key] = PublishedMeasure(
                measure: measure, monthsAfter: facts.monthsAfter, years: facts.years[0]...facts.years[1], end: facts.end,
                tables: setTables[facts.key] ?? [:], dataDate: facts.dataDate, withheld: setWithheld[facts.key] ?? [:])
        }
        return (sets, answers)
    }

    /// A value's bits as stored (0 for none; a column beside says whether there is one).
    private static func bits(_ value: Double?) -> Int { Int(truncatingIfNeeded: (value ?? 0).bitPattern) }
    /// The value of stored bits.
    private static func value(_ bits: Int) -> Double { Double(bitPattern: UInt64(UInt(bitPattern: bits))) }

    /// Every stored property, in one fixed order (see ``Snapshottable``).
    public mutating func visitColumns(_ v: inout some SnapshotVisitor) throws {
        try v.value(&setFacts); try v.value(&tables); try v.column(&labels)
        try v.column(&rowGroups); try v.column(&rowPeriods); try v.column(&rowValues); try v.column(&rowHasValue)
        try v.column(&rowBases); try v.column(&rowSuppressed); try v.column(&withheldValues); try v.column(&withheldHasValue)
    }
}
