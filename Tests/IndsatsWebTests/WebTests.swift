import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAccess
import IndsatsAnalytics
import IndsatsContract
import IndsatsCore
import IndsatsExchange
import IndsatsStore
import IndsatsTestSupport
import IndsatsWeb
import Testing

func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }

/// A store with two persons, the latest data on 2024-03-31.
func sampleStore() throws -> any DataStore {
    let store = try TestDatabase.newStore()
    _ = try store.write([
        .personer: [.person(Person(id: "P1", sex: "K")), .person(Person(id: "P2", sex: "M"))],
        .ydelsesforloeb: [
            .benefit(BenefitPeriod(personID: "P1", benefit: "dagpenge", start: day(2024, 1, 1), end: day(2024, 2, 10))),
            .benefit(BenefitPeriod(personID: "P2", benefit: "sygedagpenge", start: day(2024, 2, 1), end: day(2024, 3, 31))),
        ],
    ])
    return store
}

/// A page or API answer with the session cookie: status and body.
func get(_ client: some TestClientProtocol, _ uri: String, _ cookie: String) async throws -> (HTTPResponse.Status, String) {
    try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { ($0.status, String(buffer: $0.body)) }
}

/// A form posted with the session cookie: status and body.
func post(_ client: some TestClientProtocol, _ uri: String, _ cookie: String, _ form: String) async throws -> (HTTPResponse.Status, String)
{
    try await client.execute(
        uri: uri, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
        body: ByteBuffer(string: form)
    ) { ($0.status, String(buffer: $0.body)) }
}

func app(_ store: any DataStore) -> some ApplicationProtocol {
    Application(router: WebApplication.router(store: store, cache: RegisterCache(store: store)))
}

let testPassword = "korrekt hest batteri hæfteklamme"

