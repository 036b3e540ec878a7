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

    /// Parses one row of `kind`; `nil` with the reader's problems filled when it is bad.
    static func parse(_ kind: FileKind, _ r: inout RowReader, _ reference: ReferenceData) -> RegisterRecord? {
        let record: RegisterRecord?
        switch kind {
        case .koder:
            let listName = r.required("kodeliste")
            let list = listName.flatMap { $0 == "type" ? .aktivitetstype : CodeListName(rawValue: $0) }
            if let listName, list == nil {
                r.problem("kodeliste", "ukendt kodeliste '\(listName)'; brug ydelse, afgang eller aktivitetstype")
            }
            let code = r.required("kode"), name = r.required("navn")
            let from = r.date("gyldig_fra"), to = r.end("gyldig_til", after: r.date("gyldig_fra"))
            let companyBased = r.oneOf("virksomhedsrettet", ["ja", "nej"]) == "ja"
            record = list.flatMap { list in
                code.flatMap { code in
                    name.map { name in
                        .code(Code(list, code, name, validFrom: from, validTo: to, companyBased: companyBased))
                    }
                }
            }
        case .personer:
            let id = r.required("person_id")
            var cpr: CPRNumber?
            if let text = r.value("cpr") {
                do { cpr = try CPRNumber.parse(text) } catch { r.problem("cpr", error.danish) }
            }
            var birth = r.date("foedselsdato")
            if let b = birth, let cpr, b != cpr.birthDate {
                r.problem("foedselsdato", "fødselsdatoen \(b.danish) passer ikke med CPR-nummerets \(cpr.birthDate.danish)")
            }
            birth = birth ?? cpr?.birthDate
            let sex = r.oneOf("koen", ["K", "M"]) ?? cpr.map { $0.isMale ? "M" : "K" }
            let municipality = r.value("kommune")
            if let m = municipality, m.count != 3 || !m.allSatisfy(\.isASCIIDigit) {
                r.problem("kommune", "'\(m)' er ikke en kommunekode på 3 cifre")
            }
            let cvDate = r.date("cv_dato")
            record = id.map {
                .person(
                    Person(
                        id: $0, cpr: cpr?.digits, birthDate: birth, sex: sex,
                        municipality: municipality, cvDate: cvDate, extra: r.extra))
            }
        case .ydelsesforloeb:
            let id = r.required("person_id"), benefit = r.code("ydelse", .ydelse, reference, required: true)
            let start = r.date("start", required: true), end = r.end("slut", after: start)
            let exit = r.code("afgang", .afgang, reference, required: false)
            record = id.flatMap { id in
                benefit.flatMap { b in
                    start.map { s in
                        .benefit(
                            BenefitPeriod(
                                personID: id, benefit: b, start: s, end: end, exitReason: exit,
                                municipality: r.value("kommune"), extra: r.extra))
                    }
                }
            }
        case .aktiviteter:
            let id = r.required("aktivitet_id"), person = r.required("person_id")
            let type = r.code("type", .aktivitetstype, reference, required: true)
            let start = r.date("start", required: true), end = r.end("slut", after: start)
            let hours = r.decimal("timer_pr_uge"), cvr = r.cvr("cvr", required: false)
            let pnr = r.value("pnr")
            if let pnr, !PNumber.isValid(pnr) { r.problem("pnr", "'\(pnr)' er ikke et P-nummer på 10 cifre") }
            record = id.flatMap { id in
                person.flatMap { person in
                    type.flatMap { type in
                        start.map { s in
                            .activity(
                                Activity(
                                    id: id, personID: person, type: type, start: s, end: end, hoursPerWeek: hours,
                                    initiativeID: r.value("indsats_id"), cvr: cvr, pNumber: pnr,
                                    unit: r.value("enhed"), extra: r.extra))
                        }
                    }
                }
            }
        case .samtaler:
            let person = r.required("person_id"), date = r.date("dato", required: true), type = r.required("type")
            let heldBy = r.oneOf("afholdt_af", ["kommune", "akasse"]), channel = r.channel("kanal")
            record = person.flatMap { p in
                date.flatMap { d in
                    type.map { t in
                        .conversation(
                            Conversation(
                                personID: p, date: d, type: t, staffID: r.value("medarbejder"),
                                unit: r.value("enhed"), heldBy: heldBy, channel: channel,
                                extra: r.extra))
                    }
                }
            }
        case .virksomheder:
            let cvr = r.cvr("cvr", required: true), employees = r.integer("ansatte")
            record = cvr.map {
                .company(
                    Company(
                        cvr: $0, name: r.value("navn"), employees: employees,
                        industry: r.value("branche"), municipality: r.value("kommune"),
                        extra: r.extra))
            }
        case .virksomhedskontakter:
            let cvr = r.cvr("cvr", required: true), date = r.date("dato", required: true), channel = r.channel("kanal")
            record = cvr.flatMap { c in
                date.map { d in
                    .contact(
                        CompanyContact(
                            cvr: c, date: d, unit: r.value("enhed"), staffID: r.value("medarbejder"),
                            channel: channel, purpose: r.value("formaal"),
                            result: r.value("resultat"), extra: r.extra))
                }
            }
        case .jobordrer:
            let id = r.required("jobordre_id"), cvr = r.cvr("cvr", required: true)
            let created = r.date("oprettet", required: true)
            let positions = r.integer("stillinger"), filled = r.integer("besat")
            let closed = r.end("lukket", after: created)
            if let positions, let filled, filled > positions {
                r.problem("besat", "\(filled) besatte er flere end \(positions) stillinger")
            }
            record = id.flatMap { id in
                cvr.flatMap { cvr in
                    created.map { c in
                        .jobOrder(
                            JobOrder(
                                id: id, cvr: cvr, created: c, positions: positions, filled: filled,
                                closed: closed, unit: r.value("enhed"), extra: r.extra))
                    }
                }
            }
        case .indsatser:
            let id = r.required("indsats_id"), name = r.required("navn")
            let places = r.integer("pladser"), start = r.date("start"), end = r.end("slut", after: start)
            record = id.flatMap { id in
                name.map { name in
                    .initiative(
                        Initiative(
                            id: id, name: name, unit: r.value("enhed"), places: places, start: start,
                            end: end, proposal: r.value("forslag"), extra: r.extra))
                }
            }
        case .medarbejdere:
            record = r.required("medarbejder").map {
                .staff(
                    StaffMember(
                        id: $0, name: r.value("navn"), unit: r.value("enhed"), team: r.value("team"),
                        extra: r.extra))
            }
        }
        return r.problems.isEmpty ? record : nil
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
