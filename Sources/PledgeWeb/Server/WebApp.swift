import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore
import PledgeModel
import PledgeRegister

/// How `pledge serve` behaves.
public struct WebOptions: Sendable {
    /// Reads need a signed-in user or an API token; writes always do.
    public var privateReads: Bool
    /// Mark cookies Secure: for a server that browsers reach over HTTPS (behind a TLS proxy).
    public var secureCookies: Bool
    /// The day "overdue" and "due soon" are counted from (ISO date, UTC).
    public var today: @Sendable () -> String
    public var now: @Sendable () -> Date
    /// Seconds a connection may stay silent, idle or in the middle of a request, before it is closed.
    public var idleSeconds: Int64 = 30
    /// The largest document an editor may upload, in bytes (`413` beyond).
    public var uploadLimit = 20 << 20
    /// About how many characters of a document one page shows: a longer one is shown in
    /// parts cut at line ends, so no page grows with the document.
    public var documentPartLength = 100_000

    public init(
        privateReads: Bool = false,
        secureCookies: Bool = false,
        today: @escaping @Sendable () -> String = { Date().formatted(.iso8601.year().month().day()) },
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.privateReads = privateReads
        self.secureCookies = secureCookies
        self.today = today
        self.now = now
    }
}

/// The web application over a register: pages, the JSON API, exports and sign-in.
public struct WebApp: Sendable {
    let register: any Register
    let options: WebOptions
    let gatekeeper: Gatekeeper
    let pages: Pages
    let cache = ResponseCache()
    /// Uploads read for a preview, waiting for their editor's word.
    let pendingUploads = PendingUploads()
    /// Uploads being read: a few at once, so that a burst of large PDFs leaves cores for the pages.
    let readingSlots = ReadingSlots(count: max(1, ProcessInfo.processInfo.activeProcessorCount / 2))

    public init(register: any Register, options: WebOptions = WebOptions()) async throws {
        self.register = register
        self.options = options
        gatekeeper = Gatekeeper(
            register: register, key: try await register.signingKey(), now: options.now, secureCookies: options.secureCookies)
        pages = Pages(register: register, localized: try Localized.load(), options: options)
    }

