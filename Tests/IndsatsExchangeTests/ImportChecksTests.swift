import IndsatsContract
import IndsatsCore
import IndsatsTestSupport
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

    @Test("References are looked up one by one in a small import and read whole past the limit: the same rows rejected either way")
    func referencesLookedUpOrReadWhole() throws {
        var rng = SeededGenerator(seed: 21)
        for rows in [30, KnownKeys.lookupLimit * 3] {
            let destination = MemoryDestination()
            let people = rows + rows / 10
            let stored = (0..<people).filter { _ in Int.random(in: 0..<4, using: &rng) > 0 }
            _ = try destination.write([.personer: stored.map { .person(Person(id: "P\($0)")) }])
            let arriving = (0..<people).filter { _ in Int.random(in: 0..<10, using: &rng) == 0 }
            let known = Set(stored + arriving)
            var conversations = "person_id;dato;type;kanal\n"
            var expected: [String] = []
            for line in 2..<(rows + 2) {
                let person = Int.random(in: 0..<people, using: &rng)
                conversations += "P\(person);\(Day(year: 2020, month: 1, day: 1)!.advanced(by: line).iso);jobsamtale;telefon\n"
                if !known.contains(person) {
                    expected.append(
                        "samtaler.csv:\(line): person_id: 'P\(person)' findes ikke i personer.csv (hverken gemt eller i denne import)")
                }
            }
            let (report, _, _) = try importFiles(
                ["personer.csv": "person_id\n" + arriving.map { "P\($0)\n" }.joined(), "samtaler.csv": conversations],
                into: destination)
            #expect(!expected.isEmpty)
            #expect(report.errors.map(\.description) == expected)
            #expect(destination.keyReads.whole == (rows > KnownKeys.lookupLimit ? 1 : 0))
            #expect(destination.keyReads.single > 0)
        }
    }
}
