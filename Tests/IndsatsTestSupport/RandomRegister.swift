import IndsatsAnalytics
import IndsatsContract
import IndsatsCore

/// Random small registers full of edge cases: leap days, open periods, duplicated
/// and overlapping rows of one benefit, gaps around month ends, activities with no
/// benefit, repeated sickness, companies around the 5-employee line.
public struct RandomRegister {
    public var persons: [Person] = []
    public var benefits: [BenefitPeriod] = []
    public var activities: [Activity] = []
    public var conversations: [Conversation] = []
    public var companies: [Company] = []
    public var contacts: [CompanyContact] = []
    public var jobOrders: [JobOrder] = []
    public var assignments: [Assignment] = []
    public var staffMembers: [StaffMember] = [
        StaffMember(id: "M1", unit: "Jobservice", team: "Team A"), StaffMember(id: "M2", unit: "Ungeenheden"),
    ]
    /// Rules of its own on half the registers (the defaults on the other half), starting
    /// and ending inside the spells, some counting only the municipality's conversations.
    public var contactRules: [ContactRule] = []
    public var screenings: [Screening] = []
    /// Citizens placed in the job orders (one placement per citizen and order), some in
    /// orders of companies without a row, some citizens on no benefit that day.
    public var placements: [Placement] = []
    /// CV histories for some persons: updates before and after their cv_dato.
    public var cvUpdates: [CVUpdate] = []
    /// Two grant pools with participants joining and leaving around the pools' ends (one of them
    /// a citizen with no other row), and budgets for some benefits in 2023-2025.
    public var pools: [GrantPool] = []
    public var poolParticipants: [PoolParticipant] = []
    public var budgets: [BenefitBudget] = []

