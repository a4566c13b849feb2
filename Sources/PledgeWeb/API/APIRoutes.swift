import PledgeModel
import Foundation
import HTTPTypes
import Hummingbird
import PledgeRegister

/// `/api/v1/`: the register as JSON, described by `/api/v1/openapi.json`.
extension WebApp {
    struct ItemPage: Encodable {
        var total: Int
        var limit: Int
        var offset: Int
        var items: [ItemSummary]
    }

    struct DocumentDetail: Encodable {
        var document: StoredDocument
        var sections: [SectionView]
        var text: String
    }

    struct SectionView: Encodable {
        var id: String
        var heading: String?
        var level: Int
        var start: Int
        var end: Int
    }

    /// What is overdue and what falls due soon: how many, and the first `limit` of each, soonest due first.
    struct DueView: Encodable {
        var asOf: String
        var within: Int
        var overdueCount: Int
        var upcomingCount: Int
        var overdue: [ItemSummary]
        var upcoming: [ItemSummary]
    }

    /// An event as a client sends it. Naming a suggestion accepts it: the fields left out are
    /// the suggestion's (`Suggestion.event`).
    struct EventRequest: Decodable {
        var status: Status?
        var note: String?
        var evidenceURL: String?
        var evidenceTitle: String?
        var date: String?
        var suggestion: String?
    }

    /// The suggestions on offer for an item (`Suggestions`).
    struct SuggestionList: Encodable {
        var item: String
        var suggestions: [Suggestion]
    }

