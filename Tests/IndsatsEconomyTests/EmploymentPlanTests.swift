import Foundation
import IndsatsAnalytics
import IndsatsCore
import Testing

@testable import IndsatsEconomy

@Suite("Beskæftigelsesplanens mål")
struct EmploymentPlanTests {
    private func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day(year: y, month: m, day: day)! }

    func goal(
        _ id: String, _ measure: String, _ filters: [String: [String]], _ target: EmploymentPlan.Target,
        _ direction: EmploymentPlan.Direction, notMeasurable: String? = nil
    ) -> EmploymentPlan.Goal {
        EmploymentPlan.Goal(
            id: id, title: id, text: "", measure: measure, filters: filters, note: nil, monthsAfter: nil, baseline: nil,
            target: target, direction: direction, notMeasurable: notMeasurable)
    }

    @Test("By hand, half-way through 2024: a level against last year's, a count forecast for the year, a goal the register cannot measure")
    func byHand() throws {
        let register = Register(
            persons: [],
            benefits: [
                BenefitPeriod(personID: "A", benefit: "dagpenge", start: d(2023, 1, 1), end: d(2024, 6, 30)),
                BenefitPeriod(personID: "B", benefit: "dagpenge", start: d(2023, 7, 1), end: d(2023, 12, 31), exitReason: "job"),
                BenefitPeriod(
                    personID: "C", benefit: "kontanthjaelp_jobparat", start: d(2024, 1, 1), end: d(2024, 3, 31), exitReason: "job"),
            ], activities: [])
        let plan = EmploymentPlan(
            name: "Plan", year: 2024,
            themes: [
                .init(
                    title: "Tema",
                    goals: [
                        goal("1", "fuldtidspersoner", ["ydelse": ["dagpenge"]], .init(change: -0.5), .ned),
                        goal("2", "afgang", ["afgang": ["job"]], .init(value: 4), .op),
                        goal("3", "fuldtidspersoner", [:], .init(change: -32), .ned, notMeasurable: "intet boligområde"),
                    ])
            ])
        let s = plan.evaluate(on: register)
        // 2023: A all year, B 184 of 365 days. 2024 to 30 June: A every day.
        #expect(abs(s[0].baseline! - (1 + 184.0 / 365)) < 1e-12 && abs(s[0].target! - (0.5 + 184.0 / 365)) < 1e-12)
        #expect(s[0].actual == 1 && s[0].forecast == 1 && s[0].state == .onTrack && s[0].measuredTo == d(2024, 6, 30))
        // One spell to a job in 2023 (B), one so far in 2024 (C): 1 × 366 / 182 for the year, short of 4.
        #expect(s[1].baseline == 1 && s[1].target == 4 && s[1].actual == 1)
        #expect(abs(s[1].forecast! - 366.0 / 182) < 1e-12 && s[1].state == .behind)
        #expect(s[2].state == .notMeasurable && s[2].explanation == "intet boligområde" && s[2].actual == nil)
        // A hidden figure leaves the goal without figures, saying why; so does a figure the reader may not get.
        let engine = KPIEngine(register)
        let hidden = plan.evaluate(dataDate: register.dataDate) { query in
            var result = engine.evaluate(query)
            result.rows = result.rows.map { KPIRow(dimensions: $0.dimensions, period: $0.period, value: nil, suppressed: true) }
            return result
        }
        #expect(hidden.prefix(2).allSatisfy { $0.actual == nil && $0.state == .noData && $0.explanation.hasPrefix("Skjult: under 5") })
        let refused = plan.evaluate(dataDate: register.dataDate) { _ in nil }
        #expect(
            refused.prefix(2).allSatisfy { $0.actual == nil && $0.state == .noData && $0.explanation.hasPrefix("Vises ikke for din rolle") }
        )
        #expect(plan.queries(dataDate: register.dataDate).count == 4)
        // A year the register does not reach has no actual value.
        #expect(plan.evaluate(on: register, year: 2025)[0].explanation == "Registret når ikke 2025: datadatoen er 30-06-2024.")
        #expect(PlanFormat.value(0.484, "virksomhedsdaekning") == "48,4 %" && PlanFormat.value(1_902, "afgang") == "1.902")
    }

    @Test("A goal on a code the 2025-07 merger ended reads 'kan ikke måles' in 2026, never 0 or 'bagud'; by hovedydelse it is measured")
    func goalsOverEndedCodes() throws {
        let register = Register(
            persons: [],
            benefits: [
                BenefitPeriod(personID: "A", benefit: "uddannelseshjaelp_aktivitetsparat", start: d(2025, 1, 1), end: d(2025, 6, 30)),
                BenefitPeriod(personID: "A", benefit: "kontanthjaelp_aktivitetsparat", start: d(2025, 7, 1), end: d(2026, 5, 31)),
            ], activities: [])
        let plan = EmploymentPlan(
            name: "Plan", year: 2026,
            themes: [
                .init(
                    title: "Unge",
                    goals: [
                        goal("1", "fuldtidspersoner", ["ydelse": ["uddannelseshjaelp_aktivitetsparat"]], .init(change: -0.1), .ned),
                        goal("2", "fuldtidspersoner", ["hovedydelse": ["kontanthjaelp"]], .init(value: 0.1), .ned),
                    ])
            ])
        let s = plan.evaluate(on: register)
        #expect(s[0].state == .notMeasurable && s[0].actual == nil && s[0].baseline == nil)
        #expect(
            s[0].explanation
                == "Målet er sat på Uddannelseshjælp, aktivitetsparat (gælder til 30-06-2025), som ikke gælder hele 2026: tallet ville falde med koden, ikke med borgerne. Sæt målet på hovedydelse (fx hovedydelse=kontanthjaelp), så det følger borgerne hen over sammenlægningen."
        )
        // By hovedydelse the citizen is on kontanthjælp all of 2025 and through the data date in 2026.
        #expect(s[1].baseline == 1 && s[1].actual == 1 && s[1].state == .behind)
        // In 2025 the code was valid half the year: not measurable either.
        #expect(plan.evaluate(on: register, year: 2025)[0].state == .notMeasurable)
    }

    @Test("Høje-Taastrup's 2020 plan ships whole; bad plans are refused in Danish naming the field")
    func examplesAndErrors() throws {
        let plan = try #require(try EmploymentPlan.examples().first)
        // The seed's four themes, each goal's text as the plan writes it (seed 002).
        #expect(
            plan.themes.map(\.title) == [
                "Tema 1: Nedbringelse af ledighed", "Tema 2: Øget virksomhedssamarbejde", "Tema 3: Flere unge i uddannelse",
                "Tema 4: De mest udsatte ledige skal tættere på arbejdsmarkedet",
            ])
        #expect(plan.year == 2020 && plan.themes.map { $0.goals.map(\.id) } == [["1a", "1b", "1c"], ["2a", "2b"], ["3a"], ["4a", "4b"]])
        #expect(
            plan.themes.flatMap(\.goals).map(\.text) == [
                "Antallet på offentlig forsørgelse skal nedbringes med 90 fuldtidspersoner i 2020.",
                "Der er 1.902 ledige, der overgår til ordinært arbejde eller uddannelse i 2020.",
                "Den gennemsnitlige varighed for dagpengemodtagere og jobparate kontanthjælpsmodtagere forkortes med 12 dage svarende til 5 procent i 2020.",
                "Det forventes, at virksomhedskonsulenterne har været i kontakt med 50 procent af virksomhederne i Høje-Taastrup Kommune med over 5 ansatte det seneste år.",
                "Der skal opstarte 881 virksomhedsrettede forløb tilbud til ledige, som er langt væk fra arbejdsmarkedet.",
                "Det forventes at 122 ledige unge overgår til uddannelse eller beskæftigelse i 2020.",
                "10 procent af de aktivitetsparate kontant- og uddannelseshjælpsmodtagere skal have lønnede timer i 2020.",
                "Antallet af borgere på offentlig forsørgelse inden for de udsatte boligområder skal nedbringes med 32 fuldtidspersoner i 2020.",
            ])
        #expect(plan.themes[3].goals[1].notMeasurable != nil)
        // 2a counts contacts "enten personligt eller telefonisk"; 2b praktikker only, for those far from the labour
        // market (not sickness benefit).
        let (coverage, internships) = (plan.themes[1].goals[0], plan.themes[1].goals[1])
        #expect(coverage.measure == "virksomhedsdaekning_personlig")
        #expect(
            internships.filters["type"] == ["virksomhedspraktik"] && internships.filters["maalgruppe"]?.contains("sygedagpenge") == false)
        // 3a: young people leaving kontanthjælp, not only uddannelseshjælp, by age on the spell's last day.
        let young = plan.themes[2].goals[0]
        #expect(young.filters["aldersgruppe"] == ["16-24", "25-29"] && young.filters["ydelse"]?.contains("kontanthjaelp_jobparat") == true)
        func message(_ json: String) -> String? {
            do { _ = try EmploymentPlan.read(Data(json.utf8)); return nil } catch { return error.message }
        }
        let base = #"{"navn": "P", "aar": 2020, "temaer": [{"titel": "T", "maal": [GOAL]}]}"#
        func with(_ goal: String) -> String { base.replacingOccurrences(of: "GOAL", with: goal) }
        let ok =
            #"{"id": "1", "titel": "a", "tekst": "", "noegletal": "afgang", "filtre": {"afgang": ["job"]}, "maal": {"vaerdi": 1}, "retning": "op"}"#
        #expect(message(with(ok)) == nil)
        #expect(
            message(with(ok.replacingOccurrences(of: "\"afgang\", \"filtre\"", with: "\"afgange\", \"filtre\"")))?.hasPrefix(
                "temaer[0].maal[0].noegletal: 'afgange' er ukendt") == true)
        #expect(
            message(with(ok.replacingOccurrences(of: "{\"afgang\": [\"job\"]}", with: "{\"type\": [\"mentor\"]}")))
                == "temaer[0].maal[0].filtre.type: afgang kan ikke filtreres på 'type'; mulige: ydelse, hovedydelse, afgang, enhed, medarbejder, koen, aldersgruppe, varighedsgruppe"
        )
        #expect(
            message(with(ok.replacingOccurrences(of: "{\"vaerdi\": 1}", with: "{\"vaerdi\": 1, \"aendring\": 2}")))
                == "temaer[0].maal[0].maal: skal have præcis én af vaerdi, aendring og aendring_pct")
        #expect(message(with(ok.replacingOccurrences(of: "\"op\"", with: "\"frem\""))) != nil)
        #expect(message("[" + with(ok) + "," + with(ok) + "]") == nil)
    }
}
