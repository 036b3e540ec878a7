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
        #expect(tight.stdout.contains("  JC 08: budgettet i 2017 rækker ikke (mangler 150.000 kr.): nutidsværdi 751.016 kr.\n"))
        #expect(try Binary.run(["forslag", "status", "JC 08", "vedtaget"] + db, in: folder).stdout == "JC 08 har nu status vedtaget.\n")
        try #"[{"navn": "Stram", "budget": {"2017": 700000}}, {"navn": "Løs"}]"#.write(toFile: folder + "/s.json", atomically: true, encoding: .utf8)
        let both = try Binary.run(["forslag", "portefoelje", "--scenarier", "s.json"] + db, in: folder).stdout
        #expect(both.contains("Stram (maksimerer nutidsværdi):\n") && both.contains("Løs (maksimerer nutidsværdi):\n"))
        #expect(both.contains("  JC 08: vedtaget: med i forvejen\n"))
        #expect(try Binary.run(["forslag", "eksporter", "--ud", "ud.json"] + db, in: folder).status == 0)
        let exported = try String(contentsOfFile: folder + "/ud.json", encoding: .utf8)
        #expect(exported.contains("\"status\" : \"vedtaget\""))

        try #"{"forslag": [{"nr": "X", "overskrift": "x"}]}"#.write(toFile: folder + "/bad.json", atomically: true, encoding: .utf8)
        let bad = try Binary.run(["forslag", "importer", "bad.json"] + db, in: folder)
        #expect(bad.status == 1 && bad.stderr == "bad.json: forslag[0].ansvarlig_enhed: mangler\n")
        #expect(try Binary.run(["forslag", "status", "JC 08", "godkendt"] + db, in: folder).status == 2)
        #expect(try Binary.run(["forslag", "portefoelje", "--budget", "2017"] + db, in: folder).status == 2)
    }
}
