import IndsatsCore

/// Builds a ``Register`` from rows streamed in one at a time, in any order.
/// Each row goes straight into the register's integer columns, so a store can
/// load millions of rows without holding them as records; ``build(dataDate:)``
/// then sorts the columns for the measures' sweeps.
///
/// ```swift
/// var builder = RegisterBuilder(reference: .defaults)
/// builder.add(Person(id: "P1", sex: "K"))
/// builder.add(BenefitPeriod(personID: "P1", benefit: "dagpenge", start: day))
/// let register = builder.build()
/// ```
///
/// After an import, ``init(updating:reloading:reference:)`` starts from the
/// register in use and replaces only the parts the import wrote.
public struct RegisterBuilder {
    private var register: Register
    private var personIndex = IDIndex()
    private var companyIndex = IDIndex()
    /// Whether each person (company) has had its own row yet: the first one describes it.
    private var personDescribed: [Bool] = []
    private var companyDescribed: [Bool] = []
    /// The person of each conversation added, for who-has-whom (``Register/responsible(_:on:)``).
    private var conversationPerson: [Int32] = []
    /// The contact rules added; none means the defaults.
    private var contactRules: [ContactRule] = []
    /// The ids of the activities added, until the build ranks them within each person.
    private var activityIDs: [String] = []
    /// Conversations an import added to a register that keeps its own (``add(newConversations:ofTheirPersons:)``),
    /// as register rows, and every conversation of the persons they name.
    private var newConversations = ConversationRows()
    private var conversationsOfTouched: [Int32: [PersonConversation]] = [:]
    /// The parts rows are added to, which ``build(dataDate:)`` sorts.
    private var adding: RegisterParts = .all
    /// The latest day any row names.
    public private(set) var latestDay: Day?
    /// The store's data version the rows come from.
    public var storeVersion = 0

    /// A builder for the rows of `parts` (the register records which parts it holds).
    public init(reference: ReferenceData, parts: RegisterParts = .all) {
        register = Register(reference: reference)
        register.parts = parts
    }

    /// Starts from `old`, keeping its persons and companies (their indices stay put)
    /// and every part not in `parts`; the rows of `parts` are to be added again.
    /// Kept parts stay sorted; person and company attributes are reset when their part is reloaded.
    public init(updating old: Register, reloading parts: RegisterParts, reference: ReferenceData) {
        var r = old
        r.reference = reference
        r.parts = old.parts.union(parts)
        if parts.contains(.persons) {
            r.personBirth = Array(repeating: Register.unknownDay, count: r.personCount)
            r.personSex = Array(repeating: r.sexes.intern(Register.unknown), count: r.personCount)
            r.personMunicipality = Array(repeating: r.municipalities.intern(Register.unknown), count: r.personCount)
            r.personCV = Array(repeating: Register.unknownDay, count: r.personCount)
        }
        if parts.contains(.cvUpdates) { r.personFirstCVUpdate = Array(repeating: Register.unknownDay, count: r.personCount) }
        if parts.contains(.companies) {
            r.companyEmployees = Array(repeating: -1, count: r.companyCount)
            r.companyIndustry = Array(repeating: r.industries.intern(Register.unknown), count: r.companyCount)
        }
        if parts.contains(.benefits) {
            r.benefitPerson = []; r.benefitCode = []; r.benefitStart = []; r.benefitEnd = []; r.benefitExit = []
        }
        if parts.contains(.activities) {
            r.activityPerson = []; r.activityType = []; r.activityInitiative = []; r.activityUnit = []; r.activityCompany = []
            r.activityIDRank = []
            r.activityStart = []; r.activityEnd = []
        }
        if parts.contains(.conversations) {
            r.conversationDay = []; r.conversationType = []; r.conversationUnit = []; r.conversationStaff = []; r.conversationHeldBy = []
        }
        if parts.contains(.contacts) { r.contactCompany = []; r.contactDay = []; r.contactUnit = []; r.contactPersonal = [] }
        if parts.contains(.jobOrders) {
            r.jobKey = []; r.jobCompany = []; r.jobCreated = []; r.jobClosed = []; r.jobPositions = []; r.jobFilled = []
            r.jobUnit = []
        }
        if parts.contains(.placements) { r.placementDay = []; r.placementPerson = []; r.placementJob = [] }
        if parts.contains(.pools) {
            r.pools = []; r.poolIDs = StringPool(); r.participantPool = []; r.participantPerson = []; r.participantFrom = []
            r.participantTo = []
        }
        if parts.contains(.budgets) { r.budgets = [] }
        if parts.contains(.assignments) {
            r.assignmentPerson = []; r.assignmentStaff = []; r.assignmentFrom = []; r.assignmentTo = []
        }
        if parts.contains(.caseworkers) { r.staffUnit = []; r.staffTeam = [] }
        if parts.contains(.screenings) {
            r.screeningPerson = []; r.screeningDay = []; r.screeningGroup = []; r.screeningAdvice = []; r.screeningUnit = [];
            r.screeningStaff = []
        }
        register = r
        personIndex = IDIndex(scanning: r.personIDs)
        companyIndex = IDIndex(scanning: r.companyIDs)
        personDescribed = Array(repeating: !parts.contains(.persons), count: r.personCount)
        companyDescribed = Array(repeating: !parts.contains(.companies), count: r.companyCount)
        adding = parts
        latestDay = old.dataDate
    }

