import Crypto
import Foundation
import IndsatsCore

/// The names analysts see for citizens: the same person always gets the same
/// pseudonym, so courses can be followed, but without the installation's key
/// (kept in the database, never shown) a pseudonym cannot be traced to a person.
///
/// ```swift
/// let pseudonyms = Pseudonyms(key: Pseudonyms.newKey())
/// pseudonyms.of("P0000017")   // "PS-1f0c9a7e52b4d618", the same every time with this key
/// ```
public struct Pseudonyms: Sendable {
    private let key: String
    public static let prefix = "PS-"
    /// What a CPR number's keyed hash starts with.
    public static let cprPrefix = "CPR-"

    public init(key: String) { self.key = key }

    /// An HMAC-SHA256 of the person id, 64 bits of it in hex.
    public func of(_ personID: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(personID.utf8), using: SymmetricKey(data: Data(key.utf8)))
        return Self.prefix + hex(code.prefix(8))
    }

    /// What stands in the audit log for text that could be a CPR number (``CPRText``): a keyed
    /// hash, so searches for one number can be found again with the key, never read back.
    public func ofCPR(_ digits: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(("cpr:" + digits).utf8), using: SymmetricKey(data: Data(key.utf8)))
        return Self.cprPrefix + hex(code.prefix(8))
    }

    /// `text` with everything that could be a CPR number replaced by its keyed hash.
    public func scrubbingCPR(_ text: String) -> String {
        CPRText.scrub(text, keeping: [Self.prefix, Self.cprPrefix], replacing: ofCPR)
    }

    public static func looksLikePseudonym(_ text: String) -> Bool {
        text.hasPrefix(prefix) && text.count == prefix.count + 16 && text.dropFirst(prefix.count).allSatisfy(\.isHexDigit)
    }

    /// A new random key: 256 bits in hex.
    public static func newKey() -> String { Session.randomToken() }
}
