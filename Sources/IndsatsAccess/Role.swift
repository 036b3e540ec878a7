/// What a user may see and do. Every route names the roles it admits
/// (``RouteRule``); person-level data and unsuppressed small numbers follow the role.
///
/// ```swift
/// let role = Role(rawValue: "leder")!
/// role.suppressesSmallNumbers   // true: aggregates only, small counts hidden
/// ```
public enum Role: String, CaseIterable, Sendable, Codable {
    /// Manages users and sees everything.
    case administrator
    /// A manager: aggregates only, with small numbers suppressed.
    case leder
    /// An analyst: aggregates, and person-level data pseudonymised (no CPR, no names).
    case analytiker
    /// A caseworker: persons in their own unit only.
    case medarbejder
    /// The political committee: read-only reports, small numbers suppressed.
    case udvalg

    /// The Danish title shown in the interface.
    public var title: String {
        switch self {
        case .administrator: "Administrator"
        case .leder: "Leder"
        case .analytiker: "Analytiker"
        case .medarbejder: "Medarbejder"
        case .udvalg: "Udvalg"
        }
    }

    /// Whether the role's aggregates hide small numbers (docs/noegletal.md, "Small numbers").
    public var suppressesSmallNumbers: Bool { self == .leder || self == .udvalg }

    /// Whether the role may see person-level data at all.
    public var seesPersons: Bool { self == .administrator || self == .analytiker || self == .medarbejder }

    /// Whether the role reads budget proposals and portfolios (caseworkers have no use for them).
    public var seesProposals: Bool { self != .medarbejder }

    /// Whether the role may change a proposal's status.
    public var editsProposals: Bool { self == .administrator || self == .analytiker }

    /// Whether person-level data is shown with pseudonyms instead of CPR numbers and names.
    public var seesPseudonymsOnly: Bool { self == .analytiker }

    /// Whether person-level data is limited to the user's own unit.
    public var limitedToOwnUnit: Bool { self == .medarbejder }

    /// The roles, as a list for messages: "administrator, leder, ...".
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