    /// Reserves room for `count` more rows of `part`, so columns do not grow by doubling.
    public mutating func reserve(_ count: Int, of part: RegisterParts) {
        func more<T>(_ column: inout [T]) { column.reserveCapacity(column.count + count) }
        if count > IDIndex.scanLimit {
            personIndex.hashAll(register.personIDs)
            companyIndex.hashAll(register.companyIDs)
        }
        switch part {
        case .persons:
            more(&register.personIDs); more(&register.personBirth); more(&register.personSex)
            more(&register.personMunicipality); more(&register.personCV); more(&register.personFirstCVUpdate); more(&personDescribed)
            personIndex.reserveCapacity(count)
        case .benefits:
            more(&register.benefitPerson); more(&register.benefitCode); more(&register.benefitStart)
            more(&register.benefitEnd); more(&register.benefitExit)
        case .activities:
            more(&register.activityPerson); more(&register.activityType); more(&register.activityInitiative)
            more(&register.activityUnit); more(&register.activityStart); more(&register.activityEnd); more(&register.activityCompany)
            more(&activityIDs)
        case .conversations:
            more(&register.conversationDay); more(&register.conversationType); more(&register.conversationUnit)
            more(&register.conversationStaff); more(&register.conversationHeldBy); more(&conversationPerson)
        case .companies:
            more(&register.companyIDs); more(&register.companyEmployees); more(&register.companyIndustry); more(&companyDescribed)
            companyIndex.reserveCapacity(count)
        case .contacts:
            more(&register.contactCompany); more(&register.contactDay); more(&register.contactUnit); more(&register.contactPersonal)
        case .jobOrders:
            more(&register.jobKey); more(&register.jobCompany); more(&register.jobCreated); more(&register.jobClosed)
            more(&register.jobPositions); more(&register.jobFilled); more(&register.jobUnit)
        case .placements:
            more(&register.placementDay); more(&register.placementPerson); more(&register.placementJob)
        case .cvUpdates: break  // one column per person, grown with the persons
        case .assignments:
            more(&register.assignmentPerson); more(&register.assignmentStaff); more(&register.assignmentFrom)
            more(&register.assignmentTo)
        case .contactRules: contactRules.reserveCapacity(count)
        case .screenings:
            more(&register.screeningPerson); more(&register.screeningDay); more(&register.screeningGroup); more(&register.screeningAdvice);
            more(&register.screeningStaff)
        default: preconditionFailure("reserve one part at a time")
        }
    }

    private mutating func see(_ day: Day?) {
        if let day, latestDay.map({ day > $0 }) ?? true { latestDay = day }
    }

    /// Adds a person; a later row for the same person is ignored.
    public mutating func add(_ p: Person) {
        let i = Int(person(p.id))
        guard !personDescribed[i] else { return }
        personDescribed[i] = true
        register.personBirth[i] = p.birthDate?.ordinal ?? Register.unknownDay
        register.personSex[i] = register.sexes.intern(p.sex ?? Register.unknown)
        register.personMunicipality[i] = register.municipalities.intern(p.municipality ?? Register.unknown)
        register.personCV[i] = p.cvDate?.ordinal ?? Register.unknownDay
    }

    /// The person's index, adding one with unknown attributes the first time an id is seen.
    private mutating func person(_ id: String) -> Int32 {
        if let i = personIndex.index(of: id, in: register.personIDs) { return i }
        let i = Int32(register.personIDs.count)
        personIndex.insert(id, at: i)
        register.personIDs.append(id)
        register.personBirth.append(Register.unknownDay)
        register.personSex.append(register.sexes.intern(Register.unknown))
        register.personMunicipality.append(register.municipalities.intern(Register.unknown))
        register.personCV.append(Register.unknownDay)
        register.personFirstCVUpdate.append(Register.unknownDay)
        personDescribed.append(false)
        return i
    }