    func addAPI(to book: inout RouteBook) {
        let app = self
        book.get("/api/v1/openapi.json") { _, _ in
            Reply.bytes(ByteBuffer(data: try Templates.resource("openapi.json")), type: "application/json; charset=utf-8")
        }
        book.get("/api/v1/documents") { request, _ in
            let fields = FormFields(request.uri.query ?? "")
            let (limit, offset) = try Self.paging(fields)
            return try await app.read(request, key: "documents \(limit) \(offset)") {
                try Self.paged(try await app.register.documents(limit: limit, offset: offset), total: try await app.register.documentCount(),
                               limit: limit, offset: offset, path: "/api/v1/documents")
            }
        }
        book.post("/api/v1/documents") { request, _ in try await app.uploadFromAPI(request) }
        book.get("/api/v1/documents/{key}") { request, context in
            let key = try context.parameter("key")
            return try await app.read(request, key: "document " + key) {
                guard let document = try await app.register.document(key: key), let text = try await app.register.documentText(key: key)
                else { throw WebError(RegisterError.documentNotFound(key)) }
                let sections = try await app.register.sections(document: key).map {
                    SectionView(id: $0.id, heading: $0.heading, level: $0.level, start: $0.span.start, end: $0.span.end)
                }
                return try .json(DocumentDetail(document: document, sections: sections, text: text))
            }
        }
        book.get("/api/v1/items") { request, _ in
            let fields = FormFields(request.uri.query ?? "")
            let list = try ListRequest(fields)
            let limit = try Self.number(fields, "limit", default: 50, range: 1...1000)
            let offset = try Self.number(fields, "offset", default: 0, range: 0...Int(Int32.max))
            return try await app.read(request, key: "items \(limit) \(offset) " + list.link) {
                let today = app.options.today()
                var query = list.query(today: today, paged: false)
                let total = try await app.register.count(matching: query)
                query.limit = limit
                query.offset = offset
                return try .json(ItemPage(total: total, limit: limit, offset: offset, items: try await app.register.items(matching: query)))
            }
        }
        book.get("/api/v1/items/{id}") { request, context in
            let id = try context.parameter("id")
            return try await app.read(request, key: "item " + id) {
                guard let detail = try await app.register.item(id: id) else { throw WebError(RegisterError.itemNotFound(id)) }
                var rendered = try Rendered.json(detail)
                rendered.headers[.eTag] = "\"\(detail.item.version)\""
                return rendered
            }
        }
        book.post("/api/v1/items/{id}/events") { request, context in
            try await app.recordFromAPI(request, id: try context.parameter("id"))
        }
        book.post("/api/v1/items/{id}/corrections") { request, context in
            try await app.correctFromAPI(request, id: try context.parameter("id"))
        }
        book.get("/api/v1/items/{id}/suggestions") { request, context in
            let id = try context.parameter("id")
            return try await app.read(request, key: "suggestions " + id) {
                guard let detail = try await app.register.item(id: id) else { throw WebError(RegisterError.itemNotFound(id)) }
                var rendered = try Rendered.json(SuggestionList(item: detail.item.commitment, suggestions: try await Suggestions.of(id, in: app.register)))
                rendered.headers[.eTag] = "\"\(detail.item.version)\""
                return rendered
            }
        }
        book.post("/api/v1/items/{id}/suggestions/{suggestion}/dismiss") { request, context in
            let visitor = try await app.gatekeeper.visitor(for: request)
            guard visitor.byToken else {
                throw WebError(.unauthorized, "dismissing through the API needs an API token: 'Authorization: Bearer TOKEN'",
                               headers: [.wwwAuthenticate: "Bearer"])
            }
            let user = try app.requireEditor(visitor, to: .record)
            let id = try context.parameter("id"), suggestion = try context.parameter("suggestion")
            try await app.dismiss(suggestion, item: id, author: user.name)
            return Reply.noContent()
        }
        book.get("/api/v1/glossary") { request, _ in
            let fields = FormFields(request.uri.query ?? "")
            let document = fields.text("document")
            let (limit, offset) = try Self.paging(fields)
            return try await app.read(request, key: "glossary \(limit) \(offset) " + (document ?? "")) {
                try Self.paged(try await app.register.glossary(document: document, limit: limit, offset: offset),
                               total: try await app.register.glossaryCount(document: document), limit: limit, offset: offset,
                               path: "/api/v1/glossary" + (document.map { "?document=" + HTML.queryValue($0) } ?? ""))
            }
        }
        book.get("/api/v1/summary") { request, _ in
            try await app.read(request, key: "summary") { try .json(try await ComplianceSummary.of(app.register)) }
        }
        book.get("/api/v1/due") { request, _ in
            let fields = FormFields(request.uri.query ?? "")
            let asOfText = fields.text("as_of") ?? app.options.today()
            guard let asOf = Day(iso: asOfText)?.iso else {
                throw WebError(.badRequest, "as_of must be a date from 0001-01-01 to 9999-12-31 as YYYY-MM-DD, not '\(asOfText)'")
            }
            let within = try Self.number(fields, "within", default: 90, range: 0...36500)
            let limit = try Self.number(fields, "limit", default: 100, range: 1...1000)
            return try await app.read(request, key: "due \(asOf) \(within) \(limit)") {
                var overdue = ItemQuery(overdueOn: asOf)
                var upcoming = ItemQuery(dueBefore: Day(iso: asOf).map { $0.adding(days: within).iso } ?? asOf)
                upcoming.dueFrom = asOf
                upcoming.unsettled = true
                let overdueCount = try await app.register.count(matching: overdue)
                let upcomingCount = try await app.register.count(matching: upcoming)
                overdue.order = .due
                upcoming.order = .due
                overdue.limit = limit
                upcoming.limit = limit
                return try .json(DueView(
                    asOf: asOf, within: within, overdueCount: overdueCount, upcomingCount: upcomingCount,
                    overdue: try await app.register.items(matching: overdue), upcoming: try await app.register.items(matching: upcoming)))
            }
        }
    }

    /// An API read: token needed on a private register; answers cached until the register changes.
    func read(_ request: Request, key: String, _ make: @escaping @Sendable () async throws -> Rendered) async throws -> Response {
        let visitor = try await gatekeeper.visitor(for: request)
        _ = try requireReader(visitor, request: request, api: true)
        return try await cached("api " + key, make: make)
    }

    /// `limit` (1 to 1,000, 100 unless given) and `offset` of a list.
    static func paging(_ fields: FormFields) throws -> (limit: Int, offset: Int) {
        (try number(fields, "limit", default: 100, range: 1...1000), try number(fields, "offset", default: 0, range: 0...Int(Int32.max)))
    }

