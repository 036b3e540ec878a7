import IndsatsCore

/// A spell (forløb): a maximal chain of one person's periods on one ydelse whose gaps
/// hold no complete calendar month.
struct Spell {
    var first: Int32
    /// The last day, `Register.openEnd` while open.
    var last: Int32
    /// The exit reason of the period that ends last (see ``Spells/build(_:rows:)``).
    var exit: Int32
    /// Days on the ydelse within the spell (its periods' union, gaps excluded).
    var days: Int64
    var rowCount: Int
    /// Start of the period that ends last, to break ties between periods ending alike.
    var lastStart: Int32
    /// The register row of its first period (earliest start; see ``Register/mergingMainBenefits()`` for ties).
    var firstRow: Int

    var isOpen: Bool { last == Register.openEnd }
}

enum Spells {
    /// The spells of one person's rows on one ydelse, rows sorted by start.
    ///
    /// The spell's exit reason is that of its latest-ending period; among periods ending on
    /// the same day, the latest-starting one, then the alphabetically first reason.
    static func build(_ r: Register, rows: Range<Int>, into spells: inout [Spell]) {
        spells.removeAll(keepingCapacity: true)
        for i in rows {
            let (start, end, exit) = (r.benefitStart[i], r.benefitEnd[i], r.benefitExit[i])
            if var s = spells.last, !splits(after: s.last, before: start) {
                if start > s.last { s.days += Int64(end) - Int64(start) + 1 } else if end > s.last { s.days += Int64(end) - Int64(s.last) }
                if (end, start) > (s.last, s.lastStart)
                    || ((end, start) == (s.last, s.lastStart) && r.exitRank[Int(exit)] < r.exitRank[Int(s.exit)])
                {
                    s.exit = exit
                    s.lastStart = start
                }
                s.last = max(s.last, end)
                s.rowCount += 1
                spells[spells.count - 1] = s
            } else {
                spells.append(
                    Spell(
                        first: start, last: end, exit: exit, days: Int64(end) - Int64(start) + 1, rowCount: 1, lastStart: start, firstRow: i
                    ))
            }
        }
    }

    /// Whether the gap between a spell ending on `end` and a period starting on `start`
    /// holds a complete calendar month.
    static func splits(after end: Int32, before start: Int32) -> Bool {
        guard end != Register.openEnd, start > end + 1 else { return false }
        // A calendar month has 28 to 31 days: any 61 days hold a whole one.
        let gap = start - end - 1
        if gap < 28 { return false }
        if gap >= 61 { return true }
        let gapStart = Day(ordinal: end + 1)
        let month = gapStart.components.day == 1 ? gapStart : gapStart.lastOfMonth.advanced(by: 1)
        return month.lastOfMonth.ordinal <= start - 1
    }
}

extension KPIEngine {
    /// `tilgang`, `afgang`, `varighed`, `varighed_median` and `selvforsoergelse`, all over spells.
    func spells(_ acc: inout Accumulator, _ shard: Shard) {
        let r = register, keys = acc.keys, measure = acc.query.measure
        let months = acc.query.monthsAfter, til = acc.window.1
        let byWhoHas = keys.uses(.enhed) || keys.uses(.medarbejder)
        let byAge = keys.uses(.aldersgruppe)
        var spells: [Spell] = []
        for p in shard.persons(r.personCount) {
            let sex = r.personSex[p], birth = r.personBirth[p]
            guard keys.allows(.koen, sex) else { continue }
            forEachBenefitGroup(of: p) { code, rows in
                guard keys.allows(.ydelse, code) else { return }
                Spells.build(r, rows: rows, into: &spells)
                for spell in spells {
                    // Age on the spell's first day for tilgang, on its last for the others.
                    let age = byAge ? AgeGroup.index(birth: birth, on: Day(ordinal: measure == .tilgang ? spell.first : spell.last)) : 0
                    guard keys.allows(.aldersgruppe, age) else { continue }
                    if measure == .tilgang {
                        guard let period = acc.period(of: spell.first) else { continue }
                        acc.add(keys.key { $0 == .ydelse ? code : $0 == .koen ? sex : age }, period)
                        acc.sourceRows += spell.rowCount
                        continue
                    }
                    guard !spell.isOpen, let period = acc.period(of: spell.last) else { continue }
                    switch measure {
                    case .afgang:
                        let duration = DurationGroup.index(days: spell.days)
                        guard keys.allows(.afgang, spell.exit), keys.allows(.varighedsgruppe, duration) else { continue }
                        let (unit, staff) = byWhoHas ? r.responsible(p, on: spell.last) : (0, 0)
                        guard keys.allows(.enhed, unit), keys.allows(.medarbejder, staff) else { continue }
                        acc.add(
                            keys.key { d in
                                switch d {
                                case .ydelse: code
                                case .afgang: spell.exit
                                case .enhed: unit
                                case .koen: sex
                                case .aldersgruppe: age
                                case .varighedsgruppe: duration
                                default: staff
                                }
                            }, period)
                    case .selvforsoergelse:
                        let day = adding(months: months, to: spell.last)
                        guard day <= til else { continue }
                        let status = self.status(of: p, target: code, on: day, since: spell.first).rawValue
                        guard keys.allows(.status, status) else { continue }
                        acc.add(keys.key { $0 == .ydelse ? code : status }, period)
                    default:
                        acc.addSample(keys.key { $0 == .ydelse ? code : $0 == .koen ? sex : age }, period, spell.days)
                    }
                    acc.sourceRows += spell.rowCount
                }
            }
        }
    }

    /// A person's status on `day` for target group `target` (a benefit index, -1 for none):
    /// the same ydelse, another ydelse, or else the exit reason of the latest period ending
    /// before `day` and not before `since`.
    func status(of p: Int, target: Int32, on day: Int32, since: Int32) -> Status {
        let r = register
        var other = false
        var latest: (end: Int32, start: Int32, exit: Int32)?
        for i in r.benefitRows(of: p) {
            let (start, end) = (r.benefitStart[i], r.benefitEnd[i])
            if start <= day && day <= end {
                if r.benefitCode[i] == target { return .samme_ydelse }
                other = true
            } else if end < day && end >= since {
                if let l = latest, (end, start) < (l.end, l.start) { continue }
                if let l = latest, (end, start) == (l.end, l.start), r.exitRank[Int(r.benefitExit[i])] >= r.exitRank[Int(l.exit)] {
                    continue
                }
                latest = (end, start, r.benefitExit[i])
            }
        }
        if other { return .anden_ydelse }
        switch latest.map({ r.exitReasons[$0.exit] }) {
        case "job": return .job
        case "uddannelse": return .uddannelse
        default: return .oevrig
        }
    }
}
