/// Who may use a route: every route the web application serves is declared with
/// one of these, and a request from any other role is refused. A test walks the
/// table and tries every route with every role.
///
/// ```swift
/// RouteRule(.get, "/api/v1/kpi/:navn", roles: Role.allCases, purpose: "nøgletal som JSON/CSV")
/// ```
public struct RouteRule: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable { case get = "GET", post = "POST" }

    public var method: Method
    /// Hummingbird's path pattern, `:name` for a parameter.
    public var path: String
    /// The roles admitted; empty for a public route (login page, health check).
    public var roles: Set<Role>
    public var purpose: String
    /// Whether a request from the server's own machine is admitted without a login too
    /// (`/metrics`, for a collector beside the server).
    public var fromLoopback: Bool

    public init(_ method: Method, _ path: String, roles: some Sequence<Role>, purpose: String, fromLoopback: Bool = false) {
        self.method = method
        self.path = path
        self.roles = Set(roles)
        self.purpose = purpose
        self.fromLoopback = fromLoopback
    }

    public var isPublic: Bool { roles.isEmpty }

    public func admits(_ role: Role?) -> Bool { isPublic || role.map(roles.contains) ?? false }
}