    public mutating func add(_ b: BenefitPeriod) {
        see(b.start); see(b.end)
        register.benefitPerson.append(person(b.personID))
        register.benefitCode.append(register.benefits.intern(b.benefit))
        register.benefitStart.append(b.start.ordinal)
        register.benefitEnd.append(b.end?.ordinal ?? Register.openEnd)
        register.benefitExit.append(register.exitReasons.intern(b.exitReason ?? Register.unknown))
    }

    public mutating func add(_ a: Activity) {
        see(a.start); see(a.end)
        register.activityPerson.append(person(a.personID))
        register.activityStart.append(a.start.ordinal)
        register.activityEnd.append(a.end?.ordinal ?? Register.openEnd)
        register.activityType.append(register.types.intern(a.type))
        register.activityInitiative.append(register.initiatives.intern(a.initiativeID ?? Register.unknown))
        register.activityUnit.append(register.units.intern(a.unit ?? Register.unknown))
        register.activityCompany.append(a.cvr.map { company($0) } ?? -1)
        activityIDs.append(a.id)
    }

    public mutating func add(_ c: Conversation) {
        see(c.date)
        conversationPerson.append(person(c.personID))
        register.conversationDay.append(c.date.ordinal)
        register.conversationType.append(register.types.intern(c.type))
        register.conversationUnit.append(register.units.intern(c.unit ?? Register.unknown))
        register.conversationStaff.append(register.staff.intern(c.staffID ?? Register.unknown))
        register.conversationHeldBy.append(register.heldBy.intern(c.heldBy ?? Register.unknown))
    }

    /// Adds a company; a later row for the same CVR number is ignored.
    public mutating func add(_ c: Company) {
        let i = Int(company(c.cvr))
        guard !companyDescribed[i] else { return }
        companyDescribed[i] = true
        register.companyEmployees[i] = c.employees.map { Int32(clamping: $0) } ?? -1
        register.companyIndustry[i] = register.industries.intern(c.industry ?? Register.unknown)
    }

    /// The company's index, adding one with unknown attributes the first time a CVR number is seen.
    private mutating func company(_ cvr: String) -> Int32 {
        if let i = companyIndex.index(of: cvr, in: register.companyIDs) { return i }
        let i = Int32(register.companyEmployees.count)
        companyIndex.insert(cvr, at: i)
        register.companyIDs.append(cvr)
        register.companyEmployees.append(-1)
        register.companyIndustry.append(register.industries.intern(Register.unknown))
        companyDescribed.append(false)
        return i
    }

    public mutating func add(_ c: CompanyContact) {
        see(c.date)
        register.contactCompany.append(company(c.cvr))
        register.contactDay.append(c.date.ordinal)
        register.contactUnit.append(register.units.intern(c.unit ?? Register.unknown))
        register.contactPersonal.append(c.channel == Channel.personligt.rawValue || c.channel == Channel.telefon.rawValue)
    }

    public mutating func add(_ j: JobOrder) {
        see(j.created); see(j.closed)
        register.jobKey.append(register.jobOrderIDs.intern(j.id))
        register.jobCompany.append(company(j.cvr))
        register.jobCreated.append(j.created.ordinal)
        register.jobClosed.append(j.closed?.ordinal ?? Register.openEnd)
        register.jobPositions.append(Int32(clamping: j.positions ?? 0))
        register.jobFilled.append(Int32(clamping: j.filled ?? 0))
        register.jobUnit.append(register.units.intern(j.unit ?? Register.unknown))
    }

    /// Adds a CV update: the person has a CV from their first.
    public mutating func add(_ u: CVUpdate) {
        see(u.date)
        let p = Int(person(u.personID))
        let day = u.date.ordinal
        if register.personFirstCVUpdate[p] == Register.unknownDay || day < register.personFirstCVUpdate[p] {
            register.personFirstCVUpdate[p] = day
        }
    }

    /// Adds a grant pool.
    public mutating func add(_ pool: GrantPool) {
        _ = register.poolIDs.intern(pool.id)
        register.pools.append(pool)
    }

    /// Adds a citizen in a pool's target group.
    public mutating func add(_ p: PoolParticipant) {
        register.participantPool.append(register.poolIDs.intern(p.poolID))
        register.participantPerson.append(person(p.personID))
        register.participantFrom.append(p.from.ordinal)
        register.participantTo.append(p.to?.ordinal ?? Register.openEnd)
    }

    /// Adds a benefit's budget for a year.
    public mutating func add(_ budget: BenefitBudget) { register.budgets.append(budget) }

