import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsCore
import IndsatsStore

/// The request context: the logged-in user and their session, if any.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var user: User?
    public var session: Session?

    public init(source: Source) { coreContext = .init(source: source) }
}

/// Finds the session behind the request's cookie and puts its user in the context.
/// A blocked user's session no longer counts.
struct SessionMiddleware: RouterMiddleware {
    let store: any AccessStore

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[Session.cookieName]?.value,
           let (session, user) = try store.sessionUser(token: token, at: Date()), !user.blocked {
            context.session = session
            context.user = user
        }
        return try await next(request, context)
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

    mutating func add(_ rule: RouteRule, _ handler: @escaping Handler) {
        rules.append(rule)
        let guarded: Handler = { request, context in
            guard rule.admits(context.user?.role) else {
                if context.user == nil {
                    return rule.path.hasPrefix("/api/")
                        ? WebApplication.problem(.unauthorized, "log ind først")
                        : Response(status: .seeOther, headers: [.location: "/login"])
                }
                return rule.path.hasPrefix("/api/")
                    ? WebApplication.problem(.forbidden, "din rolle giver ikke adgang her")
                    : WebApplication.html(HTML.page(title: "Ingen adgang", body: "<h1>Ingen adgang</h1><p>Din rolle giver ikke adgang til denne side.</p>",
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
    /// rendered ahead whenever the data version moves.
    mutating func addPage(_ rule: RouteRule, title: String, cache: RegisterCache, views: (@Sendable () async throws -> [PageView])? = nil,
                          render: @escaping @Sendable (PageView) async throws -> String) {
        prepared.append(views.map { PreparedPage(views: $0, render: render) } ?? .defaults(rule.path, render: render))
        add(rule) { request, context in
            let view = PageView(request, context)
            return ProposalRoutes.page(context, title, try await cache.page(view.key) { try await render(view) })
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
            guard let match = served.first(where: { matches($0.pattern, segments) }), !match.methods.contains(request.method.rawValue) else {
                throw error
            }
            return Response(status: .methodNotAllowed, headers: [.allow: match.methods.joined(separator: ", ")])
        }
    }

    private func matches(_ pattern: [Substring], _ segments: [Substring]) -> Bool {
        pattern.count == segments.count && zip(pattern, segments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
    }
}

/// A form posted as `application/x-www-form-urlencoded`.
struct FormFields {
    var values: [String: String] = [:]

    static func read(_ request: Request) async throws -> FormFields {
        let body = try await request.body.collect(upTo: 64 * 1024)
        var fields = FormFields()
        for pair in String(buffer: body).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            fields.values[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    subscript(_ name: String) -> String? { values[name] }
}

/// A form posted as `multipart/form-data`: text fields, and files with their names and bytes.
struct MultipartForm {
    var fields: [String: String] = [:]
    var files: [String: (name: String, data: Data)] = [:]

    /// `nil` when the request is not multipart or the body is malformed.
    static func read(_ request: Request, limit: Int) async throws -> MultipartForm? {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
              let range = type.range(of: "boundary=") else { return nil }
        let boundary = Array(("--" + type[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))).utf8)
        let body = Array(buffer: try await request.body.collect(upTo: limit))
        var form = MultipartForm()
        var start = 0
        // Each part: boundary, CRLF, headers, CRLF CRLF, content, CRLF, next boundary.
        while let at = body.firstIndex(of: boundary, from: start) {
            let partStart = at + boundary.count
            if body[partStart...].starts(with: Array("--".utf8)) { return form }
            guard let headersEnd = body.firstIndex(of: Array("\r\n\r\n".utf8), from: partStart),
                  let next = body.firstIndex(of: Array("\r\n".utf8) + boundary, from: headersEnd) else { return nil }
            let headers = String(decoding: body[partStart..<headersEnd], as: UTF8.self)
            let content = Data(body[(headersEnd + 4)..<next])
            guard let name = parameter("name", in: headers) else { return nil }
            if let fileName = parameter("filename", in: headers) {
                form.files[name] = (fileName, content)
            } else {
                form.fields[name] = String(decoding: content, as: UTF8.self)
            }
            start = next + 2
        }
        return nil
    }

    /// `name="value"` in a part's Content-Disposition header.
    private static func parameter(_ key: String, in headers: String) -> String? {
        guard let range = headers.range(of: " \(key)=\"") ?? headers.range(of: ";\(key)=\"") else { return nil }
        let rest = headers[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

/// Whether two secrets are equal, in time that does not depend on where they differ.
func sameSecret(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
}
