import Foundation
import IndsatsAccess
import IndsatsCore
import IndsatsStore

/// One company's page (`/virksomheder/{cvr}`): master data, every unit's contacts in one
/// timeline, the citizens at the company (for roles that see persons: pseudonyms for analysts,
/// a caseworker only their own unit's), the rule of thumb for subsidised places, job orders
/// with their status and placements, and alliance memberships with pledges against what started.
struct CompanyPage {
    var record: CompanyRecord
    var user: User
    /// The pseudonyms an analyst sees instead of person ids.
    var pseudonyms: Pseudonyms?
    /// The day "now" is on the page (the data date).
    var day: Day
    /// The contact form, for those who record contacts: its token, the values typed and the problem.
    var csrf: String?
    var typed: [String: String] = [:]
    var error: String?
    /// Today, the default date of a new contact.
    var today: Day
    /// The activity types that take place at a company (the code list's `virksomhedsrettet`).
    var atCompany: Set<String>

    /// Who records contacts with companies: caseworkers in any unit (the company consultants are
    /// caseworkers in Virksomhedsservice; other units call companies too) and administrators.
    static let recorders: [Role] = [.administrator, .medarbejder]

    private var seesPersons: Bool { user.role.seesPersons }

    /// Whether a citizen's rows may be shown: a caseworker sees only their own unit's citizens.
    private func shows(_ personID: String) -> Bool {
        !user.role.limitedToOwnUnit || (user.unit != nil && record.currentUnits[personID] == user.unit)
    }

    private func citizen(_ personID: String) -> DataTable.Cell {
        let reference = pseudonyms?.of(personID) ?? personID
        return .link(reference, href: "/borgere/" + PageView.segment(reference))
    }

    /// The citizens whose rows the page shows, for the audit log's person-level read.
    var shownCitizens: [String] {
        guard seesPersons else { return [] }
        return Set(record.activities.map(\.personID) + record.placements.map(\.personID)).filter(shows).sorted()
    }

    func body() -> HTML {
        let c = record.company
        let pNumbers = Set(record.activities.compactMap(\.pNumber)).sorted()
        var html: HTML = """
            <h1>\(c.name ?? "Virksomhed") <span class="meta">CVR \(c.cvr)</span></h1>
            <dl class="stamdata"><dt>Ansatte</dt><dd>\(c.employees.map { DanishFormat.integer($0) } ?? "–")</dd>\
            <dt>Branche</dt><dd>\(c.industry ?? "ukendt")</dd><dt>Kommune</dt><dd>\(c.municipality ?? "–")</dd>\
            <dt>P-numre</dt><dd>\(pNumbers.isEmpty ? "–" : pNumbers.joined(separator: ", "))</dd></dl>
            <p class="meta">Datadato \(day.danish). <a href="/virksomheder">Alle virksomheder</a></p>
            """
        html += contactSection()
        html += subsidisedSection()
        if seesPersons { html += citizenSection() }
        html += jobOrderSection()
        html += allianceSection()
        return html
    }

    private func contactSection() -> HTML {
        var table = DataTable(
            caption: "Kontakter fra alle enheder, nyeste først",
            columns: [
                .init("Dato"), .init("Enhed"), .init("Medarbejder"), .init("Kanal"), .init("Formål"), .init("Resultat"),
                .init("Næste skridt"),
            ])
        for k in record.contacts {
            let next = k.nextStep.map { step in k.nextStepDate.map { "\(step) (senest \($0.danish))" } ?? step } ?? "–"
            table.rows.append(
                [k.date.danish, k.unit ?? "ukendt", k.staffID ?? "–", k.channel ?? "–", k.purpose ?? "–", k.result ?? "–", next].map(
                    DataTable.Cell.text))
        }
        var html: HTML = "<h2>Kontakter</h2>"
        html += record.contacts.isEmpty ? "<p>Ingen kontakter endnu.</p>" : table.html()
        if let csrf { html += contactForm(csrf) }
        return html
    }

    private func contactForm(_ csrf: String) -> HTML {
        func value(_ name: String, _ fallback: String = "") -> String { typed[name] ?? fallback }
        let channels = HTML.options(
            [("personligt", "Personligt"), ("telefon", "Telefon"), ("digitalt", "Digitalt"), ("brev", "Brev")], selected: value("kanal"))
        var html: HTML = "<h3>Registrér en kontakt</h3>"
        if let error { html += "<p class=\"fejl\" role=\"alert\">\(error)</p>" }
        html += """
            <form method="post" action="/virksomheder/\(PageView.segment(record.company.cvr))/kontakt">\(HTML.csrfField(csrf))\
            <label>Dato <input name="dato" value="\(value("dato", today.danish))" size="10" required></label> \
            <label>Kanal <select name="kanal">\(channels)</select></label> \
            <label>Formål <input name="formaal" value="\(value("formaal"))" size="20"></label> \
            <label>Resultat <input name="resultat" value="\(value("resultat"))" size="20"></label> \
            <label>Næste skridt <input name="naeste_skridt" value="\(value("naeste_skridt"))" size="30"></label> \
            <label>Senest <input name="naeste_dato" value="\(value("naeste_dato"))" size="10" placeholder="dd-mm-åååå"></label> \
            <button type="submit">Gem kontakten</button></form>
            <p class="meta">Kontakten gemmes med din enhed og dit medarbejder-id; næste skridt kommer på din oversigt (Min oversigt).</p>
            """
        return html
    }

    /// Activities of a type the rule counts that run on the page's day.
    private var subsidisedNow: [Activity] {
        record.activities.filter { SubsidisedPlaces.types.contains($0.type) && $0.start <= day && ($0.end ?? .distantFuture) >= day }
    }