/// Creates `name` with `role` (once) and logs in through the form; returns the `Cookie` header to send.
func logIn(_ client: some TestClientProtocol, _ store: any DataStore, as role: Role, name: String? = nil) async throws -> String {
    let name = name ?? role.rawValue
    if try store.user(named: name) == nil {
        try store.saveUser(
            User(name: name, role: role, unit: role == .medarbejder ? "Jobservice" : nil), passwordHash: try Password.hash(testPassword))
    }
    let csrf = try await loginCSRF(client)
    return try await client.execute(
        uri: "/login", method: .post, headers: loginHeaders(csrf),
        body: ByteBuffer(
            string:
                "csrf=\(csrf)&brugernavn=\(name)&adgangskode=\(testPassword.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
    ) { response in
        #expect(response.status == .seeOther)
        let cookie = response.headers[values: .setCookie].first { $0.hasPrefix(Session.cookieName + "=") } ?? ""
        return String(cookie.prefix { $0 != ";" })
    }
}

/// The CSRF token the login form sets (cookie and hidden field carry the same).
func loginCSRF(_ client: some TestClientProtocol) async throws -> String {
    try await client.execute(uri: "/login", method: .get) { response in
        let cookie = response.headers[values: .setCookie].first { $0.hasPrefix(LoginRoutesCookie.name + "=") } ?? ""
        return String(cookie.dropFirst(LoginRoutesCookie.name.count + 1).prefix { $0 != ";" })
    }
}

enum LoginRoutesCookie { static let name = "indsats_login_csrf" }

func loginHeaders(_ csrf: String) -> HTTPFields {
    [.cookie: "\(LoginRoutesCookie.name)=\(csrf)", .contentType: "application/x-www-form-urlencoded"]
}

@Suite("Webserveren")
struct WebTests {
    @Test("GET /health answers with the data date and whether the first pages are ready")
    func health() async throws {
        try await app(try sampleStore()).test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(
                    String(buffer: response.body) == "{\"status\":\"ok\",\"datadato\":\"2024-03-31\",\"personer\":2,\"sider_klar\":false}")
            }
        }
    }

    @Test("The KPI API returns exactly the command line's JSON")
    func apiMatchesCommandLine() async throws {
        let store = try sampleStore()
        let q = try KPIQuery.parse(
            measure: "fuldtidspersoner", from: "2024-01-01", to: "2024-03-31", period: "maaned",
            splitBy: ["ydelse"], filters: ["koen=K,M"])
        let expected = KPIOutput.json(KPIEngine(try store.loadRegister()).evaluate(q))
        try await app(store).test(.router) { client in
            let cookie = try await logIn(client, store, as: .analytiker)
            try await client.execute(
                uri: "/api/v1/kpi/fuldtidspersoner?fra=2024-01-01&til=2024-03-31&periode=maaned&opdel=ydelse&filter=koen%3DK,M",
                method: .get, headers: [.cookie: cookie]
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(String(buffer: response.body) == expected)
            }
            try await client.execute(
                uri: "/api/v1/kpi/personer?fra=2024-01-01&til=2024-03-31&format=csv", method: .get, headers: [.cookie: cookie]
            ) { response in
                #expect(String(buffer: response.body) == "\u{FEFF}periode;vaerdi\r\n2024-01;1\r\n2024-02;2\r\n2024-03;1\r\n")
            }
        }
    }

    @Test("Bad parameters give a Danish error; an unknown measure is 404")
    func errors() async throws {
        let store = try sampleStore()
        try await app(store).test(.router) { client in
            let cookie = try await logIn(client, store, as: .administrator)
            try await client.execute(uri: "/api/v1/kpi/personer?fra=2024-01-01&til=2024-13-01", method: .get, headers: [.cookie: cookie]) {
                response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body) == "{\"fejl\":\"--til: '2024-13-01' er ikke en gyldig dato (ÅÅÅÅ-MM-DD)\"}")
            }
            try await client.execute(uri: "/api/v1/kpi/noget?fra=2024-01-01&til=2024-02-01", method: .get, headers: [.cookie: cookie]) {
                response in
                #expect(response.status == .notFound)
            }
            // A single parameter given twice, or given empty, is no valid value.
            let (twice, body) = try await get(client, "/api/v1/kpi/personer?fra=2024-01-01&til=2024-03-31&fra=2024-02-01", cookie)
            #expect(twice == .badRequest && body == "{\"fejl\":\"--fra: '2024-01-01,2024-02-01' er ikke en gyldig dato (ÅÅÅÅ-MM-DD)\"}")
            #expect(try await get(client, "/api/v1/kpi/personer?fra=2024-01-01&til=2024-03-31&periode=", cookie).0 == .badRequest)
            #expect(try await get(client, "/api/v1/kpi/personer?fra=2024-01-01&til=2024-03-31&opdel=ydelse&opdel=koen", cookie).0 == .ok)
        }
    }

    @Test("The first page shows the chart, the table and the data date in Danish")
    func overviewPage() async throws {
        let store = try sampleStore()
        try await app(store).test(.router) { client in
            let cookie = try await logIn(client, store, as: .analytiker)
            try await client.execute(uri: "/?fra=2024-01-01&til=2024-03-31", method: .get, headers: [.cookie: cookie]) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains("<html lang=\"da\">"))
                #expect(html.contains("Datadato: <strong>31-03-2024</strong>"))
                #expect(html.contains("<svg"))
                #expect(html.contains("<th scope=\"col\">Sygedagpenge</th>"))
                #expect(
                    html.contains(
                        "<th scope=\"row\">februar 2024</th><td class=\"n\">1,0</td><td class=\"n\">0,3</td><td class=\"n\"><strong>1,3</strong></td>"
                    ))
            }
        }
    }

    @Test("Remembered answers are forgotten when an import changes the register")
    func answersFollowImports() async throws {
        let store = try sampleStore()
        let cache = RegisterCache(store: store)
        let q = try KPIQuery.parse(measure: "personer", from: "2024-01-01", to: "2024-03-31", period: "hele", splitBy: [], filters: [])
        let first = try await cache.evaluate(q)
        #expect(first.rows.map(\.value) == [2])
        #expect(try await cache.evaluate(q) == first)
        _ = try store.write([.ydelsesforloeb: [.benefit(BenefitPeriod(personID: "P3", benefit: "dagpenge", start: day(2024, 3, 1)))]])
        let second = try await cache.evaluate(q)
        #expect(second.rows.map(\.value) == [3])
        #expect(second == KPIEngine(try store.loadRegister()).evaluate(q))
    }

    @Test("New imports show without a restart")
    func reloadsAfterImport() async throws {
        let store = try sampleStore()
        try await app(store).test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { #expect(String(buffer: $0.body).contains("\"personer\":2")) }
            _ = try store.write([.personer: [.person(Person(id: "P3"))]])
            // Health answers at once: the register in use and pages not ready, until the new write is read.
            var body = ""
            for _ in 0..<400 where !body.contains("\"personer\":3") {
                try await client.execute(uri: "/health", method: .get) { body = String(buffer: $0.body) }
                #expect(body.contains("\"personer\":3") || body.contains("\"personer\":2,\"sider_klar\":false"), "\(body)")
                if !body.contains("\"personer\":3") { try await Task.sleep(for: .milliseconds(25)) }
            }
            #expect(body.contains("\"personer\":3"))
        }
    }
}
