import Foundation

/// A budget-economic business case for one intervention, SØM-style (docs/businesscase.md):
/// costs per year against fewer full-time persons on given benefits, priced
/// after refusion, with the municipality's net per year, cumulated, discounted,
/// and the payback year. Not a welfare analysis.
///
/// The JSON format (docs/businesscase.md), Herning's JC 08 as an example:
///
/// ```json
/// {"navn": "JC 08 Håndholdt indsats", "start_aar": 2017, "horisont_aar": 1, "deltagere": 30,
///  "omkostninger": {"2017": 475000},
///  "effekter": [{"ydelse": "kontanthjaelp", "fuldtidspersoner": 10}],
///  "satser": {"kontanthjaelp": 153252}, "kommunal_andel": {"kontanthjaelp": 0.8}}
/// ```
public struct BusinessCase: Codable, Sendable, Equatable {
    public var name: String
    /// The first year (year 0, not discounted).
    public var startYear: Int
    /// Years counted, 1 to 10.
    public var horizon: Int
    public var participants: Int?
    /// Operating costs by year (kr, + is a cost), borne by the municipality in full.
    public var costs: [Int: Double]
    public var effects: [Effect]
    /// Gross yearly cost of one full-time person on each benefit (kr): monthly rate × 12.
    public var rates: [String: Double]
    /// The municipality's share of each benefit at the refusion step the group is on (0-1); the state pays the rest.
    public var municipalShare: [String: Double]
    /// Yearly discount rates to show; 0 % and the Finance Ministry's 3,5 % unless given.
    public var discountRates: [Double]
    /// Full-time persons on each benefit the year before the start, what happens anyway:
    /// the effect is read against it (from the register, ``CaseAssumptions``).
    public var baseline: [String: Double]
    /// Savings the municipality states itself by year (kr, after refusion), as a budget
    /// form gives them without full-time persons; added to the effects' savings.
    public var statedSavings: [Int: Double]

    /// Fewer full-time persons on one benefit because of the intervention.
    public struct Effect: Codable, Sendable, Equatable {
        public var benefit: String
        /// Full-time persons fewer in the effect's first year.
        public var fullTimePersons: Double
        /// The first year with an effect; the start year unless given.
        public var fromYear: Int?
        /// Years the effect lasts; to the horizon unless given.
        public var years: Int?
        /// The share of the effect lost each year after the first (0-1).
        public var fading: Double

        public init(benefit: String, fullTimePersons: Double, fromYear: Int? = nil, years: Int? = nil, fading: Double = 0) {
            self.benefit = benefit; self.fullTimePersons = fullTimePersons; self.fromYear = fromYear
            self.years = years; self.fading = fading
        }

        enum CodingKeys: String, CodingKey {
            case benefit = "ydelse", fullTimePersons = "fuldtidspersoner", fromYear = "fra_aar", years = "varighed_aar", fading =
                "aftagning"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            benefit = try c.decode(String.self, forKey: .benefit)
            fullTimePersons = try c.decode(Double.self, forKey: .fullTimePersons)
            fromYear = try c.decodeIfPresent(Int.self, forKey: .fromYear)
            years = try c.decodeIfPresent(Int.self, forKey: .years)
            fading = try c.decodeIfPresent(Double.self, forKey: .fading) ?? 0
        }
    }

    public init(
        name: String, startYear: Int, horizon: Int, participants: Int? = nil, costs: [Int: Double], effects: [Effect],
        rates: [String: Double], municipalShare: [String: Double], discountRates: [Double] = [0, 0.035],
        baseline: [String: Double] = [:], statedSavings: [Int: Double] = [:]
    ) {
        self.name = name; self.startYear = startYear; self.horizon = horizon; self.participants = participants
        self.costs = costs; self.effects = effects; self.rates = rates; self.municipalShare = municipalShare
        self.discountRates = discountRates; self.baseline = baseline; self.statedSavings = statedSavings
    }

