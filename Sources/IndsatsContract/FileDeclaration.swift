import IndsatsCore

/// What a column holds, and so how its text is read and checked on import and
/// how the store keeps it.
public enum ColumnType: Sendable, Equatable {
    /// Free text.
    case text
    /// A date: `ÅÅÅÅ-MM-DD`, `DD-MM-ÅÅÅÅ` or `DD.MM.ÅÅÅÅ`.
    case day
    /// A date that must not fall before the date in the named column.
    case endDay(after: String)
    /// A whole number, at least `minimum`.
    case integer(minimum: Int)
    /// A number ≥ 0 with `,` or `.` before the decimals.
    case decimal
    /// A CVR number (8 digits, modulus 11).
    case cvr
    /// A P-number (10 digits).
    case pNumber
    /// A CPR number; only its digits are kept.
    case cpr
    /// A 3-digit municipality code.
    case municipalityCode
    /// A code of a dated code list (``ReferenceData``).
    case code(CodeListName)
    /// One of a few fixed values.
    case oneOf([String])
    /// A ``Channel`` in any accepted spelling.
    case channel

    /// A whole number ≥ 0.
    public static let integer = ColumnType.integer(minimum: 0)

    /// How the value is handed on and stored.
    public var storage: ColumnStorage {
        switch self {
        case .day, .endDay: return .day
        case .integer: return .integer
        case .decimal: return .decimal
        case .text, .cvr, .pNumber, .cpr, .municipalityCode, .code, .oneOf, .channel: return .text
        }
    }
}

/// The four kinds of value a row holds, as ``ColumnVisitor`` receives them.
public enum ColumnStorage: Sendable, Equatable {
    case text, day, integer, decimal
}

/// One column of a file kind: its name in the contract, what it holds, and its part in the rules.
///
/// ```swift
/// Column.required("person_id", key: true, references: .personer)
/// Column.optional("slut", .endDay(after: "start"), datesTheData: true)
/// ```
public struct Column: Sendable {
    public let name: String
    public let type: ColumnType
    /// A row without a value here is rejected.
    public let required: Bool
    /// Part of the natural key (an absent value is kept as `""`).
    public let isKey: Bool
    /// The kind whose key this column names: the value must be stored or arrive in the same import.
    public let references: FileKind?
    /// The column's dates count towards the register's data date (the last day the data speaks of).
    public let datesTheData: Bool

    public static func required(
        _ name: String, _ type: ColumnType = .text, key: Bool = false, references: FileKind? = nil, datesTheData: Bool = false
    ) -> Column {
        Column(name: name, type: type, required: true, isKey: key, references: references, datesTheData: datesTheData)
    }

    public static func optional(
        _ name: String, _ type: ColumnType = .text, key: Bool = false, references: FileKind? = nil, datesTheData: Bool = false
    ) -> Column {
        Column(name: name, type: type, required: false, isKey: key, references: references, datesTheData: datesTheData)
    }
}

/// How a file kind's rows are identified, so a re-import updates instead of adding.
public enum KeyRule: Sendable, Equatable {
    /// The columns marked ``Column/isKey``.
    case columns
    /// The named column when a row has it, otherwise the whole row (its contract columns):
    /// two rows that differ anywhere are two rows.
    case columnOrWholeRow(String)
}

/// A file kind's rows as dated periods of which one group's must not overlap
/// (a person's benefit periods, a person's assignments, a benefit's contact rules).
public struct PeriodRule: Sendable {
    /// What one row is, for the error: "forløbet", "tildelingen".
    public let row: String
    /// What the rows of a group share, for the error: "samme person".
    public let group: String
    /// The column where a period starts, which an overlap error names.
    public let start: String

    public init(row: String, group: String, start: String) {
        self.row = row; self.group = group; self.start = start
    }
}

/// One row's period for a ``PeriodRule``.
public struct RowPeriod: Sendable {
    /// Rows of the same group must not overlap...
    public var group: String
    /// ...unless both have the same variant (one person's periods on the same benefit may).
    public var variant: String?
    /// The row as the error names it: the benefit, the caseworker.
    public var label: String
    public var days: DayRange

    public init(group: String, variant: String? = nil, label: String, days: DayRange) {
        self.group = group; self.variant = variant; self.label = label; self.days = days
    }
}

