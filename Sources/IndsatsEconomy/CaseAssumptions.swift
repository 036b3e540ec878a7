import IndsatsAnalytics
import IndsatsCore

/// Fills a business case's assumptions from the register and the dated prices:
/// the baseline (full-time persons on each effect's benefit the year before the
/// start), and where the case leaves them out, the gross rate (the monthly rate in
/// force on 1 January of the start year × 12) and the municipality's share (the
/// refusion rule's shares weighted by how the baseline's full-time persons spread
/// over the four steps, measure `refusionstrin`).
///
/// ```swift
/// let (filled, notes) = try CaseAssumptions.fill(businessCase, register: register, prices: .defaults)
/// try filled.check()
/// ```
public enum CaseAssumptions {
    public static func fill(_ c: BusinessCase, register: Register, prices: BenefitPrices) throws(EconomyError) -> (
        BusinessCase, notes: [String]
    ) {
        guard let dataDate = register.dataDate else { throw EconomyError("registret er tomt; importér data først") }
        // The last whole calendar year before the start that the register covers.
        let year = min(c.startYear - 1, dataDate == Day(year: dataDate.year, month: 12, day: 31)! ? dataDate.year : dataDate.year - 1)
        let window = DayRange(Day(year: year, month: 1, day: 1)!, Day(year: year, month: 12, day: 31)!)
        let engine = KPIEngine(register, prices: prices)
        var filled = c
        var notes: [String] = []
        for benefit in Set(c.effects.map(\.benefit)).sorted() {
            guard register.reference.code(.ydelse, benefit) != nil else {
                guard c.rates[benefit] != nil, c.municipalShare[benefit] != nil else {
                    throw EconomyError("effekter: '\(benefit)' er ikke en ydelse i registret; angiv satser og kommunal_andel for den")
                }
                continue
            }
            let steps = engine.evaluate(
                KPIQuery(
                    measure: .refusionstrin, window: window, periodKind: .hele, splitBy: [.trin],
                    filters: [.ydelse: [benefit]])
            ).rows
            let byStep = steps.reduce(into: [Int: Double]()) { $0[Int($1.dimensions[0])!, default: 0] += $1.value ?? 0 }
            let persons = byStep.values.reduce(0, +)
            filled.baseline[benefit] = persons
            let name = register.reference.name(.ydelse, benefit)
            notes.append("Basislinje: \(DanishFormat.number(persons)) fuldtidspersoner på \(name) i \(year).")
            if c.rates[benefit] == nil {
                let start = Day(year: c.startYear, month: 1, day: 1)!
                guard let rate = prices.rate(benefit, on: start) else {
                    throw EconomyError(
                        "satser.\(benefit): ingen sats den \(start.danish); angiv den i casen eller med indsats satser importer")
                }
                filled.rates[benefit] = rate.monthly * 12
                notes.append(
                    "Sats for \(name): \(DanishFormat.number(rate.monthly, decimals: 2)) kr. om måneden × 12 = "
                        + "\(DanishFormat.number(rate.monthly * 12, decimals: 0)) kr. (gældende fra \(rate.from.danish); \(rate.source)).")
            }
            if c.municipalShare[benefit] == nil {
                guard persons > 0, let rule = prices.rule(on: window.end) else {
                    throw EconomyError(
                        "kommunal_andel.\(benefit): ingen på \(name) i \(year) at vægte refusionstrinnene med; angiv den i casen")
                }
                let share = byStep.reduce(0) { $0 + $1.value * rule.municipalShares[$1.key - 1] } / persons
                filled.municipalShare[benefit] = share
                notes.append(
                    "Kommunal andel for \(name): \(DanishFormat.number(share * 100)) %, trin 1-4 vægtet med fuldtidspersonerne i \(year) ("
                        + (1...4).map { DanishFormat.number(byStep[$0] ?? 0) }.joined(separator: " / ") + ").")
            }
        }
        return (filled, notes)
    }
}
