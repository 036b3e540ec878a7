import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAccess
import IndsatsCore
import IndsatsExchange
import IndsatsStore
import IndsatsTestSupport
import Testing

@testable import IndsatsWeb

/// The holes an outside review demonstrated (issue 15), each as the reviewer tried it.
@Suite("Sikkerhedsgennemgangens fund")
struct ReviewFindingTests {
    @Test(
        "A leader's answer states no count beside a hidden cell, and a day window or two filter values are refused (they gave hidden cells by differencing)"
    )
    func noCountBesideHiddenCells() async throws {
        let store = try sampleStore()
        let allowed = "/api/v1/kpi/tilgang?fra=2024-02-01&til=2024-02-29&periode=maaned&filter=ydelse=sygedagpenge"
        try await app(store).test(.router) { client in
            let leader = try await logIn(client, store, as: .leder)
            let (status, json) = try await get(client, allowed, leader)
            #expect(status == .ok && json.contains("\"kilderaekker\":null") && json.contains("\"undertrykt\":true"), "\(json)")
            let (_, table) = try await get(client, allowed + "&format=tabel", leader)
            #expect(!table.contains("Kilderækker") && table.contains(".."))
            for refused in [
                "/api/v1/kpi/tilgang?fra=2024-02-01&til=2024-02-01&periode=hele&filter=ydelse=sygedagpenge",
                "/api/v1/kpi/tilgang?fra=2024-02-01&til=2024-02-28&periode=maaned",
                "/api/v1/kpi/tilgang?fra=2024-01-01&til=2024-12-31&periode=aar&filter=ydelse=dagpenge,sygedagpenge",
            ] {
                let (code, body) = try await get(client, refused, leader)
                #expect(code == .badRequest && body.contains("din rolle"), "\(refused): \(body)")
            }
            let analyst = try await logIn(client, store, as: .analytiker)
            #expect(try await get(client, allowed, analyst).1.contains("\"kilderaekker\":1"))
        }
    }

    @Test("Every POST route refuses a form without the session's CSRF token, before it does anything")
    func everyPostChecksCSRF() async throws {
        let store = try personStore()
        let rules = WebApplication.routeRules(store: store, cache: RegisterCache(store: store)).filter { $0.method == .post }
        #expect(rules.count >= 7)
        try await app(store).test(.router) { client in
            let cookie = try await logIn(client, store, as: .administrator)
            let before = try store.auditEntries(person: nil).count
            for rule in rules {
                let uri = rule.path.replacingOccurrences(of: ":nr", with: "JC%2008")
                for body in ["", "csrf=", "csrf=forkert&soeg=P1&status=vedtaget"] {
                    let status = try await post(client, uri, cookie, body).0
                    #expect(status == .forbidden, "\(rule.path) with '\(body)': \(status)")
                }
            }
            // Only the refused logins' lines: nothing else was done.
            #expect(try store.auditEntries(person: nil).dropFirst(before).allSatisfy { $0.action == .login_afvist })
        }
    }

    @Test(
        "A caseworker's search for a person of another unit, or by pseudonym, answers as for nobody; an address with a pseudonym finds no one"
    )
    func searchAuthorisesFirst() async throws {
        let store = try personStore()
        let pseudonym = Pseudonyms(key: try store.pseudonymKey()).of("P2")
        try await app(store).test(.router) { client in
            let worker = try await logIn(client, store, as: .medarbejder)
            let csrf = try store.sessionCSRF(worker)
            let other = try await post(client, "/borgere/soeg", worker, "csrf=\(csrf)&soeg=P2")
            let nobody = try await post(client, "/borgere/soeg", worker, "csrf=\(csrf)&soeg=P9")
            #expect(other.0 == .notFound && other.1 == nobody.1)
            #expect(try await post(client, "/borgere/soeg", worker, "csrf=\(csrf)&soeg=\(pseudonym)").0 == .badRequest)
            #expect(try await post(client, "/borgere/soeg", worker, "csrf=\(csrf)&soeg=P1").0 == .seeOther)
            let own = Pseudonyms(key: try store.pseudonymKey()).of("P1")
            #expect(try await get(client, "/borgere/\(own)", worker).0 == .notFound)
            #expect(try await get(client, "/api/v1/borgere/\(own)", worker).0 == .notFound)
        }
        let refused = try store.auditEntries(person: "P2").map { $0.criteria ?? "" }
        #expect(refused == ["borgersøgning: person_id P2 afvist: anden enhed"])
    }

