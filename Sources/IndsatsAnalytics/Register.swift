import IndsatsCore

/// Strings of one dimension (benefit codes, units, ...) stored once and referred to by index.
struct StringPool: Sendable {
    private(set) var strings: [String] = []
    private var indices: [String: Int32] = [:]

    mutating func intern(_ s: String) -> Int32 {
        if let i = indices[s] { return i }
        let i = Int32(strings.count)
        strings.append(s)
        indices[s] = i
        return i
    }

    func index(of s: String) -> Int32? { indices[s] }
    subscript(i: Int32) -> String { strings[Int(i)] }
}

/// The kinds of rows a ``Register`` holds. A register may hold only some: the
/// command line loads just what a measure needs (``Measure/registerParts``).
///
/// ```swift
/// let register = try store.loadRegister(parts: Measure.samtaler.registerParts)   // conversations only
/// ```
public struct RegisterParts: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let persons = RegisterParts(rawValue: 1 << 0)
    public static let benefits = RegisterParts(rawValue: 1 << 1)
    public static let activities = RegisterParts(rawValue: 1 << 2)
    public static let conversations = RegisterParts(rawValue: 1 << 3)
    public static let companies = RegisterParts(rawValue: 1 << 4)
    public static let contacts = RegisterParts(rawValue: 1 << 5)
    public static let jobOrders = RegisterParts(rawValue: 1 << 6)
    /// Who has whose case (tildelinger).
    public static let assignments = RegisterParts(rawValue: 1 << 7)
    public static let contactRules = RegisterParts(rawValue: 1 << 8)
    /// The caseworkers' units and teams (medarbejdere).
    public static let caseworkers = RegisterParts(rawValue: 1 << 9)
    public static let screenings = RegisterParts(rawValue: 1 << 10)
    /// Citizens placed in job orders (formidlinger).
    public static let placements = RegisterParts(rawValue: 1 << 11)
    /// Citizens' CV updates (cv_opdateringer).
    public static let cvUpdates = RegisterParts(rawValue: 1 << 12)
    /// Grant pools and their participants (puljer, puljedeltagere).
    public static let pools = RegisterParts(rawValue: 1 << 13)
    /// Budgets per benefit and year.
    public static let budgets = RegisterParts(rawValue: 1 << 14)
    public static let all: RegisterParts = [
        .persons, .benefits, .activities, .conversations, .companies, .contacts, .jobOrders, .assignments, .contactRules,
        .caseworkers, .screenings, .placements, .cvUpdates, .pools, .budgets,
    ]
}

/// The in-memory register the measures run on: every row kind as parallel arrays
/// of integers (struct of arrays), with days as ordinals and codes interned,
/// sorted for the sweeps the measures make.
///
/// Build it from the store's rows once (``RegisterBuilder`` streams them in);
/// every query then reads it without I/O.
///
/// ```swift
/// let register = Register(persons: persons, benefits: periods, activities: activities)
/// let result = KPIEngine(register).evaluate(query)
/// ```
public struct Register: Sendable {
    /// Marks an unknown day (birth, CV).
    static let unknownDay = Int32.min
    /// Marks an open end.
    static let openEnd = Day.distantFuture.ordinal
    /// Text for a missing value in a dimension.
    static let unknown = "ukendt"

    /// The kinds of rows loaded; the others are empty.
    public internal(set) var parts: RegisterParts = .all
    /// The store's data version the rows were read at (see `RegisterStore.dataVersion()`).
    public internal(set) var storeVersion = 0

    // Persons, indexed 0..<personCount.
    var personIDs: [String] = []
    var personBirth: [Int32] = []
    var personSex: [Int32] = []
    var personMunicipality: [Int32] = []
    var personCV: [Int32] = []
    /// Each person's first CV update in cv_opdateringer.csv (`unknownDay` without one): from
    /// then on they have a CV, whatever `personCV` (the latest) says.
    var personFirstCVUpdate: [Int32] = []

    // Benefit periods sorted by (person, benefit, start, end, exit reason).
    var benefitPerson: [Int32] = []
    var benefitCode: [Int32] = []
    var benefitStart: [Int32] = []
    var benefitEnd: [Int32] = []
    /// Index into `exitReasons`; a period naming none has `ukendt`.
    var benefitExit: [Int32] = []
    /// For person p, its benefit rows are `benefitOffsets[p] ..< benefitOffsets[p + 1]`.
    var benefitOffsets: [Int] = []
    /// The register by hovedydelse once made (``byMainBenefit``); new with every build.
    var mainBenefitRegister = MainBenefitRegister()
    /// The code each period was imported with, where ``mergingMainBenefits()`` replaced
    /// `benefitCode` by the hovedydelse; empty otherwise (see ``sourceCode(_:)``).
    var benefitSourceCode: [Int32] = []

