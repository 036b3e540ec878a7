import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsCore
import IndsatsStore

/// Logging in and out. The login form is protected against CSRF by a random
/// token in both a cookie and the form (the visitor has no session yet); failed
/// logins count towards a lock (``LoginLock``), and every attempt is audited.
enum LoginPage {
    static let csrfCookie = "indsats_login_csrf"

    static func add(to routes: inout GuardedRouter, store: any DataStore) {
        routes.add(RouteRule(.get, "/login", roles: [], purpose: "loginsiden")) { _, _ in
            form(message: nil)
        }
        routes.addForm(RouteRule(.post, "/login", roles: [], purpose: "log ind")) { _, _, fields in
            let name = fields["brugernavn"] ?? "", password = fields["adgangskode"] ?? ""
            let now = Date()
            // Unknown, blocked, locked and wrong all take one bcrypt check and get the same answer,
            // so neither time nor status tells whether a user exists or is locked.
            let known = try store.user(named: name)
            let admitted = try known != nil && store.reserveLoginAttempt(name: name, at: now)
            let right = Password.matches(password, hash: admitted ? known!.passwordHash : LoginLock.decoyHash)
            guard admitted, right else {
                let reason = known == nil ? "ukendt bruger" : !admitted ? "spærret eller låst" : "forkert adgangskode"
                try store.appendAudit(user: name, action: .login_afvist, person: nil, criteria: reason, at: now)
                return form(message: LoginLock.refusal, status: .unauthorized)
            }
            try store.clearLoginFailures(name: name)
            let session = Session.start(for: name, at: now)
            try store.saveSession(session)
            try store.appendAudit(user: name, action: .login, person: nil, criteria: nil, at: now)
            var response = Response(status: .seeOther, headers: [.location: "/"])
            response.setCookie(
                Cookie(
                    name: Session.cookieName, value: session.token, maxAge: Int(Session.lifetime), path: "/",
                    httpOnly: true, sameSite: .strict))
            return response
        }
        routes.addForm(RouteRule(.post, "/logout", roles: Role.allCases, purpose: "log ud")) { _, context, _ in
            guard let session = context.session else { return Response(status: .seeOther, headers: [.location: "/login"]) }
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
        let error: HTML = message.map { "<p class=\"fejl\" role=\"alert\">\($0)</p>" } ?? ""
        let body: HTML = """
            <h1>Log ind</h1>
            \(error)
            <form class="login" method="post" action="/login">
            \(HTML.csrfField(token))
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
