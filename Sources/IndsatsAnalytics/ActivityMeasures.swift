import IndsatsCore

// Measures over activities: full-time activated, the company-based share, and effect.
extension KPIEngine {
    /// `fuldtidsaktiverede` and `andel_virksomhedsrettet`: per person, the union of days per
    /// activity type (and per split value), spread over the periods. For the share, only offers
    /// to persons on a benefit count: every day goes to the denominator, and days in offers at a
    /// company also to the numerator.
    func activityDays(_ acc: inout Accumulator, _ shard: Shard) {
        let r = register, keys = acc.keys, window = acc.window
        let share = acc.query.measure == .andel_virksomhedsrettet
        let needsTarget = share || keys.uses(.maalgruppe)
        let counted = r.types.strings.map { !share || ReferenceData.offerTypes.contains($0) }
        let atCompany = r.types.strings.map { ReferenceData.companyOffers.contains($0) }
        var byUnionKey: [GroupKey: [(Int32, Int32)]] = [:]
        for p in shard.range(of: r.personCount) {
            byUnionKey.removeAll(keepingCapacity: true)
            for i in r.activityRows(of: p) {
                let type = r.activityType[i], initiative = r.activityInitiative[i], unit = r.activityUnit[i]
                guard counted[Int(type)], keys.allows(.type, type), keys.allows(.indsats, initiative), keys.allows(.enhed, unit) else {
                    continue
                }
                let target = needsTarget ? (r.benefit(of: Int32(p), coveringDay: r.activityStart[i]) ?? -1) : -1
                guard keys.allows(.maalgruppe, target), !share || target >= 0, let span = clip(r.activityStart[i], r.activityEnd[i], window)
                else { continue }
                acc.sourceRows += 1
                // Days are unioned per person and activity type (and per split value).
                var unionKey = GroupKey()
                unionKey.set(0, type)
                unionKey.set(1, keys.splitBy.contains(.indsats) ? initiative : 0)
                unionKey.set(2, keys.splitBy.contains(.enhed) ? unit : 0)
                unionKey.set(3, keys.splitBy.contains(.maalgruppe) ? target : 0)
                byUnionKey[unionKey, default: []].append(span)
            }
            for (unionKey, spans) in byUnionKey {
                let key = keys.key { d in
                    switch d {
                    case .type: return unionKey.value(0)
                    case .indsats: return unionKey.value(1)
                    case .enhed: return unionKey.value(2)
                    default: return unionKey.value(3)
                    }
                }
                var merged: [(Int32, Int32)] = []
                for span in spans.sorted(by: { $0 < $1 }) { mergeInto(&merged, span) }
                let inNumerator = !share || atCompany[Int(unionKey.value(0))]
                for span in merged { acc.distribute(span, person: Int32(p), numerator: inNumerator) { _ in key } }
            }
        }
    }

    /// `startede_aktiviteter`: activities counted in the period of their first day.
    func startedActivities(_ acc: inout Accumulator, _ shard: Shard) {
        let r = register, keys = acc.keys
        let needsTarget = keys.uses(.maalgruppe)
        for p in shard.range(of: r.personCount) {
            for i in r.activityRows(of: p) {
                let type = r.activityType[i], initiative = r.activityInitiative[i], unit = r.activityUnit[i]
                guard let period = acc.period(of: r.activityStart[i]), keys.allows(.type, type), keys.allows(.indsats, initiative),
                    keys.allows(.enhed, unit)
                else { continue }
                let target = needsTarget ? (r.benefit(of: Int32(p), coveringDay: r.activityStart[i]) ?? -1) : -1
                guard keys.allows(.maalgruppe, target) else { continue }
                acc.sourceRows += 1
                acc.add(
                    keys.key { d in
                        switch d {
                        case .type: return type
                        case .indsats: return initiative
                        case .enhed: return unit
                        default: return target
                        }
                    }, period)
            }
        }
    }

    /// `effekt`: activities ended in the period, by the person's status N months later.
    /// `effekt_personer`: the same, each person once per type, initiative, target group and
    /// period, by their latest-ending such activity (ties to the greatest `aktivitet_id`).
    func effect(_ acc: inout Accumulator, _ shard: Shard) {
        let r = register, keys = acc.keys
        let months = acc.query.monthsAfter, til = acc.window.1
        let perPerson = acc.query.measure == .effekt_personer
        // The activity each (type, initiative, target group, period) of a person counts by.
        var chosen: [GroupKey: Int] = [:]
        for p in shard.range(of: r.personCount) {
            chosen.removeAll(keepingCapacity: true)
            for i in r.activityRows(of: p) where r.activityEnd[i] != Register.openEnd {
                let type = r.activityType[i], initiative = r.activityInitiative[i]
                guard keys.allows(.type, type), keys.allows(.indsats, initiative),
                    let period = acc.period(of: r.activityEnd[i])
                else { continue }
                let day = adding(months: months, to: r.activityEnd[i])
                guard day <= til else { continue }
                let target = r.benefit(of: Int32(p), coveringDay: r.activityStart[i]) ?? -1
                guard keys.allows(.maalgruppe, target) else { continue }
                if perPerson {
                    var group = GroupKey()
                    group.set(0, type); group.set(1, initiative); group.set(2, target); group.set(3, Int32(period))
                    if let other = chosen[group], (r.activityEnd[other], r.activityIDRank[other]) > (r.activityEnd[i], r.activityIDRank[i])
                    {
                        continue
                    }
                    chosen[group] = i
                } else {
                    count(i, p, type, initiative, target, period, day, &acc)
                }
            }
            for (group, i) in chosen {
                count(
                    i, p, group.value(0), group.value(1), group.value(2), Int(group.value(3)), adding(months: months, to: r.activityEnd[i]),
                    &acc)
            }
        }
    }

    /// Counts activity `i` of person `p` in `period` by the person's status on `day`.
    private func count(
        _ i: Int, _ p: Int, _ type: Int32, _ initiative: Int32, _ target: Int32, _ period: Int, _ day: Int32, _ acc: inout Accumulator
    ) {
        let keys = acc.keys
        let status = self.status(of: p, target: target, on: day, since: register.activityStart[i]).rawValue
        guard keys.allows(.status, status) else { return }
        acc.sourceRows += 1
        acc.add(
            keys.key { d in
                switch d {
                case .type: return type
                case .indsats: return initiative
                case .maalgruppe: return target
                default: return status
                }
            }, period)
    }
}
