import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsExchange
import IndsatsStore

/// The person-level pages and API: a list of persons on a benefit, a search by
/// CPR number, person id or pseudonym (sent by POST, so no CPR number ever
/// stands in a URL or a server log), and one person's course.
///
/// Who sees what follows the role: a caseworker (`medarbejder`) only persons
/// whose current unit is their own; an analyst only pseudonyms, birth years and
/// no CPR numbers; managers and the committee no persons at all. Every list,
/// search and read is written to the audit log.
enum PersonPages {
    /// The most persons a list shows.
    static let listLimit = 500

    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        let pseudonyms = PseudonymIndex(store: store)

        routes.add(RouteRule(.get, "/borgere", roles: Role.personReaders, purpose: "borgere på en ydelse en given dag, og søgning")) {
            request, context in
            let user = context.user!
            let register = try await cache.current()
            let q = request.uri.queryParameters
            let benefit = q["ydelse"].map(String.init) ?? register.reference.codes(.ydelse).first?.code ?? ""
            guard register.reference.code(.ydelse, benefit) != nil else {
                return WebApplication.page(
                    context, "Borgere", status: .badRequest, "<h1>Borgere</h1><p class=\"fejl\">Ydelsen '\(benefit)' kendes ikke.</p>")
            }
            var day = register.dataDate ?? WebApplication.defaultWindow(nil).end
            if let text = q["dag"] {
                guard let chosen = Day(parsing: String(text)) else {
                    return WebApplication.page(
                        context, "Borgere", status: .badRequest, "<h1>Borgere</h1><p class=\"fejl\">Datoen skal skrives åååå-mm-dd.</p>")
                }
                day = chosen
            }
            let unit = user.role.limitedToOwnUnit ? (user.unit ?? "") : nil
            let (total, persons) = try store.persons(onBenefit: benefit, at: day, unit: unit, limit: listLimit)
            try store.appendAudit(
                user: user.name, action: .soegning, person: nil,
                criteria: "borgerliste ydelse=\(benefit) dag=\(day.iso)" + (unit.map { " enhed=\($0)" } ?? ""), at: Date())
            let names = try user.role.seesPseudonymsOnly ? await pseudonyms.pseudonyms() : nil
            return WebApplication.page(
                context, "Borgere",
                PersonListPage(
                    user: user, csrf: context.session?.csrfToken ?? "", benefit: benefit, day: day,
                    total: total, persons: persons, pseudonyms: names, reference: register.reference
                ).body())
        }

        routes.addForm(
            RouteRule(.post, "/borgere/soeg", roles: Role.personReaders, purpose: "søg en borger på CPR-nummer, person-id eller pseudonym")
        ) {
            _, context, form in
            let user = context.user!
            let text = (form["soeg"] ?? "").trimmingCharacters(in: .whitespaces)
            let found: String?
            let criteria: String
            if user.role.seesPseudonymsOnly {
                guard Pseudonyms.looksLikePseudonym(text) else {
                    return WebApplication.page(
                        context, "Søg borger", status: .badRequest,
                        "<h1>Søg borger</h1><p class=\"fejl\">Som analytiker søger du på pseudonym (PS-…), ikke på CPR-nummer eller person-id.</p>"
                    )
                }
                found = try await pseudonyms.person(for: text)
                criteria = "pseudonym \(text)"
            } else if let digits = CPRText.digits(in: text) {
                // However it is spelt; the audit log keeps only the number's keyed hash.
                found = (try? CPRNumber.parse(digits)) == nil ? nil : try store.personID(cpr: digits)
                criteria = "CPR-nummer \(digits)"
            } else if Pseudonyms.looksLikePseudonym(text) {
                // Only a role that sees pseudonyms may turn one into a person.
                return WebApplication.page(
                    context, "Søg borger", status: .badRequest,
                    "<h1>Søg borger</h1><p class=\"fejl\">Søg på CPR-nummer eller person-id; pseudonymer bruges kun af analytikere.</p>")
            } else {
                found = try store.personCourse(id: text) == nil ? nil : text
                criteria = "person_id \(text)"
            }
            // Resolved, then authorised, before anything about the person is answered.
            if let found, user.role.limitedToOwnUnit, try store.personCourse(id: found)?.currentUnit != user.unit || user.unit == nil {
                try store.appendAudit(
                    user: user.name, action: .soegning, person: found, criteria: "borgersøgning: \(criteria) afvist: anden enhed",
                    at: Date())
                return notFound(context)
            }
            try store.appendAudit(user: user.name, action: .soegning, person: found, criteria: "borgersøgning: \(criteria)", at: Date())
            guard let found else { return notFound(context) }
            let reference = user.role.seesPseudonymsOnly ? try await pseudonyms.pseudonyms().of(found) : found
            return Response(status: .seeOther, headers: [.location: "/borgere/" + PageView.segment(reference)])
        }

