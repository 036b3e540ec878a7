import Foundation

/// A budget proposal for an effort (prioriteringsforslag, investeringsforslag): every
/// field of Herning's form (seed 003), which Vesthimmerland's shorter note (seed 000)
/// also fits. Amounts are kroner; the forms' tables are in 1.000 kr.
///
/// ```json
/// {"nr": "BIC 01", "overskrift": "Udvide Transit til borgere med en varighed over 12 måneder",
///  "ansvarlig_enhed": "BIC", "indsats": ["afhjaelpende"], "tilgang": "investering", "prisniveau": "2016-pl",
///  "oekonomi": [{"aar": 2017, "driftsudgifter": 375000, "sparet_forsoergelse": 290000, "aarsvaerk": 1}],
///  "maal": {"personer": 10, "pr_aar": true, "udfald": "job_eller_uddannelse"}, "status": "forslag"}
/// ```
public struct Proposal: Codable, Sendable, Equatable {
    /// Forslag nr., the proposal's key: "BIC 01", "CEB 06A".
    public var number: String
    public var title: String
    public var responsibleUnit: String
    /// Forslag fra: the unit or consultancy that wrote it.
    public var proposedBy: String
    public var municipality: String
    /// Vesthimmerland's heading above the proposal ("Unge", "Sygedagpenge").
    public var focusArea: String
    public var stages: [Stage]
    public var approach: Approach?
    /// Price level of the amounts, "2016-pl".
    public var priceLevel: String
    /// The form's economic table by year.
    public var economy: [EconomyYear]
    public var background: String
    public var legalRequirements: String
    public var today: String
    public var future: String
    public var consequences: String
    /// Words about the economy where the form has no table (Vesthimmerland).
    public var economyNote: String
    public var successCriterion: String
    /// The success criterion as a number, where the text gives one.
    public var target: Target?
    public var status: Status
    /// Proposals sharing a group exclude each other (CEB 06A and 06B: "CEB 06").
    public var exclusiveGroup: String?
    /// The source's sentence the group rests on, quoted.
    public var exclusiveGroupSource: String?
    /// Proposals that must be chosen for this one to be.
    public var requires: [String]
    /// The source's sentence the requirement rests on, quoted.
    public var requiresSource: String?
    /// The initiatives (`indsats_id` in the register) that carry the proposal out.
    public var initiatives: [String]
    /// A SØM-style case behind the table's figures, where one is written.
    public var businessCase: BusinessCase?

    /// Indsats: where in a course the effort acts; a form may mark several.
    public enum Stage: String, Codable, Sendable, CaseIterable {
        case forebyggende, tidlig, afhjaelpende, eftervaern
        public var label: String { self == .afhjaelpende ? "afhjælpende" : self == .eftervaern ? "efterværn" : rawValue }
    }

    /// Tilgang: how the effort is paid for.
    public enum Approach: String, Codable, Sendable, CaseIterable {
        case investering, prioritering, effektivisering
    }

    public enum Status: String, Codable, Sendable, CaseIterable {
        case forslag, vedtaget, afvist
        case iDrift = "i_drift"
        case evalueret
        public var label: String { self == .iDrift ? "i drift" : rawValue }
        /// Decided to go ahead: a portfolio must keep it.
        public var isAdopted: Bool { self == .vedtaget || self == .iDrift || self == .evalueret }
    }

    /// One year of the form's table. Costs are + for more spending; the saving is
    /// + for benefit spending avoided, whatever sign the form used.
    public struct EconomyYear: Codable, Sendable, Equatable {
        public var year: Int
        /// Ændring i driftsudgifter (kr).
        public var operatingCost: Double
        /// Sparet forsørgelsesudgift (kr), the municipality's, after refusion.
        public var benefitSaving: Double
        /// Ændring i personaleforbrug (årsværk).
        public var staff: Double

        public init(year: Int, operatingCost: Double = 0, benefitSaving: Double = 0, staff: Double = 0) {
            self.year = year; self.operatingCost = operatingCost; self.benefitSaving = benefitSaving; self.staff = staff
        }

