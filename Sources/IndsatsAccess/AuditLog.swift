import Crypto
import Foundation
import IndsatsCore

/// What an audit entry records (Datatilsynet's practice, docs/sikkerhed.md).
public enum AuditAction: String, CaseIterable, Sendable {
    /// A person-level read.
    case laesning
    /// A search, with its criteria.
    case soegning
    /// A change to the register (an import).
    case aendring
    /// An export of data (a CSV or xlsx download).
    case eksport
    /// A deletion.
    case sletning
    case login
    case login_afvist
    case logout
    /// A user created, given a role, blocked or unblocked.
    case brugeradministration
}

/// One line of the append-only audit log, chained to the line before by a hash.
///
/// ```swift
/// let first = AuditEntry.next(after: nil, anchor: AuditChain.genesis, time: "2026-11-22T10:00:00Z",
///                             user: "anne", action: .laesning, person: "P17", criteria: nil)
/// ```
public struct AuditEntry: Sendable, Equatable {
    /// 1, 2, 3, ... with no gaps (retention removes only the oldest).
    public var number: Int
    /// UTC, ISO 8601 to the second, as stored and hashed.
    public var time: String
    public var user: String
    public var action: AuditAction
    /// The person looked up or changed (`person_id`, never a CPR number).
    public var person: String?
    /// A search's criteria, an export's query, an import's files.
    public var criteria: String?
    public var previousHash: String
    public var hash: String

    public init(
        number: Int, time: String, user: String, action: AuditAction, person: String?, criteria: String?,
        previousHash: String, hash: String
    ) {
        self.number = number; self.time = time; self.user = user; self.action = action
        self.person = person; self.criteria = criteria; self.previousHash = previousHash; self.hash = hash
    }

    /// The entry that follows `last` (or starts the chain at `anchor`), with its hash.
    public static func next(
        after last: AuditEntry?, anchor: AuditAnchor, time: String, user: String, action: AuditAction,
        person: String?, criteria: String?
    ) -> AuditEntry {
        let number = (last?.number ?? anchor.number) + 1
        let previous = last?.hash ?? anchor.hash
        var entry = AuditEntry(
            number: number, time: time, user: user, action: action, person: person, criteria: criteria,
            previousHash: previous, hash: "")
        entry.hash = AuditChain.hash(of: entry)
        return entry
    }

    /// The time format of ``time``: UTC to the second, `2026-11-22T10:00:00Z`.
    /// Written by hand: a date formatter per call cost a fifth of a request.
    public static func timestamp(_ date: Date) -> String {
        let seconds = Int((date.timeIntervalSince1970).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(Day(ordinal: Int32(days)).iso)T\(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))Z"
    }

    /// The moment a ``timestamp(_:)`` names, `nil` for other text.
    public static func date(fromTimestamp text: String) -> Date? {
        let u = Array(text.utf8)
        guard u.count == 20, u[10] == UInt8(ascii: "T"), u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"), u[19] == UInt8(ascii: "Z"),
            let day = Day(parsing: String(decoding: u[0..<10], as: UTF8.self))
        else { return nil }
        func number(_ r: Range<Int>) -> Int? { Int(String(decoding: u[r], as: UTF8.self)) }
        guard let h = number(11..<13), let m = number(14..<16), let s = number(17..<19), h < 24, m < 60, s < 60 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(Int(day.ordinal) * 86_400 + h * 3600 + m * 60 + s))
    }
}

/// Where the chain starts: the number and hash of the last entry removed by
/// retention, or entry 0 with ``AuditChain/genesis`` before any was removed.
public struct AuditAnchor: Sendable, Equatable {
    public var number: Int
    public var hash: String
    public init(number: Int, hash: String) { self.number = number; self.hash = hash }
    public static let start = AuditAnchor(number: 0, hash: AuditChain.genesis)
}

/// The hash chain that makes the audit log tamper-evident: each entry's hash
/// covers its fields and the previous entry's hash, so changing, inserting or
/// removing any entry breaks every hash after it.
public enum AuditChain {
    public static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 over the fields, each prefixed with its length so no two entries hash the same text.
    public static func hash(of e: AuditEntry) -> String {
        let fields = [String(e.number), e.time, e.user, e.action.rawValue, e.person ?? "\u{0}", e.criteria ?? "\u{0}", e.previousHash]
        let text = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        return hex(SHA256.hash(data: Data(text.utf8)))
    }

    /// Why the log no longer holds `saved`, an entry's number and hash written down
    /// elsewhere earlier (`audit verify` prints it), or `nil` when it does. The chain alone
    /// cannot see its newest lines cut off; a saved point can: the log must still reach it,
    /// with the same hash. A point older than the retention's anchor is no longer in the
    /// log and cannot be checked; it holds when it is the anchor itself.
    public static func missing(_ saved: AuditAnchor, in entries: [AuditEntry], anchor: AuditAnchor) -> String? {
        if saved.number == anchor.number {
            return saved.hash == anchor.hash ? nil : "ankeret nr. \(saved.number) har en anden hash end den gemte"
        }
        if saved.number < anchor.number { return nil }
        guard let entry = entries.first(where: { $0.number == saved.number }) else {
            let last = entries.last?.number ?? anchor.number
            return "loggen slutter ved nr. \(last), men nr. \(saved.number) var skrevet: de nyeste linjer er fjernet"
        }
        return entry.hash == saved.hash ? nil : "linje \(saved.number) har en anden hash end den gemte"
    }

    /// The first entry that breaks the chain, with the reason in Danish, or `nil` when it holds.
    public static func firstBreak(in entries: [AuditEntry], anchor: AuditAnchor) -> (number: Int, reason: String)? {
        var expected = anchor
        for e in entries {
            if e.number != expected.number + 1 {
                return (e.number, "nummer \(e.number) følger efter \(expected.number); linjer mangler eller er indsat")
            }
            if e.previousHash != expected.hash { return (e.number, "henvisningen til linjen før passer ikke") }
            if hash(of: e) != e.hash { return (e.number, "linjens indhold er ændret") }
            expected = AuditAnchor(number: e.number, hash: e.hash)
        }
        return nil
    }
}

/// How a change made by a user is written in the audit log's criteria: what changed,
/// and the state before and after, in full while short, else as SHA-256 digests of
/// both (the documents themselves are in the database and its backups).
///
/// ```swift
/// AuditChange.criteria("forslag JC 08 status", before: Data("forslag".utf8), after: Data("vedtaget".utf8))
/// // "forslag JC 08 status; før: forslag; efter: vedtaget"
/// ```
public enum AuditChange {
    /// The longest before-and-after text written in full.
    public static let fullTextLimit = 2000

    public static func criteria(_ what: String, before: Data, after: Data) -> String {
        let b = String(decoding: before, as: UTF8.self), a = String(decoding: after, as: UTF8.self)
        if b.utf8.count + a.utf8.count <= fullTextLimit { return "\(what); før: \(b); efter: \(a)" }
        return
            "\(what); før: sha256 \(hex(SHA256.hash(data: before))) (\(before.count) byte); efter: sha256 \(hex(SHA256.hash(data: after))) (\(after.count) byte)"
    }
}
