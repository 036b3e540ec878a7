import ArgumentParser
import Foundation
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsExchange
import IndsatsStore

struct WorkListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arbejdsliste",
        abstract: "En medarbejders borgere med de samtaler og det første tilbud, kontaktreglen stadig kræver, og fristerne.",
        discussion: "Som siden Min oversigt: overskredne frister først. Hver visning skrives i auditloggen (docs/sider.md).")

    @Option(help: "Medarbejderens id fra medarbejdere.csv.") var medarbejder: String
    @Option(help: "Dagen (ÅÅÅÅ-MM-DD); standard er datadatoen.") var dag: String?
    @Option(help: "csv eller tabel.") var format: String = "tabel"
    @Flag(help: "Skriv på stderr, hvor lang tid indlæsning af registret og listen tog (til BENCHMARKS.md).")
    var tidtagning = false
    @OptionGroup var database: DatabaseOption

    func run() throws {
        guard format == "csv" || format == "tabel" else { throw UsageError("--format: '\(format)' er ukendt; brug csv eller tabel") }
        let clock = ContinuousClock(), started = clock.now
        let store = try StoreLocation.open(database.location)
        let register = try store.loadRegister(parts: [.benefits, .activities, .conversations, .assignments, .contactRules])
        let loaded = clock.now
        guard let day = dag.map({ Day(parsing: $0) }) ?? register.dataDate else {
            throw UsageError("--dag: '\(dag ?? "")' er ikke en gyldig dato")
        }
        let items = register.workList(caseworker: medarbejder, on: day)
        let listed = clock.now
        if tidtagning { printError("tid: indlæsning \((loaded - started).seconds) s, liste \((listed - loaded).seconds) s") }
        try store.appendAudit(
            user: commandLineUser, action: .soegning, person: nil,
            criteria: "arbejdsliste medarbejder=\(medarbejder) dag=\(day.iso) (\(items.count) borgere)", at: Date())
        let headers = ["person_id", "ydelse", "forloeb_fra", "samtaler_holdt", "samtaler_kraevet", "samtalefrist", "tilbudsfrist"]
        let rows = items.map { item in
            [
                item.personID, item.benefit, item.spellStart.danish, "\(item.conversationsHeld)", "\(item.conversationsRequired)",
                item.conversationsDue ? item.conversationDeadline!.danish : "", item.offerDue ? item.offerDeadline!.danish : "",
            ]
        }
        if format == "csv" {
            var csv = CSVRowEncoder()
            for row in [headers] + rows {
                for cell in row { csv.text(CSVRowEncoder.spreadsheetSafe(cell)) }
                csv.endRow()
            }
            FileHandle.standardOutput.write(Data(csv.bytes))
        } else {
            print(TextTable.render(headers, rows, rightAligned: [3, 4]), terminator: "")
        }
    }
}
