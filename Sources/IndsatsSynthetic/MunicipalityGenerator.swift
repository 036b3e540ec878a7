import IndsatsContract
import IndsatsCore

/// Receives the synthetic municipality's rows as they are made, so they can be
/// streamed to disk without holding them all.
public protocol RegisterSink {
    mutating func add(_ record: RegisterRecord)
}

/// Makes a synthetic municipality: people over several years on every benefit
/// group with realistic durations and transitions, offers in about 40
/// initiatives, conversations by staff in teams, companies with contacts from
/// several units, job orders with citizens placed in them, and company alliances
/// with pledges. The same options always give the same rows.
///
/// No CPR numbers are made: a made-up number with a valid date could belong to a
/// real person. Persons carry a birth date instead.
///
/// ```swift
/// var sink = MyCSVSink()
/// MunicipalityGenerator(persons: 10_000, seed: 1).generate(into: &sink)
/// ```
public struct MunicipalityGenerator: Sendable {
    public var persons: Int
    public var seed: UInt64
    /// The first day people may enter; some periods start up to a year earlier.
    public var from: Day
    /// The data date: nothing happens after it, and periods running past it are open.
    public var to: Day

    public init(
        persons: Int, seed: UInt64, from: Day = Day(year: 2019, month: 1, day: 1)!,
        to: Day = Day(year: 2026, month: 10, day: 31)!
    ) {
        self.persons = persons
        self.seed = seed
        self.from = from
        self.to = to
    }

    /// About 50 citizens on benefit a caseworker, as the seeds' norms (Aalborg: "omkring 50").
    var staffCount: Int { max(24, persons / 100) }

    /// Units in the order staff are hired, weighted by their caseloads: a caseworker's
    /// unit is the `n`-th of this list, round and round.
    static let hiringOrder = [
        "Job og Afklaring", "Jobservice", "Job og Afklaring", "Virksomhedsservice", "Job og Afklaring", "Jobservice", "Sygedagpenge",
        "Job og Afklaring", "Ungeenheden", "Jobservice", "Job og Afklaring", "Integration", "Virksomhedsservice",
    ]
    var companyCount: Int { max(40, persons / 20) }

    public func generate<S: RegisterSink>(into sink: inout S) {
        let organisation = makeOrganisation(into: &sink)
        makePersons(0..<persons, in: organisation, into: &sink)
    }

    /// The staff, initiatives and companies that persons' rows refer to.
    public struct Organisation: Sendable {
        /// Staff ids by unit, in ``Catalogue/units`` order.
        var staffByUnit: [[String]]
        /// Companies, for picking workplaces; larger ones are picked more often.
        var companies: [(cvr: String, employees: Int)]
        /// Job orders sorted by the day they were created, for placing citizens who leave for a job.
        var jobOrders: [(id: String, created: Day)]
    }

    /// Makes the staff, initiatives, companies and their contacts and job orders.
    public func makeOrganisation<S: RegisterSink>(into sink: inout S) -> Organisation {
        var rng = SeededGenerator(seed: seed)
        let staff = makeStaff(&rng, &sink)
        for spec in Catalogue.initiatives {
            sink.add(
                .initiative(
                    Initiative(
                        id: spec.id, name: spec.name, unit: spec.unit, places: spec.places,
                        start: spec.start, end: spec.end, proposal: spec.proposal, aftercare: spec.type == "eftervaern")))
        }
        // The shipped contact rules, as a file the user can change and import again.
        for rule in ContactRule.defaults { sink.add(.contactRule(rule)) }
        var jobOrders: [(id: String, created: Day)] = []
        let companies = makeCompanies(&rng, staff, &jobOrders, &sink)
        makeAlliances(companies, &sink)
        makePoolAndBudgets(&sink)
        makeNationalFigures(&sink)
        jobOrders.sort { ($0.created, $0.id) < ($1.created, $1.id) }
        return Organisation(staffByUnit: staff, companies: companies, jobOrders: jobOrders)
    }

