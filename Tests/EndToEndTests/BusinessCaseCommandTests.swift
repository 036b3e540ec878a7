import Foundation
import Testing

@Suite("businesscase på kommandolinjen")
struct BusinessCaseCommandTests {
    @Test("The shipped JC 08 example gives the seed's figures; a bad file exits 1 naming file and field; a bad format exits 2")
    func shippedExample() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let example = repositoryFile("docs/eksempler/jc08-haandholdt-indsats.json")
        try FileManager.default.copyItem(at: example, to: URL(fileURLWithPath: folder + "/jc08.json"))
        let table = try Binary.run(["businesscase", "jc08.json"], in: folder)
        #expect(table.status == 0)
        #expect(table.stdout.contains("1.226.016") && table.stdout.contains("Tilbagebetalt: 2017"))
        let json = try Binary.run(["businesscase", "jc08.json", "--format", "json"], in: folder)
        #expect(json.stdout.contains("\"kommunens_besparelse\":1226016.0"))

        try "{\"navn\": \"x\", \"start_aar\": 2020, \"horisont_aar\": 0, \"effekter\": [], \"satser\": {}, \"kommunal_andel\": {}}"
            .write(toFile: folder + "/daarlig.json", atomically: true, encoding: .utf8)
        let bad = try Binary.run(["businesscase", "daarlig.json"], in: folder)
        #expect(bad.status == 1)
        #expect(bad.stderr == "daarlig.json: horisont_aar: skal være 1 til 10 år, ikke 0\n")
        #expect(try Binary.run(["businesscase", "jc08.json", "--format", "xlsx"], in: folder).status == 2)
    }
}
