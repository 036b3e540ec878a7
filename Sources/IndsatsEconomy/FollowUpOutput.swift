import Foundation
import IndsatsCore

/// A follow-up for the terminal and as JSON (docs/forslag.md, "Opfølgning").
public enum FollowUpOutput {
    /// The statuses of `effekt`, in their order, with their Danish column titles.
    public static let statuses = [
        ("job", "Job"), ("uddannelse", "Uddannelse"), ("samme_ydelse", "Samme ydelse"),
        ("anden_ydelse", "Anden ydelse"), ("oevrig", "Øvrig"),
    ]

    public static func table(_ f: FollowUp) -> String {
        var out = "\(f.proposal.number): \(f.proposal.title)\n"
        out +=
            "Indsatser: \(f.initiatives.isEmpty ? "ingen" : f.initiatives.joined(separator: ", ")). Målt til \(f.asOf.danish); status \(f.monthsAfter) måneder efter endt aktivitet.\n"
        if let target = f.proposal.target {
            out += "Lovet: \(FollowUp.number(target.persons)) \(target.outcome.label)\(target.perYear ? " pr. år" : "").\n"
        }
        out += "\n"
        if !f.years.isEmpty {
            let rows = f.years.map { y in
                [String(y.year) + (y.complete ? "" : "*"), DanishFormat.integer(y.started)]
                    + statuses.map { DanishFormat.integer(y.outcomes[$0.0] ?? 0) }
                    + [
                        y.reached.map(DanishFormat.integer) ?? "–", y.promised.map(FollowUp.number) ?? "–",
                        y.promisedSaving.map { DanishFormat.number($0, decimals: 0) } ?? "–",
                    ]
            }
            out += TextTable.render(
                ["År", "Startet"] + statuses.map(\.1) + ["Nået", "Lovet", "Lovet besparelse (kr.)"], rows,
                rightAligned: Set(1..<(statuses.count + 5)))
            out += "* året er ikke målt færdigt.\n\n"
        }
        for finding in f.findings() { out += (finding.isShortfall ? "MANGEL: " : "") + finding.text + "\n" }
        return out
    }

    public static func json(_ f: FollowUp) -> Data {
        struct Year: Encodable {
            var aar: Int, startet: Int, afsluttet: Int, status: [String: Int], naaet: Int?
            var lovet: Double?, lovet_besparelse: Double?, helt_aar: Bool
            enum CodingKeys: CodingKey { case aar, startet, afsluttet, status, naaet, lovet, lovet_besparelse, helt_aar }
            // Absent promises are written as null, so every key is always there.
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(aar, forKey: .aar); try c.encode(startet, forKey: .startet); try c.encode(afsluttet, forKey: .afsluttet)
                try c.encode(status, forKey: .status); try c.encode(naaet, forKey: .naaet); try c.encode(lovet, forKey: .lovet)
                try c.encode(lovet_besparelse, forKey: .lovet_besparelse); try c.encode(helt_aar, forKey: .helt_aar)
            }
        }
        struct Finding: Encodable { var tekst: String; var mangel: Bool }
        struct Document: Encodable {
            var nr: String, overskrift: String, indsatser: [String], maalt_til: String, maaneder: Int
            var deltagere: Int, fulgt_to_aar: Int, fuldtidspersoner_foer: Double, fuldtidspersoner_efter: Double
            var lovet_faerre_fuldtidspersoner: Double?
            var aar: [Year], fund: [Finding]
            enum CodingKeys: CodingKey {
                case nr, overskrift, indsatser, maalt_til, maaneder, deltagere, fulgt_to_aar, fuldtidspersoner_foer, fuldtidspersoner_efter
                case lovet_faerre_fuldtidspersoner, aar, fund
            }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(nr, forKey: .nr); try c.encode(overskrift, forKey: .overskrift); try c.encode(indsatser, forKey: .indsatser)
                try c.encode(maalt_til, forKey: .maalt_til); try c.encode(maaneder, forKey: .maaneder);
                try c.encode(deltagere, forKey: .deltagere)
                try c.encode(fulgt_to_aar, forKey: .fulgt_to_aar); try c.encode(fuldtidspersoner_foer, forKey: .fuldtidspersoner_foer)
                try c.encode(fuldtidspersoner_efter, forKey: .fuldtidspersoner_efter)
                try c.encode(lovet_faerre_fuldtidspersoner, forKey: .lovet_faerre_fuldtidspersoner)
                try c.encode(aar, forKey: .aar); try c.encode(fund, forKey: .fund)
            }
        }
        let p = f.participants
        let document = Document(
            nr: f.proposal.number, overskrift: f.proposal.title, indsatser: f.initiatives, maalt_til: f.asOf.iso, maaneder: f.monthsAfter,
            deltagere: p.participants, fulgt_to_aar: p.measured, fuldtidspersoner_foer: p.fullTimeBefore,
            fuldtidspersoner_efter: p.fullTimeAfter,
            lovet_faerre_fuldtidspersoner: f.promisedFewer,
            aar: f.years.map {
                Year(
                    aar: $0.year, startet: $0.started, afsluttet: $0.ended, status: $0.outcomes, naaet: $0.reached,
                    lovet: $0.promised, lovet_besparelse: $0.promisedSaving, helt_aar: $0.complete)
            },
            fund: f.findings().map { Finding(tekst: $0.text, mangel: $0.isShortfall) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(document)) ?? Data()
    }
}
