import Foundation
import Testing

@Suite("satser på kommandolinjen")
struct PriceCommandTests {
    @Test("eksporter, importer with CRLF, BOM and decimal comma, nettoudgift follows; bad rows name file, line and column; nothing changes")
    func commands() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = ["--db", "s.sqlite"]
        try "person_id;koen\r\nP1;K\r\nP2;M\r\n".write(toFile: folder + "/personer.csv", atomically: true, encoding: .utf8)
        try "person_id;ydelse;start;slut\r\nP1;dagpenge;2024-01-01;2024-01-31\r\n".write(
            toFile: folder + "/ydelsesforloeb.csv", atomically: true, encoding: .utf8)
        #expect(try Binary.run(["import", "personer.csv", "ydelsesforloeb.csv"] + db, in: folder).status == 0)
        let kpi = ["kpi", "nettoudgift", "--fra", "2024-01-01", "--til", "2024-01-31", "--periode", "hele", "--format", "csv"] + db
        // Default rates: 20.359 kr. a month; 28 days on step 1 (20 %) and 3 on step 2 (60 %).
        #expect(try Binary.run(kpi, in: folder).stdout == "\u{FEFF}periode;vaerdi\r\nhele;4939,56\r\n")

        #expect(try Binary.run(["satser", "eksporter", "--ud", "."] + db, in: folder).stdout == "./satser.csv\n./refusion.csv\n")
        let exported = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/refusion.csv")), as: UTF8.self)
        #expect(exported.hasPrefix("\u{FEFF}fra;trin_1;trin_2;trin_3;trin_4;kilde\r\n2016-01-04;20;60;70;80;"))

        let bad =
            "\u{FEFF}ydelse;fra;maanedssats;kilde\r\ndagpenge;2024-01-01;20.000,5;x\r\nbørnepenge;2024-01-01;100;x\r\ndagpenge;2024-02-30;1;x\r\n"
        try bad.write(toFile: folder + "/satser.csv", atomically: true, encoding: .utf8)
        let rejected = try Binary.run(["satser", "importer", "satser.csv"] + db, in: folder)
        #expect(rejected.status == 1)
        #expect(
            rejected.stderr == """
                satser.csv:2: maanedssats: '20.000,5' er ikke et beløb i kr. (fx 20359 eller 18871,67)
                satser.csv:3: ydelse: 'børnepenge' er ikke en ydelse med en sats
                satser.csv:4: fra: '2024-02-30' er ikke en dato (ÅÅÅÅ-MM-DD)

                """)
        #expect(try Binary.run(kpi, in: folder).stdout.hasSuffix("hele;4939,56\r\n"))

        try "ydelse;fra;maanedssats;kilde\r\ndagpenge;2024-01-01;36600,0;rund\r\n".write(
            toFile: folder + "/satser.csv", atomically: true, encoding: .utf8)
        try "fra;trin_1;trin_2;trin_3;trin_4;kilde\r\n2016-01-04;50;50;50;50;halvt\r\n".write(
            toFile: folder + "/refusion.csv", atomically: true, encoding: .utf8)
        let accepted = try Binary.run(["satser", "importer", "satser.csv", "refusion.csv"] + db, in: folder)
        #expect(accepted.stdout == "1 satser og 1 refusionsregler gælder nu.\n")
        // 36.600 × 12 / 366 = 1.200 kr. a day, half of it the municipality's, for 31 days.
        #expect(try Binary.run(kpi, in: folder).stdout == "\u{FEFF}periode;vaerdi\r\nhele;18600\r\n")
        let unpriced = try Binary.run(
            ["kpi", "nettoudgift", "--fra", "2023-12-25", "--til", "2024-01-31", "--periode", "hele"] + db, in: folder)
        // The register's history starts in 2024, so the steps may read too low: said, with no count.
        let history =
            "bemærk: Registrets ydelseshistorik begynder 01-01-2024, efter refusionsreformens start 04-01-2016, og under 156 uger før perioden: for borgere, der var på ydelse før, kan refusionstrinnet være for lavt, så kommunens andel skønnes for lav. Indlæs ydelsesforløb tilbage til 04-01-2016 for et sikkert skøn.\n"
        #expect(unpriced.stderr == history)
        try "person_id;ydelse;start;slut\r\nP2;sygedagpenge;2024-01-01;2024-01-10\r\n".write(
            toFile: folder + "/ydelsesforloeb.csv", atomically: true, encoding: .utf8)
        #expect(try Binary.run(["import", "ydelsesforloeb.csv"] + db, in: folder).status == 0)
        let note = try Binary.run(kpi, in: folder)
        #expect(
            note.stderr
                == "bemærk: Ydelsen sygedagpenge har ingen sats eller refusionsregel fra 01-01-2024 til 31-01-2024; 10 dage på den i perioden er ikke regnet med (tilføj en sats med indsats satser importer).\n"
                + history
        )
        #expect(note.stdout.hasSuffix("hele;18600\r\n"))

        // A business case takes its baseline, rate and share from the register (2024, now whole) and these prices.
        try "person_id;ydelse;start;slut\r\nP2;dagpenge;2024-06-01;2024-12-31\r\n".write(
            toFile: folder + "/ydelsesforloeb.csv", atomically: true, encoding: .utf8)
        #expect(try Binary.run(["import", "ydelsesforloeb.csv"] + db, in: folder).status == 0)
        try #"{"navn": "Dagpenge", "start_aar": 2025, "horisont_aar": 1, "effekter": [{"ydelse": "dagpenge", "fuldtidspersoner": 1}]}"#
            .write(toFile: folder + "/case.json", atomically: true, encoding: .utf8)
        #expect(
            try Binary.run(["businesscase", "case.json"], in: folder).stderr
                == "case.json: effekter[0].ydelse: 'dagpenge' har ingen sats i satser\n")
        let filled = try Binary.run(["businesscase", "case.json", "--registret"] + db, in: folder)
        #expect(filled.status == 0)
        #expect(filled.stderr.contains("antagelse: Basislinje: 0,7 fuldtidspersoner på Dagpenge i 2024.\n"))
        #expect(
            filled.stderr.contains(
                "antagelse: Sats for Dagpenge: 36.600,00 kr. om måneden × 12 = 439.200 kr. (gældende fra 01-01-2024; rund).\n"))
        #expect(filled.stdout.contains("2025                     1,0       0                      439.200       219.600         219.600"))
    }
}
