// The register's rows, one type per file kind of docs/dataformat.md. Text
// fields hold codes as they came; `extra` keeps unknown columns aside so nothing
// the user sent is dropped.

/// A citizen (personer.csv). `id` is the pseudonymous key; `cpr` is optional and sensitive.
public struct Person: Hashable, Sendable {
    public var id: String
    public var cpr: String?
    public var birthDate: Day?
    /// `K` or `M`.
    public var sex: String?
    /// 3-digit municipality code.
    public var municipality: String?
    /// The day the person's CV was last up to date.
    public var cvDate: Day?
    public var extra: [String: String]

    public init(
        id: String, cpr: String? = nil, birthDate: Day? = nil, sex: String? = nil,
        municipality: String? = nil, cvDate: Day? = nil, extra: [String: String] = [:]
    ) {
        self.id = id; self.cpr = cpr; self.birthDate = birthDate; self.sex = sex
        self.municipality = municipality; self.cvDate = cvDate; self.extra = extra
    }
}

/// A period on a benefit (ydelsesforloeb.csv); `end == nil` means still open.
public struct BenefitPeriod: Hashable, Sendable {
    public var personID: String
    public var benefit: String
    public var start: Day
    public var end: Day?
    /// Why the period ended (`afgang`).
    public var exitReason: String?
    public var municipality: String?
    public var extra: [String: String]

    public init(
        personID: String, benefit: String, start: Day, end: Day? = nil, exitReason: String? = nil,
        municipality: String? = nil, extra: [String: String] = [:]
    ) {
        self.personID = personID; self.benefit = benefit; self.start = start; self.end = end
        self.exitReason = exitReason; self.municipality = municipality; self.extra = extra
    }

    /// The days covered, an open period running to ``Day/distantFuture``.
    public var days: DayRange { DayRange(start, end ?? .distantFuture) }
}

/// A period in an offer or activity (aktiviteter.csv).
public struct Activity: Hashable, Sendable {
    public var id: String
    public var personID: String
    public var type: String
    public var start: Day
    public var end: Day?
    public var hoursPerWeek: Double?
    public var initiativeID: String?
    public var cvr: String?
    public var pNumber: String?
    public var unit: String?
    public var extra: [String: String]

    public init(
        id: String, personID: String, type: String, start: Day, end: Day? = nil,
        hoursPerWeek: Double? = nil, initiativeID: String? = nil, cvr: String? = nil,
        pNumber: String? = nil, unit: String? = nil, extra: [String: String] = [:]
    ) {
        self.id = id; self.personID = personID; self.type = type; self.start = start; self.end = end
        self.hoursPerWeek = hoursPerWeek; self.initiativeID = initiativeID; self.cvr = cvr
        self.pNumber = pNumber; self.unit = unit; self.extra = extra
    }

    public var days: DayRange { DayRange(start, end ?? .distantFuture) }
}

/// How a conversation or a company contact was held (`kanal` in samtaler.csv and
/// virksomhedskontakter.csv, docs/dataformat.md): four values, and the other spellings
/// files use for them. Any other value is an error.
///
/// ```swift
/// Channel(spelling: "Fremmøde")   // .personligt
/// Channel(spelling: "mail")       // .digitalt
/// Channel(spelling: "sms")        // nil
/// ```
public enum Channel: String, CaseIterable, Sendable {
    case personligt, telefon, digitalt, brev

    /// Every accepted spelling, in lower case, to its value: the values, the contract's
    /// aliases (`fremmoede`; `digital`, `mail`, `video`), and the same words with Danish letters.
    public static let spellings: [String: Channel] = {
        var out = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
        for alias in ["fremmoede", "fremmøde", "besøg", "besoeg", "personlig"] { out[alias] = .personligt }
        for alias in ["digital", "mail", "e-mail", "email", "video"] { out[alias] = .digitalt }
        out["telefonisk"] = .telefon
        return out
    }()

    public init?(spelling: String) {
        guard let channel = Self.spellings[spelling.lowercased()] else { return nil }
        self = channel
    }
}

/// A held conversation (samtaler.csv).
public struct Conversation: Hashable, Sendable {
    public var personID: String
    public var date: Day
    public var type: String
    public var staffID: String?
    public var unit: String?
    /// `kommune` or `akasse`.
    public var heldBy: String?
    /// A ``Channel``'s value.
    public var channel: String?
    public var extra: [String: String]

    public init(
        personID: String, date: Day, type: String, staffID: String? = nil, unit: String? = nil,
        heldBy: String? = nil, channel: String? = nil, extra: [String: String] = [:]
    ) {
        self.personID = personID; self.date = date; self.type = type; self.staffID = staffID
        self.unit = unit; self.heldBy = heldBy; self.channel = channel; self.extra = extra
    }
}

