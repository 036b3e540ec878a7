import IndsatsAccess
import IndsatsCore

/// One citizen's course as a caseworker reads it.
public struct PersonCourse: Sendable, Equatable {
    public var person: Person
    /// Oldest first, as are the activities and conversations.
    public var benefits: [BenefitPeriod]
    public var activities: [Activity]
    public var conversations: [Conversation]
    /// The screenings, oldest first.
    public var screenings: [Screening] = []

    /// The unit that has the person now: the unit of the latest conversation, or
    /// else of the latest activity. A caseworker sees the persons of their own unit.
    public var currentUnit: String? {
        conversations.last(where: { $0.unit != nil })?.unit ?? activities.last(where: { $0.unit != nil })?.unit
    }
}

/// A line of a list of persons on a benefit.
public struct PersonOnBenefit: Sendable, Equatable {
    public var personID: String
    public var benefit: String
    public var start: Day
    public var unit: String?
}

/// Person-level reads: what the person pages and their API show. Every call here
/// is a read of personal data, which the caller audits.
///
/// ```swift
/// if let id = try store.personID(cpr: "0102034005"), let course = try store.personCourse(id: id) { ... }   // a synthetic CPR number
/// ```
public protocol PersonStore: Sendable {
    func personCourse(id: String) throws -> PersonCourse?
    /// The person with this CPR number (ten digits), if any.
    func personID(cpr: String) throws -> String?
    /// Persons on `benefit` on `day`, in person order, at most `limit`, with how many there are in all;
    /// only those whose ``PersonCourse/currentUnit`` is `unit`, when one is given.
    func persons(onBenefit benefit: String, at day: Day, unit: String?, limit: Int) throws -> (total: Int, persons: [PersonOnBenefit])
    /// Calls `body` with every person id (for resolving pseudonyms).
    func forEachPersonID(_ body: (String) throws -> Void) throws
    /// The installation's secret key for pseudonyms, made on first use.
    func pseudonymKey() throws -> String
}

extension SQLStore {
    public func personCourse(id: String) throws -> PersonCourse? {
        try database.read { db -> PersonCourse? in
            guard
                let person = try db.first(
                    "SELECT person_id, cpr, foedselsdato, koen, kommune, cv_dato FROM personer WHERE person_id = ?", [.text(id)],
                    { r in
                        Person(
                            id: r.text(0) ?? "", cpr: r.text(1), birthDate: day(r.text(2)), sex: r.text(3), municipality: r.text(4),
                            cvDate: day(r.text(5)))
                    })
            else { return nil }
            let benefits = try db.all(
                "SELECT person_id, ydelse, start, slut, afgang, kommune FROM ydelsesforloeb WHERE person_id = ? ORDER BY start, ydelse",
                [.text(id)]
            ) { r in
                day(r.text(2)).map {
                    BenefitPeriod(
                        personID: id, benefit: r.text(1) ?? "", start: $0, end: day(r.text(3)), exitReason: r.text(4),
                        municipality: r.text(5))
                }
            }.compactMap { $0 }
            let activities = try db.all(
                "SELECT aktivitet_id, type, start, slut, timer_pr_uge, indsats_id, cvr, enhed FROM aktiviteter WHERE person_id = ? ORDER BY start, aktivitet_id",
                [.text(id)]
            ) { r in
                day(r.text(2)).map {
                    Activity(
                        id: r.text(0) ?? "", personID: id, type: r.text(1) ?? "", start: $0, end: day(r.text(3)),
                        hoursPerWeek: r.value(4).number, initiativeID: r.text(5), cvr: r.text(6), unit: r.text(7))
                }
            }.compactMap { $0 }
            let conversations = try db.all(
                "SELECT dato, type, medarbejder, enhed, afholdt_af, kanal FROM samtaler WHERE person_id = ? ORDER BY dato, type",
                [.text(id)]
            ) { r in
                day(r.text(0)).map {
                    Conversation(
                        personID: id, date: $0, type: r.text(1) ?? "", staffID: r.text(2).flatMap { $0.isEmpty ? nil : $0 },
                        unit: r.text(3), heldBy: r.text(4), channel: r.text(5))
                }
            }.compactMap { $0 }
            let screenings = try db.all(
                "SELECT dato, gruppe, forslag, medarbejder, begrundelse FROM screeninger WHERE person_id = ? ORDER BY dato", [.text(id)]
            ) { r in
                day(r.text(0)).map {
                    Screening(personID: id, date: $0, group: r.text(1) ?? "", advice: r.text(2), staffID: r.text(3), reason: r.text(4))
                }
            }.compactMap { $0 }
            return PersonCourse(
                person: person, benefits: benefits, activities: activities, conversations: conversations, screenings: screenings)
        }
    }

