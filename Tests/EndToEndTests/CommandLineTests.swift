import Foundation
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import IndsatsSynthetic
import IndsatsTestSupport
import Synchronization
import Testing

/// Runs the built `indsats` binary.
struct Binary {
    static let url: URL = {
        let fm = FileManager.default
        var candidates = [
            Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        ]
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent()) }
        for dir in candidates {
            let url = dir.appendingPathComponent("indsats")
            if fm.isExecutableFile(atPath: url.path) { return url }
        }
        fatalError("indsats binary not found beside the tests; run `swift build --build-tests` first")
    }()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in folder: String) throws -> Output {
        let process = try prepare(arguments, in: folder)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a full pipe cannot block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The process for `indsats ARGUMENTS` in `folder`, not yet started. On PostgreSQL
    /// (``TestDatabase``) each SQLite file a test names, `indsats.sqlite` when it names
    /// none, is a database of its own on the server: the tests read the same on both.
    static func prepare(_ arguments: [String], in folder: String) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var arguments = arguments
        if TestDatabase.isPostgres {
            if let i = arguments.firstIndex(of: "--db"), i + 1 < arguments.count {
                arguments[i + 1] = try ServerDatabases.address(of: folder + "/" + arguments[i + 1])
            } else {
                var environment = ProcessInfo.processInfo.environment
                environment["INDSATS_DATABASE"] = try ServerDatabases.address(of: folder + "/indsats.sqlite")
                process.environment = environment
            }
        }
        process.arguments = arguments
        return process
    }
}

/// The server database standing in for each SQLite path, made on first use.
enum ServerDatabases {
    private static let addresses = Mutex<[String: String]>([:])

    static func address(of path: String) throws -> String {
        if let known = addresses.withLock({ $0[path] }) { return known }
        let made = try TestDatabase.newPostgresDatabase()
        return addresses.withLock { addresses in
            if let known = addresses[path] { return known }
            addresses[path] = made
            return made
        }
    }
}

/// The contract's JSON: rows hold text dimensions and the number `vaerdi`.
struct KPIJSON: Decodable {
    struct Row: Decodable {
        var text: [String: String] = [:]
        var vaerdi: Double?

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            for key in c.allKeys {
                if key.stringValue == "vaerdi" {
                    vaerdi = try c.decodeIfPresent(Double.self, forKey: key)
                } else {
                    text[key.stringValue] = try c.decode(String.self, forKey: key)
                }
            }
        }
    }
    var kpi: String
    var datadato: String?
    var rows: [Row]
}

/// A file of the repository by its path from the root, for tests that ship examples to the binary.
func repositoryFile(_ path: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(path)
}

func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "indsats-e2e-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite("Hele kæden gennem den byggede binær", .serialized)
struct CommandLineTests {
    @Test("generate, import, re-import without change, kpi equal to the slow reference")
    func generateImportKPI() throws {
        let folder = temporaryFolder()
        let generated = try Binary.run(["generate", "--personer", "150", "--seed", "5", "--ud", "data"], in: folder)
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stdout.contains("personer.csv: 150 rækker"))

