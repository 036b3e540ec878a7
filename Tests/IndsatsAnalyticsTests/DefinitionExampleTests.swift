import IndsatsAnalytics
import IndsatsCore
import Testing

/// The worked examples of docs/noegletal.md, and more of the same kind, by hand.
@Suite("Definitionernes eksempler regnet i hånden")
struct DefinitionExampleTests {
    func evaluate(
        _ register: Register, _ measure: String, _ from: String, _ to: String, _ period: String = "hele",
        split: [String] = [], filters: [String] = [], months: String? = nil
    ) throws -> [KPIRow] {
        KPIEngine(register).evaluate(
            try KPIQuery.parse(
                measure: measure, from: from, to: to, period: period, splitBy: split,
                filters: filters, months: months)
        ).rows
    }

    @Test("effekt counts ended activities, effekt_personer each person once by the latest-ending (ties to the greatest id)")
    func effectPersons() throws {
        let benefits = [
            BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2024, 1, 1), end: d(2024, 3, 31), exitReason: "job"),
            BenefitPeriod(personID: "B", benefit: "dagpenge", start: d(2024, 1, 1), end: d(2024, 12, 31)),
        ]
        let activities = [
            Activity(id: "1", personID: "A", type: "nytteindsats", start: d(2024, 1, 2), end: d(2024, 2, 1), initiativeID: "N"),
            Activity(id: "2", personID: "A", type: "nytteindsats", start: d(2024, 2, 2), end: d(2024, 3, 1), initiativeID: "N"),
            // B: two ending the same day; id 9 is greater than 10 as text, so 9 counts.
            Activity(id: "10", personID: "B", type: "nytteindsats", start: d(2024, 1, 2), end: d(2024, 3, 1), initiativeID: "N"),
            Activity(id: "9", personID: "B", type: "nytteindsats", start: d(2024, 2, 2), end: d(2024, 3, 1), initiativeID: "N"),
        ]
        let register = Register(persons: [], benefits: benefits, activities: activities)
        let window = ("2024-01-01", "2024-12-31")
        #expect(
            try evaluate(register, "effekt", window.0, window.1, "kvartal", split: ["status"]).filter { $0.period == "2024-K1" }
                == [
                    KPIRow(dimensions: ["job"], period: "2024-K1", value: 2),
                    KPIRow(dimensions: ["samme_ydelse"], period: "2024-K1", value: 2),
                ])
        #expect(
            try evaluate(register, "effekt_personer", window.0, window.1, "kvartal", split: ["status"]).filter { $0.period == "2024-K1" }
                == [
                    KPIRow(dimensions: ["job"], period: "2024-K1", value: 1),
                    KPIRow(dimensions: ["samme_ydelse"], period: "2024-K1", value: 1),
                ])
    }

    @Test("The CV share from the CV history: a CV updated later still counts from its first update; without history, cv_dato")
    func cvHistory() throws {
        let persons = [Person(id: "A", cvDate: d(2024, 6, 1)), Person(id: "B", cvDate: d(2024, 6, 1))]
        let benefits = ["A", "B"].map { BenefitPeriod(personID: $0, benefit: "dagpenge", start: d(2024, 1, 1)) }
        // A's CV was first made in February and updated in June; B has no history, so only June's cv_dato counts.
        let register = Register(
            persons: persons, benefits: benefits, activities: [],
            cvUpdates: [CVUpdate(personID: "A", date: d(2024, 2, 10)), CVUpdate(personID: "A", date: d(2024, 6, 1))])
        #expect(try evaluate(register, "andel_med_cv", "2024-03-01", "2024-06-30", "maaned").map(\.value) == [0.5, 0.5, 0.5, 1])
        let withoutHistory = Register(persons: persons, benefits: benefits, activities: [])
        #expect(try evaluate(withoutHistory, "andel_med_cv", "2024-03-01", "2024-06-30", "maaned").map(\.value) == [0, 0, 0, 1])
    }

    @Test("Company-based activation as Jobindsats counts it: praktik and løntilskud over all offers, to persons on a benefit only")
    func companyBasedShare() throws {
        func activity(_ id: String, _ person: String, _ type: String) -> Activity {
            Activity(id: id, personID: person, type: type, start: d(2024, 3, 1), end: d(2024, 3, 10))
        }
        let register = Register(
            persons: [],
            benefits: [BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2024, 1, 1), end: d(2024, 12, 31))],
            activities: [
                activity("1", "A", "virksomhedspraktik"), activity("2", "A", "nytteindsats"), activity("3", "A", "ordinaere_timer"),
                activity("4", "A", "igu"), activity("5", "A", "mentor"),
                // B is on no benefit: not counted, whatever the type.
                activity("6", "B", "virksomhedspraktik"),
            ])
        // 10 days of praktik over 20 days of offers (praktik and nytteindsats); version 1 gave (10 + 10 + 10 + 10) / 60.
        #expect(try evaluate(register, "andel_virksomhedsrettet", "2024-03-01", "2024-03-31").map(\.value) == [0.5])
        #expect(
            try evaluate(register, "andel_virksomhedsrettet", "2024-03-01", "2024-03-31", split: ["maalgruppe"])
                == [KPIRow(dimensions: ["dagpenge"], period: "hele", value: 0.5)])
    }

    @Test("A gap without a whole calendar month keeps one spell; a gap holding all of March splits it")
    func spellGaps() throws {
        let kept = Register(
            persons: [],
            benefits: [
                BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2020, 1, 1), end: d(2020, 2, 10), exitReason: "ukendt"),
                BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2020, 3, 25), end: d(2020, 4, 30), exitReason: "job"),
            ], activities: [])
        #expect(try evaluate(kept, "tilgang", "2020-01-01", "2020-12-31").map(\.value) == [1])
        #expect(
            try evaluate(kept, "afgang", "2020-01-01", "2020-12-31", "maaned", split: ["afgang"])
                .filter { $0.value != 0 } == [KPIRow(dimensions: ["job"], period: "2020-04", value: 1)])
        // Days on the benefit, not the calendar span: 41 + 37.
        #expect(try evaluate(kept, "varighed", "2020-01-01", "2020-12-31").map(\.value) == [78])

        let split = Register(
            persons: [],
            benefits: [
                BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2020, 1, 1), end: d(2020, 2, 10), exitReason: "ukendt"),
                BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2020, 4, 1), end: d(2020, 4, 30), exitReason: "job"),
            ], activities: [])
        #expect(try evaluate(split, "tilgang", "2020-01-01", "2020-12-31").map(\.value) == [2])
        #expect(try evaluate(split, "varighed", "2020-01-01", "2020-12-31").map(\.value) == [(41.0 + 30) / 2])
        #expect(try evaluate(split, "varighed_median", "2020-01-01", "2020-12-31").map(\.value) == [(41.0 + 30) / 2])
    }

    @Test("Status three months after 31 January is taken on 30 April, by the latest exit reason")
    func effectStatus() throws {
        let register = Register(
            persons: [],
            benefits: [
                BenefitPeriod(
                    personID: "A", benefit: "kontanthjaelp_jobparat", start: d(2020, 1, 1), end: d(2020, 2, 15), exitReason: "job"),
                BenefitPeriod(personID: "B", benefit: "kontanthjaelp_jobparat", start: d(2020, 1, 1), end: d(2020, 4, 30)),
                BenefitPeriod(personID: "C", benefit: "kontanthjaelp_jobparat", start: d(2020, 1, 1), end: d(2020, 2, 1)),
                BenefitPeriod(personID: "C", benefit: "sygedagpenge", start: d(2020, 4, 30)),
            ],
            activities: [
                Activity(id: "1", personID: "A", type: "nytteindsats", start: d(2020, 1, 10), end: d(2020, 1, 31)),
                Activity(id: "2", personID: "B", type: "nytteindsats", start: d(2020, 1, 10), end: d(2020, 1, 31)),
                Activity(id: "3", personID: "C", type: "nytteindsats", start: d(2020, 1, 10), end: d(2020, 1, 31)),
                Activity(id: "4", personID: "D", type: "nytteindsats", start: d(2020, 1, 10), end: d(2020, 1, 31)),
            ])
        #expect(
            try evaluate(register, "effekt", "2020-01-01", "2020-04-30", split: ["status"]) == [
                KPIRow(dimensions: ["anden_ydelse"], period: "hele", value: 1),
                KPIRow(dimensions: ["job"], period: "hele", value: 1),
                KPIRow(dimensions: ["oevrig"], period: "hele", value: 1),
                KPIRow(dimensions: ["samme_ydelse"], period: "hele", value: 1),
            ])
        // Status day after --til: not counted yet.
        #expect(try evaluate(register, "effekt", "2020-01-01", "2020-04-29").map(\.value) == [0])
        // With --maaneder 2 the status day is 31 March.
        #expect(try evaluate(register, "effekt", "2020-01-01", "2020-04-29", split: ["status"], months: "2").map(\.value) == [1, 2, 1])
        #expect(throws: KPIQueryError("--maaneder gælder kun effekt og selvforsoergelse")) {
            try evaluate(register, "tilgang", "2020-01-01", "2020-04-29", months: "2")
        }
    }

    @Test("Repeat sickness counts sickness periods started within 36 months, leap day included")
    func repeatSickness() throws {
        let register = Register(
            persons: [],
            benefits: [
                // Two adjacent rows are one sickness period.
                BenefitPeriod(personID: "A", benefit: "sygedagpenge", start: d(2021, 2, 28), end: d(2021, 3, 31)),
                BenefitPeriod(personID: "A", benefit: "sygedagpenge", start: d(2021, 4, 1), end: d(2021, 5, 31)),
                BenefitPeriod(personID: "A", benefit: "sygedagpenge", start: d(2023, 1, 1), end: d(2023, 2, 1)),
                BenefitPeriod(personID: "A", benefit: "sygedagpenge", start: d(2024, 2, 1), end: d(2024, 3, 31)),
            ], activities: [])
        // On 2024-02-29 the look-back starts after 2021-02-28: that period is out; two remain.
        #expect(
            try evaluate(register, "gengangere", "2024-02-01", "2024-02-29", split: ["antal"]) == [
                KPIRow(dimensions: ["mindst_2"], period: "hele", value: 1)
            ])
        // On 2024-02-28 the look-back starts after 2021-02-28 as well; on 2024-02-27 after 2021-02-27: three.
        #expect(
            try evaluate(register, "gengangere", "2024-02-01", "2024-02-27", split: ["antal"]).map(\.dimensions) == [
                ["mindst_2"], ["mindst_3"],
            ])
    }

    @Test("Company coverage: more than 5 employees, a contact within the last 365 days")
    func companyCoverage() throws {
        let register = Register(
            persons: [], benefits: [], activities: [],
            companies: [
                Company(cvr: "1", employees: 6), Company(cvr: "2", employees: 6), Company(cvr: "3", employees: 5),
            ],
            contacts: [
                CompanyContact(cvr: "1", date: d(2023, 3, 2), unit: "Virksomhedsservice"),
                CompanyContact(cvr: "2", date: d(2023, 3, 1), unit: "Virksomhedsservice"),
                CompanyContact(cvr: "3", date: d(2024, 2, 1), unit: "Virksomhedsservice"),
            ])
        // On 2024-02-29 the window is 2023-03-02 .. 2024-02-29.
        #expect(try evaluate(register, "virksomhedsdaekning", "2024-02-01", "2024-02-29").map(\.value) == [0.5])
        let none = Register(persons: [], benefits: [], activities: [], companies: [Company(cvr: "3", employees: 5)])
        #expect(try evaluate(none, "virksomhedsdaekning", "2024-02-01", "2024-02-29").map(\.value) == [nil])
    }

    @Test("The refusion staircase: weeks 1-4 step 1, 5-26 step 2, and a new start after 52 weeks without benefit")
    func refusionSteps() throws {
        let register = Register(
            persons: [],
            benefits: [
                // Monday 2024-01-01 to Sunday 2024-03-10: ten weeks.
                BenefitPeriod(personID: "A", benefit: "kontanthjaelp_jobparat", start: d(2024, 1, 1), end: d(2024, 3, 10)),
                // 53 weeks later (after 52 weeks without benefit) the staircase starts over.
                BenefitPeriod(personID: "A", benefit: "kontanthjaelp_jobparat", start: d(2025, 3, 10), end: d(2025, 4, 13)),
                BenefitPeriod(personID: "A", benefit: "selvforsoergende", start: d(2024, 6, 1), end: d(2024, 6, 30)),
            ], activities: [])
        let first = try evaluate(register, "refusionstrin", "2024-01-01", "2024-03-10", split: ["trin"])
        #expect(
            first == [
                KPIRow(dimensions: ["1"], period: "hele", value: 28.0 / 70), KPIRow(dimensions: ["2"], period: "hele", value: 42.0 / 70),
            ])
        let again = try evaluate(register, "refusionstrin", "2025-03-10", "2025-04-13", split: ["trin"])
        #expect(
            again == [
                KPIRow(dimensions: ["1"], period: "hele", value: 28.0 / 35), KPIRow(dimensions: ["2"], period: "hele", value: 7.0 / 35),
            ])
        // Only 51 weeks without benefit: the count goes on (week 11, step 2).
        let close = Register(
            persons: [],
            benefits: [
                BenefitPeriod(personID: "A", benefit: "kontanthjaelp_jobparat", start: d(2024, 1, 1), end: d(2024, 3, 10)),
                BenefitPeriod(personID: "A", benefit: "kontanthjaelp_jobparat", start: d(2025, 3, 3), end: d(2025, 3, 9)),
            ], activities: [])
        #expect(
            try evaluate(close, "refusionstrin", "2025-03-03", "2025-03-09", split: ["trin"]) == [
                KPIRow(dimensions: ["2"], period: "hele", value: 1)
            ])
    }

    @Test("Shares: CV on the last day; paid hours among the aktivitetsparat; a share of no one is absent")
    func shares() throws {
        let register = Register(
            persons: [Person(id: "A", cvDate: d(2024, 1, 31)), Person(id: "B", cvDate: d(2024, 2, 1)), Person(id: "C")],
            benefits: [
                BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2024, 1, 1)),
                BenefitPeriod(personID: "B", benefit: "kontanthjaelp_jobparat", start: d(2024, 1, 1)),
                BenefitPeriod(personID: "C", benefit: "kontanthjaelp_aktivitetsparat", start: d(2024, 1, 20), end: d(2024, 1, 20)),
            ],
            activities: [
                Activity(id: "1", personID: "C", type: "ordinaere_timer", start: d(2024, 1, 31), end: d(2024, 2, 5))
            ])
        #expect(try evaluate(register, "andel_med_cv", "2024-01-01", "2024-02-29", "maaned").map(\.value) == [0.5, 1])
        #expect(try evaluate(register, "andel_loennede_timer", "2024-01-01", "2024-02-29", "maaned").map(\.value) == [1, nil])
    }
}
