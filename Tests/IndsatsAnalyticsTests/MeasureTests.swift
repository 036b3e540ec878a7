import IndsatsAnalytics
import IndsatsCore
import IndsatsTestSupport
import Testing

func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day(year: y, month: m, day: day)! }

func query(
    _ measure: String, _ from: String, _ to: String, _ period: String = "maaned",
    split: [String] = [], filters: [String] = []
) throws -> KPIQuery {
    try KPIQuery.parse(measure: measure, from: from, to: to, period: period, splitBy: split, filters: filters)
}

@Suite("Nøgletal på håndregnede eksempler")
struct MeasureTests {
    @Test("Overlapping and duplicated rows of one benefit count each day once")
    func unionOfDays() throws {
        let register = Register(
            persons: [Person(id: "A")],
            benefits: [
                BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2024, 1, 1), end: d(2024, 1, 31)),
                BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2024, 1, 15), end: d(2024, 2, 10)),
                BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2024, 1, 15), end: d(2024, 2, 10)),
            ], activities: [])
        let result = KPIEngine(register).evaluate(try query("fuldtidspersoner", "2024-01-01", "2024-03-31"))
        #expect(result.rows.map(\.value) == [1, 10.0 / 29, 0])
        #expect(result.rows.map(\.period) == ["2024-01", "2024-02", "2024-03"])
        #expect(result.sourceRowCount == 3)
    }

    @Test("Closures and the CV share go to who had the citizen that day: latest conversation, else activity")
    func whoHasTheCitizen() throws {
        let register = Register(
            persons: [Person(id: "A", cvDate: d(2024, 1, 1)), Person(id: "B"), Person(id: "C")],
            benefits: [
                // A ends on job on 29-02-2024, a leap day: Jobservice had A since 10-02 (of the day's two units the alphabetically last), M2 the latest caseworker.
                BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2023, 11, 1), end: d(2024, 2, 29), exitReason: "job"),
                // B has no conversation with a unit: the unit of the latest-starting activity by then.
                BenefitPeriod(personID: "B", benefit: "dagpenge", start: d(2023, 12, 1), end: d(2024, 2, 15), exitReason: "uddannelse"),
                // C has nobody.
                BenefitPeriod(
                    personID: "C", benefit: "kontanthjaelp_jobparat", start: d(2023, 12, 1), end: d(2024, 2, 20), exitReason: "job"),
            ],
            activities: [
                Activity(id: "b1", personID: "B", type: "mentor", start: d(2024, 1, 5), unit: "Ungeenheden"),
                Activity(id: "b2", personID: "B", type: "mentor", start: d(2024, 2, 16), unit: "Jobservice"),
            ],
            conversations: [
                Conversation(personID: "A", date: d(2024, 1, 3), type: "jobsamtale", staffID: "M1", unit: "Ungeenheden"),
                Conversation(personID: "A", date: d(2024, 2, 10), type: "jobsamtale", staffID: nil, unit: "Jobservice"),
                Conversation(personID: "A", date: d(2024, 2, 10), type: "cv_samtale", staffID: "M2", unit: "Erhverv"),
                Conversation(personID: "A", date: d(2024, 3, 1), type: "jobsamtale", staffID: "M3", unit: "Ungeenheden"),
                Conversation(personID: "B", date: d(2024, 2, 1), type: "jobsamtale", staffID: "M1", unit: nil),
            ])
        let closures = KPIEngine(register).evaluate(
            try query("afgang", "2024-02-01", "2024-02-29", "hele", split: ["enhed", "medarbejder"]))
        #expect(
            closures.rows == [
                KPIRow(dimensions: ["Jobservice", "M2"], period: "hele", value: 1),
                KPIRow(dimensions: ["Ungeenheden", "M1"], period: "hele", value: 1),
                KPIRow(dimensions: ["ukendt", "ukendt"], period: "hele", value: 1),
            ])
        let jobs = KPIEngine(register).evaluate(
            try query("afgang", "2024-02-01", "2024-02-29", "hele", split: ["enhed"], filters: ["afgang=job"]))
        #expect(jobs.rows.map(\.dimensions) == [["Jobservice"], ["ukendt"]])
        // On 31-01-2024 A (with CV) is Ungeenheden's and M1's; B (no CV) Ungeenheden's through the activity; C nobody's.
        let cv = KPIEngine(register).evaluate(
            try query("andel_med_cv", "2024-01-01", "2024-01-31", "hele", split: ["enhed", "medarbejder"]))
        #expect(
            cv.rows == [
                KPIRow(dimensions: ["Ungeenheden", "M1"], period: "hele", value: 1),
                KPIRow(dimensions: ["Ungeenheden", "ukendt"], period: "hele", value: 0),
                KPIRow(dimensions: ["ukendt", "ukendt"], period: "hele", value: 0),
            ])
        #expect(try query("afgang", "2024-01-01", "2024-01-31", split: ["medarbejder"]).registerParts.contains(.conversations))
        #expect(!(try query("afgang", "2024-01-01", "2024-01-31", split: ["ydelse"]).registerParts.contains(.conversations)))
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
        let register = Register(
            persons: [Person(id: "A", sex: "K")],
            benefits: [
                BenefitPeriod(personID: "A", benefit: "sygedagpenge", start: d(2024, 2, 20)),
                BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2024, 1, 1), end: d(2024, 2, 19)),
            ], activities: [])
        let split = KPIEngine(register).evaluate(try query("fuldtidspersoner", "2024-02-01", "2024-03-31", split: ["ydelse"]))
        #expect(
            split.rows == [
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
        let register = Register(
            persons: [Person(id: "A", birthDate: d(2000, 2, 29))],
            benefits: [
                BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2024, 1, 1), end: d(2025, 12, 31))
            ], activities: [])
        let result = KPIEngine(register).evaluate(try query("personer", "2024-02-01", "2025-03-31", "aar", split: ["aldersgruppe"]))
        // 23 on 2024-02-01; 24 on 2025-01-01 (16-24), still 16-24 after the birthday.
        #expect(
            result.rows == [
                KPIRow(dimensions: ["16-24"], period: "2024", value: 1),
                KPIRow(dimensions: ["16-24"], period: "2025", value: 1),
            ])
    }

    @Test("Target group of an activity, and ingen_ydelse when no benefit covers its first day")
    func targetGroup() throws {
        let register = Register(
            persons: [],
            benefits: [
                BenefitPeriod(personID: "A", benefit: "kontanthjaelp_jobparat", start: d(2024, 1, 1), end: d(2024, 6, 30))
            ],
            activities: [
                Activity(id: "1", personID: "A", type: "nytteindsats", start: d(2024, 2, 1), end: d(2024, 2, 29)),
                Activity(id: "2", personID: "A", type: "nytteindsats", start: d(2024, 2, 15), end: d(2024, 3, 10)),
                Activity(id: "3", personID: "B", type: "nytteindsats", start: d(2024, 3, 1)),
            ])
        let result = KPIEngine(register).evaluate(
            try query(
                "fuldtidsaktiverede", "2024-02-01", "2024-03-31",
                split: ["maalgruppe"], filters: ["type=nytteindsats"]))
        #expect(
            result.rows == [
                KPIRow(dimensions: ["ingen_ydelse"], period: "2024-02", value: 0),
                KPIRow(dimensions: ["ingen_ydelse"], period: "2024-03", value: 1),
                KPIRow(dimensions: ["kontanthjaelp_jobparat"], period: "2024-02", value: 1),
                KPIRow(dimensions: ["kontanthjaelp_jobparat"], period: "2024-03", value: 10.0 / 31),
            ])
    }

    @Test("A query split by nothing on an empty register has zero rows per period, not none")
    func emptyRegister() throws {
        let result = KPIEngine(Register(persons: [], benefits: [], activities: [])).evaluate(
            try query("personer", "2024-01-01", "2024-02-15"))
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
        #expect(
            throws: KPIQueryError("--opdel: personer kan ikke opdeles på 'type'; mulige: ydelse, hovedydelse, kommune, koen, aldersgruppe")
        ) {
            try query("personer", "2024-01-01", "2024-02-01", split: ["type"])
        }
        for empty in ["", "ydelse,", " "] {
            #expect(
                throws: KPIQueryError("--opdel: personer kan ikke opdeles på ''; mulige: ydelse, hovedydelse, kommune, koen, aldersgruppe")
            ) {
                try query("personer", "2024-01-01", "2024-02-01", split: [empty])
            }
        }
        #expect(throws: KPIQueryError("--periode: 'dag' er ukendt; brug uge, maaned, kvartal, aar eller hele")) {
            try query("personer", "2024-01-01", "2024-02-01", "dag")
        }
        // Given empty (`periode=`, `maaneder=` in the API) is an error, not the default.
        #expect(throws: KPIQueryError("--periode: '' er ukendt; brug uge, maaned, kvartal, aar eller hele")) {
            try query("personer", "2024-01-01", "2024-02-01", "")
        }
        #expect(throws: KPIQueryError("--maaneder: '' skal være et helt antal måneder fra 1 til 120")) {
            try KPIQuery.parse(measure: "effekt", from: "2024-01-01", to: "2024-02-01", period: nil, splitBy: [], filters: [], months: "")
        }
        #expect(throws: KPIQueryError("--filter: 'ydelse' skal have formen DIMENSION=VÆRDI")) {
            try query("personer", "2024-01-01", "2024-02-01", filters: ["ydelse"])
        }
        #expect(throws: KPIQueryError("--til: '2024-02-30' er ikke en gyldig dato (ÅÅÅÅ-MM-DD)")) {
            try query("personer", "2024-01-01", "2024-02-30")
        }
    }

    @Test("By hovedydelse the 2025-07 merger is no exit: one spell from uddannelseshjælp into kontanthjælp")
    func mainBenefitAcrossTheMerger() throws {
        let merged = Day(year: 2025, month: 7, day: 1)!
        let register = Register(
            persons: [Person(id: "P1", birthDate: Day(year: 2001, month: 5, day: 3)!)],
            benefits: [
                BenefitPeriod(
                    personID: "P1", benefit: "uddannelseshjaelp_aktivitetsparat", start: Day(year: 2025, month: 1, day: 6)!,
                    end: merged.advanced(by: -1), exitReason: "anden_ydelse"),
                BenefitPeriod(personID: "P1", benefit: "kontanthjaelp_aktivitetsparat", start: merged),
                BenefitPeriod(
                    personID: "P1", benefit: "dagpenge", start: Day(year: 2025, month: 2, day: 1)!, end: Day(year: 2025, month: 2, day: 28)!
                ),
            ], activities: [])
        let engine = KPIEngine(register)
        func rows(_ measure: String, _ split: [String], _ filters: [String] = []) throws -> [KPIRow] {
            engine.evaluate(try query(measure, "2025-01-01", "2025-12-31", "hele", split: split, filters: filters)).rows
        }
        // By code: the merger ends one spell and starts another.
        #expect(
            try rows("afgang", ["ydelse"]).filter { $0.value != 0 }.map(\.dimensions) == [
                ["dagpenge"], ["uddannelseshjaelp_aktivitetsparat"],
            ])
        #expect(try rows("tilgang", ["ydelse"]).filter { $0.value != 0 }.count == 3)
        // By hovedydelse: one open kontanthjælp spell, no exit, and dagpenge as it was.
        #expect(
            try rows("tilgang", ["hovedydelse"]) == [
                KPIRow(dimensions: ["dagpenge"], period: "hele", value: 1), KPIRow(dimensions: ["kontanthjaelp"], period: "hele", value: 1),
            ])
        #expect(try rows("afgang", ["hovedydelse"]) == [KPIRow(dimensions: ["dagpenge"], period: "hele", value: 1)])
        // Dagpenge ended on a day of uddannelseshjælp: a move to kontanthjælp by hovedydelse.
        #expect(try rows("overgange", ["hovedydelse", "til_ydelse"]).map(\.dimensions) == [["dagpenge", "kontanthjaelp"]])
        let days = Double(DayRange(Day(year: 2025, month: 1, day: 6)!, Day(year: 2025, month: 12, day: 31)!).dayCount)
        #expect(
            try rows("fuldtidspersoner", [], ["hovedydelse=kontanthjaelp"]) == [KPIRow(dimensions: [], period: "hele", value: days / 365)])
        // One replaces the other: asking both is an error.
        #expect(throws: KPIQueryError("brug enten ydelse eller hovedydelse, ikke begge: hovedydelse lægger ydelserne sammen")) {
            try query("afgang", "2025-01-01", "2025-12-31", split: ["hovedydelse"], filters: ["ydelse=dagpenge"])
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
        ("andel_med_cv", "maaned", ["enhed", "medarbejder"], []),
        ("andel_med_cv", "uge", ["medarbejder"], ["enhed=Jobservice,ukendt"]),
        ("afgang", "maaned", ["enhed", "afgang"], ["afgang=job,uddannelse"]),
        ("afgang", "kvartal", ["medarbejder"], ["enhed=Ungeenheden"]),
        ("jobordrer", "maaned", ["enhed"], []),
        ("stillinger", "kvartal", [], []),
        ("formidlinger", "maaned", ["enhed"], []),
        ("andel_virksomhedsrettet", "maaned", ["maalgruppe"], []),
        ("andel_virksomhedsrettet", "uge", [], []),
        ("andel_loennede_timer", "maaned", ["ydelse"], []),
        ("andel_loennede_timer", "hele", [], []),
        ("refusionstrin", "maaned", ["ydelse", "trin"], []),
        ("refusionstrin", "kvartal", ["trin"], ["trin=2,3"]),
        ("nettoudgift", "maaned", ["ydelse", "trin"], []),
        ("startede_aktiviteter", "maaned", ["type", "maalgruppe"], []),
        ("startede_aktiviteter", "uge", [], ["type=virksomhedspraktik,mentor"]),
        ("startede_aktiviteter", "kvartal", ["enhed", "indsats"], ["maalgruppe=ingen_ydelse,dagpenge"]),
        ("nettoudgift", "uge", [], ["trin=1,4"]),
        ("sagsstamme", "maaned", ["medarbejder"], []),
        ("sagsstamme", "uge", ["enhed", "team"], []),
        ("sagsstamme", "kvartal", ["ydelse", "medarbejder"], ["enhed=Jobservice,ukendt"]),
        ("sagsstamme", "maaned", [], ["team=Team A"]),
        ("samtaleopfyldelse", "maaned", ["ydelse"], []),
        ("samtaleopfyldelse", "kvartal", ["enhed", "medarbejder"], []),
        ("samtaleopfyldelse", "hele", [], ["medarbejder=M1,ukendt"]),
        ("tilbudsrettidighed", "maaned", ["ydelse"], []),
        ("tilbudsrettidighed", "kvartal", ["medarbejder", "enhed"], []),
        ("fastholdelse", "maaned", ["ydelse", "afgang"], []),
        ("overgange", "maaned", ["ydelse", "til_ydelse"], []),
        ("screeninger", "maaned", ["gruppe", "forslag"], []),
        ("virksomhedsdaekning_personlig", "maaned", [], []),
        ("virksomhedsdaekning_personlig", "kvartal", ["enhed", "branche"], []),
        ("virksomhedsdaekning_personlig", "maaned", ["branche"], ["enhed=Jobservice"]),
        ("screeninger", "kvartal", ["afvigelse", "enhed"], ["gruppe=2,3"]),
        ("screeninger", "uge", [], ["forslag=intet,1"]),
        ("overgange", "kvartal", ["til_ydelse"], ["til_ydelse=ingen_ydelse,dagpenge,sygedagpenge,selvforsoergende"]),
        ("tilgang", "kvartal", ["koen", "aldersgruppe"], []),
        ("tilgang", "maaned", ["ydelse"], ["aldersgruppe=16-24,25-29,30-39", "koen=K"]),
        ("afgang", "kvartal", ["varighedsgruppe", "koen"], []),
        ("afgang", "maaned", ["aldersgruppe"], ["varighedsgruppe=0-4 uger,5-8 uger", "afgang=job"]),
        ("varighed", "kvartal", ["koen", "aldersgruppe"], []),
        ("varighed_median", "hele", ["aldersgruppe"], ["koen=M"]),
        ("effekt_personer", "kvartal", ["status"], []),
        ("effekt_personer", "maaned", ["type", "maalgruppe"], []),
        ("effekt_personer", "hele", ["indsats", "status"], ["status=job,oevrig,samme_ydelse"]),
        ("placeringer", "maaned", ["ydelse"], []),
        ("placeringer", "kvartal", ["enhed", "branche"], []),
        ("placeringer", "uge", ["branche"], ["ydelse=ingen_ydelse,dagpenge"]),
        ("placeringer", "hele", [], ["enhed=Virksomhedsservice"]),
        ("fuldtidspersoner", "maaned", ["hovedydelse"], []),
        ("personer", "kvartal", ["hovedydelse", "koen"], []),
        ("tilgang", "maaned", ["hovedydelse"], []),
        ("afgang", "maaned", ["hovedydelse", "afgang"], []),
        ("afgang", "kvartal", ["koen"], ["hovedydelse=kontanthjaelp"]),
        ("varighed", "kvartal", ["hovedydelse"], []),
        ("varighed_median", "hele", [], ["hovedydelse=kontanthjaelp"]),
        ("selvforsoergelse", "maaned", ["hovedydelse", "status"], []),
        ("andel_med_cv", "maaned", ["hovedydelse"], []),
        ("andel_loennede_timer", "kvartal", ["hovedydelse"], []),
        ("refusionstrin", "maaned", ["hovedydelse", "trin"], []),
        ("nettoudgift", "maaned", ["hovedydelse"], []),
        ("nettoudgift", "kvartal", ["trin"], ["hovedydelse=kontanthjaelp"]),
        ("sagsstamme", "maaned", ["hovedydelse"], []),
        ("samtaleopfyldelse", "maaned", ["hovedydelse"], []),
        ("tilbudsrettidighed", "kvartal", ["hovedydelse", "enhed"], []),
        ("fastholdelse", "kvartal", ["hovedydelse", "afgang"], []),
        ("overgange", "maaned", ["hovedydelse", "til_ydelse"], []),
        ("placeringer", "kvartal", ["hovedydelse"], []),
        ("puljeresultat", "hele", ["pulje"], []),
        ("puljeresultat", "hele", [], ["pulje=P1"]),
        ("budgetforbrug", "maaned", ["ydelse"], []),
        ("budgetforbrug", "kvartal", [], []),
        ("budgetforbrug", "maaned", ["hovedydelse"], []),
        ("budgetforbrug", "hele", [], ["ydelse=dagpenge,sygedagpenge"]),
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

