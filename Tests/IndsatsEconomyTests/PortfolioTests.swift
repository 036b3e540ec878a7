import Foundation
import IndsatsCore
import IndsatsEconomy
import Testing

/// Present value of yearly nets (kr) from the first year at 3,5 %, written out for the hand checks.
private func pv(_ nets: [Double]) -> Double {
    nets.enumerated().reduce(0) { $0 + $1.element / pow(1.035, Double($1.offset)) }
}

@Suite("Forslag og porteføljevalg")
struct PortfolioTests {
    @Test("The shipped catalogues hold every proposal of seeds 003 and 000, with the seeds' figures")
    func examples() throws {
        let all = try ProposalCatalogue.examples()
        let herning = all.proposals.filter { $0.municipality == "Herning" }
        #expect(herning.count == 30)
        #expect(all.proposals.filter { $0.municipality == "Vesthimmerland" }.count == 5)
        #expect(herning.map(\.number).first == "BIC 01" && herning.map(\.number).last == "UE 09b")
        let bic01 = try #require(all.proposal("BIC 01"))
        #expect(
            bic01.economy == [
                .init(year: 2017, operatingCost: 375_000, benefitSaving: 290_000, staff: 1),
                .init(year: 2018, operatingCost: 450_000, benefitSaving: 1_161_000, staff: 1),
                .init(year: 2019, operatingCost: 450_000, benefitSaving: 1_161_000, staff: 1),
            ])
        #expect(bic01.target == .init(persons: 10, perYear: true, outcome: .jobEllerUddannelse, benefit: "kontanthjaelp"))
        #expect(bic01.stages == [.afhjaelpende] && bic01.approach == .investering && bic01.priceLevel == "2016-pl")
        // The form wrote savings as minus ("Sparet forsørgelse = -"): stored as saved kroner.
        #expect(all.proposal("CEB 02")?.economy.map(\.benefitSaving) == [281_000, 563_000, 563_000])
        #expect(all.proposal("CEB 01")?.economy.map(\.staff) == [0.61, 0.81])
        #expect(all.proposal("CEB 06A")?.exclusiveGroup == "CEB 06" && all.proposal("CEB 06B")?.exclusiveGroup == "CEB 06")
        // UE 08 is one source of the demand for EGU places, not a prerequisite (seed 003); 09a and 09b are two sizes of one expansion.
        #expect(all.proposal("UE 09a")?.requires == [] && all.proposal("UE 09b")?.requires == [])
        #expect(
            all.proposal("UE 09b")?.exclusiveGroup == "UE 09" && all.proposal("UE 09a")?.exclusiveGroupSource?.contains("60-64") == true)
        #expect(all.proposal("CEB 06B")?.exclusiveGroupSource?.hasSuffix("er gensidigt udelukkende.") == true)
        // Every group and requirement quotes the sentence it rests on.
        #expect(
            all.proposals.allSatisfy {
                ($0.exclusiveGroup == nil || $0.exclusiveGroupSource != nil) && ($0.requires.isEmpty || $0.requiresSource != nil)
            })
        // JC 08's own case gives the table's 1.226.000 kr saving less its 475.000 kr cost.
        #expect(all.proposal("JC 08")?.netByYear == [2017: 751_016])
        #expect(all.proposal("VHK 1")?.economy == [.init(year: 2020, operatingCost: 1_300_000, staff: 2)])
        #expect(all.proposal("VHK 5")?.focusArea == "Sygedagpenge")
        // Export and read back: equal.
        #expect(try ProposalCatalogue.read(all.json()) == all)
    }

    @Test("A bad proposals file is refused whole, naming the proposal and the field")
    func errors() {
        func read(_ json: String) -> String? {
            do { _ = try ProposalCatalogue.read(Data(json.utf8)); return nil } catch { return error.message }
        }
        #expect(read(#"{"forslag": [{"nr": "A", "ansvarlig_enhed": "X"}]}"#) == "forslag[0].overskrift: mangler")
        #expect(
            read(#"{"forslag": [{"nr": "A", "overskrift": "a", "ansvarlig_enhed": "X", "status": "godkendt"}]}"#)?
                .hasPrefix("forslag[0].status:") == true)
        #expect(
            read(
                #"{"forslag": [{"nr": "A", "overskrift": "a", "ansvarlig_enhed": "X"}, {"nr": "A", "overskrift": "b", "ansvarlig_enhed": "X"}]}"#
            )
                == "forslag[1].nr: 'A' findes to gange")
        #expect(
            read(#"{"forslag": [{"nr": "A", "overskrift": "a", "ansvarlig_enhed": "X", "forudsaetter": ["B"]}]}"#)
                == "forslag[0].forudsaetter: 'B' findes ikke i filen")
        #expect(
            read(#"{"forslag": [{"nr": "A", "overskrift": "a", "ansvarlig_enhed": "X", "oekonomi": [{"aar": 2017}, {"aar": 2017}]}]}"#)
                == "forslag[0].oekonomi[1].aar: 2017 står to gange")
        #expect(
            read(#"{"forslag": [{"nr": "A", "overskrift": "a", "ansvarlig_enhed": "X", "oekonomi": [{"driftsudgifter": 1}]}]}"#)
                == "forslag[0].oekonomi[0].aar: mangler")
        #expect(
            read(
                #"{"forslag": [{"nr": "Æ", "overskrift": "ø", "ansvarlig_enhed": "å", "businesscase": {"navn": "x", "start_aar": 2017, "horisont_aar": 11, "effekter": [], "satser": {}, "kommunal_andel": {}}}]}"#
            )
                == "forslag[0].businesscase.horisont_aar: skal være 1 til 10 år, ikke 11")
        #expect(read("[1, 2") == "filen er ikke gyldig JSON")
    }

    @Test("Herning without limits: every proposal that pays, UE 09b rather than 09a, and UE 08 out (by hand)")
    func herningUnlimited() throws {
        let herning = ProposalCatalogue(try ProposalCatalogue.examples().proposals.filter { $0.municipality == "Herning" })
        let choice = try Portfolio.choose(herning, PortfolioScenario(name: "Uden ramme"))
        #expect(choice.chosen == ["BIC 01", "BIC 06", "CEB 02", "CEB 04", "JC 08", "UE 09b"])
        let expected =
            pv([-85_000, 711_000, 711_000]) + pv([-230_000, 131_000, 131_000]) + pv([-169_000, 113_000, 113_000])
            + pv([75_000, 275_000, 350_000]) + 751_016 + pv([900_000, 900_000, 900_000])
        #expect(abs(choice.value - expected) < 1e-6)
        #expect(choice.costByYear[2017] == 3_275_000, "\(String(describing: choice.costByYear[2017]))")
        let reasons = Dictionary(uniqueKeysWithValues: choice.decisions.map { ($0.number, $0.reason) })
        // UE 09b nets 900.000 kr. a year for three years, UE 09a 810.000; UE 08 costs 1.400.000 kr. a year.
        #expect(reasons["UE 09b"] == "valgt: nutidsværdi \(DanishFormat.number(pv([900_000, 900_000, 900_000]), decimals: 0)) kr.")
        #expect(reasons["UE 09a"] == "udelukket af UE 09b (gensidigt udelukkende gruppe UE 09)")
        #expect(
            reasons["UE 08"] == "fravalgt: nutidsværdi \(DanishFormat.number(pv([-1_400_000, -1_400_000, -1_400_000]), decimals: 0)) kr.")
        #expect(reasons["JC 01"] == "ingen beløb eller mål i forslaget at vælge på")
        #expect(reasons["BIC 01"] == "valgt: nutidsværdi \(DanishFormat.number(pv([-85_000, 711_000, 711_000]), decimals: 0)) kr.")
    }

    @Test("A 700.000 kr. budget in 2017 leaves room for one of the paying proposals; CEB 06B kept in shuts out 06A")
    func herningBudget() throws {
        let herning = ProposalCatalogue(try ProposalCatalogue.examples().proposals.filter { $0.municipality == "Herning" })
        let tight = try Portfolio.choose(herning, PortfolioScenario(name: "0,7 mio.", budget: [2017: 700_000]))
        // Any two of BIC 01, BIC 06, CEB 02 and JC 08 cost at least 750.000 kr. in 2017; UE 09a (290.000 kr.) is worth most, then
        // BIC 01 (375.000 kr.); CEB 04 costs nothing. 35.000 kr. remain.
        #expect(tight.chosen == ["BIC 01", "CEB 04", "UE 09a"])
        let reasons = Dictionary(uniqueKeysWithValues: tight.decisions.map { ($0.number, $0.reason) })
        #expect(reasons["JC 08"] == "budgettet i 2017 rækker ikke (mangler 440.000 kr.): nutidsværdi 751.016 kr.")
        let with06B = try Portfolio.choose(herning, PortfolioScenario(name: "06B", include: ["CEB 06B"]))
        #expect(with06B.decisions.first { $0.number == "CEB 06A" }?.reason == "udelukket af CEB 06B (gensidigt udelukkende gruppe CEB 06)")
        #expect(
            throws: EconomyError(
                "scenariet 'begge' kan ikke opfyldes: de forslag, der skal med, går alene ud over rammerne eller udelukker hinanden")
        ) {
            try Portfolio.choose(herning, PortfolioScenario(name: "begge", include: ["CEB 06A", "CEB 06B"]))
        }
        #expect(throws: EconomyError("scenariet 'x' nævner forslag 'CEB 99', som ikke findes")) {
            try Portfolio.choose(herning, PortfolioScenario(name: "x", include: ["CEB 99"]))
        }
    }

    @Test("Maximising promised persons takes UE 09b without UE 08; a budget that cannot hold it all turns it to UE 09a")
    func herningPersons() throws {
        let herning = ProposalCatalogue(try ProposalCatalogue.examples().proposals.filter { $0.municipality == "Herning" })
        let free = try Portfolio.choose(herning, PortfolioScenario(name: "personer", objective: .personer))
        #expect(free.value == 10 + 10 + 45)
        #expect(Set(free.chosen).isSuperset(of: ["BIC 01", "JC 08", "UE 09b"]) && !free.chosen.contains("UE 09a"))
        #expect(!free.chosen.contains("UE 08"))
        // 2.500.000 kr. in 2017 holds UE 09b (1.600.000), BIC 01 (375.000) and JC 08 (475.000): 65 persons. 1.000.000 holds
        // no UE 09b; UE 09a (290.000, 20 persons) with BIC 01 or JC 08 (10 each; not both: 1.140.000) gives 30.
        let limited = try Portfolio.choose(herning, PortfolioScenario(name: "2,5 mio.", budget: [2017: 2_500_000], objective: .personer))
        #expect(limited.value == 65 && limited.chosen.contains("UE 09b"))
        let tighter = try Portfolio.choose(herning, PortfolioScenario(name: "1 mio.", budget: [2017: 1_000_000], objective: .personer))
        #expect(tighter.value == 30 && tighter.chosen.contains("UE 09a"))
    }

    @Test("Branch and bound equals brute force on 300 random small portfolios")
    func bruteForce() throws {
        var rng = SeededGenerator(seed: 2026)
        for round in 0..<300 {
            let n = Int.random(in: 1...10, using: &rng)
            var proposals: [Proposal] = []
            for i in 0..<n {
                var p = Proposal(number: "P\(i)", title: "Forslag \(i)", responsibleUnit: "E")
                p.economy = (2025...2027).map { year in
                    .init(
                        year: year, operatingCost: Double(Int.random(in: -2...6, using: &rng)) * 100_000,
                        benefitSaving: Double(Int.random(in: 0...6, using: &rng)) * 100_000,
                        staff: Double(Int.random(in: 0...2, using: &rng)))
                }
                if Int.random(in: 0..<4, using: &rng) == 0 { p.exclusiveGroup = "G\(Int.random(in: 0..<2, using: &rng))" }
                if i > 0, Int.random(in: 0..<4, using: &rng) == 0 {
                    let needed = "P\(Int.random(in: 0..<i, using: &rng))"
                    if proposals.first(where: { $0.number == needed })?.exclusiveGroup != p.exclusiveGroup || p.exclusiveGroup == nil {
                        p.requires = [needed]
                    }
                }
                if Int.random(in: 0..<3, using: &rng) == 0 {
                    p.target = .init(persons: Double(Int.random(in: 1...30, using: &rng)), perYear: true, outcome: .job)
                }
                p.status = [.forslag, .forslag, .forslag, .forslag, .afvist, .vedtaget].randomElement(using: &rng)!
                proposals.append(p)
            }
            let catalogue = ProposalCatalogue(proposals)
            let scenario = PortfolioScenario(
                name: "r\(round)",
                budget: [
                    2025: Double(Int.random(in: 0...15, using: &rng)) * 100_000,
                    2026: Double(Int.random(in: 0...15, using: &rng)) * 100_000,
                ],
                staff: Int.random(in: 0...1, using: &rng) == 0 ? [:] : [2027: Double(Int.random(in: 0...4, using: &rng))],
                objective: round % 3 == 0 ? .personer : .nutidsvaerdi, rate: [0, 0.035, 0.1][round % 3])
            let expected = slowBest(catalogue, scenario)
            let choice = try? Portfolio.choose(catalogue, scenario)
            #expect((choice == nil) == (expected == nil), "runde \(round)")
            guard let choice, let expected else { continue }
            #expect(abs(choice.value - expected) < 1e-6, "runde \(round): \(choice.value) mod \(expected)")
            #expect(slowFeasible(catalogue, scenario, Set(choice.chosen)), "runde \(round): valget bryder en regel")
        }
    }

    /// Every subset, checked rule by rule: the slow and obvious answer.
    private func slowBest(_ c: ProposalCatalogue, _ s: PortfolioScenario) -> Double? {
        var best: Double?
        for mask in 0..<(1 << c.proposals.count) {
            let chosen = Set(c.proposals.indices.filter { mask & (1 << $0) != 0 }.map { c.proposals[$0].number })
            guard slowFeasible(c, s, chosen) else { continue }
            let value = c.proposals.filter { chosen.contains($0.number) }.reduce(0.0) {
                $0 + (s.objective == .nutidsvaerdi ? $1.presentValue(rate: s.rate) : ($1.target?.persons ?? 0))
            }
            if best == nil || value > best! { best = value }
        }
        return best
    }

    private func slowFeasible(_ c: ProposalCatalogue, _ s: PortfolioScenario, _ chosen: Set<String>) -> Bool {
        for p in c.proposals {
            let on = chosen.contains(p.number)
            if p.status == .afvist && on { return false }
            if p.status.isAdopted && !on { return false }
            if on && !p.requires.allSatisfy(chosen.contains) { return false }
        }
        let groups = c.proposals.filter { chosen.contains($0.number) }.compactMap(\.exclusiveGroup)
        if Set(groups).count != groups.count { return false }
        for year in 2025...2027 {
            let picked = c.proposals.filter { chosen.contains($0.number) }
            let cost = picked.reduce(0.0) { $0 + ($1.economy.first { $0.year == year }?.operatingCost ?? 0) }
            let staff = picked.reduce(0.0) { $0 + ($1.economy.first { $0.year == year }?.staff ?? 0) }
            if let limit = s.budget[year], cost > limit + 1e-6 { return false }
            if let limit = s.staff[year], staff > limit + 1e-9 { return false }
        }
        return true
    }
}