    enum CodingKeys: String, CodingKey {
        case name = "navn", startYear = "start_aar", horizon = "horisont_aar", participants = "deltagere", costs = "omkostninger"
        case effects = "effekter", rates = "satser", municipalShare = "kommunal_andel", discountRates = "diskonteringsrenter"
        case baseline = "basislinje", statedSavings = "sparet_forsoergelse"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        startYear = try c.decode(Int.self, forKey: .startYear)
        horizon = try c.decode(Int.self, forKey: .horizon)
        participants = try c.decodeIfPresent(Int.self, forKey: .participants)
        costs = try EconomyJSON.byYear(c.decodeIfPresent([String: Double].self, forKey: .costs) ?? [:], key: .costs, in: c)
        effects = try c.decode([Effect].self, forKey: .effects)
        // Left out, they can come from the register and the dated prices (``CaseAssumptions``); ``check()`` wants them.
        rates = try c.decodeIfPresent([String: Double].self, forKey: .rates) ?? [:]
        municipalShare = try c.decodeIfPresent([String: Double].self, forKey: .municipalShare) ?? [:]
        discountRates = try c.decodeIfPresent([Double].self, forKey: .discountRates) ?? [0, 0.035]
        baseline = try c.decodeIfPresent([String: Double].self, forKey: .baseline) ?? [:]
        statedSavings = try EconomyJSON.byYear(
            c.decodeIfPresent([String: Double].self, forKey: .statedSavings) ?? [:], key: .statedSavings, in: c)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(startYear, forKey: .startYear)
        try c.encode(horizon, forKey: .horizon)
        try c.encodeIfPresent(participants, forKey: .participants)
        try c.encode(Dictionary(uniqueKeysWithValues: costs.map { (String($0.key), $0.value) }), forKey: .costs)
        try c.encode(effects, forKey: .effects)
        try c.encode(rates, forKey: .rates)
        try c.encode(municipalShare, forKey: .municipalShare)
        try c.encode(discountRates, forKey: .discountRates)
        if !baseline.isEmpty { try c.encode(baseline, forKey: .baseline) }
        if !statedSavings.isEmpty {
            try c.encode(Dictionary(uniqueKeysWithValues: statedSavings.map { (String($0.key), $0.value) }), forKey: .statedSavings)
        }
    }

    /// Reads a case from JSON, with Danish errors naming the field.
    public static func read(_ data: Data) throws(EconomyError) -> BusinessCase {
        let decoded = try readUnchecked(data)
        try decoded.check()
        return decoded
    }

    /// Reads a case that may still lack rates and shares the register will give.
    public static func readUnchecked(_ data: Data) throws(EconomyError) -> BusinessCase {
        try EconomyJSON.decode(BusinessCase.self, from: data)
    }

    /// Throws a Danish error for values no case can have.
    public func check() throws(EconomyError) {
        guard (1...10).contains(horizon) else { throw EconomyError("horisont_aar: skal være 1 til 10 år, ikke \(horizon)") }
        for (i, effect) in effects.enumerated() {
            guard let rate = rates[effect.benefit] else {
                throw EconomyError("effekter[\(i)].ydelse: '\(effect.benefit)' har ingen sats i satser")
            }
            guard rate >= 0 else { throw EconomyError("satser.\(effect.benefit): kan ikke være negativ") }
            guard let share = municipalShare[effect.benefit] else {
                throw EconomyError("effekter[\(i)].ydelse: '\(effect.benefit)' har ingen kommunal_andel")
            }
            guard (0...1).contains(share) else { throw EconomyError("kommunal_andel.\(effect.benefit): skal være mellem 0 og 1") }
            guard (0...1).contains(effect.fading) else { throw EconomyError("effekter[\(i)].aftagning: skal være mellem 0 og 1") }
            if let years = effect.years, years < 0 { throw EconomyError("effekter[\(i)].varighed_aar: kan ikke være negativ") }
        }
        for rate in discountRates where !(0..<1).contains(rate) {
            throw EconomyError("diskonteringsrenter: \(rate) skal være mellem 0 og 1 (3,5 % skrives 0.035)")
        }
    }
}
