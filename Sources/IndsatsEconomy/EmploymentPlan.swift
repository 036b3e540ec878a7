import Foundation
import IndsatsAnalytics
import IndsatsCore

/// The employment plan (beskæftigelsesplan): themes with goals, each goal a
/// measure with filters over a year, a baseline (the year before, from the
/// register, unless the plan gives one), a target and the direction that is
/// better. ``evaluate(on:year:)`` gives each goal's actual value so far, a
/// forecast for the whole year and whether it is on track.
///
/// The JSON format is in docs/maal.md; Høje-Taastrup's 2020 plan (seed 002) ships
/// as an example:
///
/// ```swift
/// let plan = try EmploymentPlan.examples()[0]
/// let statuses = plan.evaluate(on: register, year: 2020)
/// statuses.filter { $0.state == .behind }.map(\.goal.title)
/// ```
public struct EmploymentPlan: Codable, Sendable, Equatable {
    public var name: String
    public var year: Int
    public var themes: [Theme]

    public struct Theme: Codable, Sendable, Equatable {
        public var title: String
        public var goals: [Goal]
        enum CodingKeys: String, CodingKey { case title = "titel", goals = "maal" }
    }

    public struct Goal: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        /// The plan's own sentence, with its own figures.
        public var text: String
        public var measure: String
        public var filters: [String: [String]]
        /// How the plan's own figures became the target here.
        public var note: String?
        public var monthsAfter: Int?
        /// The plan's baseline; without one, the same measure the year before, from the register.
        public var baseline: Double?
        public var target: Target
        /// `op` when more is better, `ned` when less is.
        public var direction: Direction
        /// Why the register cannot measure the goal, when it cannot.
        public var notMeasurable: String?

