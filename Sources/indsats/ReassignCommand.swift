import ArgumentParser
import Foundation
import IndsatsCore
import IndsatsEconomy
import IndsatsStore

struct ReassignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flyt",
        abstract: "Flyt én borger eller en medarbejders hele sagsstamme til en anden medarbejder fra en dag.",
        discussion: """
            Tildelinger, der dækker dagen, lukkes dagen før og fortsætter hos den nye; senere tildelinger skifter hænder. \
            Flytningen skrives i historikken på /sagsstamme og i auditloggen.
            """)

    @Option(help: "Medarbejderen, borgerne flyttes fra.") var fra: String
    @Option(help: "Medarbejderen, borgerne flyttes til.") var til: String
    @Option(help: "Første dag hos den nye (ÅÅÅÅ-MM-DD).") var dag: String
    @Option(help: "Kun denne borger (person_id); uden: hele sagsstammen.") var borger: String?
    @OptionGroup var database: DatabaseOption

    func run() throws {
        guard let day = Day(parsing: dag) else { throw UsageError("--dag: '\(dag)' er ikke en gyldig dato") }
        if let borger, CPRText.digits(in: borger) != nil { throw UsageError("--borger: skriv borgerens person_id, ikke et CPR-nummer") }
        let store = try StoreLocation.open(database.location)
        let move = Reassignment(from: fra, to: til, person: borger, day: day)
        let moved = try store.reassign(move, user: commandLineUser, at: Date())
        try store.appendAudit(
            user: commandLineUser, action: .aendring, person: borger, criteria: "sagsstamme flyttet \(move.description): \(moved) borgere",
            at: Date())
        print("\(DanishFormat.integer(moved)) borgere flyttet \(move.description).")
    }
}
