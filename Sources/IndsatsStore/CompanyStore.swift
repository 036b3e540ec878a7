import Foundation
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore

/// A company with its latest contacts, for the company list.
public struct CompanyOverview: Sendable, Equatable {
    public var company: Company
    /// The latest contact of any channel, and the latest in person or by phone, with the unit that made it.
    public var lastContact: Day?
    public var lastPersonalContact: Day?
    public var lastContactUnit: String?

    public init(company: Company, lastContact: Day?, lastPersonalContact: Day?, lastContactUnit: String?) {
        self.company = company; self.lastContact = lastContact; self.lastPersonalContact = lastPersonalContact
        self.lastContactUnit = lastContactUnit
    }
}

/// Everything stored about one company, for its page: contacts from every unit, the citizens'
/// activities there, job orders with their placements, and alliance memberships.
public struct CompanyRecord: Sendable {
    public var company: Company
    /// Newest first.
    public var contacts: [CompanyContact]
    /// Activities at the company's CVR number, newest first.
    public var activities: [Activity]
    /// The unit that has each citizen with an activity there now (``PersonCourse/currentUnit``).
    public var currentUnits: [String: String]
    /// Newest first.
    public var jobOrders: [JobOrder]
    /// The placements in those orders.
    public var placements: [Placement]
    /// Newest first, with the alliances' names by id.
    public var memberships: [AllianceMembership]
    public var allianceNames: [String: String]
}

/// An alliance with its members and their companies.
public struct AllianceRecord: Sendable {
    public var alliance: Alliance
    /// Earliest first.
    public var memberships: [AllianceMembership]
    public var companies: [String: Company]
}

/// A job order on the job order list, with its company and how many citizens were placed in it.
public struct JobOrderOverview: Sendable, Equatable {
    public var order: JobOrder
    public var companyName: String?
    public var industry: String?
    public var placed: Int

    public init(order: JobOrder, companyName: String? = nil, industry: String? = nil, placed: Int) {
        self.order = order; self.companyName = companyName; self.industry = industry; self.placed = placed
    }

    public var status: JobOrderStatus {
        JobOrderStatus(positions: order.positions, filled: order.filled, placed: placed, closed: order.closed)
    }

    /// What a role may see of the order: one that sees published figures only gets the number
    /// placed as `nil` when it is small (``SmallNumbers``), and the status by the order's own
    /// figures, since a status counting placements would tell that number.
    public func shown(hidingSmallNumbers hiding: Bool) -> (status: JobOrderStatus, placed: Int?) {
        guard hiding else { return (status, placed) }
        return (
            JobOrderStatus(positions: order.positions, filled: order.filled, placed: 0, closed: order.closed),
            SmallNumbers.hiddenCount(placed) == nil ? placed : nil
        )
    }
}

/// A consultant's next step with a company, until they record a later contact with it.
public struct CompanyFollowUp: Sendable, Equatable {
    public var cvr: String
    public var companyName: String?
    public var contactDate: Day
    public var step: String
    public var due: Day

    public init(cvr: String, companyName: String?, contactDate: Day, step: String, due: Day) {
        self.cvr = cvr; self.companyName = companyName; self.contactDate = contactDate; self.step = step; self.due = due
    }
}

/// Company-level reads for the company pages.
public protocol CompanyStore: Sendable {
    /// Companies whose CVR number or name contains `text` (any case; any company when empty), in
    /// `industry` and `municipality` when given, with at least `minimumEmployees`, and when
    /// `withoutPersonalContactSince` is given no contact in person or by phone on or after it;
    /// largest first, at most `limit`, with how many match.
    func companies(
        matching text: String, industry: String?, municipality: String?, minimumEmployees: Int, withoutPersonalContactSince: Day?,
        limit: Int
    ) throws -> (total: Int, companies: [CompanyOverview])
    /// The branches companies are in, sorted.
    func industries() throws -> [String]
    /// The municipalities companies are in (their codes), sorted.
    func companyMunicipalities() throws -> [String]
    /// The company with everything stored about it, or `nil` when no company has the CVR number.
    func companyRecord(cvr: String) throws -> CompanyRecord?
    /// The next steps of caseworker `staffID` not yet followed by a later contact of theirs with
    /// the company, earliest due first.
    func companyFollowUps(staffID: String) throws -> [CompanyFollowUp]
    /// Every alliance with its members and their companies, by name.
    func alliances() throws -> [AllianceRecord]
    /// Job orders, newest first, at most `limit`, with how many match: only those not closed unless `includeClosed`.
    func jobOrders(includeClosed: Bool, limit: Int) throws -> (total: Int, orders: [JobOrderOverview])
    /// One job order with its company and its placements.
    func jobOrder(id: String) throws -> (overview: JobOrderOverview, placements: [Placement])?
    /// The unit that has each of `persons` now (``PersonCourse/currentUnit``), for those that have one.
    func currentUnits(of persons: [String]) throws -> [String: String]
}

