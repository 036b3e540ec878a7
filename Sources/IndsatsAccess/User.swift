import Foundation
import HummingbirdBcrypt

/// A person who logs in: a name, a role, the unit a caseworker belongs to, and
/// the state of their login (blocked by an administrator, or locked for a while
/// after failed attempts).
public struct User: Sendable, Equatable {
    public var name: String
    public var role: Role
    /// The unit (`enhed`) whose persons a ``Role/medarbejder`` may see.
    public var unit: String?
    /// Blocked by an administrator (`indsats bruger spaer`): no login at all.
    public var blocked: Bool
    /// Failed logins since the last successful one.
    public var failedLogins: Int
    /// Locked after too many failed logins, until this time.
    public var lockedUntil: Date?

    public init(name: String, role: Role, unit: String? = nil, blocked: Bool = false, failedLogins: Int = 0, lockedUntil: Date? = nil) {
        self.name = name
        self.role = role
        self.unit = unit
        self.blocked = blocked
        self.failedLogins = failedLogins
        self.lockedUntil = lockedUntil
    }
}

/// Passwords are kept only as bcrypt hashes.
///
/// ```swift
/// let hash = try Password.hash("en lang og god adgangskode")
/// Password.matches("en lang og god adgangskode", hash: hash)   // true
/// ```
public enum Password {
    /// The shortest password accepted.
    public static let minimumLength = 12
    /// bcrypt's cost: 2^10 rounds, about 50 ms here; high enough to slow guessing.
    static let cost: UInt8 = 10

    /// The hash to store, after checking the password is long enough.
    public static func hash(_ password: String) throws(AccessError) -> String {
        guard password.count >= minimumLength else {
            throw AccessError("adgangskoden skal have mindst \(minimumLength) tegn")
        }
        return Bcrypt.hash(password, cost: cost)
    }

    public static func matches(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// A random password of 16 letters and digits (no look-alikes), for demo users and resets.
    public static func random() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
    }
}

/// How failed logins lock a user: after ``maximumFailures`` in a row, no login for
/// ``lockDuration``; a successful login resets the count.
public enum LoginLock {
    public static let maximumFailures = 5
    public static let lockDuration: TimeInterval = 15 * 60

    /// The one answer to every refused login: wrong name, wrong password, blocked or locked.
    public static let refusal =
        "Forkert brugernavn eller adgangskode, eller brugeren er spærret eller midlertidigt låst efter for mange forsøg."

    /// Checked against when the user is unknown, blocked or locked, so every refusal costs one bcrypt check.
    public static let decoyHash = Bcrypt.hash(Password.random(), cost: Password.cost)
}

/// An access failure, in Danish.
public struct AccessError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
