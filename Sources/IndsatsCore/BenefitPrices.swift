/// A benefit's gross rate per month before tax, in force from `from` until the
/// benefit's next rate.
///
/// ```swift
/// BenefitRate(benefit: "dagpenge", from: Day(year: 2024, month: 1, day: 1)!, monthly: 20_359, source: "star.dk")
/// ```
public struct BenefitRate: Hashable, Sendable {
    /// The `ydelse` code.
    public var benefit: String
    public var from: Day
    /// Kroner per month; a full-time person for a year costs 12 times this, gross.
    public var monthly: Double
    /// Where the figure comes from, shown beside it (an assumption says so).
    public var source: String

    public init(benefit: String, from: Day, monthly: Double, source: String) {
        self.benefit = benefit
        self.from = from
        self.monthly = monthly
        self.source = source
    }
}

/// The municipality's share of benefit spending on each of the refusion
/// staircase's four steps, for days from `from` until the next rule.
///
/// The 2016 reform's rule is 20/60/70/80 % (the state refunds 80/40/30/20 %), the
/// same numbers as the municipality's co-financing of dagpenge (docs/satser.md).
public struct RefusionRule: Hashable, Sendable {
    public var from: Day
    /// Step 1-4's municipal share, each in 0...1.
    public var municipalShares: [Double]
    public var source: String

    public init(from: Day, municipalShares: [Double], source: String) {
        self.from = from
        self.municipalShares = municipalShares
        self.source = source
    }
}

/// A stretch of days with one daily gross price and one refusion rule, so a day's
/// estimated municipal cost is `dailyGross × municipalShares[step - 1]`.
public struct PriceSegment: Hashable, Sendable {
    public var days: DayRange
    /// The monthly rate × 12 / the days of the calendar year: a whole year costs 12 months.
    public var dailyGross: Double
    public var municipalShares: [Double]
}

/// Rates and refusion rules as dated reference data: what the estimated net
/// benefit spending (`nettoudgift`) and business cases price a day on a benefit at.
///
/// Benefits without a rate are not priced; the measure says how many of their days
/// it left out instead of inventing a figure.
///
/// ```swift
/// let prices = BenefitPrices.defaults
/// prices.rate("dagpenge", on: Day(year: 2024, month: 6, day: 1)!)?.monthly   // 20359
/// prices.rule(on: Day(year: 2024, month: 6, day: 1)!)?.municipalShares      // [0.2, 0.6, 0.7, 0.8]
/// ```
public struct BenefitPrices: Hashable, Sendable {
    /// Sorted by benefit, then first day.
    public private(set) var rates: [BenefitRate]
    /// Sorted by first day.
    public private(set) var refusion: [RefusionRule]

    public init(rates: [BenefitRate], refusion: [RefusionRule]) {
        self.rates = rates.sorted { ($0.benefit, $0.from) < ($1.benefit, $1.from) }
        self.refusion = refusion.sorted { $0.from < $1.from }
    }

    /// These prices with `rate` added, in place of the benefit's rate from the same day if any.
    public func with(_ rate: BenefitRate) -> BenefitPrices {
        BenefitPrices(rates: rates.filter { ($0.benefit, $0.from) != (rate.benefit, rate.from) } + [rate], refusion: refusion)
    }

    /// These prices with `rule` added, in place of the rule from the same day if any.
    public func with(_ rule: RefusionRule) -> BenefitPrices {
        BenefitPrices(rates: rates, refusion: refusion.filter { $0.from != rule.from } + [rule])
    }

    /// The rate in force for `benefit` on `day`.
    public func rate(_ benefit: String, on day: Day) -> BenefitRate? {
        rates.last { $0.benefit == benefit && $0.from <= day }
    }

    /// The refusion rule in force on `day`.
    public func rule(on day: Day) -> RefusionRule? { refusion.last { $0.from <= day } }

    /// The priced stretches of `range` for `benefit`, in order; days before the
    /// benefit's first rate or the first refusion rule are in none of them.
    ///
    /// Cut at every rate change, rule change and new year (a year's daily price
    /// depends on its length).
    public func segments(_ benefit: String, in range: DayRange) -> [PriceSegment] {
        let own = rates.filter { $0.benefit == benefit }
        var cuts = Set(own.map(\.from) + refusion.map(\.from))
        for year in (range.start.year + 1)...max(range.start.year + 1, range.end.year) {
            cuts.insert(Day(year: year, month: 1, day: 1)!)
        }
        let starts = ([range.start] + cuts.filter { $0 > range.start && $0 <= range.end }).sorted()
        var out: [PriceSegment] = []
        for (i, start) in starts.enumerated() {
            let end = i + 1 < starts.count ? starts[i + 1].advanced(by: -1) : range.end
            guard let rate = own.last(where: { $0.from <= start }), let rule = rule(on: start) else { continue }
            let daysInYear = Day.isLeap(start.year) ? 366.0 : 365.0
            out.append(
                PriceSegment(
                    days: DayRange(start, end), dailyGross: rate.monthly * 12 / daysInYear,
                    municipalShares: rule.municipalShares))
        }
        return out
    }

