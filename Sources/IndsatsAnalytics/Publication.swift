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

    /// Tables of two breakdowns at once that are published too, for the pages that show
    /// them: status after the spell by benefit (Målgrupper), an initiative's effect by
    /// status and its target groups (Indsatser).
    public static func crossings(_ measure: Measure) -> [[Dimension]] {
        switch measure {
        case .selvforsoergelse: [[.ydelse, .status], [.hovedydelse, .status]]
        case .effekt, .effekt_personer: [[.indsats, .status]]
        case .fuldtidsaktiverede, .startede_aktiviteter: [[.indsats, .maalgruppe]]
        default: []
        }
    }

    /// Every published table of a measure, by its breakdown: none (the totals), each
    /// dimension alone, and the crossings.
    public static func breakdowns(_ measure: Measure) -> [[Dimension]] {
        [[]] + dimensions(measure).map { [$0] } + crossings(measure)
    }

    /// The published years for the register's data date, `nil` before any data.
    public static func years(dataDate: Day?) -> ClosedRange<Int>? {
        dataDate.map { ($0.year - yearCount + 1)...$0.year }
    }

    /// The published window: the published years, up to `end` when given (the data
    /// date: nothing after it is published, so the data date's year, quarter and month
    /// run to it, as the pages' figures "so far" do).
    public static func window(_ years: ClosedRange<Int>, through end: Day? = nil) -> DayRange {
        let last = Day(year: years.upperBound, month: 12, day: 31)!
        return DayRange(Day(year: years.lowerBound, month: 1, day: 1)!, end.map { min($0, last) } ?? last)
    }

    /// The published breakdown the query is a slice of (its split, and its filters, each
    /// with one value), or a Danish error saying why the query is no slice of a published table.
    @discardableResult
    public static func check(_ query: KPIQuery, years: ClosedRange<Int>?) throws(KPIQueryError) -> [Dimension] {
        let why = "så skjulte små tal ikke kan regnes ud af forskelle mellem svar (docs/sikkerhed.md)"
        guard let years else { throw KPIQueryError("der er endnu ingen offentliggjorte tal (ingen data)") }
        guard periodKinds.contains(query.periodKind) else {
            throw KPIQueryError("--periode: din rolle får tal for hele måneder, kvartaler eller år (maaned, kvartal eller aar), \(why)")
        }
        guard wholePeriods(query.window, query.periodKind) else {
            throw KPIQueryError(
                "--fra og --til: din rolle får hele perioder: --fra skal være periodens første dag og --til en periodes sidste, \(why)")
        }
        guard years.contains(query.window.start.year), years.contains(query.window.end.year) else {
            throw KPIQueryError("--fra og --til: de offentliggjorte tal dækker \(years.lowerBound)-\(years.upperBound)")
        }
        for dimension in query.splitBy + query.filters.keys where !dimensions(query.measure).contains(dimension) {
            throw KPIQueryError(
                "din rolle får ikke tal opdelt på \(dimension.rawValue); mulige: \(dimensions(query.measure).map(\.rawValue).joined(separator: ", "))"
            )
        }
        guard let breakdown = breakdown(query) else {
            let crossed = crossings(query.measure).map { $0.map(\.rawValue).joined(separator: " og ") }
            throw KPIQueryError(
                "din rolle får højst én opdeling eller ét filter ad gangen"
                    + (crossed.isEmpty ? "" : " (eller \(crossed.joined(separator: ", ")) sammen)") + ", \(why)")
        }
        if let (dimension, _) = query.filters.first(where: { $0.value.count != 1 }) {
            throw KPIQueryError("--filter: din rolle får én værdi ad gangen (\(dimension.rawValue)=…), \(why)")
        }
        return breakdown
    }

    /// The published breakdown holding the query's split and filter dimensions, if any does.
    static func breakdown(_ query: KPIQuery) -> [Dimension]? {
        let asked = query.splitBy + query.filters.keys
        guard Set(asked).count == asked.count else { return nil }
        return breakdowns(query.measure).first { Set($0) == Set(asked) }
    }

    /// Whether `window` starts on the first day of a period of `kind` and ends on the last day of one.
    static func wholePeriods(_ window: DayRange, _ kind: PeriodKind) -> Bool {
        let first = ReportingPeriod.unit(containing: window.start, kind)
        let startOfFirst = ReportingPeriod.split(DayRange(window.start.adding(months: -12), first.1), by: kind).last!.days.start
        return startOfFirst == window.start && ReportingPeriod.unit(containing: window.end, kind).1 == window.end
    }

    /// How a measure's published cells combine into a longer window or into several groups,
    /// using nothing but the cells and the periods' lengths, never the counts behind a mean
    /// or a share (those could be differenced). `nil`: only the published cells themselves.
    enum Combination {
        /// Counts and amounts in a period: they add over months and over groups.
        case sum
        /// Full-time figures: days over the period's days; weighted by days, they add over groups.
        case dayWeighted
        /// Measured on the period's last day: the last month's cell; counts add over groups.
        case lastDay
    }

    static func combination(_ measure: Measure) -> Combination? {
        switch measure {
        case .gengangere, .andel_med_cv, .virksomhedsdaekning: .lastDay
        case _ where measure.valueKind == .perDay: .dayWeighted
        case _ where measure.valueKind == .count || measure.valueKind == .amount: .sum
        default: nil
        }
    }
}

