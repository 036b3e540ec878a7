import IndsatsCore

/// The kinds of file the data contract defines (docs/dataformat.md), plus `koder`
/// for the user's own codes. A folder import picks each file by its name.
///
/// Each kind is declared once, beside its row type in `Files/`: its columns with
/// type, required or not, key, references and data date (``FileDeclaration``).
public enum FileKind: String, CaseIterable, Sendable, Comparable {
    // Declared in import order: a kind comes after the kinds it refers to.
    case koder, personer, virksomheder, indsatser, medarbejdere
    case ydelsesforloeb, aktiviteter, samtaler, virksomhedskontakter, jobordrer
    case tildelinger, kontaktregler, screeninger, formidlinger, alliancer, alliancemedlemmer, cv_opdateringer
    case puljer, puljedeltagere, puljerater, budget, landstal

    /// Everything the contract says about the kind.
    public var declaration: FileDeclaration {
        switch self {
        case .koder: Code.declaration
        case .personer: Person.declaration
        case .virksomheder: Company.declaration
        case .indsatser: Initiative.declaration
        case .medarbejdere: StaffMember.declaration
        case .ydelsesforloeb: BenefitPeriod.declaration
        case .aktiviteter: Activity.declaration
        case .samtaler: Conversation.declaration
        case .virksomhedskontakter: CompanyContact.declaration
        case .jobordrer: JobOrder.declaration
        case .tildelinger: Assignment.declaration
        case .kontaktregler: ContactRule.declaration
        case .screeninger: Screening.declaration
        case .formidlinger: Placement.declaration
        case .alliancer: Alliance.declaration
        case .alliancemedlemmer: AllianceMembership.declaration
        case .cv_opdateringer: CVUpdate.declaration
        case .puljer: GrantPool.declaration
        case .puljedeltagere: PoolParticipant.declaration
        case .puljerater: PoolInstalment.declaration
        case .budget: BenefitBudget.declaration
        case .landstal: NationalFigure.declaration
        }
    }

    public static func < (a: FileKind, b: FileKind) -> Bool {
        a.ordinal < b.ordinal
    }

    /// The kind's place in ``allCases``, for tables indexed by kind.
    public var ordinal: Int { Self.allCases.firstIndex(of: self)! }

    /// `personer.csv` and so on.
    public var fileName: String { rawValue + ".csv" }

    /// The columns, required ones marked, in the contract's order.
    public var columns: [(name: String, required: Bool)] {
        declaration.columns.map { ($0.name, $0.required) }
    }

    /// The date columns whose latest value is the register's data date (the last day
    /// the data speaks of); birth and CV dates and initiatives' plans are not among them.
    public var dataDayColumns: [String] {
        declaration.columns.filter(\.datesTheData).map(\.name)
    }

    /// The columns whose values together identify a row; for a kind keyed by a
    /// column or else the whole row, that column.
    public var naturalKeyColumns: [String] {
        switch declaration.key {
        case .columns: declaration.columns.filter(\.isKey).map(\.name)
        case .columnOrWholeRow(let column): [column]
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