/// A type that is the rows of one file kind: its declaration, how a checked row
/// becomes a value, and how the value gives its columns back. Parsing, checking,
/// storing and writing every file kind follow from this (docs/dataformat.md).
public protocol ContractRow: Hashable, Sendable {
    static var declaration: FileDeclaration { get }
    /// The value of a row whose columns were read and checked one by one; `nil`
    /// (with a problem added) when a rule across columns fails or a required value is missing.
    init?(_ row: inout RowValues)
    /// Hands the columns of ``FileDeclaration/columns``, in order, to `visitor`.
    func visitColumns<V: ColumnVisitor>(_ visitor: inout V)
    /// Unknown columns kept aside from the source file.
    var extra: [String: String] { get }
    /// The row's period when the kind has a ``FileDeclaration/periods`` rule.
    var period: RowPeriod? { get }
    var record: RegisterRecord { get }
}

extension ContractRow {
    public var period: RowPeriod? { nil }
    public var extra: [String: String] { [:] }
}

/// Everything the data contract says about one file kind, in one place.
/// Each kind declares it beside its row type (`Sources/IndsatsContract/Files/`).
public struct FileDeclaration: Sendable {
    public let kind: FileKind
    public let columns: [Column]
    /// Whether unknown columns are kept beside the row (code lists keep none).
    public let keepsExtra: Bool
    public let key: KeyRule
    public let periods: PeriodRule?
    /// Whether each column is marked as part of the key.
    public let keyMask: [Bool]
    let make: @Sendable (inout RowValues) -> RegisterRecord?

    public init<Row: ContractRow>(
        _ kind: FileKind, of: Row.Type, columns: [Column], keepsExtra: Bool = true, key: KeyRule = .columns,
        periods: PeriodRule? = nil
    ) {
        self.kind = kind
        self.columns = columns
        self.keepsExtra = keepsExtra
        self.key = key
        self.periods = periods
        self.keyMask = columns.map(\.isKey)
        self.make = { Row(&$0)?.record }
    }

    /// The row a set of checked values makes, or `nil` with the problems in `values`.
    public func record(_ values: inout RowValues) -> RegisterRecord? {
        let record = make(&values)
        return values.problems.isEmpty ? record : nil
    }

    /// The index of the named column.
    public func index(of name: String) -> Int? { columns.firstIndex { $0.name == name } }
}

/// One value of a row, typed by its column's ``ColumnStorage``.
public enum FieldValue: Sendable, Hashable {
    case text(String)
    case day(Day)
    case integer(Int)
    case decimal(Double)
}

/// The checked values of one row in its declaration's column order, with the
/// problems found so far. A row type's ``ContractRow/init(_:)`` reads them by name.
public struct RowValues {
    public let declaration: FileDeclaration
    public var values: [FieldValue?]
    public var extra: [String: String]
    public private(set) var problems: [(column: String, reason: String)] = []

    public init(_ declaration: FileDeclaration, values: [FieldValue?], extra: [String: String] = [:]) {
        self.declaration = declaration
        self.values = values
        self.extra = extra
    }

    public mutating func problem(_ column: String, _ reason: String) { problems.append((column, reason)) }

    private func value(_ name: String) -> FieldValue? {
        guard let i = declaration.index(of: name) else { preconditionFailure("\(name) is not a column of \(declaration.kind)") }
        return values[i]
    }

    public func text(_ name: String) -> String? {
        if case .text(let v) = value(name) { return v }
        return nil
    }

    public func day(_ name: String) -> Day? {
        if case .day(let v) = value(name) { return v }
        return nil
    }

    public func integer(_ name: String) -> Int? {
        if case .integer(let v) = value(name) { return v }
        return nil
    }

    public func decimal(_ name: String) -> Double? {
        if case .decimal(let v) = value(name) { return v }
        return nil
    }
}

/// Collects a row's values in column order: the way back from a row to ``RowValues``.
public struct FieldCollector: ColumnVisitor {
    public var values: [FieldValue?] = []
    public init() {}
    public mutating func text(_ value: String?) { values.append(value.map(FieldValue.text)) }
    public mutating func day(_ value: Day?) { values.append(value.map(FieldValue.day)) }
    public mutating func integer(_ value: Int?) { values.append(value.map(FieldValue.integer)) }
    public mutating func decimal(_ value: Double?) { values.append(value.map(FieldValue.decimal)) }
}
