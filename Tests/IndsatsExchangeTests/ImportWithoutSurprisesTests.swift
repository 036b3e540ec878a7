import Foundation
import IndsatsContract
import IndsatsCore
import IndsatsTestSupport
import Testing

@testable import IndsatsExchange

/// Bytes as Danish Excel's "CSV (semikolonsepareret)" saves them: Windows-1252.
func windows1252(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { scalar in
        switch scalar {
        case "€": 0x80
        case "–": 0x96
        default: UInt8(scalar.value)  // the tests use Latin-1 letters only
        }
    }
}

func writeBytes(_ bytes: [UInt8], to name: String, in folder: String) -> String {
    let path = folder + "/" + name
    #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    return path
}

@Suite("Filnavne: hver fil, der ikke indlæses, nævnes; et navn tæt på en filtype er en fejl med det rigtige navn")
struct FileNameTests {
    @Test("Names recognised: case, Danish spelling, .CSV, a date after the name")
    func recognised() {
        #expect(FileName.recognise("data/Ydelsesforløb.CSV") == .kind(.ydelsesforloeb))
        #expect(FileName.recognise("personer.csv") == .kind(.personer))
        #expect(FileName.recognise("ydelsesforloeb_2026-10.csv") == .kind(.ydelsesforloeb))
        #expect(FileName.recognise("Personer 20261031.csv") == .kind(.personer))
        #expect(FileName.recognise("samtaler-2026-10-31.csv") == .kind(.samtaler))
        #expect(FileName.recognise("virksomhedskontakter.2026.csv") == .kind(.virksomhedskontakter))
    }

    @Test("Misspellings suggest the kind; other names and other extensions are other files")
    func misspelt() {
        #expect(FileName.recognise("ydelsesforlob.csv") == .closeTo(.ydelsesforloeb))
        #expect(FileName.recognise("ydelsesforløbet.csv") == .closeTo(.ydelsesforloeb))
        #expect(FileName.recognise("persone.csv") == .closeTo(.personer))
        #expect(FileName.recognise("Virksomheder_x.csv") == .closeTo(.virksomheder))
        #expect(FileName.recognise("kode.csv") == .closeTo(.koder))
        // A short kind takes one letter only: noter.csv is no koder.csv.
        #expect(FileName.recognise("noter.csv") == .other)
        #expect(FileName.recognise("andet.csv") == .other)
        #expect(FileName.recognise("personer.txt") == .other)
        #expect(FileName.recognise("Personer.XLSX") == .kind(.personer))
        #expect(FileName.recognise("personr.xlsx") == .closeTo(.personer))
        #expect(FileName.recognise("personer_1.csv") == .closeTo(.personer))
        #expect(FileName.recognise("2026.csv") == .other)
    }

    @Test("A folder names every file it does not import, karantæne files and folders too")
    func notices() throws {
        let folder = temporaryFolder()
        _ = write(persons, to: "personer_2026-10.csv", in: folder)
        _ = write("noget\n", to: "noter.txt", in: folder)
        _ = write("a;b\n", to: "andet.csv", in: folder)
        _ = write("a;b\n", to: "personer.karantaene.csv", in: folder)
        try FileManager.default.createDirectory(atPath: folder + "/gammelt", withIntermediateDirectories: true)
        let report = try Importer(destination: MemoryDestination()).run(paths: [folder], acceptValid: false)
        #expect(report.files.map(\.kind) == [.personer])
        #expect(report.files.first?.counts.new == 2)
        #expect(
            report.notices == [
                "\(folder): ikke indlæst, navnet er ingen kendt filtype: andet.csv, gammelt/, noter.txt",
                "\(folder): karantænefiler fra tidligere importer er ikke indlæst: personer.karantaene.csv",
            ])
    }

    @Test("A misspelt file in a folder stops the import before anything is read, naming the right name")
    func misspeltInFolder() throws {
        let folder = temporaryFolder()
        _ = write(persons, to: "personer.csv", in: folder)
        _ = write("person_id;ydelse;start\nP1;dagpenge;2024-01-01\n", to: "ydelsesforlob.csv", in: folder)
        let destination = MemoryDestination()
        let error = #expect(throws: ImportUsageError.self) {
            try Importer(destination: destination).run(paths: [folder], acceptValid: false)
        }
        #expect(error?.message.contains("ydelsesforlob.csv: mente du ydelsesforloeb.csv?") == true)
        #expect(error?.message.contains("intet er indlæst") == true)
        #expect(destination.writes == 0)
        // A single misspelt file: the same suggestion.
        let single = #expect(throws: ImportUsageError.self) {
            try Importer(destination: destination).run(paths: [folder + "/ydelsesforlob.csv"], acceptValid: false)
        }
        #expect(single?.message.contains("mente du ydelsesforloeb.csv?") == true)
    }

    @Test("With --kind every CSV file of a folder is that kind, whatever its name")
    func givenKind() throws {
        let folder = temporaryFolder()
        _ = write(persons, to: "borgere.csv", in: folder)
        _ = write("x\n", to: "noter.txt", in: folder)
        let report = try Importer(destination: MemoryDestination()).run(paths: [folder], acceptValid: false, kind: .personer)
        #expect(report.files.map(\.kind) == [.personer])
        #expect(report.notices == ["\(folder): ikke indlæst, navnet er ingen kendt filtype: noter.txt"])
    }
}