    @Test("Every spelling of a CPR number is found, and the audit log holds only the same keyed hash for all of them")
    func cprNeverInClear() async throws {
        let store = try personStore()
        let spellings = ["010203 4005", "01.02.03-4005", "0102034005", "010203-4005", " 01 02 03 4005 "]
        try await app(store).test(.router) { client in
            let admin = try await logIn(client, store, as: .administrator)
            let csrf = try store.sessionCSRF(admin)
            for text in spellings {
                let sent = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                #expect(
                    try await client.execute(
                        uri: "/borgere/soeg", method: .post,
                        headers: [.cookie: admin, .contentType: "application/x-www-form-urlencoded"],
                        body: ByteBuffer(string: "csrf=\(csrf)&soeg=\(sent)")
                    ) { $0.headers[.location] } == "/borgere/P1", "\(text)")
            }
            // An unknown number and one typed as a user name at login are kept out too.
            _ = try await post(client, "/borgere/soeg", admin, "csrf=\(csrf)&soeg=311299-9999")
            let login = try await loginCSRF(client)
            _ = try await client.execute(
                uri: "/login", method: .post, headers: loginHeaders(login),
                body: ByteBuffer(string: "csrf=\(login)&brugernavn=0102034005&adgangskode=x")
            ) { $0.status }
        }
        let log = try store.auditEntries(person: nil)
        let hash = Pseudonyms(key: try store.pseudonymKey()).ofCPR("0102034005")
        for entry in log {
            let text = "\(entry.user) \(entry.criteria ?? "")"
            #expect(CPRText.scrub(text, keeping: [Pseudonyms.prefix, Pseudonyms.cprPrefix], replacing: { _ in "" }) == text, "\(text)")
        }
        #expect(log.filter { $0.criteria == "borgersøgning: CPR-nummer \(hash)" }.count == spellings.count)
        #expect(log.contains { $0.user == hash && $0.action == .login_afvist })
    }

    @Test("An unknown user, a locked user and a wrong password get the same status and answer")
    func sameAnswerForEveryRefusal() async throws {
        let store = try sampleStore()
        try store.saveUser(
            User(name: "laast", role: .leder, lockedUntil: Date().addingTimeInterval(600)), passwordHash: try Password.hash(testPassword))
        try store.saveUser(User(name: "anne", role: .leder), passwordHash: try Password.hash(testPassword))
        try await app(store).test(.router) { client in
            var answers: [String] = []
            for (name, password) in [("ingen", "x"), ("laast", testPassword), ("anne", "forkert")] {
                let csrf = try await loginCSRF(client)
                let sent = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                answers.append(
                    try await client.execute(
                        uri: "/login", method: .post, headers: loginHeaders(csrf),
                        body: ByteBuffer(string: "csrf=\(csrf)&brugernavn=\(name)&adgangskode=\(sent)")
                    ) { response in
                        // Each answer carries a fresh login token; everything else must be equal.
                        "\(response.status.code) " + String(buffer: response.body).replacing(/name="csrf" value="[0-9a-f]+"/, with: "")
                    })
            }
            #expect(Set(answers).count == 1)
            #expect(answers[0].hasPrefix("401 "))
        }
    }

    @Test("Changes on the web are audited with who, what, before and after")
    func changesAudited() async throws {
        let store = try ProposalPageTests().storeWithExamples()
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let csrf = try store.sessionCSRF(analyst)
            let status = try await post(client, "/forslag/JC%2008/status", analyst, "csrf=\(csrf)&status=vedtaget")
            #expect(status.0 == .seeOther)
            let rate = try await post(
                client, "/satser", analyst, "csrf=\(csrf)&tabel=satser&ydelse=dagpenge&fra=2024-01-01&maanedssats=20000")
            #expect(rate.0 == .seeOther, "\(rate.1)")
        }
        let changes = try store.auditEntries(person: nil).filter { $0.action == AuditAction.aendring }.map {
            "\($0.user) \($0.criteria ?? "")"
        }
        #expect(changes.count == 2)
        #expect(changes.first == "analytiker forslag JC 08 status; før: forslag; efter: vedtaget")
        #expect(changes.last?.hasPrefix("analytiker satser; før: ") == true)
    }

    @Test("A multipart body whose part ends where it starts is refused, and the server goes on (it trapped before)")
    func emptyMultipartPart() async throws {
        let store = try sampleStore()
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            let csrf = try store.sessionCSRF(analyst)
            for body in [
                "--XX\r\nContent-Disposition: form-data; name=\"fil\"\r\n\r\n--XX--",
                "--XX\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n--XX\r\nContent-Disposition: form-data; name=\"fil\"\r\n\r\n--XX--",
            ] {
                let status = try await client.execute(
                    uri: "/forslag/indlaes", method: .post,
                    headers: [.cookie: analyst, .contentType: "multipart/form-data; boundary=XX"],
                    body: ByteBuffer(string: body)
                ) { $0.status }
                #expect(status == .forbidden || status == .badRequest)
            }
            #expect(try await get(client, "/health", analyst).0 == .ok)
        }
    }

    @Test("Every answer carries the security headers: a strict CSP without script, nosniff, no framing, same-origin referrer, no-store")
    func securityHeaders() async throws {
        let store = try sampleStore()
        try await app(store).test(.router) { client in
            let leader = try await logIn(client, store, as: .leder)
            for uri in ["/", "/login", "/api/v1/kpi/personer?fra=2024-01-01&til=2024-03-31", "/api/v1/kpi/ukendt", "/ingen/side", "/maal"] {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: leader]) { response in
                    let csp = response.headers[.contentSecurityPolicy] ?? ""
                    #expect(
                        csp.hasPrefix("default-src 'none'; style-src 'sha256-") && csp.contains("frame-ancestors 'none'")
                            && !csp.contains("script-src"), "\(uri)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                    #expect(response.headers[.cacheControl] == "no-store", "\(uri)")
                    #expect(response.headers[SecurityHeadersMiddleware.referrerPolicy] == "same-origin", "\(uri)")
                    #expect(response.headers[SecurityHeadersMiddleware.frameOptions] == "DENY", "\(uri)")
                }
            }
        }
    }

    @Test("A script in a query parameter never comes back unescaped (it did on /maal?plan=)")
    func reflectedScript() async throws {
        let store = try sampleStore()
        try await app(store).test(.router) { client in
            let leader = try await logIn(client, store, as: .leder)
            let script = "%22%3E%3Cscript%3Ealert(1)%3C/script%3E"
            for path in [
                "/maal", "/", "/maalgrupper", "/rapport", "/ugetal", "/indsatser", "/opfoelgning", "/forslag", "/portefoelje",
                "/definitioner", "/satser",
            ] {
                for name in ["plan", "aar", "fra", "til", "uge", "team", "maaneder", "kommune", "enhed", "status", "a", "b"] {
                    let (_, body) = try await get(client, "\(path)?\(name)=\(script)", leader)
                    #expect(!body.contains("<script>"), "\(path)?\(name)")
                }
            }
        }
    }

    @Test("Downloads for spreadsheets neutralise a text that would start a formula; numbers stay numbers")
    func formulaInjection() {
        #expect(CSVRowEncoder.spreadsheetSafe("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")")
        for text in ["+45 1234", "-cmd", "@SUM(A1)", "\tx", "\rx", "-", "+"] {
            #expect(CSVRowEncoder.spreadsheetSafe(text) == "'" + text, "\(text)")
        }
        for text in ["-12,5", "+3", "-1.234,5", "Jobservice", "", "12 %", "-4 %"] {
            #expect(CSVRowEncoder.spreadsheetSafe(text) == text, "\(text)")
        }
    }
}