    // Activities sorted by (person, start, end, type, initiative, unit).
    var activityPerson: [Int32] = []
    var activityType: [Int32] = []
    var activityInitiative: [Int32] = []
    var activityUnit: [Int32] = []
    /// The company the activity is at (index into the companies), -1 for none.
    var activityCompany: [Int32] = []
    /// The rank of each activity's id (`aktivitet_id`) among its person's, for ties that the
    /// id breaks (`effekt_personer`).
    var activityIDRank: [Int32] = []
    var activityStart: [Int32] = []
    var activityEnd: [Int32] = []
    /// For person p, its activities are `activityOffsets[p] ..< activityOffsets[p + 1]`.
    var activityOffsets: [Int] = []

    // Conversations sorted by day.
    var conversationDay: [Int32] = []
    var conversationType: [Int32] = []
    var conversationUnit: [Int32] = []
    var conversationStaff: [Int32] = []
    var conversationHeldBy: [Int32] = []

    // Who has each person over time, from the conversations: from `responsibleDay` on,
    // the unit and caseworker of the latest conversation naming one (-1: none yet).
    // For person p, its states are `responsibleOffsets[p] ..< responsibleOffsets[p + 1]`;
    // empty when conversations are not loaded. See ``responsible(_:on:)``.
    var responsibleDay: [Int32] = []
    var responsibleUnit: [Int32] = []
    var responsibleStaff: [Int32] = []
    var responsibleOffsets: [Int] = []

    // Each person's conversations by day (day and who held it), for the contact rules;
    // for person p, `personConversationOffsets[p] ..< personConversationOffsets[p + 1]`.
    var personConversationDay: [Int32] = []
    var personConversationHeldBy: [Int32] = []
    var personConversationOffsets: [Int] = []

    // Assignments (tildelinger) sorted by (person, from): the caseworker (index into `staff`)
    // responsible from `assignmentFrom` through `assignmentTo` (`openEnd` while open).
    var assignmentPerson: [Int32] = []
    var assignmentStaff: [Int32] = []
    var assignmentFrom: [Int32] = []
    var assignmentTo: [Int32] = []
    var assignmentOffsets: [Int] = []
    /// Each caseworker's unit and team from medarbejdere.csv, by index into `staff`
    /// (indices into `units` and `teams`; a caseworker past the end has neither).
    var staffUnit: [Int32] = []
    var staffTeam: [Int32] = []

    /// The indices of `ukendt` in `units`, `staff` and `teams`, and of `selvforsoergende` in
    /// `benefits` (-1 when absent), set when the register is built: sweeps ask for them per row.
    var unknownUnit: Int32 = 0
    var unknownStaff: Int32 = 0
    var unknownTeam: Int32 = 0
    var unknownIndustry: Int32 = 0
    var selfSupporting: Int32 = -1

    // Screenings sorted by day: the group decided, the advice (-1 for none; groups are 0-2
    // for 1-3) and the caseworker's unit (index into `units`).
    var screeningPerson: [Int32] = []
    var screeningDay: [Int32] = []
    var screeningGroup: [Int32] = []
    var screeningAdvice: [Int32] = []
    var screeningUnit: [Int32] = []
    /// The caseworker of each screening (index into `staff`), until the build resolves their units.
    var screeningStaff: [Int32] = []

    /// The contact rules in force, sorted by benefit and start: the imported ones, else ``ContactRule/defaults``.
    public internal(set) var contactRules: [ContactRule] = []

    // Companies, indexed 0..<companyCount; -1 employees when unknown.
    var companyIDs: [String] = []
    var companyEmployees: [Int32] = []
    var companyIndustry: [Int32] = []
    // Company contacts sorted by (company, day).
    var contactCompany: [Int32] = []
    var contactDay: [Int32] = []
    var contactUnit: [Int32] = []
    /// Whether the contact was in person or by phone (kanal `personligt` or `telefon`).
    var contactPersonal: [Bool] = []
    /// For company c, its contacts are `contactOffsets[c] ..< contactOffsets[c + 1]`.
    var contactOffsets: [Int] = []
    /// Units that made at least one company contact, sorted by index; and those that made one in person or by phone.
    var contactUnits: [Int32] = []
    var personalContactUnits: [Int32] = []

    // Job orders; `jobClosed` is `openEnd` while open. `jobKey` is the order's id (index into
    // `jobOrderIDs`), `jobCompany` its company.
    var jobKey: [Int32] = []
    var jobCompany: [Int32] = []
    var jobCreated: [Int32] = []
    var jobClosed: [Int32] = []
    var jobPositions: [Int32] = []
    var jobFilled: [Int32] = []
    var jobUnit: [Int32] = []
    var jobOrderIDs = StringPool()

