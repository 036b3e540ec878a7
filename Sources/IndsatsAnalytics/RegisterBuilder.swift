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
public struct RegisterBuilder {
    private var register: Register
    private var personIndex: [String: Int32] = [:]
    private var companyIndex: [String: Int32] = [:]
    /// The latest day any row names.
    public private(set) var latestDay: Day?

    public init(reference: ReferenceData) { register = Register(reference: reference) }

    private mutating func see(_ day: Day?) {
        if let day, latestDay.map({ day > $0 }) ?? true { latestDay = day }
    }

    /// Adds a person; a later row for the same person is ignored.
    public mutating func add(_ p: Person) { _ = person(p.id, p) }

    private mutating func person(_ id: String, _ p: Person? = nil) -> Int32 {
        if let i = personIndex[id] { return i }
        let i = Int32(register.personIDs.count)
        personIndex[id] = i
        register.personIDs.append(id)
        register.personBirth.append(p?.birthDate?.ordinal ?? Register.unknownDay)
        register.personSex.append(register.sexes.intern(p?.sex ?? Register.unknown))
        register.personMunicipality.append(register.municipalities.intern(p?.municipality ?? Register.unknown))
        register.personCV.append(p?.cvDate?.ordinal ?? Register.unknownDay)
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
    }

    public mutating func add(_ c: Conversation) {
        see(c.date)
        register.conversationDay.append(c.date.ordinal)
        register.conversationType.append(register.types.intern(c.type))
        register.conversationUnit.append(register.units.intern(c.unit ?? Register.unknown))
        register.conversationStaff.append(register.staff.intern(c.staffID ?? Register.unknown))
        register.conversationHeldBy.append(register.heldBy.intern(c.heldBy ?? Register.unknown))
    }

    /// Adds a company; a later row for the same CVR number is ignored.
    public mutating func add(_ c: Company) { _ = company(c.cvr, c) }

    private mutating func company(_ cvr: String, _ c: Company? = nil) -> Int32 {
        if let i = companyIndex[cvr] { return i }
        let i = Int32(register.companyEmployees.count)
        companyIndex[cvr] = i
        register.companyEmployees.append(c?.employees.map { Int32(clamping: $0) } ?? -1)
        register.companyIndustry.append(register.industries.intern(c?.industry ?? Register.unknown))
        return i
    }

    public mutating func add(_ c: CompanyContact) {
        see(c.date)
        register.contactCompany.append(company(c.cvr))
        register.contactDay.append(c.date.ordinal)
        register.contactUnit.append(register.units.intern(c.unit ?? Register.unknown))
    }

    public mutating func add(_ j: JobOrder) {
        see(j.created); see(j.closed)
        register.jobCreated.append(j.created.ordinal)
        register.jobClosed.append(j.closed?.ordinal ?? Register.openEnd)
        register.jobPositions.append(Int32(clamping: j.positions ?? 0))
        register.jobFilled.append(Int32(clamping: j.filled ?? 0))
        register.jobUnit.append(register.units.intern(j.unit ?? Register.unknown))
    }

    /// Sorts the columns and finishes the register. `dataDate` defaults to ``latestDay``.
    public consuming func build(dataDate: Day? = nil) -> Register {
        var r = register
        register = Register(reference: r.reference)  // let go of the builder's copy before sorting
        personIndex = [:]
        companyIndex = [:]

        let benefitOrder = permutation(r.benefitPerson.count) { a, b in
            (r.benefitPerson[a], r.benefitCode[a], r.benefitStart[a], r.benefitEnd[a], r.benefitExit[a])
                < (r.benefitPerson[b], r.benefitCode[b], r.benefitStart[b], r.benefitEnd[b], r.benefitExit[b])
        }
        reorder(&r.benefitPerson, benefitOrder); reorder(&r.benefitCode, benefitOrder)
        reorder(&r.benefitStart, benefitOrder); reorder(&r.benefitEnd, benefitOrder); reorder(&r.benefitExit, benefitOrder)

        let activityOrder = permutation(r.activityPerson.count) { a, b in
            (r.activityPerson[a], r.activityStart[a], r.activityEnd[a], r.activityType[a], r.activityInitiative[a], r.activityUnit[a])
                < (r.activityPerson[b], r.activityStart[b], r.activityEnd[b], r.activityType[b], r.activityInitiative[b], r.activityUnit[b])
        }
        reorder(&r.activityPerson, activityOrder); reorder(&r.activityStart, activityOrder)
        reorder(&r.activityEnd, activityOrder); reorder(&r.activityType, activityOrder)
        reorder(&r.activityInitiative, activityOrder); reorder(&r.activityUnit, activityOrder)

        // Stable by day, so equal days keep the order the rows came in.
        let conversationOrder = permutation(r.conversationDay.count) { a, b in
            (r.conversationDay[a], a) < (r.conversationDay[b], b)
        }
        reorder(&r.conversationDay, conversationOrder); reorder(&r.conversationType, conversationOrder)
        reorder(&r.conversationUnit, conversationOrder); reorder(&r.conversationStaff, conversationOrder)
        reorder(&r.conversationHeldBy, conversationOrder)

        let contactOrder = permutation(r.contactCompany.count) { a, b in
            (r.contactCompany[a], r.contactDay[a], r.contactUnit[a]) < (r.contactCompany[b], r.contactDay[b], r.contactUnit[b])
        }
        reorder(&r.contactCompany, contactOrder); reorder(&r.contactDay, contactOrder); reorder(&r.contactUnit, contactOrder)

        r.benefitOffsets = Register.offsets(r.benefitPerson, count: r.personIDs.count)
        r.activityOffsets = Register.offsets(r.activityPerson, count: r.personIDs.count)
        r.contactOffsets = Register.offsets(r.contactCompany, count: r.companyEmployees.count)
        r.contactUnits = Set(r.contactUnit).sorted()
        r.exitRank = Array(repeating: 0, count: r.exitReasons.strings.count)
        for (rank, i) in r.exitReasons.strings.indices.sorted(by: { r.exitReasons.strings[$0] < r.exitReasons.strings[$1] }).enumerated() {
            r.exitRank[i] = Int32(rank)
        }
        r.dataDate = dataDate ?? latestDay
        return r
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
