import IndsatsContract
import IndsatsCore

extension RegisterRecord {
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
