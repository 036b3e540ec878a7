import IndsatsAnalytics
import IndsatsCore
import Testing

@Suite("Virksomhedssiden fra registret mod en langsom reference")
struct CompanySideTests {
    /// Random persons with benefits, and activities at companies of two branches (some at a CVR
    /// number without a company row, some at none), with placements in job orders.
    struct Random {
        var persons: [Person] = []
        var benefits: [BenefitPeriod] = []
        var activities: [Activity] = []
        var companies: [Company] = []
        var orders: [JobOrder] = []
        var placements: [Placement] = []

        init(seed: UInt64) {
            var rng = SeededGenerator(seed: seed)
            let base = Day(year: 2025, month: 1, day: 1)!
            func day(_ range: ClosedRange<Int>) -> Day { base.advanced(by: Int.random(in: range, using: &rng)) }
            companies = (0..<4).map { Company(cvr: "C\($0)", employees: 10, industry: $0 % 2 == 0 ? "Byggeri" : "Handel") }
            let codes = ["dagpenge", "ledighedsydelse", "selvforsoergende", "foertidspension", "kontanthjaelp_jobparat"]
            let types = ["virksomhedspraktik", "ordinaere_timer", "mentor", "igu", "loentilskud_privat"]
            for i in 0..<30 {
                let id = "P\(i)"
                persons.append(Person(id: id))
                for _ in 0..<Int.random(in: 0...2, using: &rng) {
                    let start = day(-500...300)
                    benefits.append(
                        BenefitPeriod(
                            personID: id, benefit: codes.randomElement(using: &rng)!, start: start,
                            end: rng.chance(0.4) ? nil : start.advanced(by: Int.random(in: 0...400, using: &rng))))
                }
                for n in 0..<Int.random(in: 0...3, using: &rng) {
                    let start = day(-1_200...400)
                    activities.append(
                        Activity(
                            id: "\(id)-\(n)", personID: id, type: types.randomElement(using: &rng)!, start: start,
                            end: rng.chance(0.3) ? nil : start.advanced(by: Int.random(in: 0...200, using: &rng)),
                            cvr: rng.chance(0.9) ? "C\(Int.random(in: 0...4, using: &rng))" : nil))
                }
            }
            orders = (0..<5).map { JobOrder(id: "J\($0)", cvr: "C\($0)", created: day(-300...0)) }
            for order in orders {
                for i in Set((0..<3).map { _ in Int.random(in: 0..<30, using: &rng) }) {
                    placements.append(Placement(jobOrderID: order.id, personID: "P\(i)", date: order.created.advanced(by: i)))
                }
            }
        }

        var register: Register {
            Register(
                persons: persons, benefits: benefits, activities: activities, companies: companies, jobOrders: orders,
                placements: placements)
        }

        /// Version 2's benefit on a day, the slow way.
        func benefit(_ id: String, on day: Day) -> String? {
            benefits.filter { $0.personID == id && $0.days.contains(day) }.max { ($0.start, $0.benefit) < ($1.start, $1.benefit) }?.benefit
        }
    }

    @Test("Experience in a branch and the benefit that day, as a filter over the rows says", arguments: 0..<20)
    func experience(seed: UInt64) {
        let random = Random(seed: seed)
        let day = Day(year: 2025, month: 9, day: 30)!, since = day.adding(months: -36)
        let types: Set = ["virksomhedspraktik", "ordinaere_timer", "igu", "loentilskud_privat"]
        for wanted in [nil, Set(["ledighedsydelse"])] as [Set<String>?] {
            let (experiences, benefits) = random.register.branchExperience(
                industry: "Byggeri", types: types, since: since, on: day, benefits: wanted)
            var expected: [BranchExperience] = [], expectedBenefits: [String: String] = [:]
            for a in random.activities {
                guard let cvr = a.cvr, random.companies.first(where: { $0.cvr == cvr })?.industry == "Byggeri", types.contains(a.type),
                    a.start <= day, (a.end ?? .distantFuture) >= since, let code = random.benefit(a.personID, on: day),
                    code != "selvforsoergende", code != "foertidspension", wanted?.contains(code) ?? true
                else { continue }
                expected.append(BranchExperience(personID: a.personID, type: a.type, start: a.start, end: a.end))
                expectedBenefits[a.personID] = code
            }
            let order = { (e: BranchExperience) in "\(e.personID)|\(e.start.iso)|\(e.type)|\(e.end?.iso ?? "")" }
            #expect(experiences.map(order).sorted() == expected.map(order).sorted(), "seed \(seed)")
            #expect(benefits == expectedBenefits, "seed \(seed)")
        }
    }

    @Test("Events at member companies: started praktikker and småjob, and placements in their orders", arguments: 0..<20)
    func events(seed: UInt64) {
        let random = Random(seed: seed)
        let members: Set = ["C0", "C3", "C4"]
        let events = random.register.companyEvents(at: members, types: AllianceYear.startTypes)
        let describe = { (e: AllianceYear.Event) in "\(e.type ?? "placering")|\(e.day.iso)|\(e.cvr)" }
        var expected = random.activities.compactMap { a -> String? in
            guard let cvr = a.cvr, members.contains(cvr), AllianceYear.startTypes.contains(a.type) else { return nil }
            return "\(a.type)|\(a.start.iso)|\(cvr)"
        }
        for p in random.placements {
            let cvr = random.orders.first { $0.id == p.jobOrderID }!.cvr
            if members.contains(cvr) { expected.append("placering|\(p.date.iso)|\(cvr)") }
        }
        #expect(events.map(describe).sorted() == expected.sorted(), "seed \(seed)")
        #expect(!expected.isEmpty || seed > 5)
    }
}
