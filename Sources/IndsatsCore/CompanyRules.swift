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

/// An alliance followed year by year (seed 001's "opfølgning" of its alliance): members,
/// what they pledged, and what started at their companies while they were members.
///
/// ```swift
/// let years = AllianceYear.years(memberships: members, starts: starts, placements: placed, through: dataDate)
/// years.last?.internshipsStarted   // praktikker started this year at member companies
/// ```
public struct AllianceYear: Sendable, Equatable {
    public var year: Int
    /// Memberships starting in the year, and those covering its last day (or the data date).
    public var newMembers: Int
    public var members: Int
    /// Places pledged a year by the members counted.
    public var pledgedInternships: Int
    public var pledgedSmallJobs: Int
    /// Activities started in the year at member companies during their membership.
    public var internshipsStarted: Int
    public var smallJobsStarted: Int
    /// Citizens placed in job orders of member companies during their membership.
    public var placements: Int

    /// One activity (or placement) at a company: its type (`nil` for a placement), day and CVR number.
    public struct Event: Sendable {
        public var type: String?
        public var day: Day
        public var cvr: String
        public init(type: String?, day: Day, cvr: String) { self.type = type; self.day = day; self.cvr = cvr }
    }

    /// Each year from the first membership's through `through`'s. Events outside a membership of
    /// their company are not the alliance's; each event counts once however many memberships cover it.
    public static func years(memberships: [AllianceMembership], events: [Event], through: Day) -> [AllianceYear] {
        guard let first = memberships.map(\.from).min(), first <= through else { return [] }
        let byCompany = Dictionary(grouping: memberships, by: \.cvr)
        return (first.year...through.year).map { year in
            let end = min(through, Day(year: year, month: 12, day: 31)!)
            let atEnd = memberships.filter { $0.days.contains(end) }
            var row = AllianceYear(
                year: year, newMembers: memberships.count { $0.from.year == year }, members: atEnd.count,
                pledgedInternships: atEnd.reduce(0) { $0 + ($1.pledgedInternships ?? 0) },
                pledgedSmallJobs: atEnd.reduce(0) { $0 + ($1.pledgedSmallJobs ?? 0) }, internshipsStarted: 0, smallJobsStarted: 0,
                placements: 0)
            for event in events where event.day.year == year && event.day <= through {
                guard byCompany[event.cvr]?.contains(where: { $0.days.contains(event.day) }) ?? false else { continue }
                switch event.type {
                case nil: row.placements += 1
                case "virksomhedspraktik": row.internshipsStarted += 1
                case "ordinaere_timer": row.smallJobsStarted += 1
                default: break
                }
            }
            return row
        }
    }
}
