/// A closed interval of days `[start, end]`: both days belong to it.
///
/// An open benefit period (no `slut`) is a `DayRange` whose end is ``Day/distantFuture``,
/// so it runs through the end of any query window and beyond.
///
/// ```swift
/// let march = DayRange(Day(year: 2024, month: 3, day: 1)!, Day(year: 2024, month: 3, day: 31)!)
/// march.dayCount   // 31
/// ```
public struct DayRange: Hashable, Sendable, CustomStringConvertible {
    public var start: Day
    public var end: Day

    public init(_ start: Day, _ end: Day) {
        precondition(start <= end, "DayRange start after end")
        self.start = start
        self.end = end
    }

    /// A range, or `nil` when `end` is before `start`.
    public static func checked(_ start: Day, _ end: Day) -> DayRange? { start <= end ? DayRange(start, end) : nil }

    public var dayCount: Int { start.distance(to: end) + 1 }
    public func contains(_ day: Day) -> Bool { start <= day && day <= end }
    public func overlaps(_ other: DayRange) -> Bool { start <= other.end && other.start <= end }

    /// The days both ranges hold, or `nil` when they are disjoint.
    public func clamped(to other: DayRange) -> DayRange? {
        DayRange.checked(max(start, other.start), min(end, other.end))
    }

    public var description: String { start.iso + "–" + (end == .distantFuture ? "" : end.iso) }
}

extension Day {
    /// Stands for "no end yet": later than any real date a register holds.
    public static let distantFuture = Day(year: 9999, month: 12, day: 31)!
}