        routes.add(
            RouteRule(.get, "/borgere/:ref", roles: Role.personReaders, purpose: "én borgers forløb: ydelser, aktiviteter og samtaler")
        ) {
            _, context in
            switch try await read(context, store: store, pseudonyms: pseudonyms, via: "borgerside") {
            case .refused(let status, let message):
                return WebApplication.page(
                    context, "Borger", status: status,
                    "<h1>Borger</h1><p class=\"fejl\">\(message)</p><p><a href=\"/borgere\">Tilbage</a></p>")
            case .course(let course, let names):
                let register = try await cache.current()
                var page = PersonPage(course: course, role: context.user!.role, pseudonyms: names, reference: register.reference)
                page.screeningDay = register.dataDate
                page.csrf = context.session?.csrfToken
                return WebApplication.page(context, "Borger", page.body())
            }
        }

        routes.addForm(
            RouteRule(.post, "/borgere/:ref/screening", roles: PersonPage.screeners, purpose: "gem en screening af borgeren (gruppe 1-3)")
        ) { _, context, form in
            guard case .course(let course, let names) = try await read(context, store: store, pseudonyms: pseudonyms, via: "screening")
            else {
                return WebApplication.page(
                    context, "Borger", status: .notFound, "<h1>Borger</h1><p class=\"fejl\">Borgeren findes ikke.</p>")
            }
            let register = try await cache.current()
            let user = context.user!
            let day = WebApplication.pageDay(register)
            // The advice is the model's on the server, whatever the form says.
            let advice = ScreeningModel.advise(periods: course.benefits, birthDate: course.person.birthDate, on: day)
            let group = form["gruppe"] ?? "", reason = (form["begrundelse"] ?? "").trimmingSpaces
            var problem: String?
            if !["1", "2", "3"].contains(group) {
                problem = "Vælg gruppe 1, 2 eller 3."
            } else if let advice, advice.group != group, reason.isEmpty {
                problem = "Afgørelsen (gruppe \(group)) afviger fra forslaget (gruppe \(advice.group)): skriv begrundelsen."
            }
            if let problem {
                var page = PersonPage(course: course, role: user.role, pseudonyms: names, reference: register.reference)
                (page.screeningDay, page.csrf, page.typed, page.error) = (day, context.session?.csrfToken, form.fields, problem)
                return WebApplication.page(context, "Borger", status: .badRequest, page.body())
            }
            let staffID = try store.staffMembers().contains { $0.id == user.name } ? user.name : nil
            let screening = Screening(
                personID: course.person.id, date: day, group: group, advice: advice?.group, staffID: staffID,
                reason: reason.isEmpty ? nil : reason)
            try store.importSession { session in
                try session.write(.screening(screening))
                return true
            }
            try store.appendAudit(
                user: user.name, action: .aendring, person: course.person.id,
                criteria: "screening \(day.iso): gruppe \(group), forslag \(advice?.group ?? "intet")", at: Date())
            let reference = names?.of(course.person.id) ?? course.person.id
            return Response(status: .seeOther, headers: [.location: "/borgere/" + PageView.segment(reference)])
        }

