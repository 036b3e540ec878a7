import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsExchange
import IndsatsStore

/// The HTTP side of Indsats: the Danish pages, the JSON API and `/health`.
///
/// ```swift
/// let app = WebApplication.make(store: store, host: "127.0.0.1", port: 8080)
/// try await app.runService()
/// ```
public enum WebApplication {
    public static func make(store: any DataStore, host: String, port: Int,
                            onRunning: @escaping @Sendable () async -> Void = {}) -> some ApplicationProtocol {
        let cache = RegisterCache(store: store)
        let routes = routes(store: store, cache: cache)
        let preparer = PagePreparer(cache: cache, pages: routes.prepared)
        return Application(router: routes.router, configuration: .init(address: .hostname(host, port: port), serverName: "Indsats"),
                           onServerRunning: { _ in
                               // Renders the first pages ahead now and after every import, for as long as the server runs.
                               Task.detached(priority: .utility) { await preparer.run() }
                               await onRunning()
                           })
    }

    /// What renders the server's first pages ahead (see ``PagePreparer``).
    static func preparer(store: any DataStore, cache: RegisterCache) -> PagePreparer {
        PagePreparer(cache: cache, pages: routes(store: store, cache: cache).prepared)
    }

    public static func router(store: any DataStore, cache: RegisterCache) -> Router<AppContext> {
        routes(store: store, cache: cache).router
    }

    /// Every route with the roles it admits, as the server registers them.
    public static func routeRules(store: any DataStore, cache: RegisterCache) -> [RouteRule] {
        routes(store: store, cache: cache).rules
    }

