import Foundation
import IndsatsEconomy
import Testing

/// Herning's JC 08 (seed 003): a caseload of 30, a consultant for 475.000 kr in 2017,
/// at least 10 full-year persons off kontanthjælp, 20 % refusion. The seed's saving of
/// 1.226.000 kr is reproduced by 12.771 kr a month per person (153.252 kr a year),
/// the municipality paying 80 %: 10 × 153.252 × 0,8 = 1.226.016 kr.
let jc08 = """
    {"navn": "JC 08 Håndholdt indsats", "start_aar": 2017, "horisont_aar": 1, "deltagere": 30,
     "omkostninger": {"2017": 475000},
     "effekter": [{"ydelse": "kontanthjaelp", "fuldtidspersoner": 10}],
     "satser": {"kontanthjaelp": 153252}, "kommunal_andel": {"kontanthjaelp": 0.8}}
    """

@Suite("Business case")
struct BusinessCaseTests {
    @Test("JC 08 reproduces the seed's 1.226.000 kr saving and pays back in its year")
    func herningJC08() throws {
        let c = try BusinessCase.read(Data(jc08.utf8))
        let r = BusinessCaseResult(c)
        #expect(r.years.count == 1)
        let y = r.years[0]
        #expect(y.grossSaving == 1_532_520)
        #expect(y.municipalSaving == 1_226_016)
        #expect((y.municipalSaving / 1000).rounded() == 1_226)
        #expect(y.stateShare == 306_504)
        #expect(y.municipalNet == 751_016)
        #expect(r.paybackYear == 2017)
        #expect(r.presentValues.map(\.rate) == [0, 0.035] && r.presentValues.map(\.value) == [751_016, 751_016])
    }

    @Test("Costs up front, a fading effect later: discounting by year, cumulated net and payback, by hand")
    func fadingAndDiscounting() {
        let c = BusinessCase(
            name: "Mentor", startYear: 2025, horizon: 3, costs: [2025: 1_000_000],
            effects: [.init(benefit: "dagpenge", fullTimePersons: 4, fromYear: 2026, fading: 0.5)],
            rates: ["dagpenge": 200_000], municipalShare: ["dagpenge": 0.7], discountRates: [0.1])
        let r = BusinessCaseResult(c)
        // 2026: 4 × 200.000 × 0,7 = 560.000; 2027: half the effect, 280.000.
        #expect(r.years.map(\.municipalNet) == [-1_000_000, 560_000, 280_000])
        #expect(r.years.map(\.cumulativeNet) == [-1_000_000, -440_000, -160_000])
        #expect(r.years.map(\.fullTimePersons) == [0, 4, 2])
        #expect(r.paybackYear == nil)
        let expected = -1_000_000 + 560_000 / 1.1 + 280_000 / (1.1 * 1.1)
        #expect(abs(r.presentValues[0].value - expected) < 1e-6)
        // One year more of effect adds 2027's second year... none: the horizon ends in 2027. One year less drops 2027.
        let shorter = r.sensitivity.first { $0.label == "varighed -1 år" }!.presentValue
        #expect(abs(shorter - (-1_000_000 + 560_000 / 1.1)) < 1e-6)
        let lower = r.sensitivity.first { $0.label == "effekt -25 %" }!.presentValue
        #expect(abs(lower - (-1_000_000 + 0.75 * (560_000 / 1.1 + 280_000 / 1.21))) < 1e-6)
    }

    @Test("Bad cases are refused in Danish, naming the field")
    func errors() {
        func message(_ json: String) -> String? {
            do { _ = try BusinessCase.read(Data(json.utf8)); return nil } catch { return "\(error)" }
        }
        #expect(message("{") == "filen er ikke gyldig JSON")
        #expect(
            message(jc08.replacingOccurrences(of: "\"horisont_aar\": 1", with: "\"horisont_aar\": 11"))
                == "horisont_aar: skal være 1 til 10 år, ikke 11")
        #expect(message(jc08.replacingOccurrences(of: "\"start_aar\": 2017,", with: "")) == "start_aar: mangler")
        #expect(
            message(jc08.replacingOccurrences(of: "\"satser\": {\"kontanthjaelp\": 153252}", with: "\"satser\": {}"))
                == "effekter[0].ydelse: 'kontanthjaelp' har ingen sats i satser")
        #expect(message(jc08.replacingOccurrences(of: "0.8}", with: "80}")) == "kommunal_andel.kontanthjaelp: skal være mellem 0 og 1")
        #expect(
            message(jc08.replacingOccurrences(of: "\"fuldtidspersoner\": 10", with: "\"fuldtidspersoner\": \"ti\""))
                == "effekter[0].fuldtidspersoner: forkert type")
    }

    @Test("The table is Danish: whole kroner with thousands points, the caveat last")
    func table() throws {
        let c = try BusinessCase.read(Data(jc08.utf8))
        let text = BusinessCaseOutput.table(c, BusinessCaseResult(c))
        #expect(text.hasPrefix("JC 08 Håndholdt indsats, 30 deltagere\n"))
        #expect(text.contains("2017  "))
        #expect(text.contains("1.226.016") && text.contains("751.016"))
        #expect(text.contains("Nutidsværdi ved 3,5 %: 751.016 kr"))
        #expect(text.contains("Tilbagebetalt: 2017"))
        #expect(text.hasSuffix(BusinessCaseResult.caveat + "\n"))
        let json = BusinessCaseOutput.json(c, BusinessCaseResult(c))
        #expect(
            json.hasPrefix(
                "{\"navn\":\"JC 08 Håndholdt indsats\",\"basislinje\":{},\"aar\":[{\"aar\":2017,\"fuldtidspersoner\":10.0,\"udgift\":475000.0,"
            ))
        #expect(json.contains("\"tilbagebetalingsaar\":2017"))
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil)
    }
}

