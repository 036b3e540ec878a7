import Foundation
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import IndsatsTestSupport
import Testing

@Suite("Datakontrakten i docs")
struct ContractDocsTests {
    @Test("docs/dataformat.md's table names every file kind with exactly its columns, required ones in bold, and its natural key")
    func tableMatchesDeclarations() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/dataformat.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        var seen: Set<FileKind> = []
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5, let name = cells[1].split(separator: "`").first, case .kind(let kind) = FileName.recognise(String(name))
            else {
                continue
            }
            seen.insert(kind)
            // "**person_id**, cpr, koen (`K`/`M`), enhed¹": names, bold when required.
            var items: [String] = [""], depth = 0
            for ch in cells[3] {
                if ch == "(" { depth += 1 } else if ch == ")" { depth -= 1 }
                if ch == "," && depth == 0 { items.append("") } else { items[items.count - 1].append(ch) }
            }
            let columns = items.map { item -> (String, Bool) in
                let word = item.split(separator: "(").first!.trimmingCharacters(in: .whitespaces)
                let required = word.hasPrefix("**")
                return (word.replacingOccurrences(of: "**", with: "").filter { !"¹²³⁴".contains($0) }, required)
            }
            #expect(columns.map(\.0) == kind.columns.map(\.name), "\(kind)")
            #expect(columns.map(\.1) == kind.columns.map(\.required), "\(kind)")
            // "kontakt_id (ellers hele rækken)²": the key columns before any explanation.
            let key = cells[4].split(separator: "(").first ?? ""
            #expect(key.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) } == kind.naturalKeyColumns, "\(kind)")
        }
        #expect(seen == Set(FileKind.allCases))
    }
}

@Suite("Eksempelfilerne")
struct ExampleFileTests {
    @Test(
        "eksempler/landstal.csv (CRLF, Danish letters, decimal comma) imports whole; a bad period or measure is a Danish error naming line and field"
    )
    func nationalFigures() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let memory = MemoryDestination()
        _ = try Importer(destination: memory).run(paths: [root.appendingPathComponent("eksempler/landstal.csv").path], acceptValid: false)
        let figures = (memory.records[.landstal] ?? [:]).values.compactMap { r -> NationalFigure? in
            if case .nationalFigure(let f) = r { f } else { nil }
        }
        #expect(figures.count == 9 && figures.contains { $0.area == "169 Høje-Taastrup" && $0.period == "2025" && $0.population == 33_100 })
        #expect(figures.contains { $0.value == 596_000.5 })
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("landstal-\(UUID().uuidString).csv")
        try "omraade;periode;maal;vaerdi\nHele landet;2024-13;fuldtidspersoner;1\nHele landet;2024;fuldtid;1\n".write(
            to: bad, atomically: true, encoding: .utf8)
        let errors = try Importer(destination: MemoryDestination()).run(paths: [bad.path], acceptValid: false, kind: .landstal).errors
        #expect(
            errors.contains {
                $0.line == 2 && $0.column == "periode" && $0.reason.hasPrefix("'2024-13' er ikke en måned, et kvartal eller et år")
            })
        #expect(errors.contains { $0.line == 3 && $0.column == "maal" })
    }

    @Test("A pool's share written as a percentage is refused, naming the line and field; budget years and codes are checked")
    func poolShares() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("puljer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "pulje_id;navn;fra;til;bevilling;maal_andel\r\nFSM2;Flere skal med 2;2024-01-01;2025-12-31;2.960.000;35\r\n".write(
            to: folder.appendingPathComponent("puljer.csv"), atomically: true, encoding: .utf8)
        try "aar;ydelse;beloeb\n2026;dagpenge;11.954.000\n1800;dagpenge;5\n2026;børnepenge;5\n".write(
            to: folder.appendingPathComponent("budget.csv"), atomically: true, encoding: .utf8)
        let memory = MemoryDestination()
        let report = try Importer(destination: memory).run(paths: [folder.path], acceptValid: false)
        #expect(
            report.errors.contains {
                $0.file.hasSuffix("puljer.csv") && $0.line == 2 && $0.column == "maal_andel" && $0.reason.contains("er over 1")
            })
        #expect(report.errors.contains { $0.file.hasSuffix("budget.csv") && $0.line == 3 && $0.column == "aar" })
        #expect(report.errors.contains { $0.file.hasSuffix("budget.csv") && $0.line == 4 && $0.column == "ydelse" })
        // All or nothing: the good budget row is not written either.
        #expect(memory.records[.budget]?.isEmpty ?? true)
    }
}
