import Foundation
import IndsatsCore

/// The limits and aim of one portfolio choice: yearly budget and staff limits,
/// what to maximise, and proposals the scenario keeps in or out.
///
/// ```json
/// {"navn": "Ramme 2 mio.", "budget": {"2017": 2000000, "2018": 2000000}, "aarsvaerk": {"2017": 3},
///  "maal": "nutidsvaerdi", "rente": 0.035, "med": ["JC 08"], "uden": ["UE 02"]}
/// ```
public struct PortfolioScenario: Codable, Sendable, Equatable {
    public var name: String
    /// The most the chosen proposals may add to operating costs in each year (kr); a year not named has no limit.
    public var budget: [Int: Double]
    /// The most staff (årsværk) the chosen proposals may add in each year.
    public var staff: [Int: Double]
    public var objective: Objective
    /// The discount rate of the net present value.
    public var rate: Double
    /// Proposals the scenario takes whatever they give, and ones it leaves out.
    public var include: [String]
    public var exclude: [String]

    public enum Objective: String, Codable, Sendable, CaseIterable {
        /// The municipality's net present value after refusion.
        case nutidsvaerdi
        /// The persons the proposals' measurable targets promise.
        case personer
        public var label: String { self == .nutidsvaerdi ? "nutidsværdi" : "lovede personer" }
    }

    public init(
        name: String, budget: [Int: Double] = [:], staff: [Int: Double] = [:], objective: Objective = .nutidsvaerdi,
        rate: Double = 0.035, include: [String] = [], exclude: [String] = []
    ) {
        self.name = name; self.budget = budget; self.staff = staff; self.objective = objective; self.rate = rate
        self.include = include; self.exclude = exclude
    }

    enum CodingKeys: String, CodingKey {
        case name = "navn", budget, staff = "aarsvaerk", objective = "maal", rate = "rente", include = "med", exclude = "uden"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? "Scenarie"
        budget = try EconomyJSON.byYear(c.decodeIfPresent([String: Double].self, forKey: .budget) ?? [:], key: .budget, in: c)
        staff = try EconomyJSON.byYear(c.decodeIfPresent([String: Double].self, forKey: .staff) ?? [:], key: .staff, in: c)
        objective = try c.decodeIfPresent(Objective.self, forKey: .objective) ?? .nutidsvaerdi
        rate = try c.decodeIfPresent(Double.self, forKey: .rate) ?? 0.035
        include = try c.decodeIfPresent([String].self, forKey: .include) ?? []
        exclude = try c.decodeIfPresent([String].self, forKey: .exclude) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(Dictionary(uniqueKeysWithValues: budget.map { (String($0.key), $0.value) }), forKey: .budget)
        try c.encode(Dictionary(uniqueKeysWithValues: staff.map { (String($0.key), $0.value) }), forKey: .staff)
        try c.encode(objective, forKey: .objective)
        try c.encode(rate, forKey: .rate)
        try c.encode(include, forKey: .include)
        try c.encode(exclude, forKey: .exclude)
    }

    /// Reads scenarios (`[{...}, {...}]`) with Danish errors naming the field.
    public static func read(_ data: Data) throws(EconomyError) -> [PortfolioScenario] {
        let scenarios = try EconomyJSON.decode([PortfolioScenario].self, from: data)
        for (i, s) in scenarios.enumerated() where !(0..<1).contains(s.rate) {
            throw EconomyError("[\(i)].rente: \(s.rate) skal være mellem 0 og 1 (3,5 % skrives 0.035)")
        }
        return scenarios
    }
}

/// The best set of proposals under a scenario's limits, with the reason each is in or out.
public struct PortfolioChoice: Sendable, Equatable {
    public struct Decision: Sendable, Equatable {
        public var number: String
        public var chosen: Bool
        public var reason: String
    }

    public var scenario: PortfolioScenario
    /// In the catalogue's order.
    public var decisions: [Decision]
    /// The objective's value of the chosen set.
    public var value: Double
    public var presentValue: Double
    public var persons: Double
    public var costByYear: [Int: Double]
    public var staffByYear: [Int: Double]

