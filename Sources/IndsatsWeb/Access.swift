import Foundation
import HTTPTypes
import Hummingbird
import IndsatsAccess
import IndsatsCore
import IndsatsStore

/// The request context: the logged-in user and their session, if any.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var user: User?
    public var session: Session?
    /// Whether the request comes from the server's own machine.
    public let fromLoopback: Bool

    public init(source: Source) {
        coreContext = .init(source: source)
        fromLoopback = ServerMetrics.isLoopback(source.channel.remoteAddress)
    }
}

/// Finds the session behind the request's cookie and puts its user in the context.
/// A blocked user's session no longer counts.
struct SessionMiddleware: RouterMiddleware {
    let store: any AccessStore

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[Session.cookieName]?.value,
            let (session, user) = try store.sessionUser(token: token, at: Date()), !user.blocked
        {
            context.session = session
            context.user = user
        }
        return try await next(request, context)
    }
}

/// Sets the security headers on every answer, errors included: the Content-Security-Policy
/// (``HTML/contentSecurityPolicy``), no MIME sniffing, no framing, no referrer to other
/// sites, and `no-store`, as every answer behind the login may hold person-level data
/// or figures meant for one role.
struct SecurityHeadersMiddleware: RouterMiddleware {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = HTML.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.referrerPolicy] = "same-origin"
        response.headers[Self.frameOptions] = "DENY"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

/// Registers routes only together with their ``RouteRule``, so no route exists
/// without one, and refuses every request the rule does not admit: a visitor
/// who is not logged in is sent to the login page (an API call gets 401), a
/// user whose role is not admitted gets 403. Every POST must carry the
/// session's CSRF token in the form field `csrf`.
struct GuardedRouter {
    let router: Router<AppContext>
    private(set) var rules: [RouteRule] = []
    /// The pages ``PagePreparer`` renders ahead.
    private(set) var prepared: [PreparedPage] = []

    typealias Handler = @Sendable (Request, AppContext) async throws -> Response
    typealias FormHandler = @Sendable (Request, AppContext, PostedForm) async throws -> Response

    /// Adds a GET route; a POST goes through ``addForm(_:limit:_:)``, which checks CSRF.
    mutating func add(_ rule: RouteRule, _ handler: @escaping Handler) {
        precondition(rule.method == .get, "\(rule.path): a POST route is added with addForm, which checks its CSRF token")
        register(rule, handler)
    }