extension SQLStore {
    public func industries() throws -> [String] {
        try database.read { db in
            try db.all("SELECT DISTINCT branche FROM virksomheder WHERE branche IS NOT NULL ORDER BY branche") { $0.text(0) ?? "" }
        }
    }

    public func companyMunicipalities() throws -> [String] {
        try database.read { db in
            try db.all("SELECT DISTINCT kommune FROM virksomheder WHERE kommune IS NOT NULL ORDER BY kommune") { $0.text(0) ?? "" }
        }
    }

    public func companies(
        matching text: String, industry: String?, municipality: String?, minimumEmployees: Int, withoutPersonalContactSince: Day?,
        limit: Int
    ) throws -> (total: Int, companies: [CompanyOverview]) {
        var conditions = ["coalesce(v.ansatte, 0) >= ?"]
        var arguments: [SQLValue] = [.integer(minimumEmployees)]
        if let industry {
            conditions.append("v.branche = ?")
            arguments.append(.text(industry))
        }
        if let municipality {
            conditions.append("v.kommune = ?")
            arguments.append(.text(municipality))
        }
        if let since = withoutPersonalContactSince {
            conditions.append(
                "NOT EXISTS (SELECT 1 FROM virksomhedskontakter k WHERE k.cvr = v.cvr AND k.dato >= ? AND k.kanal IN ('personligt', 'telefon'))"
            )
            arguments.append(.text(since.iso))
        }
        return try database.read { db in
            // Names are matched here, not in SQL: SQLite folds the case of ASCII letters only, and "Å" is a letter too.
            let wanted = text.lowercased()
            let matching = try db.all(
                "SELECT v.cvr, v.navn FROM virksomheder v WHERE \(conditions.joined(separator: " AND ")) ORDER BY coalesce(v.ansatte, 0) DESC, v.cvr",
                arguments
            ) { ($0.text(0) ?? "", $0.text(1) ?? "") }.filter {
                wanted.isEmpty || $0.0.contains(wanted) || $0.1.lowercased().contains(wanted)
            }
            let shown = Array(matching.prefix(max(0, limit)).map(\.0))
            guard !shown.isEmpty else { return (matching.count, []) }
            let details = try db.all(
                """
                SELECT v.cvr, v.navn, v.ansatte, v.branche, v.kommune,
                  (SELECT max(k.dato) FROM virksomhedskontakter k WHERE k.cvr = v.cvr),
                  (SELECT max(k.dato) FROM virksomhedskontakter k WHERE k.cvr = v.cvr AND k.kanal IN ('personligt', 'telefon')),
                  (SELECT k.enhed FROM virksomhedskontakter k WHERE k.cvr = v.cvr ORDER BY k.dato DESC, k.enhed DESC LIMIT 1)
                FROM virksomheder v WHERE v.cvr IN (\(Array(repeating: "?", count: shown.count).joined(separator: ", ")))
                """, shown.map(SQLValue.text)
            ) { r in
                CompanyOverview(
                    company: Company(
                        cvr: r.text(0) ?? "", name: r.text(1), employees: r.integer(2), industry: r.text(3), municipality: r.text(4)),
                    lastContact: day(r.text(5)), lastPersonalContact: day(r.text(6)),
                    lastContactUnit: r.text(7).flatMap { $0.isEmpty ? nil : $0 })
            }
            let byCVR = Dictionary(details.map { ($0.company.cvr, $0) }, uniquingKeysWith: { a, _ in a })
            return (matching.count, shown.compactMap { byCVR[$0] })
        }
    }

