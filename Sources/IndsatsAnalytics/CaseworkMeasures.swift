import IndsatsCore

// Measures for steering casework (docs/noegletal.md, version 2): caseloads by the
// responsible caseworker, contact and offer deadlines by the contact rules, retention
// after leaving for a job or education, and where spells end.
extension KPIEngine {
    /// `sagsstamme`: on each period's last day, persons on benefit by their responsible
    /// caseworker (the assignment covering the day), the caseworker's unit and team, and
    /// the benefit on that day.
    func caseloads(_ acc: inout Accumulator, _ shard: Shard) {
        let r = register, keys = acc.keys, ends = acc.periodEnds
        // Per period of the person being swept: the benefit on its last day (latest start, then
        // the alphabetically last code), whether any period on benefit covers it, and its caseworker.
        var bestStart = [Int32](repeating: .min, count: ends.count), bestCode = [Int32](repeating: -1, count: ends.count)
        var onBenefit = [Bool](repeating: false, count: ends.count), staff = [Int32](repeating: r.unknownStaff, count: ends.count)
        for p in shard.range(of: r.personCount) where !r.benefitRows(of: p).isEmpty {
            // The periods marked: lowest and one past the highest.
            var low = Int.max, high = Int.min
            // One pass over the person's periods: each marks the period ends it covers.
            for i in r.benefitRows(of: p) {
                let (start, end, code) = (r.benefitStart[i], r.benefitEnd[i], r.benefitCode[i])
                for k in acc.periods(overlapping: (start, end)) where ends[k] >= start && ends[k] <= end {
                    if code != r.selfSupporting { onBenefit[k] = true }
                    if start > bestStart[k] || (start == bestStart[k] && r.benefits[code] > r.benefits[bestCode[k]]) {
                        (bestStart[k], bestCode[k]) = (start, code)
                    }
                    (low, high) = (min(low, k), max(high, k + 1))
                }
            }
            guard low < high else { continue }
            let touched = low..<high
            // And one over their assignments.
            if p + 1 < r.assignmentOffsets.count {
                for a in r.assignmentOffsets[p]..<r.assignmentOffsets[p + 1] {
                    for k in touched where ends[k] >= r.assignmentFrom[a] && ends[k] <= r.assignmentTo[a] {
                        staff[k] = r.assignmentStaff[a]
                    }
                }
            }
            var counted = false
            for k in touched {
                let (benefit, caseworker) = (bestCode[k], staff[k])
                if onBenefit[k] && keys.allows(.ydelse, benefit) && keys.allows(.medarbejder, caseworker) {
                    let (unit, team) = r.unitAndTeam(of: caseworker)
                    if keys.allows(.enhed, unit) && keys.allows(.team, team) {
                        acc.countPerson(
                            keys.key { d in
                                switch d {
                                case .medarbejder: caseworker
                                case .enhed: unit
                                case .team: team
                                default: benefit
                                }
                            }, k, Int32(p), inNumerator: true)
                        counted = true
                    }
                }
                (bestStart[k], bestCode[k], onBenefit[k], staff[k]) = (.min, -1, false, r.unknownStaff)
            }
            if counted { acc.sourceRows += 1 }
        }
    }

    /// `samtaleopfyldelse` and `tilbudsrettidighed`: spells whose benefit has a contact rule in
    /// force on their first day, due in the period their window (or offer deadline) ends,
    /// fulfilled by enough conversations in the window (or an offer started by the deadline).
    func contactDeadlines(_ acc: inout Accumulator, _ shard: Shard) {
        let r = register, keys = acc.keys
        let offers = acc.query.measure == .tilbudsrettidighed
        let rules = rulesByBenefit(), window = acc.window
        let longest = Int32(register.contactRules.map { max($0.withinMonths, $0.offerWithinMonths ?? 0) }.max() ?? 0)
        let municipal = r.heldBy.index(of: "kommune"), unstated = r.heldBy.index(of: Register.unknown)
        let offerType = r.types.strings.map { ReferenceData.offerTypes.contains($0) }
        var spells: [Spell] = []
        for p in shard.persons(r.personCount) {
            forEachBenefitGroup(of: p) { code, rows in
                // Codes as imported: one without rules has no spell due.
                guard keys.allows(.ydelse, code), !r.benefitSourceCode.isEmpty || rules[code] != nil else { return }
                Spells.build(r, rows: rows, into: &spells)
                for spell in spells {
                    // The rule of the code the spell began on (by hovedydelse a spell may run across codes).
                    guard let codeRules = rules[r.sourceCode(spell.firstRow)] else { continue }
                    // A deadline falls within months × 31 days of the first day and is due only while the spell lasts.
                    guard spell.first <= window.1, spell.last >= window.0, spell.first + 31 * longest >= window.0 else { continue }
                    guard let rule = codeRules.first(where: { $0.days.contains(Day(ordinal: spell.first)) }) else { continue }
                    let months = offers ? rule.offerWithinMonths : rule.withinMonths
                    guard let months else { continue }
                    let deadline = adding(months: months, to: spell.first) - 1
                    guard spell.last >= deadline, let period = acc.period(of: deadline) else { continue }
                    let staff = r.assignedCaseworker(p, on: deadline)
                    let unit = r.unitAndTeam(of: staff).unit
                    guard keys.allows(.enhed, unit), keys.allows(.medarbejder, staff) else { continue }
                    let met: Bool
                    if offers {
                        met = r.activityRows(of: p).contains { a in
                            offerType[Int(r.activityType[a])] && r.activityStart[a] >= spell.first && r.activityStart[a] <= deadline
                        }
                    } else {
                        var held = 0
                        if p + 1 < r.personConversationOffsets.count {
                            for c in r.personConversationOffsets[p]..<r.personConversationOffsets[p + 1] {
                                let day = r.personConversationDay[c]
                                guard day >= spell.first && day <= deadline else { continue }
                                let by = r.personConversationHeldBy[c]
                                if !rule.municipalityOnly || by == municipal || by == unstated { held += 1 }
                            }
                        }
                        met = held >= rule.conversations
                    }
                    acc.addShare(
                        keys.key { d in
                            switch d {
                            case .ydelse: code
                            case .enhed: unit
                            default: staff
                            }
                        }, period, inNumerator: met)
                    acc.sourceRows += spell.rowCount
                }
            }
        }
    }