    private func subsidisedSection() -> HTML {
        guard let employees = record.company.employees else {
            return "<h2>Rimelighedskravet</h2><p>Antal ansatte kendes ikke, så tommelfingerreglen kan ikke regnes.</p>"
        }
        let allowed = SubsidisedPlaces.allowed(employees: employees)
        var html: HTML = """
            <h2>Rimelighedskravet</h2><p>Med \(DanishFormat.integer(employees)) ansatte er der efter tommelfingerreglen \
            (1 pr. 5 ordinært ansatte op til 50, dog altid 1, derefter 1 pr. 10) plads til \(DanishFormat.integer(allowed)) \
            i virksomhedspraktik og løntilskud.
            """
        if seesPersons {
            let used = Set(subsidisedNow.map(\.personID)).count
            html += " Den \(day.danish) er \(DanishFormat.integer(used)) i gang\(used > allowed ? ": over reglen" : "")."
        }
        return html + "</p>"
    }

    private func citizenSection() -> HTML {
        let atCompany = record.activities.filter { self.atCompany.contains($0.type) }
        let shown = atCompany.filter { shows($0.personID) }
        var current = table("I gang den \(day.danish)"), past = table("Afsluttede")
        for a in shown {
            let row: [DataTable.Cell] = [
                citizen(a.personID), .text(a.type), .text(a.start.danish), .text(a.end?.danish ?? "–"), .text(a.pNumber ?? "–"),
                .text(a.unit ?? "ukendt"),
            ]
            if a.start <= day && (a.end ?? .distantFuture) >= day {
                current.rows.append(row)
            } else if a.start <= day {
                past.rows.append(row)
            }
        }
        var html: HTML = "<h2>Borgere i virksomheden</h2><p class=\"meta\">Praktik, løntilskud, småjob (ordinære timer), IGU og EGU."
        let hidden = Set(atCompany.map(\.personID)).subtracting(shown.map(\.personID)).count
        if hidden > 0 { html += " Borgere i andre enheders sager vises ikke." }
        html += "</p>"
        html += current.rows.isEmpty ? "<p>Ingen i gang.</p>" : current.html()
        if !past.rows.isEmpty { html += past.html() }
        return html
    }

    private func table(_ caption: String) -> DataTable {
        DataTable(
            caption: caption, columns: [.init("Borger"), .init("Type"), .init("Start"), .init("Slut"), .init("P-nummer"), .init("Enhed")])
    }

    private func jobOrderSection() -> HTML {
        guard !record.jobOrders.isEmpty else { return "<h2>Jobordrer</h2><p>Ingen jobordrer.</p>" }
        let placed = Dictionary(grouping: record.placements, by: \.jobOrderID)
        var table = DataTable(
            caption: "Jobordrer, nyeste først",
            columns: [
                .init("Jobordre"), .init("Oprettet"), .init("Stillinger"), .init("Besat"), .init("Lukket"), .init("Status"),
                .init("Placerede borgere"),
            ])
        for order in record.jobOrders {
            let placements = placed[order.id] ?? []
            let status = JobOrderOverview(order: order, placed: placements.count).shown(
                hidingSmallNumbers: user.role.suppressesSmallNumbers
            ).status
            let visible = placements.filter { seesPersons && shows($0.personID) }
            let names = visible.map { pseudonyms?.of($0.personID) ?? $0.personID }.joined(separator: ", ")
            table.rows.append([
                .text(order.id), .text(order.created.danish), order.positions.map { .number(Double($0), decimals: 0) } ?? .none,
                order.filled.map { .number(Double($0), decimals: 0) } ?? .none, .text(order.closed?.danish ?? "–"), .text(status.title),
                .text(names.isEmpty ? "–" : names),
            ])
        }
        return "<h2>Jobordrer</h2>" + table.html()
    }

    private func allianceSection() -> HTML {
        guard !record.memberships.isEmpty else { return "<h2>Alliancer</h2><p>Ikke medlem af en alliance.</p>" }
        let year = day.year
        let yearDays = DayRange(Day(year: year, month: 1, day: 1)!, day)
        var columns: [DataTable.Column] = [
            .init("Alliance"), .init("Fra"), .init("Til"), .init("Tilsagn praktik pr. år"), .init("Tilsagn småjob pr. år"),
        ]
        if seesPersons { columns += [.init("Praktikker startet i \(year)"), .init("Småjob startet i \(year)")] }
        var table = DataTable(caption: "Medlemskaber og tilsagn", columns: columns)
        for m in record.memberships {
            var row: [DataTable.Cell] = [
                .link(record.allianceNames[m.allianceID] ?? m.allianceID, href: "/alliancer/" + PageView.segment(m.allianceID)),
                .text(m.from.danish), .text(m.to?.danish ?? "–"),
                m.pledgedInternships.map { .number(Double($0), decimals: 0) } ?? .none,
                m.pledgedSmallJobs.map { .number(Double($0), decimals: 0) } ?? .none,
            ]
            if seesPersons {
                // What started this year while the company was a member, counted over all units' citizens.
                let member = DayRange(max(m.from, yearDays.start), min(m.to ?? .distantFuture, yearDays.end))
                func started(_ type: String) -> DataTable.Cell {
                    .number(Double(record.activities.count { $0.type == type && member.contains($0.start) }), decimals: 0)
                }
                row += [started("virksomhedspraktik"), started("ordinaere_timer")]
            }
            table.rows.append(row)
        }
        return "<h2>Alliancer</h2>" + table.html()
    }
}