/// A measure's published tables: its totals, its split by each dimension and its
/// crossings (``Publication/breakdowns(_:)``), in months, quarters and years over the
/// published years, with small numbers hidden across all of them at once (``Publication``).
public struct PublishedMeasure: Sendable, Equatable {
    public let measure: Measure
    public let monthsAfter: Int
    public let years: ClosedRange<Int>
    /// The last day published (the data date, or the last published year's end).
    public let end: Day
    /// By period kind, then breakdown (`[]`: the totals); hidden cells have no value.
    let tables: [PeriodKind: [[Dimension]: KPIResult]]
    let dataDate: Day?
    /// The values of the hidden cells, by period kind, breakdown and row (none: no value),
    /// kept to correct the set after an import (``corrected(after:replacing:evaluate:)``), as hiding
    /// must be done again over all cells, and for the roles that see every number (``unhidden(_:)``);
    /// never in an answer to a role with hidden small numbers.
    let withheld: [PeriodKind: [[Dimension]: [Int: Double]]]
    /// Cells resting on fewer units than this are hidden (a kept set is the server's: ``SmallNumbers/defaultThreshold``).
    let threshold: Int

    /// The set of `raw` tables, the engine's whole answers, hidden as one. `previous`, a set of the
    /// same tables before a correction, lends its hiding to each group of linked cells it had alike.
    init(
        measure: Measure, monthsAfter: Int, years: ClosedRange<Int>, end: Day, raw: [PeriodKind: [[Dimension]: KPIResult]],
        dataDate: Day?, threshold: Int, previous: PublishedMeasure? = nil
    ) {
        (self.measure, self.monthsAfter, self.years, self.end, self.dataDate) = (measure, monthsAfter, years, end, dataDate)
        self.threshold = threshold
        (tables, withheld) = Self.hide(raw, measure, threshold, previous: previous?.threshold == threshold ? previous : nil)
    }

    /// A set as kept (``ResultColumns``): its hidden tables and the hidden cells' values.
    init(
        measure: Measure, monthsAfter: Int, years: ClosedRange<Int>, end: Day, tables: [PeriodKind: [[Dimension]: KPIResult]],
        dataDate: Day?, withheld: [PeriodKind: [[Dimension]: [Int: Double]]]
    ) {
        (self.measure, self.monthsAfter, self.years, self.end, self.dataDate) = (measure, monthsAfter, years, end, dataDate)
        (self.tables, self.withheld, self.threshold) = (tables, withheld, SmallNumbers.defaultThreshold)
    }

    /// Computes the tables with `evaluate` (the engine or a cache in front of it, asked for all
    /// tables at once) and hides them; nothing after `end` (the data date) is published.
    public static func make(
        measure: Measure, monthsAfter: Int, years: ClosedRange<Int>, through end: Day? = nil,
        threshold: Int = SmallNumbers.defaultThreshold,
        evaluate: ([KPIQuery]) async throws -> [KPIResult]
    ) async rethrows -> PublishedMeasure {
        try await make(
            measure: measure, filters: [:], monthsAfter: monthsAfter, window: Publication.window(years, through: end),
            kinds: Publication.periodKinds,
            breakdowns: Publication.breakdowns(measure), threshold: threshold, evaluate: evaluate)
    }