        enum CodingKeys: String, CodingKey {
            case year = "aar", operatingCost = "driftsudgifter", benefitSaving = "sparet_forsoergelse", staff = "aarsvaerk"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            year = try c.decode(Int.self, forKey: .year)
            operatingCost = try c.decodeIfPresent(Double.self, forKey: .operatingCost) ?? 0
            benefitSaving = try c.decodeIfPresent(Double.self, forKey: .benefitSaving) ?? 0
            staff = try c.decodeIfPresent(Double.self, forKey: .staff) ?? 0
        }
    }

    /// A success criterion as a number: "yderligere 10 borgere i job eller uddannelse pr. år".
    public struct Target: Codable, Sendable, Equatable {
        public var persons: Double
        /// Persons each year, or once over the proposal's life.
        public var perYear: Bool
        public var outcome: Outcome
        /// The benefit the persons leave, where the text names one.
        public var benefit: String?

        public init(persons: Double, perYear: Bool, outcome: Outcome, benefit: String? = nil) {
            self.persons = persons; self.perYear = perYear; self.outcome = outcome; self.benefit = benefit
        }

        public enum Outcome: String, Codable, Sendable, CaseIterable {
            case jobEllerUddannelse = "job_eller_uddannelse", job = "arbejde", uddannelse, selvforsoergelse
            /// Full-time persons fewer on the benefit (helårspersoner).
            case fuldtidspersonerFaerre = "fuldtidspersoner_faerre"
            public var label: String {
                switch self {
                case .jobEllerUddannelse: "i job eller uddannelse"
                case .job: "i arbejde"
                case .uddannelse: "i uddannelse"
                case .selvforsoergelse: "selvforsørgende"
                case .fuldtidspersonerFaerre: "fuldtidspersoner færre"
                }
            }
        }

        enum CodingKeys: String, CodingKey {
            case persons = "personer", perYear = "pr_aar", outcome = "udfald", benefit = "ydelse"
        }
    }

    public init(
        number: String, title: String, responsibleUnit: String, proposedBy: String = "", municipality: String = "",
        focusArea: String = "", stages: [Stage] = [], approach: Approach? = nil, priceLevel: String = "",
        economy: [EconomyYear] = [], background: String = "", legalRequirements: String = "", today: String = "",
        future: String = "", consequences: String = "", economyNote: String = "", successCriterion: String = "",
        target: Target? = nil, status: Status = .forslag, exclusiveGroup: String? = nil, exclusiveGroupSource: String? = nil,
        requires: [String] = [], requiresSource: String? = nil, initiatives: [String] = [], businessCase: BusinessCase? = nil
    ) {
        self.number = number; self.title = title; self.responsibleUnit = responsibleUnit; self.proposedBy = proposedBy
        self.municipality = municipality; self.focusArea = focusArea; self.stages = stages; self.approach = approach
        self.priceLevel = priceLevel; self.economy = economy; self.background = background
        self.legalRequirements = legalRequirements; self.today = today; self.future = future; self.consequences = consequences
        self.economyNote = economyNote; self.successCriterion = successCriterion; self.target = target; self.status = status
        self.exclusiveGroup = exclusiveGroup; self.exclusiveGroupSource = exclusiveGroupSource; self.requires = requires
        self.requiresSource = requiresSource; self.initiatives = initiatives; self.businessCase = businessCase
    }

    enum CodingKeys: String, CodingKey {
        case number = "nr", title = "overskrift", responsibleUnit = "ansvarlig_enhed", proposedBy = "forslag_fra"
        case municipality = "kommune", focusArea = "fokusomraade", stages = "indsats", approach = "tilgang"
        case priceLevel = "prisniveau", economy = "oekonomi", background = "baggrund", legalRequirements = "lovkrav"
        case today = "i_dag", future = "fremadrettet", consequences = "konsekvenser", economyNote = "oekonomi_tekst"
        case successCriterion = "succeskriterie", target = "maal", status, exclusiveGroup = "gensidigt_udelukkende"
        case exclusiveGroupSource = "gensidigt_udelukkende_kilde", requiresSource = "forudsaetter_kilde"
        case requires = "forudsaetter", initiatives = "indsatser", businessCase = "businesscase"
    }

