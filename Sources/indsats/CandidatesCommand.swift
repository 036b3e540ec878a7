import ArgumentParser
import Foundation
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsExchange
import IndsatsStore

struct CandidatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kandidater",
        abstract: "Forslag til kandidater til en åben jobordre med point og begrundelser.",
        discussion: """
            Som siden /jobordrer/{id}: borgere på ydelse med erfaring fra virksomheder i ordrens branche de seneste 3 år, \
            bedst først (docs/domaene.md, Virksomheder); ved en fleksjobordre kun ledighedsydelse. Et råd, ikke en afgørelse. \
            Hver liste skrives i auditloggen.
            """)

    @Argument(help: "Jobordrens id (jobordre_id).") var jobordre: String
    @Option(help: "Dagen (ÅÅÅÅ-MM-DD); standard er datadatoen.") var dag: String?
    @Option(help: "Højst så mange kandidater.") var antal: Int = 20
    @OptionGroup var database: DatabaseOption

    func run() throws {
        let store = try StoreLocation.open(database.location)
        guard let (overview, _) = try store.jobOrder(id: jobordre) else { throw UsageError("jobordren '\(jobordre)' findes ikke") }
        let register = try store.loadRegister(parts: [.benefits, .activities, .companies])
        guard let day = dag.map({ Day(parsing: $0) }) ?? register.dataDate else {
            throw UsageError("--dag: '\(dag ?? "")' er ikke en gyldig dato")
        }
        let status = overview.status
        guard status == .aaben || status == .delvist_besat else {
            throw UsageError("jobordren '\(jobordre)' er \(status.title.lowercased()); der foreslås kun kandidater til åbne ordrer")
        }
        guard let industry = overview.industry else { throw UsageError("jobordrens virksomhed har ingen branche i virksomheder.csv") }
        let candidates = JobMatch.candidates(for: overview.order, industry: industry, in: register, on: day, limit: max(0, antal))
        try store.appendAudit(
            user: commandLineUser, action: .soegning, person: candidates.count == 1 ? candidates[0].personID : nil,
            criteria: "kandidater til jobordre \(jobordre): \(candidates.map(\.personID).joined(separator: ","))", at: Date())
        print(
            "Jobordre \(jobordre), \(overview.companyName ?? overview.order.cvr), \(industry), \(status.title.lowercased()), den \(day.danish)"
        )
        let rows = candidates.map { [$0.personID, $0.benefit, "\($0.score)", $0.reasons.joined(separator: "; ")] }
        print(TextTable.render(["person_id", "ydelse", "point", "begrundelse"], rows, rightAligned: [2]), terminator: "")
    }
}
