import Foundation
import IndsatsContract
import IndsatsCore

/// A pool with everything stored about it: its instalments, its participants and the spending
/// the analyst has recorded against the grant.
public struct PoolRecord: Sendable {
    public var pool: GrantPool
    /// By number.
    public var instalments: [PoolInstalment]
    /// By person id.
    public var participants: [PoolParticipant]
    /// By day, oldest first.
    public var spending: [PoolSpending]

    /// The kroner spent so far.
    public var spent: Double { spending.reduce(0) { $0 + $1.amount } }
}

/// Kroner spent from a pool's grant on a day, as the analyst recorded it (for the account to the state).
public struct PoolSpending: Sendable, Hashable {
    public var day: Day
    public var amount: Double
    public var text: String
    public var user: String

    public init(day: Day, amount: Double, text: String, user: String) {
        self.day = day; self.amount = amount; self.text = text; self.user = user
    }
}

/// Grant pools and the spending recorded against them.
public protocol PoolStore: Sendable {
    /// Every pool with its instalments, participants and spending, by name.
    func pools() throws -> [PoolRecord]
    /// Records spending against pool `poolID` (which must exist).
    func recordPoolSpending(poolID: String, _ spending: PoolSpending, at time: Date) throws
}

extension SQLStore {
    public func pools() throws -> [PoolRecord] {
        try database.read { db in
            var pools: [GrantPool] = [], instalments: [String: [PoolInstalment]] = [:], participants: [String: [PoolParticipant]] = [:]
            try RegisterQueries.forEachStored(.puljer, db) { if case .pool(let p) = $0 { pools.append(p) } }
            try RegisterQueries.forEachStored(.puljerater, db) {
                if case .poolInstalment(let i) = $0 { instalments[i.poolID, default: []].append(i) }
            }
            try RegisterQueries.forEachStored(.puljedeltagere, db) {
                if case .poolParticipant(let p) = $0 { participants[p.poolID, default: []].append(p) }
            }
            var spending: [String: [PoolSpending]] = [:]
            try db.scan("SELECT pulje_id, dato, beloeb, tekst, bruger FROM puljeforbrug ORDER BY dato, id") { r in
                guard let day = day(r.text(1)), case .decimal(let amount)? = RegisterQueries.field(r, 2, .decimal) else { return }
                spending[r.text(0) ?? "", default: []].append(
                    PoolSpending(day: day, amount: amount, text: r.text(3) ?? "", user: r.text(4) ?? ""))
            }
            return pools.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map { p in
                PoolRecord(
                    pool: p, instalments: (instalments[p.id] ?? []).sorted { $0.number < $1.number },
                    participants: (participants[p.id] ?? []).sorted { $0.personID < $1.personID }, spending: spending[p.id] ?? [])
            }
        }
    }

    public func recordPoolSpending(poolID: String, _ spending: PoolSpending, at time: Date) throws {
        _ = try database.write { db in
            try db.execute(
                "INSERT INTO puljeforbrug (pulje_id, dato, beloeb, tekst, bruger, tidspunkt) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    .text(poolID), .text(spending.day.iso), .real(spending.amount), .text(spending.text), .text(spending.user),
                    .text(ISO8601DateFormatter().string(from: time)),
                ])
        }
    }
}

/// Figures for other areas (landstal.csv).
public protocol ComparisonStore: Sendable {
    /// Every stored figure for another area.
    func nationalFigures() throws -> [NationalFigure]
}

extension SQLStore {
    public func nationalFigures() throws -> [NationalFigure] {
        try database.read { db in
            var out: [NationalFigure] = []
            try RegisterQueries.forEachStored(.landstal, db) { if case .nationalFigure(let f) = $0 { out.append(f) } }
            return out
        }
    }
}
