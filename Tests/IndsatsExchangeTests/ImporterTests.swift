import Foundation
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import IndsatsTestSupport
import Testing

/// Imports the given files (name → text) into `destination` and returns the report.
func importFiles(
    _ files: [String: String], into destination: MemoryDestination = MemoryDestination(),
    acceptValid: Bool = false
) throws -> (ImportReport, MemoryDestination, String) {
    let folder = temporaryFolder()
    for (name, text) in files { _ = write(text, to: name, in: folder) }
    let report = try Importer(destination: destination).run(paths: [folder], acceptValid: acceptValid)
    return (report, destination, folder)
}

let persons = "person_id;foedselsdato;koen;kommune\nP1;1990-05-01;K;169\nP2;01-02-1985;M;169\n"

@Suite("Indlæsning og validering")
struct ImporterTests {
    func errors(_ files: [String: String]) throws -> [String] {
        let (report, destination, _) = try importFiles(files)
        #expect(destination.writes == 0, "nothing may be written when a row is rejected")
        #expect(report.exitStatus == 1)
        return report.errors.map(\.description)
    }

    @Test("Good files are imported, Danish column names and date formats accepted")
    func goodFiles() throws {
        let (report, store, _) = try importFiles([
            "personer.csv": "person_id;fødselsdato;køn;kommune;cv_dato\nP1;29.02.2000;K;169;\nP2;1985-02-01;M;169;2024-01-05\n",
            "ydelsesforloeb.csv":
                "person_id;ydelse;start;slut;afgang\r\nP1;dagpenge;2024-02-29;2024-03-31;job\r\nP1;dagpenge;2024-03-15;;\r\nP2;sygedagpenge;01-01-2024;;\r\n",
        ])
        #expect(report.errors == [])
        #expect(report.exitStatus == 0)
        #expect(store.records[.personer]?.count == 2)
        #expect(store.records[.ydelsesforloeb]?.count == 3)
        #expect(report.files.map(\.counts.new) == [2, 3])
        guard case .person(let p)? = store.records[.personer]?["P1"] else { Issue.record("P1 mangler"); return }
        #expect(p.birthDate == Day(year: 2000, month: 2, day: 29))
    }

    @Test("Re-importing the same files changes nothing; a changed row updates")
    func idempotent() throws {
        let files = ["personer.csv": persons, "ydelsesforloeb.csv": "person_id;ydelse;start;slut\nP1;dagpenge;2024-01-01;2024-02-01\n"]
        let (_, store, _) = try importFiles(files)
        let (again, _, _) = try importFiles(files, into: store)
        #expect(again.files.map(\.counts) == [WriteCounts(unchanged: 2), WriteCounts(unchanged: 1)])
        let (changed, _, _) = try importFiles(
            ["ydelsesforloeb.csv": "person_id;ydelse;start;slut\nP1;dagpenge;2024-01-01;2024-03-01\n"], into: store)
        #expect(changed.files.map(\.counts) == [WriteCounts(changed: 1)])
    }