    /// Makes the persons numbered `indices` (from 0) with all their rows. Each
    /// person has its own random stream, so ranges can be made in any order or
    /// side by side and still give the same rows.
    public func makePersons<S: RegisterSink>(_ indices: Range<Int>, in organisation: Organisation, into sink: inout S) {
        for i in indices {
            var personRNG = SeededGenerator(seed: seed &* 0x2545_F491_4F6C_DD1D &+ UInt64(i))
            makePerson(i, &personRNG, organisation, &sink)
        }
    }

    // MARK: Staff and companies

    func makeStaff<S: RegisterSink>(_ rng: inout SeededGenerator, _ sink: inout S) -> [[String]] {
        var byUnit = [[String]](repeating: [], count: Catalogue.units.count)
        for n in 0..<staffCount {
            let unit = Self.hiringOrder[n % Self.hiringOrder.count], unitIndex = Catalogue.units.firstIndex(of: unit)!
            let id = "M" + pad4(n + 1)
            let name = Catalogue.firstNames.randomElement(using: &rng)! + " " + Catalogue.lastNames.randomElement(using: &rng)!
            let team = "\(unit) team \(byUnit[unitIndex].count % 3 + 1)"
            sink.add(.staff(StaffMember(id: id, name: name, unit: unit, team: team)))
            byUnit[unitIndex].append(id)
        }
        return byUnit
    }

    /// Companies with valid CVR numbers; returns them weighted towards larger ones.
    func makeCompanies<S: RegisterSink>(
        _ rng: inout SeededGenerator, _ staff: [[String]], _ jobOrders: inout [(id: String, created: Day)], _ sink: inout S
    ) -> [(cvr: String, employees: Int)] {
        var out: [(String, Int)] = []
        var used = Set<String>()
        while out.count < companyCount {
            var prefix = [Int.random(in: 1...9, using: &rng)]
            for _ in 0..<6 { prefix.append(Int.random(in: 0...9, using: &rng)) }
            guard let check = CVRNumber.checkDigit(forPrefix: prefix) else { continue }
            let cvr = (prefix + [check]).map(String.init).joined()
            guard used.insert(cvr).inserted else { continue }
            let employees = rng.pick([
                (Int.random(in: 1...5, using: &rng), 50), (Int.random(in: 6...19, using: &rng), 30),
                (Int.random(in: 20...99, using: &rng), 15), (Int.random(in: 100...500, using: &rng), 5),
            ])
            let name = Catalogue.companyWords.randomElement(using: &rng)! + " " + Catalogue.companySuffixes.randomElement(using: &rng)!
            sink.add(
                .company(
                    Company(
                        cvr: cvr, name: name, employees: employees,
                        industry: Catalogue.industries.randomElement(using: &rng)!,
                        municipality: rng.chance(0.8) ? Catalogue.municipality : Catalogue.neighbours.randomElement(using: &rng)!)))
            out.append((cvr, employees))
            makeContacts(cvr, employees, &rng, staff, &jobOrders, &sink)
        }
        return out
    }

