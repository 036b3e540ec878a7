import IndsatsCore

/// Receives a record's column values in order, typed: see ``RegisterRecord/visitColumns(_:)``.
public protocol ColumnVisitor {
    mutating func text(_ value: String?)
    mutating func day(_ value: Day?)
    mutating func integer(_ value: Int?)
    mutating func decimal(_ value: Double?)
}

/// A validated row of any file kind, with the natural key that makes re-import idempotent.
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

    /// The contract's natural key (§3): person_id; person_id+ydelse+start; aktivitet_id; ...
    public var naturalKey: String {
        let sep = "\u{1F}"
        switch self {
        case .code(let c): return c.list.rawValue + sep + c.code
        case .person(let p): return p.id
        case .company(let c): return c.cvr
        case .initiative(let i): return i.id
        case .staff(let s): return s.id
        case .benefit(let b): return b.personID + sep + b.benefit + sep + b.start.iso
        case .activity(let a): return a.id
        case .conversation(let c): return [c.personID, c.date.iso, c.type, c.staffID ?? ""].joined(separator: sep)
        case .contact(let c): return [c.cvr, c.date.iso, c.unit ?? "", c.staffID ?? ""].joined(separator: sep)
        case .jobOrder(let j): return j.id
        }
    }

    public var kind: FileKind {
        switch self {
        case .code: return .koder
        case .person: return .personer
        case .company: return .virksomheder
        case .initiative: return .indsatser
        case .staff: return .medarbejdere
        case .benefit: return .ydelsesforloeb
        case .activity: return .aktiviteter
        case .conversation: return .samtaler
        case .contact: return .virksomhedskontakter
        case .jobOrder: return .jobordrer
        }
    }

    /// Hands the kind's contract columns (``FileKind/columns`` order) to `visitor`,
    /// typed, `nil` when empty. Writing them as CSV gives a file that imports
    /// back to the same record.
    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        switch self {
        case .code(let c):
            v.text(c.list.rawValue); v.text(c.code); v.text(c.name); v.day(c.validFrom); v.day(c.validTo)
            v.text(c.companyBased ? "ja" : "nej")
        case .person(let p):
            v.text(p.id); v.text(p.cpr); v.day(p.birthDate); v.text(p.sex); v.text(p.municipality); v.day(p.cvDate)
        case .benefit(let b):
            v.text(b.personID); v.text(b.benefit); v.day(b.start); v.day(b.end); v.text(b.exitReason)
            v.text(b.municipality)
        case .activity(let a):
            v.text(a.id); v.text(a.personID); v.text(a.type); v.day(a.start); v.day(a.end); v.decimal(a.hoursPerWeek)
            v.text(a.initiativeID); v.text(a.cvr); v.text(a.pNumber); v.text(a.unit)
        case .conversation(let c):
            v.text(c.personID); v.day(c.date); v.text(c.type); v.text(c.staffID); v.text(c.unit); v.text(c.heldBy)
            v.text(c.channel)
        case .company(let c):
            v.text(c.cvr); v.text(c.name); v.integer(c.employees); v.text(c.industry); v.text(c.municipality)
        case .contact(let c):
            v.text(c.cvr); v.day(c.date); v.text(c.unit); v.text(c.staffID); v.text(c.channel); v.text(c.purpose)
            v.text(c.result)
        case .jobOrder(let j):
            v.text(j.id); v.text(j.cvr); v.day(j.created); v.integer(j.positions); v.integer(j.filled); v.day(j.closed)
            v.text(j.unit)
        case .initiative(let i):
            v.text(i.id); v.text(i.name); v.text(i.unit); v.integer(i.places); v.day(i.start); v.day(i.end)
            v.text(i.proposal)
        case .staff(let s):
            v.text(s.id); v.text(s.name); v.text(s.unit); v.text(s.team)
        }
    }

    /// Unknown columns kept aside from the source file.
    public var extra: [String: String] {
        switch self {
        case .code: return [:]
        case .person(let r): return r.extra
        case .company(let r): return r.extra
        case .initiative(let r): return r.extra
        case .staff(let r): return r.extra
        case .benefit(let r): return r.extra
        case .activity(let r): return r.extra
        case .conversation(let r): return r.extra
        case .contact(let r): return r.extra
        case .jobOrder(let r): return r.extra
        }
    }
}
