import ArgumentParser
import Foundation
import IndsatsEconomy

struct BusinessCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "businesscase",
        abstract: "Beregn en business case (SØM-agtig) for én indsats fra en JSON-fil.",
        discussion: "Formatet står i docs/businesscase.md. Beløb i kr.; kommunens netto efter refusion, staten for sig.")

    @Argument(help: "JSON-filen med casen.") var file: String
    @Option(help: "tabel eller json.") var format: String = "tabel"

    func run() throws {
        guard ["tabel", "json"].contains(format) else { throw UsageError("--format: '\(format)' er ukendt; brug tabel eller json") }
        guard let data = FileManager.default.contents(atPath: file) else { throw UsageError("\(file) findes ikke") }
        let businessCase: BusinessCase
        do {
            businessCase = try BusinessCase.read(data)
        } catch let error as EconomyError {
            printError("\(file): \(error.message)")
            throw ExitCode(1)
        }
        let result = BusinessCaseResult(businessCase)
        print(format == "json" ? BusinessCaseOutput.json(businessCase, result) : BusinessCaseOutput.table(businessCase, result), terminator: "")
    }
}