@Suite("Tegnsæt: Excels UTF-8 med og uden BOM og Windows-1252 læses; blandede og andre afvises")
struct EncodingTests {
    let text = "person_id;fødselsdato;køn;kommune;navn\nP1;1990-05-01;K;169;Søren Åberg\nP2;1985-02-01;M;169;Ærø – €\n"

    func read(_ bytes: [UInt8]) throws -> (rows: [[String]], encoding: TextEncoding, header: [String]) {
        let reader = try CSVReader(path: writeBytes(bytes, to: "x.csv", in: temporaryFolder()))
        var rows: [[String]] = []
        while let r = try reader.next() { rows.append(r.fields) }
        return (rows, reader.encoding, reader.header)
    }

    @Test("UTF-8 with a BOM, UTF-8 without, and Windows-1252 give the same fields")
    func sameFields() throws {
        let utf8 = try read(Array(text.utf8))
        let bom = try read([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let excel = try read(windows1252(text))
        #expect(utf8.rows == [["P1", "1990-05-01", "K", "169", "Søren Åberg"], ["P2", "1985-02-01", "M", "169", "Ærø – €"]])
        #expect(bom.rows == utf8.rows && excel.rows == utf8.rows)
        #expect(excel.header == utf8.header)
        #expect([utf8.encoding, bom.encoding, excel.encoding] == [.utf8, .utf8, .windows1252])
        #expect(try read(Array("a;b\n1;2\n".utf8)).encoding == .ascii)
    }

    @Test("Windows-1252 first found on a later line: the ASCII before it is the same either way")
    func laterLine() throws {
        let lines = "a;b\n" + String(repeating: "x;y\n", count: 5) + "æ;ø\n"
        let r = try read(windows1252(lines))
        #expect(r.rows.last == ["æ", "ø"])
        #expect(r.encoding == .windows1252)
    }

    @Test("Mixed files are refused with the line: UTF-8 then Windows-1252, Windows-1252 then UTF-8")
    func mixed() throws {
        let utf8First = Array("a;b\nø;1\n".utf8) + windows1252("æ;2\n")
        #expect(
            throws: CSVError(
                file: "x.csv", line: 3,
                reason: "linjen er ikke gyldig UTF-8, men filens tidligere linjer er: filen blander tegnsæt; gem den igen som CSV UTF-8")
        ) {
            try read(utf8First)
        }
        let excelFirst = windows1252("a;b\næ;1\n") + Array("ø;2\n".utf8)
        #expect(
            throws: CSVError(
                file: "x.csv", line: 3,
                reason: "linjen ligner ikke Windows-1252 som resten af filen (blandede tegnsæt?); gem filen som CSV UTF-8")
        ) {
            try read(excelFirst)
        }
    }

