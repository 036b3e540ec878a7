import Foundation
import IndsatsAccess

/// Users, sessions and the audit log: what login, roles and logging need from a store.
///
/// ```swift
/// try store.saveUser(User(name: "anne", role: .leder), passwordHash: try Password.hash("en lang adgangskode"))
/// try store.appendAudit(user: "anne", action: .eksport, person: nil, criteria: "kpi=personer", at: Date())
/// ```
public protocol AccessStore: Sendable {
    /// The user and their password hash.
    func user(named name: String) throws -> (user: User, passwordHash: String)?
    func users() throws -> [User]
    /// Creates or updates a user; a `nil` hash keeps the stored one.
    func saveUser(_ user: User, passwordHash: String?) throws

    /// Counts one login attempt for `name` before its password is checked, in one atomic
    /// statement, so parallel guesses cannot pass the lock (``LoginLock``): `false` when the
    /// user is unknown, blocked or locked. The attempt that reaches the limit sets the lock.
    func reserveLoginAttempt(name: String, at now: Date) throws -> Bool
    /// Clears the failure count and lock after a right password.
    func clearLoginFailures(name: String) throws

    func saveSession(_ session: Session) throws
    /// The session whose token is `token`, if it has not expired by `now`.
    func session(token: String, at now: Date) throws -> Session?
    /// The session and its user in one read (every request asks).
    func sessionUser(token: String, at now: Date) throws -> (session: Session, user: User)?
    func endSession(token: String) throws

    /// Appends one entry to the audit log, chained to the last, and returns it.
    @discardableResult
    func appendAudit(user: String, action: AuditAction, person: String?, criteria: String?, at now: Date) throws -> AuditEntry
    /// Every entry in order, or those naming `person`.
    func auditEntries(person: String?) throws -> [AuditEntry]
    func auditAnchor() throws -> AuditAnchor
    /// Removes entries older than `cutoff` and moves the anchor past them; returns how many.
    @discardableResult
    func removeAudit(before cutoff: Date) throws -> Int
}

/// How long audit entries are kept by default (Datatilsynet's usual practice).
public enum AuditRetention {
    public static let defaultMonths = 6

    /// The first moment still kept when keeping `months` months back from `now`.
    public static func cutoff(months: Int, from now: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: .month, value: -months, to: now) ?? now
    }
}