    private static func routes(store: any DataStore, cache: RegisterCache) -> GuardedRouter {
        let router = Router(context: AppContext.self)
        // Middleware serves the routes added after it.
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: SessionMiddleware(store: store))
        var routes = GuardedRouter(router: router)
        routes.add(RouteRule(.get, "/health", roles: [], purpose: "driftstjek: status og datadato")) { _, _ in
            let register = try await cache.current()
            let date = register.dataDate.map { "\"\($0.iso)\"" } ?? "null"
            let ready = try await cache.pagesReady()
            return json("{\"status\":\"ok\",\"datadato\":\(date),\"personer\":\(register.personCount),\"sider_klar\":\(ready)}")
        }
        routes.add(RouteRule(.get, "/api/openapi.yaml", roles: [], purpose: "OpenAPI-beskrivelsen af API'et")) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: OpenAPI.yaml)))
        }
        LoginRoutes.add(to: &routes, store: store)
        PersonRoutes.add(to: &routes, store: store, cache: cache)
        ProposalRoutes.add(to: &routes, store: store)
        PriceRoutes.add(to: &routes, store: store)
        FollowUpRoutes.add(to: &routes, store: store, cache: cache)
        BenefitGroupRoutes.add(to: &routes, store: store, cache: cache)
        PlanRoutes.add(to: &routes, store: store, cache: cache)
        WeeklyRoutes.add(to: &routes, store: store, cache: cache)
        WeeklyTargetRoutes.add(to: &routes, store: store)
        ReportRoutes.add(to: &routes, store: store, cache: cache)
        InitiativeRoutes.add(to: &routes, store: store, cache: cache)
        routes.add(RouteRule(.get, "/api/v1/kpi/:navn", roles: Role.allCases, purpose: "et nøgletal som JSON, CSV eller tabel")) { request, context in
            let name = try context.parameters.require("navn")
            // opdel and filter may repeat; the others are single (given twice, they are no valid value).
            let q = request.uri.queryParameters, single = PageView(request, context).parameters
            let format = single["format"] ?? "json"
            guard let output = KPIFormat(rawValue: format) else {
                return problem(.badRequest, "format: '\(format)' er ukendt; brug json, csv eller tabel")
            }
            let query: KPIQuery
            do throws(KPIQueryError) {
                query = try KPIQuery.parse(measure: name, from: single["fra"], to: single["til"], period: single["periode"],
                                           splitBy: q[values: "opdel"].map(String.init),
                                           filters: q[values: "filter"].map(String.init),
                                           months: single["maaneder"])
            } catch {
                return problem(Measure(rawValue: name) == nil ? .notFound : .badRequest, error.message)
            }
            // Leaders and the committee get slices of the published tables only (Publication).
            let hiding = suppresses(context.user)
            do {
                switch output {
                case .json:
                    // Rendered once per register version and view of small numbers: the JSON is most of a request's work.
                    return json(try await cache.body(.init(query: query, suppressed: hiding, form: "json"), make: KPIOutput.json))
                case .csv:
                    let result = try await cache.shown(query, hiding: hiding)
                    try store.appendAudit(user: context.user?.name ?? "", action: .eksport, person: nil,
                                          criteria: "kpi \(name) \(request.uri.query ?? "")", at: Date())
                    return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                                           .contentDisposition: "attachment; filename=\"\(name).csv\""],
                                    body: .init(byteBuffer: ByteBuffer(bytes: KPIOutput.csv(result))))
                case .tabel:
                    return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                                    body: .init(byteBuffer: ByteBuffer(string: KPIOutput.table(try await cache.shown(query, hiding: hiding)))))
                }
            } catch let error as KPIQueryError {
                return problem(.badRequest, error.message)
            }
        }
        // Key figures first, then the months by benefit; a window that does not parse is the visitor's error (400).
        let overview: @Sendable (PageView) async throws -> HTML = { view in
            let window = defaultWindow(try await cache.current().dataDate)
            let query = try KPIQuery.parse(measure: "fuldtidspersoner", from: view.parameters["fra"] ?? window.start.iso,
                                           to: view.parameters["til"] ?? window.end.iso, period: "maaned", splitBy: ["ydelse"], filters: [])
            // Leaders and the committee see the published tables: benefits and their totals hidden together.
            let result = try await cache.shown(query, hiding: view.hiding)
            var totalQuery = query
            totalQuery.splitBy = []
            let totals: [Double?] = view.hiding
                ? try await cache.shown(totalQuery, hiding: true).rows.map { $0.suppressed ? nil : $0.value }
                : result.periods.map { period in result.rows.filter { $0.period == period.label }.reduce(0) { $0 + ($1.value ?? 0) } }
            let months = OverviewPage(result: result, totals: totals, reference: try await cache.current().reference).body()
            return "<h1>Overblik</h1>\(try await KeyFigures.table(cache, hiding: view.hiding)?.html() ?? "")\(months)"
        }
        routes.prepare(.defaults("/", render: overview))
        routes.add(RouteRule(.get, "/", roles: Role.allCases, purpose: "overblik: fuldtidspersoner pr. ydelse")) { request, context in
            let view = PageView(request, context)
            do {
                return WebApplication.page(context, "Overblik", try await cache.page(view.key) { try await overview(view) })
            } catch let error as KPIQueryError {
                return WebApplication.page(context, "Fejl", status: .badRequest, "<h1>Forkert forespørgsel</h1><p>\(error.message)</p>")
            }
        }
        // Added last, it sees only requests no route took, and knows every route's methods.
        router.add(middleware: MethodNotAllowedMiddleware(rules: routes.rules))
        return routes
    }

    /// Whether `user` sees small numbers suppressed (outside casework; and anyone unknown).
    static func suppresses(_ user: User?) -> Bool { user?.role.suppressesSmallNumbers != false }

    /// The 24 months that end with the data date's month.
    static func defaultWindow(_ dataDate: Day?) -> DayRange {
        let end = (dataDate ?? Day(year: 2026, month: 1, day: 1)!).lastOfMonth
        return DayRange(end.firstOfMonth.adding(months: -23), end)
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A page in the shared frame, with the user's name, menu and logout form.
    static func page(_ context: AppContext, _ title: String, status: HTTPResponse.Status = .ok, _ body: HTML) -> Response {
        html(HTML.page(title: title, body: body, user: context.user?.name, role: context.user?.role, csrf: context.session?.csrfToken ?? ""),
             status: status)
    }

    static func html(_ page: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: page.text)))
    }

    /// An error as JSON: `{"fejl": "..."}`.
    static func problem(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json("{\"fejl\":\(JSONText.string(message))}", status: status)
    }
}
