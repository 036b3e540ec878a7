import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsCore
import IndsatsStore

/// Logging in and out. The login form is protected against CSRF by a random
/// token in both a cookie and the form (the visitor has no session yet); failed
/// logins count towards a lock (``LoginLock``), and every attempt is audited.
enum LoginRoutes {
    static let csrfCookie = "indsats_login_csrf"

    static func add(to routes: inout GuardedRouter, store: any DataStore) {
        routes.add(RouteRule(.get, "/login", roles: [], purpose: "loginsiden")) { _, _ in
            form(message: nil)
        }
        routes.add(RouteRule(.post, "/login", roles: [], purpose: "log ind")) { request, _ in
            let fields = try await FormFields.read(request)
            guard let cookie = request.cookies[csrfCookie]?.value, let sent = fields["csrf"], sameSecret(cookie, sent) else {
                return form(message: "Formularen var for gammel. Prøv igen.", status: .forbidden)
            }
            let name = fields["brugernavn"] ?? "", password = fields["adgangskode"] ?? ""
            let now = Date()
            guard let (user, hash) = try store.user(named: name) else {
                try store.appendAudit(user: name, action: .login_afvist, person: nil, criteria: "ukendt bruger", at: now)
                return form(message: "Forkert brugernavn eller adgangskode.", status: .unauthorized)
            }
            if let refusal = LoginLock.refusal(user, at: now) {
                try store.appendAudit(user: name, action: .login_afvist, person: nil, criteria: "spærret eller låst", at: now)
                return form(message: refusal, status: .forbidden)
            }
            guard Password.matches(password, hash: hash) else {
                try store.saveUser(LoginLock.failed(user, at: now), passwordHash: nil)
                try store.appendAudit(user: name, action: .login_afvist, person: nil, criteria: "forkert adgangskode", at: now)
                return form(message: "Forkert brugernavn eller adgangskode.", status: .unauthorized)
            }
            var reset = user
            reset.failedLogins = 0
            reset.lockedUntil = nil
            try store.saveUser(reset, passwordHash: nil)
            let session = Session.start(for: name, at: now)
            try store.saveSession(session)
            try store.appendAudit(user: name, action: .login, person: nil, criteria: nil, at: now)
            var response = Response(status: .seeOther, headers: [.location: "/"])
            response.setCookie(Cookie(name: Session.cookieName, value: session.token, maxAge: Int(Session.lifetime), path: "/",
                                      httpOnly: true, sameSite: .strict))
            return response
        }
        routes.add(RouteRule(.post, "/logout", roles: Role.allCases, purpose: "log ud")) { request, context in
            let fields = try await FormFields.read(request)
            guard let session = context.session, let sent = fields["csrf"], sameSecret(session.csrfToken, sent) else {
                return WebApplication.html(HTML.page(title: "Fejl", body: "<h1>Formularen var for gammel</h1><p><a href=\"/\">Tilbage</a></p>"), status: .forbidden)
            }
            try store.endSession(token: session.token)
            try store.appendAudit(user: session.userName, action: .logout, person: nil, criteria: nil, at: Date())
            var response = Response(status: .seeOther, headers: [.location: "/login"])
            response.setCookie(Cookie(name: Session.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
    }

    /// The login form with a fresh CSRF token in a cookie and a hidden field.
    static func form(message: String?, status: HTTPResponse.Status = .ok) -> Response {
        let token = Session.randomToken()
        let error = message.map { "<p class=\"fejl\" role=\"alert\">\(Markup.escape($0))</p>" } ?? ""
        let body = """
        <h1>Log ind</h1>
        \(error)
        <form class="login" method="post" action="/login">
        <input type="hidden" name="csrf" value="\(token)">
        <label for="brugernavn">Brugernavn</label>
        <input id="brugernavn" name="brugernavn" autocomplete="username" required autofocus>
        <label for="adgangskode">Adgangskode</label>
        <input id="adgangskode" name="adgangskode" type="password" autocomplete="current-password" required>
        <button type="submit">Log ind</button>
        </form>
        """
        var response = WebApplication.html(HTML.page(title: "Log ind", body: body), status: status)
        response.setCookie(Cookie(name: csrfCookie, value: token, path: "/login", httpOnly: true, sameSite: .strict))
        return response
    }
}
