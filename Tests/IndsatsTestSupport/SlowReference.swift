import IndsatsAnalytics
import IndsatsContract
import IndsatsCore

/// Every measure computed the slow, obviously correct way: day by day, person by
/// person, straight from docs/noegletal.md, sharing no code with the engine.
/// Tests compare the engine's rows with ``evaluate(_:)``.
public struct SlowReference {
    public var persons: [Person]
    public var benefits: [BenefitPeriod]
    public var activities: [Activity]
    public var conversations: [Conversation]
    public var companies: [Company]
    public var contacts: [CompanyContact]
    public var jobOrders: [JobOrder]
    public var assignments: [Assignment] = []
    public var staffMembers: [StaffMember] = []
    /// The imported contact rules; none means the defaults.
    public var contactRules: [ContactRule] = []
    public var screenings: [Screening] = []
    public var placements: [Placement] = []
    public var cvUpdates: [CVUpdate] = []
    public var pools: [GrantPool] = []
    public var poolParticipants: [PoolParticipant] = []
    public var budgets: [BenefitBudget] = []
    public var reference: ReferenceData
    public var prices: BenefitPrices
    /// The periods as imported, while `benefits` holds them by hovedydelse (a query by hovedydelse).
    var imported: [BenefitPeriod]?

    public init(
        persons: [Person], benefits: [BenefitPeriod], activities: [Activity], conversations: [Conversation] = [],
        companies: [Company] = [], contacts: [CompanyContact] = [], jobOrders: [JobOrder] = [],
        reference: ReferenceData = .defaults, prices: BenefitPrices = .defaults
    ) {
        self.persons = persons; self.benefits = benefits; self.activities = activities
        self.conversations = conversations; self.companies = companies; self.contacts = contacts
        self.jobOrders = jobOrders; self.reference = reference; self.prices = prices
    }

    /// What one group gathers in one period.
    struct Cell {
        var numerator = 0.0
        var denominator = 0.0
        var samples: [Double] = []
        var persons = Set<String>()
        var numeratorPersons = Set<String>()
    }