    // Placements (formidlinger) sorted by day: the person, and the order by its id (index
    // into `jobOrderIDs`); `jobRowOfID` finds the order's row (-1 when not loaded).
    var placementDay: [Int32] = []
    var placementPerson: [Int32] = []
    var placementJob: [Int32] = []
    var jobRowOfID: [Int32] = []

    /// Grant pools, few and kept as rows; `poolIDs` numbers them by id.
    public internal(set) var pools: [GrantPool] = []
    var poolIDs = StringPool()
    // Pool participants: the pool (index into `poolIDs`), the person, and the days in the target group
    // (`participantTo` is `openEnd` while open).
    var participantPool: [Int32] = []
    var participantPerson: [Int32] = []
    var participantFrom: [Int32] = []
    var participantTo: [Int32] = []
    /// Budgets per benefit and year, few and kept as rows.
    public internal(set) var budgets: [BenefitBudget] = []

    var benefits = StringPool()
    var types = StringPool()
    var initiatives = StringPool()
    var units = StringPool()
    var sexes = StringPool()
    var municipalities = StringPool()
    var exitReasons = StringPool()
    /// Each exit reason's place in alphabetical order, so ties compare as integers.
    var exitRank: [Int32] = []
    var industries = StringPool()
    var staff = StringPool()
    var heldBy = StringPool()
    var teams = StringPool()

    /// The last day the data speaks of: by default the latest day any row names.
    public internal(set) var dataDate: Day?
    public internal(set) var reference: ReferenceData

    public var personCount: Int { personIDs.count }
    public var benefitPeriodCount: Int { benefitPerson.count }
    public var activityCount: Int { activityPerson.count }
    public var companyCount: Int { companyEmployees.count }
    public var placementCount: Int { placementDay.count }
    /// Rows of every kind.
    public var rowCount: Int {
        personCount + benefitPeriodCount + activityCount + conversationDay.count + companyCount + contactDay.count + jobCreated.count
            + assignmentPerson.count + screeningDay.count + placementDay.count
    }

    /// Builds the register from rows in memory. Rows naming a person or company
    /// missing from `persons` or `companies` get one with unknown attributes.
    /// `dataDate` defaults to the latest day any row names.
    public init(
        persons: [Person], benefits: [BenefitPeriod], activities: [Activity],
        conversations: [Conversation] = [], companies: [Company] = [], contacts: [CompanyContact] = [],
        jobOrders: [JobOrder] = [], assignments: [Assignment] = [], staffMembers: [StaffMember] = [],
        contactRules: [ContactRule] = [], screenings: [Screening] = [], placements: [Placement] = [], cvUpdates: [CVUpdate] = [],
        pools: [GrantPool] = [], poolParticipants: [PoolParticipant] = [], budgets: [BenefitBudget] = [],
        reference: ReferenceData = .defaults, dataDate: Day? = nil
    ) {
        var builder = RegisterBuilder(reference: reference)
        persons.forEach { builder.add($0) }
        assignments.forEach { builder.add($0) }
        staffMembers.forEach { builder.add($0) }
        contactRules.forEach { builder.add($0) }
        screenings.forEach { builder.add($0) }
        benefits.forEach { builder.add($0) }
        activities.forEach { builder.add($0) }
        conversations.forEach { builder.add($0) }
        companies.forEach { builder.add($0) }
        contacts.forEach { builder.add($0) }
        jobOrders.forEach { builder.add($0) }
        placements.forEach { builder.add($0) }
        cvUpdates.forEach { builder.add($0) }
        pools.forEach { builder.add($0) }
        poolParticipants.forEach { builder.add($0) }
        budgets.forEach { builder.add($0) }
        self = builder.build(dataDate: dataDate)
    }

    init(reference: ReferenceData) { self.reference = reference }

    /// Start offsets per owner (person or company) of rows sorted by owner.
    static func offsets(_ owners: [Int32], count: Int) -> [Int] {
        var offsets = Array(repeating: 0, count: count + 1)
        for o in owners { offsets[Int(o) + 1] += 1 }
        for i in 0..<count { offsets[i + 1] += offsets[i] }
        return offsets
    }

    /// The municipality code most persons live in (`kommune`), `nil` without persons: the register's own municipality.
    public var mainMunicipality: String? {
        var counts = [Int](repeating: 0, count: municipalities.strings.count)
        for m in personMunicipality { counts[Int(m)] += 1 }
        guard let best = counts.indices.filter({ municipalities.strings[$0] != Register.unknown }).max(by: { counts[$0] < counts[$1] }),
            counts[best] > 0
        else { return nil }
        return municipalities.strings[best]
    }

