import Foundation
import IndsatsEconomy
import Testing
import ZIPFoundation

@testable import IndsatsExchange

@Suite("xlsx-arbejdsbøger")
struct WorkbookTests {
    @Test("Cells round-trip: Danish text, markup characters, spaces, line breaks, numbers, gaps; control characters are dropped")
    func roundTrip() throws {
        let book = Workbook(sheets: [
            .init(
                name: "Æbler & pærer",
                rows: [
                    [.text("nr"), .text("tekst"), .text("tal")],
                    [.text("ØK 1"), .text(" <a href=\"x\">&amp;</a> \r\nny linje "), .number(-1_161_000.25)],
                    [.empty, .empty, .number(2017)],
                    [.text("bip\u{7}"), .empty, .text("x")],
                ]),
            .init(name: "Tom", rows: []),
        ])
        let read = try Workbook(xlsx: try book.xlsx(), fileName: "t.xlsx")
        var expected = book
        expected.sheets[0].rows[2] = [.empty, .empty, .number(2017)]
        expected.sheets[0].rows[3] = [.text("bip"), .empty, .text("x")]
        #expect(read == expected)
        #expect(
            Workbook.columnName(0) == "A" && Workbook.columnName(25) == "Z" && Workbook.columnName(26) == "AA"
                && Workbook.columnName(701) == "ZZ")
        #expect(Workbook.columnIndex("AB12") == 27 && Workbook.columnIndex("a1") == 0)
    }

    @Test("Shared strings with rich runs and phonetic hints, prefixed names, entities, cells without r, booleans and formulas' values")
    func otherWriters() throws {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { p, n in
                data.subdata(in: Int(p)..<Int(p) + n)
            }
        }
        try add(
            "xl/workbook.xml",
            #"<?xml version="1.0"?><x:workbook xmlns:x="m" xmlns:r="r"><x:sheets><x:sheet name="Ark &amp; 1" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>"#
        )
        try add("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId7" Target="/xl/worksheets/a.xml"/></Relationships>"#)
        try add(
            "xl/sharedStrings.xml",
            #"<sst><si><t>nr</t></si><si><r><t>Rig </t></r><r><rPr><b/></rPr><t xml:space="preserve">tekst &#230;&#xF8;å</t></r><rPh><t>FON</t></rPh></si></sst>"#
        )
        try add(
            "xl/worksheets/a.xml",
            """
            <x:worksheet><x:sheetData><!-- a comment --><x:row r="1"><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c></x:row>\
            <x:row r="3"><x:c r="B3" t="b"><x:v>1</x:v></x:c><x:c r="C3"/><x:c r="D3" t="str"><x:f>A1&amp;"x"</x:f><x:v>nrx</x:v></x:c>\
            <x:c r="E3"><x:v>1.5E3</x:v></x:c><x:c r="F3" t="inlineStr"><x:is><x:t><![CDATA[<rå>]]></x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>
            """)
        let book = try Workbook(xlsx: archive.data!, fileName: "andet.xlsx")
        #expect(book.sheets.map(\.name) == ["Ark & 1"])
        #expect(
            book.sheets[0].rows == [
                [.text("nr"), .text("Rig tekst æøå")],
                [],
                [.empty, .number(1), .empty, .text("nrx"), .number(1500), .text("<rå>")],
            ])
        #expect(throws: XLSXError(file: "x.xlsx", reason: "filen er ikke en xlsx-fil (ikke et zip-arkiv)")) {
            try Workbook(xlsx: Data("ydelse;fra\r\n".utf8), fileName: "x.xlsx")
        }
    }

    @Test("The seeds' 35 proposals round-trip through xlsx exactly, business cases and targets included")
    func proposalsRoundTrip() throws {
        let examples = try ProposalCatalogue.examples()
        let data = try ProposalWorkbook.xlsx(examples)
        #expect(try ProposalWorkbook.catalogue(xlsx: data) == examples)
        let book = try Workbook(xlsx: data, fileName: "f.xlsx")
        #expect(
            book.sheet("Forslag")?.rows[1].prefix(3) == [
                .text("BIC 01"), .text("Udvide Transit til borgere med en varighed over 12 måneder"), .text("BIC"),
            ])
        #expect(book.sheet("Oekonomi")?.rows[1] == [.text("BIC 01"), .number(2017), .number(375_000), .number(290_000), .number(1)])
    }

    @Test("A workbook saved by openpyxl: labels with æøå read as codes, numbers typed as text, a number as nr, rich text")
    func openpyxlFixture() throws {
        let url = try #require(Bundle.module.url(forResource: "forslag-openpyxl", withExtension: "xlsx", subdirectory: "Fixtures"))
        let catalogue = try ProposalWorkbook.catalogue(xlsx: try Data(contentsOf: url))
        let first = try #require(catalogue.proposal("ØK 1"))
        #expect(first.title == "Småjobs for udsatte – æøå" && first.stages == [.tidlig, .afhjaelpende] && first.approach == .investering)
        #expect(first.status == .vedtaget)
        #expect(first.target == .init(persons: 12.5, perYear: true, outcome: .jobEllerUddannelse))
        #expect(
            first.economy == [
                .init(year: 2027, operatingCost: 250_000, benefitSaving: 1_161_000, staff: 0.5),
                .init(year: 2028, operatingCost: 250_000, benefitSaving: 1_161_000.5),
            ])
        let second = try #require(catalogue.proposal("2"))
        #expect(second.title == "Rig tekst" && second.economy == [.init(year: 2027, operatingCost: 100)])
    }

    @Test("Errors name the sheet, the row and the column")
    func errors() throws {
        func fails(_ proposals: [[Workbook.Cell]], _ economy: [[Workbook.Cell]] = [], _ message: String) throws {
            let header = ProposalWorkbook.columns.map(Workbook.Cell.text)
            let book = Workbook(sheets: [
                .init(name: "Forslag", rows: [header] + proposals),
                .init(name: "Oekonomi", rows: [ProposalWorkbook.economyColumns.map(Workbook.Cell.text)] + economy),
            ])
            #expect(throws: EconomyError(message)) { try ProposalWorkbook.catalogue(xlsx: try book.xlsx()) }
        }
        let ok: [Workbook.Cell] = [.text("A"), .text("a"), .text("X")]
        try fails([ok, [.text("B"), .text("b")]], [], "ark Forslag, række 3: ansvarlig_enhed: mangler")
        try fails([ok, [.text("A"), .text("b"), .text("X")]], [], "ark Forslag, række 3: nr: 'A' findes to gange")
        try fails([ok], [[.text("A"), .text("tyve")]], "ark Oekonomi, række 2, kolonne aar: 'tyve' er ikke et tal")
        try fails([ok], [[.text("A"), .number(2017)], [.text("A"), .number(2017)]], "ark Oekonomi, række 3: aar: 2017 står to gange")
        try fails([ok], [[.text("Z"), .number(2017)]], "ark Oekonomi, række 2, kolonne nr: forslaget 'Z' står ikke i arket Forslag")
        let withTarget =
            ok + Array(repeating: Workbook.Cell.empty, count: ProposalWorkbook.columns.firstIndex(of: "maal_personer")! - ok.count)
            + [.text("ti")]
        try fails([withTarget], [], "ark Forslag, række 2, kolonne maal_personer: 'ti' er ikke et tal")
        let book = Workbook(sheets: [.init(name: "Forslag", rows: [[.text("nr"), .text("farve")]])])
        #expect(
            throws: EconomyError(
                "ark Forslag, række 1: kolonnen 'farve' er ukendt; kendte: \(ProposalWorkbook.columns.joined(separator: ", "))")
        ) {
            try ProposalWorkbook.catalogue(xlsx: try book.xlsx())
        }
        #expect(throws: EconomyError("arket 'Forslag' mangler")) { try ProposalWorkbook.catalogue(xlsx: try Workbook(sheets: []).xlsx()) }
    }
}

