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
        let c = BusinessCase(name: "Mentor", startYear: 2025, horizon: 3, costs: [2025: 1_000_000],
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
        #expect(message(jc08.replacingOccurrences(of: "\"horisont_aar\": 1", with: "\"horisont_aar\": 11")) == "horisont_aar: skal være 1 til 10 år, ikke 11")
        #expect(message(jc08.replacingOccurrences(of: "\"start_aar\": 2017,", with: "")) == "start_aar: mangler")
        #expect(message(jc08.replacingOccurrences(of: "\"satser\": {\"kontanthjaelp\": 153252}", with: "\"satser\": {}"))
                == "effekter[0].ydelse: 'kontanthjaelp' har ingen sats i satser")
        #expect(message(jc08.replacingOccurrences(of: "0.8}", with: "80}")) == "kommunal_andel.kontanthjaelp: skal være mellem 0 og 1")
        #expect(message(jc08.replacingOccurrences(of: "\"fuldtidspersoner\": 10", with: "\"fuldtidspersoner\": \"ti\"")) == "effekter[0].fuldtidspersoner: forkert type")
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
        #expect(json.hasPrefix("{\"navn\":\"JC 08 Håndholdt indsats\",\"aar\":[{\"aar\":2017,\"fuldtidspersoner\":10.0,\"udgift\":475000.0,"))
        #expect(json.contains("\"tilbagebetalingsaar\":2017"))
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil)
    }
}
