import Foundation
import IndsatsAccess

/// Users, sessions and the audit log: the same SQL on SQLite and PostgreSQL.
extension SQLStore {
    public func user(named name: String) throws -> (user: User, passwordHash: String)? {
        try database.read { db in
            try db.first("SELECT \(userColumns), kodeord FROM brugere WHERE brugernavn = ?", [.text(name)]) {
                ($0.user(at: 0), $0.text(6) ?? "")
            }
        }
    }

    public func users() throws -> [User] {
        try database.read { try $0.all("SELECT \(userColumns) FROM brugere ORDER BY brugernavn") { $0.user(at: 0) } }
    }

    public func saveUser(_ user: User, passwordHash: String?) throws {
        try database.write { db in
            let state: [SQLValue] = [
                .text(user.role.rawValue), SQLValue(user.unit), .integer(user.blocked ? 1 : 0), .integer(user.failedLogins),
                SQLValue(user.lockedUntil.map(AuditEntry.timestamp)),
            ]
            if let passwordHash {
                try db.execute(
                    """
                    INSERT INTO brugere (brugernavn, rolle, enhed, spaerret, fejl, laast_til, kodeord) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (brugernavn) DO UPDATE SET rolle = excluded.rolle, enhed = excluded.enhed, spaerret = excluded.spaerret,
                      fejl = excluded.fejl, laast_til = excluded.laast_til, kodeord = excluded.kodeord
                    """, [.text(user.name)] + state + [.text(passwordHash)])
            } else {
                let changed = try db.execute(
                    "UPDATE brugere SET rolle = ?, enhed = ?, spaerret = ?, fejl = ?, laast_til = ? WHERE brugernavn = ?",
                    state + [.text(user.name)])
                guard changed == 1 else { throw AccessError("brugeren '\(user.name)' findes ikke") }
            }
        }
    }

    public func reserveLoginAttempt(name: String, at now: Date) throws -> Bool {
        let stamp = SQLValue.text(AuditEntry.timestamp(now)),
            lockEnd = SQLValue.text(AuditEntry.timestamp(now.addingTimeInterval(LoginLock.lockDuration)))
        return try database.write { db in
            // A lock that has run out starts a new count; the limit's attempt sets a new lock.
            try db.execute(
                """
                UPDATE brugere SET
                  fejl = CASE WHEN laast_til IS NOT NULL AND laast_til <= ? THEN 1 ELSE fejl + 1 END,
                  laast_til = CASE WHEN laast_til IS NOT NULL AND laast_til <= ? THEN NULL
                                   WHEN fejl + 1 >= ? THEN ? ELSE laast_til END
                WHERE brugernavn = ? AND spaerret = 0 AND (laast_til IS NULL OR laast_til <= ?)
                """, [stamp, stamp, .integer(LoginLock.maximumFailures), lockEnd, .text(name), stamp]) == 1
        }
    }

    public func clearLoginFailures(name: String) throws {
        try database.write { _ = try $0.execute("UPDATE brugere SET fejl = 0, laast_til = NULL WHERE brugernavn = ?", [.text(name)]) }
    }

    public func saveSession(_ session: Session) throws {
        try database.write { db in
            try db.execute("DELETE FROM sessioner WHERE udloeber < ?", [.text(AuditEntry.timestamp(Date()))])
            try db.execute(
                "INSERT INTO sessioner (noegle, brugernavn, csrf, udloeber) VALUES (?, ?, ?, ?)",
                [.text(session.digest), .text(session.userName), .text(session.csrfToken), .text(AuditEntry.timestamp(session.expires))])
        }
    }

    public func session(token: String, at now: Date) throws -> Session? {
        try database.read { db in
            try db.first("SELECT brugernavn, csrf, udloeber FROM sessioner WHERE noegle = ?", [.text(Session.digest(of: token))]) {
                $0.session(token: token, at: now)
            } ?? nil
        }
    }

    public func sessionUser(token: String, at now: Date) throws -> (session: Session, user: User)? {
        try database.read { db in
            let sql = """
                SELECT b.brugernavn, b.rolle, b.enhed, b.spaerret, b.fejl, b.laast_til, s.brugernavn, s.csrf, s.udloeber
                FROM sessioner s JOIN brugere b ON b.brugernavn = s.brugernavn WHERE s.noegle = ?
                """
            return try db.first(sql, [.text(Session.digest(of: token))]) { row -> (Session, User)? in
                guard let session = row.session(token: token, at: now, from: 6) else { return nil }
                return (session, row.user(at: 0))
            } ?? nil
        }
    }

