import IndsatsCore
import Testing

@testable import IndsatsAnalytics

@Suite("Gruppenøgler")
struct GroupKeyTests {
    @Test(
        "A packed key gives back every value, negative and beyond eight dimensions, and equals only the same values; a projection picks the values asked for"
    )
    func roundTrip() {
        var rng = SeededGenerator(seed: 5)
        var seen: [[Int32]: GroupKey] = [:]
        for _ in 0..<2_000 {
            let values = (0..<Int.random(in: 0...10, using: &rng)).map { _ in
                Int32.random(in: -1...3, using: &rng) * (Bool.random(using: &rng) ? 1 : Int32.max / 4)
            }
            var key = GroupKey()
            for (i, v) in values.enumerated() { key.set(i, v) }
            #expect(values.indices.map(key.value) == values)
            let places = values.indices.shuffled(using: &rng).prefix(Int.random(in: 0...min(3, values.count), using: &rng))
            let projected = key.projected(Projection(Array(places)))
            #expect(places.indices.map { projected.value($0 - places.startIndex) } == places.map { values[$0] })
            if let earlier = seen[values] { #expect(earlier == key && earlier.hashValue == key.hashValue) }
            seen[values] = key
        }
        // Different values, different keys (keys of one length, as in one query).
        let byLength = Dictionary(grouping: seen) { $0.key.count }
        for (_, entries) in byLength { #expect(Set(entries.map(\.value)).count == entries.count) }
    }
}

@Suite("Dimensioner")
struct DimensionTests {
    @Test("Dimension.ordinal is the dimension's place in allCases")
    func ordinal() {
        #expect(Dimension.allCases.map(\.ordinal) == Array(0..<Dimension.allCases.count))
    }
}

@Suite("Aldersgrupper")
struct AgeGroupTests {
    @Test("The cutoffs of a day give every birth the age group of the calendar rule: leap days, birthdays, both sides of each bound")
    func cutoffsAgainstCalendar() {
        var rng = SeededGenerator(seed: 29)
        let first = Day(year: 1930, month: 1, day: 1)!.ordinal, last = Day(year: 2030, month: 12, day: 31)!.ordinal
        var days = (0..<300).map { _ in Day(ordinal: Int32.random(in: first...last, using: &rng)) }
        days += [Day(year: 2024, month: 2, day: 29)!, Day(year: 2025, month: 2, day: 28)!, Day(year: 2025, month: 3, day: 1)!]
        for day in days {
            let cutoffs = AgeGroup.Cutoffs(on: day)
            var births = (0..<200).map { _ in Int32.random(in: first...day.ordinal, using: &rng) }
            // Births on and around each bound's birthday, and leap-day births.
            for age in AgeGroup.firstAges {
                let birthday = day.adding(months: -12 * age).ordinal
                births += [birthday - 1, birthday, birthday + 1]
            }
            births += [Day(year: 2000, month: 2, day: 29)!.ordinal, Day(year: 1964, month: 2, day: 29)!.ordinal, Register.unknownDay]
            for birth in births { #expect(cutoffs.index(birth: birth) == AgeGroup.index(birth: birth, on: day), "\(birth) \(day)") }
        }
    }
}

@Suite("Forløb")
struct SpellSplitTests {
    @Test("A gap splits a spell exactly when a whole calendar month lies in it (day-by-day check, 2023-2025)")
    func gapsAgainstCalendar() {
        let first = Day(year: 2023, month: 1, day: 1)!.ordinal, last = Day(year: 2025, month: 12, day: 31)!.ordinal
        var wrong: [String] = []
        for end in first...last {
            for gap in Int32(0)...70 {
                let start = end + gap + 1
                // Slow: is some month's first and last day both inside the gap?
                var whole = false
                var d = end + 1
                while d < start {
                    let day = Day(ordinal: d)
                    if day.components.day == 1 && day.lastOfMonth.ordinal < start { whole = true }
                    d += 1
                }
                if Spells.splits(after: end, before: start) != whole { wrong.append("\(Day(ordinal: end).iso) + \(gap)") }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        #expect(Spells.splits(after: Day(year: 2024, month: 1, day: 31)!.ordinal, before: Day(year: 2024, month: 3, day: 1)!.ordinal))
        #expect(!Spells.splits(after: Day(year: 2024, month: 2, day: 1)!.ordinal, before: Day(year: 2024, month: 3, day: 31)!.ordinal))
    }
}
