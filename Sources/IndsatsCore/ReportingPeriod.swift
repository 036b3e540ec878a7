/// How a query window is split into reporting periods (`--periode`).
public enum PeriodKind: String, CaseIterable, Sendable {
    case uge, maaned, kvartal, aar, hele
}

/// One reporting period: a calendar unit clipped to the query window, with the
/// label the contract prints (`2024-03`, `2024-W09`, `2024-K1`, `2024`, `hele`).
public struct ReportingPeriod: Hashable, Sendable {
    public var label: String
    public var days: DayRange

    public init(label: String, days: DayRange) {
        self.label = label
        self.days = days
    }

    /// Splits `window` into consecutive periods of `kind`, each clipped to the window.
    ///
    /// ```swift
    /// ReportingPeriod.split(window, by: .maaned).map(\.label)  // ["2024-01", "2024-02", ...]
    /// ```
    public static func split(_ window: DayRange, by kind: PeriodKind) -> [ReportingPeriod] {
        if kind == .hele { return [ReportingPeriod(label: "hele", days: window)] }
        var result: [ReportingPeriod] = []
        var cursor = window.start
        while cursor <= window.end {
            let (label, unitEnd) = unit(containing: cursor, kind)
            let end = min(unitEnd, window.end)
            result.append(ReportingPeriod(label: label, days: DayRange(cursor, end)))
            cursor = end.advanced(by: 1)
        }
        return result
    }

    /// The label and last day of the calendar unit of `kind` that holds `day`.
    public static func unit(containing day: Day, _ kind: PeriodKind) -> (String, Day) {
        let (y, m, _) = day.components
        switch kind {
        case .uge:
            return (day.isoWeek.label, day.monday.advanced(by: 6))
        case .maaned:
            return (pad(y, 4) + "-" + pad(m, 2), day.lastOfMonth)
        case .kvartal:
            let q = (m - 1) / 3 + 1
            return (pad(y, 4) + "-K" + String(q), Day(year: y, month: q * 3, day: 1)!.lastOfMonth)
        case .aar:
            return (pad(y, 4), Day(year: y, month: 12, day: 31)!)
        case .hele:
            return ("hele", .distantFuture)
        }
    }
}
