import ArgumentParser
import Foundation
import IndsatsStore

/// `indsats backup FIL`: a consistent copy of the whole database.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Tag en sikkerhedskopi af hele databasen (register, brugere og auditlog), også mens serveren kører.")

    @Argument(help: "Ny fil til kopien.") var fil: String
    @OptionGroup var database: DatabaseOption

    func run() throws {
        let store = try StoreLocation.open(database.location)
        do { try store.backup(to: fil) } catch let error as StoreError { throw UsageError(error.message) }
        try store.appendAudit(user: commandLineUser, action: .eksport, person: nil, criteria: "backup til \(fil)", at: Date())
        print("Sikkerhedskopien er skrevet til \(fil).")
    }
}

/// `indsats restore FIL`: replaces the database with a copy.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Erstat hele databasen med en sikkerhedskopi.",
        discussion:
            "Alt skrevet efter kopien, også auditlinjer, forsvinder; selve genskabelsen logges i den genskabte auditlog. Stop serveren først."
    )

    @Argument(help: "Sikkerhedskopien.") var fil: String
    @OptionGroup var database: DatabaseOption

    func run() throws {
        let store = try StoreLocation.open(database.location)
        do { try store.restore(from: fil) } catch let error as StoreError { throw UsageError(error.message) }
        try store.appendAudit(user: commandLineUser, action: .aendring, person: nil, criteria: "restore fra \(fil)", at: Date())
        print("Databasen er genskabt fra \(fil).")
    }
}