    /// The rows the engine should give: every group something was recorded for (the
    /// total row always when not split), every period, sorted by dimension values.
    public func evaluate(_ q: KPIQuery) -> [KPIRow] {
        if imported == nil && (q.splitBy.contains(.hovedydelse) || q.filters[.hovedydelse] != nil) {
            // Every period's ydelse replaced by its hovedydelse, then asked by ydelse.
            var merged = self
            merged.imported = benefits
            merged.benefits = benefits.map {
                var b = $0; b.benefit = Self.mainBenefit($0.benefit); return b
            }
            var asked = q
            asked.splitBy = q.splitBy.map { $0 == .hovedydelse ? .ydelse : $0 }
            asked.filters[.ydelse] = asked.filters.removeValue(forKey: .hovedydelse)
            return merged.evaluate(asked)
        }
        if q.measure == .nettoudgift { return netSpending(q).rows }
        if q.measure == .budgetforbrug { return budgetUse(q) }
        let periods = ReportingPeriod.split(q.window, by: q.measure == .puljeresultat ? .hele : q.periodKind)
        var cells: [[String]: [Cell]] = [:]
        if q.splitBy.isEmpty { cells[[]] = Array(repeating: Cell(), count: periods.count) }
        /// Records into the group the values name, when they pass the filters (dimensions in `ignoring` are checked by the caller).
        func record(_ values: [Dimension: String], _ p: Int, ignoring: Set<Dimension> = [], _ update: (inout Cell) -> Void) {
            guard q.filters.allSatisfy({ d, allowed in ignoring.contains(d) || allowed.contains(values[d]!) }) else { return }
            let key = q.splitBy.map { values[$0]! }
            if cells[key] == nil { cells[key] = Array(repeating: Cell(), count: periods.count) }
            update(&cells[key]![p])
        }
        let ids = Set(persons.map(\.id) + benefits.map(\.personID) + activities.map(\.personID)).sorted()
        let personByID = Dictionary(persons.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let til = q.window.end

        for (p, period) in periods.enumerated() {
            let last = period.days.end
            switch q.measure {
            case .fuldtidspersoner, .personer:
                for id in ids {
                    let person = personByID[id] ?? Person(id: id)
                    for benefit in Set(benefits(of: id).map(\.benefit)) {
                        let days = daysCovered(period.days, benefits(of: id).filter { $0.benefit == benefit }.map(\.days))
                        guard days > 0 else { continue }
                        let values: [Dimension: String] = [
                            .ydelse: benefit, .kommune: person.municipality ?? "ukendt",
                            .koen: person.sex ?? "ukendt", .aldersgruppe: ageLabel(person.birthDate, period.days.start),
                        ]
                        record(values, p) {
                            $0.numerator += Double(days); $0.persons.insert(id)
                        }
                    }
                }
            case .fuldtidsaktiverede, .andel_virksomhedsrettet:
                for id in ids {
                    var groups: [[String]: (values: [Dimension: String], rows: [DayRange])] = [:]
                    for a in activities where a.personID == id {
                        let values: [Dimension: String] = [
                            .type: a.type, .indsats: a.initiativeID ?? "ukendt",
                            .enhed: a.unit ?? "ukendt", .maalgruppe: targetGroup(id, a.start),
                        ]
                        // The share counts offers (tilbud) to persons on a benefit only (version 2).
                        let offers = [
                            "virksomhedspraktik", "loentilskud_privat", "loentilskud_offentlig", "nytteindsats",
                            "vejledning_opkvalificering",
                        ]
                        if q.measure == .andel_virksomhedsrettet && (!offers.contains(a.type) || values[.maalgruppe] == "ingen_ydelse") {
                            continue
                        }
                        guard q.filters.allSatisfy({ d, allowed in allowed.contains(values[d]!) }) else { continue }
                        let unionKey = [a.type] + q.splitBy.map { values[$0]! }
                        groups[unionKey, default: (values, [])].rows.append(a.days)
                    }
                    for (_, group) in groups {
                        let days = Double(daysCovered(period.days, group.rows))
                        guard days > 0 else { continue }
                        let companyBased = ["virksomhedspraktik", "loentilskud_privat", "loentilskud_offentlig"].contains(
                            group.values[.type]!)
                        record(group.values, p) {
                            $0.denominator += days
                            if q.measure == .fuldtidsaktiverede || companyBased { $0.numerator += days }
                        }
                    }
                }
            case .startede_aktiviteter:
                for a in activities where period.days.contains(a.start) {
                    record(
                        [
                            .type: a.type, .indsats: a.initiativeID ?? "ukendt", .enhed: a.unit ?? "ukendt",
                            .maalgruppe: targetGroup(a.personID, a.start),
                        ], p
                    ) { $0.numerator += 1 }
                }
            case .tilgang, .afgang, .varighed, .varighed_median, .selvforsoergelse:
                for id in ids {
                    let person = personByID[id] ?? Person(id: id)
                    let sex = person.sex ?? "ukendt"
                    for benefit in Set(benefits(of: id).map(\.benefit)) {
                        for spell in spells(benefits(of: id).filter { $0.benefit == benefit }) {
                            if q.measure == .tilgang {
                                if period.days.contains(spell.first) {
                                    record([.ydelse: benefit, .koen: sex, .aldersgruppe: ageLabel(person.birthDate, spell.first)], p) {
                                        $0.numerator += 1
                                    }
                                }
                                continue
                            }
                            guard let end = spell.last, period.days.contains(end) else { continue }
                            let age = ageLabel(person.birthDate, end)
                            switch q.measure {
                            case .afgang:
                                let (unit, staff) = responsible(id, on: end)
                                // Weeks by days on the ydelse: 0-4 is up to 28 days, and so on.
                                let weeks = [
                                    (28, "0-4 uger"), (56, "5-8 uger"), (91, "9-13 uger"), (182, "14-26 uger"), (364, "27-52 uger"),
                                ]
                                let duration = weeks.first { spell.days <= $0.0 }?.1 ?? "over 52 uger"
                                record(
                                    [
                                        .ydelse: benefit, .afgang: spell.exit, .enhed: unit, .medarbejder: staff, .koen: sex,
                                        .aldersgruppe: age,
                                        .varighedsgruppe: duration,
                                    ], p
                                ) { $0.numerator += 1 }
                            case .selvforsoergelse:
                                let day = end.adding(months: q.monthsAfter)
                                guard day <= til else { continue }
                                record([.ydelse: benefit, .status: status(id, benefit, day, since: spell.first)], p) { $0.numerator += 1 }
                            default:
                                record([.ydelse: benefit, .koen: sex, .aldersgruppe: age], p) { $0.samples.append(Double(spell.days)) }
                            }
                        }
                    }
                }
            case .effekt:
                for a in activities {
                    guard let end = a.end, period.days.contains(end) else { continue }
                    let day = end.adding(months: q.monthsAfter)
                    guard day <= til else { continue }
                    let target = targetGroup(a.personID, a.start)
                    record(
                        [
                            .type: a.type, .indsats: a.initiativeID ?? "ukendt", .maalgruppe: target,
                            .status: status(a.personID, target, day, since: a.start),
                        ], p
                    ) { $0.numerator += 1 }
                }
            case .effekt_personer:
                // Each person once per type, initiative and target group: the latest-ending activity, ties to the greatest id.
                var latest: [[String]: Activity] = [:]
                for a in activities {
                    guard let end = a.end, period.days.contains(end), end.adding(months: q.monthsAfter) <= til else { continue }
                    let group = [a.personID, a.type, a.initiativeID ?? "ukendt", targetGroup(a.personID, a.start)]
                    if let other = latest[group], (other.end!, other.id) > (end, a.id) { continue }
                    latest[group] = a
                }
                for (group, a) in latest {
                    let day = a.end!.adding(months: q.monthsAfter)
                    record(
                        [
                            .type: group[1], .indsats: group[2], .maalgruppe: group[3],
                            .status: status(a.personID, group[3], day, since: a.start),
                        ],
                        p
                    ) { $0.numerator += 1 }
                }
            case .gengangere:
                for id in ids {
                    let sick = benefits(of: id).filter { $0.benefit == "sygedagpenge" }
                    guard sick.contains(where: { $0.days.contains(last) }) else { continue }
                    let since = last.adding(months: -36)
                    let started = sicknessPeriods(sick).filter { $0.start > since && $0.start <= last }.count
                    for threshold in 2...4 where started >= threshold {
                        record([.antal: "mindst_\(threshold)"], p) { $0.numeratorPersons.insert(id) }
                    }
                }
            case .virksomhedsdaekning, .virksomhedsdaekning_personlig:
                // The personal variant is the same over contacts in person or by phone only.
                let contacts =
                    q.measure == .virksomhedsdaekning
                    ? self.contacts : self.contacts.filter { $0.channel == "personligt" || $0.channel == "telefon" }
                let units = Set(contacts.map { $0.unit ?? "ukendt" })
                var allCompanies = companies
                for c in self.contacts where !allCompanies.contains(where: { $0.cvr == c.cvr }) { allCompanies.append(Company(cvr: c.cvr)) }
                for company in allCompanies where (company.employees ?? 0) > 5 {
                    let recent = contacts.filter { $0.cvr == company.cvr && $0.date <= last && $0.date >= last.advanced(by: -364) }
                    let industry = company.industry ?? "ukendt"
                    if q.splitBy.contains(.enhed) {
                        for unit in units {
                            let hit = recent.contains { ($0.unit ?? "ukendt") == unit }
                            record([.enhed: unit, .branche: industry], p) {
                                $0.denominator += 1; if hit { $0.numerator += 1 }
                            }
                        }
                    } else {
                        let hit = recent.contains { q.filters[.enhed]?.contains($0.unit ?? "ukendt") ?? true }
                        record([.branche: industry], p, ignoring: [.enhed]) {
                            $0.denominator += 1; if hit { $0.numerator += 1 }
                        }
                    }
                }
            case .samtaler:
                for c in conversations where period.days.contains(c.date) {
                    record(
                        [
                            .type: c.type, .enhed: c.unit ?? "ukendt", .medarbejder: c.staffID ?? "ukendt",
                            .afholdt_af: c.heldBy ?? "ukendt",
                        ], p
                    ) { $0.numerator += 1 }
                }
            case .jobordrer, .stillinger, .formidlinger:
                for j in jobOrders {
                    let day = q.measure == .formidlinger ? j.closed : j.created
                    guard let day, period.days.contains(day) else { continue }
                    let amount = q.measure == .jobordrer ? 1 : q.measure == .stillinger ? (j.positions ?? 0) : (j.filled ?? 0)
                    record([.enhed: j.unit ?? "ukendt"], p) { $0.numerator += Double(amount) }
                }
            case .andel_med_cv:
                for id in ids {
                    // The population by the codes as imported, counted under the code asked for.
                    let counted = (imported ?? benefits).filter {
                        $0.personID == id && ["dagpenge", "kontanthjaelp_jobparat"].contains($0.benefit) && $0.days.contains(last)
                    }
                    for benefit in Set(counted.map { label($0.benefit) }) {
                        // With rows in the CV history, an update on or before the day; else cv_dato on or before it.
                        let updates = cvUpdates.filter { $0.personID == id }
                        let hasCV =
                            updates.isEmpty ? (personByID[id]?.cvDate.map { $0 <= last } ?? false) : updates.contains { $0.date <= last }
                        let (unit, staff) = responsible(id, on: last)
                        record([.ydelse: benefit, .enhed: unit, .medarbejder: staff], p) {
                            $0.persons.insert(id)
                            if hasCV { $0.numeratorPersons.insert(id) }
                        }
                    }
                }
            case .andel_loennede_timer:
                for id in ids {
                    let paid = activities.contains { $0.personID == id && $0.type == "ordinaere_timer" && $0.days.overlaps(period.days) }
                    let counted = (imported ?? benefits).filter {
                        $0.personID == id && $0.benefit.hasSuffix("_aktivitetsparat") && $0.days.overlaps(period.days)
                    }
                    for benefit in Set(counted.map { label($0.benefit) }) {
                        record([.ydelse: benefit], p) {
                            $0.persons.insert(id)
                            if paid { $0.numeratorPersons.insert(id) }
                        }
                    }
                }
            case .nettoudgift: break
            case .sagsstamme:
                for id in ids {
                    guard let (benefit, onBenefit) = benefitOnDay(id, last), onBenefit else { continue }
                    let staff = assignedCaseworker(id, last)
                    let (unit, team) = unitAndTeam(staff)
                    record([.medarbejder: staff, .enhed: unit, .team: team, .ydelse: benefit], p) { $0.persons.insert(id) }
                }
            case .samtaleopfyldelse, .tilbudsrettidighed:
                let rules = contactRules.isEmpty ? ContactRule.defaults : contactRules
                for id in ids {
                    for benefit in Set(benefits(of: id).map(\.benefit)) {
                        for spell in spells(benefits(of: id).filter { $0.benefit == benefit }) {
                            // The rule of the code the spell began on: its alphabetically first code starting that day.
                            let began = (imported ?? benefits).filter {
                                $0.personID == id && label($0.benefit) == benefit && $0.start == spell.first
                            }
                            .map(\.benefit).min()!
                            guard let rule = rules.first(where: { $0.benefit == began && $0.days.contains(spell.first) }),
                                let months = q.measure == .tilbudsrettidighed ? rule.offerWithinMonths : rule.withinMonths
                            else { continue }
                            let deadline = spell.first.adding(months: months).advanced(by: -1)
                            guard period.days.contains(deadline), (spell.last ?? .distantFuture) >= deadline else { continue }
                            let window = DayRange(spell.first, deadline)
                            let met: Bool
                            if q.measure == .tilbudsrettidighed {
                                met = activities.contains {
                                    $0.personID == id && ReferenceData.offerTypes.contains($0.type) && window.contains($0.start)
                                }
                            } else {
                                let held = conversations.filter {
                                    $0.personID == id && window.contains($0.date)
                                        && (!rule.municipalityOnly || $0.heldBy == nil || $0.heldBy == "kommune")
                                }
                                met = held.count >= rule.conversations
                            }
                            let staff = assignedCaseworker(id, deadline)
                            record([.ydelse: benefit, .enhed: unitAndTeam(staff).unit, .medarbejder: staff], p) {
                                $0.denominator += 1
                                if met { $0.numerator += 1 }
                            }
                        }
                    }
                }
            case .fastholdelse, .overgange:
                for id in ids {
                    for benefit in Set(benefits(of: id).map(\.benefit)) {
                        for spell in spells(benefits(of: id).filter { $0.benefit == benefit }) {
                            guard let end = spell.last, period.days.contains(end) else { continue }
                            if q.measure == .overgange {
                                record(
                                    [.ydelse: benefit, .til_ydelse: benefitOnDay(id, end.advanced(by: 1))?.benefit ?? "ingen_ydelse"], p
                                ) {
                                    $0.numerator += 1
                                }
                                continue
                            }
                            guard spell.exit == "job" || spell.exit == "uddannelse" else { continue }
                            let after = DayRange(end.advanced(by: 1), end.adding(months: q.monthsAfter))
                            guard after.end <= til else { continue }
                            let back = benefits(of: id).contains { $0.benefit != "selvforsoergende" && $0.days.overlaps(after) }
                            record([.ydelse: benefit, .afgang: spell.exit], p) {
                                $0.denominator += 1
                                if !back { $0.numerator += 1 }
                            }
                        }
                    }
                }
            case .screeninger:
                for s in screenings where period.days.contains(s.date) {
                    let advice = s.advice ?? "intet"
                    let overrides = s.advice != nil && s.advice != s.group ? "ja" : "nej"
                    record([.gruppe: s.group, .forslag: advice, .afvigelse: overrides, .enhed: unitAndTeam(s.staffID ?? "ukendt").unit], p)
                    {
                        $0.numerator += 1
                    }
                }
            case .placeringer:
                for placement in placements where period.days.contains(placement.date) {
                    let order = jobOrders.first { $0.id == placement.jobOrderID }
                    let industry = order.flatMap { o in companies.first { $0.cvr == o.cvr } }?.industry ?? "ukendt"
                    let benefit = benefitOnDay(placement.personID, placement.date)?.benefit ?? "ingen_ydelse"
                    record([.enhed: order?.unit ?? "ukendt", .branche: industry, .ydelse: benefit], p) { $0.numerator += 1 }
                }
            case .puljeresultat:
                for pool in pools {
                    for member in poolParticipants where member.poolID == pool.id {
                        let (from, to) = (max(member.from, pool.from), min(member.to ?? pool.to, pool.to))
                        var achieved = false
                        if from <= to {
                            let window = DayRange(from, to)
                            // 30 days of paid hours in the window, counted day by day.
                            let hours = activities.filter { $0.personID == member.personID && $0.type == "ordinaere_timer" }
                            let paidDays = (window.start...window.end).filter { d in hours.contains { $0.days.contains(d) } }.count
                            // Or a spell left for education in the window, then 30 days off benefit.
                            let left = Set(benefits(of: member.personID).map(\.benefit)).contains { benefit in
                                spells(benefits(of: member.personID).filter { $0.benefit == benefit }).contains { spell in
                                    guard let end = spell.last, spell.exit == "uddannelse", window.contains(end) else { return false }
                                    let after = DayRange(end.advanced(by: 1), end.advanced(by: 30))
                                    return !benefits(of: member.personID).contains {
                                        $0.benefit != "selvforsoergende" && $0.days.overlaps(after)
                                    }
                                }
                            }
                            achieved = paidDays >= 30 || left
                        }
                        record([.pulje: pool.id], p) {
                            $0.denominator += 1
                            if achieved { $0.numerator += 1 }
                        }
                    }
                }
            case .budgetforbrug: break
            case .refusionstrin:
                for id in ids {
                    let steps = refusionSteps(id, through: til)
                    for benefit in Set(benefits(of: id).map(\.benefit)) where benefit != "selvforsoergende" {
                        let rows = benefits(of: id).filter { $0.benefit == benefit }
                        for day in period.days.start...period.days.end where rows.contains(where: { $0.days.contains(day) }) {
                            record([.ydelse: benefit, .trin: "\(steps[day.monday]!)"], p) { $0.numerator += 1 }
                        }
                    }
                }
            }
        }

        var rows: [KPIRow] = []
        for key in cells.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            for (p, period) in periods.enumerated() {
                rows.append(KPIRow(dimensions: key, period: period.label, value: value(q.measure, cells[key]![p], period)))
            }
        }
        return rows
    }

