import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsExchange
import IndsatsStore
import Testing

@testable import IndsatsWeb

@Suite("Login, roller og audit i webserveren")
struct AccessTests {
    /// Every route and who may use it. A route added to the server without a line
    /// here fails `everyRouteHasItsRule`; `nil` is a public route.
    static let expected: [String: Set<Role>?] = [
        "GET /health": nil,
        "GET /api/openapi.yaml": nil,
        "GET /metrics": [.administrator],
        "GET /login": nil,
        "POST /login": nil,
        "POST /logout": Set(Role.allCases),
        "GET /api/v1/kpi/:navn": Set(Role.allCases),
        "GET /": Set(Role.allCases),
        "GET /borgere": [.administrator, .analytiker, .medarbejder],
        "POST /borgere/soeg": [.administrator, .analytiker, .medarbejder],
        "GET /borgere/:ref": [.administrator, .analytiker, .medarbejder],
        "GET /api/v1/borgere/:ref": [.administrator, .analytiker, .medarbejder],
        "GET /forslag": [.administrator, .leder, .analytiker, .udvalg],
        "GET /forslag/:nr": [.administrator, .leder, .analytiker, .udvalg],
        "GET /forslag.xlsx": [.administrator, .leder, .analytiker, .udvalg],
        "POST /forslag/:nr/status": [.administrator, .analytiker],
        "POST /forslag/indlaes": [.administrator, .analytiker],
        "GET /portefoelje": [.administrator, .leder, .analytiker, .udvalg],
        "GET /api/v1/forslag": [.administrator, .leder, .analytiker, .udvalg],
        "GET /api/v1/forslag/:nr": [.administrator, .leder, .analytiker, .udvalg],
        "GET /opfoelgning": [.administrator, .leder, .analytiker, .udvalg],
        "GET /forslag/:nr/opfoelgning": [.administrator, .leder, .analytiker, .udvalg],
        "GET /api/v1/forslag/:nr/opfoelgning": [.administrator, .analytiker],
        "GET /satser": Set(Role.allCases),
        "GET /maalgrupper": Set(Role.allCases),
        "GET /maalgrupper.csv": Set(Role.allCases),
        "GET /maalgrupper.xlsx": Set(Role.allCases),
        "GET /definitioner": Set(Role.allCases),
        "GET /maal": Set(Role.allCases),
        "GET /ugetal": Set(Role.allCases),
        "GET /rapport": Set(Role.allCases),
        "GET /indsatser": Set(Role.allCases),
        "GET /indsatser.csv": Set(Role.allCases),
        "GET /indsatser.xlsx": Set(Role.allCases),
        "GET /indsatser/:id": Set(Role.allCases),
        "GET /indsatser/:id/eksport.csv": Set(Role.allCases),
        "GET /indsatser/:id/eksport.xlsx": Set(Role.allCases),
        "GET /rapport.xlsx": Set(Role.allCases),
        "GET /ugetal.csv": Set(Role.allCases),
        "GET /ugetal.xlsx": Set(Role.allCases),
        "GET /ugetal/maal": Set(Role.allCases),
        "POST /ugetal/maal": [.administrator, .analytiker],
        "GET /sagsstamme": [.administrator, .leder, .analytiker],
        "GET /sagsstamme.csv": [.administrator, .leder, .analytiker],
        "GET /sagsstamme.xlsx": [.administrator, .leder, .analytiker],
        "POST /sagsstamme/flyt": [.administrator, .leder],
        "POST /sagsstamme/normer": [.administrator, .analytiker],
        "GET /kontaktregler": Set(Role.allCases),
        "GET /mine": [.administrator, .leder, .analytiker, .medarbejder],
        "GET /api/v1/arbejdsliste": [.administrator, .analytiker, .medarbejder],
        "POST /mine/opfoelgning": [.administrator, .medarbejder],
        "POST /borgere/:ref/screening": [.administrator, .medarbejder],
        "GET /screening": [.administrator, .analytiker],
        "GET /virksomheder": [.administrator, .leder, .analytiker, .medarbejder],
        "GET /virksomheder.csv": [.administrator, .leder, .analytiker, .medarbejder],
        "GET /virksomheder.xlsx": [.administrator, .leder, .analytiker, .medarbejder],
        "GET /virksomheder/:cvr": [.administrator, .leder, .analytiker, .medarbejder],
        "POST /virksomheder/:cvr/kontakt": [.administrator, .medarbejder],
        "GET /alliancer": [.administrator, .leder, .analytiker, .medarbejder],
        "GET /alliancer/:id": [.administrator, .leder, .analytiker, .medarbejder],
        "GET /puljer": [.administrator, .leder, .analytiker, .medarbejder],
        "GET /api/v1/puljer": [.administrator, .leder, .analytiker, .medarbejder],
        "GET /budget": [.administrator, .leder, .analytiker, .udvalg],
        "GET /api/v1/budget": [.administrator, .leder, .analytiker, .udvalg],
        "GET /budget.csv": [.administrator, .leder, .analytiker, .udvalg],
        "GET /budget.xlsx": [.administrator, .leder, .analytiker, .udvalg],
        "GET /puljer/:id": [.administrator, .leder, .analytiker, .medarbejder],
        "GET /puljer/:id/rapport.xlsx": [.administrator, .leder, .analytiker, .medarbejder],
        "POST /puljer/:id/forbrug": [.administrator, .analytiker],
        "POST /puljer/:id/deltagere": [.administrator, .medarbejder],
        "GET /jobordrer": [.administrator, .leder, .analytiker, .medarbejder],
        "GET /jobordrer/:id": [.administrator, .leder, .analytiker, .medarbejder],
        "POST /jobordrer/:id/placering": [.administrator, .medarbejder],
        "GET /api/v1/jobordrer/:id": [.administrator, .leder, .analytiker, .medarbejder],
        "GET /mine.csv": [.administrator, .leder, .analytiker, .medarbejder],
        "GET /mine.xlsx": [.administrator, .leder, .analytiker, .medarbejder],
        "POST /kontaktregler": [.administrator, .analytiker],
        "GET /kontaktforloeb": [.administrator, .leder, .analytiker],
        "GET /kontaktforloeb.csv": [.administrator, .leder, .analytiker],
        "GET /kontaktforloeb.xlsx": [.administrator, .leder, .analytiker],
        "GET /maal.csv": Set(Role.allCases),
        "GET /maal.xlsx": Set(Role.allCases),
        "POST /satser": [.administrator, .analytiker],
        "GET /api/v1/satser": Set(Role.allCases),
    ]

