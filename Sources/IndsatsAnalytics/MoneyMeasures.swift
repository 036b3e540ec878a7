import IndsatsCore

// Measures of money and grants (docs/noegletal.md, version 2): a grant pool's result and
// spending against the budget.
extension KPIEngine {
    /// Days a participant's paid hours must cover, and days off benefit after leaving for education.
    static let poolResultDays = 30

    /// `puljeresultat`: each pool's participants, and of them those who within their window reached
    /// 30 days of paid hours, or left a spell for education and stayed off benefit 30 days.
    func poolResults(_ acc: inout Accumulator, _ shard: Shard) {
        let keys = acc.keys, lives = poolLives()
        var work = PoolWork()
        for i in shard.range(of: register.participantPool.count) {
            let pool = register.participantPool[i]
            guard keys.allows(.pulje, pool), let achieved = achieved(participant: i, lives, &work) else { continue }
            acc.addShare(keys.key { _ in pool }, 0, inNumerator: achieved)
            acc.sourceRows += 1
        }
    }

    /// Whether each participant of pool `poolID` has achieved the result `puljeresultat` counts, by person id.
    public func poolAchievements(poolID: String) -> [String: Bool] {
        guard let pool = register.poolIDs.index(of: poolID) else { return [:] }
        let lives = poolLives()
        var work = PoolWork(), out: [String: Bool] = [:]
        for i in register.participantPool.indices where register.participantPool[i] == pool {
            out[register.personIDs[Int(register.participantPerson[i])]] = achieved(participant: i, lives, &work)
        }
        return out
    }

    /// Each pool's first and last day, by its index in `poolIDs`.
    private func poolLives() -> [Int32: (Int32, Int32)] {
        var lives: [Int32: (Int32, Int32)] = [:]
        for pool in register.pools { if let i = register.poolIDs.index(of: pool.id) { lives[i] = (pool.from.ordinal, pool.to.ordinal) } }
        return lives
    }

    /// Buffers reused from one participant to the next.
    private struct PoolWork {
        var spells: [Spell] = []
        var covered: [(Int32, Int32)] = []
    }

    /// Whether participant row `i` achieved within its window, `nil` when its pool is not loaded.
    private func achieved(participant i: Int, _ lives: [Int32: (Int32, Int32)], _ work: inout PoolWork) -> Bool? {
        let r = register
        guard let life = lives[r.participantPool[i]] else { return nil }
        let window = (max(r.participantFrom[i], life.0), min(r.participantTo[i], life.1))
        guard window.0 <= window.1 else { return false }
        let p = Int(r.participantPerson[i]), days = Int32(Self.poolResultDays)
        let paidHours = r.types.index(of: "ordinaere_timer"), education = r.exitReasons.index(of: "uddannelse")
        work.covered.removeAll(keepingCapacity: true)
        for a in r.activityRows(of: p) where r.activityType[a] == paidHours {
            if let span = clip(r.activityStart[a], r.activityEnd[a], window) { mergeInto(&work.covered, span) }
        }
        if work.covered.reduce(0, { $0 + Int($1.1 - $1.0) + 1 }) >= days { return true }
        guard education != nil else { return false }
        var achieved = false
        forEachBenefitGroup(of: p) { _, rows in
            Spells.build(r, rows: rows, into: &work.spells)
            for spell in work.spells where !spell.isOpen && spell.exit == education && spell.last >= window.0 && spell.last <= window.1 {
                let back = r.benefitRows(of: p).contains { b in
                    r.benefitCode[b] != r.selfSupporting && r.benefitStart[b] <= spell.last + days && r.benefitEnd[b] > spell.last
                }
                if !back { achieved = true }
            }
        }
        return achieved
    }

    /// `budgetforbrug`: `nettoudgift` per benefit and period over the benefit's budget for the period's
    /// days (each year's budget × its days in the period / the year's days). By hovedydelse, budgets
    /// add up under their hovedydelse, as the spending does.
    func budgetUse(_ query: KPIQuery) -> KPIResult {
        let byMainBenefit = !register.benefitSourceCode.isEmpty
        var budgets: [String: [Int: Double]] = [:]
        for b in register.budgets {
            budgets[byMainBenefit ? ReferenceData.mainBenefit(of: b.benefit) : b.benefit, default: [:]][b.year, default: 0] += b.amount
        }
        /// The budget of `codes` for the days of `period`, `nil` when none of them has a budget in its years.
        func budget(_ codes: [String], _ period: DayRange) -> Double? {
            var total = 0.0, any = false
            for code in codes {
                for year in period.start.year...period.end.year {
                    guard let amount = budgets[code]?[year] else { continue }
                    let whole = DayRange(Day(year: year, month: 1, day: 1)!, Day(year: year, month: 12, day: 31)!)
                    total += amount * Double(period.clamped(to: whole)!.dayCount) / Double(whole.dayCount)
                    any = true
                }
            }
            return any ? total : nil
        }
        // Unsplit, only the benefits with a budget (among those the filter allows) count.
        var spending = query
        spending.measure = .nettoudgift
        let budgeted = budgets.keys.filter { query.filters[.ydelse]?.contains($0) ?? true }.sorted()
        if !query.splitBy.contains(.ydelse) { spending.filters[.ydelse] = Set(budgeted) }
        var result = sweep(spending)
        let periods = Dictionary(uniqueKeysWithValues: result.periods.map { ($0.label, $0.days) })
        let column = query.splitBy.firstIndex(of: .ydelse)
        for i in result.rows.indices {
            let codes = column.map { [result.rows[i].dimensions[$0]] } ?? budgeted
            let amount = budget(codes, periods[result.rows[i].period]!)
            result.rows[i].value = amount.flatMap { $0 > 0 ? (result.rows[i].value ?? 0) / $0 : nil }
        }
        result.query = query
        return result
    }
}
