import IndsatsCore

/// What a ``BusinessCase`` gives: the municipality's net per year and cumulated,
/// the state's share apart, the net present value at each discount rate, the
/// payback year, and how the result moves when the assumptions do.
///
/// ```swift
/// let result = BusinessCaseResult(jc08)
/// result.years[0].municipalNet        // 751.016 kr
/// result.paybackYear                  // 2017
/// ```
public struct BusinessCaseResult: Sendable, Equatable {
    public struct Year: Sendable, Equatable {
        public var year: Int
        /// Full-time persons fewer, all benefits.
        public var fullTimePersons: Double
        public var cost: Double
        /// Benefit spending avoided, before refusion.
        public var grossSaving: Double
        /// The part of it the state would have refunded.
        public var stateShare: Double
        /// The part the municipality keeps.
        public var municipalSaving: Double
        /// municipalSaving − cost.
        public var municipalNet: Double
        public var cumulativeNet: Double
    }

    public struct PresentValue: Sendable, Equatable {
        public var rate: Double
        public var value: Double
    }

    /// One assumption moved, and the net present value at the first discount rate then.
    public struct Sensitivity: Sendable, Equatable {
        public var label: String
        public var presentValue: Double
    }

    public var years: [Year]
    public var presentValues: [PresentValue]
    /// The first year the cumulated net is at least 0; none within the horizon.
    public var paybackYear: Int?
    public var sensitivity: [Sensitivity]

    /// Beskæftigelsestilskud and budgetgaranti: docs/businesscase.md, in plain words.
    public static let caveat = """
        Beregningen er budgetøkonomisk for kommunen alene. Beskæftigelsestilskuddet og budgetgarantien \
        udligner en del af udgifterne mellem kommunerne, så en besparelse på forsørgelse kan blive mindre, \
        når tilskuddet efterreguleres: kommunen beholder ikke nødvendigvis hele nettobesparelsen. \
        Refusionen er et skøn ud fra refusionstrappen.
        """

    public init(_ businessCase: BusinessCase) {
        let years = Self.years(businessCase)
        self.years = years
        presentValues = businessCase.discountRates.map { rate in
            PresentValue(rate: rate, value: Self.presentValue(years, from: businessCase.startYear, rate: rate))
        }
        paybackYear = years.first { $0.cumulativeNet >= 0 }?.year
        let rate = businessCase.discountRates.first ?? 0
        func value(_ changed: BusinessCase) -> Double { Self.presentValue(Self.years(changed), from: changed.startYear, rate: rate) }
        var sensitivity: [Sensitivity] = []
        for factor in [0.75, 1.25] {
            var changed = businessCase
            for i in changed.effects.indices { changed.effects[i].fullTimePersons *= factor }
            changed.statedSavings = changed.statedSavings.mapValues { $0 * factor }
            sensitivity.append(Sensitivity(label: "effekt \(factor < 1 ? "-" : "+")25 %", presentValue: value(changed)))
        }
        for delta in [-1, 1] {
            var changed = businessCase
            for i in changed.effects.indices {
                let lasts =
                    changed.effects[i].years ?? (changed.startYear + changed.horizon - (changed.effects[i].fromYear ?? changed.startYear))
                changed.effects[i].years = max(0, lasts + delta)
            }
            sensitivity.append(Sensitivity(label: "varighed \(delta < 0 ? "-" : "+")1 år", presentValue: value(changed)))
        }
        for factor in [0.9, 1.1] {
            var changed = businessCase
            changed.rates = changed.rates.mapValues { $0 * factor }
            sensitivity.append(Sensitivity(label: "satser \(factor < 1 ? "-" : "+")10 %", presentValue: value(changed)))
        }
        self.sensitivity = sensitivity
    }

    static func years(_ c: BusinessCase) -> [Year] {
        var out: [Year] = []
        var cumulative = 0.0
        for year in c.startYear..<(c.startYear + c.horizon) {
            var persons = 0.0, gross = 0.0, municipal = 0.0
            for effect in c.effects {
                let first = effect.fromYear ?? c.startYear
                let t = year - first
                guard t >= 0, t < (effect.years ?? Int.max) else { continue }
                var fewer = effect.fullTimePersons
                for _ in 0..<t { fewer *= 1 - effect.fading }
                let cost = fewer * (c.rates[effect.benefit] ?? 0)
                persons += fewer
                gross += cost
                municipal += cost * (c.municipalShare[effect.benefit] ?? 1)
            }
            // A stated saving is the municipality's already; the state's share of it is not known.
            let stated = c.statedSavings[year] ?? 0
            gross += stated
            municipal += stated
            let spent = c.costs[year] ?? 0
            cumulative += municipal - spent
            out.append(
                Year(
                    year: year, fullTimePersons: persons, cost: spent, grossSaving: gross, stateShare: gross - municipal,
                    municipalSaving: municipal, municipalNet: municipal - spent, cumulativeNet: cumulative))
        }
        return out
    }

    /// The sum of each year's net divided by (1 + rate)^t, t = 0 in the start year.
    static func presentValue(_ years: [Year], from start: Int, rate: Double) -> Double {
        years.reduce(0) { sum, y in
            var factor = 1.0
            for _ in 0..<(y.year - start) { factor *= 1 + rate }
            return sum + y.municipalNet / factor
        }
    }
}
