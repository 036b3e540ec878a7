import ArgumentParser
import IndsatsCore
import IndsatsExchange
import IndsatsSynthetic

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lav en syntetisk kommune som CSV-filer efter datakontrakten.",
        discussion: "Samme --seed giver altid samme filer. Der laves ingen CPR-numre, kun fødselsdatoer.")

    @Option(help: "Antal personer.") var personer: Int = 10_000
    @Option(help: "Frø for tilfældighederne.") var seed: UInt64 = 1
    @Option(help: "Mappe at skrive filerne i.") var ud: String
    @Option(help: "Datadato: sidste dag med data (ÅÅÅÅ-MM-DD).") var til: String = "2026-10-31"

    func run() throws {
        guard personer > 0 else { throw UsageError("--personer skal være mindst 1") }
        guard let to = Day(parsing: til) else { throw UsageError("--til: '\(til)' er ikke en gyldig dato") }
        let counts = try generateMunicipality(persons: personer, seed: seed, to: to, folder: ud)
        for kind in FileKind.allCases where counts[kind] != nil {
            print("\(kind.fileName): \(DanishFormat.integer(counts[kind]!)) rækker")
        }
    }
}

/// Streams a synthetic municipality to CSV files in `folder`.
func generateMunicipality(persons: Int, seed: UInt64, to: Day, folder: String) throws -> [FileKind: Int] {
    struct Sink: RegisterSink {
        let out: RegisterCSVWriter
        mutating func person(_ person: Person) { out.write(.person(person)) }
        mutating func benefit(_ period: BenefitPeriod) { out.write(.benefit(period)) }
        mutating func activity(_ activity: Activity) { out.write(.activity(activity)) }
        mutating func conversation(_ conversation: Conversation) { out.write(.conversation(conversation)) }
        mutating func company(_ company: Company) { out.write(.company(company)) }
        mutating func contact(_ contact: CompanyContact) { out.write(.contact(contact)) }
        mutating func jobOrder(_ order: JobOrder) { out.write(.jobOrder(order)) }
        mutating func initiative(_ initiative: Initiative) { out.write(.initiative(initiative)) }
        mutating func staff(_ member: StaffMember) { out.write(.staff(member)) }
    }
    var sink = Sink(out: try RegisterCSVWriter(folder: folder))
    MunicipalityGenerator(persons: persons, seed: seed, to: to).generate(into: &sink)
    try sink.out.close()
    return sink.out.counts
}