@Suite("Fastholdelse mod den langsomme reference over et længere vindue")
struct RetentionTests {
    @Test("Identical rows for 1, 3 and 6 months after, by benefit and reason, in 1-3 parts", arguments: [1, 3, 6])
    func compare(months: Int) throws {
        var informative = 0
        for seed in 0..<30 as Range<UInt64> {
            let random = RandomRegister(seed: 4_000 + seed, people: 20)
            for (period, split) in [("kvartal", [Dimension.ydelse, .afgang]), ("aar", [])] {
                let window = DayRange(Day(year: 2022, month: 7, day: 1)!, Day(year: 2024, month: 9, day: 30)!)
                let q = KPIQuery(
                    measure: .fastholdelse, window: window, periodKind: PeriodKind(rawValue: period)!, splitBy: split,
                    monthsAfter: months)
                let expected = random.reference.evaluate(q)
                #expect(KPIEngine(random.register, shards: 1 + Int(seed % 3)).evaluate(q).rows == expected, "seed \(seed)")
                informative += expected.count { $0.value != nil }
            }
        }
        #expect(informative >= 10)
    }
}

@Suite("Skønnet nettoudgift mod den langsomme reference")
struct NetSpendingTests {
    /// Prices that change mid-window, a refusion rule that starts mid-window and a benefit with no rate.
    static let prices = BenefitPrices(
        rates: [
            BenefitRate(benefit: "dagpenge", from: Day(year: 2023, month: 1, day: 1)!, monthly: 19_728, source: "test"),
            BenefitRate(benefit: "dagpenge", from: Day(year: 2024, month: 3, day: 13)!, monthly: 21_000.5, source: "test"),
            BenefitRate(benefit: "kontanthjaelp_jobparat", from: Day(year: 2024, month: 2, day: 29)!, monthly: 12_326, source: "test"),
            BenefitRate(
                benefit: "kontanthjaelp_aktivitetsparat", from: Day(year: 2020, month: 1, day: 1)!, monthly: 11_554, source: "test"),
        ],
        refusion: [
            RefusionRule(from: Day(year: 2024, month: 1, day: 20)!, municipalShares: [0.2, 0.6, 0.7, 0.8], source: "test"),
            RefusionRule(from: Day(year: 2024, month: 12, day: 30)!, municipalShares: [0.25, 0.5, 0.75, 1], source: "test"),
        ])

