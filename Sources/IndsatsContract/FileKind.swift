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
}

/// What a file's name says about the register file it holds, so a folder import can
/// name every file it leaves out and suggest the name a misspelled one should have.
///
/// ```swift
/// FileName.recognise("Ydelsesforløb_2026-10.CSV")  // .kind(.ydelsesforloeb)
/// FileName.recognise("ydelsesforlob.csv")          // .closeTo(.ydelsesforloeb)
/// FileName.recognise("noter.txt")                  // .other
/// ```
public enum FileName: Equatable, Sendable {
    /// A register file of this kind.
    case kind(FileKind)
    /// A register file's extension and a name a letter or two from this kind's: a misspelling.
    case closeTo(FileKind)
    /// Not a register file.
    case other

    /// The extensions a register file may have (lower-cased).
    public static let extensions = [".csv", ".xlsx"]

    /// How far a name may be from a kind's (letters added, removed or changed) and still be
    /// taken for a misspelling of it: two letters in a long name, one in a short (`noter` is no `koder`).
    static func misspellings(_ kind: FileKind) -> Int { kind.rawValue.count >= 8 ? 2 : 1 }

    /// Whether the name ends in a register file's extension (any case).
    public static func hasRegisterExtension(_ fileName: String) -> Bool {
        extensions.contains { fileName.lowercased().hasSuffix($0) }
    }

    /// Recognises `personer.csv`, `Personer.CSV`, `ydelsesforløb.csv`, `personer.xlsx` and a date
    /// after the name (`ydelsesforloeb_2026-10.csv`, `personer 20261031.csv`).
    public static func recognise(_ fileName: String) -> FileName {
        let name = Substring(fileName.split(separator: "/").last ?? "")
        guard let ext = extensions.first(where: { name.lowercased().hasSuffix($0) }) else { return .other }
        let base = withoutDate(ColumnName.normalise(name.dropLast(ext.count)))
        if let kind = FileKind(rawValue: base) { return .kind(kind) }
        let nearest = FileKind.allCases.map { ($0, distance(base, $0.rawValue)) }.min { $0.1 < $1.1 }
        if let (kind, d) = nearest, d <= misspellings(kind) { return .closeTo(kind) }
        return .other
    }

    /// The name without a date at its end: the digits and the `_`, `-` or `.` between them,
    /// when they hold at least a year's four digits.
    static func withoutDate(_ base: String) -> String {
        let tail = base.reversed().prefix { $0.isASCII && ($0.isNumber || $0 == "_" || $0 == "-" || $0 == ".") }
        guard tail.filter(\.isNumber).count >= 4, tail.count < base.count else { return base }
        return String(base.dropLast(tail.count))
    }

    /// Letters added, removed or changed to turn `a` into `b` (Levenshtein).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
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