    /// Only `nr`, `overskrift` and `ansvarlig_enhed` are required; texts default to empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String { try c.decodeIfPresent(String.self, forKey: key) ?? "" }
        number = try c.decode(String.self, forKey: .number)
        title = try c.decode(String.self, forKey: .title)
        responsibleUnit = try c.decode(String.self, forKey: .responsibleUnit)
        proposedBy = try text(.proposedBy)
        municipality = try text(.municipality)
        focusArea = try text(.focusArea)
        stages = try c.decodeIfPresent([Stage].self, forKey: .stages) ?? []
        approach = try c.decodeIfPresent(Approach.self, forKey: .approach)
        priceLevel = try text(.priceLevel)
        economy = try c.decodeIfPresent([EconomyYear].self, forKey: .economy) ?? []
        background = try text(.background)
        legalRequirements = try text(.legalRequirements)
        today = try text(.today)
        future = try text(.future)
        consequences = try text(.consequences)
        economyNote = try text(.economyNote)
        successCriterion = try text(.successCriterion)
        target = try c.decodeIfPresent(Target.self, forKey: .target)
        status = try c.decodeIfPresent(Status.self, forKey: .status) ?? .forslag
        exclusiveGroup = try c.decodeIfPresent(String.self, forKey: .exclusiveGroup)
        exclusiveGroupSource = try c.decodeIfPresent(String.self, forKey: .exclusiveGroupSource)
        requires = try c.decodeIfPresent([String].self, forKey: .requires) ?? []
        requiresSource = try c.decodeIfPresent(String.self, forKey: .requiresSource)
        initiatives = try c.decodeIfPresent([String].self, forKey: .initiatives) ?? []
        businessCase = try c.decodeIfPresent(BusinessCase.self, forKey: .businessCase)
    }

    /// The municipality's net per year: the business case's where there is one, else the table's saving less its cost.
    public var netByYear: [Int: Double] {
        if let businessCase {
            return Dictionary(uniqueKeysWithValues: BusinessCaseResult(businessCase).years.map { ($0.year, $0.municipalNet) })
        }
        return Dictionary(economy.map { ($0.year, $0.benefitSaving - $0.operatingCost) }, uniquingKeysWith: +)
    }

    /// The business case to show: the proposal's own, or one made of the form's figures
    /// (operating costs and stated savings by year, up to 10 years); `nil` without figures.
    public var caseOrForm: BusinessCase? {
        if let businessCase { return businessCase }
        guard !hasNoFigures, let first = economy.map(\.year).min(), let last = economy.map(\.year).max() else { return nil }
        return BusinessCase(
            name: "\(number) \(title) (skemaets tal)", startYear: first, horizon: min(10, last - first + 1),
            costs: costByYear, effects: [], rates: [:], municipalShare: [:],
            statedSavings: Dictionary(economy.map { ($0.year, $0.benefitSaving) }, uniquingKeysWith: +))
    }

    /// The net present value at `rate`, discounted from the proposal's first year.
    public func presentValue(rate: Double) -> Double {
        let net = netByYear
        guard let first = net.keys.min() else { return 0 }
        return net.reduce(0) { sum, entry in sum + entry.value / pow(1 + rate, Double(entry.key - first)) }
    }

    /// Operating cost by year (kr), for budget limits.
    public var costByYear: [Int: Double] {
        Dictionary(economy.map { ($0.year, $0.operatingCost) }, uniquingKeysWith: +)
    }

    /// Staff by year (årsværk), for staff limits.
    public var staffByYear: [Int: Double] {
        Dictionary(economy.map { ($0.year, $0.staff) }, uniquingKeysWith: +)
    }

    /// True when the form gives no amount and no staff at all.
    public var hasNoFigures: Bool {
        businessCase == nil && economy.allSatisfy { $0.operatingCost == 0 && $0.benefitSaving == 0 && $0.staff == 0 }
    }
}
