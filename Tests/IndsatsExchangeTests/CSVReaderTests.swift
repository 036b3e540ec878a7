import Foundation
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import Testing

/// A fresh temporary folder for one test.
func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "indsats-test-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func write(_ text: String, to name: String, in folder: String, bom: Bool = false) -> String {
    let path = folder + "/" + name
    var bytes = Array(text.utf8)
    if bom { bytes = [0xEF, 0xBB, 0xBF] + bytes }
    #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    return path
}

func records(_ text: String, bom: Bool = false) throws -> (header: [String], rows: [CSVRecord], delimiter: UInt8) {
    let path = write(text, to: "x.csv", in: temporaryFolder(), bom: bom)
    let reader = try CSVReader(path: path)
    var rows: [CSVRecord] = []
    while let r = try reader.next() { rows.append(r) }
    return (reader.header, rows, reader.delimiter)
}

@Suite("CSV-læseren")
struct CSVReaderTests {
    @Test("Semicolons, BOM and CRLF")
    func semicolonBOMCRLF() throws {
        let r = try records("a;b\r\n1;2\r\n3;4\r\n", bom: true)
        #expect(r.header == ["a", "b"])
        #expect(r.rows.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(r.rows.map(\.line) == [2, 3])
        #expect(r.delimiter == UInt8(ascii: ";"))
    }

    @Test("Commas are detected from the header")
    func commas() throws {
        let r = try records("a,b,c\n1,\"2;5\",3\n")
        #expect(r.delimiter == UInt8(ascii: ","))
        #expect(r.rows[0].fields == ["1", "2;5", "3"])
    }

    @Test("Quoted semicolons, doubled quotes and line breaks inside quotes keep line numbers right")
    func quoting() throws {
        let r = try records("a;b\n\"x;y\";\"sagde \"\"hej\"\"\"\n\"to\nlinjer\";z\n\nsidst;ø\n")
        #expect(r.rows.map(\.fields) == [["x;y", "sagde \"hej\""], ["to\nlinjer", "z"], ["sidst", "ø"]])
        #expect(r.rows.map(\.line) == [2, 3, 6])
        #expect(r.rows[0].raw == "\"x;y\";\"sagde \"\"hej\"\"\"")
    }

    @Test("A last line without a line end is read")
    func noFinalNewline() throws {
        #expect(try records("a;b\n1;2").rows.map(\.fields) == [["1", "2"]])
    }

    @Test("A quote that never ends is an error with its line")
    func unterminated() {
        let error = #expect(throws: CSVError.self) { try records("a;b\n1;2\n\"3;4\n") }
        #expect(error?.description == "x.csv:3: et felt i anførselstegn slutter aldrig")
    }

    @Test("Bytes neither UTF-8 nor Danish Windows-1252 are reported with their line")
    func invalidUTF8() throws {
        let folder = temporaryFolder()
        let path = folder + "/ukendt.csv"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(Array("a;b\n".utf8) + [0x66, 0x81, 0x72, 0x3B, 0x31, 0x0A])))
        let reader = try CSVReader(path: path)
        #expect(
            throws: CSVError(
                file: "ukendt.csv", line: 2, reason: "linjen er hverken gyldig UTF-8 eller dansk Windows-1252; gem filen som CSV UTF-8")
        ) {
            try reader.next()
        }
    }

    @Test("An empty file has no header")
    func emptyFile() {
        #expect(throws: CSVError.self) { try records("") }
    }

    @Test("Records longer than the read chunk stream across chunks")
    func largeFile() throws {
        var text = "id;tekst\n"
        for i in 0..<60_000 { text += "\(i);\"linje \(i); med semikolon\"\n" }
        let r = try records(text)
        #expect(r.rows.count == 60_000)
        #expect(r.rows.last!.fields == ["59999", "linje 59999; med semikolon"])
        #expect(r.rows.last!.line == 60_001)
    }

    @Test("The writer quotes what needs it and reads back the same")
    func writerRoundTrip() throws {
        let folder = temporaryFolder()
        let writer = try CSVWriter(path: folder + "/w.csv", header: ["a", "b"])
        let rows = [["x;y", "ø\"å"], ["to\nlinjer", ""]]
        for row in rows { writer.write(row) }
        try writer.close()
        let data = FileManager.default.contents(atPath: folder + "/w.csv")!
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let reader = try CSVReader(path: folder + "/w.csv")
        var read: [[String]] = []
        while let r = try reader.next() { read.append(r.fields) }
        #expect(read == rows)
    }

    @Test("Typed fields are encoded as the contract writes them: ISO dates, plain integers, empty for nil")
    func rowEncoder() {
        var rows = CSVRowEncoder()
        rows.day(Day(year: 2024, month: 2, day: 29))
        rows.day(Day(year: 1, month: 1, day: 1))
        rows.day(nil)
        rows.integer(0)
        rows.integer(-40)
        rows.integer(1_234_567_890)
        rows.decimal(37.5)
        rows.text("Ærø; \"Ø\"")
        rows.endRow()
        rows.text(nil)
        rows.endRow()
        #expect(
            String(decoding: rows.bytes, as: UTF8.self)
                == "2024-02-29;0001-01-01;;0;-40;1234567890;37.5;\"Ærø; \"\"Ø\"\"\"\r\n\r\n")
    }

    @Test("Integers encode as String(_:) does, on random values")
    func rowEncoderIntegers() {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<2_000 {
            let n = Int.random(in: Int.min...Int.max, using: &rng) >> Int.random(in: 0...63, using: &rng)
            var rows = CSVRowEncoder()
            rows.integer(n)
            #expect(String(decoding: rows.bytes, as: UTF8.self) == String(n))
        }
    }

    @Test("FileKind.ordinal is the kind's place in allCases")
    func kindOrdinal() {
        #expect(FileKind.allCases.map(\.ordinal) == Array(0..<FileKind.allCases.count))
    }
}
