import IndsatsCore
import Testing

@testable import IndsatsExchange

@Suite("Kontrol på tværs af rækker")
struct ImportChecksTests {
    @Test("Repeated keys found by merging sorted runs equal those found with a dictionary, on random rows")
    func repeatedKeysAgainstReference() {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<40 {
            let count = Int.random(in: 0...200, using: &rng)
            var finder = RepeatedKeyFinder(runLength: Int.random(in: 1...20, using: &rng))
            var rows: [(id: String, sex: String, line: Int)] = []
            for line in 2..<(2 + count) {
                let row = (id: "P\(Int.random(in: 0...30, using: &rng))", sex: Bool.random(using: &rng) ? "K" : "M", line: line)
                rows.append(row)
                // Two files read one after the other, as the importer does.
                finder.add(RowFingerprint(.person(Person(id: row.id, sex: row.sex)), file: line < 2 + count / 2 ? 0 : 1, line: line))
            }
            var found: [[Int]] = []
            finder.forEachRepeat { first, repeated in
                found.append([Int(first.line), Int(repeated.line), first.content == repeated.content ? 1 : 0])
            }
            // Reference: the first row of each key, and every later one compared with it.
            var firstOf: [String: (sex: String, line: Int)] = [:]
            var expected: [[Int]] = []
            for row in rows {
                if let first = firstOf[row.id] {
                    expected.append([first.line, row.line, first.sex == row.sex ? 1 : 0])
                } else {
                    firstOf[row.id] = (row.sex, row.line)
                }
            }
            #expect(found.sorted { $0[1] < $1[1] } == expected)
        }
    }

    @Test("Fingerprints: equal keys with other content differ only in content; an absent key part is the empty one")
    func fingerprints() {
        let a = RowFingerprint(.person(Person(id: "P1", sex: "K")), line: 2)
        let b = RowFingerprint(.person(Person(id: "P1", sex: "M")), line: 3)
        let c = RowFingerprint(.person(Person(id: "P2", sex: "K")), line: 4)
        #expect(a.sameKey(as: b) && a.content != b.content)
        #expect(!a.sameKey(as: c))
        let extra = RowFingerprint(.person(Person(id: "P1", sex: "K", extra: ["sagsnr": "1"])), line: 5)
        #expect(a.sameKey(as: extra) && a.content != extra.content)
        let day = Day(year: 2024, month: 2, day: 29)!
        let noStaff = RowFingerprint(.conversation(Conversation(personID: "P1", date: day, type: "jobsamtale")), line: 6)
        let emptyStaff = RowFingerprint(.conversation(Conversation(personID: "P1", date: day, type: "jobsamtale", staffID: "")), line: 7)
        #expect(noStaff.sameKey(as: emptyStaff))
    }
}
