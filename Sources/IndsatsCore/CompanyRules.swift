/// Where a job order stands, from its positions, what it says is filled, the citizens
/// placed in it and whether it is closed.
///
/// ```swift
/// JobOrderStatus(positions: 3, filled: 1, placed: 2, closed: nil)   // .delvist_besat
/// ```
public enum JobOrderStatus: String, CaseIterable, Sendable {
    case aaben, delvist_besat, besat, lukket_ubesat

    /// Filled is the larger of the order's `besat` and the placements recorded in it: a
    /// placement recorded on the page counts before the case system's file says so.
    public init(positions: Int?, filled: Int?, placed: Int, closed: Day?) {
        let taken = max(filled ?? 0, placed)
        if let positions, positions > 0, taken >= positions {
            self = .besat
        } else if taken > 0 {
            self = .delvist_besat
        } else {
            self = closed == nil ? .aaben : .lukket_ubesat
        }
    }

    public var title: String {
        switch self {
        case .aaben: "Åben"
        case .delvist_besat: "Delvist besat"
        case .besat: "Besat"
        case .lukket_ubesat: "Lukket ubesat"
        }
    }
}

/// The rule of thumb for subsidised places at a company (rimelighedskravet, docs/domaene.md
/// "Virksomheder"): one citizen in praktik or løntilskud per 5 ordinary employees up to 50,
/// and always at least one, then one per 10 more.
///
/// ```swift
/// SubsidisedPlaces.allowed(employees: 72)   // 12
/// ```
public enum SubsidisedPlaces {
    /// The activity types the rule counts.
    public static let types: Set<String> = ["virksomhedspraktik", "loentilskud_privat", "loentilskud_offentlig"]

    public static func allowed(employees: Int) -> Int {
        employees <= 50 ? max(1, employees / 5) : 10 + (employees - 50) / 10
    }
}