        enum CodingKeys: String, CodingKey {
            case id, title = "titel", text = "tekst", measure = "noegletal", filters = "filtre", note = "note"
            case monthsAfter = "maaneder", baseline = "basislinje", target = "maal", direction = "retning", notMeasurable = "ikke_maalbart"
        }
    }

    /// What the goal aims at: a value, a change from the baseline, or a change in percent of it.
    public struct Target: Codable, Sendable, Equatable {
        public var value: Double?
        public var change: Double?
        public var changePercent: Double?
        enum CodingKeys: String, CodingKey { case value = "vaerdi", change = "aendring", changePercent = "aendring_pct" }

        /// The target as a value, given the baseline.
        func resolved(baseline: Double?) -> Double? {
            if let value { return value }
            guard let baseline else { return nil }
            if let change { return baseline + change }
            if let changePercent { return baseline * (1 + changePercent / 100) }
            return nil
        }
    }

    public enum Direction: String, Codable, Sendable { case op, ned }

    enum CodingKeys: String, CodingKey { case name = "navn", year = "aar", themes = "temaer" }

    /// A goal's standing on the register.
    public struct GoalStatus: Sendable, Equatable {
        public enum State: String, Sendable {
            case onTrack = "på vej", behind = "bagud", notMeasurable = "kan ikke måles", noData = "ingen data"
        }
        public var goal: Goal
        public var theme: String
        public var baseline: Double?
        public var target: Double?
        /// The measure from 1 January to the data date (or the whole year).
        public var actual: Double?
        /// The year's value if the rest goes as it has so far.
        public var forecast: Double?
        public var state: State
        /// The last day measured; before 31 December the year is not over.
        public var measuredTo: Day?
        /// Why not measurable, or the units a hidden value rests on.
        public var explanation: String
    }

    /// Each goal evaluated for `year` (the plan's own by default) on `register`, every number shown.
    public func evaluate(on register: Register, year: Int? = nil, prices: BenefitPrices = .defaults) -> [GoalStatus] {
        let engine = KPIEngine(register, prices: prices)
        return evaluate(year: year, dataDate: register.dataDate, reference: register.reference) { engine.evaluate($0) }
    }

    /// The queries the goals for `year` are read with: for each goal, the year before (its
    /// baseline) and the year so far, each as one `hele` period; for a caller that answers
    /// them ahead of ``evaluate(year:dataDate:answer:)``.
    public func queries(year: Int? = nil, dataDate: Day?) -> [KPIQuery] {
        themes.flatMap(\.goals).flatMap { goal -> [KPIQuery] in
            let windows = Self.windows(goal, year: year ?? self.year, dataDate: dataDate)
            return [windows.baseline, windows.actual].compactMap { $0.flatMap { Self.query(goal, $0) } }
        }
    }

    /// Each goal evaluated for `year` (the plan's own by default), its figures read with
    /// `answer`: a value of the answer's first row; a hidden row is a hidden value, and no
    /// answer (the figure may not be shown to the reader) leaves the goal without figures.
    /// A goal filtered on a benefit code that is not valid throughout the year (one the 2025-07 merger ended) is not measurable:
    /// its value would fall to 0 with the code, not with the citizens (`reference` gives the codes' validity).
    public func evaluate(year: Int? = nil, dataDate: Day?, reference: ReferenceData = .defaults, answer: (KPIQuery) -> KPIResult?)
        -> [GoalStatus]
    {
        themes.flatMap { theme in
            theme.goals.map {
                Self.evaluate($0, theme: theme.title, year: year ?? self.year, dataDate: dataDate, reference: reference, answer: answer)
            }
        }
    }

    /// Why `goal` cannot be measured in `year` by its codes: the `ydelse` codes it filters on that are not valid all year.
    static func invalidCodes(_ goal: Goal, year: Int, reference: ReferenceData) -> String? {
        let days = DayRange(Day(year: year, month: 1, day: 1)!, Day(year: year, month: 12, day: 31)!)
        let invalid = (goal.filters["ydelse"] ?? []).compactMap { reference.code(.ydelse, $0) }.filter { !$0.isValid(throughout: days) }
        guard !invalid.isEmpty else { return nil }
        let named = invalid.map { code in
            "\(code.name) (gælder \(code.validFrom.map { "fra \($0.danish) " } ?? "")\(code.validTo.map { "til \($0.danish)" } ?? ""))"
        }
        return
            "Målet er sat på \(named.joined(separator: ", ")), som ikke gælder hele \(year): tallet ville falde med koden, ikke med borgerne. "
            + "Sæt målet på hovedydelse (fx hovedydelse=kontanthjaelp), så det følger borgerne hen over sammenlægningen."
    }

    /// A goal's query over `window`, if its measure is known.
    static func query(_ goal: Goal, _ window: DayRange) -> KPIQuery? {
        guard let measure = Measure(rawValue: goal.measure) else { return nil }
        var filters: [IndsatsAnalytics.Dimension: Set<String>] = [:]
        for (name, values) in goal.filters { if let d = IndsatsAnalytics.Dimension(rawValue: name) { filters[d] = Set(values) } }
        return KPIQuery(measure: measure, window: window, periodKind: .hele, filters: filters, monthsAfter: goal.monthsAfter ?? 3)
    }

    /// The windows a goal is read over: the whole year before (unless the plan gives the
    /// baseline) and the year up to the data date.
    static func windows(_ goal: Goal, year: Int, dataDate: Day?) -> (baseline: DayRange?, actual: DayRange?) {
        guard goal.notMeasurable == nil, let dataDate else { return (nil, nil) }
        let yearStart = Day(year: year, month: 1, day: 1)!, yearEnd = Day(year: year, month: 12, day: 31)!
        let baseline =
            goal.baseline == nil && yearStart.advanced(by: -1) <= dataDate
            ? DayRange(Day(year: year - 1, month: 1, day: 1)!, yearStart.advanced(by: -1)) : nil
        return (baseline, yearStart <= dataDate ? DayRange(yearStart, min(yearEnd, dataDate)) : nil)
    }

    static func evaluate(
        _ goal: Goal, theme: String, year: Int, dataDate: Day?, reference: ReferenceData, answer: (KPIQuery) -> KPIResult?
    ) -> GoalStatus {
        var status = GoalStatus(
            goal: goal, theme: theme, baseline: goal.baseline, target: nil, actual: nil, forecast: nil,
            state: .noData, measuredTo: nil, explanation: "")
        if let reason = goal.notMeasurable ?? invalidCodes(goal, year: year, reference: reference) {
            status.state = .notMeasurable
            status.explanation = reason
            status.target = goal.target.resolved(baseline: goal.baseline)
            return status
        }
        guard let measure = Measure(rawValue: goal.measure), let dataDate else { return status }
        var unpublished = false, hidden = false
        func value(_ window: DayRange) -> Double? {
            guard let result = answer(query(goal, window)!) else {
                unpublished = true
                return nil
            }
            guard let row = result.rows.first, !row.suppressed else {
                hidden = true
                return nil
            }
            return row.value
        }
        let windows = windows(goal, year: year, dataDate: dataDate)
        if let baseline = windows.baseline { status.baseline = value(baseline) }
        status.target = goal.target.resolved(baseline: status.baseline)
        guard let actual = windows.actual else {
            status.explanation = "Registret når ikke \(year): datadatoen er \(dataDate.danish)."
            return status
        }
        status.measuredTo = actual.end
        status.actual = value(actual)
        if let value = status.actual {
            // Counts grow through the year; levels, means and shares so far stand for the year.
            let elapsed = Double(actual.start.distance(to: actual.end) + 1)
            let days = Double(actual.start.distance(to: Day(year: year, month: 12, day: 31)!) + 1)
            status.forecast = measure.isWholeCount && measure != .personer ? value * days / elapsed : value
        }
        if let forecast = status.forecast, let target = status.target {
            let met = goal.direction == .op ? forecast >= target : forecast <= target
            status.state = met ? .onTrack : .behind
        } else if unpublished {
            status.explanation =
                "Vises ikke for din rolle: målets tal er ikke et offentliggjort tal (fx filtre på to opdelinger, eller en andel eller et gennemsnit over flere grupper)."
        } else if hidden {
            status.explanation =
                "Skjult: under \(SmallNumbers.defaultThreshold) personer, eller så få, at det kunne regnes ud af andre tal."
        }
        return status
    }

    /// Reads plans from JSON: one plan object or a list of them. Errors name the field.
    public static func read(_ data: Data) throws(EconomyError) -> [EmploymentPlan] {
        let plans: [EmploymentPlan]
        if let first = data.first(where: { !$0.isWhitespace }), first == UInt8(ascii: "[") {
            plans = try EconomyJSON.decode([EmploymentPlan].self, from: data)
        } else {
            plans = [try EconomyJSON.decode(EmploymentPlan.self, from: data)]
        }
        for plan in plans { try plan.check() }
        return plans
    }

    func check() throws(EconomyError) {
        guard (1900...2200).contains(year) else { throw EconomyError("aar: \(year) er ikke et gyldigt år") }
        var ids = Set<String>()
        for (t, theme) in themes.enumerated() {
            for (g, goal) in theme.goals.enumerated() {
                let at = "temaer[\(t)].maal[\(g)]"
                guard ids.insert(goal.id).inserted else { throw EconomyError("\(at).id: '\(goal.id)' findes to gange") }
                guard let measure = Measure(rawValue: goal.measure) else {
                    throw EconomyError(
                        "\(at).noegletal: '\(goal.measure)' er ukendt; kendte: \(Measure.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                for name in goal.filters.keys {
                    guard let d = IndsatsAnalytics.Dimension(rawValue: name), measure.dimensions.contains(d) else {
                        throw EconomyError(
                            "\(at).filtre.\(name): \(measure.rawValue) kan ikke filtreres på '\(name)'; mulige: \(measure.dimensions.map(\.rawValue).joined(separator: ", "))"
                        )
                    }
                }
                let t = goal.target
                guard [t.value, t.change, t.changePercent].compactMap({ $0 }).count == 1 else {
                    throw EconomyError("\(at).maal: skal have præcis én af vaerdi, aendring og aendring_pct")
                }
            }
        }
    }

    /// JSON with Danish keys, pretty-printed and sorted, as a list of plans.
    public static func json(_ plans: [EmploymentPlan]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(plans)) ?? Data()
    }

    /// The plans shipped as examples: Høje-Taastrup's employment plan 2020 (seed 002).
    public static func examples() throws -> [EmploymentPlan] {
        guard let url = Bundle.module.url(forResource: "plan-hoeje-taastrup-2020", withExtension: "json", subdirectory: "Eksempler") else {
            throw EconomyError("eksemplet plan-hoeje-taastrup-2020.json mangler")
        }
        return try read(try Data(contentsOf: url))
    }
}

private extension UInt8 {
    var isWhitespace: Bool { self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09 || self == 0xEF || self == 0xBB || self == 0xBF }
}

/// A goal's figures as Danish text: shares in percent, means and levels with one decimal, counts whole.
public enum PlanFormat {
    public static func value(_ x: Double?, _ measureName: String) -> String {
        guard let x else { return "–" }
        guard let measure = Measure(rawValue: measureName) else { return DanishFormat.number(x) }
        if measure.isShare { return DanishFormat.number(x * 100) + " %" }
        return DanishFormat.number(x, decimals: measure.isWholeCount ? 0 : 1)
    }
}
