import Foundation
import Hummingbird
import NIOCore
import PledgeModel
import PledgeRegister

extension WebApp {
    func addPages(to book: inout RouteBook) {
        let app = self
        book.get("/") { request, _ in
            try await app.page(request, key: "dashboard") { visitor, csrf in try await app.pages.dashboard(visitor: visitor, csrf: csrf) }
        }
        book.get("/items") { request, _ in
            let list = try ListRequest(FormFields(request.uri.query ?? ""))
            return try await app.page(request, key: list.link) { visitor, csrf in try await app.pages.itemList(list, visitor: visitor, csrf: csrf) }
        }
        book.get("/items/{id}") { request, context in
            let id = try context.parameter("id")
            let history = try Pages.pageNumber(FormFields(request.uri.query ?? ""), parameter: "history")
            return try await app.page(request, key: "item \(history) " + id) { visitor, csrf in
                try await app.pages.itemPage(id: id, historyPage: history, visitor: visitor, csrf: csrf)
            }
        }
        book.post("/items/{id}/events") { request, context in
            try await app.recordFromForm(request, id: try context.parameter("id"))
        }
        book.post("/items/{id}/corrections") { request, context in
            try await app.correctFromForm(request, id: try context.parameter("id"))
        }
        book.post("/items/{id}/suggestions/{suggestion}/dismiss") { request, context in
            try await app.dismissFromForm(request, id: try context.parameter("id"), suggestion: try context.parameter("suggestion"))
        }
        book.get("/documents") { request, _ in
            let page = try Pages.pageNumber(FormFields(request.uri.query ?? ""))
            return try await app.page(request, key: "documents page \(page)") { visitor, csrf in
                try await app.pages.documentList(page: page, visitor: visitor, csrf: csrf)
            }
        }
        book.get("/documents/{key}") { request, context in
            let key = try context.parameter("key")
            var part = 1
            if let text = request.uri.queryParameters["part"].map(String.init) {
                guard let number = Int(text), (1...1_000_000).contains(number) else {
                    throw WebError(.badRequest, "page.part", "part must be a whole number from 1, not '{value}'", ["value": text])
                }
                part = number
            }
            let shown = part
            return try await app.page(request, key: "document \(key) part \(shown)") { visitor, csrf in
                try await app.pages.documentPage(key: key, part: shown, visitor: visitor, csrf: csrf)
            }
        }
        book.get("/documents/{key}/side-by-side") { request, context in
            let key = try context.parameter("key")
            return try await app.page(request, key: "side-by-side " + key) { visitor, csrf in try await app.pages.sideBySide(key: key, visitor: visitor, csrf: csrf) }
        }
        book.get("/glossary") { request, _ in
            let page = try Pages.pageNumber(FormFields(request.uri.query ?? ""))
            return try await app.page(request, key: "glossary page \(page)") { visitor, csrf in
                try await app.pages.glossaryPage(page: page, visitor: visitor, csrf: csrf)
            }
        }
        book.get("/signin") { request, _ in try await app.signInForm(request, message: nil) }
        book.post("/signin") { request, _ in try await app.signIn(request) }
        book.post("/signout") { request, _ in
            let visitor = try await app.gatekeeper.visitor(for: request)
            try app.gatekeeper.checkForm(try await Self.form(request), visitor: visitor)
            // The session ends on every server, not only in this browser's cookie jar.
            if let nonce = visitor.nonce, let expires = visitor.sessionExpires {
                try await app.register.revokeSession(nonce, expires: expires)
            }
            var response = Reply.redirect("/")
            response.setCookie(app.gatekeeper.cookie(Gatekeeper.sessionCookie, "", maxAge: 0))
            return response
        }
        book.get("/language/{code}") { request, context in
            // The choice is remembered for a year; the visitor goes back to the page they were on.
            guard let language = InterfaceLanguage(rawValue: try context.parameter("code")) else {
                throw WebError(
                    .notFound, "page.language", "the interface speaks {languages}",
                    ["languages": InterfaceLanguage.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            var back = "/"
            if let referer = request.headers[.referer].flatMap(URL.init(string:)), !referer.path.isEmpty {
                // Only its path is kept: wherever the visitor came from, they stay on this site.
                back = Self.localPath(referer.path + (referer.query.map { "?" + $0 } ?? ""))
            }
            var response = Reply.redirect(back)
            response.setCookie(app.gatekeeper.cookie(Gatekeeper.languageCookie, language.rawValue, maxAge: 365 * 24 * 3600))
            return response
        }
        book.get("/static/pledge.css") { _, _ in
            var response = Reply.bytes(ByteBuffer(data: try Templates.resource("pledge.css")), type: "text/css; charset=utf-8")
            response.headers[.cacheControl] = "max-age=3600"
            return response
        }
        book.get("/export.csv") { request, _ in
            try await app.export(request) { archive in
                Rendered(body: ByteBuffer(string: CSVExport.write(archive)), type: "text/csv; charset=utf-8",
                         headers: [.contentDisposition: "attachment; filename=\"pledge-register.csv\""])
            }
        }
        book.get("/export.json") { request, _ in
            try await app.export(request) { archive in
                Rendered(body: ByteBuffer(data: try JSONExport.encode(archive)), type: "application/json; charset=utf-8",
                         headers: [.contentDisposition: "attachment; filename=\"pledge-register.json\""])
            }
        }
        book.get("/calendar.ics") { request, _ in
            let stamp = Timestamp.string(app.options.now())
            return try await app.export(request) { archive in
                Rendered(body: ByteBuffer(string: CalendarExport.write(archive, stamp: stamp)), type: "text/calendar; charset=utf-8",
                         headers: [.contentDisposition: "attachment; filename=\"pledge-due-dates.ics\""])
            }
        }
    }

    /// A page: private registers send strangers to sign in; pages for anonymous readers are
    /// cached until the register changes; signed-in users get theirs made fresh, with their
    /// name and the form token in it.
    func page(
        _ request: Request, key: String, _ build: @escaping @Sendable (Visitor, String?) async throws -> Rendered
    ) async throws -> Response {
        let visitor = try await gatekeeper.visitor(for: request)
        if let redirect = try requireReader(visitor, request: request, api: false) { return redirect }
        guard visitor.user == nil else {
            return try await build(visitor, visitor.nonce.map(gatekeeper.csrfToken)).response
        }
        // A reader who arrives while a page is being made again may have the version of a
        // moment ago; API reads and exports always wait for the fresh one.
        return try await cached("page \(visitor.language.rawValue) " + key, staleWhileRendering: true) { try await build(visitor, nil) }
    }

    func export(_ request: Request, _ make: @escaping @Sendable (RegisterArchive) throws -> Rendered) async throws -> Response {
        let visitor = try await gatekeeper.visitor(for: request)
        if let redirect = try requireReader(visitor, request: request, api: false) { return redirect }
        let register = self.register
        return try await cached("export " + request.uri.path) { try make(try await register.archive()) }
    }

    static func form(_ request: Request) async throws -> FormFields {
        FormFields(String(buffer: try await body(request, upTo: 1 << 20)))
    }

    /// A request's body, at most `limit` bytes (413 beyond), or 400 when it cannot be read.
    static func body(_ request: Request, upTo limit: Int) async throws -> ByteBuffer {
        var request = request
        do {
            return try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw WebError(.contentTooLarge, "request.largerThan", "the request's body is larger than {limit} KB", ["limit": "\(limit >> 10)"])
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw WebError(.badRequest, "request.unreadable", "the request's body could not be read")
        }
    }

    func signInForm(_ request: Request, message: Explanation?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let visitor = try await gatekeeper.visitor(for: request)
        let nonce = visitor.user == nil ? (visitor.nonce ?? Gatekeeper.newNonce()) : Gatekeeper.newNonce()
        let next = Self.localPath(FormFields(request.uri.query ?? "")["next"])
        var response = pages.signInPage(visitor: visitor, csrf: gatekeeper.csrfToken(nonce: nonce), next: next, message: message).response
        response.status = status
        response.setCookie(gatekeeper.cookie(Gatekeeper.visitorCookie, nonce, maxAge: 3600))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    func signIn(_ request: Request) async throws -> Response {
        let form = try await Self.form(request)
        var visitor = try await gatekeeper.visitor(for: request)
        visitor.nonce = request.cookies[Gatekeeper.visitorCookie]?.value
        try gatekeeper.checkForm(form, visitor: visitor)
        guard let (_, cookie) = try await gatekeeper.signIn(token: form["token"] ?? "") else {
            return try await signInForm(
                request, message: Explanation("signin.unknown", "That token is not known to this register."), status: .unauthorized)
        }
        var response = Reply.redirect(Self.localPath(form["next"]))
        response.setCookie(cookie)
        return response
    }

    /// Only a path on this site is a place to go back to after signing in.
    ///
    /// Browsers rewrite what they are sent before they follow it: they drop tabs and line
    /// breaks anywhere, trim spaces and controls, and read `\\` as `/`, so `/\t/evil.example`
    /// becomes `//evil.example`, another site. A path with any of those characters is refused
    /// outright, and what remains must still resolve to this site.
    static func localPath(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"),
              text.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) && $0 != "\\" }),
              let base = URL(string: "http://pledge.invalid/"), let url = URL(string: text, relativeTo: base),
              url.absoluteURL.host == "pledge.invalid", url.absoluteURL.scheme == "http"
        else { return "/" }
        return text
    }

    func recordFromForm(_ request: Request, id: String) async throws -> Response {
        let visitor = try await gatekeeper.visitor(for: request)
        let form = try await Self.form(request)
        try gatekeeper.checkForm(form, visitor: visitor)
        let user = try requireEditor(visitor, to: .record)
        let version = form.text("version").flatMap { Int($0) }
        return try await onItemPage(id, visitor: visitor, then: "#history") {
            let event: NewEvent
            if let suggestion = form.text("suggestion") {
                // Accepting a suggestion records what it suggests, as it was offered.
                event = try await offered(suggestion, item: id).event(author: user.name, expectedVersion: version, today: options.today())
            } else {
                guard let status = form.text("status").flatMap(Status.init(rawValue:)) else {
                    throw WebError(.unprocessableContent, "form.status", "choose a status")
                }
                event = NewEvent(
                    status: status, note: form.text("note"), evidenceURL: form.text("evidence_url"),
                    evidenceTitle: form.text("evidence_title"), date: form.text("date") ?? options.today(), author: user.name,
                    expectedVersion: version)
            }
            try await self.register.record(event, item: id)
        }
    }

    /// Does what a form on the item page asks, then goes back to the page at `anchor`. When
    /// it cannot be done for a reason of the visitor's (a stale version, a bad value), the item
    /// page comes again saying why; a missing item, or a fault of the server's, goes to the
    /// error page (and the log).
    func onItemPage(_ id: String, visitor: Visitor, then anchor: String, _ work: () async throws -> Void) async throws -> Response {
        let refused: WebError
        do {
            try await work()
            return Reply.redirect(HTML.itemPath(id) + anchor)
        } catch let error as WebError {
            refused = error
        } catch let error as RegisterError {
            refused = WebError(error)
        }
        guard refused.status != .notFound, refused.isClientError else { throw refused }
        let message = pages.words(visitor).say(refused)
        var response = try await pages.itemPage(id: id, visitor: visitor, csrf: visitor.nonce.map(gatekeeper.csrfToken), message: message).response
        response.status = refused.status
        return response
    }

    func dismissFromForm(_ request: Request, id: String, suggestion: String) async throws -> Response {
        let visitor = try await gatekeeper.visitor(for: request)
        try gatekeeper.checkForm(try await Self.form(request), visitor: visitor)
        let user = try requireEditor(visitor, to: .record)
        return try await onItemPage(id, visitor: visitor, then: "#suggestions") {
            try await self.dismiss(suggestion, item: id, author: user.name)
        }
    }
}