    @Test("Dates that do not exist, end before start, and leap days")
    func dates() throws {
        #expect(
            try errors([
                "personer.csv": persons,
                "ydelsesforloeb.csv": "person_id;ydelse;start;slut\nP1;dagpenge;2023-02-29;\nP2;dagpenge;2024-03-01;2024-02-29\n",
            ]) == [
                "ydelsesforloeb.csv:2: start: '2023-02-29' er ikke en gyldig dato (brug ÅÅÅÅ-MM-DD, DD-MM-ÅÅÅÅ eller DD.MM.ÅÅÅÅ)",
                "ydelsesforloeb.csv:3: slut: slutdatoen 29-02-2024 ligger før startdatoen 01-03-2024",
            ])
    }

    @Test("A channel in any accepted spelling is stored as the vocabulary's value; an unknown one names file, line and value")
    func channels() throws {
        let (report, store, _) = try importFiles([
            "personer.csv": persons,
            "samtaler.csv":
                "person_id;dato;type;kanal\nP1;2024-01-02;jobsamtale;Fremmøde\nP2;2024-01-02;jobsamtale;video\nP1;2024-01-03;jobsamtale;\n",
        ])
        #expect(report.errors == [])
        let channels = (store.records[.samtaler] ?? [:]).values.compactMap { record -> String? in
            guard case .conversation(let c) = record else { return nil }
            return c.channel
        }
        #expect(channels.sorted() == ["digitalt", "personligt"])
        #expect(
            try errors([
                "personer.csv": persons,
                "samtaler.csv": "person_id;dato;type;kanal\r\nP1;2024-01-02;jobsamtale;sms\r\n",
            ]) == [
                "samtaler.csv:2: kanal: 'sms' er ikke en kendt kanal; brug personligt, telefon, digitalt, brev (også fremmoede, digital, mail og video)"
            ])
        #expect(
            Channel(spelling: "FREMMOEDE") == .personligt && Channel(spelling: "E-mail") == .digitalt && Channel(spelling: "brev") == .brev)
        #expect(Channel(spelling: "sms") == nil && Channel(spelling: "") == nil)
    }

    @Test("Unknown codes, missing values and bad enumerations")
    func codes() throws {
        let errs = try errors([
            "personer.csv": "person_id;koen;kommune\nP1;X;1690\n;K;169\n",
            "ydelsesforloeb.csv": "person_id;ydelse;start;afgang\nP1;dagpenge2;2024-01-01;\nP1;dagpenge;2024-01-01;pensioneret\n",
        ])
        #expect(errs.count == 5)
        #expect(errs[0] == "personer.csv:2: koen: 'X' er ikke tilladt; brug K eller M")
        #expect(errs[1] == "personer.csv:2: kommune: '1690' er ikke en kommunekode på 3 cifre")
        #expect(errs[2] == "personer.csv:3: person_id: værdi mangler")
        #expect(errs[3].hasPrefix("ydelsesforloeb.csv:2: ydelse: ukendt kode 'dagpenge2'; kendte koder: dagpenge, foertidspension"))
        #expect(errs[4].hasPrefix("ydelsesforloeb.csv:3: afgang: ukendt kode 'pensioneret'"))
    }

    @Test("CPR: a bad date is rejected, a modulus-11 failure is not, and a mismatch with the birth date is")
    func cpr() throws {
        // Synthetic CPR numbers.
        let (ok, store, _) = try importFiles(["personer.csv": "person_id;cpr\nP1;010100-1235\n"])
        #expect(ok.errors == [])
        guard case .person(let p)? = store.records[.personer]?["P1"] else { Issue.record("P1 mangler"); return }
        #expect(p.birthDate == Day(year: 1900, month: 1, day: 1))
        #expect(p.sex == "M")
        #expect(
            try errors(["personer.csv": "person_id;cpr;foedselsdato\nP1;320100-1234;\nP2;0101001234;1990-01-01\n"]) == [
                "personer.csv:2: cpr: CPR-nummeret indeholder ikke en gyldig fødselsdato",
                "personer.csv:3: foedselsdato: fødselsdatoen 01-01-1990 passer ikke med CPR-nummerets 01-01-1900",
            ])
    }

    @Test("CVR must pass modulus 11; references must exist or arrive together")
    func references() throws {
        let errs = try errors([
            "personer.csv": persons,
            "virksomheder.csv": "cvr;navn;ansatte\n12345674;Ågade Byg ApS;12\n12345675;Forkert ApS;3\n",
            "aktiviteter.csv":
                "aktivitet_id;person_id;type;start;cvr;indsats_id\nA1;P1;virksomhedspraktik;2024-01-01;12345674;\nA2;P9;mentor;2024-01-01;;\nA3;P1;mentor;2024-01-01;;X1\n",
        ])
        #expect(
            errs == [
                "aktiviteter.csv:3: person_id: 'P9' findes ikke i personer.csv (hverken gemt eller i denne import)",
                "aktiviteter.csv:4: indsats_id: 'X1' findes ikke i indsatser.csv (hverken gemt eller i denne import)",
                "virksomheder.csv:3: cvr: '12345675' er ikke et gyldigt CVR-nummer (8 cifre, modulus 11-kontrol)",
            ])
    }

    @Test("Overlapping periods on different benefits are reported on both rows; the same benefit may overlap")
    func overlaps() throws {
        let errs = try errors([
            "personer.csv": persons,
            "ydelsesforloeb.csv": """
            person_id;ydelse;start;slut
            P1;dagpenge;2024-01-01;2024-01-31
            P1;dagpenge;2024-01-20;2024-02-10
            P1;sygedagpenge;2024-02-10;
            P2;dagpenge;2024-01-01;2024-01-31
            P2;sygedagpenge;2024-02-01;
            """,
        ])
        #expect(
            errs == [
                "ydelsesforloeb.csv:3: start: forløbet overlapper med sygedagpenge 2024-02-10– (ydelsesforloeb.csv linje 4) for samme person",
                "ydelsesforloeb.csv:4: start: forløbet overlapper med dagpenge 2024-01-20–2024-02-10 (ydelsesforloeb.csv linje 3) for samme person",
            ])
    }

    @Test("A period overlapping a stored period on another benefit is rejected")
    func overlapWithStored() throws {
        let (_, store, _) = try importFiles([
            "personer.csv": persons, "ydelsesforloeb.csv": "person_id;ydelse;start;slut\nP1;dagpenge;2024-01-01;2024-01-31\n",
        ])
        let (report, _, _) = try importFiles(
            ["ydelsesforloeb.csv": "person_id;ydelse;start;slut\nP1;sygedagpenge;2024-01-31;\n"], into: store)
        #expect(
            report.errors.map(\.description) == [
                "ydelsesforloeb.csv:2: start: forløbet overlapper med dagpenge 2024-01-01–2024-01-31 (allerede gemt) for samme person"
            ])
    }

    @Test("Unknown columns are kept aside with a notice; a missing required column rejects the file")
    func columns() throws {
        let (report, store, _) = try importFiles(["personer.csv": "person_id;sagsnr;koen\nP1;S-17;K\n"])
        #expect(report.notices == ["personer.csv: ukendte kolonner gemmes ved siden af rækken: sagsnr"])
        guard case .person(let p)? = store.records[.personer]?["P1"] else { Issue.record("P1 mangler"); return }
        #expect(p.extra == ["sagsnr": "S-17"])
        #expect(throws: CSVError.self) { try importFiles(["ydelsesforloeb.csv": "person_id;start\nP1;2024-01-01\n"]) }
    }

    @Test("A row with too few fields, and a key used twice with different content")
    func shapeAndKeys() throws {
        let errs = try errors(["personer.csv": "person_id;koen;kommune\nP1;K\nP2;M;169\nP2;K;169\nP3;K;169\nP3;K;169\n"])
        #expect(
            errs == [
                "personer.csv:2: række: rækken har 2 felter, men overskriften har 3",
                "personer.csv:4: nøgle: samme nøgle som personer.csv linje 3, men med andet indhold",
            ])
    }

    @Test("Decimals with comma or point; thousands separators are refused")
    func decimals() throws {
        let files = [
            "personer.csv": persons,
            "aktiviteter.csv":
                "aktivitet_id;person_id;type;start;timer_pr_uge\nA1;P1;ordinaere_timer;2024-01-01;12,5\nA2;P1;ordinaere_timer;2024-01-01;7.5\nA3;P1;ordinaere_timer;2024-01-01;1.234,5\n",
        ]
        let (report, _, _) = try importFiles(files, acceptValid: true)
        #expect(
            report.errors.map(\.description) == [
                "aktiviteter.csv:4: timer_pr_uge: '1.234,5' er ikke et tal (brug 12,5 eller 12.5 uden tusindtalsseparator)"
            ])
    }

    @Test("A code used outside its validity is imported with a warning")
    func validityWarning() throws {
        let (report, store, _) = try importFiles([
            "personer.csv": persons, "ydelsesforloeb.csv": "person_id;ydelse;start\nP1;uddannelseshjaelp_uddannelsesparat;2025-06-01\n",
        ])
        #expect(report.errors == [])
        #expect(
            report.warnings.map(\.description) == [
                "ydelsesforloeb.csv:2: ydelse: koden 'uddannelseshjaelp_uddannelsesparat' gælder til 30-06-2025; rækken er indlæst med en advarsel"
            ])
        #expect(store.records[.ydelsesforloeb]?.count == 1)
    }

    @Test("The user's own codes from koder.csv are accepted in the same import")
    func userCodes() throws {
        let (report, store, _) = try importFiles([
            "koder.csv": "kodeliste;kode;navn;gyldig_fra\nydelse;fleksloentilskud;Flekslønstilskud;2027-01-01\n",
            "personer.csv": persons, "ydelsesforloeb.csv": "person_id;ydelse;start\nP1;fleksloentilskud;2027-02-01\n",
        ])
        #expect(report.errors == [])
        #expect(store.records[.koder]?.count == 1)
    }

    @Test("--accept-valid writes the good rows and quarantines the bad ones unchanged with their reason")
    func quarantine() throws {
        let text = "person_id;koen;kommune\r\nP1;K;169\r\nP2;X;169\r\n\"P;3\";M;16\r\n"
        let (report, store, folder) = try importFiles(["personer.csv": text], acceptValid: true)
        #expect(report.exitStatus == 1)
        #expect(report.written)
        #expect(store.records[.personer]?.keys.sorted() == ["P1"])
        let quarantine = String(decoding: FileManager.default.contents(atPath: folder + "/personer.karantaene.csv")!, as: UTF8.self)
        #expect(
            quarantine
                == "\u{FEFF}person_id;koen;kommune;aarsag\r\nP2;X;169;\"koen: 'X' er ikke tilladt; brug K eller M\"\r\n\"P;3\";M;16;kommune: '16' er ikke en kommunekode på 3 cifre\r\n"
        )
        #expect(report.files[0].quarantinePath == folder + "/personer.karantaene.csv")
    }

    @Test("A rejected person takes its benefit periods with it under --accept-valid")
    func cascadingReferences() throws {
        let (report, store, _) = try importFiles(
            [
                "personer.csv": "person_id;koen\nP1;K\nP2;Q\n",
                "ydelsesforloeb.csv": "person_id;ydelse;start\nP1;dagpenge;2024-01-01\nP2;dagpenge;2024-01-01\n",
            ], acceptValid: true)
        #expect(
            report.errors.map(\.description) == [
                "personer.csv:3: koen: 'Q' er ikke tilladt; brug K eller M",
                "ydelsesforloeb.csv:3: person_id: 'P2' findes ikke i personer.csv (hverken gemt eller i denne import)",
            ])
        #expect(store.records[.ydelsesforloeb]?.count == 1)
    }

    @Test("Files are picked by name; an unknown name is a usage error")
    func fileKinds() throws {
        #expect(FileName.recognise("data/Ydelsesforløb.CSV") == .kind(.ydelsesforloeb))
        #expect(FileName.recognise("personer.csv") == .kind(.personer))
        #expect(FileName.recognise("andet.csv") == .other)
        let folder = temporaryFolder()
        let path = write(persons, to: "borgere.csv", in: folder)
        #expect(throws: ImportUsageError.self) { try Importer(destination: MemoryDestination()).run(paths: [path], acceptValid: false) }
        let report = try Importer(destination: MemoryDestination()).run(paths: [path], acceptValid: false, kind: .personer)
        #expect(report.files.first?.counts.new == 2)
    }
}