        let first = try Binary.run(["import", "data", "--db", "e2e.sqlite"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("data/personer.csv: 150 rækker læst, 150 nye, 0 ændrede, 0 uændrede"))

        let second = try Binary.run(["import", "data", "--db", "e2e.sqlite"], in: folder)
        #expect(second.status == 0)
        for line in second.stdout.split(separator: "\n") {
            #expect(line.contains(" 0 nye, 0 ændrede"), "\(line)")
        }

        // The slow reference reads the same files through the importer's validation.
        let memory = MemoryDestination()
        _ = try Importer(destination: memory).run(paths: [folder + "/data"], acceptValid: false)
        func all<T>(_ kind: FileKind, _ pick: (RegisterRecord) -> T?) -> [T] { (memory.records[kind] ?? [:]).values.compactMap(pick) }
        var reference = SlowReference(
            persons: all(.personer) { if case .person(let p) = $0 { p } else { nil } },
            benefits: all(.ydelsesforloeb) { if case .benefit(let b) = $0 { b } else { nil } },
            activities: all(.aktiviteter) { if case .activity(let a) = $0 { a } else { nil } },
            conversations: all(.samtaler) { if case .conversation(let c) = $0 { c } else { nil } },
            companies: all(.virksomheder) { if case .company(let c) = $0 { c } else { nil } },
            contacts: all(.virksomhedskontakter) { if case .contact(let c) = $0 { c } else { nil } },
            jobOrders: all(.jobordrer) { if case .jobOrder(let j) = $0 { j } else { nil } })
        reference.assignments = all(.tildelinger) { if case .assignment(let a) = $0 { a } else { nil } }
        reference.staffMembers = all(.medarbejdere) { if case .staff(let s) = $0 { s } else { nil } }
        reference.contactRules = all(.kontaktregler) { if case .contactRule(let r) = $0 { r } else { nil } }
        reference.screenings = all(.screeninger) { if case .screening(let s) = $0 { s } else { nil } }
        reference.placements = all(.formidlinger) { if case .placement(let p) = $0 { p } else { nil } }
        reference.cvUpdates = all(.cv_opdateringer) { if case .cvUpdate(let u) = $0 { u } else { nil } }
        reference.pools = all(.puljer) { if case .pool(let p) = $0 { p } else { nil } }
        reference.poolParticipants = all(.puljedeltagere) { if case .poolParticipant(let p) = $0 { p } else { nil } }
        reference.budgets = all(.budget) { if case .budget(let b) = $0 { b } else { nil } }

        // The data date is the latest day the files name (the import ran after it).
        let named: [Day?] =
            reference.benefits.flatMap { [$0.start, $0.end] } + reference.activities.flatMap { [$0.start, $0.end] }
            + reference.conversations.map(\.date) + reference.contacts.map(\.date)
            + reference.jobOrders.flatMap { [$0.created, $0.closed] } + reference.assignments.flatMap { [$0.from, $0.to] }
            + reference.screenings.map(\.date) + reference.placements.map(\.date)
        let latest = named.compactMap { $0 }.max()
        #expect(latest! > Day(year: 2026, month: 10, day: 1)!)
        for measure in Measure.allCases {
            let split = measure.dimensions[0].rawValue
            let months = measure.takesMonths ? ["--maaneder", "2"] : []
            let kpi = try Binary.run(
                [
                    "kpi", measure.rawValue, "--fra", "2024-01-01", "--til", "2024-12-31", "--periode",
                    measure == .puljeresultat ? "hele" : "kvartal",
                    "--opdel", split, "--format", "json", "--db", "e2e.sqlite",
                ] + months, in: folder)
            #expect(kpi.status == 0, "\(kpi.stderr)")
            let json = try JSONDecoder().decode(KPIJSON.self, from: Data(kpi.stdout.utf8))
            #expect(json.kpi == measure.rawValue)
            #expect(json.datadato == latest?.iso)
            let rows = json.rows.map { KPIRow(dimensions: [$0.text[split]!], period: $0.text["periode"]!, value: $0.vaerdi) }
            let q = try KPIQuery.parse(
                measure: measure.rawValue, from: "2024-01-01", to: "2024-12-31", period: measure == .puljeresultat ? "hele" : "kvartal",
                splitBy: [split], filters: [], months: measure.takesMonths ? "2" : nil)
            let expected = reference.evaluate(q)
            #expect(rows == expected, "\(measure)")
            #expect(expected.contains { ($0.value ?? 0) != 0 }, "\(measure) has something to compare")
        }
    }