/// A company (virksomheder.csv).
public struct Company: Hashable, Sendable {
    public var cvr: String
    public var name: String?
    public var employees: Int?
    public var industry: String?
    public var municipality: String?
    public var extra: [String: String]

    public init(
        cvr: String, name: String? = nil, employees: Int? = nil, industry: String? = nil,
        municipality: String? = nil, extra: [String: String] = [:]
    ) {
        self.cvr = cvr; self.name = name; self.employees = employees; self.industry = industry
        self.municipality = municipality; self.extra = extra
    }
}

/// A contact with a company (virksomhedskontakter.csv).
public struct CompanyContact: Hashable, Sendable {
    public var cvr: String
    public var date: Day
    public var unit: String?
    public var staffID: String?
    public var channel: String?
    public var purpose: String?
    public var result: String?
    /// The case system's own key for the contact (`kontakt_id`), when it has one.
    public var id: String?
    /// What the consultant does next, and by when (an extension of the contract): it stands
    /// on their work list until they record a later contact with the company.
    public var nextStep: String?
    public var nextStepDate: Day?
    public var extra: [String: String]

    public init(
        cvr: String, date: Day, unit: String? = nil, staffID: String? = nil, channel: String? = nil,
        purpose: String? = nil, result: String? = nil, id: String? = nil, nextStep: String? = nil, nextStepDate: Day? = nil,
        extra: [String: String] = [:]
    ) {
        self.cvr = cvr; self.date = date; self.unit = unit; self.staffID = staffID
        self.channel = channel; self.purpose = purpose; self.result = result; self.id = id
        self.nextStep = nextStep; self.nextStepDate = nextStepDate; self.extra = extra
    }
}

/// A job order (jobordrer.csv).
public struct JobOrder: Hashable, Sendable {
    public var id: String
    public var cvr: String
    public var created: Day
    public var positions: Int?
    public var filled: Int?
    public var closed: Day?
    /// The unit that took the order (an extension of the contract's columns).
    public var unit: String?
    /// Whether the order is for a fleksjob (an extension): its candidates are on ledighedsydelse.
    public var flexJob: Bool
    public var extra: [String: String]

    public init(
        id: String, cvr: String, created: Day, positions: Int? = nil, filled: Int? = nil,
        closed: Day? = nil, unit: String? = nil, flexJob: Bool = false, extra: [String: String] = [:]
    ) {
        self.id = id; self.cvr = cvr; self.created = created; self.positions = positions
        self.filled = filled; self.closed = closed; self.unit = unit; self.flexJob = flexJob; self.extra = extra
    }
}

/// A local initiative or project (indsatser.csv).
public struct Initiative: Hashable, Sendable {
    public var id: String
    public var name: String
    public var unit: String?
    public var places: Int?
    public var start: Day?
    public var end: Day?
    /// The budget proposal it comes from (`forslag`).
    public var proposal: String?
    /// Whether the initiative includes aftercare (`eftervaern` = `ja`): leaving it for a job
    /// or education gives the caseworker a call a month later, as an `eftervaern` activity does.
    public var aftercare: Bool
    public var extra: [String: String]

    public init(
        id: String, name: String, unit: String? = nil, places: Int? = nil, start: Day? = nil,
        end: Day? = nil, proposal: String? = nil, aftercare: Bool = false, extra: [String: String] = [:]
    ) {
        self.id = id; self.name = name; self.unit = unit; self.places = places; self.start = start
        self.end = end; self.proposal = proposal; self.aftercare = aftercare; self.extra = extra
    }
}

/// A staff member (medarbejdere.csv).
public struct StaffMember: Hashable, Sendable {
    public var id: String
    public var name: String?
    public var unit: String?
    public var team: String?
    public var extra: [String: String]

    public init(id: String, name: String? = nil, unit: String? = nil, team: String? = nil, extra: [String: String] = [:]) {
        self.id = id; self.name = name; self.unit = unit; self.team = team; self.extra = extra
    }

    /// How pages name the caseworker: "Åse Hansen (M0012)", or the id alone.
    public var label: String { name.map { "\($0) (\(id))" } ?? id }
}

/// A caseworker's responsibility for a citizen's case from a day (tildelinger.csv);
/// `to == nil` means still responsible.
public struct Assignment: Hashable, Sendable {
    public var personID: String
    public var staffID: String
    public var from: Day
    public var to: Day?
    public var extra: [String: String]

    public init(personID: String, staffID: String, from: Day, to: Day? = nil, extra: [String: String] = [:]) {
        self.personID = personID; self.staffID = staffID; self.from = from; self.to = to; self.extra = extra
    }

