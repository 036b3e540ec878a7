import IndsatsCore
@testable import IndsatsAnalytics
import Testing

@Suite("Gruppenøgler")
struct GroupKeyTests {
    @Test("A packed key gives back every value, negative and beyond four dimensions, and equals only the same values")
    func roundTrip() {
        var rng = SeededGenerator(seed: 5)
        var seen: [[Int32]: GroupKey] = [:]
        for _ in 0..<2_000 {
            let values = (0..<Int.random(in: 0...6, using: &rng)).map { _ in
                Int32.random(in: -1...3, using: &rng) * (Bool.random(using: &rng) ? 1 : Int32.max / 4)
            }
            var key = GroupKey()
            for (i, v) in values.enumerated() { key.set(i, v) }
            #expect(values.indices.map(key.value) == values)
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
