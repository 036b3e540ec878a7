import Foundation
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import IndsatsTestSupport
import Testing

private let staff = "medarbejder;navn;enhed;team\nM1;Anne;Jobcenter Nord;Team A\nM2;Bo;Jobcenter Nord;Team A\n"

@Suite("Datakontrakt version 2: tildelinger, kontaktregler og virksomhedskontakternes nøgle")
struct ContractVersion2Tests {
    @Test("Assignments import with their key; re-import changes nothing; a changed end date updates the row")
    func assignments() throws {
        let files = [
            "personer.csv": persons, "medarbejdere.csv": staff,
            "tildelinger.csv": "person_id;medarbejder;fra;til\r\nP1;M1;2024-01-01;2024-02-29\r\nP1;M2;01-03-2024;\r\nP2;M1;2024-02-29;\r\n",
        ]
        let (report, store, _) = try importFiles(files)
        #expect(report.errors == [])
        #expect(store.records[.tildelinger]?.count == 3)
        guard case .assignment(let a)? = store.records[.tildelinger]?["P1\u{1F}2024-03-01"] else {
            Issue.record("P1's second assignment is missing")
            return
        }
        #expect(a == Assignment(personID: "P1", staffID: "M2", from: Day(year: 2024, month: 3, day: 1)!))
        let (again, _, _) = try importFiles(files, into: store)
        #expect(again.files.first { $0.kind == .tildelinger }?.counts == WriteCounts(unchanged: 3))
        let (changed, _, _) = try importFiles(
            ["tildelinger.csv": "person_id;medarbejder;fra;til\nP1;M2;2024-03-01;2024-12-31\n"], into: store)
        #expect(changed.files.map(\.counts) == [WriteCounts(changed: 1)])
    }

