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

    /// The whole month, quarter or year a label names (`2024-03`, `2024-K1`, `2024`), or `nil`.
    ///
    /// ```swift
    /// ReportingPeriod(parsing: "2024-K1")?.days   // 01-01-2024 ... 31-03-2024
    /// ```
    public init?(parsing label: String) {
        let parts = label.split(separator: "-", omittingEmptySubsequences: false)
        guard let y = Int(parts[0]), parts[0].count == 4, (1900...2200).contains(y) else { return nil }
        let first: Day, kind: PeriodKind
        switch parts.count {
        case 1: (first, kind) = (Day(year: y, month: 1, day: 1)!, .aar)
        case 2 where parts[1].hasPrefix("K"):
            guard let q = Int(parts[1].dropFirst()), (1...4).contains(q), parts[1].count == 2 else { return nil }
            (first, kind) = (Day(year: y, month: q * 3 - 2, day: 1)!, .kvartal)
        case 2:
            guard let m = Int(parts[1]), (1...12).contains(m), parts[1].count == 2 else { return nil }
            (first, kind) = (Day(year: y, month: m, day: 1)!, .maaned)
        default: return nil
        }
        let (name, last) = Self.unit(containing: first, kind)
        guard name == label else { return nil }
        self.init(label: name, days: DayRange(first, last))
    }

    /// The kind of calendar unit the label names.
    public var kind: PeriodKind { label.count == 4 ? .aar : label.contains("K") ? .kvartal : label.contains("W") ? .uge : .maaned }

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

/// The measures' names (docs/noegletal.md), for files that name one, such as `landstal.csv`'s `maal`,
/// read where the measures themselves are not known. A test holds it equal to `Measure.allCases`.
public enum MeasureNames {
    public static let all = [
        "fuldtidspersoner", "fuldtidsaktiverede", "personer", "tilgang", "afgang", "varighed", "varighed_median", "effekt",
        "selvforsoergelse", "gengangere", "virksomhedsdaekning", "samtaler", "andel_med_cv", "jobordrer", "stillinger", "formidlinger",
        "andel_virksomhedsrettet", "andel_loennede_timer", "refusionstrin", "nettoudgift", "startede_aktiviteter", "sagsstamme",
        "samtaleopfyldelse", "tilbudsrettidighed", "fastholdelse", "overgange", "screeninger", "virksomhedsdaekning_personlig",
        "placeringer", "effekt_personer", "puljeresultat", "budgetforbrug",
    ]
}
