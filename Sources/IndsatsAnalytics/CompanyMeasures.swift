import IndsatsCore

// Measures over conversations, job orders and company contacts.
extension KPIEngine {
    /// `samtaler`: conversations held in each period.
    func conversations(_ acc: inout Accumulator, _ shard: Shard) {
        let r = register, keys = acc.keys
        // Sorted by day: the window's rows are one run.
        let inWindow = r.conversationDay.partitionPoint { $0 >= acc.window.0 }..<r.conversationDay.partitionPoint { $0 > acc.window.1 }
        for i in shard.range(inWindow) {
            let (type, unit, staff, heldBy) = (
                r.conversationType[i], r.conversationUnit[i], r.conversationStaff[i], r.conversationHeldBy[i]
            )
            guard keys.allows(.type, type), keys.allows(.enhed, unit), keys.allows(.medarbejder, staff), keys.allows(.afholdt_af, heldBy),
                let period = acc.period(of: r.conversationDay[i])
            else { continue }
            acc.sourceRows += 1
            acc.add(
                keys.key { d in
                    switch d {
                    case .type: return type
                    case .enhed: return unit
                    case .medarbejder: return staff
                    default: return heldBy
                    }
                }, period)
        }
    }

    /// `jobordrer` and `stillinger` by the day an order was created, `formidlinger` (filled
    /// positions) by the day it was closed.
    func jobOrders(_ acc: inout Accumulator, _ shard: Shard) {
        let r = register, keys = acc.keys, measure = acc.query.measure
        for i in shard.range(of: r.jobCreated.count) {
            let unit = r.jobUnit[i]
            guard keys.allows(.enhed, unit),
                let period = acc.period(of: measure == .formidlinger ? r.jobClosed[i] : r.jobCreated[i])
            else { continue }
            acc.sourceRows += 1
            let amount: Int32 =
                switch measure {
                case .stillinger: r.jobPositions[i]
                case .formidlinger: r.jobFilled[i]
                default: 1
                }
            acc.add(keys.key { _ in unit }, period, Int64(amount))
        }
    }

    /// `placeringer`: citizens placed in job orders in the period, by the order's unit, its
    /// company's branch and the citizen's benefit on the day.
    func placements(_ acc: inout Accumulator, _ shard: Shard) {
        let r = register, keys = acc.keys
        let needsBenefit = keys.uses(.ydelse)
        let inWindow = r.placementDay.partitionPoint { $0 >= acc.window.0 }..<r.placementDay.partitionPoint { $0 > acc.window.1 }
        for i in shard.range(inWindow) {
            let day = r.placementDay[i], job = Int(r.jobRowOfID[Int(r.placementJob[i])])
            let unit = job < 0 ? r.unknownUnit : r.jobUnit[job]
            let industry = job < 0 ? r.unknownIndustry : r.companyIndustry[Int(r.jobCompany[job])]
            let benefit = needsBenefit ? r.benefitOnDay(Int(r.placementPerson[i]), day)?.benefit ?? -1 : -1
            guard keys.allows(.enhed, unit), keys.allows(.branche, industry), keys.allows(.ydelse, benefit),
                let period = acc.period(of: day)
            else { continue }
            acc.sourceRows += 1
            acc.add(
                keys.key { d in
                    switch d {
                    case .enhed: return unit
                    case .branche: return industry
                    default: return benefit
                    }
                }, period)
        }
    }

    /// `virksomhedsdaekning`: on each period's last day D, companies with more than 5 employees,
    /// and of them those with a contact in [D − 364, D]. Split by unit, each unit's share has all
    /// such companies as its denominator and those that unit contacted as its numerator.
    /// `virksomhedsdaekning_personlig` counts only contacts in person or by phone.
    func companyCoverage(_ acc: inout Accumulator, _ shard: Shard) {
        let r = register, keys = acc.keys
        let byUnit = keys.splitBy.contains(.enhed)
        let personal = acc.query.measure == .virksomhedsdaekning_personlig
        let units = (personal ? r.personalContactUnits : r.contactUnits).filter { keys.allows(.enhed, $0) }
        let contactPersonal = r.contactPersonal
        let lastDays = acc.periodEnds
        // The closure below reads these columns, not `r`, which it would copy.
        let contactDay = r.contactDay, contactUnit = r.contactUnit
        for c in shard.range(of: r.companyCount) where r.companyEmployees[c] > 5 && keys.allows(.branche, r.companyIndustry[c]) {
            let industry = r.companyIndustry[c]
            let contacts = r.contactOffsets[c]..<r.contactOffsets[c + 1]
            acc.sourceRows += 1
            for (period, day) in lastDays.enumerated() {
                func contacted(by unit: Int32?) -> Bool {
                    contacts.contains { i in
                        contactDay[i] >= day - 364 && contactDay[i] <= day && (!personal || contactPersonal[i])
                            && (unit.map { contactUnit[i] == $0 } ?? units.contains(contactUnit[i]))
                    }
                }
                if byUnit {
                    for unit in units {
                        acc.addShare(keys.key { $0 == .enhed ? unit : industry }, period, inNumerator: contacted(by: unit))
                    }
                } else {
                    acc.addShare(keys.key { _ in industry }, period, inNumerator: contacted(by: nil))
                }
            }
        }
    }
}
