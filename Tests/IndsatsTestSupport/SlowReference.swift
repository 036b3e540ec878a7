import IndsatsAnalytics
import IndsatsCore

/// The measures computed the slow, obviously correct way: day by day, person by
/// person, straight from KPI-DEFINITIONS.md. Tests compare the engine with it.
public struct SlowReference {
    public var persons: [Person]
    public var benefits: [BenefitPeriod]
    public var activities: [Activity]

    public init(persons: [Person], benefits: [BenefitPeriod], activities: [Activity]) {
        self.persons = persons
        self.benefits = benefits
        self.activities = activities
    }

    /// Values per (dimension values, period label); only non-zero cells.
    public func evaluate(_ q: KPIQuery) -> [[String]: [String: Double]] {
        let periods = ReportingPeriod.split(q.window, by: q.periodKind)
        let personByID = Dictionary(persons.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var ids = Set(persons.map(\.id))
        for b in benefits { ids.insert(b.personID) }
        for a in activities { ids.insert(a.personID) }
        var out: [[String]: [String: Double]] = [:]
        func passes(_ values: [Dimension: String]) -> Bool {
            q.filters.allSatisfy { d, allowed in allowed.contains(values[d]!) }
        }
        for period in periods {
            var cells: [[String]: Int] = [:]
            var counted: [[String]: Set<String>] = [:]
            for id in ids.sorted() {
                let person = personByID[id] ?? Person(id: id)
                switch q.measure {
                case .fuldtidspersoner, .personer:
                    let age = ageLabel(person.birthDate, period.days.start)
                    for benefit in Set(benefits.filter { $0.personID == id }.map(\.benefit)) {
                        let rows = benefits.filter { $0.personID == id && $0.benefit == benefit }
                        let values: [Dimension: String] = [.ydelse: benefit, .kommune: person.municipality ?? "ukendt",
                                                           .koen: person.sex ?? "ukendt", .aldersgruppe: age]
                        guard passes(values) else { continue }
                        let key = q.splitBy.map { values[$0]! }
                        var days = 0
                        for d in period.days.start...period.days.end where rows.contains(where: { $0.days.contains(d) }) { days += 1 }
                        if days > 0 {
                            cells[key, default: 0] += days
                            counted[key, default: []].insert(id)
                        }
                    }
                case .fuldtidsaktiverede:
                    var byKey: [[String]: [Activity]] = [:]
                    var outKey: [[String]: [String]] = [:]
                    for a in activities where a.personID == id {
                        let values: [Dimension: String] = [.type: a.type, .indsats: a.initiativeID ?? "ukendt",
                                                           .enhed: a.unit ?? "ukendt", .maalgruppe: targetGroup(id, a.start)]
                        guard passes(values) else { continue }
                        let unionKey = [a.type] + [Dimension.indsats, .enhed, .maalgruppe].map { q.splitBy.contains($0) ? values[$0]! : "" }
                        byKey[unionKey, default: []].append(a)
                        outKey[unionKey] = q.splitBy.map { values[$0]! }
                    }
                    for (unionKey, rows) in byKey {
                        var days = 0
                        for d in period.days.start...period.days.end where rows.contains(where: { $0.days.contains(d) }) { days += 1 }
                        if days > 0 { cells[outKey[unionKey]!, default: 0] += days }
                    }
                }
            }
            for (key, days) in cells {
                out[key, default: [:]][period.label] = q.measure == .personer
                    ? Double(counted[key]!.count) : Double(days) / Double(period.days.dayCount)
            }
        }
        return out
    }

    /// The ydelse of the latest-starting period covering `day` (first code among equal starts).
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

/// Random small registers full of edge cases: leap days, open periods, duplicated
/// and overlapping rows of one benefit, gaps around month ends, activities with no benefit.
public struct RandomRegister {
    public var persons: [Person] = []
    public var benefits: [BenefitPeriod] = []
    public var activities: [Activity] = []

    public init(seed: UInt64, people: Int = 12) {
        var rng = SeededGenerator(seed: seed)
        let base = Day(year: 2023, month: 12, day: 1)!
        let codes = ["dagpenge", "sygedagpenge", "kontanthjaelp_jobparat", "selvforsoergende"]
        let types = ["nytteindsats", "virksomhedspraktik", "mentor"]
        for i in 0..<people {
            let id = "P\(i)"
            let hasPerson = rng.chance(0.9)
            if hasPerson {
                let birth: Day? = rng.chance(0.9) ? Day(year: Int.random(in: 1960...2010, using: &rng), month: 2, day: 29 - Int.random(in: 0...1, using: &rng)) : nil
                persons.append(Person(id: id, birthDate: birth, sex: rng.chance(0.5) ? "K" : (rng.chance(0.8) ? "M" : nil),
                                      municipality: rng.chance(0.8) ? "169" : "151"))
            }
            for _ in 0..<Int.random(in: 0...5, using: &rng) {
                let start = base.advanced(by: Int.random(in: -60...200, using: &rng))
                let end: Day? = rng.chance(0.2) ? nil : start.advanced(by: Int.random(in: 0...90, using: &rng))
                benefits.append(BenefitPeriod(personID: id, benefit: codes.randomElement(using: &rng)!, start: start, end: end))
                if rng.chance(0.15) { benefits.append(benefits.last!) }   // a duplicated row
            }
            for n in 0..<Int.random(in: 0...3, using: &rng) {
                let start = base.advanced(by: Int.random(in: -30...200, using: &rng))
                let end: Day? = rng.chance(0.2) ? nil : start.advanced(by: Int.random(in: 0...60, using: &rng))
                activities.append(Activity(id: "\(id)-\(n)", personID: id, type: types.randomElement(using: &rng)!, start: start, end: end,
                                           initiativeID: rng.chance(0.8) ? ["I1", "I2"].randomElement(using: &rng)! : nil,
                                           unit: rng.chance(0.8) ? ["Jobservice", "Ungeenheden"].randomElement(using: &rng)! : nil))
            }
        }
    }

    public var register: Register { Register(persons: persons, benefits: benefits, activities: activities) }
    public var reference: SlowReference { SlowReference(persons: persons, benefits: benefits, activities: activities) }
}
