import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAnalytics
import IndsatsCore
import IndsatsExchange
import IndsatsStore
import IndsatsTestSupport
import IndsatsWeb
import Testing

func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }

/// A store with two persons, the latest data on 2024-03-31.
func sampleStore() throws -> SQLiteStore {
    let store = try SQLiteStore(path: ":memory:")
    _ = try store.write([
        .personer: [.person(Person(id: "P1", sex: "K")), .person(Person(id: "P2", sex: "M"))],
        .ydelsesforloeb: [
            .benefit(BenefitPeriod(personID: "P1", benefit: "dagpenge", start: day(2024, 1, 1), end: day(2024, 2, 10))),
            .benefit(BenefitPeriod(personID: "P2", benefit: "sygedagpenge", start: day(2024, 2, 1), end: day(2024, 3, 31))),
        ],
    ])
    return store
}

func app(_ store: any RegisterStore) -> some ApplicationProtocol {
    Application(router: WebApplication.router(cache: RegisterCache(store: store)))
}

@Suite("Webserveren")
struct WebTests {
    @Test("GET /health answers with the data date")
    func health() async throws {
        try await app(try sampleStore()).test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "{\"status\":\"ok\",\"datadato\":\"2024-03-31\",\"personer\":2}")
            }
        }
    }

    @Test("The KPI API returns exactly the command line's JSON")
    func apiMatchesCommandLine() async throws {
        let store = try sampleStore()
        let q = try KPIQuery.parse(measure: "fuldtidspersoner", from: "2024-01-01", to: "2024-03-31", period: "maaned",
                                   splitBy: ["ydelse"], filters: ["koen=K,M"])
        let expected = KPIOutput.json(KPIEngine(try store.loadRegister()).evaluate(q))
        try await app(store).test(.router) { client in
            try await client.execute(uri: "/api/v1/kpi/fuldtidspersoner?fra=2024-01-01&til=2024-03-31&periode=maaned&opdel=ydelse&filter=koen%3DK,M", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(String(buffer: response.body) == expected)
            }
            try await client.execute(uri: "/api/v1/kpi/personer?fra=2024-01-01&til=2024-03-31&format=csv", method: .get) { response in
                #expect(String(buffer: response.body) == "\u{FEFF}periode;vaerdi\r\n2024-01;1\r\n2024-02;2\r\n2024-03;1\r\n")
            }
        }
    }

    @Test("Bad parameters give a Danish error; an unknown measure is 404")
    func errors() async throws {
        try await app(try sampleStore()).test(.router) { client in
            try await client.execute(uri: "/api/v1/kpi/personer?fra=2024-01-01&til=2024-13-01", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body) == "{\"fejl\":\"--til: '2024-13-01' er ikke en gyldig dato (ÅÅÅÅ-MM-DD)\"}")
            }
            try await client.execute(uri: "/api/v1/kpi/noget?fra=2024-01-01&til=2024-02-01", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("The first page shows the chart, the table and the data date in Danish")
    func overviewPage() async throws {
        try await app(try sampleStore()).test(.router) { client in
            try await client.execute(uri: "/?fra=2024-01-01&til=2024-03-31", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains("<html lang=\"da\">"))
                #expect(html.contains("Datadato: <strong>31-03-2024</strong>"))
                #expect(html.contains("<svg"))
                #expect(html.contains("<th scope=\"col\">Sygedagpenge</th>"))
                #expect(html.contains("<th scope=\"row\">februar 2024</th><td class=\"n\">1,0</td><td class=\"n\">0,3</td><td class=\"n\"><strong>1,3</strong></td>"))
            }
        }
    }

    @Test("New imports show without a restart")
    func reloadsAfterImport() async throws {
        let store = try sampleStore()
        try await app(store).test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { #expect(String(buffer: $0.body).contains("\"personer\":2")) }
            _ = try store.write([.personer: [.person(Person(id: "P3"))]])
            try await client.execute(uri: "/health", method: .get) { #expect(String(buffer: $0.body).contains("\"personer\":3")) }
        }
    }
}
