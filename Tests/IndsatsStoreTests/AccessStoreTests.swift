import Foundation
import IndsatsAccess
import IndsatsTestSupport
import Testing

@testable import IndsatsStore

@Suite("Brugere, sessioner og audit i lageret")
struct AccessStoreTests {
    @Test("Users round-trip with role, unit and lock; an update without a hash keeps the password")
    func users() throws {
        let store = try TestDatabase.newStore()
        let locked = Date(timeIntervalSince1970: 1_900_000_000)
        try store.saveUser(User(name: "åse", role: .medarbejder, unit: "Jobservice"), passwordHash: try Password.hash("tolv tegn mindst"))
        var user = try store.user(named: "åse")!.user
        #expect(user == User(name: "åse", role: .medarbejder, unit: "Jobservice"))
        user.failedLogins = 5
        user.lockedUntil = locked
        try store.saveUser(user, passwordHash: nil)
        let (again, hash) = try store.user(named: "åse")!
        #expect(again.failedLogins == 5 && again.lockedUntil == locked)
        #expect(Password.matches("tolv tegn mindst", hash: hash))
        #expect(throws: AccessError("brugeren 'bo' findes ikke")) { try store.saveUser(User(name: "bo", role: .leder), passwordHash: nil) }
        #expect(try store.users().map(\.name) == ["åse"])
    }

    @Test("Login attempts are counted before the password is checked: five pass, the fifth locks for 15 minutes, a blocked user none")
    func loginAttempts() throws {
        let store = try TestDatabase.newStore()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        try store.saveUser(User(name: "anne", role: .leder), passwordHash: "x")
        for attempt in 1...LoginLock.maximumFailures { #expect(try store.reserveLoginAttempt(name: "anne", at: now), "\(attempt)") }
        #expect(try !store.reserveLoginAttempt(name: "anne", at: now.addingTimeInterval(14 * 60)))
        #expect(try store.user(named: "anne")!.user.lockedUntil != nil)
        // After the lock a new count starts; a right password clears it.
        #expect(try store.reserveLoginAttempt(name: "anne", at: now.addingTimeInterval(15 * 60 + 1)))
        #expect(try store.user(named: "anne")!.user.failedLogins == 1)
        try store.clearLoginFailures(name: "anne")
        #expect(try store.user(named: "anne")!.user.failedLogins == 0)
        #expect(try !store.reserveLoginAttempt(name: "ingen", at: now))
        var blocked = try store.user(named: "anne")!.user
        blocked.blocked = true
        try store.saveUser(blocked, passwordHash: nil)
        #expect(try !store.reserveLoginAttempt(name: "anne", at: now))
    }

    @Test("Parallel attempts cannot pass the lock: of 8 at once exactly 5 are admitted")
    func parallelAttempts() async throws {
        let store = try TestDatabase.newStore()
        let now = Date()
        try store.saveUser(User(name: "anne", role: .leder), passwordHash: "x")
        let admitted = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 { group.addTask { (try? store.reserveLoginAttempt(name: "anne", at: now)) ?? false } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(admitted == LoginLock.maximumFailures)
    }

    @Test("A session is found by its token until it expires; the table holds only the token's digest")
    func sessions() throws {
        let store = try TestDatabase.newStore()
        let now = Date()
        let session = Session.start(for: "anne", at: now)
        try store.saveSession(session)
        #expect(try store.session(token: session.token, at: now) == session.roundedToSeconds)
        #expect(try store.session(token: session.token, at: now.addingTimeInterval(Session.lifetime + 1)) == nil)
        #expect(try store.session(token: session.digest, at: now) == nil)
        let stored = try sql(store).read { try $0.all("SELECT noegle FROM sessioner") { $0.text(0) } }
        #expect(stored == [session.digest])
        try store.endSession(token: session.token)
        #expect(try store.session(token: session.token, at: now) == nil)
    }

    @Test("The audit log cannot be updated or deleted by SQL; changes made around the triggers are found by the chain")
    func appendOnly() throws {
        let store = try TestDatabase.newStore()
        for i in 0..<5 { try store.appendAudit(user: "anne", action: .laesning, person: "P\(i)", criteria: nil, at: Date()) }
        let database = try sql(store)
        for (statement, refusal) in [
            ("UPDATE auditlog SET bruger = 'bo' WHERE nr = 2", "auditloggen kan ikke ændres"),
            ("DELETE FROM auditlog WHERE nr = 2", "auditloggen kan kun slettes efter opbevaringstiden"),
        ] {
            let error = #expect(throws: (any Error).self) { try database.write { try $0.execute(statement) } }
            #expect("\(error!)".contains(refusal))
        }
        if database.dialect == .postgres {
            let error = #expect(throws: (any Error).self) { try database.write { try $0.execute("TRUNCATE auditlog") } }
            #expect("\(error!)".contains("auditloggen kan kun slettes efter opbevaringstiden"))
        }
        #expect(AuditChain.firstBreak(in: try store.auditEntries(person: nil), anchor: try store.auditAnchor()) == nil)
        try database.write { db in
            try db.execute(database.dialect == .sqlite ? "DROP TRIGGER auditlog_uaendret" : "DROP TRIGGER auditlog_uaendret ON auditlog")
            try db.execute("UPDATE auditlog SET person = 'P9' WHERE nr = 3")
        }
        #expect(AuditChain.firstBreak(in: try store.auditEntries(person: nil), anchor: try store.auditAnchor())?.number == 3)
        #expect(try store.auditEntries(person: "P9").map(\.number) == [3])
    }

    @Test("Retention removes only entries older than the cutoff and moves the anchor, so the chain still holds")
    func retention() throws {
        let store = try TestDatabase.newStore()
        let old = Date(timeIntervalSince1970: 1_700_000_000), recent = Date(timeIntervalSince1970: 1_790_000_000)
        for i in 0..<3 { try store.appendAudit(user: "anne", action: .eksport, person: nil, criteria: "kpi \(i)", at: old) }
        for i in 0..<2 { try store.appendAudit(user: "bo", action: .laesning, person: "P\(i)", criteria: nil, at: recent) }
        #expect(try store.removeAudit(before: old.addingTimeInterval(1)) == 3)
        #expect(try store.removeAudit(before: old.addingTimeInterval(1)) == 0)
        let kept = try store.auditEntries(person: nil)
        #expect(kept.map(\.number) == [4, 5])
        #expect(try store.auditAnchor().number == 3)
        #expect(AuditChain.firstBreak(in: kept, anchor: try store.auditAnchor()) == nil)
        #expect(try store.appendAudit(user: "bo", action: .soegning, person: nil, criteria: "x", at: recent).number == 6)
        #expect(
            AuditRetention.cutoff(months: 6, from: ISO8601DateFormatter().date(from: "2026-08-31T12:00:00Z")!)
                == ISO8601DateFormatter().date(from: "2026-02-28T12:00:00Z")!)
    }
}

/// The SQL under a test store, to reach around it.
func sql(_ store: any DataStore) throws -> any SQLDatabase {
    try #require(store as? any SQLStore).database
}

extension Session {
    /// As stored: the expiry to whole seconds.
    var roundedToSeconds: Session {
        var s = self
        s.expires = Date(timeIntervalSince1970: expires.timeIntervalSince1970.rounded(.down))
        return s
    }
}
