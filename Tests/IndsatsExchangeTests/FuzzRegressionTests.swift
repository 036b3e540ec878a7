import Foundation
import IndsatsExchange
import IndsatsFuzzTargets
import Testing

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

    @Test("The crash the xlsx fuzzer found is a Danish error, not a trap")
    func xlsxOffsetPastEnd() throws {
        let file = Self.root.appendingPathComponent("nedbrud/xlsx/zip-forskydning-efter-slut")
        #expect(FileManager.default.fileExists(atPath: file.path))
        let data = try Data(contentsOf: file)
        #expect(throws: XLSXError.self) { try Workbook(xlsx: data, fileName: "fund.xlsx") }
    }
}