    /// Adds a citizen's placement in a job order; the order is found when the register is built.
    public mutating func add(_ p: Placement) {
        see(p.date)
        register.placementDay.append(p.date.ordinal)
        register.placementPerson.append(person(p.personID))
        register.placementJob.append(register.jobOrderIDs.intern(p.jobOrderID))
    }

    /// Adds a caseworker's responsibility for a person's case.
    public mutating func add(_ a: Assignment) {
        see(a.from); see(a.to)
        register.assignmentPerson.append(person(a.personID))
        register.assignmentStaff.append(register.staff.intern(a.staffID))
        register.assignmentFrom.append(a.from.ordinal)
        register.assignmentTo.append(a.to?.ordinal ?? Register.openEnd)
    }

    /// Adds a screening; its caseworker's unit is resolved when the register is built.
    public mutating func add(_ s: Screening) {
        see(s.date)
        register.screeningPerson.append(person(s.personID))
        register.screeningDay.append(s.date.ordinal)
        register.screeningGroup.append(Int32(s.group)! - 1)
        register.screeningAdvice.append(s.advice.flatMap { Int32($0) }.map { $0 - 1 } ?? -1)
        register.screeningStaff.append(register.staff.intern(s.staffID ?? Register.unknown))
    }

    /// Adds a caseworker's unit and team (part ``RegisterParts/caseworkers``).
    public mutating func add(_ s: StaffMember) {
        let i = Int(register.staff.intern(s.id))
        let (noUnit, noTeam) = (register.units.intern(Register.unknown), register.teams.intern(Register.unknown))
        while register.staffUnit.count <= i {
            register.staffUnit.append(noUnit)
            register.staffTeam.append(noTeam)
        }
        register.staffUnit[i] = register.units.intern(s.unit ?? Register.unknown)
        register.staffTeam[i] = register.teams.intern(s.team ?? Register.unknown)
    }

    public mutating func add(_ rule: ContactRule) { contactRules.append(rule) }

    /// Adds the conversations an import wrote to a register that keeps the ones it has (started
    /// with ``init(updating:reloading:reference:)`` without `.conversations`), instead of reading
    /// every conversation again. `added` are the new rows only; `ofTheirPersons` every
    /// conversation the persons of `added` now have, the new ones among them: who has whom
    /// (``Register/responsible(_:on:)``) is worked out again for just those persons. The new rows
    /// follow the register's own on the same day, as a later read would put them.
    ///
    /// ```swift
    /// var builder = RegisterBuilder(updating: register, reloading: [], reference: reference)
    /// builder.add(newConversations: [held], ofTheirPersons: everyConversationOf(held.personID))
    /// let fresh = builder.build()
    /// ```
    public mutating func add(newConversations added: [Conversation], ofTheirPersons all: [Conversation]) {
        precondition(!adding.contains(.conversations) && register.parts.contains(.conversations), "only to conversations kept")
        for c in added {
            see(c.date)
            _ = person(c.personID)
            newConversations.append(row(c))
        }
        for c in all {
            let r = row(c)
            conversationsOfTouched[person(c.personID), default: []].append(
                PersonConversation(day: r.day, unit: r.unit, staff: r.staff, heldBy: r.heldBy))
        }
    }

    /// A conversation as the register's integers.
    private mutating func row(_ c: Conversation) -> ConversationRows.Row {
        ConversationRows.Row(
            day: c.date.ordinal, type: register.types.intern(c.type), unit: register.units.intern(c.unit ?? Register.unknown),
            staff: register.staff.intern(c.staffID ?? Register.unknown), heldBy: register.heldBy.intern(c.heldBy ?? Register.unknown))
    }

