import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import IndsatsStore

/// *Puljer*: grant pools like Høje-Taastrup's "Flere skal med 2" (seed 002): the grant and its
/// instalments with their conditions and dates, spending recorded against the grant, the share
/// of the target group that reached paid hours or education (`puljeresultat`) against each
/// instalment's threshold with the kroner it releases, and the participants. A workbook for the
/// account to the state.
enum PoolPages {
    static let roles: [Role] = [.administrator, .leder, .analytiker, .medarbejder]
    /// Who adds participants (they know the citizens' ids) and who records spending (the accounts).
    static let enrollers: [Role] = [.administrator, .medarbejder]
    static let accountants: [Role] = [.administrator, .analytiker]

    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        routes.add(RouteRule(.get, "/puljer", roles: roles, purpose: "tilskudspuljer med resultat og udbetalinger")) { _, context in
            let register = try await cache.current()
            let hiding = context.user!.role.suppressesSmallNumbers
            var table = DataTable(
                caption: "Puljer",
                columns: [
                    .init("Pulje"), .init("Periode"), .init("Bevilling, kr."), .init("Deltagere"),
                    .init("Resultat", measure: .puljeresultat),
                    .init("Mål"), .init("Udløst af resultatet, kr."),
                ])
            for record in try store.pools() {
                let standing = PoolStanding(record, register)
                table.rows.append([
                    .link(record.pool.name, href: "/puljer/" + PageView.segment(record.pool.id)),
                    .text("\(record.pool.from.danish) til \(record.pool.to.danish)"), .number(record.pool.grant ?? 0, decimals: 0),
                    standing.count(standing.participants, hiding), standing.shareCell(hiding),
                    record.pool.targetShare.map(DataTable.Cell.percent) ?? .none, .number(standing.releasedByResult, decimals: 0),
                ])
            }
            let body: HTML = """
                <h1>Puljer</h1><p class="meta">Tilskudspuljer fra puljer.csv med deltagere (puljedeltagere.csv) og rater (puljerater.csv). \
                Resultatet er andelen af deltagerne, der har haft lønnede timer i mindst 30 dage eller er gået i uddannelse og \
                ikke på ydelse de næste 30 dage (<a href="/definitioner#puljeresultat">definition</a>).\(hiding ? " " + SmallNumbers.publishedNote : "")</p>\
                \(table.rows.isEmpty ? "<p>Ingen puljer er indlæst.</p>" : table.html())
                """
            return WebApplication.page(context, "Puljer", body)
        }
        routes.add(RouteRule(.get, "/api/v1/puljer", roles: roles, purpose: "puljerne med resultat, rater og forbrug som JSON")) {
            _, context in
            let register = try await cache.current()
            let hiding = context.user!.role.suppressesSmallNumbers
            let pools = try store.pools().map { json($0, PoolStanding($0, register), hiding: hiding) }
            return WebApplication.json("{\"puljer\":[\(pools.joined(separator: ","))]}")
        }
        routes.add(RouteRule(.get, "/puljer/:id", roles: roles, purpose: "én pulje: rater, forbrug, resultat og deltagere")) {
            _, context in
            try await poolPage(context, store, cache, error: nil)
        }
        routes.add(RouteRule(.get, "/puljer/:id/rapport.xlsx", roles: roles, purpose: "puljens regnskabsbilag som xlsx")) { _, context in
            let id = try context.parameters.require("id")
            guard let record = try store.pools().first(where: { $0.pool.id == id }) else { return notFound(context) }
            let user = context.user!
            let standing = PoolStanding(record, try await cache.current())
            let people = try participants(record, standing, user, store)
            try store.appendAudit(
                user: user.name, action: .eksport, person: nil,
                criteria: "pulje \(id) rapport xlsx"
                    + (people.shown.isEmpty ? "" : ": \(people.shown.count) borgere (\(people.shown.joined(separator: ",")))"),
                at: Date())
            let tables =
                [summary(record, standing, hiding: user.role.suppressesSmallNumbers), instalments(record, standing), spending(record)]
                + (people.table.map { [$0] } ?? [])
            return try DataTable.download(tables, name: "pulje-\(id)", format: "xlsx")
        }
        routes.addForm(RouteRule(.post, "/puljer/:id/forbrug", roles: accountants, purpose: "registrér forbrug af puljens bevilling")) {
            _, context, form in
            let id = try context.parameters.require("id")
            guard try store.pools().contains(where: { $0.pool.id == id }) else { return notFound(context) }
            let day = Day(parsing: (form["dato"] ?? "").trimmingSpaces)
            let amount = DanishFormat.parse((form["beloeb"] ?? "").trimmingSpaces)
            let text = (form["tekst"] ?? "").trimmingSpaces
            guard let day, let amount, amount > 0, !text.isEmpty else {
                return try await poolPage(
                    context, store, cache,
                    error: "Forbruget blev ikke gemt: skriv en dato (ÅÅÅÅ-MM-DD), et beløb over 0 (fx 12.500,50) og hvad det dækker.",
                    status: .badRequest)
            }
            let user = context.user!
            try store.recordPoolSpending(poolID: id, PoolSpending(day: day, amount: amount, text: text, user: user.name), at: Date())
            try store.appendAudit(
                user: user.name, action: .aendring, person: nil, criteria: "puljeforbrug pulje=\(id) dato=\(day.iso) beloeb=\(amount)",
                at: Date())
            return Response(status: .seeOther, headers: [.location: "/puljer/" + PageView.segment(id)])
        }
        routes.addForm(RouteRule(.post, "/puljer/:id/deltagere", roles: enrollers, purpose: "tilføj en borger til puljens målgruppe")) {
            _, context, form in
            let id = try context.parameters.require("id")
            guard try store.pools().contains(where: { $0.pool.id == id }) else { return notFound(context) }
            var row = ["pulje_id": id]
            for name in ["person_id", "fra", "til"] { row[name] = (form[name] ?? "").trimmingSpaces }
            let register = try await cache.current()
            let (records, problems) = ContractRows.read(.puljedeltagere, [row], reference: register.reference)
            let known = try row["person_id"].map { try store.personCourse(id: $0) != nil } ?? false
            guard problems.isEmpty, known, case .poolParticipant(let participant)? = records.first else {
                let reasons =
                    problems.map { "\($0.column): \($0.reason)" } + (known || !problems.isEmpty ? [] : ["person_id: borgeren findes ikke"])
                return try await poolPage(
                    context, store, cache, error: "Deltageren blev ikke gemt: " + reasons.joined(separator: "; "), status: .badRequest)
            }
            try store.importSession { session in
                try session.write(.poolParticipant(participant))
                return true
            }
            let user = context.user!
            try store.appendAudit(
                user: user.name, action: .aendring, person: participant.personID,
                criteria: "puljedeltager pulje=\(id) fra=\(participant.from.iso)",
                at: Date())
            return Response(status: .seeOther, headers: [.location: "/puljer/" + PageView.segment(id)])
        }
    }

    /// A pool as JSON: no citizen, and for `hiding` roles no count or share resting on fewer than five participants.
    static func json(_ record: PoolRecord, _ standing: PoolStanding, hiding: Bool) -> String {
        func number(_ x: Double?) -> String { x.map { "\($0)" } ?? "null" }
        let shown = !(hiding && SmallNumbers.hiddenCount(standing.participants) != nil)
        let p = record.pool
        let instalments = record.instalments.map { i in
            "{\"rate\":\(i.number),\"andel\":\(i.share),\"beloeb\":\(number(p.grant.map { $0 * i.share })),"
                + "\"resultat_andel\":\(number(i.resultShare)),\"betingelse\":\(i.condition.map(JSONText.string) ?? "null"),"
                + "\"forfald\":\(i.due.map { "\"\($0.iso)\"" } ?? "null"),"
                + "\"resultatkrav_naaet\":\(i.resultShare.map { "\(standing.meets($0))" } ?? "null")}"
        }
        return
            "{\"pulje_id\":\(JSONText.string(p.id)),\"navn\":\(JSONText.string(p.name)),\"fra\":\"\(p.from.iso)\",\"til\":\"\(p.to.iso)\","
            + "\"bevilling\":\(number(p.grant)),\"maal_andel\":\(number(p.targetShare)),"
            + "\"deltagere\":\(shown ? "\(standing.participants)" : "null"),\"resultat\":\(shown ? number(standing.share) : "null"),"
            + "\"udloest_af_resultat\":\(standing.releasedByResult),\"forbrugt\":\(record.spent),\"rater\":[\(instalments.joined(separator: ","))]}"
    }

    static func notFound(_ context: AppContext) -> Response {
        WebApplication.page(
            context, "Pulje", status: .notFound, "<h1>Pulje</h1><p>Puljen findes ikke. <a href=\"/puljer\">Alle puljer</a></p>")
    }

    /// The pool's page; citizens shown are a person-level read, audited with their ids.
    static func poolPage(
        _ context: AppContext, _ store: any DataStore, _ cache: RegisterCache, error: String?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let record = try store.pools().first(where: { $0.pool.id == id }) else { return notFound(context) }
        let user = context.user!
        let hiding = user.role.suppressesSmallNumbers
        let standing = PoolStanding(record, try await cache.current())
        let people = try participants(record, standing, user, store)
        try store.appendAudit(
            user: user.name, action: .laesning, person: people.shown.count == 1 ? people.shown[0] : nil,
            criteria: "pulje \(id)"
                + (people.shown.isEmpty ? "" : ": \(people.shown.count) borgere vist (\(people.shown.joined(separator: ",")))"),
            at: Date())
        let csrf = context.session?.csrfToken ?? ""
        let p = record.pool
        var body: HTML = """
            <h1>\(p.name)</h1>
            <p class="meta">\(p.from.danish) til \(p.to.danish) · Bevilling \(DanishFormat.number(p.grant ?? 0, decimals: 0)) kr.\
            \(p.targetShare.map { " · Mål: \(DanishFormat.number($0 * 100)) % af målgruppen i job eller uddannelse" } ?? "") · \
            <a href="/puljer/\(PageView.segment(p.id))/rapport.xlsx">Regnskabsbilag (xlsx)</a></p>
            """
        if let error { body += "<p class=\"fejl\" role=\"alert\">\(error)</p>" }
        body += summary(record, standing, hiding: hiding).html() + instalments(record, standing).html()
        body += "<h2>Forbrug</h2>" + spending(record).html()
        if accountants.contains(user.role) {
            body += """
                <form method="post" action="/puljer/\(PageView.segment(p.id))/forbrug" class="filtre">\(HTML.csrfField(csrf))\
                <label>Dato <input type="date" name="dato" required></label> <label>Beløb, kr. <input name="beloeb" inputmode="decimal" required></label> \
                <label>Dækker <input name="tekst" required></label> <button type="submit">Gem forbrug</button></form>
                """
        }
        body += "<h2>Deltagere</h2>"
        body +=
            people.table?.html()
            ?? "<p>\(hiding ? "Deltagerne vises ikke for din rolle; se antal og resultat ovenfor." : "Ingen deltagere endnu.")</p>"
        if enrollers.contains(user.role) {
            body += """
                <form method="post" action="/puljer/\(PageView.segment(p.id))/deltagere" class="filtre">\(HTML.csrfField(csrf))\
                <label>Borger (person_id) <input name="person_id" required></label> <label>Fra <input type="date" name="fra" required></label> \
                <label>Til <input type="date" name="til"></label> <button type="submit">Tilføj deltager</button></form>
                """
        }
        return WebApplication.page(context, p.name, status: status, body)
    }

    /// The pool's figures: participants, the result against the target, spending against the grant.
    static func summary(_ record: PoolRecord, _ standing: PoolStanding, hiding: Bool) -> DataTable {
        var table = DataTable(caption: "Resultat og forbrug", columns: [.init("Nøgletal"), .init("Værdi")])
        table.rows = [
            [.text("Deltagere"), standing.count(standing.participants, hiding)],
            [.link("Resultat (andel i job eller uddannelse)", href: "/definitioner#puljeresultat"), standing.shareCell(hiding)],
            [.text("Mål"), record.pool.targetShare.map(DataTable.Cell.percent) ?? .none],
            [.text("Bevilling, kr."), .number(record.pool.grant ?? 0, decimals: 0)],
            [.text("Forbrugt, kr."), .number(record.spent, decimals: 2)],
            [.text("Rest af bevillingen, kr."), .number((record.pool.grant ?? 0) - record.spent, decimals: 2)],
            [.text("Udløst af resultatet indtil nu, kr."), .number(standing.releasedByResult, decimals: 0)],
        ]
        table.note = "Resultatet måles til datadatoen \(standing.day.danish) på registret; raterne udløses af puljens egne tærskler."
        return table
    }

    /// Each instalment with its amount, its conditions and whether the result so far meets its threshold.
    static func instalments(_ record: PoolRecord, _ standing: PoolStanding) -> DataTable {
        var table = DataTable(
            caption: "Rater",
            columns: [
                .init("Rate"), .init("Andel"), .init("Beløb, kr."), .init("Resultatkrav"), .init("Betingelse"), .init("Forfald"),
                .init("Status"),
            ])
        for i in record.instalments {
            let status: String
            if let threshold = i.resultShare {
                status = standing.meets(threshold) ? "Resultatkravet er nået" : "Resultatkravet er ikke nået endnu"
            } else {
                status = "Intet resultatkrav"
            }
            table.rows.append([
                .number(Double(i.number), decimals: 0), .percent(i.share), .number(i.share * (record.pool.grant ?? 0), decimals: 0),
                i.resultShare.map(DataTable.Cell.percent) ?? .text("–"), .text(i.condition ?? "–"), .text(i.due?.danish ?? "–"),
                .text(status),
            ])
        }
        if record.instalments.isEmpty { table.note = "Ingen rater er indlæst (puljerater.csv)." }
        return table
    }

    /// The spending recorded against the grant, oldest first.
    static func spending(_ record: PoolRecord) -> DataTable {
        var table = DataTable(
            caption: "Forbrug af bevillingen", columns: [.init("Dato"), .init("Beløb, kr."), .init("Dækker"), .init("Registreret af")])
        table.rows = record.spending.map { [.text($0.day.danish), .number($0.amount, decimals: 2), .text($0.text), .text($0.user)] }
        if record.spending.isEmpty { table.note = "Intet forbrug registreret endnu." }
        return table
    }

    /// The participants as the user may see them: ids for caseworkers and administrators (a caseworker
    /// the citizens of their own unit), pseudonyms for analysts, none for leaders; and the ids shown.
    static func participants(_ record: PoolRecord, _ standing: PoolStanding, _ user: User, _ store: any DataStore) throws -> (
        table: DataTable?, shown: [String]
    ) {
        guard user.role.seesPersons else { return (nil, []) }
        var people = record.participants
        if user.role.limitedToOwnUnit {
            let units = try store.currentUnits(of: people.map(\.personID))
            people = people.filter { units[$0.personID] == user.unit }
        }
        guard !people.isEmpty else { return (nil, []) }
        let names = user.role.seesPseudonymsOnly ? Pseudonyms(key: try store.pseudonymKey()) : nil
        var table = DataTable(caption: "Deltagere", columns: [.init("Borger"), .init("Fra"), .init("Til"), .init("Resultat nået")])
        for m in people {
            let shown = names?.of(m.personID) ?? m.personID
            let cell: DataTable.Cell = names == nil ? .link(shown, href: "/borgere/" + PageView.segment(m.personID)) : .text(shown)
            table.rows.append([
                cell, .text(m.from.danish), .text(m.to?.danish ?? "–"), .text(standing.achieved[m.personID] == true ? "ja" : "nej"),
            ])
        }
        return (table, people.map(\.personID))
    }
}