    /// A Hummingbird application serving this site at `host:port`.
    public func application(
        host: String = "127.0.0.1", port: Int = 8080, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        // A connection that sends or reads nothing for this long, idle or half-sent, is closed.
        Application(
            router: router(), server: .http1(configuration: .init(idleTimeout: .seconds(options.idleSeconds))),
            configuration: .init(address: .hostname(host, port: port), serverName: "Pledge"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) })
    }

    /// Every route, so that tests can drive the site without a socket.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: SiteMiddleware(localized: pages.localized))
        var book = RouteBook(router: router)
        addPages(to: &book)
        addUploadPages(to: &book)
        addAPI(to: &book)
        return router
    }

    /// The API's routes as `METHOD /path/{parameter}`, as the OpenAPI document names them.
    public func apiRoutes() -> [String] {
        var book = RouteBook(router: Router())
        addAPI(to: &book)
        return book.routes
    }

    // MARK: Reading

    /// A read the register's generation can cache: anonymous pages, API reads, exports.
    /// `key` names the route and the parameters that change its answer, nothing else.
    func cached(
        _ key: String, staleWhileRendering: Bool = false, make: @escaping @Sendable () async throws -> Rendered
    ) async throws -> Response {
        try await cache.rendered(
            for: options.today() + " " + key, generation: try await register.generation(), staleWhileRendering: staleWhileRendering,
            make: make
        ).response
    }

    /// Checks that the visitor may read, for a server whose reads are private.
    func requireReader(_ visitor: Visitor, request: Request, api: Bool) throws -> Response? {
        guard options.privateReads, visitor.user == nil else { return nil }
        if api { throw WebError(.unauthorized, "this register is private: send an API token as 'Authorization: Bearer TOKEN'") }
        return Reply.redirect("/signin?next=" + (request.uri.description.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
    }

    /// What only an editor may do.
    enum EditorAction { case record, addDocuments, correct }

    /// The signed-in user who may write (record progress, add documents), or an error saying
    /// why not, as in "sign in to add documents".
    func requireEditor(_ visitor: Visitor, to action: EditorAction) throws -> User {
        guard let user = visitor.user else {
            switch action {
            case .record: throw WebError(.unauthorized, "signin.toRecord", "sign in to record progress")
            case .addDocuments: throw WebError(.unauthorized, "signin.toAdd", "sign in to add documents")
            case .correct: throw WebError(.unauthorized, "signin.toCorrect", "sign in to correct what was read")
            }
        }
        guard user.role.canRecord else {
            let name = ["name": user.name]
            switch action {
            case .record: throw WebError(.forbidden, "viewer.record", "{name} is a viewer; only an editor or admin may record progress", name)
            case .addDocuments: throw WebError(.forbidden, "viewer.add", "{name} is a viewer; only an editor or admin may add documents", name)
            case .correct: throw WebError(.forbidden, "viewer.correct", "{name} is a viewer; only an editor or admin may correct what was read", name)
            }
        }
        return user
    }
}

/// Registers routes and remembers them, `{id}` style, for the OpenAPI check.
struct RouteBook {
    let router: Router<BasicRequestContext>
    var routes: [String] = []

    typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    mutating func on(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
        routes.append("\(method.rawValue) \(path)")
        let hummingbirdPath = path.split(separator: "/").map { part in
            part.hasPrefix("{") ? ":" + part.dropFirst().dropLast() : part
        }.joined(separator: "/")
        router.on(RouterPath("/" + hummingbirdPath), method: method, use: handler)
    }

    mutating func get(_ path: String, _ handler: @escaping Handler) { on(.get, path, handler) }
    mutating func post(_ path: String, _ handler: @escaping Handler) { on(.post, path, handler) }
}

extension BasicRequestContext {
    /// A path parameter as the visitor meant it: `%23` in an item id is its `#`.
    func parameter(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }
}

/// Security headers on every response, and errors turned into pages or JSON.
struct SiteMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    /// The words of error pages.
    let localized: Localized

    static let contentSecurityPolicy = [
        "default-src 'none'", "style-src 'self'", "img-src 'self' data:", "form-action 'self'", "frame-ancestors 'none'",
        "base-uri 'none'",
    ].joined(separator: "; ")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            var (web, detail) = Self.clientError(error)
            if let detail {
                // Clients learn that something failed and a request id; the log learns what.
                let id = Self.requestID()
                context.logger.error("request \(id) failed: \(request.method.rawValue) \(request.uri.path): \(detail)")
                web.requestID = id
                web.headers[HTTPField.Name("X-Request-Id")!] = id
            }
            let language = Gatekeeper.language(of: request)
            response = Self.errorResponse(web, api: request.uri.path.hasPrefix("/api/"), words: localized.catalogues[language]!)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return response
    }

    /// What a client is told of an error, and what only the log may know (`nil` when the
    /// client's message is the whole story).
    static func clientError(_ error: any Error) -> (WebError, detail: String?) {
        switch error {
        case let e as WebError: return (e, nil)
        case let e as RegisterError:
            let web = WebError(e)
            return (web, web.isClientError ? nil : e.description)
        case let e as HTTPError:
            if let body = e.body { return (WebError(e.status, Explanation(stringLiteral: body)), nil) }
            return (e.status == .notFound ? WebError(.notFound, "page.nothing", "nothing here") : WebError(e.status, "\(e.status.reasonPhrase)"), nil)
        case is NIOTooManyBytesError:
            return (WebError(.contentTooLarge, "request.large", "the request's body is larger than this server accepts"), nil)
        case let e as HTTPResponseError where e.status.code < 500:
            return (WebError(e.status, "\(e.status.reasonPhrase)"), nil)
        default:
            return (.internalError, String(reflecting: error))
        }
    }

    static func requestID() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(UInt64.random(in: .min ... .max, using: &generator), radix: 16)
    }

    static func errorResponse(_ web: WebError, api: Bool, words: Catalogue) -> Response {
        var response: Response
        if api {
            response = (try? Reply.json(Reply.ErrorBody(error: .init(status: web.status.code, message: web.message)), status: web.status))
                ?? Reply.html("", status: web.status)
        } else {
            response = Reply.html(Pages.errorPage(web, words), status: web.status)
        }
        response.headers.append(contentsOf: web.headers)
        return response
    }
}

/// The templates shipped with Pledge.
enum Templates {

    static func resource(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Static") else {
            throw WebError(.notFound, "page.noFile", "no file {name}", ["name": name])
        }
        return try Data(contentsOf: url)
    }
}
