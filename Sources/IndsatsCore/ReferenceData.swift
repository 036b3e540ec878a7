/// The named code lists of the data contract (§2).
public enum CodeListName: String, CaseIterable, Sendable, Codable, CodingKeyRepresentable {
    /// Benefit groups (`ydelse`).
    case ydelse
    /// Why a benefit period ended (`afgang`).
    case afgang
    /// Kinds of activity (`type` in aktiviteter.csv).
    case aktivitetstype
}

/// One code in a code list, valid from `validFrom` through `validTo` (either open).
///
/// Codes are data, not an enum, because the law changes them: uddannelseshjælp
/// and integrationsydelse merged into kontanthjælp on 2025-07-01.
public struct Code: Hashable, Sendable, Codable {
    public var list: CodeListName
    public var code: String
    /// The Danish name shown to users.
    public var name: String
    public var validFrom: Day?
    public var validTo: Day?
    /// For activity types: company-based (virksomhedsrettet).
    public var companyBased: Bool

    public init(
        _ list: CodeListName, _ code: String, _ name: String,
        validFrom: Day? = nil, validTo: Day? = nil, companyBased: Bool = false
    ) {
        self.list = list
        self.code = code
        self.name = name
        self.validFrom = validFrom
        self.validTo = validTo
        self.companyBased = companyBased
    }

    /// `true` when every day of `range` lies within the code's validity.
    public func isValid(throughout range: DayRange) -> Bool {
        (validFrom.map { range.start >= $0 } ?? true) && (validTo.map { range.end <= $0 } ?? true)
    }
}

/// The code lists in force: the shipped defaults plus what the user imported.
///
/// ```swift
/// var reference = ReferenceData.defaults
/// reference.code(.ydelse, "dagpenge")?.name   // "Dagpenge"
/// reference.add(Code(.ydelse, "fleksjob", "Fleksjob"))
/// ```
public struct ReferenceData: Sendable, Codable, Equatable {
    private var lists: [CodeListName: [String: Code]] = [:]

    public init(_ codes: [Code] = []) {
        for code in codes { add(code) }
    }

    /// Adds or replaces a code.
    public mutating func add(_ code: Code) { lists[code.list, default: [:]][code.code] = code }

    public func code(_ list: CodeListName, _ code: String) -> Code? { lists[list]?[code] }

    /// All codes of a list, sorted by code.
    public func codes(_ list: CodeListName) -> [Code] {
        (lists[list] ?? [:]).values.sorted { $0.code < $1.code }
    }

    /// The Danish name of a code, or the code itself when it is unknown.
    public func name(_ list: CodeListName, _ code: String) -> String { self.code(list, code)?.name ?? code }

    /// The activity types that are offers (tilbud) in the law's sense: the right and duty to
    /// an offer and `tilbudsrettidighed` count these (docs/noegletal.md, version 2).
    public static let offerTypes: Set<String> = [
        "virksomhedspraktik", "loentilskud_privat", "loentilskud_offentlig", "nytteindsats", "vejledning_opkvalificering",
    ]

    /// The offers at a company: `andel_virksomhedsrettet` counts these over all ``offerTypes``, as
    /// Jobindsats' company-based activation does (docs/noegletal.md, version 2).
    public static let companyOffers: Set<String> = ["virksomhedspraktik", "loentilskud_privat", "loentilskud_offentlig"]

    /// `hovedydelse`: the benefit a code belongs to across the 2025-07-01 merger, so series run on
    /// through it: `kontanthjaelp` for every `kontanthjaelp_*`, `uddannelseshjaelp_*` and
    /// `integrationsydelse` code, otherwise the code itself (docs/noegletal.md, version 2).
    ///
    /// ```swift
    /// ReferenceData.mainBenefit(of: "uddannelseshjaelp_aktivitetsparat")   // "kontanthjaelp"
    /// ReferenceData.mainBenefit(of: "dagpenge")                            // "dagpenge"
    /// ```
    public static func mainBenefit(of code: String) -> String {
        code.hasPrefix("kontanthjaelp_") || code.hasPrefix("uddannelseshjaelp_") || code == "integrationsydelse" ? mergedBenefit : code
    }

    /// The `hovedydelse` of the codes merged on 2025-07-01.
    public static let mergedBenefit = "kontanthjaelp"

    /// The day uddannelseshjælp and integrationsydelse became kontanthjælp; their codes end the day before.
    public static let mergerDay = Day(year: 2025, month: 7, day: 1)!

    /// The Danish name of a hovedydelse (a code of the list, or ``mergedBenefit``).
    public func mainBenefitName(_ code: String) -> String {
        code == Self.mergedBenefit ? "Kontanthjælp i alt (med uddannelseshjælp og integrationsydelse)" : name(.ydelse, code)
    }

    /// The defaults shipped with Indsats (docs/dataformat.md).
    public static let defaults: ReferenceData = {
        let merged = mergerDay.advanced(by: -1)
        return ReferenceData([
            Code(.ydelse, "dagpenge", "Dagpenge"),
            Code(.ydelse, "kontanthjaelp_jobparat", "Kontanthjælp, jobparat"),
            Code(.ydelse, "kontanthjaelp_aktivitetsparat", "Kontanthjælp, aktivitetsparat"),
            Code(.ydelse, "uddannelseshjaelp_uddannelsesparat", "Uddannelseshjælp, uddannelsesparat", validTo: merged),
            Code(.ydelse, "uddannelseshjaelp_aktivitetsparat", "Uddannelseshjælp, aktivitetsparat", validTo: merged),
            Code(.ydelse, "sygedagpenge", "Sygedagpenge"),
            Code(.ydelse, "jobafklaring", "Jobafklaringsforløb"),
            Code(.ydelse, "ressourceforloeb", "Ressourceforløb"),
            Code(.ydelse, "ledighedsydelse", "Ledighedsydelse"),
            Code(.ydelse, "revalidering", "Revalidering"),
            Code(.ydelse, "foertidspension", "Førtidspension"),
            Code(.ydelse, "integrationsydelse", "Integrationsydelse", validTo: merged),
            Code(.ydelse, "selvforsoergende", "Selvforsørgende ledige"),
            Code(.afgang, "job", "Job"),
            Code(.afgang, "uddannelse", "Uddannelse"),
            Code(.afgang, "anden_ydelse", "Anden ydelse"),
            Code(.afgang, "flytning", "Fraflytning"),
            Code(.afgang, "pension", "Pension"),
            Code(.afgang, "doed", "Død"),
            Code(.afgang, "ukendt", "Ukendt"),
            Code(.aktivitetstype, "virksomhedspraktik", "Virksomhedspraktik", companyBased: true),
            Code(.aktivitetstype, "loentilskud_privat", "Løntilskud, privat", companyBased: true),
            Code(.aktivitetstype, "loentilskud_offentlig", "Løntilskud, offentlig", companyBased: true),
            Code(.aktivitetstype, "nytteindsats", "Nytteindsats"),
            Code(.aktivitetstype, "vejledning_opkvalificering", "Vejledning og opkvalificering"),
            Code(.aktivitetstype, "ordinaere_timer", "Ordinære timer (småjob)", companyBased: true),
            Code(.aktivitetstype, "mentor", "Mentor"),
            Code(.aktivitetstype, "eftervaern", "Efterværn"),
            Code(.aktivitetstype, "igu", "IGU", companyBased: true),
            Code(.aktivitetstype, "egu", "EGU", companyBased: true),
        ])
    }()
}
