import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PledgeModel
import PledgeRegister
import Synchronization
import Testing

@testable import PledgeWeb

/// What an attacker or a careless client sends: each gets a clean 4xx, the server keeps
/// answering, its cache stays bounded, and no internal detail reaches the client.
@Suite struct HardeningTests {
    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test func numbersFromOutsideAreRangeChecked() async throws {
        let site = try await WebFixture()
        try await site.test { client in
            let probes: [(uri: String, mentions: String)] = [
                ("/items?page=9223372036854775807", "page"),
                ("/items?page=0", "page"),
                ("/items?page=-3", "page"),
                ("/api/v1/due?as_of=9223372036854775807-12-31", "as_of"),
                ("/api/v1/due?as_of=10000-01-01", "as_of"),
                ("/api/v1/due?as_of=2024-02-30", "as_of"),
                ("/api/v1/due?within=9223372036854775807", "within"),
                ("/api/v1/items?offset=9223372036854775807", "offset"),
                ("/api/v1/items?limit=-1", "limit"),
            ]
            for probe in probes {
                let response = try await client.get(probe.uri)
                #expect(response.status == .badRequest, "\(probe.uri)")
                #expect(response.text.contains(probe.mentions), "\(probe.uri): \(response.text)")
            }
            #expect(try await client.get("/").status == .ok, "the server still answers")
            #expect(try await client.get("/items?page=2").status == .ok)
        }
    }

    @Test func aDateIsTheSameDayHoweverItIsWritten() async throws {
        let site = try await WebFixture()
        try await site.test { client in
            let short = try json(try await client.get("/api/v1/due?as_of=2024-7-1&within=400"))
            let long = try json(try await client.get("/api/v1/due?as_of=2024-07-01&within=400"))
            #expect(short["asOf"] as? String == "2024-07-01")
            #expect((short["overdue"] as? [[String: Any]])?.count == (long["overdue"] as? [[String: Any]])?.count)
            #expect((short["upcoming"] as? [[String: Any]])?.count == (long["upcoming"] as? [[String: Any]])?.count)
            #expect((long["overdue"] as? [[String: Any]])?.isEmpty == false && (long["upcoming"] as? [[String: Any]])?.isEmpty == false)
        }
    }

    /// An imported item due in the last possible year still draws the dashboard.
    @Test func aDueDateAtTheEndOfTimeDrawsTheDashboard() async throws {
        let site = try await WebFixture()
        var archive = try await site.register.archive()
        archive.documents[0].items[0].item.due = "9999-12-31"
        archive.documents[0].items[1].item.due = "0001-01-01"
        let copy = try await SQLiteRegister.open(path: site.path + "-copy", seed: false)
        try await copy.restore(archive)
        let app = try await WebApp(register: copy, options: WebOptions(today: { WebFixture.today }))
        try await Application(router: app.router()).test(.router) { client in
            let dashboard = try await client.get("/")
            #expect(dashboard.status == .ok)
            #expect(dashboard.text.contains("9999"))
            #expect(try await client.get("/calendar.ics").text.contains("DTSTART;VALUE=DATE:99991231"))
        }
    }

    @Test func junkParametersNeitherGrowNorBypassTheCache() async throws {
        let site = try await WebFixture()
        try await site.test { client in
            for n in 0..<200 {
                for uri in ["/export.json?x=\(n)", "/items?modality=commit&junk=\(n)", "/api/v1/items/2024-04-10-japan-us%2324?cb=\(n)"] {
                    let response = try await client.get(uri)
                    #expect(response.status == .ok, "\(uri)")
                }
            }
        }
        #expect(site.app.cache.count == 3, "one entry per distinct answer, not per URI")
    }

