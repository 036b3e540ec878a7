import Foundation
import IndsatsTestSupport
import Synchronization
import Testing

/// Counts the data rows (lines after the header) of each CSV file in a folder.
func csvRowCounts(_ folder: String) throws -> [String: Int] {
    var counts: [String: Int] = [:]
    for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".csv") {
        // Bytes, not characters: "\r\n" is one Character in Swift.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
        counts[String(file.dropLast(4))] = bytes.count { $0 == UInt8(ascii: "\n") } - 1
    }
    return counts
}

/// Row counts per table as `indsats`'s store sees them, read outside this process:
/// through sqlite3 in Python, or psql on PostgreSQL.
func tableCounts(_ database: String, _ tables: [String]) throws -> [String: Int] {
    if TestDatabase.isPostgres {
        let address = try ServerDatabases.address(of: database)
        var counts: [String: Int] = [:]
        for table in tables {
            counts[table] = Int(
                try TestDatabase.psql(address, "SELECT count(*) FROM \(table)").trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return counts
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
        [
            "python3", "-c",
            """
            import sqlite3, sys; c = sqlite3.connect(sys.argv[1])
            for t in sys.argv[2:]: print(t, c.execute(f'SELECT count(*) FROM {t}').fetchone()[0])
            """, database,
        ] + tables
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return Dictionary(
        uniqueKeysWithValues: text.split(separator: "\n").map { line in
            let parts = line.split(separator: " ")
            return (String(parts[0]), Int(parts[1])!)
        })
}

/// Bytes an import has written but not committed: SQLite's write-ahead log, or the tables' size on PostgreSQL.
func uncommittedBytes(_ database: String) throws -> Int {
    if TestDatabase.isPostgres {
        let address = try ServerDatabases.address(of: database)
        let sql =
            "SELECT pg_total_relation_size('personer') + pg_total_relation_size('ydelsesforloeb') + pg_total_relation_size('samtaler')"
        // Before the import has made the tables there is nothing written yet.
        return (try? TestDatabase.psql(address, sql)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
    }
    return (try? FileManager.default.attributesOfItem(atPath: database + "-wal")[.size] as? Int) ?? 0
}

@Suite("Fejl undervejs: afbrudt import, samtidige importer, sikkerhedskopi", .serialized)
struct FaultTests {
    @Test("An import killed with SIGKILL halfway leaves no rows; running it again gives every row once")
    func killedImport() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try Binary.run(["generate", "--personer", "20000", "--seed", "3", "--ud", "data"], in: folder).status == 0)
        let expected = try csvRowCounts(folder + "/data")

        let process = try Binary.prepare(["import", "data"], in: folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill once rows are being written (and before the commit).
        var waited = 0
        while process.isRunning && waited < 600 {
            if try uncommittedBytes(folder + "/indsats.sqlite") > 3_000_000 { break }
            usleep(50_000)
            waited += 1
        }
        #expect(process.isRunning, "the import finished before it could be killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let tables = Array(expected.keys).sorted()
        #expect(try tableCounts(folder + "/indsats.sqlite", tables + ["importlog"]).values.allSatisfy { $0 == 0 })
        let again = try Binary.run(["import", "data"], in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try tableCounts(folder + "/indsats.sqlite", tables) == expected)
    }

    @Test("Two imports at once into one database both complete, each row once; a reader meanwhile sees whole imports")
    func concurrentImports() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, seed) in [("a", "1"), ("b", "2")] {
            #expect(try Binary.run(["generate", "--personer", "3000", "--seed", seed, "--ud", name], in: folder).status == 0)
        }
        // Different seeds make the same person ids; give b's rows their own.
        for file in try FileManager.default.contentsOfDirectory(atPath: folder + "/b")
        where ["personer.csv", "ydelsesforloeb.csv", "samtaler.csv"].contains(file) {
            let path = folder + "/b/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "\nP", with: "\nB").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let persons = ["a/personer.csv", "a/ydelsesforloeb.csv", "a/samtaler.csv"]
        let others = ["b/personer.csv", "b/ydelsesforloeb.csv", "b/samtaler.csv"]
        let results = Mutex<[Int32]>([])
        DispatchQueue.concurrentPerform(iterations: 3) { i in
            if i < 2 {
                let output = try! Binary.run(["import"] + (i == 0 ? persons : others), in: folder)
                results.withLock { $0.append(output.status) }
            } else {
                for _ in 0..<5 {
                    let kpi = try! Binary.run(
                        ["kpi", "personer", "--fra", "2024-01-01", "--til", "2024-12-31", "--periode", "hele"], in: folder)
                    results.withLock { $0.append(kpi.status) }
                }
            }
        }
        #expect(results.withLock { $0 }.allSatisfy { $0 == 0 })
        let a = try csvRowCounts(folder + "/a"), b = try csvRowCounts(folder + "/b")
        let counts = try tableCounts(folder + "/indsats.sqlite", ["personer", "ydelsesforloeb", "samtaler", "importlog"])
        #expect(
            counts == [
                "personer": a["personer"]! + b["personer"]!, "ydelsesforloeb": a["ydelsesforloeb"]! + b["ydelsesforloeb"]!,
                "samtaler": a["samtaler"]! + b["samtaler"]!, "importlog": 2,
            ])
    }

    @Test("backup and restore round-trip the register, users and audit log; bad targets are refused in Danish")
    func backupRestore() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try Binary.run(["generate", "--personer", "200", "--seed", "4", "--ud", "data"], in: folder).status == 0)
        #expect(try Binary.run(["import", "data"], in: folder).status == 0)
        #expect(try Binary.run(["bruger", "opret", "anne", "--rolle", "leder"], in: folder).status == 0)
        let kpi = ["kpi", "fuldtidspersoner", "--fra", "2024-01-01", "--til", "2024-12-31", "--opdel", "ydelse", "--format", "csv"]
        let before = try Binary.run(kpi, in: folder).stdout
        let backup = try Binary.run(["backup", "kopi.sqlite"], in: folder)
        #expect(backup.stdout == "Sikkerhedskopien er skrevet til kopi.sqlite.\n")
        #expect(try Binary.run(["backup", "kopi.sqlite"], in: folder).stderr.contains("kopi.sqlite findes allerede"))

        // Change everything after the copy, then restore it.
        #expect(try Binary.run(["generate", "--personer", "300", "--seed", "9", "--ud", "andet"], in: folder).status == 0)
        // The same person ids with other periods: the overlapping ones are refused, the rest written.
        #expect(try Binary.run(["import", "andet", "--accept-valid"], in: folder).status == 1)
        #expect(try Binary.run(["bruger", "opret", "bo", "--rolle", "udvalg"], in: folder).status == 0)
        #expect(try Binary.run(kpi, in: folder).stdout != before)
        let restored = try Binary.run(["restore", "kopi.sqlite"], in: folder)
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try Binary.run(kpi, in: folder).stdout == before)
        #expect(try Binary.run(["bruger", "liste"], in: folder).stdout == "anne\tleder\t-\taktiv\n")
        let verify = try Binary.run(["audit", "verify"], in: folder)
        #expect(verify.status == 0)
        // The copy's import and opret (the backup is logged after the copy), then the restore itself.
        #expect(verify.stdout.hasPrefix("Auditloggen er urørt: 3 linjer"))

        FileManager.default.createFile(atPath: folder + "/noget.sqlite", contents: Data("ikke en database".utf8))
        let bad = try Binary.run(["restore", "noget.sqlite"], in: folder)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("noget.sqlite er ikke en sikkerhedskopi af en Indsats-database"))
        #expect(try Binary.run(["restore", "mangler.sqlite"], in: folder).stderr.contains("mangler.sqlite findes ikke"))
    }
}
