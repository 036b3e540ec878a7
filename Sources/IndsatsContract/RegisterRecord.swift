import IndsatsCore

/// Receives a record's column values in order, typed: see ``RegisterRecord/visitColumns(_:)``.
public protocol ColumnVisitor {
    mutating func text(_ value: String?)
    mutating func day(_ value: Day?)
    mutating func integer(_ value: Int?)
    mutating func decimal(_ value: Double?)
}

/// A validated row of any file kind: one case per kind, each a ``ContractRow``.
/// Everything else about a record follows from its kind's ``FileDeclaration``.
public enum RegisterRecord: Hashable, Sendable {
    case code(Code)
    case person(Person)
    case company(Company)
    case initiative(Initiative)
    case staff(StaffMember)
    case benefit(BenefitPeriod)
    case activity(Activity)
    case conversation(Conversation)
    case contact(CompanyContact)
    case jobOrder(JobOrder)
    case assignment(Assignment)
    case contactRule(ContactRule)
    case screening(Screening)
    case placement(Placement)
    case alliance(Alliance)
    case allianceMembership(AllianceMembership)
    case cvUpdate(CVUpdate)
    case pool(GrantPool)
    case poolParticipant(PoolParticipant)
    case poolInstalment(PoolInstalment)
    case budget(BenefitBudget)
    case nationalFigure(NationalFigure)

    /// Hands the kind's contract columns (``FileKind/columns`` order) to `visitor`,
    /// typed, `nil` when empty. Writing them as CSV gives a file that imports
    /// back to the same record.
    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        switch self {
        case .code(let r): r.visitColumns(&v)
        case .person(let r): r.visitColumns(&v)
        case .company(let r): r.visitColumns(&v)
        case .initiative(let r): r.visitColumns(&v)
        case .staff(let r): r.visitColumns(&v)
        case .benefit(let r): r.visitColumns(&v)
        case .activity(let r): r.visitColumns(&v)
        case .conversation(let r): r.visitColumns(&v)
        case .contact(let r): r.visitColumns(&v)
        case .jobOrder(let r): r.visitColumns(&v)
        case .assignment(let r): r.visitColumns(&v)
        case .contactRule(let r): r.visitColumns(&v)
        case .screening(let r): r.visitColumns(&v)
        case .placement(let r): r.visitColumns(&v)
        case .alliance(let r): r.visitColumns(&v)
        case .allianceMembership(let r): r.visitColumns(&v)
        case .cvUpdate(let r): r.visitColumns(&v)
        case .pool(let r): r.visitColumns(&v)
        case .poolParticipant(let r): r.visitColumns(&v)
        case .poolInstalment(let r): r.visitColumns(&v)
        case .budget(let r): r.visitColumns(&v)
        case .nationalFigure(let r): r.visitColumns(&v)
        }
    }

    public var kind: FileKind {
        switch self {
        case .code: .koder
        case .person: .personer
        case .company: .virksomheder
        case .initiative: .indsatser
        case .staff: .medarbejdere
        case .benefit: .ydelsesforloeb
        case .activity: .aktiviteter
        case .conversation: .samtaler
        case .contact: .virksomhedskontakter
        case .jobOrder: .jobordrer
        case .assignment: .tildelinger
        case .contactRule: .kontaktregler
        case .screening: .screeninger
        case .placement: .formidlinger
        case .alliance: .alliancer
        case .allianceMembership: .alliancemedlemmer
        case .cvUpdate: .cv_opdateringer
        case .pool: .puljer
        case .poolParticipant: .puljedeltagere
        case .poolInstalment: .puljerater
        case .budget: .budget
        case .nationalFigure: .landstal
        }
    }

    /// Unknown columns kept aside from the source file.
    public var extra: [String: String] {
        switch self {
        case .code(let r): r.extra
        case .person(let r): r.extra
        case .company(let r): r.extra
        case .initiative(let r): r.extra
        case .staff(let r): r.extra
        case .benefit(let r): r.extra
        case .activity(let r): r.extra
        case .conversation(let r): r.extra
        case .contact(let r): r.extra
        case .jobOrder(let r): r.extra
        case .assignment(let r): r.extra
        case .contactRule(let r): r.extra
        case .screening(let r): r.extra
        case .placement(let r): r.extra
        case .alliance(let r): r.extra
        case .allianceMembership(let r): r.extra
        case .cvUpdate(let r): r.extra
        case .pool(let r): r.extra
        case .poolParticipant(let r): r.extra
        case .poolInstalment(let r): r.extra
        case .budget(let r): r.extra
        case .nationalFigure(let r): r.extra
        }
    }

    /// The row's period, for kinds whose periods must not overlap.
    public var period: RowPeriod? {
        switch self {
        case .benefit(let r): r.period
        case .assignment(let r): r.period
        case .contactRule(let r): r.period
        case .allianceMembership(let r): r.period
        case .code, .person, .company, .initiative, .staff, .activity, .conversation, .contact, .jobOrder, .screening, .placement,
            .alliance, .cvUpdate, .pool, .poolParticipant, .poolInstalment, .budget, .nationalFigure:
            nil
        }
    }

    /// Whether each column is part of this row's key (``KeyRule``): the marked
    /// columns, or for a kind keyed by a column or else the whole row, that column
    /// when the row has it and every other column when not.
    public var keyColumns: [Bool] {
        let declaration = kind.declaration
        guard case .columnOrWholeRow(let name) = declaration.key else { return declaration.keyMask }
        var values = FieldCollector()
        visitColumns(&values)
        return Self.keyMask(declaration, name, values.values)
    }

    private static func keyMask(_ declaration: FileDeclaration, _ name: String, _ values: [FieldValue?]) -> [Bool] {
        let i = declaration.index(of: name)!
        return values[i] == nil ? declaration.columns.map { $0.name != name } : declaration.columns.indices.map { $0 == i }
    }

    /// The natural key as one text: the key columns' values (an absent one as
    /// `""`) joined by U+001F; a whole-row key starts with U+001F, so it never
    /// equals a key column's value.
    public var naturalKey: String {
        var values = FieldCollector()
        visitColumns(&values)
        let declaration = kind.declaration
        var mask = declaration.keyMask
        var prefix = ""
        if case .columnOrWholeRow(let name) = declaration.key {
            mask = Self.keyMask(declaration, name, values.values)
            if !mask[declaration.index(of: name)!] { prefix = "\u{1F}" }
        }
        return prefix + zip(values.values, mask).filter(\.1).map { Self.keyText($0.0) }.joined(separator: "\u{1F}")
    }

    /// A value as the key text holds it: ISO dates, `""` for nothing.
    static func keyText(_ value: FieldValue?) -> String {
        switch value {
        case nil: ""
        case .text(let t): t
        case .day(let d): d.iso
        case .integer(let n): String(n)
        case .decimal(let x): "\(x)"
        }
    }

    /// The text of one column (by its index in the declaration), for references.
    public func text(column index: Int) -> String? {
        var values = FieldCollector()
        visitColumns(&values)
        if case .text(let t) = values.values[index] { return t }
        return nil
    }
}