    /// Sorts the columns and finishes the register. `dataDate` defaults to ``latestDay``.
    public consuming func build(dataDate: Day? = nil) -> Register {
        var r = register
        r.mainBenefitRegister = MainBenefitRegister()  // a register kept from before must not share its rows by hovedydelse
        register = Register(reference: r.reference)  // let go of the builder's copy before sorting
        personIndex = IDIndex()
        companyIndex = IDIndex()
        if adding.contains(.benefits) { sortBenefits(&r) }
        if adding.contains(.activities) { sortActivities(&r) }
        // Both names the measures fall back on exist in their pools.
        r.unknownUnit = r.units.intern(Register.unknown)
        r.unknownStaff = r.staff.intern(Register.unknown)
        r.unknownTeam = r.teams.intern(Register.unknown)
        r.unknownIndustry = r.industries.intern(Register.unknown)
        r.selfSupporting = r.benefits.index(of: "selvforsoergende") ?? -1
        if adding.contains(.conversations) {
            buildResponsibility(&r)
            sortConversations(&r)
        } else if !newConversations.day.isEmpty || !conversationsOfTouched.isEmpty {
            mergeNewConversations(&r)
        } else if !r.responsibleOffsets.isEmpty {
            // Persons added since keep no states and no conversations.
            r.responsibleOffsets += Array(repeating: r.responsibleOffsets.last!, count: r.personIDs.count + 1 - r.responsibleOffsets.count)
            r.personConversationOffsets += Array(
                repeating: r.personConversationOffsets.last!, count: r.personIDs.count + 1 - r.personConversationOffsets.count)
        }
        if adding.contains(.assignments) { sortAssignments(&r) }
        // A screening's unit is its caseworker's, as medarbejdere.csv has it now.
        if adding.contains(.screenings) || adding.contains(.caseworkers) {
            r.screeningUnit = r.screeningStaff.map { r.unitAndTeam(of: $0).unit }
        }
        if adding.contains(.screenings) { sortScreenings(&r) }
        r.assignmentOffsets = Register.offsets(r.assignmentPerson, count: r.personIDs.count)
        if adding.contains(.contactRules) {
            r.contactRules = (contactRules.isEmpty ? ContactRule.defaults : contactRules).sorted {
                ($0.benefit, $0.from) < ($1.benefit, $1.from)
            }
        }
        if adding.contains(.contacts) { sortContacts(&r) }
        if adding.contains(.placements) { sortPlacements(&r) }
        r.jobRowOfID = Array(repeating: -1, count: r.jobOrderIDs.strings.count)
        for (row, key) in r.jobKey.enumerated() { r.jobRowOfID[Int(key)] = Int32(row) }
        r.benefitOffsets = Register.offsets(r.benefitPerson, count: r.personIDs.count)
        r.activityOffsets = Register.offsets(r.activityPerson, count: r.personIDs.count)
        if adding.contains(.activities) { rankActivityIDs(&r) }
        r.contactOffsets = Register.offsets(r.contactCompany, count: r.companyEmployees.count)
        r.contactUnits = Set(r.contactUnit).sorted()
        r.personalContactUnits = Set(r.contactUnit.indices.filter { r.contactPersonal[$0] }.map { r.contactUnit[$0] }).sorted()
        r.exitRank = Array(repeating: 0, count: r.exitReasons.strings.count)
        for (rank, i) in r.exitReasons.strings.indices.sorted(by: { r.exitReasons.strings[$0] < r.exitReasons.strings[$1] }).enumerated() {
            r.exitRank[i] = Int32(rank)
        }
        r.dataDate = dataDate ?? latestDay
        r.storeVersion = storeVersion
        return r
    }

    private func sortBenefits(_ r: inout Register) {
        let benefitOrder = permutation(r.benefitPerson.count) { a, b in
            (r.benefitPerson[a], r.benefitCode[a], r.benefitStart[a], r.benefitEnd[a], r.benefitExit[a])
                < (r.benefitPerson[b], r.benefitCode[b], r.benefitStart[b], r.benefitEnd[b], r.benefitExit[b])
        }
        reorder(&r.benefitPerson, benefitOrder); reorder(&r.benefitCode, benefitOrder)
        reorder(&r.benefitStart, benefitOrder); reorder(&r.benefitEnd, benefitOrder); reorder(&r.benefitExit, benefitOrder)
    }

    private mutating func sortActivities(_ r: inout Register) {
        let activityOrder = permutation(r.activityPerson.count) { a, b in
            (r.activityPerson[a], r.activityStart[a], r.activityEnd[a], r.activityType[a], r.activityInitiative[a], r.activityUnit[a])
                < (r.activityPerson[b], r.activityStart[b], r.activityEnd[b], r.activityType[b], r.activityInitiative[b], r.activityUnit[b])
                || ((
                    r.activityPerson[a], r.activityStart[a], r.activityEnd[a], r.activityType[a], r.activityInitiative[a], r.activityUnit[a]
                )
                    == (
                        r.activityPerson[b], r.activityStart[b], r.activityEnd[b], r.activityType[b], r.activityInitiative[b],
                        r.activityUnit[b]
                    )
                    && r.activityCompany[a] < r.activityCompany[b])
        }
        reorder(&r.activityPerson, activityOrder); reorder(&r.activityStart, activityOrder)
        reorder(&r.activityEnd, activityOrder); reorder(&r.activityType, activityOrder)
        reorder(&r.activityInitiative, activityOrder); reorder(&r.activityUnit, activityOrder); reorder(&r.activityCompany, activityOrder)
        activityIDs = activityOrder.map { activityIDs[Int($0)] }
    }

