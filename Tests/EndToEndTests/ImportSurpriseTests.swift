import Foundation
import IndsatsExchange
import Testing

/// Through the binary: every file a folder import leaves out is named, a misspelt one stops it with
/// the right name, Danish Excel's Windows-1252 is read, and `--tjek` writes nothing.
@Suite("Import uden overraskelser, gennem programmet")
struct ImportSurpriseTests {
    /// "personer.csv" as Danish Excel's "CSV (semikolonsepareret)" saves it: Windows-1252, CRLF.
    static let excelPersons: [UInt8] =
        Array("person_id;k".utf8) + [0xF8] + Array("n;kommune;navn\r\nP1;K;169;S".utf8) + [0xF8]
        + Array("ren\r\nP2;M;169;".utf8) + [0xC6, 0x72, 0xF8] + Array("\r\n".utf8)
    static let benefits = "person_id;ydelse;start;slut\nP1;dagpenge;2024-01-01;2024-03-31\n"

    func auditLines(_ db: String, in folder: String) throws -> String {
        try Binary.run(["audit", "verify", "--db", db], in: folder).stdout.split(separator: "\n").first.map(String.init) ?? ""
    }

    @Test("A misspelt file stops the folder import with the right name; renamed with a date, everything is read and other files named")
    func fileNames() throws {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder + "/data/personer.csv", contents: Data(Self.excelPersons))
        FileManager.default.createFile(atPath: folder + "/data/ydelsesforlob.csv", contents: Data(Self.benefits.utf8))
        let misspelt = try Binary.run(["import", "data", "--db", "navne.sqlite"], in: folder)
        #expect(misspelt.status == 2)
        #expect(misspelt.stderr.contains("ydelsesforlob.csv: mente du ydelsesforloeb.csv?"))
        #expect(try auditLines("navne.sqlite", in: folder) == "Auditloggen er urørt: 0 linjer.")

        try FileManager.default.moveItem(atPath: folder + "/data/ydelsesforlob.csv", toPath: folder + "/data/ydelsesforloeb_2026-10.csv")
        FileManager.default.createFile(atPath: folder + "/data/noter.txt", contents: Data("husk\n".utf8))
        let imported = try Binary.run(["import", "data", "--db", "navne.sqlite"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("bemærk: data: ikke indlæst, navnet er ingen kendt filtype: noter.txt"))
        #expect(imported.stderr.contains("bemærk: personer.csv: læst som Windows-1252"))
        #expect(imported.stdout.contains("data/personer.csv: 2 rækker læst, 2 nye"))
        #expect(imported.stdout.contains("data/ydelsesforloeb_2026-10.csv: 1 rækker læst, 1 nye"))
        let person = try Binary.run(
            ["kpi", "personer", "--fra", "2024-01-01", "--til", "2024-01-31", "--format", "csv", "--db", "navne.sqlite"], in: folder)
        #expect(person.stdout == "\u{FEFF}periode;vaerdi\r\n2024-01;1\r\n")
    }

    @Test("A register file saved as xlsx imports like its CSV; an error names the sheet, row and column")
    func workbook() throws {
        let folder = temporaryFolder()
        let rows: [[Workbook.Cell]] = [
            [.text("person_id"), .text("ydelse"), .text("start"), .text("slut")],
            [.text("P1"), .text("dagpenge"), .number(45_292), .text("31-01-2024")],
        ]
        FileManager.default.createFile(
            atPath: folder + "/ydelsesforloeb.xlsx", contents: try Workbook(sheets: [.init(name: "Forløb", rows: rows)]).xlsx())
        FileManager.default.createFile(atPath: folder + "/personer.csv", contents: Data("person_id;koen\nP1;K\n".utf8))
        let imported = try Binary.run(["import", ".", "--db", "ark.sqlite"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("ydelsesforloeb.xlsx: 1 rækker læst, 1 nye"))
        let days = try Binary.run(
            ["kpi", "fuldtidspersoner", "--fra", "2024-01-01", "--til", "2024-01-31", "--format", "csv", "--db", "ark.sqlite"], in: folder)
        #expect(days.stdout == "\u{FEFF}periode;vaerdi\r\n2024-01;1\r\n")

        let bad: [[Workbook.Cell]] = [rows[0], [.text("P1"), .text("dagpenge"), .number(45_350), .text("30-02-2024")]]
        FileManager.default.createFile(
            atPath: folder + "/ydelsesforloeb.xlsx", contents: try Workbook(sheets: [.init(name: "Forløb", rows: bad)]).xlsx())
        let rejected = try Binary.run(["import", "ydelsesforloeb.xlsx", "--db", "ark.sqlite"], in: folder)
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("ydelsesforloeb.xlsx (ark Forløb):2: slut: "), "\(rejected.stderr)")
    }

    @Test("import --tjek runs every check, says what would be written, and writes nothing, not even the audit line")
    func trial() throws {
        let folder = temporaryFolder()
        FileManager.default.createFile(atPath: folder + "/personer.csv", contents: Data("person_id;koen\nP1;K\nP2;M\n".utf8))
        let trial = try Binary.run(["import", "personer.csv", "--tjek", "--db", "tjek.sqlite"], in: folder)
        #expect(trial.status == 0, "\(trial.stderr)")
        #expect(trial.stdout.contains("personer.csv: 2 rækker læst, 2 ville være nye, 0 ville blive ændret, 0 uændrede"))
        #expect(trial.stdout.contains("Prøvekørsel (--tjek): intet er skrevet."))
        #expect(try auditLines("tjek.sqlite", in: folder) == "Auditloggen er urørt: 0 linjer.")

        FileManager.default.createFile(atPath: folder + "/personer.csv", contents: Data("person_id;koen\nP1;K\nP2;kvinde\n".utf8))
        let rejected = try Binary.run(["import", "personer.csv", "--tjek", "--db", "tjek.sqlite"], in: folder)
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("personer.csv:3: koen: 'kvinde' er ikke tilladt; brug K eller M"))
        #expect(rejected.stdout.contains("Uden --tjek ville intet blive indlæst: 1 fejl"))
        let accepting = try Binary.run(["import", "personer.csv", "--tjek", "--accept-valid", "--db", "tjek.sqlite"], in: folder)
        #expect(accepting.stdout.contains("1 ville være nye"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/personer.karantaene.csv"))
        #expect(try auditLines("tjek.sqlite", in: folder) == "Auditloggen er urørt: 0 linjer.")

        let real = try Binary.run(["import", "personer.csv", "--accept-valid", "--db", "tjek.sqlite"], in: folder)
        #expect(real.stdout.contains("1 nye"))
        #expect(try auditLines("tjek.sqlite", in: folder).hasPrefix("Auditloggen er urørt: 1 linjer, senest nr. 1 "))
    }
}
