import ArgumentParser
import Foundation
import IndsatsAccess
import IndsatsStore

/// `indsats bruger`: users and roles. The first administrator is created here.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bruger",
        abstract: "Opret brugere, giv roller, spær og åbn.",
        discussion: "Roller: \(Role.names).",
        subcommands: [Create.self, ChangeRole.self, Block.self, Unblock.self, List.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "opret",
            abstract: "Opret en bruger med en rolle og skriv en ny tilfældig adgangskode.",
            discussion:
                "Med --adgangskode-fra-stdin læses adgangskoden (mindst \(Password.minimumLength) tegn) fra standard input i stedet.")

        @Argument(help: "Brugernavn.") var navn: String
        @Option(help: "Rolle: \(Role.names).") var rolle: String
        @Option(help: "Enhed (for medarbejdere: hvis borgere de ser).") var enhed: String?
        @Flag(help: "Læs adgangskoden fra standard input.") var adgangskodeFraStdin = false
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let role = try parseRole(rolle)
            let store = try StoreLocation.open(database.location)
            guard try store.user(named: navn) == nil else { throw UsageError("brugeren '\(navn)' findes allerede") }
            let password = adgangskodeFraStdin ? (readLine(strippingNewline: true) ?? "") : Password.random()
            let hash: String
            do { hash = try Password.hash(password) } catch { throw UsageError(error.message) }
            try store.saveUser(User(name: navn, role: role, unit: enhed), passwordHash: hash)
            try audit(store, "opret \(navn) som \(role.rawValue)")
            print("Brugeren \(navn) er oprettet som \(role.title.lowercased()).")
            if !adgangskodeFraStdin { print("Adgangskode: \(password)") }
        }
    }

    struct ChangeRole: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rolle", abstract: "Giv en bruger en ny rolle (og enhed).")

        @Argument(help: "Brugernavn.") var navn: String
        @Argument(help: "Rolle: \(Role.names).") var rolle: String
        @Option(help: "Enhed (for medarbejdere).") var enhed: String?
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let role = try parseRole(rolle)
            try updateUser(navn, database, audit: "rolle \(navn) \(role.rawValue)", done: "\(navn) er nu \(role.title.lowercased()).") {
                user in
                user.role = role
                if let enhed { user.unit = enhed }
            }
        }
    }

    struct Block: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "spaer", abstract: "Spær en bruger: ingen login, og åbne sessioner holder op med at virke.")

        @Argument(help: "Brugernavn.") var navn: String
        @OptionGroup var database: DatabaseOption

        func run() throws {
            try updateUser(navn, database, audit: "spær \(navn)", done: "\(navn) er spærret.") { $0.blocked = true }
        }
    }

    struct Unblock: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "aabn", abstract: "Ophæv en spærring eller en lås efter forkerte login.")

        @Argument(help: "Brugernavn.") var navn: String
        @OptionGroup var database: DatabaseOption

        func run() throws {
            try updateUser(navn, database, audit: "åbn \(navn)", done: "\(navn) kan logge ind igen.") { user in
                user.blocked = false
                user.failedLogins = 0
                user.lockedUntil = nil
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "liste", abstract: "Vis brugerne med rolle, enhed og status.")

        @OptionGroup var database: DatabaseOption

        func run() throws {
            for user in try StoreLocation.open(database.location).users() {
                let state = user.blocked ? "spærret" : (user.lockedUntil.map { $0 > Date() } ?? false) ? "låst" : "aktiv"
                print([user.name, user.role.rawValue, user.unit ?? "-", state].joined(separator: "\t"))
            }
        }
    }
}

private func parseRole(_ text: String) throws -> Role {
    guard let role = Role(rawValue: text) else { throw UsageError("--rolle: '\(text)' er ukendt; brug \(Role.names)") }
    return role
}

