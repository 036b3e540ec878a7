import IndsatsAnalytics
import IndsatsCore
import IndsatsTestSupport
import Testing

@Suite("Deltagere før og efter")
struct ParticipantTests {
    /// The definition day by day: first start per person, then each day of the two years checked against every benefit row.
    func reference(_ r: RandomRegister, _ initiatives: Set<String>, _ asOf: Day) -> ParticipantOutcome {
        var started: [Int: Int] = [:]
        var measured = 0, before = 0, after = 0
        for id in Set(r.activities.map(\.personID)).sorted() {
            let starts = r.activities.filter { $0.personID == id && initiatives.contains($0.initiativeID ?? "") && $0.start <= asOf }.map(
                \.start)
            guard let start = starts.min() else { continue }
            started[start.year, default: 0] += 1
            guard start.advanced(by: 729) <= asOf else { continue }
            measured += 1
            let rows = r.benefits.filter { $0.personID == id && $0.benefit != "selvforsoergende" }
            func onBenefit(_ day: Day) -> Bool { rows.contains { $0.days.contains(day) } }
            for n in 1...365 where onBenefit(start.advanced(by: -n)) { before += 1 }
            for n in 365...729 where onBenefit(start.advanced(by: n)) { after += 1 }
        }
        return ParticipantOutcome(
            startedByYear: started, measured: measured, fullTimeBefore: Double(before) / 365, fullTimeAfter: Double(after) / 365)
    }

    @Test(
        "Same participants, starts by year and days before and after as the day-by-day reference, on 40 random registers",
        arguments: 0..<40 as Range<UInt64>)
    func compare(seed: UInt64) {
        let random = RandomRegister(seed: seed, people: 20)
        // Early enough that some participants are followed two years, late enough that some are not.
        let asOf = Day(year: 2026, month: 2, day: 28)!.advanced(by: Int(seed % 7) * 30)
        for initiatives in [["I1"], ["I1", "I2"], ["I3"]] {
            let outcome = ParticipantOutcome(random.register, initiatives: initiatives, asOf: asOf)
            let expected = reference(random, Set(initiatives), asOf)
            #expect(outcome.startedByYear == expected.startedByYear, "seed \(seed)")
            #expect(outcome.measured == expected.measured, "seed \(seed)")
            #expect(
                abs(outcome.fullTimeBefore - expected.fullTimeBefore) < 1e-9 && abs(outcome.fullTimeAfter - expected.fullTimeAfter) < 1e-9,
                "seed \(seed)")
        }
    }

    @Test("By hand: a start on 29-02-2024, a year before on benefit, half the second year after; a later start is not yet measured")
    func byHand() {
        let register = Register(
            persons: [],
            benefits: [
                BenefitPeriod(
                    personID: "A", benefit: "kontanthjaelp_jobparat", start: Day(year: 2022, month: 1, day: 1)!,
                    end: Day(year: 2024, month: 2, day: 28)!),
                BenefitPeriod(
                    personID: "A", benefit: "selvforsoergende", start: Day(year: 2025, month: 3, day: 1)!,
                    end: Day(year: 2026, month: 2, day: 27)!),
                BenefitPeriod(
                    personID: "A", benefit: "kontanthjaelp_jobparat", start: Day(year: 2025, month: 3, day: 1)!,
                    end: Day(year: 2025, month: 8, day: 31)!),
                BenefitPeriod(
                    personID: "A", benefit: "dagpenge", start: Day(year: 2025, month: 8, day: 1)!, end: Day(year: 2025, month: 8, day: 31)!),
            ],
            activities: [
                Activity(id: "1", personID: "A", type: "mentor", start: Day(year: 2024, month: 2, day: 29)!, initiativeID: "MENTOR"),
                Activity(id: "2", personID: "A", type: "mentor", start: Day(year: 2024, month: 6, day: 1)!, initiativeID: "MENTOR"),
                Activity(id: "3", personID: "B", type: "mentor", start: Day(year: 2025, month: 1, day: 1)!, initiativeID: "MENTOR"),
                Activity(id: "4", personID: "C", type: "mentor", start: Day(year: 2024, month: 1, day: 1)!, initiativeID: "ANDET"),
            ])
        let outcome = ParticipantOutcome(register, initiatives: ["MENTOR"], asOf: Day(year: 2026, month: 2, day: 27)!)
        #expect(outcome.startedByYear == [2024: 1, 2025: 1])
        #expect(outcome.measured == 1)
        // The 365 days before 29-02-2024 are 01-03-2023 to 28-02-2024, all on kontanthjælp.
        #expect(outcome.fullTimeBefore == 1)
        // Days 365-729 from 29-02-2024 are 28-02-2025 to 27-02-2026; on benefit 01-03-2025 to 31-08-2025, 184 days, counted once.
        #expect(outcome.fullTimeAfter == 184.0 / 365)
    }
}
