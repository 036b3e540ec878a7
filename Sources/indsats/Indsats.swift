import ArgumentParser
import Foundation
import IndsatsStore

/// `indsats`: the command line of Indsats.
@main
struct Indsats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indsats",
        abstract: "Indsats: styring af beskæftigelsesindsatsen fra investering til målt effekt.",
        subcommands: [
            Demo.self, Serve.self, Import.self, KPI.self, Generate.self, UserCommand.self, AuditCommand.self, BackupCommand.self,
            RestoreCommand.self, BusinessCaseCommand.self, ProposalCommand.self, PriceCommand.self, PlanCommand.self, WorkListCommand.self,
            ReassignCommand.self, CandidatesCommand.self,
        ])

    /// Usage errors exit with 2 and rejected input with 1, as the data contract says.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure || error is UsageError {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            // A store's refusal is said in Danish, not behind ArgumentParser's English "Error:".
            if let refusal = error as? StoreError {
                FileHandle.standardError.write(Data("fejl: \(refusal.message)\n".utf8))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }
}

/// A mistake in how the command was called (exit status 2).
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `--db`, shared by every command that opens the store.
struct DatabaseOption: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: "SQLite-fil eller postgres://bruger:adgangskode@vært:port/database (standard indsats.sqlite eller INDSATS_DATABASE).")
    var path: String?

    var location: String? { path ?? ProcessInfo.processInfo.environment["INDSATS_DATABASE"] }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
