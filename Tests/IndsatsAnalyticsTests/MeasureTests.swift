import IndsatsAnalytics
import IndsatsCore
import IndsatsTestSupport
import Testing

func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day(year: y, month: m, day: day)! }

func query(_ measure: String, _ from: String, _ to: String, _ period: String = "maaned",
           split: [String] = [], filters: [String] = []) throws -> KPIQuery {
    try KPIQuery.parse(measure: measure, from: from, to: to, period: period, splitBy: split, filters: filters)
}

@Suite("Nøgletal på håndregnede eksempler")
struct MeasureTests {
    @Test("Overlapping and duplicated rows of one benefit count each day once")
    func unionOfDays() throws {
        let register = Register(persons: [Person(id: "A")], benefits: [
            BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2024, 1, 1), end: d(2024, 1, 31)),
            BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2024, 1, 15), end: d(2024, 2, 10)),
            BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2024, 1, 15), end: d(2024, 2, 10)),
        ], activities: [])
        let result = KPIEngine(register).evaluate(try query("fuldtidspersoner", "2024-01-01", "2024-03-31"))
        #expect(result.rows.map(\.value) == [1, 10.0 / 29, 0])
        #expect(result.rows.map(\.period) == ["2024-01", "2024-02", "2024-03"])
        #expect(result.sourceRowCount == 3)
    }

    @Test("Three people unemployed four months each are about one full-time person a year")
    func seedExample() throws {
        let benefits = ["A", "B", "C"].map {
            BenefitPeriod(personID: $0, benefit: "dagpenge", start: d(2021, 1, 1), end: d(2021, 4, 30))
        }
        let register = Register(persons: [], benefits: benefits, activities: [])
        let result = KPIEngine(register).evaluate(try query("fuldtidspersoner", "2021-01-01", "2021-12-31", "aar"))
        #expect(result.rows.map(\.value) == [3 * 120 / 365.0])
    }

    @Test("An open period runs through the end of the window; a person on two benefits counts on both")
    func openPeriod() throws {
        let register = Register(persons: [Person(id: "A", sex: "K")], benefits: [
            BenefitPeriod(personID: "A", benefit: "sygedagpenge", start: d(2024, 2, 20)),
            BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2024, 1, 1), end: d(2024, 2, 19)),
        ], activities: [])
        let split = KPIEngine(register).evaluate(try query("fuldtidspersoner", "2024-02-01", "2024-03-31", split: ["ydelse"]))
        #expect(split.rows == [
            KPIRow(dimensions: ["dagpenge"], period: "2024-02", value: 19.0 / 29),
            KPIRow(dimensions: ["dagpenge"], period: "2024-03", value: 0),
            KPIRow(dimensions: ["sygedagpenge"], period: "2024-02", value: 10.0 / 29),
            KPIRow(dimensions: ["sygedagpenge"], period: "2024-03", value: 1),
        ])
        let persons = KPIEngine(register).evaluate(try query("personer", "2024-02-01", "2024-03-31", filters: ["koen=K"]))
        #expect(persons.rows.map(\.value) == [1, 1])
    }

    @Test("Age group on the first day of each period, leap-day birthdays included")
    func ageGroups() throws {
        let register = Register(persons: [Person(id: "A", birthDate: d(2000, 2, 29))], benefits: [
            BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2024, 1, 1), end: d(2025, 12, 31)),
        ], activities: [])
        let result = KPIEngine(register).evaluate(try query("personer", "2024-02-01", "2025-03-31", "aar", split: ["aldersgruppe"]))
        // 23 on 2024-02-01; 24 on 2025-01-01 (16-24), still 16-24 after the birthday.
        #expect(result.rows == [
            KPIRow(dimensions: ["16-24"], period: "2024", value: 1),
            KPIRow(dimensions: ["16-24"], period: "2025", value: 1),
        ])
    }

    @Test("Target group of an activity, and ingen_ydelse when no benefit covers its first day")
    func targetGroup() throws {
        let register = Register(persons: [], benefits: [
            BenefitPeriod(personID: "A", benefit: "kontanthjaelp_jobparat", start: d(2024, 1, 1), end: d(2024, 6, 30)),
        ], activities: [
            Activity(id: "1", personID: "A", type: "nytteindsats", start: d(2024, 2, 1), end: d(2024, 2, 29)),
            Activity(id: "2", personID: "A", type: "nytteindsats", start: d(2024, 2, 15), end: d(2024, 3, 10)),
            Activity(id: "3", personID: "B", type: "nytteindsats", start: d(2024, 3, 1)),
        ])
        let result = KPIEngine(register).evaluate(try query("fuldtidsaktiverede", "2024-02-01", "2024-03-31",
                                                             split: ["maalgruppe"], filters: ["type=nytteindsats"]))
        #expect(result.rows == [
            KPIRow(dimensions: ["ingen_ydelse"], period: "2024-02", value: 0),
            KPIRow(dimensions: ["ingen_ydelse"], period: "2024-03", value: 1),
            KPIRow(dimensions: ["kontanthjaelp_jobparat"], period: "2024-02", value: 1),
            KPIRow(dimensions: ["kontanthjaelp_jobparat"], period: "2024-03", value: 10.0 / 31),
        ])
    }

    @Test("A query split by nothing on an empty register has zero rows per period, not none")
    func emptyRegister() throws {
        let result = KPIEngine(Register(persons: [], benefits: [], activities: [])).evaluate(try query("personer", "2024-01-01", "2024-02-15"))
        #expect(result.rows.map(\.value) == [0, 0])
        #expect(result.dataDate == nil)
    }

    @Test("Query errors are Danish and name the option")
    func queryErrors() {
        #expect(throws: KPIQueryError("ukendt nøgletal 'fuldtid'; kendte: \(Measure.allCases.map(\.rawValue).joined(separator: ", "))")) {
            try query("fuldtid", "2024-01-01", "2024-02-01")
        }
        #expect(throws: KPIQueryError("--fra 2024-03-01 ligger efter --til 2024-02-01")) {
            try query("personer", "2024-03-01", "2024-02-01")
        }
        #expect(throws: KPIQueryError("--fra og --til må højst ligge 100 år fra hinanden")) {
            try query("personer", "1924-03-01", "2024-03-01")
        }
        #expect(throws: Never.self) { try query("personer", "1924-03-01", "2024-02-29") }
        #expect(throws: KPIQueryError("--opdel: personer kan ikke opdeles på 'type'; mulige: ydelse, kommune, koen, aldersgruppe")) {
            try query("personer", "2024-01-01", "2024-02-01", split: ["type"])
        }
        for empty in ["", "ydelse,", " "] {
            #expect(throws: KPIQueryError("--opdel: personer kan ikke opdeles på ''; mulige: ydelse, kommune, koen, aldersgruppe")) {
                try query("personer", "2024-01-01", "2024-02-01", split: [empty])
            }
        }
        #expect(throws: KPIQueryError("--periode: 'dag' er ukendt; brug uge, maaned, kvartal, aar eller hele")) {
            try query("personer", "2024-01-01", "2024-02-01", "dag")
        }
        #expect(throws: KPIQueryError("--filter: 'ydelse' skal have formen DIMENSION=VÆRDI")) {
            try query("personer", "2024-01-01", "2024-02-01", filters: ["ydelse"])
        }
        #expect(throws: KPIQueryError("--til: '2024-02-30' er ikke en gyldig dato (ÅÅÅÅ-MM-DD)")) {
            try query("personer", "2024-01-01", "2024-02-30")
        }
    }
}

