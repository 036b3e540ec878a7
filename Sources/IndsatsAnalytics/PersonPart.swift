import IndsatsCore

extension KPIResult {
    /// This answer with some persons' part replaced: `old` is their part of it (the same query
    /// swept for those persons alone, ``KPIEngine/persons``, on the register this answer was
    /// computed on) and `new` their part on the register after an import that changed only
    /// their rows. For a measure whose cells add up by person (``Measure/addsUpByPerson``)
    /// that is the engine's answer on the new register, without sweeping everyone again.
    ///
    /// Each cell's sum is had back from its value and base (a count is its own base; a share's
    /// numerator is its value times its denominator, a whole number), the parts are taken out
    /// and put in, and the value is made as the engine makes it. A group whose every cell then
    /// rests on nothing is gone, as the engine makes a group only for a cell it adds to.
    ///
    /// ```swift
    /// let touched = change.persons
    /// let corrected = answer.replacingPart(
    ///     KPIEngine(old, persons: touched).evaluate(query), with: KPIEngine(fresh, persons: touched).evaluate(query))
    /// ```
    public func replacingPart(_ old: KPIResult, with new: KPIResult) -> KPIResult {
        precondition(query.measure.addsUpByPerson && old.periods == periods && new.periods == periods)
        let share = query.measure.valueKind == .share
        let place = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1.label, $0) })
        var cells: [[String]: [(sum: Int, base: Int)]] = [:]
        func add(_ result: KPIResult, _ sign: Int) {
            for row in result.rows {
                let sum = share ? Int(((row.value ?? 0) * Double(row.base)).rounded()) : Int(row.value ?? 0)
                let p = place[row.period]!
                cells[row.dimensions, default: Array(repeating: (0, 0), count: periods.count)][p].sum += sign * sum
                cells[row.dimensions]![p].base += sign * row.base
            }
        }
        add(self, 1)
        add(old, -1)
        add(new, 1)
        var out = self
        let groups = cells.filter { query.splitBy.isEmpty || $0.value.contains { $0.base > 0 } }.keys
        out.rows = groups.sorted { $0.lexicographicallyPrecedes($1) }.flatMap { group in
            cells[group]!.enumerated().map { p, cell in
                let value = share ? (cell.base == 0 ? nil : Double(cell.sum) / Double(cell.base)) : Double(cell.sum)
                return KPIRow(dimensions: group, period: periods[p].label, value: value, base: cell.base)
            }
        }
        out.sourceRowCount = sourceRowCount.flatMap { whole in old.sourceRowCount.flatMap { o in new.sourceRowCount.map { whole - o + $0 } }
        }
        return out
    }
}

extension KPIQuery {
    /// Whether an answer to the query, made on `old`, can be corrected after `change` by replacing
    /// the touched persons' part (``KPIResult/replacingPart(_:with:)``): a measure that adds up by
    /// person, reading nothing else of the change; by hovedydelse only when `old`'s register by
    /// hovedydelse is made (the new register takes it, ``Register/takeMainBenefits(from:)``;
    /// made again, it would be a whole pass over the benefits).
    public func correctableByPerson(after change: DatedChange, on old: Register) -> Bool {
        measure.addsUpByPerson && correctable(after: change) && (!usesMainBenefit || old.mainBenefitRegister.made != nil)
    }
}