    func makeContacts<S: RegisterSink>(
        _ cvr: String, _ employees: Int, _ rng: inout SeededGenerator, _ staff: [[String]],
        _ jobOrders: inout [(id: String, created: Day)], _ sink: inout S
    ) {
        var orderNumber = 0
        // A contact's key is (cvr, dato, enhed, medarbejder): a drawn key seen before is left out.
        var keys: Set<String> = []
        for year in from.year...to.year {
            let contactChance = employees > 5 ? 0.55 : 0.15
            if rng.chance(contactChance) {
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    guard let date = dayIn(year, &rng) else { continue }
                    let unit = rng.pick([("Virksomhedsservice", 70.0), ("Ungeenheden", 10), ("Integration", 10), ("Jobservice", 10)])
                    let staffID = staff[Catalogue.units.firstIndex(of: unit)!].randomElement(using: &rng)
                    guard keys.insert("\(date.ordinal)|\(unit)|\(staffID ?? "")").inserted else { continue }
                    sink.add(
                        .contact(
                            CompanyContact(
                                cvr: cvr, date: date, unit: unit, staffID: staffID,
                                channel: [Channel.personligt, .telefon, .digitalt].randomElement(using: &rng)?.rawValue,
                                purpose: ["rekruttering", "praktik", "løntilskud", "fastholdelse", "opfølgning"].randomElement(using: &rng),
                                result: ["aftale", "jobordre", "ingen"].randomElement(using: &rng))))
                }
            }
            if rng.chance(employees > 5 ? 0.25 : 0.05) {
                for _ in 0..<Int.random(in: 1...2, using: &rng) {
                    guard let created = dayIn(year, &rng) else { continue }
                    orderNumber += 1
                    let positions = Int.random(in: 1...3, using: &rng)
                    let closed = created.advanced(by: Int.random(in: 14...60, using: &rng))
                    let isClosed = closed <= to
                    jobOrders.append(("JO-\(cvr)-\(orderNumber)", created))
                    sink.add(
                        .jobOrder(
                            JobOrder(
                                id: "JO-\(cvr)-\(orderNumber)", cvr: cvr, created: created, positions: positions,
                                filled: isClosed ? Int.random(in: 0...positions, using: &rng) : nil,
                                closed: isClosed ? closed : nil, unit: "Virksomhedsservice",
                                // About one order in eight is for a fleksjob (JC 07 in seed 003), without a draw of its own.
                                flexJob: (Int(cvr)! &+ orderNumber) % 8 == 0)))
                }
            }
        }
    }

    /// Two alliances like Aalborg's (seed 001) and Vesthimmerland's networks (seeds 000, 004): a
    /// company alliance from 2023 with praktik and småjob pledges from about one in four companies
    /// over 5 employees, joining over time, and a task force for small jobs from 2025. Its own
    /// random stream, so the rest of the municipality stays as it was.
    func makeAlliances<S: RegisterSink>(_ companies: [(cvr: String, employees: Int)], _ sink: inout S) {
        var rng = SeededGenerator(seed: seed &+ 0xA11_1A4CE)
        let alliances = [
            Alliance(id: "ALLIANCE", name: "Virksomhedsalliancen", start: Day(year: 2023, month: 1, day: 1)!, unit: "Virksomhedsservice"),
            Alliance(id: "SMAAJOB", name: "Taskforce for småjob", start: Day(year: 2025, month: 1, day: 1)!, unit: "Job og Afklaring"),
        ]
        for alliance in alliances where alliance.start! <= to {
            sink.add(.alliance(alliance))
            let smallJobs = alliance.id == "SMAAJOB"
            for company in companies where company.employees > 5 && rng.chance(smallJobs ? 0.08 : 0.25) {
                let joined = alliance.start!.advanced(by: Int.random(in: 0...700, using: &rng))
                guard joined <= to else { continue }
                let left: Day? = rng.chance(0.1) ? min(to, joined.advanced(by: Int.random(in: 180...500, using: &rng))) : nil
                let size = max(1, company.employees / 20)
                sink.add(
                    .allianceMembership(
                        AllianceMembership(
                            allianceID: alliance.id, cvr: company.cvr, from: joined, to: left,
                            pledgedInternships: smallJobs ? nil : Int.random(in: 1...size + 1, using: &rng),
                            pledgedSmallJobs: smallJobs || rng.chance(0.4) ? Int.random(in: 1...size + 1, using: &rng) : nil)))
            }
        }
    }

    /// A random day of `year` within [from, to], or `nil` when the year is outside.
    /// "Flere skal med 2" (seed 002) over the two years before the data date's, and budgets per benefit for
    /// the last four years near the spending the generated register gives, the newest set some percent
    /// too low, as Aalborg's 2019 budget was (seed 001). A random stream of its own.
    func makePoolAndBudgets<S: RegisterSink>(_ sink: inout S) {
        var rng = SeededGenerator(seed: seed &+ 0xB0D6E7)
        let (pool, instalments) = Catalogue.pool(endingBefore: to.year)
        sink.add(.pool(pool))
        for instalment in instalments { sink.add(.poolInstalment(instalment)) }
        for year in (to.year - 3)...to.year {
            let perPerson = Catalogue.spendingPerPerson[year] ?? Catalogue.spendingPerPerson[year < 2023 ? 2023 : 2026]!
            for (benefit, amount) in perPerson.sorted(by: { $0.key < $1.key }) {
                let off = year == to.year ? Double.random(in: 0.88...0.98, using: &rng) : Double.random(in: 0.95...1.06, using: &rng)
                sink.add(
                    .budget(BenefitBudget(year: year, benefit: benefit, amount: (amount * Double(persons) * off / 1_000).rounded() * 1_000))
                )
            }
        }
    }

    /// Figures for the country and five neighbours as Jobindsats would give them (landstal.csv):
    /// full-time persons, in all and on dagpenge, for the two years before the data date's, with the
    /// inhabitants aged 16-64; the municipality itself (twice the generated persons) near the rates the
    /// generator gives (0,335 full-time persons and 0,035 on dagpenge a person), its neighbours around
    /// them. Synthetic; a random stream of its own.
    func makeNationalFigures<S: RegisterSink>(_ sink: inout S) {
        var rng = SeededGenerator(seed: seed &+ 0x1A4D)
        let own = Catalogue.municipality + " Høje-Taastrup"
        let areas: [(name: String, population: Int)] =
            [("Hele landet", 3_720_000), (own, 2 * persons)]
            + zip(["151 Ballerup", "153 Brøndby", "183 Ishøj", "185 Tårnby", "187 Vallensbæk"], [31_000, 24_000, 14_000, 28_000, 10_000])
            .map { ($0.0, $0.1) }
        let rates: [(benefit: String?, perPerson: Double)] = [(nil, 0.335), ("dagpenge", 0.035)]
        for area in areas {
            let level = area.name == own ? 1 : Double.random(in: 0.75...1.3, using: &rng)
            for year in (to.year - 2)...(to.year - 1) {
                let drift = Double.random(in: 0.95...1.05, using: &rng)
                for rate in rates {
                    let value = Double(area.population) / 2 * rate.perPerson * level * drift
                    sink.add(
                        .nationalFigure(
                            NationalFigure(
                                area: area.name, period: String(year), measure: "fuldtidspersoner", value: (value * 10).rounded() / 10,
                                benefit: rate.benefit, population: area.population)))
                }
            }
        }
    }

    /// Whether the citizen on `benefit` from `start` joins the pool's target group (aktivitetsparate on
    /// kontanthjælp or uddannelseshjælp in the pool's first year), and from when. Its own random stream.
    func poolParticipant(_ id: String, _ index: Int, _ benefit: String, _ days: DayRange) -> PoolParticipant? {
        let pool = Catalogue.pool(endingBefore: to.year).pool
        guard benefit.hasSuffix("_aktivitetsparat"), days.start <= pool.from.adding(months: 12), days.end >= pool.from else { return nil }
        var rng = SeededGenerator(seed: seed &+ 0x9001 &* UInt64(index + 1))
        guard rng.chance(0.6) else { return nil }
        return PoolParticipant(poolID: pool.id, personID: id, from: max(days.start, pool.from))
    }

    func dayIn(_ year: Int, _ rng: inout SeededGenerator) -> Day? {
        let first = max(from, Day(year: year, month: 1, day: 1)!), last = min(to, Day(year: year, month: 12, day: 31)!)
        guard first <= last else { return nil }
        return first.advanced(by: Int.random(in: 0...first.distance(to: last), using: &rng))
    }

    // MARK: Persons

    func makePerson<S: RegisterSink>(
        _ index: Int, _ rng: inout SeededGenerator, _ organisation: Organisation,
        _ sink: inout S
    ) {
        let companies = organisation.companies
        let id = "P" + pad7(index + 1)
        let birth = Day(year: Int.random(in: 1956...2007, using: &rng), month: 1, day: 1)!
            .advanced(by: Int.random(in: 0..<365, using: &rng))
        let municipality = rng.chance(0.97) ? Catalogue.municipality : Catalogue.neighbours.randomElement(using: &rng)!
        let caseworker = organisation.staffByUnit.map { $0.randomElement(using: &rng)! }
        var start = from.advanced(by: Int.random(in: -365...from.distance(to: to), using: &rng))
        if start < birth.adding(months: 16 * 12) { start = birth.adding(months: 16 * 12) }
        var benefit = rng.pick(Catalogue.firstBenefit(age: age(birth, start)))
        var cvDate: Day?
        var activityNumber = 0
        // A screening's key is the person and the day: one screening a day.
        var screened: Set<Day> = []
        var placedIn: Set<String> = []
        var inPool = false
        while start <= to {
            if start >= Catalogue.lawChange, let s = Catalogue.successor(of: benefit) { benefit = s }
            let spec = Catalogue.benefits[benefit]!
            var end: Day? = spec.meanDays.isInfinite ? nil : start.advanced(by: rng.days(mean: spec.meanDays, minimum: 7) - 1)
            var exit = rng.pick(spec.exits)
            var next: String?
            if exit == "anden_ydelse" { next = rng.pick(spec.next) }
            // The 2025 reform ended uddannelseshjælp and integrationsydelse.
            if let successor = Catalogue.successor(of: benefit), start < Catalogue.lawChange, (end ?? .distantFuture) >= Catalogue.lawChange
            {
                end = Catalogue.lawChange.advanced(by: -1)
                exit = "anden_ydelse"
                next = successor
            }
            if let e = end, e > to { end = nil }
            if benefit == "dagpenge" || benefit == "kontanthjaelp_jobparat", cvDate == nil, rng.chance(0.8) {
                cvDate = min(to, start.advanced(by: Int.random(in: 0...30, using: &rng)))
            }
            emitPeriod(id, benefit, start, end, end == nil ? nil : exit, municipality, &rng, &sink)
            var days = DayRange(start, end ?? to)
            if days.end > to { days.end = to }
            makeOffers(id, benefit, days, spec, &activityNumber, &rng, companies, &sink)
            if !inPool, let participant = poolParticipant(id, index, benefit, days) {
                sink.add(.poolParticipant(participant))
                inPool = true
            }
            makeConversations(id, benefit, days, caseworker, &rng, &sink)
            // The caseworker of the benefit's unit has the case while the period runs.
            if benefit != "selvforsoergende" && benefit != "foertidspension" {
                let staffID = caseworker[Catalogue.units.firstIndex(of: Catalogue.unit(for: benefit))!]
                sink.add(.assignment(Assignment(personID: id, staffID: staffID, from: start, to: end)))
                makeScreening(id, benefit, start, staffID, &screened, &rng, &sink)
            }
            guard let e = end else { break }
            if let next {
                benefit = next
                start = e.advanced(by: 1)
                continue
            }
            if exit == "job" { placeInJobOrder(id, index, e, caseworker, organisation, &placedIn, &sink) }
            if exit == "job" || exit == "uddannelse", rng.chance(0.12) {
                makeAftercare(id, exit, e.advanced(by: 1), &activityNumber, &rng, &sink)
            }
            // Sick leave often comes back soon after a return to work (gengangere).
            if benefit == "sygedagpenge", exit == "job", rng.chance(0.3) {
                start = e.advanced(by: rng.days(mean: 150, minimum: 14))
                continue
            }
            switch exit {
            case "flytning", "pension", "doed": start = .distantFuture
            case "job": start = e.advanced(by: rng.days(mean: 700, minimum: 31))
            case "uddannelse": start = e.advanced(by: rng.days(mean: 900, minimum: 31))
            default: start = e.advanced(by: rng.days(mean: 200, minimum: 31))
            }
            benefit = rng.pick(Catalogue.firstBenefit(age: age(birth, min(start, to))))
        }
        sink.add(.person(Person(id: id, birthDate: birth, sex: rng.chance(0.5) ? "K" : "M", municipality: municipality, cvDate: cvDate)))
    }

    /// One in twelve citizens leaving for a job got it through a job order created in the 60 days
    /// before, placed by a company consultant on their last day on benefit. Its own random
    /// stream per person and day, so the person's other rows stay as they were.
    func placeInJobOrder<S: RegisterSink>(
        _ id: String, _ index: Int, _ last: Day, _ caseworker: [String], _ organisation: Organisation,
        _ placedIn: inout Set<String>, _ sink: inout S
    ) {
        var rng = SeededGenerator(seed: seed &* 0x9E37_79B9 &+ UInt64(index) &* 0x1_0000 &+ UInt64(bitPattern: Int64(last.ordinal)))
        guard rng.chance(0.08) else { return }
        let orders = organisation.jobOrders
        let lo = orders.partitionPoint { $0.created >= last.advanced(by: -60) }, hi = orders.partitionPoint { $0.created > last }
        guard lo < hi else { return }
        let order = orders[Int.random(in: lo..<hi, using: &rng)]
        guard placedIn.insert(order.id).inserted else { return }
        let consultant = caseworker[Catalogue.units.firstIndex(of: "Virksomhedsservice")!]
        sink.add(.placement(Placement(jobOrderID: order.id, personID: id, date: last, staffID: consultant)))
    }

    /// New kontanthjælp and dagpenge citizens are screened into groups 1-3 in their first
    /// weeks (seed 003, JC 03); the caseworker follows the advice mostly, and says why when not.
    func makeScreening<S: RegisterSink>(
        _ id: String, _ benefit: String, _ start: Day, _ staffID: String, _ screened: inout Set<Day>,
        _ rng: inout SeededGenerator, _ sink: inout S
    ) {
        guard benefit.hasPrefix("kontanthjaelp") || benefit == "dagpenge", rng.chance(0.7) else { return }
        let date = start.advanced(by: Int.random(in: 3...21, using: &rng))
        guard date >= from, date <= to, screened.insert(date).inserted else { return }
        let advice = benefit == "kontanthjaelp_aktivitetsparat" ? rng.pick([("2", 1.0), ("3", 2)]) : rng.pick([("1", 3.0), ("2", 1)])
        let group = rng.chance(0.85) ? advice : rng.pick([("1", 1.0), ("2", 1), ("3", 1)])
        sink.add(
            .screening(
                Screening(
                    personID: id, date: date, group: group, advice: advice, staffID: staffID,
                    reason: group == advice ? nil : "Samtalen viste et andet billede end registrene")))
    }

    /// One spell, sometimes as two rows with a short gap (still one spell).
    func emitPeriod<S: RegisterSink>(
        _ id: String, _ benefit: String, _ start: Day, _ end: Day?, _ exit: String?,
        _ municipality: String, _ rng: inout SeededGenerator, _ sink: inout S
    ) {
        let length = start.distance(to: end ?? to)
        if length > 120, rng.chance(0.1) {
            let cut = start.advanced(by: Int.random(in: 30...(length - 60), using: &rng))
            let resume = cut.advanced(by: Int.random(in: 2...10, using: &rng))
            sink.add(
                .benefit(
                    BenefitPeriod(personID: id, benefit: benefit, start: start, end: cut, exitReason: "ukendt", municipality: municipality))
            )
            sink.add(
                .benefit(
                    BenefitPeriod(personID: id, benefit: benefit, start: resume, end: end, exitReason: exit, municipality: municipality)))
        } else {
            sink.add(
                .benefit(
                    BenefitPeriod(personID: id, benefit: benefit, start: start, end: end, exitReason: exit, municipality: municipality)))
        }
    }

    func makeOffers<S: RegisterSink>(
        _ id: String, _ benefit: String, _ days: DayRange, _ spec: Catalogue.BenefitSpec,
        _ number: inout Int, _ rng: inout SeededGenerator,
        _ companies: [(cvr: String, employees: Int)], _ sink: inout S
    ) {
        guard !spec.offers.isEmpty, rng.chance(spec.offerChance) else { return }
        var cursor = days.start.advanced(by: rng.days(mean: 45, minimum: 7))
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            guard cursor <= days.end else { return }
            let type = rng.pick(spec.offers)
            let duration = Catalogue.offerDuration(type)
            var end: Day? = cursor.advanced(by: min(duration.max, rng.days(mean: duration.mean, minimum: 14)) - 1)
            if let e = end, e > days.end { end = days.end == to ? nil : days.end }
            makeActivity(id, type, cursor, end, &number, &rng, companies, &sink)
            guard let e = end else { return }
            cursor = e.advanced(by: rng.days(mean: 60, minimum: 7))
        }
    }

    func makeAftercare<S: RegisterSink>(
        _ id: String, _ exit: String, _ start: Day, _ number: inout Int,
        _ rng: inout SeededGenerator, _ sink: inout S
    ) {
        guard start <= to else { return }
        let end = start.advanced(by: Int.random(in: 60...120, using: &rng))
        number += 1
        let initiative = exit == "job" ? "EFTV-JOB" : "EFTV-UDD"
        sink.add(
            .activity(
                Activity(
                    id: id + "-A" + String(number), personID: id, type: "eftervaern", start: start,
                    end: end > to ? nil : end, initiativeID: initiative,
                    unit: Catalogue.initiatives.first { $0.id == initiative }!.unit)))
    }

    func makeActivity<S: RegisterSink>(
        _ id: String, _ type: String, _ start: Day, _ end: Day?, _ number: inout Int,
        _ rng: inout SeededGenerator, _ companies: [(cvr: String, employees: Int)], _ sink: inout S
    ) {
        let candidates = Catalogue.initiatives.filter {
            $0.type == type && ($0.start.map { start >= $0 } ?? true) && ($0.end.map { start <= $0 } ?? true)
        }
        let initiative = rng.pick(candidates.map { ($0, $0.weight) })
        number += 1
        let companyBased = ReferenceData.defaults.code(.aktivitetstype, type)?.companyBased ?? false
        var cvr: String?, pnr: String?
        if companyBased {
            // Larger companies take more people: pick the larger of two.
            let a = companies.randomElement(using: &rng)!, b = companies.randomElement(using: &rng)!
            cvr = (a.employees >= b.employees ? a : b).cvr
            pnr = String(1_000_000_000 + Int(cvr!)! % 1_000_000_000)
        }
        let hours: Double? =
            switch type {
            case "ordinaere_timer": Double(Int.random(in: 5...15, using: &rng))
            case "virksomhedspraktik", "nytteindsats": Double(Int.random(in: 20...37, using: &rng))
            default: nil
            }
        sink.add(
            .activity(
                Activity(
                    id: id + "-A" + String(number), personID: id, type: type, start: start, end: end,
                    hoursPerWeek: hours, initiativeID: initiative.id, cvr: cvr, pNumber: pnr, unit: initiative.unit)))
    }

    /// Monthly conversations in the first six months, then quarterly; from 2024 the
    /// a-kasse holds the dagpenge conversations of months 1-3.
    func makeConversations<S: RegisterSink>(
        _ id: String, _ benefit: String, _ days: DayRange, _ caseworker: [String],
        _ rng: inout SeededGenerator, _ sink: inout S
    ) {
        guard benefit != "foertidspension" else { return }
        let unit = Catalogue.unit(for: benefit)
        var date = days.start.advanced(by: Int.random(in: 3...14, using: &rng))
        var n = 0
        let akasseFrom = Day(year: 2024, month: 1, day: 1)!
        while date <= days.end && n < 10 {
            let byAkasse = benefit == "dagpenge" && date >= akasseFrom && days.start.distance(to: date) < 91
            // Most conversations are held; some caseloads slip (the contact rules are met for most, not all).
            if date >= from && rng.chance(0.8) {
                sink.add(
                    .conversation(
                        Conversation(
                            personID: id, date: date, type: n == 0 ? "foerste_samtale" : "jobsamtale",
                            staffID: byAkasse ? nil : caseworker[Catalogue.units.firstIndex(of: unit)!], unit: byAkasse ? nil : unit,
                            heldBy: byAkasse ? "akasse" : "kommune",
                            channel: rng.pick([
                                (Channel.personligt.rawValue, 6.0), (Channel.telefon.rawValue, 3), (Channel.digitalt.rawValue, 1),
                            ]))))
            }
            n += 1
            date = date.advanced(by: n < 6 ? Int.random(in: 25...35, using: &rng) : Int.random(in: 80...100, using: &rng))
        }
    }

    func age(_ birth: Day, _ day: Day) -> Int {
        let b = birth.components, d = day.components
        return d.year - b.year - ((d.month, d.day) < (b.month, b.day) ? 1 : 0)
    }
}

private func pad4(_ n: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, 4 - s.count)) + s }
private func pad7(_ n: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, 7 - s.count)) + s }