        routes.add(RouteRule(.get, "/api/v1/borgere/:ref", roles: Role.personReaders, purpose: "én borgers forløb som JSON")) {
            _, context in
            switch try await read(context, store: store, pseudonyms: pseudonyms, via: "api") {
            case .refused(let status, let message):
                return WebApplication.problem(status, message)
            case .course(let course, let names):
                return WebApplication.json(
                    PersonPage(course: course, role: context.user!.role, pseudonyms: names, reference: .defaults).json())
            }
        }
    }

    enum Read {
        case course(PersonCourse, Pseudonyms?)
        case refused(HTTPResponse.Status, String)
    }

    /// The course behind the route's `ref`, if the user may read it; the read (or its refusal) is audited.
    static func read(_ context: AppContext, store: any DataStore, pseudonyms: PseudonymIndex, via: String) async throws -> Read {
        let user = context.user!
        let ref = try context.parameters.require("ref")
        let names = user.role.seesPseudonymsOnly ? try await pseudonyms.pseudonyms() : nil
        // An analyst's address names a pseudonym; an id there is not found (and not confirmed to exist).
        // Other roles' addresses name an id: a pseudonym is never turned into a person for them.
        let id = names == nil ? ref : Pseudonyms.looksLikePseudonym(ref) ? try await pseudonyms.person(for: ref) : nil
        guard let id, let course = try store.personCourse(id: id) else { return .refused(.notFound, "borgeren findes ikke") }
        if user.role.limitedToOwnUnit && (user.unit == nil || course.currentUnit != user.unit) {
            try store.appendAudit(user: user.name, action: .laesning, person: id, criteria: "\(via) afvist: anden enhed", at: Date())
            return .refused(.forbidden, "borgeren hører ikke under din enhed")
        }
        try store.appendAudit(user: user.name, action: .laesning, person: id, criteria: via, at: Date())
        return .course(course, names)
    }

    /// The same answer whether nobody has the number or the person is outside the caseworker's unit.
    static func notFound(_ context: AppContext) -> Response {
        let scope = context.user?.role.limitedToOwnUnit == true ? " i din enhed" : ""
        return WebApplication.page(
            context, "Søg borger", status: .notFound,
            "<h1>Søg borger</h1><p>Ingen borger fundet\(scope). <a href=\"/borgere\">Tilbage</a></p>")
    }
}

/// Every person's pseudonym and back, made once per data version (an analyst's
/// address names a pseudonym, and only the key can find the person behind it).
actor PseudonymIndex {
    let store: any DataStore
    private var names: Pseudonyms?
    private var version = -1
    private var persons: [String: String] = [:]

    init(store: any DataStore) { self.store = store }

    func pseudonyms() throws -> Pseudonyms {
        if let names { return names }
        let made = Pseudonyms(key: try store.pseudonymKey())
        names = made
        return made
    }

    func person(for pseudonym: String) throws -> String? {
        let latest = try store.dataVersion()
        if latest != version {
            let names = try pseudonyms()
            var index: [String: String] = [:]
            try store.forEachPersonID { index[names.of($0)] = $0 }
            persons = index
            version = latest
        }
        return persons[pseudonym]
    }
}

/// The list of persons on a benefit, with the search form.
struct PersonListPage {
    var user: User
    var csrf: String
    var benefit: String
    var day: Day
    var total: Int
    var persons: [PersonOnBenefit]
    /// Set for analysts: persons are shown by pseudonym.
    var pseudonyms: Pseudonyms?
    var reference: ReferenceData

