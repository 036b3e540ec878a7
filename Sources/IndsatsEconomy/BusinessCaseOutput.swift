import IndsatsCore

/// A business case's result as a Danish table or as JSON.
public enum BusinessCaseOutput {
    /// Amounts in whole kroner, Danish number format; the caveat last.
    public static func table(_ c: BusinessCase, _ r: BusinessCaseResult) -> String {
        let headers = [
            "År", "Fuldtidspersoner færre", "Udgift", "Sparet forsørgelse (brutto)", "Heraf staten", "Heraf kommunen", "Netto kommunen",
            "Akkumuleret",
        ]
        let rows = r.years.map { y in
            [
                String(y.year), DanishFormat.number(y.fullTimePersons), kr(y.cost), kr(y.grossSaving), kr(y.stateShare),
                kr(y.municipalSaving),
                kr(y.municipalNet), kr(y.cumulativeNet),
            ]
        }
        var out = "\(c.name)\(c.participants.map { ", \($0) deltagere" } ?? "")\n\n"
        out += TextTable.render(headers, rows, rightAligned: Set(1..<headers.count)) + "\n"
        for (benefit, persons) in c.baseline.sorted(by: { $0.key < $1.key }) {
            let fewer = c.effects.filter { $0.benefit == benefit }.reduce(0) { $0 + $1.fullTimePersons }
            out +=
                "Basislinje \(benefit): \(DanishFormat.number(persons)) fuldtidspersoner året før start"
                + (persons > 0 ? "; effekten er \(DanishFormat.number(fewer / persons * 100)) % af dem" : "") + ".\n"
        }
        for pv in r.presentValues {
            out += "Nutidsværdi ved \(DanishFormat.number(pv.rate * 100)) %: \(kr(pv.value)) kr\n"
        }
        out += "Tilbagebetalt: \(r.paybackYear.map(String.init) ?? "ikke inden for horisonten")\n\n"
        out += "Følsomhed (nutidsværdi ved \(DanishFormat.number((c.discountRates.first ?? 0) * 100)) %):\n"
        for s in r.sensitivity { out += "  \(s.label): \(kr(s.presentValue)) kr\n" }
        return out + "\n" + BusinessCaseResult.caveat + "\n"
    }

    /// `{"navn", "basislinje": {...}, "aar": [...], "nutidsvaerdier": [...], "tilbagebetalingsaar", "foelsomhed": [...], "forbehold"}`, amounts in kr.
    public static func json(_ c: BusinessCase, _ r: BusinessCaseResult) -> String {
        func number(_ x: Double) -> String { x.isFinite ? String((x * 100).rounded() / 100) : "null" }
        let years = r.years.map { y in
            "{\"aar\":\(y.year),\"fuldtidspersoner\":\(number(y.fullTimePersons)),\"udgift\":\(number(y.cost)),\"brutto_besparelse\":\(number(y.grossSaving)),"
                + "\"statens_andel\":\(number(y.stateShare)),\"kommunens_besparelse\":\(number(y.municipalSaving)),"
                + "\"netto_kommune\":\(number(y.municipalNet)),\"akkumuleret\":\(number(y.cumulativeNet))}"
        }
        let values = r.presentValues.map { "{\"rente\":\(String($0.rate)),\"nutidsvaerdi\":\(number($0.value))}" }
        let sensitivity = r.sensitivity.map { "{\"antagelse\":\(JSONText.string($0.label)),\"nutidsvaerdi\":\(number($0.presentValue))}" }
        let baseline = c.baseline.sorted { $0.key < $1.key }.map { "\(JSONText.string($0.key)):\(number($0.value))" }
        return "{\"navn\":\(JSONText.string(c.name)),\"basislinje\":{\(baseline.joined(separator: ","))},"
            + "\"aar\":[\(years.joined(separator: ","))],\"nutidsvaerdier\":[\(values.joined(separator: ","))],"
            + "\"tilbagebetalingsaar\":\(r.paybackYear.map(String.init) ?? "null"),\"foelsomhed\":[\(sensitivity.joined(separator: ","))],"
            + "\"forbehold\":\(JSONText.string(BusinessCaseResult.caveat))}\n"
    }

    private static func kr(_ x: Double) -> String { DanishFormat.number(x, decimals: 0) }
}
