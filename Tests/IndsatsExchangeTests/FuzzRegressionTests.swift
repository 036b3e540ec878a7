import Foundation
import IndsatsFuzzTargets
import Testing

@testable import IndsatsExchange

/// Every input libFuzzer ever crashed a parser with (Fuzz/nedbrud) and the kept corpus
/// (Fuzz/korpus), replayed through the same parser: each must return, never trap.
/// A crash here stops the test run, which is the point. scripts/fuzz finds new ones.
@Suite("Fuzzernes fund genafspilles")
struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func inputs(_ folder: String, _ target: FuzzTarget) -> [URL] {
        let dir = root.appendingPathComponent(folder).appendingPathComponent(target.rawValue)
        return ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    @Test("Every parser has a kept corpus, and every crash and corpus input returns", arguments: FuzzTarget.allCases)
    func replay(_ target: FuzzTarget) throws {
        let corpus = Self.inputs("korpus", target)
        #expect(!corpus.isEmpty, "Fuzz/korpus/\(target.rawValue) er tom")
        for file in Self.inputs("nedbrud", target) + corpus {
            target.run(Array(try Data(contentsOf: file)))
        }
    }

    @Test(
        "What the xlsx fuzzer found is a Danish error or a plain reading: a zip offset past the end, a row far beyond Excel's (26 GB asked), a cell ended before it began",
        arguments: ["zip-forskydning-efter-slut", "raekke-langt-uden-for-excel", "celle-slut-uden-start"])
    func xlsxFinds(_ name: String) throws {
        let data = try Data(contentsOf: Self.root.appendingPathComponent("nedbrud/xlsx/\(name)"))
        // It returns: a workbook or a Danish error, never a trap.
        _ = try? Workbook(xlsx: data, fileName: "fund.xlsx")
        if name != "celle-slut-uden-start" { #expect(throws: XLSXError.self) { try Workbook(xlsx: data, fileName: "fund.xlsx") } }
    }

    @Test("A sheet's rows and columns beyond Excel's limits, or a column name that would overflow, are refused")
    func excelLimits() throws {
        for reference in ["r=\"0\"", "r=\"-3\"", "r=\"1048577\""] {
            let xml = "<worksheet><sheetData><row \(reference)><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>"
            #expect(Workbook.rows(XMLEvent.parse(Data(xml.utf8)), []) == nil, "\(reference)")
        }
        let wide =
            "<worksheet><sheetData><row r=\"1\"><c r=\"\(String(repeating: "Z", count: 40))1\"><v>1</v></c></row></sheetData></worksheet>"
        #expect(Workbook.rows(XMLEvent.parse(Data(wide.utf8)), []) == nil)
        // A cell's end without its start, and a shared string numbered -1 (the fuzzer's third find).
        let unopened = "<worksheet><sheetData><row r=\"1\"><v>1</v></c><c t=\"s\"><v>-1</v></c></row></sheetData></worksheet>"
        #expect(Workbook.rows(XMLEvent.parse(Data(unopened.utf8)), ["a"]) == [[]])
        let fine = "<worksheet><sheetData><row r=\"2\"><c r=\"XFD2\"><v>7</v></c></row></sheetData></worksheet>"
        #expect(Workbook.rows(XMLEvent.parse(Data(fine.utf8)), [])?[1].count == 16_384)
    }
}