    @Test(
        "Same kroner and same unpriced days over a year end with changing rates and rules, in 1-3 parts", arguments: 0..<20 as Range<UInt64>
    )
    func compare(seed: UInt64) throws {
        let random = RandomRegister(seed: seed)
        let reference = SlowReference(persons: random.persons, benefits: random.benefits, activities: [], prices: Self.prices)
        for (period, split) in [("maaned", ["ydelse", "trin"]), ("kvartal", ["trin"]), ("hele", [])] {
            let q = try KPIQuery.parse(
                measure: "nettoudgift", from: "2024-01-10", to: "2025-01-05", period: period, splitBy: split, filters: [])
            let result = KPIEngine(random.register, prices: Self.prices, shards: 1 + Int(seed % 3)).evaluate(q)
            let expected = reference.netSpending(q)
            #expect(result.rows == expected.rows, "seed \(seed) \(period)")
            let notes = expected.unpriced.sorted { $0.key < $1.key }.map { benefit, days in
                // The window's days without a rate or a rule, as runs of days, found day by day.
                var runs: [(Day, Day)] = []
                for day in q.window.start...q.window.end
                where
                    !(Self.prices.rates.contains { $0.benefit == benefit && $0.from <= day }
                    && Self.prices.refusion.contains { $0.from <= day })
                {
                    if let last = runs.last, last.1.advanced(by: 1) == day { runs[runs.count - 1].1 = day } else { runs.append((day, day)) }
                }
                let when = runs.map { "fra \($0.0.danish) til \($0.1.danish)" }.joined(separator: " og ")
                return
                    "Ydelsen \(benefit) har ingen sats eller refusionsregel \(when); \(DanishFormat.integer(days)) dage på den i perioden er ikke regnet med (tilføj en sats med indsats satser importer)."
            }
            // The register starts in 2022, after the reform and within 156 weeks of the window: said once.
            let first = random.benefits.map(\.start).min()!
            #expect(first > Day(year: 2016, month: 1, day: 4)! && first.advanced(by: 156 * 7) > Day(year: 2024, month: 1, day: 10)!)
            let history =
                "Registrets ydelseshistorik begynder \(first.danish), efter refusionsreformens start 04-01-2016, og under 156 uger før perioden: for borgere, der var på ydelse før, kan refusionstrinnet være for lavt, så kommunens andel skønnes for lav. Indlæs ydelsesforløb tilbage til 04-01-2016 for et sikkert skøn."
            #expect(result.notes == notes + [history], "seed \(seed)")
        }
    }