@Suite("Zip-læseren: hver størrelse tjekket, en strøm pakket ud af sine egne bytes")
struct ZipPartsTests {
    /// A workbook's bytes and where its central directory entry for `path` starts.
    func workbook(entry path: String) throws -> (bytes: [UInt8], entry: Int) {
        let bytes = [UInt8](try Workbook(sheets: [.init(name: "Ark1", rows: [[.text("a"), .number(1)], [.text("æøå")]])]).xlsx())
        let name = Array(path.utf8)
        for at in 0..<(bytes.count - 46 - name.count) where bytes[at..<(at + 4)] == [0x50, 0x4B, 0x01, 0x02] {
            if Array(bytes[(at + 46)..<(at + 46 + name.count)]) == name { return (bytes, at) }
        }
        Issue.record("\(path) mangler")
        return (bytes, 0)
    }

    @Test("Every part reads back as written, and an absent part is nil")
    func roundTrip() throws {
        let (bytes, _) = try workbook(entry: "xl/workbook.xml")
        let zip = try ZipParts(Data(bytes))
        #expect(try zip.contents("xl/workbook.xml", limit: 1 << 20).map { String(decoding: $0, as: UTF8.self).contains("Ark1") } == true)
        #expect(try zip.contents("findes/ikke.xml", limit: 1 << 20) == nil)
    }

    @Test("A stream cut short, a wrong checksum, a part beyond the end or above the limit are Danish errors")
    func damaged() throws {
        let path = "xl/worksheets/sheet1.xml"
        let (bytes, at) = try workbook(entry: path)
        func reading(_ change: (inout [UInt8]) -> Void, limit: Int = 1 << 20) -> String? {
            var damaged = bytes
            change(&damaged)
            do {
                _ = try ZipParts(Data(damaged)).contents(path, limit: limit)
                return nil
            } catch { return error.reason }
        }
        // The compressed size two bytes short: the stream cannot end inside its own bytes.
        #expect(reading { $0[at + 20] &-= 2 } == "\(path) kan ikke pakkes ud")
        #expect(reading { $0[at + 16] ^= 0xFF } == "\(path) er beskadiget (kontrolsummen passer ikke)")
        #expect(reading { $0[at + 23] = 0x7F } == "\(path) rækker ud over zip-arkivets slutning")
        #expect(reading({ _ in }, limit: 10) == "\(path) fylder over 0 MB udpakket")
        #expect(reading { $0[at + 10] = 9 } == "\(path) er pakket på en måde, Indsats ikke kender (metode 9)")
        #expect(throws: ZipParts.Failure(reason: "filen er ikke en xlsx-fil (ikke et zip-arkiv)")) { try ZipParts(Data("a;b\n".utf8)) }
    }
}