    /// A page of a list as a JSON array, with how many there are in `X-Total-Count` and the
    /// next page in a `Link` header.
    static func paged(_ rows: some Encodable & Collection, total: Int, limit: Int, offset: Int, path: String) throws -> Rendered {
        var rendered = try Rendered.json(rows)
        rendered.headers[.xTotalCount] = String(total)
        if offset + rows.count < total {
            let separator = path.contains("?") ? "&" : "?"
            rendered.headers[.pagingLink] = "<\(path)\(separator)limit=\(limit)&offset=\(offset + limit)>; rel=\"next\""
        }
        return rendered
    }

    static func number(_ fields: FormFields, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = fields.text(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw WebError(
                .badRequest, "query.number", "{name} must be a whole number from {first} to {last}, not '{value}'",
                ["name": name, "first": "\(range.lowerBound)", "last": "\(range.upperBound)", "value": text])
        }
        return number
    }

    static let eventBodyHelp = "the body must be JSON with a status (\(Status.allCases.map(\.rawValue).joined(separator: ", "))) "
        + "and optionally note, evidenceURL, evidenceTitle and date; or with the suggestion it accepts"

    /// A suggestion still on offer for the item, or a 409 that says it is not.
    func offered(_ name: String, item id: String) async throws -> Suggestion {
        guard try await register.item(id: id) != nil else { throw WebError(RegisterError.itemNotFound(id)) }
        guard let suggestion = try await Suggestions.of(id, in: register).first(where: { $0.id == name }) else {
            throw WebError(
                .conflict, "suggestion.gone", "suggestion {suggestion} is not on offer for {item}: it was accepted or dismissed, or the item has moved on",
                ["suggestion": name, "item": id])
        }
        return suggestion
    }

    /// Dismisses a suggestion still on offer.
    func dismiss(_ name: String, item id: String, author: String) async throws {
        _ = try await offered(name, item: id)
        try await register.dismissSuggestion(name, item: id, author: author)
    }

    /// Records an event sent as JSON with `If-Match: "VERSION"`, the item version the client saw.
    func recordFromAPI(_ request: Request, id: String) async throws -> Response {
        let visitor = try await gatekeeper.visitor(for: request)
        guard visitor.byToken else {
            throw WebError(.unauthorized, "recording through the API needs an API token: 'Authorization: Bearer TOKEN'",
                           headers: [.wwwAuthenticate: "Bearer"])
        }
        let user = try requireEditor(visitor, to: .record)
        let version = try Self.ifMatch(request)
        let body = try await Self.body(request, upTo: 1 << 20)
        let input: EventRequest
        do {
            input = try JSONDecoder().decode(EventRequest.self, from: Data(buffer: body))
        } catch {
            throw WebError(.badRequest, "\(Self.eventBodyHelp)")
        }
        var event: NewEvent
        if let name = input.suggestion {
            event = try await offered(name, item: id).event(author: user.name, expectedVersion: version, today: options.today())
            if let status = input.status { event.status = status }
            if let note = input.note { event.note = note }
            if let url = input.evidenceURL { event.evidenceURL = url }
            if let title = input.evidenceTitle { event.evidenceTitle = title }
            if let date = input.date { event.date = date }
        } else {
            guard let status = input.status else { throw WebError(.badRequest, "\(Self.eventBodyHelp)") }
            event = NewEvent(status: status, note: input.note, evidenceURL: input.evidenceURL, evidenceTitle: input.evidenceTitle,
                             date: input.date ?? options.today(), author: user.name, expectedVersion: version)
        }
        let recorded = try await register.record(event, item: id)
        var response = try Reply.json(recorded, status: .created)
        response.headers[.eTag] = "\"\(recorded.version)\""
        response.headers[.location] = "/api/v1/items/" + HTML.pathSegment(id)
        return response
    }
}

import PledgeExtract

extension HTTPField.Name {
    /// How many rows a paged list holds in all.
    static let xTotalCount = Self("X-Total-Count")!
    /// The next page of a list (RFC 8288).
    static let pagingLink = Self("Link")!
}