    /// Each activity's id ranked among its person's (sorted by then), so ties can go to the greatest id.
    private mutating func rankActivityIDs(_ r: inout Register) {
        r.activityIDRank = Array(repeating: 0, count: r.activityPerson.count)
        for p in 0..<r.personIDs.count {
            let rows = r.activityRows(of: p)
            for (rank, i) in rows.sorted(by: { activityIDs[$0] < activityIDs[$1] }).enumerated() { r.activityIDRank[i] = Int32(rank) }
        }
        activityIDs = []
    }

    private func sortConversations(_ r: inout Register) {
        // Stable by day, so equal days keep the order the rows came in.
        let conversationOrder = permutation(r.conversationDay.count) { a, b in
            (r.conversationDay[a], a) < (r.conversationDay[b], b)
        }
        reorder(&r.conversationDay, conversationOrder); reorder(&r.conversationType, conversationOrder)
        reorder(&r.conversationUnit, conversationOrder); reorder(&r.conversationStaff, conversationOrder)
        reorder(&r.conversationHeldBy, conversationOrder)
    }

    /// Each person's states of who has them (see ``Register/responsible(_:on:)``), from the
    /// conversations as added (before they are sorted by day).
    private func buildResponsibility(_ r: inout Register) {
        let offsets = Register.offsets(conversationPerson, count: r.personIDs.count)
        var next = offsets
        var byPerson = [Int32](repeating: 0, count: conversationPerson.count)
        for (i, p) in conversationPerson.enumerated() {
            byPerson[next[Int(p)]] = Int32(i)
            next[Int(p)] += 1
        }
        r.responsibleDay = []; r.responsibleUnit = []; r.responsibleStaff = []
        r.responsibleOffsets = [0]
        r.responsibleOffsets.reserveCapacity(r.personIDs.count + 1)
        r.personConversationDay = []; r.personConversationHeldBy = []
        r.personConversationDay.reserveCapacity(conversationPerson.count)
        r.personConversationHeldBy.reserveCapacity(conversationPerson.count)
        r.personConversationOffsets = offsets
        let noUnit = r.units.index(of: Register.unknown), noStaff = r.staff.index(of: Register.unknown)
        var rows: [PersonConversation] = []
        for p in 0..<r.personIDs.count {
            rows.removeAll(keepingCapacity: true)
            for i in byPerson[offsets[p]..<offsets[p + 1]] {
                let i = Int(i)
                rows.append(
                    PersonConversation(
                        day: r.conversationDay[i], unit: r.conversationUnit[i], staff: r.conversationStaff[i],
                        heldBy: r.conversationHeldBy[i]))
            }
            Self.appendConversations(of: &rows, to: &r, noUnit: noUnit, noStaff: noStaff)
            r.responsibleOffsets.append(r.responsibleDay.count)
        }
    }

    /// Appends one person's conversations (in the order they came) to the per-person columns,
    /// sorted by day, and the states of who has them to the responsible columns.
    private static func appendConversations(
        of rows: inout [PersonConversation], to r: inout Register, noUnit: Int32?, noStaff: Int32?
    ) {
        rows.sort { $0.day < $1.day }
        for row in rows {
            r.personConversationDay.append(row.day)
            r.personConversationHeldBy.append(row.heldBy)
        }
        var (unit, staff): (Int32, Int32) = (-1, -1)
        var k = 0
        while k < rows.count {
            let day = rows[k].day
            var (dayUnit, dayStaff) = (unit, staff)
            var (unitSet, staffSet) = (false, false)
            // Of a day's conversations, the alphabetically last name counts.
            while k < rows.count && rows[k].day == day {
                let (u, s) = (rows[k].unit, rows[k].staff)
                if u != noUnit && (!unitSet || r.units[u] > r.units[dayUnit]) { (dayUnit, unitSet) = (u, true) }
                if s != noStaff && (!staffSet || r.staff[s] > r.staff[dayStaff]) { (dayStaff, staffSet) = (s, true) }
                k += 1
            }
            if (dayUnit, dayStaff) != (unit, staff) {
                r.responsibleDay.append(day); r.responsibleUnit.append(dayUnit); r.responsibleStaff.append(dayStaff)
                (unit, staff) = (dayUnit, dayStaff)
            }
        }
    }

