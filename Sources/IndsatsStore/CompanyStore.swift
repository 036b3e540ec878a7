import Foundation
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

/// Company-level reads for the company pages (no person data).
public protocol CompanyStore: Sendable {
    /// Companies whose CVR number or name contains `text` (any case; any company when empty), in
    /// `industry` when given, with at least `minimumEmployees`, and when `withoutPersonalContactSince`
    /// is given no contact in person or by phone on or after it; largest first, at most `limit`,
    /// with how many match.
    func companies(
        matching text: String, industry: String?, minimumEmployees: Int, withoutPersonalContactSince: Day?, limit: Int
    ) throws -> (total: Int, companies: [CompanyOverview])
    /// The branches companies are in, sorted.
    func industries() throws -> [String]
}

extension SQLStore {
    public func industries() throws -> [String] {
        try database.read { db in
            try db.all("SELECT DISTINCT branche FROM virksomheder WHERE branche IS NOT NULL ORDER BY branche") { $0.text(0) ?? "" }
        }
    }

    public func companies(
        matching text: String, industry: String?, minimumEmployees: Int, withoutPersonalContactSince: Day?, limit: Int
    ) throws -> (total: Int, companies: [CompanyOverview]) {
        var conditions = ["coalesce(v.ansatte, 0) >= ?"]
        var arguments: [SQLValue] = [.integer(minimumEmployees)]
        if let industry {
            conditions.append("v.branche = ?")
            arguments.append(.text(industry))
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
}