    /// A week-by-week set for Ugetal: one figure (a measure with fixed filters, such as closures to
    /// job or education) in the ISO weeks of `window`, as totals and by each of `breakdowns`, hidden
    /// as one set; ``table(_:)`` gives its tables.
    public static func weeks(
        measure: Measure, filters: [Dimension: Set<String>], window: DayRange, breakdowns: [[Dimension]],
        threshold: Int = SmallNumbers.defaultThreshold,
        evaluate: ([KPIQuery]) async throws -> [KPIResult]
    ) async rethrows -> PublishedMeasure {
        try await make(
            measure: measure, filters: filters, monthsAfter: 3, window: window, kinds: [.uge], breakdowns: [[]] + breakdowns,
            threshold: threshold,
            evaluate: evaluate)
    }

    static func make(
        measure: Measure, filters: [Dimension: Set<String>], monthsAfter: Int, window: DayRange, kinds: [PeriodKind],
        breakdowns: [[Dimension]],
        threshold: Int, evaluate: ([KPIQuery]) async throws -> [KPIResult]
    ) async rethrows -> PublishedMeasure {
        var tables: [PeriodKind: [[Dimension]: KPIResult]] = [:]
        // All tables at once: the engine sweeps once per period kind for the breakdowns that can share a sweep.
        let queries = kinds.flatMap { kind in
            breakdowns.map {
                KPIQuery(measure: measure, window: window, periodKind: kind, splitBy: $0, filters: filters, monthsAfter: monthsAfter)
            }
        }
        for (query, result) in zip(queries, try await evaluate(queries)) { tables[query.periodKind, default: [:]][query.splitBy] = result }
        return PublishedMeasure(
            measure: measure, monthsAfter: monthsAfter, years: window.start.year...window.end.year, end: window.end,
            raw: tables, dataDate: tables[kinds[0]]?[[]]?.dataDate, threshold: threshold)
    }

    /// The engine's queries the tables were made from.
    public var queries: [KPIQuery] { tables.values.flatMap { $0.values.map(\.query) } }

    /// A whole published table of `kind` by `breakdown` (`[]`: the totals), if the set has it.
    public func table(_ kind: PeriodKind, _ breakdown: [Dimension]) -> KPIResult? { tables[kind]?[breakdown] }