@Suite("Seedernes tal forklaret")
struct SeedFigureTests {
    /// Herning BIC 01 (seed 003): Transit widened from 1 March 2017, 10 more a year into job or
    /// education, savings 290 / 1.161 / 1.161 thousand kr. Reproduced by 10 full-time persons fewer
    /// a year on kontanthjælp at 12.093,75 kr. a month (145.125 kr. a year), the municipality paying
    /// 80 % (step 4: all had been on benefit over 12 months), and a quarter of that in 2017, when the
    /// first leave the benefit late in the year.
    @Test("BIC 01: 2,5 and then 10 full-time persons at 145.125 kr. and 80 % give 290.250 and 1.161.000 kr.")
    func bic01() throws {
        let c = BusinessCase(
            name: "BIC 01", startYear: 2017, horizon: 3, costs: [2017: 375_000, 2018: 450_000, 2019: 450_000],
            effects: [
                .init(benefit: "kontanthjaelp", fullTimePersons: 2.5, years: 1),
                .init(benefit: "kontanthjaelp", fullTimePersons: 10, fromYear: 2018),
            ],
            rates: ["kontanthjaelp": 145_125], municipalShare: ["kontanthjaelp": 0.8])
        let savings = BusinessCaseResult(c).years.map(\.municipalSaving)
        #expect(savings == [290_250, 1_161_000, 1_161_000])
        #expect(savings.map { ($0 / 1000).rounded() } == [290, 1_161, 1_161])
    }

    /// UE 09a and 09b: 20 or 45 more EGU places, savings 1.100 and 2.500 thousand kr. a year.
    /// 20 × 68.750 kr. × 80 % is 1.100.000 kr. exactly; 45 at the same figures is 2.475.000 kr.,
    /// which the form rounds to 2,5 mio.
    @Test("UE 09a and 09b: 68.750 kr. a year at 80 % per place gives 1.100.000 kr., and 2.475.000 ≈ 2,5 mio. kr.")
    func ue09() throws {
        func saving(_ places: Double) -> Double {
            BusinessCaseResult(
                BusinessCase(
                    name: "UE 09", startYear: 2017, horizon: 1, costs: [:],
                    effects: [.init(benefit: "uddannelseshjaelp", fullTimePersons: places)],
                    rates: ["uddannelseshjaelp": 68_750], municipalShare: ["uddannelseshjaelp": 0.8])
            ).years[0].municipalSaving
        }
        #expect(saving(20) == 1_100_000)
        #expect(saving(45) == 2_475_000)
        #expect((saving(45) / 100_000).rounded() * 100_000 == 2_500_000)
    }

    @Test("Every proposal with figures has a business case; made of the form's figures, its nets and present value are the proposal's")
    func caseForEveryProposal() throws {
        let all = try ProposalCatalogue.examples()
        for p in all.proposals {
            #expect((p.caseOrForm == nil) == p.hasNoFigures, "\(p.number)")
            guard let c = p.caseOrForm else { continue }
            let r = BusinessCaseResult(c)
            #expect(p.netByYear.keys.allSatisfy { (c.startYear..<(c.startYear + c.horizon)).contains($0) }, "\(p.number)")
            for y in r.years { #expect(y.municipalNet == (p.netByYear[y.year] ?? 0), "\(p.number) \(y.year)") }
            #expect(abs(r.presentValues[1].value - p.presentValue(rate: 0.035)) < 1e-6, "\(p.number)")
        }
        let bic01 = try #require(all.proposal("BIC 01")?.caseOrForm)
        #expect(BusinessCaseResult(bic01).years.map(\.municipalNet) == [-85_000, 711_000, 711_000])
        // Effect -25 % scales the stated savings too: 0,75 × 2.612.000 − 1.275.000 at 0 %.
        let lower = BusinessCaseResult(bic01).sensitivity.first { $0.label == "effekt -25 %" }
        #expect(lower?.presentValue == 684_000)
    }
}
