import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsExchange
import IndsatsStore
import Logging

/// The HTTP side of Indsats: the Danish pages, the JSON API and `/health`.
///
/// ```swift
/// try await WebApplication.serve(store: store, host: "127.0.0.1", port: 8080)
/// ```
public enum WebApplication {
    /// Serves until the process is told to stop (SIGTERM, Ctrl-C); then finishes writing what it
    /// keeps beside the database for the next start (``PagePreparer/keeping``) before it returns.
    public static func serve(
        store: any DataStore, host: String, port: Int,
        onRunning: @escaping @Sendable () async -> Void = {}
    ) async throws {
        let cache = RegisterCache(store: store)
        let routes = routes(store: store, cache: cache, log: Logger(label: "indsats.web"))
        let preparer = PagePreparer(cache: cache, pages: routes.prepared)
        let app = Application(
            router: routes.router, configuration: .init(address: .hostname(host, port: port), serverName: "Indsats"),
            onServerRunning: { _ in
                // Renders the first pages ahead now and after every import, for as long as the server runs.
                Task.detached(priority: .utility) { await preparer.run() }
                await onRunning()
            })
        try await app.runService()
        await preparer.keeping.finish()
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

    /// The routes with their middleware; `log` gets one line per request (the server's logs them, the tests' do not).
    private static func routes(store: any DataStore, cache: RegisterCache, log: Logger = quiet) -> GuardedRouter {
        let router = Router(context: AppContext.self)
        let metrics = ServerMetrics()
        // Middleware serves the routes added after it; the log sees every answer as sent.
        router.add(middleware: RequestLogMiddleware(metrics: metrics, logger: log))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: SessionMiddleware(store: store))
        var routes = GuardedRouter(router: router)
        routes.add(RouteRule(.get, "/health", roles: [], purpose: "driftstjek: status og datadato")) { _, _ in
            let status = try await cache.status()
            let date = status.dataDate.map { "\"\($0.iso)\"" } ?? "null"
            return json("{\"status\":\"ok\",\"datadato\":\(date),\"personer\":\(status.persons),\"sider_klar\":\(status.pagesReady)}")
        }
        routes.add(
            RouteRule(.get, "/metrics", roles: [.administrator], purpose: "driftstal i Prometheus' tekstformat", fromLoopback: true)
        ) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: try await metrics.text(cache))))
        }
        routes.add(RouteRule(.get, "/api/openapi.yaml", roles: [], purpose: "OpenAPI-beskrivelsen af API'et")) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPI.yaml)))
        }
        LoginPage.add(to: &routes, store: store)
        PersonPages.add(to: &routes, store: store, cache: cache)
        ProposalPages.add(to: &routes, store: store)
        PricePages.add(to: &routes, store: store)
        FollowUpPages.add(to: &routes, store: store, cache: cache)
        BenefitGroupPages.add(to: &routes, store: store, cache: cache)
        PlanPages.add(to: &routes, store: store, cache: cache)
        WeeklyPages.add(to: &routes, store: store, cache: cache)
        WeeklyTargetPages.add(to: &routes, store: store)
        CaseloadPages.add(to: &routes, store: store, cache: cache)
        ContactRulePages.add(to: &routes, store: store, cache: cache)
        DeadlinePages.add(to: &routes, store: store, cache: cache)
        WorkListPages.add(to: &routes, store: store, cache: cache)
        WorkListPages.addAPI(to: &routes, store: store, cache: cache)
        ScreeningPages.add(to: &routes, store: store, cache: cache)
        CompanyPages.add(to: &routes, store: store, cache: cache)
        AlliancePages.add(to: &routes, store: store, cache: cache)
        PoolPages.add(to: &routes, store: store, cache: cache)
        BudgetPages.add(to: &routes, store: store, cache: cache)
        JobOrderPages.add(to: &routes, store: store, cache: cache)
        ReportPages.add(to: &routes, store: store, cache: cache)
        InitiativePages.add(to: &routes, store: store, cache: cache)
        KPIAPI.add(to: &routes, store: store, cache: cache)
        OverviewPages.add(to: &routes, store: store, cache: cache)
        // Added last, it sees only requests no route took, and knows every route's methods.
        router.add(middleware: MethodNotAllowedMiddleware(rules: routes.rules))
        return routes
    }

    /// A logger that writes only errors: the tests' routes.
    static let quiet: Logger = {
        var logger = Logger(label: "indsats.web")
        logger.logLevel = .error
        return logger
    }()

    /// Whether `user` sees small numbers suppressed (outside casework; and anyone unknown).
    static func suppresses(_ user: User?) -> Bool { user?.role.suppressesSmallNumbers != false }

    /// The day pages stand on before any data is imported, when the register has no data date.
    static let dayWithoutData = Day(year: 2026, month: 1, day: 1)!

    /// The day a page is shown as of: the register's data date, or ``dayWithoutData``.
    static func pageDay(_ register: Register) -> Day { pageDay(register.dataDate) }

    /// The day a page is shown as of, for the data date `dataDate`.
    static func pageDay(_ dataDate: Day?) -> Day { dataDate ?? dayWithoutData }

    /// The 24 months that end with the data date's month.
    static func defaultWindow(_ dataDate: Day?) -> DayRange {
        let end = (dataDate ?? dayWithoutData).lastOfMonth
        return DayRange(end.firstOfMonth.adding(months: -23), end)
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A page in the shared frame, with the user's name, menu and logout form.
    static func page(_ context: AppContext, _ title: String, status: HTTPResponse.Status = .ok, _ body: HTML) -> Response {
        html(
            HTML.page(title: title, body: body, user: context.user?.name, role: context.user?.role, csrf: context.session?.csrfToken ?? ""),
            status: status)
    }

    static func html(_ page: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: page.text)))
    }

    /// An error as JSON: `{"fejl": "..."}`.
    static func problem(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json("{\"fejl\":\(JSONText.string(message))}", status: status)
    }
}