/// A pool's standing on the register: participants, those who achieved, and the kroner the result releases.
struct PoolStanding {
    let participants: Int
    let achievedCount: Int
    /// By person id.
    let achieved: [String: Bool]
    let releasedByResult: Double
    let day: Day

    init(_ record: PoolRecord, _ register: Register) {
        achieved = KPIEngine(register).poolAchievements(poolID: record.pool.id)
        participants = achieved.count
        achievedCount = achieved.values.count { $0 }
        day = WebApplication.pageDay(register)
        let share = participants == 0 ? 0 : Double(achievedCount) / Double(participants)
        releasedByResult = record.instalments.filter { i in i.resultShare.map { share >= $0 } ?? false }
            .reduce(0) { $0 + $1.share * (record.pool.grant ?? 0) }
    }

    var share: Double? { participants == 0 ? nil : Double(achievedCount) / Double(participants) }

    func meets(_ threshold: Double) -> Bool { (share ?? 0) >= threshold }

    /// The result share, hidden for `hiding` roles when it rests on fewer than five participants.
    func shareCell(_ hiding: Bool) -> DataTable.Cell {
        guard let share else { return .none }
        return hiding && SmallNumbers.hiddenCount(participants) != nil ? .hidden : .percent(share)
    }

    func count(_ n: Int, _ hiding: Bool) -> DataTable.Cell {
        hiding && SmallNumbers.hiddenCount(n) != nil ? .hidden : .number(Double(n), decimals: 0)
    }
}