    public func endSession(token: String) throws {
        try database.write { try $0.execute("DELETE FROM sessioner WHERE noegle = ?", [.text(Session.digest(of: token))]) }
    }

    public func appendAudit(user: String, action: AuditAction, person: String?, criteria: String?, at now: Date) throws -> AuditEntry {
        try database.write { db in
            // Two writers must not both chain to the same last entry.
            try db.serialize("auditlog")
            let last = try db.first("SELECT \(auditColumns) FROM auditlog ORDER BY nr DESC LIMIT 1") { $0.auditEntry() }
            // Nothing that could be a CPR number reaches the log in clear, whoever calls.
            let keyed = Pseudonyms(key: try pseudonymKey(db))
            let entry = AuditEntry.next(
                after: last, anchor: try anchor(db), time: AuditEntry.timestamp(now), user: keyed.scrubbingCPR(user),
                action: action, person: person, criteria: criteria.map(keyed.scrubbingCPR))
            try db.execute(
                "INSERT INTO auditlog (\(auditColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    .integer(entry.number), .text(entry.time), .text(entry.user), .text(entry.action.rawValue), SQLValue(entry.person),
                    SQLValue(entry.criteria), .text(entry.previousHash), .text(entry.hash),
                ])
            return entry
        }
    }

    public func auditEntries(person: String?) throws -> [AuditEntry] {
        try database.read { db in
            if let person {
                try db.all("SELECT \(auditColumns) FROM auditlog WHERE person = ? ORDER BY nr", [.text(person)]) { $0.auditEntry() }
            } else {
                try db.all("SELECT \(auditColumns) FROM auditlog ORDER BY nr") { $0.auditEntry() }
            }
        }
    }

    public func auditAnchor() throws -> AuditAnchor { try database.read(anchor) }

    public func removeAudit(before cutoff: Date) throws -> Int {
        try database.write { db in
            try db.serialize("auditlog")
            let old = try db.all(
                "SELECT \(auditColumns) FROM auditlog WHERE tidspunkt < ? ORDER BY nr", [.text(AuditEntry.timestamp(cutoff))]
            ) { $0.auditEntry() }
            guard let last = old.last else { return 0 }
            // Only the oldest lines go, so the chain stays whole from the new anchor.
            try db.execute("INSERT INTO auditoprydning (aktiv) VALUES (1)")
            try db.execute("DELETE FROM auditlog WHERE nr <= ?", [.integer(last.number)])
            try db.execute("DELETE FROM auditoprydning")
            try db.execute(
                "INSERT INTO auditanker (id, nr, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET nr = excluded.nr, hash = excluded.hash",
                [.integer(last.number), .text(last.hash)])
            return old.count
        }
    }

    private func anchor(_ db: any SQLConnection) throws -> AuditAnchor {
        try db.first("SELECT nr, hash FROM auditanker WHERE id = 1") { AuditAnchor(number: $0.integer(0) ?? 0, hash: $0.text(1) ?? "") }
            ?? .start
    }
}

/// The user's columns, in the order ``SQLRow/user(at:)`` reads them.
private let userColumns = "brugernavn, rolle, enhed, spaerret, fejl, laast_til"
/// The audit log's columns, in the order ``SQLRow/auditEntry()`` reads them.
private let auditColumns = "nr, tidspunkt, bruger, handling, person, kriterier, forrige, hash"

extension SQLRow {
    /// A user from ``userColumns`` starting at `first`.
    fileprivate func user(at first: Int) -> User {
        User(
            name: text(first) ?? "", role: Role(rawValue: text(first + 1) ?? "") ?? .udvalg, unit: text(first + 2),
            blocked: integer(first + 3) != 0, failedLogins: integer(first + 4) ?? 0,
            lockedUntil: text(first + 5).flatMap(AuditEntry.date(fromTimestamp:)))
    }

    /// A session from `brugernavn, csrf, udloeber` starting at `first`, unless it has expired by `now`.
    fileprivate func session(token: String, at now: Date, from first: Int = 0) -> Session? {
        guard let expires = text(first + 2).flatMap(AuditEntry.date(fromTimestamp:)), expires > now else { return nil }
        return Session(token: token, userName: text(first) ?? "", csrfToken: text(first + 1) ?? "", expires: expires)
    }

    fileprivate func auditEntry() -> AuditEntry {
        AuditEntry(
            number: integer(0) ?? 0, time: text(1) ?? "", user: text(2) ?? "",
            action: AuditAction(rawValue: text(3) ?? "") ?? .laesning, person: text(4), criteria: text(5),
            previousHash: text(6) ?? "", hash: text(7) ?? "")
    }
}
