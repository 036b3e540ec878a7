import Foundation
import IndsatsAnalytics
import IndsatsCore
import IndsatsEconomy
import Testing

@Suite("Business case med registrets antagelser")
struct CaseAssumptionTests {
    private func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day(year: y, month: m, day: day)! }

    /// A on kontanthjælp since 2020 (step 4 all of 2024); B from Monday 01-01-2024 (steps 1-3, then 2 days of step 4).
    var register: Register {
        Register(
            persons: [],
            benefits: [
                BenefitPeriod(personID: "A", benefit: "kontanthjaelp_jobparat", start: d(2020, 1, 1), end: d(2024, 12, 31)),
                BenefitPeriod(personID: "B", benefit: "kontanthjaelp_jobparat", start: d(2024, 1, 1), end: d(2024, 12, 31)),
            ], activities: [])
    }

    @Test("Baseline, the rate in force on 1 January and the share weighted by the steps, by hand")
    func byHand() throws {
        let c = BusinessCase(
            name: "Jobparate", startYear: 2025, horizon: 2, costs: [2025: 100_000],
            effects: [.init(benefit: "kontanthjaelp_jobparat", fullTimePersons: 1)], rates: [:], municipalShare: [:])
        let (filled, notes) = try CaseAssumptions.fill(c, register: register, prices: .defaults)
        try filled.check()
        #expect(filled.baseline == ["kontanthjaelp_jobparat": 2])
        // 12.326 kr. a month from 01-01-2024 is still in force on 01-01-2025.
        #expect(filled.rates == ["kontanthjaelp_jobparat": 147_912])
        // A: 366 days at 80 %; B: 28 days at 20 %, 154 at 60 %, 182 at 70 %, 2 at 80 %.
        let share = (366 * 0.8 + 28 * 0.2 + 154 * 0.6 + 182 * 0.7 + 2 * 0.8) / 732
        #expect(abs(filled.municipalShare["kontanthjaelp_jobparat"]! - share) < 1e-12)
        #expect(notes.first == "Basislinje: 2,0 fuldtidspersoner på Kontanthjælp, jobparat i 2024.")
        #expect(
            BusinessCaseOutput.table(filled, BusinessCaseResult(filled)).contains(
                "Basislinje kontanthjaelp_jobparat: 2,0 fuldtidspersoner året før start; effekten er 50,0 % af dem.\n"))
        // Given figures are kept.
        var given = c
        given.rates = ["kontanthjaelp_jobparat": 100_000]
        given.municipalShare = ["kontanthjaelp_jobparat": 0.5]
        let kept = try CaseAssumptions.fill(given, register: register, prices: .defaults).0
        #expect(kept.rates == given.rates && kept.municipalShare == given.municipalShare && kept.baseline == ["kontanthjaelp_jobparat": 2])
    }

    @Test("What the register cannot give is a Danish error naming the field")
    func errors() {
        let unknown = BusinessCase(
            name: "x", startYear: 2025, horizon: 1, costs: [:],
            effects: [.init(benefit: "kontanthjaelp", fullTimePersons: 1)], rates: [:], municipalShare: [:])
        #expect(throws: EconomyError("effekter: 'kontanthjaelp' er ikke en ydelse i registret; angiv satser og kommunal_andel for den")) {
            try CaseAssumptions.fill(unknown, register: register, prices: .defaults)
        }
        let nobody = BusinessCase(
            name: "x", startYear: 2025, horizon: 1, costs: [:],
            effects: [.init(benefit: "dagpenge", fullTimePersons: 1)], rates: [:], municipalShare: [:])
        #expect(throws: EconomyError("kommunal_andel.dagpenge: ingen på Dagpenge i 2024 at vægte refusionstrinnene med; angiv den i casen"))
        {
            try CaseAssumptions.fill(nobody, register: register, prices: .defaults)
        }
        #expect(throws: EconomyError("satser.dagpenge: ingen sats den 01-01-2025; angiv den i casen eller med indsats satser importer")) {
            try CaseAssumptions.fill(nobody, register: register, prices: .none)
        }
        #expect(throws: EconomyError("registret er tomt; importér data først")) {
            try CaseAssumptions.fill(nobody, register: Register(persons: [], benefits: [], activities: []), prices: .defaults)
        }
    }
}
