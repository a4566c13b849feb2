import Crypto
import Foundation
import Hummingbird
import PledgeRegister

/// Who is asking, as far as the server can tell.
struct Visitor: Sendable {
    var user: User?
    /// The random value the visitor's cookies carry; forms are bound to it (`csrfToken`).
    var nonce: String?
    /// Signed in by an API token rather than a browser session.
    var byToken = false
    /// When the browser session expires (seconds since 1970), for ending it at sign-out.
    var sessionExpires: Int?
    /// The language pages speak to this visitor: chosen in the header, else the browser's.
    var language: InterfaceLanguage = .en
}

/// Signs people in and checks what they may do.
///
/// - API clients send `Authorization: Bearer TOKEN`.
/// - Browsers sign in with the same token once and then carry a session cookie: HttpOnly,
///   SameSite=Strict, signed with the register's key (`Register.signingKey`) so every server
///   on one register accepts it, and expiring after twelve hours.
/// - Every form carries a token derived from the visitor's cookie nonce with the same key, so
///   another site cannot make a visitor's browser post one (cross-site request forgery).
struct Gatekeeper: Sendable {
    static let sessionCookie = "pledge_session"
    static let visitorCookie = "pledge_visitor"
    static let sessionSeconds = 12 * 3600

    let register: any Register
    /// The register's signing key (`SymmetricKey` is not `Sendable`, its bytes are).
    let key: [UInt8]
    let now: @Sendable () -> Date
    /// Cookies only over HTTPS, for a server behind a TLS proxy.
    var secureCookies = false

    /// What a session cookie carries, signed. The user is found again by their token's hash,
    /// which is unique and indexed, never by name: names that look alike could be confused,
    /// and a user removed or given a new token loses every session at once.
    struct Session: Codable {
        var user: String
        var expires: Int
        var nonce: String
    }

    func visitor(for request: Request) async throws -> Visitor {
        var visitor = try await signedIn(request)
        visitor.language = Self.language(of: request)
        return visitor
    }

    /// The language pages speak to whoever sent `request`: the one chosen in the header,
    /// else the browser's.
    static func language(of request: Request) -> InterfaceLanguage {
        request.cookies[languageCookie].flatMap { InterfaceLanguage(rawValue: $0.value) }
            ?? InterfaceLanguage.preferred(request.headers[.acceptLanguage])
    }

    /// The cookie that remembers the language chosen in the header.
    static let languageCookie = "pledge_lang"

    private func signedIn(_ request: Request) async throws -> Visitor {
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                  let user = try await register.user(tokenHash: AccessToken.hash(String(parts[1]).trimmingCharacters(in: .whitespaces)))
            else {
                throw WebError(.unauthorized, "the API token is not known to this register")
            }
            return Visitor(user: user, nonce: nil, byToken: true)
        }
        let cookies = request.cookies
        if let value = cookies[Self.sessionCookie]?.value, let session = verify(value),
           session.expires > Int(now().timeIntervalSince1970),
           let user = try await register.user(tokenHash: session.user),
           try await !register.isSessionRevoked(session.nonce) {
            return Visitor(user: user, nonce: session.nonce, sessionExpires: session.expires)
        }
        return Visitor(user: nil, nonce: cookies[Self.visitorCookie]?.value)
    }

    /// Signs a user in with the token they were given; `nil` if no user holds it.
    func signIn(token: String) async throws -> (User, Cookie)? {
        let hash = AccessToken.hash(token.trimmingCharacters(in: .whitespacesAndNewlines))
        guard let user = try await register.user(tokenHash: hash) else { return nil }
        let session = Session(user: hash, expires: Int(now().timeIntervalSince1970) + Self.sessionSeconds, nonce: Self.newNonce())
        let payload = Base64URL.encode(try JSONEncoder().encode(session))
        return (user, cookie(Self.sessionCookie, payload + "." + sign(payload), maxAge: Self.sessionSeconds))
    }

    func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }

    static func newNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode((0..<18).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    func csrfToken(nonce: String) -> String { sign("form:" + nonce) }

    /// Refuses a form whose token does not belong to the visitor's cookie.
    func checkForm(_ form: FormFields, visitor: Visitor) throws {
        try checkFormToken(form["csrf"], visitor: visitor)
    }

    /// Refuses a form token (its `csrf` field) that does not belong to the visitor's cookie.
    func checkFormToken(_ token: String?, visitor: Visitor) throws {
        guard let nonce = visitor.nonce, let token,
              Self.constantTimeEqual(token, csrfToken(nonce: nonce))
        else {
            throw WebError(.forbidden, "form.expired", "the form has expired or did not come from this site; reload the page and try again")
        }
    }

    func sign(_ text: String) -> String {
        Base64URL.encode(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: key)))
    }

    func verify(_ value: String) -> Session? {
        let parts = value.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, Self.constantTimeEqual(parts[1], sign(parts[0])),
              let data = Base64URL.decode(parts[0])
        else { return nil }
        return try? JSONDecoder().decode(Session.self, from: data)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