    @Test("Bytes no Danish text has are refused: undefined in Windows-1252, control characters, other encodings")
    func notDanish() throws {
        for bytes: [UInt8] in [[0x81], [0x9D], [0x8F, 0x41], [0xD7], [0x88, 0x89]] {
            #expect(
                throws: CSVError(
                    file: "x.csv", line: 2, reason: "linjen er hverken gyldig UTF-8 eller dansk Windows-1252; gem filen som CSV UTF-8")
            ) {
                try read(Array("a;b\n".utf8) + bytes + Array(";1\n".utf8))
            }
        }
    }

    @Test("An import of a Windows-1252 file keeps æ, ø and å and says how it read the file")
    func importNotice() throws {
        let folder = temporaryFolder()
        _ = writeBytes(windows1252("person_id;køn;kommune\nPÆ1;K;169\n"), to: "personer.csv", in: folder)
        let destination = MemoryDestination()
        let report = try Importer(destination: destination).run(paths: [folder], acceptValid: false)
        #expect(report.errors == [])
        #expect(destination.records[.personer]?["PÆ1"] != nil)
        #expect(
            report.notices == [
                "personer.csv: læst som Windows-1252 (Excels \"CSV (semikolonsepareret)\"), så æ, ø og å er bevaret; gem som \"CSV UTF-8\" for at være sikker"
            ])
    }
}

@Suite("Prøvekørsel: import --tjek kører alle tjek og skriver intet")
struct TrialImportTests {
    @Test("A good trial counts what would be written and writes nothing")
    func good() throws {
        let folder = temporaryFolder()
        _ = write(persons, to: "personer.csv", in: folder)
        let destination = MemoryDestination()
        let trial = try Importer(destination: destination).run(paths: [folder], acceptValid: false, trial: true)
        #expect(trial.trial && !trial.written)
        #expect(trial.files.map(\.counts) == [WriteCounts(new: 2)])
        #expect(destination.writes == 0 && destination.records.isEmpty)
        // After a real import, the same trial finds the rows unchanged.
        _ = try Importer(destination: destination).run(paths: [folder], acceptValid: false)
        let again = try Importer(destination: destination).run(paths: [folder], acceptValid: false, trial: true)
        #expect(again.files.map(\.counts) == [WriteCounts(unchanged: 2)])
        #expect(destination.writes == 1)
    }

    @Test("A trial with a bad row reports it, writes no karantæne file, and with --accept-valid counts the good rows")
    func rejected() throws {
        let folder = temporaryFolder()
        _ = write(persons + "P3;1990-01-01;Q;169\n", to: "personer.csv", in: folder)
        let destination = MemoryDestination()
        let trial = try Importer(destination: destination).run(paths: [folder], acceptValid: false, trial: true)
        #expect(trial.errors.map(\.description) == ["personer.csv:4: koen: 'Q' er ikke tilladt; brug K eller M"])
        #expect(trial.exitStatus == 1)
        let accepting = try Importer(destination: destination).run(paths: [folder], acceptValid: true, trial: true)
        #expect(accepting.files.map(\.counts) == [WriteCounts(new: 2)])
        #expect(accepting.files.map(\.quarantinePath) == [nil])
        #expect(destination.writes == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["personer.csv"])
    }
}

@Suite("Registerfiler som xlsx: første ark, overskrift i række 1, Excel-datoer eller tekst")
struct SheetImportTests {
    func workbook(_ rows: [[Workbook.Cell]], sheet: String = "Ark1") throws -> [UInt8] {
        [UInt8](try Workbook(sheets: [.init(name: sheet, rows: rows)]).xlsx())
    }

    @Test("A workbook imports as the same table in CSV does: Excel dates and text dates, numbers, empty cells")
    func sameAsCSV() throws {
        let rows: [[Workbook.Cell]] = [
            [.text("person_id"), .text("fødselsdato"), .text("køn"), .text("kommune"), .text("cv_dato")],
            [.text("P1"), .number(32_994), .text("K"), .number(169)],
            [.text("P2"), .text("01-02-1985"), .text("M"), .number(169), .number(45_351)],
            [],
            [.text("P3"), .empty, .text("K"), .text("169"), .empty],
        ]
        let folder = temporaryFolder()
        _ = writeBytes(try workbook(rows), to: "personer.xlsx", in: folder)
        let fromSheet = MemoryDestination()
        let report = try Importer(destination: fromSheet).run(paths: [folder], acceptValid: false)
        #expect(report.errors == [])
        #expect(report.files.map(\.counts) == [WriteCounts(new: 3)])
        let csv = temporaryFolder()
        _ = write(
            "person_id;foedselsdato;koen;kommune;cv_dato\nP1;1990-05-01;K;169;\nP2;1985-02-01;M;169;2024-02-29\nP3;;K;169;\n",
            to: "personer.csv", in: csv)
        let fromCSV = MemoryDestination()
        _ = try Importer(destination: fromCSV).run(paths: [csv], acceptValid: false)
        #expect(fromSheet.records == fromCSV.records)
    }

