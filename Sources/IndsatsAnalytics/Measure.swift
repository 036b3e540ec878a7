import IndsatsCore

/// A dimension a measure can be split (`--opdel`) or filtered (`--filter`) by.
public enum Dimension: String, CaseIterable, Sendable {
    case ydelse, kommune, koen, aldersgruppe, type, indsats, enhed, maalgruppe
}

/// The measures of KPI-DEFINITIONS.md that Indsats computes.
public enum Measure: String, CaseIterable, Sendable {
    case fuldtidspersoner, fuldtidsaktiverede, personer

    /// The dimensions the measure can be split and filtered by.
    public var dimensions: [Dimension] {
        switch self {
        case .fuldtidspersoner, .personer: return [.ydelse, .kommune, .koen, .aldersgruppe]
        case .fuldtidsaktiverede: return [.type, .indsats, .enhed, .maalgruppe]
        }
    }

    /// The Danish title shown beside a figure.
    public var title: String {
        switch self {
        case .fuldtidspersoner: return "Fuldtidspersoner"
        case .fuldtidsaktiverede: return "Fuldtidsaktiverede"
        case .personer: return "Personer"
        }
    }

    /// The definition in Danish, as published to users.
    public var definition: String {
        switch self {
        case .fuldtidspersoner:
            return "Summen over personer af (dage på ydelsen i perioden) / (dage i perioden). En persons overlappende eller gentagne forløb på samme ydelse tæller hver dag én gang; en person på to ydelser tæller på begge."
        case .fuldtidsaktiverede:
            return "Det samme som fuldtidspersoner, men over aktivitetsperioder, opgjort pr. person og aktivitetstype. Målgruppen er ydelsen på aktivitetens første dag (det senest startede forløb), ellers ingen_ydelse."
        case .personer:
            return "Antal forskellige personer med mindst én dag på ydelsen i perioden."
        }
    }
}

/// Age groups of KPI-DEFINITIONS.md, by age on the first day of the reporting period.
enum AgeGroup {
    static let unknown = "ukendt"
    static let labels = ["under_16", "16-24", "25-29", "30-39", "40-49", "50-59", "60+", unknown]

    static func label(birth: Int32, on day: Day) -> String {
        guard birth != Register.unknownDay else { return unknown }
        let b = Day(ordinal: birth).components, d = day.components
        var age = d.year - b.year
        if (d.month, d.day) < (b.month, b.day) { age -= 1 }
        switch age {
        case ..<16: return "under_16"
        case 16...24: return "16-24"
        case 25...29: return "25-29"
        case 30...39: return "30-39"
        case 40...49: return "40-49"
        case 50...59: return "50-59"
        default: return "60+"
        }
    }
}