    @Test("One person's assignments must not overlap, in the file or with stored ones; both rows are named")
    func assignmentOverlaps() throws {
        let (report, _, _) = try importFiles([
            "personer.csv": persons, "medarbejdere.csv": staff,
            "tildelinger.csv": "person_id;medarbejder;fra;til\nP1;M1;2024-01-01;2024-03-01\nP1;M2;2024-03-01;\nP2;M1;2024-01-01;\n",
        ])
        #expect(
            report.errors.map(\.description) == [
                "tildelinger.csv:2: fra: tildelingen overlapper med medarbejder M2 2024-03-01– (tildelinger.csv linje 3) for samme person",
                "tildelinger.csv:3: fra: tildelingen overlapper med medarbejder M1 2024-01-01–2024-03-01 (tildelinger.csv linje 2) for samme person",
            ])
        let (_, store, _) = try importFiles([
            "personer.csv": persons, "medarbejdere.csv": staff, "tildelinger.csv": "person_id;medarbejder;fra;til\nP1;M1;2024-01-01;\n",
        ])
        // A row with a stored row's key replaces it: closing the open assignment and starting a new one is fine.
        let (closed, _, _) = try importFiles(
            ["tildelinger.csv": "person_id;medarbejder;fra;til\nP1;M1;2024-01-01;2024-05-31\nP1;M2;2024-06-01;\n"], into: store)
        #expect(closed.errors == [])
        let (overlap, _, _) = try importFiles(["tildelinger.csv": "person_id;medarbejder;fra;til\nP1;M1;2024-05-01;\n"], into: store)
        #expect(
            overlap.errors.map(\.description) == [
                "tildelinger.csv:2: fra: tildelingen overlapper med medarbejder M1 2024-01-01–2024-05-31 (allerede gemt) for samme person",
                "tildelinger.csv:2: fra: tildelingen overlapper med medarbejder M2 2024-06-01– (allerede gemt) for samme person",
            ])
    }

    @Test("An assignment names a known person and caseworker, and ends no earlier than it starts")
    func assignmentReferences() throws {
        let (report, store, _) = try importFiles([
            "personer.csv": persons, "medarbejdere.csv": staff,
            "tildelinger.csv":
                "person_id;medarbejder;fra;til\nP1;M9;2024-01-01;\nP9;M1;2024-01-01;\nP2;M1;2024-02-01;2024-01-31\nP2;;2024-03-01;\n",
        ])
        #expect(
            report.errors.map(\.description) == [
                "tildelinger.csv:2: medarbejder: 'M9' findes ikke i medarbejdere.csv (hverken gemt eller i denne import)",
                "tildelinger.csv:3: person_id: 'P9' findes ikke i personer.csv (hverken gemt eller i denne import)",
                "tildelinger.csv:4: til: slutdatoen 31-01-2024 ligger før startdatoen 01-02-2024",
                "tildelinger.csv:5: medarbejder: værdi mangler",
            ])
        #expect(store.writes == 0)
    }

    @Test("Contact rules: known benefit, whole numbers in range, one benefit's rules not overlapping, afholdt_af defaults to alle")
    func contactRules() throws {
        let header = "ydelse;fra;til;samtaler;inden_maaneder;tilbud_inden_maaneder;afholdt_af\n"
        let good = header + "dagpenge;2020-01-01;2023-12-31;4;6;6;\ndagpenge;2024-01-01;;6;6;;kommune\nsygedagpenge;2020-01-01;;1;2;;\n"
        let (report, store, _) = try importFiles(["kontaktregler.csv": good])
        #expect(report.errors == [])
        guard case .contactRule(let rule)? = store.records[.kontaktregler]?["dagpenge\u{1F}2020-01-01"] else {
            Issue.record("the 2020 rule is missing")
            return
        }
        #expect(
            rule
                == ContactRule(
                    benefit: "dagpenge", from: Day(year: 2020, month: 1, day: 1)!, to: Day(year: 2023, month: 12, day: 31)!,
                    conversations: 4, withinMonths: 6, offerWithinMonths: 6, municipalityOnly: false))
        let (bad, _, _) = try importFiles([
            "kontaktregler.csv": header
                + "dagpeng;2020-01-01;;4;6;;\nkontanthjaelp_jobparat;2020-01-01;;-1;0;0;akasse\n"
                + "sygedagpenge;2020-01-01;2024-12-31;4;6;;\nsygedagpenge;2024-06-01;;2;2;;\n"
        ])
        #expect(
            bad.errors.map(\.description) == [
                "kontaktregler.csv:2: ydelse: ukendt kode 'dagpeng'; kendte koder: \(ReferenceData.defaults.codes(.ydelse).map(\.code).joined(separator: ", "))",
                "kontaktregler.csv:3: samtaler: '-1' er ikke et ikke-negativt heltal",
                "kontaktregler.csv:3: inden_maaneder: '0' er ikke et heltal på mindst 1",
                "kontaktregler.csv:3: tilbud_inden_maaneder: '0' er ikke et heltal på mindst 1",
                "kontaktregler.csv:3: afholdt_af: 'akasse' er ikke tilladt; brug kommune eller alle",
                "kontaktregler.csv:4: fra: reglen overlapper med reglen fra 01-06-2024 2024-06-01– (kontaktregler.csv linje 5) for samme ydelse",
                "kontaktregler.csv:5: fra: reglen overlapper med reglen fra 01-01-2020 2020-01-01–2024-12-31 (kontaktregler.csv linje 4) for samme ydelse",
            ])
    }

    @Test("A screening that overrides the advice needs a reason; groups are 1-3; the caseworker must exist")
    func screenings() throws {
        let header = "person_id;dato;gruppe;forslag;medarbejder;begrundelse\n"
        let (report, store, _) = try importFiles([
            "personer.csv": persons, "medarbejdere.csv": staff,
            "screeninger.csv": header + "P1;01-03-2024;2;2;M1;\nP2;2024-03-01;3;1;M2;Ledighed skyldes sygdom\nP1;2024-04-01;1;;;\n",
        ])
        #expect(report.errors == [])
        guard case .screening(let s)? = store.records[.screeninger]?["P2\u{1F}2024-03-01"] else {
            Issue.record("P2's screening is missing")
            return
        }
        #expect(s.overridesAdvice && s.reason == "Ledighed skyldes sygdom")
        let (bad, _, _) = try importFiles([
            "personer.csv": persons, "medarbejdere.csv": staff,
            "screeninger.csv": header + "P1;2024-03-01;3;1;M1;\nP2;2024-03-01;4;;M1;\nP2;2024-03-02;1;;M7;\n",
        ])
        #expect(
            bad.errors.map(\.description) == [
                "screeninger.csv:2: begrundelse: gruppe 3 afviger fra forslaget 1; skriv begrundelsen",
                "screeninger.csv:3: gruppe: '4' er ikke tilladt; brug 1 eller 2 eller 3",
                "screeninger.csv:4: medarbejder: 'M7' findes ikke i medarbejdere.csv (hverken gemt eller i denne import)",
            ])
    }

    @Test("Company contacts without kontakt_id are keyed by the whole row: a call and an e-mail the same day are two contacts")
    func contactsWholeRow() throws {
        let companies = "cvr;navn;ansatte\n12345674;Smed A/S;12\n"
        let contacts = """
            cvr;dato;enhed;medarbejder;kanal;formaal
            12345674;2024-03-01;VS;M1;telefon;rekruttering
            12345674;2024-03-01;VS;M1;mail;rekruttering
            12345674;2024-03-01;VS;M1;telefon;rekruttering

            """
        let (report, store, _) = try importFiles(["virksomheder.csv": companies, "virksomhedskontakter.csv": contacts])
        #expect(report.errors == [])
        #expect(store.records[.virksomhedskontakter]?.count == 2)
        #expect(report.files.first { $0.kind == .virksomhedskontakter }?.identicalDuplicates == 1)
        let (again, _, _) = try importFiles(["virksomhedskontakter.csv": contacts], into: store)
        #expect(again.files.map(\.counts) == [WriteCounts(unchanged: 2)])
    }

    @Test("With kontakt_id, the id is the key: a corrected row updates, the same id twice with other content is an error")
    func contactsByID() throws {
        let companies = "cvr;navn;ansatte\n12345674;Smed A/S;12\n"
        let header = "kontakt_id;cvr;dato;enhed;medarbejder;kanal;resultat\n"
        let (_, store, _) = try importFiles([
            "virksomheder.csv": companies, "virksomhedskontakter.csv": header + "K1;12345674;2024-03-01;VS;M1;telefon;\n",
        ])
        let (corrected, _, _) = try importFiles(
            ["virksomhedskontakter.csv": header + "K1;12345674;2024-03-01;VS;M1;telefon;jobordre\n"], into: store)
        #expect(corrected.files.map(\.counts) == [WriteCounts(changed: 1)])
        #expect(store.records[.virksomhedskontakter]?.count == 1)
        let (twice, _, _) = try importFiles(
            ["virksomhedskontakter.csv": header + "K2;12345674;2024-03-02;VS;M1;telefon;\nK2;12345674;2024-03-02;VS;M1;brev;\n"],
            into: store)
        #expect(
            twice.errors.map(\.description) == [
                "virksomhedskontakter.csv:3: nøgle: samme nøgle som virksomhedskontakter.csv linje 2, men med andet indhold"
            ])
    }

    @Test("Placements name a stored job order and person, keyed by order and citizen; the day is a date")
    func placements() throws {
        let companies = "cvr;navn;ansatte\n12345674;Ågade Byg ApS;12\n"
        let orders = "jobordre_id;cvr;oprettet;stillinger\nJ1;12345674;2024-02-01;2\n"
        let good = "jobordre_id;person_id;dato;medarbejder\r\nJ1;P1;29-02-2024;M1\r\nJ1;P2;2024-03-01;\r\n"
        let (report, store, _) = try importFiles([
            "personer.csv": persons, "medarbejdere.csv": staff, "virksomheder.csv": companies, "jobordrer.csv": orders,
            "formidlinger.csv": good,
        ])
        #expect(report.errors == [])
        #expect(
            store.records[.formidlinger]?["J1\u{1F}P1"]
                == .placement(Placement(jobOrderID: "J1", personID: "P1", date: Day(year: 2024, month: 2, day: 29)!, staffID: "M1")))
        let (bad, _, _) = try importFiles(
            ["formidlinger.csv": "jobordre_id;person_id;dato\nJ9;P1;2024-03-01\nJ1;P1;2024-03-02\nJ1;P2;30-02-2024\n"], into: store)
        #expect(
            bad.errors.map(\.description) == [
                "formidlinger.csv:2: jobordre_id: 'J9' findes ikke i jobordrer.csv (hverken gemt eller i denne import)",
                "formidlinger.csv:4: dato: '30-02-2024' er ikke en gyldig dato (brug ÅÅÅÅ-MM-DD, DD-MM-ÅÅÅÅ eller DD.MM.ÅÅÅÅ)",
            ])
    }

    @Test("Alliances and their members: a member is a stored company of a known alliance; one company's memberships do not overlap")
    func alliances() throws {
        let companies = "cvr;navn;ansatte\n12345674;Ågade Byg ApS;12\n"
        let alliances = "alliance_id;navn;start;slut;enhed\nA1;Virksomhedsalliancen;2023-01-01;;Virksomhedsservice\n"
        let members =
            "alliance_id;cvr;fra;til;tilsagn_praktik;tilsagn_smaajob\nA1;12345674;2023-01-01;2023-12-31;2;\nA1;12345674;2024-01-01;;3;1\n"
        let (report, store, _) = try importFiles([
            "virksomheder.csv": companies, "alliancer.csv": alliances, "alliancemedlemmer.csv": members,
        ])
        #expect(report.errors == [])
        #expect(store.records[.alliancemedlemmer]?.count == 2)
        let (bad, _, _) = try importFiles(
            [
                "alliancemedlemmer.csv":
                    "alliance_id;cvr;fra;til;tilsagn_praktik\nA2;12345674;2024-01-01;;1\nA1;12345674;2024-06-01;;-1\nA1;12345674;2023-06-01;;\n"
            ], into: store)
        #expect(
            bad.errors.map(\.description) == [
                "alliancemedlemmer.csv:2: alliance_id: 'A2' findes ikke i alliancer.csv (hverken gemt eller i denne import)",
                "alliancemedlemmer.csv:3: tilsagn_praktik: '-1' er ikke et ikke-negativt heltal",
                "alliancemedlemmer.csv:4: fra: medlemskabet overlapper med alliance A1, CVR 12345674 2023-01-01–2023-12-31 (allerede gemt) for samme virksomhed i samme alliance",
                "alliancemedlemmer.csv:4: fra: medlemskabet overlapper med alliance A1, CVR 12345674 2024-01-01– (allerede gemt) for samme virksomhed i samme alliance",
            ])
        let (noName, _, _) = try importFiles(["alliancer.csv": "alliance_id;navn\nA3;\n"], into: store)
        #expect(noName.errors.map(\.description) == ["alliancer.csv:2: navn: værdi mangler"])
    }

    @Test("CV updates name a known person; the same person and day twice is one row; a bad day is a Danish error")
    func cvUpdates() throws {
        let (report, store, _) = try importFiles([
            "personer.csv": persons, "cv_opdateringer.csv": "person_id;dato\r\nP1;10-02-2024\r\nP1;2024-06-01\r\nP1;2024-06-01\r\n",
        ])
        #expect(report.errors == [])
        #expect(store.records[.cv_opdateringer]?.count == 2)
        let (bad, _, _) = try importFiles(["cv_opdateringer.csv": "person_id;dato\nP9;2024-01-01\nP1;2024-13-01\n"], into: store)
        #expect(
            bad.errors.map(\.description) == [
                "cv_opdateringer.csv:2: person_id: 'P9' findes ikke i personer.csv (hverken gemt eller i denne import)",
                "cv_opdateringer.csv:3: dato: '2024-13-01' er ikke en gyldig dato (brug ÅÅÅÅ-MM-DD, DD-MM-ÅÅÅÅ eller DD.MM.ÅÅÅÅ)",
            ])
    }

    @Test("Every declaration is consistent: visited columns match declared storage, keys and rules name declared columns")
    func declarations() throws {
        struct Storages: ColumnVisitor {
            var out: [ColumnStorage] = []
            mutating func text(_ value: String?) { out.append(.text) }
            mutating func day(_ value: Day?) { out.append(.day) }
            mutating func integer(_ value: Int?) { out.append(.integer) }
            mutating func decimal(_ value: Double?) { out.append(.decimal) }
        }
        for kind in FileKind.allCases {
            let declaration = kind.declaration
            #expect(declaration.kind == kind)
            #expect(Set(declaration.columns.map(\.name)).count == declaration.columns.count, "\(kind)")
            #expect(!kind.naturalKeyColumns.isEmpty, "\(kind)")
            for column in declaration.columns {
                if case .endDay(let start) = column.type {
                    #expect(
                        declaration.columns.first { $0.name == start }.map { $0.type.storage == .day } == true, "\(kind).\(column.name)")
                }
                if let referenced = column.references { #expect(referenced.naturalKeyColumns.count == 1, "\(kind).\(column.name)") }
                if column.datesTheData { #expect(column.type.storage == .day, "\(kind).\(column.name)") }
            }
            if let rule = declaration.periods { #expect(declaration.index(of: rule.start) != nil, "\(kind)") }
            // A row made of the declared columns alone gives them back in the declared storage.
            let record = try #require(sample(kind), "\(kind)")
            var storages = Storages()
            record.visitColumns(&storages)
            #expect(storages.out == declaration.columns.map(\.type.storage), "\(kind)")
        }
    }

    /// One valid row of `kind`, made by its declaration from the simplest valid values.
    private func sample(_ kind: FileKind) -> RegisterRecord? {
        let declaration = kind.declaration
        let values = declaration.columns.map { column -> FieldValue? in
            switch column.type {
            case .day, .endDay: .day(Day(year: 2024, month: 1, day: 1)!)
            case .integer(let minimum): .integer(minimum)
            case .decimal: .decimal(1)
            case .cvr: .text("12345674")
            case .pNumber: .text("1234567890")
            case .cpr: nil
            case .municipalityCode: .text("169")
            case .code(let list): .text(ReferenceData.defaults.codes(list)[0].code)
            case .oneOf(let allowed): .text(allowed[0])
            case .channel: .text(Channel.telefon.rawValue)
            case .text: .text(["kodeliste": "ydelse", "periode": "2024"][column.name] ?? "x")
            }
        }
        var row = RowValues(declaration, values: values)
        return declaration.record(&row)
    }
}
