import IndsatsCore

/// One row of a measure's answer: the values of the split dimensions (in the
/// query's `splitBy` order), the reporting period's label and the value, which is
/// absent (`nil`) for a share with an empty denominator or a mean of nothing.
public struct KPIRow: Sendable, Equatable {
    public var dimensions: [String]
    public var period: String
    public var value: Double?

    public init(dimensions: [String], period: String, value: Double?) {
        self.dimensions = dimensions
        self.period = period
        self.value = value
    }
}

/// A measure's answer with what explains it: the query, the reporting periods,
/// how many source rows it used and the register's data date.
public struct KPIResult: Sendable, Equatable {
    public var query: KPIQuery
    public var periods: [ReportingPeriod]
    /// Sorted by dimension values, then period. Every group seen in the window has a
    /// row for every period, zeros included, so tables and charts have no holes.
    public var rows: [KPIRow]
    /// Register rows (periods, activities, conversations, ...) the value was computed from.
    public var sourceRowCount: Int
    public var dataDate: Day?
}

/// Computes measures on a ``Register``, exactly as KPI-DEFINITIONS.md defines them.
///
/// ```swift
/// let query = try KPIQuery.parse(measure: "fuldtidspersoner", from: "2024-01-01", to: "2024-12-31",
///                                period: "maaned", splitBy: ["ydelse"], filters: [])
/// let result = KPIEngine(register).evaluate(query)
/// ```
public struct KPIEngine: Sendable {
    public let register: Register

    public init(_ register: Register) { self.register = register }

    public func evaluate(_ query: KPIQuery) -> KPIResult {
        var acc = Accumulator(query: query, register: register)
        switch query.measure {
        case .fuldtidspersoner, .personer: benefitDays(&acc)
        case .fuldtidsaktiverede, .andel_virksomhedsrettet: activityDays(&acc)
        case .tilgang, .afgang, .varighed, .varighed_median, .selvforsoergelse: spells(&acc)
        case .effekt: effect(&acc)
        case .gengangere: repeatSickness(&acc)
        case .andel_med_cv: cvShare(&acc)
        case .andel_loennede_timer: paidHoursShare(&acc)
        case .refusionstrin: refusionSteps(&acc)
        case .samtaler: conversations(&acc)
        case .jobordrer, .stillinger, .formidlinger: jobOrders(&acc)
        case .virksomhedsdaekning: companyCoverage(&acc)
        }
        return acc.result(dataDate: register.dataDate)
    }
}

/// The part of `[start, end]` inside the window, or `nil`.
@inline(__always)
func clip(_ start: Int32, _ end: Int32, _ window: (Int32, Int32)) -> (Int32, Int32)? {
    let s = max(start, window.0), e = min(end, window.1)
    return s <= e ? (s, e) : nil
}

/// Adds `span` to a union of spans fed in order of start.
@inline(__always)
func mergeInto(_ merged: inout [(Int32, Int32)], _ span: (Int32, Int32)) {
    if let last = merged.last, span.0 <= last.1 &+ 1 {
        merged[merged.count - 1].1 = max(last.1, span.1)
    } else {
        merged.append(span)
    }
}

/// `day` plus `months` calendar months, clamped to the month's last day.
@inline(__always)
func adding(months: Int, to day: Int32) -> Int32 { Day(ordinal: day).adding(months: months).ordinal }
