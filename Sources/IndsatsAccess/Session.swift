import Crypto
import Foundation

/// A logged-in session. The browser holds ``token``; the store keeps only its
/// SHA-256 digest, so a copy of the database does not let anyone log in.
public struct Session: Sendable, Equatable {
    /// How long a session lasts from login.
    public static let lifetime: TimeInterval = 8 * 60 * 60
    /// The cookie carrying the token.
    public static let cookieName = "indsats_session"

    public var token: String
    public var userName: String
    /// Sent with every form and checked on every POST (CSRF protection).
    public var csrfToken: String
    public var expires: Date

    /// A new session for `userName` starting at `now`.
    public static func start(for userName: String, at now: Date) -> Session {
        Session(token: randomToken(), userName: userName, csrfToken: randomToken(), expires: now.addingTimeInterval(lifetime))
    }

    public init(token: String, userName: String, csrfToken: String, expires: Date) {
        self.token = token
        self.userName = userName
        self.csrfToken = csrfToken
        self.expires = expires
    }

    /// What the store keeps in place of the token.
    public var digest: String { Self.digest(of: token) }

    public static func digest(of token: String) -> String { hex(SHA256.hash(data: Data(token.utf8))) }

    /// 256 random bits as 64 hex digits.
    public static func randomToken() -> String {
        var rng = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(rng.next() as UInt64, radix: 16).leftPadded(to: 16) }.joined()
    }
}

func hex(_ digest: some Sequence<UInt8>) -> String {
    digest.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
