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

    /// The activity types counted as started: praktikker and småjob (ordinary hours).
    public static let startTypes: Set<String> = ["virksomhedspraktik", "ordinaere_timer"]

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
        var rows = (first.year...through.year).map { year in
            let end = min(through, Day(year: year, month: 12, day: 31)!)
            let atEnd = memberships.filter { $0.days.contains(end) }
            return AllianceYear(
                year: year, newMembers: memberships.count { $0.from.year == year }, members: atEnd.count,
                pledgedInternships: atEnd.reduce(0) { $0 + ($1.pledgedInternships ?? 0) },
                pledgedSmallJobs: atEnd.reduce(0) { $0 + ($1.pledgedSmallJobs ?? 0) }, internshipsStarted: 0, smallJobsStarted: 0,
                placements: 0)
        }
        let byCompany = Dictionary(grouping: memberships, by: \.cvr)
        for event in events where event.day <= through && event.day.year >= first.year {
            guard byCompany[event.cvr]?.contains(where: { $0.days.contains(event.day) }) ?? false else { continue }
            let i = event.day.year - first.year
            switch event.type {
            case nil: rows[i].placements += 1
            case "virksomhedspraktik": rows[i].internshipsStarted += 1
            case "ordinaere_timer": rows[i].smallJobsStarted += 1
            default: break
            }
        }
        return rows
    }
}

/// A citizen's experience in a branch: an activity at a company in it.
public struct BranchExperience: Sendable, Equatable {
    public var personID: String
    public var type: String
    public var start: Day
    public var end: Day?

    public init(personID: String, type: String, start: Day, end: Day?) {
        self.personID = personID; self.type = type; self.start = start; self.end = end
    }
}

/// A suggested candidate for a job order, with the score and the reasons that make it.
public struct JobCandidate: Sendable, Equatable {
    public var personID: String
    public var benefit: String
    public var score: Int
    public var reasons: [String]

    public init(personID: String, benefit: String, score: Int, reasons: [String]) {
        self.personID = personID; self.benefit = benefit; self.score = score; self.reasons = reasons
    }
}

/// Candidates for a job order, by a published, transparent score (docs/domaene.md
/// "Virksomheder"): experience at companies in the order's branch counts by its kind (a job,
/// IGU or løntilskud 3 points, praktik or EGU 2), one more when it ran in the last 12 months;
/// being on a job-ready benefit adds 2. Advice only: the consultant decides.
///
/// ```swift
/// JobMatch.rank(experiences, benefits: ["P1": "dagpenge"], on: day, limit: 20)
/// ```
public enum JobMatch {
    /// Points for an activity of each kind at a company in the branch.
    public static let points: [String: Int] = [
        "ordinaere_timer": 3, "igu": 3, "loentilskud_privat": 3, "loentilskud_offentlig": 3, "virksomhedspraktik": 2, "egu": 2,
    ]
    /// Benefits whose recipients are ready for a job now.
    public static let readyBenefits: Set<String> = ["dagpenge", "kontanthjaelp_jobparat"]
    public static let readyPoints = 2

    /// The citizens in `benefits` (their benefit on the day) with experience in the branch, best
    /// first (ties by id), at most `limit`.
    public static func rank(_ experiences: [BranchExperience], benefits: [String: String], on day: Day, limit: Int) -> [JobCandidate] {
        let recent = day.adding(months: -12)
        var candidates: [String: JobCandidate] = [:]
        for e in experiences.sorted(by: { ($0.start, $0.type) > ($1.start, $1.type) }) {
            guard let benefit = benefits[e.personID], let base = points[e.type], e.start <= day else { continue }
            let isRecent = (e.end ?? .distantFuture) >= recent
            let add = base + (isRecent ? 1 : 0)
            var c =
                candidates[e.personID]
                ?? JobCandidate(
                    personID: e.personID, benefit: benefit, score: readyBenefits.contains(benefit) ? readyPoints : 0,
                    reasons: readyBenefits.contains(benefit) ? ["jobparat (\(benefit)) +\(readyPoints)"] : [])
            c.score += add
            let span = "\(e.start.danish)–\(e.end?.danish ?? "")"
            c.reasons.append("\(e.type) i branchen \(span)\(isRecent ? ", seneste 12 måneder" : "") +\(add)")
            candidates[e.personID] = c
        }
        return Array(candidates.values.sorted { ($1.score, $0.personID) < ($0.score, $1.personID) }.prefix(max(0, limit)))
    }
}
