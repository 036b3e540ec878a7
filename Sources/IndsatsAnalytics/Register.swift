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

/// The in-memory register the measures run on: persons, benefit periods and
/// activities as parallel arrays of integers (struct of arrays), with days as
/// ordinals and codes interned, sorted for the sweeps the measures make.
///
/// Build it from the store's rows once; every query then reads it without I/O.
///
/// ```swift
/// let register = Register(persons: persons, benefits: periods, activities: activities)
/// let result = KPIEngine(register).evaluate(query)
/// ```
public struct Register: Sendable {
    /// Marks an unknown birth date.
    static let unknownDay = Int32.min
    /// Marks an open end.
    static let openEnd = Day.distantFuture.ordinal

    // Persons, indexed 0..<personCount.
    var personIDs: [String] = []
    var personBirth: [Int32] = []
    var personSex: [Int32] = []
    var personMunicipality: [Int32] = []

    // Benefit periods sorted by (person, benefit, start, end).
    var benefitPerson: [Int32] = []
    var benefitCode: [Int32] = []
    var benefitStart: [Int32] = []
    var benefitEnd: [Int32] = []
    /// For person p, its benefit rows are `benefitOffsets[p] ..< benefitOffsets[p + 1]`.
    var benefitOffsets: [Int] = []

    // Activities sorted by (person, start, end).
    var activityPerson: [Int32] = []
    var activityType: [Int32] = []
    var activityInitiative: [Int32] = []
    var activityUnit: [Int32] = []
    var activityStart: [Int32] = []
    var activityEnd: [Int32] = []

    var benefits = StringPool()
    var activityTypes = StringPool()
    var initiatives = StringPool()
    var units = StringPool()
    var sexes = StringPool()
    var municipalities = StringPool()

    /// The last day the data speaks of (see ``Register/init(persons:benefits:activities:reference:dataDate:)``).
    public private(set) var dataDate: Day?
    public let reference: ReferenceData

    public var personCount: Int { personIDs.count }
    public var benefitPeriodCount: Int { benefitPerson.count }
    public var activityCount: Int { activityPerson.count }

    /// Builds the register. Rows naming a person missing from `persons` get a person
    /// with unknown attributes. `dataDate` defaults to the latest start or end day in the rows.
    public init(persons: [Person], benefits: [BenefitPeriod], activities: [Activity],
                reference: ReferenceData = .defaults, dataDate: Day? = nil) {
        self.reference = reference
        var personIndex: [String: Int32] = [:]
        personIndex.reserveCapacity(persons.count)
        let unknown = "ukendt"
        func addPerson(_ p: Person) -> Int32 {
            if let i = personIndex[p.id] { return i }
            let i = Int32(personIDs.count)
            personIndex[p.id] = i
            personIDs.append(p.id)
            personBirth.append(p.birthDate?.ordinal ?? Register.unknownDay)
            personSex.append(sexes.intern(p.sex ?? unknown))
            personMunicipality.append(municipalities.intern(p.municipality ?? unknown))
            return i
        }
        for p in persons { _ = addPerson(p) }
        var latest: Int32 = Int32.min

        let sortedBenefits = benefits.map { b -> (Int32, Int32, Int32, Int32) in
            let person = addPerson(Person(id: b.personID))
            let end = b.end?.ordinal ?? Register.openEnd
            latest = max(latest, b.start.ordinal, b.end?.ordinal ?? Int32.min)
            return (person, self.benefits.intern(b.benefit), b.start.ordinal, end)
        }.sorted { ($0.0, $0.1, $0.2, $0.3) < ($1.0, $1.1, $1.2, $1.3) }
        let sortedActivities = activities.map { a -> (Int32, Int32, Int32, Int32, Int32, Int32) in
            let person = addPerson(Person(id: a.personID))
            latest = max(latest, a.start.ordinal, a.end?.ordinal ?? Int32.min)
            return (person, a.start.ordinal, a.end?.ordinal ?? Register.openEnd, activityTypes.intern(a.type),
                    initiatives.intern(a.initiativeID ?? unknown), units.intern(a.unit ?? unknown))
        }.sorted { ($0.0, $0.1, $0.2, $0.3) < ($1.0, $1.1, $1.2, $1.3) }

        benefitPerson = sortedBenefits.map(\.0)
        benefitCode = sortedBenefits.map(\.1)
        benefitStart = sortedBenefits.map(\.2)
        benefitEnd = sortedBenefits.map(\.3)
        benefitOffsets = Array(repeating: 0, count: personIDs.count + 1)
        for p in benefitPerson { benefitOffsets[Int(p) + 1] += 1 }
        for i in 0..<personIDs.count { benefitOffsets[i + 1] += benefitOffsets[i] }

        activityPerson = sortedActivities.map(\.0)
        activityStart = sortedActivities.map(\.1)
        activityEnd = sortedActivities.map(\.2)
        activityType = sortedActivities.map(\.3)
        activityInitiative = sortedActivities.map(\.4)
        activityUnit = sortedActivities.map(\.5)

        self.dataDate = dataDate ?? (latest == Int32.min ? nil : Day(ordinal: latest))
    }

    /// The benefit (`ydelse`) covering `day` for person `p` in its latest-starting period,
    /// the first in code order among equal starts; `nil` when none covers it.
    func benefit(of p: Int32, coveringDay day: Int32) -> Int32? {
        var best: (start: Int32, code: String, index: Int32)?
        for r in benefitOffsets[Int(p)]..<benefitOffsets[Int(p) + 1]
        where benefitStart[r] <= day && day <= benefitEnd[r] {
            let code = benefits[benefitCode[r]]
            if best == nil || benefitStart[r] > best!.start || (benefitStart[r] == best!.start && code < best!.code) {
                best = (benefitStart[r], code, benefitCode[r])
            }
        }
        return best?.index
    }
}
