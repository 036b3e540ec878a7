import Foundation
import IndsatsAnalytics
import IndsatsCore

/// Aalborg's five sharp figures (seed 001), followed week by week: closures to job
/// and education, conversations, the share with a CV, job orders and placements.
public struct WeeklyFigure: Sendable, Equatable {
    /// The title inside a sentence: "andel med CV", the abbreviation kept.
    public var titleInText: String { title.prefix(1).lowercased() + title.dropFirst() }

    /// The key targets are stored under.
    public var key: String
    public var title: String
    public var measure: Measure
    public var filters: [IndsatsAnalytics.Dimension: Set<String>]

    public static let all: [WeeklyFigure] = [
        WeeklyFigure(
            key: "afslutninger", title: "Afsluttet til job og uddannelse", measure: .afgang, filters: [.afgang: ["job", "uddannelse"]]),
        WeeklyFigure(key: "samtaler", title: "Samtaler", measure: .samtaler, filters: [:]),
        WeeklyFigure(key: "andel_med_cv", title: "Andel med CV", measure: .andel_med_cv, filters: [:]),
        WeeklyFigure(key: "jobordrer", title: "Jobordrer", measure: .jobordrer, filters: [:]),
        WeeklyFigure(key: "formidlinger", title: "Formidlinger", measure: .formidlinger, filters: [:]),
    ]

    /// The five figures as `register` can give them: "formidlinger" counts the citizens placed
    /// in job orders (`placeringer`, by the placement day) when the register has placements,
    /// else the filled positions of job orders closed in the week (`formidlinger`).
    public static func all(for register: Register) -> [WeeklyFigure] {
        guard register.placementCount > 0 else { return all }
        return all.map { $0.key == "formidlinger" ? WeeklyFigure(key: $0.key, title: $0.title, measure: .placeringer, filters: [:]) : $0 }
    }

    /// The figure for each week of `weeks` (ISO weeks, Monday to Sunday), split by `split`.
    public func query(_ weeks: DayRange, split: [IndsatsAnalytics.Dimension] = []) -> KPIQuery {
        KPIQuery(measure: measure, window: weeks, periodKind: .uge, splitBy: split, filters: filters)
    }
}

/// Weekly targets for the five figures: one set for the municipality and, where
/// given, one per unit. A share is a fraction (0,9 is 90 %); more is better for all five.
///
/// ```json
/// {"kommune": {"afslutninger": 40, "samtaler": 900, "andel_med_cv": 0.9, "jobordrer": 30, "formidlinger": 25},
///  "enheder": {"Jobservice": {"samtaler": 300}}}
/// ```
public struct WeeklyTargets: Codable, Sendable, Equatable {
    public var municipality: [String: Double]
    public var units: [String: [String: Double]]

    public init(municipality: [String: Double] = [:], units: [String: [String: Double]] = [:]) {
        self.municipality = municipality
        self.units = units
    }

    enum CodingKeys: String, CodingKey { case municipality = "kommune", units = "enheder" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        municipality = try c.decodeIfPresent([String: Double].self, forKey: .municipality) ?? [:]
        units = try c.decodeIfPresent([String: [String: Double]].self, forKey: .units) ?? [:]
    }

    public static func read(_ data: Data) throws(EconomyError) -> WeeklyTargets {
        let targets = try EconomyJSON.decode(WeeklyTargets.self, from: data)
        let keys = Set(WeeklyFigure.all.map(\.key))
        for (scope, values) in [("kommune", targets.municipality)]
            + targets.units.sorted(by: { $0.key < $1.key }).map({ ("enheder.\($0.key)", $0.value) })
        {
            for (key, value) in values {
                guard keys.contains(key) else {
                    throw EconomyError("\(scope).\(key): ukendt nøgletal; kendte: \(WeeklyFigure.all.map(\.key).joined(separator: ", "))")
                }
                guard value >= 0, key != "andel_med_cv" || value <= 1 else {
                    throw EconomyError(
                        "\(scope).\(key): \(value) er ikke et gyldigt mål\(key == "andel_med_cv" ? " (en andel skrives 0.9)" : "")")
                }
            }
        }
        return targets
    }

    /// The form field for `figure`'s target in `unit` (`nil`: the municipality's).
    public static func field(_ figure: WeeklyFigure, unit: String?) -> String {
        unit.map { "enhed:\($0):\(figure.key)" } ?? "kommune:\(figure.key)"
    }

    /// `current` changed by a form's fields (``field(_:unit:)``), for the municipality and
    /// `units`: counts as numbers with a decimal comma or point, the CV share in percent; an
    /// empty field removes the target, and a field the form does not send keeps it, so a
    /// form that says nothing changes nothing. An error names the unit and figure in Danish.
    public static func read(form: [String: String], units: [String], current: WeeklyTargets) throws(EconomyError) -> WeeklyTargets {
        var targets = current
        for unit in [nil] + units.map(Optional.some) {
            for figure in WeeklyFigure.all {
                guard let sent = form[field(figure, unit: unit)] else { continue }
                let text = sent.trimmingCharacters(in: .whitespaces)
                var value: Double?
                if !text.isEmpty {
                    let share = figure.measure.isShare
                    guard let number = DanishFormat.parse(text), number >= 0, !share || number <= 100 else {
                        throw EconomyError(
                            "\(unit ?? "Kommunen"), \(figure.titleInText): '\(text)' er ikke et gyldigt mål"
                                + (share ? " (en procent fra 0 til 100)" : " (et tal, 0 eller mere)"))
                    }
                    value = share ? number / 100 : number
                }
                if let unit {
                    targets.units[unit, default: [:]][figure.key] = value
                    if targets.units[unit]?.isEmpty == true { targets.units[unit] = nil }
                } else {
                    targets.municipality[figure.key] = value
                }
            }
        }
        return targets
    }

    public var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Targets a municipality could start from: each figure's weekly average over the
    /// 52 whole weeks before `week`, 5 % higher for counts and 2 points higher for the
    /// CV share, rounded. The demo uses them; a municipality sets its own.
    public static func suggested(_ register: Register, before week: ISOWeek) -> WeeklyTargets {
        let end = week.monday.advanced(by: -1)
        let window = DayRange(end.advanced(by: -52 * 7 + 1), end)
        let engine = KPIEngine(register)
        var targets = WeeklyTargets()
        for figure in WeeklyFigure.all(for: register) {
            let values = engine.evaluate(figure.query(window)).rows.compactMap(\.value)
            guard !values.isEmpty else { continue }
            let mean = values.reduce(0, +) / Double(values.count)
            targets.municipality[figure.key] =
                figure.measure.isShare ? min(1, ((mean + 0.02) * 100).rounded() / 100) : (mean * 1.05).rounded(.up)
        }
        return targets
    }
}
