import IndsatsCore

/// A benefit's estimated net spending month by month (`nettoudgift`), up to the data date: the
/// data date's month holds the days up to it. What the budget page forecasts the year's end from.
///
/// ```swift
/// var history = SpendingHistory(through: Day(year: 2026, month: 6, day: 15)!)
/// history[2026, 1] = 1_000_000
/// BudgetForecast.pace(history).forecast   // the year's end at the last three whole months' pace
/// ```
public struct SpendingHistory: Sendable, Equatable {
    /// The last day the data speaks of.
    public var through: Day
    private var amounts: [Int: [Double?]] = [:]

    public init(through: Day) { self.through = through }

    /// Kroner spent in `month` (1-12) of `year`; `nil` when unknown (not in the data, or hidden).
    public subscript(year: Int, month: Int) -> Double? {
        get { amounts[year]?[month - 1] ?? nil }
        set {
            if amounts[year] == nil { amounts[year] = Array(repeating: nil, count: 12) }
            amounts[year]![month - 1] = newValue
        }
    }

    /// Kroner spent from 1 January of `day`'s year through `day`, a month cut at `day` counted by its
    /// share of days (unless it is the data date's month, which holds only those days already).
    /// `nil` when a month it needs is unknown.
    public func spent(through day: Day) -> Double? {
        let (year, month, dayOfMonth) = day.components
        var total = 0.0
        for m in 1..<month {
            guard let amount = self[year, m] else { return nil }
            total += amount
        }
        guard let last = self[year, month] else { return nil }
        let length = Day(year: year, month: month, day: 1)!.lastOfMonth.components.day
        let cut = day == through || dayOfMonth == length ? 1 : Double(dayOfMonth) / Double(length)
        return total + last * cut
    }

    /// The whole year's spending, `nil` unless every month is known and the year is over by the data date.
    public func total(_ year: Int) -> Double? {
        guard Day(year: year, month: 12, day: 31)! <= through else { return nil }
        return spent(through: Day(year: year, month: 12, day: 31)!)
    }
}

/// Forecasts of a year's spending from the part of it that has passed, by two stated methods, and
/// how far each was off in the years before, measured at the same day of the year.
///
/// - **Tempo**: spending so far plus the last three whole months' spending per day for each day left.
/// - **Sæson**: spending so far divided by the share of last year's spending that was spent by the
///   same day last year (last year's profile).
public enum BudgetForecast {
    public enum Method: String, CaseIterable, Sendable {
        case tempo, saeson

        /// How the page names and explains it.
        public var title: String { self == .tempo ? "Tempo" : "Sæson" }
        public var explanation: String {
            self == .tempo
                ? "forbruget til nu plus de seneste tre hele måneders forbrug pr. dag for hver dag, der er tilbage af året"
                : "forbruget til nu divideret med den andel af sidste års forbrug, der var brugt på samme dag sidste år"
        }
    }

    /// The year-end forecast for `day`'s year standing on `day`, by `method`; `nil` when the history lacks what it needs.
    public static func forecast(_ history: SpendingHistory, on day: Day, by method: Method) -> Double? {
        guard let spent = history.spent(through: day) else { return nil }
        let (year, month, _) = day.components
        let yearEnd = Day(year: year, month: 12, day: 31)!
        switch method {
        case .tempo:
            // The three whole months before `day`'s month, or ending with it when `day` ends it.
            let lastWhole =
                day == day.lastOfMonth ? Day(year: year, month: month, day: 1)! : Day(year: year, month: month, day: 1)!.adding(months: -1)
            var amount = 0.0, days = 0
            for back in 0..<3 {
                let first = lastWhole.adding(months: -back)
                guard let value = history[first.components.year, first.components.month] else { return nil }
                amount += value
                days += first.distance(to: first.lastOfMonth) + 1
            }
            return spent + amount / Double(days) * Double(day.distance(to: yearEnd))
        case .saeson:
            let (_, m, d) = day.components
            let sameDay = Day(year: year - 1, month: m, day: min(d, Day(year: year - 1, month: m, day: 1)!.lastOfMonth.components.day))!
            guard let before = history.spent(through: sameDay), let whole = history.total(year - 1), whole > 0, before > 0 else {
                return nil
            }
            return spent / (before / whole)
        }
    }

    /// How far `method` was off in each of the `years` years before `day`'s year, standing on the same
    /// day of the year: forecast / actual − 1, by year (years it cannot forecast are left out).
    public static func pastErrors(_ history: SpendingHistory, on day: Day, by method: Method, years: Int = 3) -> [Int: Double] {
        let (year, month, dayOfMonth) = day.components
        var out: [Int: Double] = [:]
        for past in (year - years)..<year {
            let length = Day(year: past, month: month, day: 1)!.lastOfMonth.components.day
            let sameDay = Day(year: past, month: month, day: min(dayOfMonth, length))!
            guard let actual = history.total(past), actual != 0, let forecast = forecast(history, on: sameDay, by: method) else { continue }
            out[past] = forecast / actual - 1
        }
        return out
    }
}
