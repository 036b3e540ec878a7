import IndsatsAnalytics
import IndsatsCore
import Testing

@Suite("Screeningsmodellen")
struct ScreeningModelTests {
    @Test("Points for the benefit, days on benefit and earlier spells in three years, and age; the groups' limits")
    func advice() throws {
        // On 01-03-2026: aktivitetsparat since 01-01-2026 (3), 201 + 30 + 59 days on benefit in three years (1),
        // two earlier spells after breaks (1: the 2023 one and the 2025 one), aged 23 (1): 6 points, group 3.
        let periods = [
            BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2023, 3, 1), end: d(2023, 9, 17)),
            BenefitPeriod(personID: "A", benefit: "selvforsoergende", start: d(2024, 1, 1), end: d(2024, 12, 31)),
            BenefitPeriod(personID: "A", benefit: "sygedagpenge", start: d(2025, 6, 1), end: d(2025, 6, 30)),
            BenefitPeriod(personID: "A", benefit: "kontanthjaelp_aktivitetsparat", start: d(2026, 1, 1)),
        ]
        let advice = try #require(ScreeningModel.advise(periods: periods, birthDate: d(2002, 3, 2), on: d(2026, 3, 1)))
        #expect(advice.reasons.map(\.1) == [3, 1, 1, 1])
        #expect(
            advice.reasons.map(\.0) == [
                "Kontanthjælp, aktivitetsparat", "290 dage på ydelse de seneste 3 år", "2 tidligere forløb de seneste 3 år", "23 år",
            ])
        #expect(advice.score == 6 && advice.group == "3")
        // New on dagpenge, 30 years old, no history: group 1.
        let new = try #require(
            ScreeningModel.advise(
                periods: [BenefitPeriod(personID: "B", benefit: "dagpenge", start: d(2026, 2, 1))], birthDate: d(1996, 1, 1),
                on: d(2026, 3, 1)))
        #expect(new.score == 0 && new.group == "1")
        #expect(ScreeningModel.group(score: 1) == "1" && ScreeningModel.group(score: 2) == "2" && ScreeningModel.group(score: 3) == "2")
        #expect(ScreeningModel.group(score: 4) == "3")
        // Self-supporting only: no advice.
        #expect(
            ScreeningModel.advise(
                periods: [BenefitPeriod(personID: "C", benefit: "selvforsoergende", start: d(2026, 1, 1))], birthDate: nil,
                on: d(2026, 3, 1))
                == nil)
    }

    @Test("The evaluation knows a spell's outcome once it ended or passed 6 months, and counts overrides")
    func evaluation() {
        let register = Register(
            persons: [Person(id: "A", birthDate: d(1990, 1, 1), sex: "K"), Person(id: "B", birthDate: d(1990, 1, 1), sex: "M")],
            benefits: [
                BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2025, 1, 1), end: d(2025, 12, 31)),
                BenefitPeriod(personID: "B", benefit: "dagpenge", start: d(2025, 1, 1), end: d(2025, 3, 31)),
            ],
            activities: [],
            screenings: [
                Screening(personID: "A", date: d(2025, 1, 10), group: "2", advice: "1", reason: "samtalen"),
                Screening(personID: "B", date: d(2025, 1, 10), group: "1", advice: "1"),
            ], dataDate: d(2026, 1, 1))
        let rows = ScreeningEvaluation(register).rows
        #expect(rows.map(\.longTerm) == [true, false])
        let lines = ScreeningEvaluation.table(rows, by: { [$0.advice] })
        #expect(lines.map(\.key) == [["1"]] && lines[0].screenings == 2 && lines[0].known == 2)
        #expect(lines[0].longTermShare == 0.5 && lines[0].overrideShare == 0.5)
    }
}
