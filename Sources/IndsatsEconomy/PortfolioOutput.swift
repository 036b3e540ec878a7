import IndsatsCore

/// Portfolio choices side by side, for the terminal.
public enum PortfolioOutput {
    /// One column per scenario ("med" or "–" for each proposal), the totals, then each scenario's reasons.
    public static func table(_ catalogue: ProposalCatalogue, _ choices: [PortfolioChoice]) -> String {
        let headers = ["Nr.", "Overskrift"] + choices.map(\.scenario.name)
        var rows = catalogue.proposals.enumerated().map { i, p in
            [p.number, String(p.title.prefix(50))] + choices.map { $0.decisions[i].chosen ? "med" : "–" }
        }
        rows.append(["", "Nutidsværdi (kr.)"] + choices.map { DanishFormat.number($0.presentValue, decimals: 0) })
        rows.append(["", "Lovede personer"] + choices.map { DanishFormat.number($0.persons) })
        let years = Set(choices.flatMap { $0.costByYear.keys }).sorted()
        for year in years {
            rows.append(["", "Udgift \(year) (kr.)"] + choices.map { DanishFormat.number($0.costByYear[year] ?? 0, decimals: 0) })
        }
        var out = TextTable.render(headers, rows, rightAligned: Set(2..<headers.count))
        for choice in choices {
            out += "\n\(choice.scenario.name) (maksimerer \(choice.scenario.objective.label)):\n"
            for d in choice.decisions { out += "  \(d.number): \(d.reason)\n" }
        }
        return out
    }
}
