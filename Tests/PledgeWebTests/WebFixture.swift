import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PledgeRegister
import PledgeTestSupport
import PledgeWeb

/// A seeded register in a temporary file, a site over it, and a user of each role.
struct WebFixture {
    static let today = "2025-01-15"
    let path: String
    let register: SQLiteRegister
    let app: WebApp
    var tokens: [Role: String] = [:]

    init(privateReads: Bool = false) async throws {
        path = CommandLineTool.temporaryFolder().appendingPathComponent("register.sqlite").path
        register = try await SQLiteRegister.open(path: path)
        for role in Role.allCases {
            let token = AccessToken.generate()
            try await register.addUser(User(name: "\(role.rawValue)-user", role: role, createdAt: "2025-01-01T00:00:00Z"),
                                       tokenHash: AccessToken.hash(token))
            tokens[role] = token
        }
        app = try await WebApp(register: register, options: WebOptions(privateReads: privateReads, today: { WebFixture.today }))
    }

    /// Runs `body` with a client that talks to the router directly, no socket.
    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await Application(router: app.router()).test(.router, body)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// `name=value` of every cookie the response sets.
    var cookies: [String: String] {
        var out: [String: String] = [:]
        for header in headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            out[String(pair[0])] = pair.count > 1 ? String(pair[1]) : ""
        }
        return out
    }
}

extension TestClientProtocol {
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }

    func post(_ uri: String, form: [(String, String)], headers: HTTPFields = [:]) async throws -> TestResponse {
        let body = form.map { "\($0.0)=\(formEncode($0.1))" }.joined(separator: "&")
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    func postJSON(_ uri: String, _ json: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/json"
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    /// Signs in through the browser form; returns the cookie header that carries the session.
    func signIn(token: String) async throws -> (cookie: String, csrf: String) {
        let form = try await get("/signin")
        let visitor = form.cookies["pledge_visitor"]!
        let csrf = try #require(hiddenValue("csrf", in: form.text))
        let response = try await post(
            "/signin", form: [("csrf", csrf), ("token", token), ("next", "/")], headers: [.cookie: "pledge_visitor=\(visitor)"])
        guard response.status == .seeOther, let session = response.cookies["pledge_session"] else {
            throw SignInFailed(status: response.status.code)
        }
        let cookie = "pledge_session=\(session)"
        let page = try await get("/", headers: [.cookie: cookie])
        return (cookie, try #require(hiddenValue("csrf", in: page.text)))
    }
}

struct SignInFailed: Error { var status: Int }

func hiddenValue(_ name: String, in html: String) -> String? {
    guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
    let rest = html[range.upperBound...]
    return String(rest[..<rest.firstIndex(of: "\"")!])
}

func formEncode(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed)!
}

/// An item id in a path: `#` is `%23`.
func itemPath(_ id: String) -> String { "/items/" + id.replacingOccurrences(of: "#", with: "%23") }

import Testing
