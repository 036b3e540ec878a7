import IndsatsCore
import Testing

@Suite("Kalenderdage")
struct DayTests {
    @Test("Ordinal and date agree with a day-by-day walk from 1900 to 2100")
    func roundTripAgainstWalk() {
        var (y, m, d) = (1900, 1, 1)
        var day = Day(year: 1900, month: 1, day: 1)!
        while y < 2100 {
            #expect(day.components == (y, m, d))
            #expect(Day(year: y, month: m, day: d) == day)
            d += 1
            if d > Day.daysIn(month: m, year: y) { d = 1; m += 1 }
            if m > 12 { m = 1; y += 1 }
            day = day.advanced(by: 1)
        }
    }

    @Test("Leap days exist only in leap years")
    func leapDays() {
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 2023, month: 2, day: 29) == nil)
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
        #expect(Day(year: 2024, month: 4, day: 31) == nil)
        #expect(Day(year: 2024, month: 13, day: 1) == nil)
    }

    @Test("Parses the contract's three date formats", arguments: ["2024-02-29", "29-02-2024", "29.02.2024"])
    func parsesFormats(_ text: String) {
        #expect(Day(parsing: text) == Day(year: 2024, month: 2, day: 29))
    }

    @Test(
        "Rejects dates that do not exist or are badly written",
        arguments: ["2023-02-29", "2024-2-29", "29/02/2024", "2024-02-29 ", "", "abcd-ef-gh", "31-04-2024", "2024.02.29"])
    func rejectsBadDates(_ text: String) {
        #expect(Day(parsing: text) == nil)
    }

    @Test("Adding months clamps to the month's last day")
    func addingMonths() {
        let d = { (y: Int, m: Int, day: Int) in Day(year: y, month: m, day: day)! }
        #expect(d(2020, 1, 31).adding(months: 3) == d(2020, 4, 30))
        #expect(d(2024, 2, 29).adding(months: 12) == d(2025, 2, 28))
        #expect(d(2023, 11, 30).adding(months: 3) == d(2024, 2, 29))
        #expect(d(2024, 3, 15).adding(months: -3) == d(2023, 12, 15))
    }

    @Test("ISO weeks across year ends")
    func isoWeeks() {
        let d = { (y: Int, m: Int, day: Int) in Day(year: y, month: m, day: day)! }
        #expect(d(2025, 12, 29).isoWeek.label == "2026-W01")
        #expect(d(2021, 1, 3).isoWeek.label == "2020-W53")
        #expect(d(2024, 12, 30).isoWeek.label == "2025-W01")
        #expect(d(2024, 2, 29).isoWeek.label == "2024-W09")
        #expect(d(2026, 11, 22).weekday == 7)
        #expect(ISOWeek(year: 2020, week: 53).monday == d(2020, 12, 28))
    }

    @Test("Danish and ISO text")
    func text() {
        let day = Day(year: 2024, month: 3, day: 5)!
        #expect(day.iso == "2024-03-05")
        #expect(day.danish == "05-03-2024")
    }
}

@Suite("Rapporteringsperioder")
struct ReportingPeriodTests {
    let d = { (y: Int, m: Int, day: Int) in Day(year: y, month: m, day: day)! }

    @Test("Months are clipped to the window")
    func months() {
        let periods = ReportingPeriod.split(DayRange(d(2024, 1, 15), d(2024, 3, 10)), by: .maaned)
        #expect(periods.map(\.label) == ["2024-01", "2024-02", "2024-03"])
        #expect(periods.map(\.days.dayCount) == [17, 29, 10])
    }

    @Test("Weeks are ISO weeks with ISO-year labels")
    func weeks() {
        let periods = ReportingPeriod.split(DayRange(d(2020, 12, 30), d(2021, 1, 12)), by: .uge)
        #expect(periods.map(\.label) == ["2020-W53", "2021-W01", "2021-W02"])
        #expect(periods.map(\.days.dayCount) == [5, 7, 2])
    }

    @Test("Quarters, years and the whole window")
    func quartersYears() {
        let window = DayRange(d(2023, 11, 1), d(2024, 4, 1))
        #expect(ReportingPeriod.split(window, by: .kvartal).map(\.label) == ["2023-K4", "2024-K1", "2024-K2"])
        #expect(ReportingPeriod.split(window, by: .aar).map(\.days.dayCount) == [61, 92])
        #expect(ReportingPeriod.split(window, by: .hele).map(\.label) == ["hele"])
        #expect(ReportingPeriod.split(window, by: .hele)[0].days == window)
    }
}

@Suite("Dage ved kalenderens kanter")
struct DayEdgeTests {
    @Test("Adding months is total: past year 9999 and before year 1 it counts on instead of crashing")
    func beyondTheRange() {
        let last = Day(year: 9999, month: 12, day: 31)!
        #expect(last.adding(months: 3) == last.advanced(by: 91))  // 10000 is a leap year
        #expect(last.adding(months: 3).adding(months: -3) == last)
        let first = Day(year: 1, month: 1, day: 31)!
        #expect(first.adding(months: -1) == Day(year: 1, month: 1, day: 1)!.advanced(by: -1))
        #expect(first.adding(months: -13).adding(months: 13) == first)
        #expect(last.advanced(by: 40).lastOfMonth == last.advanced(by: 60))  // 10000-02-29
        #expect(last.advanced(by: 40).firstOfMonth == last.advanced(by: 32))
    }

    @Test("Adding months agrees with a month-by-month walk on 5.000 random days and offsets")
    func againstWalk() {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<5_000 {
            let day = Day(ordinal: Int32.random(in: -719_000...2_900_000, using: &rng))
            let n = Int.random(in: -40...40, using: &rng)
            // Slow: step one month at a time on (year, month), then clamp the day.
            var (y, m, d) = day.components
            for _ in 0..<abs(n) {
                m += n > 0 ? 1 : -1
                if m == 13 { m = 1; y += 1 }
                if m == 0 { m = 12; y -= 1 }
            }
            d = min(d, Day.daysIn(month: m, year: y))
            let result = day.adding(months: n).components
            #expect(result.year == y && result.month == m && result.day == d, "\(day.ordinal) + \(n)")
        }
    }
}