    /// Merges the conversations of ``add(newConversations:ofTheirPersons:)`` into the register's
    /// own: the new rows into the columns sorted by day (after the day's rows already there),
    /// the touched persons' per-person columns and states made again, every other person's copied.
    private mutating func mergeNewConversations(_ r: inout Register) {
        // Whole runs of the kept columns are copied at once (a memory copy), the new rows put between them.
        let new = newConversations
        let order = (0..<new.day.count).sorted { (new.day[$0], $0) < (new.day[$1], $1) }
        var merged = ConversationRows()
        merged.reserve(r.conversationDay.count + order.count)
        var old = 0
        for n in order {
            let through = r.conversationDay[old...].partitionPoint { $0 > new.day[n] }
            merged.append(r, old..<through)
            merged.append(new.row(n))
            old = through
        }
        merged.append(r, old..<r.conversationDay.count)
        (r.conversationDay, r.conversationType, r.conversationUnit, r.conversationStaff, r.conversationHeldBy) =
            (merged.day, merged.type, merged.unit, merged.staff, merged.heldBy)

        // The per-person columns likewise: every other person's runs copied whole, the touched persons' made again.
        let (oldConversations, oldStates) = (r.personConversationOffsets, r.responsibleOffsets)
        let (oldDay, oldHeldBy) = (r.personConversationDay, r.personConversationHeldBy)
        let (oldStateDay, oldStateUnit, oldStateStaff) = (r.responsibleDay, r.responsibleUnit, r.responsibleStaff)
        let keptPersons = max(oldConversations.count - 1, 0)
        r.personConversationDay = []; r.personConversationHeldBy = []
        r.responsibleDay = []; r.responsibleUnit = []; r.responsibleStaff = []
        r.personConversationDay.reserveCapacity(r.conversationDay.count)
        r.personConversationHeldBy.reserveCapacity(r.conversationDay.count)
        r.personConversationOffsets = []; r.personConversationOffsets.reserveCapacity(r.personIDs.count + 1)
        r.responsibleOffsets = []; r.responsibleOffsets.reserveCapacity(r.personIDs.count + 1)
        let noUnit = r.units.index(of: Register.unknown), noStaff = r.staff.index(of: Register.unknown)
        /// Copies the kept persons `persons` as they were, their offsets moved by what came before them.
        func copyKept(_ persons: Range<Int>) {
            let persons = persons.clamped(to: 0..<keptPersons)
            guard !persons.isEmpty else { return }
            let rows = oldConversations[persons.lowerBound]..<oldConversations[persons.upperBound]
            let states = oldStates[persons.lowerBound]..<oldStates[persons.upperBound]
            let (rowShift, stateShift) = (r.personConversationDay.count - rows.lowerBound, r.responsibleDay.count - states.lowerBound)
            r.personConversationOffsets += oldConversations[persons].lazy.map { $0 + rowShift }
            r.responsibleOffsets += oldStates[persons].lazy.map { $0 + stateShift }
            r.personConversationDay += oldDay[rows]; r.personConversationHeldBy += oldHeldBy[rows]
            r.responsibleDay += oldStateDay[states]; r.responsibleUnit += oldStateUnit[states]
            r.responsibleStaff += oldStateStaff[states]
        }
        var next = 0
        for p in conversationsOfTouched.keys.map(Int.init).sorted() {
            copyKept(next..<p)
            // Persons added since the kept register have no rows of their own there.
            for _ in max(next, keptPersons)..<max(p, keptPersons) {
                r.personConversationOffsets.append(r.personConversationDay.count)
                r.responsibleOffsets.append(r.responsibleDay.count)
            }
            r.personConversationOffsets.append(r.personConversationDay.count)
            r.responsibleOffsets.append(r.responsibleDay.count)
            var rows = conversationsOfTouched[Int32(p)]!
            Self.appendConversations(of: &rows, to: &r, noUnit: noUnit, noStaff: noStaff)
            next = p + 1
        }
        copyKept(next..<r.personIDs.count)
        while r.personConversationOffsets.count < r.personIDs.count {
            r.personConversationOffsets.append(r.personConversationDay.count)
            r.responsibleOffsets.append(r.responsibleDay.count)
        }
        r.personConversationOffsets.append(r.personConversationDay.count)
        r.responsibleOffsets.append(r.responsibleDay.count)
    }

    private func sortAssignments(_ r: inout Register) {
        let order = permutation(r.assignmentPerson.count) { a, b in
            (r.assignmentPerson[a], r.assignmentFrom[a], r.assignmentTo[a], r.assignmentStaff[a])
                < (r.assignmentPerson[b], r.assignmentFrom[b], r.assignmentTo[b], r.assignmentStaff[b])
        }
        reorder(&r.assignmentPerson, order); reorder(&r.assignmentStaff, order)
        reorder(&r.assignmentFrom, order); reorder(&r.assignmentTo, order)
    }

    private func sortScreenings(_ r: inout Register) {
        let order = permutation(r.screeningDay.count) { a, b in (r.screeningDay[a], a) < (r.screeningDay[b], b) }
        reorder(&r.screeningPerson, order); reorder(&r.screeningDay, order); reorder(&r.screeningGroup, order);
        reorder(&r.screeningAdvice, order)
        reorder(&r.screeningStaff, order); reorder(&r.screeningUnit, order)
    }