    public init(seed: UInt64, people: Int = 12) {
        var rng = SeededGenerator(seed: seed)
        // Version 2's rows come from a generator of their own, so version 1's rows stay as they were.
        var more = SeededGenerator(seed: seed &+ 0x5EED_0002)
        let base = Day(year: 2023, month: 12, day: 1)!
        let codes = ["dagpenge", "sygedagpenge", "kontanthjaelp_jobparat", "kontanthjaelp_aktivitetsparat", "selvforsoergende"]
        let types = ["nytteindsats", "virksomhedspraktik", "mentor", "ordinaere_timer"]
        let exits = ["job", "uddannelse", "anden_ydelse", "ukendt"]
        let units = ["Jobservice", "Ungeenheden"]
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
        func day(_ range: ClosedRange<Int>) -> Day { base.advanced(by: Int.random(in: range, using: &rng)) }
        func pickMore<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &more)] }
        for i in 0..<people {
            let id = "P\(i)"
            if rng.chance(0.9) {
                let birth: Day? =
                    rng.chance(0.9)
                    ? Day(year: Int.random(in: 1960...2010, using: &rng), month: 2, day: 29 - Int.random(in: 0...1, using: &rng)) : nil
                persons.append(
                    Person(
                        id: id, birthDate: birth, sex: rng.chance(0.5) ? "K" : (rng.chance(0.8) ? "M" : nil),
                        municipality: rng.chance(0.8) ? "169" : "151", cvDate: rng.chance(0.6) ? day(-100...200) : nil))
            }
            var start = day(-400 ... -200)
            for _ in 0..<Int.random(in: 0...7, using: &rng) {
                // Mostly one after another with gaps around month ends, sometimes overlapping.
                start = start.advanced(by: Int.random(in: -20...90, using: &rng))
                let end: Day? = rng.chance(0.15) ? nil : start.advanced(by: Int.random(in: 0...80, using: &rng))
                benefits.append(
                    BenefitPeriod(
                        personID: id, benefit: pick(codes), start: start, end: end,
                        exitReason: end == nil || rng.chance(0.2) ? nil : pick(exits)))
                if rng.chance(0.15) { benefits.append(benefits.last!) }  // a duplicated row
                if let end { start = end.advanced(by: Int.random(in: 1...40, using: &rng)) }
            }
            for n in 0..<Int.random(in: 0...3, using: &rng) {
                let start = day(-60...200)
                let end: Day? = rng.chance(0.2) ? nil : start.advanced(by: Int.random(in: 0...60, using: &rng))
                activities.append(
                    Activity(
                        id: "\(id)-\(n)", personID: id, type: pick(types), start: start, end: end,
                        initiativeID: rng.chance(0.8) ? pick(["I1", "I2"]) : nil,
                        unit: rng.chance(0.8) ? pick(units) : nil))
            }
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                conversations.append(
                    Conversation(
                        personID: id, date: day(0...200), type: pick(["jobsamtale", "cv_samtale"]),
                        staffID: rng.chance(0.9) ? pick(["M1", "M2"]) : nil, unit: rng.chance(0.9) ? pick(units) : nil,
                        heldBy: pick(["kommune", "akasse"])))
            }
            // Conversations early in spells, so some meet a rule and some do not.
            for start in benefits.filter({ $0.personID == id }).map(\.start) where more.chance(0.6) {
                for _ in 0..<Int.random(in: 0...3, using: &more) {
                    conversations.append(
                        Conversation(
                            personID: id, date: start.advanced(by: Int.random(in: -5...100, using: &more)), type: "jobsamtale",
                            heldBy: more.chance(0.2) ? nil : pickMore(["kommune", "akasse"])))
                }
            }
            for _ in 0..<Int.random(in: 0...2, using: &more) {
                let group = pickMore(["1", "2", "3"])
                let advice: String? = more.chance(0.8) ? pickMore(["1", "2", "3"]) : nil
                screenings.append(
                    Screening(
                        personID: id, date: base.advanced(by: Int.random(in: 0...200, using: &more)), group: group, advice: advice,
                        staffID: more.chance(0.9) ? pickMore(["M1", "M2", "M3"]) : nil, reason: advice == group ? nil : "begrundet"))
            }
            // Assignments one after another, with gaps; M3 is in no staff list.
            var from = base.advanced(by: Int.random(in: -420 ... -150, using: &more))
            for _ in 0..<Int.random(in: 0...3, using: &more) {
                let to: Day? = more.chance(0.3) ? nil : from.advanced(by: Int.random(in: 0...200, using: &more))
                assignments.append(Assignment(personID: id, staffID: pickMore(["M1", "M2", "M3"]), from: from, to: to))
                guard let to else { break }
                from = to.advanced(by: Int.random(in: 1...30, using: &more))
            }
        }
        for c in 0..<6 {
            let cvr = "C\(c)"
            if rng.chance(0.9) {
                companies.append(
                    Company(
                        cvr: cvr, employees: rng.chance(0.9) ? Int.random(in: 3...9, using: &rng) : nil,
                        industry: rng.chance(0.9) ? pick(["Byggeri", "Handel"]) : nil))
            }
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                contacts.append(
                    CompanyContact(
                        cvr: cvr, date: day(-300...200), unit: rng.chance(0.9) ? pick(units + ["Virksomhedsservice"]) : nil,
                        channel: more.chance(0.8) ? pickMore(["personligt", "telefon", "digitalt", "brev"]) : nil))
            }
            for n in 0..<Int.random(in: 0...2, using: &rng) {
                let created = day(0...200)
                let positions: Int? = rng.chance(0.9) ? Int.random(in: 1...3, using: &rng) : nil
                jobOrders.append(
                    JobOrder(
                        id: "\(cvr)-\(n)", cvr: cvr, created: created, positions: positions,
                        filled: positions.map { Int.random(in: 0...$0, using: &rng) },
                        closed: rng.chance(0.7) ? created.advanced(by: Int.random(in: 0...60, using: &rng)) : nil,
                        unit: rng.chance(0.9) ? "Virksomhedsservice" : nil))
            }
        }
        // A stream of its own, so the other rows stay as they were.
        var cv = SeededGenerator(seed: seed &+ 0xC0_FFEE)
        for i in 0..<people where cv.chance(0.4) {
            for _ in 0..<Int.random(in: 1...3, using: &cv) {
                cvUpdates.append(CVUpdate(personID: "P\(i)", date: base.advanced(by: Int.random(in: -200...250, using: &cv))))
            }
        }
        // Sorted, not a set's order: the same seed gives the same rows in every run and every instance.
        cvUpdates = Array(Set(cvUpdates)).sorted { ($0.personID, $0.date) < ($1.personID, $1.date) }
        for order in jobOrders where people > 0 {
            for i in Set((0..<Int.random(in: 0...3, using: &more)).map { _ in Int.random(in: 0..<people, using: &more) }).sorted() {
                placements.append(
                    Placement(
                        jobOrderID: order.id, personID: "P\(i)", date: order.created.advanced(by: Int.random(in: -30...60, using: &more)),
                        staffID: more.chance(0.5) ? "M1" : nil))
            }
        }
        if more.chance(0.5) {
            for benefit in ["dagpenge", "kontanthjaelp_jobparat", "sygedagpenge"] where more.chance(0.8) {
                let change = base.advanced(by: Int.random(in: -300...100, using: &more))
                contactRules.append(
                    ContactRule(
                        benefit: benefit, from: Day(year: 2020, month: 1, day: 1)!, to: change.advanced(by: -1),
                        conversations: Int.random(in: 0...2, using: &more), withinMonths: Int.random(in: 1...3, using: &more),
                        offerWithinMonths: more.chance(0.7) ? Int.random(in: 1...4, using: &more) : nil, municipalityOnly: more.chance(0.5))
                )
                contactRules.append(
                    ContactRule(
                        benefit: benefit, from: change, conversations: Int.random(in: 1...3, using: &more),
                        withinMonths: Int.random(in: 1...6, using: &more), offerWithinMonths: more.chance(0.7) ? 2 : nil,
                        municipalityOnly: more.chance(0.5)))
            }
        }
        // Money rows from a generator of their own, so the rows above stay as they were.
        var money = SeededGenerator(seed: seed &+ 0x5EED_0003)
        for (n, id) in ["P1", "P2"].enumerated() {
            let from = base.advanced(by: Int.random(in: -200...60, using: &money))
            let pool = GrantPool(id: id, name: "Pulje \(n + 1)", from: from, to: from.advanced(by: Int.random(in: 60...400, using: &money)))
            pools.append(pool)
            for i in 0...people where money.chance(0.5) {
                let start = pool.from.advanced(by: Int.random(in: -60...200, using: &money))
                poolParticipants.append(
                    PoolParticipant(
                        poolID: id, personID: "P\(i)", from: start,
                        to: money.chance(0.4) ? start.advanced(by: Int.random(in: 0...120, using: &money)) : nil))
            }
        }
        for year in 2023...2025 {
            for benefit in ["dagpenge", "kontanthjaelp_jobparat", "sygedagpenge", "uddannelseshjaelp_aktivitetsparat"]
            where money.chance(0.7) {
                budgets.append(BenefitBudget(year: year, benefit: benefit, amount: Double(Int.random(in: 10_000...900_000, using: &money))))
            }
        }
        // Codes the 2025-07 merger ended, so hovedydelse chains spells across codes.
        for i in benefits.indices where benefits[i].benefit.hasPrefix("kontanthjaelp_") && more.chance(0.3) {
            benefits[i].benefit = pickMore([
                "uddannelseshjaelp_uddannelsesparat", "uddannelseshjaelp_aktivitetsparat", "integrationsydelse",
            ])
        }
    }

    public var register: Register {
        Register(
            persons: persons, benefits: benefits, activities: activities, conversations: conversations,
            companies: companies, contacts: contacts, jobOrders: jobOrders, assignments: assignments,
            staffMembers: staffMembers, contactRules: contactRules, screenings: screenings, placements: placements,
            cvUpdates: cvUpdates, pools: pools, poolParticipants: poolParticipants, budgets: budgets)
    }

    /// The rows as records of their files, to write into a store.
    public var records: [FileKind: [RegisterRecord]] {
        [
            .personer: persons.map { .person($0) }, .ydelsesforloeb: benefits.map { .benefit($0) },
            .aktiviteter: activities.map { .activity($0) }, .samtaler: conversations.map { .conversation($0) },
            .virksomheder: companies.map { .company($0) }, .virksomhedskontakter: contacts.map { .contact($0) },
            .jobordrer: jobOrders.map { .jobOrder($0) }, .tildelinger: assignments.map { .assignment($0) },
            .medarbejdere: staffMembers.map { .staff($0) }, .kontaktregler: contactRules.map { .contactRule($0) },
            .screeninger: screenings.map { .screening($0) }, .formidlinger: placements.map { .placement($0) },
            .cv_opdateringer: cvUpdates.map { .cvUpdate($0) },
            .puljer: pools.map { .pool($0) }, .puljedeltagere: poolParticipants.map { .poolParticipant($0) },
            .budget: budgets.map { .budget($0) },
        ]
    }

    public var reference: SlowReference {
        var reference = SlowReference(
            persons: persons, benefits: benefits, activities: activities, conversations: conversations,
            companies: companies, contacts: contacts, jobOrders: jobOrders)
        reference.assignments = assignments
        reference.staffMembers = staffMembers
        reference.contactRules = contactRules
        reference.screenings = screenings
        reference.placements = placements
        reference.cvUpdates = cvUpdates
        reference.pools = pools
        reference.poolParticipants = poolParticipants
        reference.budgets = budgets
        return reference
    }
}
