import ArgumentParser
import Foundation
import IndsatsAnalytics
import IndsatsExchange
import IndsatsStore

struct KPI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi",
        abstract: "Beregn et nøgletal: \(Measure.allCases.map(\.rawValue).joined(separator: ", ")).",
        discussion: "Definitionerne står i docs/noegletal.md.")

    @Argument(help: "Nøgletallets navn.")
    var name: String

    @Option(help: "Første dag (ÅÅÅÅ-MM-DD).") var fra: String
    @Option(help: "Sidste dag (ÅÅÅÅ-MM-DD).") var til: String
    @Option(help: "uge, maaned, kvartal, aar eller hele.") var periode: String = "maaned"
    @Option(help: "Dimensioner at opdele på, kommasepareret.") var opdel: [String] = []
    @Option(help: "DIMENSION=VÆRDI[,VÆRDI]; kan gentages.") var filter: [String] = []
    @Option(help: "Måneder efter slutdagen, hvor status måles (effekt og selvforsoergelse; standard 3).") var maaneder: String?
    @Option(help: "json, csv eller tabel.") var format: String = "tabel"
    @Flag(help: "Skriv på stderr, hvor lang tid indlæsning af registret og beregningen tog (til BENCHMARKS.md).")
    var tidtagning = false
    @OptionGroup var database: DatabaseOption

    func run() throws {
        guard let output = KPIFormat(rawValue: format) else {
            throw UsageError("--format: '\(format)' er ukendt; brug json, csv eller tabel")
        }
        let query: KPIQuery
        do {
            query = try KPIQuery.parse(
                measure: name, from: fra, to: til, period: periode, splitBy: opdel, filters: filter, months: maaneder)
        } catch {
            throw UsageError(error.message)
        }
        let clock = ContinuousClock()
        let started = clock.now
        // Only the rows the measure reads: less memory and time than the whole register.
        let store = try StoreLocation.open(database.location)
        let register = try store.loadRegister(parts: query.registerParts)
        let prices = try store.prices()
        let loaded = clock.now
        let result = KPIEngine(register, prices: prices).evaluate(query)
        let computed = clock.now
        // Freeing the register's columns is not part of the computation.
        withExtendedLifetime(register) {}
        if tidtagning {
            func seconds(_ d: Duration) -> String {
                String(format: "%.4f", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
            }
            printError("tid: indlæsning \(seconds(loaded - started)) s, beregning \(seconds(computed - loaded)) s")
        }
        // The JSON carries them too; tables and CSV have no place for them.
        for note in result.notes { printError("bemærk: \(note)") }
        print(KPIOutput.render(result, as: output), terminator: output == .json ? "\n" : "")
    }
}