    func body() -> HTML {
        let searchLabel = pseudonyms == nil ? "CPR-nummer eller person-id" : "Pseudonym (PS-…)"
        let scope =
            if pseudonyms != nil {
                "Du ser borgerne under pseudonym: uden CPR-nummer, navn og person-id."
            } else if user.role.limitedToOwnUnit {
                user.unit.map { "Du ser borgere, der hører under din enhed: \($0)." }
                    ?? "Din bruger har ingen enhed; bed en administrator om at give den en."
            } else {
                "Du ser alle borgere."
            }
        let options = HTML.options(reference.codes(.ydelse).map { ($0.code, $0.name) }, selected: benefit)
        var rows: HTML = ""
        for person in persons {
            let shown = pseudonyms?.of(person.personID) ?? person.personID
            rows += "<tr><td><a href=\"/borgere/\(PageView.segment(shown))\">\(shown)</a></td>"
            rows += "<td>\(reference.name(.ydelse, person.benefit))</td><td>\(person.start.danish)</td><td>\(person.unit ?? "–")</td></tr>"
        }
        let shownCount =
            persons.count < total
            ? "De første \(DanishFormat.integer(persons.count)) af \(DanishFormat.integer(total)) borgere"
            : "\(DanishFormat.integer(total)) borgere"
        return """
            <h1>Borgere</h1>
            <p class="meta">\(scope) Opslag og søgninger skrives i auditloggen.</p>
            <form method="post" action="/borgere/soeg" class="soeg">
            \(HTML.csrfField(csrf))
            <label for="soeg">\(searchLabel)</label> <input id="soeg" name="soeg" autocomplete="off" required>
            <button type="submit">Søg</button>
            </form>
            <form method="get" action="/borgere" class="filtre">
            <label for="ydelse">Ydelse</label> <select id="ydelse" name="ydelse">\(options)</select>
            <label for="dag">Dag</label> <input id="dag" name="dag" type="date" value="\(day.iso)">
            <button type="submit">Vis</button>
            </form>
            <div class="table-wrap"><table><caption>\(shownCount) på \(reference.name(.ydelse, benefit)) den \(day.danish)</caption>
            <thead><tr><th scope="col">Borger</th><th scope="col">Ydelse</th><th scope="col">På ydelsen siden</th><th scope="col">Enhed</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }
}

/// One person's course, as a page and as JSON, shown as the role may see it.
struct PersonPage {
    var course: PersonCourse
    var role: Role
    var pseudonyms: Pseudonyms?
    var reference: ReferenceData
    /// The day a screening recorded now is dated (the data date), and the form's token; `nil`: no form.
    var screeningDay: Day?
    var csrf: String?
    /// What the screening form shows again after a refusal.
    var typed: [String: String] = [:]
    var error: String?

    var shownID: String { pseudonyms?.of(course.person.id) ?? course.person.id }

    /// Who records screenings on the page: caseworkers and administrators.
    static let screeners: [Role] = [.administrator, .medarbejder]

    /// Earlier screenings, the model's advice with its reasons, and for caseworkers the form.
    func screeningSection() -> HTML {
        let earlier = table(
            "Screeninger", ["Dato", "Gruppe", "Forslag", "Medarbejder", "Begrundelse"],
            course.screenings.map { [$0.date.danish, $0.group, $0.advice ?? "–", $0.staffID ?? "–", $0.reason ?? "–"] })
        guard let day = screeningDay,
            let advice = ScreeningModel.advise(periods: course.benefits, birthDate: course.person.birthDate, on: day)
        else { return earlier }
        let reasons = advice.reasons.map { reason -> HTML in "<li>\(reason.0): \(reason.1) point</li>" }.joined()
        var out: HTML = """
            \(earlier)<h3>Forslag den \(day.danish): gruppe \(advice.group)</h3>            <p class="meta">Modellen lægger point sammen (0-1: gruppe 1, 2-3: gruppe 2, 4 og derover: gruppe 3;             <a href="/screening">modellen og dens træfsikkerhed</a>). Køn, nationalitet og etnicitet indgår ikke. I alt \(advice.score) point:</p>            <ul>\(reasons)</ul>
            """
        guard Self.screeners.contains(role), let csrf else { return out }
        if let error { out += "<p class=\"fejl\" role=\"alert\">\(error)</p>" }
        let groups = HTML.options(["1", "2", "3"].map { ($0, "Gruppe \($0)") }, selected: typed["gruppe"] ?? advice.group)
        out += """
            <form method="post" action="/borgere/\(PageView.segment(shownID))/screening">\(HTML.csrfField(csrf))            <input type="hidden" name="forslag" value="\(advice.group)">            <label>Afgørelse <select name="gruppe">\(groups)</select></label>             <label>Begrundelse (kræves, når afgørelsen afviger fra forslaget) <input name="begrundelse" value="\(typed["begrundelse"] ?? "")" size="40"></label>             <button type="submit">Gem screening</button></form>
            """
        return out
    }

    func body() -> HTML {
        let p = course.person
        var facts: [(String, String)] = []
        if pseudonyms == nil {
            facts.append(("Person-id", p.id))
            facts.append(("CPR-nummer", p.cpr.map { "\($0.prefix(6))-\($0.dropFirst(6))" } ?? "–"))
            facts.append(("Fødselsdato", p.birthDate?.danish ?? "–"))
        } else {
            facts.append(("Pseudonym", shownID))
            facts.append(("Fødselsår", p.birthDate.map { String($0.components.year) } ?? "–"))
        }
        facts.append(("Køn", p.sex == "K" ? "Kvinde" : p.sex == "M" ? "Mand" : "–"))
        facts.append(("Kommune", p.municipality ?? "–"))
        facts.append(("CV opdateret", p.cvDate?.danish ?? "–"))
        facts.append(("Enhed nu", course.currentUnit ?? "–"))
        let dl = facts.map { fact -> HTML in "<dt>\(fact.0)</dt><dd>\(fact.1)</dd>" }.joined()

        let benefits = table(
            "Ydelsesforløb", ["Ydelse", "Start", "Slut", "Afgang"],
            course.benefits.map {
                [
                    reference.name(.ydelse, $0.benefit), $0.start.danish, $0.end?.danish ?? "åben",
                    $0.exitReason.map { reference.name(.afgang, $0) } ?? "–",
                ]
            })
        let activities = table(
            "Aktiviteter", ["Type", "Start", "Slut", "Timer pr. uge", "Indsats", "Enhed"],
            course.activities.map {
                [
                    reference.name(.aktivitetstype, $0.type), $0.start.danish, $0.end?.danish ?? "åben",
                    $0.hoursPerWeek.map { DanishFormat.number($0) } ?? "–",
                    $0.initiativeID ?? "–", $0.unit ?? "–",
                ]
            })
        let conversations = table(
            "Samtaler", ["Dato", "Type", "Medarbejder", "Enhed", "Kanal"],
            course.conversations.map {
                [$0.date.danish, $0.type, $0.staffID ?? "–", $0.unit ?? "–", $0.channel ?? "–"]
            })
        return """
            <h1>Borger \(shownID)</h1>
            <p class="meta">Opslaget er skrevet i auditloggen. <a href="/borgere">Tilbage til borgere</a></p>
            <dl class="fakta">\(dl)</dl>
            \(benefits)
            \(activities)
            \(conversations)
            \(screeningSection())
            """
    }

    private func table(_ caption: String, _ headers: [String], _ rows: [[String]]) -> HTML {
        guard !rows.isEmpty else { return "<h2>\(caption)</h2><p>Ingen.</p>" }
        let head = headers.map { heading -> HTML in "<th scope=\"col\">\(heading)</th>" }.joined()
        let body = rows.map { row -> HTML in "<tr>\(row.map { cell -> HTML in "<td>\(cell)</td>" }.joined())</tr>" }.joined()
        return
            "<h2>\(caption)</h2><div class=\"table-wrap\"><table><caption>\(caption)</caption><thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table></div>"
    }

    /// The course as JSON: `person` (an id, or a pseudonym for analysts), then the rows with ISO dates and codes.
    func json() -> String {
        let p = course.person
        func field(_ name: String, _ value: String?) -> String { "\"\(name)\":" + (value.map(JSONText.string) ?? "null") }
        var person = [field("person", shownID)]
        if pseudonyms == nil {
            person += [field("cpr", p.cpr), field("foedselsdato", p.birthDate?.iso)]
        } else {
            person.append("\"foedselsaar\":" + (p.birthDate.map { String($0.components.year) } ?? "null"))
        }
        person += [
            field("koen", p.sex), field("kommune", p.municipality), field("cv_dato", p.cvDate?.iso), field("enhed", course.currentUnit),
        ]
        let benefits = course.benefits.map {
            "{"
                + [field("ydelse", $0.benefit), field("start", $0.start.iso), field("slut", $0.end?.iso), field("afgang", $0.exitReason)]
                .joined(separator: ",") + "}"
        }
        let activities = course.activities.map {
            "{"
                + [
                    field("type", $0.type), field("start", $0.start.iso), field("slut", $0.end?.iso),
                    "\"timer_pr_uge\":" + ($0.hoursPerWeek.map { String($0) } ?? "null"), field("indsats_id", $0.initiativeID),
                    field("enhed", $0.unit),
                ]
                .joined(separator: ",") + "}"
        }
        let conversations = course.conversations.map {
            "{"
                + [
                    field("dato", $0.date.iso), field("type", $0.type), field("medarbejder", $0.staffID), field("enhed", $0.unit),
                    field("kanal", $0.channel),
                ]
                .joined(separator: ",") + "}"
        }
        return "{" + person.joined(separator: ",") + ",\"ydelsesforloeb\":[\(benefits.joined(separator: ","))]"
            + ",\"aktiviteter\":[\(activities.joined(separator: ","))],\"samtaler\":[\(conversations.joined(separator: ","))]}"
    }
}
