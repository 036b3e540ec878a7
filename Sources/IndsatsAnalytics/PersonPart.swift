import IndsatsCore

extension KPIResult {
    /// This answer with a part of it replaced: `old` is the part an import touched (the same
    /// measure swept for the touched persons alone, ``KPIEngine/persons``, or over the touched
    /// days alone, ``KPIQuery/changedParts(of:after:old:fresh:prices:personLimit:)``) on the register
    /// this answer was computed on, and `new` that part on the register after the import. For a
    /// measure whose cells add up by person (``Measure/addsUpByPerson``) or by row
    /// (``Measure/addsUpByRow``) that is the engine's answer on the new register, without
    /// sweeping everything again.
    ///
    /// Each cell's sum is had back from its value and base (a count is its own base; a share's
    /// numerator is its value times its denominator, a whole number), the parts are taken out
    /// and put in, and the value is made as the engine makes it. A group whose every cell then
    /// rests on nothing is gone, as the engine makes a group only for a cell it adds to. The
    /// parts' periods are this answer's, or its last ones (days from the change's day on).
    ///
    /// ```swift
    /// let parts = KPIQuery.changedParts(of: [query], after: change, old: old, fresh: fresh, prices: .defaults, personLimit: 10_000)
    /// if let part = parts[query] { answer = answer.replacingPart(part.old, with: part.new) }
    /// ```
    public func replacingPart(_ old: KPIResult, with new: KPIResult) -> KPIResult {
        var out = self
        out.replacePart(old, with: new)
        return out
    }

    /// Replaces a part of this answer in place (``replacingPart(_:with:)``): where no group comes or
    /// goes, only the touched groups' rows are written, and the rest are not copied.
    public mutating func replacePart(_ old: KPIResult, with new: KPIResult) {
        let count = periods.count
        let place = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1.label, $0) })
        precondition(
            (query.measure.addsUpByPerson || query.measure.addsUpByRow)
                && (old.periods + new.periods).allSatisfy { place[$0.label] != nil })
        sourceRowCount = sourceRowCount.flatMap { whole in old.sourceRowCount.flatMap { o in new.sourceRowCount.map { whole - o + $0 } } }
        guard count > 0 else { return }
        let share = query.measure.valueKind == .share
        // The parts are small: their difference by group, then applied to this answer's groups in one walk
        // (a group's rows are one run, one for each period: ``isGroupByPeriod``), hashing a group once, not each row.
        var delta: [[String]: [(sum: Int, base: Int)]] = [:]
        func add(_ result: KPIResult, _ sign: Int) {
            for row in result.rows {
                delta[row.dimensions, default: Array(repeating: (0, 0), count: count)][place[row.period]!].sum += sign * row.sum(share)
                delta[row.dimensions]![place[row.period]!].base += sign * row.base
            }
        }
        add(old, -1)
        add(new, 1)
        var touched: [Int: [(sum: Int, base: Int)]] = [:]
        for start in stride(from: 0, to: rows.count, by: count) {
            guard let change = delta.removeValue(forKey: rows[start].dimensions) else { continue }
            touched[start] = (0..<count).map { p in (rows[start + p].sum(share) + change[p].sum, rows[start + p].base + change[p].base) }
        }
        /// Whether a group with these cells is shown: the engine makes a group only for a cell it adds to.
        func shown(_ cells: [(sum: Int, base: Int)]) -> Bool { query.splitBy.isEmpty || cells.contains { $0.base > 0 } }
        func value(_ cell: (sum: Int, base: Int)) -> Double? {
            share ? (cell.base == 0 ? nil : Double(cell.sum) / Double(cell.base)) : Double(cell.sum)
        }
        if delta.isEmpty && touched.values.allSatisfy(shown) {
            for (start, cells) in touched {
                for (p, cell) in cells.enumerated() { (rows[start + p].value, rows[start + p].base) = (value(cell), cell.base) }
            }
            return
        }
        // A group comes or goes: the rows laid out again, new groups in their place in the engine's order.
        func groupRows(_ group: [String], _ cells: [(sum: Int, base: Int)]) -> ArraySlice<KPIRow> {
            guard shown(cells) else { return [] }
            return cells.enumerated().map { p, cell in
                KPIRow(dimensions: group, period: periods[p].label, value: value(cell), base: cell.base)
            }[...]
        }
        var blocks = stride(from: 0, to: rows.count, by: count).map { start in
            (
                group: rows[start].dimensions,
                rows: touched[start].map { groupRows(rows[start].dimensions, $0) } ?? rows[start..<(start + count)]
            )
        }
        if !delta.isEmpty {
            blocks += delta.map { ($0.key, groupRows($0.key, $0.value)) }
            blocks.sort { $0.group.lexicographicallyPrecedes($1.group) }
        }
        rows = blocks.flatMap(\.rows)
    }
}