    /// The benefit rows of person `p`.
    func benefitRows(of p: Int) -> Range<Int> { benefitOffsets[p]..<benefitOffsets[p + 1] }

    /// The code benefit row `i` was imported with: a measure choosing its population by code
    /// (CV share, paid hours, contact rules, prices) asks this, not the hovedydelse it is counted under.
    func sourceCode(_ i: Int) -> Int32 { benefitSourceCode.isEmpty ? benefitCode[i] : benefitSourceCode[i] }

    /// The activity rows of person `p`.
    func activityRows(of p: Int) -> Range<Int> { activityOffsets[p]..<activityOffsets[p + 1] }

    /// The unit and caseworker (indices into `units` and `staff`) that have person `p` on `day`:
    /// the unit of the latest conversation on or before `day` naming a unit, else of the
    /// latest-starting activity on or before it naming one; the caseworker of the latest
    /// conversation naming one. Ties on a day go to the alphabetically last name; none is `ukendt`.
    /// The unit rule is the one the person pages' access follows, as of `day`.
    func responsible(_ p: Int, on day: Int32) -> (unit: Int32, staff: Int32) {
        var unit: Int32 = -1, staff: Int32 = -1
        if p + 1 < responsibleOffsets.count {
            var i = responsibleOffsets[p + 1] - 1
            let first = responsibleOffsets[p]
            while i >= first && responsibleDay[i] > day { i -= 1 }
            if i >= first { (unit, staff) = (responsibleUnit[i], responsibleStaff[i]) }
        }
        if unit < 0 {
            let none = units.index(of: Register.unknown)
            var latest = Int32.min
            for a in activityRows(of: p) where activityStart[a] <= day && activityUnit[a] != none {
                if activityStart[a] > latest || units[activityUnit[a]] > units[unit] { unit = activityUnit[a] }
                latest = activityStart[a]
            }
        }
        return (unit >= 0 ? unit : unknownUnit, staff >= 0 ? staff : unknownStaff)
    }

    /// The caseworker (index into `staff`) of person `p`'s assignment covering `day`, else `ukendt`
    /// (the responsible caseworker of docs/noegletal.md, version 2).
    func assignedCaseworker(_ p: Int, on day: Int32) -> Int32 {
        if p + 1 < assignmentOffsets.count {
            for a in assignmentOffsets[p]..<assignmentOffsets[p + 1] where assignmentFrom[a] <= day && day <= assignmentTo[a] {
                return assignmentStaff[a]
            }
        }
        return unknownStaff
    }

    /// A caseworker's unit and team from medarbejdere.csv, `ukendt` for each it lacks.
    func unitAndTeam(of caseworker: Int32) -> (unit: Int32, team: Int32) {
        let i = Int(caseworker)
        return (
            i < staffUnit.count ? staffUnit[i] : unknownUnit,
            i < staffTeam.count ? staffTeam[i] : unknownTeam
        )
    }

    /// The benefit on `day` (version 2's term): the ydelse of person `p`'s latest-starting period
    /// covering it, ties to the alphabetically last code; `nil` when none covers it. Also
    /// whether the person is on benefit that day (a period other than `selvforsoergende` covers it).
    func benefitOnDay(_ p: Int, _ day: Int32) -> (benefit: Int32, onBenefit: Bool)? {
        var best: Int32 = -1, bestStart = Int32.min, onBenefit = false
        for r in benefitRows(of: p) where benefitStart[r] <= day && day <= benefitEnd[r] {
            if benefitCode[r] != selfSupporting { onBenefit = true }
            if benefitStart[r] > bestStart || (benefitStart[r] == bestStart && benefits[benefitCode[r]] > benefits[best]) {
                (best, bestStart) = (benefitCode[r], benefitStart[r])
            }
        }
        return best < 0 ? nil : (best, onBenefit)
    }

    /// The benefit (`ydelse`) covering `day` for person `p` in its latest-starting period,
    /// the first in code order among equal starts; `nil` when none covers it.
    func benefit(of p: Int32, coveringDay day: Int32) -> Int32? {
        var best: (start: Int32, code: String, index: Int32)?
        for r in benefitRows(of: Int(p)) where benefitStart[r] <= day && day <= benefitEnd[r] {
            let code = benefits[benefitCode[r]]
            if best == nil || benefitStart[r] > best!.start || (benefitStart[r] == best!.start && code < best!.code) {
                best = (benefitStart[r], code, benefitCode[r])
            }
        }
        return best?.index
    }
}
