import ArgumentParser
import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsCore
import IndsatsEconomy
import IndsatsExchange
import IndsatsStore
import IndsatsWeb
import NIOCore

struct ServerOptions: ParsableArguments {
    @Option(help: "Adresse at lytte på.") var host: String = "127.0.0.1"
    @Option(help: "Port at lytte på.") var port: Int = 8080
    @Option(help: "Måneder auditloggen gemmes; ældre linjer slettes ved start og hver time.")
    var auditMaaneder: Int = AuditRetention.defaultMonths
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start webserveren på registret i databasen.")

    @OptionGroup var server: ServerOptions
    @OptionGroup var database: DatabaseOption

    func run() async throws {
        let store = try StoreLocation.open(database.location)
        try await serve(store, server)
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lav en syntetisk kommune, indlæs den i en ny SQLite-fil og start webserveren.",
        discussion: """
            Demoen skriver CSV-filerne i --data og databasen i --db (standard indsats-demo.sqlite), som laves forfra. \
            --db kan også være en tom PostgreSQL-database (postgres://...).
            """)

    @Option(help: "Antal personer i demokommunen.") var personer: Int = 20_000
    @Option(help: "Frø for tilfældighederne.") var seed: UInt64 = 1
    @Option(help: "Mappe til demoens CSV-filer.") var data: String = "demo-data"
    @Option(name: .customLong("db"), help: "SQLite-fil, eller adressen på en tom PostgreSQL-database, til demoen.") var db: String =
        "indsats-demo.sqlite"
    @OptionGroup var server: ServerOptions

    func run() async throws {
        print("Laver en syntetisk kommune med \(DanishFormat.integer(personer)) personer i \(data)/ ...")
        _ = try generateMunicipality(persons: personer, seed: seed, to: Day(year: 2026, month: 10, day: 31)!, folder: data)
        let store: any DataStore
        if StoreLocation.isServerAddress(db) {
            // A server database is never emptied by a demo: it must be empty already.
            store = try StoreLocation.open(db)
            guard try store.rowCounts().values.allSatisfy({ $0 == 0 }), try store.users().isEmpty else {
                throw UsageError("--db: demoen skal have en tom PostgreSQL-database; denne har allerede data eller brugere")
            }
        } else {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            store = try SQLiteStore(path: db)
        }
        print("Indlæser i \(db) ...")
        let report = try Importer(destination: store, progress: { printError($0) }).run(paths: [data], acceptValid: false)
        ImportSummary.print(report)
        guard report.written else { throw ExitCode(1) }
        let proposals = try ProposalCatalogue.examples()
        try store.saveProposals(proposals)
        print("Indlæste \(proposals.proposals.count) budgetforslag fra Herning og Vesthimmerland.")
        try store.savePlans(try EmploymentPlan.examples())
        print("Indlæste Høje-Taastrups beskæftigelsesplan 2020 (mål på /maal).")
        if let dataDate = try store.loadRegister().dataDate {
            // Demo targets for the weekly figures: last year's weekly average, a little higher.
            try store.saveWeeklyTargets(WeeklyTargets.suggested(try store.loadRegister(), before: dataDate.isoWeek))
        }
        print("Demobrugere (adgangskoderne gælder kun denne demo):")
        for (name, role, unit) in Self.users {
            let password = Password.random()
            try store.saveUser(User(name: name, role: role, unit: unit), passwordHash: try Password.hash(password))
            print(
                "  \(name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(role.title.lowercased().padding(toLength: 14, withPad: " ", startingAt: 0)) \(password)"
            )
        }
        try await serve(store, server)
    }

    /// One demo user per role; the caseworker belongs to Jobservice.
    static let users: [(String, Role, String?)] = [
        ("admin", .administrator, nil), ("leder", .leder, nil), ("analytiker", .analytiker, nil),
        ("medarbejder", .medarbejder, "Jobservice"), ("udvalg", .udvalg, nil),
    ]

    func validate() throws {
        guard personer > 0 else { throw ValidationError("--personer skal være mindst 1") }
    }
}

func serve(_ store: any DataStore, _ options: ServerOptions) async throws {
    // Audit retention: at start, then every hour while the server runs.
    let months = options.auditMaaneder
    let retention = Task {
        while !Task.isCancelled {
            do { try store.removeAudit(before: AuditRetention.cutoff(months: months, from: Date())) } catch {
                printError("Auditoprydning fejlede: \(error)")
            }
            try? await Task.sleep(for: .seconds(3600))
        }
    }
    defer { retention.cancel() }
    // This server brings the register's snapshot up to each import itself, so `indsats import` leaves it alone.
    let serving = store.markServing()
    defer { withExtendedLifetime(serving) {} }
    let url = "http://\(options.host == "0.0.0.0" ? "localhost" : options.host):\(options.port)"
    fflush(nil)  // what was printed before shows at once, also when stdout is a file
    do {
        try await WebApplication.serve(store: store, host: options.host, port: options.port) {
            FileHandle.standardOutput.write(Data("Indsats kører på \(url) (stop med Ctrl-C)\n".utf8))
        }
    } catch let error as IOError where error.errnoCode == EADDRINUSE {
        printError("Kan ikke lytte på \(options.host):\(options.port): porten er optaget. Vælg en anden med --port.")
        throw ExitCode(1)
    }
}