    public func companyRecord(cvr: String) throws -> CompanyRecord? {
        try database.read { db in
            var company: Company?
            try RegisterQueries.forEachStored(.virksomheder, db, where: "cvr = ?", [.text(cvr)]) {
                if case .company(let c) = $0 { company = c }
            }
            guard let company else { return nil }
            func rows<T>(_ kind: FileKind, _ condition: String, _ arguments: [SQLValue], _ pick: (RegisterRecord) -> T?) throws -> [T] {
                var out: [T] = []
                try RegisterQueries.forEachStored(kind, db, where: condition, arguments) { if let row = pick($0) { out.append(row) } }
                return out
            }
            let key = [SQLValue.text(cvr)]
            let contacts = try rows(.virksomhedskontakter, "cvr = ?", key) { if case .contact(let c) = $0 { c } else { nil } }
            let activities = try rows(.aktiviteter, "cvr = ?", key) { if case .activity(let a) = $0 { a } else { nil } }
            let orders = try rows(.jobordrer, "cvr = ?", key) { if case .jobOrder(let j) = $0 { j } else { nil } }
            let placements = try rows(.formidlinger, "jobordre_id IN (SELECT jobordre_id FROM jobordrer WHERE cvr = ?)", key) {
                if case .placement(let p) = $0 { p } else { nil }
            }
            let memberships = try rows(.alliancemedlemmer, "cvr = ?", key) {
                if case .allianceMembership(let m) = $0 { m } else { nil }
            }
            let names = try db.all(
                "SELECT alliance_id, navn FROM alliancer WHERE alliance_id IN (SELECT alliance_id FROM alliancemedlemmer WHERE cvr = ?)",
                key
            ) { ($0.text(0) ?? "", $0.text(1) ?? "") }
            let units = try db.all(
                "SELECT p.person_id, \(Self.currentUnitSQL(of: "p.person_id")) FROM (SELECT DISTINCT person_id FROM aktiviteter WHERE cvr = ?) AS p",
                key
            ) { ($0.text(0) ?? "", $0.text(1)) }
            return CompanyRecord(
                company: company,
                contacts: contacts.sorted { ($0.date, $0.unit ?? "") > ($1.date, $1.unit ?? "") },
                activities: activities.sorted { ($0.start, $0.id) > ($1.start, $1.id) },
                currentUnits: Dictionary(units.compactMap { id, unit in unit.map { (id, $0) } }, uniquingKeysWith: { a, _ in a }),
                jobOrders: orders.sorted { ($0.created, $0.id) > ($1.created, $1.id) },
                placements: placements.sorted { ($0.date, $0.personID) < ($1.date, $1.personID) },
                memberships: memberships.sorted { ($0.from, $0.allianceID) > ($1.from, $1.allianceID) },
                allianceNames: Dictionary(names, uniquingKeysWith: { a, _ in a }))
        }
    }

    public func companyFollowUps(staffID: String) throws -> [CompanyFollowUp] {
        try database.read { db in
            try db.all(
                """
                SELECT k.cvr, v.navn, k.dato, k.naeste_skridt, k.naeste_dato FROM virksomhedskontakter k
                LEFT JOIN virksomheder v ON v.cvr = k.cvr
                WHERE k.medarbejder = ? AND k.naeste_dato IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM virksomhedskontakter l WHERE l.cvr = k.cvr AND l.medarbejder = k.medarbejder AND l.dato > k.dato)
                ORDER BY k.naeste_dato, k.cvr
                """, [.text(staffID)]
            ) { r in
                day(r.text(2)).flatMap { contact in
                    day(r.text(4)).map {
                        CompanyFollowUp(cvr: r.text(0) ?? "", companyName: r.text(1), contactDate: contact, step: r.text(3) ?? "", due: $0)
                    }
                }
            }.compactMap { $0 }
        }
    }