    public var chosen: [String] { decisions.filter(\.chosen).map(\.number) }
}

/// Chooses proposals exactly (branch and bound, no greedy step): the set that
/// maximises the scenario's objective with every year's cost and staff within
/// its limits, at most one proposal of each exclusive group, every proposal's
/// requirements chosen with it, adopted proposals kept and rejected ones left out.
///
/// ```swift
/// let choice = try Portfolio.choose(catalogue, PortfolioScenario(name: "2 mio.", budget: [2017: 2_000_000]))
/// choice.chosen                    // ["JC 08", "UE 09a", "UE 08", ...]
/// choice.decisions[0].reason       // "valgt: nutidsværdi 751.016 kr."
/// ```
public enum Portfolio {
    public static func choose(_ catalogue: ProposalCatalogue, _ scenario: PortfolioScenario) throws(EconomyError) -> PortfolioChoice {
        for number in scenario.include + scenario.exclude where catalogue.proposal(number) == nil {
            throw EconomyError("scenariet '\(scenario.name)' nævner forslag '\(number)', som ikke findes")
        }
        if let both = scenario.include.first(where: scenario.exclude.contains) {
            throw EconomyError("scenariet '\(scenario.name)' har '\(both)' både med og uden")
        }
        let problem = Problem(catalogue, scenario)
        var search = Search(problem)
        search.run()
        guard let best = search.best else {
            throw EconomyError(
                "scenariet '\(scenario.name)' kan ikke opfyldes: de forslag, der skal med, går alene ud over rammerne eller udelukker hinanden"
            )
        }
        return problem.explain(best)
    }

    /// The proposals as numbers: values, per-year costs and staff, groups and requirements by index.
    struct Problem {
        let catalogue: ProposalCatalogue
        let scenario: PortfolioScenario
        let values: [Double]
        let presentValues: [Double]
        let years: [Int]
        /// cost[i][y], staff[i][y] over `years`.
        let cost: [[Double]], staff: [[Double]]
        let costLimit: [Double], staffLimit: [Double]
        let group: [Int?]
        let requires: [[Int]]
        /// Fixed in or out before the search, with the reason.
        let fixed: [Int: (chosen: Bool, reason: String)]

        init(_ catalogue: ProposalCatalogue, _ scenario: PortfolioScenario) {
            self.catalogue = catalogue
            self.scenario = scenario
            let ps = catalogue.proposals
            let index = Dictionary(uniqueKeysWithValues: ps.enumerated().map { ($1.number, $0) })
            presentValues = ps.map { $0.presentValue(rate: scenario.rate) }
            values = scenario.objective == .nutidsvaerdi ? presentValues : ps.map { $0.target?.persons ?? 0 }
            let years = Array(
                Set(ps.flatMap { Array($0.costByYear.keys) + Array($0.staffByYear.keys) })
                    .union(scenario.budget.keys).union(scenario.staff.keys)
            ).sorted()
            self.years = years
            cost = ps.map { p in
                let c = p.costByYear; return years.map { c[$0] ?? 0 }
            }
            staff = ps.map { p in
                let s = p.staffByYear; return years.map { s[$0] ?? 0 }
            }
            costLimit = years.map { scenario.budget[$0] ?? .infinity }
            staffLimit = years.map { scenario.staff[$0] ?? .infinity }
            var groups: [String: Int] = [:]
            group = ps.map { p in
                p.exclusiveGroup.map { g in
                    groups[g]
                        ?? {
                            groups[g] = groups.count; return groups.count - 1
                        }()
                }
            }
            requires = ps.map { $0.requires.compactMap { index[$0] } }
            let required = Set(requires.joined())
            var fixed: [Int: (Bool, String)] = [:]
            for (i, p) in ps.enumerated() {
                if scenario.exclude.contains(p.number) {
                    fixed[i] = (false, "holdt ude i scenariet")
                } else if scenario.include.contains(p.number) {
                    fixed[i] = (true, "taget med i scenariet")
                } else if p.status == .afvist {
                    fixed[i] = (false, "afvist")
                } else if p.status.isAdopted {
                    fixed[i] = (true, "\(p.status.label): med i forvejen")
                } else if p.hasNoFigures && p.target == nil && p.exclusiveGroup == nil && !required.contains(i) {
                    fixed[i] = (false, "ingen beløb eller mål i forslaget at vælge på")
                }
            }
            self.fixed = fixed
        }

