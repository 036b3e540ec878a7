import Foundation
import IndsatsEconomy

/// The municipality's budget proposals, kept whole in the catalogue's order.
///
/// ```swift
/// let counts = try store.saveProposals(try ProposalCatalogue.read(data))   // (added: 30, changed: 0)
/// try store.setStatus(.vedtaget, of: "JC 08")
/// try store.proposals().proposal("JC 08")?.status                       // .vedtaget
/// ```
public protocol ProposalStore: Sendable {
    func proposals() throws -> ProposalCatalogue
    /// Adds or replaces proposals by number, checked together with those already kept
    /// (a requirement may name one of them): all are written, or none.
    @discardableResult
    func saveProposals(_ catalogue: ProposalCatalogue) throws -> (added: Int, changed: Int)
    func setStatus(_ status: Proposal.Status, of number: String) throws
    /// The initiatives that carry `proposal` out: its own list and those `indsatser.csv` links to it, sorted.
    func initiatives(of proposal: Proposal) throws -> [String]
}

/// The same SQL on SQLite and PostgreSQL.
extension SQLStore {
    public func proposals() throws -> ProposalCatalogue {
        try database.read(Self.proposals)
    }

    public func saveProposals(_ catalogue: ProposalCatalogue) throws -> (added: Int, changed: Int) {
        defer { forgetVersion() }
        return try database.write { db in
            let kept = try Self.proposals(db)
            let merged = kept.merging(catalogue)
            do throws(EconomyError) { try merged.check() } catch { throw StoreError(error.message) }
            var added = 0, changed = 0
            for (place, p) in merged.proposals.enumerated() {
                let before = kept.proposal(p.number)
                if before == nil { added += 1 } else if before != p { changed += 1 }
                try db.execute(
                    """
                    INSERT INTO forslag (nr, plads, dokument) VALUES (?, ?, ?)
                    ON CONFLICT (nr) DO UPDATE SET plads = excluded.plads, dokument = excluded.dokument
                    """, [.text(p.number), .integer(place), .text(String(decoding: ProposalCatalogue.document(p), as: UTF8.self))])
            }
            try RegisterQueries.logSettings(db, "forslag", changed: added + changed)
            return (added, changed)
        }
    }

    public func setStatus(_ status: Proposal.Status, of number: String) throws {
        try database.write { db in
            guard var p = try Self.proposals(db).proposal(number) else { throw StoreError("forslaget '\(number)' findes ikke") }
            p.status = status
            try db.execute(
                "UPDATE forslag SET dokument = ? WHERE nr = ?",
                [.text(String(decoding: ProposalCatalogue.document(p), as: UTF8.self)), .text(number)])
            try RegisterQueries.logSettings(db, "forslag", changed: 1)
        }
        forgetVersion()
    }

    public func initiatives(of proposal: Proposal) throws -> [String] {
        let linked = try database.read { db in
            try db.all("SELECT indsats_id FROM indsatser WHERE forslag = ?", [.text(proposal.number)]) { $0.text(0) ?? "" }
        }
        return Set(linked + proposal.initiatives).sorted()
    }

    private static func proposals(_ db: any SQLConnection) throws -> ProposalCatalogue {
        let documents = try db.all("SELECT nr, dokument FROM forslag ORDER BY plads") { ($0.text(0) ?? "", $0.text(1) ?? "") }
        return ProposalCatalogue(
            try documents.map { number, document in
                do throws(EconomyError) { return try ProposalCatalogue.proposal(Data(document.utf8)) } catch {
                    throw StoreError("forslaget '\(number)' i databasen kan ikke læses: \(error.message)")
                }
            })
    }
}

/// The employment plans, kept as one JSON list in `indstillinger` under `planer`.
///
/// ```swift
/// try store.savePlans(try EmploymentPlan.examples())   // adds or replaces by name
/// try store.plans().map(\.name)
/// ```
public protocol PlanStore: Sendable {
    func plans() throws -> [EmploymentPlan]
    /// Adds plans, replacing any with the same name; the rest are kept.
    func savePlans(_ plans: [EmploymentPlan]) throws
    /// The weekly targets of the five sharp figures; none until saved.
    func weeklyTargets() throws -> WeeklyTargets
    func saveWeeklyTargets(_ targets: WeeklyTargets) throws
}

extension SQLStore {
    public func plans() throws -> [EmploymentPlan] {
        try database.read(Self.plans)
    }

    public func savePlans(_ plans: [EmploymentPlan]) throws {
        try database.write { db in
            let names = Set(plans.map(\.name))
            let kept = try Self.plans(db).filter { !names.contains($0.name) } + plans
            try db.execute(
                "INSERT INTO indstillinger (navn, vaerdi) VALUES ('planer', ?) ON CONFLICT (navn) DO UPDATE SET vaerdi = excluded.vaerdi",
                [.text(String(decoding: EmploymentPlan.json(kept), as: UTF8.self))])
            try RegisterQueries.logSettings(db, "planer", changed: plans.count)
        }
        forgetVersion()
    }

    public func weeklyTargets() throws -> WeeklyTargets {
        guard let document = try database.read({ try $0.text("SELECT vaerdi FROM indstillinger WHERE navn = 'ugemaal'") }) else {
            return WeeklyTargets()
        }
        do throws(EconomyError) { return try WeeklyTargets.read(Data(document.utf8)) } catch {
            throw StoreError("ugemålene i databasen kan ikke læses: \(error.message)")
        }
    }

    public func saveWeeklyTargets(_ targets: WeeklyTargets) throws {
        try database.write { db in
            try db.execute(
                "INSERT INTO indstillinger (navn, vaerdi) VALUES ('ugemaal', ?) ON CONFLICT (navn) DO UPDATE SET vaerdi = excluded.vaerdi",
                [.text(String(decoding: targets.json, as: UTF8.self))])
            try RegisterQueries.logSettings(db, "ugemaal", changed: 1)
        }
        forgetVersion()
    }

    private static func plans(_ db: any SQLConnection) throws -> [EmploymentPlan] {
        guard let document = try db.text("SELECT vaerdi FROM indstillinger WHERE navn = 'planer'") else { return [] }
        do throws(EconomyError) { return try EmploymentPlan.read(Data(document.utf8)) } catch {
            throw StoreError("beskæftigelsesplanerne i databasen kan ikke læses: \(error.message)")
        }
    }
}
