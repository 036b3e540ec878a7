import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsStore

/// *Screening*: the advisory model published (its points) and held against history:
/// how often each advised and decided group became long-term, and how calibration and
/// the share decided against the advice differ by sex and age band (the bias check of
/// the municipality's impact assessment). Aggregates for analysts and administrators.
enum ScreeningPages {
    static let roles: [Role] = [.administrator, .analytiker]

    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        routes.add(RouteRule(.get, "/screening", roles: roles, purpose: "screeningsmodellen og dens træfsikkerhed og skævheder")) {
            _, context in
            let tables = try await evaluation(cache)
            var body: HTML = """
                <h1>Screening</h1><p class="meta">Forslaget til gruppe 1-3 lægger point sammen; køn, nationalitet og etnicitet indgår ikke \
                (docs/screening.md). Medarbejderen afgør; en afgørelse mod forslaget kræver en begrundelse. Herunder holdes modellen op \
                mod historikken: blev forløbet langvarigt (over 6 måneder)? Forløb, der stadig er åbne og yngre end 6 måneder, har intet \
                kendt udfald endnu.</p>\(model())
                """
            for table in tables { body += table.html() }
            return WebApplication.page(context, "Screening", body)
        }
    }

    /// The model's points, as published.
    static func model() -> HTML {
        """
        <h2>Modellen</h2><ul>\
        <li>Ydelse nu: dagpenge 0, jobparat kontanthjælp og sygedagpenge 1, aktivitetsparat kontanthjælp, aktivitetsparat \
        uddannelseshjælp, ressourceforløb og jobafklaring 3, andre 2 point.</li>\
        <li>Dage på ydelse de seneste 3 år: under 180: 0, 180-540: 1, flere: 2 point.</li>\
        <li>Tidligere forløb de seneste 3 år (efter mere end 30 dage uden ydelse): 0-1: 0, 2-3: 1, flere: 2 point.</li>\
        <li>Alder: under 25 eller 50 og derover 1 point.</li>\
        <li>0-1 point: gruppe 1; 2-3: gruppe 2; 4 og derover: gruppe 3.</li></ul>
        """
    }

    static func evaluation(_ cache: RegisterCache) async throws -> [DataTable] {
        let rows = ScreeningEvaluation(try await cache.current()).rows
        func table(_ caption: String, _ keys: [String], _ key: (ScreeningEvaluation.Row) -> [String]) -> DataTable {
            var table = DataTable(
                caption: caption,
                columns: keys.map { DataTable.Column($0) } + [
                    .init("Screeninger"), .init("Kendt udfald"), .init("Blev langvarige"), .init("Afgjort mod forslaget"),
                ])
            for line in ScreeningEvaluation.table(rows, by: key) {
                table.rows.append(
                    line.key.map { DataTable.Cell.text($0) } + [
                        .number(Double(line.screenings), decimals: 0), .number(Double(line.known), decimals: 0),
                        line.longTermShare.map { .percent($0) } ?? .none, line.overrideShare.map { .percent($0) } ?? .none,
                    ])
            }
            return table
        }
        var calibration = table("Efter forslag (kalibrering)", ["Forslag"]) { [$0.advice] }
        calibration.note = "En god model har få langvarige i gruppe 1 og mange i gruppe 3."
        return [
            calibration, table("Efter afgørelse", ["Gruppe"]) { [$0.decided] },
            table("Efter køn og forslag", ["Køn", "Forslag"]) { [$0.sex, $0.advice] },
            table("Efter aldersgruppe og forslag", ["Aldersgruppe", "Forslag"]) { [$0.ageGroup, $0.advice] },
        ]
    }
}
