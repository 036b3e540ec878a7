import Foundation
import GRDB
import IndsatsAccess

extension SQLiteStore: AccessStore {
    public func user(named name: String) throws -> (user: User, passwordHash: String)? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM brugere WHERE brugernavn = ?", arguments: [name]).map { (Self.user($0), $0["kodeord"]) }
        }
    }

    public func users() throws -> [User] {
        try db.read { try Row.fetchAll($0, sql: "SELECT * FROM brugere ORDER BY brugernavn").map(Self.user) }
    }

    private static func user(_ row: Row) -> User {
        User(name: row["brugernavn"], role: Role(rawValue: row["rolle"]) ?? .udvalg, unit: row["enhed"],
             blocked: row["spaerret"] as Int != 0, failedLogins: row["fejl"],
             lockedUntil: (row["laast_til"] as String?).flatMap(Self.date))
    }

    public func saveUser(_ user: User, passwordHash: String?) throws {
        try db.write { db in
            let state: StatementArguments = [user.role.rawValue, user.unit, user.blocked ? 1 : 0, user.failedLogins,
                                             user.lockedUntil.map(AuditEntry.timestamp)]
            if let passwordHash {
                try db.execute(sql: """
                    INSERT INTO brugere (brugernavn, rolle, enhed, spaerret, fejl, laast_til, kodeord) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (brugernavn) DO UPDATE SET rolle = excluded.rolle, enhed = excluded.enhed, spaerret = excluded.spaerret,
                      fejl = excluded.fejl, laast_til = excluded.laast_til, kodeord = excluded.kodeord
                    """, arguments: [user.name] + state + [passwordHash])
            } else {
                try db.execute(sql: "UPDATE brugere SET rolle = ?, enhed = ?, spaerret = ?, fejl = ?, laast_til = ? WHERE brugernavn = ?",
                               arguments: state + [user.name])
                guard db.changesCount == 1 else { throw AccessError("brugeren '\(user.name)' findes ikke") }
            }
        }
    }

    public func saveSession(_ session: Session) throws {
        try db.write { db in
            try db.execute(sql: "DELETE FROM sessioner WHERE udloeber < ?", arguments: [AuditEntry.timestamp(Date())])
            try db.execute(sql: "INSERT INTO sessioner (noegle, brugernavn, csrf, udloeber) VALUES (?, ?, ?, ?)",
                           arguments: [session.digest, session.userName, session.csrfToken, AuditEntry.timestamp(session.expires)])
        }
    }

    public func session(token: String, at now: Date) throws -> Session? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM sessioner WHERE noegle = ?", arguments: [Session.digest(of: token)])
                .flatMap { Self.session($0, token: token, at: now) }
        }
    }

    public func sessionUser(token: String, at now: Date) throws -> (session: Session, user: User)? {
        try db.read { db in
            let sql = "SELECT s.noegle, s.csrf, s.udloeber, b.* FROM sessioner s JOIN brugere b ON b.brugernavn = s.brugernavn WHERE s.noegle = ?"
            guard let row = try Row.fetchOne(db, sql: sql, arguments: [Session.digest(of: token)]),
                  let session = Self.session(row, token: token, at: now) else { return nil }
            return (session, Self.user(row))
        }
    }

    private static func session(_ row: Row, token: String, at now: Date) -> Session? {
        guard let expires = date(row["udloeber"]), expires > now else { return nil }
        return Session(token: token, userName: row["brugernavn"], csrfToken: row["csrf"], expires: expires)
    }

    public func endSession(token: String) throws {
        try db.write { try $0.execute(sql: "DELETE FROM sessioner WHERE noegle = ?", arguments: [Session.digest(of: token)]) }
    }

    public func appendAudit(user: String, action: AuditAction, person: String?, criteria: String?, at now: Date) throws -> AuditEntry {
        try db.write { db in
            let last = try Row.fetchOne(db, sql: "SELECT * FROM auditlog ORDER BY nr DESC LIMIT 1").map(Self.entry)
            let entry = AuditEntry.next(after: last, anchor: try Self.anchor(db), time: AuditEntry.timestamp(now), user: user,
                                        action: action, person: person, criteria: criteria)
            try db.execute(sql: "INSERT INTO auditlog (nr, tidspunkt, bruger, handling, person, kriterier, forrige, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [entry.number, entry.time, entry.user, entry.action.rawValue, entry.person, entry.criteria,
                                       entry.previousHash, entry.hash])
            return entry
        }
    }

    public func auditEntries(person: String?) throws -> [AuditEntry] {
        try db.read { db in
            let rows = if let person {
                try Row.fetchAll(db, sql: "SELECT * FROM auditlog WHERE person = ? ORDER BY nr", arguments: [person])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM auditlog ORDER BY nr")
            }
            return rows.map(Self.entry)
        }
    }

    public func auditAnchor() throws -> AuditAnchor { try db.read(Self.anchor) }

    public func removeAudit(before cutoff: Date) throws -> Int {
        try db.write { db in
            let old = try Row.fetchAll(db, sql: "SELECT * FROM auditlog WHERE tidspunkt < ? ORDER BY nr", arguments: [AuditEntry.timestamp(cutoff)])
                .map(Self.entry)
            guard let last = old.last else { return 0 }
            // Only the oldest lines go, so the chain stays whole from the new anchor.
            try db.execute(sql: "INSERT INTO auditoprydning (aktiv) VALUES (1)")
            try db.execute(sql: "DELETE FROM auditlog WHERE nr <= ?", arguments: [last.number])
            try db.execute(sql: "DELETE FROM auditoprydning")
            try db.execute(sql: "INSERT INTO auditanker (id, nr, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET nr = excluded.nr, hash = excluded.hash",
                           arguments: [last.number, last.hash])
            return old.count
        }
    }

    private static func anchor(_ db: Database) throws -> AuditAnchor {
        try Row.fetchOne(db, sql: "SELECT nr, hash FROM auditanker WHERE id = 1").map { AuditAnchor(number: $0["nr"], hash: $0["hash"]) } ?? .start
    }

    private static func entry(_ row: Row) -> AuditEntry {
        AuditEntry(number: row["nr"], time: row["tidspunkt"], user: row["bruger"],
                   action: AuditAction(rawValue: row["handling"]) ?? .laesning, person: row["person"], criteria: row["kriterier"],
                   previousHash: row["forrige"], hash: row["hash"])
    }

    private static func date(_ text: String) -> Date? { AuditEntry.date(fromTimestamp: text) }
}
