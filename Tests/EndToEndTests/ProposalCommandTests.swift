import Foundation
import Testing

@Suite("forslag på kommandolinjen")
struct ProposalCommandTests {
    @Test("importer, liste, status, portefoelje with a budget and with scenarios, eksporter; bad input exits 1 or 2")
    func commands() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let examples = repositoryFile("Sources/IndsatsEconomy/Eksempler/forslag-herning-2017.json")
        try FileManager.default.copyItem(at: examples, to: URL(fileURLWithPath: folder + "/herning.json"))
        let db = ["--db", "f.sqlite"]
        let first = try Binary.run(["forslag", "importer", "herning.json"] + db, in: folder)
        #expect(first.status == 0 && first.stdout == "30 nye og 0 ændrede forslag; 0 uændrede.\n")
        let list = try Binary.run(["forslag", "liste"] + db, in: folder).stdout
        #expect(list.contains("BIC 01   BIC          forslag          1.265.683  Udvide Transit"))
        let tight = try Binary.run(["forslag", "portefoelje", "--budget", "2017=700000"] + db, in: folder)
        #expect(tight.status == 0)
        #expect(tight.stdout.contains("  JC 08: budgettet i 2017 rækker ikke (mangler 440.000 kr.): nutidsværdi 751.016 kr.\n"))
        #expect(try Binary.run(["forslag", "status", "JC 08", "vedtaget"] + db, in: folder).stdout == "JC 08 har nu status vedtaget.\n")
        try #"[{"navn": "Stram", "budget": {"2017": 700000}}, {"navn": "Løs"}]"#.write(
            toFile: folder + "/s.json", atomically: true, encoding: .utf8)
        let both = try Binary.run(["forslag", "portefoelje", "--scenarier", "s.json"] + db, in: folder).stdout
        #expect(both.contains("Stram (maksimerer nutidsværdi):\n") && both.contains("Løs (maksimerer nutidsværdi):\n"))
        #expect(both.contains("  JC 08: vedtaget: med i forvejen\n"))
        #expect(try Binary.run(["forslag", "eksporter", "--ud", "ud.json"] + db, in: folder).status == 0)
        let exported = try String(contentsOfFile: folder + "/ud.json", encoding: .utf8)
        #expect(exported.contains("\"status\" : \"vedtaget\""))
        #expect(try Binary.run(["forslag", "eksporter", "--ud", "ud.xlsx"] + db, in: folder).status == 0)
        let again = try Binary.run(["forslag", "importer", "ud.xlsx"] + db, in: folder)
        #expect(again.status == 0 && again.stdout == "0 nye og 0 ændrede forslag; 30 uændrede.\n")
        try Data("ikke en arbejdsbog".utf8).write(to: URL(fileURLWithPath: folder + "/bad.xlsx"))
        let notWorkbook = try Binary.run(["forslag", "importer", "bad.xlsx"] + db, in: folder)
        #expect(notWorkbook.status == 1 && notWorkbook.stderr == "bad.xlsx: filen er ikke en xlsx-fil (ikke et zip-arkiv)\n")

        try #"{"forslag": [{"nr": "X", "overskrift": "x"}]}"#.write(toFile: folder + "/bad.json", atomically: true, encoding: .utf8)
        let bad = try Binary.run(["forslag", "importer", "bad.json"] + db, in: folder)
        #expect(bad.status == 1 && bad.stderr == "bad.json: forslag[0].ansvarlig_enhed: mangler\n")
        #expect(try Binary.run(["forslag", "status", "JC 08", "godkendt"] + db, in: folder).status == 2)
        #expect(try Binary.run(["forslag", "portefoelje", "--budget", "2017"] + db, in: folder).status == 2)
    }

    @Test(
        "opfoelgning: an empty register is a usage error; with indsatser.csv linking TRANSIT to BIC 01, the shortfall is flagged in the table and the JSON"
    )
    func followUp() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(
            at: repositoryFile("Sources/IndsatsEconomy/Eksempler/forslag-herning-2017.json"),
            to: URL(fileURLWithPath: folder + "/herning.json"))
        let db = ["--db", "o.sqlite"]
        #expect(try Binary.run(["forslag", "importer", "herning.json"] + db, in: folder).status == 0)
        let empty = try Binary.run(["forslag", "opfoelgning", "BIC 01"] + db, in: folder)
        #expect(empty.status == 2 && empty.stderr.contains("registret er tomt; importér data først"))
        let files = [
            "personer.csv": "person_id;koen\r\nA;K\r\nB;M\r\n",
            "indsatser.csv": "indsats_id;navn;forslag\r\nTRANSIT;Transit – forberedelse;BIC 01\r\n",
            "ydelsesforloeb.csv":
                "person_id;ydelse;start;slut;afgang\r\nA;kontanthjaelp_jobparat;2022-01-01;2023-03-31;job\r\nB;kontanthjaelp_jobparat;2022-01-01;2024-06-30;\r\n",
            "aktiviteter.csv":
                "aktivitet_id;person_id;type;start;slut;indsats_id\r\n1;A;mentor;2023-01-02;2023-03-31;TRANSIT\r\n2;B;mentor;2023-02-01;2023-05-31;TRANSIT\r\n",
        ]
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        let imported = try Binary.run(["import"] + files.keys.sorted() + db, in: folder)
        #expect(imported.status == 0, "\(imported.stdout) \(imported.stderr)")
        let table = try Binary.run(["forslag", "opfoelgning", "BIC 01"] + db, in: folder)
        #expect(table.status == 0)
        #expect(table.stdout.contains("Indsatser: TRANSIT. Målt til 30-06-2024; status 3 måneder efter endt aktivitet.\n"))
        #expect(table.stdout.contains("MANGEL: 2023: 1 i job eller uddannelse mod lovet 10 pr. år – mangler 9.\n"))
        let json = try Binary.run(["forslag", "opfoelgning", "BIC 01", "--format", "json"] + db, in: folder).stdout
        #expect(
            json.contains(
                "\"aar\":[{\"aar\":2023,\"afsluttet\":2,\"helt_aar\":true,\"lovet\":10,\"lovet_besparelse\":null,\"naaet\":1,\"startet\":2,"
            ))
        #expect(try Binary.run(["forslag", "opfoelgning", "BIC 99"] + db, in: folder).status == 2)
    }
}
