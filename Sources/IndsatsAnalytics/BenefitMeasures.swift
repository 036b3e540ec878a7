import IndsatsCore

// Measures over benefit periods: full-time persons, persons, and the states on a
// reporting period's last day (CV share, repeat sickness) or within it (paid hours).
extension KPIEngine {
    /// `fuldtidspersoner` and `personer`: the union of a person's days per ydelse, spread over the periods.
    func benefitDays(_ acc: inout Accumulator, _ shard: Shard) {
        let r = register, keys = acc.keys, window = acc.window
        let agesFiltered = keys.allowed[Dimension.aldersgruppe.ordinal] != nil
        var merged: [(Int32, Int32)] = []
        for p in shard.range(of: r.personCount) {
            let municipality = r.personMunicipality[p], sex = r.personSex[p], birth = r.personBirth[p]
            guard keys.allows(.kommune, municipality), keys.allows(.koen, sex) else { continue }
            forEachBenefitGroup(of: p) { code, rows in
                guard keys.allows(.ydelse, code) else { return }
                merged.removeAll(keepingCapacity: true)
                for i in rows {
                    guard let span = clip(r.benefitStart[i], r.benefitEnd[i], window) else { continue }
                    if agesFiltered
                        && !acc.periods(overlapping: span).contains(where: { keys.allows(.aldersgruppe, keys.ageGroup(birth, $0)) })
                    {
                        continue
                    }
                    acc.sourceRows += 1
                    mergeInto(&merged, span)
                }
                for span in merged {
                    acc.distribute(span, person: Int32(p)) { period in
                        let age = keys.ageGroup(birth, period)
                        guard keys.allows(.aldersgruppe, age) else { return nil }
                        return keys.key { d in
                            switch d {
                            case .ydelse: return code
                            case .kommune: return municipality
                            case .koen: return sex
                            default: return age
                            }
                        }
                    }
                }
            }
        }
    }

    /// `andel_med_cv`: on each period's last day, persons on dagpenge or kontanthjælp (jobparat)
    /// and of them those with a CV dated that day or earlier; by who has them that day.
    func cvShare(_ acc: inout Accumulator, _ shard: Shard) {
        let r = register, keys = acc.keys
        // Whether each ydelse counts, by code index (the code imported: by hovedydelse, too).
        let codes = r.benefits.strings.map { $0 == "dagpenge" || $0 == "kontanthjaelp_jobparat" }
        let byWhoHas = keys.uses(.enhed) || keys.uses(.medarbejder)
        for p in shard.persons(r.personCount) {
            for i in r.benefitRows(of: p) where codes[Int(r.sourceCode(i))] && keys.allows(.ydelse, r.benefitCode[i]) {
                // Keys are made from locals: a closure reading `r` would copy the register.
                let code = r.benefitCode[i]
                var used = false
                for period in acc.periods(overlapping: (r.benefitStart[i], r.benefitEnd[i])) {
                    let day = acc.periodEnds[period]
                    guard r.benefitStart[i] <= day && day <= r.benefitEnd[i] else { continue }
                    let (unit, staff) = byWhoHas ? r.responsible(p, on: day) : (0, 0)
                    guard keys.allows(.enhed, unit), keys.allows(.medarbejder, staff) else { continue }
                    used = true
                    // The first update in the history file, else the person's cv_dato.
                    let cv = r.personFirstCVUpdate[p] != Register.unknownDay ? r.personFirstCVUpdate[p] : r.personCV[p]
                    acc.countPerson(
                        keys.key { d in d == .ydelse ? code : d == .enhed ? unit : staff }, period, Int32(p),
                        inNumerator: cv != Register.unknownDay && cv <= day)
                }
                if used { acc.sourceRows += 1 }
            }
        }
    }

    /// `andel_loennede_timer`: persons with a day on an `*_aktivitetsparat` ydelse in the period,
    /// and of them those with an `ordinaere_timer` activity overlapping the period.
    func paidHoursShare(_ acc: inout Accumulator, _ shard: Shard) {
        let r = register, keys = acc.keys, window = acc.window
        let codes = r.benefits.strings.map { $0.hasSuffix("_aktivitetsparat") }
        let paidHours = r.types.index(of: "ordinaere_timer")
        // The closures below read these columns, not `r`, which they would copy.
        let activityType = r.activityType, activityStart = r.activityStart, activityEnd = r.activityEnd
        for p in shard.range(of: r.personCount) {
            let hours = r.activityRows(of: p).filter { activityType[$0] == paidHours }
            for i in r.benefitRows(of: p) where codes[Int(r.sourceCode(i))] && keys.allows(.ydelse, r.benefitCode[i]) {
                guard let span = clip(r.benefitStart[i], r.benefitEnd[i], window) else { continue }
                acc.sourceRows += 1
                let code = r.benefitCode[i]
                for period in acc.periods(overlapping: span) {
                    let (start, end) = (acc.periodStarts[period], acc.periodEnds[period])
                    let paid = hours.contains { activityStart[$0] <= end && start <= activityEnd[$0] }
                    acc.countPerson(keys.key { _ in code }, period, Int32(p), inNumerator: paid)
                }
            }
        }
    }

    /// `gengangere`: on each period's last day D, persons on sygedagpenge at D by how many
    /// sickness periods (unions of overlapping or adjacent periods) started in (D − 36 months, D].
    func repeatSickness(_ acc: inout Accumulator, _ shard: Shard) {
        let r = register, keys = acc.keys
        guard let sickness = r.benefits.index(of: "sygedagpenge") else { return }
        let lastDays = acc.periodEnds
        let lookBack = lastDays.map { adding(months: -36, to: $0) }
        var unions: [(Int32, Int32)] = []
        for p in shard.range(of: r.personCount) {
            unions.removeAll(keepingCapacity: true)
            var rows = 0
            for i in r.benefitRows(of: p) where r.benefitCode[i] == sickness {
                mergeInto(&unions, (r.benefitStart[i], r.benefitEnd[i]))
                rows += 1
            }
            guard !unions.isEmpty else { continue }
            var counted = false
            for (period, day) in lastDays.enumerated() where unions.contains(where: { $0.0 <= day && day <= $0.1 }) {
                let started = unions.count { $0.0 > lookBack[period] && $0.0 <= day }
                for threshold in RepeatCount.labels.indices where started >= threshold + 2 && keys.allows(.antal, Int32(threshold)) {
                    acc.countPerson(keys.key { _ in Int32(threshold) }, period, Int32(p), inNumerator: true)
                    counted = true
                }
            }
            if counted { acc.sourceRows += rows }
        }
    }

    /// Calls `body` with each ydelse of person `p` and its rows (sorted by start).
    func forEachBenefitGroup(of p: Int, _ body: (Int32, Range<Int>) -> Void) {
        let r = register
        var row = r.benefitOffsets[p]
        let end = r.benefitOffsets[p + 1]
        while row < end {
            let code = r.benefitCode[row]
            var groupEnd = row
            while groupEnd < end && r.benefitCode[groupEnd] == code { groupEnd += 1 }
            body(code, row..<groupEnd)
            row = groupEnd
        }
    }
}