    @Test("Every route the server registers has exactly the rule this table gives it")
    func everyRouteHasItsRule() throws {
        let store = try sampleStore()
        let rules = WebApplication.routeRules(store: store, cache: RegisterCache(store: store))
        #expect(Set(rules.map { "\($0.method.rawValue) \($0.path)" }) == Set(Self.expected.keys))
        for rule in rules {
            #expect((rule.isPublic ? nil : rule.roles) == Self.expected["\(rule.method.rawValue) \(rule.path)"]!, "\(rule.path)")
        }
    }

    @Test("Every route answers each role as its rule says, and refuses visitors who are not logged in")
    func everyRouteByRole() async throws {
        let store = try sampleStore()
        let rules = WebApplication.routeRules(store: store, cache: RegisterCache(store: store))
        try await app(store).test(.router) { client in
            for rule in rules {
                let uri = rule.path.replacingOccurrences(of: ":navn", with: "personer") + "?fra=2024-01-01&til=2024-03-31"
                for role in [nil] + Role.allCases.map(Optional.some) {
                    var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                    var body = ""
                    if let role {
                        headers[.cookie] = try await logIn(client, store, as: role)
                        body = "csrf=" + (try store.sessionCSRF(headers[.cookie]!))
                    }
                    let method: HTTPRequest.Method = rule.method == .get ? .get : .post
                    let status = try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body)) {
                        $0.status
                    }
                    let what = "\(rule.method.rawValue) \(rule.path) as \(role?.rawValue ?? "anonymous")"
                    if rule.admits(role) {
                        #expect(![.unauthorized, .forbidden].contains(status) || rule.path == "/login", "\(what): \(status)")
                    } else if role == nil {
                        #expect(status == (rule.path.hasPrefix("/api/") ? .unauthorized : .seeOther), "\(what): \(status)")
                    } else {
                        #expect(status == .forbidden, "\(what): \(status)")
                    }
                }
            }
        }
    }

    @Test("A served path with another method answers 405 with Allow; an unknown path 404")
    func methodNotAllowed() async throws {
        try await app(try sampleStore()).test(.router) { client in
            try await client.execute(uri: "/health", method: .put) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
            }
            try await client.execute(uri: "/login", method: .delete) { #expect($0.headers[.allow] == "GET, POST") }
            try await client.execute(uri: "/api/v1/kpi/personer", method: .post) { #expect($0.status == .methodNotAllowed) }
            try await client.execute(uri: "/ingen/side", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test("A route for administrators only refuses every other role with 403")
    func roleRefused() async throws {
        let store = try sampleStore()
        let router = Router(context: AppContext.self)
        router.add(middleware: SessionMiddleware(store: store))
        var routes = GuardedRouter(router: router)
        LoginPage.add(to: &routes, store: store)
        routes.add(RouteRule(.get, "/kun-admin", roles: [.administrator], purpose: "test")) { _, _ in Response(status: .ok) }
        try await Application(router: router).test(.router) { client in
            for role in Role.allCases {
                let cookie = try await logIn(client, store, as: role)
                try await client.execute(uri: "/kun-admin", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == (role == .administrator ? .ok : .forbidden), "\(role)")
                }
            }
        }
    }

    @Test("Five wrong passwords lock the user; the right one then fails too; every attempt is audited")
    func lockOut() async throws {
        let store = try sampleStore()
        try store.saveUser(User(name: "anne", role: .leder), passwordHash: try Password.hash(testPassword))
        try await app(store).test(.router) { client in
            for attempt in 1...LoginLock.maximumFailures {
                let csrf = try await loginCSRF(client)
                try await client.execute(
                    uri: "/login", method: .post, headers: loginHeaders(csrf),
                    body: ByteBuffer(string: "csrf=\(csrf)&brugernavn=anne&adgangskode=forkert+\(attempt)")
                ) { response in
                    #expect(response.status == .unauthorized)
                    #expect(String(buffer: response.body).contains(Markup.escape(LoginLock.refusal)))
                }
            }
            let csrf = try await loginCSRF(client)
            let right =
                "csrf=\(csrf)&brugernavn=anne&adgangskode=\(testPassword.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            try await client.execute(uri: "/login", method: .post, headers: loginHeaders(csrf), body: ByteBuffer(string: right)) {
                response in
                // Locked answers exactly as a wrong password does, so nobody learns the user exists.
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains(Markup.escape(LoginLock.refusal)))
            }
        }
        let actions = try store.auditEntries(person: nil).map(\.action)
        #expect(actions == Array(repeating: .login_afvist, count: LoginLock.maximumFailures + 1))
        #expect(try store.user(named: "anne")!.user.lockedUntil != nil)
    }

    @Test("A login without the form's CSRF token is refused, and so is a logout with a wrong one")
    func csrf() async throws {
        let store = try sampleStore()
        try await app(store).test(.router) { client in
            try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=abc&brugernavn=leder&adgangskode=x")
            ) { #expect($0.status == .forbidden) }
            let cookie = try await logIn(client, store, as: .leder)
            try await client.execute(
                uri: "/logout", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=forkert")
            ) { #expect($0.status == .forbidden) }
            // The session still works, and logs out with the right token.
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .ok) }
            try await client.execute(
                uri: "/logout", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=" + (try store.sessionCSRF(cookie)))
            ) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .seeOther) }
        }
    }

    @Test("A blocked user's open session stops working at once")
    func blockedSession() async throws {
        let store = try sampleStore()
        try await app(store).test(.router) { client in
            let cookie = try await logIn(client, store, as: .analytiker)
            try await client.execute(uri: "/api/v1/kpi/personer?fra=2024-01-01&til=2024-03-31", method: .get, headers: [.cookie: cookie]) {
                #expect($0.status == .ok)
            }
            var user = try store.user(named: "analytiker")!.user
            user.blocked = true
            try store.saveUser(user, passwordHash: nil)
            try await client.execute(uri: "/api/v1/kpi/personer?fra=2024-01-01&til=2024-03-31", method: .get, headers: [.cookie: cookie]) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test("Leaders and the committee get small numbers suppressed; analysts get them; a CSV download is audited")
    func suppressionByRole() async throws {
        let store = try sampleStore()
        let uri = "/api/v1/kpi/personer?fra=2024-01-01&til=2024-03-31&opdel=ydelse"
        try await app(store).test(.router) { client in
            for role in Role.allCases {
                let cookie = try await logIn(client, store, as: role)
                try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { response in
                    let body = String(buffer: response.body)
                    #expect(body.contains("\"undertrykt\":true") == role.suppressesSmallNumbers, "\(role)")
                    #expect(body.contains("\"vaerdi\":1") == !role.suppressesSmallNumbers, "\(role)")
                }
            }
            let cookie = try await logIn(client, store, as: .udvalg)
            try await client.execute(uri: uri + "&format=csv", method: .get, headers: [.cookie: cookie]) { response in
                #expect(String(buffer: response.body).contains("dagpenge;2024-01;..\r\n"))
            }
        }
        let export = try store.auditEntries(person: nil).last!
        #expect(export.action == .eksport && export.user == "udvalg")
        #expect(export.criteria == "kpi personer fra=2024-01-01&til=2024-03-31&opdel=ydelse&format=csv")
        #expect(AuditChain.firstBreak(in: try store.auditEntries(person: nil), anchor: try store.auditAnchor()) == nil)
    }
}

extension AccessStore {
    /// The CSRF token of the session behind a `Cookie` header.
    func sessionCSRF(_ cookie: String) throws -> String {
        try session(token: String(cookie.split(separator: "=")[1]), at: Date())!.csrfToken
    }
}
