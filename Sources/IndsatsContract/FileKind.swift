import IndsatsCore

/// The kinds of file the data contract defines (§1), plus `koder` for the
/// user's own codes. A folder import picks each file by its name.
public enum FileKind: String, CaseIterable, Sendable, Comparable {
    // Declared in import order: a kind comes after the kinds it refers to.
    case koder, personer, virksomheder, indsatser, medarbejdere
    case ydelsesforloeb, aktiviteter, samtaler, virksomhedskontakter, jobordrer

    public static func < (a: FileKind, b: FileKind) -> Bool {
        a.ordinal < b.ordinal
    }

    /// The kind's place in ``allCases``, for tables indexed by kind.
    public var ordinal: Int {
        switch self {
        case .koder: 0
        case .personer: 1
        case .virksomheder: 2
        case .indsatser: 3
        case .medarbejdere: 4
        case .ydelsesforloeb: 5
        case .aktiviteter: 6
        case .samtaler: 7
        case .virksomhedskontakter: 8
        case .jobordrer: 9
        }
    }

    /// `personer.csv` and so on.
    public var fileName: String { rawValue + ".csv" }

    /// The columns, required ones marked, in the contract's order.
    public var columns: [(name: String, required: Bool)] {
        func cols(_ required: [String], _ optional: [String]) -> [(String, Bool)] {
            required.map { ($0, true) } + optional.map { ($0, false) }
        }
        switch self {
        case .personer: return cols(["person_id"], ["cpr", "foedselsdato", "koen", "kommune", "cv_dato"])
        case .ydelsesforloeb: return cols(["person_id", "ydelse", "start"], ["slut", "afgang", "kommune"])
        case .aktiviteter:
            return cols(
                ["aktivitet_id", "person_id", "type", "start"],
                ["slut", "timer_pr_uge", "indsats_id", "cvr", "pnr", "enhed"])
        case .samtaler: return cols(["person_id", "dato", "type"], ["medarbejder", "enhed", "afholdt_af", "kanal"])
        case .virksomheder: return cols(["cvr"], ["navn", "ansatte", "branche", "kommune"])
        case .virksomhedskontakter:
            return cols(["cvr", "dato"], ["enhed", "medarbejder", "kanal", "formaal", "resultat"])
        case .jobordrer: return cols(["jobordre_id", "cvr", "oprettet"], ["stillinger", "besat", "lukket", "enhed"])
        case .indsatser: return cols(["indsats_id", "navn"], ["enhed", "pladser", "start", "slut", "forslag"])
        case .medarbejdere: return cols(["medarbejder"], ["navn", "enhed", "team"])
        case .koder: return cols(["kodeliste", "kode", "navn"], ["gyldig_fra", "gyldig_til", "virksomhedsrettet"])
        }
    }

    /// The date columns whose latest value is the register's data date (the last day
    /// the data speaks of); birth and CV dates and initiatives' plans are not among them.
    public var dataDayColumns: [String] {
        switch self {
        case .ydelsesforloeb, .aktiviteter: return ["start", "slut"]
        case .samtaler, .virksomhedskontakter: return ["dato"]
        case .jobordrer: return ["oprettet", "lukket"]
        case .koder, .personer, .virksomheder, .indsatser, .medarbejdere: return []
        }
    }

    /// The kind a file's name says, or `nil`: `personer.csv`, `Personer.CSV`, `ydelsesforløb.csv`.
    public static func detect(fileName: String) -> FileKind? {
        var base = Substring(fileName.split(separator: "/").last ?? "")
        if base.lowercased().hasSuffix(".csv") { base = base.dropLast(4) }
        return FileKind(rawValue: ColumnName.normalise(base))
    }
}

/// Column names are ASCII in the contract; users may write the Danish spelling.
public enum ColumnName {
    /// Lower-cased and trimmed, with `å`→`aa`, `ø`→`oe`, `æ`→`ae` and spaces as `_`.
    public static func normalise(_ name: some StringProtocol) -> String {
        var out = ""
        for ch in name.lowercased().trimmingSpaces {
            switch ch {
            case "å": out += "aa"
            case "ø": out += "oe"
            case "æ": out += "ae"
            case " ", "-": out += "_"
            default: out.append(ch)
            }
        }
        return out
    }
}

extension FileKind {
    /// The columns whose values together identify a row (docs/dataformat.md).
    public var naturalKeyColumns: [String] {
        switch self {
        case .koder: return ["kodeliste", "kode"]
        case .personer: return ["person_id"]
        case .ydelsesforloeb: return ["person_id", "ydelse", "start"]
        case .aktiviteter: return ["aktivitet_id"]
        case .samtaler: return ["person_id", "dato", "type", "medarbejder"]
        case .virksomheder: return ["cvr"]
        case .virksomhedskontakter: return ["cvr", "dato", "enhed", "medarbejder"]
        case .jobordrer: return ["jobordre_id"]
        case .indsatser: return ["indsats_id"]
        case .medarbejdere: return ["medarbejder"]
        }
    }
}