    public var days: DayRange { DayRange(from, to ?? .distantFuture) }
}

/// A dated contact rule for one benefit (kontaktregler.csv, docs/domaene.md §2):
/// `conversations` conversations within `withinMonths` months of a spell's first
/// day, and a first offer within `offerWithinMonths` months where the rule has one.
///
/// ```swift
/// // The 2020 rule for job-ready kontanthjælp: 4 conversations and an offer within 6 months.
/// ContactRule(benefit: "kontanthjaelp_jobparat", from: Day(year: 2020, month: 1, day: 1)!, conversations: 4,
///             withinMonths: 6, offerWithinMonths: 6)
/// ```
public struct ContactRule: Hashable, Sendable, Codable {
    public var benefit: String
    public var from: Day
    public var to: Day?
    public var conversations: Int
    public var withinMonths: Int
    public var offerWithinMonths: Int?
    /// Only conversations held by the municipality count (`afholdt_af` = `kommune`), not the a-kasse's.
    public var municipalityOnly: Bool
    public var extra: [String: String]

    public init(
        benefit: String, from: Day, to: Day? = nil, conversations: Int, withinMonths: Int, offerWithinMonths: Int? = nil,
        municipalityOnly: Bool = false, extra: [String: String] = [:]
    ) {
        self.benefit = benefit; self.from = from; self.to = to; self.conversations = conversations
        self.withinMonths = withinMonths; self.offerWithinMonths = offerWithinMonths
        self.municipalityOnly = municipalityOnly; self.extra = extra
    }

    public var days: DayRange { DayRange(from, to ?? .distantFuture) }
}

/// A caseworker's screening of a citizen into one of three groups (screeninger.csv): the
/// group decided, the advice it may override (then with a reason), who decided.
public struct Screening: Hashable, Sendable {
    public var personID: String
    public var date: Day
    /// `1`, `2` or `3`.
    public var group: String
    /// The advisory group, when one was given.
    public var advice: String?
    public var staffID: String?
    /// Why the decision differs from the advice.
    public var reason: String?
    public var extra: [String: String]

    public init(
        personID: String, date: Day, group: String, advice: String? = nil, staffID: String? = nil, reason: String? = nil,
        extra: [String: String] = [:]
    ) {
        self.personID = personID; self.date = date; self.group = group; self.advice = advice; self.staffID = staffID
        self.reason = reason; self.extra = extra
    }

    /// Whether the decision overrides given advice.
    public var overridesAdvice: Bool { advice.map { $0 != group } ?? false }
}

/// A citizen placed in a job order (formidlinger.csv): the order, the citizen, the day,
/// and the consultant or caseworker who made the match.
public struct Placement: Hashable, Sendable {
    public var jobOrderID: String
    public var personID: String
    public var date: Day
    public var staffID: String?
    public var extra: [String: String]

    public init(jobOrderID: String, personID: String, date: Day, staffID: String? = nil, extra: [String: String] = [:]) {
        self.jobOrderID = jobOrderID; self.personID = personID; self.date = date; self.staffID = staffID; self.extra = extra
    }
}

/// A company alliance or task force (alliancer.csv), such as Aalborg's alliance of
/// 142 companies, run by a unit over a period.
///
/// ```swift
/// Alliance(id: "A1", name: "Virksomhedsalliancen", start: Day(year: 2024, month: 1, day: 1)!, unit: "Virksomhedsservice")
/// ```
public struct Alliance: Hashable, Sendable {
    public var id: String
    public var name: String
    public var start: Day?
    public var end: Day?
    public var unit: String?
    public var extra: [String: String]

    public init(id: String, name: String, start: Day? = nil, end: Day? = nil, unit: String? = nil, extra: [String: String] = [:]) {
        self.id = id; self.name = name; self.start = start; self.end = end; self.unit = unit; self.extra = extra
    }
}

/// A company's membership of an alliance from a day (alliancemedlemmer.csv), with the
/// praktik and småjob places it pledges a year.
public struct AllianceMembership: Hashable, Sendable {
    public var allianceID: String
    public var cvr: String
    public var from: Day
    public var to: Day?
    /// Praktik places pledged a year.
    public var pledgedInternships: Int?
    /// Småjob (ordinary hours) places pledged a year.
    public var pledgedSmallJobs: Int?
    public var extra: [String: String]

    public init(
        allianceID: String, cvr: String, from: Day, to: Day? = nil, pledgedInternships: Int? = nil, pledgedSmallJobs: Int? = nil,
        extra: [String: String] = [:]
    ) {
        self.allianceID = allianceID; self.cvr = cvr; self.from = from; self.to = to
        self.pledgedInternships = pledgedInternships; self.pledgedSmallJobs = pledgedSmallJobs; self.extra = extra
    }