        /// Whether a complete choice keeps every rule.
        func feasible(_ chosen: [Bool]) -> Bool {
            for (i, c) in chosen.enumerated() {
                if let f = fixed[i], f.chosen != c { return false }
                if c, requires[i].contains(where: { !chosen[$0] }) { return false }
            }
            var seen: Set<Int> = []
            for i in chosen.indices where chosen[i] { if let g = group[i], !seen.insert(g).inserted { return false } }
            for y in years.indices {
                var c = 0.0, s = 0.0
                for i in chosen.indices where chosen[i] { c += cost[i][y]; s += staff[i][y] }
                if c > costLimit[y] + 1e-6 || s > staffLimit[y] + 1e-9 { return false }
            }
            return true
        }

        func explain(_ chosen: [Bool]) -> PortfolioChoice {
            let ps = catalogue.proposals
            var costs: [Int: Double] = [:], staffs: [Int: Double] = [:]
            for (y, year) in years.enumerated() {
                costs[year] = chosen.indices.filter { chosen[$0] }.reduce(0) { $0 + cost[$1][y] }
                staffs[year] = chosen.indices.filter { chosen[$0] }.reduce(0) { $0 + staff[$1][y] }
            }
            let decisions = ps.indices.map { i in
                PortfolioChoice.Decision(number: ps[i].number, chosen: chosen[i], reason: reason(i, chosen, costs, staffs))
            }
            let picked = chosen.indices.filter { chosen[$0] }
            return PortfolioChoice(
                scenario: scenario, decisions: decisions, value: picked.reduce(0) { $0 + values[$1] },
                presentValue: picked.reduce(0) { $0 + presentValues[$1] },
                persons: picked.reduce(0) { $0 + (ps[$1].target?.persons ?? 0) },
                costByYear: costs, staffByYear: staffs)
        }

        private func reason(_ i: Int, _ chosen: [Bool], _ costs: [Int: Double], _ staffs: [Int: Double]) -> String {
            let ps = catalogue.proposals
            let worth =
                scenario.objective == .nutidsvaerdi
                ? "nutidsværdi \(DanishFormat.number(values[i], decimals: 0)) kr."
                : "\(DanishFormat.number(values[i])) lovede personer"
            if let f = fixed[i] { return f.reason }
            if chosen[i] {
                let needs = ps.indices.filter { chosen[$0] && requires[$0].contains(i) }.map { ps[$0].number }
                return needs.isEmpty || values[i] > 0
                    ? "valgt: \(worth)" : "valgt, fordi \(needs.joined(separator: " og ")) forudsætter det: \(worth)"
            }
            if let g = group[i], let other = ps.indices.first(where: { chosen[$0] && group[$0] == g }) {
                return "udelukket af \(ps[other].number) (gensidigt udelukkende gruppe \(ps[i].exclusiveGroup ?? ""))"
            }
            if let missing = requires[i].first(where: { !chosen[$0] }) {
                return "forudsætter \(ps[missing].number), som ikke er valgt: \(worth)"
            }
            if values[i] <= 0 { return "fravalgt: \(worth)" }
            for (y, year) in years.enumerated() {
                let over = (costs[year] ?? 0) + cost[i][y] - costLimit[y]
                if over > 1e-6 {
                    return "budgettet i \(year) rækker ikke (mangler \(DanishFormat.number(over, decimals: 0)) kr.): \(worth)"
                }
                let overStaff = (staffs[year] ?? 0) + staff[i][y] - staffLimit[y]
                if overStaff > 1e-9 { return "årsværkene i \(year) rækker ikke (mangler \(DanishFormat.number(overStaff))): \(worth)" }
            }
            return "pengene giver mere i de valgte forslag: \(worth)"
        }
    }

