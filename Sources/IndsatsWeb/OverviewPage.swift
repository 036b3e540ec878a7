import IndsatsAnalytics
import IndsatsCore
import IndsatsExchange

/// The first page: full-time persons per benefit group per month, as a chart
/// and a table, with the data date beside them.
struct OverviewPage {
    /// The figures as the user may see them (small numbers suppressed for some roles).
    var result: KPIResult
    /// Each period's total over all benefits, from the unsuppressed figures: a total
    /// rests on many persons, and secondary suppression keeps it from revealing a hidden cell.
    var totals: [Double]
    var reference: ReferenceData

    /// The page's main content; the shared frame with the user's name is added around it.
    func body() -> String {
        let q = result.query
        let periods = result.periods
        var byBenefit: [(code: String, values: [Double], hidden: [Bool])] = []
        for row in result.rows {
            let code = row.dimensions.first ?? ""
            if byBenefit.last?.code != code { byBenefit.append((code, [], [])) }
            byBenefit[byBenefit.count - 1].values.append(row.value ?? 0)
            byBenefit[byBenefit.count - 1].hidden.append(row.suppressed)
        }
        byBenefit.sort { $0.values.reduce(0, +) > $1.values.reduce(0, +) }
        let anyHidden = result.rows.contains { $0.suppressed }
        // A period after the data date, or one the data date cuts, is not complete yet.
        let incomplete = periods.map { period in result.dataDate.map { period.days.end > $0 } ?? false }
        let labels = periods.map { monthName($0.label) }

        let chart = LineChart(
            title: "Fuldtidspersoner pr. ydelse pr. måned",
            description: "Linjediagram over fuldtidspersoner pr. måned fra \(q.window.start.danish) til \(q.window.end.danish) for \(byBenefit.count) ydelser. Tallene står i tabellen under diagrammet.",
            labels: periods.map { monthName($0.label, short: true) },
            series: byBenefit.map { .init(name: reference.name(.ydelse, $0.code), values: $0.values) })

        var table = "<div class=\"table-wrap\"><table><caption>Fuldtidspersoner pr. ydelse pr. måned</caption><thead><tr><th scope=\"col\">Måned</th>"
        for b in byBenefit { table += "<th scope=\"col\">\(HTML.escape(reference.name(.ydelse, b.code)))</th>" }
        table += "<th scope=\"col\">I alt</th></tr></thead><tbody>"
        for (p, label) in labels.enumerated() {
            let mark = incomplete[p] ? " <span class=\"foreloebig\">(foreløbig)</span>" : ""
            table += "<tr><th scope=\"row\">\(HTML.escape(label))\(mark)</th>"
            for b in byBenefit { table += "<td class=\"n\">\(b.hidden[p] ? KPIOutput.suppressedMark : DanishFormat.number(b.values[p]))</td>" }
            table += "<td class=\"n\"><strong>\(DanishFormat.number(totals[p]))</strong></td></tr>"
        }
        table += "</tbody></table></div>"

        let dataDate = result.dataDate.map { "Datadato: <strong>\($0.danish)</strong>" } ?? "Ingen data indlæst endnu"
        let apiLink = "/api/v1/kpi/fuldtidspersoner?fra=\(q.window.start.iso)&amp;til=\(q.window.end.iso)&amp;periode=maaned&amp;opdel=ydelse"
        let body = """
        <h1>Fuldtidspersoner pr. ydelse</h1>
        <p class="meta">\(dataDate) · Periode \(q.window.start.danish) til \(q.window.end.danish) · Kilderækker: \(DanishFormat.integer(result.sourceRowCount))</p>
        <figure>\(chart.svg())</figure>
        \(table)
        \(anyHidden ? "<p>Tal, der bygger på under \(SmallNumbers.defaultThreshold) personer, er skjult (..), og så mange andre, at de ikke kan regnes ud af totalerne; i diagrammet tæller de som 0.</p>" : "")
        <h2>Definition</h2>
        <p>\(HTML.escape(Measure.fuldtidspersoner.definition))</p>
        <p>Hent tallene som <a href="\(apiLink)">JSON</a> eller <a href="\(apiLink)&amp;format=csv">CSV til Excel</a>.</p>
        """
        return body
    }

    /// `2024-03` → `marts 2024`, or `mar. 2024` when short.
    func monthName(_ label: String, short: Bool = false) -> String {
        let names = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"]
        let parts = label.split(separator: "-")
        guard parts.count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return label }
        let name = names[m - 1]
        return short && name.count > 4 ? "\(name.prefix(3)). \(parts[0])" : "\(name) \(parts[0])"
    }
}