    public func personID(cpr: String) throws -> String? {
        try database.read { try $0.text("SELECT person_id FROM personer WHERE cpr = ? ORDER BY person_id LIMIT 1", [.text(cpr)]) }
    }

    public func persons(onBenefit benefit: String, at day: Day, unit: String?, limit: Int) throws -> (
        total: Int, persons: [PersonOnBenefit]
    ) {
        let currentUnit = Self.currentUnitSQL(of: "y.person_id")
        let open = "y.ydelse = ? AND y.start <= ? AND (y.slut IS NULL OR y.slut >= ?)"
        var arguments: [SQLValue] = [.text(benefit), .text(day.iso), .text(day.iso)]
        var sql =
            "SELECT y.person_id, y.ydelse, min(y.start) AS fra, \(currentUnit) AS enhed FROM ydelsesforloeb y WHERE \(open) GROUP BY y.person_id, y.ydelse"
        if let unit {
            sql = "SELECT * FROM (\(sql)) AS paa_ydelse WHERE enhed = ?"
            arguments.append(.text(unit))
        }
        return try database.read { db in
            let total = try db.integer("SELECT count(*) FROM (\(sql)) AS alle", arguments) ?? 0
            let persons = try db.all("\(sql) ORDER BY 1 LIMIT \(max(0, limit))", arguments) { r in
                IndsatsStore.day(r.text(2)).map {
                    PersonOnBenefit(personID: r.text(0) ?? "", benefit: r.text(1) ?? "", start: $0, unit: r.text(3))
                }
            }.compactMap { $0 }
            return (total, persons)
        }
    }

    /// The unit that has the person named by `person` (a column) now, in SQL: the unit of the latest
    /// conversation, else of the latest activity (``PersonCourse/currentUnit``).
    static func currentUnitSQL(of person: String) -> String {
        """
        coalesce((SELECT s.enhed FROM samtaler s WHERE s.person_id = \(person) AND s.enhed IS NOT NULL ORDER BY s.dato DESC, s.type DESC LIMIT 1),
                 (SELECT a.enhed FROM aktiviteter a WHERE a.person_id = \(person) AND a.enhed IS NOT NULL ORDER BY a.start DESC, a.aktivitet_id DESC LIMIT 1))
        """
    }

    public func forEachPersonID(_ body: (String) throws -> Void) throws {
        try database.read { db in try db.scan("SELECT person_id FROM personer") { try body($0.text(0) ?? "") } }
    }

    public func pseudonymKey() throws -> String {
        if let key = try database.read({ try $0.text("SELECT vaerdi FROM indstillinger WHERE navn = 'pseudonymnoegle'") }) { return key }
        return try database.write(pseudonymKey)
    }

    /// The key, made on first use, inside a write transaction.
    func pseudonymKey(_ db: any SQLConnection) throws -> String {
        if let key = try db.text("SELECT vaerdi FROM indstillinger WHERE navn = 'pseudonymnoegle'") { return key }
        try db.execute(
            "INSERT INTO indstillinger (navn, vaerdi) VALUES ('pseudonymnoegle', ?) ON CONFLICT (navn) DO NOTHING",
            [.text(Pseudonyms.newKey())])
        return try db.text("SELECT vaerdi FROM indstillinger WHERE navn = 'pseudonymnoegle'") ?? ""
    }
}

extension SQLValue {
    /// The value as a number, for REAL columns.
    var number: Double? {
        switch self {
        case .integer(let n): Double(n)
        case .real(let x): x
        case .text(let s): Double(s)
        case .null: nil
        }
    }
}