@Suite("Motoren mod den langsomme reference på tilfældige registre")
struct ReferenceComparisonTests {
    static let cases: [(measure: String, period: String, split: [String], filters: [String])] = [
        ("fuldtidspersoner", "maaned", ["ydelse"], []),
        ("fuldtidspersoner", "uge", [], []),
        ("fuldtidspersoner", "kvartal", ["koen", "aldersgruppe"], ["ydelse=dagpenge,sygedagpenge"]),
        ("fuldtidspersoner", "hele", ["kommune", "ydelse"], ["aldersgruppe=16-24,25-29,ukendt"]),
        ("personer", "maaned", [], []),
        ("personer", "uge", ["ydelse", "koen"], ["kommune=169"]),
        ("personer", "aar", ["aldersgruppe"], []),
        ("fuldtidsaktiverede", "maaned", ["type"], []),
        ("fuldtidsaktiverede", "kvartal", [], []),
        ("fuldtidsaktiverede", "maaned", ["maalgruppe", "indsats"], ["enhed=Jobservice,ukendt"]),
        ("fuldtidsaktiverede", "uge", ["enhed"], ["maalgruppe=ingen_ydelse,dagpenge"]),
        ("tilgang", "maaned", ["ydelse"], []),
        ("tilgang", "uge", [], ["ydelse=sygedagpenge"]),
        ("afgang", "maaned", ["ydelse", "afgang"], []),
        ("afgang", "kvartal", ["afgang"], ["afgang=job,ukendt"]),
        ("varighed", "maaned", ["ydelse"], []),
        ("varighed", "hele", [], []),
        ("varighed_median", "kvartal", ["ydelse"], []),
        ("varighed_median", "maaned", [], []),
        ("effekt", "maaned", ["maalgruppe", "status"], []),
        ("effekt", "kvartal", ["type", "indsats"], ["status=job,samme_ydelse"]),
        ("selvforsoergelse", "maaned", ["ydelse", "status"], []),
        ("selvforsoergelse", "hele", ["status"], ["ydelse=dagpenge"]),
        ("gengangere", "maaned", ["antal"], []),
        ("gengangere", "uge", [], []),
        ("gengangere", "kvartal", [], ["antal=mindst_3"]),
        ("virksomhedsdaekning", "maaned", [], []),
        ("virksomhedsdaekning", "kvartal", ["enhed", "branche"], []),
        ("virksomhedsdaekning", "maaned", ["branche"], ["enhed=Jobservice"]),
        ("samtaler", "uge", ["type", "afholdt_af"], []),
        ("samtaler", "maaned", ["medarbejder", "enhed"], ["type=jobsamtale"]),
        ("andel_med_cv", "maaned", ["ydelse"], []),
        ("andel_med_cv", "kvartal", [], []),
        ("jobordrer", "maaned", ["enhed"], []),
        ("stillinger", "kvartal", [], []),
        ("formidlinger", "maaned", ["enhed"], []),
        ("andel_virksomhedsrettet", "maaned", ["maalgruppe"], []),
        ("andel_virksomhedsrettet", "uge", [], []),
        ("andel_loennede_timer", "maaned", ["ydelse"], []),
        ("andel_loennede_timer", "hele", [], []),
        ("refusionstrin", "maaned", ["ydelse", "trin"], []),
        ("refusionstrin", "kvartal", ["trin"], ["trin=2,3"]),
    ]

    @Test("Identical rows on 40 random registers, swept in 1, 2 and 3 parts", arguments: 0..<cases.count)
    func compare(_ index: Int) throws {
        let c = Self.cases[index]
        var informative = 0
        for seed in 0..<40 as Range<UInt64> {
            let random = RandomRegister(seed: seed * 31 + UInt64(index))
            let q = try query(c.measure, "2024-01-15", "2024-07-03", c.period, split: c.split, filters: c.filters)
            // Parts of a sweep are merged: the answer must not depend on how many.
            let result = KPIEngine(random.register, shards: 1 + Int(seed % 3)).evaluate(q)
            let expected = random.reference.evaluate(q)
            #expect(result.rows == expected, "seed \(seed)")
            if seed % 3 != 0 {
                #expect(result.sourceRowCount == KPIEngine(random.register, shards: 1).evaluate(q).sourceRowCount, "seed \(seed)")
            }
            informative += expected.count { ($0.value ?? 0) != 0 }
        }
        // The random registers must exercise the case, not compare empty answers.
        #expect(informative >= 10)
    }
}