    @Test func theCacheIsBoundedInBytes() async throws {
        let cache = ResponseCache(capacity: 40_000)
        for n in 0..<500 {
            _ = try await cache.rendered(for: "page \(n)", generation: 1) { .html(String(repeating: "x", count: 1_000)) }
            #expect(cache.bytes <= 40_000)
        }
        #expect(cache.count > 10, "recent pages stay")
        let large = try await cache.rendered(for: "large", generation: 1) { .html(String(repeating: "y", count: 10_000)) }
        #expect(large.body.readableBytes == 10_000, "a response too large to keep is still served")
        #expect(cache.bytes <= 40_000)
        let made = Counter()
        _ = try await cache.rendered(for: "page 499", generation: 1) { made.add(); return .html("") }
        #expect(made.value == 0, "the most recent page is still kept")
    }

    @Test func concurrentMissesShareOneRender() async throws {
        let cache = ResponseCache()
        let made = Counter()
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<64 {
                group.addTask {
                    let rendered = try await cache.rendered(for: "items", generation: 7) {
                        made.add()
                        try await Task.sleep(for: .milliseconds(100))
                        return .html("page of generation 7")
                    }
                    return String(buffer: rendered.body)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(made.value == 1)
        #expect(bodies.count == 64 && Set(bodies) == ["page of generation 7"])
    }

    /// After a write, pages waiting on the new render get the old page at once; API reads wait
    /// for the new answer.
    @Test func pagesMayBeAMomentStaleWhileTheyAreMadeAgain() async throws {
        let cache = ResponseCache()
        _ = try await cache.rendered(for: "items", generation: 1) { .html("old") }
        let slow = Task {
            try await cache.rendered(for: "items", generation: 2, staleWhileRendering: true) {
                try await Task.sleep(for: .milliseconds(300))
                return .html("new")
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        let meanwhile = try await cache.rendered(for: "items", generation: 2, staleWhileRendering: true) { .html("other") }
        #expect(String(buffer: meanwhile.body) == "old")
        let strict = try await cache.rendered(for: "items", generation: 2) { .html("other") }
        #expect(String(buffer: strict.body) == "new", "a strict reader waits for the render under way")
        #expect(String(buffer: try await slow.value.body) == "new")
        let after = try await cache.rendered(for: "items", generation: 2, staleWhileRendering: true) { .html("other") }
        #expect(String(buffer: after.body) == "new")
    }

    @Test(arguments: [
        ("/items?q=a", "/items?q=a"),
        ("/", "/"),
        ("/%09/evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("/\n/evil.example", "/"),
        ("/\r\n/evil.example", "/"),
        ("/ /evil.example", "/"),
        ("/\\evil.example", "/"),
        ("\\/evil.example", "/"),
        ("//evil.example", "/"),
        ("https://evil.example/", "/"),
        (" /items", "/"),
        ("/\u{0}/evil.example", "/"),
        ("/\u{3000}/evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ])
    func signInGoesBackOnlyToThisSite(next: String, expected: String) {
        #expect(WebApp.localPath(FormFields.decode(Substring(next))) == expected)
    }

    @Test func signInNeverRedirectsToAnotherOrigin() async throws {
        let site = try await WebFixture()
        try await site.test { client in
            for next in ["/\t/evil.example", "/\\evil.example", "/\n/evil.example", "/items"] {
                let form = try await client.get("/signin")
                let csrf = try #require(hiddenValue("csrf", in: form.text))
                let visitor = try #require(form.cookies["pledge_visitor"])
                let response = try await client.post(
                    "/signin", form: [("csrf", csrf), ("token", site.tokens[.viewer]!), ("next", next)],
                    headers: [.cookie: "pledge_visitor=\(visitor)"])
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == (next == "/items" ? "/items" : "/"), "\(next.debugDescription)")
            }
        }
    }

    @Test func clientsGetAShortMessageAndTheLogGetsTheDetail() {
        struct Internal: Error, CustomStringConvertible { var description: String { "SELECT secret FROM sqlite_master" } }
        let probes: [(any Error, HTTPResponse.Status)] = [
            (Internal(), .internalServerError),
            (RegisterError.unavailable(location: "postgres://pledge:…@10.1.2.3:5432/pledge", reason: "connection refused"), .serviceUnavailable),
            (RegisterError.failed(location: "postgres://pledge:…@10.1.2.3:5432/pledge", reason: "Expression tree is too large"),
             .internalServerError),
            (RegisterError.notARegister(location: "/srv/secret/register.sqlite", reason: "no meta table"), .internalServerError),
        ]
        for (error, status) in probes {
            let (web, detail) = SiteMiddleware.clientError(error)
            #expect(web.status == status)
            for secret in ["SELECT", "10.1.2.3", "/srv/secret", "Expression tree"] {
                #expect(!web.message.contains(secret), "\(web.message)")
            }
            #expect(detail != nil, "the log hears about \(error)")
        }
        // Every path that turns a register's error into a page says it the same way.
        let direct = WebError(RegisterError.unavailable(location: "postgres://pledge:…@10.1.2.3:5432/pledge", reason: "refused"))
        #expect(direct.status == .serviceUnavailable && !direct.message.contains("10.1.2.3"))
        let (notFound, quiet) = SiteMiddleware.clientError(RegisterError.itemNotFound("x#1"))
        #expect(notFound.status == .notFound && quiet == nil)
    }

    @Test func hostileRequestsGetCleanRefusals() async throws {
        let site = try await WebFixture()
        try await site.test { client in
            let words = (1...1000).map { "word\($0)" }.joined(separator: " ")
            for uri in ["/items?q=" + formEncode(words), "/api/v1/items?q=" + formEncode(words)] {
                let response = try await client.get(uri)
                #expect(response.status == .badRequest, "\(uri.prefix(30))")
                #expect(response.text.contains("at most 32 words"))
                #expect(!response.text.contains("SELECT") && !response.text.contains("Expression"))
            }
            let big = ByteBuffer(repeating: UInt8(ascii: "a"), count: 3 << 20)
            let large = try await client.execute(
                uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: big)
            #expect(large.status == .contentTooLarge)
            #expect(!large.text.contains("NIO"))
            let api = try await client.execute(
                uri: "/api/v1/items/2024-04-10-japan-us%2317/events", method: .post,
                headers: [.authorization: "Bearer \(site.tokens[.editor]!)", .ifMatch: "\"1\"", .contentType: "application/json"], body: big)
            #expect(api.status == .contentTooLarge)
            #expect(try await client.get("/").status == .ok)
        }
    }

    /// A session names its user by token, so a look-alike name cannot stand in for another.
    @Test func aSessionIsItsOwnUserWhateverTheNames() async throws {
        let site = try await WebFixture()
        let viewerToken = AccessToken.generate()
        try await site.register.addUser(User(name: "Ren\u{E9}", role: .viewer, createdAt: "2025-01-01T00:00:00Z"),
                                        tokenHash: AccessToken.hash(viewerToken))
        await #expect(throws: RegisterError.self) {
            try await site.register.addUser(User(name: "Rene\u{301}", role: .editor, createdAt: "2025-01-01T00:00:00Z"),
                                            tokenHash: AccessToken.hash(AccessToken.generate()))
        }
        let item = itemPath("2024-04-10-japan-us#17")
        try await site.test { client in
            let (cookie, csrf) = try await client.signIn(token: viewerToken)
            let refused = try await client.post(item + "/events", form: [("status", "kept"), ("csrf", csrf)], headers: [.cookie: cookie])
            #expect(refused.status == .forbidden)
            #expect(try await client.get("/", headers: [.cookie: cookie]).text.contains("Signed in as"))
            // A removed user's session ends with them.
            try await site.register.removeUser(name: "René")
            let after = try await client.get("/", headers: [.cookie: cookie]).text
            #expect(!after.contains("Signed in as"))
        }
    }
}

/// A count that concurrent renders may bump.
final class Counter: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
