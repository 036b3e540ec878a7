import Foundation
import IndsatsCore

/// How many citizens on a benefit one caseworker in a unit should have at most: set by
/// analysts per unit and benefit (`alle` for every benefit of the unit), with a default.
/// A caseworker's load is the sum over benefits of citizens / norm, so 1,0 is a full
/// caseload whatever mix of benefits it holds.
///
/// ```swift
/// var norms = CaseloadNorms()                          // 50 for everyone (seed 001: "omkring 50")
/// norms.units["Job og Afklaring"] = ["alle": 30]       // JC 08's intensive effort
/// norms.load(unit: "Jobservice", caseload: ["kontanthjaelp_jobparat": 40, "dagpenge": 20])   // 1,2
/// ```
public struct CaseloadNorms: Codable, Sendable, Equatable {
    /// The seeds' norm: about 50 kontanthjælp recipients a caseworker (seed 001).
    public static let seedDefault = 50.0
    /// The key of a unit's norm for every benefit it has no norm of its own for.
    public static let everyBenefit = "alle"

    public var standard: Double
    /// Norms by unit, then benefit code or ``everyBenefit``.
    public var units: [String: [String: Double]]

    public init(standard: Double = CaseloadNorms.seedDefault, units: [String: [String: Double]] = [:]) {
        self.standard = standard
        self.units = units
    }

    enum CodingKeys: String, CodingKey { case standard, units = "enheder" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        standard = try c.decodeIfPresent(Double.self, forKey: .standard) ?? Self.seedDefault
        units = try c.decodeIfPresent([String: [String: Double]].self, forKey: .units) ?? [:]
    }

    /// The norm for `benefit` in `unit`: its own, else the unit's for every benefit, else the standard.
    public func norm(unit: String, benefit: String) -> Double {
        units[unit]?[benefit] ?? units[unit]?[Self.everyBenefit] ?? standard
    }

    /// A caseload's share of a full one: Σ citizens on each benefit / its norm.
    public func load(unit: String, caseload: [String: Int]) -> Double {
        caseload.reduce(0) { $0 + Double($1.value) / norm(unit: unit, benefit: $1.key) }
    }

    public var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try! encoder.encode(self)
    }

    public static func read(_ data: Data) throws(EconomyError) -> CaseloadNorms {
        let norms = try EconomyJSON.decode(CaseloadNorms.self, from: data)
        try norms.check()
        return norms
    }

    /// Every norm is a positive number.
    func check() throws(EconomyError) {
        guard standard > 0 else { throw EconomyError("standard: \(standard) er ikke en gyldig norm (et tal over 0)") }
        for (unit, norms) in units.sorted(by: { $0.key < $1.key }) {
            for (benefit, norm) in norms.sorted(by: { $0.key < $1.key }) where !(norm > 0) {
                throw EconomyError("\(unit), \(benefit): \(norm) er ikke en gyldig norm (et tal over 0)")
            }
        }
    }

    /// The form field for the norm of `benefit` in `unit` (`nil`: the standard).
    public static func field(unit: String?, benefit: String) -> String {
        unit.map { "norm:\($0):\(benefit)" } ?? "standard"
    }

    /// The norms a form sets: the standard, and for each of `units` one for every benefit
    /// and one per benefit of `benefits` (an empty field: none). Danish numbers; an error
    /// names the unit and benefit.
    public static func read(form: [String: String], units: [String], benefits: [String]) throws(EconomyError) -> CaseloadNorms {
        func number(_ field: String, _ what: String) throws(EconomyError) -> Double? {
            let text = (form[field] ?? "").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            guard let value = DanishFormat.parse(text), value > 0 else {
                throw EconomyError("\(what): '\(text)' er ikke en gyldig norm (et antal borgere over 0)")
            }
            return value
        }
        var norms = CaseloadNorms(standard: try number(field(unit: nil, benefit: ""), "Standardnormen") ?? seedDefault)
        for unit in units {
            for benefit in [everyBenefit] + benefits {
                if let value = try number(field(unit: unit, benefit: benefit), "\(unit), \(benefit)") {
                    norms.units[unit, default: [:]][benefit] = value
                }
            }
        }
        return norms
    }
}

/// Moving citizens from one caseworker to another from a day: one citizen, or the
/// whole caseload when a caseworker leaves. Assignments covering the day are closed
/// the day before and continued by the new caseworker; later ones change hands.
public struct Reassignment: Sendable, Equatable {
    public var from: String
    public var to: String
    /// One citizen's `person_id`, or `nil` for everyone the caseworker has.
    public var person: String?
    public var day: Day

    public init(from: String, to: String, person: String? = nil, day: Day) {
        self.from = from; self.to = to; self.person = person; self.day = day
    }

    /// In Danish, for the audit log and the history.
    public var description: String {
        "fra \(from) til \(to) fra \(day.danish)" + (person.map { " (borger \($0))" } ?? " (hele sagsstammen)")
    }
}

/// A reassignment carried out: when, by whom, and how many citizens it moved.
public struct ReassignmentRecord: Sendable, Equatable {
    public var time: Date
    public var user: String
    public var reassignment: Reassignment
    public var citizens: Int

    public init(time: Date, user: String, reassignment: Reassignment, citizens: Int) {
        self.time = time; self.user = user; self.reassignment = reassignment; self.citizens = citizens
    }
}

/// What the aftercare call found (``AftercareOutcome``).
public enum AftercareResult: String, CaseIterable, Sendable {
    case ikke_truffet, fortsat_i_job, brug_for_hjaelp

    /// In Danish, for the pages.
    public var title: String {
        switch self {
        case .ikke_truffet: "Ikke truffet"
        case .fortsat_i_job: "Fortsat i job eller uddannelse"
        case .brug_for_hjaelp: "Har brug for hjælp"
        }
    }
}

/// The recorded outcome of one aftercare call: whom (the citizen and the day their spell
/// ended), what was found, when and by whom.
public struct AftercareOutcome: Sendable, Equatable {
    public var personID: String
    public var spellEnd: Day
    public var result: AftercareResult
    public var recorded: Date
    public var user: String

    public init(personID: String, spellEnd: Day, result: AftercareResult, recorded: Date, user: String) {
        self.personID = personID; self.spellEnd = spellEnd; self.result = result; self.recorded = recorded; self.user = user
    }
}