    /// The register's contact rules by benefit index.
    private func rulesByBenefit() -> [Int32: [ContactRule]] {
        var out: [Int32: [ContactRule]] = [:]
        for rule in register.contactRules {
            if let code = register.benefits.index(of: rule.benefit) { out[code, default: []].append(rule) }
        }
        return out
    }

    /// `fastholdelse` and `overgange`: spells ended in the period, by whether the person stayed
    /// off benefit N months after leaving for a job or education, or by the benefit the day after.
    func spellEnds(_ acc: inout Accumulator, _ shard: Shard) {
        let r = register, keys = acc.keys, til = acc.window.1
        let retention = acc.query.measure == .fastholdelse, months = acc.query.monthsAfter
        let leaves = r.exitReasons.strings.map { $0 == "job" || $0 == "uddannelse" }
        let selfSupporting = r.selfSupporting
        var spells: [Spell] = []
        for p in shard.range(of: r.personCount) {
            forEachBenefitGroup(of: p) { code, rows in
                guard keys.allows(.ydelse, code) else { return }
                Spells.build(r, rows: rows, into: &spells)
                for spell in spells where !spell.isOpen {
                    guard let period = acc.period(of: spell.last) else { continue }
                    if retention {
                        guard leaves[Int(spell.exit)], keys.allows(.afgang, spell.exit) else { continue }
                        let end = adding(months: months, to: spell.last)
                        guard end <= til else { continue }
                        let back = r.benefitRows(of: p).contains { i in
                            r.benefitCode[i] != selfSupporting && r.benefitStart[i] <= end && r.benefitEnd[i] > spell.last
                        }
                        acc.addShare(keys.key { $0 == .ydelse ? code : spell.exit }, period, inNumerator: !back)
                    } else {
                        let next = r.benefitOnDay(p, spell.last + 1)?.benefit ?? -1
                        guard keys.allows(.til_ydelse, next) else { continue }
                        acc.add(keys.key { $0 == .ydelse ? code : next }, period)
                    }
                    acc.sourceRows += spell.rowCount
                }
            }
        }
    }

    /// `screeninger`: screenings dated in the period, by group, advice, whether the decision
    /// overrides it, and the caseworker's unit.
    func screenings(_ acc: inout Accumulator, _ shard: Shard) {
        let r = register, keys = acc.keys
        // Screenings are sorted by day: only the window's.
        let inWindow = r.screeningDay.partitionPoint { $0 >= acc.window.0 }..<r.screeningDay.partitionPoint { $0 > acc.window.1 }
        for i in shard.range(inWindow) {
            guard let period = acc.period(of: r.screeningDay[i]) else { continue }
            let group = r.screeningGroup[i], given = r.screeningAdvice[i], unit = r.screeningUnit[i]
            let advice: Int32 = given < 0 ? 3 : given
            let overrides: Int32 = given >= 0 && given != group ? 0 : 1
            guard keys.allows(.gruppe, group), keys.allows(.forslag, advice), keys.allows(.afvigelse, overrides), keys.allows(.enhed, unit)
            else { continue }
            acc.add(
                keys.key { d in
                    switch d {
                    case .gruppe: group
                    case .forslag: advice
                    case .afvigelse: overrides
                    default: unit
                    }
                }, period)
            acc.sourceRows += 1
        }
    }
}
