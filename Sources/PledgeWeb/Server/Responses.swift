import Foundation
import Hummingbird
import NIOCore
import PledgeRegister
import Synchronization

/// An error a visitor is told about: a status and a sentence saying what went wrong.
/// Pages show it on an error page, the API as `{"error": {"status": …, "message": …}}`.
struct WebError: Error {
    var status: HTTPResponse.Status
    var message: String
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    /// What a register's refusal means to a web client.
    init(_ error: RegisterError) {
        switch error {
        case .itemNotFound, .documentNotFound: self.init(.notFound, error.description)
        case .staleVersion: self.init(.conflict, error.description)
        case .userExists: self.init(.conflict, error.description)
        case .invalid: self.init(.unprocessableContent, error.description)
        case .unavailable: self.init(.serviceUnavailable, error.description)
        case .notARegister, .notEmpty: self.init(.internalServerError, error.description)
        }
    }
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
final class ResponseCache: Sendable {
    struct Entry: Sendable {
        var generation: Int
        var rendered: Rendered
    }

    private let entries = Mutex<[String: Entry]>([:])
    let capacity: Int

    init(capacity: Int = 2000) { self.capacity = capacity }

    func rendered(for key: String, generation: Int, make: () async throws -> Rendered) async throws -> Rendered {
        if let hit = entries.withLock({ $0[key] }), hit.generation == generation { return hit.rendered }
        let rendered = try await make()
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(generation: generation, rendered: rendered)
        }
        return rendered
    }
}
