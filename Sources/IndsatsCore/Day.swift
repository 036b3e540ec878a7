/// A calendar day with no time of day and no time zone.
///
/// Registers speak in whole days, so Indsats never uses `Date` for them: a
/// `Day` is the number of days since 1970-01-01 in the proleptic Gregorian
/// calendar, which makes day arithmetic exact and comparison an integer compare.
///
/// ```swift
/// let leap = Day(year: 2024, month: 2, day: 29)!
/// leap.adding(months: 12)   // 2025-02-28, clamped to the month's last day
/// leap.isoWeek              // ISOWeek(year: 2024, week: 9)
/// ```
public struct Day: Hashable, Comparable, Sendable, Strideable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var ordinal: Int32

    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// The day, or `nil` when the date does not exist (2023-02-29, 2024-13-01).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.ordinal = Int32(Day.daysFromCivil(year: year, month: month, day: day))
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }
    public func distance(to other: Day) -> Int { Int(other.ordinal) - Int(ordinal) }
    public func advanced(by n: Int) -> Day { Day(ordinal: ordinal + Int32(n)) }

    /// Year, month and day of month.
    public var components: (year: Int, month: Int, day: Int) { Day.civil(fromDays: Int(ordinal)) }
    public var year: Int { components.year }
    public var month: Int { components.month }

    /// ISO weekday: 1 is Monday, 7 is Sunday.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let r = (Int(ordinal) + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// The same day number `n` calendar months later, clamped to that month's last day.
    /// Total for every day: beyond year 9999 (or before year 1) it counts on in the same calendar.
    public func adding(months n: Int) -> Day {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + n
        let ny = total >= 0 ? total / 12 : (total - 11) / 12, nm = total - ny * 12 + 1
        return Day(ordinal: Int32(Day.daysFromCivil(year: ny, month: nm, day: min(d, Day.daysIn(month: nm, year: ny)))))
    }

    public var firstOfMonth: Day { let c = components; return Day(ordinal: Int32(Day.daysFromCivil(year: c.year, month: c.month, day: 1))) }
    public var lastOfMonth: Day {
        let c = components
        return Day(ordinal: Int32(Day.daysFromCivil(year: c.year, month: c.month, day: Day.daysIn(month: c.month, year: c.year))))
    }

    /// `2024-02-29`: the contract's format.
    public var description: String { iso }
    public var iso: String {
        let (y, m, d) = components
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }
    /// `29-02-2024`: how Danish users read a date (dd-mm-åååå).
    public var danish: String {
        let (y, m, d) = components
        return pad(d, 2) + "-" + pad(m, 2) + "-" + pad(y, 4)
    }

    /// Parses `YYYY-MM-DD`, `DD-MM-YYYY` or `DD.MM.YYYY`; `nil` for anything else
    /// or a date that does not exist.
    public init?(parsing text: Substring) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                let b = bytes[i]
                guard b >= 48 && b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        if bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let y = number(0..<4), let m = number(5..<7), let d = number(8..<10)
        {
            self.init(year: y, month: m, day: d)
        } else if (bytes[2] == UInt8(ascii: "-") && bytes[5] == UInt8(ascii: "-"))
            || (bytes[2] == UInt8(ascii: ".") && bytes[5] == UInt8(ascii: ".")),
            let d = number(0..<2), let m = number(3..<5), let y = number(6..<10)
        {
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
    }
    public init?(parsing text: String) { self.init(parsing: text[...]) }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

@inline(__always) func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// An ISO 8601 week: weeks start on Monday and week 1 holds the year's first Thursday.
public struct ISOWeek: Hashable, Comparable, Sendable {
    public var year: Int
    public var week: Int

    public init(year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { (a.year, a.week) < (b.year, b.week) }

    /// `2024-W09`, the contract's label.
    public var label: String { pad(year, 4) + "-W" + pad(week, 2) }

    /// The Monday that starts the week.
    public var monday: Day {
        let jan4 = Day(year: year, month: 1, day: 4)!
        return jan4.advanced(by: -(jan4.weekday - 1) + (week - 1) * 7)
    }
}

extension Day {
    /// The ISO week the day falls in (29-12-2025 is in 2026-W01).
    public var isoWeek: ISOWeek {
        let thursday = advanced(by: 4 - weekday)
        let y = thursday.year
        let firstDay = Day(year: y, month: 1, day: 1)!
        return ISOWeek(year: y, week: firstDay.distance(to: thursday) / 7 + 1)
    }

    /// The Monday of the day's ISO week.
    public var monday: Day { advanced(by: 1 - weekday) }
}

/// A day in JSON is its ISO text, `"2026-07-01"`.
extension Day: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "ikke en dato: \(text)")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