/// Changes an existing user, saves it, logs `what` in the audit log and prints `done`.
private func updateUser(_ name: String, _ database: DatabaseOption, audit what: String, done: String, _ change: (inout User) -> Void) throws
{
    let store = try StoreLocation.open(database.location)
    guard var user = try store.user(named: name)?.user else { throw UsageError("brugeren '\(name)' findes ikke") }
    change(&user)
    try store.saveUser(user, passwordHash: nil)
    try audit(store, what)
    print(done)
}

/// Who runs a command, for the audit log: the operating system's user name.
var commandLineUser: String { "kommandolinje:" + (ProcessInfo.processInfo.environment["USER"] ?? "ukendt") }

private func audit(_ store: any DataStore, _ what: String) throws {
    try store.appendAudit(user: commandLineUser, action: .brugeradministration, person: nil, criteria: what, at: Date())
}

/// `indsats audit`: check the audit log and extract what was looked up about a citizen.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Kontrollér auditloggen, udtræk opslag om en borger, slet gamle linjer.",
        subcommands: [Verify.self, Citizen.self, Prune.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify", abstract: "Kontrollér hashkæden: status 0 når loggen er urørt, 1 ved ændring.",
            discussion: """
                Kæden alene kan ikke se, at de nyeste linjer er skåret af. Gem derfor linjen \
                "Gem: --siden NR:HASH", som kommandoen skriver, uden for databasen (fx i driftens \
                log), og kontrollér senere med --siden: loggen skal stadig nå den linje med samme hash.
                """)

        @Option(name: .customLong("siden"), help: "Et gemt punkt NR:HASH, som loggen stadig skal indeholde.")
        var saved: String?
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let point = try saved.map { text -> AuditAnchor in
                let parts = text.split(separator: ":")
                guard parts.count == 2, let number = Int(parts[0]), number >= 0, parts[1].count == 64 else {
                    throw UsageError("--siden: '\(text)' skal skrives NR:HASH, som audit verify skriver det")
                }
                return AuditAnchor(number: number, hash: String(parts[1]))
            }
            let store = try StoreLocation.open(database.location)
            let entries = try store.auditEntries(person: nil), anchor = try store.auditAnchor()
            if let broken = AuditChain.firstBreak(in: entries, anchor: anchor) {
                printError("Auditloggen er ændret ved linje \(broken.number): \(broken.reason).")
                throw ExitCode(1)
            }
            if let point, let reason = AuditChain.missing(point, in: entries, anchor: anchor) {
                printError("Auditloggen er afkortet eller ændret: \(reason).")
                throw ExitCode(1)
            }
            print(
                "Auditloggen er urørt: \(entries.count) linjer" + (entries.last.map { ", senest nr. \($0.number) \($0.time)" } ?? "") + ".")
            let last = entries.last.map { AuditAnchor(number: $0.number, hash: $0.hash) } ?? anchor
            print("Gem: --siden \(last.number):\(last.hash)")
        }
    }

    struct Citizen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "borger", abstract: "Alle linjer om én borger (person_id), som semikolon-CSV til borgerens indsigtsanmodning.")

        @Argument(help: "Borgerens person_id (aldrig et CPR-nummer).") var person: String
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let store = try StoreLocation.open(database.location)
            print("nr;tidspunkt;bruger;handling;kriterier")
            for e in try store.auditEntries(person: person) {
                print([String(e.number), e.time, e.user, e.action.rawValue, e.criteria ?? ""].map(csvField).joined(separator: ";"))
            }
            try store.appendAudit(user: commandLineUser, action: .soegning, person: person, criteria: "audit borger", at: Date())
        }

        private func csvField(_ s: String) -> String {
            s.contains(";") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ryd", abstract: "Slet linjer ældre end opbevaringstiden (serveren gør det selv hver time).")

        @Option(help: "Opbevaringstid i måneder.") var maaneder: Int = AuditRetention.defaultMonths
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let store = try StoreLocation.open(database.location)
            let removed = try store.removeAudit(before: AuditRetention.cutoff(months: maaneder, from: Date()))
            print("\(removed) linjer ældre end \(maaneder) måneder er slettet.")
        }
    }
}