    /// The stretches of `range` on which `benefit` has no price (no rate, or no refusion rule yet).
    public func unpriced(_ benefit: String, in range: DayRange) -> [DayRange] {
        var out: [DayRange] = [], next = range.start
        for segment in segments(benefit, in: range) {
            if segment.days.start > next { out.append(DayRange(next, segment.days.start.advanced(by: -1))) }
            next = segment.days.end.advanced(by: 1)
        }
        if next <= range.end { out.append(DayRange(next, range.end)) }
        return out
    }

    /// No rates and no rules: nothing is priced.
    public static let none = BenefitPrices(rates: [], refusion: [])

    /// The rates and the 2016 refusion rule of docs/satser.md. Rates the domain
    /// notes do not give are assumptions and their source says so; integrationsydelse
    /// is left unpriced.
    public static let defaults: BenefitPrices = {
        func day(_ iso: String) -> Day { Day(parsing: iso)! }
        var rates: [BenefitRate] = []
        func add(_ benefits: [String], _ source: String, _ figures: [(String, Double)]) {
            for benefit in benefits {
                for (from, monthly) in figures {
                    rates.append(BenefitRate(benefit: benefit, from: day(from), monthly: monthly, source: source))
                }
            }
        }
        let maxDagpenge: [(String, Double)] = [
            ("2019-01-01", 18_866), ("2020-01-01", 19_083), ("2021-01-01", 19_322), ("2022-01-01", 19_351),
            ("2023-01-01", 19_728), ("2024-01-01", 20_359), ("2025-01-01", 21_092),
        ]
        // From the refusion reform (2016-01-04): Beskæftigelsesministeriet's rate tables; 2018's is
        // kontantydelse's, which the law sets equal to kontanthjælp's; 2019's is uddannelseshjælp's rate for a
        // mentally ill young person living away from home, equal to kontanthjælp 30+ in every year both are given.
        let kontanthjaelp: [(String, Double)] = [
            ("2016-01-04", 10_968), ("2017-01-02", 11_143), ("2018-01-01", 11_282), ("2019-01-01", 11_423),
            ("2020-01-01", 11_554), ("2021-01-01", 11_698), ("2023-01-01", 11_944), ("2024-01-01", 12_326), ("2025-07-01", 12_064),
        ]
        add(["dagpenge"], "Dagpengenes maksimum, se docs/satser.md", maxDagpenge)
        add(["kontanthjaelp_jobparat", "kontanthjaelp_aktivitetsparat"], "Kontanthjælp 30+, øvrige, se docs/satser.md", kontanthjaelp)
        add(
            ["uddannelseshjaelp_uddannelsesparat", "uddannelseshjaelp_aktivitetsparat"],
            "Uddannelseshjælp under 30, udeboende (2017 og 2021-2022 antaget som året før), se docs/satser.md",
            [("2016-01-01", 6_010), ("2018-01-01", 6_182), ("2019-01-01", 6_259), ("2020-01-01", 6_331), ("2023-01-01", 6_545)])
        add(
            ["foertidspension"], "Førtidspension, enlige (2015 og 2020; antaget uændret imellem og efter), se docs/satser.md",
            [("2015-01-01", 17_925), ("2020-01-01", 19_092)])
        // Weekly maximum × 52 / 12, to the øre.
        add(
            ["sygedagpenge"], "Sygedagpengenes maksimum pr. uge × 52 / 12, se docs/satser.md",
            [
                ("2019-01-01", 4_355), ("2020-01-01", 4_405), ("2021-01-01", 4_460), ("2022-01-01", 4_465),
                ("2023-01-01", 4_550), ("2024-01-01", 4_695),
            ].map { ($0.0, ($0.1 * 5_200 / 12).rounded() / 100) })
        add(["jobafklaring", "ressourceforloeb"], "Antaget: kontanthjælpens niveau (ikke efterprøvet)", kontanthjaelp)
        add(["revalidering"], "Antaget: dagpengenes maksimum (ikke efterprøvet)", maxDagpenge)
        add(
            ["ledighedsydelse"], "Antaget: 89 % af dagpengenes maksimum (ikke efterprøvet)",
            maxDagpenge.map { ($0.0, ($0.1 * 89).rounded() / 100) })
        return BenefitPrices(
            rates: rates,
            refusion: [
                RefusionRule(
                    from: day("2016-01-04"), municipalShares: [0.2, 0.6, 0.7, 0.8],
                    source: "Refusionsreformen 2016: staten refunderer 80/40/30/20 %, se docs/satser.md")
            ])
    }()
}