    /// Every cell of every table, with the sums between them, hidden as one ``LinkedCells``:
    /// a year is the sum of its quarters and a quarter of its months, in every table and
    /// group; and each cell of a table is the sum of the cells of the table with one more
    /// breakdown that agree with it (a period's total is the sum of its groups, a benefit's
    /// row the sum of its statuses). Answers the hidden tables and the hidden cells' values.
    ///
    /// The cells are numbered, and the sums listed, in one fixed order, not the tables'
    /// dictionary order: which cells are hidden besides the small ones depends on that order,
    /// and the same tables must always be hidden alike (a set made again, or corrected after
    /// an import, is then the set made once on the same data).
    static func hide(
        _ tables: [PeriodKind: [[Dimension]: KPIResult]], _ measure: Measure, _ threshold: Int, previous: PublishedMeasure? = nil
    ) -> (
        [PeriodKind: [[Dimension]: KPIResult]], withheld: [PeriodKind: [[Dimension]: [Int: Double]]]
    ) {
        // Cells are numbered table after table, row after row; a table finds its cells by group and period
        // place (groups looked up once each, not once a cell: hashing every cell's labels was most of the time).
        struct Numbered {
            var kind: PeriodKind
            var breakdown: [Dimension]
            /// Each group's cells by period place (-1: no row).
            var cells: [[String]: [Int]] = [:]
        }
        var numbered: [PeriodKind: [[Dimension]: Numbered]] = [:]
        var rows: [(PeriodKind, [Dimension], Int)] = []
        var bases: [Int] = [], values: [Double?] = [], cost: [Int] = []
        for kind in PeriodKind.allCases where tables[kind] != nil {
            for (breakdown, result) in tables[kind]!.sorted(by: {
                $0.key.lexicographicallyPrecedes($1.key, by: { $0.rawValue < $1.rawValue })
            }) {
                let periods = result.periods.map(\.label), count = max(result.periods.count, 1)
                let place = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1, $0) })
                var table = Numbered(kind: kind, breakdown: breakdown)
                // Totals, then single breakdowns, are hidden last; years after quarters after months.
                let rowCost = (2 - breakdown.count) * 4 + (kind == .aar ? 2 : kind == .kvartal ? 1 : 0)
                var group: [String]? = nil, groupCells: [Int] = []
                for (r, row) in result.rows.enumerated() {
                    if row.dimensions != group {
                        if let group { table.cells[group] = groupCells }
                        group = row.dimensions
                        groupCells = table.cells[row.dimensions] ?? Array(repeating: -1, count: place.count)
                    }
                    // Rows one for each period (as the engine lays them out) are at their period's place; else looked up.
                    let p = r % count < periods.count && periods[r % count] == row.period ? r % count : place[row.period]
                    if let p { groupCells[p] = bases.count }
                    rows.append((kind, breakdown, r))
                    bases.append(row.base)
                    values.append(row.value)
                    cost.append(rowCost)
                }
                if let group { table.cells[group] = groupCells }
                numbered[kind, default: [:]][breakdown] = table
            }
        }
        var sums: [[Int]] = []
        /// Adds a sum of `total` and `parts` (cells, -1 for none), when it has its total.
        func addSum(_ total: Int, _ parts: [Int]) {
            if total >= 0 { sums.append([total] + parts.filter { $0 >= 0 }.sorted()) }
        }
        // A year is the sum of its quarters and a quarter of its months, in every table and group.
        // Weeks do not nest in months: a week-by-week set has no sums in time.
        if let months = numbered[.maaned], let quarters = numbered[.kvartal], let years = numbered[.aar] {
            for (breakdown, monthTable) in months {
                guard let quarterTable = quarters[breakdown], let yearTable = years[breakdown] else { continue }
                let monthPlace = Dictionary(uniqueKeysWithValues: tables[.maaned]![breakdown]!.periods.enumerated().map { ($1.label, $0) })
                let quarterPlace = Dictionary(
                    uniqueKeysWithValues: tables[.kvartal]![breakdown]!.periods.enumerated().map { ($1.label, $0) })
                // Each year's place, its quarters' and their months' (nil: not in the window).
                let layout = tables[.aar]![breakdown]!.periods.enumerated().map { y, year in
                    (
                        y,
                        (1...4).map { q in
                            (quarterPlace["\(year.label)-K\(q)"], (1...3).map { monthPlace[year.label + "-" + pad((q - 1) * 3 + $0)] })
                        }
                    )
                }
                for (group, monthCells) in monthTable.cells {
                    let quarterCells = quarterTable.cells[group], yearCells = yearTable.cells[group]
                    for (y, quartersOfYear) in layout {
                        if let yearCells {
                            addSum(yearCells[y], quartersOfYear.map { q in q.0.flatMap { quarterCells?[$0] } ?? -1 })
                        }
                        for (q, monthsOfQuarter) in quartersOfYear {
                            guard let q, let quarterCells else { continue }
                            addSum(quarterCells[q], monthsOfQuarter.map { m in m.map { monthCells[$0] } ?? -1 })
                        }
                    }
                }
            }
        }
        /// For each group of `parts` with `parentGroup` of a group in `totals`: each period's cell of
        /// the parent group is the sum of the agreeing cells.
        func addSums(_ parts: Numbered, _ totals: Numbered, parentGroup: ([String]) -> [String]) {
            var partsOf: [[String]: [[Int]]] = [:]
            for (group, cells) in parts.cells { partsOf[parentGroup(group), default: []].append(cells) }
            for (parent, groups) in partsOf {
                guard let totalCells = totals.cells[parent] else { continue }
                for (p, total) in totalCells.enumerated() where groups.contains(where: { $0[p] >= 0 }) {
                    addSum(total, groups.map { $0[p] })
                }
            }
        }
        for (_, byBreakdown) in numbered {
            for (breakdown, table) in byBreakdown where !breakdown.isEmpty {
                // Each cell of a breakdown less one dimension is the sum of the agreeing cells, in every kind.
                for left in breakdown.indices {
                    var parent = breakdown
                    parent.remove(at: left)
                    guard let totals = byBreakdown[parent] else { continue }
                    addSums(table, totals) { group in
                        var group = group
                        group.remove(at: left)
                        return group
                    }
                }
                // A cell by hovedydelse is (about) the sum of its codes' cells in the same table by ydelse, and equal to the
                // one code's cell where nothing merged: linked, so neither table gives a hidden cell of the other away.
                if let at = breakdown.firstIndex(of: .hovedydelse) {
                    var byCode = breakdown
                    byCode[at] = .ydelse
                    guard let codes = byBreakdown[byCode] else { continue }
                    addSums(codes, table) { group in
                        var group = group
                        group[at] = ReferenceData.mainBenefit(of: group[at])
                        return group
                    }
                }
            }
        }
        sums.sort { $0.lexicographicallyPrecedes($1) }
        let cells = LinkedCells(bases: bases, values: values, sums: sums, wholeCounts: measure.valueKind == .count, cost: cost)
        // The sums rest on the tables' layout alone: laid out as before, a group of cells as before is hidden as before.
        let hidden = cells.hidden(threshold: threshold, before: previous?.cells(rows, laidOutAs: tables))
        return applying(hidden, at: rows, to: tables)
    }

    /// This set's cells at `rows` (as ``hide(_:_:_:previous:)`` numbers them), with their values and whether
    /// they are hidden, when its tables are laid out as `tables` (the same groups and periods, row for row).
    func cells(_ rows: [(PeriodKind, [Dimension], Int)], laidOutAs tables: [PeriodKind: [[Dimension]: KPIResult]]) -> (
        bases: [Int], values: [Double?], hidden: [Bool]
    )? {
        for (kind, byBreakdown) in tables {
            for (breakdown, table) in byBreakdown {
                guard let mine = self.tables[kind]?[breakdown], mine.rows.count == table.rows.count,
                    zip(mine.rows, table.rows).allSatisfy({ $0.period == $1.period && $0.dimensions == $1.dimensions })
                else { return nil }
            }
        }
        var before: (bases: [Int], values: [Double?], hidden: [Bool]) = ([], [], [])
        for (kind, breakdown, cells) in Self.tableRuns(rows) {
            let (table, values) = (self.tables[kind]![breakdown]!, withheld[kind]?[breakdown])
            for r in cells.map({ rows[$0].2 }) {
                let row = table.rows[r]
                before.bases.append(row.base)
                before.values.append(row.suppressed ? values?[r] : row.value)
                before.hidden.append(row.suppressed)
            }
        }
        return before
    }

    /// `tables` with the cells `hidden` says (cell by cell, each a table's row in `rows`) hidden, and
    /// no counts shown beside them; and the hidden cells' values.
    static func applying(
        _ hidden: [Bool], at rows: [(PeriodKind, [Dimension], Int)], to tables: [PeriodKind: [[Dimension]: KPIResult]]
    ) -> ([PeriodKind: [[Dimension]: KPIResult]], withheld: [PeriodKind: [[Dimension]: [Int: Double]]]) {
        var out = tables
        var withheld: [PeriodKind: [[Dimension]: [Int: Double]]] = [:]
        for (kind, breakdown, cells) in tableRuns(rows) {
            // One table at a time: looked up once, not once a cell.
            var table = out[kind]![breakdown]!
            var values: [Int: Double] = [:]
            for cell in cells where hidden[cell] {
                let r = rows[cell].2
                values[r] = table.rows[r].value
                table.rows[r].value = nil
                table.rows[r].suppressed = true
            }
            out[kind]![breakdown] = table
            if !values.isEmpty { withheld[kind, default: [:]][breakdown] = values }
        }
        for (kind, byBreakdown) in out {
            for breakdown in byBreakdown.keys {
                out[kind]![breakdown]!.sourceRowCount = nil
                out[kind]![breakdown]!.showsCounts = false
            }
        }
        return (out, withheld)
    }

    /// The runs of `rows` (cells numbered table after table) that are one table's, with their cells.
    static func tableRuns(_ rows: [(PeriodKind, [Dimension], Int)]) -> [(PeriodKind, [Dimension], Range<Int>)] {
        var runs: [(PeriodKind, [Dimension], Range<Int>)] = []
        var start = 0
        for cell in rows.indices where cell + 1 == rows.count || rows[cell + 1].0 != rows[cell].0 || rows[cell + 1].1 != rows[cell].1 {
            runs.append((rows[cell].0, rows[cell].1, start..<(cell + 1)))
            start = cell + 1
        }
        return runs
    }

    static func pad(_ month: Int) -> String { month < 10 ? "0\(month)" : "\(month)" }

    /// The query's answer cut from the published tables; the query must pass
    /// ``Publication/check(_:years:)``. Its periods end at ``end``.
    public func answer(_ query: KPIQuery) -> KPIResult {
        let breakdown = Publication.breakdown(query)!
        return cut(query, from: tables[query.periodKind]![breakdown]!, breakdown)
    }

    /// The query's answer with every number, for the roles that see them all, cut from the
    /// tables with the hidden cells' values put back: the engine's own answer but for
    /// ``KPIResult/sourceRowCount`` (no cell holds it), without computing it. Each of the
    /// query's periods must be a published cell: whole months, quarters or years (`hele`: one
    /// of them), the last may end at ``end``; one published breakdown, filters of one value.
    /// `nil` for any other query, and for a measure whose cells depend on the window
    /// (``Measure/cellsStandAlone``). `UnhiddenSliceTests` proves it against the engine.
    ///
    /// ```swift
    /// let year = KPIQuery(measure: .tilgang, window: DayRange(jan1, dec31), periodKind: .hele, splitBy: [.ydelse])
    /// let answer = published.unhidden(year) ?? engine.evaluate(year)
    /// ```
    public func unhidden(_ query: KPIQuery) -> KPIResult? {
        guard measure.cellsStandAlone, query.window.end <= end, let kind = publishedKind(query) else { return nil }
        var asked = query
        asked.periodKind = kind
        // A window ending at the last day published asks for the cells that end there.
        if query.window.end == end { asked.window.end = ReportingPeriod.unit(containing: end, kind).1 }
        guard (try? Publication.check(asked, years: years)) != nil, let breakdown = Publication.breakdown(asked) else { return nil }
        var result = cut(asked, from: rawTable(kind, breakdown), breakdown)
        if query.periodKind == .hele {
            let whole = ReportingPeriod.split(query.window, by: .hele)
            for r in result.rows.indices { result.rows[r].period = whole[0].label }
            result.periods = whole
        }
        // The engine's order: by the split's values, then period (a split in another order than its table's).
        let order = Dictionary(uniqueKeysWithValues: result.periods.enumerated().map { ($1.label, $0) })
        result.rows.sort { a, b in
            a.dimensions != b.dimensions ? a.dimensions.lexicographicallyPrecedes(b.dimensions) : order[a.period]! < order[b.period]!
        }
        result.query = query
        result.showsCounts = true
        return result
    }

    /// The table of `kind` by `breakdown` as the engine answered it: the hidden cells' values put back.
    func rawTable(_ kind: PeriodKind, _ breakdown: [Dimension]) -> KPIResult {
        var table = tables[kind]![breakdown]!
        let values = withheld[kind]?[breakdown] ?? [:]
        for r in table.rows.indices where table.rows[r].suppressed {
            table.rows[r].value = values[r]
            table.rows[r].suppressed = false
        }
        return table
    }

    /// Every table as the engine answered it (``rawTable(_:_:)``).
    var rawTables: [PeriodKind: [[Dimension]: KPIResult]] {
        tables.reduce(into: [:]) { raw, kind in
            for breakdown in kind.value.keys { raw[kind.key, default: [:]][breakdown] = rawTable(kind.key, breakdown) }
        }
    }

    /// The published period kind whose cells the query's periods are: its own, or for `hele`
    /// the longest kind of which the window is one period (cut at ``end``).
    private func publishedKind(_ query: KPIQuery) -> PeriodKind? {
        guard query.periodKind == .hele else { return Publication.periodKinds.contains(query.periodKind) ? query.periodKind : nil }
        return Publication.periodKinds.reversed().first { kind in
            let (_, last) = ReportingPeriod.unit(containing: query.window.start, kind)
            return Publication.wholePeriods(DayRange(query.window.start, last), kind) && min(last, end) == query.window.end
        }
    }

    /// The query's rows of `table`, the published table by `breakdown` (hidden or not), in the query's periods.
    private func cut(_ query: KPIQuery, from table: KPIResult, _ breakdown: [Dimension]) -> KPIResult {
        let periods = periods(query)
        let labels = Set(periods.map(\.label))
        // The query's split in its own order, and the filters' values, by their places in the table's groups.
        let splitAt = query.splitBy.map { breakdown.firstIndex(of: $0)! }
        let fixed = query.filters.map { (breakdown.firstIndex(of: $0.key)!, $0.value.first!) }
        var rows = table.rows.filter { row in labels.contains(row.period) && fixed.allSatisfy { row.dimensions[$0.0] == $0.1 } }
            .map { row in
                KPIRow(
                    dimensions: splitAt.map { row.dimensions[$0] }, period: row.period, value: row.value, base: row.base,
                    suppressed: row.suppressed)
            }
        if query.splitBy.isEmpty {
            // A value with no rows counts nothing: zero, or no value for a share or a mean.
            rows = periods.map { period in
                rows.first { $0.period == period.label } ?? KPIRow(dimensions: [], period: period.label, value: measure.emptyCellValue)
            }
        } else {
            // The groups seen in the window, as the engine answers.
            let seen = Set(rows.filter { $0.base > 0 || $0.suppressed }.map(\.dimensions))
            rows = rows.filter { seen.contains($0.dimensions) }
        }
        return result(query, periods, rows, table)
    }

    /// The query's periods, cut at the last day published.
    func periods(_ query: KPIQuery) -> [ReportingPeriod] {
        query.window.start > end
            ? [] : ReportingPeriod.split(DayRange(query.window.start, min(query.window.end, end)), by: query.periodKind)
    }

    /// The query's answer of `rows` from the published `table`, with its notes.
    func result(_ query: KPIQuery, _ periods: [ReportingPeriod], _ rows: [KPIRow], _ table: KPIResult) -> KPIResult {
        var result = KPIResult(
            query: query, periods: periods, rows: rows, sourceRowCount: 0, dataDate: dataDate, unpricedDays: table.unpricedDays)
        result.unpricedSpans = table.unpricedSpans
        result.shortHistoryFrom = table.shortHistoryFrom
        result.sourceRowCount = nil
        result.showsCounts = false
        return result
    }

    /// The query's answer made from published cells alone (whole years, then quarters, then
    /// months, the fewest that make each period), for the pages: a window of
    /// whole months (the last may end at ``end``) in any period kind but weeks, and filters
    /// with several values, where the measure's cells combine (``Publication/Combination``)
    /// with nothing but the cells and the months' lengths. A value is hidden when any cell
    /// it is made of is hidden, so it tells nothing the published cells do not. `nil` when
    /// the measure does not combine so (a mean, a share over a period, distinct persons)
    /// and the query is no published slice.
    public func combined(_ query: KPIQuery) -> KPIResult? {
        if (try? Publication.check(query, years: years)) != nil { return answer(query) }
        guard query.periodKind != .uge, let combination = Publication.combination(measure),
            let breakdown = Publication.breakdown(query), query.window.start.components.day == 1,
            query.window.end == query.window.end.lastOfMonth || query.window.end >= end,
            years.contains(query.window.start.year), query.window.start <= end
        else { return nil }
        // Groups add for counts and full-time figures; a share on the last day does not.
        if query.filters.values.contains(where: { $0.count != 1 }) && measure.valueKind == .share { return nil }
        let splitAt = query.splitBy.map { breakdown.firstIndex(of: $0)! }
        let filterAt = query.filters.map { (breakdown.firstIndex(of: $0.key)!, $0.value) }
        let periods = periods(query)
        var tilesOf: [String: [Tile]] = [:]
        for period in periods {
            guard let tiles = tiles(period.days) else { return nil }
            tilesOf[period.label] = tiles
        }
        // Published cell (its label: "2024", "2024-K1" and "2024-03" never clash) -> the query's group -> (value, hidden),
        // over the rows the filters admit.
        var byTile: [String: [[String]: (Double, Bool)]] = [:], seen = Set<[String]>()
        for kind in Publication.periodKinds {
            let labels = Set(tilesOf.values.flatMap { $0.filter { $0.kind == kind }.map(\.label) })
            guard !labels.isEmpty else { continue }
            for row in tables[kind]![breakdown]!.rows(inPeriods: labels) where filterAt.allSatisfy({ $0.1.contains(row.dimensions[$0.0]) })
            {
                let group = splitAt.map { row.dimensions[$0] }
                let old = byTile[row.period, default: [:]][group] ?? (0, false)
                byTile[row.period, default: [:]][group] = (old.0 + (row.value ?? 0), old.1 || row.suppressed)
                if row.base > 0 || row.suppressed { seen.insert(group) }
            }
        }
        // The groups seen in the window, as the engine answers.
        let groups = seen.sorted { $0.lexicographicallyPrecedes($1) }
        var rows: [KPIRow] = []
        for group in groups.isEmpty && query.splitBy.isEmpty ? [[]] : groups {
            for period in periods {
                let tiles = tilesOf[period.label]!
                let cells = tiles.map { byTile[$0.label]?[group] ?? (0, false) }
                let value: Double
                switch combination {
                case .sum: value = cells.reduce(0) { $0 + $1.0 }
                case .lastDay: value = cells.last!.0
                case .dayWeighted:
                    value = zip(cells, tiles).reduce(0) { $0 + $1.0.0 * Double($1.1.days) } / Double(tiles.reduce(0) { $0 + $1.days })
                }
                let hidden = combination == .lastDay ? cells.last!.1 : cells.contains { $0.1 }
                rows.append(KPIRow(dimensions: group, period: period.label, value: hidden ? nil : value, suppressed: hidden))
            }
        }
        let table = tables[.maaned]![breakdown]!
        return result(query, periods, rows, table)
    }

    /// A published period a page's period is made of.
    /// A published period a page's period is made of, with its length in days (for weights).
    struct Tile {
        var kind: PeriodKind
        var label: String
        var days: Int
    }

    /// `days` (whole months, or ending at ``end``) as the fewest published periods: whole
    /// years, then whole quarters, then months, so as few hidden cells as possible are met.
    func tiles(_ days: DayRange) -> [Tile]? {
        var out: [Tile] = [], cursor = days.start
        while cursor <= days.end {
            let before = cursor
            let (_, m, d) = cursor.components
            let fits: [PeriodKind] = (m == 1 && d == 1 ? [.aar] : []) + ((m - 1) % 3 == 0 && d == 1 ? [.kvartal] : []) + [.maaned]
            for kind in fits {
                let (label, unitEnd) = ReportingPeriod.unit(containing: cursor, kind)
                let last = min(unitEnd, end)
                guard last <= days.end else { continue }
                out.append(Tile(kind: kind, label: label, days: cursor.distance(to: last) + 1))
                cursor = last.advanced(by: 1)
                break
            }
            // Not the first of a month: no published periods make it.
            if cursor == before { return nil }
        }
        return out
    }
}

extension KPIResult {
    /// The rows of the periods labelled `labels`: read at their places in each group's run of rows
    /// when the rows are laid out one for each period (a published table, a few cells of thousands),
    /// else found by a look at every row.
    func rows(inPeriods labels: Set<String>) -> [KPIRow] {
        let everyRow = { rows.filter { labels.contains($0.period) } }
        guard !periods.isEmpty, rows.count % periods.count == 0 else { return everyRow() }
        let places = periods.indices.filter { labels.contains(periods[$0].label) }
        var out: [KPIRow] = []
        out.reserveCapacity(rows.count / periods.count * places.count)
        for start in stride(from: 0, to: rows.count, by: periods.count) {
            for place in places {
                guard rows[start + place].period == periods[place].label else { return everyRow() }
                out.append(rows[start + place])
            }
        }
        return out
    }
}
