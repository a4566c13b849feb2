import Foundation
import Hummingbird
import NIOCore
import PledgeModel
import PledgeRegister
import Synchronization

/// An error a visitor is told about: a status and a sentence saying what went wrong.
/// Pages say it in the visitor's language, the API in English as
/// `{"error": {"status": …, "message": …}}`.
struct WebError: Error {
    var status: HTTPResponse.Status
    var explanation: Explanation
    var headers: HTTPFields = [:]
    /// The id under which the log keeps what went wrong, for a fault of the server's own.
    var requestID: String?

    init(_ status: HTTPResponse.Status, _ explanation: Explanation, headers: HTTPFields = [:]) {
        self.status = status
        self.explanation = explanation
        self.headers = headers
    }

    /// An error whose sentence pages translate: `key` names it in the catalogues
    /// (`explain.` + key), `english` is its template with `{placeholders}` for `values`.
    init(_ status: HTTPResponse.Status, _ key: String, _ english: String, _ values: [String: String] = [:], headers: HTTPFields = [:]) {
        self.init(status, Explanation(key, english, values), headers: headers)
    }

    /// What a register's refusal means to a web client. A fault of the server's own (its
    /// database down or refusing) is told without its detail, which names addresses and files.
    init(_ error: RegisterError) {
        switch error {
        case .itemNotFound(let id): self.init(.notFound, "page.noItem", "no item {id}", ["id": id])
        case .documentNotFound(let key): self.init(.notFound, "page.noDocument", "no document {key}", ["key": key])
        case .staleVersion(let item, let expected, let current):
            self.init(
                .conflict, "write.stale",
                "{item} has changed since version {expected} (it is now at version {current}); look at it again and record on top of version {current}",
                ["item": item, "expected": "\(expected)", "current": "\(current)"])
        case .userExists(let name): self.init(.conflict, "user.exists", "a user named '{name}' exists already", ["name": name])
        case .invalid(let why): self.init(.unprocessableContent, why)
        case .unavailable:
            self.init(
                .serviceUnavailable, "server.unavailable", "the register's database is not answering; try again in a moment",
                headers: [.retryAfter: "5"])
        case .readOnly: self.init(.serviceUnavailable, "server.readOnly", "this server's register can only be read; nothing was changed")
        case .notARegister, .notEmpty, .failed: self = .internalError
        }
    }

    static let internalError = WebError(.internalServerError, "server.failed", "the server could not answer this request")

    /// The sentence in English, as the API and the log say it.
    var message: String { explanation.description + (requestID.map { " (request \($0))" } ?? "") }

    /// Whether the client's request was at fault (4xx), so the message is the whole story.
    var isClientError: Bool { status.code < 500 }
}

enum Reply {
    static func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        bytes(ByteBuffer(string: body), type: "text/html; charset=utf-8", status: status)
    }

    static func bytes(_ body: ByteBuffer, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: body))
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        bytes(ByteBuffer(data: try encoder.encode(value)), type: "application/json; charset=utf-8", status: status)
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func noContent() -> Response { Response(status: .noContent) }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    struct ErrorBody: Encodable {
        struct Detail: Encodable {
            var status: Int
            var message: String
        }
        var error: Detail
    }
}

/// A response body made once and served many times.
struct Rendered: Sendable {
    var body: ByteBuffer
    var type: String
    var headers: HTTPFields = [:]

    static func html(_ text: String) -> Rendered { Rendered(body: ByteBuffer(string: text), type: "text/html; charset=utf-8") }

    static func json(_ value: some Encodable) throws -> Rendered {
        Rendered(body: ByteBuffer(data: try Reply.encoder.encode(value)), type: "application/json; charset=utf-8")
    }

    var response: Response {
        var response = Reply.bytes(body, type: type)
        response.headers.append(contentsOf: headers)
        return response
    }
}

/// Responses that depend only on the register and the request, kept until the register's
/// generation moves on (any write, from any process). A page is rendered once per change,
/// not once per reader.
///
/// - Keys name only what changes a response (a route and its meaningful parameters), so
///   junk parameters neither grow the cache nor bypass it.
/// - The cache is bounded in bytes and forgets the least recently used responses first;
///   a response larger than an eighth of it is served but not kept.
/// - Concurrent misses for one key share one render (single flight). Where `staleWhileRendering`
///   allows it, readers who arrive while a fresh render is under way get the previous one
///   rather than queueing behind it.
final class ResponseCache: Sendable {
    struct Entry: Sendable {
        var generation: Int
        var rendered: Rendered
        var lastUse: UInt64
        var bytes: Int { rendered.body.readableBytes + 64 }
    }

    struct Flight: Sendable {
        var generation: Int
        var task: Task<Rendered, any Error>
    }

    struct State: Sendable {
        var entries: [String: Entry] = [:]
        var flights: [String: Flight] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    private let state = Mutex(State())
    /// The most bytes of response bodies kept.
    let capacity: Int

    init(capacity: Int = 64 << 20) { self.capacity = capacity }

    /// Bytes held now, for tests and the server's own accounting.
    var bytes: Int { state.withLock { $0.bytes } }
    var count: Int { state.withLock { $0.entries.count } }

    func rendered(
        for key: String, generation: Int, staleWhileRendering: Bool = false,
        make: @escaping @Sendable () async throws -> Rendered
    ) async throws -> Rendered {
        enum Next { case hit(Rendered), wait(Task<Rendered, any Error>) }
        let next: Next = state.withLock { state in
            state.clock += 1
            if var entry = state.entries[key] {
                let fresh = entry.generation == generation
                if fresh || (staleWhileRendering && state.flights[key]?.generation == generation) {
                    entry.lastUse = state.clock
                    state.entries[key] = entry
                    return .hit(entry.rendered)
                }
            }
            if let flight = state.flights[key], flight.generation == generation { return .wait(flight.task) }
            let task = Task { try await make() }
            state.flights[key] = Flight(generation: generation, task: task)
            Task { [weak self] in
                let result = await task.result
                self?.land(key, generation: generation, result: result)
            }
            return .wait(task)
        }
        switch next {
        case .hit(let rendered): return rendered
        case .wait(let task): return try await task.value
        }
    }

    private func land(_ key: String, generation: Int, result: Result<Rendered, any Error>) {
        state.withLock { state in
            if state.flights[key]?.generation == generation { state.flights[key] = nil }
            guard case .success(let rendered) = result else { return }
            if let old = state.entries[key] {
                // A slower render of an older generation never replaces a newer one.
                guard old.generation <= generation else { return }
                state.entries[key] = nil
                state.bytes -= old.bytes
            }
            state.clock += 1
            let entry = Entry(generation: generation, rendered: rendered, lastUse: state.clock)
            guard entry.bytes <= capacity / 8 else { return }
            state.entries[key] = entry
            state.bytes += entry.bytes
            if state.bytes > capacity { Self.evict(&state, to: capacity * 3 / 4) }
        }
    }

    /// Forgets the least recently used entries until `limit` bytes remain.
    private static func evict(_ state: inout State, to limit: Int) {
        for (key, entry) in state.entries.sorted(by: { $0.value.lastUse < $1.value.lastUse }) {
            guard state.bytes > limit else { break }
            state.entries[key] = nil
            state.bytes -= entry.bytes
        }
    }
}