    @Test("Errors name the file, the sheet, the row and the column; the rejected rows go to a CSV karantæne file")
    func errors() throws {
        let folder = temporaryFolder()
        let path = writeBytes(
            try workbook(
                [
                    [.text("person_id"), .text("koen")], [.text("P1"), .text("K")], [.text("P2"), .text("Q")],
                    [.text("P3"), .text("M"), .text("ekstra")],
                ], sheet: "Borgere"), to: "personer.xlsx", in: folder)
        let report = try Importer(destination: MemoryDestination()).run(paths: [path], acceptValid: true)
        #expect(
            report.errors.map(\.description) == [
                "personer.xlsx (ark Borgere):3: koen: 'Q' er ikke tilladt; brug K eller M",
                "personer.xlsx (ark Borgere):4: række: rækken har 3 felter, men overskriften har 2",
            ])
        #expect(report.files.map(\.counts) == [WriteCounts(new: 1)])
        let quarantine = String(decoding: FileManager.default.contents(atPath: folder + "/personer.karantaene.csv")!, as: UTF8.self)
        #expect(
            quarantine
                == "\u{FEFF}person_id;koen;aarsag\r\nP2;Q;\"koen: 'Q' er ikke tilladt; brug K eller M\"\r\n"
                + "P3;M;ekstra;række: rækken har 3 felter, men overskriften har 2\r\n")
    }

    @Test("Excel's date numbers: its 1900 system with the day 60 that never was; a CPR number keeps its leading zero")
    func excelNumbers() throws {
        #expect(SheetReader.day(excelDate: 1) == Day(year: 1900, month: 1, day: 1))
        #expect(SheetReader.day(excelDate: 59) == Day(year: 1900, month: 2, day: 28))
        #expect(SheetReader.day(excelDate: 60) == nil)
        #expect(SheetReader.day(excelDate: 61) == Day(year: 1900, month: 3, day: 1))
        #expect(SheetReader.day(excelDate: 45_351.75) == Day(year: 2024, month: 2, day: 29))
        #expect(SheetReader.day(excelDate: 2_958_465) == Day(year: 9999, month: 12, day: 31))
        #expect(SheetReader.day(excelDate: 2_958_466) == nil && SheetReader.day(excelDate: 0) == nil)
        let folder = temporaryFolder()
        let path = writeBytes(
            try workbook([[.text("person_id"), .text("cpr")], [.text("P1"), .number(101_901_234)]]), to: "personer.xlsx", in: folder)
        let sheet = try SheetReader(path: path, kind: .personer)
        #expect(try sheet.next()?.fields == ["P1", "0101901234"])
        #expect(try sheet.next() == nil)
    }

    @Test("A file that is no workbook, or a workbook with an empty first sheet, is refused in Danish")
    func unreadable() throws {
        let folder = temporaryFolder()
        let junk = write("person_id;koen\n", to: "personer.xlsx", in: folder)
        #expect(throws: CSVError(file: "personer.xlsx", line: 0, reason: "filen er ikke en xlsx-fil (ikke et zip-arkiv)")) {
            try Importer(destination: MemoryDestination()).run(paths: [junk], acceptValid: false)
        }
        let empty = writeBytes(try workbook([]), to: "personer.xlsx", in: temporaryFolder())
        #expect(throws: CSVError(file: "personer.xlsx (ark Ark1)", line: 1, reason: "arket er tomt; række 1 skal være overskriften")) {
            try Importer(destination: MemoryDestination()).run(paths: [empty], acceptValid: false)
        }
    }
}
