import Foundation
import IndsatsAnalytics
import IndsatsCore
import IndsatsTestSupport
import Testing

@testable import IndsatsEconomy

private func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day(year: y, month: m, day: day)! }

@Suite("Lovet mod realiseret")
struct FollowUpTests {
    /// Three participants of TRANSIT: A ends in job, B in education, C stays on benefit; D's activity is elsewhere.
    static let register = Register(
        persons: [],
        benefits: [
            BenefitPeriod(personID: "A", benefit: "kontanthjaelp_jobparat", start: d(2022, 1, 1), end: d(2023, 3, 31), exitReason: "job"),
            BenefitPeriod(
                personID: "B", benefit: "kontanthjaelp_jobparat", start: d(2022, 6, 1), end: d(2023, 5, 31), exitReason: "uddannelse"),
            BenefitPeriod(personID: "C", benefit: "kontanthjaelp_aktivitetsparat", start: d(2022, 1, 1)),
            BenefitPeriod(personID: "D", benefit: "dagpenge", start: d(2023, 1, 1), end: d(2023, 12, 31)),
        ],
        activities: [
            Activity(
                id: "1", personID: "A", type: "vejledning_opkvalificering", start: d(2023, 1, 2), end: d(2023, 3, 31),
                initiativeID: "TRANSIT"),
            Activity(
                id: "2", personID: "B", type: "vejledning_opkvalificering", start: d(2023, 2, 1), end: d(2023, 5, 31),
                initiativeID: "TRANSIT"),
            Activity(
                id: "3", personID: "C", type: "vejledning_opkvalificering", start: d(2023, 3, 1), end: d(2023, 10, 31),
                initiativeID: "TRANSIT"),
            Activity(id: "4", personID: "D", type: "mentor", start: d(2023, 3, 1), end: d(2023, 10, 31), initiativeID: "MENTOR"),
        ])

