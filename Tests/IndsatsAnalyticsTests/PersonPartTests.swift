import IndsatsCore
import IndsatsTestSupport
import Testing

@testable import IndsatsAnalytics

@Suite("Svar rettet ved at bytte de berørte personers del")
struct PersonPartTests {
    @Test(
        "Every measure that adds up by person: the old answer with the touched persons' old part taken out and their new part put in is the engine's answer on the changed register, source rows too",
        arguments: 0..<16 as Range<UInt64>)
    func replacedPartEqualsEngine(seed: UInt64) {
        let (old, new, _) = DatedChangeTests().changed(seed: seed)
        guard let change = new.datedChange(new.changedParts(since: old), since: old) else { return }
        #expect(!change.persons.isEmpty)
        // By hovedydelse only with the old register's made, which the new one takes (as the server does).
        _ = old.byMainBenefit
        new.takeMainBenefits(from: old)
        var rng = SeededGenerator(seed: seed)
        let measures = Measure.allCases.filter(\.addsUpByPerson)
        #expect(measures == [.afgang, .andel_med_cv, .samtaleopfyldelse])
        for measure in measures {
            for _ in 0..<12 {
                let start = Day(year: Int.random(in: 2022...2024, using: &rng), month: Int.random(in: 1...12, using: &rng), day: 1)!
                let window = DayRange(start, start.adding(months: Int.random(in: 1...30, using: &rng)).advanced(by: -1))
                let kind = [PeriodKind.uge, .maaned, .kvartal, .aar, .hele].randomElement(using: &rng)!
                var query = KPIQuery(measure: measure, window: window, periodKind: kind, monthsAfter: 3)
                let dimension = measure.dimensions.randomElement(using: &rng)!
                switch Int.random(in: 0...3, using: &rng) {
                case 0: query.splitBy = [dimension]
                case 1: query.splitBy = Array(Set([dimension, .enhed]))
                case 2: query.filters = [.enhed: ["Jobservice"]]
                default: break
                }
                let part = KPIQuery.changedParts(of: [query], after: change, old: old, fresh: new, prices: .defaults, personLimit: .max)[
                    query]!
                #expect(part.old == KPIEngine(old, persons: change.persons).evaluate(query))
                let corrected = KPIEngine(old).evaluate(query).replacingPart(part.old, with: part.new)
                let exact = KPIEngine(new).evaluate(query)
                let same = corrected == exact
                #expect(
                    same,
                    "seed \(seed) \(measure) \(window) \(kind) \(query.splitBy) \(query.filters): \(corrected.firstDifference(from: exact))"
                )
            }
        }
    }

    @Test(
        "A measure that adds up by row: the old answer with the rows from the change's day taken out and the new ones put in is the engine's answer on the changed register, source rows too",
        arguments: 0..<16 as Range<UInt64>)
    func replacedDaysEqualEngine(seed: UInt64) {
        let (old, new, _) = DatedChangeTests().changed(seed: seed)
        guard let change = new.datedChange(new.changedParts(since: old), since: old) else { return }
        var rng = SeededGenerator(seed: seed)
        #expect(Measure.allCases.filter(\.addsUpByRow) == [.samtaler])
        for _ in 0..<40 {
            // Windows before the change's day, around it and after it.
            let start = Day(year: Int.random(in: 2021...2024, using: &rng), month: Int.random(in: 1...12, using: &rng), day: 1)!
            let window = DayRange(start, start.adding(months: Int.random(in: 1...30, using: &rng)).advanced(by: -1))
            let kind = [PeriodKind.uge, .maaned, .kvartal, .aar, .hele].randomElement(using: &rng)!
            var query = KPIQuery(measure: .samtaler, window: window, periodKind: kind)
            switch Int.random(in: 0...3, using: &rng) {
            case 0: query.splitBy = [Measure.samtaler.dimensions.randomElement(using: &rng)!]
            case 1: query.splitBy = [.type, .enhed]
            case 2: query.filters = [.enhed: ["Jobservice"]]
            default: break
            }
            guard
                let part = KPIQuery.changedParts(of: [query], after: change, old: old, fresh: new, prices: .defaults, personLimit: 0)[query]
            else {
                Issue.record("no part: \(query)")
                continue
            }
            let corrected = KPIEngine(old).evaluate(query).replacingPart(part.old, with: part.new)
            let exact = KPIEngine(new).evaluate(query)
            #expect(
                corrected == exact && corrected.sourceRowCount == exact.sourceRowCount,
                "seed \(seed) \(window) \(kind) \(query.splitBy) \(query.filters), change from \(change.from): \(corrected.firstDifference(from: exact))"
            )
        }
    }

    @Test("A sweep of some persons is their part: the parts of two halves add up to the whole, and a sweep of no one is empty")
    func halvesAddUp() {
        let random = RandomRegister(seed: 31, people: 50)
        let register = random.register
        let everyone = (0..<Int32(register.personCount)).map { $0 }
        let (first, second) = (Array(everyone.prefix(20)), Array(everyone.dropFirst(20)))
        for measure in Measure.allCases.filter(\.addsUpByPerson) {
            let query = KPIQuery(
                measure: measure, window: DayRange(Day(year: 2024, month: 1, day: 1)!, Day(year: 2024, month: 12, day: 31)!),
                periodKind: .kvartal, splitBy: [.enhed])
            let whole = KPIEngine(register).evaluate(query)
            let nobody = KPIEngine(register, persons: []).evaluate(query)
            #expect(nobody.rows.allSatisfy { $0.base == 0 } && nobody.sourceRowCount == 0, "\(measure)")
            // Taking the first half out and putting nothing in leaves the second half's part.
            let rest = whole.replacingPart(KPIEngine(register, persons: first).evaluate(query), with: nobody)
            #expect(rest == KPIEngine(register, persons: second).evaluate(query), "\(measure)")
            #expect(whole.rows.contains { $0.base > 0 }, "\(measure)")
        }
    }

    @Test(
        "A published set corrected by the changed parts (persons or days) is the set made on the new register, by hovedydelse too (the new register takes the old one's by hovedydelse); nothing is computed again",
        arguments: 0..<6 as Range<UInt64>)
    func publishedSetsByParts(seed: UInt64) async {
        let dataDate = DatedChangeTests.dataDate
        let years = Publication.years(dataDate: dataDate)!
        let (old, new, _) = DatedChangeTests().changed(seed: seed)
        guard let change = new.datedChange(new.changedParts(since: old), since: old) else { return }
        for measure in Measure.allCases.filter({ $0.addsUpByPerson || $0.addsUpByRow }) {
            let make: (Register) async -> PublishedMeasure = { register in
                await PublishedMeasure.make(measure: measure, monthsAfter: 3, years: years, through: dataDate) {
                    KPIEngine(register).evaluate($0)
                }
            }
            let before = await make(old)
            // The set was made on `old`, by hovedydelse too: the new register takes that register.
            new.takeMainBenefits(from: old)
            // All tables' parts at once, as the server sweeps them.
            let parts = KPIQuery.changedParts(of: before.queries, after: change, old: old, fresh: new, prices: .defaults, personLimit: .max)
            #expect(parts.count == before.queries.count, "\(measure)")
            #expect(parts.keys.contains(where: \.usesMainBenefit) == measure.dimensions.contains(.hovedydelse), "\(measure)")
            var asked: [KPIQuery] = []
            let corrected = await before.corrected(after: change, replacing: parts) {
                asked += $0
                return KPIEngine(new).evaluate($0)
            }
            #expect(corrected == (await make(new)), "\(measure) seed \(seed)")
            #expect(asked.isEmpty, "\(measure): \(asked.map(\.splitBy))")
        }
    }

    @Test(
        "A register whose benefits are the old one's takes its register by hovedydelse: every answer by hovedydelse is the one merged anew")
    func mainBenefitsTaken() {
        for seed in 0..<6 as Range<UInt64> {
            let (old, new, _) = DatedChangeTests().changed(seed: seed)
            _ = old.byMainBenefit
            #expect(new.mainBenefitRegister.made == nil)
            new.takeMainBenefits(from: old)
            #expect(new.mainBenefitRegister.made != nil)
            let merged = KPIEngine(new.mergingMainBenefits())
            let window = DayRange(Day(year: 2023, month: 1, day: 1)!, DatedChangeTests.dataDate)
            for measure in Measure.allCases where measure.dimensions.contains(.hovedydelse) && measure != .budgetforbrug {
                for split in [[Dimension.hovedydelse], [.hovedydelse, .enhed]] where split.allSatisfy(measure.dimensions.contains) {
                    let query = KPIQuery(measure: measure, window: window, periodKind: .kvartal, splitBy: split, monthsAfter: 3)
                    var expected = merged.evaluate(query.askingMainBenefitAsBenefit)
                    expected.query = query
                    #expect(KPIEngine(new).evaluate(query) == expected, "\(measure) \(split) seed \(seed)")
                }
            }
        }
    }
}