extension KPIRow {
    /// The sum a cell's value was made from: a count is its own; a share's numerator is its value
    /// times its denominator, a whole number.
    func sum(_ share: Bool) -> Int { share ? Int(((value ?? 0) * Double(base)).rounded()) : Int(value ?? 0) }
}

extension KPIQuery {
    /// The parts of the queries' answers that `change` touched, swept on the register before it
    /// (`old`) and after (`fresh`), for those whose answers made on `old` can be corrected by
    /// replacing that part (``KPIResult/replacingPart(_:with:)``); the others must be computed
    /// again (or from the change's first period, ``PublishedMeasure/corrected(after:replacing:evaluate:)``).
    /// Swept all at once: the engine shares a sweep between queries that differ only in their split.
    ///
    /// For a measure that adds up by person, the touched persons' part (when they are at most
    /// `personLimit`: a sweep of them is cheap only while they are few); for one that adds up by
    /// row, the rows from the change's first day on, the days before it being the same in both.
    ///
    /// ```swift
    /// let parts = KPIQuery.changedParts(of: queries, after: change, old: old, fresh: fresh, prices: .defaults, personLimit: 10_000)
    /// ```
    public static func changedParts(
        of queries: [KPIQuery], after change: DatedChange, old: Register, fresh: Register, prices: BenefitPrices, personLimit: Int
    ) -> [KPIQuery: (old: KPIResult, new: KPIResult)] {
        var byPerson: [KPIQuery] = [], byRow: [KPIQuery] = [], sweptByRow: [KPIQuery] = []
        for query in Set(queries) {
            if query.correctableByPerson(after: change, on: old) {
                if change.persons.count <= personLimit { byPerson.append(query) }
            } else if query.measure.addsUpByRow && query.correctable(after: change) {
                var touched = query
                // The window's days from the change's on, all when it came before the window; when it came after,
                // the window's last day alone, whose rows are the same in both (nothing to replace).
                touched.window = DayRange(min(max(change.from, query.window.start), query.window.end), query.window.end)
                byRow.append(query)
                sweptByRow.append(touched)
            }
        }
        let persons = (
            old: KPIEngine(old, prices: prices, persons: change.persons).evaluate(byPerson),
            new: KPIEngine(fresh, prices: prices, persons: change.persons).evaluate(byPerson)
        )
        let rows = (old: KPIEngine(old, prices: prices).evaluate(sweptByRow), new: KPIEngine(fresh, prices: prices).evaluate(sweptByRow))
        var parts: [KPIQuery: (old: KPIResult, new: KPIResult)] = [:]
        for (i, query) in byPerson.enumerated() { parts[query] = (persons.old[i], persons.new[i]) }
        for (i, query) in byRow.enumerated() { parts[query] = (rows.old[i], rows.new[i]) }
        return parts
    }

    /// Whether an answer to the query, made on `old`, can be corrected after `change` by replacing
    /// the touched persons' part (``KPIResult/replacingPart(_:with:)``): a measure that adds up by
    /// person, reading nothing else of the change; by hovedydelse only when `old`'s register by
    /// hovedydelse is made (the new register takes it, ``Register/takeMainBenefits(from:)``;
    /// made again, it would be a whole pass over the benefits).
    public func correctableByPerson(after change: DatedChange, on old: Register) -> Bool {
        measure.addsUpByPerson && correctable(after: change) && (!usesMainBenefit || old.mainBenefitRegister.made != nil)
    }
}