    @Test("By hand: 28 days of dagpenge on step 1 and 3 on step 2 in January 2024 at the default rates")
    func januaryByHand() throws {
        let register = Register(
            persons: [],
            benefits: [
                BenefitPeriod(
                    personID: "A", benefit: "dagpenge", start: Day(year: 2024, month: 1, day: 1)!, end: Day(year: 2024, month: 1, day: 31)!),
                BenefitPeriod(
                    personID: "B", benefit: "integrationsydelse", start: Day(year: 2024, month: 1, day: 1)!,
                    end: Day(year: 2024, month: 1, day: 10)!),
            ], activities: [])
        let q = try KPIQuery.parse(
            measure: "nettoudgift", from: "2024-01-01", to: "2024-01-31", period: "hele", splitBy: ["trin"], filters: [])
        let result = KPIEngine(register).evaluate(q)
        // 20.359 kr. a month is 20.359 × 12 / 366 = 667,51 kr. a day in the leap year 2024.
        let daily = 20_359.0 * 12 / 366
        #expect(
            result.rows == [
                KPIRow(dimensions: ["1"], period: "hele", value: ((28 * daily * 0.2) * 100).rounded() / 100),
                KPIRow(dimensions: ["2"], period: "hele", value: ((3 * daily * 0.6) * 100).rounded() / 100),
            ])
        #expect(result.rows.map(\.value) == [3_738.05, 1_201.51])
        #expect(
            result.notes == [
                "Ydelsen integrationsydelse har ingen sats eller refusionsregel fra 01-01-2024 til 31-01-2024; 10 dage på den i perioden er ikke regnet med (tilføj en sats med indsats satser importer).",
                "Registrets ydelseshistorik begynder 01-01-2024, efter refusionsreformens start 04-01-2016, og under 156 uger før perioden: for borgere, der var på ydelse før, kan refusionstrinnet være for lavt, så kommunens andel skønnes for lav. Indlæs ydelsesforløb tilbage til 04-01-2016 for et sikkert skøn.",
            ])
        // A history reaching back to the reform, or 156 weeks before the window, needs no such note.
        let longer = Register(
            persons: [],
            benefits: [
                BenefitPeriod(
                    personID: "C", benefit: "dagpenge", start: Day(year: 2020, month: 12, day: 1)!, end: Day(year: 2020, month: 12, day: 2)!
                )
            ], activities: [])
        #expect(KPIEngine(longer).evaluate(q).notes.isEmpty)
    }

    @Test("Default prices: a year's rate costs 12 months gross; segments cut at new year, rate and rule changes")
    func segments() throws {
        let prices = BenefitPrices.defaults
        let d = { (y: Int, m: Int, dd: Int) in Day(year: y, month: m, day: dd)! }
        #expect(prices.rate("dagpenge", on: d(2024, 12, 31))?.monthly == 20_359)
        #expect(prices.rate("sygedagpenge", on: d(2019, 1, 1))?.monthly == 18_871.67)
        #expect(prices.rate("ledighedsydelse", on: d(2025, 1, 1))?.monthly == 18_771.88)
        #expect(prices.rate("foertidspension", on: d(2014, 12, 31)) == nil)
        #expect(
            [d(2015, 1, 1), d(2019, 12, 31), d(2025, 1, 1)].map { prices.rate("foertidspension", on: $0)?.monthly } == [
                17_925, 17_925, 19_092,
            ])
        #expect(
            [d(2018, 1, 1), d(2021, 6, 1)].map { prices.rate("uddannelseshjaelp_uddannelsesparat", on: $0)?.monthly } == [6_182, 6_331])
        #expect(prices.unpriced("dagpenge", in: DayRange(d(2018, 12, 1), d(2019, 1, 31))) == [DayRange(d(2018, 12, 1), d(2018, 12, 31))])
        #expect(
            prices.unpriced("integrationsydelse", in: DayRange(d(2024, 1, 1), d(2024, 1, 31))) == [DayRange(d(2024, 1, 1), d(2024, 1, 31))])
        // From the refusion reform on: Herning's 2017 is priced (bm.dk's tables).
        #expect(prices.rate("kontanthjaelp_jobparat", on: d(2016, 1, 3)) == nil)
        #expect(
            [d(2016, 1, 4), d(2017, 6, 1), d(2018, 1, 1), d(2019, 12, 31), d(2020, 1, 1)].map {
                prices.rate("kontanthjaelp_aktivitetsparat", on: $0)?.monthly
            } == [10_968, 11_143, 11_282, 11_423, 11_554])
        #expect(prices.rate("uddannelseshjaelp_aktivitetsparat", on: d(2017, 3, 1))?.monthly == 6_010)
        #expect(prices.rule(on: d(2016, 1, 3)) == nil)
        let year = prices.segments("dagpenge", in: DayRange(d(2024, 1, 1), d(2024, 12, 31)))
        #expect(year.count == 1)
        #expect(abs(year[0].dailyGross * 366 - 20_359 * 12) < 1e-6)
        let across = prices.segments("kontanthjaelp_jobparat", in: DayRange(d(2024, 12, 1), d(2025, 8, 31)))
        #expect(
            across.map(\.days) == [
                DayRange(d(2024, 12, 1), d(2024, 12, 31)), DayRange(d(2025, 1, 1), d(2025, 6, 30)), DayRange(d(2025, 7, 1), d(2025, 8, 31)),
            ])
        #expect(prices.segments("dagpenge", in: DayRange(d(2015, 12, 1), d(2016, 1, 10))).isEmpty)
    }
}
