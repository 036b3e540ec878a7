import Foundation
import IndsatsTestSupport
import Testing

@Suite("Brugere og audit på kommandolinjen", .serialized)
struct UserCommandTests {
    @Test("bruger opret/rolle/spaer/aabn/liste, and audit verify, borger and ryd, with a tampered log found")
    func usersAndAudit() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let created = try Binary.run(["bruger", "opret", "anne", "--rolle", "administrator"], in: folder)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.hasPrefix("Brugeren anne er oprettet som administrator.\nAdgangskode: "))
        let password = created.stdout.split(separator: " ").last!.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(password.count == 16)

        #expect(try Binary.run(["bruger", "opret", "anne", "--rolle", "leder"], in: folder).status == 2)
        let badRole = try Binary.run(["bruger", "opret", "bo", "--rolle", "chef"], in: folder)
        #expect(badRole.status == 2)
        #expect(badRole.stderr.contains("--rolle: 'chef' er ukendt; brug administrator, leder, analytiker, medarbejder, udvalg"))
        #expect(try Binary.run(["bruger", "rolle", "anne", "medarbejder", "--enhed", "Ungeenheden"], in: folder).status == 0)
        #expect(try Binary.run(["bruger", "spaer", "anne"], in: folder).status == 0)
        #expect(try Binary.run(["bruger", "liste"], in: folder).stdout == "anne\tmedarbejder\tUngeenheden\tspærret\n")
        #expect(try Binary.run(["bruger", "aabn", "anne"], in: folder).status == 0)
        #expect(try Binary.run(["bruger", "liste"], in: folder).stdout == "anne\tmedarbejder\tUngeenheden\taktiv\n")

        let verified = try Binary.run(["audit", "verify"], in: folder)
        #expect(verified.status == 0)
        #expect(verified.stdout.hasPrefix("Auditloggen er urørt: 4 linjer, senest nr. 4 "))
        let saved = try #require(verified.stdout.split(separator: "\n").last { $0.hasPrefix("Gem: --siden 4:") }).dropFirst(
            "Gem: --siden ".count)
        #expect(try Binary.run(["audit", "verify", "--siden", String(saved)], in: folder).status == 0)
        #expect(try Binary.run(["audit", "verify", "--siden", "4"], in: folder).status == 2)
        // A point beyond the log's end: its newest lines were cut off; the chain holds, the saved point does not.
        let cut = try Binary.run(["audit", "verify", "--siden", "99:" + saved.drop { $0 != ":" }.dropFirst()], in: folder)
        #expect(cut.status == 1)
        #expect(cut.stderr.hasPrefix("Auditloggen er afkortet eller ændret: loggen slutter ved nr. "))
        #expect(cut.stderr.hasSuffix(", men nr. 99 var skrevet: de nyeste linjer er fjernet.\n"))
        let citizen = try Binary.run(["audit", "borger", "P17"], in: folder)
        #expect(citizen.stdout == "nr;tidspunkt;bruger;handling;kriterier\n")
        // The extraction is itself a search about the citizen, so it shows next time.
        #expect(try Binary.run(["audit", "borger", "P17"], in: folder).stdout.contains(";soegning;audit borger\n"))
        #expect(try Binary.run(["audit", "ryd"], in: folder).stdout == "0 linjer ældre end 6 måneder er slettet.\n")

        // Around the triggers, with the database's own tool: the chain still tells.
        if TestDatabase.isPostgres {
            _ = try TestDatabase.psql(
                try ServerDatabases.address(of: folder + "/indsats.sqlite"),
                "ALTER TABLE auditlog DISABLE TRIGGER auditlog_uaendret; UPDATE auditlog SET kriterier = 'spær bo' WHERE nr = 3")
        } else {
            let sqlite = Process()
            sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            sqlite.arguments = [
                "python3", "-c",
                """
                import sqlite3; c = sqlite3.connect('\(folder)/indsats.sqlite')
                c.execute('DROP TRIGGER auditlog_uaendret'); c.execute("UPDATE auditlog SET kriterier = 'spær bo' WHERE nr = 3"); c.commit()
                """,
            ]
            try sqlite.run()
            sqlite.waitUntilExit()
            #expect(sqlite.terminationStatus == 0)
        }
        let tampered = try Binary.run(["audit", "verify"], in: folder)
        #expect(tampered.status == 1)
        #expect(tampered.stderr == "Auditloggen er ændret ved linje 3: linjens indhold er ændret.\n")
    }

    @Test("A password from standard input must be long enough")
    func passwordFromStdin() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = try Binary.prepare(["bruger", "opret", "bo", "--rolle", "udvalg", "--adgangskode-fra-stdin"], in: folder)
        let input = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        input.fileHandleForWriting.write(Data("kort\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(
            String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains(
                "adgangskoden skal have mindst 12 tegn"))
    }
}