    public var days: DayRange { DayRange(from, to ?? .distantFuture) }
}

/// A day a citizen's CV was updated (cv_opdateringer.csv): with this history, a person has a
/// CV from their first update on, rather than only from the latest `cv_dato`.
public struct CVUpdate: Hashable, Sendable {
    public var personID: String
    public var date: Day
    public var extra: [String: String]

    public init(personID: String, date: Day, extra: [String: String] = [:]) {
        self.personID = personID; self.date = date; self.extra = extra
    }
}

/// A grant pool (puljer.csv), such as Høje-Taastrup's "Flere skal med 2": the grant
/// for a period and the share of its target group that is to reach work or education.
///
/// ```swift
/// GrantPool(id: "FSM2", name: "Flere skal med 2", from: Day(year: 2024, month: 1, day: 1)!,
///           to: Day(year: 2025, month: 12, day: 31)!, grant: 2_960_000, targetShare: 0.35)
/// ```
public struct GrantPool: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var from: Day
    public var to: Day
    /// The grant in kroner.
    public var grant: Double?
    /// The share of participants the pool aims to see achieve (0-1).
    public var targetShare: Double?
    public var extra: [String: String]

    public init(
        id: String, name: String, from: Day, to: Day, grant: Double? = nil, targetShare: Double? = nil, extra: [String: String] = [:]
    ) {
        self.id = id; self.name = name; self.from = from; self.to = to; self.grant = grant; self.targetShare = targetShare
        self.extra = extra
    }

    public var days: DayRange { DayRange(from, to) }
}

/// A citizen in a pool's target group from a day (puljedeltagere.csv).
public struct PoolParticipant: Hashable, Sendable {
    public var poolID: String
    public var personID: String
    public var from: Day
    public var to: Day?
    public var extra: [String: String]

    public init(poolID: String, personID: String, from: Day, to: Day? = nil, extra: [String: String] = [:]) {
        self.poolID = poolID; self.personID = personID; self.from = from; self.to = to; self.extra = extra
    }
}

/// One instalment of a pool's grant (puljerater.csv, an extension of the contract): its share of
/// the grant, the result share that releases it (none: no result requirement), what else it needs
/// and when it falls due. Thresholds are the pool's own data, never constants.
public struct PoolInstalment: Hashable, Sendable {
    public var poolID: String
    /// The instalment's number within the pool (1, 2, ...).
    public var number: Int
    /// Its share of the grant (0-1).
    public var share: Double
    /// The share of participants who must have achieved (0-1), if the instalment has a result requirement.
    public var resultShare: Double?
    /// What else releases it, in the pool's words (an interim account signed by management).
    public var condition: String?
    public var due: Day?
    public var extra: [String: String]

    public init(
        poolID: String, number: Int, share: Double, resultShare: Double? = nil, condition: String? = nil, due: Day? = nil,
        extra: [String: String] = [:]
    ) {
        self.poolID = poolID; self.number = number; self.share = share; self.resultShare = resultShare; self.condition = condition
        self.due = due; self.extra = extra
    }
}

/// The budget for one benefit in one year, in kroner (budget.csv).
public struct BenefitBudget: Hashable, Sendable, Codable {
    public var year: Int
    public var benefit: String
    public var amount: Double
    public var extra: [String: String]

    public init(year: Int, benefit: String, amount: Double, extra: [String: String] = [:]) {
        self.year = year; self.benefit = benefit; self.amount = amount; self.extra = extra
    }
}

/// A published figure for another area (landstal.csv), as Jobindsats exports it: the whole
/// country, another municipality or a cluster of them, for a month (`2024-03`), a quarter
/// (`2024-K1`) or a year (`2024`), with the area's inhabitants aged 16-64 when given.
///
/// ```swift
/// NationalFigure(area: "Hele landet", period: "2025", measure: "fuldtidspersoner", value: 590_000, population: 3_750_000)
/// ```
public struct NationalFigure: Hashable, Sendable {
    public var area: String
    public var period: String
    /// A measure's name (docs/noegletal.md).
    public var measure: String
    public var value: Double
    /// The ydelse the figure is for, `nil` for all.
    public var benefit: String?
    /// Inhabitants aged 16-64.
    public var population: Int?
    public var extra: [String: String]

    public init(
        area: String, period: String, measure: String, value: Double, benefit: String? = nil, population: Int? = nil,
        extra: [String: String] = [:]
    ) {
        self.area = area; self.period = period; self.measure = measure; self.value = value; self.benefit = benefit
        self.population = population; self.extra = extra
    }
}