    @Test("A yearly target of 10 in job or education: 2023 reached 2 (a shortfall of 8), 2024 not yet measured whole")
    func yearlyTarget() throws {
        var proposal = Proposal(number: "BIC 01", title: "Udvide Transit", responsibleUnit: "BIC")
        proposal.target = .init(persons: 10, perYear: true, outcome: .jobEllerUddannelse, benefit: "kontanthjaelp")
        proposal.economy = [.init(year: 2023, operatingCost: 290_000, benefitSaving: 1_161_000)]
        let f = FollowUp(proposal, initiatives: ["TRANSIT"], register: Self.register, asOf: d(2024, 3, 31))
        #expect(
            f.years == [
                FollowUp.Year(
                    year: 2023, started: 3, outcomes: ["job": 1, "uddannelse": 1, "samme_ydelse": 1], reached: 2,
                    promised: 10, promisedSaving: 1_161_000, complete: true)
            ])
        #expect(
            f.findings() == [FollowUp.Finding(text: "2023: 2 i job eller uddannelse mod lovet 10 pr. år – mangler 8.", isShortfall: true)])
        #expect(
            f.findings(hidingSmallCounts: true) == [
                FollowUp.Finding(text: "2023: under 5 i job eller uddannelse mod lovet 10 pr. år – under det lovede.", isShortfall: true)
            ])
        // Measured on 30-03-2024, the last 2023 activities' three months are not over: no whole year.
        let early = FollowUp(proposal, initiatives: ["TRANSIT"], register: Self.register, asOf: d(2024, 3, 30))
        #expect(early.years.map(\.complete) == [false])
        #expect(
            early.findings() == [
                FollowUp.Finding(
                    text: "Intet helt år er målt endnu (status i job eller uddannelse kræver året og de følgende måneder).",
                    isShortfall: false)
            ])
    }

    @Test("The business case's full-time persons fewer against the participants' year before and second year after")
    func businessCaseEffect() throws {
        var proposal = Proposal(number: "JC 08", title: "Håndholdt indsats", responsibleUnit: "Jobcentret")
        proposal.businessCase = BusinessCase(
            name: "JC 08", startYear: 2023, horizon: 1, costs: [2023: 475_000],
            effects: [.init(benefit: "kontanthjaelp", fullTimePersons: 1)],
            rates: ["kontanthjaelp": 150_000], municipalShare: ["kontanthjaelp": 0.8])
        let f = FollowUp(proposal, initiatives: ["TRANSIT"], register: Self.register, asOf: d(2025, 12, 31))
        #expect(f.promisedFewer == 1)
        // A: 365 days before (01-01-2022 on), none after. B: 01-06-2022 to 31-01-2023 before = 245 days, none after.
        // C: on benefit throughout, 365 and 365.
        #expect(
            f.participants
                == ParticipantOutcome(
                    startedByYear: [2023: 3], measured: 3, fullTimeBefore: (365.0 + 245 + 365) / 365,
                    fullTimeAfter: 365.0 / 365))
        let text =
            "3 deltagere fulgt to år: 1,7 fuldtidspersoner færre (2,7 året før start, 1 i andet år efter) mod lovet 1 færre – opfyldt."
        #expect(f.findings() == [FollowUp.Finding(text: text, isShortfall: false)])
        #expect(
            f.findings(hidingSmallCounts: true) == [
                FollowUp.Finding(text: "Under 5 deltagere er fulgt to år; tallene vises ikke.", isShortfall: false)
            ])
    }

    @Test("No initiatives, no participants, no criterion: each said plainly, none a shortfall")
    func nothingToMeasure() {
        let bare = Proposal(number: "X", title: "x", responsibleUnit: "Y")
        #expect(FollowUp(bare, initiatives: [], register: Self.register, asOf: d(2025, 1, 1)).findings().map(\.isShortfall) == [false])
        #expect(
            FollowUp(bare, initiatives: ["TOM"], register: Self.register, asOf: d(2025, 1, 1)).findings()
                == [FollowUp.Finding(text: "Indsatserne TOM har endnu ingen deltagere i registret.", isShortfall: false)])
        #expect(
            FollowUp(bare, initiatives: ["TRANSIT"], register: Self.register, asOf: d(2025, 1, 1)).findings()
                == [
                    FollowUp.Finding(
                        text: "Forslaget har intet målbart succeskriterie og ingen business case at måle imod.", isShortfall: false)
                ])
    }

    @Test(
        "Every proposal's follow-up in one sweep equals each proposal's own, on random registers (shared, overlapping and no initiatives)")
    func allAtOnce() {
        let groups = [["I1"], ["I2"], ["I1", "I2"], [], ["I2", "I2"], ["UKENDT"]]
        var target = Proposal(number: "T", title: "Med mål", responsibleUnit: "Jobcentret")
        target.target = .init(persons: 2, perYear: true, outcome: .jobEllerUddannelse)
        var compared = 0
        for seed in 0..<25 as Range<UInt64> {
            let register = RandomRegister(seed: seed, people: 25).register
            let asOf = d(2026, 3, 31)
            let proposals = groups.enumerated().map { i, group in
                var p = i % 2 == 0 ? target : Proposal(number: "P\(i)", title: "Uden mål", responsibleUnit: "Jobcentret")
                p.number = "P\(i)"
                return (p, initiatives: group)
            }
            let all = FollowUp.all(proposals, register: register, asOf: asOf, monthsAfter: 2)
            #expect(all.count == groups.count)
            for (f, item) in zip(all, proposals) {
                #expect(
                    f == FollowUp(item.0, initiatives: item.initiatives, register: register, asOf: asOf, monthsAfter: 2),
                    "seed \(seed) \(item.initiatives)")
                #expect(f.participants == ParticipantOutcome.outcomes(register, groups: [item.initiatives], asOf: asOf)[0])
                compared += f.years.count
            }
        }
        #expect(compared > 50)
    }
}

@Suite("Opfølgning med skjulte små tal")
struct FollowUpHidingTests {
    func followUp(started: [Int], reached: [Int]) -> FollowUp {
        let years = zip(started, reached).enumerated().map { i, pair in
            FollowUp.Year(
                year: 2020 + i, started: pair.0, outcomes: ["job": pair.1], reached: pair.1, promised: nil, promisedSaving: nil,
                complete: true)
        }
        var proposal = try! ProposalCatalogue.examples().proposals[0]
        proposal.target = nil
        var f = FollowUp(
            proposal, initiatives: ["I1"], register: RandomRegister(seed: 1, people: 0).register, asOf: Day(year: 2024, month: 12, day: 31)!
        )
        f.years = years
        f.participants = ParticipantOutcome(
            startedByYear: Dictionary(uniqueKeysWithValues: started.enumerated().map { (2020 + $0.offset, $0.element) }),
            measured: 0, fullTimeBefore: 0, fullTimeAfter: 0)
        return f
    }

    @Test("A year's small count is not left alone beside the total: another year, or the total, is hidden too")
    func noLoneHiddenYear() {
        let hidden = followUp(started: [3, 12, 20], reached: [2, 9, 11]).hiddenCounts()
        #expect(hidden.started == [true, true, false] && !hidden.participants)
        #expect(hidden.reached == [true, true, false] && !hidden.reachedTotal)
        let none = followUp(started: [6, 12], reached: [0, 9]).hiddenCounts()
        #expect(none.started == [false, false] && none.reached == [false, false])
        // No year yet (a proposal without participants): nothing to hide, no trap.
        #expect(
            followUp(started: [], reached: []).hiddenCounts()
                == FollowUp.HiddenCounts(started: [], reached: [], participants: false, reachedTotal: false))
    }
}
