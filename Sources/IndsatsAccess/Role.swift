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

    /// What a role may see and do, one switch over every role, so a new role must be given
    /// each right or refusal here and inherits none by accident.
    private var rights: (suppresses: Bool, persons: Bool, proposals: Bool, edits: Bool, pseudonyms: Bool, ownUnit: Bool, caseloads: Bool) {
        switch self {
        case .administrator:
            (suppresses: false, persons: true, proposals: true, edits: true, pseudonyms: false, ownUnit: false, caseloads: true)
        case .leder: (suppresses: true, persons: false, proposals: true, edits: false, pseudonyms: false, ownUnit: false, caseloads: true)
        case .analytiker:
            (suppresses: false, persons: true, proposals: true, edits: true, pseudonyms: true, ownUnit: false, caseloads: true)
        case .medarbejder:
            (suppresses: false, persons: true, proposals: false, edits: false, pseudonyms: false, ownUnit: true, caseloads: false)
        case .udvalg: (suppresses: true, persons: false, proposals: true, edits: false, pseudonyms: false, ownUnit: false, caseloads: false)
        }
    }

    /// Whether the role's aggregates hide small numbers (docs/noegletal.md, "Small numbers").
    public var suppressesSmallNumbers: Bool { rights.suppresses }

    /// Whether the role may see person-level data at all.
    public var seesPersons: Bool { rights.persons }

    /// Whether the role reads budget proposals and portfolios (caseworkers have no use for them).
    public var seesProposals: Bool { rights.proposals }

    /// Whether the role may change a proposal's status.
    public var editsProposals: Bool { rights.edits }

    /// Whether person-level data is shown with pseudonyms instead of CPR numbers and names.
    public var seesPseudonymsOnly: Bool { rights.pseudonyms }

    /// Whether person-level data is limited to the user's own unit.
    public var limitedToOwnUnit: Bool { rights.ownUnit }

    /// Whether the role reads caseworkers' caseloads (the caseload page): those who run the units.
    public var seesCaseloads: Bool { rights.caseloads }

    /// The roles that read caseloads.
    public static var caseloadReaders: [Role] { allCases.filter(\.seesCaseloads) }

    /// The roles that see person-level data (the person pages and their API).
    public static var personReaders: [Role] { allCases.filter(\.seesPersons) }

    /// The roles that read proposals, portfolios and follow-ups.
    public static var proposalReaders: [Role] { allCases.filter(\.seesProposals) }

    /// The roles that change what pages show: proposals and their status, rates, weekly targets.
    public static var editors: [Role] { allCases.filter(\.editsProposals) }

    /// The roles, as a list for messages: "administrator, leder, ...".
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