    /// Adds a POST route. Its body (at most `limit` bytes) is read here, once, and the
    /// form's `csrf` field must equal the session's token (on the public login form: the
    /// token in its cookie), or the request is refused with 403 before `handler` runs.
    /// No POST route can skip the check.
    mutating func addForm(_ rule: RouteRule, limit: Int = 64 * 1024, _ handler: @escaping FormHandler) {
        precondition(rule.method == .post)
        register(rule) { request, context in
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: limit)
            } catch let error as HTTPError where error.status == .contentTooLarge {
                return WebApplication.html(
                    HTML.page(title: "For stor", body: "<h1>For stor</h1><p>Formularen er større end \(limit / 1024) kB.</p>"),
                    status: .contentTooLarge)
            }
            let form = PostedForm(Array(buffer: body), contentType: request.headers[.contentType])
            let expected = rule.isPublic ? request.cookies[LoginPage.csrfCookie]?.value : context.session?.csrfToken
            guard let expected, let sent = form["csrf"], sameSecret(expected, sent) else {
                return rule.isPublic
                    ? LoginPage.form(message: "Formularen var for gammel. Prøv igen.", status: .forbidden)
                    : WebApplication.html(
                        HTML.page(
                            title: "Formularen er udløbet",
                            body: """
                                <h1>Formularen er udløbet</h1>\
                                <p>Siden var for gammel, eller formularen kom ikke fra Indsats. Gå tilbage, hent siden igen, og prøv igen.</p>
                                """,
                            user: context.user?.name, role: context.user?.role, csrf: context.session?.csrfToken ?? ""), status: .forbidden)
            }
            return try await handler(request, context, form)
        }
    }

    private mutating func register(_ rule: RouteRule, _ handler: @escaping Handler) {
        rules.append(rule)
        let guarded: Handler = { request, context in
            guard rule.admits(context.user?.role) || rule.fromLoopback && context.fromLoopback else {
                if context.user == nil {
                    return rule.path.hasPrefix("/api/")
                        ? WebApplication.problem(.unauthorized, "log ind først")
                        : Response(status: .seeOther, headers: [.location: "/login"])
                }
                return rule.path.hasPrefix("/api/")
                    ? WebApplication.problem(.forbidden, "din rolle giver ikke adgang her")
                    : WebApplication.html(
                        HTML.page(
                            title: "Ingen adgang", body: "<h1>Ingen adgang</h1><p>Din rolle giver ikke adgang til denne side.</p>",
                            user: context.user?.name, role: context.user?.role,
                            csrf: context.session?.csrfToken ?? ""), status: .forbidden)
            }
            return try await handler(request, context)
        }
        switch rule.method {
        case .get: router.get(RouterPath(rule.path), use: guarded)
        case .post: router.post(RouterPath(rule.path), use: guarded)
        }
    }

    /// A page whose content depends only on its ``PageView``: kept per data version, and its
    /// default views (`views`, by default the plain path for both views of small numbers)
    /// rendered ahead whenever the data version moves. `keptAcrossWrites`: see ``RegisterCache/page(_:keptAcrossWrites:make:)``.
    mutating func addPage(
        _ rule: RouteRule, title: String, cache: RegisterCache, views: (@Sendable () async throws -> [PageView])? = nil,
        keptAcrossWrites: Bool = false, render: @escaping @Sendable (PageView) async throws -> HTML
    ) {
        var page = views.map { PreparedPage(views: $0, render: render) } ?? .defaults(rule.path, render: render)
        page.keptAcrossWrites = keptAcrossWrites
        prepared.append(page)
        add(rule) { request, context in
            let view = PageView(request, context)
            return WebApplication.page(
                context, title, try await cache.page(view.key, keptAcrossWrites: keptAcrossWrites) { try await render(view) })
        }
    }

    /// Renders `also` ahead as well: a page served by a route of its own making.
    mutating func prepare(_ also: PreparedPage) { prepared.append(also) }
}

/// Answers 405 with `Allow` when a request names a served path with a method it
/// does not serve (`PUT /health`, `QUERY /`), as HTTP asks; Hummingbird alone answers 404.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    /// Path patterns (`:name` matches one segment) and the methods each serves.
    let served: [(pattern: [Substring], methods: [String])]

    init(rules: [RouteRule]) {
        served = Dictionary(grouping: rules, by: \.path).map { path, rules in
            (path.split(separator: "/"), rules.map(\.method.rawValue).sorted())
        }
    }

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let segments = request.uri.path.split(separator: "/")
            guard let match = served.first(where: { matches($0.pattern, segments) }), !match.methods.contains(request.method.rawValue)
            else {
                throw error
            }
            return Response(status: .methodNotAllowed, headers: [.allow: match.methods.joined(separator: ", ")])
        }
    }

    private func matches(_ pattern: [Substring], _ segments: [Substring]) -> Bool {
        pattern.count == segments.count && zip(pattern, segments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
    }
}

/// A form as a route handler gets it: read once by ``GuardedRouter``, whose CSRF
/// check it has passed. URL-encoded fields, or a multipart form's fields and files.
struct PostedForm: Sendable {
    var fields: [String: String] = [:]
    var files: [String: FormDecoding.File] = [:]

    /// The body as its `Content-Type` says; an unknown type or a malformed body is an empty form.
    init(_ body: [UInt8], contentType: String?) {
        let type = contentType ?? ""
        if type.lowercased().hasPrefix("multipart/form-data") {
            if let form = FormDecoding.multipart(body, contentType: type) { (fields, files) = form }
        } else {
            fields = FormDecoding.urlEncoded(body)
        }
    }

    subscript(_ name: String) -> String? { fields[name] }
}

/// Whether two secrets are equal, in time that does not depend on where they differ.
func sameSecret(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
}

extension AccessStore {
    /// Writes a change made on the web to the audit log: who, what, before and after.
    func auditChange(_ context: AppContext, _ what: String, before: Data, after: Data) throws {
        try appendAudit(
            user: context.user?.name ?? "", action: .aendring, person: nil,
            criteria: AuditChange.criteria(what, before: before, after: after), at: Date())
    }
}