    /// Depth-first over the free proposals, best value first, pruned by an optimistic bound
    /// and by limits no later proposal can bring back within.
    struct Search {
        let p: Problem
        let order: [Int]
        /// The best value still reachable from position k: the positive values from k on.
        let optimistic: [Double]
        /// The most later proposals can lower each year's cost and staff from position k on.
        let costRelief: [[Double]], staffRelief: [[Double]]
        var chosen: [Bool]
        var costs: [Double], staffs: [Double]
        var groupTaken: [Bool]
        var value = 0.0
        var best: [Bool]?
        var bestValue = -Double.infinity

        init(_ problem: Problem) {
            p = problem
            let n = problem.values.count
            order = (0..<n).filter { problem.fixed[$0] == nil }.sorted { problem.values[$0] > problem.values[$1] }
            var optimistic = [Double](repeating: 0, count: order.count + 1)
            var costRelief = [[Double]](repeating: .init(repeating: 0, count: problem.years.count), count: order.count + 1)
            var staffRelief = costRelief
            for k in stride(from: order.count - 1, through: 0, by: -1) {
                let i = order[k]
                optimistic[k] = optimistic[k + 1] + max(0, problem.values[i])
                for y in problem.years.indices {
                    costRelief[k][y] = costRelief[k + 1][y] + min(0, problem.cost[i][y])
                    staffRelief[k][y] = staffRelief[k + 1][y] + min(0, problem.staff[i][y])
                }
            }
            self.optimistic = optimistic; self.costRelief = costRelief; self.staffRelief = staffRelief
            chosen = [Bool](repeating: false, count: n)
            costs = [Double](repeating: 0, count: problem.years.count)
            staffs = costs
            groupTaken = [Bool](repeating: false, count: (problem.group.compactMap { $0 }.max() ?? -1) + 1)
            for (i, f) in problem.fixed where f.chosen {
                chosen[i] = true
                value += problem.values[i]
                for y in problem.years.indices { costs[y] += problem.cost[i][y]; staffs[y] += problem.staff[i][y] }
            }
        }

        mutating func run() {
            // Two proposals of one group both kept in: no choice can hold.
            for (i, f) in p.fixed where f.chosen {
                guard let g = p.group[i] else { continue }
                guard !groupTaken[g] else { return }
                groupTaken[g] = true
            }
            visit(0)
        }

        private mutating func visit(_ k: Int) {
            guard value + optimistic[k] > bestValue + 1e-9 || best == nil else { return }
            for y in p.years.indices
            where costs[y] + costRelief[k][y] > p.costLimit[y] + 1e-6
                || staffs[y] + staffRelief[k][y] > p.staffLimit[y] + 1e-9
            { return }
            if k == order.count {
                if p.feasible(chosen) && (best == nil || value > bestValue + 1e-9) { best = chosen; bestValue = value }
                return
            }
            let i = order[k]
            let g = p.group[i]
            let allowed = g == nil || !groupTaken[g!]
            // A proposal worth nothing is tried out first, so that of equal sets the one without it is kept.
            if p.values[i] <= 0 { visit(k + 1) }
            if allowed {
                set(i, true)
                visit(k + 1)
                set(i, false)
            }
            if p.values[i] > 0 { visit(k + 1) }
        }

        private mutating func set(_ i: Int, _ on: Bool) {
            chosen[i] = on
            let sign = on ? 1.0 : -1.0
            value += sign * p.values[i]
            for y in p.years.indices { costs[y] += sign * p.cost[i][y]; staffs[y] += sign * p.staff[i][y] }
            if let g = p.group[i] { groupTaken[g] = on }
        }
    }
}