    public func alliances() throws -> [AllianceRecord] {
        try database.read { db in
            var alliances: [Alliance] = []
            try RegisterQueries.forEachStored(.alliancer, db) { if case .alliance(let a) = $0 { alliances.append(a) } }
            var memberships: [String: [AllianceMembership]] = [:]
            try RegisterQueries.forEachStored(.alliancemedlemmer, db) {
                if case .allianceMembership(let m) = $0 { memberships[m.allianceID, default: []].append(m) }
            }
            var companies: [String: Company] = [:]
            try RegisterQueries.forEachStored(.virksomheder, db, where: "cvr IN (SELECT cvr FROM alliancemedlemmer)") {
                if case .company(let c) = $0 { companies[c.cvr] = c }
            }
            return alliances.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map { a in
                let list = (memberships[a.id] ?? []).sorted { ($0.from, $0.cvr) < ($1.from, $1.cvr) }
                let cvrs = Set(list.map(\.cvr))
                return AllianceRecord(alliance: a, memberships: list, companies: companies.filter { cvrs.contains($0.key) })
            }
        }
    }

    public func jobOrders(includeClosed: Bool, limit: Int) throws -> (total: Int, orders: [JobOrderOverview]) {
        let condition = includeClosed ? "1 = 1" : "lukket IS NULL"
        return try database.read { db in
            let total = try db.integer("SELECT count(*) FROM jobordrer WHERE \(condition)") ?? 0
            var orders: [JobOrder] = []
            try RegisterQueries.forEachStored(
                .jobordrer, db,
                where:
                    "jobordre_id IN (SELECT jobordre_id FROM jobordrer WHERE \(condition) ORDER BY oprettet DESC, jobordre_id LIMIT \(max(0, limit)))"
            ) { if case .jobOrder(let j) = $0 { orders.append(j) } }
            return (total, try overviews(orders.sorted { ($0.created, $1.id) > ($1.created, $0.id) }, db))
        }
    }

    public func jobOrder(id: String) throws -> (overview: JobOrderOverview, placements: [Placement])? {
        try database.read { db in
            var order: JobOrder?
            try RegisterQueries.forEachStored(.jobordrer, db, where: "jobordre_id = ?", [.text(id)]) {
                if case .jobOrder(let j) = $0 { order = j }
            }
            guard let order else { return nil }
            var placements: [Placement] = []
            try RegisterQueries.forEachStored(.formidlinger, db, where: "jobordre_id = ?", [.text(id)]) {
                if case .placement(let p) = $0 { placements.append(p) }
            }
            return (try overviews([order], db)[0], placements.sorted { ($0.date, $0.personID) < ($1.date, $1.personID) })
        }
    }

    /// The orders with their companies' names and branches and their placements counted.
    private func overviews(_ orders: [JobOrder], _ db: any SQLConnection) throws -> [JobOrderOverview] {
        guard !orders.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: orders.count).joined(separator: ", ")
        let ids = orders.map { SQLValue.text($0.id) }
        let companies = Dictionary(
            try db.all("SELECT cvr, navn, branche FROM virksomheder WHERE cvr IN (\(marks))", orders.map { .text($0.cvr) }) {
                ($0.text(0) ?? "", ($0.text(1), $0.text(2)))
            }, uniquingKeysWith: { a, _ in a })
        let placed = Dictionary(
            try db.all("SELECT jobordre_id, count(*) FROM formidlinger WHERE jobordre_id IN (\(marks)) GROUP BY jobordre_id", ids) {
                ($0.text(0) ?? "", $0.integer(1) ?? 0)
            }, uniquingKeysWith: { a, _ in a })
        return orders.map {
            JobOrderOverview(
                order: $0, companyName: companies[$0.cvr]?.0, industry: companies[$0.cvr]?.1, placed: placed[$0.id] ?? 0)
        }
    }

    public func currentUnits(of persons: [String]) throws -> [String: String] {
        try database.read { db in
            var units: [String: String] = [:]
            for start in stride(from: 0, to: persons.count, by: 500) {
                let chunk = persons[start..<min(start + 500, persons.count)]
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                try db.forEachRow(
                    "SELECT p.person_id, \(Self.currentUnitSQL(of: "p.person_id")) FROM personer p WHERE p.person_id IN (\(marks))",
                    chunk.map(SQLValue.text)
                ) { r in if let unit = r.text(1) { units[r.text(0) ?? ""] = unit } }
            }
            return units
        }
    }
}