    private func sortPlacements(_ r: inout Register) {
        let order = permutation(r.placementDay.count) { a, b in (r.placementDay[a], a) < (r.placementDay[b], b) }
        reorder(&r.placementDay, order); reorder(&r.placementPerson, order); reorder(&r.placementJob, order)
    }

    private func sortContacts(_ r: inout Register) {
        let contactOrder = permutation(r.contactCompany.count) { a, b in
            (r.contactCompany[a], r.contactDay[a], r.contactUnit[a]) < (r.contactCompany[b], r.contactDay[b], r.contactUnit[b])
        }
        reorder(&r.contactCompany, contactOrder); reorder(&r.contactDay, contactOrder); reorder(&r.contactUnit, contactOrder)
        r.contactPersonal = contactOrder.map { r.contactPersonal[Int($0)] }
    }

    /// The row numbers in the order `areInIncreasingOrder` gives.
    private func permutation(_ count: Int, by areInIncreasingOrder: (Int, Int) -> Bool) -> [Int32] {
        var order = (0..<Int32(count)).map { $0 }
        order.sort { areInIncreasingOrder(Int($0), Int($1)) }
        return order
    }

    private func reorder(_ column: inout [Int32], _ order: [Int32]) {
        column = order.map { column[Int($0)] }
    }
}

/// Where each id is in a register's column of ids (persons, companies), for the rows added.
/// Started from a register in use (``RegisterBuilder/init(updating:reloading:reference:)``), it
/// finds the first few ids by a scan of the column instead of hashing every id: a small import
/// names a handful of a million persons. Asked for more, or told of many rows to come
/// (``RegisterBuilder/reserve(_:of:)``), it hashes them all.
private struct IDIndex {
    private var known: [String: Int32] = [:]
    /// Whether ``known`` holds every id of the column.
    private var complete = true
    private var scans = 0
    /// The most ids looked for by a scan.
    static let scanLimit = 32

    init() {}

    /// An index over `ids`, hashed only when it is asked for many.
    init(scanning ids: [String]) { complete = ids.isEmpty }

    /// The place of `id` in `ids` (the column this index is over), nil when it is not there.
    mutating func index(of id: String, in ids: [String]) -> Int32? {
        if let i = known[id] { return i }
        guard !complete else { return nil }
        guard scans < Self.scanLimit else {
            hashAll(ids)
            return known[id]
        }
        scans += 1
        guard let i = ids.firstIndex(of: id).map(Int32.init) else { return nil }
        known[id] = i
        return i
    }

    /// Notes an id appended to the column at `i`.
    mutating func insert(_ id: String, at i: Int32) { known[id] = i }

    /// Hashes every id of `ids`, the column this index is over.
    mutating func hashAll(_ ids: [String]) {
        guard !complete else { return }
        known = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, Int32($0)) })
        complete = true
    }

    mutating func reserveCapacity(_ more: Int) { known.reserveCapacity(known.count + more) }
}

/// One conversation of a person, as who-has-whom needs it.
private struct PersonConversation {
    var day: Int32
    var unit: Int32
    var staff: Int32
    var heldBy: Int32
}

/// Conversations as the register's columns sorted by day hold them.
private struct ConversationRows {
    struct Row {
        var day: Int32
        var type: Int32
        var unit: Int32
        var staff: Int32
        var heldBy: Int32
    }

    var day: [Int32] = []
    var type: [Int32] = []
    var unit: [Int32] = []
    var staff: [Int32] = []
    var heldBy: [Int32] = []

    mutating func reserve(_ count: Int) {
        day.reserveCapacity(count); type.reserveCapacity(count); unit.reserveCapacity(count)
        staff.reserveCapacity(count); heldBy.reserveCapacity(count)
    }

    mutating func append(_ row: Row) {
        day.append(row.day); type.append(row.type); unit.append(row.unit); staff.append(row.staff); heldBy.append(row.heldBy)
    }

    /// Appends the register's conversations `rows` (of its columns sorted by day).
    mutating func append(_ r: Register, _ rows: Range<Int>) {
        day += r.conversationDay[rows]; type += r.conversationType[rows]; unit += r.conversationUnit[rows]
        staff += r.conversationStaff[rows]; heldBy += r.conversationHeldBy[rows]
    }

    func row(_ i: Int) -> Row { Row(day: day[i], type: type[i], unit: unit[i], staff: staff[i], heldBy: heldBy[i]) }
}