    @Test("flyt moves a caseload from a day and says so; a second move of the same caseload is refused in Danish with exit 1")
    func reassign() throws {
        let folder = temporaryFolder()
        let files = [
            "personer.csv": "person_id\nA\nB\n", "medarbejdere.csv": "medarbejder;enhed\nM1;Jobservice\nM2;Jobservice\n",
            "ydelsesforloeb.csv": "person_id;ydelse;start\nA;dagpenge;2026-01-01\nB;dagpenge;2026-02-01\n",
            "tildelinger.csv": "person_id;medarbejder;fra\nA;M1;2026-01-01\nB;M1;2026-02-01\n",
        ]
        for (name, text) in files { FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: Data(text.utf8)) }
        #expect(try Binary.run(["import", ".", "--db", "e2e.sqlite"], in: folder).status == 0)
        let moved = try Binary.run(["flyt", "--fra", "M1", "--til", "M2", "--dag", "2026-11-01", "--db", "e2e.sqlite"], in: folder)
        #expect(moved.status == 0 && moved.stdout == "2 borgere flyttet fra M1 til M2 fra 01-11-2026 (hele sagsstammen).\n")
        let again = try Binary.run(["flyt", "--fra", "M1", "--til", "M2", "--dag", "2026-11-01", "--db", "e2e.sqlite"], in: folder)
        #expect(again.status == 1 && again.stderr == "fejl: M1 har ingen borgere den 01-11-2026 eller senere\n")
        let list = try Binary.run(
            ["arbejdsliste", "--medarbejder", "M2", "--dag", "2026-11-15", "--format", "csv", "--db", "e2e.sqlite"], in: folder)
        #expect(list.status == 0 && list.stdout.contains("A;dagpenge;01-01-2026;") && list.stdout.contains("B;dagpenge;01-02-2026;"))
    }

    @Test("kandidater suggests citizens with experience in an open order's branch, best first; a closed or unknown order is a usage error")
    func candidates() throws {
        let folder = temporaryFolder()
        let files = [
            "personer.csv": "person_id\nA\nB\nC\n",
            "virksomheder.csv": "cvr;navn;ansatte;branche\n12345674;Ågade Smed;12;Industri\n",
            "ydelsesforloeb.csv":
                "person_id;ydelse;start\nA;dagpenge;2026-01-01\nB;sygedagpenge;2026-01-01\nC;selvforsoergende;2026-01-01\n",
            "aktiviteter.csv":
                "aktivitet_id;person_id;type;start;slut;cvr\n1;A;virksomhedspraktik;2026-03-01;2026-03-28;12345674\n"
                + "2;B;ordinaere_timer;2026-02-01;;12345674\n3;C;ordinaere_timer;2026-02-01;;12345674\n",
            "jobordrer.csv": "jobordre_id;cvr;oprettet;stillinger;lukket\nJ1;12345674;2026-06-01;2;\nJ2;12345674;2026-01-01;1;2026-02-01\n",
        ]
        for (name, text) in files { FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: Data(text.utf8)) }
        #expect(try Binary.run(["import", ".", "--db", "e2e.sqlite"], in: folder).status == 0)
        let listed = try Binary.run(["kandidater", "J1", "--dag", "2026-10-31", "--db", "e2e.sqlite"], in: folder)
        #expect(listed.status == 0, "\(listed.stderr)")
        let lines = listed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Jobordre J1, Ågade Smed, Industri, åben, den 31-10-2026")
        // B: småjob running (3 + 1); A: job-ready (2) and praktik within 12 months (2 + 1); C is self-supporting.
        let rows = lines.filter { $0.hasPrefix("A ") || $0.hasPrefix("B ") || $0.hasPrefix("C ") }
        #expect(rows.map { String($0.prefix(1)) } == ["A", "B"] && !listed.stdout.contains("\nC "))
        #expect(rows[0].contains("dagpenge") && rows[0].contains(" 5 ") && rows[1].contains(" 4 "))
        let closed = try Binary.run(["kandidater", "J2", "--db", "e2e.sqlite"], in: folder)
        #expect(closed.status == 2 && closed.stderr.contains("jobordren 'J2' er lukket ubesat"))
        let unknown = try Binary.run(["kandidater", "J9", "--db", "e2e.sqlite"], in: folder)
        #expect(unknown.status == 2 && unknown.stderr.contains("jobordren 'J9' findes ikke"))
    }

    @Test("A bad file is rejected with fil:linje: kolonne: årsag, exit 1 and nothing written")
    func badFile() throws {
        let folder = temporaryFolder()
        FileManager.default.createFile(
            atPath: folder + "/personer.csv", contents: Data("\u{FEFF}person_id;koen\r\nP1;K\r\nP2;kvinde\r\n".utf8))
        let result = try Binary.run(["import", "personer.csv", "--db", "bad.sqlite"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("personer.csv:3: koen: 'kvinde' er ikke tilladt; brug K eller M"))
        #expect(result.stdout.contains("Intet er indlæst"))
        let kpi = try Binary.run(
            ["kpi", "personer", "--fra", "2024-01-01", "--til", "2024-01-31", "--format", "csv", "--db", "bad.sqlite"], in: folder)
        #expect(kpi.stdout == "\u{FEFF}periode;vaerdi\r\n2024-01;0\r\n")

        let accepted = try Binary.run(["import", "personer.csv", "--accept-valid", "--db", "bad.sqlite"], in: folder)
        #expect(accepted.status == 1)
        #expect(accepted.stdout.contains("afviste rækker i karantæne: personer.karantaene.csv"))
        #expect(FileManager.default.fileExists(atPath: folder + "/personer.karantaene.csv"))
    }

    @Test("Usage errors exit with 2 and a Danish message")
    func usageErrors() throws {
        let folder = temporaryFolder()
        let unknownKind = try Binary.run(["import", "x.csv", "--kind", "borgere"], in: folder)
        #expect(unknownKind.status == 2)
        #expect(unknownKind.stderr.contains("--kind: ukendt filtype 'borgere'"))
        let missingFile = try Binary.run(["import", "findes-ikke.csv"], in: folder)
        #expect(missingFile.status == 2)
        #expect(missingFile.stderr.contains("findes-ikke.csv: filen eller mappen findes ikke"))
        let dreamWithoutList = try Binary.run(["import", "--kind", "dream", "dream.csv"], in: folder)
        #expect(dreamWithoutList.status == 2)
        #expect(dreamWithoutList.stderr.contains("--kind dream kræver --kodeliste KODER.csv (kode;ydelse)"))
        let listWithoutDream = try Binary.run(["import", "personer.csv", "--kodeliste", "k.csv"], in: folder)
        #expect(listWithoutDream.status == 2)
        #expect(listWithoutDream.stderr.contains("--kodeliste bruges kun med --kind dream"))
        let timed = try Binary.run(
            ["kpi", "personer", "--fra", "2024-01-01", "--til", "2024-01-31", "--tidtagning", "--db", "tom.sqlite"], in: folder)
        #expect(timed.status == 0)
        #expect(timed.stderr.contains("tid: indlæsning ") && timed.stderr.contains(" s, beregning "))
        let badQuery = try Binary.run(["kpi", "personer", "--fra", "2024-02-01", "--til", "2024-01-01"], in: folder)
        #expect(badQuery.status == 2)
        #expect(badQuery.stderr.contains("--fra 2024-02-01 ligger efter --til 2024-01-01"))
        let missingOption = try Binary.run(["kpi", "personer"], in: folder)
        #expect(missingOption.status == 2)
    }

    @Test("Small generated municipalities import without a single rejection, whatever the seed")
    func generatedDataIsValid() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for seed in 1...8 {
            #expect(try Binary.run(["generate", "--personer", "200", "--seed", "\(seed)", "--ud", "d\(seed)"], in: folder).status == 0)
            let imported = try Binary.run(["import", "d\(seed)", "--db", "d\(seed).sqlite"], in: folder)
            #expect(imported.status == 0, "seed \(seed): \(imported.stderr.split(separator: "\n").filter { !$0.contains("rækker læst") })")
        }
    }

    @Test("generate is deterministic per seed")
    func deterministic() throws {
        let folder = temporaryFolder()
        _ = try Binary.run(["generate", "--personer", "60", "--seed", "9", "--ud", "a"], in: folder)
        _ = try Binary.run(["generate", "--personer", "60", "--seed", "9", "--ud", "b"], in: folder)
        _ = try Binary.run(["generate", "--personer", "60", "--seed", "10", "--ud", "c"], in: folder)
        let read = { (dir: String) in FileManager.default.contents(atPath: "\(folder)/\(dir)/ydelsesforloeb.csv")! }
        #expect(read("a") == read("b"))
        #expect(read("a") != read("c"))
    }

    @Test("generate makes persons in parallel blocks yet writes what one sequential stream writes")
    func parallelGenerationMatchesSequential() throws {
        let folder = temporaryFolder()
        let persons = 4_500  // more than two blocks of 2.000
        _ = try Binary.run(["generate", "--personer", "\(persons)", "--seed", "4", "--ud", "parallel"], in: folder)

        struct Sink: RegisterSink {
            let out: RegisterCSVWriter
            func add(_ record: RegisterRecord) { out.write(record) }
        }
        var sink = Sink(out: try RegisterCSVWriter(folder: folder + "/sequential"))
        MunicipalityGenerator(persons: persons, seed: 4, to: Day(year: 2026, month: 10, day: 31)!).generate(into: &sink)
        try sink.out.close()

        for kind in FileKind.allCases where kind != .koder {
            let parallel = FileManager.default.contents(atPath: "\(folder)/parallel/\(kind.fileName)")
            let sequential = FileManager.default.contents(atPath: "\(folder)/sequential/\(kind.fileName)")
            #expect(parallel != nil && parallel == sequential, "\(kind.fileName)")
        }
        #expect(sink.out.counts[.personer] == persons)
    }
}