    /// `nettoudgift` day by day: the rate in force that day × 12 / the year's days × the
    /// municipal share of the rule in force on the day's step. Also the unpriced days by benefit.
    public func netSpending(_ q: KPIQuery) -> (rows: [KPIRow], unpriced: [String: Int]) {
        let periods = ReportingPeriod.split(q.window, by: q.periodKind)
        var cells: [[String]: [Double]] = [:]
        if q.splitBy.isEmpty { cells[[]] = Array(repeating: 0, count: periods.count) }
        var unpriced: [String: Int] = [:]
        let ids = Set(benefits.map(\.personID)).sorted()
        // Each day is priced by the code it was imported with, also by hovedydelse.
        let source = imported ?? benefits
        for id in ids {
            let steps = refusionSteps(id, through: q.window.end)
            for benefit in Set(source.filter { $0.personID == id }.map(\.benefit)) where benefit != "selvforsoergende" {
                let rows = source.filter { $0.personID == id && $0.benefit == benefit }
                for (p, period) in periods.enumerated() {
                    for day in period.days.start...period.days.end where rows.contains(where: { $0.days.contains(day) }) {
                        let step = steps[day.monday]!
                        let values: [Dimension: String] = [.ydelse: label(benefit), .trin: "\(step)"]
                        guard q.filters.allSatisfy({ d, allowed in allowed.contains(values[d]!) }) else { continue }
                        guard let rate = prices.rates.last(where: { $0.benefit == benefit && $0.from <= day }),
                            let rule = prices.refusion.last(where: { $0.from <= day })
                        else {
                            unpriced[benefit, default: 0] += 1
                            continue
                        }
                        let key = q.splitBy.map { values[$0]! }
                        if cells[key] == nil { cells[key] = Array(repeating: 0, count: periods.count) }
                        cells[key]![p] += rate.monthly * 12 / Double(Day.isLeap(day.year) ? 366 : 365) * rule.municipalShares[step - 1]
                    }
                }
            }
        }
        let rows = cells.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }).flatMap { key in
            periods.enumerated().map { p, period in
                KPIRow(dimensions: key, period: period.label, value: (cells[key]![p] * 100).rounded() / 100)
            }
        }
        return (rows, unpriced)
    }

    /// `budgetforbrug`: the spending by benefit (or of the benefits with a budget) over the budget, day by day.
    func budgetUse(_ q: KPIQuery) -> [KPIRow] {
        let byCode = q.splitBy.contains(.ydelse)
        let budgeted = Set(budgets.map { label($0.benefit) }).filter { q.filters[.ydelse]?.contains($0) ?? true }
        var spending = q
        spending.measure = .nettoudgift
        if !byCode { spending.filters[.ydelse] = budgeted }
        return netSpending(spending).rows.map { row in
            let codes = byCode ? [row.dimensions[q.splitBy.firstIndex(of: .ydelse)!]] : Array(budgeted)
            let period = ReportingPeriod.split(q.window, by: q.periodKind).first { $0.label == row.period }!.days
            // Each year's budget times its share of the period's days, codes in order, years in order.
            var total = 0.0, any = false
            for code in codes.sorted() {
                for year in period.start.year...period.end.year {
                    let amounts = budgets.filter { $0.year == year && label($0.benefit) == code }.map(\.amount)
                    guard !amounts.isEmpty else { continue }
                    let days = (period.start...period.end).filter { $0.year == year }.count
                    total += amounts.reduce(0, +) * Double(days) / Double(Day.isLeap(year) ? 366 : 365)
                    any = true
                }
            }
            var out = row
            out.value = any && total > 0 ? (row.value ?? 0) / total : nil
            return out
        }
    }

    func value(_ measure: Measure, _ c: Cell, _ period: ReportingPeriod) -> Double? {
        switch measure {
        case .fuldtidspersoner, .fuldtidsaktiverede, .refusionstrin: return c.numerator / Double(period.days.dayCount)
        case .personer, .sagsstamme: return Double(c.persons.count)
        case .gengangere: return Double(c.numeratorPersons.count)
        case .andel_virksomhedsrettet, .virksomhedsdaekning, .virksomhedsdaekning_personlig, .samtaleopfyldelse, .tilbudsrettidighed,
            .puljeresultat,
            .fastholdelse:
            return c.denominator == 0 ? nil : c.numerator / c.denominator
        case .andel_med_cv, .andel_loennede_timer:
            return c.persons.isEmpty ? nil : Double(c.numeratorPersons.count) / Double(c.persons.count)
        case .varighed: return c.samples.isEmpty ? nil : c.samples.reduce(0, +) / Double(c.samples.count)
        case .varighed_median:
            let s = c.samples.sorted()
            if s.isEmpty { return nil }
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        default: return c.numerator
        }
    }

    /// `hovedydelse` as docs/noegletal.md words it: the 2025-07 merger's codes are kontanthjælp.
    static func mainBenefit(_ code: String) -> String {
        let merged = code.hasPrefix("kontanthjaelp_") || code.hasPrefix("uddannelseshjaelp_") || code == "integrationsydelse"
        return merged ? "kontanthjaelp" : code
    }

    /// The name an imported code is counted under: its hovedydelse while the query asks by it.
    func label(_ code: String) -> String { imported == nil ? code : Self.mainBenefit(code) }

    func benefits(of id: String) -> [BenefitPeriod] { benefits.filter { $0.personID == id } }

    /// Days of `range` covered by any of `rows`, counted one by one.
    func daysCovered(_ range: DayRange, _ rows: [DayRange]) -> Int {
        var days = 0
        for d in range.start...range.end where rows.contains(where: { $0.contains(d) }) { days += 1 }
        return days
    }

    /// A spell as the definition says it: first day, last day (`nil` while open), exit reason and days on the ydelse.
    struct ReferenceSpell {
        var first: Day
        var last: Day?
        var exit: String
        var days: Int
    }

    /// Chains the rows of one ydelse: a new spell starts after a gap holding a whole calendar month.
    func spells(_ rows: [BenefitPeriod]) -> [ReferenceSpell] {
        var chains: [[BenefitPeriod]] = []
        for row in rows.sorted(by: { $0.start < $1.start }) {
            if let chain = chains.last {
                let reach = chain.map { $0.end ?? .distantFuture }.max()!
                var wholeMonthInGap = false
                if reach < .distantFuture && row.start > reach.advanced(by: 1) {
                    for d in reach.advanced(by: 1)...row.start.advanced(by: -1) where d.components.day == 1 && d.lastOfMonth < row.start {
                        wholeMonthInGap = true
                    }
                }
                if !wholeMonthInGap { chains[chains.count - 1].append(row); continue }
            }
            chains.append([row])
        }
        return chains.map { chain in
            let lastRow = chain.max { a, b in
                let ka = (a.end ?? .distantFuture, a.start), kb = (b.end ?? .distantFuture, b.start)
                if ka != kb { return ka < kb }
                return (a.exitReason ?? "ukendt") > (b.exitReason ?? "ukendt")
            }!
            let first = chain.map(\.start).min()!
            let open = chain.contains { $0.end == nil }
            let last = open ? nil : chain.compactMap(\.end).max()
            let days = last.map { daysCovered(DayRange(first, $0), chain.map(\.days)) } ?? 0
            return ReferenceSpell(first: first, last: last, exit: lastRow.exitReason ?? "ukendt", days: days)
        }
    }

    /// Status on `day` for a person whose target group is `target` (docs/noegletal.md).
    func status(_ id: String, _ target: String, _ day: Day, since: Day) -> String {
        let rows = benefits(of: id)
        if rows.contains(where: { $0.benefit == target && $0.days.contains(day) }) { return "samme_ydelse" }
        if rows.contains(where: { $0.days.contains(day) }) { return "anden_ydelse" }
        let ended = rows.filter { $0.end != nil && $0.end! < day && $0.end! >= since }
        let latest = ended.max { a, b in
            if (a.end!, a.start) != (b.end!, b.start) { return (a.end!, a.start) < (b.end!, b.start) }
            return (a.exitReason ?? "ukendt") > (b.exitReason ?? "ukendt")
        }
        switch latest?.exitReason {
        case "job": return "job"
        case "uddannelse": return "uddannelse"
        default: return "oevrig"
        }
    }

    /// Unions of overlapping or adjacent sickness periods.
    func sicknessPeriods(_ rows: [BenefitPeriod]) -> [DayRange] {
        var out: [DayRange] = []
        for row in rows.sorted(by: { $0.start < $1.start }) {
            if let last = out.last, last.end == .distantFuture || row.start <= last.end.advanced(by: 1) {
                out[out.count - 1] = DayRange(last.start, max(last.end, row.days.end))
            } else {
                out.append(row.days)
            }
        }
        return out
    }

    /// The staircase step of each benefit week (by its Monday) up to `til`, walked week by week.
    func refusionSteps(_ id: String, through til: Day) -> [Day: Int] {
        var benefitWeeks = Set<Day>()
        for row in benefits(of: id) where row.benefit != "selvforsoergende" && row.start <= til {
            for d in row.start...min(row.days.end, til) { benefitWeeks.insert(d.monday) }
        }
        guard let firstWeek = benefitWeeks.min() else { return [:] }
        var steps: [Day: Int] = [:]
        var n = 0, base = firstWeek
        var week = firstWeek
        while week <= til {
            if benefitWeeks.contains(week) {
                var lookBack = max(base, week.advanced(by: -156 * 7))
                var without = 0
                while lookBack < week {
                    if !benefitWeeks.contains(lookBack) { without += 1 }
                    lookBack = lookBack.advanced(by: 7)
                }
                if without >= 52 { n = 0; base = week }
                n += 1
                steps[week] = n <= 4 ? 1 : n <= 26 ? 2 : n <= 52 ? 3 : 4
            }
            week = week.advanced(by: 7)
        }
        return steps
    }

    /// The ydelse of the latest-starting period covering `day` (first code among equal starts).
    /// Who has the person on `day`: the unit of their latest conversation on or before it
    /// that names one, else of their latest-starting activity that names one; the caseworker
    /// of their latest conversation naming one. The alphabetically last name breaks ties.
    func responsible(_ id: String, on day: Day) -> (unit: String, staff: String) {
        let held = conversations.filter { $0.personID == id && $0.date <= day }
        func latest<T>(_ rows: [T], _ when: (T) -> Day, _ name: (T) -> String?) -> String? {
            let named = rows.filter { name($0) != nil }
            guard let last = named.map(when).max() else { return nil }
            return named.filter { when($0) == last }.compactMap(name).max()
        }
        let unit =
            latest(held, \.date, \.unit)
            ?? latest(activities.filter { $0.personID == id && $0.start <= day }, \.start, \.unit)
        return (unit ?? "ukendt", latest(held, \.date, \.staffID) ?? "ukendt")
    }

    /// The benefit on `day` (version 2): the latest-starting covering period's ydelse, ties to
    /// the alphabetically last; and whether any covering period is not `selvforsoergende`.
    func benefitOnDay(_ id: String, _ day: Day) -> (benefit: String, onBenefit: Bool)? {
        let covering = benefits(of: id).filter { $0.days.contains(day) }
        guard let best = covering.max(by: { ($0.start, $0.benefit) < ($1.start, $1.benefit) }) else { return nil }
        return (best.benefit, covering.contains { $0.benefit != "selvforsoergende" })
    }

    /// The caseworker of the person's assignment covering `day`, else `ukendt`.
    func assignedCaseworker(_ id: String, _ day: Day) -> String {
        assignments.first { $0.personID == id && $0.days.contains(day) }?.staffID ?? "ukendt"
    }

    /// A caseworker's unit and team from medarbejdere.csv, `ukendt` for each missing.
    func unitAndTeam(_ staff: String) -> (unit: String, team: String) {
        let member = staffMembers.first { $0.id == staff }
        return (member?.unit ?? "ukendt", member?.team ?? "ukendt")
    }

    public func targetGroup(_ person: String, _ day: Day) -> String {
        let covering = benefits.filter { $0.personID == person && $0.days.contains(day) }
        guard let best = covering.min(by: { ($0.start > $1.start) || ($0.start == $1.start && $0.benefit < $1.benefit) }) else {
            return "ingen_ydelse"
        }
        return best.benefit
    }

    func ageLabel(_ birth: Day?, _ on: Day) -> String {
        guard let birth else { return "ukendt" }
        var age = on.year - birth.year
        if (on.month, on.components.day) < (birth.month, birth.components.day) { age -= 1 }
        switch age {
        case ..<16: return "under_16"
        case 16...24: return "16-24"
        case 25...29: return "25-29"
        case 30...39: return "30-39"
        case 40...49: return "40-49"
        case 50...59: return "50-59"
        default: return "60+"
        }
    }
}
